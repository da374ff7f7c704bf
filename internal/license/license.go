// Package license holds the rules of the channel license: a 90-day trial from
// an organization's first authorization, then paid years of 4 IM credits each,
// scheduled back to back, and the status shown to admins. It is pure: callers
// pass the organization's history and the clock, and it never touches the
// database, so the admin page, the daily cron and the tests agree on one answer.
//
// Every boundary is a midnight in China Standard Time: customers think of
// licenses in calendar days, and counting whole days makes "20 days left" mean
// the same thing at 00:01 and at 23:59.
package license

import (
	"sort"
	"time"
)

// Zone is the calendar the rules count days in: Asia/Shanghai, which has had
// no daylight saving since 1991, so a fixed offset needs no tzdata.
var Zone = time.FixedZone("CST", 8*60*60)

// The commercial terms.
const (
	TrialDays      = 90 // a trial lasts 90 calendar days, the day of authorization included
	CreditsPerYear = 4  // one year of license costs 4 IM credits
	PriceYuan      = 50 // what those 4 credits cost: ¥50 per organization per year
	ExpiringDays   = 14 // with this many days left or fewer, the status is "expiring"
	RenewDays      = 7  // auto-renewal buys the next year with this many days left or fewer
)

// Source says where a period of cover came from.
type Source string

// Sources of cover. Trial is never stored; it follows from the first authorization.
const (
	SourceTrial    Source = "trial"
	SourcePurchase Source = "purchase"
	SourceRenewal  Source = "renewal"
)

// Period is one stretch of cover, from the midnight Start (included) to the
// midnight End (excluded).
type Period struct {
	Start  time.Time
	End    time.Time
	Source Source
}

// Contains reports whether the day of t lies in the period.
func (p Period) Contains(t time.Time) bool {
	d := Day(t)
	return !d.Before(p.Start) && d.Before(p.End)
}

// Day returns the midnight (in Zone) that starts the calendar day of t.
func Day(t time.Time) time.Time {
	y, m, d := t.In(Zone).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Zone)
}

// DaysBetween counts the calendar days from the day of a to the day of b
// (negative when b is earlier).
func DaysBetween(a, b time.Time) int {
	// Zone has no DST, so midnights are exactly 24 h apart.
	return int(Day(b).Sub(Day(a)) / (24 * time.Hour))
}

// Trial returns the trial period of an organization first authorized at first.
func Trial(first time.Time) Period {
	start := Day(first)
	return Period{Start: start, End: start.AddDate(0, 0, TrialDays), Source: SourceTrial}
}

// Year returns one year of license starting at the day of start.
func Year(start time.Time, source Source) Period {
	s := Day(start)
	return Period{Start: s, End: s.AddDate(1, 0, 0), Source: source}
}

// Organization is what the rules need to know about one CorpID/AppID: when it
// was first authorized and the license years it has bought.
type Organization struct {
	FirstAuthorizedAt time.Time
	Licenses          []Period
}

// Periods returns the trial and every license, sorted by start.
func (o Organization) Periods() []Period {
	out := make([]Period, 0, len(o.Licenses)+1)
	out = append(out, Trial(o.FirstAuthorizedAt))
	out = append(out, o.Licenses...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// LatestEnd is the end of the last period of cover, scheduled ones included.
func (o Organization) LatestEnd() time.Time {
	var end time.Time
	for _, p := range o.Periods() {
		if p.End.After(end) {
			end = p.End
		}
	}
	return end
}

// NextStart is when a year bought at now begins: when the trial ends if
// bought during it, when the last paid or scheduled year ends if bought during
// one, and today if the cover has lapsed.
func (o Organization) NextStart(now time.Time) time.Time {
	today := Day(now)
	if end := o.LatestEnd(); end.After(today) {
		return end
	}
	return today
}

// Buy returns the year that a purchase (or renewal) at now would add.
func (o Organization) Buy(now time.Time, source Source) Period {
	return Year(o.NextStart(now), source)
}

// RenewalDue reports whether auto-renewal should buy a year at now: the cover
// ends within RenewDays days and nothing is scheduled after it. A lapsed cover
// is due as well, so that credits bought after a lapse restore the license
// at the next run without anyone pressing Buy.
func (o Organization) RenewalDue(now time.Time) bool {
	return DaysBetween(now, o.LatestEnd())-1 <= RenewDays
}
