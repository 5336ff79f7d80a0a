package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/export"
	"donthu/store/storetest"
)

// exportSite makes site GL07 with three visits and returns its file,
// closed so the command can open it:
//   - 2 March: Nguyễn Văn Ấn, a complaint (with a CCCD, an address and a
//     content a spreadsheet would run as a formula);
//   - 2 March: Phạm Văn Tố, a denunciation, accepted as a case;
//   - 10 March: Trần Thị Hà, a recommendation.
func exportSite(t *testing.T) string {
	t.Helper()
	noEnv(t)
	t.Setenv("DONTHU_USER", "lan") // an export is signed for
	s, clk := storetest.New(t, "GL07")
	_, _, err := s.RecordVisit("lan", store.VisitInput{
		Visit: model.Visit{Content: "=1+1 công ty nợ lương", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Nguyễn Văn Ấn", IDKind: model.IDCCCD, IDNumber: "001085012345", BirthYear: 1985,
			Address: "Thôn Đình, xã Gia Lâm"}},
		Petition: &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		t.Fatal(err)
	}
	den := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	storetest.Accept(t, s, den.ID, model.KindDenunciation, model.RegimeUnion)
	clk.SetDate(model.Date{Y: 2026, M: time.March, D: 10})
	storetest.Visit(t, s, "Trần Thị Hà", model.KindRecommendation)
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// records parses a CSV the command wrote, checking its BOM and that its
// line breaks are all CRLF (crlf) or all LF.
func records(t *testing.T, b []byte, bom, crlf bool) [][]string {
	t.Helper()
	if got := bytes.HasPrefix(b, []byte(export.BOM)); got != bom {
		t.Fatalf("BOM %v, want %v", got, bom)
	}
	if n, cr := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n")); (crlf && cr != n) || (!crlf && cr != 0) || n == 0 {
		t.Fatalf("%d line breaks, %d CRLF; want crlf=%v:\n%q", n, cr, crlf, b)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(export.BOM)))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestExportRegisterFile(t *testing.T) {
	db := exportSite(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "sổ tiếp.csv")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil { // replaced whole
		t.Fatal(err)
	}
	donthu(t, "matkhau\n", "--db", db, "export", "register", "-o", out).want(t, exitOK, "Đã ghi 3 dòng vào "+out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs := records(t, b, true, runtime.GOOS == "windows")
	if len(recs) != 4 || recs[0][0] != "STT" {
		t.Fatalf("records %q", recs)
	}
	got := [][]string{recs[1][1:5], recs[2][1:5], recs[3][1:5]}
	want := [][]string{
		{"02/03/2026", "Nguyễn Văn Ấn – Thôn Đình, xã Gia Lâm", "CCCD 001085012345", "'=1+1 công ty nợ lương"},
		{"02/03/2026", "(bảo mật)", "(bảo mật)", "Công ty nợ lương ba tháng"},
		{"10/03/2026", "Trần Thị Hà", "", "Công ty nợ lương ba tháng"},
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d: %q, want %q", i+1, got[i], want[i])
		}
	}
	if recs[2][5] != "Tố cáo" || recs[2][8] == "" {
		t.Errorf("denunciation row %q", recs[2])
	}
	if bytes.Contains(b, []byte("Phạm Văn Tố")) {
		t.Error("the denouncer's name is in the export")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".donthu-export-*")); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestExportRegisterStdout(t *testing.T) {
	db := exportSite(t)
	for _, tc := range []struct {
		args []string
		bom  bool
		want [][]string
	}{
		{[]string{"--from", "05/03/2026", "--lang", "en"}, true, [][]string{
			{"No.", "Date", "Name – address", "ID document", "Content", "Petition kind", "Persons", "Body that already resolved it",
				"Within competence", "Guided", "Body handling it / forwarding no.", "Result followed up", "Note"},
			{"1", "10/03/2026", "Trần Thị Hà", "", "Công ty nợ lương ba tháng", "Recommendation", "1", "", "", "", "GL07-2026-0003", "", "Regular reception; Petition received"},
		}},
		{[]string{"--to", "2/3/2026", "--no-bom"}, false, [][]string{{"STT"}, {"1", "02/03/2026", "Nguyễn Văn Ấn – Thôn Đình, xã Gia Lâm"}, {"2", "02/03/2026", "(bảo mật)"}}},
		{[]string{"--from", "11/03/2026"}, true, [][]string{{"STT"}}},
	} {
		r := donthu(t, "matkhau\n", append([]string{"--db", db, "export", "register"}, tc.args...)...).want(t, exitOK)
		if r.stderr != "" {
			t.Errorf("%v: stderr %q", tc.args, r.stderr)
		}
		recs := records(t, []byte(r.stdout), tc.bom, runtime.GOOS == "windows")
		if len(recs) != len(tc.want) {
			t.Fatalf("%v: %d records, want %d: %q", tc.args, len(recs), len(tc.want), recs)
		}
		for i, w := range tc.want {
			if strings.Join(recs[i][:len(w)], "|") != strings.Join(w, "|") {
				t.Errorf("%v record %d: %q, want %q", tc.args, i, recs[i], w)
			}
		}
	}
}

// TestExportLineEndings runs the command as it runs on each system: CRLF
// on Windows only, on whatever system the test runs.
func TestExportLineEndings(t *testing.T) {
	db := exportSite(t)
	for _, goos := range []string{"windows", "linux", "darwin"} {
		for _, what := range []string{"register", "cases"} {
			var out, errb bytes.Buffer
			e := &env{db: db, lang: model.VI, stdin: strings.NewReader("matkhau\n"), stdout: &out, stderr: &errb, args: []string{what, "--all"}}
			if what == "register" {
				e.args = []string{what}
			}
			if err := runExport(e, goos); err != nil {
				t.Fatalf("%s %s: %v", goos, what, err)
			}
			recs := records(t, out.Bytes(), true, goos == "windows")
			if len(recs) < 2 {
				t.Fatalf("%s %s: %q", goos, what, recs)
			}
		}
	}
}

func TestExportCases(t *testing.T) {
	db := exportSite(t)
	r := donthu(t, "matkhau\n", "--db", db, "export", "cases", "--all", "--no-bom").want(t, exitOK)
	recs := records(t, []byte(r.stdout), false, runtime.GOOS == "windows")
	if len(recs) != 2 || recs[0][0] != "Số vụ việc" {
		t.Fatalf("records %q", recs)
	}
	c := recs[1]
	if c[1] != "02/03/2026" || c[2] != "(bảo mật)" || c[3] != "Tố cáo" || c[4] != "Nội bộ công đoàn" || c[6] == "" || c[8] == "" || c[9] == "" {
		t.Errorf("case %q", c)
	}
	if strings.Contains(r.stdout, "Phạm Văn Tố") {
		t.Error("the denouncer's name is in the export")
	}
	// The case is open: none closed.
	r = donthu(t, "matkhau\n", "--db", db, "--lang", "en", "export", "cases", "--closed").want(t, exitOK)
	if recs := records(t, []byte(r.stdout), true, runtime.GOOS == "windows"); len(recs) != 1 || recs[0][0] != "Case no." {
		t.Errorf("closed cases %q", recs)
	}
}

func TestExportRefuses(t *testing.T) {
	db := exportSite(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export"}, exitUsage, "dùng: donthu export register"},
		{[]string{"export", "visits"}, exitUsage, "dùng: donthu export register"},
		{[]string{"export", "cases", "--closed", "--all"}, exitUsage, "dùng:"},
		{[]string{"export", "cases", "--from", "01/03/2026", "--to", "2/2/2026"}, exitUsage, "--from sau --to"},
		{[]string{"export", "cases", "--format", "pdf"}, exitUsage, "--format"},
		{[]string{"export", "cases", "--format", "xlsx"}, exitUsage, "-o TỆP.xlsx"},
		{[]string{"export", "register", "extra"}, exitUsage, "dùng:"},
		{[]string{"export", "register", "--from", "31/02/2026"}, exitUsage, "--from: "},
		{[]string{"--lang", "en", "export", "register", "--from", "1/3/26"}, exitUsage, "--from: The year 26"},
		{[]string{"export", "register", "--from", "10/03/2026", "--to", "01/03/2026"}, exitUsage, "--from sau --to"},
		// No such folder; and a folder where the file should go: nothing
		// is written, the folder is untouched, no temporary file is left.
		{[]string{"export", "register", "-o", filepath.Join(dir, "none", "x.csv")}, exitFail, "Không ghi được tệp"},
		{[]string{"--lang", "en", "export", "register", "-o", dir}, exitFail, "Cannot write " + dir},
	} {
		r := donthu(t, "matkhau\n", append([]string{"--db", db}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, r.code, r.stderr, tc.code, tc.msg)
		}
		if r.stdout != "" {
			t.Errorf("%v: wrote %q", tc.args, r.stdout)
		}
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		t.Fatalf("the folder: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("left in the folder: %v", left)
	}
}

// A denouncer's later visit ("Hỏi tiến độ giải quyết đơn đã gửi") names
// them as well as the visit that filed the denunciation: masked too. An
// export is itself an audit event.
func TestExportRegisterMasksLaterVisits(t *testing.T) {
	noEnv(t)
	t.Setenv("DONTHU_USER", "lan")
	s, clk := storetest.New(t, "GL07")
	den := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	clk.SetDate(model.Date{Y: 2026, M: time.March, D: 9})
	if _, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{
		Persons: den.Senders, Content: "Hỏi tiến độ giải quyết đơn đã gửi: Tố cáo quản đốc", Outcome: model.OutcomeAnswered}}); err != nil {
		t.Fatal(err)
	}
	db := s.Path()
	s.Close()
	r := donthu(t, "matkhau\n", "--db", db, "export", "register", "--no-bom").want(t, exitOK)
	recs := records(t, []byte(r.stdout), false, false)
	if len(recs) != 3 {
		t.Fatalf("records %q", recs)
	}
	for _, rec := range recs[1:] {
		if rec[2] != "(bảo mật)" || rec[3] != "(bảo mật)" {
			t.Errorf("a visit of the denouncer is not masked: %q", rec)
		}
	}
	s2 := mustOpen(t, db)
	defer s2.Close()
	n := 0
	for _, e := range storetest.AllEvents(t, s2) {
		if e.Type == model.EvExported && e.Author == "lan" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d export events", n)
	}
}
