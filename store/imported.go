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
	check := fields
	if cur.Sealed != "" {
		var err error
		if p, fields, err = w.completeSealed(id, cur, p, fields); err != nil || len(fields) == 0 {
			return err
		}
		check = nil // the identity was checked before sealing
		for _, f := range fields {
			if !identityField(f) && f != "sealed" {
				check = append(check, f)
			}
		}
	}
	u := model.PersonUpdate{Person: p, Set: fields}
	birth := cur.BirthYear
	if inSet(fields, "birth_year") {
		birth = p.BirthYear
	}
	if len(check) > 0 {
		if m := checkPerson(&u.Person, check, birth, model.DateOf(w.now)); m != nil {
			return m
		}
	}
	u.Address, u.Employer = model.NFC(u.Address), model.NFC(u.Employer)
	_, err := w.emit(id, model.EvPersonUpdated, "", u)
	return err
}

// completeSealed turns the completion of a protected person into one that
// keeps their identity sealed: the identity fields given are added to the
// unsealed identity and sealed again (checked as typed first), the rest
// stay as they are. If this session cannot unseal the record, identity
// fields are left out rather than written in the clear.
func (w *writer) completeSealed(id string, cur, p model.Person, fields []string) (model.Person, []string, error) {
	var rest, ident []string
	for _, f := range fields {
		if identityField(f) {
			ident = append(ident, f)
		} else {
			rest = append(rest, f)
		}
	}
	if len(ident) == 0 {
		return p, fields, nil
	}
	plain := cur
	if !w.s.UnsealPerson(&plain) {
		return p, rest, nil
	}
	check, birth := p, plain.BirthYear
	if inSet(fields, "birth_year") {
		birth = p.BirthYear
	}
	if m := checkPerson(&check, ident, birth, model.DateOf(w.now)); m != nil {
		return p, nil, m
	}
	for _, f := range ident {
		switch f {
		case "name":
			plain.Name = check.Name
		case "id_kind":
			plain.IDKind = check.IDKind
		case "id_number":
			plain.IDNumber = check.IDNumber
		case "phone":
			plain.Phone = check.Phone
		case "address":
			plain.Address = model.NFC(check.Address)
		}
	}
	sealed := plain
	if err := w.sealPerson(&sealed); err != nil {
		return p, nil, err
	}
	w.rememberPlain(id, plain)
	p.Name, p.IDKind, p.IDNumber, p.Phone, p.Address, p.Sealed = "", model.IDNone, "", "", "", sealed.Sealed
	return p, append(rest, "name", "id_kind", "id_number", "phone", "address", "sealed"), nil
}

// identityField reports whether a person field is part of the sealed
// identity of a protected person (seal.go, identity).
func identityField(f string) bool {
	switch f {
	case "name", "id_kind", "id_number", "phone", "address":
		return true
	}
	return false
}
