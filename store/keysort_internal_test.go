package store

import (
	"bytes"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
)

// The sorter gives back every key once, in byte order, whether it held
// them all or merged runs from disk.
func TestKeySorterIsSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	for _, limit := range []int{1, 2, 7, 100, 1 << 20} {
		s := &keySorter{pattern: filepath.Join(t.TempDir(), "keys.sort-*"), limit: limit}
		var want [][]byte
		for range 500 {
			k := make([]byte, rng.IntN(12))
			for i := range k {
				k[i] = byte(rng.IntN(4)) // small alphabet: shared prefixes, duplicates
			}
			want = append(want, k)
			var err error
			if rng.IntN(2) == 0 {
				err = s.add(k)
			} else if len(k) > 0 {
				want[len(want)-1] = k
				err = s.add2(string(k[:1]), k[1:])
				want[len(want)-1] = append(append([]byte{k[0]}, 0), k[1:]...)
			} else {
				err = s.add(k)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		slices.SortFunc(want, bytes.Compare)
		want = slices.CompactFunc(want, bytes.Equal)
		var got [][]byte
		if err := s.each(func(k []byte) error { got = append(got, bytes.Clone(k)); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(got, want, bytes.Equal) {
			t.Fatalf("limit %d: %d keys back, want %d", limit, len(got), len(want))
		}
		if limit < 500 && len(s.runs) == 0 {
			t.Fatalf("limit %d: no run written", limit)
		}
		s.close()
	}
}
