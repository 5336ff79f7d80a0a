package store_test

import (
	"fmt"
	"testing"
	"time"

	"donthu/model"
	"donthu/store/storetest"
)

// TestSeqGapFree: whatever mix of accepted and refused actions, this
// site's events are numbered 1, 2, 3, ... with no gap, each chained to the
// one before, and Check agrees.
func TestSeqGapFree(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	for i := 0; i < 12; i++ {
		clk.Advance(time.Hour)
		p := storetest.Visit(t, s, fmt.Sprintf("Nguyễn Văn %c", 'A'+i), model.KindComplaint)
		s.RecordPerson("lan", model.Person{Name: ""}) // refused
		if i%2 == 0 {
			c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
			s.CaseAction("lan", c.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight}) // refused: pending
			storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{})
		}
	}
	evs := storetest.AllEvents(t, s)
	prev := ""
	for i, e := range evs {
		if e.Site != "GL07" || e.Seq != uint64(i+1) {
			t.Fatalf("event %d is %s", i+1, e.Key())
		}
		if e.Prev != prev {
			t.Fatalf("event %s does not chain", e.Key())
		}
		prev = e.Hash()
	}
	if h := s.Heads()["GL07"]; h != uint64(len(evs)) || s.Stats().Sites["GL07"] != h {
		t.Fatalf("head %d, %d events", h, len(evs))
	}
	checkClean(t, s)
}

// TestReadableNumbers: numbers are site-year-running, assigned once per
// site and year, restart at 0001 in a new year, are not derived from ids
// (persons recorded in between do not move them), and survive a rebuild.
func TestReadableNumbers(t *testing.T) {
	clk := &storetest.Clock{}
	clk.SetDate(day(2026, time.December, 30))
	s := storetest.NewAt(t, "GL07", "HN01", clk)

	var pets []model.Petition
	for i := 0; i < 3; i++ {
		s.RecordPerson("lan", model.Person{Name: "Người Chen Ngang"}) // ids move, numbers must not
		pets = append(pets, storetest.Visit(t, s, "Phan Văn Nam", model.KindComplaint))
	}
	late := res(s.RegisterPetition("lan", model.Petition{Summary: "Đơn gửi qua bưu điện", Received: day(2026, time.December, 29)})).must(t)
	for i, want := range []string{"GL07-2026-0001", "GL07-2026-0002", "GL07-2026-0003"} {
		if pets[i].No != want {
			t.Fatalf("petition %d: %q, want %q", i, pets[i].No, want)
		}
	}
	if late.No != "GL07-2026-0004" {
		t.Fatalf("late %q", late.No)
	}
	c := storetest.Accept(t, s, pets[1].ID, model.KindComplaint, model.RegimeLabour)
	if c.No != "GL07-2026-0002" {
		t.Fatalf("case %q: the case carries its petition's number", c.No)
	}

	clk.SetDate(day(2027, time.January, 4))
	p := storetest.Visit(t, s, "Phan Thị Mai", model.KindReport)
	if p.No != "GL07-2027-0001" {
		t.Fatalf("first of 2027: %q", p.No)
	}
	v := storetest.Must(s.PersonCards(p.Senders))[0].Visits[0]
	if v.No != "GL07-2027-T0001" {
		t.Fatalf("first visit of 2027: %q", v.No)
	}
	// A letter received in the old year and registered in the new one
	// takes the old year's next number.
	old := res(s.RegisterPetition("lan", model.Petition{Summary: "Đơn đến cuối năm", Received: day(2026, time.December, 31)})).must(t)
	if old.No != "GL07-2026-0005" {
		t.Fatalf("late letter of 2026: %q", old.No)
	}

	// Stored, not recomputed: a rebuild keeps every number and the next
	// one follows on.
	before := storetest.State(t, s)
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if storetest.State(t, s) != before {
		t.Fatal("rebuild changed the state")
	}
	next := storetest.Visit(t, s, "Phan Thị Lan", model.KindReport)
	if next.No != "GL07-2027-0002" {
		t.Fatalf("after rebuild: %q", next.No)
	}

	// Another site numbers on its own.
	other := storetest.NewAt(t, "GL08", "HN01", clk)
	if p := storetest.Visit(t, other, "Phan Văn Bình", model.KindReport); p.No != "GL08-2027-0001" {
		t.Fatalf("other site %q", p.No)
	}
}
