package automation

import (
	"fmt"
	"time"
)

// Hours are business hours: a weekly plan plus holidays, in a time zone.
// The shape is the one a queue reuses when queues exist.
type Hours struct {
	// Enabled: without business hours the account is always open.
	Enabled bool `json:"enabled"`
	// TimeZone is an IANA name; "" means Asia/Shanghai.
	TimeZone string `json:"time_zone"`
	// Weekly lists open spans per weekday, Sunday first (time.Weekday).
	Weekly [7][]Span `json:"weekly"`
	// Holidays are closed dates, "2006-01-02", in TimeZone.
	Holidays []string `json:"holidays"`
	// OutOfHours is OutOfHoursBot or OutOfHoursWait.
	OutOfHours string `json:"out_of_hours"`
	// OutOfHoursText is sent when a conversation opens out of hours.
	OutOfHoursText string `json:"out_of_hours_text"`
}

// Span is an open period within a day, "09:00" to "18:00" (end excluded).
type Span struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// minutes parses "15:04" into minutes after midnight.
func minutes(hhmm string) (int, error) {
	t, err := time.Parse("15:04", hhmm)
	if err != nil {
		return 0, fmt.Errorf("automation: time %q: want HH:MM", hhmm)
	}
	return t.Hour()*60 + t.Minute(), nil
}

// location is the hours' time zone.
func (h Hours) location() *time.Location {
	name := h.TimeZone
	if name == "" {
		name = "Asia/Shanghai"
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}

// Open reports whether now falls within the business hours.
func (h Hours) Open(now time.Time) bool {
	if !h.Enabled {
		return true
	}
	local := now.In(h.location())
	day := local.Format("2006-01-02")
	for _, d := range h.Holidays {
		if d == day {
			return false
		}
	}
	m := local.Hour()*60 + local.Minute()
	for _, sp := range h.Weekly[local.Weekday()] {
		start, err1 := minutes(sp.Start)
		end, err2 := minutes(sp.End)
		if err1 == nil && err2 == nil && m >= start && m < end {
			return true
		}
	}
	return false
}

// OfficeHours returns a Monday-to-Friday plan from start to end, a
// convenience for forms and tests.
func OfficeHours(start, end string) [7][]Span {
	var w [7][]Span
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = []Span{{start, end}}
	}
	return w
}
