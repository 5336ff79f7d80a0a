package store_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/export"
	"donthu/store/storetest"
)

// A record damaged in the file is not skipped in silence: each list that
// meets it returns what it could read and a message of kind damaged with
// the way out (donthu check, then salvage), wrapping ErrCorrupt; a single
// read tells it from a record that is not there.
func TestDamagedRecordsAreReported(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	kept := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	bad := storetest.Visit(t, s, "Trần Thị Bình", model.KindComplaint)
	c1 := storetest.Accept(t, s, storetest.Visit(t, s, "Lê Văn Cường", model.KindComplaint).ID, model.KindComplaint, model.RegimeLabour)
	c2 := storetest.Accept(t, s, storetest.Visit(t, s, "Phạm Thị Dung", model.KindComplaint).ID, model.KindComplaint, model.RegimeLabour)
	s = storetest.Damage(t, s, clk, bad.ID, c2.ID, bad.Senders[0])

	damaged := func(what string, err error) {
		t.Helper()
		m := model.MsgOf(err)
		if m == nil || m.Kind != model.KindDamaged || !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("%s: %v, want a damaged-kind message wrapping ErrCorrupt", what, err)
		}
		for _, lang := range []model.Lang{model.VI, model.EN} {
			text, _ := model.Say(err, lang)
			if !strings.Contains(text, "donthu check") || !strings.Contains(text, "donthu salvage") || strings.Contains(text, "invalid character") {
				t.Fatalf("%s (%v): %q does not give the way out, or shows Go's text", what, lang, text)
			}
		}
	}

	in, err := s.Inbox()
	damaged("Inbox", err)
	if len(in) != 1 || in[0].ID != kept.ID {
		t.Fatalf("inbox kept %d petitions, want the one readable", len(in))
	}
	var open []string
	err = s.EachCase(store.CaseFilter{}, func(c model.Case) { open = append(open, c.ID) })
	damaged("EachCase", err)
	if len(open) != 1 || open[0] != c1.ID {
		t.Fatalf("cases %v, want %s only", open, c1.ID)
	}
	cards, err := s.PersonCards([]string{kept.Senders[0], bad.Senders[0], "person:GL07.999"})
	damaged("PersonCards", err)
	if len(cards) != 1 || cards[0].ID != kept.Senders[0] {
		t.Fatalf("%d cards", len(cards))
	}
	_, err = s.PetitionsOf(bad.Senders[0])
	damaged("PetitionsOf", err)
	_, err = s.Petition(bad.ID)
	damaged("Petition", err)
	pets, err := s.PetitionsIn(model.Date{}, model.Date{})
	damaged("PetitionsIn", err)
	if len(pets) != 3 {
		t.Fatalf("%d petitions read, want the 3 readable", len(pets))
	}
	_, err = s.ReportInput(model.Date{}, model.Date{})
	damaged("ReportInput", err)
	// The registers and case lists written to files: never as if complete.
	all, err := s.Cases(store.CaseFilter{All: true}, s.Today())
	damaged("Cases", err)
	if len(all) != 1 || all[0].ID != c1.ID {
		t.Fatalf("%d cases listed", len(all))
	}
	_, err = s.Due(s.Today(), s.Today().AddDays(365), "")
	damaged("Due", err)
	reg, err := export.ReadRegister(s, model.Date{}, model.Date{})
	damaged("ReadRegister", err)
	if len(reg) != 4 { // the visits are whole; a person and a petition are not
		t.Fatalf("register of %d rows, want the 4 visits", len(reg))
	}
	_, err = export.ReadPetitions(s, model.Date{}, model.Date{})
	damaged("ReadPetitions", err)
	if _, err := s.Petition("petition:GL07.999"); !errors.Is(err, store.ErrNotFound) || errors.Is(err, store.ErrCorrupt) {
		t.Fatalf("a petition not there: %v", err)
	}
	// A person asked for by an id that is simply not there is no damage.
	if _, err := s.PersonCards([]string{kept.Senders[0], "person:GL07.999"}); err != nil {
		t.Fatalf("an unknown id: %v", err)
	}
	// A card whose petition is damaged says so at every read, not only
	// at the first: the cards kept between keys keep no damaged one.
	e := storetest.Visit(t, s, "Đỗ Văn Em", model.KindComplaint)
	s = storetest.Damage(t, s, clk, e.ID)
	for i := range 2 {
		cards, err := s.PersonCards([]string{e.Senders[0]})
		damaged(fmt.Sprintf("PersonCards, read %d", i+1), err)
		if len(cards) != 1 {
			t.Fatalf("read %d: %d cards, want the person's", i+1, len(cards))
		}
	}
}
