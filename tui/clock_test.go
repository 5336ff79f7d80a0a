package tui_test

import (
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
	"donthu/tui"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// TestSignInShowsAWrongClock: a laptop whose clock is five years behind
// the newest record is told so at sign-in, with what to do, at 80x24.
func TestSignInShowsAWrongClock(t *testing.T) {
	path := filepath.Join(t.TempDir(), "gl07.db")
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, model.VN)
	clock := func() time.Time { return now }
	s, err := store.Open(path, store.Options{NoSync: true, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fill(s, demo.Options{People: 5, Seed: 1, Today: now}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	now = now.AddDate(-5, 0, 0)
	s, err = store.Open(path, store.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, lang := range []model.Lang{model.VI, model.EN} {
		// As the program runs it: the interface takes the store's clock.
		m := tui.New(s, tui.Options{Lang: lang, Plain: true, Output: io.Discard})
		m2, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		view := ansi.Strip(m2.View())
		flat := strings.Join(strings.Fields(strings.ReplaceAll(view, "│", " ")), " ")
		want := map[model.Lang][]string{
			model.VI: {"Đồng hồ máy tính chỉ ngày 02/03/2021", "sớm hơn bản ghi mới nhất (02/03/2026)", "Hãy chỉnh lại ngày giờ"},
			model.EN: {"The computer's clock says 02/03/2021", "earlier than the newest record (02/03/2026)", "Set the computer's date and time"},
		}[lang]
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Fatalf("%q is not on the sign-in screen:\n%s", w, view)
			}
		}
		// Days on screen come from the store's clock, not the wrong one.
		if !strings.Contains(view, "02/03/2026") || strings.Contains(strings.Split(strings.TrimSpace(view), "\n")[len(strings.Split(strings.TrimSpace(view), "\n"))-1], "2021") {
			t.Fatalf("the status line shows the wrong clock's day:\n%s", view)
		}
		for _, line := range strings.Split(view, "\n") {
			if ansi.StringWidth(line) > 80 {
				t.Fatalf("a line wider than 80:\n%s", view)
			}
		}
		if lang == model.VI {
			t.Log("\n" + view)
		}
	}
}
