package printing_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/paper/pdftext"
	"donthu/store/storetest"
	"donthu/tui/apptest"
	"donthu/tui/classify"
	"donthu/tui/common"
	"donthu/tui/printing"
	"donthu/tui/tuitest"
)

func pdfFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	return m
}

// The printer writes each form into the office's print folder, whole,
// opens it when the office asked, and says where it went.
func TestPrinterWritesIntoThePrintFolder(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	dir := t.TempDir()
	if err := s.SetPrintSettings(dir, true); err != nil {
		t.Fatal(err)
	}
	ctx := tuitest.Context(t, s, s.Now, "lan", model.VI)
	p := printing.New(ctx)
	var opened []string
	p.Open = func(path string) error { opened = append(opened, path); return nil }

	v, pet, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Bị sa thải khi đang nghỉ ốm", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Lương Thị Hạnh"}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		t.Fatal(err)
	}
	if sh := p.Sheets(v); len(sh) != 1 || !strings.Contains(sh[0], "sa thải") {
		t.Fatalf("sheets offered: %v", sh)
	}
	where, err := p.PrintReceipt(v, pet)
	if err != nil {
		t.Fatal(err)
	}
	files := pdfFiles(t, dir)
	if len(files) != 1 || len(opened) != 1 || opened[0] != files[0] || !strings.HasPrefix(where, filepath.Base(files[0])) || !strings.Contains(where, "bị sa thải") {
		t.Fatalf("where %q, files %v, opened %v", where, files, opened)
	}
	b, _ := os.ReadFile(files[0])
	text := pdftext.Text(b)
	if !strings.Contains(text, "Lương Thị Hạnh") || !strings.Contains(text, "GIẤY BIÊN NHẬN") || !strings.Contains(text, "Khi bị sa thải") {
		t.Fatalf("the receipt with its sheet:\n%s", text)
	}

	// Classification's letter: the forwarding slip of a denunciation.
	tc := storetest.Visit(t, s, "Đinh Văn Tố", model.KindDenunciation)
	if _, err := s.Classify("lan", tc.ID, model.Classification{Kind: model.KindDenunciation, Regime: model.RegimeAdmin, Field: model.FieldWages,
		Conditions: true, Decision: model.DecisionForward, ForwardTo: "Thanh tra tỉnh"}); err != nil {
		t.Fatal(err)
	}
	tc, _ = s.Petition(tc.ID)
	if _, err := p.PrintLetter(classify.LetterFor(tc.Decision, tc.Kind), tc, nil); err != nil {
		t.Fatal(err)
	}
	// Follow-up's notice, only once the case is accepted.
	c := storetest.Accept(t, s, pet.ID, model.KindComplaint, model.RegimeLabour)
	if _, err := p.PrintNotice(c); err == nil {
		t.Fatal("a notice for a case neither accepted nor rejected")
	}
	c = storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{On: s.Today()})
	if _, err := p.PrintNotice(c); err != nil {
		t.Fatal(err)
	}
	if n := len(pdfFiles(t, dir)); n != 3 {
		t.Fatalf("%d files, want 3", n)
	}
}

// F9 on the follow-up screen of the running interface prints the case's
// notice (the wiring of tui.Screens).
func TestFollowupF9PrintsTheNotice(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	dir := t.TempDir()
	if err := s.SetPrintSettings(dir, false); err != nil {
		t.Fatal(err)
	}
	pet := storetest.Visit(t, s, "Kiều Văn Thông", model.KindComplaint)
	c := storetest.Accept(t, s, pet.ID, model.KindComplaint, model.RegimeLabour)
	storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{On: s.Today()})
	a := apptest.New(s, clk.Now, "lan", model.VI, 80, 24)
	a.Send(common.OpenCaseMsg{ID: c.ID})
	a.Send(tuitest.Key("f9"))
	files := pdfFiles(t, dir)
	if len(files) != 1 || !strings.Contains(a.View(), "Đã in thông báo: acceptance-") || !strings.Contains(a.View(), "In «Thông báo thụ lý», mã GL07-") {
		t.Fatalf("files %v, screen:\n%s", files, a.View())
	}
	b, _ := os.ReadFile(files[0])
	if !strings.Contains(pdftext.Text(b), "Kiều Văn Thông") {
		t.Fatal("the notice does not name the complainant")
	}
}
