package model

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

func ymd(y int, m time.Month, day int) Date { return Date{y, m, day} }

// holidayList renders Holidays(year) as "dd/mm kind name" lines.
func holidayList(c *Calendar, year int) string {
	var b strings.Builder
	for _, o := range c.Holidays(year) {
		fmt.Fprintf(&b, "%02d/%02d %s %s\n", o.Date.D, int(o.Date.M), o.Kind, o.Name)
	}
	return b.String()
}

func TestBuiltinHolidays(t *testing.T) {
	tests := []struct {
		year int
		want string
	}{
		// 2022: 1/1 is a Saturday → Mon 3/1 in lieu. Tết 1/2 (Tue): 31/1 and
		// 1–4/2, all weekdays. Giỗ Tổ 10/4 is a Sunday → Mon 11/4. 30/4 Sat
		// and 1/5 Sun → Mon 2/5 and Tue 3/5. 1/9 Thu, 2/9 Fri. These are the
		// days the government announced for 2022.
		{2022, `01/01 holiday Tết Dương lịch
03/01 compensatory Nghỉ bù Tết Dương lịch
31/01 holiday Tết Nguyên đán
01/02 holiday Tết Nguyên đán
02/02 holiday Tết Nguyên đán
03/02 holiday Tết Nguyên đán
04/02 holiday Tết Nguyên đán
10/04 holiday Giỗ Tổ Hùng Vương
11/04 compensatory Nghỉ bù Giỗ Tổ Hùng Vương
30/04 holiday Ngày Chiến thắng
01/05 holiday Quốc tế Lao động
02/05 compensatory Nghỉ bù Ngày Chiến thắng
03/05 compensatory Nghỉ bù Quốc tế Lao động
01/09 holiday Quốc khánh
02/09 holiday Quốc khánh
`},
		// 2025: Tết 29/1 (Wed): 28/1 and 29/1–1/2; 1/2 is a Saturday → Mon
		// 3/2. Giỗ Tổ 7/4 Mon. 30/4 Wed, 1/5 Thu, 1/9 Mon, 2/9 Tue.
		{2025, `01/01 holiday Tết Dương lịch
28/01 holiday Tết Nguyên đán
29/01 holiday Tết Nguyên đán
30/01 holiday Tết Nguyên đán
31/01 holiday Tết Nguyên đán
01/02 holiday Tết Nguyên đán
03/02 compensatory Nghỉ bù Tết Nguyên đán
07/04 holiday Giỗ Tổ Hùng Vương
30/04 holiday Ngày Chiến thắng
01/05 holiday Quốc tế Lao động
01/09 holiday Quốc khánh
02/09 holiday Quốc khánh
`},
		// 2020, under BLLĐ 2012: Quốc khánh is 2/9 alone. Tết 25/1 (Sat):
		// 24/1 Fri, 25/1 Sat, 26/1 Sun, 27–28/1 → Wed 29/1 and Thu 30/1 in lieu.
		{2020, `01/01 holiday Tết Dương lịch
24/01 holiday Tết Nguyên đán
25/01 holiday Tết Nguyên đán
26/01 holiday Tết Nguyên đán
27/01 holiday Tết Nguyên đán
28/01 holiday Tết Nguyên đán
29/01 compensatory Nghỉ bù Tết Nguyên đán
30/01 compensatory Nghỉ bù Tết Nguyên đán
02/04 holiday Giỗ Tổ Hùng Vương
30/04 holiday Ngày Chiến thắng
01/05 holiday Quốc tế Lao động
02/09 holiday Quốc khánh
`},
		// 2006, under BLLĐ 1994: Tết 4 days (28/1 Sat, 29/1 Sun, 30–31/1 →
		// Wed 1/2, Thu 2/2 in lieu), no Giỗ Tổ yet (7/4/2006 is a working day).
		{2006, `01/01 holiday Tết Dương lịch
02/01 compensatory Nghỉ bù Tết Dương lịch
28/01 holiday Tết Nguyên đán
29/01 holiday Tết Nguyên đán
30/01 holiday Tết Nguyên đán
31/01 holiday Tết Nguyên đán
01/02 compensatory Nghỉ bù Tết Nguyên đán
02/02 compensatory Nghỉ bù Tết Nguyên đán
30/04 holiday Ngày Chiến thắng
01/05 holiday Quốc tế Lao động
02/05 compensatory Nghỉ bù Ngày Chiến thắng
02/09 holiday Quốc khánh
04/09 compensatory Nghỉ bù Quốc khánh
`},
	}
	for _, tt := range tests {
		if got := holidayList(NewCalendar(nil), tt.year); got != tt.want {
			t.Errorf("Holidays(%d):\n%s\nwant:\n%s", tt.year, got, tt.want)
		}
	}
}

func TestHolidaySources(t *testing.T) {
	for _, tt := range []struct {
		day  Date
		want string
	}{
		{ymd(2026, 4, 26), "BLLĐ 2019 Điều 112.1"},
		{ymd(2026, 4, 27), "BLLĐ 2019 Điều 111.3"},
		{ymd(2020, 9, 2), "BLLĐ 2012 Điều 115.1"},
		{ymd(2006, 1, 28), "BLLĐ 1994 Điều 73"},
	} {
		found := false
		for _, o := range NewCalendar(nil).Holidays(tt.day.Y) {
			if o.Date == tt.day {
				found = true
				if o.Source != tt.want {
					t.Errorf("%s: source %q, want %q", tt.day, o.Source, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%s not listed", tt.day)
		}
	}
}

func TestEveryYearHasItsHolidays(t *testing.T) {
	cal := NewCalendar(nil)
	for y := 2000; y <= 2100; y++ {
		tet, hung := TetDate(y), HungKingsDate(y)
		for _, day := range []Date{ymd(y, 1, 1), tet.AddDays(-1), tet, tet.AddDays(2), ymd(y, 4, 30), ymd(y, 5, 1), ymd(y, 9, 2)} {
			if cal.IsWorkingDay(day) {
				t.Fatalf("%d: %s is a working day", y, day)
			}
		}
		if y >= 2007 && cal.IsWorkingDay(hung) {
			t.Fatalf("%d: Giỗ Tổ %s is a working day", y, hung)
		}
		if y >= 2021 && cal.IsWorkingDay(ymd(y, 9, 1)) {
			t.Fatalf("%d: 1/9 is a working day", y)
		}
		// Every built-in holiday on a weekend has its own day in lieu.
		weekendHolidays, comps := 0, 0
		for _, o := range cal.Holidays(y) {
			switch {
			case o.Kind == DayHoliday && (o.Date.Weekday() == time.Saturday || o.Date.Weekday() == time.Sunday):
				weekendHolidays++
			case o.Kind == DayCompensatory:
				comps++
				if w := o.Date.Weekday(); w == time.Saturday || w == time.Sunday {
					t.Fatalf("%d: day in lieu %s on a weekend", y, o.Date)
				}
			}
		}
		if weekendHolidays != comps {
			t.Fatalf("%d: %d holidays on weekends, %d days in lieu", y, weekendHolidays, comps)
		}
	}
}

func TestTet2026DefaultOverrides(t *testing.T) {
	ov := DefaultOverrides()
	for _, o := range ov {
		if o.Source == "" || o.Name == "" || !o.Kind.Valid() {
			t.Errorf("incomplete default override %+v", o)
		}
	}
	cal := NewCalendar(ov)
	// Thứ Bảy 14/2/2026 (27 tháng Chạp) to Chủ nhật 22/2/2026 (mùng 6) off.
	for day := ymd(2026, 2, 14); !day.After(ymd(2026, 2, 22)); day = day.AddDays(1) {
		if cal.IsWorkingDay(day) {
			t.Errorf("%s is a working day", day)
		}
	}
	if !cal.IsWorkingDay(ymd(2026, 2, 13)) || !cal.IsWorkingDay(ymd(2026, 2, 23)) {
		t.Error("Fri 13/2 and Mon 23/2/2026 must be working days")
	}
	if why, _ := cal.Why(ymd(2026, 2, 17)); why != HolidayTet {
		t.Errorf("Why(17/2/2026) = %v", why)
	}
	if why, _ := cal.Why(ymd(2026, 2, 14)); !strings.Contains(why.VI, "Tết") {
		t.Errorf("Why(14/2/2026) = %v", why)
	}
	// The shipped days agree with the built-in default for 2026.
	base := NewCalendar(nil)
	for day := ymd(2026, 1, 1); day.Y == 2026; day = day.AddDays(1) {
		if base.IsWorkingDay(day) != cal.IsWorkingDay(day) {
			t.Errorf("%s: built-in %v, defaults %v", day, base.IsWorkingDay(day), cal.IsWorkingDay(day))
		}
	}
}

func TestWhy(t *testing.T) {
	cal := NewCalendar([]Override{
		{Date: ymd(2026, 7, 10), Kind: DayOff, Name: "Đơn vị nghỉ họp tổng kết", Source: "Thông báo của văn phòng"},
		{Date: ymd(2026, 7, 11), Kind: DayWork, Name: "Làm bù"},
		{Date: ymd(2026, 7, 17), Kind: DayOff},
	})
	tests := []struct {
		day  Date
		want Label
		off  bool
	}{
		{ymd(2026, 7, 4), Label{"Thứ Bảy", "Saturday"}, true},
		{ymd(2026, 7, 5), Label{"Chủ nhật", "Sunday"}, true},
		{ymd(2026, 7, 6), Label{}, false},
		{ymd(2026, 7, 10), Label{"Đơn vị nghỉ họp tổng kết", "Đơn vị nghỉ họp tổng kết"}, true},
		{ymd(2026, 7, 11), Label{}, false}, // swapped working Saturday
		{ymd(2026, 7, 17), Label{"Ngày nghỉ", "Day off"}, true},
		{ymd(2026, 2, 16), HolidayTet, true},
		{ymd(2026, 4, 26), HolidayHung, true}, // a Sunday: the holiday's name wins
		{ymd(2026, 4, 27), Label{"Nghỉ bù Giỗ Tổ Hùng Vương", "Day off in lieu of Hùng Kings' Commemoration Day"}, true},
		{ymd(2026, 9, 1), HolidayNational, true},
	}
	for _, tt := range tests {
		got, off := cal.Why(tt.day)
		if got != tt.want || off != tt.off {
			t.Errorf("Why(%s) = %v %v, want %v %v", tt.day, got, off, tt.want, tt.off)
		}
		if off == cal.IsWorkingDay(tt.day) {
			t.Errorf("%s: Why says off=%v but IsWorkingDay=%v", tt.day, off, cal.IsWorkingDay(tt.day))
		}
	}
}

func TestOverrides(t *testing.T) {
	t.Run("later entry for a date wins", func(t *testing.T) {
		cal := NewCalendar([]Override{
			{Date: ymd(2026, 7, 8), Kind: DayOff, Name: "a"},
			{Date: ymd(2026, 7, 8), Kind: DayWork, Name: "b"},
		})
		if !cal.IsWorkingDay(ymd(2026, 7, 8)) {
			t.Error("the later DayWork must win")
		}
	})
	t.Run("swapped working Saturday", func(t *testing.T) {
		cal := NewCalendar([]Override{{Date: ymd(2026, 7, 4), Kind: DayWork, Name: "Làm bù"}})
		if !cal.IsWorkingDay(ymd(2026, 7, 4)) || cal.IsWorkingDay(ymd(2026, 7, 5)) {
			t.Error("Sat 4/7 must work, Sun 5/7 must not")
		}
	})
	t.Run("cancelled holiday loses its day in lieu", func(t *testing.T) {
		// Giỗ Tổ 2022 is Sunday 10/4; cancelling it keeps Monday 11/4 a working day.
		cal := NewCalendar([]Override{{Date: ymd(2022, 4, 10), Kind: DayWork, Name: "Làm việc"}})
		if !cal.IsWorkingDay(ymd(2022, 4, 10)) || !cal.IsWorkingDay(ymd(2022, 4, 11)) {
			t.Error("10/4 and 11/4/2022 must be working days")
		}
	})
	t.Run("day in lieu skips a site's closure", func(t *testing.T) {
		// 30/4 Sat and 1/5 Sun 2022 fall on Mon 2/5 and Tue 3/5; with Monday
		// already closed by the site they move to Tue 3/5 and Wed 4/5.
		cal := NewCalendar([]Override{{Date: ymd(2022, 5, 2), Kind: DayOff, Name: "Đóng cửa"}})
		want := "30/04 holiday Ngày Chiến thắng\n01/05 holiday Quốc tế Lao động\n02/05 off Đóng cửa\n" +
			"03/05 compensatory Nghỉ bù Ngày Chiến thắng\n04/05 compensatory Nghỉ bù Quốc tế Lao động\n"
		if got := holidayList(cal, 2022); !strings.Contains(got, want) {
			t.Errorf("got:\n%s\nwant it to contain:\n%s", got, want)
		}
	})
	t.Run("a holiday moved by override", func(t *testing.T) {
		// Quốc khánh 2024: the Prime Minister picked 3/9 (Tue) instead of 1/9 (Sun).
		cal := NewCalendar([]Override{
			{Date: ymd(2024, 9, 1), Kind: DayWork, Name: "Không nghỉ (ngày liền kề là 3/9)"},
			{Date: ymd(2024, 9, 3), Kind: DayHoliday, Name: "Quốc khánh"},
		})
		if cal.IsWorkingDay(ymd(2024, 9, 3)) || cal.IsWorkingDay(ymd(2024, 9, 2)) || !cal.IsWorkingDay(ymd(2024, 9, 4)) {
			t.Error("2/9 and 3/9/2024 off, 4/9 working")
		}
		if why, _ := cal.Why(ymd(2024, 9, 3)); why != HolidayNational {
			t.Errorf("Why(3/9/2024) = %v", why)
		}
	})
	t.Run("invalid overrides are ignored", func(t *testing.T) {
		cal := NewCalendar([]Override{{Date: ymd(2026, 7, 8), Kind: "closed"}, {Kind: DayOff}})
		if !cal.IsWorkingDay(ymd(2026, 7, 8)) {
			t.Error("an unknown kind must not close a day")
		}
	})
}

func TestAddWorkingDays(t *testing.T) {
	cal := NewCalendar(DefaultOverrides())
	tests := []struct {
		from Date
		n    int
		want Date
	}{
		{ymd(2026, 7, 1), 0, ymd(2026, 7, 1)},
		{ymd(2026, 7, 1), 1, ymd(2026, 7, 2)},
		{ymd(2026, 7, 3), 1, ymd(2026, 7, 6)},    // Fri → Mon
		{ymd(2026, 7, 4), 1, ymd(2026, 7, 6)},    // from a Saturday
		{ymd(2026, 7, 6), -1, ymd(2026, 7, 3)},   // back over a weekend
		{ymd(2025, 12, 31), 1, ymd(2026, 1, 2)},  // 1/1/2026 (Thu) is a holiday
		{ymd(2026, 2, 12), 2, ymd(2026, 2, 23)},  // Thu 12/2 → Fri 13/2, then Tết 14–22/2
		{ymd(2026, 4, 24), 1, ymd(2026, 4, 28)},  // Fri → Mon 27/4 is in lieu of Giỗ Tổ → Tue
		{ymd(2026, 4, 29), 1, ymd(2026, 5, 4)},   // 30/4 Thu, 1/5 Fri, weekend
		{ymd(2026, 12, 30), 3, ymd(2027, 1, 5)},  // 31/12 Thu (1), 1/1/2027 Fri holiday, 4/1 Mon (2), 5/1 (3)
		{ymd(2027, 1, 5), -3, ymd(2026, 12, 30)}, // and back
	}
	for _, tt := range tests {
		if got := cal.AddWorkingDays(tt.from, tt.n); got != tt.want {
			t.Errorf("AddWorkingDays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}

func TestNextWorkingDay(t *testing.T) {
	cal := NewCalendar(DefaultOverrides())
	for _, tt := range []struct{ from, want Date }{
		{ymd(2026, 7, 1), ymd(2026, 7, 1)},
		{ymd(2026, 7, 4), ymd(2026, 7, 6)},
		{ymd(2026, 2, 14), ymd(2026, 2, 23)},
		{ymd(2026, 5, 1), ymd(2026, 5, 4)},
	} {
		if got := cal.NextWorkingDay(tt.from); got != tt.want {
			t.Errorf("NextWorkingDay(%s) = %s, want %s", tt.from, got, tt.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	cal := NewCalendar(DefaultOverrides())
	// 2026 begins on a Thursday: 52 weeks and one Thursday = 261 weekdays.
	// Weekdays off: 1/1, 16–20/2 (Tết), 27/4 (in lieu of Giỗ Tổ on Sunday
	// 26/4), 30/4, 1/5, 1/9, 2/9 = 11. So 250 working days.
	tests := []struct {
		a, b Date
		want int
	}{
		{ymd(2025, 12, 31), ymd(2026, 12, 31), 250},
		{ymd(2026, 12, 31), ymd(2025, 12, 31), -250},
		{ymd(2026, 7, 1), ymd(2026, 7, 1), 0},
		{ymd(2026, 7, 1), ymd(2026, 7, 2), 1},
		{ymd(2026, 7, 3), ymd(2026, 7, 6), 1},   // (Fri, Mon]
		{ymd(2026, 7, 4), ymd(2026, 7, 5), 0},   // a weekend
		{ymd(2026, 2, 13), ymd(2026, 2, 23), 1}, // across Tết
		{ymd(2020, 1, 1), ymd(2030, 1, 1), 0},   // filled in below
	}
	// The last row: count day by day.
	n := 0
	for day := ymd(2020, 1, 2); !day.After(ymd(2030, 1, 1)); day = day.AddDays(1) {
		if cal.IsWorkingDay(day) {
			n++
		}
	}
	tests[len(tests)-1].want = n
	for _, tt := range tests {
		if got := cal.WorkingDaysBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	// AddWorkingDays and WorkingDaysBetween agree.
	for _, n := range []int{1, 5, 10, 30, 250, 1000} {
		from := ymd(2026, 2, 12)
		if got := cal.WorkingDaysBetween(from, cal.AddWorkingDays(from, n)); got != n {
			t.Errorf("WorkingDaysBetween(from, AddWorkingDays(from, %d)) = %d", n, got)
		}
	}
}

func TestNilCalendarIsBuiltin(t *testing.T) {
	var cal *Calendar
	if cal.IsWorkingDay(ymd(2026, 9, 2)) || !cal.IsWorkingDay(ymd(2026, 9, 3)) {
		t.Error("nil calendar must know the built-in holidays")
	}
}

func TestCalendarFarYears(t *testing.T) {
	cal := NewCalendar(nil)
	// Outside the cached years the calendar still works.
	if cal.IsWorkingDay(ymd(2300, 1, 1)) || !cal.IsWorkingDay(ymd(1850, 1, 3)) {
		t.Error("1/1/2300 is a holiday; 3/1/1850 was a Thursday")
	}
}

func TestCalendarConcurrentReads(t *testing.T) {
	cal := NewCalendar(DefaultOverrides())
	var wg sync.WaitGroup
	results := make([]int, 8)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[g] = cal.WorkingDaysBetween(ymd(2000, 1, 1), ymd(2100, 12, 31))
		}()
	}
	wg.Wait()
	for _, r := range results[1:] {
		if r != results[0] {
			t.Fatalf("concurrent reads disagree: %v", results)
		}
	}
}

func TestOverrideJSON(t *testing.T) {
	in := DefaultOverrides()
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"date":"2026-02-14","kind":"off"`) {
		t.Errorf("encoding: %s", b)
	}
	var out []Override
	if err := json.Unmarshal(b, &out); err != nil || !reflect.DeepEqual(in, out) {
		t.Errorf("round trip: %v\n%+v", err, out)
	}
}

func BenchmarkIsWorkingDay(b *testing.B) {
	cal := NewCalendar(DefaultOverrides())
	day := ymd(2026, 2, 17)
	for b.Loop() {
		cal.IsWorkingDay(day)
	}
}

func BenchmarkNewCalendarYear(b *testing.B) {
	for b.Loop() {
		NewCalendar(DefaultOverrides()).IsWorkingDay(ymd(2026, 2, 17))
	}
}
