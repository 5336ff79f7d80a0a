package store

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// migrations[v] moves a file from schema v to v+1, inside the opening
// transaction: a migration that fails leaves the file as it was. Version 1
// is the first released layout; the next layout change adds migrations[1].
var migrations = map[int]func(tx *bolt.Tx) error{
	// 1 -> 2: confidential senders are sealed at rest. The file gets its
	// confidential key, held in the clear until the first leader or
	// handler signs in and takes it; the records written in the clear
	// before are sealed at the first sign-in (sealExisting).
	1: func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if meta.Get([]byte("site")) == nil || meta.Get(keyConfPub) != nil {
			return nil
		}
		if id, ok := clearKeys(tx); ok {
			if err := putPublicKeys(tx, id); err != nil {
				return err
			}
		}
		conf, err := newConfKey(tx)
		if err != nil {
			return err
		}
		if err := meta.Put(keyConfPending, []byte(conf.String())); err != nil {
			return err
		}
		return meta.Put(keySealTodo, []byte("1"))
	},
}

func migrate(tx *bolt.Tx, have int) error {
	for v := have; v < SchemaVersion; v++ {
		m, ok := migrations[v]
		if !ok {
			return fmt.Errorf("store: no migration from schema %d", v)
		}
		if err := m(tx); err != nil {
			return fmt.Errorf("store: migrating schema %d to %d: %w", v, v+1, err)
		}
		if err := tx.Bucket(bMeta).Put([]byte("schema"), []byte(strconv.Itoa(v+1))); err != nil {
			return err
		}
	}
	return nil
}
