//go:build unix

package main

import (
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/tuitest"
)

// deskSite makes a site GL07 with lan (every role) and one known person,
// Trần Văn Bình, and returns the data file.
func deskSite(t *testing.T, bin string) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "gl07.db")
	c := exec.Command(bin, "--db", db, "init", "--site", "GL07", "--name", "Công đoàn cơ sở Công ty May", "--user", "lan")
	c.Stdin = strings.NewReader("matkhau123\n")
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("donthu init: %v\n%s", err, out)
	}
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPerson("lan", model.Person{Name: "Trần Văn Bình", Phone: "0912345678", Employer: "Công ty May Gia Lâm"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	return db
}

func startDesk(t *testing.T, bin, db string) *tuitest.Term {
	t.Helper()
	term := tuitest.StartWith(t, tuitest.TermOptions{Env: []string{"DONTHU_LANG=vi", "NO_COLOR="}}, bin, "--db", db)
	term.WaitFor(10*time.Second, "Đăng nhập", "Mật khẩu")
	return term
}

func signIn(t *testing.T, term *tuitest.Term) {
	t.Helper()
	term.Type("matkhau123").Press("enter")
	term.WaitFor(10*time.Second, "Lượt tiếp mới", "F2 Tiếp nhận")
}

// F1 works on the first-run and sign-in screens, and Esc brings the form
// back as it was.
func TestEndToEndHelpBeforeSignIn(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	wait := 10 * time.Second
	fresh := filepath.Join(t.TempDir(), "new.db")
	term := tuitest.StartWith(t, tuitest.TermOptions{Env: []string{"DONTHU_LANG=vi", "NO_COLOR="}}, bin, "--db", fresh)
	term.WaitFor(wait, "Thiết lập đơn vị lần đầu")
	term.Type("GL09")
	term.Press("f1").WaitFor(wait, "Trợ giúp · Thiết lập đơn vị lần đầu", "Ctrl+S", "Phím chung")
	term.Press("esc").WaitGone(wait, "Phím chung")
	term.Expect("Thiết lập đơn vị lần đầu", "GL09")
	term.Press("ctrl+q").WaitFor(wait, "Vẫn thoát?")
	term.Type("c")
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("exit: %v", err)
	}

	db := deskSite(t, bin)
	term = startDesk(t, bin, db)
	term.Press("f1").WaitFor(wait, "Trợ giúp · Đăng nhập", "Enter", "Phím chung")
	term.Press("esc").WaitGone(wait, "Phím chung")
	term.Expect("Mật khẩu")
	signIn(t, term)
}

// The common visit: a known person, one line of content, an outcome. Four
// keys besides the text: Enter (take the person found), Tab (to the
// outcome), 4 (answered on the spot), Ctrl+S.
func TestEndToEndFourKeyVisit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	db := deskSite(t, bin)
	term := startDesk(t, bin, db)
	signIn(t, term)
	wait := 10 * time.Second
	term.Type("binh").WaitFor(wait, "Trần Văn Bình", "Người mới: Binh")
	term.Press("enter")                              // 1
	term.Type("Hỏi về chế độ thai sản").Press("tab") // 2
	term.Type("4")                                   // 3
	term.Press("ctrl+s")                             // 4
	year := model.DateOf(time.Now()).Y
	term.WaitFor(wait, "Đã lưu lượt tiếp GL07-"+strconv.Itoa(year)+"-T0001")
	term.Press("ctrl+q")
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("exit: %v", err)
	}
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	vs := s.Visits(model.Date{}, model.Date{})
	if len(vs) != 1 || vs[0].Outcome != model.OutcomeAnswered || vs[0].Content != "Hỏi về chế độ thai sản" || len(vs[0].Persons) != 1 {
		t.Fatalf("visits: %+v", vs)
	}
}

// Quitting with unsaved work asks, Enter does not quit, and what was typed
// comes back at the next start; so does what was typed before the
// program was killed.
func TestEndToEndUnsavedWorkSurvives(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	db := deskSite(t, bin)
	wait := 10 * time.Second
	term := startDesk(t, bin, db)
	signIn(t, term)
	term.Type("binh").WaitFor(wait, "Trần Văn Bình", "Người mới: Binh")
	term.Press("enter").Type("Công ty chậm đóng bảo hiểm")
	term.Press("ctrl+q").WaitFor(wait, "bản nháp", "C: Thoát")
	term.Press("enter").WaitFor(wait, "Enter không xác nhận")
	term.Press("ctrl+q")
	time.Sleep(300 * time.Millisecond)
	term.Expect("bản nháp") // still asking, still running
	term.Type("c")
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("exit: %v", err)
	}

	term = startDesk(t, bin, db)
	signIn(t, term)
	term.WaitFor(wait, "Đã mở lại bản nháp", "Trần Văn Bình", "Công ty chậm đóng bảo hiểm")
	// More typed, a pause, then the program is killed.
	term.Type(" xã hội ba tháng")
	time.Sleep(2500 * time.Millisecond) // the draft is written a second after typing pauses
	term.Kill()

	term = startDesk(t, bin, db)
	signIn(t, term)
	term.WaitFor(wait, "Đã mở lại bản nháp", "Công ty chậm đóng bảo hiểm xã hội ba tháng")
}

// A person's name corrected at the desk, with its reason: the case's
// timeline shows the correction, and the register export names the person
// as corrected.
func TestEndToEndCorrectAPerson(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	db := deskSite(t, bin)
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := storetest.Visit(t, s, "Lê Thị Hoaa", model.KindComplaint)
	storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	s.Close()

	wait := 10 * time.Second
	term := startDesk(t, bin, db)
	signIn(t, term)
	term.Type("le thi hoaa").WaitFor(wait, "Lê Thị Hoaa", "Người mới: Le Thi Hoaa")
	term.Press("enter", "shift+tab", "shift+tab", "ctrl+o")
	term.WaitFor(wait, "Sửa thông tin người đến · Lê Thị Hoaa", "Lý do sửa")
	term.Press("backspace", "ctrl+s").WaitFor(wait, "Cần ghi lý do sửa")
	term.Type("Gõ thừa chữ a").Press("ctrl+s")
	term.WaitFor(wait, "Đã sửa Lê Thị Hoaa")

	// The case: found in the queue, its timeline shows the correction.
	term.Press("f4").WaitFor(wait, "Vụ việc")
	term.Type("le thi hoa").WaitFor(wait, "Lê Thị Hoa")
	term.Press("enter").WaitFor(wait, "Sửa thông tin (họ tên): Lê Thị Hoa · Gõ thừa")
	term.Press("ctrl+q").WaitFor(wait, "C: Thoát")
	term.Type("c")
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("exit: %v", err)
	}

	exp := exec.Command(bin, "--db", db, "export", "register", "--user", "lan")
	exp.Stdin = strings.NewReader("matkhau123\n")
	out, err := exp.Output()
	if err != nil {
		t.Fatalf("donthu export register: %v", err)
	}
	if !strings.Contains(string(out), "Lê Thị Hoa") || strings.Contains(string(out), "Hoaa") {
		t.Fatalf("the register does not use the corrected name:\n%s", out)
	}
}
