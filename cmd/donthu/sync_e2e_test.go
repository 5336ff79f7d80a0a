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
	"donthu/store/demo"
	"donthu/store/storetest"
	"donthu/tui/tuitest"
)

// TestEndToEndSync builds donthu and, with two real data files, does what
// an office and one of its sites do by hand: set up, exchange key cards
// and confirm them, the site sends its data up, the office transfers a
// petition down, the site finds it in its classification inbox. A
// tampered bundle is refused with a message and changes nothing.
func TestEndToEndSync(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	dir := t.TempDir()
	office, site := filepath.Join(dir, "hn01.db"), filepath.Join(dir, "gl07.db")
	stick := filepath.Join(dir, "usb")
	os.Mkdir(stick, 0o755)

	type out struct {
		code         int
		stdout, errs string
	}
	run := func(stdin string, args ...string) out {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "DONTHU_LANG=vi", "DONTHU_DB=")
		cmd.Stdin = strings.NewReader(stdin)
		var so, se strings.Builder
		cmd.Stdout, cmd.Stderr = &so, &se
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return out{code, so.String(), se.String()}
	}
	want := func(o out, code int, in ...string) out {
		t.Helper()
		if o.code != code {
			t.Fatalf("exit %d, want %d\n%s\n%s", o.code, code, o.stdout, o.errs)
		}
		for _, s := range in {
			if !strings.Contains(o.stdout+o.errs, s) {
				t.Fatalf("output lacks %q:\n%s\n%s", s, o.stdout, o.errs)
			}
		}
		return o
	}

	t.Setenv("DONTHU_USER", "lan") // the first user of both sites signs the bundle commands
	want(run("matkhau\n", "--db", office, "init", "--site", "HN01", "--name", "Liên đoàn Lao động quận Hoàn Kiếm", "--user", "lan"), 0, "HN01")
	want(run("matkhau\n", "--db", site, "init", "--site", "GL07", "--name", "Công đoàn cơ sở Công ty May Gia Lâm", "--parent", "HN01", "--user", "lan"), 0, "GL07")

	// Key cards, read over the phone.
	oc, sc := filepath.Join(stick, "hn01.json"), filepath.Join(stick, "gl07.json")
	ko := want(run("", "--db", office, "keys", "export", "-o", oc), 0, "Dấu vân tay")
	want(run("", "--db", site, "keys", "export", "-o", sc), 0, "Dấu vân tay")
	card, err := store.ReadKeyCard(oc)
	if err != nil || !strings.Contains(ko.stdout, card.Fingerprint()) {
		t.Fatalf("fingerprint %q not printed: %v\n%s", card.Fingerprint(), err, ko.stdout)
	}
	want(run("k\n", "--db", site, "peer", "add", oc), 1, card.Fingerprint(), "Chưa xác nhận")
	want(run("c\nmatkhau\n", "--db", site, "peer", "add", oc), 0, "Đã ghim", "cấp trên")
	want(run("matkhau\n", "--db", office, "peer", "add", sc, "--yes"), 0, "Đã ghim", "cấp dưới")

	// The site records a visit (through the store, as the interface does).
	s, err := store.Open(site, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Công ty nợ lương ba tháng", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Nguyễn Văn An"}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Up: the site writes a bundle on the stick; the office looks, imports.
	want(run("matkhau\n", "--db", site, "bundle", "export", "--to", "HN01", "-o", stick), 0, "Đã ghi gói số 1 gửi HN01")
	up := glob(t, stick, "donthu-GL07-to-HN01-*-0001.age")
	want(run("matkhau\n", "--db", office, "bundle", "inspect", up), 0, "Gói số 1 từ GL07", "đúng khóa đã ghim", "Gói hợp lệ")
	want(run("matkhau\n", "--db", office, "bundle", "import", up), 0, "đã nhập gói số 1 từ GL07")
	want(run("matkhau\n", "--db", office, "bundle", "import", up), 0, "đã được nhập")
	want(run("", "--db", office, "peer", "list"), 0, "GL07", "cấp dưới", "đã nhận: gói số 1")

	// Down: the office transfers a petition to the site.
	want(run("matkhau\n", "--db", office, "office", "transfer", "--to", "GL07", "--summary", "Đơn khiếu nại về lương làm thêm giờ", "--sender", "Trần Thị Bình", "--kind", "complaint"), 0, "Đã chuyển đơn HN01-")
	want(run("matkhau\n", "--db", office, "bundle", "export", "--to", "GL07", "-o", stick), 0, "Đã ghi gói số 1 gửi GL07", "1 sự kiện")
	down := glob(t, stick, "donthu-HN01-to-GL07-*-0001.age")

	// A copy damaged on the way is refused, and changes nothing.
	bad := filepath.Join(stick, "damaged.age")
	b, _ := os.ReadFile(down)
	b[len(b)-20] ^= 0xff
	os.WriteFile(bad, b, 0o644)
	before := want(run("", "--db", site, "dump", "events"), 0).stdout
	want(run("matkhau\n", "--db", site, "bundle", "import", bad), 1, "BỊ TỪ CHỐI", "bị hỏng hoặc bị sửa")
	want(run("matkhau\n", "--db", site, "--lang", "en", "bundle", "import", bad), 1, "REFUSED", "damaged or altered")
	// The sign-ins to import are in the audit; nothing else changed.
	if after := want(run("", "--db", site, "dump", "events"), 0).stdout; withoutAudit(after) != withoutAudit(before) {
		t.Fatal("a refused bundle changed the log")
	}

	want(run("matkhau\n", "--db", site, "bundle", "import", down), 0, "đã nhập gói số 1 từ HN01")
	state := want(run("", "--db", site, "dump", "state"), 0).stdout
	if !strings.Contains(state, "Đơn khiếu nại về lương làm thêm giờ") || !strings.Contains(state, `"from":"HN01"`) {
		t.Fatalf("the site's state lacks the transferred petition:\n%s", state)
	}
	s, err = store.Open(site, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var found bool
	for _, p := range storetest.Must(s.Inbox()) {
		found = found || (p.Summary == "Đơn khiếu nại về lương làm thêm giờ" && p.SenderName == "Trần Thị Bình" && p.Source == model.SourceUpper)
	}
	if !found {
		t.Fatalf("not in the site's inbox: %+v", storetest.Must(s.Inbox()))
	}
}

func glob(t *testing.T, dir, pattern string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, pattern))
	if len(m) != 1 {
		t.Fatalf("%s in %s: %v", pattern, dir, m)
	}
	return m[0]
}

// withoutAudit drops the audit events (sign-ins) from a dump of the log.
func withoutAudit(dump string) string {
	var keep []string
	for _, l := range strings.Split(dump, "\n") {
		if !strings.Contains(l, `"entity":"audit:`) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// pairedFiles makes in dir, with the program bin, a site GL07 holding a
// year of demo data of people persons (NAME-gl07.db; the program makes
// it, since a test's own code may run under the race detector, ten times
// slower) and a new office HN01 for it (NAME-hn01.db, its administrator
// lan), their key cards pinned both ways, and the site's bundle for the
// office (in dir/NAME). It returns the files, the bundle and the site's
// events.
func pairedFiles(t *testing.T, bin, dir, name string, people int) (site, office, bundle string, events int) {
	t.Helper()
	site, office = filepath.Join(dir, name+"-gl07.db"), filepath.Join(dir, name+"-hn01.db")
	cmd := exec.Command(bin, "--db", site, "demo", "--people", strconv.Itoa(people), "--seed", "7")
	cmd.Env = append(os.Environ(), "DONTHU_LANG=en", "DONTHU_DB=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	s, err := store.Open(site, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o, err := store.Open(office, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	if err := o.Init(store.SiteInit{Code: "HN01", Name: "Công đoàn quận", Login: "lan", Password: storetest.Password}); err != nil {
		t.Fatal(err)
	}
	storetest.PinBoth(t, s, o)
	if _, err := s.SignIn(demo.Users[0].Login, demo.Password); err != nil { // the demo's keys are sealed
		t.Fatal(err)
	}
	out := filepath.Join(dir, name)
	if err := os.Mkdir(out, 0o700); err != nil {
		t.Fatal(err)
	}
	x, err := s.ExportBundle("HN01", out+string(os.PathSeparator))
	if err != nil {
		t.Fatal(err)
	}
	return site, office, x.Path, int(s.Heads()["GL07"])
}

// An office imports a site's bundle at a terminal: under the password, a
// line says how far the import has read, and when all is read that the
// file is being written; then the result, its counts grouped as they are
// read. (A parent's first sync is a million events: ten seconds or more
// of a line that moves, not of silence.)
func TestEndToEndBundleImportSaysHowFar(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	_, office, bundle, n := pairedFiles(t, bin, t.TempDir(), "e2e", 40)
	term := tuitest.StartWith(t, tuitest.TermOptions{Width: 200, Height: 24, Env: []string{"DONTHU_LANG=vi", "DONTHU_DB=", "DONTHU_USER=lan"}}, // the result is one long line
		bin, "--db", office, "bundle", "import", bundle)
	term.WaitFor(10*time.Second, "Mật khẩu")
	term.Type(storetest.Password).Press("enter")
	all := model.Thousands(int64(n))
	term.WaitFor(30*time.Second, "đã đọc đủ "+all+" sự kiện, đang ghi vào tệp…", all+" sự kiện mới, 0 đã có")
	if err := term.WaitExit(10 * time.Second); err != nil {
		t.Fatal(err)
	}
}
