package store

import (
	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

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

// CompletePerson fills, inside the batch, the fields of person id named in
// fields with the values of p, as a person.updated event: an imported
// register row that matched a person brings what the record lacked (a
// phone, an ID number). The store checks the values as UpdatePerson does.
func (b *Bulk) CompletePerson(author, id string, p model.Person, fields []string) error {
	w := b.as(author)
	var cur model.Person
	if err := getState(w.tx, id, &cur); err != nil {
		return notFound(id)
	}
	u := model.PersonUpdate{Person: p, Set: fields}
	birth := cur.BirthYear
	if inSet(fields, "birth_year") {
		birth = p.BirthYear
	}
	if m := checkPerson(&u.Person, u.Set, birth, model.DateOf(w.now)); m != nil {
		return m
	}
	u.Address, u.Employer = model.NFC(u.Address), model.NFC(u.Employer)
	_, err := w.emit(id, model.EvPersonUpdated, "", u)
	return err
}
