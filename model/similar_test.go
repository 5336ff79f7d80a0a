package model

import "testing"

func TestSimilarText(t *testing.T) {
	cases := []struct {
		a, b     string
		min, max float64
	}{
		{"Công ty nợ lương ba tháng", "cong ty no luong ba thang", 1, 1},
		{"Công ty nợ lương ba tháng", "Công ty chậm trả lương ba tháng nay", 0.6, 0.8},
		{"Công ty nợ lương ba tháng", "Bị sa thải trái pháp luật", 0, 0.01},
		{"Công ty nợ lương", "Công ty sa thải trái luật", 0.3, 0.45},
		{"", "Công ty nợ lương", 0, 0},
		{"và của là", "và của là", 0, 0}, // function words only
		{"Hòa giải", "hoà giải", 1, 1},   // old and new tone placement
	}
	for _, c := range cases {
		got := SimilarText(c.a, c.b)
		if got < c.min || got > c.max {
			t.Errorf("SimilarText(%q, %q) = %.2f, want %.2f–%.2f", c.a, c.b, got, c.min, c.max)
		}
		if back := SimilarText(c.b, c.a); back != got {
			t.Errorf("SimilarText is not symmetric on %q, %q: %.2f and %.2f", c.a, c.b, got, back)
		}
	}
}
