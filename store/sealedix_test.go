package store_test

import (
	"bytes"
	"os"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// The protected persons a user may find are kept in the file for their
// next sign-in, sealed to them: that sign-in reads only the events written
// since, and finds exactly what a full build would. A write of the session
// updates the index without a full build.
func TestSealedIndexKeptAndRefreshed(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "hung", Name: "Trần Văn Hùng", Roles: []model.Role{model.RoleHandler}}, storetest.Password); err != nil {
		t.Fatal(err)
	}
	denounce := func(name string) model.Case {
		p := storetest.Visit(t, s, name, model.KindDenunciation)
		return storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	}
	assign := func(c model.Case, to string) {
		storetest.Act(t, s, c.ID, model.EvCaseAssigned, model.CaseAction{Handler: to})
	}
	a, b := denounce("Phạm Văn An"), denounce("Lê Thị Bình")
	assign(a, "hung")
	finds := func(q string) bool { return len(s.SearchPersons(q, 0)) == 1 }
	signIn := func(login string) {
		t.Helper()
		s.SignOut()
		if _, err := s.SignIn(login, storetest.Password); err != nil {
			t.Fatal(err)
		}
		s.WarmSession()
	}

	signIn("hung")
	if !finds("pham van an") || finds("le thi binh") {
		t.Fatalf("first sign-in: An %v, Bình %v; want only An (his case)", finds("pham van an"), finds("le thi binh"))
	}
	// Meanwhile the leader hands An's case over, gives him Bình's, and a
	// new denouncer's.
	signIn("lan")
	assign(a, "lan")
	assign(b, "hung")
	c := denounce("Đỗ Văn Cường")
	assign(c, "hung")
	builds := s.SealedBuildsForTest()
	signIn("hung")
	if s.SealedBuildsForTest() != builds {
		t.Error("the sign-in built the index again instead of reading what changed")
	}
	if finds("pham van an") || !finds("le thi binh") || !finds("do van cuong") {
		t.Errorf("after the changes: An %v (want false), Bình %v, Cường %v (want true)", finds("pham van an"), finds("le thi binh"), finds("do van cuong"))
	}

	// In a session: the leader records a denouncer and finds them at once.
	signIn("lan")
	builds = s.SealedBuildsForTest()
	denounce("Vũ Thị Dung")
	if !finds("vu thi dung") {
		t.Error("a denouncer recorded in this session is not found")
	}
	if s.SealedBuildsForTest() != builds {
		t.Error("a write in the session built the index again")
	}

	// The kept index is sealed: no name in the file.
	path := s.Path()
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte("sealedix/hung")) {
		t.Fatal("no index kept for hung (the test would pass for the wrong reason)")
	}
	for _, n := range []string{"Phạm Văn An", "pham van an", "le thi binh", "do van cuong", "vu thi dung"} {
		if bytes.Contains(raw, []byte(n)) {
			t.Errorf("the file holds %q in the clear", n)
		}
	}
	// Another history under the same numbers (a restore) or other roles:
	// built again, not trusted.
	s2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	hung, err := s2.User("hung")
	if err != nil {
		t.Fatal(err)
	}
	hung.Roles = []model.Role{model.RoleReceptionist}
	if err := s2.UpdateUser("lan", hung); err != nil {
		t.Fatal(err)
	}
	s2.SignOut()
	if _, err := s2.SignIn("hung", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if len(s2.SearchPersons("le thi binh", 0)) != 0 {
		t.Error("a receptionist finds a denouncer through the index kept from when he was a handler")
	}
	s2.Close()
	s3, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	if n := s3.MetaKeysForTest("sealedix/"); len(n) != 1 || n[0] != "sealedix/lan" {
		t.Errorf("kept indexes after hung lost the handler's role: %v, want only lan's", n)
	}
}
