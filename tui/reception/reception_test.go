package reception

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"
	"donthu/tui/textfield"
	"donthu/tui/tuitest"
)

// newCtx makes a context over a fresh site GL07, signed in as lan (every
// role), with the plain theme and the clock fixed at 09:00 on 2/3/2026.
func newCtx(t testing.TB, lang model.Lang) (*common.Context, *store.Store, *storetest.Clock) {
	t.Helper()
	s, clk := storetest.New(t, "GL07")
	ctx := tuitest.Context(t, s, clk.Now, "lan", lang)
	return ctx, s, clk
}

func screen(t testing.TB, lang model.Lang) (*tuitest.Screen, *store.Store) {
	t.Helper()
	ctx, s, _ := newCtx(t, lang)
	return tuitest.NewScreen(t, New(ctx)), s
}

func model_(d *tuitest.Screen) *Model { return d.S.(*Model) }

// seed records three people: An came once with a complaint, Ánh and Bình
// never came.
func seed(t testing.TB, s *store.Store) {
	t.Helper()
	storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	if _, err := s.RecordPerson("lan", model.Person{Name: "Nguyễn Thị Ánh", IDKind: model.IDCCCD, IDNumber: "001190012345", BirthYear: 1990, Sex: model.SexFemale, Employer: "Công ty Điện tử Hà Nội"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordPerson("lan", model.Person{Name: "Trần Văn Bình", Phone: "0912345678", Employer: "Công ty May Gia Lâm"}); err != nil {
		t.Fatal(err)
	}
}

// tabTo presses Tab (or Shift+Tab, for an input above) until the cursor
// is on input f.
func tabTo(t testing.TB, d *tuitest.Screen, f fid) {
	t.Helper()
	k := "tab"
	if f < model_(d).at.f {
		k = "shift+tab"
	}
	for i := 0; model_(d).at.f != f; i++ {
		if i > 40 {
			t.Fatalf("input %d never reached:\n%s", f, d.View())
		}
		d.Press(k)
	}
}

func TestSearchAsYouTypeWithoutDiacritics(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("nguyen")
	d.Expect("Nguyễn Văn An", "Nguyễn Thị Ánh", "1990", "001190012345", "1 lượt", "+ Người mới: Nguyen")
	d.ExpectNot("Trần Văn Bình")
	// The person under the cursor shows their last visit.
	d.Expect("Lần gần nhất 02/03/2026: Công ty nợ lương ba tháng")
	d.Type(" anh")
	d.Expect("Nguyễn Thị Ánh").ExpectNot("Nguyễn Văn An")
}

func TestSearchByNumber(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("001190").Expect("Nguyễn Thị Ánh").ExpectNot("Trần Văn Bình")
	d.Press("ctrl+u").Type("091 234").Expect("Trần Văn Bình").ExpectNot("Nguyễn Thị Ánh")
}

func TestStaleSearchResultIsDropped(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("tran")
	m := model_(d)
	// An answer to an older search arrives late: it must not replace the newer list.
	old := search(s, m.pick.seq-1, "nguyen", 50, &m.ctx.User)
	d.Send(old)
	d.Expect("Trần Văn Bình").ExpectNot("Nguyễn Văn An")
}

// Enter pressed before the answer to what was typed arrives (a quick
// typist, a busy machine) picks from what is on the field: the key is
// never dropped, and what is typed next goes to the content.
func TestEnterBeforeTheSearchAnswers(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	for _, k := range tuitest.Runes("binh") {
		d.S, _ = d.S.Update(k) // the searches' answers have not come yet
	}
	d.Press("enter")
	d.Expect("Trần Văn Bình · 0912345678")
	if model_(d).at.f != fContent {
		t.Fatalf("after Enter the cursor is on %v, not the content", model_(d).at)
	}
}

func TestPickAPersonAndSave(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("binh").Press("enter")
	d.Expect("Trần Văn Bình · 0912345678 · Công ty May Gia Lâm", "lần đầu đến")
	if model_(d).at.f != fContent {
		t.Fatalf("after picking, the cursor should be on the content, not %v", model_(d).at)
	}
	if !model_(d).Capturing() {
		t.Error("Capturing should be true in the content field")
	}
	// The common visit: Enter (pick), the content, Tab, 4 (answered on
	// the spot), Ctrl+S: four keys besides the text.
	d.Type("Hỏi về chế độ thai sản").Press("tab", "4")
	d.Press("ctrl+s")
	if st, isErr := d.Status(); st != "Đã lưu lượt tiếp GL07-2026-T0002" || isErr {
		t.Fatalf("status %q (error %v)\n%s", st, isErr, d.View())
	}
	if d.S.Dirty() {
		t.Error("the form should be clear after saving")
	}
	d.ExpectNot("Trần Văn Bình", "thai sản").Expect("✓ Đã lưu lượt tiếp GL07-2026-T0002")
	d.Type("x").ExpectNot("✓ Đã lưu") // gone once the next visitor is typed
	vs := s.Visits(model.Date{}, model.Date{})
	v := vs[len(vs)-1]
	if v.Outcome != model.OutcomeAnswered || v.Content != "Hỏi về chế độ thai sản" || len(v.Persons) != 1 || v.Receiver != "lan" || v.Employer != "Công ty May Gia Lâm" {
		t.Fatalf("visit saved: %+v", v)
	}
	if !changed(d) {
		t.Error("no ChangedMsg after saving")
	}
}

func changed(d *tuitest.Screen) bool {
	for _, m := range d.Out {
		if _, ok := m.(common.ChangedMsg); ok {
			return true
		}
	}
	return false
}

// fillNewPerson enters Lê Thị Hoa from the search field.
func fillNewPerson(d *tuitest.Screen) {
	d.Type("le thi hoa").Press("ctrl+n")
	d.Press("ctrl+u").Type("Lê Thị Hoa").Press("tab").Type("1992").Press("tab").Type("001192001234")
	d.Press("tab", "tab").Type("0912 345 679").Press("tab", "tab", "space", "tab").Type("Xã Đặng Xá, Gia Lâm")
	d.Press("tab").Type("Công ty May Gia Lâm").Press("tab")
}

func TestNewPersonWithPetition(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	fillNewPerson(d)
	// The kind of document and the sex come from the CCCD number.
	d.Expect("●[C]Căn cước", "●[2]Nữ", "giới tính nữ: lấy từ số căn cước")
	tabTo(t, d, fContent)
	d.Type("Công ty nợ lương hai tháng").Press("tab", "2", "tab", "tab").Type("Đơn, bảng lương").Press("tab").Type("3")
	d.Expect("[x] vào sổ đơn") // receiving a petition registers it
	tabTo(t, d, fKind)
	d.Press("K", "tab").Type("28/02/2026")
	d.Press("f10")
	st, isErr := d.Status()
	if isErr || st != "Đã lưu lượt tiếp GL07-2026-T0002 · đơn GL07-2026-0002 đã chuyển sang Phân loại đơn" {
		t.Fatalf("status %q\n%s", st, d.View())
	}
	inbox := storetest.Must(s.Inbox())
	if len(inbox) != 2 {
		t.Fatalf("inbox: %d petitions", len(inbox))
	}
	p := inbox[0]
	if p.SenderName != "Lê Thị Hoa" {
		p = inbox[1]
	}
	if p.Kind != model.KindComplaint || p.SenderName != "Lê Thị Hoa" || p.LetterDate != model.NewDate(2026, 2, 28) || p.Source != model.SourceDesk || p.Summary != "Công ty nợ lương hai tháng" {
		t.Fatalf("petition: %+v", p)
	}
	pers, _ := s.Person(p.Senders[0])
	if pers.IDKind != model.IDCCCD || pers.BirthYear != 1992 || pers.Sex != model.SexFemale || pers.Phone != "0912345679" || !pers.Member || pers.Address != "Xã Đặng Xá, Gia Lâm" {
		t.Fatalf("person: %+v", pers)
	}
	v, _ := s.Visit(p.Visit)
	if len(v.Documents) != 1 || v.Documents[0] != (model.Document{Name: "Đơn, bảng lương", Count: 3}) {
		t.Fatalf("documents: %+v", v.Documents)
	}
}

func TestErrorsBesideTheirFieldsNothingLost(t *testing.T) {
	d, s := screen(t, model.VI)
	before := len(storetest.AllEvents(t, s))
	d.Type("tran van c").Press("ctrl+n")
	d.Press("tab").Type("85").Press("tab").Type("0010850123").Press("tab")
	tabTo(t, d, fPetition)
	d.Press("space", "tab", "tab").Type("31/02/2026")
	d.Press("ctrl+s")
	st, isErr := d.Status()
	if !isErr || !strings.Contains(st, "Chưa lưu: còn 4 ô cần sửa") {
		t.Fatalf("status %q\n%s", st, d.View())
	}
	// The cursor is on the first input to fix; each message is beside its input.
	if model_(d).at.f != fBirth {
		t.Errorf("cursor on %v, want the birth year", model_(d).at)
	}
	d.Expect("✗ Năm sinh cần ghi đủ 4 chữ số (ví dụ 1985 hoặc 2085)")
	tabTo(t, d, fIDNum)
	d.Expect("✗ Số căn cước phải có đúng 12 chữ số (đang có 10)")
	tabTo(t, d, fContent)
	d.Expect("✗ Cần ghi nội dung")
	tabTo(t, d, fLetterDate)
	d.Expect("✗ Ngày 31/02/2026 không tồn tại", "[31/02/2026")
	// Everything typed is still there, and nothing was written.
	tabTo(t, d, fName)
	d.Expect("Tran Van C", "[85", "0010850123")
	if n := len(storetest.AllEvents(t, s)); n != before {
		t.Fatalf("%d events written by a refused save", n-before)
	}
	// Fixing one input clears its message.
	tabTo(t, d, fBirth)
	d.Press("ctrl+u").Type("1985").Press("tab")
	d.ExpectNot("Năm sinh cần ghi")
}

func TestSaveEmptyForm(t *testing.T) {
	d, _ := screen(t, model.VI)
	d.Press("ctrl+s")
	if st, _ := d.Status(); st != "Chưa lưu: còn 3 ô cần sửa (đánh dấu ✗)." {
		t.Fatalf("status %q", st)
	}
	d.Expect("✗ Chưa chọn hoặc nhập người đến", "✗ Cần ghi nội dung", "✗ Chọn kết quả tiếp")
}

func TestStoreRefusalGoesToItsField(t *testing.T) {
	d, s := screen(t, model.VI)
	m := model_(d)
	_, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Content: "x", Outcome: model.OutcomeGuided}, NewPersons: []model.Person{{Name: "An 2"}}})
	msg, ok := err.(*model.Msg)
	if !ok || msg.Field != "name" {
		t.Fatalf("store refusal: %v", err)
	}
	d.Type("an").Press("ctrl+n")
	if at, ok := m.fieldOf(msg.Field); !ok || at != (focus{fName, 0}) {
		t.Fatalf("field %q maps to %v %v", msg.Field, at, ok)
	}
	for _, f := range []string{"cccd", "cmnd", "passport", "idcert", "id_number"} {
		if at, _ := m.fieldOf(f); at.f != fIDNum {
			t.Errorf("%s maps to %v", f, at)
		}
	}
	for f, want := range map[string]fid{"content": fContent, "summary": fContent, "outcome": fOutcome, "visitor": fSearch, "phone": fPhone, "birth_year": fBirth} {
		if at, _ := m.fieldOf(f); at.f != want {
			t.Errorf("%s maps to %v, want %v", f, at, want)
		}
	}
}

func TestEscBacksOutOneLevel(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("nguyen").Expect("Nguyễn Văn An")
	d.Press("esc").ExpectNot("Nguyễn Văn An").Expect("[nguyen") // the list closes, the text stays
	d.Press("down").Expect("Nguyễn Văn An")                     // ↓ opens it again
	d.Press("esc", "esc").ExpectNot("nguyen")                   // the second Esc clears the search
	d.Type("hoa").Press("ctrl+n", "tab", "tab")
	if !model_(d).at.personal() {
		t.Fatal("not in the new person's inputs")
	}
	d.Press("esc")
	if model_(d).at.f != fSearch {
		t.Fatalf("Esc in a new person goes back to the search, not %v", model_(d).at)
	}
	d.Expect("[Hoa") // the new person is kept
	tabTo(t, d, fPetition)
	d.Press("space", "tab")
	d.Press("esc")
	if model_(d).at.f != fPetition {
		t.Fatalf("Esc in the petition goes back to its switch, not %v", model_(d).at)
	}
}

func TestRemovePerson(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Press("ctrl+d")
	if st, isErr := d.Status(); !isErr || st != "Hãy đưa con trỏ tới người cần bỏ trước." {
		t.Fatalf("Ctrl+D with no person: %q", st)
	}
	d.Type("binh").Press("enter").Expect("Trần Văn Bình")
	d.Press("shift+tab", "shift+tab")
	if model_(d).at.f != fPerson {
		t.Fatalf("cursor on %v", model_(d).at)
	}
	d.Press("ctrl+d").ExpectNot("Trần Văn Bình")
	if model_(d).at.f != fSearch {
		t.Errorf("after removing, the cursor goes back to the search, not %v", model_(d).at)
	}
}

func TestDirtyAndCapturing(t *testing.T) {
	d, _ := screen(t, model.VI)
	if d.S.Dirty() {
		t.Error("a new form is not dirty")
	}
	if !d.S.Capturing() {
		t.Error("the search field has the keyboard")
	}
	d.Type("x")
	if !d.S.Dirty() {
		t.Error("typing makes the form dirty")
	}
	tabTo(t, d, fOutcome)
	if d.S.Capturing() {
		t.Error("a choice does not capture letters")
	}
}

func TestDenunciationIsConfidential(t *testing.T) {
	d, _ := screen(t, model.VI)
	tabTo(t, d, fPetition)
	d.Press("space", "tab", "T")
	d.Expect("Bảo mật người gửi [x]", "tự bật với đơn tố cáo")
	tabTo(t, d, fConfidential)
	d.Press("space")
	d.Expect("Bảo mật người gửi [x]", "luôn được giữ bí mật người tố cáo")
	// Another kind switches it off again, since it was on only for the denunciation.
	tabTo(t, d, fKind)
	d.Press("K").Expect("Bảo mật người gửi [ ]")
}

type fakePrinter struct{ got *model.Visit }

func (f *fakePrinter) PrintReceipt(v model.Visit, p *model.Petition) (string, error) {
	f.got = &v
	return "máy in", nil
}

func TestReceipt(t *testing.T) {
	d, s := screen(t, model.VI)
	d.Press("f9")
	if st, isErr := d.Status(); !isErr || st != "In giấy biên nhận: chưa có mẫu giấy biên nhận" {
		t.Fatalf("F9 without a template: %q", st)
	}
	ctx, _, _ := newCtx(t, model.VI)
	ctx.Store = s
	fp := &fakePrinter{}
	d = tuitest.NewScreen(t, NewWith(ctx, Options{Receipt: fp}))
	d.Press("f9")
	if st, _ := d.Status(); st != "Chưa có lượt tiếp nào vừa lưu để in giấy biên nhận" {
		t.Fatalf("F9 before saving: %q", st)
	}
	d.Type("an").Press("ctrl+n")
	tabTo(t, d, fContent)
	d.Type("Hỏi đường").Press("tab", "1", "ctrl+s", "f9")
	if st, _ := d.Status(); st != "Đã in giấy biên nhận: máy in" || fp.got == nil || fp.got.Content != "Hỏi đường" {
		t.Fatalf("F9 after saving: %q %+v", st, fp.got)
	}
}

type offerPrinter struct{ fakePrinter }

func (o *offerPrinter) Sheets(v model.Visit) []string {
	if strings.Contains(v.Content, "lương") {
		return []string{"«Hướng dẫn: tiền lương»"}
	}
	return nil
}

// A printer that knows guidance sheets has them offered under the saved
// visit, when the content calls for one.
func TestGuidanceSheetOffered(t *testing.T) {
	ctx, _, _ := newCtx(t, model.VI)
	d := tuitest.NewScreen(t, NewWith(ctx, Options{Receipt: &offerPrinter{}}))
	d.Type("an").Press("ctrl+n")
	tabTo(t, d, fContent)
	d.Type("Công ty nợ lương").Press("tab", "1", "ctrl+s")
	d.Expect("Đã lưu lượt tiếp", "F9 in giấy biên nhận kèm tờ «Hướng dẫn: tiền lương»")
	d.Type("bình").Press("ctrl+n")
	tabTo(t, d, fContent)
	d.Type("Hỏi đường").Press("tab", "1", "ctrl+s")
	d.Expect("Đã lưu lượt tiếp").ExpectNot("F9 in giấy biên nhận kèm")
}

func TestGroupVisit(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	tabTo(t, d, fGroup)
	d.Press("space").Expect("Số người", "Người đại diện")
	d.Press("tab").Type("12").Press("tab").Type("Công ty May Gia Lâm")
	// Two representatives: one known, one new.
	d.Press("shift+tab", "shift+tab", "shift+tab").Type("binh").Press("enter")
	d.Type("hoa").Press("ctrl+n")
	d.Expect("Trần Văn Bình", "[Hoa")
	tabTo(t, d, fContent)
	d.Type("Công nhân phản đối tăng ca").Press("tab", "2")
	d.Press("ctrl+s")
	if st, isErr := d.Status(); isErr {
		t.Fatalf("status %q\n%s", st, d.View())
	}
	var v model.Visit
	for _, x := range s.Visits(model.Date{}, model.Date{}) {
		if x.Group {
			v = x
		}
	}
	if !v.Group || v.HeadCount != 12 || len(v.Reps) != 2 || len(v.Persons) != 2 || v.Employer != "Công ty May Gia Lâm" || v.Petition == "" {
		t.Fatalf("group visit: %+v", v)
	}
	p, _ := s.Petition(v.Petition)
	if p.Signatories != 2 {
		t.Errorf("signatories %d", p.Signatories)
	}
}

// A receptionist picks the first person, sees a group behind them and
// switches the group on: the cursor goes back to the search for the other
// representatives (each Enter keeps it there), and Enter on the empty
// search moves on to the head count.
func TestGroupAfterFirstRepresentative(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("binh").Press("enter") // the cursor goes to Nội dung
	if got := d.S.(*Model).at.f; got != fContent {
		t.Fatalf("after picking, at %v", got)
	}
	d.Press("shift+tab") // Đoàn đông người
	if got := d.S.(*Model).at.f; got != fGroup {
		t.Fatalf("Shift+Tab from Nội dung, at %v", got)
	}
	d.Press("space").Expect("Đoàn: gõ tên người đại diện tiếp theo")
	if got := d.S.(*Model).at.f; got != fSearch {
		t.Fatalf("after the group was switched on, at %v", got)
	}
	d.Type("hoa").Press("ctrl+n") // a new person; the cursor goes to their name
	d.Press("shift+tab", "shift+tab").Type("an").Press("enter")
	if m := d.S.(*Model); m.at.f != fSearch || len(m.form.visitors) != 3 {
		t.Fatalf("after a third representative: at %v, %d visitors", m.at.f, len(m.form.visitors))
	}
	d.Press("enter").Type("12")
	if m := d.S.(*Model); m.at.f != fHeadCount || m.form.headCount.Value() != "12" {
		t.Fatalf("Enter on the empty search: at %v, head count %q", m.at.f, m.form.headCount.Value())
	}
}

func TestGroupWarnings(t *testing.T) {
	d, _ := screen(t, model.VI)
	tabTo(t, d, fGroup)
	d.Press("space", "tab").Type("3").Press("tab")
	d.Expect("⚠ Đoàn đông người thường từ 5 người trở lên")
	d.Press("shift+tab", "ctrl+u").Type("1").Press("tab")
	d.Expect("✗ Đoàn đông người cần ghi số người (từ 2 trở lên)")
}

func TestDuplicateNumberWarns(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("anh moi").Press("ctrl+n", "tab", "tab").Type("001190012345").Press("tab")
	d.Expect("⚠ Số này đã có trong dữ liệu: Nguyễn Thị Ánh")
}

func TestTelexTyping(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Send(common.InputModeMsg{Mode: textfield.ModeTelex, Style: textfield.ToneModern})
	d.Type("nguyeenx thij")
	d.Expect("[nguyễn thị", "Nguyễn Thị Ánh")
}

// A denouncer recorded with their denunciation is sealed: a search by
// their name finds nothing (Luật Tố cáo Điều 47; docs/law.md, Confidentiality). A person
// known from earlier who later denounces has their record sealed from
// then on: nothing points to them either.
func TestConfidentialHiddenFromReceptionist(t *testing.T) {
	ctx, s, _ := newCtx(t, model.VI)
	storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	thu := model.User{Site: "GL07", Login: "letan", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}, Active: true}
	if err := s.CreateUser("lan", thu, "thu-1234"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn("letan", "thu-1234"); err != nil { // the desk's session is hers
		t.Fatal(err)
	}
	ctx.User = thu
	d := tuitest.NewScreen(t, New(ctx))
	d.Type("pham van to").ExpectNot("Phạm Văn Tố", "nợ lương")

	known := storetest.Visit(t, s, "Đỗ Văn Cũ", model.KindComplaint)
	if _, err := s.RegisterPetition("lan", model.Petition{Summary: "Tố cáo giám đốc", Senders: known.Senders, Kind: model.KindDenunciation}); err != nil {
		t.Fatal(err)
	}
	d2 := tuitest.NewScreen(t, New(ctx))
	d2.Type("do van cu").ExpectNot("Tố cáo giám đốc", "(bảo mật)")
}

func TestWidthsFit(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		d, s := screen(t, lang)
		seed(t, s)
		fillNewPerson(d)
		for _, size := range [][2]int{{80, 21}, {120, 37}} {
			d.Resize(size[0], size[1])
			lines := strings.Split(d.S.View(), "\n")
			if len(lines) > size[1] {
				t.Errorf("%v %v: %d lines", lang, size, len(lines))
			}
			for i, l := range lines {
				if w := lipglossWidth(l); w > size[0] {
					t.Errorf("%v %v: line %d is %d wide: %q", lang, size, i, w, l)
				}
			}
		}
	}
}
