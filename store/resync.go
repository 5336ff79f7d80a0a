package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
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
// the parent answers. Its value is when the copy was made (RFC 3339); a
// bundle from the parent written after that says what the parent holds
// and clears it (then metaAwait takes over if the parent holds more).
var metaRestored = []byte("sync/restored_copy")

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
		return userErr(ErrRestored,
			fmt.Sprintf("Chưa lưu được: tệp này là một bản sao lưu (lúc %s) được mở lại, và cấp trên %s có thể đã nhận những sự kiện mới hơn của đơn vị. Để không số nào bị cấp hai lần, hãy gửi một gói cho %s (Đồng bộ, hoặc donthu bundle export) rồi nhập gói trả lời: phần thiếu (nếu có) sẽ được trả lại, sau đó ghi tiếp bình thường. Việc đăng nhập vẫn được ghi lại.", copyTime(v), st.Parent, st.Parent),
			fmt.Sprintf("Not saved: this file is a backup (of %s) opened again, and the parent office %s may have received newer events of this site. So that no number is given twice, send %s a bundle (Sync, or donthu bundle export) and import its answer: anything missing comes back, then saving works again. Sign-ins are still recorded.", copyTime(v), st.Parent, st.Parent))
	}
	return nil
}

func copyTime(v []byte) string {
	t, err := time.Parse(time.RFC3339, string(v))
	if err != nil {
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
		return mb.Put(metaRestored, []byte(t.UTC().Format(time.RFC3339)))
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// heardFromParent clears the copy mark once a bundle from the parent,
// written after the copy was made, has said what the parent holds.
func heardFromParent(tx *bolt.Tx, created time.Time) error {
	mb := tx.Bucket(bMeta)
	v := mb.Get(metaRestored)
	if v == nil {
		return nil
	}
	if t, err := time.Parse(time.RFC3339, string(v)); err == nil && created.Before(t) {
		return nil // written before the copy: it cannot know what came after
	}
	return mb.Delete(metaRestored)
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
		e, err := decodeEvent(v)
		if err != nil {
			return err
		}
		evs = append(evs, e)
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
