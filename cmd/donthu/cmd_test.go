package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
)

// result is what one run of the command line printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// donthu runs the command line in-process, as main does, with stdin.
func donthu(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func (r result) want(t *testing.T, code int, in ...string) result {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", r.code, code, r.stdout, r.stderr)
	}
	all := r.stdout + r.stderr
	for _, s := range in {
		if !strings.Contains(all, s) {
			t.Fatalf("output lacks %q\nstdout: %s\nstderr: %s", s, r.stdout, r.stderr)
		}
	}
	return r
}

// noEnv clears the environment the command line reads.
func noEnv(t *testing.T) {
	t.Setenv("DONTHU_LANG", "")
	t.Setenv("DONTHU_DB", "")
}

// initSite sets up site GL07 in a new file and returns its path.
func initSite(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "gl07.db")
	donthu(t, "matkhau\n", "--db", db, "init", "--site", "GL07", "--name", "Công đoàn cơ sở Công ty May Gia Lâm", "--parent", "HN01", "--user", "lan").
		want(t, exitOK, "Đã thiết lập đơn vị GL07", "Người dùng: lan")
	return db
}

func TestInitAndMaintenance(t *testing.T) {
	noEnv(t)
	db := initSite(t)
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("lan", "matkhau"); err != nil {
		t.Fatal(err)
	}
	site, _ := s.SiteInfo("")
	if site.Parent != "HN01" {
		t.Fatalf("site %+v", site)
	}
	// Something to dump: a visit with a petition.
	if _, _, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Công ty nợ lương", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Nguyễn Văn An"}}, Petition: &model.Petition{},
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	t.Run("check", func(t *testing.T) {
		donthu(t, "", "--db", db, "check").want(t, exitOK, "Đơn vị: GL07", "Không có lỗi.")
		donthu(t, "", "check", "--db", db, "--lang", "en").want(t, exitOK, "Site: GL07", "No problems found.")
	})
	var events, state string
	t.Run("dump", func(t *testing.T) {
		events = donthu(t, "", "--db", db, "dump", "events").want(t, exitOK).stdout
		if again := donthu(t, "", "--db", db, "dump", "events").stdout; again != events {
			t.Fatal("two dumps of the log differ")
		}
		lines := strings.Split(strings.TrimSpace(events), "\n")
		if len(lines) != 6 { // site and user created, a sign-in; person, visit, petition
			t.Fatalf("%d events:\n%s", len(lines), events)
		}
		for i, l := range lines {
			var e model.Event
			if err := json.Unmarshal([]byte(l), &e); err != nil || e.Seq != uint64(i+1) || e.Site != "GL07" {
				t.Fatalf("line %d: %v %+v", i+1, err, e)
			}
		}
		state = donthu(t, "", "--db", db, "dump", "state").want(t, exitOK, `"id":"site:GL07"`, "Nguyễn Văn An").stdout
		if again := donthu(t, "", "--db", db, "dump", "state").stdout; again != state {
			t.Fatal("two dumps of the state differ")
		}
		donthu(t, "", "--db", db, "dump").want(t, exitUsage, "donthu dump events")
		donthu(t, "", "--db", db, "dump", "everything").want(t, exitUsage)
	})
	t.Run("rebuild", func(t *testing.T) {
		out := donthu(t, "", "--db", db, "rebuild").want(t, exitOK, "Đã dựng lại").stdout
		if i := strings.Index(out, "Đang dựng lại dữ liệu từ nhật ký"); i < 0 || i > strings.Index(out, "Đã dựng lại") {
			t.Errorf("rebuild does not say it is under way before it ends:\n%s", out)
		}
		if got := donthu(t, "", "--db", db, "dump", "state").stdout; got != state {
			t.Fatalf("the state changed in a rebuild:\n%s\n---\n%s", state, got)
		}
		if got := donthu(t, "", "--db", db, "dump", "events").stdout; got != events {
			t.Fatal("the log changed in a rebuild")
		}
	})
	t.Run("backup", func(t *testing.T) {
		copyPath := filepath.Join(t.TempDir(), "usb", "gl07-copy.db")
		os.MkdirAll(filepath.Dir(copyPath), 0o700)
		donthu(t, "", "--db", db, "--lang", "en", "backup", copyPath).want(t, exitOK, "Backed up to "+copyPath)
		donthu(t, "", "--db", copyPath, "check").want(t, exitOK, "Không có lỗi.")
		if got := donthu(t, "", "--db", copyPath, "dump", "events").stdout; got != events {
			t.Fatal("the backup holds another log")
		}
		donthu(t, "", "--db", db, "backup").want(t, exitUsage)
		donthu(t, "", "--db", db, "backup", filepath.Join(t.TempDir(), "no", "such", "dir.db")).want(t, exitFail, "Không sao lưu được")
	})
	t.Run("user", func(t *testing.T) {
		donthu(t, "demo1\n", "--db", db, "user", "add", "hoa", "--name", "Trần Thị Hoa", "--roles", "receptionist").want(t, exitUsage, "--user")
		donthu(t, "sai\ndemo1\n", "--db", db, "user", "add", "hoa", "--name", "Trần Thị Hoa", "--roles", "receptionist", "--user", "lan").want(t, exitFail, "Sai")
		donthu(t, "matkhau\ndemo1\n", "--db", db, "user", "add", "hoa", "--name", "Trần Thị Hoa", "--roles", "receptionist,handler", "--user", "lan").want(t, exitOK, "hoa")
		donthu(t, "demo1\nx1234\n", "--db", db, "user", "add", "mai", "--name", "Mai", "--roles", "receptionist", "--user", "hoa").want(t, exitFail, "quản lý người dùng")
		donthu(t, "x\n", "--db", db, "user", "add", "mai", "--name", "Mai", "--roles", "boss").want(t, exitUsage, "boss")
		donthu(t, "", "--db", db, "user", "list").want(t, exitOK, "lan", "hoa", "Trần Thị Hoa", "Cán bộ xử lý")
		s := mustOpen(t, db)
		u, err := s.Authenticate("hoa", "demo1")
		s.Close()
		if err != nil || !u.Has(model.RoleHandler) || u.Has(model.RoleAdmin) {
			t.Fatalf("%+v %v", u, err)
		}
		donthu(t, "matkhau\n", "--db", db, "user", "deactivate", "hoa", "--user", "lan").want(t, exitOK)
		donthu(t, "", "--db", db, "user", "list").want(t, exitOK, "đã ngừng")
		donthu(t, "matkhau\n", "--db", db, "audit", "--as", "lan", "--type", "auth").want(t, exitOK, "auth.signed_in", "auth.failed")
		donthu(t, "demo1\n", "--db", db, "audit", "--as", "hoa").want(t, exitFail)
	})
	t.Run("init twice", func(t *testing.T) {
		donthu(t, "matkhau\n", "--db", db, "init", "--site", "GL08", "--name", "Khác", "--user", "lan").want(t, exitFail, "đã là dữ liệu của đơn vị GL07")
	})
}

func mustOpen(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestInitRefusals(t *testing.T) {
	noEnv(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		in    []string
	}{
		{"missing flags", "matkhau\n", []string{"init", "--site", "GL07"}, exitUsage, []string{"--site, --name"}},
		{"unknown flag", "matkhau\n", []string{"init", "--colour", "red"}, exitUsage, []string{"colour"}},
		{"bad site code", "matkhau\n", []string{"init", "--site", "g", "--name", "X", "--user", "lan"}, exitFail, []string{"Mã đơn vị"}},
		{"short password", "abc\n", []string{"init", "--site", "GL07", "--name", "X", "--user", "lan"}, exitFail, []string{"Mật khẩu cần ít nhất 4 ký tự"}},
		{"no password on stdin", "", []string{"init", "--site", "GL07", "--name", "X", "--user", "lan"}, exitFail, []string{"Không đọc được mật khẩu"}},
		{"in English", "abc\n", []string{"--lang", "en", "init", "--site", "GL07", "--name", "X", "--user", "lan"}, exitFail, []string{"at least 4 characters"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			donthu(t, tc.stdin, append([]string{"--db", db}, tc.args...)...).want(t, tc.code, tc.in...)
			if s, err := store.Open(db, store.Options{}); err == nil {
				if s.Site() != "" {
					t.Fatalf("site %q set up after a refusal", s.Site())
				}
				s.Close()
			}
		})
	}
}

func TestHelp(t *testing.T) {
	noEnv(t)
	vi := donthu(t, "", "--help").want(t, exitOK, "Cách dùng:", "Lệnh:", "Tùy chọn chung:", "thiết lập đơn vị").stdout
	en := donthu(t, "", "--lang", "en", "--help").want(t, exitOK, "Usage:", "Commands:", "Global options:", "set up a site").stdout
	for _, name := range []string{"init", "demo", "check", "rebuild", "backup", "dump", "user"} {
		if !strings.Contains(vi, "  "+name) || !strings.Contains(en, "  "+name) {
			t.Errorf("help lacks the command %s", name)
		}
	}
	if strings.Contains(en, "Cách dùng") || strings.Contains(vi, "Usage:") {
		t.Fatal("help mixes the languages")
	}
	donthu(t, "", "help").want(t, exitOK, "Cách dùng:")
	donthu(t, "", "-h", "--lang=en").want(t, exitOK, "Usage:")
	t.Setenv("DONTHU_LANG", "en")
	donthu(t, "", "--help").want(t, exitOK, "Usage:")
}

func TestBadCommand(t *testing.T) {
	noEnv(t)
	db := filepath.Join(t.TempDir(), "x.db")
	donthu(t, "", "--db", db, "frobnicate").want(t, exitUsage, `không có lệnh "frobnicate"`, "donthu --help")
	donthu(t, "", "--db", db, "--lang", "en", "frobnicate").want(t, exitUsage, `no command "frobnicate"`)
	donthu(t, "", "--db", db, "--nosuchflag").want(t, exitUsage)
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("a bad command created the data file")
	}
	// A read-only command on a missing file says what to do.
	donthu(t, "", "--db", db, "check").want(t, exitFail, "Không có tệp dữ liệu", "donthu init")
	donthu(t, "", "--db", db, "--lang", "en", "dump", "events").want(t, exitFail, "No data file", "donthu init")
}

func TestNotADataFile(t *testing.T) {
	noEnv(t)
	db := filepath.Join(t.TempDir(), "notes.db")
	os.WriteFile(db, []byte(strings.Repeat("Không phải tệp dữ liệu.\n", 500)), 0o600)
	donthu(t, "", "--db", db, "--lang", "en", "check").want(t, exitFail, "not a donthu data file", "backup")
	donthu(t, "", "--db", db, "rebuild").want(t, exitFail, "không phải tệp dữ liệu donthu")
}

// TestLocked: while another program holds the file, every command gives
// up after about a second with exit code 3 and says why.
func TestLocked(t *testing.T) {
	noEnv(t)
	db := initSite(t)
	s := mustOpen(t, db)
	defer s.Close()
	for _, args := range [][]string{{"rebuild"}, {"--lang", "en", "dump", "events"}} {
		start := time.Now()
		r := donthu(t, "", append([]string{"--db", db}, args...)...)
		took := time.Since(start)
		if args[0] == "--lang" {
			r.want(t, exitLocked, "is open in another copy of donthu", "Close it and try again")
		} else {
			r.want(t, exitLocked, "đang được mở ở một chương trình donthu khác")
		}
		if took > 5*time.Second {
			t.Fatalf("%v took %v", args, took)
		}
	}
}

func TestDemoCommand(t *testing.T) {
	noEnv(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	donthu(t, "", "--db", db, "demo", "--people", "40", "--seed", "3").
		want(t, exitOK, "Đã tạo đơn vị mẫu GL07", "demo, letan, hung", "mật khẩu: demo", "40 người", "Quá hạn:")
	donthu(t, "", "--db", db, "check").want(t, exitOK, "Không có lỗi.")
	s := mustOpen(t, db)
	for _, login := range []string{"demo", "letan"} {
		if _, err := s.Authenticate(login, "demo"); err != nil {
			t.Fatalf("%s: %v", login, err)
		}
	}
	s.Close()
	// Again: more activity in the same site, no new users.
	r := donthu(t, "", "--db", db, "--lang", "en", "demo", "--people", "10").want(t, exitOK, "Demo data added to site GL07", "Cases:")
	if strings.Contains(r.stdout, "New users") {
		t.Fatal(r.stdout)
	}
	donthu(t, "", "--db", db, "demo", "--people", "0").want(t, exitUsage, "--people")
	donthu(t, "", "--db", db, "demo", "--people", "many").want(t, exitUsage)
	donthu(t, "", "--db", db, "demo", "extra").want(t, exitUsage)
}

func TestDataDir(t *testing.T) {
	home := func(h string) func() (string, error) {
		return func() (string, error) {
			if h == "" {
				return "", errors.New("no home")
			}
			return h, nil
		}
	}
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tc := range []struct {
		name, goos string
		getenv     func(string) string
		home       func() (string, error)
		want       string
	}{
		{"windows roaming", "windows", env("APPDATA", `C:\Users\lan\AppData\Roaming`, "LOCALAPPDATA", `C:\Users\lan\AppData\Local`), home(`C:\Users\lan`), `C:\Users\lan\AppData\Roaming`},
		{"windows local", "windows", env("LOCALAPPDATA", `C:\Users\lan\AppData\Local`), home(`C:\Users\lan`), `C:\Users\lan\AppData\Local`},
		{"windows nothing", "windows", env(), home(`C:\Users\lan`), "."},
		{"macOS", "darwin", env("XDG_DATA_HOME", "/ignored"), home("/Users/lan"), filepath.Join("/Users/lan", "Library", "Application Support")},
		{"macOS no home", "darwin", env(), home(""), "."},
		{"linux XDG", "linux", env("XDG_DATA_HOME", "/data/lan"), home("/home/lan"), "/data/lan"},
		{"linux home", "linux", env(), home("/home/lan"), filepath.Join("/home/lan", ".local", "share")},
		{"freebsd home", "freebsd", env(), home("/home/lan"), filepath.Join("/home/lan", ".local", "share")},
		{"linux nothing", "linux", env(), home(""), "."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dataDir(tc.goos, tc.getenv, tc.home); got != tc.want {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("DONTHU_DB wins", func(t *testing.T) {
		t.Setenv("DONTHU_DB", "/srv/donthu/gl07.db")
		if got := defaultDB(); got != "/srv/donthu/gl07.db" {
			t.Fatal(got)
		}
	})
	t.Run("default file name", func(t *testing.T) {
		t.Setenv("DONTHU_DB", "")
		if got := defaultDB(); filepath.Base(got) != "donthu.db" || filepath.Base(filepath.Dir(got)) != "donthu" {
			t.Fatal(got)
		}
	})
}

// donthu restore: only an administrator; a damaged backup is refused; a
// good one is restored with the current file kept aside, and audited.
func TestRestoreCommand(t *testing.T) {
	noEnv(t)
	db := initSite(t)
	bk := filepath.Join(t.TempDir(), "bk.db")
	donthu(t, "", "--db", db, "backup", bk).want(t, exitOK)
	donthu(t, "matkhau\n", "--db", db, "restore", bk).want(t, exitUsage, "--user")
	bad := filepath.Join(t.TempDir(), "bad.db")
	b, _ := os.ReadFile(bk)
	for i := 8192; i < len(b); i += 7 {
		b[i] ^= 0x5a
	}
	os.WriteFile(bad, b, 0o600)
	donthu(t, "matkhau\n", "--db", db, "restore", bad, "--user", "lan").want(t, exitFail, "bị hỏng")
	donthu(t, "matkhau\n", "--db", db, "restore", bk, "--user", "lan").want(t, exitOK, "Đã khôi phục", "before-restore")
	donthu(t, "matkhau\n", "--db", db, "audit", "--as", "lan", "--type", "backup").want(t, exitOK, "backup.restored")
}

// dump without signing in shows a denouncer sealed; with --user it is
// signed for and in the audit; a receptionist may not.
func TestDumpSealed(t *testing.T) {
	noEnv(t)
	db := initSite(t)
	s := mustOpen(t, db)
	if _, err := s.SignIn("lan", "matkhau"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Tố cáo", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Phạm Văn Tố", Phone: "0912000111"}}, Petition: &model.Petition{Kind: model.KindDenunciation},
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUser("lan", model.User{Login: "thu", Name: "Thu", Roles: []model.Role{model.RoleReceptionist}}, "thu-1234"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, what := range []string{"events", "state"} {
		out := donthu(t, "", "--db", db, "dump", what).want(t, exitOK, `"sealed":"YWdl`).stdout
		if strings.Contains(out, "Phạm Văn Tố") || strings.Contains(out, "0912000111") || strings.Contains(out, "pham van to") {
			t.Errorf("dump %s shows the denouncer", what)
		}
	}
	donthu(t, "matkhau\n", "--db", db, "dump", "state", "--user", "lan").want(t, exitOK, `"sealed":"YWdl`)
	donthu(t, "thu-1234\n", "--db", db, "dump", "state", "--user", "thu").want(t, exitFail, "xuất toàn bộ dữ liệu")
	donthu(t, "matkhau\n", "--db", db, "audit", "--as", "lan", "--type", "file").want(t, exitOK, "file.exported")
}

// A demo large enough for the file to make its dictionary part-way
// leaves the file packed: the first open after it rewrites nothing.
func TestDemoLeavesTheFilePacked(t *testing.T) {
	noEnv(t)
	db := filepath.Join(t.TempDir(), "demo.db")
	r := donthu(t, "", "--db", db, "--lang", "en", "demo", "--people", "1500").want(t, exitOK, "Demo site GL07")
	var events int
	for _, f := range strings.Fields(r.stdout[strings.Index(r.stdout, "cases, "):]) {
		if n, err := strconv.Atoi(f); err == nil {
			events = n
			break
		}
	}
	if events < 6000 {
		t.Fatalf("%d events: too few for the file to make its dictionary\n%s", events, r.stdout)
	}
	s, err := store.Open(db, store.Options{Upgrading: func() { t.Error("the first open after the demo rewrote the file") }})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}
