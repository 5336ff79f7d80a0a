package model

import (
	"testing"
	"time"
)

// A case's search text is made once, after its last event applied, and
// says what the events that applied left: one in conflict changes
// nothing.
func TestFoldMakesSearchTextOnce(t *testing.T) {
	at := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	seq := uint64(0)
	ev := func(typ EventType, data any) Event {
		seq++
		return Event{Site: "GL07", Seq: seq, Clock: at.UnixMilli() + int64(seq), At: at, Author: "hung", Entity: "case:GL07.1", Type: typ, Data: MustData(data)}
	}
	opened := ev(EvCaseOpened, Case{No: "GL07-2026-0001", SenderName: "Nguyễn Văn An", Employer: "Công ty May Sông Hồng", Summary: "Nợ lương"})
	twice := ev(EvCaseOpened, Case{No: "GL07-2026-0009", Employer: "Công ty Khác"}) // in conflict: made twice
	assigned := ev(EvCaseAssigned, CaseAction{Handler: "hung"})
	v, err := FoldEntity("case:GL07.1", []Event{opened, assigned, twice})
	if err != nil {
		t.Fatal(err)
	}
	c := v.(*Case)
	if want := Fold("GL07-2026-0001  Nguyễn Văn An Công ty May Sông Hồng Nợ lương"); c.Fold != want || len(c.Conflicts) != 1 {
		t.Fatalf("search text %q, want %q; conflicts %v", c.Fold, want, c.Conflicts)
	}
	// Onto the stored projection: an event in conflict leaves it.
	again, err := FoldOnto("case:GL07.1", c, []Event{ev(EvCaseOpened, Case{Employer: "Công ty Khác"})})
	if err != nil || again.(*Case).Fold != c.Fold {
		t.Fatalf("%v: %q", err, again.(*Case).Fold)
	}
	// A petition's too.
	p := Event{Site: "GL07", Seq: 50, Clock: at.UnixMilli(), At: at, Entity: "petition:GL07.50", Type: EvPetitionRegistered,
		Data: MustData(Petition{No: "GL07-2026-0050", SenderName: "Lê Thị Hồng", Employer: "Công ty Giày Bình Minh", Summary: "Chưa đóng bảo hiểm"})}
	v, err = FoldEntity(p.Entity, []Event{p})
	if want := Fold("Lê Thị Hồng Công ty Giày Bình Minh Chưa đóng bảo hiểm GL07-2026-0050"); err != nil || v.(*Petition).Fold != want {
		t.Fatalf("%v: petition search text %q, want %q", err, v.(*Petition).Fold, want)
	}
}
