package demo

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"donthu/store"
	bolt "go.etcd.io/bbolt"
)

func TestZZFill(t *testing.T) {
	if os.Getenv("ZZRUN") == "" {
		t.Skip()
	}
	p := filepath.Join(t.TempDir(), "a.db")
	s, err := store.Open(p, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Fill(s, Options{People: 15000, Years: 2, Returns: 160, Seasons: true}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	db, _ := bolt.Open(p, 0o600, &bolt.Options{ReadOnly: true})
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		fi, _ := os.Stat(p)
		var ev int
		var tot float64
		tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			s := b.Stats()
			if string(name) == "events" {
				ev = s.KeyN
			}
			tot += float64(s.LeafAlloc + s.BranchAlloc)
			fmt.Printf("%-15s alloc=%6.2fMB inuse=%6.2fMB\n", name, float64(s.LeafAlloc+s.BranchAlloc)/1e6, float64(s.LeafInuse+s.BranchInuse)/1e6)
			if string(name) == "idx" {
				b.ForEach(func(k, _ []byte) error {
					s := b.Bucket(k).Stats()
					fmt.Printf("   %-15s alloc=%6.2fMB inuse=%6.2fMB\n", k, float64(s.LeafAlloc+s.BranchAlloc)/1e6, float64(s.LeafInuse+s.BranchInuse)/1e6)
					return nil
				})
			}
			return nil
		})
		fmt.Printf("events=%d file=%d B/ev=%.0f alloc B/ev=%.0f\n", ev, fi.Size(), float64(fi.Size())/float64(ev), tot/float64(ev))
		return nil
	})
}
