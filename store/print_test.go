package store_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/paper"
	"donthu/store/paper/pdftext"
	"donthu/store/storetest"
)

func flatText(pdf []byte) string { return strings.Join(strings.Fields(pdftext.Text(pdf)), " ") }

func printOK(t *testing.T, s *store.Store, author string, req store.PrintRequest) store.Printed {
	t.Helper()
	p, err := s.Print(author, req)
	if err != nil {
		t.Fatalf("print %s %s: %v", req.Form, req.Record, err)
	}
	return p
}

// A receipt printed from a visit carries the visitor's name as typed and
// the answer deadline, is recorded as an event on the visit, and its code
// verifies as genuine, unchanged.
func TestPrintReceiptIsRecordedAndVerifies(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	v, _, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Công ty nợ lương ba tháng", Outcome: model.OutcomePetition, Documents: []model.Document{{Name: "Bảng lương tháng 1", Count: 2}}},
		NewPersons: []model.Person{{Name: "Trần Thị Ngọc Ánh", Address: "Thôn Đông, xã Bát Tràng"}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := printOK(t, s, "lan", store.PrintRequest{Form: paper.FormReceipt, Record: v.No, Sheets: true})
	text := flatText(p.PDF)
	for _, want := range []string{"Trần Thị Ngọc Ánh", "Thôn Đông, xã Bát Tràng", "Bảng lương tháng 1", v.No, "Nguyễn Thị Lan",
		"CÔNG ĐOÀN GL07", "16/03/2026", p.Code, "Khi bị nợ lương"} {
		if !strings.Contains(text, want) {
			t.Errorf("receipt lacks %q:\n%s", want, text)
		}
	}
	if len(p.Sheets) != 1 {
		t.Errorf("sheets %v, want the wages sheet", p.Sheets)
	}
	evs, _ := s.Timeline(v.ID)
	last := evs[len(evs)-1]
	if last.Type != model.EvDocumentPrinted || last.Author != "lan" {
		t.Fatalf("last event of the visit: %s by %s", last.Type, last.Author)
	}
	clk.Advance(48 * 3600e9)
	got, err := s.Verify(p.Code)
	if err != nil || !got.Genuine || got.Changed || !got.Checked || got.Unit != "Công đoàn GL07" || got.Printout.Form != paper.FormReceipt || got.Printout.RecordNo != v.No {
		t.Fatalf("verify: %+v, %v", got, err)
	}
	checkClean(t, s)
}

// An altered code, a made-up one, and one printed by another office are
// refused; a genuine paper whose record changed since says so.
func TestVerifyRefusesAlteredForeignAndSaysChanged(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	pet := storetest.Visit(t, s, "Phạm Văn Đồng", model.KindComplaint)
	c := storetest.Accept(t, s, pet.ID, model.KindComplaint, model.RegimeLabour)
	storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{On: s.Today()})
	p := printOK(t, s, "lan", store.PrintRequest{Form: paper.FormAcceptance, Record: c.No})

	// The same steps at another unit, and at a copy of donthu that took
	// the same site code with its own key: their papers are not ours.
	foreignPrint := func(other *store.Store, login string) string {
		opet := storetest.Visit(t, other, "Phạm Văn Đồng", model.KindComplaint)
		c, err := other.Classify("lan", opet.ID, model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour,
			Field: model.FieldWages, Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1})
		if err != nil {
			t.Fatal(err)
		}
		storetest.Act(t, other, c.ID, model.EvCaseAccepted, model.CaseAction{On: other.Today()})
		return printOK(t, other, login, store.PrintRequest{Form: paper.FormAcceptance, Record: c.No}).Code
	}
	foreign := foreignPrint(storetest.NewSite(t, storetest.Site{Code: "HN01"}), "lan")
	sameCode := foreignPrint(storetest.NewSite(t, storetest.Site{Code: "GL07", Login: "lan", Clock: &storetest.Clock{T: storetest.Start.Add(1)}}), "lan")
	if sameCode[:len("GL07-")] != "GL07-" || strings.Split(sameCode, "-")[1] != strings.Split(p.Code, "-")[1] {
		t.Fatalf("the copy's code %s does not name the same event as %s", sameCode, p.Code)
	}

	alter := func(code string, i int) string {
		b := []byte(code)
		if b[i] == 'A' {
			b[i] = 'B'
		} else {
			b[i] = 'A'
		}
		return string(b)
	}
	site, seq, _, _ := paper.ParseCode(p.Code)
	for name, code := range map[string]string{
		"last character":              alter(p.Code, len(p.Code)-1),
		"authenticator":               alter(p.Code, len(p.Code)-6),
		"made up":                     site + "-" + "99999" + "-ABCD-EFGH",
		"another event":               strings.Replace(p.Code, "-"+strconv.FormatUint(seq, 10)+"-", "-"+strconv.FormatUint(seq-1, 10)+"-", 1),
		"another unit":                foreign,
		"same site code, another key": sameCode,
	} {
		v, err := s.Verify(code)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if v.Genuine || v.Why.VI == "" || v.Why.EN == "" {
			t.Errorf("%s (%s): %+v, want refused with a reason", name, code, v)
		}
	}
	if _, err := s.Verify("not a code"); err == nil {
		t.Error("a malformed code is not refused")
	}

	// The case is reopened... here: its summary-bearing petition is the
	// same, but the deadline moves when the case is declared complex.
	storetest.Act(t, s, c.ID, model.EvCaseExtended, model.CaseAction{On: s.Today(), Complex: true, Reason: "Phức tạp"})
	v, _ := s.Verify(p.Code)
	if !v.Genuine || !v.Changed {
		t.Fatalf("after a change: %+v, want genuine and changed", v)
	}
}

// A forwarded denunciation prints redacted by default; the full copy
// needs a leader or the case's handler and a reason, and is recorded.
func TestForwardedDenunciationRedactedByDefault(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "thu", Name: "Lê Văn Thu", Roles: []model.Role{model.RoleReceptionist}}, "mat-khau"); err != nil {
		t.Fatal(err)
	}
	_, pet, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Tố cáo giám đốc", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Hoàng Thị Xuân", IDNumber: "001185012345", Phone: "0912345678", Address: "Xóm Chùa, xã Kiêu Kỵ"}},
		Petition:   &model.Petition{Kind: model.KindDenunciation, Summary: "Tố cáo giám đốc trốn đóng bảo hiểm"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Classify("lan", pet.ID, model.Classification{Kind: model.KindDenunciation, Regime: model.RegimeAdmin, Field: model.FieldInsurance,
		Conditions: true, Decision: model.DecisionForward, ForwardTo: "Thanh tra tỉnh"}); err != nil {
		t.Fatal(err)
	}
	p := printOK(t, s, "thu", store.PrintRequest{Form: paper.FormForwardTC, Record: pet.No})
	text := flatText(p.PDF)
	for _, secret := range []string{"Hoàng Thị Xuân", "001185012345", "0912345678", "Xóm Chùa"} {
		if strings.Contains(text, secret) {
			t.Errorf("the redacted slip shows %q", secret)
		}
	}
	if !strings.Contains(text, "Thanh tra tỉnh") || !strings.Contains(text, "Tố cáo giám đốc trốn đóng bảo hiểm") || !p.Redacted {
		t.Errorf("the slip lacks the matter or the body:\n%s", text)
	}
	refusal(t, res(s.Print("thu", store.PrintRequest{Form: paper.FormForwardTC, Record: pet.No, Full: true, Reason: "Cơ quan điều tra yêu cầu"})).err)
	refusal(t, res(s.Print("lan", store.PrintRequest{Form: paper.FormForwardTC, Record: pet.No, Full: true})).err)
	full := printOK(t, s, "lan", store.PrintRequest{Form: paper.FormForwardTC, Record: pet.No, Full: true, Reason: "Cơ quan điều tra yêu cầu"})
	if !strings.Contains(flatText(full.PDF), "Hoàng Thị Xuân") || !full.Printout.Full || full.Printout.Reason == "" {
		t.Fatalf("full copy: %+v", full.Printout)
	}
	v, _ := s.Verify(full.Code)
	if !v.Genuine || v.Changed || !v.Printout.Full {
		t.Fatalf("verify the full copy: %+v", v)
	}
}

// A form that does not fit the record is refused with a message, and
// nothing is recorded.
func TestPrintRefusesAMisfit(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	pet := storetest.Visit(t, s, "Vũ Văn Mạnh", model.KindComplaint)
	before := len(storetest.AllEvents(t, s))
	for _, req := range []store.PrintRequest{
		{Form: "nosuch", Record: pet.No},
		{Form: paper.FormForward, Record: pet.No},    // not classified
		{Form: paper.FormAcceptance, Record: pet.No}, // no case
		{Form: paper.FormRefusal, Record: pet.Visit}, // not refused
		{Form: paper.FormReceipt, Record: "GL07-2026-T9999"},
		{Form: paper.FormRegister},
	} {
		if _, err := s.Print("lan", req); err == nil {
			t.Errorf("%+v printed", req)
		}
	}
	if n := len(storetest.AllEvents(t, s)); n != before {
		t.Fatalf("%d events recorded by refused prints", n-before)
	}
}

// The register of a period lists its visits, masked where confidential.
func TestPrintRegister(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	storetest.Visit(t, s, "Đỗ Thị Lụa", model.KindComplaint)
	clk.Advance(24 * 3600e9)
	storetest.Visit(t, s, "Bùi Văn Tố", model.KindDenunciation)
	p := printOK(t, s, "lan", store.PrintRequest{Form: paper.FormRegister, From: model.NewDate(2026, 3, 1), To: model.NewDate(2026, 3, 31)})
	text := flatText(p.PDF)
	if !strings.Contains(text, "Đỗ Thị Lụa") || strings.Contains(text, "Bùi Văn Tố") || !strings.Contains(text, "(bảo mật)") || !strings.Contains(text, "2 lượt tiếp") {
		t.Fatalf("register:\n%s", text)
	}
	v, _ := s.Verify(p.Code)
	if !v.Genuine || v.Changed || !v.Checked {
		t.Fatalf("verify the register: %+v", v)
	}
	storetest.Visit(t, s, "Ngô Văn Thêm", model.KindReport)
	if v, _ := s.Verify(p.Code); !v.Changed {
		t.Fatal("a visit added to the period: the register did not change")
	}
}

// The office checks a paper its child printed: the printout came up with
// the child's events, the child's key is pinned, and the record is held.
// Before the key is pinned the code cannot be checked; a code the child
// printed after the last exchange is not held yet.
func TestOfficeVerifiesAChildsPaper(t *testing.T) {
	child, _ := storetest.New(t, "GL07")
	office, _ := storetest.New(t, "HN01")
	pet := storetest.Visit(t, child, "Tạ Thị Quỳnh", model.KindComplaint)
	p := printOK(t, child, "lan", store.PrintRequest{Form: paper.FormReceipt, Record: pet.Visit})
	storetest.Exchange(t, child, office)
	if v, _ := office.Verify(p.Code); v.Genuine || !strings.Contains(v.Why.EN, "key") {
		t.Fatalf("without the child's key: %+v", v)
	}
	if _, err := office.PinPeer(storetest.KeyCard(t, child), store.PinOptions{By: "lan", Child: true}); err != nil {
		t.Fatal(err)
	}
	v, err := office.Verify(p.Code)
	if err != nil || !v.Genuine || v.Changed || !v.Checked || v.Unit != "Công đoàn GL07" {
		t.Fatalf("at the office: %+v %v", v, err)
	}
	reg := printOK(t, child, "lan", store.PrintRequest{Form: paper.FormRegister, From: child.Today(), To: child.Today()})
	storetest.Exchange(t, child, office)
	if v, _ := office.Verify(reg.Code); !v.Genuine || v.Changed {
		t.Fatalf("the child's register at the office: %+v", v)
	}
	office.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Content: "Hỏi về đoàn phí", Outcome: model.OutcomeAnswered},
		NewPersons: []model.Person{{Name: "Lò Văn Sáng"}}})
	if v, _ := office.Verify(reg.Code); !v.Genuine || v.Changed {
		t.Fatalf("the office's own visit changed the child's register: %+v", v)
	}
	later := printOK(t, child, "lan", store.PrintRequest{Form: paper.FormAppointment, Record: pet.Visit})
	if v, _ := office.Verify(later.Code); v.Genuine {
		t.Fatal("a paper the office has not received verifies")
	}
}

// An office's broken template refuses its form with the file and line,
// records nothing, and leaves the other forms printing.
func TestBrokenOfficeTemplateIsRefused(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	pet := storetest.Visit(t, s, "Mai Văn Khoa", model.KindComplaint)
	if _, err := paper.WriteBuiltins(s.TemplateDir()); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(s.TemplateDir(), "receipt@2026-07-01.txt")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(strings.Replace(string(b), "{{.Receiver}}", "{{.NguoiNhan}}", 1)), 0o644)
	before := len(storetest.AllEvents(t, s))
	m := refusal(t, res(s.Print("lan", store.PrintRequest{Form: paper.FormReceipt, Record: pet.Visit})).err)
	if !strings.Contains(m.VI, "receipt@2026-07-01.txt") || !strings.Contains(m.VI, "NguoiNhan") {
		t.Fatalf("message: %s", m.VI)
	}
	if n := len(storetest.AllEvents(t, s)); n != before {
		t.Fatal("a refused print was recorded")
	}
	printOK(t, s, "lan", store.PrintRequest{Form: paper.FormAppointment, Record: pet.Visit})
}
