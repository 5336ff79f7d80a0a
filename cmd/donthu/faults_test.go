//go:build unix

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"donthu/store"
)

// TestFileSizeLimitSweep runs every writing command under a sweep of
// file-size limits (ulimit -f, from nothing to enough), so that the Nth
// write fails for each N: each failure is a clear sentence (no panic, no
// stack trace), leaves the data file as it was (same log, same state,
// checks clean), and the same command then succeeds without the limit.
// The figures (limits swept, failures met) are logged: run with -v.
func TestFileSizeLimitSweep(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	w := newCrashWorld(t)
	card := filepath.Join(w.dir, "hn01.card")
	if out, err := exec.Command(w.bin, "--db", w.officeFile, "keys", "export", "-o", card).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	type cmdSpec struct {
		name  string
		file  []byte
		args  func(dir, db string) []string
		stdin string
	}
	specs := []cmdSpec{
		{"init", nil, func(dir, db string) []string {
			return []string{"init", "--site", "GL09", "--name", "Công đoàn GL09", "--user", "an"}
		}, "matkhau\n"},
		{"demo", w.site, func(dir, db string) []string { return []string{"demo", "--people", "20"} }, ""},
		{"user add", w.site, func(dir, db string) []string {
			return []string{"user", "add", "binh", "--name", "Trần Văn Bình", "--roles", "handler", "--user", "demo"}
		}, "demo\nmatkhau\n"},
		{"site set", w.site, func(dir, db string) []string {
			return []string{"site", "set", "--address", "Số 1 phố Huế", "--user", "demo"}
		}, "demo\n"},
		{"calendar set", w.site, func(dir, db string) []string {
			return []string{"calendar", "set", "2026-12-31", "off", "Nghỉ bù", "--user", "demo"}
		}, "demo\n"},
		{"rebuild", w.site, func(dir, db string) []string { return []string{"rebuild"} }, ""},
		{"backup", w.site, func(dir, db string) []string { return []string{"backup", filepath.Join(dir, "copy.db")} }, ""},
		{"keys export", w.site, func(dir, db string) []string {
			return []string{"keys", "export", "-o", filepath.Join(dir, "gl07.card")}
		}, ""},
		{"bundle export", w.site, func(dir, db string) []string {
			return []string{"bundle", "export", "--to", "HN01", "-o", dir + "/", "--user", "demo"}
		}, "demo\n"},
		{"bundle import", w.office, func(dir, db string) []string { return []string{"bundle", "import", w.bundle, "--user", "lan"} }, "matkhau\n"},
		{"export register", w.site, func(dir, db string) []string {
			return []string{"export", "register", "-o", filepath.Join(dir, "register.xlsx"), "--user", "demo"}
		}, "demo\n"},
		{"report", w.site, func(dir, db string) []string {
			return []string{"report", "all", "--period", "2026", "--format", "xlsx", "-o", filepath.Join(dir, "report.xlsx")}
		}, ""},
		{"print templates", w.site, func(dir, db string) []string {
			return []string{"print", "templates", filepath.Join(dir, "mau")}
		}, ""},
		{"salvage", w.site, func(dir, db string) []string {
			return []string{"salvage", db, "-o", filepath.Join(dir, "saved.db")}
		}, ""},
	}
	// Limits in blocks of 512 bytes (dash's ulimit -f), to 8 MB.
	// CI sweeps a few; DONTHU_FAULTS=all (make crash) sweeps them all.
	limits := []int{0, 1, 2, 4, 8, 16, 32, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192, 12288, 16384}
	if os.Getenv("DONTHU_FAULTS") != "all" {
		limits = []int{0, 128, 2048, 16384}
	}
	runs, failures := 0, 0
	for _, sp := range specs {
		for _, lim := range limits {
			dir := filepath.Join(w.dir, fmt.Sprintf("f-%s-%d", strings.ReplaceAll(sp.name, " ", "-"), lim))
			os.Mkdir(dir, 0o700)
			db := filepath.Join(dir, "data.db")
			if sp.file != nil {
				os.WriteFile(db, sp.file, 0o600)
			}
			before := snapshot(t, db)
			args := append([]string{"--db", db}, sp.args(dir, db)...)
			code, out := runLimited(t, w.bin, lim, sp.stdin, args...)
			runs++
			if code != 0 {
				failures++
				if strings.Contains(out, "goroutine ") || strings.Contains(out, "panic") || strings.TrimSpace(out) == "" {
					t.Fatalf("%s under %d blocks: not a sentence for a person:\n%s", sp.name, lim, out)
				}
				got := snapshot(t, db)
				if sp.name == "demo" {
					// Demo saves a month per transaction, and says so:
					// what it kept must check clean.
					if strings.Contains(got, "File structure") || strings.Contains(got, "differs from the log") || strings.HasPrefix(got, "not openable") {
						t.Fatalf("demo under %d blocks left a bad file: %s", lim, got)
					}
				} else if got != before {
					t.Fatalf("%s under %d blocks failed (%q) and changed the file", sp.name, lim, out)
				}
				// The next write succeeds.
				os.RemoveAll(filepath.Join(dir, "saved.db"))
				if code, out := runLimited(t, w.bin, -1, sp.stdin, args...); code != 0 {
					t.Fatalf("%s failed again with no limit, after a failure under %d blocks:\n%s", sp.name, lim, out)
				}
			}
			os.RemoveAll(dir)
		}
	}
	t.Logf("file-size limits: %d commands x %d limits (0 to %d KB) = %d runs, %d failed writes met, each a clear message with the file unchanged, each followed by a successful write",
		len(specs), len(limits), limits[len(limits)-1]/2, runs, failures)
}

// snapshot is what must not change when a write fails: the log, the
// state and the check of the file ("" for no file, or one too damaged to
// open, which a failed write must not cause either).
func snapshot(t *testing.T, db string) string {
	t.Helper()
	if fi, err := os.Stat(db); err != nil || fi.Size() == 0 {
		return "no file"
	}
	s, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		return "not openable: " + err.Error()
	}
	defer s.Close()
	var all, b bytes.Buffer
	s.DumpEvents(&all)
	s.DumpState(&all)
	// The sign-in a command starts with is recorded (the audit) before
	// the command can fail: what must not change is everything else.
	for _, l := range strings.SplitAfter(all.String(), "\n") {
		if !strings.Contains(l, `"entity":"audit:`) {
			b.WriteString(l)
		}
	}
	for _, p := range s.Check() {
		b.WriteString(p.EN + "\n")
	}
	return b.String()
}

// runLimited runs bin under a file-size limit of lim blocks (-1: none).
func runLimited(t *testing.T, bin string, lim int, stdin string, args ...string) (int, string) {
	t.Helper()
	script := `exec "$@"`
	if lim >= 0 {
		script = fmt.Sprintf("ulimit -f %d && exec \"$@\"", lim)
	}
	cmd := exec.Command("/bin/sh", append([]string{"-c", script, "sh", bin}, args...)...)
	cmd.Env = append(os.Environ(), "DONTHU_LANG=en", "DONTHU_DB=")
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}
