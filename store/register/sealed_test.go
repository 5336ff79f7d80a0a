package register

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// An import matches a row to a protected person (the sealed sender of a
// denunciation) only for a session the policy lets find them; the dry
// run names them sealed; what the row adds to their identity is sealed
// with it, never written in the clear. For anyone else the row is a new
// person and nothing says the protected one exists.
func TestImportMatchesSealedPersonOnlyWhenEntitled(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "quantri", Name: "Vũ Quản Trị", Roles: []model.Role{model.RoleAdmin}}, "qt-1234"); err != nil {
		t.Fatal(err)
	}
	_, pet, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Tố cáo chủ tịch công đoàn", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Phạm Văn Tố", BirthYear: 1980, Phone: "0912345678"}},
		Petition:   &model.Petition{Kind: model.KindDenunciation},
	})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Accept(t, s, pet.ID, model.KindDenunciation, model.RegimeUnion)
	id := pet.Senders[0]
	path := filepath.Join(t.TempDir(), "so.csv")
	os.WriteFile(path, []byte("Ngày tiếp,Họ tên,Năm sinh,Điện thoại,Số CCCD,Nội dung\n"+
		"05/03/2019,Phạm Văn Tố,1980,0912 345 678,001080012345,Hỏi về lương\n"), 0o600)
	signIn := func(login, pw string) {
		s.SignOut()
		if _, err := s.SignIn(login, pw); err != nil {
			t.Fatal(err)
		}
	}

	signIn("quantri", "qt-1234")
	p := prepare(t, s, path, Options{})
	if r := p.Rows[0]; !r.Match.New || strings.Contains(r.Describe(model.VI), id) || strings.Contains(r.Describe(model.VI), "bảo mật") {
		t.Errorf("an administrator's dry run: %+v\n%s", r.Match, r.Describe(model.VI))
	}

	signIn("lan", storetest.Password)
	p = prepare(t, s, path, Options{})
	want := "Dòng 2: người đã có (bảo mật) [" + id + "] (cùng số điện thoại), bổ sung số giấy tờ; lượt tiếp 05/03/2019, Trả lời trực tiếp"
	if got := p.Rows[0].Describe(model.VI); got != want {
		t.Fatalf("the leader's dry run:\n%s\nwant\n%s", got, want)
	}
	if res, err := Apply(s, p, "lan", ApplyOptions{}); err != nil || res.Persons != 0 || res.Completed != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	per, _ := s.Person(id)
	if per.Sealed == "" || per.IDNumber != "" || per.Phone != "" || per.Name != "" {
		t.Errorf("the protected person is in the clear after the import: %+v", per)
	}
	if !s.UnsealPerson(&per) || per.IDNumber != "001080012345" || per.Phone != "0912345678" || per.Name != "Phạm Văn Tố" {
		t.Errorf("unsealed: %+v", per)
	}
	signIn("quantri", "qt-1234")
	if hits := s.SearchPersons("001080012345", 0); len(hits) != 0 {
		t.Errorf("an administrator finds the protected person by the imported number: %+v", hits)
	}
	for _, p := range s.Check() {
		t.Error(p.EN)
	}
}
