package common

import "testing"

func TestSingular(t *testing.T) {
	for in, want := range map[string]string{
		"overdue 1 days │":    "overdue 1 day  │",
		"1 working days left": "1 working day  left",
		"11 days, 21 cases":   "11 days, 21 cases",
		"1 cases · 1 matches": "1 case  · 1 match  ",
		"1 petitions waiting": "1 petition  waiting",
	} {
		if got := Singular(in); got != want {
			t.Errorf("Singular(%q) = %q, want %q", in, got, want)
		}
	}
}
