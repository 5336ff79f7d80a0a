package tui

import (
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// typeText types s; the commands of typing (a cursor's blink, a search)
// are not run: they would only sleep.
func typeText(a *App, s string) {
	for _, r := range s {
		a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// pickUser moves the sign-in cursor to login.
func pickUser(t *testing.T, a *App, login string) {
	t.Helper()
	for i := 0; a.signin.users[a.signin.cursor].Login != login; i++ {
		if i > len(a.signin.users) {
			t.Fatalf("no %s to pick", login)
		}
		a.Update(tea.KeyMsg{Type: tea.KeyDown})
		if a.signin.cursor == len(a.signin.users)-1 && a.signin.users[a.signin.cursor].Login != login {
			for a.signin.cursor > 0 {
				a.Update(tea.KeyMsg{Type: tea.KeyUp})
			}
		}
	}
}

// lanAtTheDesk makes a site with lan and a second user, thu (password
// thu-1234) of the given roles, and signs lan in at the sign-in screen.
func lanAtTheDesk(t *testing.T, thuRoles ...model.Role) (*App, *store.Store, *storetest.Clock) {
	t.Helper()
	s, clk := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "thu", Name: "Lê Thị Thu", Roles: thuRoles}, "thu-1234"); err != nil {
		t.Fatal(err)
	}
	a := New(s, Options{Plain: true, Now: clk.Now})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	pickUser(t, a, "lan")
	typeText(a, storetest.Password)
	keyOf(a, tea.KeyEnter)
	if a.phase != phaseMain || a.ctx.User.Login != "lan" {
		t.Fatalf("sign-in:\n%s", a.View())
	}
	return a, s, clk
}

func keyOf(a *App, t tea.KeyType) {
	_, cmd := a.Update(tea.KeyMsg{Type: t})
	drain(a, cmd)
}

// Lock keeps what was being typed; the same person unlocks and finds it;
// someone else switches user and does not see it; the first person gets
// it back; sign-out is refused with unsaved input.
func TestLockUnlockSwitchSignOut(t *testing.T) {
	a, s, clk := lanAtTheDesk(t, model.RoleReceptionist)
	typeText(a, "Nguyễn Văn Khách")
	if !strings.Contains(a.View(), "Nguyễn Văn Khách") {
		t.Fatalf("typed text not shown:\n%s", a.View())
	}

	keyOf(a, tea.KeyF12)
	v := a.View()
	if !strings.Contains(v, "Màn hình đã khóa · Nguyễn Thị Lan") || strings.Contains(v, "Nguyễn Văn Khách") {
		t.Fatalf("locked screen:\n%s", v)
	}
	if _, ok := s.Current(); ok {
		t.Fatal("the store kept the session's keys while locked")
	}
	typeText(a, "sai")
	keyOf(a, tea.KeyEnter)
	if a.phase == phaseMain || !strings.Contains(a.View(), "Sai tên đăng nhập hoặc mật khẩu") {
		t.Fatalf("a wrong password unlocked:\n%s", a.View())
	}
	typeText(a, storetest.Password)
	keyOf(a, tea.KeyEnter)
	if a.phase != phaseMain || !strings.Contains(a.View(), "Nguyễn Văn Khách") {
		t.Fatalf("unlock lost the typing:\n%s", a.View())
	}

	// Switch: lock, pick Thu, her password.
	keyOf(a, tea.KeyF12)
	if a.signin.users[a.signin.cursor].Login != "lan" {
		t.Fatal("the lock did not pick the person who locked")
	}
	pickUser(t, a, "thu")
	typeText(a, "thu-1234")
	keyOf(a, tea.KeyEnter)
	if a.phase != phaseMain || a.ctx.User.Login != "thu" || strings.Contains(a.View(), "Nguyễn Văn Khách") {
		t.Fatalf("switch to Thu:\n%s", a.View())
	}
	// Thu signs out (nothing unsaved); Lan comes back to her typing.
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("o"), Alt: true})
	drain(a, cmd)
	if a.phase != phaseSignIn || !strings.Contains(a.View(), "Lê Thị Thu đã đăng xuất") {
		t.Fatalf("sign-out:\n%s", a.View())
	}
	pickUser(t, a, "lan")
	typeText(a, storetest.Password)
	keyOf(a, tea.KeyEnter)
	if a.ctx.User.Login != "lan" || !strings.Contains(a.View(), "Nguyễn Văn Khách") {
		t.Fatalf("Lan's typing after the switch:\n%s", a.View())
	}
	// Lan cannot sign out with unsaved input.
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("o"), Alt: true})
	drain(a, cmd)
	if a.phase != phaseMain || !strings.Contains(a.View(), "Còn nội dung chưa lưu") {
		t.Fatalf("sign-out with unsaved input:\n%s", a.View())
	}

	// Idle: nothing before the site's idle lock, locked after it.
	clk.Advance(9 * time.Minute)
	drain(a, func() tea.Msg { return idleTickMsg{} })
	if a.phase != phaseMain {
		t.Fatal("locked before the idle lock")
	}
	clk.Advance(2 * time.Minute)
	drain(a, func() tea.Msg { return idleTickMsg{} })
	if a.phase != phaseSignIn || !strings.Contains(a.View(), "Đã tự khóa") {
		t.Fatalf("idle lock:\n%s", a.View())
	}
}

// Alt+7 opens the settings from every screen; F10 keeps its one meaning
// (save) where a form has it and opens nothing elsewhere.
func TestAlt7OpensSettings(t *testing.T) {
	a, _ := signedIn(t, model.VI)
	keyOf(a, tea.KeyF4)
	keyOf(a, tea.KeyF10)
	if a.active == common.ScreenSettings {
		t.Fatalf("F10 opened the settings from the queue:\n%s", a.View())
	}
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("7"), Alt: true})
	drain(a, cmd)
	if a.active != common.ScreenSettings || !strings.Contains(a.View(), "Cài đặt") {
		t.Fatalf("Alt+7 from the queue:\n%s", a.View())
	}
	keyOf(a, tea.KeyF2)
	keyOf(a, tea.KeyF10)
	if a.active == common.ScreenSettings {
		t.Fatal("F10 left reception, where it saves")
	}
}

// A person's own language applies at their next sign-in; another person
// keeps theirs.
func TestOwnLanguageAtSignIn(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "thu", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}}, "thu-1234"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPref("thu", common.PrefLang, "en"); err != nil {
		t.Fatal(err)
	}
	a := New(s, Options{Plain: true, Now: clk.Now})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	pickUser(t, a, "thu")
	typeText(a, "thu-1234")
	keyOf(a, tea.KeyEnter)
	if !strings.Contains(a.View(), "F2 Reception") {
		t.Fatalf("Thu's English:\n%s", a.View())
	}
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("o"), Alt: true})
	drain(a, cmd)
	pickUser(t, a, "lan")
	typeText(a, storetest.Password)
	keyOf(a, tea.KeyEnter)
	if !strings.Contains(a.View(), "F2 Tiếp nhận") {
		t.Fatalf("Lan's Vietnamese:\n%s", a.View())
	}
}

// Alt+7 › Sao lưu › r › C restores a backup while the program runs; then
// everyone signs in again. Unsaved typing elsewhere refuses it.
func TestRestoreFromSettings(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	if _, err := s.RotateBackup(7); err != nil {
		t.Fatal(err)
	}
	storetest.Visit(t, s, "Trần Văn Sau", model.KindComplaint)
	a := New(s, Options{Plain: true, Now: clk.Now})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	pickUser(t, a, "lan")
	typeText(a, storetest.Password)
	keyOf(a, tea.KeyEnter)
	typeText(a, "Khách đang nhập")
	_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("7"), Alt: true})
	drain(a, cmd)
	for range 3 { // Sao lưu, above the import pages
		keyOf(a, tea.KeyUp)
	}
	keyOf(a, tea.KeyEnter)
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	drain(a, cmd)
	if v := a.View(); !strings.Contains(v, "C: khôi phục") || !strings.Contains(v, "Khôi phục dữ liệu về bản sao lưu") {
		t.Fatalf("no confirmation:\n%s", a.View())
	}
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})
	drain(a, cmd)
	if a.phase != phaseMain || !strings.Contains(a.View(), "Còn nội dung chưa lưu") {
		t.Fatalf("restored over unsaved typing:\n%s", a.View())
	}
	// Clear the reception form (Esc clears the field), then restore.
	keyOf(a, tea.KeyF2)
	for range "Khách đang nhập" {
		keyOf(a, tea.KeyBackspace)
	}
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("7"), Alt: true})
	drain(a, cmd)
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("r")})
	drain(a, cmd)
	_, cmd = a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})
	drain(a, cmd)
	if a.phase != phaseSignIn || !strings.Contains(a.View(), "Đã khôi phục") {
		t.Fatalf("after the restore:\n%s", a.View())
	}
	if len(s.SearchPersons("tran van sau", 0)) != 0 || len(s.SearchPersons("nguyen van an", 0)) != 1 {
		t.Error("the file is not the backup's")
	}
}

// Alt+7 lists the import and duplicate-review pages to whom the policy
// lets import and merge, and opens them; a receptionist sees neither.
func TestImportPagesInSettings(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "thu", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}}, "thu-1234"); err != nil {
		t.Fatal(err)
	}
	open := func(login, pw string) *App {
		a := New(s, Options{Plain: true, Now: clk.Now})
		a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		pickUser(t, a, login)
		typeText(a, pw)
		keyOf(a, tea.KeyEnter)
		_, cmd := a.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("7"), Alt: true})
		drain(a, cmd)
		return a
	}
	a := open("lan", storetest.Password)
	for _, w := range []string{"Nhập sổ cũ", "Hồ sơ trùng"} {
		if !strings.Contains(a.View(), w) {
			t.Fatalf("a leader's settings lack %q:\n%s", w, a.View())
		}
	}
	keyOf(a, tea.KeyUp) // the last section: the duplicates
	keyOf(a, tea.KeyEnter)
	if !strings.Contains(a.View(), "Người có thể trùng nhau") || !strings.Contains(a.View(), "0 cặp có thể trùng") {
		t.Fatalf("the duplicates page did not open:\n%s", a.View())
	}
	keyOf(a, tea.KeyEsc)
	keyOf(a, tea.KeyUp)
	keyOf(a, tea.KeyEnter)
	if !strings.Contains(a.View(), "Nhập sổ cũ") || !strings.Contains(a.View(), ".xlsx") {
		t.Fatalf("the import page did not open:\n%s", a.View())
	}
	// F1 inside the page is about the page: its keys, none cut away by
	// the other sections'.
	keyOf(a, tea.KeyF1)
	for _, w := range []string{"đổi cách đọc", "chỉ dòng lỗi", "trang khác", "đồng ý"} {
		if !strings.Contains(a.View(), w) {
			t.Fatalf("F1 on the import page lacks %q:\n%s", w, a.View())
		}
	}
	keyOf(a, tea.KeyEsc)
	s.SignOut()
	r := open("thu", "thu-1234")
	if v := r.View(); strings.Contains(v, "Nhập sổ cũ") || strings.Contains(v, "Hồ sơ trùng") {
		t.Fatalf("a receptionist sees the import pages:\n%s", v)
	}
}

// Locking writes every screen's unsaved input as its draft first: a desk
// locked and never unlocked (the program killed meanwhile) loses nothing.
func TestLockSavesDrafts(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	a := New(s, Options{Plain: true, Now: clk.Now, User: "lan"})
	a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	typeText(a, "Nguyễn Văn Khách") // the draft's own pause never ends: no command runs
	if _, ok, _ := s.LoadDraft("lan", "reception"); ok {
		t.Fatal("a draft was written before the lock")
	}
	keyOf(a, tea.KeyF12)
	d, ok, err := s.LoadDraft("lan", "reception")
	if err != nil || !ok || !strings.Contains(string(d.Data), "Nguyễn Văn Khách") {
		t.Fatalf("after the lock, draft %q, %v, %v", d.Data, ok, err)
	}
}

// Keys pressed at a lock before the users are read (a slow disk, a busy
// machine) are not lost: ↑ picks the person above and Enter signs them in
// once the list comes, not the person who locked; keys after that Enter
// change nothing.
func TestLockKeysBeforeTheUsersAreRead(t *testing.T) {
	a, _, _ := lanAtTheDesk(t, model.RoleReceptionist)
	_, read := a.Update(tea.KeyMsg{Type: tea.KeyF12}) // the users not read yet
	if len(a.signin.users) != 0 {
		t.Fatal("the lock knew its users at once: this test cannot see the race")
	}
	above := ""
	a.Update(tea.KeyMsg{Type: tea.KeyUp})
	typeText(a, "thu-1234")
	a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	// Keys after that Enter wait for its answer, as they do once the
	// list is there: they neither move the pick nor change the password.
	a.Update(tea.KeyMsg{Type: tea.KeyDown})
	typeText(a, "x")
	drain(a, read)
	for i, u := range a.signin.users {
		if u.Login == "lan" && i > 0 {
			above = a.signin.users[i-1].Login
		}
	}
	if above != "thu" {
		t.Fatalf("the list does not put thu above lan: %+v", a.signin.users)
	}
	if a.phase != phaseMain || a.ctx.User.Login != "thu" {
		t.Fatalf("↑, a password and Enter typed before the list came did not sign thu in:\n%s", a.View())
	}
}

// If whoever locked is no longer listed when the list comes (made
// inactive meanwhile), what was typed for them is dropped, not tried on
// whoever the moves now land on.
func TestLockPendingDroppedWhenTheLockerIsGone(t *testing.T) {
	a, s, _ := lanAtTheDesk(t, model.RoleReceptionist, model.RoleAdmin)
	_, read := a.Update(tea.KeyMsg{Type: tea.KeyF12})
	lan, err := s.User("lan")
	if err != nil {
		t.Fatal(err)
	}
	lan.Active = false
	if err := s.UpdateUser("thu", lan); err != nil {
		t.Fatal(err)
	}
	typeText(a, storetest.Password)
	a.Update(tea.KeyMsg{Type: tea.KeyEnter})
	drain(a, read)
	if a.phase == phaseMain {
		t.Fatalf("a password typed for lan signed someone in:\n%s", a.View())
	}
	if a.signin.pw.Value() != "" || a.signin.busy {
		t.Errorf("lan's password is kept (%q) or being tried (%v)", a.signin.pw.Value(), a.signin.busy)
	}
	if strings.Contains(a.View(), "Sai tên đăng nhập hoặc mật khẩu") {
		t.Errorf("lan's password was tried on someone else:\n%s", a.View())
	}
}

// Each person who locks comes back to the screen they left, whatever
// screen the person who used the desk meanwhile was on.
func TestSwitchBackLandsOnTheScreenLeft(t *testing.T) {
	a, _, _ := lanAtTheDesk(t, model.RoleHandler)
	if a.active != common.ScreenReception {
		t.Fatalf("Lan starts on %v", a.active)
	}
	typeText(a, "Nguyễn Văn Khách")
	switchTo := func(login, password string) {
		t.Helper()
		keyOf(a, tea.KeyF12)
		pickUser(t, a, login)
		typeText(a, password)
		keyOf(a, tea.KeyEnter)
		if a.phase != phaseMain || a.ctx.User.Login != login {
			t.Fatalf("switch to %s:\n%s", login, a.View())
		}
	}
	switchTo("thu", "thu-1234")
	if a.active != common.ScreenQueue {
		t.Fatalf("Thu, a handler, starts on %v", a.active)
	}
	keyOf(a, tea.KeyF5) // follow-up
	thuOn := a.active
	switchTo("lan", storetest.Password)
	if a.active != common.ScreenReception || !strings.Contains(a.View(), "Nguyễn Văn Khách") {
		t.Fatalf("Lan came back to %v:\n%s", a.active, a.View())
	}
	switchTo("thu", "thu-1234")
	if a.active != thuOn {
		t.Fatalf("Thu came back to %v, left %v:\n%s", a.active, thuOn, a.View())
	}
}
