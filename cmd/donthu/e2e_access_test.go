//go:build unix

package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/tui/tuitest"
)

// TestEndToEndLockSwitchSignOut: at a shared desk, in a real terminal,
// Lan types a visitor's name and locks the screen (F12); her password
// brings it back as it was. Bình takes the desk (lock, pick his name):
// he does not see her typing; he signs out (Alt+O); Lan signs in again
// and finds her typing; all of it is in the audit.
func TestEndToEndLockSwitchSignOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	db := filepath.Join(t.TempDir(), "gl07.db")
	const pw, pw2 = "matkhau123", "binh-4567"
	for _, c := range []struct {
		stdin string
		args  []string
	}{
		{pw + "\n", []string{"init", "--site", "GL07", "--name", "Công đoàn cơ sở Công ty May", "--user", "lan", "--fullname", "Nguyễn Thị Lan"}},
		{pw + "\n" + pw2 + "\n", []string{"user", "add", "binh", "--name", "Trần Văn Bình", "--roles", "handler", "--user", "lan"}},
	} {
		cmd := exec.Command(bin, append([]string{"--db", db}, c.args...)...)
		cmd.Stdin = strings.NewReader(c.stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("donthu %s: %v\n%s", c.args[0], err, out)
		}
	}
	term := tuitest.StartWith(t, tuitest.TermOptions{Env: []string{"DONTHU_LANG=vi", "NO_COLOR="}}, bin, "--db", db)
	wait := 10 * time.Second
	term.WaitFor(wait, "Đăng nhập", "Nguyễn Thị Lan", "Trần Văn Bình")
	term.Type(pw).Press("enter")
	term.WaitFor(wait, "Lượt tiếp mới")
	term.Type("Phạm Văn Khách")
	term.Expect("Phạm Văn Khách")

	term.Press("f12")
	term.WaitFor(wait, "Màn hình đã khóa · Nguyễn Thị Lan")
	term.WaitGone(wait, "Phạm Văn Khách")
	term.Type("sai").Press("enter")
	term.WaitFor(wait, "Sai tên đăng nhập hoặc mật khẩu")
	term.Type(pw).Press("enter")
	term.WaitFor(wait, "Phạm Văn Khách", "Lượt tiếp mới")

	// Bình takes the desk.
	term.Press("f12")
	term.WaitFor(wait, "Màn hình đã khóa")
	term.Press("down").Type(pw2).Press("enter")
	term.WaitFor(wait, "Vụ việc đang giải quyết", "GL07 · Trần Văn Bình") // a handler starts on the queue
	term.Press("f2")
	term.WaitFor(wait, "Lượt tiếp mới")
	if strings.Contains(term.Screen(), "Phạm Văn Khách") {
		t.Fatalf("Bình sees Lan's typing:\n%s", term.Screen())
	}
	term.Press("alt+o")
	term.WaitFor(wait, "Trần Văn Bình đã đăng xuất")
	term.Type(pw).Press("enter") // Lan is first in the list
	term.WaitFor(wait, "Phạm Văn Khách")

	// She cannot sign out with that unsaved; Ctrl+Q asks first.
	term.Press("alt+o")
	term.WaitFor(wait, "Còn nội dung chưa lưu")
	term.Press("ctrl+q").Expect("Thoát?")
	term.Type("c")
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("donthu exited with %v:\n%s", err, term.Screen())
	}

	// The sign-ins, the failure and the sign-out are in the audit.
	cmd := exec.Command(bin, "--db", db, "audit", "--as", "lan", "--type", "auth")
	cmd.Stdin = strings.NewReader(pw + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("audit: %v\n%s", err, out)
	}
	for _, want := range []string{"auth.signed_in", "auth.failed", "auth.signed_out", "chuỗi băm khớp"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("audit lacks %q:\n%s", want, out)
		}
	}
}
