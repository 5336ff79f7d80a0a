package store_test

import (
	"testing"

	"donthu/model"
	"donthu/store/storetest"
)

// TestUrge: the body a petition was forwarded to, or a case transferred
// to, is urged (đôn đốc); the urge is an event of the record, folded into
// it, checked by check, carried to the upper office with the rest, and
// refused where nothing was sent away.
func TestUrge(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	clk.SetDate(model.Date{Y: 2026, M: 7, D: 6})
	fwd := storetest.Visit(t, s, "Trần Văn Dũng", model.KindRecommendation)
	if _, err := s.Classify("lan", fwd.ID, model.Classification{Kind: model.KindRecommendation, Regime: model.RegimeCitizens,
		Field: model.FieldInsurance, Conditions: true, Decision: model.DecisionForward, ForwardTo: "Bảo hiểm xã hội huyện"}); err != nil {
		t.Fatal(err)
	}
	guided := storetest.Visit(t, s, "Lê Thị Cúc", model.KindComplaint)
	if _, err := s.Classify("lan", guided.ID, model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour,
		Field: model.FieldWages, Conditions: true, Decision: model.DecisionGuide}); err != nil {
		t.Fatal(err)
	}
	open := storetest.Accept(t, s, storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint).ID, model.KindComplaint, model.RegimeLabour)
	moved := storetest.Accept(t, s, storetest.Visit(t, s, "Phạm Thị Hoa", model.KindComplaint).ID, model.KindComplaint, model.RegimeLabour)
	storetest.Act(t, s, moved.ID, model.EvCaseTransferred, model.CaseAction{To: "Thanh tra Sở Lao động"})

	clk.SetDate(model.Date{Y: 2026, M: 8, D: 10})
	// Nothing was sent away: refused, nothing written.
	before := storetest.Events(t, s)
	if _, err := s.UrgePetition("lan", guided.ID, model.CaseAction{How: model.UrgeLetter}); err == nil {
		t.Error("a guided petition was urged")
	}
	if _, err := s.CaseAction("lan", open.ID, model.EvCaseUrged, model.CaseAction{To: "Công ty", How: model.UrgePhone}); err == nil {
		t.Error("an open case was urged")
	}
	if _, err := s.UrgePetition("lan", fwd.ID, model.CaseAction{How: "fax"}); err == nil {
		t.Error("an unknown way of urging was taken")
	}
	if _, err := s.UrgePetition("lan", fwd.ID, model.CaseAction{On: model.Date{Y: 2026, M: 7, D: 1}, How: model.UrgeLetter}); err == nil {
		t.Error("an urge before the petition was forwarded was taken")
	}
	if storetest.Events(t, s) != before {
		t.Fatal("a refused urge wrote an event")
	}

	p, err := s.UrgePetition("lan", fwd.ID, model.CaseAction{How: model.UrgeLetter, Reason: "Văn bản số 12/CV"})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Urges) != 1 || p.Urges[0] != (model.Urge{On: clk.Today(), To: "Bảo hiểm xã hội huyện", How: model.UrgeLetter}) {
		t.Fatalf("petition urges %+v", p.Urges)
	}
	c := storetest.Act(t, s, moved.ID, model.EvCaseUrged, model.CaseAction{How: model.UrgePhone, Reason: "Hỏi tiến độ"})
	if len(c.Urges) != 1 || c.Urges[0].To != "Thanh tra Sở Lao động" || c.Urges[0].How != model.UrgePhone {
		t.Fatalf("case urges %+v", c.Urges)
	}
	tl, _ := s.Timeline(moved.ID)
	if last := tl[len(tl)-1]; last.Type != model.EvCaseUrged {
		t.Errorf("the case's history ends with %s", last.Type)
	}
	if probs := s.Check(); len(probs) > 0 {
		t.Fatalf("check: %v", probs)
	}
	// The upper office gets the urges with the records.
	office := storetest.NewAt(t, "HN01", "", clk)
	storetest.Exchange(t, s, office)
	if op, _ := office.Petition(fwd.ID); len(op.Urges) != 1 {
		t.Errorf("the office's copy of the petition: %+v", op.Urges)
	}
	if oc, _ := office.Case(moved.ID); len(oc.Urges) != 1 {
		t.Errorf("the office's copy of the case: %+v", oc.Urges)
	}
	// And its report counts them.
	q3, _ := model.ParsePeriod("2026-Q3", false)
	d := model.NewReportData(storetest.Must(office.ReportInput(model.ReportWindow(q3))))
	for _, f := range []model.FormID{model.Form02TCD, model.Form01XLD} {
		fs := d.Compute(f, q3, "")
		for i, r := range fs.Form.Rows {
			if r.Key == "ktq_dondoc" && fs.Cells[i].Value != 2 {
				t.Errorf("%s đôn đốc = %d, want 2", f, fs.Cells[i].Value)
			}
		}
	}
}
