package model

import (
	"fmt"
	"time"
)

// Date is a civil date with no time of day and no zone: the unit every legal
// time limit is counted in. The zero Date is "no date".
type Date struct {
	Y int
	M time.Month
	D int
}

// VN is the zone in which dates are seen and deadlines counted.
var VN = time.FixedZone("ICT", 7*3600)

// DateOf returns the calendar date of t as seen in Vietnam (UTC+7).
func DateOf(t time.Time) Date {
	y, m, d := t.In(VN).Date()
	return Date{y, m, d}
}

// NewDate builds a date, normalising out-of-range days like time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 12, 0, 0, 0, VN))
}

// IsZero reports whether d is "no date".
func (d Date) IsZero() bool { return d.Y == 0 && d.M == 0 && d.D == 0 }

// Time returns noon of d in Vietnam, a safe anchor for arithmetic.
func (d Date) Time() time.Time { return time.Date(d.Y, d.M, d.D, 12, 0, 0, 0, VN) }

// AddDays returns d plus n calendar days (n may be negative).
func (d Date) AddDays(n int) Date { return NewDate(d.Y, d.M, d.D+n) }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1.
func (d Date) Compare(e Date) int {
	switch {
	case d.Y != e.Y:
		return sign(d.Y - e.Y)
	case d.M != e.M:
		return sign(int(d.M) - int(e.M))
	default:
		return sign(d.D - e.D)
	}
}

// DaysUntil returns the number of calendar days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.Time().Sub(d.Time()).Round(24*time.Hour) / (24 * time.Hour))
}

// String formats d the Vietnamese way, dd/mm/yyyy; the zero date is "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.D, int(d.M), d.Y)
}

// ISO formats d as yyyy-mm-dd, the form used in data files and keys.
func (d Date) ISO() string {
	var b [10]byte
	return string(d.AppendISO(b[:0]))
}

// AppendISO appends d as ISO writes it.
func (d Date) AppendISO(b []byte) []byte {
	switch {
	case d.IsZero():
		return b
	case d.Y < 0 || d.Y > 9999 || d.M < 0 || d.M > 99 || d.D < 0 || d.D > 99:
		return fmt.Appendf(b, "%04d-%02d-%02d", d.Y, int(d.M), d.D)
	}
	m := int(d.M)
	return append(b, byte('0'+d.Y/1000), byte('0'+d.Y/100%10), byte('0'+d.Y/10%10), byte('0'+d.Y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+d.D/10), byte('0'+d.D%10))
}

// MarshalText stores dates as yyyy-mm-dd (sortable, readable in JSON).
func (d Date) MarshalText() ([]byte, error) { return d.AppendISO(nil), nil }

// UnmarshalText reads yyyy-mm-dd; the empty string is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	if x, ok := parseISO(b); ok {
		*d = x
		return nil
	}
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return fmt.Errorf("model: bad date %q: %w", b, err)
	}
	*d = Date{t.Year(), t.Month(), t.Day()}
	return nil
}

// parseISO reads exactly yyyy-mm-dd naming a day that exists, the one
// form ISO writes, as time.Parse would; anything else is left to it.
func parseISO(b []byte) (Date, bool) {
	if len(b) != 10 || b[4] != '-' || b[7] != '-' {
		return Date{}, false
	}
	n := 0
	for i, c := range b {
		if i == 4 || i == 7 {
			continue
		}
		if c < '0' || c > '9' {
			return Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	d := Date{n / 10000, time.Month(n / 100 % 100), n % 100}
	return d, NewDate(d.Y, d.M, d.D) == d // a day that exists is its own normal form
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}
