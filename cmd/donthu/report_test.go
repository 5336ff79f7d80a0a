package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReportCommand runs donthu report on the export site (March 2026:
// three visits on 2 and 10 March, a denunciation accepted).
func TestReportCommand(t *testing.T) {
	db := exportSite(t)
	dir := t.TempDir()

	r := donthu(t, "", "--db", db, "report", "01/TCD", "--period", "2026-03").want(t, exitOK)
	for _, want := range []string{"Biểu mẫu 01/TCD", "Tháng 03/2026 (01/03/2026 – 31/03/2026)", "T03/2026", "T02/2026", "T03/2025", "Lượt tiếp"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
	// The official cut-off moves 10 March into the period ending 14 March
	// and 2 March too; with --from/--to only the 10th is in.
	r = donthu(t, "", "--db", db, "report", "01/tcd", "--from", "05/03/2026", "--to", "31/03/2026", "--format", "csv", "--no-bom").want(t, exitOK)
	if !strings.Contains(r.stdout, "Tổng số,Lượt tiếp,1,") {
		t.Errorf("range report:\n%s", r.stdout)
	}
	r = donthu(t, "", "--db", db, "report", "01/TCD", "--period", "2026-03", "--official", "--format", "csv").want(t, exitOK)
	if !strings.HasPrefix(r.stdout, "\uFEFF") || !strings.Contains(r.stdout, "từ 15/02/2026 đến 14/03/2026") || !strings.Contains(r.stdout, "Tổng số,Lượt tiếp,3,") {
		t.Errorf("official report:\n%s", r.stdout)
	}

	out := filepath.Join(dir, "bao-cao.xlsx")
	r = donthu(t, "", "--db", db, "report", "all", "--period", "2026-Q1", "-o", out).want(t, exitOK)
	if !strings.Contains(r.stdout, "Đã ghi 8 mẫu báo cáo") {
		t.Errorf("stdout %q", r.stdout)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "01-TCD|02-TCD|01-XLD|01-KQGQ|03-KQGQ|RSTD|02-KQGQ|04-KQGQ" {
		t.Errorf("sheets %q", got)
	}
	if v, _ := f.GetCellValue("01-TCD", "C7"); v != "3" {
		t.Errorf("01-TCD C7 = %q (this quarter's receptions)", v)
	}

	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"report"}, "dùng: donthu report"},
		{[]string{"report", "05/XLD", "--period", "2026"}, "không có mẫu 05/XLD"},
		{[]string{"report", "all", "--period", "2026-Q5"}, "Kỳ báo cáo không hợp lệ"},
		{[]string{"report", "all"}, "dùng:"},
		{[]string{"report", "all", "--period", "2026", "--from", "1/1/2026"}, "không cả hai"},
		{[]string{"report", "all", "--from", "10/3/2026", "--to", "1/3/2026"}, "Khoảng thời gian không hợp lệ"},
		{[]string{"report", "all", "--period", "2026", "--format", "xlsx"}, "-o TỆP.xlsx"},
		{[]string{"report", "all", "--period", "2026", "--site", "ZZ99"}, "không có đơn vị ZZ99"},
	} {
		r := donthu(t, "", append([]string{"--db", db}, tc.args...)...)
		if r.code != exitUsage || !strings.Contains(r.stderr, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, r.code, r.stderr, exitUsage, tc.msg)
		}
	}

	// The registers as workbooks.
	for _, what := range []string{"register", "petitions", "cases"} {
		out := filepath.Join(dir, what+".xlsx")
		args := []string{"--db", db, "export", what, "-o", out}
		if what == "cases" {
			args = append(args, "--all")
		}
		donthu(t, "matkhau\n", args...).want(t, exitOK) // an export is signed for (DONTHU_USER)
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		rows, _ := f.GetRows(f.GetSheetList()[0])
		f.Close()
		if len(rows) < 5 || rows[0][0] != "Công đoàn GL07" {
			t.Errorf("%s: %q", what, rows)
		}
		all := ""
		for _, r := range rows {
			all += strings.Join(r, "|") + "\n"
		}
		if (what != "cases" && !strings.Contains(all, "Trần Thị Hà")) || !strings.Contains(all, "(bảo mật)") || strings.Contains(all, "Phạm Văn Tố") {
			t.Errorf("%s: names in the workbook:\n%s", what, all)
		}
	}
}
