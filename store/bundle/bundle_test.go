package bundle

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"donthu/model"

	"filippo.io/age"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, model.VN)

// keyFromByte makes a fixed signing key.
func keyFromByte(b byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{b}, ed25519.SeedSize))
}

func newIdentity(t testing.TB) *age.X25519Identity {
	t.Helper()
	id, err := age.GenerateX25519Identity()
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// chain makes n chained events of site, addressed to to, as JSON lines.
func chain(site string, n int, to string) [][]byte {
	var out [][]byte
	prev := ""
	for i := 1; i <= n; i++ {
		ev := model.Event{Site: site, Seq: uint64(i), Clock: t0.UnixMilli() + int64(i), At: t0.Add(time.Duration(i) * time.Second).UTC(),
			Author: "lan", Entity: model.NewEntityID(model.EntPerson, site, uint64(i)), Type: model.EvPersonRecorded, To: to, Prev: prev,
			Data: model.MustData(model.Person{Name: "Nguyễn Văn An", Employer: "Công ty May Gia Lâm"})}
		prev = ev.Hash()
		b, _ := json.Marshal(ev)
		out = append(out, b)
	}
	return out
}

func source(evs [][]byte) Events {
	return func(yield func([]byte) error) error {
		for _, e := range evs {
			if err := yield(e); err != nil {
				return err
			}
		}
		return nil
	}
}

func header(from, to string, n uint64) Header {
	return Header{From: from, FromName: "Công đoàn " + from, To: to, Number: n, Created: t0, Head: Head{Seq: 3, Hash: strings.Repeat("a", 64)}, Holds: map[string]uint64{to: 7}}
}

func write(t testing.TB, h Header, evs [][]byte, key ed25519.PrivateKey, to age.Recipient) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := Write(&b, h, source(evs), key, to); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// readAll opens, verifies and reads a bundle to its end.
func readAll(file []byte, id age.Identity, pub ed25519.PublicKey) (Manifest, []model.Event, error) {
	r, err := Open(bytes.NewReader(file), id)
	if err != nil {
		return Manifest{}, nil, err
	}
	if err := r.Verify(pub); err != nil {
		return r.Manifest(), nil, err
	}
	var evs []model.Event
	for {
		ev, ok, err := r.Next()
		if err != nil {
			return r.Manifest(), evs, err
		}
		if !ok {
			return r.Manifest(), evs, nil
		}
		evs = append(evs, ev)
	}
}

// encrypt wraps a plaintext in age for id.
func encrypt(t testing.TB, plain []byte, to age.Recipient) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := age.Encrypt(&b, to)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(plain)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// plain builds a plaintext from a manifest (signed with key) and events
// that need not match it.
func plain(t testing.TB, m Manifest, key ed25519.PrivateKey, evs [][]byte) []byte {
	t.Helper()
	mb, sig := signManifest(m, key)
	pl, err := describe(m.From, source(evs))
	if err != nil {
		// foreign events: describe them by hand
		pl = Payload{Name: EventsName, Count: len(evs)}
		for _, e := range evs {
			pl.Bytes += int64(len(e)) + 1
		}
	}
	pl.SHA256 = describeSum(evs)
	var b bytes.Buffer
	if err := writePlain(&b, mb, sig, pl, source(evs)); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func describeSum(evs [][]byte) string {
	var all []byte
	for _, e := range evs {
		all = append(append(all, e...), '\n')
	}
	return hexSum(all)
}

func wantErr(t *testing.T, err, sentinel error, words ...string) {
	t.Helper()
	if !errors.Is(err, sentinel) {
		t.Fatalf("err = %v, want %v", err, sentinel)
	}
	var m *model.Msg
	if !errors.As(err, &m) || m.VI == "" || m.EN == "" {
		t.Fatalf("err %v carries no bilingual message", err)
	}
	for _, w := range words {
		if !strings.Contains(m.VI+"\n"+m.EN, w) {
			t.Errorf("message %q / %q lacks %q", m.VI, m.EN, w)
		}
	}
}

func TestRoundTrip(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	evs := chain("GL07", 50, "")
	file := write(t, header("GL07", "HN01", 3), evs, key, id.Recipient())
	m, got, err := readAll(file, id, key.Public().(ed25519.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	if m.From != "GL07" || m.To != "HN01" || m.Number != 3 || m.Events.Count != 50 || m.Events.First != 1 || m.Events.Last != 50 ||
		m.Holds["HN01"] != 7 || m.Events.Types["person.recorded"] != 50 || !m.Created.Equal(t0) || m.Format != Version {
		t.Fatalf("manifest %+v", m)
	}
	if len(got) != 50 {
		t.Fatalf("%d events", len(got))
	}
	for i := range got {
		b, _ := json.Marshal(got[i])
		if !bytes.Equal(b, evs[i]) {
			t.Fatalf("event %d:\n%s\n%s", i, b, evs[i])
		}
	}
}

func TestEmptyBundleCarriesAcknowledgement(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	file := write(t, header("HN01", "GL07", 1), nil, key, id.Recipient())
	m, got, err := readAll(file, id, key.Public().(ed25519.PublicKey))
	if err != nil || len(got) != 0 || m.Holds["GL07"] != 7 || m.Events.Count != 0 {
		t.Fatalf("%v %d %+v", err, len(got), m)
	}
}

func TestWriteRefusesForeignOrUnorderedEvents(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	var b bytes.Buffer
	if _, err := Write(&b, header("HN01", "GL07", 1), source(chain("GL07", 2, "")), key, id.Recipient()); err == nil {
		t.Fatal("wrote another site's events")
	}
	evs := chain("GL07", 3, "")
	evs[1], evs[2] = evs[2], evs[1]
	if _, err := Write(&b, header("GL07", "HN01", 1), source(evs), key, id.Recipient()); err == nil {
		t.Fatal("wrote events out of order")
	}
	if _, err := Write(&b, header("GL07", "GL07", 1), source(nil), key, id.Recipient()); err == nil {
		t.Fatal("wrote a bundle to its sender")
	}
}

func TestNotABundle(t *testing.T) {
	id := newIdentity(t)
	for _, in := range [][]byte{nil, []byte("hello"), []byte("-----BEGIN AGE ENCRYPTED FILE-----\n"), bytes.Repeat([]byte{0}, 4096)} {
		_, err := Open(bytes.NewReader(in), id)
		wantErr(t, err, ErrNotBundle, "age")
	}
	// Encrypted properly, but not our content.
	_, err := Open(bytes.NewReader(encrypt(t, []byte("just some text"), id.Recipient())), id)
	wantErr(t, err, ErrNotBundle)
}

func TestEncryptedForAnotherSite(t *testing.T) {
	key, id, other := keyFromByte(1), newIdentity(t), newIdentity(t)
	file := write(t, header("GL07", "HN01", 1), chain("GL07", 3, ""), key, other.Recipient())
	_, err := Open(bytes.NewReader(file), id)
	wantErr(t, err, ErrRecipient, "đơn vị khác", "another site")
}

func TestTampered(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	file := write(t, header("GL07", "HN01", 1), chain("GL07", 2000, ""), key, id.Recipient())
	for _, at := range []int{200, len(file) / 2, len(file) - 5} {
		bad := bytes.Clone(file)
		bad[at] ^= 0x40
		_, _, err := readAll(bad, id, key.Public().(ed25519.PublicKey))
		wantErr(t, err, ErrDamaged, "bị hỏng hoặc bị sửa", "damaged or altered")
	}
}

func TestTruncated(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	file := write(t, header("GL07", "HN01", 1), chain("GL07", 2000, ""), key, id.Recipient())
	hdr := bytes.Index(file, []byte("\n---")) // end of the age header
	for _, n := range []int{len(file) - 1, len(file) - 17, len(file) / 2, hdr + 200} {
		_, _, err := readAll(file[:n], id, key.Public().(ed25519.PublicKey))
		if !errors.Is(err, ErrDamaged) {
			t.Fatalf("cut at %d of %d: %v", n, len(file), err)
		}
	}
	// Cut at a chunk boundary: age says "unexpected EOF", we say truncated.
	first := hdr + len("\n--- ") + 43 + 1 + 16 // MAC line, newline, nonce
	_, _, err := readAll(file[:first+64*1024+16], id, key.Public().(ed25519.PublicKey))
	wantErr(t, err, ErrDamaged, "cắt cụt", "truncated")
	// Trailing data after the end.
	_, _, err = readAll(append(bytes.Clone(file), 0), id, key.Public().(ed25519.PublicKey))
	wantErr(t, err, ErrDamaged)
}

func TestResignedByAnotherKey(t *testing.T) {
	pinned, forger, id := keyFromByte(1), keyFromByte(2), newIdentity(t)
	file := write(t, header("GL07", "HN01", 1), chain("GL07", 3, ""), forger, id.Recipient())
	_, _, err := readAll(file, id, pinned.Public().(ed25519.PublicKey))
	wantErr(t, err, ErrSignature, "khóa khác", "another key", KeyID(forger.Public().(ed25519.PublicKey)), KeyID(pinned.Public().(ed25519.PublicKey)))
}

func TestManifestAlteredAfterSigning(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	evs := chain("GL07", 3, "")
	pl, _ := describe("GL07", source(evs))
	m := Manifest{Kind: Kind, Format: 1, From: "GL07", To: "HN01", Number: 1, Created: t0, SignKey: encodeKey(key.Public().(ed25519.PublicKey)), Events: pl}
	mb, sig := signManifest(m, key)
	// Redirect the signed manifest to another site: the forwarding attack.
	mb = bytes.Replace(mb, []byte(`"to": "HN01"`), []byte(`"to": "HN02"`), 1)
	var b bytes.Buffer
	if err := writePlain(&b, mb, sig, pl, source(evs)); err != nil {
		t.Fatal(err)
	}
	r, err := Open(bytes.NewReader(encrypt(t, b.Bytes(), id.Recipient())), id)
	if err != nil {
		t.Fatal(err)
	}
	if r.Manifest().To != "HN02" {
		t.Fatalf("to %q", r.Manifest().To)
	}
	wantErr(t, r.Verify(key.Public().(ed25519.PublicKey)), ErrSignature, "bị sửa", "altered")
	if _, _, err := r.Next(); err == nil {
		t.Fatal("Next after a failed Verify")
	}
}

func TestPayloadDiffersFromSignedChecksum(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	evs := chain("GL07", 5, "")
	pl, _ := describe("GL07", source(evs))
	m := Manifest{Kind: Kind, Format: 1, From: "GL07", To: "HN01", Number: 1, Created: t0, SignKey: encodeKey(key.Public().(ed25519.PublicKey)), Events: pl}
	mb, sig := signManifest(m, key)
	// Same length, one letter changed: only the checksum can tell.
	alt := bytes.Clone(evs[2])
	i := bytes.Index(alt, []byte("Nguy"))
	alt[i] = 'M'
	bad := [][]byte{evs[0], evs[1], alt, evs[3], evs[4]}
	pl2 := pl
	pl2.SHA256 = describeSum(bad)
	var b bytes.Buffer
	if err := writePlain(&b, mb, sig, pl2, source(bad)); err != nil {
		t.Fatal(err)
	}
	r, err := Open(bytes.NewReader(encrypt(t, b.Bytes(), id.Recipient())), id)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Verify(key.Public().(ed25519.PublicKey)); err != nil {
		t.Fatal(err)
	}
	n := 0
	for {
		_, ok, err := r.Next()
		if err != nil {
			wantErr(t, err, ErrChecksum, "Tổng kiểm tra", "checksum")
			break
		}
		if !ok {
			t.Fatal("altered payload read to its end without error")
		}
		n++
	}
	if n != 5 {
		t.Fatalf("the error came after %d events, want at the end (5)", n)
	}
}

func TestNewerFormatVersion(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	m := Manifest{Kind: Kind, Format: Version + 1, From: "GL07", To: "HN01", Number: 1, Created: t0, SignKey: encodeKey(key.Public().(ed25519.PublicKey)),
		Events: Payload{Name: EventsName, SHA256: describeSum(nil)}}
	_, err := Open(bytes.NewReader(encrypt(t, plain(t, m, key, nil), id.Recipient())), id)
	wantErr(t, err, ErrVersion, "mới hơn", "newer", "cập nhật")
}

func TestForeignEventInBundle(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	evs := chain("GL08", 2, "")
	m := Manifest{Kind: Kind, Format: 1, From: "GL07", To: "HN01", Number: 1, Created: t0, SignKey: encodeKey(key.Public().(ed25519.PublicKey)),
		Events: Payload{Name: EventsName, Count: 2, First: 1, Last: 2}}
	for _, e := range evs {
		m.Events.Bytes += int64(len(e)) + 1
	}
	m.Events.SHA256 = describeSum(evs)
	_, _, err := readAll(encrypt(t, plain(t, m, key, evs), id.Recipient()), id, key.Public().(ed25519.PublicKey))
	wantErr(t, err, ErrContent, "GL08/1")
}

func TestFileName(t *testing.T) {
	got := FileName("GL07", "HN01", time.Date(2026, 3, 1, 20, 0, 0, 0, time.UTC), 3)
	if got != "donthu-GL07-to-HN01-2026-03-02-0003.age" {
		t.Fatal(got)
	}
}

func TestCardFingerprint(t *testing.T) {
	id := newIdentity(t)
	c := NewCard("GL07", "Công đoàn GL07", "HN01", keyFromByte(1).Public().(ed25519.PublicKey), id.Recipient(), t0)
	back, err := ParseCard(c.Marshal())
	if err != nil || !back.SameKeys(c) || back.Fingerprint() != c.Fingerprint() {
		t.Fatalf("%v %+v", err, back)
	}
	fp := c.Fingerprint()
	if len(fp) != 29 || strings.Count(fp, " ") != 5 || strings.Trim(fp, "0123456789 ") != "" {
		t.Fatalf("fingerprint %q", fp)
	}
	c2 := c
	c2.Name, c2.Parent = "Tên mới", "HN02"
	if c2.Fingerprint() != fp {
		t.Fatal("fingerprint covers the name")
	}
	c2.SignKey = encodeKey(keyFromByte(2).Public().(ed25519.PublicKey))
	if c2.Fingerprint() == fp {
		t.Fatal("fingerprint ignores the key")
	}
	for _, bad := range []string{`{}`, `{"kind":"donthu-key-card","format":1,"site":"gl07"}`, `not json`} {
		if _, err := ParseCard([]byte(bad)); !errors.Is(err, ErrCard) {
			t.Fatalf("%s: %v", bad, err)
		}
	}
}

// TestStandardToolsOpenIt decrypts with the age library (as `age -d`
// would) and lists the plaintext with the system's tar.
func TestStandardToolsOpenIt(t *testing.T) {
	tarBin, err := exec.LookPath("tar")
	if err != nil {
		t.Skip("no tar")
	}
	key, id := keyFromByte(1), newIdentity(t)
	evs := chain("GL07", 10, "")
	file := write(t, header("GL07", "HN01", 1), evs, key, id.Recipient())
	pr, err := age.Decrypt(bytes.NewReader(file), id)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cmd := exec.Command(tarBin, "-xzf", "-", "-C", dir)
	cmd.Stdin = pr
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tar: %v %s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, EventsName))
	if err != nil {
		t.Fatal(err)
	}
	if want := bytes.Join(evs, []byte("\n")); !bytes.Equal(got, append(want, '\n')) {
		t.Fatal("events.jsonl differs")
	}
	mb, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	var m Manifest
	if err := json.Unmarshal(mb, &m); err != nil || m.From != "GL07" {
		t.Fatalf("manifest: %v %s", err, mb)
	}
	if _, err := io.ReadAll(pr); err != nil {
		t.Fatal(err)
	}
}

// The first pass reads site, seq and type without decoding the event in
// full; what it reads must be what a full decode reads, and anything it
// is not sure of goes to the full decode.
func TestCanonicalHead(t *testing.T) {
	for _, tc := range []struct {
		line string
		ok   bool
	}{
		{`{"site":"GL07","seq":12,"clock":1772000000000,"at":"2026-03-02T08:15:00Z","author":"lan","entity":"person:GL07.1","type":"person.recorded","prev":"ab","data":{"x":1}}`, true},
		{`{"site":"GL07","seq":1,"clock":-5,"at":"0001-01-01T00:00:00Z","author":"a\"b","entity":"c\\d","type":"case.merged","prev":""}`, true},
		{`{"site":"GL\u0030","seq":1,"clock":0,"at":"","author":"","entity":"","type":"t","prev":""}`, false},
		{`{"site":"GL07","seq":01,"clock":0,"at":"","author":"","entity":"","type":"t","prev":""}`, false},
		{`{"seq":1,"site":"GL07","clock":0,"at":"","author":"","entity":"","type":"t","prev":""}`, false},
		{`{"site":"GL07","seq":1,"clock":0,"at":"","author":"","entity":"","type":"t\n","prev":""}`, false},
		{`{"site":"GL07","seq":18446744073709551616,"clock":0,"at":"","author":"","entity":"","type":"t"}`, false},
		{`{"site":"GL07","seq":3`, false},
	} {
		site, seq, typ, ok := canonicalHead([]byte(tc.line))
		if ok != tc.ok {
			t.Fatalf("%s: ok %v", tc.line, ok)
		}
		if !ok {
			continue
		}
		var ev struct {
			Site string `json:"site"`
			Seq  uint64 `json:"seq"`
			Type string `json:"type"`
		}
		if err := json.Unmarshal([]byte(tc.line), &ev); err != nil {
			t.Fatal(err)
		}
		if string(site) != ev.Site || seq != ev.Seq || string(typ) != ev.Type {
			t.Fatalf("%s: read %s %d %s, decoded %+v", tc.line, site, seq, typ, ev)
		}
	}
}

// An event line is read by the quick parser exactly as encoding/json
// reads it, or left to encoding/json.
func TestParseEvent(t *testing.T) {
	at := time.Date(2026, 3, 2, 8, 15, 0, 123456789, time.UTC)
	evs := []model.Event{
		{Site: "GL07", Seq: 1, Clock: at.UnixMilli(), At: at, Author: "lan", Entity: "person:GL07.1", Type: model.EvPersonRecorded,
			Prev: "", Data: json.RawMessage(`{"name":"Nguyễn Văn An","n":[1,2.5,{"x":null}]}`)},
		{Site: "GL07", Seq: 2, Clock: -3, At: at.In(time.FixedZone("", 7*3600)), Author: "Lan", Entity: "case:GL07.9",
			Type: "case.merged", Base: "GL07/1", To: "CS001", Prev: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"},
		{Site: "HN01", Seq: 7, Entity: "site:HN01", Type: model.EvSiteCreated, Prev: "x", Data: json.RawMessage(`null`)},
		{Site: "HN01", Seq: 8, Author: `a"b`, Entity: "e", Type: "t", Prev: "p"},
	}
	var lines []string
	for _, e := range evs {
		b, _ := json.Marshal(&e)
		lines = append(lines, string(b))
	}
	lines = append(lines,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","prev":"","data":{"a":1}} `,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","prev":"","data":{"a":}}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"\xff","entity":"e","type":"t","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02 08:15:00","author":"a","entity":"e","type":"t","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","prev":"","extra":1}`,
		// Read by the quick parser, but not as json.Marshal writes them:
		// their hash is not the line's.
		`{"site":"GL07","seq":1,"clock":-0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00.500Z","author":"a","entity":"e","type":"t","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00+00:00","author":"a","entity":"e","type":"t","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a<b","entity":"e","type":"t","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a b","entity":"e","type":"t","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","base":"","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","to":"","prev":""}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","prev":"","data":{"a":"x&y"}}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","prev":"","data":{"a":"x`+" "+`y"}}`,
		`{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","prev":"","data":{"a": 1}}`,
	)
	for _, l := range lines {
		var fast, slow model.Event
		ok, canon := parseEvent([]byte(l), &fast)
		err := json.Unmarshal([]byte(l), &slow)
		if !ok {
			continue
		}
		if m, _ := json.Marshal(&fast); canon && string(m) != l {
			t.Fatalf("%s: taken as canonical, but json.Marshal writes\n%s", l, m)
		}
		if err != nil {
			t.Fatalf("%s: parsed, but encoding/json refuses it: %v", l, err)
		}
		a, _ := json.Marshal(&fast)
		b, _ := json.Marshal(&slow)
		if string(a) != string(b) || !fast.At.Equal(slow.At) || fast.At.Location().String() != slow.At.Location().String() {
			t.Fatalf("%s:\nquick %s\nfull  %s", l, a, b)
		}
	}
	// The others read quickly are not taken as canonical.
	for _, l := range lines[len(lines)-10:] {
		var e model.Event
		if ok, canon := parseEvent([]byte(l), &e); !ok || canon {
			t.Fatalf("parsed %v, canonical %v (want true, false): %s", ok, canon, l)
		}
	}
	// The canonical lines are all taken by the quick parser, as
	// canonical: their hash is the line's.
	for _, l := range lines[:3] {
		var e model.Event
		if ok, canon := parseEvent([]byte(l), &e); !ok || !canon {
			t.Fatalf("not parsed (%v) or not canonical (%v): %s", ok, canon, l)
		}
	}
}

// fullAfter is a stick that fills up after n bytes.
type fullAfter struct {
	n   int
	err error
}

func (w *fullAfter) Write(p []byte) (int, error) {
	if len(p) > w.n {
		k := w.n
		w.n = 0
		return k, w.err
	}
	w.n -= len(p)
	return len(p), nil
}

// The events are compressed and encrypted on a goroutine of their own, a
// chunk at a time: a bundle of many chunks reads back event for event,
// and a stick that fills part-way fails the write with its own error,
// and stops the reading of events soon after.
func TestWriteInChunksStopsOnAFullStick(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	evs := chain("GL07", 3000, "")
	var size int
	for _, e := range evs {
		size += len(e) + 1
	}
	if size < 4*asyncChunk {
		t.Fatalf("%d bytes of events: fewer than four chunks", size)
	}
	file := write(t, header("GL07", "HN01", 1), evs, key, id.Recipient())
	_, got, err := readAll(file, id, key.Public().(ed25519.PublicKey))
	if err != nil || len(got) != len(evs) {
		t.Fatalf("%d of %d events read back: %v", len(got), len(evs), err)
	}
	for _, i := range []int{0, 1234, len(evs) - 1} {
		if b, _ := json.Marshal(got[i]); !bytes.Equal(b, evs[i]) {
			t.Fatalf("event %d:\n%s\n%s", i, b, evs[i])
		}
	}
	full := errors.New("no space left on device")
	read := 0
	src := func(yield func([]byte) error) error {
		for _, e := range evs {
			read++
			if err := yield(e); err != nil {
				return err
			}
		}
		return nil
	}
	_, err = Write(&fullAfter{n: 4 << 10, err: full}, header("GL07", "HN01", 2), src, key, id.Recipient())
	if !errors.Is(err, full) {
		t.Fatalf("err = %v, want the stick's own", err)
	}
	if read >= 2*len(evs) {
		t.Fatalf("read all %d events twice over a full stick", len(evs))
	}
}

// A panic while the events are read for the second pass (a fault on a
// damaged page, turned into an error further up) does not leave the
// compressing goroutine waiting for the rest of the session.
func TestWriterGoroutineEndsOnAPanic(t *testing.T) {
	key, id := keyFromByte(1), newIdentity(t)
	evs := chain("GL07", 2000, "")
	before := runtime.NumGoroutine()
	passes := 0
	src := func(yield func([]byte) error) error {
		passes++
		for i, e := range evs {
			if passes == 2 && i == 1500 {
				panic("a fault on a damaged page")
			}
			if err := yield(e); err != nil {
				return err
			}
		}
		return nil
	}
	func() {
		defer func() { recover() }()
		Write(io.Discard, header("GL07", "HN01", 1), src, key, id.Recipient())
	}()
	if passes != 2 {
		t.Fatalf("%d passes", passes)
	}
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%d goroutines after the panic, %d before", runtime.NumGoroutine(), before)
}
