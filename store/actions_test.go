package store_test

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"

	"golang.org/x/text/unicode/norm"
)

func TestRecordPerson(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	nfd := norm.NFD.String("Nguyễn Văn Đức")
	ok := []struct {
		name string
		in   model.Person
		want model.Person // the fields compared
	}{
		{"plain", model.Person{Name: "Trần Thị Mai", Employer: " Công ty TNHH May mặc  Gia Lâm "},
			model.Person{Name: "Trần Thị Mai", Employer: "Công ty TNHH May mặc Gia Lâm"}},
		{"NFD name is stored NFC", model.Person{Name: nfd}, model.Person{Name: "Nguyễn Văn Đức"}},
		{"CCCD with separators, kind guessed", model.Person{Name: "Lê Văn Hùng", IDNumber: "001 090.012-345", BirthYear: 1990},
			model.Person{Name: "Lê Văn Hùng", IDKind: model.IDCCCD, IDNumber: "001090012345", BirthYear: 1990}},
		{"CMND", model.Person{Name: "Phạm Thị Lan", IDKind: model.IDCMND, IDNumber: "012345678"},
			model.Person{Name: "Phạm Thị Lan", IDKind: model.IDCMND, IDNumber: "012345678"}},
		{"phone +84 form stored with a leading 0", model.Person{Name: "Võ Minh Tâm", Phone: "+84 912 345 678"},
			model.Person{Name: "Võ Minh Tâm", Phone: "0912345678"}},
		{"phone with dots", model.Person{Name: "Đỗ Thu Hà", Phone: "0987.654.321"},
			model.Person{Name: "Đỗ Thu Hà", Phone: "0987654321"}},
		{"CCCD against another birth year: a warning only", model.Person{Name: "Lê Văn Hùng", IDNumber: "001090012345", BirthYear: 1985},
			model.Person{Name: "Lê Văn Hùng", IDKind: model.IDCCCD, IDNumber: "001090012345", BirthYear: 1985}},
		{"kind without number is dropped", model.Person{Name: "Bùi Ngọc Lan", IDKind: model.IDCCCD},
			model.Person{Name: "Bùi Ngọc Lan"}},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			p := res(s.RecordPerson("lan", tc.in)).must(t)
			if !strings.HasPrefix(p.ID, "person:GL07.") || p.Site != "GL07" || p.Created.IsZero() {
				t.Fatalf("identity %q %q %v", p.ID, p.Site, p.Created)
			}
			if p.Name != tc.want.Name || p.IDKind != tc.want.IDKind || p.IDNumber != tc.want.IDNumber ||
				p.Phone != tc.want.Phone || p.BirthYear != tc.want.BirthYear || (tc.want.Employer != "" && p.Employer != tc.want.Employer) {
				t.Fatalf("stored %+v\nwant %+v", p, tc.want)
			}
			if p.NameFold != model.Fold(tc.want.Name) {
				t.Fatalf("fold %q", p.NameFold)
			}
			got := res(s.Person(p.ID)).must(t)
			if got.Name != p.Name || got.Phone != p.Phone {
				t.Fatalf("read back %+v", got)
			}
		})
	}

	bad := []struct {
		name  string
		in    model.Person
		field string
	}{
		{"no name", model.Person{Name: "  "}, "name"},
		{"digits in name", model.Person{Name: "Nguyễn Văn 2"}, "name"},
		{"unknown province code", model.Person{Name: "Lê Văn Hùng", IDKind: model.IDCCCD, IDNumber: "003090012345"}, "cccd"},
		{"CCCD too short", model.Person{Name: "Lê Văn Hùng", IDKind: model.IDCCCD, IDNumber: "00109001234"}, "cccd"},
		{"number of no known shape", model.Person{Name: "Lê Văn Hùng", IDNumber: "12345"}, "id_number"},
		{"letters in phone", model.Person{Name: "Lê Văn Hùng", Phone: "09123abc78"}, "phone"},
		{"foreign phone", model.Person{Name: "Lê Văn Hùng", Phone: "+1 555 0100"}, "phone"},
		{"birth year in the future", model.Person{Name: "Lê Văn Hùng", BirthYear: 2031}, "birth_year"},
		{"birth year too old", model.Person{Name: "Lê Văn Hùng", BirthYear: 1850}, "birth_year"},
	}
	for _, tc := range bad {
		t.Run("refused/"+tc.name, func(t *testing.T) {
			m := refused(t, s, func() error { _, err := s.RecordPerson("lan", tc.in); return err })
			if m.Field != tc.field {
				t.Fatalf("field %q, want %q (%s)", m.Field, tc.field, m.EN)
			}
		})
	}
}

func TestUpdatePerson(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := res(s.RecordPerson("lan", model.Person{Name: "Hoàng Văn Nam", Phone: "0912345678", BirthYear: 1990})).must(t)
	u := res(s.UpdatePerson("lan", p.ID, model.PersonUpdate{
		Person: model.Person{Name: "Hoàng Văn Nam", Phone: "84 987 654 321", IDNumber: "001090012345", Address: "xã Gia Lâm,  Hà Nội"},
		Set:    []string{"phone", "id_number", "address"},
	})).must(t)
	// The person had no document: its kind follows the number's shape.
	if u.Phone != "0987654321" || u.IDNumber != "001090012345" || u.IDKind != model.IDCCCD || u.Address != "xã Gia Lâm, Hà Nội" || u.BirthYear != 1990 {
		t.Fatalf("updated %+v", u)
	}
	// A new number is checked as the kind the person has.
	refused(t, s, func() error {
		_, err := s.UpdatePerson("lan", p.ID, model.PersonUpdate{Person: model.Person{IDNumber: "012345678"}, Set: []string{"id_number"}})
		return err
	})
	u = res(s.UpdatePerson("lan", p.ID, model.PersonUpdate{
		Person: model.Person{IDKind: model.IDCMND, IDNumber: "012345678"}, Set: []string{"id_kind", "id_number"}})).must(t)
	if u.IDKind != model.IDCMND || u.IDNumber != "012345678" {
		t.Fatalf("kind %q number %q", u.IDKind, u.IDNumber)
	}
	// Clearing the number clears the kind.
	u = res(s.UpdatePerson("lan", p.ID, model.PersonUpdate{Set: []string{"id_number"}})).must(t)
	if u.IDKind != "" || u.IDNumber != "" {
		t.Fatalf("kind %q number %q", u.IDKind, u.IDNumber)
	}
	if hits := s.SearchPersons("0987654321", 5); len(hits) != 1 || hits[0].ID != p.ID {
		t.Fatalf("search by the new phone: %+v", hits)
	}

	for _, tc := range []struct {
		name string
		id   string
		u    model.PersonUpdate
	}{
		{"nothing set", p.ID, model.PersonUpdate{Person: model.Person{Name: "X"}}},
		{"empty name", p.ID, model.PersonUpdate{Set: []string{"name"}}},
		{"bad phone", p.ID, model.PersonUpdate{Person: model.Person{Phone: "12"}, Set: []string{"phone"}}},
		{"passport too short", p.ID, model.PersonUpdate{Person: model.Person{IDKind: model.IDPassport, IDNumber: "B12"}, Set: []string{"id_kind", "id_number"}}},
		{"unknown person", "person:GL07.999", model.PersonUpdate{Person: model.Person{Name: "X Y"}, Set: []string{"name"}}},
	} {
		t.Run("refused/"+tc.name, func(t *testing.T) {
			refused(t, s, func() error { _, err := s.UpdatePerson("lan", tc.id, tc.u); return err })
		})
	}
}

func TestRecordVisit(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	known := res(s.RecordPerson("lan", model.Person{Name: "Nguyễn Thị Hoa"})).must(t)

	t.Run("known visitor, no petition", func(t *testing.T) {
		v, pet, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{
			Persons: []string{known.ID}, Content: "Hỏi về chế độ thai sản", Outcome: model.OutcomeAnswered}})
		if err != nil || pet != nil {
			t.Fatal(err, pet)
		}
		if v.No != "GL07-2026-T0001" || v.Receiver != "lan" || v.Reception != model.ReceptionRegular || !v.At.Equal(clk.Now()) || v.People() != 1 {
			t.Fatalf("visit %+v", v)
		}
	})
	t.Run("group with representatives and a petition", func(t *testing.T) {
		v, pet, err := s.RecordVisit("letan", store.VisitInput{
			Visit: model.Visit{Group: true, HeadCount: 23, Employer: "Công ty CP Điện tử Sài Đồng",
				Content: "Công nhân phản ánh công ty chậm trả lương tháng 1 và tháng 2", Outcome: model.OutcomePetition,
				Documents: []model.Document{{Name: "Đơn kiến nghị tập thể", Count: 1}}},
			NewPersons: []model.Person{{Name: "Trần Văn Dũng"}, {Name: "Lê Thị Hạnh"}, {Name: "Phạm Văn Sơn"}},
			NewReps:    []int{0, 2},
			Petition:   &model.Petition{Signatories: 23},
		})
		if err != nil {
			t.Fatal(err)
		}
		if v.No != "GL07-2026-T0002" || len(v.Persons) != 3 || len(v.Reps) != 2 || v.Reps[0] != v.Persons[0] || v.Reps[1] != v.Persons[2] || v.People() != 23 {
			t.Fatalf("visit %+v", v)
		}
		if pet == nil || pet.ID != v.Petition || pet.Visit != v.ID || pet.No != "GL07-2026-0001" ||
			pet.Source != model.SourceDesk || pet.Received != clk.Today() || pet.SenderName != "Trần Văn Dũng" ||
			pet.Employer != "Công ty CP Điện tử Sài Đồng" || pet.Summary != v.Content || len(pet.Senders) != 3 || len(pet.Documents) != 1 {
			t.Fatalf("petition %+v", pet)
		}
	})

	future := clk.Today().AddDays(3)
	for _, tc := range []struct {
		name  string
		in    store.VisitInput
		field string
	}{
		{"no visitor", store.VisitInput{Visit: model.Visit{Content: "x", Outcome: model.OutcomeGuided}}, "visitor"},
		{"group of one", store.VisitInput{Visit: model.Visit{Group: true, HeadCount: 1, Content: "x", Outcome: model.OutcomeGuided}}, "head_count"},
		{"no content", store.VisitInput{Visit: model.Visit{Persons: []string{known.ID}, Content: " \n ", Outcome: model.OutcomeGuided}}, "content"},
		{"no outcome", store.VisitInput{Visit: model.Visit{Persons: []string{known.ID}, Content: "x"}}, "outcome"},
		{"unknown outcome", store.VisitInput{Visit: model.Visit{Persons: []string{known.ID}, Content: "x", Outcome: "maybe"}}, "outcome"},
		{"unknown reception type", store.VisitInput{Visit: model.Visit{Persons: []string{known.ID}, Content: "x", Outcome: model.OutcomeGuided, Reception: "weekly"}}, "reception"},
		{"bad new person: persons are not kept", store.VisitInput{Visit: model.Visit{Content: "x", Outcome: model.OutcomeGuided},
			NewPersons: []model.Person{{Name: "Ngô Văn Quang"}, {Name: ""}}}, "name"},
		{"petition received in the future: nothing kept", store.VisitInput{Visit: model.Visit{Content: "x", Outcome: model.OutcomePetition},
			NewPersons: []model.Person{{Name: "Ngô Văn Quang"}}, Petition: &model.Petition{Received: future}}, "received"},
		{"letter dated after receipt", store.VisitInput{Visit: model.Visit{Persons: []string{known.ID}, Content: "x", Outcome: model.OutcomePetition},
			Petition: &model.Petition{LetterDate: future}}, "letter_date"},
		{"unknown visitor", store.VisitInput{Visit: model.Visit{Persons: []string{"person:GL07.999"}, Content: "x", Outcome: model.OutcomeGuided}}, "visitor"},
		{"a visit is not a person", store.VisitInput{Visit: model.Visit{Persons: []string{"visit:GL07.3"}, Content: "x", Outcome: model.OutcomeGuided}}, "visitor"},
		{"representative from outside the group", store.VisitInput{Visit: model.Visit{Group: true, HeadCount: 6, Persons: []string{known.ID},
			Reps: []string{"person:GL07.998"}, Content: "x", Outcome: model.OutcomeGuided}}, "reps"},
		{"visit in the future", store.VisitInput{Visit: model.Visit{Persons: []string{known.ID}, At: clk.Now().Add(2 * time.Hour), Content: "x", Outcome: model.OutcomeGuided}}, "at"},
	} {
		t.Run("refused/"+tc.name, func(t *testing.T) {
			m := refused(t, s, func() error { _, _, err := s.RecordVisit("lan", tc.in); return err })
			if m.Field != tc.field {
				t.Fatalf("field %q, want %q (%s)", m.Field, tc.field, m.EN)
			}
		})
	}
	// The refusals consumed no number.
	v, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Persons: []string{known.ID}, Content: "Hỏi lại", Outcome: model.OutcomeGuided}})
	if err != nil || v.No != "GL07-2026-T0003" {
		t.Fatalf("next visit %q %v", v.No, err)
	}
}

func TestRegisterPetition(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	p := res(s.RegisterPetition("lan", model.Petition{Summary: "Thư không ký tên tố cáo tổ trưởng ép làm thêm giờ", Kind: model.KindDenunciation})).must(t)
	if p.No != "GL07-2026-0001" || p.Source != model.SourcePost || !p.Anonymous || !p.Confidential || p.Received != clk.Today() || p.Classified {
		t.Fatalf("petition %+v", p)
	}
	if p.Fold == "" || !strings.Contains(p.Fold, "to truong") {
		t.Fatalf("fold %q", p.Fold)
	}
	sender := res(s.RecordPerson("lan", model.Person{Name: "Vũ Thị Yến", Employer: "Công ty TNHH May mặc Gia Lâm"})).must(t)
	p2 := res(s.RegisterPetition("lan", model.Petition{Senders: []string{sender.ID}, Summary: "Đề nghị can thiệp việc chậm đóng BHXH",
		Received: clk.Today().AddDays(-5), LetterDate: clk.Today().AddDays(-9), Source: model.SourceForwarded})).must(t)
	if p2.SenderName != "Vũ Thị Yến" || p2.Employer != sender.Employer || p2.Anonymous || p2.No != "GL07-2026-0002" {
		t.Fatalf("petition %+v", p2)
	}
	// A registration does not classify, whatever it carries.
	p3 := res(s.RegisterPetition("lan", model.Petition{SenderName: "Đỗ Văn Hải", Summary: "Đơn kèm sẵn quyết định",
		Classified: true, Decision: model.DecisionAccept, Case: "case:GL07.1", Conditions: true})).must(t)
	if p3.Classified || p3.Decision != "" || p3.Case != "" || len(storetest.Must(s.Inbox())) != 3 {
		t.Fatalf("petition %+v, inbox %d", p3, len(storetest.Must(s.Inbox())))
	}
	for _, tc := range []struct {
		name  string
		in    model.Petition
		field string
	}{
		{"no summary", model.Petition{SenderName: "A B"}, "summary"},
		{"received tomorrow", model.Petition{Summary: "x", Received: clk.Today().AddDays(1)}, "received"},
		{"received before 2000", model.Petition{Summary: "x", Received: day(1999, time.December, 31)}, "received"},
		{"letter dated after receipt", model.Petition{Summary: "x", Received: clk.Today().AddDays(-3), LetterDate: clk.Today().AddDays(-1)}, "letter_date"},
		{"unknown sender", model.Petition{Summary: "x", Senders: []string{sender.ID, "person:GL07.999"}}, "senders"},
	} {
		t.Run("refused/"+tc.name, func(t *testing.T) {
			m := refused(t, s, func() error { _, err := s.RegisterPetition("lan", tc.in); return err })
			if m.Field != tc.field {
				t.Fatalf("field %q, want %q (%s)", m.Field, tc.field, m.EN)
			}
		})
	}
}

func TestClassify(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	accept := model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour, Field: model.FieldWages,
		Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1}
	for _, tc := range []struct {
		name string
		c    model.Classification
	}{
		{"guide", model.Classification{Kind: model.KindComplaint, Field: model.FieldDismissal, Conditions: true, Decision: model.DecisionGuide, Reason: "Hướng dẫn gửi Tòa án"}},
		{"forward", model.Classification{Kind: model.KindRecommendation, Regime: model.RegimeCitizens, Conditions: true, Decision: model.DecisionForward, ForwardTo: "Sở Nội vụ Hà Nội"}},
		{"return", model.Classification{Kind: model.KindReport, Decision: model.DecisionReturn}},
		{"file", model.Classification{Kind: model.KindMixed, Decision: model.DecisionFile, Reason: "Đơn trùng"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := storetest.Visit(t, s, "Nguyễn Văn An", "")
			c, err := s.Classify("lan", p.ID, tc.c)
			if err != nil || c != nil {
				t.Fatalf("case %v, err %v", c, err)
			}
			got := res(s.Petition(p.ID)).must(t)
			if !got.Classified || got.Decision != tc.c.Decision || got.Kind != tc.c.Kind || got.Case != "" || got.ClassifiedOn.IsZero() {
				t.Fatalf("petition %+v", got)
			}
			for _, in := range storetest.Must(s.Inbox()) {
				if in.ID == p.ID {
					t.Fatal("classified petition still in the inbox")
				}
			}
		})
	}
	t.Run("accept opens a case", func(t *testing.T) {
		p := storetest.Visit(t, s, "Trần Thị Bình", "")
		c := res(s.Classify("lan", p.ID, accept)).must(t)
		got := res(s.Petition(p.ID)).must(t)
		if c.ID != got.Case || c.Status != model.StatusPending || c.No != p.No || c.PetitionNo != p.No || c.Petition != p.ID ||
			c.Kind != model.KindComplaint || c.Regime != model.RegimeLabour || c.SenderName != "Trần Thị Bình" || c.Opened.IsZero() || c.Received != p.Received {
			t.Fatalf("case %+v", c)
		}
	})
	t.Run("a denunciation is confidential", func(t *testing.T) {
		p := storetest.Visit(t, s, "Lý Văn Cường", "")
		c := res(s.Classify("lan", p.ID, model.Classification{Kind: model.KindDenunciation, Regime: model.RegimeUnion, Field: model.FieldUnionFee,
			Conditions: true, Competent: true, Decision: model.DecisionAccept})).must(t)
		if !c.Confidential || !res(s.Petition(p.ID)).must(t).Confidential {
			t.Fatalf("case %+v", c)
		}
	})
	t.Run("a duplicate of an accepted petition is a repeat", func(t *testing.T) {
		p1 := storetest.Visit(t, s, "Dương Thị Thảo", "")
		c1 := res(s.Classify("lan", p1.ID, accept)).must(t)
		p2 := storetest.Visit(t, s, "Dương Thị Thảo", "")
		a := accept
		a.DuplicateOf = p1.ID
		c2 := res(s.Classify("lan", p2.ID, a)).must(t)
		if !c2.Repeat || c2.PriorCase != c1.ID {
			t.Fatalf("case %+v", c2)
		}
	})

	open := storetest.Visit(t, s, "Hồ Văn Tuấn", "")
	done := storetest.Visit(t, s, "Hồ Thị Linh", "")
	res(s.Classify("lan", done.ID, accept)).must(t)
	mod := func(f func(*model.Classification)) model.Classification { c := accept; f(&c); return c }
	for _, tc := range []struct {
		name, id string
		c        model.Classification
	}{
		{"unknown petition", "petition:GL07.999", accept},
		{"already classified", done.ID, accept},
		{"accept without conditions", open.ID, mod(func(c *model.Classification) { c.Conditions = false })},
		{"accept outside competence", open.ID, mod(func(c *model.Classification) { c.Competent = false })},
		{"accept a mixed petition", open.ID, mod(func(c *model.Classification) { c.Kind = model.KindMixed })},
		{"accept anonymous information", open.ID, mod(func(c *model.Classification) { c.Kind = model.KindAnonymous })},
		{"forward to nobody", open.ID, mod(func(c *model.Classification) { c.Decision = model.DecisionForward })},
		{"no decision", open.ID, mod(func(c *model.Classification) { c.Decision = "" })},
		{"misspelt decision", open.ID, mod(func(c *model.Classification) { c.Decision = "acept" })},
		{"no kind", open.ID, mod(func(c *model.Classification) { c.Kind = "" })},
		{"accept with no regime", open.ID, mod(func(c *model.Classification) { c.Regime = "" })},
		{"unknown field", open.ID, mod(func(c *model.Classification) { c.Field = "weather" })},
		{"third round", open.ID, mod(func(c *model.Classification) { c.Round = 3 })},
		{"duplicate of nothing", open.ID, mod(func(c *model.Classification) { c.DuplicateOf = "petition:GL07.999" })},
		{"duplicate of itself", open.ID, mod(func(c *model.Classification) { c.DuplicateOf = open.ID })},
	} {
		t.Run("refused/"+tc.name, func(t *testing.T) {
			refused(t, s, func() error { _, err := s.Classify("lan", tc.id, tc.c); return err })
		})
	}
}

// TestCaseLifecycle walks cases through every status, with the refusal of
// each action that does not fit where the case stands.
func TestCaseLifecycle(t *testing.T) {
	type step struct {
		ev     model.EventType
		a      model.CaseAction
		status model.CaseStatus // "" = refused
	}
	acc := func(st model.CaseStatus) step { return step{model.EvCaseAccepted, model.CaseAction{}, st} }
	act := func(ev model.EventType, st model.CaseStatus) step { return step{ev, model.CaseAction{}, st} }
	conclude := func(r model.Result, st model.CaseStatus) step {
		return step{model.EvCaseConcluded, model.CaseAction{Result: r, DecisionNo: "15/QĐ-CĐCS"}, st}
	}
	for _, tc := range []struct {
		name  string
		kind  model.PetitionKind
		steps []step
	}{
		{"accept and conclude", model.KindComplaint, []step{
			act(model.EvCaseSuspended, ""), conclude(model.ResultRight, ""), acc(model.StatusOpen), acc(""),
			act(model.EvCaseResumed, ""), conclude("", ""), conclude("nonsense", ""), conclude(model.ResultPartly, model.StatusConcluded),
			conclude(model.ResultRight, ""), act(model.EvCaseSuspended, ""), act(model.EvCaseAssigned, ""), act(model.EvCaseDocsAsked, ""),
			{model.EvCaseTransferred, model.CaseAction{To: "LĐLĐ Hà Nội"}, ""},
		}},
		{"reject", model.KindComplaint, []step{act(model.EvCaseRejected, model.StatusRejected), acc(""), act(model.EvCaseReopened, model.StatusPending), acc(model.StatusOpen)}},
		{"suspend and resume", model.KindDenunciation, []step{
			acc(model.StatusOpen), act(model.EvCaseSuspended, model.StatusSuspended), act(model.EvCaseSuspended, ""),
			act(model.EvCaseResumed, model.StatusOpen), act(model.EvCaseResumed, ""), conclude(model.ResultWrong, model.StatusConcluded)}},
		{"terminate and reopen", model.KindComplaint, []step{
			acc(model.StatusOpen), {model.EvCaseTerminated, model.CaseAction{Reason: "Người khiếu nại rút đơn"}, model.StatusTerminated},
			act(model.EvCaseTerminated, ""), act(model.EvCaseReopened, model.StatusOpen), act(model.EvCaseReopened, ""),
			conclude(model.ResultWithdrawn, model.StatusConcluded)}},
		{"conclude, reopen, conclude again", model.KindComplaint, []step{
			acc(model.StatusOpen), conclude(model.ResultWrong, model.StatusConcluded), act(model.EvCaseReopened, model.StatusOpen),
			{model.EvCaseTransferred, model.CaseAction{To: "Tòa án"}, model.StatusTransferred}, act(model.EvCaseReopened, model.StatusOpen),
			conclude(model.ResultRight, model.StatusConcluded)}},
		{"transfer", model.KindRecommendation, []step{
			act(model.EvCaseTransferred, ""), {model.EvCaseTransferred, model.CaseAction{To: "  "}, ""},
			{model.EvCaseTransferred, model.CaseAction{To: "Bảo hiểm xã hội Hà Nội"}, model.StatusTransferred}}},
		{"extend a denunciation twice, no more", model.KindDenunciation, []step{
			{model.EvCaseExtended, model.CaseAction{Days: 30, Reason: "Phức tạp"}, ""},
			acc(model.StatusOpen),
			{model.EvCaseExtended, model.CaseAction{Days: 30}, ""},
			{model.EvCaseExtended, model.CaseAction{Days: 45, Reason: "Phức tạp"}, ""},
			{model.EvCaseExtended, model.CaseAction{Days: 30, Reason: "Phức tạp"}, model.StatusOpen},
			{model.EvCaseExtended, model.CaseAction{Days: 30, Reason: "Đặc biệt phức tạp"}, model.StatusOpen},
			{model.EvCaseExtended, model.CaseAction{Days: 10, Reason: "Lần ba"}, ""},
		}},
		{"not a case action", model.KindComplaint, []step{
			act(model.EvCaseOpened, ""), act(model.EvNoteAdded, ""), act(model.EvPersonUpdated, ""), act("case.vanished", ""), acc(model.StatusOpen)}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := storetest.New(t, "GL07")
			p := storetest.Visit(t, s, "Nguyễn Văn An", tc.kind)
			regime := model.RegimeLabour
			if tc.kind == model.KindDenunciation {
				regime = model.RegimeUnion
			}
			c := storetest.Accept(t, s, p.ID, tc.kind, regime)
			for i, st := range tc.steps {
				clk.Advance(24 * time.Hour)
				if st.status == "" {
					refused(t, s, func() error { _, err := s.CaseAction("lan", c.ID, st.ev, st.a); return err })
					continue
				}
				got, err := s.CaseAction("lan", c.ID, st.ev, st.a)
				if err != nil {
					t.Fatalf("step %d %s: %v", i, st.ev, err)
				}
				if got.Status != st.status {
					t.Fatalf("step %d %s: status %s, want %s", i, st.ev, got.Status, st.status)
				}
				if cached := res(s.Case(c.ID)).must(t); cached.Status != st.status || len(cached.Conflicts) != 0 {
					t.Fatalf("step %d: cached case %+v", i, cached)
				}
				// What the action returns is what the file holds.
				s.DropCaches()
				stored := res(s.Case(c.ID)).must(t)
				if a, b := res(json.Marshal(got)).must(t), res(json.Marshal(stored)).must(t); string(a) != string(b) {
					t.Fatalf("step %d %s returned\n%s\nthe file holds\n%s", i, st.ev, a, b)
				}
			}
			checkClean(t, s)
		})
	}

	t.Run("unknown case", func(t *testing.T) {
		s, _ := storetest.New(t, "GL07")
		refused(t, s, func() error {
			_, err := s.CaseAction("lan", "case:GL07.77", model.EvCaseAccepted, model.CaseAction{})
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("error %v is not ErrNotFound", err)
			}
			return err
		})
	})
	t.Run("accepted before it was received", func(t *testing.T) {
		s, _ := storetest.New(t, "GL07")
		c := storetest.Accept(t, s, storetest.Visit(t, s, "Lê Văn Sơn", model.KindComplaint).ID, model.KindComplaint, model.RegimeLabour)
		refused(t, s, func() error {
			_, err := s.CaseAction("lan", c.ID, model.EvCaseAccepted, model.CaseAction{On: c.Received.AddDays(-1)})
			return err
		})
	})
}

func TestNotesAndReminders(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	if err := s.AddNote("lan", c.ID, "Đã gọi điện cho phòng nhân sự công ty"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddNote("lan", p.ID, "Bản gốc lưu tủ số 2"); err != nil {
		t.Fatal(err)
	}
	v := storetest.Must(s.PersonCards(p.Senders))[0].Visits[0]
	if err := s.AddNote("lan", v.ID, "Người lao động xin giữ kín tên"); err != nil {
		t.Fatal(err)
	}
	if got := res(s.Visit(v.ID)).must(t); got.Note != "Người lao động xin giữ kín tên" {
		t.Fatalf("visit note %q", got.Note)
	}
	on := clk.Today().AddDays(3)
	if err := s.SetReminder("lan", c.ID, model.Reminder{On: on, Text: "Hẹn đối thoại với công ty", For: "hung"}); err != nil {
		t.Fatal(err)
	}
	got := res(s.Case(c.ID)).must(t)
	if got.Notes != 1 || len(got.Reminders) != 1 || got.Reminders[0].By != "lan" || got.Reminders[0].On != on {
		t.Fatalf("case %+v", got)
	}
	person := p.Senders[0]
	for _, tc := range []struct {
		name string
		fn   func() error
	}{
		{"empty note", func() error { return s.AddNote("lan", c.ID, " \t") }},
		{"note on an unknown case", func() error { return s.AddNote("lan", "case:GL07.999", "x") }},
		{"note on a person", func() error { return s.AddNote("lan", person, "x") }},
		{"note on a user", func() error { return s.AddNote("lan", model.UserEntity("GL07", "lan"), "x") }},
		{"reminder without a day", func() error { return s.SetReminder("lan", c.ID, model.Reminder{Text: "x"}) }},
		{"reminder on an unknown case", func() error { return s.SetReminder("lan", "case:GL07.999", model.Reminder{On: on}) }},
	} {
		t.Run("refused/"+tc.name, func(t *testing.T) { refused(t, s, tc.fn) })
	}
}

// TestNotInitialised: a file with no site refuses every action clearly.
func TestNotInitialised(t *testing.T) {
	s := res(store.Open(filepath.Join(t.TempDir(), "empty.db"), store.Options{})).must(t)
	defer s.Close()
	m := refusal(t, func() error { _, err := s.RecordPerson("lan", model.Person{Name: "A B"}); return err }())
	if !strings.Contains(m.EN, "donthu init") {
		t.Fatalf("message %q", m.EN)
	}
	_, e := s.RecordPerson("lan", model.Person{Name: "A B"})
	if !errors.Is(e, store.ErrNotInitialised) {
		t.Fatalf("error %v", e)
	}
}

func TestInit(t *testing.T) {
	s := res(store.Open(filepath.Join(t.TempDir(), "x.db"), store.Options{})).must(t)
	defer s.Close()
	good := store.SiteInit{Code: "gl07", Name: "Công đoàn cơ sở Công ty May Gia Lâm", Parent: "hn01", Login: "lan", Password: "matkhau"}
	for _, tc := range []struct {
		name string
		f    func(*store.SiteInit)
	}{
		{"bad code", func(in *store.SiteInit) { in.Code = "G" }},
		{"bad parent", func(in *store.SiteInit) { in.Parent = "1HN" }},
		{"no name", func(in *store.SiteInit) { in.Name = " " }},
		{"bad login", func(in *store.SiteInit) { in.Login = "Lan Anh" }},
		{"short password", func(in *store.SiteInit) { in.Password = "abc" }},
	} {
		t.Run("refused/"+tc.name, func(t *testing.T) {
			in := good
			tc.f(&in)
			refusal(t, s.Init(in))
			if s.Site() != "" || len(s.Heads()) != 0 {
				t.Fatalf("site %q, heads %v", s.Site(), s.Heads())
			}
		})
	}
	if err := s.Init(good); err != nil {
		t.Fatal(err)
	}
	site := res(s.SiteInfo("")).must(t)
	if s.Site() != "GL07" || site.Parent != "HN01" || site.Name != good.Name {
		t.Fatalf("site %q %+v", s.Site(), site)
	}
	if _, err := s.Authenticate("lan", "matkhau"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("lan", "sai"); !errors.Is(err, store.ErrBadPassword) {
		t.Fatalf("wrong password: %v", err)
	}
	refusal(t, s.Init(good))
}

func TestUsersSiteAndCalendar(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	hoa := model.User{Login: "hoa", Name: "Trần  Thị Hoa", Roles: []model.Role{model.RoleReceptionist}}
	if err := s.CreateUser("lan", hoa, "matkhau2"); err != nil {
		t.Fatal(err)
	}
	u := res(s.Authenticate("hoa", "matkhau2")).must(t)
	if u.Name != "Trần Thị Hoa" || !u.Active || u.Site != "GL07" || u.Has(model.RoleHandler) {
		t.Fatalf("user %+v", u)
	}
	u.Roles = append(u.Roles, model.RoleHandler)
	if err := s.UpdateUser("lan", u); err != nil {
		t.Fatal(err)
	}
	if got := res(s.User("hoa")).must(t); !got.Has(model.RoleHandler) {
		t.Fatalf("roles %v", got.Roles)
	}
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPassword("hoa", "mới-mật-khẩu"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate("hoa", "matkhau2"); !errors.Is(err, store.ErrBadPassword) {
		t.Fatalf("old password: %v", err)
	}
	if len(s.Users()) != 2 {
		t.Fatalf("users %+v", s.Users())
	}
	if err := s.SetCalendarDay("lan", model.CalendarChange{Override: model.Override{Date: day(2026, time.March, 6), Kind: model.DayOff, Name: "Nghỉ  đại hội"}}); err != nil {
		t.Fatal(err)
	}
	if s.Calendar().IsWorkingDay(day(2026, time.March, 6)) {
		t.Fatal("the day off is a working day")
	}
	if err := s.SetCalendarDay("lan", model.CalendarChange{Override: model.Override{Date: day(2026, time.March, 6)}, Remove: true}); err != nil {
		t.Fatal(err)
	}
	if !s.Calendar().IsWorkingDay(day(2026, time.March, 6)) {
		t.Fatal("the removed day off stays")
	}
	site := res(s.SiteInfo("")).must(t)
	site.Name, site.Parent = "Công đoàn cơ sở  Công ty May Gia Lâm", "hn01"
	if err := s.UpdateSite("lan", site); err != nil {
		t.Fatal(err)
	}
	if got := res(s.SiteInfo("")).must(t); got.Name != "Công đoàn cơ sở Công ty May Gia Lâm" || got.Parent != "HN01" {
		t.Fatalf("site %+v", got)
	}

	for _, tc := range []struct {
		name string
		fn   func() error
	}{
		{"login taken", func() error { return s.CreateUser("lan", hoa, "matkhau2") }},
		{"bad login", func() error {
			return s.CreateUser("lan", model.User{Login: "Hoa Trần", Name: "X", Roles: hoa.Roles}, "matkhau2")
		}},
		{"short password", func() error {
			return s.CreateUser("lan", model.User{Login: "mai", Name: "Mai", Roles: hoa.Roles}, "mk")
		}},
		{"user with no name", func() error { return s.CreateUser("lan", model.User{Login: "mai", Roles: hoa.Roles}, "matkhau2") }},
		{"user with no role", func() error { return s.CreateUser("lan", model.User{Login: "mai", Name: "Mai"}, "matkhau2") }},
		{"unknown role", func() error {
			return s.CreateUser("lan", model.User{Login: "mai", Name: "Mai", Roles: []model.Role{"boss"}}, "matkhau2")
		}},
		{"update an unknown user", func() error { return s.UpdateUser("lan", model.User{Login: "nobody", Name: "X", Roles: hoa.Roles}) }},
		{"update to no name", func() error { return s.UpdateUser("lan", model.User{Login: "hoa", Roles: hoa.Roles}) }},
		{"password of an unknown user", func() error { return s.SetPassword("nobody", "matkhau2") }},
		{"short new password", func() error { return s.SetPassword("hoa", "abc") }},
		{"calendar day with no date", func() error {
			return s.SetCalendarDay("lan", model.CalendarChange{Override: model.Override{Kind: model.DayOff}})
		}},
		{"calendar day of no kind", func() error {
			return s.SetCalendarDay("lan", model.CalendarChange{Override: model.Override{Date: day(2026, time.March, 9), Kind: "party"}})
		}},
		{"site with no name", func() error { return s.UpdateSite("lan", model.Site{Parent: "HN01"}) }},
		{"site with a bad parent", func() error { return s.UpdateSite("lan", model.Site{Name: "X", Parent: "hà nội"}) }},
	} {
		t.Run("refused/"+tc.name, func(t *testing.T) { refused(t, s, tc.fn) })
	}
	if _, err := s.Authenticate("nobody", "x"); !errors.Is(err, store.ErrBadPassword) {
		t.Fatal(err)
	}
}
