package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hwm is the length bbolt's header says the file has (its page count
// times its page size): what a cut must fall short of to matter.
func hwm(t *testing.T, db string) int64 {
	t.Helper()
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	le := func(b []byte) uint64 {
		var v uint64
		for i := 7; i >= 0; i-- {
			v = v<<8 | uint64(b[i])
		}
		return v
	}
	ps := int64(b[24]) | int64(b[25])<<8 | int64(b[26])<<16 | int64(b[27])<<24
	pgid := le(b[16+40:])
	// The newer of the two meta pages.
	if le(b[ps+16+48:]) > le(b[16+48:]) {
		pgid = le(b[ps+16+40:])
	}
	return int64(pgid) * ps
}

// TestTruncatedFileEveryCommand: a data file cut to half or a tenth of
// its length (a failed copy to a USB stick) gets one sentence naming the
// way out from every command and from the interface, never SIGBUS; the
// salvage it names recovers what is left.
func TestTruncatedFileEveryCommand(t *testing.T) {
	noEnv(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "demo.db")
	donthu(t, "", "--db", src, "demo", "--people", "60").want(t, exitOK)
	full := hwm(t, src)
	raw, _ := os.ReadFile(src)
	for _, frac := range []int64{2, 10} {
		db := filepath.Join(dir, "cut.db")
		os.WriteFile(db, raw[:full/frac], 0o600)
		for _, args := range [][]string{{"check"}, {"rebuild"}, {"dump", "events"}, {"backup", filepath.Join(dir, "b.db")},
			{"demo"}, {"user", "add", "x", "--name", "X", "--roles", "handler"}, {"site", "show"}, {"calendar", "list"},
			{"export", "register"}, {"keys", "export"}, {"peer", "list"}, {"bundle", "export", "--to", "HN01"}, {}} {
			r := donthu(t, "matkhau\n", append([]string{"--db", db, "--lang", "en"}, args...)...)
			r.want(t, exitFail, "is cut short", "donthu salvage "+db)
		}
		donthu(t, "", "--db", db, "check").want(t, exitFail, "bị cắt cụt", "donthu salvage")
		out := filepath.Join(dir, "saved.db")
		os.Remove(out)
		// An event sealed at rest among what is left, with its key and
		// the passwords intact: salvage asks for a sign-in, and the
		// demo's user gives it (which part survives depends on the day
		// the demo was made).
		r := donthu(t, "", "--lang", "en", "salvage", db, "-o", out)
		if r.code != exitOK {
			r.want(t, exitFail, "events recovered", "sealed at rest", "Run again with --user LOGIN")
			r = donthu(t, "demo\n", "--lang", "en", "salvage", db, "-o", out, "--user", "demo")
		}
		r.want(t, exitOK, "events recovered", "Open the new file")
		donthu(t, "", "--db", out, "dump", "events").want(t, exitOK, `"site.created"`)
	}
}

// TestMistypedPathAndEmptyFile: rebuild and check on a path with no file
// refuse, and create neither folder nor file; an empty file is told so.
func TestMistypedPathAndEmptyFile(t *testing.T) {
	noEnv(t)
	dir := t.TempDir()
	wrong := filepath.Join(dir, "nho", "donthu.db")
	for _, cmd := range []string{"rebuild", "check"} {
		donthu(t, "", "--db", wrong, "--lang", "en", cmd).want(t, exitFail, "No data file at", "Nothing was created")
		if _, err := os.Stat(filepath.Dir(wrong)); err == nil {
			t.Fatalf("%s created the folder", cmd)
		}
	}
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	for _, cmd := range []string{"rebuild", "check", "dump"} {
		args := []string{"--db", empty, "--lang", "en", cmd}
		if cmd == "dump" {
			args = append(args, "events")
		}
		donthu(t, "", args...).want(t, exitFail, "is empty (0 bytes)")
	}
	// A folder given as the data file.
	donthu(t, "", "--db", dir, "check").want(t, exitFail, "là một thư mục, không phải tệp dữ liệu")
	donthu(t, "", "--db", dir, "--lang", "en", "rebuild").want(t, exitFail, "is a folder, not a data file")
}

// TestDemoRefusesARealSite: demo data never goes into a real site's file
// (its demo users and invented records would travel to the office).
func TestDemoRefusesARealSite(t *testing.T) {
	noEnv(t)
	db := initSite(t)
	before := donthu(t, "", "--db", db, "dump", "events").stdout
	donthu(t, "", "--db", db, "demo").want(t, exitFail, "là dữ liệu thật của đơn vị GL07", "không thêm dữ liệu mẫu")
	donthu(t, "", "--db", db, "--lang", "en", "demo").want(t, exitFail, "real data of site GL07")
	if after := donthu(t, "", "--db", db, "dump", "events").stdout; after != before {
		t.Fatal("demo changed a real site's log")
	}
}

// TestOSErrorsInVietnamese: an operating-system error is named in the
// person's language, the system's English kept as detail.
func TestOSErrorsInVietnamese(t *testing.T) {
	noEnv(t)
	if os.Geteuid() == 0 {
		t.Skip("root writes through permissions")
	}
	db := initSite(t)
	ro := filepath.Join(t.TempDir(), "chi-doc")
	os.Mkdir(ro, 0o500)
	r := donthu(t, "", "--db", db, "backup", filepath.Join(ro, "b.db")).want(t, exitFail, "không có quyền truy cập")
	if strings.Contains(r.stderr, "Something went wrong") {
		t.Fatal(r.stderr)
	}
}

// TestFlippedByteNeverPanics: single bytes flipped across the first pages
// of a real file (meta, root, freelist, branch pages): check and rebuild
// say what is wrong, or nothing, and never panic.
func TestFlippedByteNeverPanics(t *testing.T) {
	noEnv(t)
	dir := t.TempDir()
	src := filepath.Join(dir, "demo.db")
	donthu(t, "", "--db", src, "demo", "--people", "30").want(t, exitOK)
	raw, _ := os.ReadFile(src)
	full := hwm(t, src)
	for i := int64(0); i < 48; i++ {
		off := (i * 7919 * 13) % full
		b := append([]byte(nil), raw...)
		b[off] ^= 0x5a
		db := filepath.Join(dir, "flip.db")
		os.WriteFile(db, b, 0o600)
		for _, cmd := range []string{"check", "rebuild"} {
			r := donthu(t, "", "--db", db, "--lang", "en", cmd)
			if r.code != exitOK && r.code != exitFail {
				t.Fatalf("byte %d, %s: exit %d\n%s", off, cmd, r.code, r.stderr)
			}
			if strings.Contains(r.stderr+r.stdout, "goroutine ") {
				t.Fatalf("byte %d, %s: a stack trace\n%s", off, cmd, r.stderr)
			}
		}
	}
}
