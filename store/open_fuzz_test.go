package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"donthu/store"
	"donthu/store/storetest"
)

// FuzzOpenDataFile: whatever bytes sit in the data file (a real one with
// a change, a cut, another program's file), opening it, checking it,
// rebuilding it and salvaging it never panic or crash the process, and
// every refusal is a sentence for a person. The seeds are a real site's
// file whole, cut, and changed in its first pages.
func FuzzOpenDataFile(f *testing.F) {
	seed := func() []byte {
		dir, _ := os.MkdirTemp("", "donthu-fuzz-")
		defer os.RemoveAll(dir)
		s, err := store.Open(filepath.Join(dir, "x.db"), store.Options{NoSync: true})
		if err != nil {
			panic(err)
		}
		if err := s.Init(store.SiteInit{Code: "GL07", Name: "Công đoàn GL07", Login: "lan", Password: storetest.Password}); err != nil {
			panic(err)
		}
		s.Close()
		b, _ := os.ReadFile(filepath.Join(dir, "x.db"))
		return b
	}()
	// bbolt's pages end where the meta page says; keep what matters.
	f.Add(seed[:min(len(seed), 6*4096)])
	f.Add(seed[:4096])
	f.Add(seed[:2*4096+100])
	flipped := append([]byte(nil), seed[:6*4096]...)
	flipped[2*4096+20] ^= 0xff
	f.Add(flipped)
	f.Add([]byte("SQLite format 3\x00"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "d.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, ro := range []bool{true, false} {
			s, err := store.Open(path, store.Options{ReadOnly: ro, NoSync: true})
			if err != nil {
				sentence(t, "open", err)
				continue
			}
			s.Check()
			s.Stats()
			if !ro {
				if err := s.Rebuild(); err != nil {
					sentence(t, "rebuild", err)
				}
			}
			s.Close()
		}
		if _, err := store.Salvage(path, filepath.Join(dir, "s.db")); err != nil {
			sentence(t, "salvage", err)
		}
	})
}
