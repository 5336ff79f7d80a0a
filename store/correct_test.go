package store_test

import (
	"testing"

	"donthu/model"
	"donthu/store/storetest"
)

// A person's name corrected with a reason: one event on the person, and the
// petition and case that named them by the old name follow, each with the
// reason; a correction without a reason changes nothing.
func TestCorrectPerson(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Nguyễn Văn Ann", model.KindComplaint)
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	person := p.Senders[0]
	before := s.Heads()[s.Site()]
	if _, err := s.CorrectPerson("lan", person, model.PersonUpdate{Person: model.Person{Name: "Nguyễn Văn An"}, Set: []string{"name"}}, "  "); err == nil {
		t.Fatal("a correction without a reason was accepted")
	}
	if s.Heads()[s.Site()] != before {
		t.Fatal("a refused correction wrote an event")
	}
	got, err := s.CorrectPerson("lan", person, model.PersonUpdate{Person: model.Person{Name: "Nguyễn Văn An"}, Set: []string{"name"}}, "Gõ sai tên")
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "Nguyễn Văn An" {
		t.Fatalf("corrected name %q", got.Name)
	}
	pet, _ := s.Petition(p.ID)
	cs, _ := s.Case(c.ID)
	if pet.SenderName != "Nguyễn Văn An" || cs.SenderName != "Nguyễn Văn An" {
		t.Fatalf("petition %q, case %q still name the old sender", pet.SenderName, cs.SenderName)
	}
	evs, _ := s.Timeline(c.ID)
	last := evs[len(evs)-1]
	var rc model.RecordCorrection
	last.Decode(&rc)
	if last.Type != model.EvPetitionCorrected || rc.Reason != "Gõ sai tên" {
		t.Fatalf("case timeline ends with %s %+v", last.Type, rc)
	}
	// Search finds the corrected name, not the old one.
	if hits := s.SearchPersons("nguyen van an", 10); len(hits) != 1 || hits[0].ID != person {
		t.Fatalf("search: %+v", hits)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("check after corrections: %v", err)
	}
}

func TestCorrectVisitAndPetition(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Trần Thị Bình", model.KindComplaint)
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	v, err := s.CorrectVisit("lan", p.Visit, model.RecordCorrection{Set: []string{"content"}, Content: "Công ty nợ lương hai tháng", Reason: "Ghi nhầm số tháng"})
	if err != nil || v.Content != "Công ty nợ lương hai tháng" {
		t.Fatalf("visit: %+v %v", v, err)
	}
	if _, err := s.CorrectVisit("lan", p.Visit, model.RecordCorrection{Set: []string{"summary"}, Summary: "x", Reason: "r"}); err == nil {
		t.Fatal("a visit took a petition's field")
	}
	pet, err := s.CorrectPetition("lan", p.ID, model.RecordCorrection{Set: []string{"summary"}, Summary: "Nợ lương hai tháng", Reason: "Ghi nhầm"})
	if err != nil || pet.Summary != "Nợ lương hai tháng" {
		t.Fatalf("petition: %+v %v", pet, err)
	}
	if cs, _ := s.Case(c.ID); cs.Summary != "Nợ lương hai tháng" {
		t.Fatalf("the case kept the old summary %q", cs.Summary)
	}
	if err := s.Check(); err != nil {
		t.Fatalf("check after corrections: %v", err)
	}
}
