package model_test

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"donthu/model"
)

// The report's budgets (make bench): a year's report of every form, with
// its previous period and last year, for one site and for an office
// gathering 300 sites and about a million events, under 500 ms; switching
// the period on screen (one form, three columns) under 100 ms. The state
// is generated directly: what the fold of those events would hold.

// officeState makes the state of an office of sites grassroots units over
// years years: per site and year about 40 visits, 33 petitions and 22
// cases. At 300 sites and 10 years that is 120,000 visits, 100,000
// petitions and 66,000 cases: with their persons, classifications and
// case actions, about a million events.
func officeState(sites, years int) model.ReportInput {
	r := rand.New(rand.NewPCG(1, 2))
	in := model.ReportInput{Names: map[string][]model.SiteName{}, Cal: model.NewCalendar(model.DefaultOverrides())}
	in.Sites = append(in.Sites, model.Site{Code: "HN01", Name: "Liên đoàn Lao động huyện"})
	first := 2026 - years + 1
	kinds := []model.PetitionKind{model.KindComplaint, model.KindComplaint, model.KindComplaint, model.KindDenunciation, model.KindRecommendation, model.KindReport}
	results := []model.Result{model.ResultRight, model.ResultWrong, model.ResultPartly, model.ResultWithdrawn}
	n := 0
	for s := 0; s < sites; s++ {
		code := fmt.Sprintf("S%03d", s)
		in.Sites = append(in.Sites, model.Site{Code: code, Name: "Công đoàn cơ sở " + code, Parent: "HN01"})
		for y := first; y <= 2026; y++ {
			for i := 0; i < 40; i++ {
				n++
				day := model.NewDate(y, time.January, 1+r.IntN(365))
				v := model.Visit{ID: fmt.Sprintf("visit:%s.%d", code, n), No: fmt.Sprint(n), Site: code, At: day.Time(),
					Reception: model.ReceptionTypes[r.IntN(3)], Delegated: r.IntN(4) == 0, Group: r.IntN(20) == 0, Repeat: r.IntN(5) == 0,
					HeadCount: 1, Employer: fmt.Sprintf("Công ty %d", r.IntN(50))}
				if v.Group {
					v.HeadCount = 5 + r.IntN(20)
				}
				if i < 33 {
					k := kinds[r.IntN(len(kinds))]
					p := model.Petition{ID: fmt.Sprintf("petition:%s.%d", code, n), No: fmt.Sprint(n), Site: code, Received: day, Visit: v.ID,
						Source: model.SourceDesk, Kind: k, Signatories: 1 + r.IntN(2), Employer: v.Employer, Field: model.Fields[r.IntN(len(model.Fields))],
						SenderName: fmt.Sprintf("Người %d", r.IntN(60000)), Summary: "Nội dung đơn", Confidential: k == model.KindDenunciation}
					v.Petition = p.ID
					if r.IntN(10) > 0 {
						p.Classified, p.ClassifiedOn, p.Conditions = true, day.AddDays(2), true
						p.Competent = r.IntN(3) > 0
						p.Decision = model.DecisionGuide
						if p.Competent && i < 22 {
							p.Decision = model.DecisionAccept
							p.Case = fmt.Sprintf("case:%s.%d", code, n)
							c := model.Case{ID: p.Case, No: p.No, Site: code, Petition: p.ID, Kind: k, Regime: model.RegimeLabour, Round: 1,
								Received: day, Opened: p.ClassifiedOn, Accepted: p.ClassifiedOn.AddDays(1), Status: model.StatusOpen,
								SenderName: p.SenderName, Summary: p.Summary, Employer: p.Employer, Confidential: p.Confidential, Repeat: r.IntN(10) == 0}
							if c.Accepted.Before(model.Date{Y: 2026, M: 10, D: 1}) {
								c.Status, c.Closed, c.Result = model.StatusConcluded, c.Accepted.AddDays(10+r.IntN(50)), results[r.IntN(len(results))]
								c.Recovered, c.Restored, c.Replied = int64(r.IntN(10))*1_000_000, r.IntN(3), r.IntN(2) == 0
							}
							in.Cases = append(in.Cases, c)
						}
					}
					in.Petitions = append(in.Petitions, p)
				}
				in.Visits = append(in.Visits, model.ReportVisitOf(&v))
			}
		}
	}
	return in
}

var (
	benchOnce sync.Once
	benchIn   model.ReportInput
)

func benchOffice() model.ReportInput {
	benchOnce.Do(func() { benchIn = officeState(300, 10) })
	return benchIn
}

// cpuPerOp reports the CPU time per operation since start.
func cpuPerOp(b *testing.B, start time.Duration) {
	if c := cpuTime() - start; c > 0 {
		b.ReportMetric(float64(c.Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}

// yearReport computes every form for 2026 with its two comparison columns.
func yearReport(d *model.ReportData, site string) {
	p, _ := model.ParsePeriod("2026", false)
	for _, f := range model.FormIDs {
		for _, q := range []model.Period{p, p.Previous(), p.LastYear()} {
			d.Compute(f, q, site)
		}
	}
}

func BenchmarkReportYearOffice(b *testing.B) {
	in := benchOffice()
	b.ReportMetric(float64(len(in.Visits)+len(in.Petitions)+len(in.Cases)), "records")
	b.ResetTimer()
	defer cpuPerOp(b, cpuTime())
	for i := 0; i < b.N; i++ {
		yearReport(model.NewReportData(in), "")
	}
}

// BenchmarkReportYearOfficePerSite adds each of the 300 units' figures for
// the year: the office's workbook.
func BenchmarkReportYearOfficePerSite(b *testing.B) {
	in := benchOffice()
	p, _ := model.ParsePeriod("2026", false)
	b.ResetTimer()
	defer cpuPerOp(b, cpuTime())
	for i := 0; i < b.N; i++ {
		d := model.NewReportData(in)
		yearReport(d, "")
		for _, s := range d.SitesIn(p, "HN01") {
			for _, f := range model.FormIDs {
				d.Compute(f, p, s.Code)
			}
		}
	}
}

func BenchmarkReportYearSite(b *testing.B) {
	in := officeState(1, 10)
	b.ResetTimer()
	defer cpuPerOp(b, cpuTime())
	for i := 0; i < b.N; i++ {
		yearReport(model.NewReportData(in), "")
	}
}

// BenchmarkReportSwitchPeriod is one key on the screen at the office: the
// form recomputed for another quarter and its two comparison columns.
func BenchmarkReportSwitchPeriod(b *testing.B) {
	d := model.NewReportData(benchOffice())
	p, _ := model.ParsePeriod("2026-Q3", false)
	b.ResetTimer()
	defer cpuPerOp(b, cpuTime())
	for i := 0; i < b.N; i++ {
		q := p.Step(-(i % 37)) // a new period each time: no scope is reused
		for _, x := range []model.Period{q, q.Previous(), q.LastYear()} {
			d.Compute(model.Form01XLD, x, "")
		}
	}
}

// BenchmarkFindRepeatsOffice finds the matters that came back among the
// office's decade of cases and petitions (the backlog review of the queue
// and the report's RSTD rows share it).
func BenchmarkFindRepeatsOffice(b *testing.B) {
	in := benchOffice()
	b.ResetTimer()
	defer cpuPerOp(b, cpuTime())
	for i := 0; i < b.N; i++ {
		model.FindRepeats(in.Cases, in.Petitions)
	}
}
