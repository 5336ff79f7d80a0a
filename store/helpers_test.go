package store_test

import (
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// refusal asserts that err is meant for a person: a *model.Msg with text
// in both languages.
func refusal(t *testing.T, err error) *model.Msg {
	t.Helper()
	if err == nil {
		t.Fatal("accepted, want a refusal")
	}
	m := model.MsgOf(err)
	if m == nil {
		t.Fatalf("refusal %T %v carries no message for a person", err, err)
	}
	if m.VI == "" || m.EN == "" || m.VI == m.EN {
		t.Fatalf("refusal %+v: want distinct Vietnamese and English text", m)
	}
	for _, lang := range []model.Lang{model.VI, model.EN} {
		if got := store.Message(err, lang); got != m.In(lang) {
			t.Fatalf("store.Message(%v) = %q, want %q", lang, got, m.In(lang))
		}
	}
	return m
}

// refused runs fn, asserts that it is refused with a message for a person
// and that neither the log nor the state changed, and returns the message.
func refused(t *testing.T, s *store.Store, fn func() error) *model.Msg {
	t.Helper()
	evs, st, heads := storetest.Events(t, s), storetest.State(t, s), s.Heads()
	m := refusal(t, fn())
	if storetest.Events(t, s) != evs {
		t.Fatalf("refused (%s) but the log changed", m.EN)
	}
	if storetest.State(t, s) != st {
		t.Fatalf("refused (%s) but the state changed", m.EN)
	}
	if got := s.Heads(); got[s.Site()] != heads[s.Site()] {
		t.Fatalf("refused (%s) but the seq moved %d -> %d", m.EN, heads[s.Site()], got[s.Site()])
	}
	return m
}

// res holds a value and an error, so that a call returning both can be
// checked in one expression: res(s.Person(id)).must(t).
func res[T any](v T, err error) result[T] { return result[T]{v, err} }

type result[T any] struct {
	v   T
	err error
}

// must fails the test on the error and returns the value.
func (r result[T]) must(t testing.TB) T {
	t.Helper()
	if r.err != nil {
		t.Fatal(r.err)
	}
	return r.v
}

// checkClean fails the test if Check finds anything.
func checkClean(t testing.TB, s *store.Store) {
	t.Helper()
	if probs := s.Check(); len(probs) != 0 {
		for _, p := range probs {
			t.Error(p.EN)
		}
		t.FailNow()
	}
}

// day is a date.
func day(y int, m time.Month, d int) model.Date { return model.NewDate(y, m, d) }
