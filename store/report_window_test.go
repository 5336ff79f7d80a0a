package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
	"donthu/store/storetest"

	bolt "go.etcd.io/bbolt"
)

var (
	demoOnce sync.Once
	demoData []byte
	demoErr  error
)

// reportDemoFile is a copy of two years of the demo office, filled once
// for the package's tests.
func reportDemoFile(t *testing.T) (string, *storetest.Clock) {
	t.Helper()
	clk := &storetest.Clock{T: time.Date(2026, time.November, 25, 10, 30, 0, 0, model.VN)}
	demoOnce.Do(func() {
		dir, err := os.MkdirTemp("", "donthu-report-demo-")
		if err != nil {
			demoErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "demo.db")
		s, err := store.Open(path, store.Options{Now: clk.Now, NoSync: true})
		if err != nil {
			demoErr = err
			return
		}
		if _, demoErr = demo.Fill(s, demo.Options{People: 220, Years: 2, Returns: 30, Seasons: true, Seed: 7}); demoErr != nil {
			s.Close()
			return
		}
		if demoErr = s.Close(); demoErr == nil {
			demoData, demoErr = os.ReadFile(path)
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(path, demoData, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, clk
}

// figuresOf writes every figure of every form of p (with its previous
// period and last year), each with its records sorted, the charts and the
// units: two inputs give the same report when these are equal.
func figuresOf(d *model.ReportData, p model.Period, home string) string {
	var b strings.Builder
	refs := func(rs []model.Ref) string {
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = fmt.Sprintf("%s=%d", r.ID, r.N)
		}
		slices.Sort(ids)
		return strings.Join(ids, ",")
	}
	for _, f := range model.FormIDs {
		for _, q := range []model.Period{p, p.Previous(), p.LastYear()} {
			fs := d.Compute(f, q, "")
			for i, r := range fs.Form.Rows {
				fmt.Fprintf(&b, "%s %s %s %d %s\n", f, q.Short(), r.Key, fs.Cells[i].Value, refs(fs.Cells[i].Refs))
			}
		}
	}
	_, to := p.Bounds()
	charts := append([]model.Chart{d.MonthlyPetitions(to, ""), d.FieldShare(p, "")}, d.HotSpots(p, "", 10)...)
	for _, ch := range charts {
		for _, bar := range ch.Bars {
			fmt.Fprintf(&b, "%s %s %s\n", ch.Title.EN, bar.Label.EN, refs(bar.Refs))
		}
	}
	for _, u := range d.SitesIn(p, home) {
		fmt.Fprintf(&b, "unit %+v\n", u)
	}
	return b.String()
}

// TestReportWindowEqualsAll: the report of any period, read through the
// report indexes for its days only, equals the report computed from every
// record of the file (months, quarters, halves, nine months and years,
// calendar and official, over the demo's two years).
func TestReportWindowEqualsAll(t *testing.T) {
	path, clk := reportDemoFile(t)
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all := model.NewReportData(storetest.Must(s.ReportInput(model.Date{}, model.Date{})))
	if len(all.Input().Visits) < 1000 || len(all.Input().Cases) < 100 {
		t.Fatalf("demo too small: %d visits, %d cases", len(all.Input().Visits), len(all.Input().Cases))
	}
	var periods []model.Period
	for _, off := range []bool{false, true} {
		for _, s := range []string{"2025", "2026-6T", "2026-9T", "2025-Q2", "2026-Q3", "2026-10"} {
			p, m := model.ParsePeriod(s, off)
			if m != nil {
				t.Fatal(m)
			}
			periods = append(periods, p)
		}
	}
	rng, _ := model.RangePeriod(model.Date{Y: 2025, M: 2, D: 11}, model.Date{Y: 2025, M: 8, D: 3})
	periods = append(periods, rng)
	repeats := 0
	// What the demo records beyond the first steps, so the comparison
	// covers it: delegated receptions, urges, money restored, decisions
	// carried out.
	type fk struct {
		f   model.FormID
		key string
	}
	watched := []fk{{model.Form01TCD, "uq_luot"}, {model.Form01XLD, "ktq_dondoc"}, {model.Form01KQGQ, "tien"},
		{model.Form03KQGQ, "hc_nguoi"}, {model.Form02KQGQ, "phai"}, {model.Form02KQGQ, "tra_tien_da"}, {model.Form04KQGQ, "hc_da"}}
	seen := map[fk]int64{}
	for _, p := range periods {
		name := p.Short()
		if p.Official {
			name += " (official)"
		}
		in := storetest.Must(s.ReportInput(model.ReportWindow(p)))
		if in.From.IsZero() || len(in.Visits) >= len(all.Input().Visits) {
			t.Fatalf("%s: the window read %d of %d visits", p.Short(), len(in.Visits), len(all.Input().Visits))
		}
		d := model.NewReportData(in)
		if !d.Covers(p) {
			t.Fatalf("%s: the data does not cover its own period", p.Short())
		}
		want, got := figuresOf(all, p, s.Site()), figuresOf(d, p, s.Site())
		if got != want {
			wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
			for i := range wl {
				if i >= len(gl) || wl[i] != gl[i] {
					g := ""
					if i < len(gl) {
						g = gl[i]
					}
					t.Fatalf("%s: the window's report differs:\n all: %.300s\n win: %.300s", name, wl[i], g)
				}
			}
			t.Fatalf("%s: the window's report differs", p.Short())
		}
		repeats += int(d.Compute(model.FormReview, p, "").Cells[6].Value)
		for _, k := range watched {
			fs := d.Compute(k.f, p, "")
			for i, r := range fs.Form.Rows {
				if r.Key == k.key {
					seen[k] += fs.Cells[i].Value
				}
			}
		}
		// A drill-down's line reads the visit whole.
		for _, v := range in.Visits[:1] {
			l := d.Line(model.Ref{ID: v.ID, Site: v.Site, N: 1}, &model.User{Login: "x", Roles: []model.Role{model.RoleLeader}}, model.VI, s.ShownName, func(string) bool { return false })
			if full, _ := s.Visit(v.ID); l.No != full.No || !strings.HasSuffix(l.What, full.Content) || l.Sender == "" {
				t.Errorf("line of %s: %+v", v.ID, l)
			}
		}
	}
	if repeats == 0 {
		t.Error("no matter came back in any period: the comparison misses the repeats")
	}
	for _, k := range watched {
		if seen[k] == 0 {
			t.Errorf("%s %s is 0 in every period: the comparison misses it", k.f, k.key)
		}
	}
}

// TestReportIndexesOfAnOlderFile: a file written before the report indexes
// reads every record until it is opened for writing, which builds them
// once; check then finds them complete, and the reports agree.
func TestReportIndexesOfAnOlderFile(t *testing.T) {
	path, clk := reportDemoFile(t)
	p, _ := model.ParsePeriod("2026-Q2", false)
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	want := figuresOf(model.NewReportData(storetest.Must(s.ReportInput(model.ReportWindow(p)))), p, s.Site())
	s.Close()

	// Take the indexes away, as a file of the previous version has none.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, n := range []string{"report_visit", "petition_span", "case_span", "case_name"} {
			if err := tx.Bucket([]byte("idx")).DeleteBucket([]byte(n)); err != nil {
				return fmt.Errorf("%s: %w", n, err)
			}
		}
		return tx.Bucket([]byte("meta")).Delete([]byte("report_idx"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	in := storetest.Must(ro.ReportInput(model.ReportWindow(p)))
	if !in.From.IsZero() {
		t.Error("a file without the indexes was read through them")
	}
	if got := figuresOf(model.NewReportData(in), p, ro.Site()); got != want {
		t.Error("read whole, the older file reports otherwise")
	}
	ro.Close()

	s, err = store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if probs := s.Check(); len(probs) > 0 {
		t.Fatalf("check after building the indexes: %v", probs)
	}
	in = storetest.Must(s.ReportInput(model.ReportWindow(p)))
	if in.From.IsZero() {
		t.Error("the indexes were not built at opening")
	}
	if got := figuresOf(model.NewReportData(in), p, s.Site()); got != want {
		t.Error("the rebuilt indexes report otherwise")
	}
}
