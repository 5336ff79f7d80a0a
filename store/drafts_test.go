package store_test

import (
	"encoding/json"
	"testing"

	"donthu/store"
	"donthu/store/storetest"
)

type visitDraft struct {
	Content string   `json:"content"`
	Persons []string `json:"persons"`
}

// A draft is kept per person and per form, survives closing the file, is
// not an event, and is gone once dropped.
func TestDraftsSurviveReopenAndAreNotEvents(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	path := s.Path()
	before := s.Heads()[s.Site()]
	want := visitDraft{Content: "Công ty nợ lương", Persons: []string{"person:GL07.1"}}
	if err := s.SaveDraft("lan", "reception", want); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft("binh", "reception", visitDraft{Content: "khác"}); err != nil {
		t.Fatal(err)
	}
	if s.Heads()[s.Site()] != before {
		t.Fatal("a draft was written as an event")
	}
	s.Close()
	s2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	d, ok, err := s2.LoadDraft("lan", "reception")
	if err != nil || !ok {
		t.Fatalf("draft after reopening: %v %v", ok, err)
	}
	var got visitDraft
	if err := json.Unmarshal(d.Data, &got); err != nil || got.Content != want.Content || len(got.Persons) != 1 || d.At.IsZero() {
		t.Fatalf("draft %+v (%v)", got, err)
	}
	if err := s2.DropDraft("lan", "reception"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s2.LoadDraft("lan", "reception"); ok {
		t.Fatal("a dropped draft came back")
	}
	if _, ok, _ := s2.LoadDraft("binh", "reception"); !ok {
		t.Fatal("dropping one person's draft dropped another's")
	}
	if err := s2.SaveDraft("a/b", "x", 1); err == nil {
		t.Fatal("a login with a slash was accepted")
	}
}
