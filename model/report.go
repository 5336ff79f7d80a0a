package model

import (
	"slices"
	"sort"
	"time"
)

// The periodic report (docs/law.md, Reports): the aggregates of the forms 01/TCD,
// 02/TCD, 01/XLD, 01/KQGQ and 03/KQGQ and the backlog review (§10), for
// any period, computed from state. Every figure is the list of the records
// it counts (Ref), so a figure and its drill-down cannot disagree: a count
// is the length of its list; a sum (persons, money) is the sum of what
// each listed record adds (Ref.N).
//
// Status at the end of a period is read from the dates a record carries
// (accepted, closed, classified), not from its status today, so a past
// quarter reports what it reported then (a case closed after the period
// was still being resolved in it).

// ReportInput is what a report is computed from: the records of the site
// that reports and, at an office, of its children.
type ReportInput struct {
	Visits    []ReportVisit
	Petitions []Petition
	Cases     []Case
	Sites     []Site
	// Names is each site's name history, oldest first, so a unit is
	// reported under the name it had in the period.
	Names map[string][]SiteName
	Cal   *Calendar
	// From and To bound the days the input was read for (ReportWindow):
	// reports of periods inside them are exact. Zero = every record.
	From, To Date
	// FullVisit, when set, reads a visit whole (a drill-down's line:
	// its visitors and content); without it a line shows what Visits hold.
	FullVisit func(id string) (Visit, bool)
}

// ReportVisit is what the figures count of a visit. A year's report at
// an office reads some eighty thousand visits, and the store hands them
// from its report index without decoding a record: 128 bytes where a
// Visit takes 320, held by the report screen for as long as it is open
// (docs/architecture.md, What the store keeps in memory).
type ReportVisit struct {
	ID, No, Site string
	// Petition is the petition the visit brought ("" = none); Employer
	// is a group's employer.
	Petition, Employer string
	At                 time.Time
	Reception          ReceptionType
	People             int32 // the persons counted (Visit.People; 0 = one)
	Group              bool
	Repeat             bool
	Delegated          bool
}

// ReportVisitOf returns what the figures count of v.
func ReportVisitOf(v *Visit) ReportVisit {
	return ReportVisit{ID: v.ID, No: v.No, Site: v.Site, Petition: v.Petition, Employer: v.Employer, At: v.At,
		Reception: v.Reception, People: int32(v.People()), Group: v.Group, Repeat: v.Repeat, Delegated: v.Delegated}
}

// ReportWindow returns the days a report of p needs records from: the
// period, the previous one and the same period last year, and the twelve
// months ending with its last month (the chart of petitions by month,
// whole months). A record
// counts in a period inside the window only through its own dates (see
// newScope), so the store reads just: the visits of those days, the
// petitions received by the end and not classified before the start, the
// cases opened by the end and not closed before the start, and the
// records those point to.
func ReportWindow(p Period) (from, to Date) {
	from, to = p.Bounds()
	for _, q := range []Period{p.Previous(), p.LastYear()} {
		a, b := q.Bounds()
		if a.Before(from) {
			from = a
		}
		if b.After(to) {
			to = b
		}
	}
	// The chart's months are whole: an official period ends on the 14th.
	if m := NewDate(to.Y, to.M-11, 1); m.Before(from) {
		from = m
	}
	to = NewDate(to.Y, to.M+1, 1).AddDays(-1)
	return from, to
}

// ReportYears returns the whole years around ReportWindow(p): what the
// report screen reads, so that a few steps of its periods stay inside.
func ReportYears(p Period) (from, to Date) {
	from, to = ReportWindow(p)
	return NewDate(from.Y, time.January, 1), NewDate(to.Y, time.December, 31)
}

// Covers reports whether the data was read for every day a report of p
// needs (ReportWindow).
func (d *ReportData) Covers(p Period) bool {
	from, to := ReportWindow(p)
	return (d.in.From.IsZero() || !from.Before(d.in.From)) && (d.in.To.IsZero() || !to.After(d.in.To))
}

// SiteName is a name a unit took on a day.
type SiteName struct {
	From Date
	Name string
}

// Ref is one record a figure counts.
type Ref struct {
	ID   string // the visit, petition or case
	Site string
	// N is what the record adds to the figure: 1 for a count, the persons
	// or the money for a sum.
	N int64
}

// Cell is one figure and the records behind it.
type Cell struct {
	Value int64
	Refs  []Ref
}

func cellOf(refs []Ref) Cell {
	c := Cell{Refs: refs}
	for _, r := range refs {
		c.Value += r.N
	}
	return c
}

// FormID names a report form.
type FormID string

const (
	Form01TCD  FormID = "01/TCD"
	Form02TCD  FormID = "02/TCD"
	Form01XLD  FormID = "01/XLD"
	Form01KQGQ FormID = "01/KQGQ"
	Form03KQGQ FormID = "03/KQGQ"
	FormReview FormID = "RSTD"    // rà soát vụ việc tồn đọng
	Form02KQGQ FormID = "02/KQGQ" // thi hành quyết định giải quyết khiếu nại
	Form04KQGQ FormID = "04/KQGQ" // thi hành kết luận nội dung tố cáo
)

// FormIDs lists the forms in the order they are reported (the forms added
// later at the end, so a form keeps its key on the screen).
var FormIDs = []FormID{Form01TCD, Form02TCD, Form01XLD, Form01KQGQ, Form03KQGQ, FormReview, Form02KQGQ, Form04KQGQ}

// ParseFormID reads a form as typed ("01/tcd", "01-TCD", "01tcd", "rstd").
func ParseFormID(s string) (FormID, bool) {
	k := Fold(s)
	clean := make([]byte, 0, len(k))
	for i := 0; i < len(k); i++ {
		if c := k[i]; (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') {
			clean = append(clean, c)
		}
	}
	for _, f := range FormIDs {
		g := Fold(string(f))
		gc := make([]byte, 0, len(g))
		for i := 0; i < len(g); i++ {
			if c := g[i]; (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') {
				gc = append(gc, c)
			}
		}
		if string(gc) == string(clean) {
			return f, true
		}
	}
	return "", false
}

// FormRow is one indicator of a form.
type FormRow struct {
	Key   string
	Group Label // the heading the indicator falls under ("" = none)
	Label Label
	Sum   bool // the figure sums persons or money, rather than counting records
	Money bool // the figure is an amount in đồng
	// Record is the kind of record the figure lists: visit, petition or case.
	Record string
	fn     func(sc *scope) []Ref
}

// Form is a report form: its title and its indicators.
type Form struct {
	ID    FormID
	Title Label
	Rows  []FormRow
}

// FormByID returns the form id names.
func FormByID(id FormID) *Form {
	for _, f := range allForms() {
		if f.ID == id {
			return f
		}
	}
	return nil
}

// Figures is a form computed for one period and one site ("" = all).
type Figures struct {
	Form     *Form
	Period   Period
	From, To Date
	Site     string
	Cells    []Cell // one per Form.Rows
}

// ReportData holds a report's input indexed once, so that each form,
// period and site is computed without reading the store again (switching
// the period on screen recomputes from here). It keeps scratch space and
// caches between calls: one goroutine at a time.
type ReportData struct {
	in       ReportInput
	visits   map[string]*ReportVisit
	pets     map[string]*Petition
	cases    map[string]*Case
	vday     []int32 // each visit's day (dayNo)
	bySite   map[string]*siteRecords
	all      siteRecords
	repeats  []repeatAt
	repSites map[string][]repeatAt
	petCase  map[*Petition]*Case
	onTimeC  map[*Case]bool

	// Each visit's matter (vụ việc) as a small number, and scratch space
	// to count matters without a map: matterRefs stamps a matter with the
	// pass it was seen in.
	vmatter []int32
	mstamp  []int32
	mfirst  []int32
	mrep    []bool
	pass    int32
	repOnce bool

	// The last scopes built: every form of one period and unit shares one.
	scopes map[scopeKey]*scope
	// scratch is where a figure's list is built before it is kept.
	scratch []Ref
}

type scopeKey struct {
	from, to Date
	site     string
}

// repeatAt is a matter that came back: the resolved case and the day it
// came back (the later case opened, the later petition received, or the
// reopened case last changed).
type repeatAt struct {
	prior *Case
	when  Date
}

type siteRecords struct {
	visits []int32 // indexes in the input
	pets   []*Petition
	cases  []*Case
}

// NewReportData indexes in.
func NewReportData(in ReportInput) *ReportData {
	d := &ReportData{in: in, pets: make(map[string]*Petition, len(in.Petitions)), cases: make(map[string]*Case, len(in.Cases)),
		bySite: map[string]*siteRecords{}}
	if d.in.Cal == nil {
		d.in.Cal = NewCalendar(nil)
	}
	site := func(code string) *siteRecords {
		s := d.bySite[code]
		if s == nil {
			s = &siteRecords{}
			d.bySite[code] = s
		}
		return s
	}
	d.vday = make([]int32, len(in.Visits))
	d.all.visits = make([]int32, len(in.Visits))
	for i := range in.Visits {
		v := &in.Visits[i]
		d.vday[i] = dayNo(DateOf(v.At))
		d.all.visits[i] = int32(i)
		s := site(v.Site)
		s.visits = append(s.visits, int32(i))
	}
	for i := range in.Petitions {
		p := &in.Petitions[i]
		d.pets[p.ID] = p
		d.all.pets = append(d.all.pets, p)
		s := site(p.Site)
		s.pets = append(s.pets, p)
	}
	for i := range in.Cases {
		c := &in.Cases[i]
		d.cases[c.ID] = c
		d.all.cases = append(d.all.cases, c)
		s := site(c.Site)
		s.cases = append(s.cases, c)
	}
	d.petCase = make(map[*Petition]*Case, len(in.Cases))
	for _, p := range d.pets {
		if c := d.cases[p.Case]; c != nil && p.Case != "" {
			d.petCase[p] = c
		}
	}
	d.onTimeC = map[*Case]bool{}
	// A visit's matter: the case its petition opened, else the petition,
	// else the visit itself; numbered cases first, then petitions, then
	// visits.
	caseNo := make(map[*Case]int32, len(in.Cases))
	for i := range in.Cases {
		caseNo[&in.Cases[i]] = int32(i)
	}
	petNo := make(map[*Petition]int32, len(in.Petitions))
	for i := range in.Petitions {
		petNo[&in.Petitions[i]] = int32(len(in.Cases) + i)
	}
	d.vmatter = make([]int32, len(in.Visits))
	for i := range in.Visits {
		v := &in.Visits[i]
		m := int32(len(in.Cases) + len(in.Petitions) + i)
		if p := d.pets[v.Petition]; p != nil && v.Petition != "" {
			m = petNo[p]
			if c := d.petCase[p]; c != nil {
				m = caseNo[c]
			}
		}
		d.vmatter[i] = m
	}
	n := len(in.Cases) + len(in.Petitions) + len(in.Visits)
	d.mstamp = make([]int32, n)
	d.mfirst = make([]int32, n)
	d.mrep = make([]bool, n)
	return d
}

// findRepeats finds, once and only when a figure needs them, the resolved
// matters that came back (FindRepeats), with the day each came back.
func (d *ReportData) findRepeats() {
	if d.repOnce {
		return
	}
	d.repOnce = true
	in := &d.in
	d.repSites = map[string][]repeatAt{}
	for _, r := range FindRepeats(in.Cases, in.Petitions) {
		prior := d.cases[r.Prior]
		if prior == nil {
			continue
		}
		var when Date
		switch {
		case r.Why == RepeatReopened:
			when = DateOf(prior.Updated)
		case r.Case != "" && d.cases[r.Case] != nil:
			when = d.cases[r.Case].Opened
		case r.Petition != "" && d.pets[r.Petition] != nil:
			when = d.pets[r.Petition].Received
		}
		ra := repeatAt{prior: prior, when: when}
		d.repeats = append(d.repeats, ra)
		d.repSites[prior.Site] = append(d.repSites[prior.Site], ra)
	}
}

// Input returns what the data was built from.
func (d *ReportData) Input() *ReportInput { return &d.in }

// Visit returns what the figures count of the visit id, or nil.
func (d *ReportData) Visit(id string) *ReportVisit {
	if d.visits == nil {
		d.visits = make(map[string]*ReportVisit, len(d.in.Visits))
		for i := range d.in.Visits {
			d.visits[d.in.Visits[i].ID] = &d.in.Visits[i]
		}
	}
	return d.visits[id]
}

// Petition returns the petition id, or nil.
func (d *ReportData) Petition(id string) *Petition { return d.pets[id] }

// Case returns the case id, or nil.
func (d *ReportData) Case(id string) *Case { return d.cases[id] }

// Compute computes form for period p at site ("" = every site in the data).
func (d *ReportData) Compute(id FormID, p Period, site string) Figures {
	f := FormByID(id)
	from, to := p.Bounds()
	out := Figures{Form: f, Period: p, From: from, To: to, Site: site}
	if f == nil {
		return out
	}
	sc := d.scope(from, to, site)
	out.Cells = make([]Cell, len(f.Rows))
	for i := range f.Rows {
		// The records come in the data's order: the same data gives the
		// same lists.
		out.Cells[i] = cellOf(f.Rows[i].fn(sc))
	}
	return out
}

// ValuesOnly returns f without the records behind each figure: a screen
// or a written form shows the figures, and a year of an office lists
// hundreds of thousands of records (23 MB for the three columns of the
// report screen) that a drill-down reads again (Records).
func (f Figures) ValuesOnly() Figures {
	f.Cells = slices.Clone(f.Cells)
	for i := range f.Cells {
		f.Cells[i].Refs = nil
	}
	return f
}

// Records lists the records behind row of form id for period p at site,
// as Compute does: by the same rule, over the same data, so a figure and
// its drill-down cannot disagree.
func (d *ReportData) Records(id FormID, p Period, site string, row int) []Ref {
	f := FormByID(id)
	if f == nil || row < 0 || row >= len(f.Rows) {
		return nil
	}
	from, to := p.Bounds()
	return f.Rows[row].fn(d.scope(from, to, site))
}

func sortRefs(refs []Ref) {
	sort.Slice(refs, func(i, j int) bool { return refs[i].ID < refs[j].ID })
}

// scope is the records of one site (or all) and one period.
type scope struct {
	d        *ReportData
	from, to Date
	site     string
	visits   []int32 // visited in the period: their indexes in the input
	pets     []*Petition
	cases    []*Case
	// exec are the conclusions to carry out in the period: concluded by
	// its end with something decided, and not fully carried out before
	// it began (02/KQGQ, 04/KQGQ).
	exec []*Case
}

// repeats returns the matters that came back, of the scope's unit.
func (sc *scope) repeats() []repeatAt {
	sc.d.findRepeats()
	if sc.site != "" {
		return sc.d.repSites[sc.site]
	}
	return sc.d.repeats
}

func (d *ReportData) scope(from, to Date, site string) *scope {
	k := scopeKey{from, to, site}
	if sc := d.scopes[k]; sc != nil {
		return sc
	}
	if d.scopes == nil || len(d.scopes) >= 16 {
		d.scopes = map[scopeKey]*scope{}
	}
	sc := d.newScope(from, to, site)
	d.scopes[k] = sc
	return sc
}

func (d *ReportData) newScope(from, to Date, site string) *scope {
	recs := &d.all
	if site != "" {
		recs = d.bySite[site]
		if recs == nil {
			recs = &siteRecords{}
		}
	}
	sc := &scope{d: d, from: from, to: to, site: site}
	// Only the records a figure of the period can count: petitions
	// received by its end and not processed before it began; cases opened
	// by its end and not closed before it began. (Every indicator's rule
	// implies this; over a decade of records a year's report then looks
	// at a tenth of them.)
	for _, p := range recs.pets {
		if !p.Received.After(to) && (!p.Received.Before(from) || !(p.Classified && p.ClassifiedOn.Before(from))) {
			sc.pets = append(sc.pets, p)
		}
	}
	for _, c := range recs.cases {
		if !c.Opened.After(to) && !sc.closedBefore(c) {
			sc.cases = append(sc.cases, c)
		}
	}
	for _, c := range recs.cases {
		if c.Status == StatusConcluded && sc.upTo(c.Closed) && c.Obliges(c.Recovered) {
			if done := c.ExecutedOn(); done.IsZero() || !done.Before(from) {
				sc.exec = append(sc.exec, c)
			}
		}
	}
	lo, hi := dayNo(from), dayNo(to)
	for _, i := range recs.visits {
		if day := d.vday[i]; day >= lo && day <= hi {
			sc.visits = append(sc.visits, i)
		}
	}
	return sc
}

// dayNo is d as a number that sorts as the days do.
func dayNo(d Date) int32 { return int32(d.Y<<9 | int(d.M)<<5 | d.D) }

func (sc *scope) in(day Date) bool { return !day.IsZero() && !day.Before(sc.from) && !day.After(sc.to) }

// upTo reports whether day is set and not after the period's end.
func (sc *scope) upTo(day Date) bool { return !day.IsZero() && !day.After(sc.to) }

func one(id, site string) Ref { return Ref{ID: id, Site: site, N: 1} }

// --- selections shared by the forms ---

func (sc *scope) visitRefs(keep func(v *ReportVisit) bool, weight func(v *ReportVisit) int64) []Ref {
	out := sc.d.take()
	for _, i := range sc.visits {
		if v := &sc.d.in.Visits[i]; keep(v) {
			n := int64(1)
			if weight != nil {
				n = weight(v)
			}
			out = append(out, Ref{ID: v.ID, Site: v.Site, N: n})
		}
	}
	return sc.d.keep(out)
}

// keep returns refs, built in the scratch space, as a list of its own
// of the exact length: a year of an office's visits is listed by a
// dozen figures, and growing each list by doubling would allocate
// twice what the figures hold.
func (d *ReportData) keep(refs []Ref) []Ref {
	d.scratch = refs[:0]
	if len(refs) == 0 {
		return nil
	}
	return slices.Clone(refs)
}

// take lends the scratch space (none while it is lent: a figure's rule
// that lists records inside another's gets a list of its own).
func (d *ReportData) take() []Ref {
	out := d.scratch[:0]
	d.scratch = nil
	return out
}

// matterRefs lists the matters (vụ việc) of the visits keep picks, each
// once, by its first visit in the period; repeat picks the matters
// visited again (true), the first time (false), or both (nil). A visit's
// matter is the case its petition opened, else the petition, else the
// visit itself.
func (sc *scope) matterRefs(keep func(v *ReportVisit) bool, repeat *bool) []Ref {
	d := sc.d
	d.pass++
	pass := d.pass
	var order []int32
	for _, i := range sc.visits {
		v := &d.in.Visits[i]
		if !keep(v) {
			continue
		}
		m := d.vmatter[i]
		if d.mstamp[m] != pass {
			d.mstamp[m], d.mfirst[m], d.mrep[m] = pass, i, false
			order = append(order, m)
		} else if v.At.Before(d.in.Visits[d.mfirst[m]].At) {
			d.mfirst[m] = i
		}
		d.mrep[m] = d.mrep[m] || v.Repeat
	}
	out := d.take()
	for _, m := range order {
		if repeat == nil || *repeat == d.mrep[m] {
			v := &d.in.Visits[d.mfirst[m]]
			out = append(out, one(v.ID, v.Site))
		}
	}
	return d.keep(out)
}

func (sc *scope) petRefs(keep func(p *Petition) bool) []Ref {
	out := sc.d.take()
	for _, p := range sc.pets {
		if keep(p) {
			out = append(out, one(p.ID, p.Site))
		}
	}
	return sc.d.keep(out)
}

// petMatters lists the vụ việc of the petitions keep picks: each case
// once (by its petition), and each petition without a case.
func (sc *scope) petMatters(keep func(p *Petition) bool) []Ref {
	seen := map[*Case]bool{}
	var out []Ref
	for _, p := range sc.pets {
		if !keep(p) {
			continue
		}
		if c := sc.d.petCase[p]; c != nil {
			if seen[c] {
				continue
			}
			seen[c] = true
		}
		out = append(out, one(p.ID, p.Site))
	}
	return out
}

func (sc *scope) caseRefs(keep func(c *Case) bool, weight func(c *Case) int64) []Ref {
	out := sc.d.take()
	for _, c := range sc.cases {
		if keep(c) {
			n := int64(1)
			if weight != nil {
				n = weight(c)
				if n == 0 {
					continue
				}
			}
			out = append(out, Ref{ID: c.ID, Site: c.Site, N: n})
		}
	}
	return sc.d.keep(out)
}

// caseOf returns the case a petition opened, or nil.
func (sc *scope) caseOf(p *Petition) *Case { return sc.d.petCase[p] }

// resolvedBy reports whether c was resolved (concluded or terminated) on
// or before the period's end.
func (sc *scope) resolvedBy(c *Case) bool {
	return (c.Status == StatusConcluded || c.Status == StatusTerminated) && sc.upTo(c.Closed)
}

// resolvedIn reports whether c was resolved in the period.
func (sc *scope) resolvedIn(c *Case) bool {
	return (c.Status == StatusConcluded || c.Status == StatusTerminated) && sc.in(c.Closed)
}

// closedBefore reports whether c was closed (any way) before the period.
func (sc *scope) closedBefore(c *Case) bool {
	return c.Status.Closed() && !c.Closed.IsZero() && c.Closed.Before(sc.from)
}

// openAtEnd reports whether c was opened by the period's end and not
// closed by then.
func (sc *scope) openAtEnd(c *Case) bool {
	return sc.upTo(c.Opened) && !(c.Status.Closed() && sc.upTo(c.Closed))
}

// onTime reports whether a resolved case kept its time limit (a case with
// no limit kept it).
func (sc *scope) onTime(c *Case) bool {
	ok, known := sc.d.onTimeC[c]
	if !known {
		ok = ComputeDeadline(c.Clock(), sc.d.in.Cal, c.Closed).State != DeadlineMissed
		sc.d.onTimeC[c] = ok
	}
	return ok
}

// overdueAtEnd reports whether a case open at the period's end was past
// its time limit on that day.
func (sc *scope) overdueAtEnd(c *Case) bool {
	cl := c.Clock()
	cl.Closed = Date{}
	var ext []Extension
	for _, e := range cl.Extensions {
		if !e.On.After(sc.to) {
			ext = append(ext, e)
		}
	}
	cl.Extensions = ext
	if !cl.Accepted.IsZero() && cl.Accepted.After(sc.to) {
		cl.Accepted = Date{}
	}
	return ComputeDeadline(cl, sc.d.in.Cal, sc.to).State == DeadlineOverdue
}

func isKNPA(k PetitionKind) bool { return k == KindRecommendation || k == KindReport }

func otherKind(k PetitionKind) bool {
	return k != KindComplaint && k != KindDenunciation && !isKNPA(k)
}

// classifiedBy reports whether p was classified on or before the end.
func (sc *scope) classifiedBy(p *Petition) bool { return p.Classified && sc.upTo(p.ClassifiedOn) }
