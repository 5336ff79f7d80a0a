package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"

	"github.com/klauspost/compress/dict"
	"github.com/klauspost/compress/zstd"
	bolt "go.etcd.io/bbolt"
)

// Dictionary compression of event data (schema 5).
//
// An event's data is a few hundred bytes of packed JSON: too short to
// compress alone, but an office's events repeat one another (the same
// fields, employers, staff, phrases of the law). Once a file holds
// dictMinEvents events, a zstd dictionary is trained on a sample of them
// and kept in the file; the data of every later event, and of every
// earlier one at the next rewrite of the file (Compact), is stored as a
// zstd frame under it (flagZstd in the header). Dictionaries are never
// removed: each frame names its own (the frame's dictionary id, a hash
// of the dictionary), so a file may hold events under several. The
// header stays in the clear; bundles carry events as canonical JSON, so
// nothing changes on the wire or in any hash. See docs/architecture.md,
// "How the file is laid out".

const (
	flagZstd    = 1 << 3 // the data is a zstd frame under one of the file's dictionaries
	dictSamples = 2000   // events sampled to train a dictionary
	dictSize    = 16 << 10
	dictMagic   = "donthu-zstd-dict\x00" // before the dictionary in its meta value
)

// dictMinEvents is how many events a file holds before it trains its
// dictionary (a variable for tests).
var dictMinEvents uint64 = 5000

var (
	metaDict   = []byte("dict")  // meta: the id (hex) of the dictionary new events are compressed with
	dictPrefix = []byte("dict/") // meta: dict/ID -> dictMagic and the dictionary
)

// zdict is one dictionary, ready to compress and decompress with.
type zdict struct {
	id  uint32
	enc *zstd.Encoder
	dec *zstd.Decoder
}

// dicts holds every dictionary of the files opened by this process, by
// id. Ids are hashes of the dictionary, so two files never disagree on
// what one id means; an entry is never removed (a few tens of KB each).
var dicts sync.Map // uint32 -> *zdict

var errNoDict = errors.New("store: an event compressed under a dictionary this file does not hold")

// registerDict makes the dictionary stored as v (meta dict/ID) known to
// the codec and returns its id.
func registerDict(v []byte) (*zdict, error) {
	if !bytes.HasPrefix(v, []byte(dictMagic)) {
		return nil, fmt.Errorf("%w: a dictionary without its mark", ErrCorrupt)
	}
	raw := v[len(dictMagic):]
	id, err := dictID(raw)
	if err != nil {
		return nil, err
	}
	if d, ok := dicts.Load(id); ok {
		return d.(*zdict), nil
	}
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderDict(raw), zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(2), zstd.WithZeroFrames(true))
	if err != nil {
		return nil, fmt.Errorf("%w: dictionary %08x: %v", ErrCorrupt, id, err)
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderDicts(raw), zstd.WithDecoderConcurrency(0),
		zstd.WithDecoderMaxMemory(4<<20))
	if err != nil {
		enc.Close()
		return nil, fmt.Errorf("%w: dictionary %08x: %v", ErrCorrupt, id, err)
	}
	d, _ := dicts.LoadOrStore(id, &zdict{id: id, enc: enc, dec: dec})
	return d.(*zdict), nil
}

// dictID reads the id a zstd dictionary declares, and checks that it is
// the hash of the rest (dictHashID): a damaged dictionary is refused.
func dictID(raw []byte) (uint32, error) {
	if len(raw) < 8 || binary.LittleEndian.Uint32(raw) != 0xEC30A437 {
		return 0, fmt.Errorf("%w: not a zstd dictionary", ErrCorrupt)
	}
	id := binary.LittleEndian.Uint32(raw[4:])
	if id != dictHashID(raw[8:]) {
		return 0, fmt.Errorf("%w: dictionary %08x is damaged", ErrCorrupt, id)
	}
	return id, nil
}

// dictHashID is the id of a dictionary whose content (past its magic and
// id) is body: in [2^24, 2^31), so every frame names it in four bytes.
func dictHashID(body []byte) uint32 {
	sum := sha256.Sum256(body)
	return 1<<24 + binary.BigEndian.Uint32(sum[:])%(1<<31-1<<24)
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
	s.db.Update(func(tx *bolt.Tx) error {
		if currentDict(tx) != nil {
			return nil
		}
		v, err := trainDict(tx, int(dictMinEvents))
		if err != nil || v == nil {
			return err
		}
		_, err = adoptDict(tx, v)
		return err
	})
}

// wantsDict reports whether the file holds enough events for a
// dictionary and has none yet.
func (s *Store) wantsDict() bool {
	if s.LogMark() < dictMinEvents {
		return false
	}
	want := false
	s.db.View(func(tx *bolt.Tx) error {
		want = tx.Bucket(bMeta).Get(metaDict) == nil
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
	d, ok := dicts.Load(binary.BigEndian.Uint32(id[:]))
	if !ok {
		if raw := tx.Bucket(bMeta).Get(append(append([]byte(nil), dictPrefix...), v...)); raw != nil {
			if zd, err := registerDict(raw); err == nil {
				return zd
			}
		}
		return nil
	}
	return d.(*zdict)
}

// compressEvent returns raw, a stored event in the clear and not yet
// compressed, with its data compressed under d (raw itself if it is not
// such an event, or compressing gains nothing).
func compressEvent(raw []byte, d *zdict) []byte {
	h, ok := parseHeader(raw)
	if d == nil || !ok || h.flags&(flagRest|flagZstd) != 0 || len(h.rest) == 0 {
		return raw
	}
	z := d.enc.EncodeAll(h.rest, nil)
	if len(z) >= len(h.rest) {
		return raw
	}
	out := setFlag(h.head, flagZstd)
	return append(out, z...)
}

// compressState returns b, a stored projection, compressed under d if it
// is packed and compressing gains something; else b.
func compressState(b []byte, d *zdict) []byte {
	if d == nil || len(b) < 2 || b[0] != tagPacked {
		return b
	}
	z := d.enc.EncodeAll(b[1:], []byte{tagZstate})
	if len(z) >= len(b) {
		return b
	}
	return z
}

// packedState returns a stored projection as packed (tagPacked), taking
// off its compression: two stored forms of one projection compare equal
// whatever the compressor's version made of it.
func packedState(b []byte) ([]byte, error) {
	if len(b) == 0 || b[0] != tagZstate {
		return b, nil
	}
	p, err := decompress(b[1:])
	if err != nil {
		return nil, err
	}
	return append([]byte{tagPacked}, p...), nil
}

// setFlag returns a stored event's header with flag set besides its own.
func setFlag(head []byte, flag uint64) []byte {
	flags, n := binary.Uvarint(head[1:])
	out := make([]byte, 0, len(head)+1)
	out = append(out, head[0])
	out = binary.AppendUvarint(out, flags|flag)
	return append(out, head[1+n:]...)
}

// decompress returns the packed data of a compressed event.
func decompress(frame []byte) ([]byte, error) {
	var h zstd.Header
	if err := h.Decode(frame); err != nil {
		return nil, fmt.Errorf("%w: %v", errBadValue, err)
	}
	d, ok := dicts.Load(h.DictionaryID)
	if !ok {
		return nil, fmt.Errorf("%w (%08x)", errNoDict, h.DictionaryID)
	}
	out, err := d.(*zdict).dec.DecodeAll(frame, make([]byte, 0, h.FrameContentSize))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errBadValue, err)
	}
	return out, nil
}

// trainDict builds a dictionary from a sample of the events of the file
// (in the clear; each one's packed data), spread over the whole log and
// the same for the same log. It returns the value to store as
// meta dict/ID, or nil if the file holds too few events.
func trainDict(tx *bolt.Tx, min int) ([]byte, error) {
	// Reservoir sampling, seeded by the log's first key: deterministic.
	var seed [32]byte
	if k, _ := tx.Bucket(bEvents).Cursor().First(); k != nil {
		seed = sha256.Sum256(k)
	}
	rng := rand.New(rand.NewChaCha8(seed))
	samples := make([][]byte, 0, dictSamples)
	n := 0
	err := tx.Bucket(bEvents).ForEach(func(_, v []byte) error {
		h, ok := parseHeader(v)
		if !ok || h.flags&flagRest != 0 || len(h.rest) == 0 {
			return nil
		}
		n++
		i := n - 1
		if len(samples) == dictSamples {
			if i = rng.IntN(n); i >= dictSamples {
				return nil
			}
		}
		data := h.rest
		if h.flags&flagZstd != 0 {
			var err error
			if data, err = decompress(h.rest); err != nil {
				return nil // read as it can be; check reports it
			}
		} else {
			data = append([]byte(nil), data...)
		}
		if len(samples) < dictSamples {
			samples = append(samples, data)
		} else {
			samples[i] = data
		}
		return nil
	})
	if err != nil || n < min {
		return nil, err
	}
	// The id is the hash of the dictionary's content, which does not
	// depend on the id: built once with a placeholder, then stamped.
	raw, err := dict.BuildZstdDict(samples, dict.Options{MaxDictSize: dictSize, HashBytes: 6, ZstdDictID: 1 << 24, ZstdLevel: zstd.SpeedFastest})
	if err != nil {
		return nil, err
	}
	binary.LittleEndian.PutUint32(raw[4:], dictHashID(raw[8:]))
	return append([]byte(dictMagic), raw...), nil
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
