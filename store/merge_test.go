package store_test

import (
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

func newPerson(t *testing.T, s *store.Store, p model.Person) string {
	t.Helper()
	x, err := s.RecordPerson("lan", p)
	if err != nil {
		t.Fatal(err)
	}
	return x.ID
}

func TestMergeRefusals(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	a := newPerson(t, s, model.Person{Name: "Nguyễn Văn An", Phone: "0912345678"})
	b := newPerson(t, s, model.Person{Name: "Nguyễn Văn Ân", Phone: "0912345678"})
	c := newPerson(t, s, model.Person{Name: "Nguyễn An"})
	if d := s.Duplicates(); len(d) != 1 || d[0].Why != model.DupPhone {
		t.Fatalf("duplicates %+v", d)
	}
	for _, pair := range [][2]string{{a, a}, {a, "person:GL07.999"}, {"visit:GL07.1", a}} {
		if _, err := s.MergePersons("lan", pair[0], pair[1]); err == nil {
			t.Errorf("merge %v accepted", pair)
		}
	}
	if _, err := s.MergePersons("lan", a, b); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergePersons("lan", c, b); err == nil {
		t.Error("a merged record merged again")
	}
	// Merging into a merged record joins its group's root.
	if _, err := s.MergePersons("lan", b, c); err != nil {
		t.Fatal(err)
	}
	if g := s.PersonGroup(c); len(g) != 3 || g[0] != a {
		t.Errorf("group %v", g)
	}
	if _, err := s.MergePersons("lan", a, c); err == nil {
		t.Error("merging one person with itself accepted")
	}
	if err := s.UnmergePerson("lan", a); err == nil {
		t.Error("unmerging a record that stands alone accepted")
	}
	if err := s.UnmergePerson("lan", b); err != nil {
		t.Fatal(err)
	}
	if g := s.PersonGroup(a); len(g) != 2 || s.CanonicalPerson(b) != b {
		t.Errorf("after unmerge: group %v, b stands for %s", g, s.CanonicalPerson(b))
	}
	tl, _ := s.Timeline(b)
	if n := len(tl); n != 3 || tl[1].Type != model.EvPersonMerged || tl[2].Type != model.EvPersonUnmerged {
		t.Errorf("timeline of b: %+v", tl)
	}
}

// Two replicas merging each way at once: every replica picks the same
// record to stand for the pair.
func TestMergeCycle(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	o := storetest.NewAt(t, "HN01", "", clk)
	c := storetest.NewAt(t, "GL01", "HN01", clk)
	x := newPerson(t, c, model.Person{Name: "Lê Văn Cường"})
	y := newPerson(t, c, model.Person{Name: "Lê Văn Cuong"})
	storetest.Exchange(t, c, o)
	if _, err := c.MergePersons("lan", x, y); err != nil {
		t.Fatal(err)
	}
	if _, err := o.MergePersons("lan", y, x); err != nil {
		t.Fatal(err)
	}
	storetest.Exchange(t, c, o)
	storetest.Exchange(t, o, c)
	least := min(x, y)
	for _, s := range []*store.Store{o, c} {
		if s.CanonicalPerson(x) != least || s.CanonicalPerson(y) != least || len(s.SearchPersons("le van cuong", 0)) != 1 {
			t.Errorf("%s: x->%s y->%s", s.Site(), s.CanonicalPerson(x), s.CanonicalPerson(y))
		}
	}
}

// After a merge, a petition of one record and a resolved case of the
// other are the same worker's: classification offers it as the same
// sender's, and the backlog review sees the matter come back.
func TestMergeInReviews(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	p1 := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	c := storetest.Accept(t, s, p1.ID, model.KindComplaint, model.RegimeLabour)
	storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{})
	storetest.Act(t, s, c.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight})
	clk.Advance(72 * 3600e9)
	p2 := storetest.Visit(t, s, "Nguyen Van An", model.KindComplaint)
	a, b := p1.Senders[0], p2.Senders[0]
	review := func() int {
		var cases []model.Case
		s.EachCase(store.CaseFilter{All: true}, func(c model.Case) { cases = append(cases, c) })
		pets := s.Petitions(model.Date{}, model.Date{})
		model.ResolveSenders(cases, pets, s.PersonRoots())
		n := 0
		for _, r := range model.FindRepeats(cases, pets) {
			if r.Petition == p2.ID {
				n++
			}
		}
		return n
	}
	// The folded names are the same: the review already links them.
	before := review()
	if len(storetest.Must(s.PetitionsOf(a))) != 1 {
		t.Fatal("petitions of a before the merge")
	}
	if _, err := s.MergePersons("lan", a, b); err != nil {
		t.Fatal(err)
	}
	if r := s.PersonRoots(); len(r) != 1 || r[b] != a {
		t.Errorf("roots %v", r)
	}
	if n := len(storetest.Must(s.PetitionsOf(a))); n != 2 {
		t.Errorf("petitions of the merged worker: %d", n)
	}
	if after := review(); after < 1 || after < before {
		t.Errorf("repeats after the merge %d (before %d)", after, before)
	}
}

// A pair the leader decides are two people is not suggested again; taken
// back, it is; both are events, folded the same on every copy.
func TestMarkDistinct(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	a := res(s.RecordPerson("lan", model.Person{Name: "Nguyễn Hồng Oanh", BirthYear: 1990, Phone: "0974479464"})).must(t)
	b := res(s.RecordPerson("lan", model.Person{Name: "Nguyễn Hồng Oanh", BirthYear: 1990, Phone: "0702022346"})).must(t)
	if d := s.Duplicates(); len(d) != 1 {
		t.Fatalf("duplicates %+v", d)
	}
	if err := s.MarkDistinct("lan", b.ID, a.ID, false); err != nil {
		t.Fatal(err)
	}
	if d := s.Duplicates(); len(d) != 0 {
		t.Errorf("a pair marked as two people is suggested: %+v", d)
	}
	if p := res(s.Person(a.ID)).must(t); len(p.Distinct) != 1 || p.Distinct[0] != b.ID {
		t.Errorf("the event is not on the lesser id: %+v", p)
	}
	if err := s.MarkDistinct("lan", a.ID, a.ID, false); err == nil {
		t.Error("a record marked apart from itself")
	}
	if err := s.MarkDistinct("lan", a.ID, b.ID, true); err != nil {
		t.Fatal(err)
	}
	if d := s.Duplicates(); len(d) != 1 {
		t.Errorf("undone, the pair is not suggested again: %+v", d)
	}
	checkClean(t, s)
}

// HistoryCounts counts from the indexes what a person's card counts from
// the records: the visits and petitions of the record and of those
// merged into it, a visit of both counted once.
func TestHistoryCountsAreTheCards(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	an := p.Senders[0]
	q := storetest.Visit(t, s, "Nguyen Van An", model.KindReport)
	twin := q.Senders[0]
	clk.Advance(24 * time.Hour)
	if _, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Persons: []string{an, twin}, Content: "Hai hồ sơ cùng đến", Outcome: model.OutcomeAnswered}}); err != nil {
		t.Fatal(err)
	}
	other := storetest.Visit(t, s, "Trần Thị Lan", model.KindReport).Senders[0]
	check := func(when string, ids ...string) {
		t.Helper()
		counts := s.HistoryCounts(ids)
		cards := storetest.Must(s.PersonCards(ids))
		for _, c := range cards {
			if h := counts[c.ID]; h.Visits != c.VisitCount || h.Petitions != len(c.Petitions) {
				t.Errorf("%s: %s counted %+v, its card %d visits, %d petitions", when, c.ID, h, c.VisitCount, len(c.Petitions))
			}
		}
		if len(counts) != len(ids) {
			t.Errorf("%s: %d counted for %d ids", when, len(counts), len(ids))
		}
	}
	check("apart", an, twin, other)
	if h := s.HistoryCounts([]string{an})[an]; h.Visits != 2 || h.Petitions != 1 {
		t.Fatalf("apart: %+v", h)
	}
	if _, err := s.MergePersons("lan", an, twin); err != nil {
		t.Fatal(err)
	}
	check("merged", an, twin, other)
	if h := s.HistoryCounts([]string{an})[an]; h.Visits != 3 || h.Petitions != 2 {
		t.Fatalf("merged: %+v", h)
	}
}
