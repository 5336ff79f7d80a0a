package store

import (
	"donthu/model"
)

// Protecting a confidential sender at write time: the writes that make a
// petition confidential seal its sender's identity in the same
// transaction (seal.go). A person recorded with a denunciation is written
// sealed from their first event; a person already on file in the clear
// (an earlier visit) has their record sealed from then on: the earlier
// events keep what they said, as an append-only log must.

// confidentialInput reports whether a petition about to be registered
// protects its sender.
func confidentialInput(p *model.Petition) bool {
	return p != nil && (p.Confidential || p.Kind == model.KindDenunciation)
}

// recordSealedPerson records a new person with their identity sealed.
func (w *writer) recordSealedPerson(p model.Person) (model.Person, error) {
	if m := checkPerson(&p, nil, p.BirthYear, model.DateOf(w.now)); m != nil {
		return p, m
	}
	p.Address, p.Employer, p.Note = model.NFC(p.Address), model.NFC(p.Employer), model.NFC(p.Note)
	plain := p
	if err := w.sealPerson(&p); err != nil {
		return p, err
	}
	id := w.nextID(model.EntPerson)
	p.ID, p.NameFold, p.Site, p.Conflicts = "", "", "", nil
	if _, err := w.emit(id, model.EvPersonRecorded, "", p); err != nil {
		return p, err
	}
	if err := getState(w.tx, id, &p); err != nil {
		return p, err
	}
	w.rememberPlain(id, plain)
	plain.ID, plain.Sealed, plain.Site, plain.Created = p.ID, p.Sealed, p.Site, p.Created
	return plain, nil
}

// rememberPlain keeps, for the rest of the transaction, the identity of a
// person this writer sealed, so a petition can take its sender's name.
func (w *writer) rememberPlain(id string, p model.Person) {
	if w.plain == nil {
		w.plain = map[string]model.Person{}
	}
	w.plain[id] = p
	// The person at the desk typed it: for the rest of their session they
	// may read it back (a receipt for the sender) without the key.
	w.s.sessMu.Lock()
	if sess := w.s.sess; sess != nil && sess.user.Login == w.author {
		if sess.typed == nil {
			sess.typed = map[string]identity{}
		}
		sess.typed[id] = identity{p.Name, p.IDKind, p.IDNumber, p.Phone, p.Address}
	}
	w.s.sessMu.Unlock()
}

// protectSenders seals the records of the persons ids that are still in
// the clear, and of every record merged with theirs (one worker, one
// person: another record of theirs would name them in the clear).
func (w *writer) protectSenders(ids []string) error {
	seen := map[string]bool{}
	var all []string
	for _, id := range ids {
		for _, m := range append([]string{id}, groupTx(w.tx, id)...) {
			if !seen[m] {
				seen[m] = true
				all = append(all, m)
			}
		}
	}
	for _, id := range all {
		var p model.Person
		if getState(w.tx, id, &p) != nil || p.Sealed != "" {
			continue
		}
		plain := p
		if err := w.sealPerson(&p); err != nil {
			return err
		}
		u := model.PersonUpdate{Person: p, Set: []string{"name", "id_kind", "id_number", "phone", "address", "sealed"}}
		if _, err := w.emit(id, model.EvPersonUpdated, "", u); err != nil {
			return err
		}
		// Their earlier events named them in the clear: sealed at rest,
		// with their earlier petitions and cases. A Bulk holds its lists
		// and indexes until it ends: it does this then (protectHeld).
		if w.lists != nil {
			w.protectLater = append(w.protectLater, id)
		} else if err := w.protectEarlierOf(id); err != nil {
			return err
		}
		w.rememberPlain(id, plain)
	}
	return nil
}

// senderPlain returns the name of a petition's first sender as typed,
// sealed or not.
func (w *writer) senderPlain(id string) (model.Person, bool) {
	if p, ok := w.plain[id]; ok {
		return p, true
	}
	var p model.Person
	if getState(w.tx, id, &p) != nil {
		return p, false
	}
	if p.Sealed != "" {
		w.s.UnsealPerson(&p)
	}
	return p, true
}

// protectedAmong reports whether one of the persons ids is a protected
// sender: their record is sealed (they denounced).
func (w *writer) protectedAmong(ids []string) bool {
	for _, id := range ids {
		var p model.Person
		if getState(w.tx, id, &p) == nil && p.Sealed != "" {
			return true
		}
	}
	return false
}

var keySealTodo = []byte("seal/todo")

// sealExisting seals what a file upgraded from before sealing still holds
// in the clear: the sender names of its own confidential petitions and
// cases, and their senders' records. It runs once, in the first sign-in's
// transaction after the upgrade; the older events keep what they said.
func (w *writer) sealExisting() error {
	meta := w.tx.Bucket(bMeta)
	if meta.Get(keySealTodo) == nil {
		return nil
	}
	type rec struct {
		id      string
		name    string
		senders []string
	}
	var todo []rec
	for _, kind := range []string{model.EntPetition, model.EntCase} {
		eachState(w.tx, kind, func(id string, b []byte) error {
			var x struct {
				Site         string   `json:"site"`
				Confidential bool     `json:"confidential"`
				SenderName   string   `json:"sender_name"`
				SenderSealed string   `json:"sender_sealed"`
				Senders      []string `json:"senders"`
			}
			if decodeJSON(b, &x) == nil && x.Confidential && x.Site == w.s.site && x.SenderSealed == "" {
				todo = append(todo, rec{id, x.SenderName, x.Senders})
			}
			return nil
		})
	}
	for _, r := range todo {
		if err := w.protectSenders(r.senders); err != nil {
			return err
		}
		if r.name == "" {
			continue
		}
		blob, err := w.sealValue(r.name)
		if err != nil {
			return err
		}
		if _, err := w.emit(r.id, model.EvSenderSealed, "", model.SenderSeal{Sealed: blob}); err != nil {
			return err
		}
	}
	return meta.Delete(keySealTodo)
}

// protectEarlier seals the sender's name on the petitions and cases a
// newly protected person brought before (their person id would otherwise
// tie the name on an old complaint to the denunciation), which makes
// them confidential like the later ones, and seals their events at rest.
func (w *writer) protectEarlier(person string) error {
	// The ids first: writing while a cursor walks an index is unsafe.
	var ids []string
	for _, index := range []string{"person_petition", "person_case"} {
		eachIdx(w.tx, index, append([]byte(person), 0), func(_ []byte, rid string) bool {
			ids = append(ids, rid)
			return true
		})
	}
	for _, rid := range ids {
		var x struct {
			SenderName   string `json:"sender_name"`
			SenderSealed string `json:"sender_sealed"`
		}
		if getState(w.tx, rid, &x) != nil || x.SenderSealed != "" {
			continue
		}
		if x.SenderName != "" {
			blob, err := w.sealValue(x.SenderName)
			if err != nil {
				return err
			}
			if _, err := w.emit(rid, model.EvSenderSealed, "", model.SenderSeal{Sealed: blob}); err != nil {
				return err
			}
		}
		if err := w.sealRest(rid); err != nil {
			return err
		}
	}
	return nil
}

// protectEarlierOf seals at rest what named a newly protected person
// before, and makes their earlier petitions and cases confidential.
func (w *writer) protectEarlierOf(id string) error {
	if err := w.sealRest(id); err != nil {
		return err
	}
	return w.protectEarlier(id)
}

// protectHeld does protectEarlierOf for the persons a Bulk protected,
// once its held lists and indexes are in the file.
func (w *writer) protectHeld() error {
	ids := w.protectLater
	w.protectLater = nil
	for _, id := range ids {
		if err := w.protectEarlierOf(id); err != nil {
			return err
		}
	}
	return nil
}
