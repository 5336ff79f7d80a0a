package store

import (
	"time"

	"donthu/model"
)

// Bulk is one write transaction holding many desk actions, for filling a
// demo file (store/demo) and building benchmark fixtures. Each action
// writes exactly what the Store method of the same name writes (the same
// checks, events, projections, indexes and readable numbers); only the
// commit, and its fsync, is shared, and the wall clock is the one set with
// SetNow. A refused action may already have written part of its work (a
// visit's new persons): fn must return the refusal, which rolls the whole
// batch back, rather than carry on.
//
// Not for the desk: a person's action is one transaction of its own, so
// that a refusal never undoes anyone else's work.
type Bulk struct{ w *writer }

// BulkLoad runs fn in one write transaction. Nothing fn did is kept if it
// returns an error.
func (s *Store) BulkLoad(fn func(b *Bulk) error) error {
	_, err := s.write("", func(w *writer) error {
		w.lists, w.idx, w.bulk = &bulkLists{by: map[string][]listEntry{}}, idxBatch{}, true
		if err := fn(&Bulk{w: w}); err != nil {
			return err
		}
		if err := w.lists.flush(w.tx); err != nil {
			return err
		}
		if err := w.idx.apply(w.tx); err != nil {
			return err
		}
		// Persons protected in the batch: their earlier petitions and
		// events, found only once the held lists and indexes are in the
		// file (protectSenders).
		w.lists, w.idx = nil, nil
		return w.protectHeld()
	})
	return err
}

// SetNow sets the wall time of the actions that follow (events' At, and
// the dates actions default to). Event clocks still only move forward.
func (b *Bulk) SetNow(t time.Time) { b.w.now = t }

// Now returns the wall time the next action will carry.
func (b *Bulk) Now() time.Time { return b.w.now }

// Events returns how many events the batch has written so far.
func (b *Bulk) Events() int { return len(b.w.emitted) }

func (b *Bulk) as(author string) *writer {
	b.w.author = author
	return b.w
}

// RecordPerson is Store.RecordPerson inside the batch.
func (b *Bulk) RecordPerson(author string, p model.Person) (model.Person, error) {
	return b.as(author).recordPerson(p)
}

// RecordVisit is Store.RecordVisit inside the batch.
func (b *Bulk) RecordVisit(author string, in VisitInput) (model.Visit, *model.Petition, error) {
	return b.as(author).recordVisit(in)
}

// RegisterPetition is Store.RegisterPetition inside the batch.
func (b *Bulk) RegisterPetition(author string, p model.Petition) (model.Petition, error) {
	return b.as(author).registerPetition(p)
}

// Classify is Store.Classify inside the batch.
func (b *Bulk) Classify(author, petitionID string, c model.Classification) (*model.Case, error) {
	return b.as(author).classify(petitionID, c)
}

// CaseAction is Store.CaseAction inside the batch.
func (b *Bulk) CaseAction(author, caseID string, t model.EventType, a model.CaseAction) (model.Case, error) {
	return b.as(author).caseAction(caseID, t, a)
}

// UrgePetition is Store.UrgePetition inside the batch.
func (b *Bulk) UrgePetition(author, id string, a model.CaseAction) (model.Petition, error) {
	return b.as(author).urgePetition(id, a)
}

// AddNote is Store.AddNote inside the batch.
func (b *Bulk) AddNote(author, entity, text string) error {
	return b.as(author).addNote(entity, text)
}

// SetReminder is Store.SetReminder inside the batch.
func (b *Bulk) SetReminder(author, caseID string, r model.Reminder) error {
	return b.as(author).setReminder(caseID, r)
}
