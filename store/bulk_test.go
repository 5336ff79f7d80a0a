package store_test

import (
	"errors"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// A Bulk holds entity lists and index keys until its commit (to put them
// in key order): every action inside must still see the events written
// before it in the same batch, and the file must end exactly as if each
// had been written at once; a refused batch leaves nothing, held keys
// included.
func TestBulkHeldKeys(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	old := res(s.RecordPerson("lan", model.Person{Name: "Trần Thị Bình", BirthYear: 1988})).must(t)
	var caseID string
	err := s.BulkLoad(func(b *store.Bulk) error {
		b.SetNow(clk.Now())
		for i := 0; i < 30; i++ {
			in := store.VisitInput{Visit: model.Visit{Content: "Nợ lương", Outcome: model.OutcomePetition}, Petition: &model.Petition{}}
			if i%2 == 0 {
				in.Visit.Persons = []string{old.ID} // an old record, listed in the file and held
			} else {
				in.NewPersons = []model.Person{{Name: "Nguyễn Văn An", BirthYear: 1980 + i}}
			}
			_, p, err := b.RecordVisit("lan", in)
			if err != nil {
				return err
			}
			c, err := b.Classify("lan", p.ID, model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour, Field: model.FieldWages,
				Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1})
			if err != nil {
				return err
			}
			// Two actions on the case made in this batch: the second folds
			// onto the first, whose list entry is only held.
			if _, err := b.CaseAction("lan", c.ID, model.EvCaseAccepted, model.CaseAction{}); err != nil {
				return err
			}
			if err := b.AddNote("lan", c.ID, "Ghi chú"); err != nil {
				return err
			}
			caseID = c.ID
		}
		return b.CompletePerson("lan", old.ID, model.Person{Phone: "0912345678"}, []string{"phone"})
	})
	if err != nil {
		t.Fatal(err)
	}
	checkClean(t, s) // every projection is its events' fold, every index entry there
	evs, err := s.Timeline(caseID)
	if err != nil || len(evs) != 3 {
		t.Fatalf("case events %d %v", len(evs), err)
	}
	for i := 1; i < len(evs); i++ {
		if evs[i].Base == "" {
			t.Errorf("event %d of the case has no base: the held list was not read", i)
		}
	}
	if hits := s.SearchPersons("0912345678", 0); len(hits) != 1 || hits[0].ID != old.ID {
		t.Errorf("phone index %+v", hits)
	}
	if hits := s.SearchPersons("nguyen van an", 0); len(hits) != 15 {
		t.Errorf("name index: %d hits", len(hits))
	}

	before := storetest.Events(t, s)
	boom := errors.New("refused")
	err = s.BulkLoad(func(b *store.Bulk) error {
		if _, err := b.RecordPerson("lan", model.Person{Name: "Lê Văn Cường"}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || storetest.Events(t, s) != before || len(s.SearchPersons("le van cuong", 0)) != 0 {
		t.Errorf("a refused batch left something: %v", err)
	}
	checkClean(t, s)
}
