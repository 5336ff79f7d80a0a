package importscreen

import (
	"reflect"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
)

const registerFile = "../../store/register/testdata/register.xlsx"

func ctxAs(t *testing.T, s *store.Store, clk *storetest.Clock, login string, lang model.Lang) *common.Context {
	return tuitest.Context(t, s, clk.Now, login, lang)
}

// A leader types the file's path, reads the columns (TCVN3 names and VNI
// employers converted), changes how one column is read, reads the dry
// run row by row, and imports after confirming.
func TestImportThroughThePage(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	d := tuitest.NewScreen(t, NewImporter(ctxAs(t, s, clk, "lan", model.VI)))
	d.Expect("Nhập sổ cũ", "Tệp sổ (.xlsx, .xls, .csv):", "Loại sổ: sổ tiếp (lượt tiếp)")
	d.Press("tab").Expect("Loại sổ: sổ theo dõi đơn").Press("tab")
	if !d.S.Capturing() {
		t.Fatal("the path field does not hold the keyboard")
	}
	d.Type(registerFile).Press("enter")
	d.Expect("Tệp register.xlsx, trang \"So tiep 2019\": sổ tiếp (lượt tiếp); tiêu đề ở dòng 4–5",
		"Họ tên - địa chỉ", "Họ tên, địa chỉ", "TCVN3 (ABC): Nguyễn Văn An, x",
		"VNI-Windows: Công ty May Đức",
		"10 dòng: 7 sẽ nhập")
	// On a converted column, a cell before and after.
	d.Press("down", "down").Expect(`C TCVN3 (ABC), trước: "NguyÔn V¨n An, x· §Æng X¸, Gia L©m"`,
		`                 sau: "Nguyễn Văn An, xã Đặng Xá, Gia Lâm"`)
	tuitest.Golden(t, "columns.vi", d.View())

	// The last column (Ghi chú) read as the one before it, marked *; the
	// dry run follows.
	d.Press("end", "left")
	d.Expect("Ghi chú                  *Cơ quan đã giải q")
	// Row by row.
	d.Press("tab").Expect("Dòng 7: người mới Nguyễn Văn An; lượt tiếp 05/03/2019",
		"Dòng 12: LỖI: Ngày 31/02/2019 không tồn tại")
	// The row under the cursor reads in full below the list, wrapped.
	d.Resize(60, 21)
	d.Press("down", "down", "down").Expect("›Dòng 11: người Nguyễn Văn An như ở dòng 7 (cùng số giấy",
		"Dòng 11: người Nguyễn Văn An như ở dòng 7 (cùng số giấy tờ);", "lượt tiếp 14/03/2019, Trả lời trực tiếp")
	tuitest.Golden(t, "rows.vi", d.View())
	d.Resize(80, 21)
	d.Press("home")
	d.Press("l").Expect("Dòng 12: LỖI", "Dòng 13: LỖI", "Dòng 17: LỖI").ExpectNot("Dòng 7:").Press("l").Expect("Dòng 7:")
	d.Press("a").Expect("Nhập 7 dòng vào dữ liệu (mỗi dòng với ngày gốc, cả tệp một lần ghi)?", "3 dòng lỗi sẽ bị bỏ qua.", "C: đồng ý · Esc: thôi")
	if n := len(s.Visits(model.Date{}, model.Date{})); n != 0 {
		t.Fatalf("%d visits before confirming", n)
	}
	d.Press("esc").ExpectNot("Nhập 7 dòng vào dữ liệu")
	d.Press("a", "c")
	d.Expect("✓ Đã nhập 7 dòng: 6 người mới, 7 lượt tiếp, 4 đơn, 3 vụ việc")
	if st, isErr := d.Status(); isErr || !strings.HasPrefix(st, "Đã nhập 7 dòng") {
		t.Fatalf("status %q", st)
	}
	if n := len(s.Visits(model.Date{}, model.Date{})); n != 7 {
		t.Fatalf("%d visits imported", n)
	}
	// The workbook's other sheet, a petitions register: t turns the page.
	d.Press("esc", "tab", "enter", "t").Expect(`trang "So don 2020": sổ theo dõi đơn`, "Ngay nhan don", "Ngày nhận đơn")
	d.Press("t").Expect(`trang "So tiep 2019"`)
	d.Press("esc", "tab")

	// The same file again: nothing new, the import key says so.
	d.Press("enter").Expect("0 sẽ nhập", "3 lỗi, 7 đã nhập trước")
	d.Press("a")
	if st, isErr := d.Status(); !isErr || !strings.Contains(st, "Không có dòng mới") {
		t.Fatalf("status %q", st)
	}
}

func TestImportPageRefusals(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "hoa", Name: "Đỗ Thị Hoa", Roles: []model.Role{model.RoleReceptionist}, Active: true}, "matkhau"); err != nil {
		t.Fatal(err)
	}
	d := tuitest.NewScreen(t, NewImporter(ctxAs(t, s, clk, "hoa", model.EN)))
	d.Type("/nowhere/so.xlsx").Press("enter")
	d.Expect("Cannot open so.xlsx")
	d.Press("ctrl+u").Type(registerFile).Press("enter").Expect("Columns", "Row by row (dry run)")
	tuitest.Golden(t, "columns.en", d.View())
	d.Press("a")
	if st, isErr := d.Status(); !isErr || st != "Only a leader or an administrator may import registers and merge records" {
		t.Fatalf("status %q", st)
	}
}

// A leader merges a pair (choosing which record stays), sees it among
// the merged records, and unmerges it.
func TestDuplicatesPage(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	a, _ := s.RecordPerson("lan", model.Person{Name: "Nguyễn Văn An", BirthYear: 1990, Phone: "0912345678", Employer: "Công ty May"})
	b, _ := s.RecordPerson("lan", model.Person{Name: "Nguyen Van An", BirthYear: 1990, Address: "Yên Viên"})
	d := tuitest.NewScreen(t, NewDuplicates(ctxAs(t, s, clk, "lan", model.VI)))
	d.Expect("Người có thể trùng nhau", "1 cặp có thể trùng", "› Nguyễn Văn An ↔ Nguyen Van An · cùng họ tên và năm sinh",
		// The pair side by side, the values that differ marked.
		"Họ tên       Nguyễn Văn An                   Nguyen Van An                   ≠",
		"Điện thoại   0912345678   ", "Địa chỉ                                      Yên Viên",
		"Lịch sử      0 lượt tiếp, 0 đơn              0 lượt tiếp, 0 đơn")
	tuitest.Golden(t, "dups.vi", d.View())
	d.Press("s").Expect("giữ                             gộp vào", "Họ tên       Nguyen Van An                   Nguyễn Văn An").Press("s")
	d.Press("g").Expect("Gộp hồ sơ Nguyen Van An vào Nguyễn Văn An?", "C: đồng ý · Esc: thôi")
	d.Press("enter") // a habit key does not merge
	if p, _ := s.Person(b.ID); p.MergedInto != "" {
		t.Fatal("Enter merged")
	}
	d.Press("c")
	if p, _ := s.Person(b.ID); p.MergedInto != a.ID {
		t.Fatalf("not merged: %+v", p)
	}
	d.Expect("0 cặp có thể trùng")
	d.Press("tab").Expect("1 hồ sơ đã gộp", "› Nguyen Van An · 1990 · GL07", "    → đã gộp vào Nguyễn Văn An · 1990 · 0912345678 · Công ty May · GL07")
	d.Press("t", "c").Expect("0 hồ sơ đã gộp")
	if p, _ := s.Person(b.ID); p.MergedInto != "" {
		t.Fatalf("not unmerged: %+v", p)
	}
	if st, _ := d.Status(); st != "Đã tách Nguyen Van An" {
		t.Fatalf("status %q", st)
	}
}

func TestWordsComplete(t *testing.T) {
	for _, w := range []Words{wordsVI, wordsEN} {
		v := reflect.ValueOf(w)
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).String() == "" {
				t.Errorf("%s is empty", v.Type().Field(i).Name)
			}
		}
	}
}

// Hosted beside a menu the page is narrower: every column still shows.
func TestImportPageNarrow(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	d := tuitest.NewScreen(t, NewImporter(ctxAs(t, s, clk, "lan", model.VI)))
	d.Resize(58, 20)
	d.Type(registerFile).Press("enter")
	d.Expect("C   Họ tên - địa chỉ   Họ tên, địa chỉ    TCVN3 (ABC)", "L   Số người           Số người")
	if d.S.(*Importer).CanLeave() {
		t.Error("Esc taken from the preview")
	}
	d.Press("esc")
	if !d.S.(*Importer).CanLeave() {
		t.Error("Esc is not free on the first step")
	}
}

// A protected person (the sealed sender of a denunciation) is paired for
// a leader the policy lets find them, and shown sealed: the list never
// shows their name or numbers.
func TestDuplicatesPageSealedPerson(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	plain, _ := s.RecordPerson("lan", model.Person{Name: "Phạm Văn Tố", BirthYear: 1980, Employer: "Công ty May"})
	_, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Tố cáo chủ tịch công đoàn", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Phạm Văn Tố", BirthYear: 1980, Phone: "0987654321", Employer: "Công ty May"}},
		Petition:   &model.Petition{Kind: model.KindDenunciation},
	})
	if err != nil {
		t.Fatal(err)
	}
	d := tuitest.NewScreen(t, NewDuplicates(ctxAs(t, s, clk, "lan", model.VI)))
	// The protected record has the history: it is offered to stay.
	d.Expect("1 cặp có thể trùng", "› (bảo mật) ↔ Phạm Văn Tố · cùng họ tên và năm sinh",
		"Họ tên       (bảo mật)                       Phạm Văn Tố                       ").ExpectNot("0987654321")
	d.Press("g", "c")
	if x, _ := s.Person(plain.ID); x.MergedInto != p.Senders[0] || x.Sealed == "" {
		t.Fatalf("not merged, or left in the clear: %+v", x)
	}
	if st, _ := d.Status(); st != "Đã gộp Phạm Văn Tố vào (bảo mật)" {
		t.Fatalf("status %q", st)
	}
}

// The merged records list a merge at once as the store keeps it: the
// record merged into a protected one is sealed too, and shown so before
// the review is read again.
func TestDuplicatesPageMergeShownAsStored(t *testing.T) {
	for _, keys := range [][]string{{"g", "c"}, {"s", "g", "c"}} { // the protected record stays, then goes
		s, clk := storetest.New(t, "GL07")
		s.RecordPerson("lan", model.Person{Name: "Phạm Văn Tố", BirthYear: 1980, Employer: "Công ty May"})
		if _, _, err := s.RecordVisit("lan", store.VisitInput{
			Visit:      model.Visit{Content: "Tố cáo chủ tịch công đoàn", Outcome: model.OutcomePetition},
			NewPersons: []model.Person{{Name: "Phạm Văn Tố", BirthYear: 1980, Employer: "Công ty May"}},
			Petition:   &model.Petition{Kind: model.KindDenunciation},
		}); err != nil {
			t.Fatal(err)
		}
		var sc common.Screen = NewDuplicates(ctxAs(t, s, clk, "lan", model.VI))
		sc.SetSize(80, 21)
		sc, _ = sc.Update(sc.Init()())
		var cmd tea.Cmd
		for _, k := range keys {
			sc, cmd = sc.Update(tuitest.Key(k))
		}
		sc, _ = sc.Update(cmd()) // the store's answer, not the reading after it
		sc, _ = sc.Update(tuitest.Key("tab"))
		v := sc.View()
		if !strings.Contains(v, "1 hồ sơ đã gộp · đang đọc lại…") || strings.Contains(v, "Phạm Văn Tố") || strings.Count(v, "(bảo mật)") != 2 {
			t.Fatalf("%v: the merged record, before the review is read again:\n%s", keys, v)
		}
	}
}

// k: the two are two people; after c the pair is gone from the review.
func TestDuplicatesPageTwoPeople(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	a, _ := s.RecordPerson("lan", model.Person{Name: "Nguyễn Hồng Oanh", BirthYear: 1990, Phone: "0974479464"})
	s.RecordPerson("lan", model.Person{Name: "Nguyễn Hồng Oanh", BirthYear: 1990, Phone: "0702022346"})
	d := tuitest.NewScreen(t, NewDuplicates(ctxAs(t, s, clk, "lan", model.VI)))
	d.Expect("1 cặp có thể trùng", "Điện thoại   0974479464                      0702022346                      ≠")
	d.Press("k").Expect("Nguyễn Hồng Oanh và Nguyễn Hồng Oanh là hai người khác nhau? Cặp này sẽ không")
	d.Press("enter").Expect("1 cặp có thể trùng") // a habit key decides nothing
	d.Press("c").Expect("0 cặp có thể trùng")
	if p, _ := s.Person(a.ID); len(p.Distinct) != 1 {
		t.Fatalf("not recorded: %+v", p)
	}
	if st, _ := d.Status(); st != "Đã ghi Nguyễn Hồng Oanh và Nguyễn Hồng Oanh là hai người" {
		t.Fatalf("status %q", st)
	}
}

// At an office the page takes seconds to compare 100,000 persons: it
// says it is looking meanwhile, and a pair settled leaves the list at
// once, not when the list has been read again (the reload is not run
// here), so it is not offered a second time.
func TestDuplicatesPageWhileItReads(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	for _, p := range []model.Person{
		{Name: "Nguyễn Văn An", BirthYear: 1990}, {Name: "Nguyen Van An", BirthYear: 1990},
		{Name: "Trần Thị Bình", BirthYear: 1985}, {Name: "Tran Thi Binh", BirthYear: 1985},
	} {
		if _, err := s.RecordPerson("lan", p); err != nil {
			t.Fatal(err)
		}
	}
	var sc common.Screen = NewDuplicates(ctxAs(t, s, clk, "lan", model.VI))
	sc.SetSize(80, 21)
	if v := sc.View(); !strings.Contains(v, "Đang tìm những người có thể trùng nhau…") {
		t.Fatalf("nothing says the page is looking:\n%s", v)
	}
	sc, _ = sc.Update(sc.Init()())
	if v := sc.View(); !strings.Contains(v, "2 cặp có thể trùng") || !strings.Contains(v, "Nguyễn Văn An ↔ Nguyen Van An") {
		t.Fatalf("the pairs:\n%s", v)
	}
	// act runs the store's answer, not what follows it (the reload).
	act := func(keys ...string) {
		t.Helper()
		var cmd tea.Cmd
		for _, k := range keys {
			sc, cmd = sc.Update(tuitest.Key(k))
		}
		sc, _ = sc.Update(cmd())
	}
	// A read of the review begun before the merge answers after it.
	_, early := sc.Update(common.ChangedMsg{})
	before := early()
	act("g", "c")
	v := sc.View()
	if !strings.Contains(v, "1 cặp có thể trùng") || strings.Contains(v, "Nguyễn Văn An ↔") || !strings.Contains(v, "› Trần Thị Bình ↔ Tran Thi Binh") {
		t.Fatalf("the merged pair is still offered:\n%s", v)
	}
	sc, _ = sc.Update(before)
	if v := sc.View(); strings.Contains(v, "Nguyễn Văn An ↔") || !strings.Contains(v, "1 cặp có thể trùng · đang đọc lại…") {
		t.Fatalf("a read begun before the merge brought its pair back, or nothing says the page reads again:\n%s", v)
	}
	// The merged records say the merge at once, before the read.
	sc, _ = sc.Update(tuitest.Key("tab"))
	if v := sc.View(); !strings.Contains(v, "1 hồ sơ đã gộp · đang đọc lại…") || !strings.Contains(v, "→") {
		t.Fatalf("the merge is missing from the merged records:\n%s", v)
	}
	sc, _ = sc.Update(tuitest.Key("tab"))
	// The read the change starts is taken.
	_, again := sc.Update(common.ChangedMsg{})
	sc, _ = sc.Update(again())
	if v := sc.View(); strings.Contains(v, "đang đọc lại") || !strings.Contains(v, "1 cặp có thể trùng") {
		t.Fatalf("the read after the merge:\n%s", v)
	}
	act("k", "c")
	if v := sc.View(); !strings.Contains(v, "0 cặp có thể trùng") {
		t.Fatalf("the pair said to be two people is still offered:\n%s", v)
	}
}
