package model

import (
	"testing"
	"time"
)

// tetGolden is Tết Nguyên đán (mùng 1 tháng Giêng) in Vietnam, 2000–2040,
// and 1985. Every entry agrees with Hồ Ngọc Đức's own precomputed year
// tables (TK21, "amlich-hnd.js"), which were compared day by day with this
// implementation for 1968–2199: they differ only on the first day of three
// months, none of them a Tết or a Giỗ Tổ, where a new moon falls within
// minutes of midnight (4/2054, 11/2072, 10/2077). The dates of 2000–2030
// are also the published calendar dates (Tết 2007, 1985 and 2030 are where
// the Chinese calendar at UTC+8 differs: 18/2/2007, 20/2/1985, 3/2/2030).
var tetGolden = map[int]string{
	1985: "1985-01-21",
	2000: "2000-02-05", 2001: "2001-01-24", 2002: "2002-02-12", 2003: "2003-02-01", 2004: "2004-01-22",
	2005: "2005-02-09", 2006: "2006-01-29", 2007: "2007-02-17", 2008: "2008-02-07", 2009: "2009-01-26",
	2010: "2010-02-14", 2011: "2011-02-03", 2012: "2012-01-23", 2013: "2013-02-10", 2014: "2014-01-31",
	2015: "2015-02-19", 2016: "2016-02-08", 2017: "2017-01-28", 2018: "2018-02-16", 2019: "2019-02-05",
	2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22", 2024: "2024-02-10",
	2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06", 2028: "2028-01-26", 2029: "2029-02-13",
	2030: "2030-02-02", 2031: "2031-01-23", 2032: "2032-02-11", 2033: "2033-01-31", 2034: "2034-02-19",
	2035: "2035-02-08", 2036: "2036-01-28", 2037: "2037-02-15", 2038: "2038-02-04", 2039: "2039-01-24",
	2040: "2040-02-12",
}

// hungGolden is Giỗ Tổ Hùng Vương (10/3 âm lịch), 2000–2040. 2024, 2025
// and 2026 are the dates the government announced; 2031 has a leap third
// month and the holiday is in the regular one.
var hungGolden = map[int]string{
	2000: "2000-04-14", 2001: "2001-04-03", 2002: "2002-04-22", 2003: "2003-04-11", 2004: "2004-04-28",
	2005: "2005-04-18", 2006: "2006-04-07", 2007: "2007-04-26", 2008: "2008-04-15", 2009: "2009-04-04",
	2010: "2010-04-23", 2011: "2011-04-12", 2012: "2012-03-31", 2013: "2013-04-19", 2014: "2014-04-09",
	2015: "2015-04-28", 2016: "2016-04-16", 2017: "2017-04-06", 2018: "2018-04-25", 2019: "2019-04-14",
	2020: "2020-04-02", 2021: "2021-04-21", 2022: "2022-04-10", 2023: "2023-04-29", 2024: "2024-04-18",
	2025: "2025-04-07", 2026: "2026-04-26", 2027: "2027-04-16", 2028: "2028-04-04", 2029: "2029-04-23",
	2030: "2030-04-12", 2031: "2031-04-01", 2032: "2032-04-19", 2033: "2033-04-09", 2034: "2034-04-28",
	2035: "2035-04-17", 2036: "2036-04-06", 2037: "2037-04-24", 2038: "2038-04-13", 2039: "2039-04-03",
	2040: "2040-04-20",
}

func TestTetDate(t *testing.T) {
	for y := 2000; y <= 2040; y++ {
		if _, ok := tetGolden[y]; !ok {
			t.Fatalf("golden table lacks Tết %d", y)
		}
	}
	for y, want := range tetGolden {
		if got := TetDate(y).ISO(); got != want {
			t.Errorf("TetDate(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestHungKingsDate(t *testing.T) {
	for y, want := range hungGolden {
		if got := HungKingsDate(y).ISO(); got != want {
			t.Errorf("HungKingsDate(%d) = %s, want %s", y, got, want)
		}
	}
}

func TestSolarToLunarKnownDates(t *testing.T) {
	tests := []struct {
		solar Date
		want  LunarDate
	}{
		{Date{2026, time.February, 14}, LunarDate{2025, 12, 27, false}}, // 27 tháng Chạp Ất Tỵ (docs/law.md, Counting days)
		{Date{2026, time.February, 16}, LunarDate{2025, 12, 29, false}}, // last day of a 29-day Chạp
		{Date{2026, time.February, 22}, LunarDate{2026, 1, 6, false}},   // mùng 6 Tết Bính Ngọ
		{Date{2020, time.May, 23}, LunarDate{2020, 4, 1, true}},         // tháng 4 nhuận Canh Tý
		{Date{2023, time.March, 22}, LunarDate{2023, 2, 1, true}},       // tháng 2 nhuận Quý Mão
		{Date{2023, time.March, 21}, LunarDate{2023, 2, 30, false}},     // day before it
		{Date{2025, time.July, 25}, LunarDate{2025, 6, 1, true}},        // tháng 6 nhuận Ất Tỵ
		{Date{2033, time.December, 22}, LunarDate{2033, 11, 1, true}},   // the "2033 problem": leap 11th month
		{Date{2000, time.January, 1}, LunarDate{1999, 11, 25, false}},
		{Date{1985, time.January, 20}, LunarDate{1984, 12, 30, false}},
	}
	for _, tt := range tests {
		if got := SolarToLunar(tt.solar); got != tt.want {
			t.Errorf("SolarToLunar(%s) = %+v, want %+v", tt.solar, got, tt.want)
		}
		if got, ok := LunarToSolar(tt.want); !ok || got != tt.solar {
			t.Errorf("LunarToSolar(%+v) = %s %v, want %s", tt.want, got, ok, tt.solar)
		}
	}
}

func TestLunarToSolarInvalid(t *testing.T) {
	for _, ld := range []LunarDate{
		{2026, 3, 1, true},    // 2026 has no leap month
		{2025, 5, 1, true},    // 2025's leap month is the 6th
		{2025, 12, 30, false}, // Chạp Ất Tỵ has 29 days
		{2026, 13, 1, false},
		{2026, 0, 1, false},
		{2026, 1, 0, false},
		{2026, 1, 31, false},
	} {
		if d, ok := LunarToSolar(ld); ok {
			t.Errorf("LunarToSolar(%+v) = %s, want no date", ld, d)
		}
	}
}

// TestLunarRoundTrip walks every day of 2000–2100: each lunar date converts
// back to its solar day, lunar days follow each other (day+1, or day 1 of
// the next month after day 29 or 30), and lunar years begin on TetDate.
func TestLunarRoundTrip(t *testing.T) {
	start, end := jdn(Date{2000, time.January, 1}), jdn(Date{2100, time.December, 31})
	prev := SolarToLunar(fromJDN(start - 1))
	for j := start; j <= end; j++ {
		d := fromJDN(j)
		ld := SolarToLunar(d)
		back, ok := LunarToSolar(ld)
		if !ok || back != d {
			t.Fatalf("%s → %+v → %s %v", d, ld, back, ok)
		}
		switch {
		case ld.D == prev.D+1 && ld.M == prev.M && ld.Y == prev.Y && ld.Leap == prev.Leap:
		case ld.D == 1 && (prev.D == 29 || prev.D == 30):
			if ld.M == 1 && !ld.Leap {
				if ld.Y != prev.Y+1 || TetDate(ld.Y) != d {
					t.Fatalf("%s: new year %+v after %+v, TetDate %s", d, ld, prev, TetDate(ld.Y))
				}
			} else if ld.Y != prev.Y {
				t.Fatalf("%s: %+v after %+v", d, ld, prev)
			}
		default:
			t.Fatalf("%s: %+v does not follow %+v", d, ld, prev)
		}
		prev = ld
	}
}

func TestJDN(t *testing.T) {
	if got := jdn(Date{2000, time.January, 1}); got != 2451545 {
		t.Fatalf("jdn(1/1/2000) = %d, want 2451545", got)
	}
	for j := 2400000; j < 2500000; j += 37 {
		d := fromJDN(j)
		if jdn(d) != j || d != NewDate(d.Y, d.M, d.D) {
			t.Fatalf("fromJDN(%d) = %v", j, d)
		}
		if weekdayJD(j) != d.Weekday() {
			t.Fatalf("weekdayJD(%d) = %v, want %v", j, weekdayJD(j), d.Weekday())
		}
	}
}

func BenchmarkSolarToLunar(b *testing.B) {
	d := Date{2026, time.February, 17}
	for b.Loop() {
		SolarToLunar(d)
	}
}
