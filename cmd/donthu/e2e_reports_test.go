//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"donthu/tui/tuitest"
)

// TestEndToEndReports: a leader opens the reports tab of the demo office
// with F7 in an 80x24 terminal, looks at the quarter's reception figures,
// lists the records behind "Lượt tiếp", opens the complaints form, goes
// back a quarter, sees the charts, and writes the forms to Excel in a
// folder it types.
func TestEndToEndReports(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	dir := t.TempDir()
	db := filepath.Join(dir, "demo.db")
	if out, err := exec.Command(bin, "--db", db, "demo").CombinedOutput(); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	term := tuitest.StartWith(t, tuitest.TermOptions{Env: []string{"DONTHU_LANG=vi", "NO_COLOR=1"}}, bin, "--db", db)
	term.WaitFor(10*time.Second, "Đăng nhập")
	term.Type("demo").Press("enter").Type("demo").Press("enter")
	term.WaitFor(10*time.Second, "F7 Báo cáo")
	term.Press("f7")
	term.WaitFor(20*time.Second, "Báo cáo 01/TCD", "Lượt tiếp", "Kỳ trước", "Cùng kỳ")
	term.Press("enter")
	term.WaitFor(10*time.Second, "bản ghi", "Enter: mở vụ việc · f: đôn đốc · b: xem danh tính")
	term.Press("esc").Type("4").Press("left")
	term.WaitFor(10*time.Second, "Báo cáo 01/KQGQ", "Tổng số vụ việc phải giải quyết")
	term.Type("g")
	term.WaitFor(10*time.Second, "Đơn nhận theo tháng (12 tháng)", "█")
	term.Press("esc").Type("d").Press("ctrl+u").Type(dir).Press("enter")
	term.WaitFor(10*time.Second, "Báo cáo sẽ ghi vào")
	term.Type("e")
	term.WaitFor(10*time.Second, "Đã ghi")
	files, _ := filepath.Glob(filepath.Join(dir, "bao-cao-GL07-*.xlsx"))
	if len(files) != 1 {
		entries, _ := os.ReadDir(dir)
		t.Fatalf("workbooks %v in %v\n%s", files, entries, term.Screen())
	}
	term.Press("ctrl+q")
	if err := term.WaitExit(10 * time.Second); err != nil {
		t.Fatalf("donthu exited with %v:\n%s", err, term.Screen())
	}
}
