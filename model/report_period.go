package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Report periods (DOMAIN.md §4.1). The state's reporting regime fixes
// quarterly, 6-month, 9-month and annual reports; a month and any range
// serve the office's own needs. Each period is calendar by default or, per
// report, cut off as TT 01/2024/TT-TTCP sets: from the 15th of the last
// month of the previous period to the 14th of the period's last month
// (Q1: 15/12 of the year before to 14/3; the year: 15/12 to 14/12). A
// month cut off the same way runs from the 15th of the month before to the
// 14th (the circular sets no monthly report; this follows its rule).

// PeriodKind is the length of a report period.
type PeriodKind string

const (
	PeriodMonth   PeriodKind = "month"
	PeriodQuarter PeriodKind = "quarter"
	PeriodHalf    PeriodKind = "6m" // 6 tháng
	PeriodNine    PeriodKind = "9m" // 9 tháng
	PeriodYear    PeriodKind = "year"
	PeriodRange   PeriodKind = "range" // any from–to
)

// PeriodKinds lists the kinds a person picks from, shortest first.
var PeriodKinds = []PeriodKind{PeriodMonth, PeriodQuarter, PeriodHalf, PeriodNine, PeriodYear}

// Period is a report period: a kind and where it falls, or a range.
type Period struct {
	Kind PeriodKind
	Year int
	// N is the month (1–12) or the quarter (1–4); unused otherwise.
	N int
	// Official cuts the period off as TT 01/2024/TT-TTCP does.
	Official bool
	// From and To bound a PeriodRange (both days included).
	From, To Date
}

// Bounds returns the first and last day of the period, both included.
func (p Period) Bounds() (Date, Date) {
	if p.Kind == PeriodRange {
		return p.From, p.To
	}
	first, months := p.firstMonth(), p.months()
	if p.Official {
		from := NewDate(p.Year, time.Month(first)-1, 15)
		to := NewDate(p.Year, time.Month(first+months-1), 14)
		return from, to
	}
	from := NewDate(p.Year, time.Month(first), 1)
	to := NewDate(p.Year, time.Month(first+months), 1).AddDays(-1)
	return from, to
}

// firstMonth is the calendar month the period starts in.
func (p Period) firstMonth() int {
	switch p.Kind {
	case PeriodMonth:
		return p.N
	case PeriodQuarter:
		return 3*(p.N-1) + 1
	}
	return 1
}

// months is the length of the period in months.
func (p Period) months() int {
	switch p.Kind {
	case PeriodMonth:
		return 1
	case PeriodQuarter:
		return 3
	case PeriodHalf:
		return 6
	case PeriodNine:
		return 9
	}
	return 12
}

// Contains reports whether day d falls in the period.
func (p Period) Contains(d Date) bool {
	from, to := p.Bounds()
	return !d.Before(from) && !d.After(to)
}

// Previous is the period just before, of the same length: the month or
// quarter before; for 6 months, 9 months and a year, the as many months
// before its first day; for a range, as many days before.
func (p Period) Previous() Period {
	switch p.Kind {
	case PeriodMonth:
		q := p
		q.N--
		if q.N < 1 {
			q.N, q.Year = 12, q.Year-1
		}
		return q
	case PeriodQuarter:
		q := p
		q.N--
		if q.N < 1 {
			q.N, q.Year = 4, q.Year-1
		}
		return q
	case PeriodYear:
		q := p
		q.Year--
		return q
	case PeriodRange:
		n := p.From.DaysUntil(p.To) + 1
		return Period{Kind: PeriodRange, From: p.From.AddDays(-n), To: p.From.AddDays(-1)}
	}
	from, _ := p.Bounds()
	f := NewDate(from.Y, from.M-time.Month(p.months()), from.D)
	return Period{Kind: PeriodRange, From: f, To: from.AddDays(-1), Official: p.Official}
}

// LastYear is the same period one year earlier.
func (p Period) LastYear() Period {
	q := p
	if p.Kind == PeriodRange {
		q.From = NewDate(p.From.Y-1, p.From.M, p.From.D)
		q.To = NewDate(p.To.Y-1, p.To.M, p.To.D)
		return q
	}
	q.Year--
	return q
}

// Step moves a period by n periods of its kind (n < 0: back). A range
// moves by its own length.
func (p Period) Step(n int) Period {
	for ; n > 0; n-- {
		p = p.next()
	}
	for ; n < 0; n++ {
		if p.Kind == PeriodHalf || p.Kind == PeriodNine {
			p.Year--
			continue
		}
		p = p.Previous()
	}
	return p
}

func (p Period) next() Period {
	switch p.Kind {
	case PeriodMonth:
		p.N++
		if p.N > 12 {
			p.N, p.Year = 1, p.Year+1
		}
	case PeriodQuarter:
		p.N++
		if p.N > 4 {
			p.N, p.Year = 1, p.Year+1
		}
	case PeriodRange:
		n := p.From.DaysUntil(p.To) + 1
		p.From, p.To = p.To.AddDays(1), p.To.AddDays(n)
	default:
		p.Year++
	}
	return p
}

// PeriodOf returns the period of kind k that holds day d (calendar, or cut
// off as TT 01/2024 when official: 15 December already belongs to the next
// year's first quarter).
func PeriodOf(k PeriodKind, d Date, official bool) Period {
	y, m := d.Y, int(d.M)
	if official && d.D >= 15 {
		m++
		if m > 12 {
			m, y = 1, y+1
		}
	}
	p := Period{Kind: k, Year: y, Official: official}
	switch k {
	case PeriodMonth:
		p.N = m
	case PeriodQuarter:
		p.N = (m-1)/3 + 1
	case PeriodRange:
		return Period{Kind: PeriodRange, From: d, To: d}
	}
	return p
}

var romanQuarter = []string{"", "I", "II", "III", "IV"}

// Label names the period in full: "Quý III/2026", "6 tháng đầu năm 2026",
// "01/03/2026 – 31/03/2026"; an official period adds its cut-off days.
func (p Period) Label() Label {
	var l Label
	switch p.Kind {
	case PeriodMonth:
		l = Label{fmt.Sprintf("Tháng %02d/%d", p.N, p.Year), fmt.Sprintf("Month %02d/%d", p.N, p.Year)}
	case PeriodQuarter:
		l = Label{fmt.Sprintf("Quý %s/%d", romanQuarter[p.N], p.Year), fmt.Sprintf("Q%d %d", p.N, p.Year)}
	case PeriodHalf:
		l = Label{fmt.Sprintf("6 tháng đầu năm %d", p.Year), fmt.Sprintf("First 6 months of %d", p.Year)}
	case PeriodNine:
		l = Label{fmt.Sprintf("9 tháng năm %d", p.Year), fmt.Sprintf("First 9 months of %d", p.Year)}
	case PeriodYear:
		l = Label{fmt.Sprintf("Năm %d", p.Year), fmt.Sprintf("Year %d", p.Year)}
	default:
		from, to := p.Bounds()
		return Label{from.String() + " – " + to.String(), from.String() + " – " + to.String()}
	}
	if p.Official {
		from, to := p.Bounds()
		l.VI += " (từ " + from.String() + " đến " + to.String() + ")"
		l.EN += " (" + from.String() + " to " + to.String() + ")"
	}
	return l
}

// Short names the period in a few cells, for a column head: "Q3/2026",
// "T06/2026", "6T/2026", "9T/2026", "2026", or "dd/mm–dd/mm/yy" for a range.
func (p Period) Short() string {
	switch p.Kind {
	case PeriodMonth:
		return fmt.Sprintf("T%02d/%d", p.N, p.Year)
	case PeriodQuarter:
		return fmt.Sprintf("Q%d/%d", p.N, p.Year)
	case PeriodHalf:
		return fmt.Sprintf("6T/%d", p.Year)
	case PeriodNine:
		return fmt.Sprintf("9T/%d", p.Year)
	case PeriodYear:
		return strconv.Itoa(p.Year)
	}
	from, to := p.Bounds()
	return fmt.Sprintf("%02d/%02d–%02d/%02d/%02d", from.D, from.M, to.D, to.M, to.Y%100)
}

// ParsePeriod reads a period as the command line writes it: "2026-Q3",
// "2026-06", "2026-6T", "2026-9T", "2026".
func ParsePeriod(s string, official bool) (Period, *Msg) {
	bad := NewMsg("period", "Kỳ báo cáo không hợp lệ: "+s+" (ví dụ 2026-Q3, 2026-06, 2026-6T, 2026-9T, 2026)",
		"Bad report period: "+s+" (e.g. 2026-Q3, 2026-06, 2026-6T, 2026-9T, 2026)")
	s = strings.ToUpper(strings.TrimSpace(s))
	ys, rest, _ := strings.Cut(s, "-")
	y, err := strconv.Atoi(ys)
	if err != nil || y < 1990 || y > 2200 {
		return Period{}, bad
	}
	p := Period{Year: y, Official: official}
	switch {
	case rest == "":
		p.Kind = PeriodYear
	case rest == "6T" || rest == "6M" || rest == "H1":
		p.Kind = PeriodHalf
	case rest == "9T" || rest == "9M":
		p.Kind = PeriodNine
	case strings.HasPrefix(rest, "Q"):
		n, err := strconv.Atoi(rest[1:])
		if err != nil || n < 1 || n > 4 {
			return Period{}, bad
		}
		p.Kind, p.N = PeriodQuarter, n
	default:
		n, err := strconv.Atoi(rest)
		if err != nil || n < 1 || n > 12 {
			return Period{}, bad
		}
		p.Kind, p.N = PeriodMonth, n
	}
	return p, nil
}

// RangePeriod is the period from–to (both included).
func RangePeriod(from, to Date) (Period, *Msg) {
	if from.IsZero() || to.IsZero() || from.After(to) {
		return Period{}, NewMsg("period", "Khoảng thời gian không hợp lệ: cần từ ngày … đến ngày, từ không sau đến",
			"Bad range: give a from and a to date, from not after to")
	}
	return Period{Kind: PeriodRange, From: from, To: to}, nil
}

// ParseRange reads a range as a person types it: two dates, dd/mm/yyyy,
// separated by spaces, a dash or "đến" ("01/07/2026 - 30/09/2026").
func ParseRange(s string) (Period, *Msg) {
	s = strings.NewReplacer("–", " ", "—", " ", " - ", " ", "đến", " ", "to", " ").Replace(s)
	parts := strings.Fields(s)
	if len(parts) != 2 {
		return Period{}, NewMsg("period", "Nhập hai ngày: từ ngày đến ngày, ví dụ 01/07/2026 30/09/2026",
			"Type two dates, from and to, e.g. 01/07/2026 30/09/2026")
	}
	from, m := ParseDateInput(parts[0])
	if m != nil {
		return Period{}, m
	}
	to, m := ParseDateInput(parts[1])
	if m != nil {
		return Period{}, m
	}
	return RangePeriod(from, to)
}
