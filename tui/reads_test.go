package tui_test

import (
	"io"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
	"donthu/tui"

	tea "github.com/charmbracelet/bubbletea"
)

// readsOutside records every read of the store made while the root
// model's Update or View runs (not in a command), by the screen function
// that made it.
type readsOutside struct {
	inside atomic.Bool
	mu     sync.Mutex
	where  map[string]int
}

func (r *readsOutside) hook() {
	if !r.inside.Load() {
		return
	}
	pc := make([]uintptr, 40)
	n := runtime.Callers(3, pc)
	frames := runtime.CallersFrames(pc[:n])
	site := ""
	for {
		f, more := frames.Next()
		if strings.HasPrefix(f.Function, "donthu/tui") && !strings.Contains(f.Function, "apptest") {
			site = f.Function
			break
		}
		if !more {
			break
		}
	}
	if site == "" {
		// No screen on the stack: a goroutine of its own (the search
		// warm-up started in the sign-in's command) that happened to read
		// while Update ran on the program's goroutine.
		return
	}
	r.mu.Lock()
	r.where[site]++
	r.mu.Unlock()
}

// Every read of the data file from the interface runs in a tea.Cmd: the
// store's read hook counts the reads made while Update or View runs, as a
// person walks every screen of the demo office, and there must be none.
func TestScreensReadOnlyInCommands(t *testing.T) {
	store.CheapPasswordsForTests()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, model.VN)
	s, err := store.Open(filepath.Join(t.TempDir(), "reads.db"), store.Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := demo.Fill(s, demo.Options{People: 30, Seed: 3, Today: now}); err != nil {
		t.Fatal(err)
	}
	r := &readsOutside{where: map[string]int{}}
	store.SetReadHook(r.hook)
	defer store.SetReadHook(nil)

	for _, lang := range []model.Lang{model.VI, model.EN} {
		a := &guarded{r: r}
		a.m = tui.New(s, tui.Options{Lang: lang, Plain: true, Output: io.Discard, Now: func() time.Time { return now }, User: "demo"})
		a.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
		a.run(a.m.Init())
		walk := [][]string{
			{"f2", "n", "g", "u", "y", "e", "n", "down", "enter", "H", "o", "i", "tab", "4", "esc", "k", "ctrl+o", "esc", "f1", "esc"},
			{"f3", "b", "esc", "enter", "down", "tab", "esc", "c", "f1", "esc"},
			{"f4", "n", "g", "backspace", "backspace", "down", "ctrl+l", "tab", "right", "esc", "ctrl+t", "ctrl+t", "ctrl+r", "down", "esc", "enter"},
			{"f5", "down", "enter", "x", "esc", "s", "esc", "esc"},
			{"f6", "down", "esc"},
			{"f7", "down", "tab", "esc"},
			{"alt+7", "enter", "esc", "down", "enter", "esc", "down", "enter", "esc", "down", "enter", "esc",
				"down", "enter", "left", "esc", "down", "enter", "w", "esc", "esc", "down", "enter", "a", "esc", "down", "enter", "down", "esc", "esc"},
			{"alt+9", "esc", "f2"},
			{"f12", "d", "e", "m", "o", "enter", "f2"}, // lock, unlock
		}
		for _, keys := range walk {
			for _, k := range keys {
				a.Send(keyOf(k))
				_ = a.View()
			}
		}
		a.Send(tea.WindowSizeMsg{Width: 120, Height: 40})
		for _, k := range []string{"f4", "down", "down", "f5", "f3", "f2"} {
			a.Send(keyOf(k))
			_ = a.View()
		}
	}
	if len(r.where) > 0 {
		var lines []string
		for f, n := range r.where {
			lines = append(lines, f+" ×"+itoa(n))
		}
		sort.Strings(lines)
		t.Fatalf("the store was read outside a command, in Update or View:\n%s", strings.Join(lines, "\n"))
	}
}

// guarded drives the root model as the program does, commands run one
// after another, and tells r when Update or View runs.
type guarded struct {
	m tea.Model
	r *readsOutside
}

func (g *guarded) Send(msg tea.Msg) {
	g.r.inside.Store(true)
	var cmd tea.Cmd
	g.m, cmd = g.m.Update(msg)
	g.r.inside.Store(false)
	g.run(cmd)
}

func (g *guarded) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	// A command that does not answer at once is a timer (a cursor's
	// blink): it is dropped, as a key storm outruns it.
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(300 * time.Millisecond):
		return
	}
	switch m := msg.(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range m {
			g.run(c)
		}
	default:
		if v := reflect.ValueOf(m); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				g.run(v.Index(i).Interface().(tea.Cmd))
			}
			return
		}
		g.Send(m)
	}
}

func (g *guarded) View() string {
	g.r.inside.Store(true)
	defer g.r.inside.Store(false)
	return g.m.View()
}

// keyOf is the key message of a name ("f2", "ctrl+t", "alt+7", "x").
func keyOf(name string) tea.KeyMsg {
	named := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "tab": tea.KeyTab, "esc": tea.KeyEsc, "backspace": tea.KeyBackspace,
		"down": tea.KeyDown, "up": tea.KeyUp, "right": tea.KeyRight, "left": tea.KeyLeft,
		"f12": tea.KeyF12, "f1": tea.KeyF1, "f2": tea.KeyF2, "f3": tea.KeyF3, "f4": tea.KeyF4, "f5": tea.KeyF5, "f6": tea.KeyF6, "f7": tea.KeyF7,
		"ctrl+l": tea.KeyCtrlL, "ctrl+t": tea.KeyCtrlT, "ctrl+r": tea.KeyCtrlR, "ctrl+o": tea.KeyCtrlO, "ctrl+s": tea.KeyCtrlS,
	}
	if t, ok := named[name]; ok {
		return tea.KeyMsg{Type: t}
	}
	if strings.HasPrefix(name, "alt+") {
		return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name[4:]), Alt: true}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(name)}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
