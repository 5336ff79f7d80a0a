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

var keyDueSoon = []byte("site/due_soon") // working days

// DueSoon returns the site's due-soon threshold in working days: a case
// this close to its deadline is marked "due soon" in the queue.
func (s *Store) DueSoon() int {
	n := model.DefaultDueSoon
	s.db.View(func(tx *bolt.Tx) error {
		if v, err := strconv.Atoi(string(tx.Bucket(bMeta).Get(keyDueSoon))); err == nil && v >= 1 && v <= 30 {
			n = v
		}
		return nil
	})
	return n
}

// SetDueSoon sets the due-soon threshold (1–30 working days). Only a user
// who may manage the site may.
func (s *Store) SetDueSoon(author string, days int) error {
	if days < 1 || days > 30 {
		return model.NewMsg("due_soon", "Số ngày làm việc báo sắp đến hạn: từ 1 đến 30", "The due-soon threshold is 1 to 30 working days")
	}
	_, err := s.write(author, func(w *writer) error {
		if err := w.require(model.ActManageSite); err != nil {
			return err
		}
		return w.tx.Bucket(bMeta).Put(keyDueSoon, []byte(strconv.Itoa(days)))
	})
	if err == nil {
		s.cacheMu.Lock()
		s.cal = nil
		s.cacheMu.Unlock()
	}
	return err
}

// require refuses the write unless its author may take action a.
func (w *writer) require(a model.Action) error {
	var u model.User
	if getState(w.tx, model.UserEntity(w.s.site, w.author), &u) != nil || !model.May(&u, a) {
		return model.Wrap(ErrForbidden, model.Refusal(a))
	}
	return nil
}
