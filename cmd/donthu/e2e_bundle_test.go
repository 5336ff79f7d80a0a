//go:build unix

package main

import (
	"path/filepath"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
	"donthu/store/storetest"
	"donthu/tui/tuitest"
)

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
	dir := t.TempDir()
	clk := &storetest.Clock{T: time.Now()}
	open := func(name string) *store.Store {
		s, err := store.Open(filepath.Join(dir, name), store.Options{Now: clk.Now})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	site, office := open("gl07.db"), open("hn01.db")
	if _, err := demo.Fill(site, demo.Options{People: 40, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	if err := office.Init(store.SiteInit{Code: "HN01", Name: "Công đoàn quận", Login: "lan", Password: storetest.Password}); err != nil {
		t.Fatal(err)
	}
	storetest.PinBoth(t, site, office)
	x, err := site.ExportBundle("HN01", dir+"/")
	if err != nil {
		t.Fatal(err)
	}
	n := int64(site.Heads()["GL07"])
	site.Close()
	office.Close()

	term := tuitest.StartWith(t, tuitest.TermOptions{Width: 200, Height: 24, Env: []string{"DONTHU_LANG=vi", "DONTHU_DB=", "DONTHU_USER=lan"}}, // the result is one long line
		bin, "--db", filepath.Join(dir, "hn01.db"), "bundle", "import", x.Path)
	term.WaitFor(10*time.Second, "Mật khẩu")
	term.Type(storetest.Password).Press("enter")
	term.WaitFor(30*time.Second, "đã đọc đủ "+model.Thousands(n)+" sự kiện, đang ghi vào tệp…", model.Thousands(n)+" sự kiện mới, 0 đã có")
	if err := term.WaitExit(10 * time.Second); err != nil {
		t.Fatal(err)
	}
}
