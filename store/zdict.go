package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"

	"github.com/klauspost/compress/s2"
	bolt "go.etcd.io/bbolt"
)

// Dictionary compression of event data and projections (schema 5).
//
// An event's data is a few hundred bytes of packed JSON: too short to
// compress alone, but an office's events repeat one another (the same
// fields, employers, staff, phrases of the law). Once a file holds
// dictMinEvents events, a dictionary of up to 64 KB is made from a
// sample of them, spread over the whole log, and kept in the file; the
// data of every later event, and of every earlier one at the next rewrite
// of the file (Compact), is stored as an S2 block that refers to it
// (flagDict in the header), and so are projections (tagDictState).
// Dictionaries are never removed: each value names its own by a hash of
// it, so a file may hold several and two files never confuse theirs. The
// header stays in the clear; bundles carry events as canonical JSON, so
// nothing changes on the wire or in any hash. S2 (a Snappy descendant)
// was measured against zstd with a trained dictionary on the office
// bench file: smaller (59 against 85 bytes of a visit's 230), encoding
// ten times faster (0.8 against 7 µs) and decoding four times faster.
// See docs/architecture.md, "How the file is laid out".

const (
	flagDict    = 1 << 3               // the data is dictID(4) and an S2 block under that dictionary
	dictSamples = 600                  // events sampled to make a dictionary (their last 64 KB are kept)
	dictMagic   = "donthu-s2-dict\x00" // before the dictionary in its meta value
)

// dictMinEvents is how many events a file holds before it makes its
// dictionary (a variable for tests).
var dictMinEvents uint64 = 5000

var (
	metaDict      = []byte("dict")       // meta: the id (hex) of the dictionary new values are compressed with
	dictPrefix    = []byte("dict/")      // meta: dict/ID -> dictMagic and the dictionary
	metaDictTried = []byte("dict_tried") // meta: the log mark at which making one found too few events
)

// maxCompressed is the largest value compressed; larger ones (a bundle
// line may be 16 MB) are stored as they are, and decompress refuses to
// make more than this of anything.
const maxCompressed = 1 << 20

// zdict is one dictionary.
type zdict struct {
	id uint32
	d  *s2.Dict
}

// dicts holds every dictionary of the files opened by this process, by
// id. Ids are hashes of the dictionary, so two files never disagree on
// what one id means; an entry is never removed (64 KB each, and tables
// made on first use).
var dicts sync.Map // uint32 -> *zdict

var errNoDict = errors.New("store: a value compressed under a dictionary this file does not hold")

// registerDict makes the dictionary stored as v (meta dict/ID) known to
// the codec.
func registerDict(v []byte) (*zdict, error) {
	if !bytes.HasPrefix(v, []byte(dictMagic)) {
		return nil, fmt.Errorf("%w: a dictionary without its mark", ErrCorrupt)
	}
	raw := v[len(dictMagic):]
	id := dictHashID(raw)
	if d, ok := dicts.Load(id); ok {
		return d.(*zdict), nil
	}
	d := s2.NewDict(raw)
	if d == nil {
		return nil, fmt.Errorf("%w: dictionary %08x is damaged", ErrCorrupt, id)
	}
	z, _ := dicts.LoadOrStore(id, &zdict{id: id, d: d})
	return z.(*zdict), nil
}

// dictHashID is the id of the dictionary raw: never 0.
func dictHashID(raw []byte) uint32 {
	sum := sha256.Sum256(raw)
	return binary.BigEndian.Uint32(sum[:]) | 1
}

// compress returns src compressed under d, after prefix: the
// dictionary's id, then the S2 block.
func (d *zdict) compress(prefix, src []byte) []byte {
	block := d.d.Encode(nil, src)
	out := make([]byte, 0, len(prefix)+4+len(block))
	out = append(out, prefix...)
	out = binary.BigEndian.AppendUint32(out, d.id)
	return append(out, block...)
}

// decompress returns what compress was given, from its output past the
// prefix.
func decompress(b []byte) ([]byte, error) { return decompressInto(nil, b) }

// decompressInto is decompress into dst's room when it has enough.
func decompressInto(dst, b []byte) ([]byte, error) {
	if len(b) < 5 {
		return nil, errBadValue
	}
	id := binary.BigEndian.Uint32(b)
	d, ok := dicts.Load(id)
	if !ok {
		return nil, fmt.Errorf("%w (%08x)", errNoDict, id)
	}
	n, err := s2.DecodedLen(b[4:])
	if err != nil || n > maxCompressed {
		return nil, fmt.Errorf("%w: %v", errBadValue, err)
	}
	if cap(dst) < n {
		dst = make([]byte, n)
	}
	out, err := d.(*zdict).d.Decode(dst[:n], b[4:])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadValue, err)
	}
	return out, nil
}

// loadDicts registers the dictionaries of a file. A damaged one is left
// out: the events under it are reported damaged by check, one by one.
func loadDicts(tx *bolt.Tx) {
	c := tx.Bucket(bMeta).Cursor()
	for k, v := c.Seek(dictPrefix); k != nil && bytes.HasPrefix(k, dictPrefix); k, v = c.Next() {
		registerDict(v)
	}
}

// ensureDict trains and adopts the file's dictionary if it has none and
// holds enough events; a failure to train leaves the file as it was
// (events are then stored uncompressed, as before).
func (s *Store) ensureDict() {
	mark := s.LogMark()
	s.db.Update(func(tx *bolt.Tx) error {
		if currentDict(tx) != nil {
			return nil
		}
		v, err := trainDict(tx, int(dictMinEvents))
		if err != nil {
			return err
		}
		if v == nil {
			// Too few events in the clear to make one of (a child's file
			// holding its parent's head, events sealed at rest): tried
			// again only once the log has doubled, not at every open.
			return tx.Bucket(bMeta).Put(metaDictTried, []byte(strconv.FormatUint(mark, 10)))
		}
		_, err = adoptDict(tx, v)
		return err
	})
}

// wantsDict reports whether the file holds enough events for a
// dictionary and has none yet.
func (s *Store) wantsDict() bool {
	mark := s.LogMark()
	if mark < dictMinEvents {
		return false
	}
	want := false
	s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		tried, _ := strconv.ParseUint(string(meta.Get(metaDictTried)), 10, 64)
		want = meta.Get(metaDict) == nil && mark >= 2*tried
		return nil
	})
	return want
}

// currentDict returns the dictionary new events of the file are
// compressed with, or nil.
func currentDict(tx *bolt.Tx) *zdict {
	v := tx.Bucket(bMeta).Get(metaDict)
	if len(v) != 8 {
		return nil
	}
	var id [4]byte
	if _, err := hex.Decode(id[:], v); err != nil {
		return nil
	}
	// The file must hold the dictionary itself, not only name it: values
	// compressed under one it lacks could not be read elsewhere.
	raw := tx.Bucket(bMeta).Get(append(append([]byte(nil), dictPrefix...), v...))
	if raw == nil {
		return nil
	}
	if d, ok := dicts.Load(binary.BigEndian.Uint32(id[:])); ok {
		return d.(*zdict)
	}
	zd, err := registerDict(raw)
	if err != nil {
		return nil
	}
	return zd
}

// compressEvent returns raw, a stored event in the clear and not yet
// compressed, with its data compressed under d (raw itself if it is not
// such an event, or compressing gains nothing).
func compressEvent(raw []byte, d *zdict) []byte {
	h, ok := parseHeader(raw)
	if d == nil || !ok || h.flags&(flagRest|flagDict) != 0 || len(h.rest) == 0 || len(h.rest) > maxCompressed {
		return raw
	}
	z := d.compress(withFlags(h.head, flagDict, 0), h.rest)
	if len(z) >= len(raw) {
		return raw
	}
	return z
}

// compressState returns b, a stored projection, compressed under d if it
// is packed and compressing gains something; else b.
func compressState(b []byte, d *zdict) []byte {
	if d == nil || len(b) < 2 || b[0] != tagPacked || len(b) > maxCompressed {
		return b
	}
	z := d.compress([]byte{tagDictState}, b[1:])
	if len(z) >= len(b) {
		return b
	}
	return z
}

// storedAsPacked reports whether was, a projection as a file stores it,
// is packed (encodeState's) compressed under d: a rebuild then writes it
// again as it is. Most of a healthy file's projections are, and taking
// the compression off one is several times cheaper than making it:
// compressing them again took a rebuild of an office's decade 0.37 s.
func storedAsPacked(was, packed []byte, d *zdict) bool {
	if d == nil || len(was) < 5 || was[0] != tagDictState || binary.BigEndian.Uint32(was[1:]) != d.id || len(packed) == 0 || packed[0] != tagPacked {
		return false
	}
	if n, err := s2.DecodedLen(was[5:]); err != nil || n != len(packed)-1 {
		return false
	}
	sc := scratches.Get().(*jsonScratch)
	defer scratches.Put(sc)
	p, err := decompressInto(sc.packed, was[1:])
	if err != nil {
		return false
	}
	sc.packed = p
	return bytes.Equal(p, packed[1:])
}

// packedState returns a stored projection as packed (tagPacked), taking
// off its compression: two stored forms of one projection compare equal
// whatever the compressor's version made of it.
func packedState(b []byte) ([]byte, error) {
	if len(b) == 0 || b[0] != tagDictState {
		return b, nil
	}
	p, err := decompress(b[1:])
	if err != nil {
		return nil, err
	}
	return append([]byte{tagPacked}, p...), nil
}

// withFlags returns a stored event's header with the flags set added and
// those in clear taken away.
func withFlags(head []byte, set, clear uint64) []byte {
	flags, n := binary.Uvarint(head[1:])
	out := make([]byte, 0, len(head)+1)
	out = append(out, head[0])
	out = binary.AppendUvarint(out, flags&^clear|set)
	return append(out, head[1+n:]...)
}

// trainDict makes a dictionary from a sample of the events of the file
// (in the clear; each one's packed data), spread over the whole log and
// the same for the same log. It returns the value to store as
// meta dict/ID, or nil if the file holds too few events.
func trainDict(tx *bolt.Tx, min int) ([]byte, error) {
	// Seeded by the log's first key: the same log, the same dictionary.
	var first []byte
	if k, _ := tx.Bucket(bEvents).Cursor().First(); k != nil {
		first = k
	}
	s := newDictSample(first)
	err := tx.Bucket(bEvents).ForEach(func(_, v []byte) error {
		h, ok := parseHeader(v)
		if !ok || h.flags&flagRest != 0 || len(h.rest) == 0 {
			return nil
		}
		data := h.rest
		if h.flags&flagDict != 0 {
			var err error
			if data, err = decompress(h.rest); err != nil {
				return nil // read as it can be; check reports it
			}
			s.add(data, false)
		} else {
			s.add(data, true)
		}
		return nil
	})
	if err != nil || s.n < min {
		return nil, err
	}
	return s.dict(), nil
}

// dictSample is a reservoir sample of dictSamples events' packed data,
// from which a dictionary is made.
type dictSample struct {
	rng     *rand.Rand
	samples [][]byte
	n       int // events offered
}

// newDictSample begins a sample seeded by seed (the key of the first
// event offered): deterministic.
func newDictSample(seed []byte) *dictSample {
	var s [32]byte
	if seed != nil {
		s = sha256.Sum256(seed)
	}
	return &dictSample{rng: rand.New(rand.NewChaCha8(s)), samples: make([][]byte, 0, dictSamples)}
}

// add offers an event's packed data to the sample; mustCopy: data does
// not stay as it is, and is copied if kept.
func (s *dictSample) add(data []byte, mustCopy bool) {
	s.n++
	i := s.n - 1
	if len(s.samples) == dictSamples {
		if i = s.rng.IntN(s.n); i >= dictSamples {
			return
		}
	}
	if mustCopy {
		data = append([]byte(nil), data...)
	}
	if len(s.samples) < dictSamples {
		s.samples = append(s.samples, data)
	} else {
		s.samples[i] = data
	}
}

// dict makes the dictionary of the sample: the value to store as
// meta dict/ID, or nil if there is too little to make one of.
func (s *dictSample) dict() []byte {
	var all []byte
	for _, p := range s.samples {
		all = append(all, p...)
	}
	d := s2.MakeDict(all, nil)
	if d == nil {
		return nil
	}
	return append([]byte(dictMagic), d.Bytes()...)
}

// adoptDict stores a trained dictionary in the file (meta, inside tx) and
// makes it the one new events are compressed with.
func adoptDict(tx *bolt.Tx, v []byte) (*zdict, error) {
	d, err := registerDict(v)
	if err != nil {
		return nil, err
	}
	id := fmt.Sprintf("%08x", d.id)
	meta := tx.Bucket(bMeta)
	if err := meta.Put(append(append([]byte(nil), dictPrefix...), id...), v); err != nil {
		return nil, err
	}
	return d, meta.Put(metaDict, []byte(id))
}
