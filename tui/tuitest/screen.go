package tuitest

import (
	"strings"
	"testing"

	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Screen drives one screen as the root would: it delivers messages, runs
// the commands the screen returns (synchronously, in order) and feeds
// their results back, and keeps what is meant for the root.
type Screen struct {
	T      testing.TB
	S      common.Screen
	Width  int
	Height int
	// Out holds every message meant for the root (status, navigation,
	// changes), in the order they came.
	Out []tea.Msg
}

// NewScreen sizes s to the body of an 80x24 window (80x21) and runs Init.
func NewScreen(t testing.TB, s common.Screen) *Screen {
	d := &Screen{T: t, S: s, Width: 80, Height: 21}
	s.SetSize(d.Width, d.Height)
	d.run(s.Init())
	return d
}

// Resize sets the body's size.
func (d *Screen) Resize(w, h int) {
	d.Width, d.Height = w, h
	d.S.SetSize(w, h)
}

// Send delivers msg and everything that follows from it.
func (d *Screen) Send(msg tea.Msg) *Screen {
	d.T.Helper()
	var cmd tea.Cmd
	d.S, cmd = d.S.Update(msg)
	d.run(cmd)
	return d
}

// run executes cmd and routes its messages: root messages are kept,
// change notices are kept and also delivered (the root sends them to
// every screen), the rest go back to the screen.
func (d *Screen) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	msg := cmd()
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			d.run(c)
		}
	case common.StatusMsg, common.GotoMsg, common.OpenCaseMsg, common.OpenPetitionMsg, common.PushMsg, tea.QuitMsg:
		d.Out = append(d.Out, m)
	case common.ChangedMsg:
		d.Out = append(d.Out, m)
		d.Send(m)
	default:
		d.Send(m)
	}
}

// Press presses keys by name ("enter", "ctrl+s", "f9", "K").
func (d *Screen) Press(keys ...string) *Screen {
	d.T.Helper()
	for _, k := range keys {
		d.Send(Key(k))
	}
	return d
}

// Type types s, one key message per rune.
func (d *Screen) Type(s string) *Screen {
	d.T.Helper()
	for _, k := range Runes(s) {
		d.Send(k)
	}
	return d
}

// View returns the screen's view without styles, each line padded or cut
// to the width, and exactly Height lines: what a person sees.
func (d *Screen) View() string {
	return Plain(d.S.View(), d.Width, d.Height)
}

// Plain strips styles from a view and fits it to w x h cells.
func Plain(v string, w, h int) string {
	lines := strings.Split(ansi.Strip(v), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	for i, l := range lines {
		l = ansi.Truncate(l, w, "")
		if n := ansi.StringWidth(l); n < w {
			l += strings.Repeat(" ", w-n)
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n") + "\n"
}

// Status returns the newest status-line text, and whether it is an error.
func (d *Screen) Status() (string, bool) {
	for i := len(d.Out) - 1; i >= 0; i-- {
		if s, ok := d.Out[i].(common.StatusMsg); ok {
			return s.Text, s.Err
		}
	}
	return "", false
}

// Expect fails unless every text is on the screen now.
func (d *Screen) Expect(texts ...string) *Screen {
	d.T.Helper()
	v := d.View()
	for _, t := range texts {
		if !strings.Contains(v, t) {
			d.T.Fatalf("%q is not on the screen:\n%s", t, v)
		}
	}
	return d
}

// ExpectNot fails if any text is on the screen now.
func (d *Screen) ExpectNot(texts ...string) *Screen {
	d.T.Helper()
	v := d.View()
	for _, t := range texts {
		if strings.Contains(v, t) {
			d.T.Fatalf("%q should not be on the screen:\n%s", t, v)
		}
	}
	return d
}
