package store

import (
	"strconv"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Site settings kept on this machine's file (not events): they tune the
// desk, and travel nowhere.

var keyIdleLock = []byte("site/idle_lock") // minutes; "0" = never

// DefaultIdleLock is how long the screen waits without keys before it locks.
const DefaultIdleLock = 10 * time.Minute

// IdleLock returns the site's idle lock (0 = never).
func (s *Store) IdleLock() time.Duration {
	d := DefaultIdleLock
	s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bMeta).Get(keyIdleLock); v != nil {
			if n, err := strconv.Atoi(string(v)); err == nil && n >= 0 {
				d = time.Duration(n) * time.Minute
			}
		}
		return nil
	})
	return d
}

// SetIdleLock sets the site's idle lock, in whole minutes (0 = never; at
// most a day). Only a user who may manage the site may.
func (s *Store) SetIdleLock(author string, d time.Duration) error {
	if d < 0 || d > 24*time.Hour {
		return model.NewMsg("idle", "Thời gian tự khóa từ 0 (không khóa) đến 1440 phút", "The idle lock is 0 (never) to 1440 minutes")
	}
	_, err := s.write(author, func(w *writer) error {
		if err := w.require(model.ActManageSite); err != nil {
			return err
		}
		return w.tx.Bucket(bMeta).Put(keyIdleLock, []byte(strconv.Itoa(int(d/time.Minute))))
	})
	return err
}

// ErrForbidden is returned when the policy does not allow an action.
// (Declared in peers.go for pinning; the same sentinel.)

// require refuses the write unless its author may take action a.
func (w *writer) require(a model.Action) error {
	var u model.User
	if getState(w.tx, model.UserEntity(w.s.site, w.author), &u) != nil || !model.May(&u, a) {
		return &UserError{Err: ErrForbidden, Msg: model.Refusal(a)}
	}
	return nil
}
