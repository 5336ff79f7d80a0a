package model_test

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
)

// The hand-counted fixture: a small office (HN01) with three grassroots
// unions and one dissolved in the quarter, in testdata/reports. Every
// figure of every form for Q3 2026 is worked out by hand in expected.tsv,
// with the records it counts; this test checks each one, and that no
// indicator of any form is left unchecked.

func fixtureDir() string { return filepath.Join("..", "testdata", "reports") }

func readTSV(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtureDir(), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		out = append(out, strings.Split(l, "\t"))
	}
	return out
}

func day(t testing.TB, s string) model.Date {
	t.Helper()
	if s == "-" || s == "" {
		return model.Date{}
	}
	tm, err := time.Parse("2006-01-02", s)
	if err != nil {
		t.Fatal(err)
	}
	return model.Date{Y: tm.Year(), M: tm.Month(), D: tm.Day()}
}

func atoi(t testing.TB, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("number %q: %v", s, err)
	}
	return n
}

func ref(kind, short string) string {
	if short == "-" || short == "" {
		return ""
	}
	return kind + ":" + short
}

// fixtureInput reads the fixture into a report's input.
func fixtureInput(t testing.TB) model.ReportInput {
	in := model.ReportInput{Names: map[string][]model.SiteName{}}
	for _, r := range readTSV(t, "sites.tsv") {
		s := model.Site{Code: r[0], ValidFrom: day(t, r[2]), ValidTo: day(t, r[3])}
		if r[1] != "-" {
			s.Parent = r[1]
		}
		if r[4] != "-" {
			s.Successor = r[4]
		}
		for _, n := range strings.Split(r[5], ";") {
			d, name, _ := strings.Cut(n, "=")
			in.Names[s.Code] = append(in.Names[s.Code], model.SiteName{From: day(t, d), Name: name})
			s.Name = name
		}
		in.Sites = append(in.Sites, s)
	}
	full := map[string]model.Visit{}
	for _, r := range readTSV(t, "visits.tsv") {
		d := day(t, r[2])
		v := model.Visit{ID: ref(model.EntVisit, r[0]), No: r[0], Site: r[1], At: time.Date(d.Y, d.M, d.D, 9, 0, 0, 0, model.VN),
			Delegated: r[4] == "1", Group: r[5] == "1", HeadCount: int(atoi(t, r[6])), Repeat: r[7] == "1",
			Petition: ref(model.EntPetition, r[8]), Employer: r[9], Content: "Nội dung " + r[0], Persons: []string{"person:" + r[0]}}
		v.Reception = map[string]model.ReceptionType{"r": model.ReceptionRegular, "s": model.ReceptionScheduled, "a": model.ReceptionAdhoc}[r[3]]
		in.Visits = append(in.Visits, model.ReportVisitOf(&v))
		full[v.ID] = v
	}
	// The drill-down reads a listed visit whole, as from the store.
	in.FullVisit = func(id string) (model.Visit, bool) { v, ok := full[id]; return v, ok }
	for _, r := range readTSV(t, "petitions.tsv") {
		p := model.Petition{ID: ref(model.EntPetition, r[0]), No: r[0], Site: r[1], Received: day(t, r[2]), Visit: ref(model.EntVisit, r[3]),
			Source: model.Source(r[4]), Kind: model.PetitionKind(r[5]), Signatories: int(atoi(t, r[6])), Anonymous: r[7] == "1", Unsigned: r[8] == "1",
			ClassifiedOn: day(t, r[9]), Conditions: r[10] == "1", Competent: r[11] == "1", Case: ref(model.EntCase, r[13]),
			Employer: r[14], Confidential: r[16] == "1", Summary: r[18]}
		p.Classified = !p.ClassifiedOn.IsZero()
		if r[12] != "-" {
			p.Decision = model.Decision(r[12])
		}
		if r[15] != "-" {
			p.Field = model.Field(r[15])
		}
		if r[17] != "-" {
			p.SenderName = r[17]
			p.Senders = []string{"person:" + model.Fold(r[17])}
		}
		p.Urges = urges(t, r[19])
		in.Petitions = append(in.Petitions, p)
	}
	pets := map[string]model.Petition{}
	for _, p := range in.Petitions {
		pets[p.ID] = p
	}
	for _, r := range readTSV(t, "cases.tsv") {
		p := pets[ref(model.EntPetition, r[2])]
		c := model.Case{ID: ref(model.EntCase, r[0]), No: r[0], Site: r[1], Petition: p.ID, PetitionNo: p.No, Kind: model.PetitionKind(r[3]),
			Regime: model.Regime(r[4]), Field: p.Field, Round: int(atoi(t, r[5])), Repeat: r[6] == "1", PriorCase: ref(model.EntCase, r[7]),
			Opened: day(t, r[8]), Accepted: day(t, r[9]), Status: model.CaseStatus(r[10]), Closed: day(t, r[11]),
			Recovered: atoi(t, r[13]), Restored: int(atoi(t, r[14])), Replied: r[15] == "1",
			Confidential: p.Confidential, Senders: p.Senders, SenderName: p.SenderName, Employer: p.Employer, Summary: p.Summary, Received: p.Received}
		if r[12] != "-" {
			c.Result = model.Result(r[12])
		}
		if r[16] != "-" {
			on, days, _ := strings.Cut(r[16], ":")
			c.Extensions = append(c.Extensions, model.Extension{On: day(t, on), Days: int(atoi(t, days)), Reason: "phức tạp"})
		}
		if r[17] != "-" {
			c.Handler = r[17]
		}
		c.Urges = urges(t, r[18])
		c.Decided, c.Executions = decided(t, r[19]), executed(t, r[20])
		c.Updated = c.Opened.Time()
		in.Cases = append(in.Cases, c)
	}
	in.Cal = model.NewCalendar(model.DefaultOverrides())
	return in
}

// urges reads "day:how:body;…" ("-" = none).
func urges(t testing.TB, s string) []model.Urge {
	if s == "-" || s == "" {
		return nil
	}
	var out []model.Urge
	for _, u := range strings.Split(s, ";") {
		f := strings.SplitN(u, ":", 3)
		if len(f) != 3 {
			t.Fatalf("urge %q", u)
		}
		out = append(out, model.Urge{On: day(t, f[0]), How: model.UrgeHow(f[1]), To: f[2]})
	}
	return out
}

// fields reads "name=value" pairs into the JSON of a struct.
func fields(t testing.TB, pairs []string, into any) {
	t.Helper()
	var b strings.Builder
	b.WriteByte('{')
	for i, kv := range pairs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			t.Fatalf("field %q", kv)
		}
		if i > 0 {
			b.WriteByte(',')
		}
		if v == "1" && (k == "referred" || k == "prosecuted" || k == "done") {
			v = "true"
		}
		b.WriteString(strconv.Quote(k) + ":" + v)
	}
	b.WriteByte('}')
	if err := json.Unmarshal([]byte(b.String()), into); err != nil {
		t.Fatalf("%s: %v", b.String(), err)
	}
}

// decided reads "field=value;…" ("-" = nothing decided).
func decided(t testing.TB, s string) model.Decided {
	var d model.Decided
	if s != "-" {
		fields(t, strings.Split(s, ";"), &d)
	}
	return d
}

// executed reads "day:field=value,…|…" ("-" = nothing carried out).
func executed(t testing.TB, s string) []model.Executed {
	if s == "-" {
		return nil
	}
	var out []model.Executed
	for _, e := range strings.Split(s, "|") {
		on, rest, _ := strings.Cut(e, ":")
		x := model.Executed{On: day(t, on)}
		fields(t, strings.Split(rest, ","), &x.Execution)
		out = append(out, x)
	}
	return out
}

func fixturePeriod(t testing.TB, s string) model.Period {
	off := strings.HasSuffix(s, "off")
	p, m := model.ParsePeriod(strings.TrimSuffix(s, "off"), off)
	if m != nil {
		t.Fatal(m)
	}
	return p
}

func rowIndex(f *model.Form, key string) int {
	for i, r := range f.Rows {
		if r.Key == key {
			return i
		}
	}
	return -1
}

func short(id string) string {
	_, s, _ := strings.Cut(id, ":")
	return s
}

func TestReportFixture(t *testing.T) {
	d := model.NewReportData(fixtureInput(t))
	checked := map[string]bool{}
	for _, r := range readTSV(t, "expected.tsv") {
		form, key, site, period, want := model.FormID(r[0]), r[1], r[2], r[3], atoi(t, r[4])
		if site == "*" {
			site = ""
		}
		f := model.FormByID(form)
		if f == nil {
			t.Fatalf("no form %s", form)
		}
		i := rowIndex(f, key)
		if i < 0 {
			t.Errorf("%s has no indicator %s", form, key)
			continue
		}
		if site == "" && period == "2026-Q3" {
			checked[string(form)+"/"+key] = true
		}
		cell := d.Compute(form, fixturePeriod(t, period), site).Cells[i]
		if cell.Value != want {
			t.Errorf("%s %s at %q in %s: %d, want %d (%s)", form, key, r[2], period, cell.Value, want, r[5])
		}
		// Where the table lists the records, they are exactly those
		// counted (id=amount for a sum).
		if len(r) > 5 && r[5] != "" && !strings.ContainsAny(r[5], " –(") {
			var got []string
			for _, x := range cell.Refs {
				if f.Rows[i].Sum {
					got = append(got, short(x.ID)+"="+strconv.FormatInt(x.N, 10))
				} else {
					got = append(got, short(x.ID))
				}
			}
			wantIDs := strings.Split(r[5], ",")
			sort.Strings(wantIDs)
			sort.Strings(got)
			if strings.Join(got, ",") != strings.Join(wantIDs, ",") {
				t.Errorf("%s %s at %q in %s counts %v, want %v", form, key, r[2], period, got, wantIDs)
			}
		}
	}
	for _, f := range model.Forms() {
		for _, r := range f.Rows {
			if !checked[string(f.ID)+"/"+r.Key] {
				t.Errorf("%s %s: no hand-counted figure for Q3 2026 in expected.tsv", f.ID, r.Key)
			}
		}
	}
}

// TestReportDrillDown walks every cell of every form, for this period, the
// previous one and last year, at every unit and in total: the records a
// figure lists are the figure (their count for a count, their amounts for
// a sum), each is a record of the data, and each lists once.
func TestReportDrillDown(t *testing.T) {
	d := model.NewReportData(fixtureInput(t))
	leader := &model.User{Login: "lead", Roles: []model.Role{model.RoleLeader}, Active: true}
	desk := &model.User{Login: "letan", Roles: []model.Role{model.RoleReceptionist}, Active: true}
	cells := 0
	for _, ps := range []string{"2026-Q3", "2026-Q3off", "2026-06", "2026-6T", "2026-9T", "2026"} {
		base := fixturePeriod(t, ps)
		for _, p := range []model.Period{base, base.Previous(), base.LastYear()} {
			sites := []string{""}
			for _, s := range d.SitesIn(p, "HN01") {
				sites = append(sites, s.Code)
			}
			for _, f := range model.Forms() {
				for _, site := range sites {
					fig := d.Compute(f.ID, p, site)
					// The screen holds the figures alone, and lists a
					// figure's records again when it is opened.
					for i, c := range fig.ValuesOnly().Cells {
						cells++
						row := &f.Rows[i]
						refs := d.Records(f.ID, p, site, i)
						if c.Refs != nil || c.Value != fig.Cells[i].Value || !slices.Equal(refs, fig.Cells[i].Refs) {
							t.Fatalf("%s %s at %q in %s: the figure on screen or its records differ from the figure computed", f.ID, row.Key, site, p.Short())
						}
						var sum int64
						seen := map[string]bool{}
						for _, r := range refs {
							l := d.Line(r, desk, model.VI, nil, nil)
							if l.No == "" || l.Kind != row.Record {
								t.Fatalf("%s %s: record %s is not a %s of the data", f.ID, row.Key, r.ID, row.Record)
							}
							if seen[r.ID] {
								t.Fatalf("%s %s lists %s twice", f.ID, row.Key, r.ID)
							}
							seen[r.ID] = true
							if site != "" && r.Site != site {
								t.Fatalf("%s %s at %s lists %s of %s", f.ID, row.Key, site, r.ID, r.Site)
							}
							sum += r.N
						}
						if sum != c.Value || (!row.Sum && int64(len(refs)) != c.Value) {
							t.Fatalf("%s %s at %q in %s: figure %d, listed %d records adding to %d", f.ID, row.Key, site, p.Short(), c.Value, len(refs), sum)
						}
					}
				}
			}
		}
	}
	if cells < 1000 {
		t.Fatalf("only %d cells walked", cells)
	}
	// The per-unit figures add up to the total (distinct-day counts aside:
	// two units may receive on the same day).
	p := fixturePeriod(t, "2026-Q3")
	for _, f := range model.Forms() {
		total := d.Compute(f.ID, p, "")
		sum := make([]int64, len(f.Rows))
		for _, s := range d.SitesIn(p, "HN01") {
			for i, c := range d.Compute(f.ID, p, s.Code).Cells {
				sum[i] += c.Value
			}
		}
		for i, r := range f.Rows {
			if !strings.HasSuffix(r.Key, "_ky") && sum[i] != total.Cells[i].Value {
				t.Errorf("%s %s: units add to %d, total %d", f.ID, r.Key, sum[i], total.Cells[i].Value)
			}
		}
	}
	// A confidential sender is shown to a leader and the case's handler
	// only, and to them only after they revealed it on purpose (the one
	// rule of the queue and the case view).
	c02 := model.Ref{ID: "case:c02", Site: "HN01", N: 1}
	hung := &model.User{Login: "hung", Roles: []model.Role{model.RoleHandler}, Active: true}
	lan := &model.User{Login: "lan", Roles: []model.Role{model.RoleHandler}, Active: true}
	revealed := func(id string) bool { return id == "case:c02" }
	for _, tc := range []struct {
		u    *model.User
		want string
	}{{leader, "Phạm Văn Tố"}, {hung, "Phạm Văn Tố"}, {lan, "(bảo mật)"}, {desk, "(bảo mật)"}} {
		if l := d.Line(c02, tc.u, model.VI, nil, revealed); l.Sender != tc.want {
			t.Errorf("%s sees %q, want %q", tc.u.Login, l.Sender, tc.want)
		}
		if l := d.Line(c02, tc.u, model.VI, nil, nil); l.Sender != "(bảo mật)" || !l.Masked {
			t.Errorf("%s sees %q before any reveal", tc.u.Login, l.Sender)
		}
		pv := model.Ref{ID: "visit:v02", Site: "HN01", N: 1}
		if l := d.Line(pv, tc.u, model.VI, func(string) string { return "Phạm Văn Tố" }, revealed); l.Sender != tc.want {
			t.Errorf("visit v02: %s sees %q, want %q", tc.u.Login, l.Sender, tc.want)
		}
		if l := d.Line(pv, tc.u, model.VI, func(string) string { return "Phạm Văn Tố" }, nil); l.Sender != "(bảo mật)" {
			t.Errorf("visit v02: %s sees %q before any reveal", tc.u.Login, l.Sender)
		}
	}
	// A visit whose visitor's name the session may not show (a protected
	// person's later visit) is masked as a whole.
	pv := model.Ref{ID: "visit:v02", Site: "HN01", N: 1}
	if l := d.Line(pv, leader, model.VI, func(string) string { return "" }, revealed); !l.Masked {
		t.Errorf("a hidden visitor left the line unmasked: %+v", l)
	}
}

// TestReportUnits: an office lists its own desk first, then each unit
// under the name it had at the end of the period; the unit dissolved in
// July stays in Q3 and is gone from Q4.
func TestReportUnits(t *testing.T) {
	d := model.NewReportData(fixtureInput(t))
	names := func(p model.Period) string {
		var out []string
		for _, s := range d.SitesIn(p, "HN01") {
			n := s.Code + "=" + s.Name
			if s.Gone {
				n += "(→" + s.Successor + ")"
			}
			out = append(out, n)
		}
		return strings.Join(out, "|")
	}
	q3 := "HN01=Liên đoàn Lao động huyện Gia Lâm|GL05=Công đoàn Xí nghiệp Bao bì Gia Lâm(→GL07)|GL07=Công đoàn Công ty May Gia Lâm|" +
		"GL08=Công đoàn Công ty Điện tử Sài Đồng|GL09=Công đoàn Công ty Giày Thượng Đình"
	if got := names(fixturePeriod(t, "2026-Q3")); got != q3 {
		t.Errorf("Q3:\n got %s\nwant %s", got, q3)
	}
	q4 := "HN01=Liên đoàn Lao động huyện Gia Lâm|GL07=Công đoàn Công ty May Gia Lâm|" +
		"GL08=Công đoàn Công ty CP Điện tử Sài Đồng|GL09=Công đoàn Công ty Giày Thượng Đình"
	if got := names(fixturePeriod(t, "2026-Q4")); got != q4 {
		t.Errorf("Q4:\n got %s\nwant %s", got, q4)
	}
	// A grassroots unit's own file knows its upper office too: that office
	// is not one of its units. GL09 has no records in Q4 2026.
	var gl09 []string
	for _, s := range d.SitesIn(fixturePeriod(t, "2026-Q4"), "GL09") {
		gl09 = append(gl09, s.Code)
	}
	if strings.Join(gl09, "|") != "GL09" {
		t.Errorf("units of GL09: %v", gl09)
	}
}

func TestReportCharts(t *testing.T) {
	d := model.NewReportData(fixtureInput(t))
	m := d.MonthlyPetitions(model.Date{Y: 2026, M: 9, D: 30}, "")
	var got []string
	for _, b := range m.Bars {
		got = append(got, b.Label.VI+"="+strconv.Itoa(b.Value()))
	}
	// p29 is August 2025: outside the twelve months to September 2026.
	want := "10/25=0|11/25=0|12/25=0|01/26=0|02/26=0|03/26=0|04/26=1|05/26=1|06/26=2|07/26=12|08/26=7|09/26=6"
	if strings.Join(got, "|") != want {
		t.Errorf("by month:\n got %s\nwant %s", strings.Join(got, "|"), want)
	}
	hs := d.HotSpots(fixturePeriod(t, "2026-Q3"), "", 3)
	top := func(c model.Chart) string {
		var out []string
		for _, b := range c.Bars {
			out = append(out, b.Label.VI+"="+strconv.Itoa(b.Value()))
		}
		return strings.Join(out, "|")
	}
	for i, want := range []string{
		"Công ty May Hà Nội=14|Công ty Điện tử Sài Đồng=5|Công ty Giày Thượng Đình=5",
		"Liên đoàn Lao động huyện Gia Lâm=13|Công đoàn Công ty May Gia Lâm=6|Công đoàn Công ty Điện tử Sài Đồng=3",
		"Công ty May Hà Nội=3|Công ty Giày Thượng Đình=1",
		"Công ty Giày Thượng Đình=1|Công ty May Hà Nội=1",
	} {
		if got := top(hs[i]); got != want {
			t.Errorf("%s:\n got %s\nwant %s", hs[i].Title.VI, got, want)
		}
	}
}
