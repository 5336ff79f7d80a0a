package store

import (
	"fmt"
	"strconv"

	bolt "go.etcd.io/bbolt"
)

// migrations[v] moves a file from schema v to v+1, inside the opening
// transaction: a migration that fails leaves the file as it was. Version 1
// is the first released layout; the next layout change adds migrations[1].
var migrations = map[int]func(tx *bolt.Tx) error{}

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
