package tui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"
	"donthu/tui/textfield"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

func widthOf(s string) int { return lipgloss.Width(s) }

var update = flag.Bool("update", false, "rewrite generated files and goldens")

func signedIn(t *testing.T, lang model.Lang) (*App, *store.Store) {
	t.Helper()
	s, clk := storetest.New(t, "GL07")
	a := New(s, Options{Lang: lang, Plain: true, Now: clk.Now, User: "lan"})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return a, s
}

func press(a *App, keys ...string) {
	for _, k := range keys {
		var m tea.KeyMsg
		switch k {
		case "f1":
			m = tea.KeyMsg{Type: tea.KeyF1}
		case "f4":
			m = tea.KeyMsg{Type: tea.KeyF4}
		case "esc":
			m = tea.KeyMsg{Type: tea.KeyEsc}
		case "ctrl+q":
			m = tea.KeyMsg{Type: tea.KeyCtrlQ}
		case "f8":
			m = tea.KeyMsg{Type: tea.KeyF8}
		default:
			m = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		_, cmd := a.Update(m)
		drain(a, cmd)
	}
}

// drain runs a command and feeds its messages back, as the runtime would
// (batches included), a few levels deep.
func drain(a *App, cmd tea.Cmd) {
	for depth := 0; cmd != nil && depth < 5; depth++ {
		msg := cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			for _, c := range b {
				drain(a, c)
			}
			return
		}
		if _, ok := msg.(tea.QuitMsg); ok {
			return
		}
		_, cmd = a.Update(msg)
	}
}

// TestKeysDocUpToDate regenerates docs/keys.*.md from the bindings and
// fails when the committed files differ (run with -update to refresh).
func TestKeysDocUpToDate(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		a, _ := signedIn(t, lang)
		got := a.KeysDoc()
		path := filepath.Join("..", "docs", "keys."+lang.Code()+".md")
		if *update {
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil || string(want) != got {
			t.Errorf("%s is stale; run: go test ./tui -run TestKeysDocUpToDate -update", path)
		}
	}
}

func TestTooSmallWindowIsPolite(t *testing.T) {
	a, _ := signedIn(t, model.VI)
	a.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	v := a.View()
	if !strings.Contains(v, "80×24") || !strings.Contains(v, "60×20") {
		t.Fatalf("small window view: %q", v)
	}
}

func TestLayoutFitsEveryScreen(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		a, _ := signedIn(t, lang)
		for id := range a.screens {
			if a.screens[id] == nil {
				continue
			}
			drain(a, a.goTo(common.ScreenID(id)))
			for _, size := range [][2]int{{80, 24}, {120, 40}} {
				a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				lines := strings.Split(a.View(), "\n")
				if len(lines) != size[1] {
					t.Errorf("%v screen %d at %v: %d lines", lang, id, size, len(lines))
				}
				for i, l := range lines {
					if w := widthOf(l); w > size[0] {
						t.Errorf("%v screen %d at %v: line %d is %d wide", lang, id, size, i, w)
					}
				}
			}
		}
	}
}

func TestHelpOverlayAndEscape(t *testing.T) {
	a, _ := signedIn(t, model.VI)
	press(a, "f1")
	if !strings.Contains(a.View(), "Trợ giúp") || !strings.Contains(a.View(), "Phím chung") {
		t.Fatalf("F1 shows no help:\n%s", a.View())
	}
	press(a, "esc")
	if strings.Contains(a.View(), "Phím chung") {
		t.Fatal("Esc did not close the help")
	}
}

func TestStatusLineShowsOverdueAndInputMode(t *testing.T) {
	a, s := signedIn(t, model.VI)
	drain(a, a.Init())
	if !strings.Contains(a.View(), "Không có việc quá hạn") {
		t.Fatalf("status line:\n%s", a.View())
	}
	p := storetest.Visit(t, s, "Trần Văn Bình", model.KindComplaint)
	storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	// Sixty days later the acceptance deadline has long passed.
	a.ctx.Now = func() time.Time { return s.Now().Add(60 * 24 * time.Hour) }
	_, cmd := a.Update(common.ChangedMsg{})
	drain(a, cmd)
	if !strings.Contains(a.View(), "Quá hạn: 1") || !strings.Contains(a.View(), "⚠") {
		t.Fatalf("overdue count not shown:\n%s", a.View())
	}
	press(a, "f8")
	if !strings.Contains(a.View(), "Telex") {
		t.Fatalf("F8 did not switch to Telex:\n%s", a.View())
	}
}

func TestFirstRunLeadsThroughSetup(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := New(s, Options{Plain: true})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if !strings.Contains(a.View(), "Thiết lập đơn vị lần đầu") {
		t.Fatalf("first run:\n%s", a.View())
	}
	typeField := func(s string) {
		for _, r := range s {
			a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
		a.Update(tea.KeyMsg{Type: tea.KeyTab})
	}
	for _, v := range []string{"GL07", "Công đoàn cơ sở Công ty May", "", "lan", "Nguyễn Thị Lan", "matkhau", "khac"} {
		typeField(v)
	}
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyCtrlS})
	drain(a, cmd)
	if !strings.Contains(a.View(), "không khớp") || s.Site() != "" {
		t.Fatalf("mismatched passwords were accepted:\n%s", a.View())
	}
	// Fix the repeat field (focus is back on the first field after Tab).
	a.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
	for range "khac" {
		a.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	for _, r := range "matkhau" {
		a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	drain(a, cmd)
	if s.Site() != "GL07" || !strings.Contains(a.View(), "Đăng nhập") {
		t.Fatalf("set-up did not lead to sign-in (site %q):\n%s", s.Site(), a.View())
	}
	for _, r := range "matkhau" {
		a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	drain(a, cmd)
	if a.phase != phaseMain || a.ctx.User.Login != "lan" {
		t.Fatalf("sign-in failed:\n%s", a.View())
	}
}

func TestQuitAsksWhenDirty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	s, _ := store.Open(path, store.Options{})
	defer s.Close()
	a := New(s, Options{Plain: true})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyCtrlQ})
	if cmd != nil || !strings.Contains(a.View(), "Vẫn thoát?") {
		t.Fatalf("quit with unsaved input did not ask:\n%s", a.View())
	}
	a.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if strings.Contains(a.View(), "Vẫn thoát?") {
		t.Fatal("Esc did not cancel quitting")
	}
	a.Update(tea.KeyMsg{Type: tea.KeyCtrlQ})
	if _, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")}); cmd == nil {
		t.Fatal("confirming did not quit")
	}
}

// The typing mode is the person's own: it comes back at the next sign-in.
func TestInputModeRemembered(t *testing.T) {
	a, s := signedIn(t, model.VI)
	press(a, "f8")
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("8"), Alt: true})
	drain(a, cmd)
	b := New(s, Options{Plain: true, Now: s.Now, User: "lan"})
	if b.ctx.Input.Mode != textfield.ModeTelex || b.ctx.Input.Style != textfield.ToneOld {
		t.Fatalf("typing settings not remembered: %+v", *b.ctx.Input)
	}
	// A new field on a screen types Telex at once.
	f := b.ctx.NewField("", 20)
	f.Focus()
	for _, r := range "Nguyeenx" {
		f, _ = f.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if f.Value() != "Nguyễn" {
		t.Fatalf("Telex field gave %q", f.Value())
	}
}

// A search answered after the person switched tabs must still land on the
// screen that asked (the root sends non-key messages to every screen).
func TestAnswerAfterTabSwitchIsNotLost(t *testing.T) {
	a, s := signedIn(t, model.VI)
	drain(a, a.Init())
	storetest.Visit(t, s, "Phạm Thị Xuân", model.KindComplaint)
	var pending []tea.Cmd
	for _, r := range "xuan" {
		_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		pending = append(pending, cmd)
	}
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyF4})
	drain(a, cmd)
	for _, c := range pending {
		drain(a, c)
	}
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyF2})
	drain(a, cmd)
	if !strings.Contains(a.View(), "Phạm Thị Xuân") {
		t.Fatalf("the search answer was lost after switching tabs:\n%s", a.View())
	}
}

// After a petition is accepted, Enter opens the new case in follow-up (F5
// keeps its one meaning everywhere: the follow-up screen as it was).
func TestEnterOpensTheJustAcceptedCase(t *testing.T) {
	a, s := signedIn(t, model.VI)
	p := storetest.Visit(t, s, "Đỗ Thị Lành", model.KindComplaint)
	_, cmd := a.Update(common.ChangedMsg{})
	drain(a, cmd)
	_, cmd = a.Update(common.OpenPetitionMsg{ID: p.ID})
	drain(a, cmd)
	key := func(m tea.KeyMsg) {
		_, cmd := a.Update(m)
		drain(a, cmd)
	}
	// Down the form as a person would: the field (wages), then the
	// decision (accept).
	choose := func(row, k string) {
		for i := 0; i < 20 && !strings.Contains(a.View(), "›"+row); i++ {
			key(tea.KeyMsg{Type: tea.KeyTab})
		}
		key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
	}
	choose("Lĩnh vực", "L")
	choose("Hướng xử lý", "1")
	key(tea.KeyMsg{Type: tea.KeyCtrlS})
	if !strings.Contains(a.View(), "Enter: mở vụ việc") {
		t.Fatalf("no confirmation after accepting:\n%s", a.View())
	}
	key(tea.KeyMsg{Type: tea.KeyEnter})
	if a.active != common.ScreenFollowup || !strings.Contains(a.View(), "Đỗ Thị Lành") || !strings.Contains(a.View(), "[Chờ thụ lý]") {
		t.Fatalf("F5 did not open the accepted case:\n%s", a.View())
	}
}
