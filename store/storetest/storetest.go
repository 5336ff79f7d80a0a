// Package storetest makes real data files for tests: a site set up in a
// bbolt file under t.TempDir(), with a fixed clock. No storage is mocked.
//
// Setting up a site hashes its first user's password with argon2id (64 MiB,
// a quarter of a second, more under -race), so the first New of a given
// (code, parent, login, time) makes a template file and every later one
// copies its bytes: tests that each need a fresh site stay fast.
package storetest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/bundle"

	bolt "go.etcd.io/bbolt"
)

// Clock is a settable wall clock for tests. It is safe for concurrent use.
type Clock struct {
	mu sync.Mutex
	T  time.Time
}

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.T
}

// Set moves the clock to t.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	c.T = t
	c.mu.Unlock()
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.T = c.T.Add(d)
	c.mu.Unlock()
}

// SetDate moves the clock to 09:00 on d in Vietnam.
func (c *Clock) SetDate(d model.Date) { c.Set(time.Date(d.Y, d.M, d.D, 9, 0, 0, 0, model.VN)) }

// Today returns the clock's date in Vietnam.
func (c *Clock) Today() model.Date { return model.DateOf(c.Now()) }

// Password of every test user.
const Password = "matkhau"

// Start is the default clock: 09:00 on Monday 2 March 2026 in Vietnam.
var Start = time.Date(2026, 3, 2, 9, 0, 0, 0, model.VN)

// Site describes a test site.
type Site struct {
	Code   string
	Parent string
	Login  string // first user, with every role; "" = "lan"
	Clock  *Clock // nil = a new clock at Start
}

// New opens a fresh site CODE in a temp file, with user "lan" (all roles),
// at 09:00 on 2 March 2026.
func New(t testing.TB, code string) (*store.Store, *Clock) {
	t.Helper()
	clk := &Clock{T: Start}
	return NewAt(t, code, "", clk), clk
}

// NewAt opens a fresh site with a parent and a given clock.
func NewAt(t testing.TB, code, parent string, clk *Clock) *store.Store {
	t.Helper()
	return NewSite(t, Site{Code: code, Parent: parent, Clock: clk})
}

// NewSite opens a fresh site described by st. The store is closed when
// the test ends.
func NewSite(t testing.TB, st Site) *store.Store {
	t.Helper()
	if st.Login == "" {
		st.Login = "lan"
	}
	if st.Clock == nil {
		st.Clock = &Clock{T: Start}
	}
	path := filepath.Join(t.TempDir(), st.Code+".db")
	if err := os.WriteFile(path, template(t, st), 0o600); err != nil {
		t.Fatal(err)
	}
	// Fixtures set the clock back to build a history out of order.
	s, err := store.Open(path, store.Options{Now: st.Clock.Now, TrustClock: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	// The first user is signed in, as at a desk: they hold the keys.
	if _, err := s.SignIn(st.Login, Password); err != nil {
		t.Fatal(err)
	}
	return s
}

func init() { store.CheapPasswordsForTests() }

var (
	templatesMu sync.Mutex
	templates   = map[string][]byte{}
)

// template returns the bytes of a freshly set-up site file.
func template(t testing.TB, st Site) []byte {
	t.Helper()
	now := st.Clock.Now()
	key := fmt.Sprintf("%s|%s|%s|%d", st.Code, st.Parent, st.Login, now.UnixNano())
	templatesMu.Lock()
	defer templatesMu.Unlock()
	if b, ok := templates[key]; ok {
		return b
	}
	dir, err := os.MkdirTemp("", "storetest-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "template.db")
	s, err := store.Open(path, store.Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	err = s.Init(store.SiteInit{Code: st.Code, Name: "Công đoàn " + st.Code, Parent: st.Parent, Login: st.Login, UserName: "Nguyễn Thị Lan", Password: Password})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	templates[key] = b
	return b
}

// Staff adds, as the administrator lan, one user of each role the
// access policy tells apart, all with Password: thu (receptionist),
// hung and mai (handlers), lanh (leader) and qt (administrator).
func Staff(t testing.TB, s *store.Store) {
	t.Helper()
	for _, u := range []model.User{
		{Login: "thu", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}},
		{Login: "hung", Name: "Trần Văn Hùng", Roles: []model.Role{model.RoleHandler}},
		{Login: "mai", Name: "Đỗ Thị Mai", Roles: []model.Role{model.RoleHandler}},
		{Login: "lanh", Name: "Vũ Văn Lãnh", Roles: []model.Role{model.RoleLeader}},
		{Login: "qt", Name: "Quản Trị", Roles: []model.Role{model.RoleAdmin}},
	} {
		if err := s.CreateUser("lan", u, Password); err != nil {
			t.Fatal(err)
		}
	}
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

// Denounce records a visit of persons already on file who bring a
// denunciation, and returns the petition: a person known in the clear
// who becomes protected.
func Denounce(t testing.TB, s *store.Store, persons []string) model.Petition {
	t.Helper()
	_, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:    model.Visit{Content: "Tố cáo quản đốc", Outcome: model.OutcomePetition, Persons: persons},
		Petition: &model.Petition{Kind: model.KindDenunciation},
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

// Act applies a case action and fails the test if it is refused.
func Act(t testing.TB, s *store.Store, caseID string, ev model.EventType, a model.CaseAction) model.Case {
	t.Helper()
	c, err := s.CaseAction("lan", caseID, ev, a)
	if err != nil {
		t.Fatalf("%s on %s: %v", ev, caseID, err)
	}
	return c
}

// Events returns the whole log as JSON Lines (DumpEvents).
func Events(t testing.TB, s *store.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.DumpEvents(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// State returns every projection as JSON Lines (DumpState).
func State(t testing.TB, s *store.Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.DumpState(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// AllEvents returns every event the store holds, site by site in seq order.
func AllEvents(t testing.TB, s *store.Store) []model.Event {
	t.Helper()
	var out []model.Event
	for _, site := range sortedSites(s.Heads()) {
		if err := s.EachEvent(site, 0, func(e model.Event) error { out = append(out, e); return nil }); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// Import imports evs (in that order) into s in one transaction.
func Import(t testing.TB, s *store.Store, evs []model.Event) store.ImportResult {
	t.Helper()
	res, err := s.Import(store.EventsOf(evs), nil)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return res
}

// Exchange imports into to every event from holds that to lacks, as a
// bundle would carry them (without the bundle: the sync code's tests own
// that). It returns the import's result.
func Exchange(t testing.TB, from, to *store.Store) store.ImportResult {
	t.Helper()
	have := to.Heads()
	var evs []model.Event
	for _, site := range sortedSites(from.Heads()) {
		err := from.EachEvent(site, have[site], func(e model.Event) error { evs = append(evs, e); return nil })
		if err != nil {
			t.Fatal(err)
		}
	}
	return Import(t, to, evs)
}

func sortedSites(h map[string]uint64) []string {
	out := make([]string, 0, len(h))
	for s := range h {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// KeyCard returns the public key card of s.
func KeyCard(t testing.TB, s *store.Store) bundle.Card {
	t.Helper()
	c, err := s.KeyCard()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// PinBoth makes a and b trust each other's cards, as two sites do once
// they have read each other's fingerprints over the phone.
func PinBoth(t testing.TB, a, b *store.Store) {
	t.Helper()
	if _, err := a.PinPeer(KeyCard(t, b), store.PinOptions{By: "lan"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.PinPeer(KeyCard(t, a), store.PinOptions{By: "lan"}); err != nil {
		t.Fatal(err)
	}
}

// Must returns v, failing the test run if err is not nil: for the reads
// that return what they could read beside an error.
func Must[T any](v T, err error) T {
	if err != nil {
		panic(fmt.Sprintf("storetest.Must: %v", err))
	}
	return v
}

// Damage closes s, overwrites the stored projection of each record in
// ids with bytes that do not decode (as a failing disk or a half-written
// copy leaves them), and opens the file again signed in as lan: a real
// damaged bbolt file, for the tests of what people are told about it.
func Damage(t testing.TB, s *store.Store, clk *Clock, ids ...string) *store.Store {
	t.Helper()
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, id := range ids {
			b := tx.Bucket([]byte("state")).Bucket([]byte(model.EntityKind(id)))
			if b == nil || b.Get([]byte(id)) == nil {
				return fmt.Errorf("no record %s to damage", id)
			}
			if err := b.Put([]byte(id), []byte("\x00\x13{damaged")); err != nil {
				return err
			}
		}
		return nil
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(path, store.Options{Now: clk.Now, TrustClock: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.SignIn("lan", Password); err != nil {
		t.Fatal(err)
	}
	return s
}
