package store_test

import (
	"errors"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

func TestPrefs(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	if v := s.GetPref("lan", "queue.filters"); v != "" {
		t.Fatalf("unset pref = %q", v)
	}
	if err := s.SetPref("lan", "queue.filters", `{"kind":"complaint"}`); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPref("binh", "queue.filters", `{}`); err != nil {
		t.Fatal(err)
	}
	if v := s.GetPref("lan", "queue.filters"); v != `{"kind":"complaint"}` {
		t.Fatalf("pref = %q", v)
	}
	if v := s.GetPref("binh", "queue.filters"); v != `{}` {
		t.Fatalf("another user's pref = %q", v)
	}
	if err := s.SetPref("lan", "queue.filters", ""); err != nil {
		t.Fatal(err)
	}
	if v := s.GetPref("lan", "queue.filters"); v != "" {
		t.Fatalf("removed pref = %q", v)
	}
	if err := s.SetPref("a/b", "k", "v"); err == nil {
		t.Fatal("a login with a slash was accepted")
	}
	// A preference is not an event: the log does not grow.
	before := s.Heads()[s.Site()]
	s.SetPref("lan", "x", "y")
	if s.Heads()[s.Site()] != before {
		t.Fatal("SetPref wrote an event")
	}
}

func TestRevealIdentity(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Lê Văn Cường", model.KindDenunciation)
	c := storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	if !c.Confidential {
		t.Fatal("a denunciation's case is not confidential")
	}
	if err := s.RevealIdentity("lan", c.ID, "  "); err == nil {
		t.Fatal("a reveal without a reason was accepted")
	}
	if err := s.CreateUser("lan", model.User{Login: "hoa", Name: "Đỗ Thị Hoa", Roles: []model.Role{model.RoleReceptionist}}, "matkhau"); err != nil {
		t.Fatal(err)
	}
	if err := s.RevealIdentity("hoa", c.ID, "tò mò"); err == nil {
		t.Fatal("a receptionist saw a denouncer's identity")
	}
	if err := s.RevealIdentity("lan", c.ID, "Xác minh nội dung tố cáo"); err != nil {
		t.Fatal(err)
	}
	evs, err := s.Timeline(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	last := evs[len(evs)-1]
	var a model.CaseAction
	if last.Type != model.EvIdentityRevealed || last.Author != "lan" || last.Decode(&a) != nil || a.Reason != "Xác minh nội dung tố cáo" {
		t.Fatalf("last event %+v", last)
	}
	// An open case that is not confidential: nothing to reveal.
	p2 := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	c2 := storetest.Accept(t, s, p2.ID, model.KindComplaint, model.RegimeLabour)
	if err := s.RevealIdentity("lan", c2.ID, "x"); err == nil {
		t.Fatal("revealed a non-confidential case")
	}
	if err := s.RevealIdentity("lan", "case:NONE.1", "x"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown case: %v", err)
	}
}
