//go:build unix

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/tui/tuitest"
)

// TestEndToEndRestoredCopy: a site restores an old backup after its
// office already received newer visits. In the interface the status line
// says the file is a copy waiting for the office; a visit typed and saved
// is refused with the sentence, and its draft is kept. The site then
// sends the office a bundle and imports the answer; the draft comes back
// and saves, numbered after the visits the office returned.
func TestEndToEndRestoredCopy(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	dir := t.TempDir()
	office, site := filepath.Join(dir, "hn01.db"), filepath.Join(dir, "gl07.db")
	stick := filepath.Join(dir, "usb")
	os.Mkdir(stick, 0o755)
	run := func(stdin string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "DONTHU_LANG=vi", "DONTHU_DB=", "DONTHU_USER=lan")
		if stdin == "" {
			stdin = "matkhau123\n" // every command signs lan in
		}
		cmd.Stdin = strings.NewReader(stdin)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("donthu %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	pw := "matkhau123\n"
	run(pw, "--db", office, "init", "--site", "HN01", "--name", "Liên đoàn Lao động quận", "--user", "lan")
	run(pw, "--db", site, "init", "--site", "GL07", "--name", "Công đoàn cơ sở Công ty May", "--parent", "HN01", "--user", "lan")
	run("", "--db", office, "keys", "export", "-o", filepath.Join(dir, "hn01.json"))
	run("", "--db", site, "keys", "export", "-o", filepath.Join(dir, "gl07.json"))
	run("", "--db", site, "peer", "add", filepath.Join(dir, "hn01.json"), "--yes")
	run("", "--db", office, "peer", "add", filepath.Join(dir, "gl07.json"), "--yes")

	visit := func(name string) {
		s, err := store.Open(site, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, _, err := s.RecordVisit("lan", store.VisitInput{
			Visit:      model.Visit{Content: "Hỏi về lương", Outcome: model.OutcomeAnswered},
			NewPersons: []model.Person{{Name: name, Employer: "Công ty May Gia Lâm"}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	// One visit, a backup; one more visit, which reaches the office.
	s, err := store.Open(site, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPerson("lan", model.Person{Name: "Trần Văn Bình", Phone: "0912345678"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	visit("Nguyễn Văn An")
	backup := filepath.Join(dir, "gl07-old.db")
	run("", "--db", site, "backup", backup)
	visit("Lê Thị Hoa")
	run(pw, "--db", site, "bundle", "export", "--to", "HN01", "-o", stick+"/")
	run(pw, "--db", office, "bundle", "import", glob(t, stick, "donthu-GL07-to-HN01-*.age"))
	clearDir(t, stick)

	// The old backup is put in the backups folder beside the file, and
	// restored from the settings (Alt+7 › Sao lưu › r › C).
	os.Mkdir(filepath.Join(dir, "backups"), 0o700)
	raw, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	if err := os.WriteFile(filepath.Join(dir, "backups", "gl07-old.db"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(dir, "backups", "gl07-old.db"), old, old)

	wait := 10 * time.Second
	signIn := func(term *tuitest.Term) {
		term.WaitFor(wait, "Đăng nhập", "Mật khẩu")
		term.Type("matkhau123").Press("enter")
		term.WaitFor(wait, "F2 Tiếp nhận")
	}
	start := func() *tuitest.Term {
		term := tuitest.StartWith(t, tuitest.TermOptions{Env: []string{"DONTHU_LANG=vi", "NO_COLOR="}}, bin, "--db", site)
		signIn(term)
		return term
	}
	term := start()
	// The automatic backup of the current file comes first in the list:
	// wait for it, then pick the old one below it.
	deadline := time.Now().Add(wait)
	for {
		if m, _ := filepath.Glob(filepath.Join(dir, "backups", "gl07-n*.db")); len(m) > 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("no automatic backup")
		}
		time.Sleep(100 * time.Millisecond)
	}
	term.Press("alt+7").WaitFor(wait, "Cài đặt", "Sao lưu")
	term.Press("down", "down", "down", "down", "down", "down", "down", "enter")
	term.WaitFor(wait, "Thư mục:", "gl07-old.db")
	term.Press("down").Type("r").WaitFor(wait, "C: khôi phục")
	term.Type("C")
	term.WaitFor(wait, "Đã khôi phục từ gl07-old.db")
	signIn(term)
	term.WaitFor(wait, "Bản sao chờ HN01 (F6)")
	term.Type("binh").WaitFor(wait, "Trần Văn Bình")
	term.Press("enter")
	term.Type("Hỏi về chế độ thai sản").Press("tab")
	term.Type("4")
	term.Press("ctrl+s")
	term.WaitFor(wait, "Chưa lưu được: tệp này là một bản sao lưu")
	term.Expect("Hỏi về chế độ thai sản") // the form is as it was
	// The sync screen says what to do.
	term.Press("f6").WaitFor(wait, "bản sao lưu được khôi phục", "chưa lưu được gì cho", "bấm g để ghi")
	term.Press("f2").WaitFor(wait, "Hỏi về chế độ thai sản")
	term.Press("ctrl+q").WaitFor(wait, "bản nháp")
	term.Type("c")
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("exit: %v", err)
	}

	// A bundle up, the answer down.
	run(pw, "--db", site, "bundle", "export", "--to", "HN01", "-o", stick+"/")
	run(pw, "--db", office, "bundle", "import", glob(t, stick, "donthu-GL07-to-HN01-*.age"))
	run(pw, "--db", office, "bundle", "export", "--to", "GL07", "-o", stick+"/")
	out := run(pw, "--db", site, "bundle", "import", glob(t, stick, "donthu-HN01-to-GL07-*.age"))
	if !strings.Contains(out, "trả lại") {
		t.Fatalf("the import does not say events came back:\n%s", out)
	}

	term = start()
	term.WaitFor(wait, "Đã mở lại bản nháp", "Hỏi về chế độ thai sản")
	term.WaitGone(wait, "Bản sao chờ")
	term.Press("ctrl+s")
	year := model.DateOf(time.Now()).Y
	term.WaitFor(wait, "Đã lưu lượt tiếp GL07-"+strconv.Itoa(year)+"-T0003")
	term.Press("ctrl+q")
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("exit: %v", err)
	}
}

func clearDir(t *testing.T, dir string) {
	t.Helper()
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
