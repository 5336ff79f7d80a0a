package tui_test

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
	"donthu/tui"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// stormKeys is how many random keys each role gets: a few hundred a role in CI,
// DONTHU_STORM=N for the full storm (make crash: 20,000 a role, over 100,000 in all).
func stormKeys() int {
	if n, err := strconv.Atoi(os.Getenv("DONTHU_STORM")); err == nil && n > 0 {
		return n
	}
	return 600
}

// stormKey is one random key or resize, and its name for the report.
func stormKey(r *rand.Rand) (tea.Msg, string) {
	rn := func(s string) tea.Msg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }
	switch r.IntN(20) {
	case 0:
		w, h := 40+r.IntN(160), 10+r.IntN(50)
		if r.IntN(3) == 0 {
			w, h = tui.MinWidth+r.IntN(3), tui.MinHeight+r.IntN(3)
		}
		return tea.WindowSizeMsg{Width: w, Height: h}, fmt.Sprintf("%dx%d", w, h)
	case 1, 2, 3, 4, 5, 6:
		letters := []rune("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐNTHQ0123456789 ,.-/áàảãạếềểễệ漢")
		k := string(letters[r.IntN(len(letters))])
		return rn(k), k
	case 7:
		k := tea.KeyType(int(tea.KeyF1) - r.IntN(12)) // F1..F12 run downwards in bubbletea
		return tea.KeyMsg{Type: k}, tea.KeyMsg{Type: k}.String()
	default:
		keys := []tea.KeyType{tea.KeyEnter, tea.KeyEsc, tea.KeyTab, tea.KeyShiftTab, tea.KeyUp, tea.KeyDown,
			tea.KeyLeft, tea.KeyRight, tea.KeyHome, tea.KeyEnd, tea.KeyPgUp, tea.KeyPgDown, tea.KeyBackspace,
			tea.KeyDelete, tea.KeySpace, tea.KeyCtrlS, tea.KeyCtrlN, tea.KeyCtrlU, tea.KeyCtrlE, tea.KeyCtrlF,
			tea.KeyCtrlP, tea.KeyCtrlR, tea.KeyCtrlD, tea.KeyCtrlK, tea.KeyCtrlL, tea.KeyCtrlO, tea.KeyCtrlT}
		k := keys[r.IntN(len(keys))]
		return tea.KeyMsg{Type: k}, tea.KeyMsg{Type: k}.String()
	}
}

// storm drives the root model with messages and runs its commands as the
// program does, in goroutines whose results come back as messages; a
// command still running when the storm moves on (a blink, a tick) is
// left to finish or not. Nothing here waits on a timer.
type storm struct {
	m       tea.Model
	results chan tea.Msg
	mu      sync.Mutex
	running int
}

func (s *storm) launch(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	s.mu.Lock()
	if s.running > 64 {
		s.mu.Unlock()
		return
	}
	s.running++
	s.mu.Unlock()
	go func() {
		defer func() {
			s.mu.Lock()
			s.running--
			s.mu.Unlock()
		}()
		msg := cmd()
		if msg == nil {
			return
		}
		select {
		case s.results <- msg:
		default:
		}
	}()
}

// deliver gives msg to the model, after what its commands sent back.
func (s *storm) deliver(msg tea.Msg) {
	for {
		select {
		case m := <-s.results:
			s.update(m)
			continue
		default:
		}
		break
	}
	s.update(msg)
}

func (s *storm) update(msg tea.Msg) {
	switch m := msg.(type) {
	case tea.QuitMsg:
		return
	case tea.BatchMsg:
		for _, c := range m {
			s.launch(c)
		}
		return
	}
	// tea.Sequence's message is unexported: a slice of commands.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		for i := range v.Len() {
			s.launch(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	var cmd tea.Cmd
	s.m, cmd = s.m.Update(msg)
	s.launch(cmd)
}

// TestKeyStorm feeds the root model random keys and resizes on every
// screen, signed in as each role in turn: nothing panics and no line of
// the window is ever wider than the window. The figures are logged.
func TestKeyStorm(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "storm.db")
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, model.VN)
	s, err := store.Open(path, store.Options{NoSync: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := demo.Fill(s, demo.Options{People: 40, Seed: 5, Today: now}); err != nil {
		t.Fatal(err)
	}
	for _, u := range []model.User{
		{Login: "lanh", Name: "Lãnh Đạo", Roles: []model.Role{model.RoleLeader}},
		{Login: "quantri", Name: "Quản Trị", Roles: []model.Role{model.RoleAdmin}},
	} {
		if err := s.CreateUser("demo", u, "matkhau"); err != nil {
			t.Fatal(err)
		}
	}
	keys := stormKeys()
	total := 0
	for i, login := range []string{"demo", "letan", "hung", "lanh", "quantri", ""} {
		r := rand.New(rand.NewPCG(14, uint64(i)))
		st := &storm{results: make(chan tea.Msg, 256)}
		st.m = tui.New(s, tui.Options{Lang: model.Lang(i % 2), Plain: true, Output: io.Discard,
			Now: func() time.Time { return now }, User: login})
		w, h := 80, 24
		st.deliver(tea.WindowSizeMsg{Width: w, Height: h})
		st.launch(st.m.Init())
		var recent []string
		n := keys
		if login == "" {
			n = keys / 10 // the sign-in screen: no Enter (each costs a password hash)
		}
		for k := 0; k < n; k++ {
			msg, name := stormKey(r)
			if login == "" {
				if km, ok := msg.(tea.KeyMsg); ok && km.Type == tea.KeyEnter {
					continue
				}
			}
			if ws, ok := msg.(tea.WindowSizeMsg); ok {
				w, h = ws.Width, ws.Height
			}
			if len(recent) == 40 {
				recent = recent[1:]
			}
			recent = append(recent, name)
			func() {
				defer func() {
					if p := recover(); p != nil {
						t.Fatalf("as %q, key %d: panic %v\nlast keys: %s", login, k, p, strings.Join(recent, " "))
					}
				}()
				st.deliver(msg)
				view := st.m.View()
				for j, line := range strings.Split(view, "\n") {
					if lw := ansi.StringWidth(line); lw > w {
						t.Fatalf("as %q, key %d, window %dx%d: line %d is %d cells wide:\n%s\nlast keys: %s",
							login, k, w, h, j, lw, ansi.Strip(view), strings.Join(recent, " "))
					}
				}
			}()
			total++
		}
	}
	t.Logf("key storm: %d random keys and resizes over 6 sign-ins (5 roles and the sign-in screen): no panic, no line wider than the window", total)
}
