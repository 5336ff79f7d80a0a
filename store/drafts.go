package store

import (
	"encoding/json"
	"strings"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Drafts are a desk user's unsaved forms (a visit half typed, an action's
// reason), kept so that a quit, a crash or a lock loses nothing. Like
// preferences they are local to this machine and this person: they live
// in the meta bucket under "draft/LOGIN/KEY", are never events, never
// travel in a bundle, are not part of Check or Rebuild, and are dropped
// when the form is saved or discarded. The data is the screen's own
// (JSON it reads back); the store only keeps it with the time it was
// written.

// Draft is one kept form.
type Draft struct {
	Key  string          `json:"-"`
	At   time.Time       `json:"at"`
	Data json.RawMessage `json:"data"`
}

func draftKey(login, key string) []byte { return []byte("draft/" + login + "/" + key) }

func checkDraftName(login, key string) error {
	if login == "" || key == "" || strings.ContainsRune(login, '/') {
		return model.NewMsg("", "Tên bản nháp không hợp lệ", "Bad draft name")
	}
	return nil
}

// SaveDraft keeps data (JSON) as login's draft key, stamped now. It is
// one small write (an fsync): screens call it from a command, a moment
// after typing pauses, not on every key press.
func (s *Store) SaveDraft(login, key string, data any) error {
	if err := checkDraftName(login, key); err != nil {
		return err
	}
	raw, err := json.Marshal(data)
	if err != nil {
		return err
	}
	v, err := json.Marshal(Draft{At: s.now().UTC(), Data: raw})
	if err != nil {
		return err
	}
	err = s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Put(draftKey(login, key), v) })
	if err != nil {
		return diskErr(err)
	}
	return nil
}

// LoadDraft returns login's draft key; ok is false when there is none. A
// draft that cannot be read is reported, not silently dropped.
func (s *Store) LoadDraft(login, key string) (d Draft, ok bool, err error) {
	if err := checkDraftName(login, key); err != nil {
		return d, false, err
	}
	err = s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bMeta).Get(draftKey(login, key))
		if v == nil {
			return nil
		}
		ok = true
		return json.Unmarshal(v, &d)
	})
	if err != nil {
		return Draft{}, false, userErr(ErrCorrupt, "Không đọc được bản nháp đã lưu", "The saved draft cannot be read")
	}
	d.Key = key
	return d, ok, nil
}

// DropDraft removes login's draft key (saved or discarded); removing a
// draft that is not there is not an error.
func (s *Store) DropDraft(login, key string) error {
	if err := checkDraftName(login, key); err != nil {
		return err
	}
	err := s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Delete(draftKey(login, key)) })
	if err != nil {
		return diskErr(err)
	}
	return nil
}
