package model

import "testing"

// FuzzParseDateInput: the date parser behind every typed date (the
// interface and the command line's NGÀY arguments) never panics, every
// refusal is a sentence in both languages, and every date it accepts
// exists and reads back the same in both forms it prints.
func FuzzParseDateInput(f *testing.F) {
	for _, s := range []string{"02/03/2026", "2026-03-02", "02032026", "020326", "31/02/2026", "1/1/1900",
		" 29.02.2028 ", "00/00/0000", "2026-13-01", "99/99/99999", "-1/-1/-1", "１２/０３/２０２６", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, m := ParseDateInput(s)
		if m != nil {
			if m.VI == "" || m.EN == "" {
				t.Fatalf("%q: a refusal without words: %+v", s, m)
			}
			return
		}
		if NewDate(d.Y, d.M, d.D) != d || d.Y < 1900 {
			t.Fatalf("%q: accepted a date that does not exist: %+v", s, d)
		}
		for _, again := range []string{d.String(), d.ISO()} {
			if d2, m2 := ParseDateInput(again); m2 != nil || d2 != d {
				t.Fatalf("%q -> %v, printed %q, read back %v %v", s, d, again, d2, m2)
			}
		}
	})
}
