package store

import (
	"path/filepath"
	"testing"
)

// A sign-out forgets the cards kept between keys: one may hold a
// protected person's identity, unsealed for the session that read it.
func TestSignOutForgetsTheCards(t *testing.T) {
	s := openSite(t, filepath.Join(t.TempDir(), "s.db"))
	recordVisits(t, s, 3)
	hits := s.SearchPersons("nguyen", 10)
	if len(hits) == 0 {
		t.Fatal("no person found")
	}
	if cards, err := s.PersonCards([]string{hits[0].ID}); err != nil || len(cards) != 1 {
		t.Fatalf("%d cards: %v", len(cards), err)
	}
	if len(s.cards.m) == 0 {
		t.Fatal("the card read was not kept")
	}
	s.SignOut()
	if s.cards.m != nil {
		t.Fatalf("%d cards kept after the sign-out", len(s.cards.m))
	}
}
