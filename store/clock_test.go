package store_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"

	bolt "go.etcd.io/bbolt"
)

// TestClockSetBack: a laptop whose clock is five years behind keeps
// numbering in the right year and counting from the right day, and the
// person is told at sign-in (ClockProblem).
func TestClockSetBack(t *testing.T) {
	s0, clk := storetest.New(t, "GL07")
	path := s0.Path()
	s0.Close()
	s := res(store.Open(path, store.Options{Now: clk.Now})).must(t)
	defer s.Close()
	p := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	if !strings.Contains(p.No, "-2026-") {
		t.Fatalf("number %s", p.No)
	}
	if s.ClockProblem() != nil {
		t.Fatalf("a right clock was warned: %+v", s.ClockProblem())
	}
	newest := s.Today()
	clk.Advance(-5 * 365 * 24 * time.Hour)
	if got := s.Today(); got != newest {
		t.Fatalf("today %v with the clock set back, want %v", got, newest)
	}
	p2 := storetest.Visit(t, s, "Trần Thị Bình", model.KindComplaint)
	if !strings.Contains(p2.No, "-2026-") || p2.Received != newest {
		t.Fatalf("numbered %s, received %v with the clock set back", p2.No, p2.Received)
	}
	w := s.ClockProblem()
	if w == nil || !strings.Contains(w.VI, "sớm hơn") || !strings.Contains(w.EN, "earlier than") {
		t.Fatalf("no warning for a clock five years behind: %+v", w)
	}
	// Far ahead: told, but it is the person's clock to judge.
	clk.Advance(7 * 365 * 24 * time.Hour)
	if w := s.ClockProblem(); w == nil || !strings.Contains(w.EN, "more than a year after") {
		t.Fatalf("no warning for a clock two years ahead: %+v", w)
	}
}

// TestClockFloorSurvivesReopen: the floor comes from the file, so a
// restart with a wrong clock keeps it.
func TestClockFloorSurvivesReopen(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	newest := s.Today()
	path := s.Path()
	s.Close()
	clk.Advance(-3 * 365 * 24 * time.Hour)
	r := res(store.Open(path, store.Options{Now: clk.Now})).must(t)
	defer r.Close()
	if r.Today() != newest || r.ClockProblem() == nil {
		t.Fatalf("after reopening: today %v, warning %v", r.Today(), r.ClockProblem())
	}
}

// TestInterruptedSetUp: a first init or demo killed after bbolt wrote its
// header but before the first commit leaves a file with no buckets; it
// is explained, and running the setup again works.
func TestInterruptedSetUp(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = store.Open(path, store.Options{ReadOnly: true})
	m := refusal(t, err)
	if !strings.Contains(m.EN, "never set up") || !strings.Contains(m.VI, "chưa từng được thiết lập") {
		t.Fatalf("message %+v", m)
	}
	s := res(store.Open(path, store.Options{})).must(t)
	defer s.Close()
	if err := s.Init(store.SiteInit{Code: "GL07", Name: "Công đoàn GL07", Login: "lan", Password: storetest.Password}); err != nil {
		t.Fatal(err)
	}
}
