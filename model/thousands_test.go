package model

import "testing"

// Counts are grouped as their reader writes them: dots in Vietnamese,
// commas in English.
func TestThousandsIn(t *testing.T) {
	for _, c := range []struct {
		l    Lang
		n    int64
		want string
	}{{VI, 955758, "955.758"}, {EN, 955758, "955,758"}, {VI, 0, "0"}, {EN, 999, "999"}, {EN, -1234567, "-1,234,567"}, {VI, 1000, "1.000"}, {VI, 999, "999"}, {EN, 1000000, "1,000,000"}} {
		if got := ThousandsIn(c.l, c.n); got != c.want {
			t.Errorf("ThousandsIn(%v, %d) = %q, want %q", c.l, c.n, got, c.want)
		}
	}
}
