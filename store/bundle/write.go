package bundle

import (
	"archive/tar"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"sync/atomic"
	"time"

	"filippo.io/age"
	"github.com/klauspost/compress/gzip"
)

// Header is what the sender says about a bundle; Write adds the payload's
// description and signs the whole.
type Header struct {
	From, FromName, To string
	Number             uint64
	Created            time.Time
	Head               Head
	Holds              map[string]uint64
	Since              uint64 // see Manifest.Since
	Copy, Answers      string // see Manifest.Copy and Manifest.Answers
	Whole, Fork        uint64 // see Manifest.Whole and Manifest.Fork
	// Returned, if not nil, yields events of the receiver (To) that the
	// sender gives back, as Events does.
	Returned Events
}

// Events yields a bundle's events in increasing seq, each as its JSON
// encoding on one line (no newline). Write calls it twice and both calls
// must yield the same bytes: the first pass computes the checksum the
// signed manifest carries at the front of the file, the second writes the
// events behind it. So nothing is held in memory but one event at a time.
// The slice passed to yield is only read during the call.
type Events func(yield func(raw []byte) error) error

// Write writes one bundle to w: the events of src, described by h, signed
// with key and encrypted to the receiver's age recipient. It returns the
// manifest it wrote. On error, what was written to w is garbage.
func Write(w io.Writer, h Header, src Events, key ed25519.PrivateKey, to age.Recipient) (Manifest, error) {
	m, mb, sig, err := prepare(h, src, key)
	if err != nil {
		return m, err
	}
	aw, err := age.Encrypt(w, to)
	if err != nil {
		return m, err
	}
	var ret []section
	if m.Returned != nil {
		ret = append(ret, section{*m.Returned, h.Returned})
	}
	if err := writePlain(aw, mb, sig, m.Events, src, ret...); err != nil {
		return m, err
	}
	return m, aw.Close()
}

// prepare is the first pass: it describes the payload, then builds and
// signs the manifest.
func prepare(h Header, src Events, key ed25519.PrivateKey) (m Manifest, mb, sig []byte, err error) {
	m = Manifest{
		Kind: Kind, Format: Version, From: h.From, FromName: h.FromName, To: h.To,
		Number: h.Number, Created: h.Created.UTC(), Head: h.Head, Holds: h.Holds, Since: h.Since,
		Copy: h.Copy, Answers: h.Answers, Whole: h.Whole, Fork: h.Fork,
		SignKey: encodeKey(key.Public().(ed25519.PublicKey)),
	}
	if m.Holds == nil {
		m.Holds = map[string]uint64{}
	}
	if m.Events, err = describe(h.From, src); err != nil {
		return m, nil, nil, err
	}
	if h.Returned != nil {
		ret, err := describe(h.To, h.Returned)
		if err != nil {
			return m, nil, nil, err
		}
		if ret.Count > 0 {
			ret.Name = ReturnedName
			m.Returned = &ret
		}
	}
	if e := m.check(); e != nil {
		return m, nil, nil, fmt.Errorf("bundle: refusing to write an invalid manifest: %w", e)
	}
	mb, sig = signManifest(m, key)
	return m, mb, sig, nil
}

// signManifest encodes a manifest and signs its bytes.
func signManifest(m Manifest, key ed25519.PrivateKey) (mb, sig []byte) {
	mb, _ = json.MarshalIndent(m, "", "  ")
	mb = append(mb, '\n')
	sig = []byte(base64.StdEncoding.EncodeToString(ed25519.Sign(key, signed(mb))) + "\n")
	return mb, sig
}

// section is one more entry of events after the first.
type section struct {
	pl  Payload
	src Events
}

// writePlain writes the plaintext: a gzip-compressed tar of the manifest,
// its signature, the events, and any further sections (the returned
// events), each of which must match its payload.
func writePlain(w io.Writer, mb, sig []byte, pl Payload, src Events, more ...section) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(gz)
	var mod time.Time
	var m struct {
		Created time.Time `json:"created"`
	}
	if json.Unmarshal(mb, &m) == nil {
		mod = m.Created.Truncate(time.Second)
	}
	put := func(name string, b []byte, size int64) error {
		err := tw.WriteHeader(&tar.Header{
			Typeflag: tar.TypeReg, Name: name, Size: size, Mode: 0o644,
			ModTime: mod, Uname: "donthu", Gname: "donthu",
		})
		if err == nil && b != nil {
			_, err = tw.Write(b)
		}
		return err
	}
	if err := put(ManifestName, mb, int64(len(mb))); err != nil {
		return err
	}
	if err := put(SigName, sig, int64(len(sig))); err != nil {
		return err
	}
	entry := func(pl Payload, src Events) error {
		if err := put(pl.Name, nil, pl.Bytes); err != nil {
			return err
		}
		sum := sha256.New()
		bw := newAsyncWriter(io.MultiWriter(tw, sum))
		defer bw.close() // also if src panics: the writer's goroutine must end
		var n int
		err := src(func(raw []byte) error {
			n++
			return bw.write(raw, '\n')
		})
		if cerr := bw.close(); cerr != nil {
			err = cerr // the writer's own error, not the stop it caused
		}
		if err != nil {
			return err
		}
		if n != pl.Count || hex.EncodeToString(sum.Sum(nil)) != pl.SHA256 {
			return fmt.Errorf("bundle: the events changed between the two passes (%d then %d)", pl.Count, n)
		}
		return nil
	}
	if err := entry(pl, src); err != nil {
		return err
	}
	for _, sec := range more {
		if err := entry(sec.pl, sec.src); err != nil {
			return err
		}
	}
	if err := tw.Close(); err != nil {
		return err
	}
	return gz.Close()
}

// asyncWriter writes to w on a goroutine of its own, in chunks: reading
// events out of the file and compressing and encrypting them then take
// a core each (a whole history is a million events).
type asyncWriter struct {
	full, free chan []byte
	done       chan error
	cur        []byte
	failed     atomic.Bool // w returned an error: stop early
	err        error       // once closed, the first error of w
}

const asyncChunk = 128 << 10

func newAsyncWriter(w io.Writer) *asyncWriter {
	a := &asyncWriter{full: make(chan []byte, 2), free: make(chan []byte, 3), done: make(chan error, 1)}
	for range 2 {
		a.free <- make([]byte, 0, asyncChunk+4096)
	}
	a.cur = make([]byte, 0, asyncChunk+4096)
	go func() {
		var err error
		for b := range a.full {
			if err == nil {
				if _, err = w.Write(b); err != nil {
					a.failed.Store(true)
				}
			}
			a.free <- b[:0]
		}
		a.done <- err
	}()
	return a
}

// write appends p and the byte end.
func (a *asyncWriter) write(p []byte, end byte) error {
	if a.failed.Load() {
		return errors.New("bundle: writing failed")
	}
	a.cur = append(append(a.cur, p...), end)
	if len(a.cur) >= asyncChunk {
		a.full <- a.cur
		a.cur = <-a.free
	}
	return nil
}

// close writes what is left and returns the first error of w; closed
// again, it returns that error.
func (a *asyncWriter) close() error {
	if a.full == nil {
		return a.err
	}
	if len(a.cur) > 0 {
		a.full <- a.cur
	}
	close(a.full)
	a.full, a.err = nil, <-a.done
	return a.err
}

// describe is Write's first pass: it checks every event is the sender's,
// in increasing seq, and counts and hashes them as they will be written.
func describe(from string, src Events) (Payload, error) {
	pl := Payload{Name: EventsName, Types: map[string]int{}}
	sum := sha256.New()
	var ev struct {
		Site string `json:"site"`
		Seq  uint64 `json:"seq"`
		Type string `json:"type"`
	}
	var lastType string
	err := src(func(raw []byte) error {
		ev.Site, ev.Seq, ev.Type = "", 0, ""
		if bytes.IndexByte(raw, '\n') >= 0 {
			return fmt.Errorf("bundle: an event spans lines")
		}
		if site, seq, typ, ok := canonicalHead(raw); ok {
			// Without decoding the whole event: a million of them cost
			// seconds through encoding/json.
			if ev.Site = from; string(site) != from {
				ev.Site = string(site)
			}
			ev.Seq = seq
			if ev.Type = lastType; string(typ) != lastType {
				ev.Type = string(typ)
				lastType = ev.Type
			}
		} else if err := json.Unmarshal(raw, &ev); err != nil {
			return fmt.Errorf("bundle: event %d: %w", pl.Count+1, err)
		}
		if ev.Site != from {
			return fmt.Errorf("bundle: event %s/%d is not the sender's (%s)", ev.Site, ev.Seq, from)
		}
		if ev.Seq <= pl.Last {
			return fmt.Errorf("bundle: event %s/%d is out of order", ev.Site, ev.Seq)
		}
		if pl.Count == 0 {
			pl.First = ev.Seq
		}
		pl.Last = ev.Seq
		pl.Count++
		pl.Types[ev.Type]++
		pl.Bytes += int64(len(raw)) + 1
		sum.Write(raw)
		sum.Write([]byte{'\n'})
		return nil
	})
	pl.SHA256 = hex.EncodeToString(sum.Sum(nil))
	return pl, err
}

// canonicalHead reads the site, seq and type of an event's JSON as
// donthu writes it (the fields in the order of model.Event, strings
// without escapes where they are read). ok is false for anything else,
// which is then decoded in full.
func canonicalHead(raw []byte) (site []byte, seq uint64, typ []byte, ok bool) {
	p := raw
	lit := func(s string) bool {
		if !bytes.HasPrefix(p, []byte(s)) {
			return false
		}
		p = p[len(s):]
		return true
	}
	// str reads a string's content after its opening quote, with plain
	// set when it has no escape.
	str := func() (v []byte, plain bool) {
		plain = true
		for i := 0; i < len(p); i++ {
			switch p[i] {
			case '\\':
				plain = false
				i++
			case '"':
				v, p = p[:i], p[i+1:]
				return v, plain
			}
		}
		p = nil
		return nil, false
	}
	num := func() (uint64, bool) {
		i := 0
		if len(p) > 0 && p[0] == '-' {
			i++
		}
		j := i
		for j < len(p) && '0' <= p[j] && p[j] <= '9' {
			j++
		}
		if j == i || j-i > 19 || p[i] == '0' && j-i > 1 {
			return 0, false
		}
		n, err := strconv.ParseUint(string(p[i:j]), 10, 64)
		neg := i == 1
		p = p[j:]
		return n, err == nil && !neg
	}
	var plain bool
	if !lit(`{"site":"`) {
		return
	}
	if site, plain = str(); !plain || !lit(`,"seq":`) {
		return
	}
	if seq, ok = num(); !ok {
		return
	}
	ok = false
	if !lit(`,"clock":`) {
		return
	}
	if len(p) > 0 && p[0] == '-' {
		p = p[1:]
	}
	if _, okc := num(); !okc {
		return
	}
	for _, f := range []string{`,"at":"`, `,"author":"`, `,"entity":"`} {
		if !lit(f) {
			return
		}
		if _, _ = str(); p == nil {
			return
		}
	}
	if !lit(`,"type":"`) {
		return
	}
	if typ, plain = str(); !plain {
		return
	}
	return site, seq, typ, true
}

func hexSum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
