package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
)

// damageTrials is how many damaged files TestDamageCampaign tries: two dozen
// in CI, DONTHU_DAMAGE=N for a long campaign (make crash).
func damageTrials() int {
	if n, err := strconv.Atoi(os.Getenv("DONTHU_DAMAGE")); err == nil && n > 0 {
		return n
	}
	return 24
}

// demoFile writes a small demo site and returns its bytes and its log.
func demoFile(t *testing.T) ([]byte, []string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "demo.db")
	s, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Fill(s, demo.Options{People: 60, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.DumpEvents(&b); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw, strings.Split(strings.TrimSpace(b.String()), "\n")
}

// damage returns a damaged copy of a file and says how.
func damage(rng *rand.Rand, orig []byte) ([]byte, string) {
	b := append([]byte(nil), orig...)
	switch rng.IntN(6) {
	case 0: // cut short: a failed copy
		n := rng.IntN(len(b))
		return b[:n], "cut to " + strconv.Itoa(n)
	case 1, 2: // one flipped byte anywhere
		i := rng.IntN(len(b))
		b[i] ^= byte(1 + rng.IntN(255))
		return b, "byte " + strconv.Itoa(i) + " flipped"
	case 3: // a flipped byte in the first pages (meta, root, freelist)
		i := rng.IntN(min(len(b), 8*4096))
		b[i] ^= byte(1 + rng.IntN(255))
		return b, "byte " + strconv.Itoa(i) + " flipped (head)"
	case 4: // a page of zeros (a bad sector)
		p := rng.IntN(len(b) / 4096)
		clear(b[p*4096 : (p+1)*4096])
		return b, "page " + strconv.Itoa(p) + " zeroed"
	default: // a run of random bytes
		i := rng.IntN(len(b))
		n := min(len(b)-i, 1+rng.IntN(2000))
		for j := i; j < i+n; j++ {
			b[j] = byte(rng.Uint32())
		}
		return b, strconv.Itoa(n) + " random bytes at " + strconv.Itoa(i)
	}
}

// TestDamageCampaign: files damaged at random (cut short, flipped bytes,
// zeroed pages, random runs) never make Open, Check, Rebuild or Salvage
// panic or crash; every refusal is a sentence for a person; and salvage
// recovers the intact events, only real ones. The figures (damaged files
// tried, salvaged, events recovered of intact) are logged: run with -v.
func TestDamageCampaign(t *testing.T) {
	orig, lines := demoFile(t)
	byHash := map[string]bool{}
	var stored [][]byte
	for _, l := range lines {
		var e model.Event
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		byHash[e.Hash()] = true
		stored = append(stored, store.StoredEvent(&e))
	}
	rng := rand.New(rand.NewPCG(14, 14))
	dir := t.TempDir()
	var tried, opened, refused, salvaged, intact, recovered, invented int
	for i := range damageTrials() {
		b, how := damage(rng, orig)
		tried++
		path := filepath.Join(dir, "d"+strconv.Itoa(i)+".db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		for _, ro := range []bool{true, false} {
			s, err := store.Open(path, store.Options{ReadOnly: ro})
			if err != nil {
				sentence(t, how, err)
				refused++
				continue
			}
			opened++
			for _, p := range s.Check() {
				if p.VI == "" || p.EN == "" {
					t.Fatalf("%s: a problem without words: %+v", how, p)
				}
			}
			if !ro {
				if err := s.Rebuild(); err != nil {
					sentence(t, how, err)
				}
			}
			s.Close()
		}
		// Intact: events whose stored form is still whole in the file.
		n := 0
		for _, raw := range stored {
			if bytes.Contains(b, raw) {
				n++
			}
		}
		intact += n
		out := filepath.Join(dir, "s"+strconv.Itoa(i)+".db")
		rep, err := store.Salvage(path, out)
		if err != nil {
			sentence(t, how, err)
			continue
		}
		salvaged++
		s, err := store.Open(out, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("%s: the salvaged file does not open: %v", how, err)
		}
		got := 0
		for site := range s.Heads() {
			s.EachEvent(site, 0, func(e model.Event) error {
				got++
				if !byHash[e.Hash()] {
					invented++
				}
				return nil
			})
		}
		if got != rep.Events {
			t.Fatalf("%s: report says %d events, file holds %d", how, rep.Events, got)
		}
		recovered += got
		s.Close()
	}
	if invented > 0 {
		t.Fatalf("salvage kept %d events that were never written", invented)
	}
	t.Logf("damaged files tried: %d; opens refused with a sentence: %d, opened: %d; salvaged: %d; events recovered %d of %d intact (%.1f%%)",
		tried, refused, opened, salvaged, recovered, intact, 100*float64(recovered)/float64(max(intact, 1)))
	if recovered < intact*9/10 {
		t.Fatalf("salvage recovered %d of %d intact events", recovered, intact)
	}
}

// sentence fails the test unless err is a message for a person in both
// languages.
func sentence(t testing.TB, how string, err error) {
	t.Helper()
	var ue *model.Msg
	if !errors.As(err, &ue) || ue.VI == "" || ue.EN == "" {
		t.Fatalf("%s: not a sentence for a person: %v", how, err)
	}
}
