package license

import "time"

// Status is what the admin page and the inbox show for an organization.
type Status string

// Statuses, in the order the collection's select field lists them.
const (
	StatusTrial    Status = "trial"    // in the free trial, more than ExpiringDays left
	StatusActive   Status = "active"   // in a paid year, more than ExpiringDays left
	StatusExpiring Status = "expiring" // covered, ExpiringDays days left or fewer
	StatusExpired  Status = "expired"  // no cover today: sending is disabled
)

// State is an organization's license at one moment.
type State struct {
	Status Status
	// InTrial reports whether today lies in the trial, whatever Status says.
	InTrial bool
	// TrialDaysLeft counts the trial's days after today (0 on its last day
	// and after it).
	TrialDaysLeft int
	// CoverUntil is the midnight at which the cover that includes today ends,
	// years scheduled back to back included; for a lapsed cover, when it ended.
	CoverUntil time.Time
	// DaysLeft counts the covered days after today: on day 70 of a 90-day
	// trial it is 20. It is 0 on the last covered day and when expired.
	DaysLeft int
}

// Covered reports whether sending is allowed.
func (s State) Covered() bool { return s.Status != StatusExpired }

// LastDay is the last covered calendar day (the day before CoverUntil).
func (s State) LastDay() time.Time { return s.CoverUntil.AddDate(0, 0, -1) }

// State evaluates the organization at now.
func (o Organization) State(now time.Time) State {
	today := Day(now)
	periods := o.Periods()
	trial := Trial(o.FirstAuthorizedAt)
	s := State{InTrial: trial.Contains(today)}
	if s.InTrial {
		s.TrialDaysLeft = DaysBetween(today, trial.End) - 1
	}
	end, covered := coverEnd(periods, today)
	switch {
	case !covered:
		s.Status, s.CoverUntil = StatusExpired, o.LatestEnd()
		return s
	case s.InTrial:
		s.Status = StatusTrial
	default:
		s.Status = StatusActive
	}
	s.CoverUntil = end
	s.DaysLeft = DaysBetween(today, end) - 1
	if s.DaysLeft <= ExpiringDays {
		s.Status = StatusExpiring
	}
	return s
}

// coverEnd finds the period containing today and extends it through every
// period that starts before it ends. periods must be sorted by start.
func coverEnd(periods []Period, today time.Time) (time.Time, bool) {
	var end time.Time
	covered := false
	for _, p := range periods {
		if !covered {
			if p.Contains(today) {
				covered, end = true, p.End
			}
			continue
		}
		if !p.Start.After(end) && p.End.After(end) {
			end = p.End
		}
	}
	return end, covered
}

// AlertThresholds are the days-left marks at which supervisors are warned.
var AlertThresholds = []int{14, 7, 1}

// AlertThreshold returns the smallest mark of AlertThresholds that the state
// has reached (14 with 8..14 days left, 7 with 2..7, 1 with 0..1, and 0 when
// expired), and false while no warning is due.
func AlertThreshold(s State) (int, bool) {
	if s.Status == StatusExpired {
		return 0, true
	}
	mark, due := 0, false
	for _, t := range AlertThresholds {
		if s.DaysLeft <= t {
			mark, due = t, true
		}
	}
	return mark, due
}
