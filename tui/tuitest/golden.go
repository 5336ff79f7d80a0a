package tuitest

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// Golden compares got with testdata/golden/<name>.txt (relative to the
// test's package) and fails with a line-by-line diff when they differ.
// With -update it writes got instead. Trailing spaces are kept: the
// layout is what is tested.
func Golden(t testing.TB, name, got string) {
	t.Helper()
	GoldenAt(t, filepath.Join("testdata", "golden", name+".txt"), got)
}

// GoldenAt is Golden for a golden file at path (relative to the test's
// package), for packages that keep theirs elsewhere.
func GoldenAt(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("no golden file %s (run go test -update to write it): %v\n%s", path, err, got)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", path, Diff(string(want), got))
	}
}

// Diff shows the lines of want and got that differ, numbered, with the
// screen as it is now below, so a failure reads at a glance.
func Diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			fmt.Fprintf(&b, "line %2d want │%s│\n        got  │%s│\n", i+1, w, g)
		}
	}
	b.WriteString("--- got ---\n" + got)
	return b.String()
}

// Updating reports whether the test binary was run with -update, for
// packages that keep golden files of their own layout.
func Updating() bool { return *update }
