package store

import bolt "go.etcd.io/bbolt"

// ImportedRows returns, of the given register-row fingerprints, those
// already imported, each with the visit or petition it became (the
// "import" index, filled from Visit.Import and Petition.Import).
func (s *Store) ImportedRows(keys []string) map[string]string {
	out := map[string]string{}
	s.db.View(func(tx *bolt.Tx) error {
		for _, k := range keys {
			eachIdx(tx, "import", append([]byte(k), 0), func(_ []byte, id string) bool {
				out[k] = id
				return false
			})
		}
		return nil
	})
	return out
}
