package tuitest

import (
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/textfield"
)

// Context is what a screen gets in a test: the store, login signed in,
// lang, the plain styles (golden files stay free of escape codes), the
// typing mode off, and the clock now.
func Context(t testing.TB, s *store.Store, now func() time.Time, login string, lang model.Lang) *common.Context {
	t.Helper()
	u, err := s.User(login)
	if err != nil {
		t.Fatalf("tuitest: user %s: %v", login, err)
	}
	return &common.Context{
		Store: s, User: u, Lang: lang, Words: common.WordsFor(lang), Styles: common.PlainStyles(), Now: now,
		Input: &common.InputSettings{Mode: textfield.ModeOff, Style: textfield.ToneModern},
	}
}
