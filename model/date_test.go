package model

import (
	"fmt"
	"testing"
	"time"
)

// ISO and UnmarshalText take their own short way through the one form
// they write; it must give what fmt and time.Parse give.
func TestDateISOAsTimeParseReadsIt(t *testing.T) {
	for day := time.Date(1899, 12, 25, 0, 0, 0, 0, time.UTC); day.Year() < 2102; day = day.AddDate(0, 0, 1) {
		d := DateOf(day)
		want := fmt.Sprintf("%04d-%02d-%02d", d.Y, int(d.M), d.D)
		if d.ISO() != want {
			t.Fatalf("%v: ISO %q, want %q", day, d.ISO(), want)
		}
		var back Date
		if err := back.UnmarshalText([]byte(want)); err != nil || back != d {
			t.Fatalf("%q read back as %v (%v)", want, back, err)
		}
	}
	for _, d := range []Date{{}, {Y: 12345, M: 1, D: 2}, {Y: -5, M: 1, D: 1}, {Y: 7, M: 0, D: 3}} {
		want := ""
		if !d.IsZero() {
			want = fmt.Sprintf("%04d-%02d-%02d", d.Y, int(d.M), d.D)
		}
		if d.ISO() != want {
			t.Errorf("%+v: ISO %q, want %q", d, d.ISO(), want)
		}
	}
	for _, s := range []string{"2026-02-29", "2024-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-4-01",
		"2026/04/01", "20260401", "0000-01-01", "2026-04-01 ", "２０２６-04-01", "-026-04-01"} {
		var got Date
		err := got.UnmarshalText([]byte(s))
		tm, werr := time.Parse("2006-01-02", s)
		if (err == nil) != (werr == nil) || err == nil && got != (Date{tm.Year(), tm.Month(), tm.Day()}) {
			t.Errorf("%q: read %v (%v); time.Parse %v (%v)", s, got, err, tm, werr)
		}
	}
}
