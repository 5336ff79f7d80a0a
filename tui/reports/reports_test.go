package reports_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/paper"
	"donthu/store/storetest"
	"donthu/tui/common"
	"donthu/tui/reports"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/xuri/excelize/v2"
)

// site is GL07 in March 2026: a complaint accepted and concluded with
// money restored, a denunciation (its sender confidential), a group visit
// received by a delegate, a visit with no petition; and a receptionist.
func site(t *testing.T) (*store.Store, *storetest.Clock) {
	t.Helper()
	s, clk := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "letan", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}, Active: true}, storetest.Password); err != nil {
		t.Fatal(err)
	}
	kn := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	c := storetest.Accept(t, s, kn.ID, model.KindComplaint, model.RegimeLabour)
	storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{On: clk.Today(), Handler: "lan"})
	den := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	storetest.Accept(t, s, den.ID, model.KindDenunciation, model.RegimeUnion)
	clk.SetDate(model.Date{Y: 2026, M: 3, D: 5})
	if _, _, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Đoàn công nhân hỏi về tiền thưởng", Outcome: model.OutcomeGuided, Group: true, HeadCount: 14, Reception: model.ReceptionAdhoc, Delegated: true, Employer: "Công ty May"},
		NewPersons: []model.Person{{Name: "Trần Thị Hà"}},
	}); err != nil {
		t.Fatal(err)
	}
	clk.SetDate(model.Date{Y: 2026, M: 3, D: 20})
	storetest.Act(t, s, c.ID, model.EvCaseConcluded, model.CaseAction{On: clk.Today(), Result: model.ResultRight, Recovered: 12_500_000, Restored: 3, Replied: true})
	return s, clk
}

func screen(t *testing.T, s *store.Store, clk *storetest.Clock, login string, lang model.Lang) *tuitest.Screen {
	ctx := tuitest.Context(t, s, clk.Now, login, lang)
	return tuitest.NewScreen(t, reports.New(ctx))
}

func TestGolden(t *testing.T) {
	s, clk := site(t)
	for _, lang := range []model.Lang{model.VI, model.EN} {
		d := screen(t, s, clk, "lan", lang)
		tuitest.Golden(t, "table."+lang.Code(), d.View())
		d.Press("4")
		tuitest.Golden(t, "kqgq."+lang.Code(), d.View())
		d.Press("1", "enter")
		tuitest.Golden(t, "drill."+lang.Code(), d.View())
		d.Press("esc", "g")
		tuitest.Golden(t, "chart."+lang.Code(), d.View())
	}
}

// TestEveryCellDrillsDown walks every indicator of every form, in the
// three columns: the records listed are as many as the figure (for a
// count), and the screen says so.
func TestEveryCellDrillsDown(t *testing.T) {
	s, clk := site(t)
	d := screen(t, s, clk, "lan", model.VI)
	in := storetest.Must(s.ReportInput(model.Date{}, model.Date{}))
	data := model.NewReportData(in)
	q1, _ := model.ParsePeriod("2026-Q1", false)
	walked := 0
	for fi, f := range model.FormIDs {
		d.Press(strconv.Itoa(fi + 1))
		form := model.FormByID(f)
		for col, p := range []model.Period{q1, q1.Previous(), q1.LastYear()} {
			fig := data.Compute(f, p, "")
			for i, r := range form.Rows {
				d.Press("home")
				for j := 0; j < i; j++ {
					d.Press("down")
				}
				d.Press("enter")
				n := len(fig.Cells[i].Refs)
				if !r.Sum && int64(n) != fig.Cells[i].Value {
					t.Fatalf("%s %s: %d records for %d", f, r.Key, n, fig.Cells[i].Value)
				}
				d.Expect(fmt.Sprintf("%d bản ghi", n))
				d.Press("esc")
				walked++
			}
			d.Press("tab")
			_ = col
		}
	}
	if walked < 200 {
		t.Fatalf("walked %d cells", walked)
	}
}

func TestDrillDownMasksAndOpens(t *testing.T) {
	s, clk := site(t)
	// A receptionist sees the visits but not the denouncer.
	d := screen(t, s, clk, "letan", model.VI)
	d.Press("enter").Expect("3 bản ghi", "Nguyễn Văn An", "Trần Thị Hà", "(bảo mật)").ExpectNot("Phạm Văn Tố")
	// The leader, entitled, sees "(bảo mật)" too until they reveal the
	// sender on purpose (b in the case view: an event with a reason);
	// then the same list names them.
	d = screen(t, s, clk, "lan", model.VI)
	d.Press("enter").Expect("3 bản ghi", "(bảo mật)").ExpectNot("Phạm Văn Tố")
	var den model.Case
	s.EachCase(store.CaseFilter{All: true}, func(c model.Case) {
		if c.Confidential {
			den = c
		}
	})
	if err := s.RevealIdentity("lan", den.ID, "Xác minh nội dung tố cáo"); err != nil {
		t.Fatal(err)
	}
	d.Press("down", "up").Expect("Phạm Văn Tố").ExpectNot("(bảo mật)")
	// The first visit's case opens in follow-up.
	d.Press("home", "enter")
	var open *common.OpenCaseMsg
	for _, m := range d.Out {
		if o, ok := m.(common.OpenCaseMsg); ok {
			open = &o
		}
	}
	if open == nil || !strings.HasPrefix(open.ID, "case:GL07.") {
		t.Fatalf("no case opened: %v", d.Out)
	}
	// A visit with no case says so.
	d.Press("end", "enter")
	if st, _ := d.Status(); st != "Bản ghi này chưa có vụ việc" {
		t.Errorf("status %q", st)
	}
}

func TestPeriodKeys(t *testing.T) {
	s, clk := site(t)
	d := screen(t, s, clk, "lan", model.VI)
	d.Expect("Quý I/2026", "Q1/2026", "Q4/2025", "Q1/2025")
	d.Press("t").Expect("Tháng 03/2026", "T02/2026")
	d.Press("left").Expect("Tháng 02/2026")
	d.Press("right", "o").Expect("T03/2026 (kỳ TT 01/2024) 15/02/2026–14/03/2026")
	d.Press("s").Expect("6T/2026 (kỳ TT 01/2024) 15/12/2025–14/06/2026")
	d.Press("o", "n").Expect("Năm 2026")
	d.Press("c").Expect("9 tháng năm 2026")
	// A shorter kind takes the part that ends with the longer period.
	d.Press("q").Expect("Quý III/2026")
	d.Press("left", "left", "4").Expect("Báo cáo 01/KQGQ · Quý I/2026", "Tiền, lợi ích trả lại (đồng)", "12.500.000")
}

func TestExport(t *testing.T) {
	s, clk := site(t)
	dir := t.TempDir()
	d := screen(t, s, clk, "lan", model.VI)
	// A folder that is not there is refused; the one typed is remembered.
	d.Press("d", "ctrl+u").Type(filepath.Join(dir, "none")).Press("enter")
	if st, bad := d.Status(); !bad || !strings.Contains(st, "Không có thư mục") {
		t.Fatalf("status %q", st)
	}
	d.Press("ctrl+u").Type(dir).Press("enter")
	if got := s.GetPref("lan", "reports.dir"); got != dir {
		t.Fatalf("folder remembered %q", got)
	}
	d.Press("e", "r")
	for _, name := range []string{"bao-cao-GL07-Q1-2026.xlsx", "so-sach-GL07-Q1-2026.xlsx"} {
		f, err := excelize.OpenFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sheets := f.GetSheetList()
		f.Close()
		if len(sheets) < 3 {
			t.Errorf("%s: sheets %v", name, sheets)
		}
	}
	// Again: a file already there is never written over.
	d.Press("e")
	if _, err := os.Stat(filepath.Join(dir, "bao-cao-GL07-Q1-2026-2.xlsx")); err != nil {
		t.Errorf("second export: %v", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 3 {
		t.Errorf("folder holds %v", left)
	}
	if st, _ := d.Status(); !strings.Contains(st, "Đã ghi") {
		t.Errorf("status %q", st)
	}
	// Each file written is in the audit, with who wrote it and where.
	n := 0
	s.AuditLog(store.AuditFilter{Type: string(model.EvExported)}, func(l store.AuditLine) error {
		var note model.AuditNote
		if l.Decode(&note) == nil && l.Author == "lan" && strings.HasPrefix(note.File, dir) && note.Via == "tui" {
			n++
		}
		return nil
	})
	if n != 3 {
		t.Errorf("%d exports in the audit, want 3", n)
	}
}

// staffedSite is site with one user of each role (storetest.Staff) and
// its confidential case handed to hung; it returns that case.
func staffedSite(t *testing.T) (*store.Store, *storetest.Clock, model.Case) {
	t.Helper()
	s, clk := site(t)
	var den model.Case
	s.EachCase(store.CaseFilter{All: true}, func(c model.Case) {
		if c.Confidential {
			den = c
		}
	})
	storetest.Staff(t, s)
	storetest.Act(t, s, den.ID, model.EvCaseAssigned, model.CaseAction{Handler: "hung"})
	return s, clk, den
}

// TestDrillDownByRole: the list behind a figure, as each role sees it,
// before and after a reveal: the denouncer is named only to the case's
// handler and the leader, and to them only once they revealed the case
// (a reveal by anyone else is refused).
func TestDrillDownByRole(t *testing.T) {
	s, clk, den := staffedSite(t)
	for _, tc := range []struct {
		login    string
		entitled bool
	}{{"letan", false}, {"hung", true}, {"mai", false}, {"lanh", true}, {"qt", false}} {
		t.Run(tc.login, func(t *testing.T) {
			if _, err := s.SignIn(tc.login, storetest.Password); err != nil {
				t.Fatal(err)
			}
			d := screen(t, s, clk, tc.login, model.VI)
			d.Press("enter").Expect("3 bản ghi", "Nguyễn Văn An", "(bảo mật)").ExpectNot("Phạm Văn Tố")
			err := s.RevealIdentity(tc.login, den.ID, "Xác minh nội dung tố cáo")
			if (err == nil) != tc.entitled {
				t.Fatalf("reveal by %s: %v", tc.login, err)
			}
			d.Press("down", "up")
			if tc.entitled {
				d.Expect("Phạm Văn Tố").ExpectNot("(bảo mật)")
			} else {
				d.Expect("(bảo mật)").ExpectNot("Phạm Văn Tố")
			}
		})
	}
}

func TestRangeKey(t *testing.T) {
	s, clk := site(t)
	d := screen(t, s, clk, "lan", model.VI)
	d.Press("k").Type("05/03/2026 31/03/2026").Press("enter")
	d.Expect("05/03/2026 – 31/03/2026", "05/03/26→", "06/02/26→", "05/03/25→")
	// Only the group visit of 5 March is in.
	d.Expect("Lượt tiếp                                               1")
	d.Press("k", "ctrl+u").Type("31/03/2026 05/03/2026").Press("enter")
	if st, bad := d.Status(); !bad || !strings.Contains(st, "Khoảng thời gian không hợp lệ") {
		t.Fatalf("status %q", st)
	}
	d.Press("esc").Expect("05/03/2026 – 31/03/2026")
}

// TestOfficeUnits: an office's file holds its children's records (here
// two units, imported as their bundles would bring them); u picks each
// unit in turn, then all again, and the figures follow.
func TestOfficeUnits(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewSite(t, storetest.Site{Code: "HN01", Clock: clk})
	for _, code := range []string{"GL07", "GL08"} {
		child := storetest.NewSite(t, storetest.Site{Code: code, Parent: "HN01", Clock: clk})
		storetest.Visit(t, child, "Nguyễn Văn An", model.KindComplaint)
		if code == "GL08" {
			storetest.Visit(t, child, "Lê Thị Bình", model.KindRecommendation)
		}
		storetest.Exchange(t, child, office)
	}
	storetest.Visit(t, office, "Trần Thị Bích", model.KindComplaint)
	d := screen(t, office, clk, "lan", model.VI)
	row := func(n int) string {
		return fmt.Sprintf("›Lượt tiếp%s%d", strings.Repeat(" ", 48-len(strconv.Itoa(n))), n)
	}
	d.Expect("Toàn bộ đơn vị", row(4))
	d.Press("u").Expect("Công đoàn HN01", row(1))
	d.Press("u").Expect("Công đoàn GL07", row(1))
	d.Press("u").Expect("Công đoàn GL08", row(2))
	d.Press("u").Expect("Toàn bộ đơn vị", row(4))
}

// v checks the code of a printed paper while the interface holds the
// file: a genuine code says so, with the unit; an altered one is refused.
func TestVerifyAPrintedPaper(t *testing.T) {
	s, clk := site(t)
	pet := storetest.Visit(t, s, "Đỗ Văn Giấy", model.KindComplaint)
	v, err := s.Visit(pet.Visit)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Print("lan", store.PrintRequest{Form: paper.FormReceipt, Record: v.No})
	if err != nil {
		t.Fatal(err)
	}
	d := screen(t, s, clk, "lan", model.VI)
	d.Press("v").Type(p.Code).Press("enter").Expect("GIẤY THẬT", "Đơn vị in: Công đoàn GL07 (GL07)")
	bad := []rune(p.Code)
	last := len(bad) - 1
	if bad[last] == 'A' {
		bad[last] = 'B'
	} else {
		bad[last] = 'A'
	}
	d.Press("ctrl+u").Type(string(bad)).Press("enter").ExpectNot("GIẤY THẬT")
	d.Press("esc").ExpectNot("Mã kiểm tra giấy in")
}

// TestSteppingOutReadsAgain: the screen reads the records of the days its
// period needs; a period stepped to outside them is read again before
// its figures are shown, and they count the older records.
func TestSteppingOutReadsAgain(t *testing.T) {
	s, clk := site(t)
	now := clk.Now()
	clk.SetDate(model.Date{Y: 2023, M: 2, D: 9})
	storetest.Visit(t, s, "Đỗ Văn Cũ", model.KindComplaint)
	storetest.Visit(t, s, "Đỗ Văn Cũ", model.KindComplaint)
	clk.Set(now)
	d := screen(t, s, clk, "lan", model.VI)
	d.Press("n") // the year 2026
	d.Expect("Năm 2026").ExpectNot("Năm 2023")
	d.Press("left", "left", "left") // 2023: before the days read
	d.Expect("Năm 2023")
	// Lượt tiếp of 2023 lists the two old visits.
	d.Press("home", "enter").Expect("2 bản ghi", "Đỗ Văn Cũ")
	// What was read for 2023 ends with 2023 (not today: a step back to a
	// year long past would hold every record since), so the way back to
	// 2026 reads again, and lists 2026's visits.
	d.Press("esc", "right", "right", "right").Expect("Năm 2026")
	d.Press("home", "enter").Expect("Nguyễn Văn An", "Trần Thị Hà").ExpectNot("Đỗ Văn Cũ")
}

// TestUrgeFromTheList: the forwarded petitions of 02/TCD are listed; f on
// one records the urge of the body it went to (a receptionist is told
// she may not), and the đôn đốc row then counts it.
func TestUrgeFromTheList(t *testing.T) {
	s, clk := site(t)
	p := storetest.Visit(t, s, "Trần Văn Dũng", model.KindRecommendation)
	if _, err := s.Classify("lan", p.ID, model.Classification{Kind: model.KindRecommendation, Regime: model.RegimeCitizens,
		Field: model.FieldInsurance, Conditions: true, Decision: model.DecisionForward, ForwardTo: "Bảo hiểm xã hội huyện"}); err != nil {
		t.Fatal(err)
	}
	row := func(key string) int {
		for i, r := range model.FormByID(model.Form02TCD).Rows {
			if r.Key == key {
				return i
			}
		}
		t.Fatalf("no row %s", key)
		return 0
	}
	drill := func(d *tuitest.Screen, key string) {
		d.Press("2", "home")
		for i := 0; i < row(key); i++ {
			d.Press("down")
		}
		d.Press("enter")
	}
	d := screen(t, s, clk, "letan", model.VI)
	drill(d, "ktq_chuyen")
	d.Expect("1 bản ghi", "Trần Văn Dũng").Press("f")
	if why, bad := d.Status(); !bad || !strings.Contains(why, "Đôn đốc") {
		t.Errorf("a receptionist urged: %q", why)
	}
	d = screen(t, s, clk, "lan", model.VI)
	drill(d, "ktq_dondoc")
	d.Expect("0 bản ghi").Press("esc")
	drill(d, "ktq_chuyen")
	d.Press("f").Expect("Đôn đốc Bảo hiểm xã hội huyện về", "Cách: văn bản")
	d.Press("tab").Expect("Cách: điện thoại")
	d.Type("Hỏi kết quả giải quyết").Press("enter")
	got, _ := s.Petition(p.ID)
	if len(got.Urges) != 1 || got.Urges[0] != (model.Urge{On: clk.Today(), To: "Bảo hiểm xã hội huyện", How: model.UrgePhone}) {
		t.Fatalf("urges %+v", got.Urges)
	}
	d.Expect("1 bản ghi", "Trần Văn Dũng").Press("esc")
	drill(d, "ktq_dondoc")
	d.Expect("1 bản ghi", "Trần Văn Dũng")
	// A guided petition cannot be urged: the model says why.
	d.Press("esc")
	drill(d, "don")
	d.Press("home", "f")
	if why, bad := d.Status(); !bad || !strings.Contains(why, "Chỉ đôn đốc") {
		t.Errorf("urging a petition not forwarded: %q", why)
	}
}

// TestRevealFromTheList: b on a confidential record of a figure's list
// opens the reveal page of the case view (a reason, then the store's
// reveal); the list then names that sender. The denunciation accepted as
// a case is the handler's and the leader's to reveal; the one not yet
// classified (no case) only the unit's leader's. Everyone else is told
// the policy's sentence, and no page opens.
func TestRevealFromTheList(t *testing.T) {
	s, clk, den := staffedSite(t)
	fresh := storetest.Visit(t, s, "Đỗ Văn Mật", model.KindDenunciation) // 20 March, not classified
	// Lượt tiếp lists An, Tố (2 March), Hà (5 March), Mật (20 March).
	reveal := func(d *tuitest.Screen, row int) (common.Page, string, bool) {
		t.Helper()
		d.Out = nil
		d.Press("home")
		for i := 0; i < row; i++ {
			d.Press("down")
		}
		d.Press("b")
		st, bad := d.Status()
		return tuitest.PageOf(d.Out), st, bad
	}
	for _, tc := range []struct {
		login         string
		onCase, onPet bool
	}{{"letan", false, false}, {"mai", false, false}, {"qt", false, false}, {"hung", true, false}, {"lanh", true, true}} {
		t.Run(tc.login, func(t *testing.T) {
			if _, err := s.SignIn(tc.login, storetest.Password); err != nil {
				t.Fatal(err)
			}
			d := screen(t, s, clk, tc.login, model.VI)
			d.Press("enter").Expect("4 bản ghi", "Nguyễn Văn An", "Trần Thị Hà").ExpectNot("Phạm Văn Tố", "Đỗ Văn Mật")
			for _, r := range []struct {
				row      int
				entitled bool
				name     string
				refusal  *model.Msg
			}{{1, tc.onCase, "Phạm Văn Tố", model.RevealRefusal(true)}, {3, tc.onPet, "Đỗ Văn Mật", model.RevealRefusal(false)}} {
				page, st, bad := reveal(d, r.row)
				if !r.entitled {
					if page != nil || !bad || !strings.Contains(st, r.refusal.In(model.VI)) {
						t.Fatalf("b on row %d: page %v, status %q", r.row, page != nil, st)
					}
					d.ExpectNot(r.name)
					continue
				}
				if page == nil || !strings.Contains(page.View(80, 21), "Luật Tố cáo") {
					t.Fatalf("b on row %d opened no reveal page: %q", r.row, st)
				}
				// Enter with no reason records nothing.
				var closed bool
				d.S, _, closed = tuitest.AnswerPage(d.S, page, tuitest.Key("enter"))
				if closed || !strings.Contains(page.View(80, 21), "Cần ghi lý do") {
					t.Fatalf("a reveal without a reason:\n%s", page.View(80, 21))
				}
				tuitest.TypeOn(page, "Xác minh nội dung tố cáo")
				var out []tea.Msg
				d.S, out, closed = tuitest.AnswerPage(d.S, page, tuitest.Key("enter"))
				d.Out = append(d.Out, out...)
				if !closed {
					t.Fatalf("the page stayed open:\n%s", page.View(80, 21))
				}
				if st, _ := d.Status(); !strings.Contains(st, "Đã ghi vào nhật ký việc xem danh tính người gửi") {
					t.Errorf("status %q", st)
				}
				d.Expect("4 bản ghi", r.name)
				// Revealed already: b says so.
				if page, st, _ := reveal(d, r.row); page != nil || !strings.Contains(st, "đang hiện") {
					t.Errorf("b again: page %v, status %q", page != nil, st)
				}
			}
		})
	}
	// The leader's reveal of the petition with no case is in the audit,
	// naming the petition; the petition itself gained no event.
	var got []string
	s.AuditLog(store.AuditFilter{Type: string(model.EvIdentityRevealed)}, func(l store.AuditLine) error {
		got = append(got, l.Author+" "+l.Record())
		return nil
	})
	want := []string{"hung " + den.ID, "lanh " + den.ID, "lanh " + fresh.ID}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("audit %q, want %q", got, want)
	}
	if evs, _ := s.Timeline(fresh.ID); len(evs) != 1 {
		t.Errorf("the petition has %d events", len(evs))
	}
}

// b on a record whose sender is not protected says so; on a protected
// visitor's later visit with no petition there is nothing to reveal
// either: b says to look at their petition or case. No page opens.
func TestRevealNothingOnTheLine(t *testing.T) {
	s, clk := site(t)
	var den model.Case
	s.EachCase(store.CaseFilter{All: true}, func(c model.Case) {
		if c.Confidential {
			den = c
		}
	})
	if _, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Content: "Hỏi tiến độ", Outcome: model.OutcomeGuided, Persons: den.Senders}}); err != nil {
		t.Fatal(err)
	}
	d := screen(t, s, clk, "lan", model.VI)
	d.Press("enter").Expect("4 bản ghi")
	for _, tc := range []struct {
		row  int
		want string
	}{{2, "không được bảo mật"}, {3, "không có đơn hay vụ việc bảo mật"}} {
		d.Out = nil
		d.Press("home")
		for i := 0; i < tc.row; i++ {
			d.Press("down")
		}
		d.Press("b")
		if st, bad := d.Status(); !bad || !strings.Contains(st, tc.want) {
			t.Errorf("b on row %d: %q", tc.row, st)
		}
		if tuitest.PageOf(d.Out) != nil {
			t.Errorf("b on row %d opened a reveal page", tc.row)
		}
	}
}
