package tui

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// F1 on the sign-in and first-run screens shows their help, and Esc
// brings the form back with what was typed.
func TestHelpOnSignInAndFirstRun(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		w := common.WordsFor(lang)
		// First run.
		s, err := store.Open(filepath.Join(t.TempDir(), "new.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		a := New(s, Options{Plain: true, Lang: lang})
		a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
		press(a, "f1")
		if v := a.View(); !strings.Contains(v, w.Shell.HelpTitle+" · "+w.Shell.SetupTitle) || !strings.Contains(v, "Ctrl+S") || !strings.Contains(v, w.Shell.HelpGlobal) {
			t.Fatalf("%v: F1 on first run shows no help:\n%s", lang, v)
		}
		press(a, "x") // a key on the help page is not typed into the form
		press(a, "esc")
		if v := a.View(); !strings.Contains(v, w.Shell.SetupTitle) || strings.Contains(v, w.Shell.HelpGlobal) || a.setup.fields[0].Value() != "G" {
			t.Fatalf("%v: Esc did not bring the set-up form back intact (%q):\n%s", lang, a.setup.fields[0].Value(), v)
		}
		s.Close()
		// Sign-in.
		b, _ := signedIn(t, lang)
		b2 := New(b.ctx.Store, Options{Plain: true, Lang: lang, Now: b.ctx.Now})
		b2.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		press(b2, "f1")
		if v := b2.View(); !strings.Contains(v, w.Shell.HelpTitle+" · "+w.Shell.SignInTitle) || !strings.Contains(v, "Enter") {
			t.Fatalf("%v: F1 on sign-in shows no help:\n%s", lang, v)
		}
		press(b2, "f1") // F1 again closes it too
		if v := b2.View(); strings.Contains(v, w.Shell.HelpGlobal) || !strings.Contains(v, w.Shell.SignInPassword) {
			t.Fatalf("%v: F1 did not close the sign-in help:\n%s", lang, v)
		}
	}
}

// On the quit question Enter does nothing but explain; Ctrl+Q again does
// not quit either; only C (or Y) quits.
func TestQuitConfirmIgnoresEnter(t *testing.T) {
	s, _ := store.Open(filepath.Join(t.TempDir(), "new.db"), store.Options{})
	defer s.Close()
	a := New(s, Options{Plain: true})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("G")})
	a.Update(tea.KeyMsg{Type: tea.KeyCtrlQ})
	noQuit(t, a, "with unsaved input", tea.KeyMsg{Type: tea.KeyEnter}, tea.KeyMsg{Type: tea.KeyCtrlQ}, tea.KeyMsg{Type: tea.KeyEnter})
	if v := a.View(); !strings.Contains(v, "Enter không xác nhận") {
		t.Fatalf("Enter on the confirmation did not explain:\n%s", v)
	}
	if _, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")}); cmd == nil {
		t.Fatal("C did not quit")
	}
}

// While the window is too small, keys do nothing unseen.
func TestTooSmallWindowTakesNoKeys(t *testing.T) {
	a, _ := signedIn(t, model.VI)
	a.Update(tea.WindowSizeMsg{Width: 60, Height: 20})
	press(a, "f4")
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	if a.active != common.ScreenReception {
		t.Fatalf("F4 switched screens while the window was too small (active %d)", a.active)
	}
}

// A message belongs to its screen: it is gone after a switch, but the
// log (Alt+9) keeps it, whole.
func TestMessagesBelongToTheirScreenAndAreLogged(t *testing.T) {
	a, _ := signedIn(t, model.EN)
	long := "A message long enough that it cannot fit on one status line of eighty cells beside the overdue count and the typing mode: END"
	a.Update(common.StatusMsg{Text: long})
	v := a.View()
	if !strings.Contains(v, "END") {
		t.Fatalf("a long message was cut:\n%s", v)
	}
	if n := len(strings.Split(v, "\n")); n != 24 {
		t.Fatalf("view is %d lines", n)
	}
	press(a, "f4")
	if strings.Contains(a.View(), "END") {
		t.Fatalf("the message outlived its screen:\n%s", a.View())
	}
	a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("9"), Alt: true})
	v = a.View()
	if !strings.Contains(v, "Recent messages") || !strings.Contains(v, "END") || !strings.Contains(v, "Reception") {
		t.Fatalf("the log does not show the message:\n%s", v)
	}
	press(a, "esc")
	if strings.Contains(a.View(), "Recent messages") {
		t.Fatal("Esc did not close the log")
	}
}

// No screen binding shadows a global key: each key means one thing
// everywhere (the key sheet says which).
func TestNoScreenShadowsAGlobalKey(t *testing.T) {
	a, _ := signedIn(t, model.VI)
	global := map[string]string{}
	for _, b := range a.keys.All() {
		for _, k := range b.Keys() {
			global[k] = b.Help().Desc
		}
	}
	for i, sc := range a.screens {
		if sc == nil {
			continue
		}
		for _, g := range sc.FullHelp() {
			for _, b := range g {
				for _, k := range b.Keys() {
					if d, ok := global[k]; ok {
						t.Errorf("screen %s: %q (%s) shadows the global %q (%s)", a.titles[i], k, b.Help().Desc, k, d)
					}
				}
			}
		}
	}
}

// A person's details corrected from reception: the reason is required,
// the correction shows in the case's timeline, and the queue and the case
// name the person as corrected.
func TestCorrectAPersonFromReception(t *testing.T) {
	a, s := signedIn(t, model.VI)
	p := storetest.Visit(t, s, "Trần Văn Bìnhh", model.KindComplaint)
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	k := func(msgs ...tea.Msg) {
		for _, m := range msgs {
			_, cmd := a.Update(m)
			drain(a, cmd)
		}
	}
	typ := func(s string) {
		for _, r := range s {
			k(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	typ("binhh")
	k(tea.KeyMsg{Type: tea.KeyEnter}, tea.KeyMsg{Type: tea.KeyShiftTab}, tea.KeyMsg{Type: tea.KeyShiftTab})
	k(tea.KeyMsg{Type: tea.KeyCtrlO})
	if v := a.View(); !strings.Contains(v, "Sửa thông tin người đến · Trần Văn Bìnhh") {
		t.Fatalf("Ctrl+O on a person did not open the correction:\n%s", v)
	}
	k(tea.KeyMsg{Type: tea.KeyBackspace})
	k(tea.KeyMsg{Type: tea.KeyCtrlS})
	if v := a.View(); !strings.Contains(v, "Cần ghi lý do sửa") {
		t.Fatalf("a correction without a reason was not refused:\n%s", v)
	}
	typ("Gõ thừa chữ h")
	k(tea.KeyMsg{Type: tea.KeyCtrlS})
	if v := a.View(); strings.Contains(v, "Sửa thông tin người đến") || !strings.Contains(v, "Đã sửa Trần Văn Bìnhh") {
		t.Fatalf("the correction did not close with a message:\n%s", v)
	}
	if person, _ := s.Person(p.Senders[0]); person.Name != "Trần Văn Bình" {
		t.Fatalf("person %q", person.Name)
	}
	k(common.OpenCaseMsg{ID: c.ID})
	if v := a.View(); !strings.Contains(v, "Sửa thông tin (họ tên): Trần Văn Bình · Gõ thừa") || !strings.Contains(v, "Người khiếu nại: Trần Văn Bình ·") {
		t.Fatalf("the timeline does not show the correction:\n%s", v)
	}
	// The petition's details, from follow-up (s), with Esc asking first.
	typ("s")
	typ(" ")
	k(tea.KeyMsg{Type: tea.KeyEsc})
	if v := a.View(); !strings.Contains(v, "Bỏ những gì đã sửa") {
		t.Fatalf("Esc on a changed correction did not ask:\n%s", v)
	}
	k(tea.KeyMsg{Type: tea.KeyEnter}) // Enter discards nothing
	k(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k")})
	if v := a.View(); !strings.Contains(v, "Sửa thông tin đơn") {
		t.Fatalf("K did not go back to the correction:\n%s", v)
	}
}

// A Ctrl key means one thing on every screen: bound on two screens, it
// does the same there (Ctrl+D was "remove a person" on F2 and "closed
// cases" on F4).
func TestCtrlKeysMeanOneThing(t *testing.T) {
	a, _ := signedIn(t, model.EN)
	seen := map[string]string{}
	where := map[string]string{}
	for i, sc := range a.screens {
		if sc == nil {
			continue
		}
		for _, g := range sc.FullHelp() {
			for _, b := range g {
				for _, k := range b.Keys() {
					if !strings.HasPrefix(k, "ctrl+") || k == "ctrl+s" {
						continue // Ctrl+S saves whatever the form
					}
					if d, ok := seen[k]; ok && d != b.Help().Desc {
						t.Errorf("%s is %q on %s and %q on %s", k, d, where[k], b.Help().Desc, a.titles[i])
					}
					seen[k], where[k] = b.Help().Desc, a.titles[i]
				}
			}
		}
	}
}

// Screens name keys only through bindings (keys.go, common's key sets):
// no key is compared as a raw string in screen code.
func TestNoRawKeyStringsInScreens(t *testing.T) {
	raw := regexp.MustCompile(`\b(k|msg|key)\.String\(\)\s*(==|!=)|switch (k|msg)\.String\(\)|case "(enter|esc|tab|shift\+tab|up|down|left|right|pgup|pgdown|home|end|ctrl\+[a-z]|alt\+\w|f\d+)"`)
	files, _ := filepath.Glob("*.go")
	for _, dir := range []string{"reception", "classify", "queue", "followup", "syncscreen", "reports", "printing", "common", "settings"} {
		more, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		files = append(files, more...)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if raw.MatchString(line) {
				t.Errorf("%s:%d compares a raw key: %s", f, i+1, strings.TrimSpace(line))
			}
		}
	}
}

// A visit saved earlier is corrected from the list of saved visits
// (Ctrl+G on reception): found by typing without diacritics, Enter opens
// its correction, and the correction is kept with its reason.
func TestCorrectAPastVisitFromTheList(t *testing.T) {
	a, s := signedIn(t, model.VI)
	storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	p := storetest.Visit(t, s, "Trần Thị Bình", model.KindComplaint)
	k := func(msgs ...tea.Msg) {
		for _, m := range msgs {
			_, cmd := a.Update(m)
			drain(a, cmd)
		}
	}
	typ := func(s string) {
		for _, r := range s {
			k(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
	}
	k(tea.KeyMsg{Type: tea.KeyCtrlG})
	v := a.View()
	if !strings.Contains(v, "Lượt tiếp đã lưu trong 90 ngày qua · 2 lượt") || !strings.Contains(v, "Nguyễn Văn An") || !strings.Contains(v, "Trần Thị Bình") {
		t.Fatalf("Ctrl+G did not list the saved visits:\n%s", v)
	}
	typ("tran thi binh")
	if v := a.View(); strings.Contains(v, "Nguyễn Văn An") || !strings.Contains(v, "· 1 lượt") {
		t.Fatalf("typing without diacritics did not find the visit:\n%s", v)
	}
	k(tea.KeyMsg{Type: tea.KeyEnter})
	pet, _ := s.Petition(p.ID)
	var visit model.Visit
	for _, x := range s.Visits(model.Date{}, model.Date{}) {
		if x.Petition == pet.ID {
			visit = x
		}
	}
	if v := a.View(); !strings.Contains(v, "Sửa lượt tiếp "+visit.No) {
		t.Fatalf("Enter did not open the visit's correction:\n%s", v)
	}
	// The content: clear it and type the corrected one, then the reason.
	for range len([]rune(visit.Content)) {
		k(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	typ("Hỏi về lương tháng 11")
	k(tea.KeyMsg{Type: tea.KeyTab}, tea.KeyMsg{Type: tea.KeyTab})
	typ("Ghi nhầm nội dung")
	k(tea.KeyMsg{Type: tea.KeyCtrlS})
	if v := a.View(); !strings.Contains(v, "Đã sửa "+visit.No) {
		t.Fatalf("the correction did not close with a message:\n%s", v)
	}
	if got, _ := s.Visit(visit.ID); got.Content != "Hỏi về lương tháng 11" {
		t.Fatalf("visit content %q", got.Content)
	}
	// Esc closes the list without doing anything.
	k(tea.KeyMsg{Type: tea.KeyCtrlG})
	k(tea.KeyMsg{Type: tea.KeyEsc})
	if v := a.View(); strings.Contains(v, "Lượt tiếp đã lưu trong") {
		t.Fatalf("Esc did not close the list:\n%s", v)
	}
}

// F1 on a page over the screen (the list of saved visits, Ctrl+G) opens
// the help of that page's keys over it; F1 again closes the help and the
// list is still there. On a confirmation F1 only explains, like Enter.
func TestHelpOnAPage(t *testing.T) {
	a, _ := signedIn(t, model.VI)
	send := func(m tea.KeyMsg) {
		_, cmd := a.Update(m)
		drain(a, cmd)
	}
	send(tea.KeyMsg{Type: tea.KeyCtrlG})
	if !strings.Contains(a.View(), "Lượt tiếp đã lưu") {
		t.Fatalf("no list of saved visits:\n%s", a.View())
	}
	send(tea.KeyMsg{Type: tea.KeyF1})
	if v := a.View(); !strings.Contains(v, "Trợ giúp ·") || !strings.Contains(v, "Enter") {
		t.Fatalf("F1 on the list:\n%s", v)
	}
	send(tea.KeyMsg{Type: tea.KeyF1})
	if v := a.View(); strings.Contains(v, "Trợ giúp ·") || !strings.Contains(v, "Lượt tiếp đã lưu") {
		t.Fatalf("F1 again:\n%s", v)
	}
	send(tea.KeyMsg{Type: tea.KeyEsc})
	typeText(a, "Phạm")
	send(tea.KeyMsg{Type: tea.KeyCtrlQ})
	send(tea.KeyMsg{Type: tea.KeyF1})
	if v := a.View(); strings.Contains(v, "Trợ giúp ·") || !strings.Contains(v, "C: Thoát") || !strings.Contains(v, "bấm C để đồng ý") {
		t.Fatalf("F1 on the quit question:\n%s", v)
	}
}

// While a screen's work runs on (an import of a million events), Ctrl+Q
// asks in that screen's words, since quitting abandons the work; Enter
// does not answer, C quits.
func TestQuitWhileWorkRunsAsks(t *testing.T) {
	a, _ := signedIn(t, model.VI)
	if _, cmd := a.Update(tea.KeyMsg{Type: tea.KeyCtrlQ}); cmd == nil {
		t.Fatal("with nothing under way, Ctrl+Q did not quit")
	}
	a, _ = signedIn(t, model.VI)
	q := "Đang nhập gói 1/1: GL07-HN01-1.age · đã đọc 262.144/955.758 sự kiện. Vẫn thoát?"
	a.screens[common.ScreenSync] = busyScreen{a.screens[common.ScreenSync], q}
	noQuit(t, a, "while an import ran", tea.KeyMsg{Type: tea.KeyCtrlQ}, tea.KeyMsg{Type: tea.KeyEnter})
	if v := a.View(); !strings.Contains(v, "262.144/955.758") {
		t.Fatalf("the quit question does not say what runs:\n%s", v)
	}
	if _, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")}); cmd == nil {
		t.Fatal("C did not quit")
	}
}

// noQuit presses keys on a and fails if any of them quits.
func noQuit(t *testing.T, a *App, why string, keys ...tea.KeyMsg) {
	t.Helper()
	for _, k := range keys {
		if _, cmd := a.Update(k); cmd != nil {
			if _, quit := cmd().(tea.QuitMsg); quit {
				t.Fatalf("%v quit %s", k, why)
			}
		}
	}
}

// busyScreen is a screen whose work runs on.
type busyScreen struct {
	common.Screen
	quit string
}

func (b busyScreen) BusyQuit() string { return b.quit }
