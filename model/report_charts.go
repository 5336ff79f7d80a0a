package model

import (
	"fmt"
	"sort"
	"time"
)

// What a leader would rather look at than read: petitions month by month,
// the share of each field, and the hot spots (điểm nóng, docs/law.md, Backlog review):
// the employers and units with the most petitions, group visits and repeat
// complaints. Each bar carries its records, like a figure.

// Bar is one bar of a chart.
type Bar struct {
	Label Label
	Refs  []Ref
}

// Value is the bar's height: how many records it holds.
func (b Bar) Value() int { return len(b.Refs) }

// Chart is a titled list of bars.
type Chart struct {
	Title Label
	Bars  []Bar
}

// MonthlyPetitions counts the petitions received in each of the twelve
// months ending with the month of day end, oldest first.
func (d *ReportData) MonthlyPetitions(end Date, site string) Chart {
	sc := d.scope(Date{1, 1, 1}, Date{9999, 12, 31}, site)
	ch := Chart{Title: Label{"Đơn nhận theo tháng (12 tháng)", "Petitions by month (12 months)"}}
	first := NewDate(end.Y, end.M-11, 1)
	idx := map[[2]int]int{}
	for i := 0; i < 12; i++ {
		m := NewDate(first.Y, first.M+time.Month(i), 1)
		idx[[2]int{m.Y, int(m.M)}] = i
		l := fmt.Sprintf("%02d/%02d", int(m.M), m.Y%100)
		ch.Bars = append(ch.Bars, Bar{Label: Label{l, l}})
	}
	for _, p := range sc.pets {
		if i, ok := idx[[2]int{p.Received.Y, int(p.Received.M)}]; ok {
			ch.Bars[i].Refs = append(ch.Bars[i].Refs, one(p.ID, p.Site))
		}
	}
	return ch
}

// FieldShare counts the petitions received in the period by field
// (unclassified ones under "chưa phân loại"), largest first.
func (d *ReportData) FieldShare(p Period, site string) Chart {
	from, to := p.Bounds()
	sc := d.scope(from, to, site)
	ch := Chart{Title: Label{"Tỷ lệ đơn theo lĩnh vực", "Share of petitions by field"}}
	by := map[Field][]Ref{}
	for _, x := range sc.pets {
		if sc.in(x.Received) {
			by[x.Field] = append(by[x.Field], one(x.ID, x.Site))
		}
	}
	for f, refs := range by {
		l := f.Label()
		if f == "" {
			l = Label{"Chưa phân loại", "Unclassified"}
		}
		ch.Bars = append(ch.Bars, Bar{Label: l, Refs: refs})
	}
	sortBars(ch.Bars)
	return ch
}

// HotSpots returns, for the period, the employers with the most
// petitions, the units with the most petitions, the employers with the
// most group visits and the employers with the most repeat complaints,
// each at most n bars.
func (d *ReportData) HotSpots(p Period, site string, n int) []Chart {
	from, to := p.Bounds()
	sc := d.scope(from, to, site)
	emp := map[string][]Ref{}
	units := map[string][]Ref{}
	for _, x := range sc.pets {
		if !sc.in(x.Received) {
			continue
		}
		if e := NFC(x.Employer); e != "" {
			emp[Fold(e)+"\x00"+e] = append(emp[Fold(e)+"\x00"+e], one(x.ID, x.Site))
		}
		units[x.Site] = append(units[x.Site], one(x.ID, x.Site))
	}
	groups := map[string][]Ref{}
	for _, i := range sc.visits {
		if v := &sc.d.in.Visits[i]; v.Group {
			e := NFC(v.Employer)
			if e == "" {
				e = "—"
			}
			groups[Fold(e)+"\x00"+e] = append(groups[Fold(e)+"\x00"+e], one(v.ID, v.Site))
		}
	}
	reps := map[string][]Ref{}
	for _, r := range sc.repeatRefs(nil) {
		c := d.cases[r.ID]
		e := NFC(c.Employer)
		if e == "" {
			e = "—"
		}
		reps[Fold(e)+"\x00"+e] = append(reps[Fold(e)+"\x00"+e], r)
	}
	mk := func(t Label, m map[string][]Ref, name func(k string) string) Chart {
		ch := Chart{Title: t}
		for k, refs := range m {
			l := name(k)
			ch.Bars = append(ch.Bars, Bar{Label: Label{l, l}, Refs: refs})
		}
		sortBars(ch.Bars)
		if len(ch.Bars) > n {
			ch.Bars = ch.Bars[:n]
		}
		return ch
	}
	shown := func(k string) string {
		for i := 0; i < len(k); i++ {
			if k[i] == 0 {
				return k[i+1:]
			}
		}
		return k
	}
	return []Chart{
		mk(Label{"Đơn vị sử dụng lao động nhiều đơn nhất", "Employers with the most petitions"}, emp, shown),
		mk(Label{"Công đoàn cơ sở nhiều đơn nhất", "Units with the most petitions"}, units, func(k string) string { return d.NameOn(k, to) }),
		mk(Label{"Đoàn đông người theo đơn vị", "Group visits by employer"}, groups, shown),
		mk(Label{"Tiếp khiếu, tiếp tố theo đơn vị", "Repeat complaints by employer"}, reps, shown),
	}
}

func sortBars(bs []Bar) {
	sort.Slice(bs, func(i, j int) bool {
		if len(bs[i].Refs) != len(bs[j].Refs) {
			return len(bs[i].Refs) > len(bs[j].Refs)
		}
		return CompareVietnamese(bs[i].Label.VI, bs[j].Label.VI) < 0
	})
	for i := range bs {
		sortRefs(bs[i].Refs)
	}
}
