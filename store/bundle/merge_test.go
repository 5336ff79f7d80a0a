package bundle_test

import (
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// One worker came to two child sites; the office finds both records with
// their sites, merges them, and the merge and then the unmerge travel by
// bundle to both children, every copy showing the same records.
func TestMergeAcrossSites(t *testing.T) {
	dir := t.TempDir()
	clk := &storetest.Clock{T: storetest.Start}
	o := storetest.NewAt(t, office, "", clk)
	a := storetest.NewAt(t, "GL01", office, clk)
	b := storetest.NewAt(t, "GL02", office, clk)
	pinPair(t, o, a)
	pinPair(t, o, b)
	send := func(from, to *store.Store) {
		t.Helper()
		x, err := from.ExportBundle(to.Site(), dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := to.ImportBundle(x.Path); err != nil {
			t.Fatalf("%s -> %s: %v", from.Site(), to.Site(), err)
		}
	}
	visit := func(s *store.Store, p model.Person, content string) string {
		t.Helper()
		v, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Content: content, Outcome: model.OutcomeGuided}, NewPersons: []model.Person{p}})
		if err != nil {
			t.Fatal(err)
		}
		return v.Persons[0]
	}
	x := visit(a, model.Person{Name: "Nguyễn Văn An", BirthYear: 1990, Phone: "0912345678", Employer: "Công ty May Đức Giang"}, "Nợ lương tháng 1")
	clk.Advance(48 * 3600e9)
	y := visit(b, model.Person{Name: "NGUYEN VAN AN", BirthYear: 1990, Address: "Yên Viên", Employer: "Công ty Hòa Phát"}, "Hỏi về BHXH")
	send(a, o)
	send(b, o)

	// The office's search finds the worker at both sites, sites shown.
	hits := o.SearchPersons("nguyen van an", 0)
	if len(hits) != 2 {
		t.Fatalf("office finds %d records", len(hits))
	}
	var sites []string
	for _, c := range storetest.Must(o.PersonCards([]string{hits[0].ID, hits[1].ID})) {
		sites = append(sites, c.Sites...)
	}
	if len(sites) != 2 || sites[0] == sites[1] {
		t.Errorf("sites shown %v", sites)
	}
	dups := o.Duplicates()
	if len(dups) != 1 || dups[0].Why != model.DupNameYear {
		t.Fatalf("duplicates %+v", dups)
	}

	// The office merges; each child gets the event on its own record.
	keep, err := o.MergePersons("lan", x, y)
	if err != nil {
		t.Fatal(err)
	}
	if v := keep.MergeValues(); len(v["name"]) != 0 || v["address"][0] != "Yên Viên" || v["employer"][0] != "Công ty Hòa Phát" {
		t.Errorf("merge lost values: %v", v)
	}
	hits = o.SearchPersons("nguyen van an", 0)
	card := storetest.Must(o.PersonCards([]string{hits[0].ID}))
	if len(hits) != 1 || hits[0].ID != x || card[0].VisitCount != 2 || len(card[0].Sites) != 2 || len(card[0].Group) != 2 {
		t.Fatalf("after merge: hits %+v card %+v", hits, card)
	}
	if o.Duplicates() != nil {
		t.Errorf("merged pair still suggested")
	}
	send(o, a)
	send(o, b)
	same := func(id string, sites ...*store.Store) {
		t.Helper()
		want := dumpState(t, o)[id]
		for _, s := range sites {
			if got := dumpState(t, s)[id]; got != want {
				t.Errorf("%s at %s:\n%s\noffice:\n%s", id, s.Site(), got, want)
			}
		}
	}
	same(x, a)
	same(y, b)
	if p, _ := b.Person(y); p.MergedInto != x {
		t.Errorf("GL02 does not see its record merged: %+v", p)
	}

	// GL02 unmerges (it holds only its own record); the office follows.
	if err := b.UnmergePerson("lan", y); err != nil {
		t.Fatal(err)
	}
	send(b, o)
	send(o, a)
	if len(o.SearchPersons("nguyen van an", 0)) != 2 {
		t.Error("the office still shows one person after the unmerge")
	}
	c := storetest.Must(o.PersonCards([]string{x}))[0]
	if c.VisitCount != 1 || len(c.Absorbed) != 0 {
		t.Errorf("after unmerge the record still carries the other: %+v", c)
	}
	same(x, a)
	same(y, b)
}
