package tui

import (
	"reflect"
	"runtime/debug"

	"donthu/store"

	tea "github.com/charmbracelet/bubbletea"
)

// guarded wraps the root model so that no panic reaches the person: a
// damaged data file can make bbolt panic (or fault, on a mapped page)
// deep inside a read. The interface then closes, restoring the terminal,
// and Run returns one sentence with the way out instead of the stack
// trace Bubble Tea would print.
type guarded struct {
	m    tea.Model
	path string
	err  error
}

type panicked struct{ r any }

func (g *guarded) Init() tea.Cmd { return g.cmd(g.m.Init()) }

func (g *guarded) Update(msg tea.Msg) (_ tea.Model, cmd tea.Cmd) {
	if p, ok := msg.(panicked); ok {
		g.fail(p.r)
		return g, tea.Quit
	}
	if g.err != nil {
		return g, nil
	}
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			g.fail(r)
			cmd = tea.Quit
		}
	}()
	var m tea.Model
	m, cmd = g.m.Update(msg)
	g.m = m
	return g, g.cmd(cmd)
}

func (g *guarded) View() (v string) {
	if g.err != nil {
		return ""
	}
	old := debug.SetPanicOnFault(true)
	defer func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			g.fail(r)
			v = ""
		}
	}()
	return g.m.View()
}

func (g *guarded) fail(r any) {
	if g.err == nil {
		g.err = store.Damaged(g.path, r)
	}
}

// cmd runs a command under the same guard, in its own goroutine: a panic
// there comes back as a message. The commands of a tea.Batch or a
// tea.Sequence are guarded each, however deeply nested.
func (g *guarded) cmd(c tea.Cmd) tea.Cmd {
	if c == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		old := debug.SetPanicOnFault(true)
		defer func() {
			debug.SetPanicOnFault(old)
			if r := recover(); r != nil {
				msg = panicked{r}
			}
		}()
		msg = c()
		if b, ok := msg.(tea.BatchMsg); ok {
			for i := range b {
				b[i] = g.cmd(b[i])
			}
		} else if s := sequence(msg); s.IsValid() {
			for i := range s.Len() {
				c, _ := s.Index(i).Interface().(tea.Cmd)
				s.Index(i).Set(reflect.ValueOf(g.cmd(c)))
			}
		}
		return msg
	}
}

var cmdType = reflect.TypeOf(tea.Cmd(nil))

// sequence returns the commands of tea.Sequence's message, whose type
// Bubble Tea does not export (a slice of commands, run in order), so
// that each runs under the guard as a tea.Batch's do; the zero Value for
// any other message.
func sequence(msg tea.Msg) reflect.Value {
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return reflect.Value{}
	}
	return v
}
