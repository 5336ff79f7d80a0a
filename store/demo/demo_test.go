package demo_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
	"donthu/store/storetest"
)

// today is the end of the demo year in these tests: a Wednesday.
var today = time.Date(2026, time.November, 25, 10, 30, 0, 0, model.VN)

func fill(t *testing.T, opt demo.Options) (*store.Store, demo.Summary) {
	t.Helper()
	clk := &storetest.Clock{T: today}
	s, err := store.Open(filepath.Join(t.TempDir(), "demo.db"), store.Options{Now: clk.Now, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	start := time.Now()
	sum, err := demo.Fill(s, opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d people: %d events in %v", opt.People, sum.Events, time.Since(start))
	return s, sum
}

func TestFill(t *testing.T) {
	t.Parallel()
	s, sum := fill(t, demo.Options{People: 150, Seed: 7, Today: today})
	if probs := s.Check(); len(probs) != 0 {
		t.Fatalf("check: %v", probs)
	}
	if s.Site() != "GL07" || !sum.NewSite || sum.Site != "GL07" {
		t.Fatalf("site %q %+v", s.Site(), sum)
	}
	site, _ := s.SiteInfo("")
	if site.Name != demo.SiteName || site.Parent != "HN01" || site.ValidFrom != sum.From {
		t.Fatalf("site %+v", site)
	}
	for _, u := range []struct {
		login string
		role  model.Role
	}{{"demo", model.RoleAdmin}, {"letan", model.RoleReceptionist}, {"hung", model.RoleHandler}} {
		got, err := s.Authenticate(u.login, demo.Password)
		if err != nil || !got.Has(u.role) {
			t.Fatalf("%s: %+v %v", u.login, got, err)
		}
	}
	if got, _ := s.User("letan"); got.Has(model.RoleHandler) {
		t.Fatal("letan is only a receptionist")
	}
	t.Logf("%+v", sum)

	for _, st := range model.CaseStatuses {
		if sum.ByStatus[st] == 0 {
			t.Errorf("no case is %s", st)
		}
	}
	for name, n := range map[string]int{"overdue": sum.Overdue, "due this week": sum.DueThisWeek, "in the inbox": sum.Inbox,
		"group visits": sum.GroupVisits, "reopened": sum.Reopened, "repeats": sum.Repeats, "reminders": sum.Reminders, "notes": sum.Notes} {
		if n == 0 {
			t.Errorf("nothing %s", name)
		}
	}
	if sum.People != 150 || sum.Visits < sum.People/2 || sum.Petitions < sum.People/2 || sum.Cases < sum.Petitions/3 {
		t.Errorf("volumes %+v", sum)
	}
	if n := s.Overdue(sum.To, ""); n != sum.Overdue {
		t.Errorf("overdue %d, summary %d", n, sum.Overdue)
	}

	// Petitions of every kind and field, and the regimes a union desk sees.
	kinds, regimes, fields, results := map[model.PetitionKind]int{}, map[model.Regime]int{}, map[model.Field]int{}, map[model.Result]int{}
	for _, p := range s.Petitions(model.Date{}, model.Date{}) {
		if p.Classified {
			kinds[p.Kind]++
			regimes[p.Regime]++
			fields[p.Field]++
		}
		if p.Received.Before(sum.From) || p.Received.After(sum.To) {
			t.Fatalf("petition received %s, outside the year", p.Received)
		}
	}
	for _, r := range storetest.Must(s.Cases(store.CaseFilter{All: true}, sum.To)) {
		results[r.Result]++
	}
	for _, k := range model.PetitionKinds {
		if kinds[k] == 0 {
			t.Errorf("no %s petition", k)
		}
	}
	for _, r := range []model.Regime{model.RegimeLabour, model.RegimeUnion, model.RegimeAdmin, model.RegimeDispute, model.RegimeCitizens} {
		if regimes[r] == 0 {
			t.Errorf("no petition under the %s regime", r)
		}
	}
	for _, f := range []model.Field{model.FieldWages, model.FieldInsurance, model.FieldDismissal, model.FieldContract, model.FieldHours,
		model.FieldSafety, model.FieldUnionFee, model.FieldUnionOrg, model.FieldPolicy, model.FieldLand, model.FieldOther} {
		if fields[f] == 0 {
			t.Errorf("no petition about %s", f)
		}
	}
	for _, r := range model.Results {
		if results[r] == 0 {
			t.Errorf("no case concluded %s", r)
		}
	}

	// Persons have identities that hold together, and are found by search.
	for _, hit := range s.SearchPersons("nguyen", 30) {
		p, _ := s.Person(hit.ID)
		if p.IDKind == model.IDCCCD {
			if _, warn, err := model.ValidateCCCD(p.IDNumber, p.BirthYear); err != nil || warn != nil {
				t.Fatalf("%s: CCCD %s for %d: %v %v", p.Name, p.IDNumber, p.BirthYear, err, warn)
			}
			if string(p.Sex) != model.CCCDSex(p.IDNumber) {
				t.Fatalf("%s: sex %s, CCCD %s", p.Name, p.Sex, p.IDNumber)
			}
		}
	}
	// A repeat complaint points at the case it repeats.
	for _, r := range storetest.Must(s.Cases(store.CaseFilter{All: true}, sum.To)) {
		if r.Repeat {
			prior, err := s.Case(r.PriorCase)
			if err != nil || prior.Status != model.StatusConcluded || prior.Senders[0] != r.Senders[0] {
				t.Fatalf("repeat %s of %s: %+v %v", r.ID, r.PriorCase, prior, err)
			}
		}
	}
	// Nothing happens after today.
	for _, v := range s.Visits(sum.To.AddDays(1), model.Date{}) {
		t.Fatalf("visit on %s after today", v.At)
	}
}

func TestFillIsDeterministic(t *testing.T) {
	t.Parallel()
	a, _ := fill(t, demo.Options{People: 40, Seed: 3, Today: today})
	b, _ := fill(t, demo.Options{People: 40, Seed: 3, Today: today})
	// Sealed identities are encrypted afresh each time (and the events'
	// hashes follow): compare the state with the sealed values set aside.
	if sealedOut(state(t, a)) != sealedOut(state(t, b)) {
		t.Fatal("the same seed gave different data")
	}
}

var sealedRE = regexp.MustCompile(`"YWdl[A-Za-z0-9+/=]*"`)

func sealedOut(s string) string { return sealedRE.ReplaceAllString(s, `"sealed"`) }

func state(t *testing.T, s *store.Store) string {
	var b bytes.Buffer
	if err := s.DumpState(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestFillExistingSite: a file with a site of its own gets the demo users
// and the activity, under its own code.
func TestFillExistingSite(t *testing.T) {
	t.Parallel()
	clk := &storetest.Clock{T: today}
	s := storetest.NewAt(t, "GL09", "HN01", clk)
	sum, err := demo.Fill(s, demo.Options{People: 40, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if sum.NewSite || sum.Site != "GL09" || len(sum.Users) != 3 {
		t.Fatalf("summary %+v", sum)
	}
	if p := storetest.Must(s.Inbox()); len(p) == 0 || p[0].No[:5] != "GL09-" {
		t.Fatalf("inbox %+v", p)
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Fatalf("check: %v", probs)
	}
	if _, err := s.Authenticate("lan", storetest.Password); err != nil {
		t.Fatal("the site's own user is gone")
	}
}
