package model

import (
	"slices"
	"sync/atomic"
	"time"
)

// The working-day calendar (docs/law.md, Counting days): Monday to Friday are working days,
// less the public holidays of the Labour Code (built in, Tết and Giỗ Tổ from
// the lunar calendar), less the compensatory days the code gives for a
// holiday on a weekly rest day, with per-site overrides on top (the real Tết
// days the Prime Minister picks each year, swapped working Saturdays, a
// site's own closures).

// DayKind is what an override, or a built-in entry, makes of a day.
type DayKind string

const (
	DayHoliday      DayKind = "holiday"      // ngày nghỉ lễ, tết (a public holiday)
	DayCompensatory DayKind = "compensatory" // nghỉ bù (a day off in lieu)
	DayOff          DayKind = "off"          // ngày nghỉ khác: a swap-off, a site's own closure
	DayWork         DayKind = "work"         // ngày làm việc: a swapped working Saturday, a cancelled holiday
)

// DayKinds lists the kinds in the order an administrator chooses them.
var DayKinds = []DayKind{DayHoliday, DayCompensatory, DayOff, DayWork}

// Valid reports whether k is one of the four kinds.
func (k DayKind) Valid() bool {
	return k == DayHoliday || k == DayCompensatory || k == DayOff || k == DayWork
}

// Off reports whether a day of this kind is a day off.
func (k DayKind) Off() bool { return k == DayHoliday || k == DayCompensatory || k == DayOff }

// Label returns the bilingual label of the kind.
func (k DayKind) Label() Label {
	switch k {
	case DayHoliday:
		return Label{"Nghỉ lễ, tết", "Public holiday"}
	case DayCompensatory:
		return Label{"Nghỉ bù", "Day off in lieu"}
	case DayOff:
		return Label{"Ngày nghỉ", "Day off"}
	case DayWork:
		return Label{"Ngày làm việc", "Working day"}
	}
	return Label{string(k), string(k)}
}

// Override is one day of a site's calendar that differs from the built-in
// one; the store keeps them and an administrator edits them.
type Override struct {
	Date   Date    `json:"date"`
	Kind   DayKind `json:"kind"`
	Name   string  `json:"name,omitempty"`   // Vietnamese name shown to people ("Nghỉ Tết Nguyên đán", "Làm bù cho thứ Sáu 2/5")
	Source string  `json:"source,omitempty"` // the decision it comes from ("Thông báo …/TB-BNV", "Quyết định của Thủ trưởng đơn vị")
}

// The names of the built-in holidays (BLLĐ 2019 Điều 112.1).
var (
	HolidayNewYear  = Label{"Tết Dương lịch", "New Year's Day"}
	HolidayTet      = Label{"Tết Nguyên đán", "Lunar New Year (Tết)"}
	HolidayVictory  = Label{"Ngày Chiến thắng", "Reunification Day"}
	HolidayLabour   = Label{"Quốc tế Lao động", "International Workers' Day"}
	HolidayNational = Label{"Quốc khánh", "National Day"}
	HolidayHung     = Label{"Giỗ Tổ Hùng Vương", "Hùng Kings' Commemoration Day"}
)

var holidayNames = []Label{HolidayNewYear, HolidayTet, HolidayVictory, HolidayLabour, HolidayNational, HolidayHung}

var (
	labelSaturday = Label{"Thứ Bảy", "Saturday"}
	labelSunday   = Label{"Chủ nhật", "Sunday"}
)

// weekdayLabels names the days of the week, Sunday first like time.Weekday.
var weekdayLabels = [7]Label{
	labelSunday,
	{"Thứ Hai", "Monday"},
	{"Thứ Ba", "Tuesday"},
	{"Thứ Tư", "Wednesday"},
	{"Thứ Năm", "Thursday"},
	{"Thứ Sáu", "Friday"},
	labelSaturday,
}

// WeekdayLabel returns the bilingual name of a day of the week.
func WeekdayLabel(w time.Weekday) Label { return weekdayLabels[w%7] }

// The dates the Labour Codes took effect; the holidays of a date follow the
// code in force on it.
var (
	code2012From = Date{2013, time.May, 1}     // BLLĐ 2012 (10/2012/QH13)
	code2019From = Date{2021, time.January, 1} // BLLĐ 2019 (45/2019/QH14)
	hungFromYear = 2007                        // Giỗ Tổ became a paid holiday in 2007 (BLLĐ 1994 Điều 73 as amended in 2007)
)

func holidaySource(d Date) string {
	switch {
	case !d.Before(code2019From):
		return "BLLĐ 2019 Điều 112.1"
	case !d.Before(code2012From):
		return "BLLĐ 2012 Điều 115.1"
	}
	return "BLLĐ 1994 Điều 73"
}

func compensatorySource(d Date) string {
	switch {
	case !d.Before(code2019From):
		return "BLLĐ 2019 Điều 111.3"
	case !d.Before(code2012From):
		return "BLLĐ 2012 Điều 115.3"
	}
	return "BLLĐ 1994 Điều 73"
}

// builtinHolidays returns the public holidays of year as the Labour Code in
// force lists them, with the days the law leaves to the Prime Minister set
// to their usual defaults:
//
//   - Tết Âm lịch: 5 days from BLLĐ 2012 on (Tết 2014 onward): the last day
//     of the lunar year and mùng 1–4; under BLLĐ 1994 (Tết 2013 and before)
//     4 days: the last day and mùng 1–3. The real days are overrides.
//   - Quốc khánh: 2/9 plus 1/9 from 2021 (BLLĐ 2019); 2/9 alone before. When
//     the Prime Minister picks 3/9 instead, that is an override.
//   - Giỗ Tổ Hùng Vương (10/3 âm lịch): from 2007.
//
// Not built in, because not law when this was written (docs/law.md, Counting days):
// 24/11 "Ngày Văn hóa Việt Nam" (Nghị quyết 80-NQ/TW; the amendment of
// BLLĐ Điều 112.1 was pending on 26/02/2026). If it is enacted, add it here
// from its effective year, or as an override until then.
func builtinHolidays(year int) []Override {
	h := make([]Override, 0, 10)
	add := func(d Date, name Label) {
		h = append(h, Override{Date: d, Kind: DayHoliday, Name: name.VI, Source: holidaySource(d)})
	}
	add(Date{year, time.January, 1}, HolidayNewYear)
	tet := TetDate(year)
	tetDays := 4
	if !tet.Before(code2012From) {
		tetDays = 5
	}
	for i := -1; i < tetDays-1; i++ {
		add(tet.AddDays(i), HolidayTet)
	}
	if year >= hungFromYear {
		add(HungKingsDate(year), HolidayHung)
	}
	add(Date{year, time.April, 30}, HolidayVictory)
	add(Date{year, time.May, 1}, HolidayLabour)
	if !(Date{year, time.September, 2}).Before(code2019From) {
		add(Date{year, time.September, 1}, HolidayNational)
	}
	add(Date{year, time.September, 2}, HolidayNational)
	slices.SortFunc(h, func(a, b Override) int { return a.Date.Compare(b.Date) })
	return h
}

// DefaultOverrides returns the government decisions known when this was
// written, to ship as a new site's overrides (an administrator can change
// them). Each carries its source.
//
// Shipped:
//   - Tết Bính Ngọ 2026 for public servants: Saturday 14/02/2026 (27 tháng
//     Chạp) to Sunday 22/02/2026 (mùng 6), 9 days [V congan.com.vn]. Of
//     these, 16–20/02 (29 tháng Chạp to mùng 4) are the 5 Tết days of
//     BLLĐ 2019 Điều 112.1 and the four others are weekends, so no working
//     day is swapped.
//
// Not shipped, because not verified against the decisions themselves
// (enter them as overrides once checked):
//   - Tết Ất Tỵ 2025: reported as 25/01–02/02/2025 with one working day
//     swapped for a Saturday; the days were not checked.
//   - 30/4–1/5/2025: reported as 30/04–04/05/2025 with Friday 02/05
//     swapped for a Saturday; not checked.
//   - Quốc khánh 2024: 2/9 and 3/9/2024 (instead of 1/9); the computed
//     default gives the same days off (1/9 is a Sunday, compensated on 3/9).
//   - Tết Dương lịch 2026: swaps were only proposed (docs/law.md, Counting days).
func DefaultOverrides() []Override {
	const src = "Phương án nghỉ Tết Bính Ngọ 2026 của cán bộ, công chức, viên chức: " +
		"từ thứ Bảy 14/02/2026 đến hết Chủ nhật 22/02/2026 (9 ngày) — congan.com.vn"
	var out []Override
	for d := (Date{2026, time.February, 14}); !d.After(Date{2026, time.February, 22}); d = d.AddDays(1) {
		o := Override{Date: d, Kind: DayHoliday, Name: HolidayTet.VI, Source: src + "; BLLĐ 2019 Điều 112.1"}
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			o.Kind, o.Name, o.Source = DayOff, tetWeekendName.VI, src
		}
		out = append(out, o)
	}
	return out
}

// Calendar answers which days are working days. It is immutable after
// NewCalendar and safe for concurrent use; it computes each year's days off
// once, on first use, and keeps them. A nil *Calendar is the built-in
// calendar with no overrides.
type Calendar struct {
	overrides map[int][]Override // by year, one per date, in date order
	years     [cacheYears]atomic.Pointer[yearSet]
	dueSoon   int // working days before a deadline that count as "due soon"; 0 = the default
}

// DefaultDueSoon is "due within three working days".
const DefaultDueSoon = 3

// SetDueSoon sets the site's due-soon threshold in working days (1–30;
// anything else is the default). Set it before the calendar is shared.
func (c *Calendar) SetDueSoon(days int) {
	if c != nil && days >= 1 && days <= 30 {
		c.dueSoon = days
	}
}

// DueSoon is the due-soon threshold in working days.
func (c *Calendar) DueSoon() int {
	if c == nil || c.dueSoon == 0 {
		return DefaultDueSoon
	}
	return c.dueSoon
}

const (
	cacheFrom  = 1900
	cacheYears = 301 // 1900–2200; other years are computed on each use
)

// builtinCalendar is the calendar a nil *Calendar stands for.
var builtinCalendar = NewCalendar(nil)

// yearSet is one solar year of a calendar.
type yearSet struct {
	jd0     int              // day number of 1 January
	work    []bool           // work[i]: day jd0+i is a working day
	cum     []int32          // cum[i]: working days in [jd0, jd0+i)
	entries map[int]dayEntry // days with a kind: holidays, compensatory days, overrides
}

type dayEntry struct {
	kind   DayKind
	name   Label
	source string
}

// NewCalendar builds a calendar from a site's overrides. An override wins
// over the built-in day on its date; of several overrides for one date the
// later wins. Overrides with a zero date or an unknown kind are ignored (the
// store validates them when they are entered).
func NewCalendar(overrides []Override) *Calendar {
	byDate := make(map[Date]Override, len(overrides))
	for _, o := range overrides {
		if o.Date.IsZero() || !o.Kind.Valid() {
			continue
		}
		byDate[o.Date] = o
	}
	c := &Calendar{overrides: make(map[int][]Override)}
	for d, o := range byDate {
		c.overrides[d.Y] = append(c.overrides[d.Y], o)
	}
	for _, list := range c.overrides {
		slices.SortFunc(list, func(a, b Override) int { return a.Date.Compare(b.Date) })
	}
	return c
}

func (c *Calendar) self() *Calendar {
	if c == nil {
		return builtinCalendar
	}
	return c
}

// year returns the days of solar year y, computing them on first use.
func (c *Calendar) year(y int) *yearSet {
	c = c.self()
	i := y - cacheFrom
	if i < 0 || i >= cacheYears {
		return c.build(y)
	}
	if ys := c.years[i].Load(); ys != nil {
		return ys
	}
	c.years[i].CompareAndSwap(nil, c.build(y))
	return c.years[i].Load()
}

// build computes year y. Holidays and overrides of December of the year
// before are taken in too, so that a compensatory day carried over New
// Year lands right.
func (c *Calendar) build(y int) *yearSet {
	jd0 := jdn(Date{y, time.January, 1})
	n := jdn(Date{y + 1, time.January, 1}) - jd0
	lo := jdn(Date{y - 1, time.December, 1})
	hi := jd0 + n - 1

	type holiday struct {
		jd   int
		name Label
	}
	days := make(map[int]dayEntry, 24)
	var builtins []holiday
	for _, yy := range []int{y - 1, y} {
		for _, h := range builtinHolidays(yy) {
			if j := jdn(h.Date); j >= lo && j <= hi {
				name := labelOfName(h.Name)
				days[j] = dayEntry{DayHoliday, name, h.Source}
				builtins = append(builtins, holiday{j, name})
			}
		}
	}
	overridden := make(map[int]bool)
	for _, yy := range []int{y - 1, y} {
		for _, o := range c.overrides[yy] {
			if j := jdn(o.Date); j >= lo && j <= hi {
				days[j] = dayEntry{o.Kind, overrideName(o), o.Source}
				overridden[j] = true
			}
		}
	}
	// BLLĐ 2019 Điều 111.3: a built-in holiday that is still a holiday
	// after the overrides and falls on a weekly rest day gives a day off on
	// the next working day. A holiday added by an override gets none: the
	// decision that sets it also says where its day in lieu goes.
	for _, h := range builtins {
		if e := days[h.jd]; e.kind != DayHoliday || !weekendJD(h.jd) {
			continue
		}
		j := h.jd + 1
		for weekendJD(j) || days[j].kind != "" {
			j++
		}
		days[j] = dayEntry{
			kind:   DayCompensatory,
			name:   Label{"Nghỉ bù " + h.name.VI, "Day off in lieu of " + h.name.EN},
			source: compensatorySource(fromJDN(h.jd)),
		}
	}

	ys := &yearSet{jd0: jd0, work: make([]bool, n), cum: make([]int32, n+1), entries: make(map[int]dayEntry)}
	for i := range n {
		j := jd0 + i
		w := !weekendJD(j)
		if e, ok := days[j]; ok {
			ys.entries[j] = e
			w = e.kind == DayWork
		}
		ys.work[i] = w
		ys.cum[i+1] = ys.cum[i]
		if w {
			ys.cum[i+1]++
		}
	}
	return ys
}

// tetWeekendName names the weekends inside a Tết break in DefaultOverrides.
var tetWeekendName = Label{"Nghỉ Tết Nguyên đán (ngày nghỉ hằng tuần)", "Tết break (weekly rest day)"}

// labelOfName gives an English name to an override that uses the
// Vietnamese name of a built-in holiday or of a shipped default; other
// names are shown as written in both languages.
func labelOfName(vi string) Label {
	for _, l := range holidayNames {
		if l.VI == vi {
			return l
		}
	}
	if vi == tetWeekendName.VI {
		return tetWeekendName
	}
	return Label{vi, vi}
}

func overrideName(o Override) Label {
	if o.Name == "" {
		return o.Kind.Label()
	}
	return labelOfName(o.Name)
}

// weekendJD reports whether day number jd is a Saturday or a Sunday.
func weekendJD(jd int) bool {
	w := (jd + 1) % 7 // 0 = Sunday, as time.Weekday
	return w == 0 || w == 6
}

func weekdayJD(jd int) time.Weekday { return time.Weekday((jd + 1) % 7) }

// workingJD reports whether day number jd is a working day.
func (c *Calendar) workingJD(jd int) bool {
	ys := c.year(fromJDN(jd).Y)
	return ys.work[jd-ys.jd0]
}

// IsWorkingDay reports whether d is a working day: Monday to Friday and not a
// holiday, a compensatory day or a day off, or a day an override makes a
// working day.
func (c *Calendar) IsWorkingDay(d Date) bool { return c.workingJD(jdn(d)) }

// Why says why d is not a working day ("Thứ Bảy", "Tết Nguyên đán", "Nghỉ
// bù Quốc khánh", an override's name); false when d is a working day.
func (c *Calendar) Why(d Date) (Label, bool) { return c.whyJD(jdn(d)) }

func (c *Calendar) whyJD(jd int) (Label, bool) {
	ys := c.year(fromJDN(jd).Y)
	if e, ok := ys.entries[jd]; ok {
		if e.kind == DayWork {
			return Label{}, false
		}
		return e.name, true
	}
	switch weekdayJD(jd) {
	case time.Saturday:
		return labelSaturday, true
	case time.Sunday:
		return labelSunday, true
	}
	return Label{}, false
}

// Holidays lists, in date order, every day of year that is not a plain
// weekday or weekend: holidays (even those on a weekend), compensatory days,
// other days off, and days an override makes working. Built-in days carry
// their legal source. It is what the settings screen shows.
func (c *Calendar) Holidays(year int) []Override {
	ys := c.year(year)
	out := make([]Override, 0, len(ys.entries))
	for j, e := range ys.entries {
		out = append(out, Override{Date: fromJDN(j), Kind: e.kind, Name: e.name.VI, Source: e.source})
	}
	slices.SortFunc(out, func(a, b Override) int { return a.Date.Compare(b.Date) })
	return out
}

// AddWorkingDays returns the n-th working day after d (d itself is not
// counted; n < 0 counts back). AddWorkingDays(d, 0) is d.
func (c *Calendar) AddWorkingDays(d Date, n int) Date {
	jd, step := jdn(d), 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		jd += step
		if c.workingJD(jd) {
			n--
		}
	}
	return fromJDN(jd)
}

// NextWorkingDay returns d if it is a working day, else the first working
// day after it.
func (c *Calendar) NextWorkingDay(d Date) Date { return fromJDN(c.nextWorkingJD(jdn(d))) }

func (c *Calendar) nextWorkingJD(jd int) int {
	for !c.workingJD(jd) {
		jd++
	}
	return jd
}

// WorkingDaysBetween counts the working days in (a, b]: after a, up to and
// including b. It is negative when b is before a.
func (c *Calendar) WorkingDaysBetween(a, b Date) int {
	return c.workingBetweenJD(jdn(a), jdn(b))
}

func (c *Calendar) workingBetweenJD(a, b int) int {
	if b < a {
		return -c.workingBetweenJD(b, a)
	}
	n := 0
	for lo := a + 1; lo <= b; {
		ys := c.year(fromJDN(lo).Y)
		end := min(b, ys.jd0+len(ys.work)-1)
		n += int(ys.cum[end-ys.jd0+1] - ys.cum[lo-ys.jd0])
		lo = end + 1
	}
	return n
}
