//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/tui/tuitest"
)

// TestEndToEndImportAndMerge: in a real 80x24 terminal a leader opens the
// settings (Alt+7), Nhập sổ cũ, types the path of an old register (TCVN3
// names, merged header cells, rows in error), reads the columns, reads one
// column differently and back, reads the dry run row by row, imports with
// c after Enter did nothing; then, in Hồ sơ trùng, merges the worker the
// register wrote twice. The merge is there for the command line too.
func TestEndToEndImportAndMerge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	dir := t.TempDir()
	db := filepath.Join(dir, "gl07.db")
	reg := filepath.Join(dir, "so-tiep-2019.xlsx")
	b, err := os.ReadFile("../../store/register/testdata/register.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(reg, b, 0o600)
	const pw = "matkhau123"
	cmd := exec.Command(bin, "--db", db, "init", "--site", "GL07", "--name", "Công đoàn cơ sở Công ty May", "--user", "lan", "--fullname", "Nguyễn Thị Lan")
	cmd.Stdin = strings.NewReader(pw + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("init: %v\n%s", err, out)
	}
	term := tuitest.StartWith(t, tuitest.TermOptions{Env: []string{"DONTHU_LANG=vi", "NO_COLOR="}}, bin, "--db", db)
	wait := 10 * time.Second
	term.WaitFor(wait, "Đăng nhập")
	term.Type(pw).Press("enter")
	term.WaitFor(wait, "Lượt tiếp mới")
	term.Press("alt+7")
	term.WaitFor(wait, "Cài đặt", "Nhập sổ cũ", "Hồ sơ trùng")
	choose := func(item string) {
		t.Helper()
		for i := 0; i < 15 && !strings.Contains(term.Screen(), "›"+item); i++ {
			term.Press("down")
			time.Sleep(50 * time.Millisecond)
		}
		term.WaitFor(wait, "›"+item)
		term.Press("enter")
	}
	choose("Nhập sổ cũ")
	term.WaitFor(wait, "Tệp sổ (.xlsx, .xls, .csv):")
	term.Type(reg).Press("enter")
	term.WaitFor(wait, `trang "So tiep 2019"`, "Họ tên - địa chỉ", "TCVN3 (ABC)", "VNI-Windows", "10 dòng: 7 sẽ nhập")
	// The names column, converted from TCVN3: before and after.
	term.Press("down", "down")
	term.WaitFor(wait, `sau: "Nguyễn Văn An, xã Đặng Xá, Gia Lâm"`)
	// The content column read as the kind of letter: every row is wrong;
	// back as it was, all is well again.
	for i := 0; i < 5; i++ {
		term.Press("down")
	}
	term.Press("right")
	term.WaitFor(wait, "*Loại đơn", "0 sẽ nhập")
	term.Press("left")
	term.WaitFor(wait, "*Nội dung", "7 sẽ nhập")
	term.Press("tab")
	term.WaitFor(wait, "Dòng 12: LỖI: Ngày 31/02/2019 không tồn tại")
	term.Type("a")
	term.WaitFor(wait, "Nhập 7 dòng vào dữ liệu", "3 dòng lỗi sẽ bị bỏ qua.", "C: đồng ý · Esc: thôi")
	term.Press("enter") // a key pressed in habit imports nothing
	time.Sleep(300 * time.Millisecond)
	term.Expect("Nhập 7 dòng vào dữ liệu")
	term.Type("c")
	term.WaitFor(wait, "✓ Đã nhập 7 dòng: 6 người mới, 7 lượt tiếp, 4 đơn, 3 vụ")

	// The worker written twice (Nguyễn Văn An, 1990 and Nguyễn Văn Anh,
	// 1991, same employer) is suggested; the leader merges them.
	term.Press("esc", "esc")
	choose("Hồ sơ trùng")
	term.WaitFor(wait, "1 cặp có thể trùng", "› Nguyễn Văn An ↔ Nguyễn Văn Anh", "họ tên gần giống, cùng nơi làm việc",
		"Lịch sử      2 lượt tiếp, 1 đơn")
	term.Type("g")
	term.WaitFor(wait, "Gộp hồ sơ Nguyễn Văn Anh vào Nguyễn Văn An?")
	term.Type("c")
	term.WaitFor(wait, "Đã gộp Nguyễn Văn Anh vào Nguyễn Văn An", "0 cặp có thể trùng")
	term.Press("ctrl+q") // nothing unsaved: no question
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("donthu exited with %v:\n%s", err, term.Screen())
	}

	cmd = exec.Command(bin, "--db", db, "persons", "merged", "--user", "lan")
	cmd.Stdin = strings.NewReader(pw + "\n")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Nguyễn Văn Anh") || !strings.Contains(string(out), "1 hồ sơ đã gộp") {
		t.Fatalf("persons merged: %v\n%s", err, out)
	}
}
