package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// A site restored from an old backup, or salvaged, holds less of its own
// chain than its parent office does. The parent's bundles say how much
// they hold (Holds); until the parent has returned the missing events
// (bundle.Manifest.Returned), this site must write nothing: each new
// event would take a (site, seq) the parent already holds with other
// content, and each new petition a number already given.
//
// metaAwait holds the seq of this site's own chain that the parent holds
// and this file does not yet, while that is so.
var metaAwait = []byte("sync/await_own")

// metaRestored marks a file that is a copy of the log at some moment: a
// backup (every backup carries it), a restored backup, a salvaged file.
// Opened as the live file, it may lack events of its own chain that the
// parent office already holds, and nobody here can know how many until
// the parent answers. Its value is when the copy was made (RFC 3339) and
// a random name for this copy: bundles to the parent carry the name
// (bundle.Manifest.Copy), and the first bundle back that answers it
// (Manifest.Answers) was made after the parent saw the copy, so what it
// says the parent holds is complete. That clears the mark (then
// metaAwait takes over if the parent holds more). Clocks play no part:
// a laptop's clock may be days off, and a bundle made before the copy
// must never clear it.
var metaRestored = []byte("sync/restored_copy")

// copyMark is the value of metaRestored for a copy made at t.
func copyMark(t time.Time) []byte {
	var b [8]byte
	rand.Read(b[:])
	return []byte(t.UTC().Format(time.RFC3339) + " " + hex.EncodeToString(b[:]))
}

// copyOf splits a copy mark into when the copy was made and its name.
func copyOf(v []byte) (made time.Time, name string) {
	at, name, _ := strings.Cut(string(v), " ")
	made, _ = time.Parse(time.RFC3339, at)
	return made, name
}

// awaiting returns the refusal of a write while own events are awaited
// from the parent, or may be (a copy of the log that has not yet heard
// from its parent), or nil.
func awaiting(tx *bolt.Tx, site string, mine uint64) error {
	mb := tx.Bucket(bMeta)
	if v := mb.Get(metaAwait); v != nil {
		want, _ := strconv.ParseUint(string(v), 10, 64)
		if want > mine {
			return userErr(ErrRestored,
				fmt.Sprintf("Chưa lưu được: tệp này được khôi phục từ bản sao lưu cũ, và cấp trên giữ dữ liệu của đơn vị đến sự kiện số %d trong khi tệp này chỉ có đến số %d. Để không số nào bị cấp hai lần, hãy gửi một gói cho cấp trên (Đồng bộ, hoặc donthu bundle export) rồi nhập gói trả lời: phần thiếu sẽ được trả lại, sau đó ghi tiếp bình thường.", want, mine),
				fmt.Sprintf("Not saved: this file was restored from an old backup, and the parent office holds this site's data up to event %d while this file has only up to %d. So that no number is given twice, send the office a bundle (Sync, or donthu bundle export) and import its answer: what is missing comes back, and saving works again.", want, mine))
		}
	}
	if v := mb.Get(metaRestored); v != nil {
		var st model.Site
		if getState(tx, model.SiteEntity(site), &st) != nil || st.Parent == "" {
			return nil // nobody holds more of this chain than this file
		}
		made, _ := copyOf(v)
		return userErr(ErrRestored,
			fmt.Sprintf("Chưa lưu được: tệp này là một bản sao lưu (lúc %s) được mở lại, và cấp trên %s có thể đã nhận những sự kiện mới hơn của đơn vị. Để không số nào bị cấp hai lần, hãy gửi một gói cho %s (Đồng bộ, hoặc donthu bundle export) rồi nhập gói trả lời: phần thiếu (nếu có) sẽ được trả lại, sau đó ghi tiếp bình thường. Việc đăng nhập vẫn được ghi lại.", vnTime(made), st.Parent, st.Parent),
			fmt.Sprintf("Not saved: this file is a backup (of %s) opened again, and the parent office %s may have received newer events of this site. So that no number is given twice, send %s a bundle (Sync, or donthu bundle export) and import its answer: anything missing comes back, then saving works again. Sign-ins are still recorded.", vnTime(made), st.Parent, st.Parent))
	}
	return nil
}

func vnTime(t time.Time) string {
	if t.IsZero() {
		return "?"
	}
	return t.In(model.VN).Format("02/01/2006 15:04")
}

// markCopy marks the bbolt file at path, a copy of the log just written
// and not yet in use, as a copy made at t (see metaRestored).
func markCopy(path string, t time.Time) error {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return err
	}
	err = db.Update(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bMeta)
		if mb == nil {
			return nil // not a donthu file: whoever opens it says so
		}
		return mb.Put(metaRestored, copyMark(t))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// copyName is the name of this file as a copy waiting for its parent's
// answer, or "" when it is not one.
func copyName(tx *bolt.Tx) string {
	v := tx.Bucket(bMeta).Get(metaRestored)
	if v == nil {
		return ""
	}
	_, name := copyOf(v)
	return name
}

// heardFromParent clears the copy mark once a bundle from the parent
// answers this copy (see metaRestored).
func heardFromParent(tx *bolt.Tx, answers string) error {
	if name := copyName(tx); name == "" || answers != name {
		return nil
	}
	return tx.Bucket(bMeta).Delete(metaRestored)
}

// CopyState says whether this file is a copy of the log (a restored
// backup, a salvaged file) that must hear from its parent before it
// saves anything, and what it waits for.
type CopyState struct {
	Waiting bool      // nothing but sign-ins is saved until the parent answers
	Made    time.Time // when the copy was made (zero if unknown)
	Parent  string    // the parent office that must answer
	// Lacks: the parent holds this site's events up to Lacks, which the
	// file does not yet (0: not known to hold more).
	Lacks uint64
	Held  int // sign-ins and other audit records waiting to be written
	// Aside: events of a history abandoned by a restore, set aside
	// (Abandoned), whether or not the file still waits.
	Aside int
}

// Copy returns the file's CopyState.
func (s *Store) Copy() CopyState {
	var out CopyState
	s.db.View(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bMeta)
		var st model.Site
		if getState(tx, model.SiteEntity(s.site), &st) != nil || st.Parent == "" {
			return nil
		}
		out.Parent = st.Parent
		mine, _ := lastOf(tx, s.site)
		if v := mb.Get(metaRestored); v != nil {
			out.Waiting = true
			out.Made, _ = copyOf(v)
		}
		if v := mb.Get(metaAwait); v != nil {
			if want, _ := strconv.ParseUint(string(v), 10, 64); want > mine {
				out.Waiting, out.Lacks = true, want
			}
		}
		c := mb.Cursor()
		for k, _ := c.Seek(heldPrefix); k != nil && bytes.HasPrefix(k, heldPrefix); k, _ = c.Next() {
			out.Held++
		}
		for k, _ := c.Seek(abandonedPrefix); k != nil && bytes.HasPrefix(k, abandonedPrefix); k, _ = c.Next() {
			out.Aside++
		}
		return nil
	})
	return out
}

// Audit events (sign-ins, exports, prints) must be recorded even while
// nothing else may be written; they carry no number anybody is given,
// so they wait under heldPrefix in meta, in order, and enter the log as
// this site's next events with the first write allowed again.
var heldPrefix = []byte("held/")

type heldAudit struct {
	Author string          `json:"author"`
	At     time.Time       `json:"at"`
	Type   model.EventType `json:"type"`
	Note   model.AuditNote `json:"note"`
}

func (w *writer) hold(t model.EventType, data any) (model.Event, error) {
	n, _ := data.(model.AuditNote)
	mb := w.tx.Bucket(bMeta)
	var last uint64
	c := mb.Cursor()
	k, _ := c.Seek(append(append([]byte{}, heldPrefix...), 0xff))
	if k == nil {
		k, _ = c.Last()
	} else {
		k, _ = c.Prev()
	}
	if k != nil && bytes.HasPrefix(k, heldPrefix) {
		last, _ = strconv.ParseUint(string(k[len(heldPrefix):]), 10, 64)
	}
	b, err := json.Marshal(heldAudit{Author: w.author, At: w.now.UTC(), Type: t, Note: n})
	if err != nil {
		return model.Event{}, err
	}
	key := fmt.Appendf(append([]byte{}, heldPrefix...), "%016d", last+1)
	return model.Event{Site: w.s.site, At: w.now.UTC(), Author: w.author, Entity: model.AuditEntity(w.s.site), Type: t}, mb.Put(key, b)
}

// flushHeld writes the held audit events into the log, in the order they
// happened, each with the time it happened in its note.
func (w *writer) flushHeld() error {
	mb := w.tx.Bucket(bMeta)
	c := mb.Cursor()
	var keys [][]byte
	var held []heldAudit
	for k, v := c.Seek(heldPrefix); k != nil && bytes.HasPrefix(k, heldPrefix); k, v = c.Next() {
		var h heldAudit
		if err := json.Unmarshal(v, &h); err != nil {
			return err
		}
		keys, held = append(keys, append([]byte{}, k...)), append(held, h)
	}
	author := w.author
	defer func() { w.author = author }()
	for i, h := range held {
		w.author = h.Author
		h.Note.Happened = h.At
		if _, err := w.emit(model.AuditEntity(w.s.site), h.Type, "", h.Note); err != nil {
			return err
		}
		if err := mb.Delete(keys[i]); err != nil {
			return err
		}
	}
	return nil
}

// Held lists the audit events waiting to enter the log, oldest first.
func (s *Store) Held() []model.Event {
	var out []model.Event
	s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bMeta).Cursor()
		for k, v := c.Seek(heldPrefix); k != nil && bytes.HasPrefix(k, heldPrefix); k, v = c.Next() {
			var h heldAudit
			if json.Unmarshal(v, &h) == nil {
				h.Note.Happened = h.At
				out = append(out, model.Event{Site: s.site, At: h.At, Author: h.Author, Entity: model.AuditEntity(s.site), Type: h.Type, Data: model.MustData(h.Note)})
			}
		}
		return nil
	})
	return out
}

// setAwait records that the parent holds this site's own chain up to
// holds while this file has up to mine; it is cleared only once the file
// has caught up (an older bundle arriving late, which says the parent
// holds less, clears nothing).
func setAwait(tx *bolt.Tx, holds, mine uint64) error {
	mb := tx.Bucket(bMeta)
	have, _ := strconv.ParseUint(string(mb.Get(metaAwait)), 10, 64)
	switch want := max(have, holds); {
	case want > mine && want != have:
		return mb.Put(metaAwait, []byte(strconv.FormatUint(want, 10)))
	case want <= mine && mb.Get(metaAwait) != nil:
		return mb.Delete(metaAwait)
	}
	return nil
}

// ErrRestored is a write refused while the parent is to return this
// site's own events.
var ErrRestored = fmt.Errorf("store: own events are awaited from the parent")

// raiseCounters moves the numbering counters of this site past every
// number its own events after..upto carry (events returned by the parent).
func raiseCounters(tx *bolt.Tx, site string, after, upto uint64) error {
	var evs []model.Event
	c := tx.Bucket(bEvents).Cursor()
	for k, v := c.Seek(evKey(site, after+1)); k != nil; k, v = c.Next() {
		ks, n, ok := parseEvKey(k)
		if !ok || ks != site || n > upto {
			break
		}
		e, err := decodeHead(v)
		if err != nil {
			return err
		}
		evs = append(evs, e) // counters read headers only
	}
	meta := map[string][]byte{}
	counters(site, evs, meta)
	mb := tx.Bucket(bMeta)
	for k, v := range meta {
		have, _ := strconv.Atoi(string(mb.Get([]byte(k))))
		if n, _ := strconv.Atoi(string(v)); n > have {
			if err := mb.Put([]byte(k), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// Two histories of one site. A copy restored from a backup that holds
// events its parent never got (an earlier restore abandoned them, and
// the site has written on since under the same numbers) must not stop
// the site from syncing. The parent's chain is the one that goes on:
// what the copy holds differently from the fork onwards is set aside,
// whole, under abandonedPrefix in meta (at the parent as it arrives, at
// the copy when the parent's answer returns the parent's events from the
// fork), listed by Abandoned and by check, never applied.
var abandonedPrefix = []byte("abandoned/")

func abandonedKey(e *model.Event, raw []byte) []byte {
	hash := eventHash(e)
	if raw != nil {
		hash = hashOf(raw, e) // sealed at rest: its stored hash
	}
	return fmt.Appendf(append([]byte{}, abandonedPrefix...), "%s/%020d/%s", e.Site, e.Seq, hash)
}

func setAside(tx *bolt.Tx, evs []model.Event, raws [][]byte) error {
	mb := tx.Bucket(bMeta)
	for i := range evs {
		// raws is nil for events as a bundle brought them (an office
		// setting aside a child's abandoned history): canonical text.
		if raws != nil {
			if _, sealed := restIDOf(raws[i]); sealed {
				// Kept as stored: sealed at rest, it never goes to meta
				// in the clear (Abandoned reads its header).
				if err := mb.Put(abandonedKey(&evs[i], raws[i]), raws[i]); err != nil {
					return err
				}
				continue
			}
		}
		b, err := json.Marshal(&evs[i])
		if err != nil {
			return err
		}
		if err := mb.Put(abandonedKey(&evs[i], nil), b); err != nil {
			return err
		}
	}
	return nil
}

// Abandoned lists the events set aside from a history abandoned by a
// restore, by site and seq.
func (s *Store) Abandoned() []model.Event {
	var out []model.Event
	s.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bMeta).Cursor()
		for k, v := c.Seek(abandonedPrefix); k != nil && bytes.HasPrefix(k, abandonedPrefix); k, v = c.Next() {
			var e model.Event
			if json.Unmarshal(v, &e) == nil {
				out = append(out, e)
			} else if e, err := decodeHead(v); err == nil {
				e.Data = nil // sealed at rest: its header says what it was
				out = append(out, e)
			}
		}
		return nil
	})
	return out
}

// yieldTail sets aside this site's own events from seq from onwards and
// takes them out of the log and the state: the parent holds other events
// under those numbers, which it returns in the same bundle.
func yieldTail(tx *bolt.Tx, site string, from uint64) (int, error) {
	evb, entb := tx.Bucket(bEvents), tx.Bucket(bEntityEvents)
	var evs []model.Event
	var raws [][]byte
	c := evb.Cursor()
	for k, v := c.Seek(evKey(site, from)); k != nil; k, v = c.Next() {
		ks, _, ok := parseEvKey(k)
		if !ok || ks != site {
			break
		}
		e, err := decodeHead(v)
		if err != nil {
			return 0, err
		}
		evs = append(evs, e)
		raws = append(raws, append([]byte(nil), v...))
	}
	if err := setAside(tx, evs, raws); err != nil {
		return 0, err
	}
	touched := map[string]bool{}
	for i := range evs {
		e := &evs[i]
		if err := unref(tx, e.Entity); err != nil {
			return 0, err
		}
		if err := entb.Delete(entKey(e.Entity, e.Clock, e.Site, e.Seq)); err != nil {
			return 0, err
		}
		if err := evb.Delete(evKey(e.Site, e.Seq)); err != nil {
			return 0, err
		}
		touched[e.Entity] = true
	}
	ids := make([]string, 0, len(touched))
	for id := range touched {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := refoldOrDrop(tx, id); err != nil {
			return 0, err
		}
	}
	return len(evs), nil
}

// forkFilter passes on a child's events, except, once one differs from
// the event this file holds under its number (held: seq -> hash, of the
// range the bundle carries), that one and every later event of the
// child: an abandoned history, kept in aside to be set aside.
//
// A salvaged copy's chain may also have a hole that this file cannot
// fill (the events were lost everywhere): the events after it can never
// link to the chain here, so the hole is a fork too, at its first seq.
type forkFilter struct {
	site  string
	held  map[uint64]string
	next  uint64 // the seq that would follow on from what is held here
	fork  uint64 // the first seq that differs, 0 if none
	aside []model.Event
}

func (f *forkFilter) wrap(next func() (model.Event, bool, error)) func() (model.Event, bool, error) {
	return func() (model.Event, bool, error) {
		for {
			e, ok, err := next()
			if err != nil || !ok || e.Site != f.site {
				return e, ok, err
			}
			if f.fork == 0 {
				h, held := f.held[e.Seq]
				switch {
				case held && h == eventHash(&e):
					return e, ok, err
				case !held && e.Seq <= f.next:
					f.next = max(f.next, e.Seq+1)
					return e, ok, err
				case !held:
					f.fork = f.next // a hole nobody can fill
				default:
					f.fork = e.Seq
				}
			}
			f.aside = append(f.aside, e)
		}
	}
}

// heldHashes returns the hashes of site's events this file holds with
// first <= seq <= last.
func heldHashes(tx *bolt.Tx, site string, first, last uint64) (map[uint64]string, error) {
	out := map[uint64]string{}
	c := tx.Bucket(bEvents).Cursor()
	for k, v := c.Seek(evKey(site, first)); k != nil; k, v = c.Next() {
		ks, n, ok := parseEvKey(k)
		if !ok || ks != site || n > last {
			break
		}
		e, err := decodeHead(v)
		if err != nil {
			return nil, err
		}
		out[n] = hashOf(v, &e)
	}
	return out, nil
}

func abandonedWarning(from string, n int) model.Label {
	return model.Label{
		VI: fmt.Sprintf("%d sự kiện của một lịch sử đã bị bỏ (bản sao lưu cũ được khôi phục sau khi đơn vị đã ghi tiếp bằng những số đó) khác với những gì %s giữ: chúng được để riêng, nguyên vẹn, không áp dụng; xem donthu check.", n, from),
		EN: fmt.Sprintf("%d events of an abandoned history (an old backup restored after the site had written on under those numbers) differ from what %s holds: they are set aside whole, not applied; see donthu check.", n, from),
	}
}

// wholePrefix returns how far site's chain is held without a gap, up to
// upto: keys only, no event decoded.
func wholePrefix(tx *bolt.Tx, site string, upto uint64) uint64 {
	var n uint64
	c := tx.Bucket(bEvents).Cursor()
	for k, _ := c.Seek(evKey(site, 1)); k != nil && n < upto; k, _ = c.Next() {
		ks, seq, ok := parseEvKey(k)
		if !ok || ks != site || seq != n+1 {
			break
		}
		n = seq
	}
	return n
}
