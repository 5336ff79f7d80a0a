package store_test

import (
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// TestReportInput records what the report forms count through the desk's
// own actions (a delegated reception, a conclusion that restored money to
// workers and was answered in writing, a rename of the unit), reads the
// report's input back from the file and computes the figures.
func TestReportInput(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	clk.SetDate(model.Date{Y: 2026, M: 7, D: 6})
	_, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Nợ lương", Outcome: model.OutcomePetition, Reception: model.ReceptionScheduled, Delegated: true, Employer: "Công ty May"},
		NewPersons: []model.Person{{Name: "Nguyễn Văn An"}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		t.Fatal(err)
	}
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{On: model.Date{Y: 2026, M: 7, D: 7}, Handler: "lan"})
	clk.SetDate(model.Date{Y: 2026, M: 7, D: 20})
	if _, err := s.CaseAction("lan", c.ID, model.EvCaseConcluded, model.CaseAction{On: clk.Today(), Result: model.ResultRight, Recovered: -1}); err == nil {
		t.Fatal("a negative amount was taken")
	}
	done := storetest.Act(t, s, c.ID, model.EvCaseConcluded, model.CaseAction{On: clk.Today(), Result: model.ResultRight,
		Recovered: 25_000_000, Restored: 4, Replied: true})
	if done.Recovered != 25_000_000 || done.Restored != 4 || !done.Replied {
		t.Fatalf("concluded %+v", done)
	}
	site, _ := s.SiteInfo("")
	clk.Set(clk.Now().Add(24 * time.Hour))
	site.Name = "Công đoàn Công ty CP May Gia Lâm"
	if err := s.UpdateSite("lan", site); err != nil {
		t.Fatal(err)
	}

	in := storetest.Must(s.ReportInput(model.Date{Y: 2026, M: 1, D: 1}, model.Date{}))
	if len(in.Visits) != 1 || len(in.Petitions) != 1 || len(in.Cases) != 1 || !in.Visits[0].Delegated {
		t.Fatalf("input: %d visits, %d petitions, %d cases", len(in.Visits), len(in.Petitions), len(in.Cases))
	}
	d := model.NewReportData(in)
	q3, _ := model.ParsePeriod("2026-Q3", false)
	fig := func(f model.FormID, key string) int64 {
		fs := d.Compute(f, q3, "")
		for i, r := range fs.Form.Rows {
			if r.Key == key {
				return fs.Cells[i].Value
			}
		}
		t.Fatalf("%s %s", f, key)
		return 0
	}
	for _, tc := range []struct {
		f    model.FormID
		key  string
		want int64
	}{
		{model.Form01TCD, "uq_luot", 1}, {model.Form01TCD, "tt_luot", 0}, {model.Form02TCD, "phuc_dap", 1},
		{model.Form01KQGQ, "tien", 25_000_000}, {model.Form01KQGQ, "nguoi", 4}, {model.Form01KQGQ, "dung_han", 1},
	} {
		if got := fig(tc.f, tc.key); got != tc.want {
			t.Errorf("%s %s = %d, want %d", tc.f, tc.key, got, tc.want)
		}
	}
	// The unit is reported under the name it had in the period.
	if n := d.NameOn("GL07", model.Date{Y: 2026, M: 7, D: 20}); n != "Công đoàn GL07" {
		t.Errorf("name in July: %q", n)
	}
	if n := d.NameOn("GL07", model.Date{Y: 2026, M: 7, D: 21}); n != "Công đoàn Công ty CP May Gia Lâm" {
		t.Errorf("name after the rename: %q", n)
	}
	// Reopening undoes what the conclusion restored.
	r := storetest.Act(t, s, c.ID, model.EvCaseReopened, model.CaseAction{On: clk.Today(), Reason: "tiếp khiếu"})
	if r.Recovered != 0 || r.Restored != 0 || r.Replied {
		t.Fatalf("reopened %+v", r)
	}
}
