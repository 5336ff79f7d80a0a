package store

import (
	"bytes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"sync"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/chacha20poly1305"
)

// Events sealed at rest (docs/architecture.md, "Access and secrets at
// rest").
//
// Sealing a confidential sender per field (seal.go) keeps every event
// written after the sender was protected free of their identity. The
// events written before (a file from the first release; a person who
// came in the clear and denounced later) still said it, and the log is
// append-only and hash-chained: an event's hash covers its text as
// written, and the upper office holds the same text. So those events are
// not rewritten; they are stored encrypted:
//
//   - The file has a rest key (32 random bytes), kept only age-encrypted
//     to the site's own key ("rest/key"), which every active user unlocks
//     at sign-in (sitekeys.go). A stolen file, a backup, or `dump` and
//     `check` without a sign-in cannot read these events.
//   - A sealed event keeps its header in the clear (site, seq, time,
//     author, entity id, type, previous hash) and stores its hash, so the
//     chain links, the head of the log and the order of records are known
//     without the key. Its data is XChaCha20-Poly1305 under the rest key,
//     the header and hash as associated data. With the key, a reader gets
//     the event exactly as written; its hash is recomputed and compared.
//   - Bundles carry events in their canonical text (encrypted to the
//     receiver), so sealing at rest changes nothing on the wire: it is a
//     local way of storing, not an event.
//
// What is sealed: every event holding a protected identity in the clear,
// of a person whose record is sealed and of a confidential petition or
// case. It happens when a person becomes protected (protectSenders), once
// over the whole file after the upgrade that brings this (sweepRest), and
// after a bundle seals a record here (import). Without the key at that
// moment (nobody signed in), the records wait in "rest/todo/ID" for the
// next sign-in.

var (
	keyRest      = []byte("rest/key")   // age(rest key) to the site's own key
	keyRestSweep = []byte("rest/sweep") // the whole file waits to be swept
	restTodo     = []byte("rest/todo/") // + record id: its events wait to be sealed
	// keyRestScrub: something was sealed since the file was last written
	// whole; its clear bytes stay in the pages bbolt freed until then.
	// The write that set it compacts the file once it commits
	// (scrubIfSealed); if that fails, the next write does.
	keyRestScrub = []byte("rest/scrub")
)

// ErrRestSealed is returned (wrapping ErrSealed) when an event sealed at
// rest is read without its key: the header is decoded, the data is not.
var ErrRestSealed = fmt.Errorf("%w at rest", ErrSealed)

// restKeys holds the rest keys unlocked in this process, by their id
// (the first 8 bytes of the key's SHA-256), each with how many open
// Stores unlocked it: a decoder knows no store, so the keys live here,
// and a backup of this file checked and closed beside it must not take
// the key from the session that holds it.
var (
	restMu   sync.RWMutex
	restKeys = map[string]*restKey{}
)

type restKey struct {
	aead cipher.AEAD
	refs int
}

func restID(key []byte) []byte {
	sum := sha256.Sum256(key)
	return sum[:8]
}

func registerRestKey(s *Store, key []byte) ([]byte, cipher.AEAD, error) {
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, nil, err
	}
	id := restID(key)
	restMu.Lock()
	defer restMu.Unlock()
	k := restKeys[string(id)]
	if k == nil {
		k = &restKey{aead: aead}
		restKeys[string(id)] = k
	}
	if s.restIDs == nil {
		s.restIDs = map[string]bool{}
	}
	if !s.restIDs[string(id)] {
		s.restIDs[string(id)] = true
		k.refs++
	}
	return id, k.aead, nil
}

func restKeyFor(id []byte) (cipher.AEAD, bool) {
	restMu.RLock()
	defer restMu.RUnlock()
	if k := restKeys[string(id)]; k != nil {
		return k.aead, true
	}
	return nil, false
}

// restCipher is the file's rest key, opened with the site's key, made on
// first need when tx is writable. ok is false without the site's key.
type restCipher struct {
	id   []byte
	aead cipher.AEAD
}

func openRestKey(s *Store, tx *bolt.Tx, site *Identity) (*restCipher, error) {
	if site == nil || site.Age == nil {
		return nil, nil
	}
	meta := tx.Bucket(bMeta)
	if b := meta.Get(keyRest); b != nil {
		key, err := ageDecrypt(string(b), site.Age)
		if err != nil {
			return nil, nil // wrapped to another key: the site's keys were replaced
		}
		id, aead, err := registerRestKey(s, key)
		if err != nil {
			return nil, err
		}
		return &restCipher{id, aead}, nil
	}
	if !tx.Writable() {
		return nil, nil
	}
	key := make([]byte, chacha20poly1305.KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	blob, err := ageEncrypt(key, site.Age.Recipient())
	if err != nil {
		return nil, err
	}
	if err := meta.Put(keyRest, []byte(blob)); err != nil {
		return nil, err
	}
	id, aead, err := registerRestKey(s, key)
	if err != nil {
		return nil, err
	}
	return &restCipher{id, aead}, nil
}

// unlockRest opens the file's rest key for a session holding the site's
// keys and, in a writable transaction, seals what waits: the whole file
// after the upgrade, or the records left in rest/todo.
func (w *writer) unlockRest(site *Identity) error {
	meta := w.tx.Bucket(bMeta)
	if meta.Get(keyRest) != nil {
		if _, err := openRestKey(w.s, w.tx, site); err != nil {
			return err
		}
	}
	if !w.tx.Writable() || site == nil {
		return nil
	}
	if meta.Get(keyRestSweep) != nil && w.held == nil {
		// This site's persons protected before this step also had
		// earlier petitions and cases in the clear (protectEarlier);
		// other sites' are theirs to seal, at their own sweep.
		var own []string
		eachIdx(w.tx, "person_sealed", nil, func(_ []byte, id string) bool {
			if siteOfID(id) == w.s.site {
				own = append(own, id)
			}
			return true
		})
		for _, id := range own {
			if err := w.protectEarlier(id); err != nil {
				return err
			}
		}
		if err := sealRestTx(w.s, w.tx, site, protectedRecords(w.tx), nil); err != nil {
			return err
		}
		if err := meta.Delete(keyRestSweep); err != nil {
			return err
		}
	}
	var todo [][]byte
	c := meta.Cursor()
	for k, _ := c.Seek(restTodo); k != nil && bytes.HasPrefix(k, restTodo); k, _ = c.Next() {
		todo = append(todo, append([]byte(nil), k...))
	}
	ids := make([]string, 0, len(todo))
	for _, k := range todo {
		if err := meta.Delete(k); err != nil {
			return err
		}
		ids = append(ids, string(k[len(restTodo):]))
	}
	return sealRestTx(w.s, w.tx, site, ids, nil)
}

// sealRest seals at rest the events of the records ids that hold a
// protected identity in the clear, or keeps them for the next sign-in
// when this writer holds no key.
func (w *writer) sealRest(ids ...string) error {
	site := w.keys
	if site == nil {
		site = w.s.sessionKeys()
	}
	if !w.bulk {
		// At the desk the typed name may also sit in a draft saved by an
		// earlier transaction (meta draft/…): the file is compacted
		// after any sealing, whatever the events' age.
		return sealRestTx(w.s, w.tx, site, ids, nil)
	}
	own := func(key []byte) bool {
		st, n, ok := parseEvKey(key)
		return ok && st == w.s.site && n > w.from
	}
	return sealRestTx(w.s, w.tx, site, ids, own)
}

// sealRestTx seals at rest the events of ids stored in the clear. fresh
// says which events were written in this transaction: their clear form
// never reached the disk (bbolt writes a page's last form at the
// commit), so sealing only them leaves nothing to scrub; sealing any
// other marks the file to be compacted (scrubIfSealed).
func sealRestTx(s *Store, tx *bolt.Tx, site *Identity, ids []string, fresh func(key []byte) bool) error {
	var rc *restCipher
	opened := false
	for _, id := range ids {
		evs := clearEvents(tx, id)
		if len(evs) == 0 {
			continue
		}
		if !opened {
			// Made (or opened) only when something is to be sealed: a
			// file with no rest key reads without a sign-in.
			var err error
			if rc, err = openRestKey(s, tx, site); err != nil {
				return err
			}
			opened = true
		}
		if rc == nil {
			if err := tx.Bucket(bMeta).Put(append(append([]byte(nil), restTodo...), id...), []byte("1")); err != nil {
				return err
			}
			continue
		}
		// A projection must read without a sign-in: one kept by
		// reference to an event sealed now is stored in full first.
		if err := unref(tx, id); err != nil {
			return err
		}
		eb := tx.Bucket(bEvents)
		scrub := false
		for _, x := range evs {
			if err := eb.Put(x.key, encodeEventRest(&x.e, rc)); err != nil {
				return err
			}
			scrub = scrub || fresh == nil || !fresh(x.key)
		}
		if !scrub {
			continue
		}
		if err := tx.Bucket(bMeta).Put(keyRestScrub, []byte("1")); err != nil {
			return err
		}
	}
	return nil
}

// protectedState reports whether a projection is protected: a person
// whose record is sealed, a confidential petition or case.
func protectedState(v any) bool {
	switch x := v.(type) {
	case *model.Person:
		return x.Sealed != ""
	case *model.Petition:
		return x.Confidential
	case *model.Case:
		return x.Confidential
	}
	return false
}

// sealRestImported seals at rest the events of the records an import
// touched that are protected now (protected: their ids, from the fold
// of the import): a bundle that sealed a person here, or a child's
// confidential case whose old events named its sender.
func (s *Store) sealRestImported(tx *bolt.Tx, touched map[string][]model.Event, protected []string) error {
	if len(protected) == 0 {
		return nil
	}
	sort.Strings(protected)
	fresh := map[string]bool{} // the events of the protected records this import brought
	for _, id := range protected {
		for _, e := range touched[id] {
			fresh[string(evKey(e.Site, e.Seq))] = true
		}
	}
	return sealRestTx(s, tx, s.sessionKeys(), protected, func(key []byte) bool { return fresh[string(key)] })
}

// protectedRecords lists every protected record of the file: persons
// whose record is sealed, confidential petitions and cases (the sweep
// after the upgrade that brings sealing at rest).
func protectedRecords(tx *bolt.Tx) []string {
	var ids []string
	eachIdx(tx, "person_sealed", nil, func(_ []byte, id string) bool {
		ids = append(ids, id)
		return true
	})
	for _, kind := range []string{model.EntPetition, model.EntCase} {
		eachState(tx, kind, func(id string, b []byte) error {
			var x struct {
				Confidential bool `json:"confidential"`
			}
			if decodeJSON(b, &x) == nil && x.Confidential {
				ids = append(ids, id)
			}
			return nil
		})
	}
	return ids
}

type keyedEvent struct {
	key []byte
	e   model.Event
}

// clearEvents returns the events of record id, stored in the clear, that
// name someone.
func clearEvents(tx *bolt.Tx, id string) []keyedEvent {
	eb := tx.Bucket(bEvents)
	var out []keyedEvent
	for _, k := range listKeys(tx, id) {
		v := listedKey(k)
		raw := eb.Get(v)
		if raw == nil {
			continue
		}
		if _, sealed := restIDOf(raw); sealed {
			continue
		}
		e, err := decodeEvent(raw)
		if err != nil || !namesInClear(e.Data) {
			continue
		}
		out = append(out, keyedEvent{append([]byte(nil), v...), e})
	}
	return out
}

// namesInClear reports whether an event's data holds an identity in the
// clear: a name, an ID number, a phone or an address that is not a
// sealed blob, at any depth (a merge carries whole persons).
func namesInClear(data []byte) bool {
	if len(data) == 0 {
		return false
	}
	var v any
	if json.Unmarshal(data, &v) != nil {
		return true // unreadable: seal it rather than guess
	}
	var walk func(v any) bool
	walk = func(v any) bool {
		switch x := v.(type) {
		case map[string]any:
			for k, f := range x {
				switch k {
				case "name", "id_number", "phone", "address", "sender_name", "name_fold":
					if s, ok := f.(string); ok && s != "" && !sealedString(s) {
						return true
					}
				}
				if walk(f) {
					return true
				}
			}
		case []any:
			for _, f := range x {
				if walk(f) {
					return true
				}
			}
		}
		return false
	}
	return walk(v)
}

// encodeEventRest returns the stored form of e with its data sealed
// under rc: the header as encodeEvent writes it, with flagRest, then the
// event's hash, the key's id, a nonce and the sealed packed data.
func encodeEventRest(e *model.Event, rc *restCipher) []byte {
	sum, _ := hex.DecodeString(eventHash(e))
	head := encodeHeader(e, flagRest)
	plain := packJSON(nil, e.Data)
	nonce := make([]byte, rc.aead.NonceSize())
	rand.Read(nonce)
	head = append(head, sum...)
	ad := head
	out := append(append([]byte(nil), head...), rc.id...)
	out = append(out, nonce...)
	return rc.aead.Seal(out, nonce, plain, ad)
}

// restFlagged reports whether a stored event's flags, which open its
// header, say it is sealed at rest: for nearly every event they say not,
// and its header need not be read (check asked it of each event twice).
func restFlagged(raw []byte) bool {
	if len(raw) < 2 || raw[0] != tagEvent {
		return false
	}
	f, n := binary.Uvarint(raw[1:])
	return n > 0 && f&flagRest != 0
}

// restIDOf returns the id of the key an event is sealed under, and
// whether it is sealed at rest.
func restIDOf(raw []byte) ([]byte, bool) {
	if !restFlagged(raw) {
		return nil, false
	}
	h, ok := parseHeader(raw)
	if !ok || h.flags&flagRest == 0 || len(h.rest) < 32+8 {
		return nil, false
	}
	return h.rest[32:40], true
}

// hashOf returns the hash of a stored event: the one it stores when it
// is sealed at rest, else computed from e (decoded from raw).
func hashOf(raw []byte, e *model.Event) string {
	if sum := storedHash(raw); sum != nil {
		return hex.EncodeToString(sum)
	}
	return eventHash(e)
}

// storedHash returns the hash (32 bytes) a stored event sealed at rest
// keeps in the clear before its sealed data, or nil if it is not one.
func storedHash(raw []byte) []byte {
	if !restFlagged(raw) {
		return nil
	}
	if h, ok := parseHeader(raw); ok && h.flags&flagRest != 0 && len(h.rest) >= 32 {
		return h.rest[:32]
	}
	return nil
}

// openRest opens the sealed part of an event (after its header: hash,
// key id, nonce, sealed data) and checks the stored hash against the
// event it gives.
func openRest(head, rest []byte) ([]byte, error) {
	if len(rest) < 32+8 {
		return nil, errBadValue
	}
	hash, id := rest[:32], rest[32:40]
	aead, ok := restKeyFor(id)
	if !ok {
		return nil, ErrRestSealed
	}
	body := rest[40:]
	if len(body) < aead.NonceSize() {
		return nil, errBadValue
	}
	ad := append(append([]byte(nil), head...), hash...)
	plain, err := aead.Open(nil, body[:aead.NonceSize()], body[aead.NonceSize():], ad)
	if err != nil {
		return nil, errors.New("sealed data does not open: damaged")
	}
	return plain, nil
}

// errNeedsRestKey says that a record's old events are sealed at rest and
// nobody who can open them is signed in.
func errNeedsRestKey(err error) error {
	return userErr(err,
		"Hồ sơ có sự kiện cũ được niêm phong (danh tính người tố cáo): cần đăng nhập để đọc. Chạy lại lệnh với --user",
		"The record has old events sealed at rest (a denouncer's identity): a sign-in is needed to read them. Run the command again with --user")
}

// finishRebuild runs a rebuild left half-way: whole when the events
// sealed at rest can be read, else for every record but theirs (see
// rebuild), to be finished at the next sign-in.
func (s *Store) finishRebuild() (err error) {
	defer Guard(&err, s.path)()
	return s.rebuild(true)
}

// forgetRest lets go of the rest keys this Store unlocked: the last open
// Store to let go of a key (a sign-out, a close) drops it from the
// process, which then cannot read those sealed events.
func (s *Store) forgetRest() {
	restMu.Lock()
	defer restMu.Unlock()
	for id := range s.restIDs {
		if k := restKeys[id]; k != nil {
			if k.refs--; k.refs <= 0 {
				delete(restKeys, id)
			}
		}
	}
	s.restIDs = nil
}

// restOpens reports whether a stored event reads here: it is not sealed
// at rest, or its key is unlocked.
func restOpens(raw []byte) bool {
	id, sealed := restIDOf(raw)
	if !sealed {
		return true
	}
	_, held := restKeyFor(id)
	return held
}

// scrubIfSealed clears the file's free pages when a committed write
// sealed events at rest (keyRestScrub): their clear bytes are in the
// pages that write freed, which a backup would copy. It used to compact
// the whole file, seconds at an office (a denunciation at the desk froze
// the screen 7 s at a million events); the pages freed are overwritten
// with zeros in place instead (scrubFree), in milliseconds. While a read
// is under way (it may still hold those pages) the mark stays, and the
// next write or sign-in tries again.
func (s *Store) scrubIfSealed() {
	if s.db.IsReadOnly() {
		return
	}
	marked := false
	s.db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bMeta); meta != nil {
			marked = meta.Get(keyRestScrub) != nil
		}
		return nil
	})
	if !marked {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	// A read in the background (a search being built, a report) ends in
	// a moment: wait a little for it rather than leave the pages.
	for i := 0; i < 40 && s.db.reads.Load() > 0; i++ {
		time.Sleep(25 * time.Millisecond)
	}
	s.db.Update(func(tx *bolt.Tx) error {
		if s.db.reads.Load() > 0 {
			return errStop // still read: the mark stays
		}
		if err := scrubFree(tx, s.path); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Delete(keyRestScrub)
	})
}

// scrubFree overwrites with zeros, in the file at path, every page bbolt
// holds free (in its freelist: neither reachable from the last commit nor
// in use), and syncs them. It runs inside tx, the one writer, so nothing
// allocates meanwhile, and only when no read is under way (fileDB.reads),
// so no reader holds a freed page: those it writes are pages bbolt itself
// would overwrite at its next commit, and the file is as valid before,
// during and after (a crash half-way leaves zeros only in free pages,
// and the mark, so the next write scrubs again).
func scrubFree(tx *bolt.Tx, path string) error {
	size := tx.DB().Info().PageSize
	hwm := int(tx.Size()) / size
	free := func(id int) bool {
		p, err := tx.Page(id)
		return err == nil && p != nil && p.Type == "free"
	}
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	const most = 256 // pages written at once
	zeros := make([]byte, most*size)
	for id := 2; id < hwm; id++ {
		if !free(id) {
			continue
		}
		n := 1
		for n < most && id+n < hwm && free(id+n) {
			n++
		}
		if _, err := f.WriteAt(zeros[:n*size], int64(id)*int64(size)); err != nil {
			return err
		}
		id += n - 1
	}
	return f.Sync()
}
