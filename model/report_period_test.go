package model_test

import (
	"testing"

	"donthu/model"
)

func TestPeriodBounds(t *testing.T) {
	for _, tc := range []struct {
		in       string
		official bool
		from, to string
		label    string
		prev     string // bounds of Previous
		last     string // bounds of LastYear
	}{
		{"2026-Q3", false, "01/07/2026", "30/09/2026", "Quý III/2026", "01/04/2026–30/06/2026", "01/07/2025–30/09/2025"},
		{"2026-Q3", true, "15/06/2026", "14/09/2026", "Quý III/2026 (từ 15/06/2026 đến 14/09/2026)", "15/03/2026–14/06/2026", "15/06/2025–14/09/2025"},
		{"2026-Q1", true, "15/12/2025", "14/03/2026", "Quý I/2026 (từ 15/12/2025 đến 14/03/2026)", "15/09/2025–14/12/2025", "15/12/2024–14/03/2025"},
		{"2026-06", false, "01/06/2026", "30/06/2026", "Tháng 06/2026", "01/05/2026–31/05/2026", "01/06/2025–30/06/2025"},
		{"2026-01", true, "15/12/2025", "14/01/2026", "Tháng 01/2026 (từ 15/12/2025 đến 14/01/2026)", "15/11/2025–14/12/2025", "15/12/2024–14/01/2025"},
		{"2026-6T", false, "01/01/2026", "30/06/2026", "6 tháng đầu năm 2026", "01/07/2025–31/12/2025", "01/01/2025–30/06/2025"},
		{"2026-6T", true, "15/12/2025", "14/06/2026", "6 tháng đầu năm 2026 (từ 15/12/2025 đến 14/06/2026)", "15/06/2025–14/12/2025", "15/12/2024–14/06/2025"},
		{"2026-9T", true, "15/12/2025", "14/09/2026", "9 tháng năm 2026 (từ 15/12/2025 đến 14/09/2026)", "15/03/2025–14/12/2025", "15/12/2024–14/09/2025"},
		{"2026", false, "01/01/2026", "31/12/2026", "Năm 2026", "01/01/2025–31/12/2025", "01/01/2025–31/12/2025"},
		{"2026", true, "15/12/2025", "14/12/2026", "Năm 2026 (từ 15/12/2025 đến 14/12/2026)", "15/12/2024–14/12/2025", "15/12/2024–14/12/2025"},
	} {
		p, m := model.ParsePeriod(tc.in, tc.official)
		if m != nil {
			t.Fatalf("%s: %v", tc.in, m)
		}
		from, to := p.Bounds()
		if from.String() != tc.from || to.String() != tc.to {
			t.Errorf("%s official=%v: %s–%s, want %s–%s", tc.in, tc.official, from, to, tc.from, tc.to)
		}
		if l := p.Label().VI; l != tc.label {
			t.Errorf("%s: label %q, want %q", tc.in, l, tc.label)
		}
		b := func(q model.Period) string { f, t := q.Bounds(); return f.String() + "–" + t.String() }
		if got := b(p.Previous()); got != tc.prev {
			t.Errorf("%s official=%v: previous %s, want %s", tc.in, tc.official, got, tc.prev)
		}
		if got := b(p.LastYear()); got != tc.last {
			t.Errorf("%s official=%v: last year %s, want %s", tc.in, tc.official, got, tc.last)
		}
	}
	for _, bad := range []string{"", "2026-Q5", "2026-13", "26-Q1", "2026-7T", "abc"} {
		if _, m := model.ParsePeriod(bad, false); m == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// TestPeriodCutOff: a visit on the 14th and one on the 15th of the last
// month of a quarter, both ways.
func TestPeriodCutOff(t *testing.T) {
	d14, d15 := model.Date{Y: 2026, M: 9, D: 14}, model.Date{Y: 2026, M: 9, D: 15}
	q3cal, _ := model.ParsePeriod("2026-Q3", false)
	q3off, _ := model.ParsePeriod("2026-Q3", true)
	q4off, _ := model.ParsePeriod("2026-Q4", true)
	for _, tc := range []struct {
		p    model.Period
		d    model.Date
		want bool
	}{
		{q3cal, d14, true}, {q3cal, d15, true},
		{q3off, d14, true}, {q3off, d15, false},
		{q4off, d14, false}, {q4off, d15, true},
	} {
		if got := tc.p.Contains(tc.d); got != tc.want {
			t.Errorf("%s holds %s: %v, want %v", tc.p.Label().VI, tc.d, got, tc.want)
		}
	}
	if p := model.PeriodOf(model.PeriodQuarter, d15, true); p.N != 4 || p.Year != 2026 {
		t.Errorf("15/9 official: %+v", p)
	}
	if p := model.PeriodOf(model.PeriodQuarter, d14, true); p.N != 3 {
		t.Errorf("14/9 official: %+v", p)
	}
	if p := model.PeriodOf(model.PeriodYear, model.Date{Y: 2026, M: 12, D: 15}, true); p.Year != 2027 {
		t.Errorf("15/12/2026 official belongs to 2027: %+v", p)
	}
	// Stepping moves by the period's own length.
	p := q3off.Step(1)
	if f, to := p.Bounds(); f.String() != "15/09/2026" || to.String() != "14/12/2026" {
		t.Errorf("next of official Q3: %s–%s", f, to)
	}
	if p := q3cal.Step(-3); p.N != 4 || p.Year != 2025 {
		t.Errorf("three quarters back: %+v", p)
	}
}

func TestParseFormID(t *testing.T) {
	for in, want := range map[string]model.FormID{"01/TCD": model.Form01TCD, "01-tcd": model.Form01TCD, "02tcd": model.Form02TCD,
		"01/xld": model.Form01XLD, "01/KQGQ": model.Form01KQGQ, "03-kqgq": model.Form03KQGQ, "rstd": model.FormReview} {
		if got, ok := model.ParseFormID(in); !ok || got != want {
			t.Errorf("%q: %q %v", in, got, ok)
		}
	}
	if _, ok := model.ParseFormID("04/XLD"); ok {
		t.Error("04/XLD parsed")
	}
}
