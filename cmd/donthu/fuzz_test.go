package main

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var (
	fuzzSiteOnce sync.Once
	fuzzSite     []byte
)

// FuzzCommandLine runs the command line in-process with fuzzed arguments
// to every command that parses dates, numbers, years, codes, kinds and
// roles (calendar, site, export, bundle, office, peer, dump, demo's
// flags), on a copy of a real site's file: nothing panics (a panic would
// come out as the "damaged inside" sentence of the guard), every exit is
// OK, failure or usage, and every failure says something.
func FuzzCommandLine(f *testing.F) {
	for _, s := range []string{
		"calendar\x1fset\x1f2026-12-31\x1foff\x1fNghỉ bù", "calendar\x1flist\x1f2026", "calendar\x1flist\x1f99999999999999999999",
		"calendar\x1fremove\x1f31/12/2026", "site\x1fset\x1f--valid-from\x1f01/01/2026", "site\x1fset\x1f--valid-to\x1f30/02/2026",
		"export\x1fregister\x1f--from\x1f01/01/2026\x1f--to\x1f2025-01-01", "export\x1fcases\x1f--closed",
		"bundle\x1fexport\x1f--to\x1fhn01", "bundle\x1fexport\x1f--to\x1f../../x", "office\x1ftransfer\x1f--to\x1fGL08\x1f--received\x1f32/13/2026",
		"peer\x1fparent\x1fHN-01", "dump\x1fevents", "demo\x1f--people\x1f0", "demo\x1f--people\x1f-5", "demo\x1f--seed\x1f-1",
		"user\x1fadd\x1fx\x1f--roles\x1fking", "site\x1fset\x1f--successor\x1f\x00",
		"print\x1fregister\x1f--from\x1f01/01/2026\x1f--to\x1f31/12/2026", "print\x1fregister\x1f--from\x1f2026-02-30", "verify\x1fABCD-EFGH-1234",
		"verify\x1f", "report\x1f01/TCD\x1f--period\x1f2026-Q3", "report\x1fall\x1f--period\x1f2026-13\x1f--format\x1fcsv",
		"report\x1fRSTD\x1f--from\x1f31/02/2026\x1f--to\x1f01/01/2026", "print\x1fgiay-bien-nhan\x1f--record\x1fGL07-2026-0001",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		args := strings.Split(s, "\x1f")
		switch args[0] {
		case "calendar", "site", "export", "bundle", "office", "peer", "dump", "check", "verify", "report":
		case "print":
			// Never a viewer or a system setting from a fuzzer.
			if strings.Contains(s, "open") || strings.Contains(s, "setup") {
				return
			}
		case "demo", "user":
			// Only their refusals: a valid demo fills a year, a valid
			// user costs a password hash.
			if !strings.Contains(s, "-") {
				return
			}
			if args[0] == "user" && !strings.Contains(s, "--roles") {
				return
			}
		default:
			return
		}
		fuzzSiteOnce.Do(func() {
			dir, _ := os.MkdirTemp("", "donthu-fuzz-")
			db := filepath.Join(dir, "gl07.db")
			if code := run([]string{"--db", db, "init", "--site", "GL07", "--name", "Công đoàn GL07", "--parent", "HN01", "--user", "lan"},
				strings.NewReader("matkhau\n"), discard{}, discard{}); code != 0 {
				panic("init failed")
			}
			fuzzSite, _ = os.ReadFile(db)
			os.RemoveAll(dir)
		})
		dir := t.TempDir()
		db := filepath.Join(dir, "gl07.db")
		if err := os.WriteFile(db, fuzzSite, 0o600); err != nil {
			t.Fatal(err)
		}
		for i, a := range args {
			// Files the command writes stay in the test's folder.
			if a == "-o" && i+1 < len(args) {
				args[i+1] = filepath.Join(dir, filepath.Base(args[i+1]))
			}
		}
		old, _ := os.Getwd()
		os.Chdir(dir)
		defer os.Chdir(old)
		var out, errb strings.Builder
		code := run(append([]string{"--db", db, "--lang", "en"}, args...), strings.NewReader("matkhau\n"), &out, &errb)
		all := out.String() + errb.String()
		if strings.Contains(all, "damaged inside") || strings.Contains(all, "goroutine ") {
			t.Fatalf("%q: a panic:\n%s", args, all)
		}
		switch code {
		case exitOK:
		case exitFail, exitUsage:
			if strings.TrimSpace(errb.String()) == "" {
				t.Fatalf("%q: exit %d with nothing said", args, code)
			}
		default:
			t.Fatalf("%q: exit %d", args, code)
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
