// Package apptest drives the whole interface in tests, as the binary
// does: the root model with every screen, a window size, and the commands
// run and their messages fed back until nothing is left. It lives apart
// from tuitest because it imports tui, which imports every screen, and
// the screens' own tests import tuitest.
package apptest

import (
	"io"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/tui"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
)

// App is the interface signed in as one user.
type App struct{ M tea.Model }

// New signs login in on s at w x h, with the clock now, and runs Init.
func New(s *store.Store, now func() time.Time, login string, lang model.Lang, w, h int) *App {
	a := &App{M: tui.New(s, tui.Options{Lang: lang, Plain: true, Output: io.Discard, Now: now, User: login})}
	a.Send(tea.WindowSizeMsg{Width: w, Height: h})
	a.run(a.M.Init())
	return a
}

// Send delivers msgs, and everything that follows from them.
func (a *App) Send(msgs ...tea.Msg) {
	for _, msg := range msgs {
		var cmd tea.Cmd
		a.M, cmd = a.M.Update(msg)
		a.run(cmd)
	}
}

func (a *App) run(cmd tea.Cmd) {
	for _, msg := range tuitest.Drain(cmd) {
		if _, quit := msg.(tea.QuitMsg); !quit {
			a.Send(msg)
		}
	}
}

// View is the window as a person reads it, without styles.
func (a *App) View() string { return tuitest.Strip(a.M.View()) }
