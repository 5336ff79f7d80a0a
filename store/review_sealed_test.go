package store_test

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// sealedTwin makes a site where one worker is on file twice: once in the
// clear (an earlier visit) and once as the sealed sender of a
// denunciation. "lan" (every role) may find the sealed one; "quantri",
// an administrator, and "mai", a handler who holds the site's
// confidential key but not this case, may not.
func sealedTwin(t *testing.T) (s *store.Store, plain, sealed model.Person) {
	s, _ = storetest.New(t, "GL07")
	for _, u := range []model.User{
		{Login: "quantri", Name: "Vũ Quản Trị", Roles: []model.Role{model.RoleAdmin}},
		{Login: "mai", Name: "Đỗ Thị Mai", Roles: []model.Role{model.RoleHandler}}, // holds the key, not this case
	} {
		if err := s.CreateUser("lan", u, "qt-1234"); err != nil {
			t.Fatal(err)
		}
	}
	plain = res(s.RecordPerson("lan", model.Person{Name: "Phạm Văn Tố", BirthYear: 1980, Employer: "Công ty May Gia Lâm"})).must(t)
	_, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Tố cáo chủ tịch công đoàn", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Phạm Văn Tố", BirthYear: 1980, Phone: "0912345678", Employer: "Công ty May Gia Lâm"}},
		Petition:   &model.Petition{Kind: model.KindDenunciation},
	})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	sealed = res(s.Person(p.Senders[0])).must(t)
	if sealed.Sealed == "" || sealed.Name != "" {
		t.Fatalf("the denouncer is not sealed: %+v", sealed)
	}
	return s, plain, sealed
}

func signIn(t *testing.T, s *store.Store, login, pw string) {
	t.Helper()
	s.SignOut()
	if _, err := s.SignIn(login, pw); err != nil {
		t.Fatal(err)
	}
}

// The duplicate review and the merge see a protected person only through
// the policy: an entitled session pairs them by their unsealed identity
// (their name stays sealed in the list); anyone else never sees, pairs or
// merges them. Merging seals the record merged with them.
func TestDuplicatesOfASealedPerson(t *testing.T) {
	s, plain, sealed := sealedTwin(t)

	signIn(t, s, "lan", storetest.Password) // grants mai the key
	for _, login := range []string{"quantri", "mai"} {
		signIn(t, s, login, "qt-1234")
		for _, p := range s.ReviewPersons() {
			if p.ID == sealed.ID {
				t.Errorf("%s reviews the protected person %+v", login, p)
			}
		}
		for _, d := range s.Duplicates() {
			if d.A == sealed.ID || d.B == sealed.ID {
				t.Errorf("%s is shown a pair with the protected person: %+v", login, d)
			}
		}
		if _, err := s.MergePersons(login, plain.ID, sealed.ID); err == nil || !strings.HasPrefix(store.Message(err, model.EN), "Record not found") {
			t.Errorf("%s merged a protected person: %v", login, err)
		}
		if err := s.MarkDistinct(login, plain.ID, sealed.ID, false); err == nil || !strings.HasPrefix(store.Message(err, model.EN), "Record not found") {
			t.Errorf("%s marked a protected person: %v", login, err)
		}
	}

	signIn(t, s, "lan", storetest.Password)
	found := false
	for _, d := range s.Duplicates() {
		if (d.A == plain.ID && d.B == sealed.ID || d.A == sealed.ID && d.B == plain.ID) && d.Why == model.DupNameYear {
			found = true
		}
	}
	if !found {
		t.Fatalf("the entitled leader is not shown the pair: %+v", s.Duplicates())
	}
	for _, p := range s.ReviewPersons() {
		if p.ID == sealed.ID && (p.Name != "Phạm Văn Tố" || p.Sealed == "") {
			t.Errorf("reviewed as %+v", p)
		}
	}
	// A third record in the clear, merged into the plain one first: the
	// whole group is sealed when the protected record joins it.
	third := res(s.RecordPerson("lan", model.Person{Name: "Pham Van To", BirthYear: 1980})).must(t)
	if _, err := s.MergePersons("lan", plain.ID, third.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MergePersons("lan", third.ID, sealed.ID); err != nil { // joins third's group
		t.Fatal(err)
	}
	if p := res(s.Person(third.ID)).must(t); p.Sealed == "" || p.Name != "" {
		t.Errorf("a record of the group is left in the clear: %+v", p)
	}
	// The record that stays was in the clear: it is sealed now, so the
	// group shows nothing in the clear that one of its records keeps sealed.
	if p := res(s.Person(plain.ID)).must(t); p.Sealed == "" || p.Name != "" {
		t.Errorf("the record kept is not sealed: %+v", p)
	}
	if hits := s.SearchPersons("pham van to", 0); len(hits) != 1 || hits[0].ID != plain.ID {
		t.Errorf("the leader's search after the merge: %+v", hits)
	} else if c, err := s.PersonCards([]string{plain.ID}); err != nil || len(c) != 1 || c[0].Name != "Phạm Văn Tố" {
		t.Errorf("the leader's card %+v", c)
	}
	signIn(t, s, "quantri", "qt-1234")
	if hits := s.SearchPersons("pham van to", 0); len(hits) != 0 {
		t.Errorf("an administrator finds the merged protected person: %+v", hits)
	}
	if m := model.MergedRecords(s.ReviewPersons()); len(m) != 0 {
		t.Errorf("an administrator lists the merged protected person: %+v", m)
	}
	checkClean(t, s)
}
