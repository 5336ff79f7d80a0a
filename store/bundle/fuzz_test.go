package bundle

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"donthu/model"

	"filippo.io/age"
)

// The seed corpus and compatibility vectors live in testdata/bundle at the
// top of the repository: bundles written by format 1, the throwaway age
// identity they are encrypted to (a test key, nothing else uses it) and
// their plaintexts. The signing key is keyFromByte(7). Regenerate with
// DONTHU_WRITE_SEEDS=1 go test -run TestWriteSeeds ./store/bundle/ (only
// when the format changes: the old files must keep reading).
var seedDir = filepath.Join("..", "..", "testdata", "bundle")

func seedKey() ed25519.PrivateKey { return keyFromByte(7) }

func seedIdentity(t testing.TB) *age.X25519Identity {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(seedDir, "identity.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ids, err := age.ParseIdentities(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return ids[0].(*age.X25519Identity)
}

// seedBundles are the bundles of the corpus: name -> events.
func seedBundles() map[string][][]byte {
	return map[string][][]byte{
		"v1-GL07-to-HN01.age":  chain("GL07", 5, ""),
		"v1-HN01-to-GL07.age":  chain("HN01", 3, "GL07"),
		"v1-empty.age":         nil,
		"v1-GL07-to-HN01b.age": chain("GL07", 300, ""),
	}
}

func seedHeader(name string) Header {
	h := header("GL07", "HN01", 1)
	if strings.Contains(name, "HN01-to-GL07") || strings.Contains(name, "empty") {
		h = header("HN01", "GL07", 2)
	}
	return h
}

func TestWriteSeeds(t *testing.T) {
	if os.Getenv("DONTHU_WRITE_SEEDS") == "" {
		t.Skip("set DONTHU_WRITE_SEEDS=1 to rewrite testdata/bundle")
	}
	if err := os.MkdirAll(seedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	idPath := filepath.Join(seedDir, "identity.txt")
	if _, err := os.Stat(idPath); err != nil {
		id := newIdentity(t)
		txt := "# A throwaway age identity for donthu's bundle tests and fuzz corpus. Not a site's key.\n" +
			"# public key: " + id.Recipient().String() + "\n" + id.String() + "\n"
		if err := os.WriteFile(idPath, []byte(txt), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	id := seedIdentity(t)
	for name, evs := range seedBundles() {
		h := seedHeader(name)
		file := write(t, h, evs, seedKey(), id.Recipient())
		if err := os.WriteFile(filepath.Join(seedDir, name), file, 0o644); err != nil {
			t.Fatal(err)
		}
		pr, err := age.Decrypt(bytes.NewReader(file), id)
		if err != nil {
			t.Fatal(err)
		}
		var p bytes.Buffer
		p.ReadFrom(pr)
		if len(evs) > 10 {
			continue // large plaintexts slow the fuzzer's minimising
		}
		if err := os.WriteFile(filepath.Join(seedDir, strings.TrimSuffix(name, ".age")+".tar.gz"), p.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestSeedsStillRead is the compatibility promise: every format-1 file
// ever committed to testdata/bundle reads, verifies and yields its events.
func TestSeedsStillRead(t *testing.T) {
	id := seedIdentity(t)
	for name, evs := range seedBundles() {
		file, err := os.ReadFile(filepath.Join(seedDir, name))
		if err != nil {
			t.Fatal(err)
		}
		m, got, err := readAll(file, id, seedKey().Public().(ed25519.PublicKey))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		h := seedHeader(name)
		if m.From != h.From || m.To != h.To || m.Number != h.Number || len(got) != len(evs) {
			t.Fatalf("%s: %+v, %d events", name, m, len(got))
		}
		for i := range got {
			if b, _ := json.Marshal(got[i]); !bytes.Equal(b, evs[i]) {
				t.Fatalf("%s: event %d differs:\n%s\n%s", name, i, b, evs[i])
			}
		}
	}
}

func addSeeds(f *testing.F, suffix string) {
	matches, _ := filepath.Glob(filepath.Join(seedDir, "*"+suffix))
	for _, p := range matches {
		b, err := os.ReadFile(p)
		if err == nil {
			f.Add(b)
		}
	}
}

// checkRefusal fails unless err is a refusal with a message in both
// languages.
func checkRefusal(t *testing.T, err error) {
	t.Helper()
	var m *model.Msg
	if !errors.As(err, &m) || m.VI == "" || m.EN == "" || Code(err) == "" {
		t.Fatalf("not a refusal with a message: %#v", err)
	}
}

// drain reads a verified or inspectable reader to its end, checking every
// error is a refusal and a clean end matches the manifest.
func drain(t *testing.T, r *Reader) {
	n := 0
	for {
		_, ok, err := r.Next()
		if err != nil {
			checkRefusal(t, err)
			return
		}
		if !ok {
			break
		}
		n++
	}
	if n != r.Manifest().Events.Count {
		t.Fatalf("read %d events cleanly, manifest says %d", n, r.Manifest().Events.Count)
	}
}

// FuzzRead feeds whole files to the reader, as they come off a USB stick.
func FuzzRead(f *testing.F) {
	addSeeds(f, ".age")
	f.Add([]byte("age-encryption.org/v1\n-> X25519 AAAA\nAAAA\n--- AAAA\n"))
	id := seedIdentity(f)
	pub := seedKey().Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Open(bytes.NewReader(data), id)
		if err != nil {
			checkRefusal(t, err)
			return
		}
		if err := r.Verify(pub); err != nil {
			checkRefusal(t, err)
			return
		}
		drain(t, r)
	})
}

// FuzzReadPlain feeds decrypted contents to the reader: the layers under
// the encryption (gzip, tar, manifest, lines, events), which a fuzzer
// cannot reach through age's authentication.
func FuzzReadPlain(f *testing.F) {
	addSeeds(f, ".tar.gz")
	pub := seedKey().Public().(ed25519.PublicKey)
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := openPlain(bytes.NewReader(data))
		if err != nil {
			checkRefusal(t, err)
			return
		}
		if err := r.Verify(pub); err != nil {
			checkRefusal(t, err)
			r.AllowUnverified()
		}
		drain(t, r)
	})
}

// FuzzParseCard feeds key cards.
func FuzzParseCard(f *testing.F) {
	f.Add(NewCard("GL07", "Công đoàn GL07", "HN01", seedKey().Public().(ed25519.PublicKey), seedIdentity(f).Recipient(), t0).Marshal())
	f.Add([]byte(`{"kind":"donthu-key-card","format":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ParseCard(data)
		if err != nil {
			checkRefusal(t, err)
			return
		}
		if _, err := c.Recipient(); err != nil || c.SignPublicKey() == nil || len(c.Fingerprint()) != 29 {
			t.Fatalf("accepted a bad card: %+v", c)
		}
	})
}

// FuzzParseEvent feeds event lines to the quick parser: one it takes is
// read as encoding/json reads it, and one it takes as canonical is
// exactly what json.Marshal writes of it (its hash is then the line's,
// and an import takes it so).
func FuzzParseEvent(f *testing.F) {
	for _, l := range []string{
		`{"site":"GL07","seq":1,"clock":1772439300123,"at":"2026-03-02T08:15:00.123456789Z","author":"lan","entity":"person:GL07.1","type":"person.recorded","prev":"","data":{"name":"Nguyễn Văn An","n":[1,2.5,{"x":null}]}}`,
		`{"site":"GL07","seq":2,"clock":-3,"at":"2026-03-02T15:15:00.123456789+07:00","author":"Lan","entity":"case:GL07.9","type":"case.merged","base":"GL07/1","to":"CS001","prev":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}`,
		`{"site":"GL07","seq":1,"clock":-0,"at":"2026-03-02T08:15:00.500Z","author":"a<b","entity":"e","type":"t","base":"","prev":"","data":{"a": "x&y"}}`,
	} {
		f.Add([]byte(l))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		var quick, full model.Event
		ok, canon := parseEvent(line, &quick)
		if !ok {
			return
		}
		if err := json.Unmarshal(line, &full); err != nil {
			t.Fatalf("%s: taken, but encoding/json refuses it: %v", line, err)
		}
		a, _ := json.Marshal(&quick)
		b, _ := json.Marshal(&full)
		if !bytes.Equal(a, b) {
			t.Fatalf("%s:\nquick %s\nfull  %s", line, a, b)
		}
		if canon && !bytes.Equal(a, line) {
			t.Fatalf("%s: taken as canonical, but json.Marshal writes\n%s", line, a)
		}
	})
}
