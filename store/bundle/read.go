package bundle

import (
	"archive/tar"
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"hash"
	"io"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"donthu/model"

	"filippo.io/age"
	"github.com/klauspost/compress/gzip"
)

const ageMagic = "age-encryption.org/v1\n"

// Reader reads one bundle: Open decrypts it and reads the manifest; the
// caller checks the sender and recipient, calls Verify with the sender's
// pinned key, then calls Next until it reports the end. Only that last
// call has checked the payload's size, count and checksum and read the
// file to its authenticated end, so a caller applies events in a
// transaction it commits only after Next returned ok=false and no error.
type Reader struct {
	m        Manifest
	raw, sig []byte
	src      *tracked
	gz       *gzip.Reader
	tr       *tar.Reader
	verified bool
	inspect  bool

	lines *bufio.Reader
	sec   int // 0: the sender's events; 1: the receiver's, returned
	sum   hash.Hash
	buf   []byte
	// lineSum is the SHA-256 of the line the event last given was read
	// from, if that line is the event's canonical JSON (canon).
	lineSum [32]byte
	canon   bool
	n       int
	last    uint64
	done    bool
	err     error
}

// Open decrypts a bundle with the receiver's identity and reads its
// manifest. The manifest is not yet verified: call Verify.
func Open(r io.Reader, id ...age.Identity) (*Reader, error) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(len(ageMagic))
	if string(head) != ageMagic {
		return nil, Errf(ErrNotBundle, "Tệp này không phải gói dữ liệu donthu (không phải tệp mã hóa bằng age).",
			"This file is not a donthu bundle (it is not an age-encrypted file).")
	}
	ar, err := age.Decrypt(br, id...)
	if err != nil {
		var nm *age.NoIdentityMatchError
		if errors.As(err, &nm) {
			return nil, Errf(ErrRecipient, "Gói này được mã hóa cho một đơn vị khác: khóa của đơn vị này không mở được.",
				"This bundle is encrypted for another site: this site's key cannot open it.")
		}
		return nil, damaged(err)
	}
	return openPlain(ar)
}

// openPlain reads the manifest from the decrypted stream.
func openPlain(plain io.Reader) (*Reader, error) {
	r := &Reader{src: &tracked{r: plain}}
	gz, err := gzip.NewReader(r.src)
	if err != nil {
		return nil, r.classify(err)
	}
	r.gz = gz
	r.tr = tar.NewReader(gz)
	if r.raw, err = r.entry(ManifestName, maxManifest); err != nil {
		return nil, err
	}
	sig, err := r.entry(SigName, maxSig)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(r.raw, &r.m); err != nil {
		return nil, Errf(ErrNotBundle, "Phần kê khai của gói không đọc được (%v).", "The bundle's manifest is unreadable (%v).", err)
	}
	if e := r.m.check(); e != nil {
		return nil, e
	}
	r.sig, err = base64.StdEncoding.DecodeString(string(bytes.TrimSpace(sig)))
	if err != nil || len(r.sig) != ed25519.SignatureSize {
		return nil, Errf(ErrSignature, "Chữ ký của gói không đọc được: gói đã bị sửa hoặc hỏng.",
			"The bundle's signature is unreadable: the bundle was altered or damaged.")
	}
	return r, nil
}

// Manifest returns the manifest as read (verified only after Verify).
func (r *Reader) Manifest() Manifest { return r.m }

// ManifestJSON returns the manifest's exact bytes, as signed.
func (r *Reader) ManifestJSON() []byte { return r.raw }

// Verify checks the manifest's signature with the sender's pinned key.
func (r *Reader) Verify(pub ed25519.PublicKey) error {
	if len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, signed(r.raw), r.sig) {
		r.verified = true
		return nil
	}
	if r.m.SignKey != encodeKey(pub) {
		other := "?"
		if k, ok := decodeKey(r.m.SignKey); ok {
			other = KeyID(k)
		}
		return Errf(ErrSignature, "Gói được ký bằng một khóa khác (mã khóa %s), không phải khóa đã ghim của đơn vị %s (mã khóa %s): có thể là gói giả mạo. Nếu %s đã đổi khóa, quản trị viên cần xác nhận thẻ khóa mới (donthu peer add --replace).",
			"The bundle is signed with another key (key id %s), not the key pinned for site %s (key id %s): it may be forged. If %s has changed its keys, an administrator must confirm its new key card (donthu peer add --replace).",
			other, r.m.From, KeyID(pub), r.m.From)
	}
	return Errf(ErrSignature, "Chữ ký của gói không khớp: phần kê khai đã bị sửa sau khi ký.",
		"The bundle's signature does not match: its manifest was altered after signing.")
}

// Verified reports whether Verify succeeded.
func (r *Reader) Verified() bool { return r.verified }

// AllowUnverified lets Next read the events without a verified signature,
// to show what an unverifiable bundle holds (bundle inspect). An importer
// never calls it.
func (r *Reader) AllowUnverified() { r.inspect = true }

// Next returns the next event. At the end it returns ok=false and nil
// only if the payload matched the signed manifest in size, count and
// checksum and the file was read to its authenticated end; any error
// means the whole bundle must be refused.
func (r *Reader) Next() (model.Event, bool, error) {
	var ev model.Event
	if r.err != nil || r.done {
		return ev, false, r.err
	}
	if !r.verified && !r.inspect {
		r.err = errors.New("bundle: Next called before Verify")
		return ev, false, r.err
	}
	pl, site := &r.m.Events, r.m.From
	if r.sec == 1 {
		pl, site = r.m.Returned, r.m.To
	}
	if r.lines == nil {
		hdr, err := r.tr.Next()
		if err != nil {
			return r.fail(r.classify(err))
		}
		if hdr.Name != pl.Name || hdr.Typeflag != tar.TypeReg {
			return r.fail(Errf(ErrNotBundle, "Gói thiếu phần %s (gặp %q).", "The bundle lacks its %s entry (found %q).", pl.Name, hdr.Name))
		}
		if hdr.Size != pl.Bytes {
			return r.fail(Errf(ErrChecksum, "Phần dữ liệu của gói dài %d byte, khác với %d byte ghi trong phần kê khai đã ký: gói đã bị sửa.",
				"The bundle's data is %d bytes, not the %d bytes its signed manifest says: the bundle was altered.", hdr.Size, pl.Bytes))
		}
		r.sum = sha256.New()
		r.n, r.last = 0, 0
		r.lines = bufio.NewReaderSize(io.TeeReader(r.tr, r.sum), 64<<10)
	}
	line, err := r.readLine()
	switch {
	case err == io.EOF && len(line) == 0:
		if err := r.endSection(pl); err != nil {
			return r.fail(err)
		}
		if r.sec == 0 && r.m.Returned != nil {
			r.sec, r.lines = 1, nil
			return r.Next()
		}
		return r.finish()
	case err == io.EOF:
		return r.fail(Errf(ErrContent, "Dòng cuối của dữ liệu trong gói bị thiếu (không có dấu xuống dòng).", "The last line of the bundle's data is incomplete (no newline)."))
	case err != nil:
		return r.fail(r.classify(err))
	}
	r.n++
	if r.n > pl.Count {
		return r.fail(Errf(ErrChecksum, "Gói có nhiều sự kiện hơn số %d ghi trong phần kê khai đã ký: gói đã bị sửa.",
			"The bundle holds more events than the %d its signed manifest says: the bundle was altered.", pl.Count))
	}
	text := bytes.TrimSuffix(line, []byte{'\n'})
	ok, canon := parseEvent(text, &ev)
	if r.canon = canon; canon {
		r.lineSum = sha256.Sum256(text)
	}
	if !ok {
		if err := json.Unmarshal(line, &ev); err != nil {
			return r.fail(Errf(ErrContent, "Dòng %d của dữ liệu trong gói không phải một sự kiện hợp lệ.", "Line %d of the bundle's data is not a valid event.", r.n))
		}
	}
	if ev.Site != site {
		if r.sec == 1 {
			return r.fail(Errf(ErrContent, "Phần trả lại của gói từ %s chứa sự kiện %s không phải của đơn vị nhận (%s).",
				"The returned part of the bundle from %s holds event %s that is not the receiver's (%s).", r.m.From, ev.Key(), r.m.To))
		}
		return r.fail(Errf(ErrContent, "Gói từ đơn vị %s chứa sự kiện %s của đơn vị khác: mỗi đơn vị chỉ gửi dữ liệu của chính mình.",
			"The bundle from %s holds event %s of another site: a site only sends its own data.", r.m.From, ev.Key()))
	}
	if ev.Seq <= r.last || ev.Seq < pl.First || ev.Seq > pl.Last {
		return r.fail(Errf(ErrContent, "Sự kiện %s trong gói sai thứ tự hoặc nằm ngoài khoảng %d–%d ghi trong phần kê khai.",
			"Event %s in the bundle is out of order or outside the range %d–%d its manifest says.", ev.Key(), pl.First, pl.Last))
	}
	r.last = ev.Seq
	return ev, true, nil
}

func (r *Reader) fail(err error) (model.Event, bool, error) {
	r.err = err
	return model.Event{}, false, err
}

// finish checks the payload against the manifest and reads to the end.
func (r *Reader) finish() (model.Event, bool, error) {
	hdr, err := r.tr.Next()
	if err == nil {
		return r.fail(Errf(ErrNotBundle, "Gói có phần lạ %q sau dữ liệu.", "The bundle has an unexpected entry %q after its data.", hdr.Name))
	}
	if err != io.EOF {
		return r.fail(r.classify(err))
	}
	// Read to the end, so the age layer authenticates the final chunk
	// and refuses anything after it.
	if _, err := io.Copy(io.Discard, r.gz); err != nil {
		return r.fail(r.classify(err))
	}
	if n, err := r.src.Read(make([]byte, 1)); n != 0 || err != io.EOF {
		return r.fail(r.classify(errors.New("data after the end of the bundle")))
	}
	r.done = true
	return model.Event{}, false, nil
}

// endSection checks one entry of events against its signed payload.
func (r *Reader) endSection(pl *Payload) error {
	if r.n != pl.Count || hex.EncodeToString(r.sum.Sum(nil)) != pl.SHA256 || r.last != pl.Last {
		return Errf(ErrChecksum, "Tổng kiểm tra dữ liệu của gói không khớp với phần kê khai đã ký: nội dung đã bị sửa hoặc hỏng.",
			"The checksum of the bundle's data does not match its signed manifest: the content was altered or damaged.")
	}
	return nil
}

// readLine reads one line, newline included, of at most maxLine bytes.
func (r *Reader) readLine() ([]byte, error) {
	r.buf = r.buf[:0]
	for {
		frag, err := r.lines.ReadSlice('\n')
		r.buf = append(r.buf, frag...)
		if len(r.buf) > maxLine {
			return nil, Errf(ErrContent, "Gói có một sự kiện dài quá %d MB.", "The bundle holds an event longer than %d MB.", maxLine>>20)
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		return r.buf, err
	}
}

// entry reads the next tar entry, which must be name and at most max bytes.
func (r *Reader) entry(name string, max int64) ([]byte, error) {
	hdr, err := r.tr.Next()
	if err != nil {
		return nil, r.classify(err)
	}
	if hdr.Name != name || hdr.Typeflag != tar.TypeReg || hdr.Size > max || hdr.Size < 0 {
		return nil, Errf(ErrNotBundle, "Gói không có phần %s ở đúng chỗ (gặp %q).", "The bundle lacks its %s entry where expected (found %q).", name, hdr.Name)
	}
	b, err := io.ReadAll(r.tr)
	if err != nil {
		return nil, r.classify(err)
	}
	return b, nil
}

// classify turns an error met while reading the plaintext into a refusal:
// the decryption layer's own errors mean damage or tampering; anything
// else means the content, though authentic to age, is not a bundle.
func (r *Reader) classify(err error) error {
	if model.MsgOf(err) != nil {
		return err
	}
	if r.src.err != nil {
		return damaged(r.src.err)
	}
	return Errf(ErrNotBundle, "Tệp giải mã được nhưng nội dung bên trong không đọc được như một gói donthu (%v).",
		"The file decrypts, but its content cannot be read as a donthu bundle (%v).", err)
}

func damaged(err error) *model.Msg {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return Errf(ErrDamaged, "Gói bị cắt cụt: tệp chưa được chép trọn vẹn. Hãy chép lại tệp từ nơi gửi.",
			"The bundle is truncated: the file was not copied in full. Copy it again from the sender.")
	}
	return Errf(ErrDamaged, "Gói bị hỏng hoặc bị sửa: không giải mã trọn vẹn được (%v). Hãy chép lại tệp từ nơi gửi.",
		"The bundle is damaged or altered: it does not decrypt in full (%v). Copy it again from the sender.", err)
}

// tracked remembers the first error of the decryption layer.
type tracked struct {
	r   io.Reader
	err error
}

func (t *tracked) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	if err != nil && err != io.EOF && t.err == nil {
		t.err = err
	}
	return n, err
}

// LineSum returns the SHA-256 of the line the event last given by Next
// was read from, when that line is exactly the event's canonical JSON:
// its hash (model.Event.Hash), without writing the JSON again. ok is
// false for a line in any other form (a bundle not written by donthu),
// whose event is then hashed as it is.
func (r *Reader) LineSum() (sum [32]byte, ok bool) { return r.lineSum, r.canon }

// parseEvent reads an event line as donthu writes it (model.Event's
// fields in order, strings without escapes or control bytes, valid
// UTF-8) into ev, exactly as encoding/json would, in a fraction of the
// time: a parent's first import reads a million of them. It returns
// false, with ev unusable, for any other line, which is then decoded
// by encoding/json. canon says whether the line is also exactly what
// json.Marshal writes of ev (no field left empty that it leaves out,
// the time and the numbers in its one form, nothing it escapes), so
// that ev's hash is the line's.
func parseEvent(line []byte, ev *model.Event) (ok, canon bool) {
	*ev = model.Event{}
	canon = true
	c := scanner{p: line}
	type span struct{ from, to int }
	var sp [7]span // site author entity type base to prev
	str := func(i int) bool {
		from := len(line) - len(c.p)
		v, plain := c.str()
		if !plain {
			return false
		}
		for _, b := range v {
			if b < 0x20 {
				return false
			}
		}
		sp[i] = span{from, from + len(v)}
		return true
	}
	if !c.lit(`{"site":"`) || !str(0) || !c.lit(`,"seq":`) {
		return false, false
	}
	seq, ok := c.uint()
	if !ok || !c.lit(`,"clock":`) {
		return false, false
	}
	neg := c.lit("-")
	clock, ok := c.uint()
	if !ok || clock > math.MaxInt64 || !c.lit(`,"at":`) {
		return false, false
	}
	canon = !neg || clock != 0
	atFrom := len(line) - len(c.p)
	if !c.lit(`"`) {
		return false, false
	}
	if _, plain := c.str(); !plain {
		return false, false
	}
	at := line[atFrom : len(line)-len(c.p)]
	if err := ev.At.UnmarshalJSON(at); err != nil {
		return false, false
	}
	if y := ev.At.Year(); y < 0 || y > 9999 {
		canon = false
	} else {
		var room [40]byte
		canon = canon && string(at[1:len(at)-1]) == string(ev.At.AppendFormat(room[:0], time.RFC3339Nano))
	}
	if !c.lit(`,"author":"`) || !str(1) || !c.lit(`,"entity":"`) || !str(2) || !c.lit(`,"type":"`) || !str(3) {
		return false, false
	}
	if c.lit(`,"base":"`) {
		if !str(4) {
			return false, false
		}
		canon = canon && sp[4].to > sp[4].from // json.Marshal leaves an empty one out
	}
	if c.lit(`,"to":"`) {
		if !str(5) {
			return false, false
		}
		canon = canon && sp[5].to > sp[5].from
	}
	if !c.lit(`,"prev":"`) || !str(6) {
		return false, false
	}
	var data []byte
	if c.lit(`,"data":`) {
		if len(c.p) < 2 || c.p[len(c.p)-1] != '}' {
			return false, false
		}
		data = c.p[:len(c.p)-1]
		if model.CompactJSONValid(data) {
			canon = canon && htmlSafe(data)
		} else if json.Valid(data) {
			canon = false // json.Marshal compacts it
		} else {
			return false, false
		}
	} else if string(c.p) != "}" {
		return false, false
	}
	// One string holds the header; the data is copied apart.
	head := line[:sp[6].to]
	if !utf8.Valid(head) {
		return false, false
	}
	canon = canon && htmlSafe(head)
	all := string(head)
	get := func(i int) string { return all[sp[i].from:sp[i].to] }
	ev.Site, ev.Seq, ev.Author, ev.Entity = get(0), seq, get(1), get(2)
	ev.Clock = int64(clock)
	if neg {
		ev.Clock = -ev.Clock
	}
	ev.Type, ev.Base, ev.To, ev.Prev = model.EventType(get(3)), get(4), get(5), get(6)
	if data != nil {
		ev.Data = append(json.RawMessage(nil), data...)
	}
	return true, canon
}

// htmlSafe reports whether text holds none of what json.Marshal escapes
// in text it does not otherwise change: <, >, &, U+2028 and U+2029.
func htmlSafe(b []byte) bool {
	if bytes.IndexAny(b, "<>&") >= 0 {
		return false
	}
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], 0xe2)
		if j < 0 {
			return true
		}
		i += j + 1
		if i+1 < len(b) && b[i] == 0x80 && (b[i+1] == 0xa8 || b[i+1] == 0xa9) {
			return false
		}
	}
}

// scanner reads JSON text as donthu writes it, a token at a time.
type scanner struct{ p []byte }

// lit consumes s if the text starts with it.
func (c *scanner) lit(s string) bool {
	if !bytes.HasPrefix(c.p, []byte(s)) {
		return false
	}
	c.p = c.p[len(s):]
	return true
}

// str reads a string's content after its opening quote, and its
// closing quote; plain is false if it has an escape (or no end).
func (c *scanner) str() (v []byte, plain bool) {
	i := bytes.IndexByte(c.p, '"')
	if i < 0 {
		c.p = nil
		return nil, false
	}
	v, c.p = c.p[:i], c.p[i+1:]
	return v, bytes.IndexByte(v, '\\') < 0
}

// uint reads a number without sign, fraction or leading zero.
func (c *scanner) uint() (uint64, bool) {
	j := 0
	for j < len(c.p) && '0' <= c.p[j] && c.p[j] <= '9' {
		j++
	}
	if j == 0 || j > 20 || c.p[0] == '0' && j > 1 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(c.p[:j]), 10, 64)
	c.p = c.p[j:]
	return n, err == nil
}
