// Package storetest makes real data files for tests: a site set up in a
// bbolt file under t.TempDir(), with a fixed clock. No storage is mocked.
package storetest

import (
	"path/filepath"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
)

// Clock is a settable wall clock for tests.
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) { c.T = c.T.Add(d) }

// SetDate moves the clock to 09:00 on d in Vietnam.
func (c *Clock) SetDate(d model.Date) { c.T = time.Date(d.Y, d.M, d.D, 9, 0, 0, 0, model.VN) }

// Password of every test user.
const Password = "matkhau"

// New opens a fresh site CODE in a temp file, with user "lan" (all roles),
// at 09:00 on 2 March 2026 unless the clock says otherwise.
func New(t testing.TB, code string) (*store.Store, *Clock) {
	t.Helper()
	clk := &Clock{T: time.Date(2026, 3, 2, 9, 0, 0, 0, model.VN)}
	return NewAt(t, code, "", clk), clk
}

// NewAt opens a fresh site with a parent and a given clock.
func NewAt(t testing.TB, code, parent string, clk *Clock) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), code+".db")
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := s.Init(store.SiteInit{Code: code, Name: "Công đoàn " + code, Parent: parent, Login: "lan", UserName: "Nguyễn Thị Lan", Password: Password}); err != nil {
		t.Fatal(err)
	}
	return s
}

// Visit records a visit of a new person with a petition of kind k and
// returns the petition.
func Visit(t testing.TB, s *store.Store, name string, k model.PetitionKind) model.Petition {
	t.Helper()
	_, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Công ty nợ lương ba tháng", Outcome: model.OutcomePetition, Employer: "Công ty May Gia Lâm"},
		NewPersons: []model.Person{{Name: name, Employer: "Công ty May Gia Lâm"}},
		Petition:   &model.Petition{Kind: k},
	})
	if err != nil {
		t.Fatal(err)
	}
	return *p
}

// Accept classifies a petition as accepted and returns the case.
func Accept(t testing.TB, s *store.Store, petitionID string, k model.PetitionKind, r model.Regime) model.Case {
	t.Helper()
	c, err := s.Classify("lan", petitionID, model.Classification{
		Kind: k, Regime: r, Field: model.FieldWages, Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return *c
}
