package export_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store/export"

	"github.com/xuri/excelize/v2"
)

// officeData is an office (HN01) with two units, one renamed after the
// period: enough for every part of a sheet to hold something.
func officeData() *model.ReportData {
	at := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 9, 0, 0, 0, model.VN) }
	dt := func(m time.Month, d int) model.Date { return model.Date{Y: 2026, M: m, D: d} }
	in := model.ReportInput{
		Sites: []model.Site{{Code: "HN01", Name: "Liên đoàn Lao động huyện Gia Lâm"}, {Code: "GL07", Name: "Công đoàn Công ty CP May Gia Lâm", Parent: "HN01"}},
		Names: map[string][]model.SiteName{"GL07": {{From: dt(1, 1), Name: "Công đoàn Công ty May Gia Lâm"}, {From: dt(10, 5), Name: "Công đoàn Công ty CP May Gia Lâm"}}},
		Visits: []model.ReportVisit{
			{ID: "visit:a", No: "HN01-2026-0001", Site: "HN01", At: at(7, 1), Reception: model.ReceptionRegular},
			{ID: "visit:b", No: "GL07-2026-0001", Site: "GL07", At: at(7, 2), Reception: model.ReceptionRegular, Group: true, People: 9},
			{ID: "visit:c", No: "GL07-2026-0002", Site: "GL07", At: at(4, 2), Reception: model.ReceptionRegular},
		},
		Cases: []model.Case{{ID: "case:x", No: "GL07-2026-0003", Site: "GL07", Kind: model.KindComplaint, Regime: model.RegimeLabour, Round: 1,
			Received: dt(7, 1), Opened: dt(7, 2), Accepted: dt(7, 3), Status: model.StatusConcluded, Closed: dt(7, 20), Result: model.ResultRight,
			Recovered: 1_500_000, Restored: 2}},
	}
	return model.NewReportData(in)
}

func TestReportXLSX(t *testing.T) {
	d := officeData()
	q3, _ := model.ParsePeriod("2026-Q3", false)
	tables := export.Tables(d, "HN01", []model.FormID{model.Form01TCD, model.Form01KQGQ}, q3, "")
	var b bytes.Buffer
	if err := export.ReportXLSX(&b, tables, model.VI); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), "|"); got != "01-TCD|01-KQGQ" {
		t.Fatalf("sheets %q", got)
	}
	cell := func(sheet, ref string) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, ref)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	// On top: the unit, the form, the period.
	for ref, want := range map[string]string{
		"A1": "Liên đoàn Lao động huyện Gia Lâm",
		"A2": "Biểu mẫu 01/TCD: Tổng hợp kết quả tiếp công dân thường xuyên, định kỳ và đột xuất",
		"A3": "Kỳ báo cáo: Quý III/2026 (01/07/2026 – 30/09/2026)",
		"A5": "STT", "B5": "Đơn vị", "C5": "Tổng số", "C6": "Lượt tiếp", "D6": "Người được tiếp",
		// Units as rows under the name they had in the quarter, then the
		// totals of this period, the previous one and last year.
		"B7": "Liên đoàn Lao động huyện Gia Lâm", "B8": "Công đoàn Công ty May Gia Lâm",
		"B9": "Tổng cộng (Q3/2026)", "B10": "Kỳ trước (Q2/2026)", "B11": "Cùng kỳ năm trước (Q3/2025)",
	} {
		if got := cell("01-TCD", ref); got != want {
			t.Errorf("01-TCD %s = %q, want %q", ref, got, want)
		}
	}
	// Every figure is the model's, as a number.
	f0 := tables[0]
	for i := range f0.Form.Rows {
		col, _ := excelize.ColumnNumberToName(3 + i)
		for r, want := range map[int]int64{7: f0.Sites[0].Figures.Cells[i].Value, 8: f0.Sites[1].Figures.Cells[i].Value,
			9: f0.Cols[0].Figures.Cells[i].Value, 10: f0.Cols[1].Figures.Cells[i].Value, 11: f0.Cols[2].Figures.Cells[i].Value} {
			ref := col + strconv.Itoa(r)
			if got := cell("01-TCD", ref); got != strconv.FormatInt(want, 10) {
				t.Errorf("%s = %q, want %d", ref, got, want)
			}
			if ct, _ := f.GetCellType("01-TCD", ref); ct != excelize.CellTypeNumber && ct != excelize.CellTypeUnset {
				t.Errorf("%s is of type %v, not a number", ref, ct)
			}
		}
	}
	if cell("01-TCD", "C9") != "2" || cell("01-TCD", "D9") != "10" || cell("01-TCD", "C10") != "1" {
		t.Errorf("totals: C9=%s D9=%s C10=%s", cell("01-TCD", "C9"), cell("01-TCD", "D9"), cell("01-TCD", "C10"))
	}
	// Money as a number with its thousands grouped by the format.
	tien := 0
	for i, r := range tables[1].Form.Rows {
		if r.Key == "tien" {
			tien = i
		}
	}
	col, _ := excelize.ColumnNumberToName(3 + tien)
	raw, _ := f.GetCellValue("01-KQGQ", col+"9", excelize.Options{RawCellValue: true})
	if raw != "1500000" {
		t.Errorf("money %s9 raw %q", col, raw)
	}
	// The group headings are merged over their indicators; STT spans both
	// header rows.
	merges, err := f.GetMergeCells("01-TCD")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, m := range merges {
		found[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
	}
	if found["A5:A6"] != "STT" || found["C5:E5"] != "Tổng số" || found["F5:N5"] != "Tiếp thường xuyên" {
		t.Errorf("merges %v", found)
	}
	// The header is frozen.
	panes, err := f.GetPanes("01-TCD")
	if err != nil || !panes.Freeze || panes.YSplit != 6 {
		t.Errorf("panes %+v %v", panes, err)
	}
}

func TestRegisterXLSX(t *testing.T) {
	c := &model.Case{No: "GL07-2026-0031", Kind: model.KindComplaint, Status: model.StatusConcluded, Result: model.ResultRight, Closed: model.Date{Y: 2026, M: 3, D: 20}}
	p2 := *plain.Petition
	p2.Classified, p2.Competent = true, true
	row := plain
	row.Petition, row.Case, row.Prior = &p2, c, "Công đoàn Công ty May, GL07-2025-0100"
	rows := []export.RegisterRow{row, secret, group}
	var b bytes.Buffer
	sh := export.RegisterSheet(rows, export.Options{}, "Công đoàn Công ty May Gia Lâm", "SỔ TIẾP")
	if err := export.WriteXLSX(&b, []export.Sheet{sh}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := f.GetRows("Sổ tiếp")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Công đoàn Công ty May Gia Lâm"}, {"SỔ TIẾP"}, nil,
		{"STT", "Ngày tiếp", "Họ tên – địa chỉ", "Số CCCD/hộ chiếu", "Nội dung vụ việc", "Phân loại đơn", "Số người", "Cơ quan đã giải quyết",
			"Thuộc thẩm quyền", "Hướng dẫn", "Cơ quan thụ lý / số văn bản chuyển", "Theo dõi kết quả", "Ghi chú"},
		{"1", "02/03/2026", "Nguyễn Văn Ấn – Thôn Đình, xã Gia Lâm, Hà Nội", "CCCD 001085012345", plain.Visit.Content, "Khiếu nại", "1",
			"Công đoàn Công ty May, GL07-2025-0100", "x", "", "GL07-2026-0007; GL07-2026-0031", "Đúng 20/03/2026", "Tiếp thường xuyên; Nhận đơn; hẹn trả lời 10/3"},
		{"2", "02/03/2026", "(bảo mật)", "(bảo mật)", "Tố cáo tổ trưởng ép làm thêm giờ", "Tố cáo", "1", "", "", "", "GL07-2026-0008", "", "Tiếp thường xuyên; Nhận đơn; (bảo mật)"},
		// In a workbook a formula-like text is just text: no apostrophe.
		{"3", "02/03/2026", "Trần Thị Hà (đại diện); Nguyễn Văn Ấn – Thôn Đình, xã Gia Lâm, Hà Nội", "CCCD 001085012345", group.Visit.Content, "", "12",
			"", "", "x", "", "", "Đoàn đông người; Tiếp nhiều lần; Tiếp đột xuất; Hướng dẫn"},
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
	// The date is a date (a serial number under a dd/mm/yyyy format), the
	// head count a number; a formula stays text.
	if raw, _ := f.GetCellValue("Sổ tiếp", "B5", excelize.Options{RawCellValue: true}); raw != "46083" {
		t.Errorf("date cell raw %q, want the serial of 2 March 2026", raw)
	}
	if ct, _ := f.GetCellType("Sổ tiếp", "G7"); ct == excelize.CellTypeSharedString || ct == excelize.CellTypeInlineString {
		t.Errorf("head count stored as text")
	}
	if fo, _ := f.GetCellFormula("Sổ tiếp", "E7"); fo != "" {
		t.Errorf("content became a formula %q", fo)
	}
	if bytes.Contains(b.Bytes(), []byte("Phạm Văn Tố")) {
		t.Error("the confidential sender leaks")
	}
}

// TestReportCSV opens the report as Excel would: the BOM first, commas,
// the diacritics intact, one record per indicator.
func TestReportCSV(t *testing.T) {
	d := officeData()
	q3, _ := model.ParsePeriod("2026-Q3", true)
	tables := export.Tables(d, "HN01", []model.FormID{model.Form01TCD}, q3, "")
	var b bytes.Buffer
	if err := export.ReportCSV(&b, tables, export.Options{BOM: true, CRLF: true}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\xEF\xBB\xBF")) {
		t.Fatal("no BOM")
	}
	lineEndings(t, b.Bytes(), true)
	recs := readLoose(t, b.Bytes())
	if recs[0][0] != "Biểu mẫu 01/TCD: Tổng hợp kết quả tiếp công dân thường xuyên, định kỳ và đột xuất" ||
		recs[2][0] != "Kỳ báo cáo: Quý III/2026 (từ 15/06/2026 đến 14/09/2026)" {
		t.Errorf("top %q", recs[:3])
	}
	head := strings.Join(recs[3], "|")
	if head != "Nhóm|Chỉ tiêu|Kỳ này (Q3/2026)|Kỳ trước (Q2/2026)|Cùng kỳ năm trước (Q3/2025)|Liên đoàn Lao động huyện Gia Lâm|Công đoàn Công ty May Gia Lâm" {
		t.Errorf("header %q", head)
	}
	if got := strings.Join(recs[4], "|"); got != "Tổng số|Lượt tiếp|2|1|0|1|1" {
		t.Errorf("first indicator %q", got)
	}
	if len(recs) != 4+len(tables[0].Form.Rows) {
		t.Errorf("%d records", len(recs))
	}
}

// readLoose parses a CSV whose records differ in length (a report puts
// title lines above each form), after dropping the BOM.
func readLoose(t *testing.T, b []byte) [][]string {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(export.BOM))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}
