package store

import (
	"bytes"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// Merging persons (model/merge.go): one worker entered twice becomes one
// record. The record that goes points to the one that stays; queries that
// show a person's history gather the whole group.

// MergePersons merges the person gone into the person keep: two events in
// one transaction. If keep was itself merged into another record, gone
// joins that record's group.
//
// A protected person (sealed) is merged only by a session that may find
// them, and, as one worker is one person, a record merged with a
// protected one is sealed in the same transaction (protectSenders): the
// group never shows in the clear what one of its records keeps sealed.
func (s *Store) MergePersons(author, keep, gone string) (model.Person, error) {
	for _, id := range []string{keep, gone} {
		if p, err := s.Person(id); err == nil && p.Sealed != "" && !s.mayFindSealedPerson(id) {
			return model.Person{}, notFound(id) // not even that it exists
		}
	}
	var out model.Person
	_, err := s.write(author, func(w *writer) error {
		var k, g model.Person
		if getState(w.tx, keep, &k) != nil || model.EntityKind(keep) != model.EntPerson {
			return notFound(keep)
		}
		if getState(w.tx, gone, &g) != nil || model.EntityKind(gone) != model.EntPerson {
			return notFound(gone)
		}
		// Both groups become one person: if any of their records is
		// protected, every one is sealed (a plain record would show the
		// group's confidential petitions under a name in the clear).
		var all []string
		for _, id := range append(groupTx(w.tx, keep), groupTx(w.tx, gone)...) {
			if heldPerson(w.tx, id) {
				all = append(all, id)
			}
		}
		sealed := 0
		for _, id := range all {
			var p model.Person
			if getState(w.tx, id, &p) == nil && p.Sealed != "" {
				sealed++
			}
		}
		if sealed > 0 && sealed < len(all) {
			if err := w.protectSenders(all); err != nil {
				return err
			}
			getState(w.tx, gone, &g)
		}
		if rootTx(w.tx, keep) == rootTx(w.tx, gone) {
			return model.NewMsg("", "Hai hồ sơ này đã là một người", "These two records are already one person")
		}
		// A site writes only on records it holds: gone joins the top of
		// keep's group that this site holds (the group's root, or below
		// it when the root is another site's record).
		keep = heldRootTx(w.tx, keep)
		if g.MergedInto != "" {
			return model.NewMsg("", "Hồ sơ "+g.Name+" đã được gộp vào người khác; hãy tách ra trước", "The record of "+g.Name+" is already merged into another; unmerge it first")
		}
		snap := g
		snap.ID, snap.NameFold, snap.Conflicts, snap.Absorbed, snap.Created = "", "", nil, nil, g.Created
		if _, err := w.emit(gone, model.EvPersonMerged, "", model.PersonMerge{Into: keep}); err != nil {
			return err
		}
		if _, err := w.emit(keep, model.EvPersonAbsorbed, "", model.PersonMerge{From: gone, Values: &snap}); err != nil {
			return err
		}
		return getState(w.tx, keep, &out)
	})
	return out, err
}

// UnmergePerson undoes the merge of the person gone: both records stand
// alone again, each with its own history.
func (s *Store) UnmergePerson(author, gone string) error {
	_, err := s.write(author, func(w *writer) error {
		var g model.Person
		if getState(w.tx, gone, &g) != nil {
			return notFound(gone)
		}
		if g.MergedInto == "" {
			return model.NewMsg("", "Hồ sơ "+g.Name+" chưa được gộp vào ai", "The record of "+g.Name+" is not merged into anyone")
		}
		into := g.MergedInto
		if _, err := w.emit(gone, model.EvPersonUnmerged, "", model.PersonMerge{Into: into}); err != nil {
			return err
		}
		if !heldPerson(w.tx, into) {
			return nil // the other record is not held here
		}
		_, err := w.emit(into, model.EvPersonUnmerged, "", model.PersonMerge{From: gone})
		return err
	})
	return err
}

// MarkDistinct records that persons a and b, suggested as duplicates, are
// two people (undo: takes it back): one person.distinct event on the
// record with the lesser id. The review stops pairing them.
func (s *Store) MarkDistinct(author, a, b string, undo bool) error {
	if a > b {
		a, b = b, a
	}
	for _, id := range []string{a, b} {
		p, err := s.Person(id)
		if err != nil || model.EntityKind(id) != model.EntPerson || p.Sealed != "" && !s.mayFindSealedPerson(id) {
			return notFound(id)
		}
	}
	if a == b {
		return model.NewMsg("", "Đây là cùng một hồ sơ", "That is one and the same record")
	}
	_, err := s.write(author, func(w *writer) error {
		_, err := w.emit(a, model.EvPersonDistinct, "", model.PersonDistinct{Other: b, Undone: undo})
		return err
	})
	return err
}

// rootTx follows merges up from id to the record that stands for the
// group. A cycle (two sites merging each way at once) is broken the same
// way on every replica: the smallest id in it stands.
//
// A child site holds only its own records: a record of its merged into
// another site's (by the office) points to a record it does not hold.
// If that record was in turn merged into one this site holds, the
// person.absorbed event came here with it, and the walk goes on from
// the record that absorbed it (mergedUp), so the child finds the same
// root as the office instead of stopping at the record it lacks.
func rootTx(tx *bolt.Tx, id string) string {
	seen := map[string]bool{}
	cur := id
	for {
		if seen[cur] {
			// cur is on the cycle: walk it once and take the least id.
			least, x := cur, cur
			for {
				x = mergedUp(tx, x)
				if x == cur || x == "" {
					break
				}
				if x < least {
					least = x
				}
			}
			return least
		}
		seen[cur] = true
		next := mergedUp(tx, cur)
		if next == "" {
			return cur
		}
		cur = next
	}
}

// heldRootTx is rootTx(id) when this site holds that record; otherwise
// the last record on the way up from id that it holds (id itself if
// need be): the record a merge made here may write on.
func heldRootTx(tx *bolt.Tx, id string) string {
	root := rootTx(tx, id)
	if heldPerson(tx, root) {
		return root
	}
	last, seen := id, map[string]bool{}
	for cur := id; cur != "" && cur != root && !seen[cur]; cur = mergedUp(tx, cur) {
		seen[cur] = true
		if heldPerson(tx, cur) {
			last = cur
		}
	}
	return last
}

// mergedUp is the record id was merged into: its MergedInto when this
// site holds id, else the held record whose Absorbed lists id ("" if
// none). The scan runs only for a record not held, which is rare.
func mergedUp(tx *bolt.Tx, id string) string {
	var p model.Person
	if getState(tx, id, &p) == nil && p.ID != "" {
		return p.MergedInto
	}
	up := ""
	eachState(tx, model.EntPerson, func(oid string, b []byte) error {
		v, err := decodeState(tx, oid, b)
		if err != nil || oid == id {
			return nil
		}
		for _, a := range v.(*model.Person).Absorbed {
			if a.ID == id {
				up = oid
				return errStop
			}
		}
		return nil
	})
	return up
}

// heldPerson reports whether this site holds the person record id (a
// state made only of events that came before it is not a record).
func heldPerson(tx *bolt.Tx, id string) bool {
	var p model.Person
	return getState(tx, id, &p) == nil && p.ID != ""
}

// groupTx returns the root of id's group first, then every record merged
// into it, directly or not.
func groupTx(tx *bolt.Tx, id string) []string {
	return groupFrom(tx, rootTx(tx, id))
}

// groupFrom is groupTx for the record root that stands for its group.
func groupFrom(tx *bolt.Tx, root string) []string {
	out := []string{root}
	seen := map[string]bool{root: true}
	for i := 0; i < len(out); i++ {
		eachIdx(tx, "person_merged", append([]byte(out[i]), 0), func(_ []byte, m string) bool {
			if !seen[m] {
				seen[m] = true
				out = append(out, m)
			}
			return true
		})
	}
	return out
}

// groupIndexed returns the ids index lists under the records of group,
// each once, in the order found: a visit of two records of one person is
// the person's once.
func groupIndexed(tx *bolt.Tx, group []string, index string) []string {
	var out []string
	seen := map[string]bool{}
	for _, gid := range group {
		for _, p := range entryPrefixes(index, gid) {
			eachIdx(tx, index, p, func(_ []byte, id string) bool {
				if !seen[id] {
					seen[id] = true
					out = append(out, id)
				}
				return true
			})
		}
	}
	return out
}

// PersonGroup returns the record that stands for id's person first, then
// the records merged into it.
func (s *Store) PersonGroup(id string) []string {
	var out []string
	s.db.View(func(tx *bolt.Tx) error {
		out = groupTx(tx, id)
		return nil
	})
	return out
}

// CanonicalPerson returns the record that stands for person id (id itself
// unless it was merged into another).
func (s *Store) CanonicalPerson(id string) string {
	out := id
	s.db.View(func(tx *bolt.Tx) error {
		out = rootTx(tx, id)
		return nil
	})
	return out
}

// canonicalHits replaces each hit by the record that stands for its
// group, keeping the first (best) place of each group.
func (s *Store) canonicalHits(ix *personIndex, hits []PersonHit) []PersonHit {
	if len(hits) == 0 {
		return hits
	}
	out := hits[:0:0]
	seen := map[string]bool{}
	s.db.View(func(tx *bolt.Tx) error {
		for _, h := range hits {
			if _, held := ix.pos[h.ID]; !held || ix.merged[h.ID] {
				// Merged into another (or a protected person, whom the
				// index does not hold): the record says who stands for it.
				h.ID = rootTx(tx, h.ID)
			}
			if !seen[h.ID] {
				seen[h.ID] = true
				out = append(out, h)
			}
		}
		return nil
	})
	return out
}

// AllPersons returns every person record held, merged ones included.
func (s *Store) AllPersons() []model.Person {
	var out []model.Person
	s.db.View(func(tx *bolt.Tx) error {
		var ids []string
		var vals [][]byte
		eachState(tx, model.EntPerson, func(id string, b []byte) error {
			ids, vals = append(ids, id), append(vals, b)
			return nil
		})
		// Decoded on every core: an office has 100,000.
		out = decodeStates[model.Person](tx, ids, vals, 0, func(string, error) {})
		return nil
	})
	return out
}

// ReviewPersons returns the person records the session may work with
// when it compares persons (the duplicate review, an import's matching).
// A protected person (a confidential sender, sealed) is unsealed when the
// policy lets the session's user find them (the search's own rule,
// sealedFor), and left out otherwise, so that nothing is paired with,
// matched to or listed as someone the user may not know of. An unsealed
// record keeps Sealed set: a list shows it as SealedText (model.Shows:
// lists never show a confidential sender unrevealed).
func (s *Store) ReviewPersons() []model.Person {
	all := s.AllPersons()
	out := all[:0]
	for _, p := range all {
		if s.reviewable(&p) {
			out = append(out, p)
		}
	}
	return out
}

// ReviewPerson is one record as ReviewPersons gives it; ok is false if
// the session may not know of it.
func (s *Store) ReviewPerson(id string) (p model.Person, ok bool) {
	p, err := s.Person(id)
	return p, err == nil && s.reviewable(&p)
}

// reviewable reports whether the session may review p, and unseals it
// for comparing if it is protected (it is still shown sealed).
func (s *Store) reviewable(p *model.Person) bool {
	return p.Sealed == "" || s.mayFindSealedPerson(p.ID) && s.UnsealPerson(p)
}

// Duplicates suggests pairs of persons that may be one worker, for a
// leader to review (model.FindDuplicates over ReviewPersons).
func (s *Store) Duplicates() []model.Duplicate {
	return model.FindDuplicates(s.ReviewPersons())
}

// DuplicateReview is what the review of duplicates shows, read at once.
type DuplicateReview struct {
	// Pairs are Duplicates, each with the record that has more history
	// first: the one offered to stay.
	Pairs   []model.Duplicate
	Persons map[string]model.Person // those of the pairs, and those merged into, by id
	History map[string]History      // of every record in a pair
	Merged  []model.Person          // the records merged into another, by name
}

// ReviewDuplicates reads the review of duplicates: the persons once, the
// pairs among them, each record's history counted (HistoryCounts).
func (s *Store) ReviewDuplicates() DuplicateReview {
	all := s.ReviewPersons()
	r := DuplicateReview{Pairs: model.FindDuplicates(all), Persons: map[string]model.Person{}, Merged: model.MergedRecords(all)}
	// Only the records the review shows are kept: at an office, the
	// 64,817 pairs name 41,687 of 100,000 persons (30 MB for them all).
	shown := map[string]bool{}
	for _, d := range r.Pairs {
		shown[d.A], shown[d.B] = true, true
	}
	for _, p := range r.Merged {
		shown[p.MergedInto] = true
	}
	for _, p := range all {
		if shown[p.ID] {
			r.Persons[p.ID] = p
		}
	}
	ids := make([]string, 0, 2*len(r.Pairs))
	for _, d := range r.Pairs {
		ids = append(ids, d.A, d.B)
	}
	r.History = s.HistoryCounts(ids)
	weight := func(id string) int { return r.History[id].Visits + r.History[id].Petitions }
	for i, d := range r.Pairs {
		if weight(d.B) > weight(d.A) {
			r.Pairs[i].A, r.Pairs[i].B = d.B, d.A
		}
	}
	return r
}

// History is how much a person has on file.
type History struct{ Visits, Petitions int }

// HistoryCounts returns, for each of ids, the visits and petitions of its
// person: of the record and those merged into it, each counted once, as
// its card counts them (PersonCards). They are counted from the indexes
// alone, with nothing decoded: the review of duplicates weighs every
// pair's two records by them, tens of thousands at an office.
func (s *Store) HistoryCounts(ids []string) map[string]History {
	out := map[string]History{} // ids name a record more than once (a pair's each)
	s.db.View(func(tx *bolt.Tx) error {
		// Every record a merge names: those merged, and the records
		// that stand for them.
		linked := map[string]bool{}
		for merged, root := range rootsTx(tx) {
			linked[merged], linked[root] = true, true
		}
		sb := tx.Bucket(bState).Bucket([]byte(model.EntPerson))
		for _, id := range ids {
			if _, ok := out[id]; ok {
				continue
			}
			// A record held and named by no merge is its own group: the
			// walk up and down the merges, which reads each record whole,
			// is for the few that are merged (a third of the review's
			// time at an office was that walk).
			group := []string{id}
			if linked[id] || sb == nil || sb.Get([]byte(id)) == nil {
				group = groupTx(tx, id)
			}
			out[id] = History{groupCount(tx, group, "person_visit"), groupCount(tx, group, "person_petition")}
		}
		return nil
	})
	return out
}

// groupCount is len(groupIndexed(tx, group, index)), counted without
// making the ids where nothing can be listed twice: one record, whose
// entries are under one of its prefixes (a file holds one form of them).
func groupCount(tx *bolt.Tx, group []string, index string) int {
	if len(group) > 1 {
		return len(groupIndexed(tx, group, index))
	}
	ib := tx.Bucket(bIdx).Bucket([]byte(index))
	if ib == nil {
		return 0
	}
	n, under := 0, 0
	for _, p := range entryPrefixes(index, group[0]) {
		c, m := ib.Cursor(), 0
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			m++
		}
		if m > 0 {
			n, under = n+m, under+1
		}
	}
	if under > 1 {
		return len(groupIndexed(tx, group, index))
	}
	return n
}

// PersonRoots maps every record merged into another to the record that
// stands for its group (model.ResolveSenders uses it). Only merged
// records are read: the map is small.
func (s *Store) PersonRoots() map[string]string {
	var out map[string]string
	s.db.View(func(tx *bolt.Tx) error {
		out = rootsTx(tx)
		return nil
	})
	return out
}

// rootsTx is PersonRoots in tx.
func rootsTx(tx *bolt.Tx) map[string]string {
	out := map[string]string{}
	eachIdx(tx, "person_merged", nil, func(_ []byte, id string) bool {
		out[id] = rootTx(tx, id)
		return true
	})
	return out
}
