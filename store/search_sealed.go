package store

import (
	"bytes"
	"strings"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Protected persons in search. Their names are sealed, so the person
// index never holds them: a search by a confidential name finds nothing.
// For a signed-in user the policy entitles (model.MaySeePetitionSender:
// the case's handler, the leaders of the unit), the store unseals the
// protected persons they may see, once per session at their first
// search, and finds those too. Denouncers are few: this costs a fraction
// of a millisecond each, and only for entitled users.

type sealedIndex struct {
	ids   []string
	folds []string
	nums  []string
	allow map[string]bool
}

// sealedFor builds (once) the session's index of protected persons.
func (s *Store) sealedFor() *sealedIndex {
	s.sessMu.Lock()
	sess := s.sess
	s.sessMu.Unlock()
	if sess == nil || len(sess.ids) == 0 {
		return nil
	}
	// One build at a time: the background one started at sign-in
	// (WarmSession) and a first search that comes before it ends.
	sess.building.Lock()
	defer sess.building.Unlock()
	s.sessMu.Lock()
	built := sess.sealed
	s.sessMu.Unlock()
	if built != nil {
		return built
	}
	ix := &sealedIndex{allow: map[string]bool{}}
	u := sess.user
	// The records first, then one X25519 each, on every core: thousands
	// at an office after a decade.
	var ps []model.Person
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "person_sealed", nil, func(_ []byte, id string) bool {
			var p model.Person
			if mayFind(tx, &u, id) && getState(tx, id, &p) == nil {
				ps = append(ps, p)
			}
			return true
		})
		return nil
	})
	ok := make([]bool, len(ps))
	parallel(len(ps), func(i int) { ok[i] = s.UnsealPerson(&ps[i]) })
	for i := range ps {
		if !ok[i] {
			continue
		}
		p := &ps[i]
		ix.ids = append(ix.ids, p.ID)
		ix.folds = append(ix.folds, p.NameFold)
		ix.nums = append(ix.nums, p.IDNumber+" "+p.Phone)
		ix.allow[p.ID] = true
	}
	s.sessMu.Lock()
	if s.sess == sess {
		sess.sealed = ix
	}
	s.sessMu.Unlock()
	return ix
}

// WarmSession builds what the signed-in person's first search needs (the
// protected persons they may find: each one unsealed, thousands at an
// office after a decade), so that the first key does not wait for it.
// The interface calls it in the background right after sign-in.
func (s *Store) WarmSession() { s.sealedFor() }

// mayFind reports whether u may see the protected person id: they, or a
// record merged with theirs (one worker, one person), sent a confidential
// petition whose sender u is entitled to.
func mayFind(tx *bolt.Tx, u *model.User, id string) bool {
	for _, m := range groupTx(tx, id) {
		if maySeeSender(tx, u, m) {
			return true
		}
	}
	return false
}

// maySeeSender reports whether u is entitled to the sender of one of the
// petitions of person id.
func maySeeSender(tx *bolt.Tx, u *model.User, id string) bool {
	ok := false
	p := append([]byte(id), 0)
	eachIdx(tx, "person_petition", p, func(k []byte, pid string) bool {
		if !bytes.HasPrefix(k, p) {
			return false
		}
		var pet model.Petition
		if getState(tx, pid, &pet) != nil {
			return true
		}
		var c *model.Case
		if pet.Case != "" {
			var x model.Case
			if getState(tx, pet.Case, &x) == nil {
				c = &x
			}
		}
		if model.MaySeePetitionSender(u, &pet, c) {
			ok = true
			return false
		}
		return true
	})
	return ok
}

// sealedHits finds the protected persons the session may see.
func (s *Store) sealedHits(fq string, words []string, digits string, isNum bool) []PersonHit {
	ix := s.sealedFor()
	if ix == nil {
		return nil
	}
	var hits []PersonHit
	for i, f := range ix.folds {
		switch {
		case isNum && strings.Contains(ix.nums[i], digits):
			hits = append(hits, PersonHit{ix.ids[i], 3})
		case isNum:
		case strings.HasPrefix(f, fq):
			hits = append(hits, PersonHit{ix.ids[i], 0})
		case wordPrefix(f, words):
			hits = append(hits, PersonHit{ix.ids[i], 1})
		case model.MatchFolded(f, fq):
			hits = append(hits, PersonHit{ix.ids[i], 2})
		}
	}
	return hits
}

// forgetSealed drops the session's index of protected persons (a person
// was sealed or changed): the next search builds it again.
func (s *Store) forgetSealed() {
	s.sessMu.Lock()
	if s.sess != nil {
		s.sess.sealed = nil
	}
	s.sessMu.Unlock()
}

// mayFindSealedPerson reports whether the session may see protected
// person id (the policy entitles its user to one of their petitions).
func (s *Store) mayFindSealedPerson(id string) bool {
	ix := s.sealedFor()
	return ix != nil && ix.allow[id]
}
