package store_test

import (
	"errors"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

func TestSmokeVisitToClosedCase(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	if p.No != "GL07-2026-0001" {
		t.Fatalf("petition number %q", p.No)
	}
	if got := storetest.Must(s.Inbox()); len(got) != 1 || got[0].ID != p.ID {
		t.Fatalf("inbox %+v", got)
	}
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	if c.Status != model.StatusPending || len(storetest.Must(s.Inbox())) != 0 {
		t.Fatalf("case %+v", c)
	}
	clk.Advance(24 * time.Hour)
	c, err := s.CaseAction("lan", c.ID, model.EvCaseAccepted, model.CaseAction{})
	if err != nil {
		t.Fatal(err)
	}
	rows := storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))
	if len(rows) != 1 || rows[0].Deadline.Due.IsZero() {
		t.Fatalf("rows %+v", rows)
	}
	if _, err := s.CaseAction("lan", c.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight, DecisionNo: "12/QĐ"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CaseAction("lan", c.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight}); err == nil {
		t.Fatal("concluding a closed case was accepted")
	}
	if n := len(storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))); n != 0 {
		t.Fatalf("%d open cases after conclusion", n)
	}
	hits := s.SearchPersons("nguyen van", 10)
	if len(hits) != 1 {
		t.Fatalf("hits %+v", hits)
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Fatalf("check: %v", probs)
	}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Fatalf("check after rebuild: %v", probs)
	}
	if _, err := store.Open(s.Path(), store.Options{Timeout: 200 * time.Millisecond}); !errors.Is(err, store.ErrLocked) {
		t.Fatalf("second open: %v", err)
	}
}
