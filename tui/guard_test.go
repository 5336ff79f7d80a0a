package tui

import (
	"errors"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"

	tea "github.com/charmbracelet/bubbletea"
)

// boom panics where bbolt panics on a damaged page: in Update, in View,
// or in a command.
type boom struct{ where string }

func (b boom) Init() tea.Cmd { return nil }
func (b boom) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch b.where {
	case "update":
		panic("assertion failed: Page expected to be: 12, but self identifies as 0")
	case "cmd":
		return b, func() tea.Msg { panic("unexpected fault address") }
	case "sequence", "batch of sequence":
		fine := func() tea.Msg { return nil }
		bad := func() tea.Msg { panic("unexpected fault address") }
		seq := tea.Sequence(fine, tea.Sequence(fine, bad))
		if b.where == "sequence" {
			return b, seq
		}
		return b, tea.Batch(fine, seq)
	}
	return b, nil
}
func (b boom) View() string {
	if b.where == "view" {
		panic("index out of range")
	}
	return "ok"
}

// TestGuardTurnsAPanicIntoTheWayOut: a panic in the interface, wherever
// it happens, closes it with one sentence naming salvage, not a stack
// trace.
func TestGuardTurnsAPanicIntoTheWayOut(t *testing.T) {
	for _, where := range []string{"update", "view", "cmd", "sequence", "batch of sequence"} {
		g := &guarded{m: boom{where}, path: "/tmp/gl07.db"}
		_, cmd := g.Update(tea.KeyMsg{Type: tea.KeyEnter})
		g.View()
		run(g, cmd)
		if g.err == nil || !errors.Is(g.err, store.ErrCorrupt) || !strings.Contains(store.Message(g.err, model.EN), "donthu salvage /tmp/gl07.db") {
			t.Fatalf("%s: %v", where, g.err)
		}
	}
}

// run runs cmd as Bubble Tea does, a batch's and a sequence's commands
// each in turn, and gives the model every message they return.
func run(g *guarded, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			run(g, c)
		}
		return
	}
	if s := sequence(msg); s.IsValid() {
		for i := range s.Len() {
			c, _ := s.Index(i).Interface().(tea.Cmd)
			run(g, c)
		}
		return
	}
	if msg != nil {
		g.Update(msg)
	}
}
