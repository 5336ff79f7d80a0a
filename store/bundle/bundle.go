package bundle

import (
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"regexp"
	"time"

	"donthu/model"
)

// Format identifiers. See doc.go for the layout they name.
const (
	// Kind is the "kind" of every manifest; anything else is not a bundle.
	Kind = "donthu-bundle"
	// Version is the format version this build writes and the highest it
	// reads.
	Version = 1

	// Names of the tar entries, in the order they appear.
	ManifestName = "manifest.json"
	SigName      = "manifest.sig"
	EventsName   = "events.jsonl"
	// ReturnedName is the optional fourth entry: the receiver's own
	// events that the sender holds and the receiver lacks (a site
	// restored from an old backup gets them back from its parent).
	ReturnedName = "returned.jsonl"

	// sigContext prefixes the manifest bytes before signing, so a signature
	// made for a bundle can never be mistaken for one over anything else.
	sigContext = "donthu bundle manifest v1\n"

	maxManifest = 1 << 20  // bytes; a manifest is a few hundred
	maxSig      = 1 << 10  // bytes of base64
	maxLine     = 16 << 20 // bytes of one event's JSON
)

// Manifest describes a bundle. It is the first entry of the archive, and
// the sender signs its exact bytes.
type Manifest struct {
	Kind     string    `json:"kind"`   // always Kind
	Format   int       `json:"format"` // Version when written
	From     string    `json:"from"`   // the sender's site code
	FromName string    `json:"from_name,omitempty"`
	To       string    `json:"to"`     // the receiver's site code
	Number   uint64    `json:"number"` // the sender's running number of bundles for this receiver, from 1
	Created  time.Time `json:"created"`
	// SignKey is the sender's ed25519 public key (standard base64). It is
	// informative only: the receiver verifies with the key it pinned.
	SignKey string `json:"sign_key"`
	// Head is the sender's own chain when the bundle was made: its newest
	// event. A downward bundle may not carry that event itself.
	Head Head `json:"head"`
	// Holds is what the sender holds of the receiver's chain: receiver's
	// site code -> highest seq. It is the receiver's acknowledgement.
	Holds map[string]uint64 `json:"holds"`
	// Since, in a bundle to a child, says it carries every event of the
	// sender addressed to the receiver after this seq: the child knows
	// whether it now holds all of them (it may have been restored from
	// an old backup and lack some before Since).
	Since uint64 `json:"since,omitempty"`
	// Copy, in a bundle to the parent, marks the sender's file as a copy
	// of its log (a restored backup, a salvaged file) that has not yet
	// heard from its parent since it became one; it names that copy.
	// Answers, in a bundle to a child, is the Copy of the newest bundle
	// imported from it: the bundle was made after the parent had seen
	// the copy, so what it says the parent holds is the whole truth for
	// that copy, whatever either clock says.
	Copy    string `json:"copy,omitempty"`
	Answers string `json:"answers,omitempty"`
	// Whole, in a bundle to the parent, is how far the sender holds its
	// own chain without a gap, when less than Head (a salvaged file):
	// the parent returns what follows, and so fills the holes.
	Whole uint64 `json:"whole,omitempty"`
	// Fork, in a bundle to a child that answers a copy, is the first of
	// the child's own events the copy holds differently from the parent
	// (a history abandoned by a restore): the copy sets its own aside
	// from there and takes the returned ones.
	Fork   uint64  `json:"fork,omitempty"`
	Events Payload `json:"events"`
	// Returned describes the receiver's own events given back, if any:
	// a parent returns what a child restored from an old backup lacks.
	Returned *Payload `json:"returned,omitempty"`
}

// Head names one event of a chain: its seq and hash ("" when seq is 0).
type Head struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash,omitempty"`
}

// Payload describes the events entry: every event is the sender's, in
// strictly increasing seq, one JSON object per line ending in "\n".
type Payload struct {
	Name   string         `json:"name"`   // EventsName
	Count  int            `json:"count"`  // lines
	Bytes  int64          `json:"bytes"`  // size of the entry
	SHA256 string         `json:"sha256"` // hex SHA-256 of the entry
	First  uint64         `json:"first,omitempty"`
	Last   uint64         `json:"last,omitempty"`
	Types  map[string]int `json:"types,omitempty"` // events per type
}

// Sentinel errors, one per reason a bundle is refused. Every error this
// package returns for a bad file is a *model.Msg wrapping one of them; the
// store uses ErrSender, ErrReplay and ErrRecipient for the checks only it
// can make.
var (
	ErrNotBundle = errors.New("bundle: not a donthu bundle")
	ErrVersion   = errors.New("bundle: format version not supported")
	ErrRecipient = errors.New("bundle: addressed to another site")
	ErrSender    = errors.New("bundle: unknown or unexpected sender")
	ErrSignature = errors.New("bundle: signature does not verify")
	ErrChecksum  = errors.New("bundle: checksum mismatch")
	ErrDamaged   = errors.New("bundle: damaged or truncated")
	ErrContent   = errors.New("bundle: content not allowed")
	ErrReplay    = errors.New("bundle: already imported")
	ErrCard      = errors.New("bundle: not a valid key card")
)

// Errf builds a refusal meant for a person: a *model.Msg of kind
// damaged with the sentinel underneath (for errors.Is) and formatted
// texts in both languages.
func Errf(sentinel error, vi, en string, a ...any) *model.Msg {
	return &model.Msg{Kind: model.KindDamaged, Err: sentinel,
		Label: model.Label{VI: fmt.Sprintf(vi, a...), EN: fmt.Sprintf(en, a...)}}
}

// Code is a short stable name of the sentinel err wraps ("signature",
// "checksum", ...), for records and scripts; "" if it wraps none.
func Code(err error) string {
	for _, c := range []struct {
		err  error
		code string
	}{
		{ErrNotBundle, "format"}, {ErrVersion, "version"}, {ErrRecipient, "recipient"},
		{ErrSender, "sender"}, {ErrSignature, "signature"}, {ErrChecksum, "checksum"},
		{ErrDamaged, "damaged"}, {ErrContent, "content"}, {ErrReplay, "replay"}, {ErrCard, "card"},
	} {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return ""
}

var siteCodeRE = regexp.MustCompile(`^[A-Z][A-Z0-9]{1,11}$`)

// validSite reports whether s looks like a site code.
func validSite(s string) bool { return siteCodeRE.MatchString(s) }

// KeyID is a short printable id of a signing key: the first 16 hex digits
// of its SHA-256. It is shown in messages, never trusted.
func KeyID(pub ed25519.PublicKey) string {
	return hexSum([]byte(pub))[:16]
}

func encodeKey(pub ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(pub) }

func decodeKey(s string) (ed25519.PublicKey, bool) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, false
	}
	return ed25519.PublicKey(b), true
}

// FileName is the name a bundle is written under: who sends it to whom,
// the day it was made (in Vietnam) and its running number, e.g.
// donthu-GL07-to-HN01-2026-03-02-0003.age.
func FileName(from, to string, created time.Time, number uint64) string {
	return fmt.Sprintf("donthu-%s-to-%s-%s-%04d.age", from, to, created.In(model.VN).Format("2006-01-02"), number)
}

// signed returns the message a manifest's signature is over.
func signed(manifest []byte) []byte {
	return append([]byte(sigContext), manifest...)
}

// check reports what is wrong with a manifest's own fields, or nil.
func (m *Manifest) check() *model.Msg {
	if m.Kind != Kind {
		return Errf(ErrNotBundle, "Tệp đã giải mã được nhưng bên trong không phải gói dữ liệu donthu.",
			"The file decrypts, but what is inside is not a donthu bundle.")
	}
	if m.Format > Version {
		return Errf(ErrVersion, "Gói được tạo bởi phiên bản donthu mới hơn (định dạng %d; bản này đọc được đến %d). Hãy cập nhật donthu.",
			"The bundle was made by a newer donthu (format %d; this build reads up to %d). Update donthu.", m.Format, Version)
	}
	if m.Format < 1 {
		return Errf(ErrVersion, "Gói có số định dạng không hợp lệ (%d).", "The bundle has an invalid format number (%d).", m.Format)
	}
	bad := func(what string) *model.Msg {
		return Errf(ErrNotBundle, "Phần kê khai của gói có trường %s không hợp lệ.", "The bundle's manifest has an invalid %s field.", what)
	}
	switch {
	case !validSite(m.From):
		return bad("from")
	case !validSite(m.To):
		return bad("to")
	case m.From == m.To:
		return bad("to")
	case m.Number == 0:
		return bad("number")
	case m.Events.Name != EventsName:
		return bad("events.name")
	case m.Events.Count < 0 || m.Events.Bytes < 0 || (m.Events.Count == 0) != (m.Events.Bytes == 0):
		return bad("events.count")
	case len(m.Events.SHA256) != 64:
		return bad("events.sha256")
	case m.Events.First > m.Events.Last:
		return bad("events.first")
	case m.Returned != nil && (m.Returned.Name != ReturnedName || m.Returned.Count <= 0 || m.Returned.Bytes <= 0 ||
		len(m.Returned.SHA256) != 64 || m.Returned.First == 0 || m.Returned.First > m.Returned.Last):
		return bad("returned")
	}
	if _, ok := decodeKey(m.SignKey); !ok {
		return bad("sign_key")
	}
	return nil
}
