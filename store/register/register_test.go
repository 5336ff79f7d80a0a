package register

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"

	"github.com/xuri/excelize/v2"
)

// wantRows is the dry run of testdata/register.xlsx, row by row.
var wantRows = []string{
	"Dòng 7: người mới Nguyễn Văn An; lượt tiếp 05/03/2019; đơn Khiếu nại nhận 05/03/2019, Đề xuất thụ lý; vụ việc Đã giải quyết (Đúng, 05/03/2019)",
	"Dòng 8: người mới Trần Thị Bình; lượt tiếp 06/03/2019, Hướng dẫn",
	"Dòng 10: người mới Lê Văn Cường; lượt tiếp 12/03/2019; đơn Khiếu nại nhận 12/03/2019, Chuyển đơn: Chuyển Thanh tra Sở LĐTBXH, CV số 15",
	"Dòng 11: người Nguyễn Văn An như ở dòng 7 (cùng số giấy tờ); lượt tiếp 14/03/2019, Trả lời trực tiếp",
	"Dòng 12: LỖI: Ngày 31/02/2019 không tồn tại",
	"Dòng 13: LỖI: thiếu họ tên",
	`Dòng 14: người mới Hoàng Văn Em; lượt tiếp 18/03/2019 (6 người); đơn Tố cáo nhận 18/03/2019, Đề xuất thụ lý; vụ việc Đang giải quyết; lưu ý: bỏ số giấy tờ "12345" không hợp lệ`,
	"Dòng 15: người mới Đỗ Thị Giang; lượt tiếp 20/03/2019; đơn Khiếu nại nhận 20/03/2019, Đề xuất thụ lý; vụ việc Đang giải quyết",
	"Dòng 16: người mới Nguyễn Văn Anh; lượt tiếp 22/03/2019, Trả lời trực tiếp",
	"Dòng 17: LỖI: thiếu nội dung",
}

func prepare(t *testing.T, s *store.Store, path string, opt Options) *Plan {
	t.Helper()
	tb, err := Read(path, "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(s, tb, opt)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMessyRegister(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := prepare(t, s, "testdata/register.xlsx", Options{})

	// The columns: two merged header rows, TCVN3 names, VNI employers.
	hdr := strings.Join(p.Header(model.VI), "\n")
	for _, want := range []string{
		"tiêu đề ở dòng 4–5",
		"C  Họ tên - địa chỉ             → Họ tên, địa chỉ  [TCVN3 (ABC): \"NguyÔn V¨n An, x· §Æng …\" → \"Nguyễn Văn An, xã Đặng …\"]",
		"G  Nơi làm việc                 → Nơi làm việc  [VNI-Windows: \"Coâng ty May Ñöùc Giang\" → \"Công ty May Đức Giang\"]",
		"K  Loại đơn KN, PA              → Loại đơn: KN, PA",
		"O  Cơ quan thụ lý/số văn bản c… → Chuyển đơn",
	} {
		if !strings.Contains(hdr, want) {
			t.Errorf("header lacks %q:\n%s", want, hdr)
		}
	}
	// The rows, line by line.
	var got []string
	for i := range p.Rows {
		got = append(got, p.Rows[i].Describe(model.VI))
	}
	if strings.Join(got, "\n") != strings.Join(wantRows, "\n") {
		t.Errorf("dry run:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantRows, "\n"))
	}
	if want := "10 dòng: 7 sẽ nhập (6 người mới, 1 người đến lại), 3 lỗi, 0 đã nhập trước, 0 lặp lại; 7 lượt tiếp, 4 đơn, 3 vụ việc; bỏ 2 dòng trống, 1 dòng tổng"; p.Summary(model.VI) != want {
		t.Errorf("summary %q", p.Summary(model.VI))
	}
	// A dry run writes nothing.
	if n := len(s.Visits(model.Date{}, model.Date{})); n != 0 {
		t.Fatalf("dry run wrote %d visits", n)
	}

	// Rows in error refuse the import unless skipped.
	if _, err := Apply(s, p, "lan", ApplyOptions{}); err == nil {
		t.Fatal("a plan with errors was applied")
	}
	var seen int
	res, err := Apply(s, p, "lan", ApplyOptions{SkipErrors: true, Progress: func(done, total int) { seen = done }})
	if err != nil {
		t.Fatal(err)
	}
	if res.Rows != 7 || res.Persons != 6 || res.Visits != 7 || res.Petitions != 4 || res.Cases != 3 || seen != 7 {
		t.Errorf("applied %+v, progress %d", res, seen)
	}

	// The figures: visits of March 2019, the backlog review of today.
	if n := len(s.Visits(model.NewDate(2019, 3, 1), model.NewDate(2019, 3, 31))); n != 7 {
		t.Errorf("%d visits in March 2019, want 7", n)
	}
	pets := s.Petitions(model.NewDate(2019, 1, 1), model.NewDate(2019, 12, 31))
	var cases []model.Case
	for _, r := range storetest.Must(s.Cases(store.CaseFilter{All: true}, s.Today())) {
		cases = append(cases, r.Case)
	}
	b := model.ReviewBacklog(cases, pets, s.Calendar(), s.Today())
	if len(pets) != 4 || b.Open != 2 || b.Resolved != 1 || b.BandTotal[len(model.AgeBands)-1] != 2 || b.OverdueTotal != 2 {
		t.Errorf("petitions %d, backlog %+v", len(pets), b)
	}
	// The periodic report of March 2019 counts the register's history.
	period, _ := model.RangePeriod(model.NewDate(2019, 3, 1), model.NewDate(2019, 3, 31))
	rd := model.NewReportData(storetest.Must(s.ReportInput(model.Date{}, model.Date{})))
	for _, want := range []struct {
		form model.FormID
		key  string
		n    int64
	}{
		{model.Form01TCD, "luot", 7}, {model.Form01TCD, "nguoi", 12}, {model.Form01TCD, "vv", 7},
		{model.Form02TCD, "don", 4}, {model.Form01XLD, "tong", 4}, {model.Form01XLD, "trong_ky_nhieu", 1},
	} {
		f := rd.Compute(want.form, period, "")
		got := int64(-1)
		for i, r := range f.Form.Rows {
			if r.Key == want.key {
				got = f.Cells[i].Value
			}
		}
		if got != want.n {
			t.Errorf("report %s %s = %d, want %d", want.form, want.key, got, want.n)
		}
	}

	// The visitor's history carries the original dates, under one person.
	hits := s.SearchPersons("nguyen van an", 5)
	if len(hits) == 0 {
		t.Fatal("Nguyễn Văn An not found")
	}
	card := storetest.Must(s.PersonCards([]string{hits[0].ID}))[0]
	if card.Name != "Nguyễn Văn An" || card.Employer != "Công ty May Đức Giang" || card.VisitCount != 2 || card.IDNumber != "001090012345" {
		t.Errorf("card %+v", card)
	}
	if d := model.DateOf(card.Visits[0].At); d != model.NewDate(2019, 3, 14) {
		t.Errorf("last visit on %s", d)
	}
	tl, _ := s.Timeline(card.Petitions[0].Visit)
	if len(tl) != 1 || model.DateOf(tl[0].At) != model.NewDate(2019, 3, 5) {
		t.Errorf("timeline of the first visit %+v", tl)
	}

	// The same file again adds nothing.
	again := prepare(t, s, "testdata/register.xlsx", Options{})
	if c := again.Counts(); c.New != 0 || c.Imported != 7 || c.Errors != 3 {
		t.Errorf("second dry run %+v", c)
	}
	before := len(storetest.Events(t, s))
	if res, err := Apply(s, again, "lan", ApplyOptions{SkipErrors: true}); err != nil || res.Rows != 0 {
		t.Fatalf("second import %+v %v", res, err)
	}
	if len(storetest.Events(t, s)) != before {
		t.Error("the second import wrote events")
	}

	// The duplicate worker under a near spelling is suggested.
	found := false
	for _, d := range s.Duplicates() {
		a, _ := s.Person(d.A)
		b, _ := s.Person(d.B)
		if d.Why == model.DupSimilarAt && strings.HasPrefix(a.Name, "Nguyễn Văn An") && strings.HasPrefix(b.Name, "Nguyễn Văn An") {
			found = true
		}
	}
	if !found {
		t.Errorf("duplicates %+v", s.Duplicates())
	}
}

func TestMapAndKinds(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	dir := t.TempDir()
	// A petitions register in CSV, UTF-16 with its mark, no diacritics in
	// the headers, a name in VNI, dates in words.
	csv := "Ngay nhan don;Nguoi gui;Dia chi;Loai;Noi dung;Ket qua\r\n" +
		"ngày 5 tháng 3 năm 2019;Nguyeãn Thò Lan;Ñaëng Xaù;KN;Nợ lương;Đã giải quyết\r\n" +
		"06/03/2019;Traàn Vaên Huøng;Yeân Vieân;XYZ;Đòi BHXH;\r\n"
	u16 := []byte{0xFF, 0xFE}
	for _, r := range csv {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	path := filepath.Join(dir, "so-don.csv")
	os.WriteFile(path, u16, 0o600)
	p := prepare(t, s, path, Options{Kind: KindPetitions})
	var got []string
	for i := range p.Rows {
		got = append(got, p.Rows[i].Describe(model.EN))
	}
	want := []string{
		"Row 2: new person Nguyễn Thị Lan; petition Complaint received 05/03/2019, Accept; case Concluded (Answered, 05/03/2019)",
		`Row 3: ERROR: unknown kind "XYZ" (KN, TC, KN/PA)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s", strings.Join(got, "\n"))
	}
	// --map moves a column; an unknown column or field is refused.
	m, err := ParseMap("Noi dung=note,D=content")
	if err != nil {
		t.Fatal(err)
	}
	p = prepare(t, s, path, Options{Kind: KindPetitions, Map: m})
	if p.Columns[3].Field != model.RFContent || p.Columns[4].Field != model.RFNote {
		t.Errorf("map not applied: %+v", p.Columns)
	}
	if _, err := ParseMap("Ho ten=nobody"); err == nil {
		t.Error("unknown field accepted")
	}
	tb, _ := Read(path, "")
	if _, err := Prepare(s, tb, Options{Map: map[string]string{"Z": "name"}}); err == nil {
		t.Error("unknown column accepted")
	}
}

func TestReadRefusals(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.xlsx")
	os.WriteFile(bad, []byte("not a zip"), 0o600)
	for _, p := range []string{bad, filepath.Join(dir, "x.doc"), filepath.Join(dir, "missing.csv")} {
		_, err := Read(p, "")
		var m *model.Msg
		if !errors.Is(err, ErrRead) || !errors.As(err, &m) {
			t.Errorf("Read(%s) = %v", p, err)
		}
	}
	if _, err := Read("testdata/register.xlsx", "Không có"); err == nil || !strings.Contains(store.Message(err, model.VI), "So tiep 2019") {
		t.Errorf("unknown sheet: %v", err)
	}
}

func TestReadXLS(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := prepare(t, s, "testdata/register.xls", Options{})
	var got []string
	for i := range p.Rows {
		got = append(got, p.Rows[i].Describe(model.VI))
	}
	want := "Dòng 2: người mới Nguyễn Văn An; lượt tiếp 20/11/2018, Trả lời trực tiếp\nDòng 3: người mới Lê Thị Hoa; lượt tiếp 21/11/2018, Trả lời trực tiếp"
	if strings.Join(got, "\n") != want || p.Sheet != "Sổ tiếp" {
		t.Errorf("sheet %q:\n%s", p.Sheet, strings.Join(got, "\n"))
	}
}

func TestCSVEncodings(t *testing.T) {
	dir := t.TempDir()
	tcvn := []byte("Ngay tiep,Ho ten,Noi dung\n05/03/2019,Nguy\xd4n V\xa8n An,N\xee l\xad\xacng\n")
	for name, b := range map[string][]byte{
		"bom.csv":   append([]byte{0xEF, 0xBB, 0xBF}, "Ngày tiếp;Họ tên;Nội dung\n05/03/2019;Nguyễn Văn An;Nợ lương\n"...),
		"tcvn3.csv": tcvn,
		"plain.csv": []byte("Ngày tiếp\tHọ tên\tNội dung\n05/03/2019\tNguyễn Văn An\tNợ lương\n"),
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, b, 0o600)
		s, _ := storetest.New(t, "GL07")
		p := prepare(t, s, path, Options{})
		if len(p.Rows) != 1 || p.Rows[0].Person.Name != "Nguyễn Văn An" || p.Rows[0].Content != "Nợ lương" {
			t.Errorf("%s: %+v", name, p.Rows)
		}
	}
}

func TestSecondSheet(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	tb, err := Read("testdata/register.xlsx", "so don 2020")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(s, tb, Options{Kind: KindPetitions})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i := range p.Rows {
		got = append(got, p.Rows[i].Describe(model.VI))
	}
	want := "Dòng 2: người mới Nguyễn Văn An; đơn Khiếu nại nhận 03/02/2020, Đề xuất thụ lý; vụ việc Đã giải quyết (Đúng một phần, 03/02/2020)\n" +
		"Dòng 3: người mới Trần Thị Bình; đơn Kiến nghị nhận 10/02/2020, Lưu đơn"
	if strings.Join(got, "\n") != want || len(tb.Sheets) != 2 {
		t.Errorf("sheets %v:\n%s", tb.Sheets, strings.Join(got, "\n"))
	}
}

func TestNoHeaderOrNoRows(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	dir := t.TempDir()
	for name, text := range map[string]string{
		"empty.csv":    "",
		"noise.csv":    "a,b,c\n1,2,3\n",
		"headonly.csv": "Ngày tiếp,Họ tên,Nội dung\n",
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(text), 0o600)
		tb, err := Read(path, "")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		p, err := Prepare(s, tb, Options{})
		switch name {
		case "headonly.csv":
			if err != nil || len(p.Rows) != 0 {
				t.Errorf("%s: %v %+v", name, err, p)
			}
			if res, err := Apply(s, p, "lan", ApplyOptions{}); err != nil || res.Rows != 0 {
				t.Errorf("%s: apply %+v %v", name, res, err)
			}
		default:
			if err == nil || !strings.Contains(store.Message(err, model.VI), "Không tìm thấy dòng tiêu đề") {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

// A row matched to a person brings what the record lacked.
func TestMatchedRowCompletesPerson(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	old, err := s.RecordPerson("lan", model.Person{Name: "Nguyễn Thị Lan", BirthYear: 1990})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "so.csv")
	os.WriteFile(path, []byte("Ngày tiếp,Họ tên,Năm sinh,Điện thoại,Nơi làm việc,Nội dung\n"+
		"05/03/2019,Nguyễn Thị Lan,1990,0912 345 678,Công ty May,Nợ lương\n"+
		"06/03/2019,Lan,,0912345678,,Hỏi lại về lương\n"), 0o600)
	p := prepare(t, s, path, Options{})
	got := p.Rows[0].Describe(model.VI) + "\n" + p.Rows[1].Describe(model.VI)
	want := "Dòng 2: người đã có Nguyễn Thị Lan [" + old.ID + "] (cùng họ tên và năm sinh), bổ sung điện thoại, nơi làm việc; lượt tiếp 05/03/2019, Trả lời trực tiếp\n" +
		"Dòng 3: người đã có Nguyễn Thị Lan [" + old.ID + "] (cùng số điện thoại); lượt tiếp 06/03/2019, Trả lời trực tiếp"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	res, err := Apply(s, p, "lan", ApplyOptions{})
	if err != nil || res.Completed != 1 || res.Persons != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if x, _ := s.Person(old.ID); x.Phone != "0912345678" || x.Employer != "Công ty May" || x.BirthYear != 1990 {
		t.Errorf("person %+v", x)
	}
	for _, p := range s.Check() { // projections and indexes as the events say
		t.Error(p.EN)
	}
}

func TestTotalRows(t *testing.T) {
	for row, want := range map[string]bool{
		"Tổng cộng,,10 lượt": true, ",Cộng:,25": true, "TỔNG SỐ,12": true, "Tổng,3": true,
		"1,05/03/2019,Công Văn Hải": false, ",Cồng Văn A,Nợ lương": false, "2,Công ty May,x": false,
	} {
		if got := isTotal(strings.Split(row, ",")); got != want {
			t.Errorf("isTotal(%q) = %v", row, got)
		}
	}
}

// The older register (TT 06/2014) keeps the ID number in the name and
// address cell.
func TestIDInNameCell(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	path := filepath.Join(t.TempDir(), "so-cu.csv")
	os.WriteFile(path, []byte("STT,Ngày tiếp,\"Họ tên, địa chỉ, số CMND/hộ chiếu của công dân\",Nội dung vụ việc\n"+
		"1,05/03/2015,\"Nguyễn Văn A, xã Đặng Xá, CMND 012345678\",Nợ lương\n"+
		"2,06/03/2015,\"Trần Thị B - Yên Viên - 001185000123\",Hỏi BHXH\n"), 0o600)
	p := prepare(t, s, path, Options{})
	a, b := p.Rows[0].Person, p.Rows[1].Person
	if a.Name != "Nguyễn Văn A" || a.Address != "xã Đặng Xá" || a.IDNumber != "012345678" || a.IDKind != model.IDCMND {
		t.Errorf("row 1: %+v", a)
	}
	if b.Name != "Trần Thị B" || b.Address != "Yên Viên" || b.IDNumber != "001185000123" {
		t.Errorf("row 2: %+v", b)
	}
}

// A row the store refuses at apply time rolls the whole import back.
func TestApplyAllOrNothing(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := prepare(t, s, "testdata/register.xlsx", Options{})
	for i := range p.Rows {
		if p.Rows[i].Line == 16 {
			p.Rows[i].Outcome = "lost" // not an outcome the store knows
		}
	}
	before := storetest.Events(t, s)
	_, err := Apply(s, p, "lan", ApplyOptions{SkipErrors: true})
	if err == nil || !strings.HasPrefix(store.Message(err, model.VI), "Dòng 16: ") || !strings.HasSuffix(store.Message(err, model.VI), "Chưa nhập gì.") {
		t.Fatalf("err %v", err)
	}
	if storetest.Events(t, s) != before || len(s.SearchPersons("nguyen van an", 0)) != 0 {
		t.Error("a refused import left records behind")
	}
}

// The merged ranges read from the sheet's XML are excelize's own.
func TestXLSXMergesAsExcelize(t *testing.T) {
	f, err := excelize.OpenFile("testdata/register.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		ms, err := f.GetMergeCells(sheet)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, m := range ms {
			want = append(want, m.GetStartAxis()+":"+m.GetEndAxis())
		}
		got, ok := xlsxMerges("testdata/register.xlsx", sheet)
		if !ok || strings.Join(got, " ") != strings.Join(want, " ") || len(got) == 0 && sheet == "So tiep 2019" {
			t.Errorf("%s: got %v (%v), want %v", sheet, got, ok, want)
		}
	}
}
