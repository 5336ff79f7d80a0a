package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// The stored encoding of events and projections (schema 2).
//
// A decade of an office is a million events; stored as JSON each cost
// about 550 bytes, and each projection (rewritten on every event of its
// record) about 600. Schema 2 stores:
//
//   - an event as a tag byte, its header in binary (varints, the previous
//     hash as 32 raw bytes, the type as a code) and its data as packed
//     JSON;
//   - a projection as packed JSON.
//
// Packed JSON is compact JSON whose object keys known at schema 2 are
// replaced by two bytes (keyMark, their index in packKeys): raw control
// bytes never occur in JSON text, so the mark cannot be confused with
// content, and keys added later stay as plain text. The data of an
// event is unchanged by the round trip, so its hash (over its canonical
// JSON, which bundles carry) is the same on every replica.
//
// Readers take both encodings: a value that starts with '{' is JSON
// (schema 1, or a file half-way through its migration), so a migration
// can run in batches and resume after a crash.
//
// Schema 5 adds two forms: data and projections compressed under the
// file's dictionary (zdict.go), and a visit's projection kept as a
// reference to its one event (refKind). See docs/architecture.md, "How
// the file is laid out".
//
// encodeEvent and decodeEvent are the ONE pair that reads and writes
// stored events: every other reader (salvage included) goes through them.

const (
	tagEvent     = 0x02 // first byte of a schema-2 event
	tagPacked    = 0x03 // first byte of a packed projection
	tagRef       = 0x04 // first byte of a projection kept as its record's only event (schema 5)
	tagDictState = 0x05 // first byte of a packed projection compressed under a dictionary (schema 5, zdict.go)
	keyMark      = 0x01 // in packed JSON: the next byte is an index in packKeys
)

// packKeys are the JSON keys of the model at schema 2. FROZEN: stored
// files refer to them by position. Never reorder or remove; new keys may
// be appended (older builds keep reading files, since an unknown index
// would be refused, so appending needs a schema step too) or simply left
// out: a key missing here is stored as text.
var packKeys = []string{
	"accepted", "active", "address", "anonymous", "at", "author", "base", "birth_year", "by", "case",
	"classified", "classified_on", "clock", "closed", "code", "competent", "complex", "conditions", "confidential", "conflicts",
	"content", "count", "created", "data", "date", "days", "decision", "decision_date", "decision_no", "docs_requested",
	"documents", "duplicate_of", "employer", "entity", "event", "extensions", "field", "fold", "for", "forward_to",
	"from", "from_no", "group", "handler", "head_count", "id", "id_kind", "id_number", "kind", "letter_date",
	"login", "member", "name", "name_fold", "no", "note", "notes", "on", "opened", "outcome",
	"overrides", "parent", "persons", "petition", "petition_no", "phone", "prev", "prior_case", "reason", "received",
	"receiver", "reception", "regime", "reminders", "remote", "remove", "reopens", "repeat", "reps", "result",
	"roles", "round", "sender_name", "senders", "seq", "set", "sex", "signatories", "site", "source",
	"status", "successor", "summary", "suspensions", "text", "to", "transferred_to", "type", "unsigned", "updated",
	"valid_from", "valid_to", "visit", "label", "vi", "en", "reveal", "reveals", "sealed", "hash",
}

// madeKindNames are the kinds whose records an event makes with an id
// of its own key (flagMade), stored as 1 + their index. FROZEN at schema
// 6 like packKeys.
var madeKindNames = []string{model.EntPerson, model.EntVisit, model.EntPetition, model.EntCase}

var madeKinds = func() map[string]uint64 {
	m := map[string]uint64{}
	for i, k := range madeKindNames {
		m[k] = uint64(i + 1)
	}
	return m
}()

// eventTypes are the event types at schema 2, stored as 1 + their index.
// FROZEN like packKeys; a type not listed is stored by name (code 0).
var eventTypes = []model.EventType{
	model.EvPersonRecorded, model.EvPersonUpdated, model.EvVisitRecorded,
	model.EvPetitionRegistered, model.EvPetitionClassified, model.EvPetitionTransferred,
	model.EvCaseOpened, model.EvCaseAccepted, model.EvCaseRejected, model.EvCaseAssigned,
	model.EvCaseDocsAsked, model.EvCaseSuspended, model.EvCaseResumed, model.EvCaseExtended,
	model.EvCaseConcluded, model.EvCaseTerminated, model.EvCaseReopened, model.EvCaseTransferred,
	model.EvCaseGuidance, model.EvNoteAdded, model.EvReminderSet, model.EvIdentityRevealed,
	model.EvUserCreated, model.EvUserUpdated, model.EvSiteCreated, model.EvSiteUpdated,
	model.EvCalendarOverride,
}

var (
	packIndex = func() map[string]byte {
		m := make(map[string]byte, len(packKeys))
		for i, k := range packKeys {
			m[k] = byte(i)
		}
		return m
	}()
	typeIndex = func() map[model.EventType]uint64 {
		m := make(map[model.EventType]uint64, len(eventTypes))
		for i, t := range eventTypes {
			m[t] = uint64(i + 1)
		}
		return m
	}()
)

var errBadValue = errors.New("store: unreadable stored value")

// packJSON appends the packed form of compact JSON js to dst.
func packJSON(dst, js []byte) []byte {
	for i := 0; i < len(js); {
		c := js[i]
		if c != '"' {
			dst = append(dst, c)
			i++
			continue
		}
		// A string: find its end, then see whether it is a key.
		j := i + 1
		for j < len(js) && js[j] != '"' {
			if js[j] == '\\' {
				j++
			}
			j++
		}
		if j >= len(js) { // not JSON: keep as is
			return append(dst, js[i:]...)
		}
		if j+1 < len(js) && js[j+1] == ':' {
			if n, ok := packIndex[string(js[i+1:j])]; ok {
				dst = append(dst, keyMark, n)
				i = j + 2
				continue
			}
		}
		dst = append(dst, js[i:j+1]...)
		i = j + 1
	}
	return dst
}

// unpackJSON appends the JSON text of packed p to dst: the text between
// two marks is copied whole, and each mark becomes its key, quoted.
func unpackJSON(dst, p []byte) ([]byte, error) {
	dst = slices.Grow(dst, len(p)+len(p)/2)
	for {
		i := bytes.IndexByte(p, keyMark)
		if i < 0 {
			return append(dst, p...), nil
		}
		if i+1 >= len(p) || int(p[i+1]) >= len(packKeys) {
			return nil, errBadValue
		}
		dst = append(append(dst, p[:i]...), packedKeys[p[i+1]]...)
		p = p[i+2:]
	}
}

// packedKeys are packKeys as unpackJSON writes them: "key":.
var packedKeys = func() [][]byte {
	q := make([][]byte, len(packKeys))
	for i, k := range packKeys {
		q[i] = []byte(`"` + k + `":`)
	}
	return q
}()

// encodeState returns the stored form of a projection.
func encodeState(v any) ([]byte, error) {
	buf := jsonBufs.Get().(*[]byte)
	defer jsonBufs.Put(buf)
	js, err := model.AppendJSON((*buf)[:0], v)
	*buf = js
	if err != nil {
		return nil, err
	}
	return packJSON(append(make([]byte, 0, len(js)*3/4), tagPacked), js), nil
}

// jsonBufs hold the JSON of a projection while encodeState packs it.
var jsonBufs = sync.Pool{New: func() any { return new([]byte) }}

// A projection by reference (schema 5; persons from schema 6). A visit
// is written once and nearly never changed, and so is a person (99% of
// an office's persons have one event): the projection is the one event
// folded, and storing it would repeat that event. The
// projection of a record of a kind refKind allows, whose only event is
// stored in the clear, is therefore kept as tagRef and that event's key
// in the log; readers fold the event (refState). A second event on the
// record stores its projection in full from then on. See
// docs/architecture.md, "How the file is laid out".

// refKind reports whether records of kind may keep their projection by
// reference: visits and persons, the kinds written once, most of a file.
func refKind(kind string) bool { return kind == model.EntVisit || kind == model.EntPerson }

// isRef reports whether a stored projection is a reference.
func isRef(b []byte) bool { return len(b) > 0 && b[0] == tagRef }

// refValue returns the stored form of the projection of id kept by
// reference to the event at log key evk: the tag alone when evk is the
// event that made the record, whose key its id says (model.NewEntityID;
// schema 6, 14 bytes fewer a visit), else the tag and evk.
func refValue(id string, evk []byte) []byte {
	if isMadeBy(id, evk) {
		return []byte{tagRef}
	}
	return append([]byte{tagRef}, evk...)
}

// refNames reports whether the stored reference b of id names the
// event at log key evk: refKey without making a key, as a pass over the
// records asks of every visit and person.
func refNames(id string, b, evk []byte) bool {
	if len(b) == 1 {
		return isMadeBy(id, evk)
	}
	return bytes.Equal(b[1:], evk)
}

// sameRef reports whether two stored references of id name one event.
func sameRef(id string, a, b []byte) bool {
	return bytes.Equal(a, b) || bytes.Equal(refKey(id, a), refKey(id, b))
}

// refKey returns the log key the stored reference b of id names.
func refKey(id string, b []byte) []byte {
	if len(b) == 1 {
		return madeBy(id)
	}
	return b[1:]
}

// madeBy returns the log key of the event an id made by
// model.NewEntityID names (KIND:SITE.SEQ), or nil.
func madeBy(id string) []byte {
	site, seq, ok := madeParts(id)
	if !ok {
		return nil
	}
	return evKey(site, seq)
}

// isMadeBy reports whether evk is madeBy(id), without making a key (an
// id not in the made form has none: only an empty evk is it).
func isMadeBy(id string, evk []byte) bool {
	site, seq, ok := madeParts(id)
	if !ok {
		return len(evk) == 0
	}
	n := len(site)
	return len(evk) == n+9 && string(evk[:n]) == site && evk[n] == 0 && binary.BigEndian.Uint64(evk[n+1:]) == seq
}

// madeByEvent reports whether id names the event of site and seq as
// madeBy reads it, without making a key.
func madeByEvent(id, site string, seq uint64) bool {
	s, n, ok := madeParts(id)
	return ok && s == site && n == seq
}

// madeParts reads the site and number of the event an id made by
// model.NewEntityID names, the number in its one decimal form.
func madeParts(id string) (site string, seq uint64, ok bool) {
	i, j := strings.IndexByte(id, ':'), strings.LastIndexByte(id, '.')
	if i < 0 || j < i+2 {
		return "", 0, false
	}
	seq, err := strconv.ParseUint(id[j+1:], 10, 64)
	var n [20]byte
	if err != nil || string(strconv.AppendUint(n[:0], seq, 10)) != id[j+1:] {
		return "", 0, false
	}
	return id[i+1 : j], seq, true
}

// refTo returns the log key of the only event of a record whose
// projection may be kept by reference (soleRef), or nil.
func refTo(tx *bolt.Tx, id string, evs []model.Event) []byte {
	if len(evs) != 1 {
		return nil
	}
	k := evKey(evs[0].Site, evs[0].Seq)
	if !soleRef(id, 1, tx.Bucket(bEvents).Get(k)) {
		return nil
	}
	return k
}

// soleRef reports whether the projection of id, a record of n events
// whose first is stored as raw, may be kept by reference: the record's
// kind allows it, it has exactly one event, and that event is stored in
// the clear (one sealed at rest could not be read without a sign-in,
// and a projection must be).
func soleRef(id string, n int, raw []byte) bool {
	if n != 1 || raw == nil || !refKind(model.EntityKind(id)) {
		return false
	}
	_, sealed := restIDOf(raw)
	return !sealed
}

// refState folds the event a reference names into the projection of id.
func refState(tx *bolt.Tx, id string, b []byte) (any, error) {
	if tx == nil {
		return nil, fmt.Errorf("%w: %s: a projection by reference read without the log", ErrCorrupt, id)
	}
	return refFold(id, tx.Bucket(bEvents).Get(refKey(id, b)))
}

// refFold folds raw, the stored event a reference named, into the
// projection of id.
func refFold(id string, raw []byte) (any, error) {
	if raw == nil {
		return nil, fmt.Errorf("%w: %s names a missing event", ErrCorrupt, id)
	}
	e, err := decodeEvent(raw)
	if errors.Is(err, ErrRestSealed) {
		return nil, errNeedsRestKey(err)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	if e.Entity != id {
		return nil, fmt.Errorf("%w: %s names an event of %s", ErrCorrupt, id, e.Entity)
	}
	return model.FoldEntity(id, []model.Event{e})
}

// unref stores in full the projection of id if it is kept by reference:
// called before the event it names leaves the log (an import undone, an
// abandoned history set aside), so the projection can still be read to
// take out its index entries.
func unref(tx *bolt.Tx, id string) error {
	sb := tx.Bucket(bState).Bucket([]byte(model.EntityKind(id)))
	if sb == nil {
		return nil
	}
	b := sb.Get([]byte(id))
	if !isRef(b) {
		return nil
	}
	v, err := refState(tx, id, b)
	if err != nil {
		return err
	}
	full, err := encodeState(v)
	if err != nil {
		return err
	}
	return sb.Put([]byte(id), compressState(full, currentDict(tx)))
}

// stateJSON returns the JSON text of a stored projection of id (any
// encoding); tx resolves a reference.
func stateJSON(tx *bolt.Tx, id string, b []byte) ([]byte, error) {
	if isRef(b) {
		v, err := refState(tx, id, b)
		if err != nil {
			return nil, err
		}
		return model.AppendJSON(nil, v)
	}
	return new(jsonScratch).stateJSON(b)
}

// jsonScratch holds the room a projection's JSON is made in, where it
// is read once and let go (unmarshalState: the decoders copy what they
// keep).
type jsonScratch struct {
	packed, js, canon []byte
	// arena holds the data of a record's events read as views
	// (foldRecord), one after the other; used again for the next record.
	arena []byte
	// evs holds a record's events while it is folded (foldRecord): the
	// fold keeps none of them.
	evs []model.Event
}

var scratches = sync.Pool{New: func() any { return new(jsonScratch) }}

// decodeView is decodeInto with view set, its data put after the data
// of the events read before it since the arena was emptied: e is valid
// while raw is, and until the arena is emptied again.
func (sc *jsonScratch) decodeView(e *model.Event, raw []byte) error {
	if room := cap(sc.arena) - len(sc.arena); room < 2*len(raw)+256 {
		// The events read before keep the old block.
		sc.arena = make([]byte, 0, max(64<<10, 2*cap(sc.arena), 4*len(raw)))
	}
	region := sc.arena[len(sc.arena):]
	used, err := decodeInto(e, raw, region, &sc.packed, true)
	if len(used) > 0 && &used[:1][0] == &region[:1][0] {
		sc.arena = sc.arena[:len(sc.arena)+len(used)]
	}
	return err
}

// stateJSON returns the JSON text of stored projection b, which is not a
// reference, in sc's room (or b itself, for one stored as JSON).
func (sc *jsonScratch) stateJSON(b []byte) ([]byte, error) {
	switch {
	case len(b) > 0 && b[0] == tagDictState:
		p, err := decompressInto(sc.packed, b[1:])
		if err != nil {
			return nil, err
		}
		sc.packed = p
		b = p
	case len(b) == 0 || b[0] != tagPacked:
		return b, nil
	default:
		b = b[1:]
	}
	js, err := unpackJSON(sc.js[:0], b)
	if err != nil {
		return nil, err
	}
	sc.js = js
	return js, nil
}

// unmarshalState decodes the stored projection of id into v; tx
// resolves a reference (nil where only kinds that never keep one are
// read).
func unmarshalState(tx *bolt.Tx, id string, b []byte, v any) error {
	if isRef(b) {
		if tx == nil {
			return fmt.Errorf("%w: %s: a projection by reference read without the log", ErrCorrupt, id)
		}
		return refInto(id, tx.Bucket(bEvents).Get(refKey(id, b)), v)
	}
	sc := scratches.Get().(*jsonScratch)
	defer scratches.Put(sc)
	js, err := sc.stateJSON(b)
	if err != nil {
		return err
	}
	return model.DecodeJSON(js, v)
}

// refInto folds raw, the stored event a reference of id named, into v.
func refInto(id string, raw []byte, v any) error {
	st, err := refFold(id, raw)
	if err != nil {
		return err
	}
	if rv, sv := reflect.ValueOf(v), reflect.ValueOf(st); rv.Type() == sv.Type() {
		rv.Elem().Set(sv.Elem())
		return nil
	}
	js, err := model.AppendJSON(nil, st) // a part of the record (a struct of a few fields)
	if err != nil {
		return err
	}
	return model.DecodeJSON(js, v)
}

// Header flags of a stored event.
const (
	flagPrevHash = 1 << 0 // Prev is 64 lower-case hex digits, stored as 32 bytes
	flagZone     = 1 << 1 // At has a zone offset (seconds) other than UTC
	flagRest     = 1 << 2 // the data is sealed at rest (rest.go): hash, key id, nonce, sealed data follow the header
	// flagDict (1 << 3, zdict.go): the data is compressed under a dictionary.
	flagMade = 1 << 4 // the event made its entity, KIND:SITE.SEQ (model.NewEntityID): the kind is stored as a code (schema 6)
)

// encodeEvent returns the stored form of an event.
func encodeEvent(e *model.Event) []byte {
	// The data, packed, to the end.
	return packJSON(encodeHeader(e, 0), e.Data)
}

// encodeEventAs is encodeEvent with the entity in the form a stored
// event has it: made says whether its header has flagMade (an event
// written before schema 6 names every entity in full). Salvage compares
// a stored event with the encoding of what it decodes to.
func encodeEventAs(e *model.Event, made bool) []byte {
	return packJSON(encodeHeaderAs(e, 0, made), e.Data)
}

// encodeHeader returns the stored header of an event, everything but its
// data, with the flags extra set besides those the header needs.
func encodeHeader(e *model.Event, extra uint64) []byte { return encodeHeaderAs(e, extra, true) }

// encodeHeaderAs is encodeHeader, naming the entity by its kind
// (flagMade) only if made allows it.
func encodeHeaderAs(e *model.Event, extra uint64, made bool) []byte {
	b := make([]byte, 0, 64+len(e.Entity)+len(e.Author)+len(e.Base)+len(e.Data))
	b = append(b, tagEvent)
	flags := extra
	var prev [32]byte
	if lowerHex(&prev, e.Prev) {
		flags |= flagPrevHash
	}
	_, off := e.At.Zone()
	if off != 0 {
		flags |= flagZone
	}
	kind, known := madeKinds[model.EntityKind(e.Entity)]
	made = made && known && madeByEvent(e.Entity, e.Site, e.Seq)
	if made {
		flags |= flagMade
	}
	b = binary.AppendUvarint(b, flags)
	b = appendStr(b, e.Site)
	b = binary.AppendUvarint(b, e.Seq)
	b = binary.AppendVarint(b, e.Clock)
	// The wall time as seconds from the clock's (nearly always 0) and
	// nanoseconds: a zero time (year 1) fits too.
	b = binary.AppendVarint(b, e.At.Unix()-e.Clock/1000)
	b = binary.AppendUvarint(b, uint64(e.At.Nanosecond()))
	if flags&flagZone != 0 {
		b = binary.AppendVarint(b, int64(off))
	}
	b = appendStr(b, e.Author)
	if made {
		b = binary.AppendUvarint(b, kind)
	} else {
		b = appendStr(b, e.Entity)
	}
	if code, ok := typeIndex[e.Type]; ok {
		b = binary.AppendUvarint(b, code)
	} else {
		b = binary.AppendUvarint(b, 0)
		b = appendStr(b, string(e.Type))
	}
	b = appendStr(b, e.Base)
	b = appendStr(b, e.To)
	if flags&flagPrevHash != 0 {
		b = append(b, prev[:]...)
	} else {
		b = appendStr(b, e.Prev)
	}
	return b
}

// header is a stored event's header, parsed no further than its flags:
// head is the header's bytes, rest what follows (the data).
type header struct {
	flags      uint64
	clock      int64
	kind       uint64 // the kind's code of a record the event made (flagMade)
	entity     []byte // else the event's entity
	to         []byte // the event's To
	head, rest []byte
}

// parseHeader splits a schema-2 stored event into its header and data.
func parseHeader(raw []byte) (header, bool) {
	if len(raw) == 0 || raw[0] != tagEvent {
		return header{}, false
	}
	r := reader{b: raw[1:]}
	h := header{flags: r.uvarint()}
	flags := h.flags
	r.span()
	r.uvarint()
	h.clock = r.varint()
	r.varint()
	r.uvarint()
	if flags&flagZone != 0 {
		r.varint()
	}
	r.span()
	if flags&flagMade != 0 {
		h.kind = r.uvarint()
	} else {
		h.entity = r.span()
	}
	if r.uvarint() == 0 {
		r.span()
	}
	r.span()
	h.to = r.span()
	if flags&flagPrevHash != 0 {
		r.take(32)
	} else {
		r.span()
	}
	if r.err != nil {
		return header{}, false
	}
	n := len(raw) - len(r.b)
	h.head, h.rest = raw[:n], raw[n:]
	return h, true
}

// decodeEvent reads a stored event (either encoding). The header's
// strings share one allocation, and the data another: rebuild, check and
// export decode every event of the file.
func decodeEvent(raw []byte) (model.Event, error) {
	var e model.Event
	_, err := decodeInto(&e, raw, nil, nil, false)
	return e, err
}

// decodeHead is decodeEvent for readers that need only an event's header
// and hash (hashOf): an event sealed at rest whose key is not held here
// comes back with its header and no data, and no error.
func decodeHead(raw []byte) (model.Event, error) {
	e, err := decodeEvent(raw)
	if errors.Is(err, ErrRestSealed) {
		err = nil
	}
	return e, err
}

// decodeHeaderOnly reads a stored event's header and not its data, for
// readers that need only where the event belongs (rebuild's lists):
// nothing is decompressed or opened.
func decodeHeaderOnly(raw []byte) (model.Event, error) {
	h, ok := parseHeader(raw)
	if !ok {
		return decodeEvent(raw) // schema 1's JSON, or damage said as decodeEvent says it
	}
	return decodeEvent(withFlags(h.head, 0, flagRest|flagDict))
}

// decodeInto is decodeEvent into e. With view set, e's strings and data
// are not copied: they point into raw (and into buf, where the data is
// unpacked and the id of a record the event made is written), so e is
// valid only while raw and buf are, and must not outlive them, nor the
// next decode into buf. It returns buf, grown. packed, if not nil, is room used
// again for compressed data while it is unpacked.
func decodeInto(e *model.Event, raw, buf []byte, packed *[]byte, view bool) ([]byte, error) {
	return decodeAt(e, raw, buf, packed, view, false)
}

// decodeHeadView is decodeInto, with view set, of an event's header
// alone: its data is not decompressed, opened or unpacked, and e.Data is
// nil (schema 1's JSON, which has no header apart, is read whole).
// Check's pass over the log reads the headers; the records' pass hashes
// each event as it folds it.
func decodeHeadView(e *model.Event, raw, buf []byte) ([]byte, error) {
	return decodeAt(e, raw, buf, nil, true, true)
}

// decodeAt is decodeInto, of the header alone if head is set.
func decodeAt(e *model.Event, raw, buf []byte, packed *[]byte, view, head bool) ([]byte, error) {
	*e = model.Event{}
	if len(raw) > 0 && raw[0] == '{' {
		return buf, json.Unmarshal(raw, e)
	}
	if len(raw) == 0 || raw[0] != tagEvent {
		return buf, errBadValue
	}
	r := reader{b: raw[1:]}
	flags := r.uvarint()
	site := r.span()
	e.Seq = r.uvarint()
	e.Clock = r.varint()
	sec := r.varint() + e.Clock/1000
	nsec := r.uvarint()
	at := time.Unix(sec, int64(nsec)).UTC()
	if flags&flagZone != 0 {
		off := r.varint()
		at = at.In(time.FixedZone("", int(off)))
	}
	e.At = at
	author := r.span()
	var entity []byte
	made := "" // the kind of the record the event made, its id said by the header (flagMade)
	if flags&flagMade != 0 {
		if code := r.uvarint(); code >= 1 && code <= uint64(len(madeKindNames)) {
			made = madeKindNames[code-1]
			if !view {
				entity = appendMadeID(nil, made, site, e.Seq)
			}
		} else {
			r.err = errBadValue
		}
	} else {
		entity = r.span()
	}
	var typ []byte
	if code := r.uvarint(); code == 0 {
		typ = r.span()
	} else if code <= uint64(len(eventTypes)) {
		e.Type = eventTypes[code-1]
	} else {
		r.err = errBadValue
	}
	base := r.span()
	to := r.span()
	var prev []byte
	var hexPrev bool
	if flags&flagPrevHash != 0 {
		prev, hexPrev = r.take(32), true
	} else {
		prev = r.span()
	}
	if view {
		e.Site, e.Author, e.Entity = unsafeString(site), unsafeString(author), unsafeString(entity)
		if typ != nil {
			e.Type = model.EventType(unsafeString(typ))
		}
		e.Base, e.To = unsafeString(base), unsafeString(to)
		if !hexPrev {
			e.Prev = unsafeString(prev)
		}
	} else {
		// One string holds every header string, sliced.
		n := len(site) + len(author) + len(entity) + len(typ) + len(base) + len(to) + len(prev)
		if hexPrev {
			n += len(prev)
		}
		hs := make([]byte, 0, n)
		for _, p := range [][]byte{site, author, entity, typ, base, to} {
			hs = append(hs, p...)
		}
		if hexPrev {
			hs = hex.AppendEncode(hs, prev)
		} else {
			hs = append(hs, prev...)
		}
		all := unsafeString(hs)
		cut := func(p []byte) string {
			s := all[:len(p)]
			all = all[len(p):]
			return s
		}
		e.Site, e.Author, e.Entity = cut(site), cut(author), cut(entity)
		if typ != nil {
			e.Type = model.EventType(cut(typ))
		}
		e.Base, e.To, e.Prev = cut(base), cut(to), all
		hexPrev = false
	}
	if r.err != nil {
		return buf, fmt.Errorf("%w: event %s: %v", ErrCorrupt, e.Key(), r.err)
	}
	// A view's made id, then its hex previous hash, go first into buf:
	// a pass over the whole log reads a million of them.
	buf = buf[:0]
	if made != "" && view {
		buf = appendMadeID(buf, made, site, e.Seq)
		e.Entity = unsafeString(buf) // for what decodeData says; set again below
	}
	idLen := len(buf)
	if hexPrev {
		buf = hex.AppendEncode(buf, prev)
	}
	var sealed error
	if !head {
		var err error
		if buf, sealed, err = decodeData(e, raw, r.b, flags, buf, packed, view); err != nil {
			return buf, err
		}
	}
	// Where the data, if any, left buf.
	if made != "" && view {
		e.Entity = unsafeString(buf[:idLen])
	}
	if hexPrev {
		e.Prev = unsafeString(buf[idLen : idLen+64])
	}
	return buf, sealed
}

// appendMadeID appends the id of the record of kind made by the event of
// site and seq (model.NewEntityID: KIND:SITE.SEQ).
func appendMadeID(b []byte, kind string, site []byte, seq uint64) []byte {
	b = append(append(append(b, kind...), ':'), site...)
	return strconv.AppendUint(append(b, '.'), seq, 10)
}

// decodeData is decodeAt's reading of an event's data, stored as data
// at the end of raw under flags: opened or decompressed, then unpacked
// into e.Data (after what buf holds, in a view).
func decodeData(e *model.Event, raw, data []byte, flags uint64, buf []byte, packed *[]byte, view bool) (_ []byte, sealed, err error) {
	if flags&flagDict != 0 && flags&flagRest != 0 {
		return buf, nil, fmt.Errorf("%w: event %s: %v", ErrCorrupt, e.Key(), errBadValue)
	}
	if flags&flagDict != 0 {
		var room []byte
		if packed != nil {
			room = *packed
		}
		plain, err := decompressInto(room, data)
		if err != nil {
			return buf, nil, fmt.Errorf("%w: event %s: %v", ErrCorrupt, e.Key(), err)
		}
		if packed != nil {
			*packed = plain
		}
		data = plain
	}
	if flags&flagRest != 0 {
		plain, err := openRest(raw[:len(raw)-len(data)], data)
		switch {
		case errors.Is(err, ErrRestSealed):
			// The header is known, the data is not: the caller says
			// what it can without it.
			data, sealed = nil, err
		case err != nil:
			return buf, nil, fmt.Errorf("%w: event %s: %v", ErrCorrupt, e.Key(), err)
		default:
			data = plain
		}
	}
	if len(data) == 0 {
		return buf, sealed, nil
	}
	var d []byte
	if view {
		d, err = unpackJSON(buf, data)
	} else {
		d, err = unpackJSON(make([]byte, 0, len(data)+len(data)/2), data)
	}
	if err != nil {
		return buf, nil, fmt.Errorf("%w: event %s: %v", ErrCorrupt, e.Key(), err)
	}
	if view {
		buf, d = d, d[len(buf):]
	}
	e.Data = d
	return buf, sealed, nil
}

// unsafeString gives b as a string without a copy: b is never written
// again.
func unsafeString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// eventTo returns the To of a stored event without decoding its data.
func eventTo(raw []byte) (string, error) {
	if len(raw) > 0 && raw[0] == '{' {
		var e struct {
			To string `json:"to"`
		}
		err := json.Unmarshal(raw, &e)
		return e.To, err
	}
	h, ok := parseHeader(raw)
	if !ok {
		return "", errBadValue
	}
	return string(h.to), nil
}

// eventJSON returns the canonical JSON of a stored event (what bundles
// carry, and what its hash is taken over).
func eventJSON(raw []byte) ([]byte, error) {
	var c jsonConv
	js, err := c.convert(raw)
	return append([]byte(nil), js...), err
}

// jsonConv turns stored events into their canonical JSON, reusing its
// buffers: an export converts every event of the file.
type jsonConv struct {
	e                model.Event
	buf, out, packed []byte
}

// convert returns the canonical JSON of a stored event, valid until the
// next call.
func (c *jsonConv) convert(raw []byte) ([]byte, error) {
	if len(raw) > 0 && raw[0] == '{' {
		return raw, nil
	}
	var err error
	if c.buf, err = decodeInto(&c.e, raw, c.buf, &c.packed, true); err != nil {
		return nil, err
	}
	c.out = appendEventJSON(c.out[:0], &c.e)
	return c.out, nil
}

// lowerHex decodes into sum s, 64 lowercase hex digits (a hash as
// events name it), and reports whether s was that.
func lowerHex(sum *[32]byte, s string) bool {
	if len(s) != 64 {
		return false
	}
	bad := byte(0)
	for i := range sum {
		hi, lo := hexValue[s[2*i]], hexValue[s[2*i+1]]
		bad |= hi | lo
		sum[i] = hi<<4 | lo&0x0f
	}
	return bad&0x80 == 0
}

// hexValue is the value of each lowercase hex digit, and 0x80 for any
// other byte.
var hexValue = func() (t [256]byte) {
	for i := range t {
		t[i] = 0x80
	}
	for c := byte('0'); c <= '9'; c++ {
		t[c] = c - '0'
	}
	for c := byte('a'); c <= 'f'; c++ {
		t[c] = c - 'a' + 10
	}
	return t
}()

func appendStr(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// reader reads varints and strings, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) take(n int) []byte {
	if n < 0 || n > len(r.b) {
		r.fail()
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) str() string { return string(r.span()) }

// span reads a string's bytes without copying them.
func (r *reader) span() []byte { return r.take(int(r.uvarint())) }

func (r *reader) fail() {
	if r.err == nil {
		r.err = errBadValue
	}
	r.b = nil
}

// appendEventJSON appends the canonical JSON of e (exactly what
// json.Marshal(e) gives, which model.Event.Hash is taken over) without
// reflection: export writes it for every event and import hashes every
// event, at a hundred thousand events a second. Data with spaces between
// its tokens, and a time encoding/json refuses, go through encoding/json.
func appendEventJSON(b []byte, e *model.Event) []byte { return appendEvent(b, e, false) }

// appendEventAsIs is appendEventJSON with e's strings and data written
// as they are, unescaped and not compacted: the canonical JSON of every
// event donthu writes, for less work. Check hashes events so, then
// compares sums of the hashes with what the links name: an event whose
// form differs (a string to escape, data with spaces, from a bundle
// another program wrote) makes the sums differ, and check reads the log
// again, hashing each event's canonical JSON, to say what is wrong, if
// anything. (A chain whose links name the hashes of such forms, not of
// the canonical ones, would pass: only a forger could make one, and a
// forger with the file can as well make one over canonical forms; a
// peer's import hashes canonical JSON and refuses it.)
func appendEventAsIs(b []byte, e *model.Event) []byte { return appendEvent(b, e, true) }

func appendEvent(b []byte, e *model.Event, asIs bool) []byte {
	b = append(b, `{"site":`...)
	b = appendJSONStr(b, e.Site, asIs)
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, e.Seq, 10)
	b = append(b, `,"clock":`...)
	b = strconv.AppendInt(b, e.Clock, 10)
	b = append(b, `,"at":`...)
	if y := e.At.Year(); y < 0 || y > 9999 {
		at, _ := json.Marshal(e.At)
		b = append(b, at...)
	} else {
		b = append(b, '"')
		b = e.At.AppendFormat(b, time.RFC3339Nano)
		b = append(b, '"')
	}
	b = append(b, `,"author":`...)
	b = appendJSONStr(b, e.Author, asIs)
	b = append(b, `,"entity":`...)
	b = appendJSONStr(b, e.Entity, asIs)
	b = append(b, `,"type":`...)
	b = appendJSONStr(b, string(e.Type), asIs)
	if e.Base != "" {
		b = append(b, `,"base":`...)
		b = appendJSONStr(b, e.Base, asIs)
	}
	if e.To != "" {
		b = append(b, `,"to":`...)
		b = appendJSONStr(b, e.To, asIs)
	}
	b = append(b, `,"prev":`...)
	b = appendJSONStr(b, e.Prev, asIs)
	if len(e.Data) > 0 {
		b = append(b, `,"data":`...)
		if asIs || compactJSON(e.Data) {
			b = append(b, e.Data...)
		} else {
			d, _ := json.Marshal(e.Data)
			b = append(b, d...)
		}
	}
	return append(b, '}')
}

// appendJSONStr appends s as a JSON string: escaped as encoding/json does,
// or, asIs, between quotes as it is.
func appendJSONStr(b []byte, s string, asIs bool) []byte {
	if asIs {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return model.AppendJSONString(b, s)
}

// compactJSON reports whether JSON text js is already as json.Marshal
// writes a json.RawMessage: no space between tokens, and none of the
// characters it escapes (<, >, &, U+2028, U+2029).
func compactJSON(js []byte) bool {
	in := false
	for i := 0; i < len(js); i++ {
		c := js[i]
		if jsonPlain[c] {
			continue
		}
		switch {
		case c == '<' || c == '>' || c == '&':
			return false
		case c == 0xe2 && i+2 < len(js) && js[i+1] == 0x80 && (js[i+2] == 0xa8 || js[i+2] == 0xa9):
			return false
		case in && c == '\\':
			i++
		case c == '"':
			in = !in
		case !in && (c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return false
		}
	}
	return !in
}

// jsonPlain marks the bytes compactJSON can pass over without a look.
var jsonPlain = func() (t [256]bool) {
	for i := range t {
		t[i] = true
	}
	for _, c := range []byte("<>&\xe2\\\" \t\n\r") {
		t[c] = false
	}
	return t
}()

// eventHash is e.Hash() (the SHA-256 of its canonical JSON, in hex).
func eventHash(e *model.Event) string {
	var buf [2048]byte
	sum := sha256.Sum256(appendEventJSON(buf[:0], e))
	return hex.EncodeToString(sum[:])
}
