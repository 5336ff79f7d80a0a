package export_test

import (
	"bytes"
	"encoding/csv"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store/export"
)

// read parses a written file back with encoding/csv, after checking and
// dropping the BOM.
func read(t *testing.T, b []byte, bom bool) [][]string {
	t.Helper()
	if got := bytes.HasPrefix(b, []byte(export.BOM)); got != bom {
		t.Fatalf("BOM %v, want %v: % x", got, bom, b[:min(len(b), 8)])
	}
	b = bytes.TrimPrefix(b, []byte(export.BOM))
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatalf("read back: %v\n%s", err, b)
	}
	return recs
}

// lineEndings checks that every line break of b is "\r\n" (crlf) or a
// bare "\n", and returns how many there are.
func lineEndings(t *testing.T, b []byte, crlf bool) int {
	t.Helper()
	n := bytes.Count(b, []byte("\n"))
	cr := bytes.Count(b, []byte("\r\n"))
	if crlf && cr != n {
		t.Fatalf("%d of %d line breaks are CRLF, want all:\n%q", cr, n, b)
	}
	if !crlf && (cr != 0 || bytes.Contains(b, []byte("\r"))) {
		t.Fatalf("a CR in an LF file:\n%q", b)
	}
	return n
}

var (
	// 09:30 on 2 March 2026 in Vietnam is still 1 March in UTC.
	at = time.Date(2026, 3, 1, 19, 30, 0, 0, time.UTC)

	an = model.Person{ID: "p1", Name: "Nguyễn Văn Ấn", IDKind: model.IDCCCD, IDNumber: "001085012345", Address: "Thôn Đình, xã Gia Lâm, Hà Nội"}
	to = model.Person{ID: "p2", Name: "Phạm Văn Tố", IDNumber: "031190001234", Address: "Phường Hồng Bàng, Hải Phòng"}
	ha = model.Person{ID: "p3", Name: "Trần Thị Hà"}

	plain = export.RegisterRow{
		Visit: model.Visit{No: "GL07-2026-0001", At: at, Reception: model.ReceptionRegular, Persons: []string{"p1"},
			Content: "Công ty nợ lương ba tháng,\n\"chưa trả\" bảo hiểm", Outcome: model.OutcomePetition, Note: "hẹn trả lời 10/3"},
		Persons:  []model.Person{an},
		Petition: &model.Petition{No: "GL07-2026-0007", Kind: model.KindComplaint},
	}
	secret = export.RegisterRow{
		Visit: model.Visit{No: "GL07-2026-0002", At: at.Add(time.Hour), Reception: model.ReceptionRegular, Persons: []string{"p2"},
			Content: "Tố cáo tổ trưởng ép làm thêm giờ", Outcome: model.OutcomePetition, Note: "gọi 0912345678 sau 17 giờ"},
		Persons:  []model.Person{to},
		Petition: &model.Petition{No: "GL07-2026-0008", Kind: model.KindDenunciation, Confidential: true},
	}
	group = export.RegisterRow{
		Visit: model.Visit{No: "GL07-2026-0003", At: at.Add(2 * time.Hour), Reception: model.ReceptionAdhoc, Persons: []string{"p1", "p3"}, Reps: []string{"p3"},
			Group: true, HeadCount: 12, Content: "=HYPERLINK(\"http://x\",\"bấm\")", Outcome: model.OutcomeGuided, Repeat: true},
		Persons: []model.Person{ha, an},
	}
)

func TestRegisterBytes(t *testing.T) {
	for _, tc := range []struct{ crlf, bom bool }{{false, false}, {false, true}, {true, false}, {true, true}} {
		t.Run("crlf="+strconv.FormatBool(tc.crlf)+",bom="+strconv.FormatBool(tc.bom), func(t *testing.T) {
			var b bytes.Buffer
			rows := []export.RegisterRow{plain, secret, group}
			if err := export.Register(&b, rows, export.Options{CRLF: tc.crlf, BOM: tc.bom}); err != nil {
				t.Fatal(err)
			}
			// Header, three records, and the line break inside the first
			// content: five.
			if n := lineEndings(t, b.Bytes(), tc.crlf); n != 5 {
				t.Fatalf("%d line breaks, want 5:\n%s", n, b.Bytes())
			}
			recs := read(t, b.Bytes(), tc.bom)
			if len(recs) != 4 {
				t.Fatalf("%d records, want 4", len(recs))
			}
			want := []string{"STT", "Ngày tiếp", "Họ tên – địa chỉ", "Số CCCD/hộ chiếu", "Nội dung vụ việc", "Phân loại đơn", "Số người",
				"Cơ quan đã giải quyết", "Thuộc thẩm quyền", "Hướng dẫn", "Cơ quan thụ lý / số văn bản chuyển", "Theo dõi kết quả", "Ghi chú"}
			if strings.Join(recs[0], "|") != strings.Join(want, "|") {
				t.Fatalf("header %q", recs[0])
			}
			r := recs[1]
			// The Vietnamese name and the multi-line, quoted content come
			// back exactly, whatever the line endings.
			if r[2] != "Nguyễn Văn Ấn – Thôn Đình, xã Gia Lâm, Hà Nội" || r[4] != plain.Visit.Content {
				t.Fatalf("round trip: %q", r)
			}
		})
	}
}

func TestRegisterCells(t *testing.T) {
	var b bytes.Buffer
	if err := export.Register(&b, []export.RegisterRow{plain, secret, group}, export.Options{}); err != nil {
		t.Fatal(err)
	}
	recs := read(t, b.Bytes(), false)
	for _, tc := range []struct {
		name string
		got  []string
		want []string
	}{
		{"plain", recs[1], []string{"1", "02/03/2026", "Nguyễn Văn Ấn – Thôn Đình, xã Gia Lâm, Hà Nội", "CCCD 001085012345", plain.Visit.Content,
			"Khiếu nại", "1", "", "", "", "GL07-2026-0007", "", "Tiếp thường xuyên; Nhận đơn; hẹn trả lời 10/3"}},
		{"confidential", recs[2], []string{"2", "02/03/2026", "(bảo mật)", "(bảo mật)", "Tố cáo tổ trưởng ép làm thêm giờ",
			"Tố cáo", "1", "", "", "", "GL07-2026-0008", "", "Tiếp thường xuyên; Nhận đơn; (bảo mật)"}},
		{"group, formula", recs[3], []string{"3", "02/03/2026", "Trần Thị Hà (đại diện); Nguyễn Văn Ấn – Thôn Đình, xã Gia Lâm, Hà Nội", "CCCD 001085012345",
			"'=HYPERLINK(\"http://x\",\"bấm\")", "", "12", "", "", "x", "", "", "Đoàn đông người; Tiếp nhiều lần; Tiếp đột xuất; Hướng dẫn"}},
	} {
		if strings.Join(tc.got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, tc.got, tc.want)
		}
	}
	for _, leak := range []string{"Phạm Văn Tố", "031190001234", "Hồng Bàng", "0912345678"} {
		if bytes.Contains(b.Bytes(), []byte(leak)) {
			t.Errorf("the confidential sender leaks %q", leak)
		}
	}
}

func TestRegisterReveal(t *testing.T) {
	for _, tc := range []struct {
		opt       export.Options
		who, note string
	}{
		{export.Options{Lang: model.EN}, "(confidential)", "Regular reception; Petition received; (confidential)"},
		{export.Options{Lang: model.EN, Reveal: true}, "Phạm Văn Tố – Phường Hồng Bàng, Hải Phòng", "Regular reception; Petition received; gọi 0912345678 sau 17 giờ"},
	} {
		var b bytes.Buffer
		if err := export.Register(&b, []export.RegisterRow{secret}, tc.opt); err != nil {
			t.Fatal(err)
		}
		recs := read(t, b.Bytes(), false)
		if recs[0][2] != "Name – address" || recs[1][2] != tc.who || recs[1][12] != tc.note || recs[1][5] != "Denunciation" {
			t.Errorf("reveal %v: %q", tc.opt.Reveal, recs)
		}
		if tc.opt.Reveal && recs[1][3] != "CCCD 031190001234" { // kind guessed from 12 digits
			t.Errorf("document %q", recs[1][3])
		}
	}
}

func TestSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Nguyễn Văn An", "Nguyễn Văn An"},
		{"=1+1", "'=1+1"},
		{"+84912345678", "'+84912345678"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"a=b", "a=b"},
		{" =1", " =1"},
		{"'already", "'already"},
	} {
		if got := export.Safe(tc.in); got != tc.want {
			t.Errorf("Safe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCases(t *testing.T) {
	d := func(day int) model.Date { return model.Date{Y: 2026, M: time.March, D: day} }
	rows := []export.CaseRow{
		{Case: model.Case{No: "GL07-2026-0001", Received: d(2), SenderName: "Nguyễn Văn Ấn", Kind: model.KindComplaint, Regime: model.RegimeLabour,
			Field: model.FieldWages, Status: model.StatusOpen, Handler: "lan"},
			Deadline: model.Deadline{Due: d(16), State: model.DeadlineOverdue, Left: -2, Unit: model.UnitWorking}},
		{Case: model.Case{No: "GL07-2026-0002", Received: d(3), SenderName: "Phạm Văn Tố", Confidential: true, Kind: model.KindDenunciation,
			Regime: model.RegimeUnion, Field: model.FieldUnionOrg, Status: model.StatusConcluded, Handler: "-cmd", Result: model.ResultRight, Closed: d(20)},
			Deadline: model.Deadline{Due: d(30), State: model.DeadlineMet, Unit: model.UnitWorking}},
	}
	for _, tc := range []struct {
		opt  export.Options
		want [][]string
	}{
		{export.Options{CRLF: true, BOM: true}, [][]string{
			{"Số vụ việc", "Ngày nhận đơn", "Người gửi", "Loại đơn", "Chế độ pháp lý", "Lĩnh vực", "Trạng thái", "Cán bộ xử lý", "Hạn", "Thời hạn", "Kết quả"},
			{"GL07-2026-0001", "02/03/2026", "Nguyễn Văn Ấn", "Khiếu nại", "Khiếu nại lao động (NĐ 24/2018)", "Tiền lương, thu nhập", "Đang giải quyết", "lan", "16/03/2026", "quá hạn 2 ngày làm việc", ""},
			{"GL07-2026-0002", "03/03/2026", "(bảo mật)", "Tố cáo", "Nội bộ công đoàn", "Tổ chức, cán bộ công đoàn", "Đã giải quyết", "'-cmd", "30/03/2026", "đã xong đúng hạn", "Tố cáo đúng"},
		}},
		{export.Options{Lang: model.EN}, [][]string{
			{"Case no.", "Received", "Sender", "Kind", "Legal regime", "Field", "Status", "Handler", "Due", "Deadline", "Result"},
			{"GL07-2026-0001", "02/03/2026", "Nguyễn Văn Ấn", "Complaint", "Labour complaint (employer)", "Wages and pay", "In progress", "lan", "16/03/2026", "2 working days overdue", ""},
			{"GL07-2026-0002", "03/03/2026", "(confidential)", "Denunciation", "Union-internal", "Union organisation", "Concluded", "'-cmd", "30/03/2026", "closed on time", "Founded"},
		}},
		{export.Options{Reveal: true}, nil},
	} {
		var b bytes.Buffer
		if err := export.Cases(&b, rows, tc.opt); err != nil {
			t.Fatal(err)
		}
		if n := lineEndings(t, b.Bytes(), tc.opt.CRLF); n != 3 {
			t.Fatalf("%d line breaks", n)
		}
		recs := read(t, b.Bytes(), tc.opt.BOM)
		if tc.opt.Reveal {
			if recs[2][2] != "Phạm Văn Tố" {
				t.Errorf("revealed sender %q", recs[2][2])
			}
			continue
		}
		for i := range tc.want {
			if strings.Join(recs[i], "|") != strings.Join(tc.want[i], "|") {
				t.Errorf("record %d:\n got %q\nwant %q", i, recs[i], tc.want[i])
			}
		}
		if bytes.Contains(b.Bytes(), []byte("Phạm Văn Tố")) {
			t.Error("the confidential sender leaks")
		}
	}
}

func TestRegisterRows(t *testing.T) {
	people := map[string]model.Person{"p1": an, "p3": ha}
	pets := map[string]model.Petition{"x1": {No: "GL07-2026-0009"}}
	visits := []model.Visit{
		{No: "GL07-2026-0010", At: at.Add(time.Hour), Persons: []string{"p1", "p3", "gone"}, Reps: []string{"p3"}, Petition: "x1"},
		{No: "GL07-2026-0009", At: at, Persons: []string{"p1"}, Petition: "gone"},
		{No: "GL07-2026-0011", At: at.Add(time.Hour), Persons: []string{"p1"}},
	}
	rows := export.RegisterRows(visits,
		func(id string) (model.Person, bool) { p, ok := people[id]; return p, ok },
		func(id string) (model.Petition, bool) { p, ok := pets[id]; return p, ok })
	var got []string
	for _, r := range rows {
		s := r.Visit.No + ":"
		for _, p := range r.Persons {
			s += p.ID + ","
		}
		if r.Petition != nil {
			s += r.Petition.No
		}
		got = append(got, s)
	}
	want := "GL07-2026-0009:p1,|GL07-2026-0010:p3,p1,GL07-2026-0009|GL07-2026-0011:p1,"
	if strings.Join(got, "|") != want {
		t.Fatalf("rows %q, want %q", strings.Join(got, "|"), want)
	}
}

// TestNoStorage holds the package to what DESIGN.md says of it: it renders
// what model computed and does not touch the data file.
func TestNoStorage(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if p == "donthu/store" || strings.HasPrefix(p, "go.etcd.io/bbolt") || strings.HasPrefix(p, "donthu/tui") {
				t.Errorf("%s imports %s", name, p)
			}
		}
	}
}
