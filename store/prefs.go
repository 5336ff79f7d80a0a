package store

import (
	"strings"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Preferences are a desk user's local choices on this machine (the
// queue's last filters, say). They are a convenience of the interface, not
// data of the office: they live in the meta bucket under
// "pref/LOGIN/KEY", are never written as events, never travel in a
// bundle, are not part of Check or Rebuild, and a lost one costs a person
// nothing but setting it again.

func prefKey(login, key string) []byte { return []byte("pref/" + login + "/" + key) }

// GetPref returns login's preference key, or "" when it is not set.
func (s *Store) GetPref(login, key string) string {
	var v string
	s.db.View(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bMeta); b != nil {
			v = string(b.Get(prefKey(login, key)))
		}
		return nil
	})
	return v
}

// SetPref stores login's preference key; an empty value removes it. It
// is one small write of its own (an fsync), so call it when a person
// confirms a choice, not on every key press.
func (s *Store) SetPref(login, key, value string) error {
	if login == "" || key == "" || strings.ContainsRune(login, '/') {
		return model.NewMsg("", "Tên tùy chọn không hợp lệ", "Bad preference name")
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMeta)
		if value == "" {
			return b.Delete(prefKey(login, key))
		}
		return b.Put(prefKey(login, key), []byte(value))
	})
	if err != nil {
		return diskErr(err)
	}
	return nil
}
