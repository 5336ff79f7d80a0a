package classify

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// newCtx makes a context over a fresh site GL07, signed in as lan (every
// role), with the plain theme and a fixed clock.
func newCtx(t testing.TB, lang model.Lang) (*common.Context, *store.Store, *storetest.Clock) {
	t.Helper()
	s, clk := storetest.New(t, "GL07")
	ctx := tuitest.Context(t, s, clk.Now, "lan", lang)
	return ctx, s, clk
}

// inbox makes three petitions: a complaint received on 10/2 (its
// processing limit passed on 2/3 after Tết), a letter of unknown kind on
// 27/2, and a denunciation today, 2/3/2026.
func inbox(t testing.TB, lang model.Lang) (*tuitest.Screen, *store.Store, []model.Petition) {
	t.Helper()
	ctx, s, clk := newCtx(t, lang)
	clk.SetDate(model.NewDate(2026, 2, 6))
	a := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	clk.SetDate(model.NewDate(2026, 2, 27))
	b := storetest.Visit(t, s, "Lê Thị Hoa", "")
	clk.SetDate(model.NewDate(2026, 3, 2))
	c := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	return tuitest.NewScreen(t, New(ctx)), s, []model.Petition{a, b, c}
}

func m_(d *tuitest.Screen) *Model { return d.S.(*Model) }

// tabTo moves the cursor of the form to input f.
func tabTo(t testing.TB, d *tuitest.Screen, f fid) {
	t.Helper()
	k := "tab"
	if f < m_(d).form.at {
		k = "shift+tab"
	}
	for i := 0; m_(d).form.at != f; i++ {
		if i > 20 {
			t.Fatalf("input %d never reached:\n%s", f, d.View())
		}
		d.Press(k)
	}
}

func TestInboxOldestFirstAgainstDeadline(t *testing.T) {
	d, _, _ := inbox(t, model.VI)
	d.Expect("Đơn chờ phân loại · 3 đơn")
	lines := strings.Split(d.View(), "\n")
	if !strings.Contains(lines[2], "GL07-2026-0001") || !strings.Contains(lines[3], "GL07-2026-0002") || !strings.Contains(lines[4], "GL07-2026-0003") {
		t.Fatalf("not oldest first:\n%s", d.View())
	}
	// 24 days since receipt; the limit of 10 working days passed (Tết
	// counted out): an overdue sign, not colour alone.
	if !strings.Contains(lines[2], "24 ngày") || !strings.Contains(lines[2], "⚠ quá hạn") {
		t.Errorf("overdue row: %q", lines[2])
	}
	// 7 working days (Luật Tố cáo Điều 24.1) end in 9 days: the list says
	// days, like every list; the pane below says the rule's own unit.
	if !strings.Contains(lines[4], "hôm nay") || !strings.Contains(lines[4], "còn 9 ngày") {
		t.Errorf("today's denunciation: %q", lines[4])
	}
	// The pane below describes the petition under the cursor.
	d.Expect("Tóm tắt: Công ty nợ lương ba tháng", "Người gửi: Nguyễn Văn An · Công ty May Gia Lâm")
	d.Press("down", "down").Expect("Luật Tố cáo 2018 Điều 24.1", "còn 7 ngày làm việc")
}

func TestAcceptLabourComplaint(t *testing.T) {
	d, s, ps := inbox(t, model.VI)
	d.Press("enter")
	d.Expect("Phân loại đơn GL07-2026-0001", "●[K]Khiếu nại")
	if m_(d).form.at != fField {
		t.Fatalf("a petition with a kind opens on the subject area, not %v", m_(d).form.at)
	}
	d.Press("L")
	// The regime follows kind and field, and says why.
	d.Expect("●[1]Khiếu nại lao động (NĐ 24/2018)", "Tự chọn: Khiếu nại của người lao động với người sử dụng lao")
	tabTo(t, d, fDecision)
	d.Press("1").Expect("Văn bản cần lập: Phiếu đề xuất thụ lý đơn (TT 05/2021/TT-TTCP")
	d.Press("ctrl+s")
	st, isErr := d.Status()
	if isErr || !strings.HasPrefix(st, "Đã mở vụ việc GL07-2026-0001 · hạn thụ lý ") {
		t.Fatalf("status %q\n%s", st, d.View())
	}
	d.Expect("✓ Đã mở vụ việc GL07-2026-0001 · hạn thụ lý", "Enter: mở vụ việc trong Theo dõi", "Còn 2 đơn chờ phân loại.")
	p, _ := s.Petition(ps[0].ID)
	if p.Decision != model.DecisionAccept || p.Regime != model.RegimeLabour || p.Field != model.FieldWages || p.Round != 1 || p.Case == "" {
		t.Fatalf("petition: %+v", p)
	}
	cs, _ := s.Case(p.Case)
	dl := model.ComputeDeadline(cs.Clock(), s.Calendar(), model.NewDate(2026, 3, 2))
	if !strings.Contains(st, dl.Due.String()) {
		t.Errorf("status %q does not give the due date %s", st, dl.Due)
	}
	d.Press("enter")
	var opened string
	for _, msg := range d.Out {
		if o, ok := msg.(common.OpenCaseMsg); ok {
			opened = o.ID
		}
	}
	if opened != p.Case {
		t.Fatalf("Enter opened %q, want case %s", opened, p.Case)
	}
}

func TestAnonymousIsNotAccepted(t *testing.T) {
	d, s, ps := inbox(t, model.VI)
	d.Press("down", "enter")
	tabTo(t, d, fKind)
	d.Press("D").Expect("Tự chọn: Thông tin có nội dung tố cáo không rõ người tố cáo")
	tabTo(t, d, fField)
	d.Press("L")
	tabTo(t, d, fDecision)
	d.Expect("⚠ Thông tin tố cáo không rõ người tố cáo không thụ lý như tố", "Gợi ý: Lưu đơn")
	d.Press("1", "ctrl+s")
	d.Expect("✗ Đơn nhiều nội dung phải tách; thông tin nặc danh không thụ lý")
	if p, _ := s.Petition(ps[1].ID); p.Classified {
		t.Fatal("an anonymous letter was accepted")
	}
	d.Press("5", "tab").Expect("người tố cáo: không thụ lý như tố cáo ]")
	d.Press("ctrl+s")
	if p, _ := s.Petition(ps[1].ID); p.Decision != model.DecisionFile || p.Kind != model.KindAnonymous {
		t.Fatalf("petition: %+v", p)
	}
	d.Expect("Văn bản cần lập: không lập văn bản")
}

func TestMixedIsGuidedToSplit(t *testing.T) {
	d, s, ps := inbox(t, model.VI)
	d.Press("down", "enter")
	tabTo(t, d, fKind)
	d.Press("H")
	tabTo(t, d, fField)
	d.Press("K")
	tabTo(t, d, fDecision)
	d.Expect("Đơn có nhiều nội dung: hướng dẫn người gửi tách từng nội dung", "Gợi ý: Hướng dẫn")
	d.Press("2").Expect("Văn bản hướng dẫn tách nội dung đơn")
	d.Press("tab").Expect("[Đơn có nhiều nội dung: hướng dẫn người gửi tách đơn")
	d.Press("ctrl+s")
	p, _ := s.Petition(ps[1].ID)
	if p.Decision != model.DecisionGuide || p.Kind != model.KindMixed || !p.Competent || p.Reason == "" {
		t.Fatalf("petition: %+v", p)
	}
}

// A second letter of the same sender on a matter already guided once is
// not processable and is filed (TT 05/2021/TT-TTCP).
func TestDuplicateAlreadyGuided(t *testing.T) {
	ctx, s, clk := newCtx(t, model.VI)
	clk.SetDate(model.NewDate(2026, 2, 2))
	first := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	if _, err := s.Classify("lan", first.ID, model.Classification{Kind: model.KindComplaint, Regime: model.RegimeAdmin, Field: model.FieldLand, Conditions: true, Decision: model.DecisionGuide, Reason: "Không thuộc thẩm quyền"}); err != nil {
		t.Fatal(err)
	}
	clk.SetDate(model.NewDate(2026, 3, 2))
	second, err := s.RegisterPetition("lan", model.Petition{Senders: first.Senders, Summary: "Công ty nợ lương ba tháng, đề nghị giải quyết", Kind: model.KindComplaint, Source: model.SourcePost})
	if err != nil {
		t.Fatal(err)
	}
	d := tuitest.NewScreen(t, New(ctx))
	d.Press("enter")
	tabTo(t, d, fDup)
	d.Expect("[1]GL07-2026-0001 · 02/02/2026 · cùng người gửi · Hướng dẫn")
	d.Press("1")
	d.Expect("⚠ Đơn trùng nội dung đã được hướng dẫn một lần: không đủ điều", "Điều kiện       [ ]")
	tabTo(t, d, fField)
	d.Press("D")
	tabTo(t, d, fDecision)
	d.Expect("Gợi ý: Lưu đơn")
	d.Press("5", "tab").Expect("[Đơn trùng nội dung đã được hướng dẫn một lần")
	d.Press("ctrl+s")
	p, _ := s.Petition(second.ID)
	if p.DuplicateOf != first.ID || p.Decision != model.DecisionFile || p.Conditions {
		t.Fatalf("petition: %+v", p)
	}
}

func TestSimilarContentFromAnotherSender(t *testing.T) {
	d, _, _ := inbox(t, model.VI)
	d.Press("enter")
	tabTo(t, d, fDup)
	// Lê Thị Hoa wrote about the same matter (same words).
	d.Expect("[1]GL07-2026-0002 · 27/02/2026 · giống 100% · chưa phân loại")
}

func TestForwardNeedsTheBody(t *testing.T) {
	d, s, ps := inbox(t, model.VI)
	d.Press("enter", "I") // a key that is no option changes nothing
	d.Press("L")
	tabTo(t, d, fDecision)
	d.Press("3").Expect("Thẩm quyền [ ]", "đã đánh dấu không thuộc thẩm quyền", "Phiếu chuyển đơn khiếu nại, kiến nghị, phản")
	d.Press("tab").Expect("›Chuyển đến")
	d.Press("ctrl+s")
	if st, isErr := d.Status(); !isErr || st != "Chưa ghi: còn 1 ô cần sửa (đánh dấu ✗)." {
		t.Fatalf("status %q", st)
	}
	d.Expect("✗ Ghi cơ quan nhận đơn chuyển")
	if !d.S.Capturing() {
		t.Error("the cursor should be in the body's field")
	}
	d.Type("Sở Nội vụ Hà Nội").Press("ctrl+s")
	p, _ := s.Petition(ps[0].ID)
	if p.Decision != model.DecisionForward || p.ForwardTo != "Sở Nội vụ Hà Nội" || p.Competent {
		t.Fatalf("petition: %+v", p)
	}
	d.Expect("Đã phân loại đơn GL07-2026-0001: Chuyển đơn", "Enter hoặc Esc: về danh sách đơn")
	d.Press("enter").Expect("Đơn chờ phân loại · 2 đơn")
}

func TestEscKeepsTheDraft(t *testing.T) {
	d, _, _ := inbox(t, model.VI)
	d.Press("enter", "S")
	if !d.S.Dirty() {
		t.Error("a choice made is unsaved input")
	}
	d.Press("esc").Expect("Đơn chờ phân loại")
	d.Press("enter").Expect("●[S]Sa thải, chấm dứt HĐLĐ")
}

func TestOpenPetitionMsg(t *testing.T) {
	d, _, ps := inbox(t, model.VI)
	d.Send(common.OpenPetitionMsg{ID: ps[2].ID})
	d.Expect("Phân loại đơn GL07-2026-0003", "●[T]Tố cáo", "●[3]Khiếu nại, tố cáo hành chính")
}

func TestLetterWithoutTemplate(t *testing.T) {
	d, _, _ := inbox(t, model.VI)
	d.Press("enter", "L")
	tabTo(t, d, fDecision)
	d.Press("1", "f9")
	if st, _ := d.Status(); st != "Chưa ghi phân loại: văn bản in sau khi ghi." {
		t.Fatalf("F9 before saving: %q", st)
	}
	d.Press("ctrl+s", "f9")
	if st, isErr := d.Status(); !isErr || st != "In văn bản: chưa có mẫu «Phiếu đề xuất thụ lý đơn (TT 05/2021/TT-TTCP Mẫu 01)»" {
		t.Fatalf("F9 after saving: %q", st)
	}
}

type fakeLetters struct{ got Letter }

func (f *fakeLetters) PrintLetter(l Letter, p model.Petition, cs *model.Case) (string, error) {
	f.got = l
	return "tệp " + p.No + ".pdf", nil
}

func TestLetterPrinter(t *testing.T) {
	ctx, _, clk := newCtx(t, model.VI)
	clk.SetDate(model.NewDate(2026, 3, 2))
	storetest.Visit(t, ctx.Store, "Phạm Văn Tố", model.KindDenunciation)
	fl := &fakeLetters{}
	d := tuitest.NewScreen(t, NewWith(ctx, Options{Letters: fl}))
	d.Press("enter", "L")
	tabTo(t, d, fDecision)
	d.Press("3")
	tabTo(t, d, fForwardTo)
	d.Type("Thanh tra Sở Nội vụ").Press("ctrl+s", "f9")
	if st, _ := d.Status(); fl.got != LetterForwardTC || st != "Đã in văn bản: tệp GL07-2026-0001.pdf" {
		t.Fatalf("letter %q, status %q", fl.got, st)
	}
}

// A denouncer's name is not shown to someone who is neither a handler nor
// a leader (Luật Tố cáo Điều 47; docs/law.md, Confidentiality).
func TestDenouncerMaskedForReceptionist(t *testing.T) {
	ctx, s, _ := newCtx(t, model.VI)
	storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	ctx.User = model.User{Login: "letan", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}}
	d := tuitest.NewScreen(t, New(ctx))
	d.Expect("(bảo mật người tố cáo)").ExpectNot("Phạm Văn Tố")
	d.Press("enter").Expect("Người gửi: (bảo mật người tố cáo)").ExpectNot("Phạm Văn Tố")
}

func TestChangedReloads(t *testing.T) {
	d, s, _ := inbox(t, model.VI)
	storetest.Visit(t, s, "Đỗ Thị Mai", model.KindReport)
	d.Send(common.ChangedMsg{Entity: "x"}).Expect("4 đơn", "Đỗ Thị Mai")
}

func TestWidthsFit(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		d, _, _ := inbox(t, lang)
		check := func(what string) {
			for _, size := range [][2]int{{80, 21}, {120, 37}} {
				d.Resize(size[0], size[1])
				lines := strings.Split(d.S.View(), "\n")
				if len(lines) > size[1] {
					t.Errorf("%v %s %v: %d lines", lang, what, size, len(lines))
				}
				for i, l := range lines {
					if w := lipgloss.Width(l); w > size[0] {
						t.Errorf("%v %s %v: line %d is %d wide: %q", lang, what, size, i, w, l)
					}
				}
			}
			d.Resize(80, 21)
		}
		check("list")
		d.Press("enter")
		check("form")
		d.Press("L")
		tabTo(t, d, fDecision)
		d.Press("1", "ctrl+s")
		check("done")
	}
}

// A letter nobody signed is not processable (TT 05/2021/TT-TTCP); the
// screen does not decide for the person that it is anonymous
// denunciation information.
func TestUnsignedLetter(t *testing.T) {
	ctx, s, _ := newCtx(t, model.VI)
	p, err := s.RegisterPetition("lan", model.Petition{Summary: "Thư không ký tên: không được trả tiền làm thêm giờ", Source: model.SourcePost})
	if err != nil {
		t.Fatal(err)
	}
	if !p.Anonymous {
		t.Fatal("a letter without a sender should be anonymous")
	}
	d := tuitest.NewScreen(t, New(ctx))
	d.Expect("(không rõ người gửi)")
	d.Press("enter").Expect(" [K]Khiếu nại", "Điều kiện       [ ]")
	if m_(d).form.kind.Selected >= 0 {
		t.Error("no kind should be preselected")
	}
	tabTo(t, d, fDecision)
	d.Expect("⚠ Đơn không ký tên hoặc điểm chỉ: không đủ điều kiện xử lý", "Gợi ý: Lưu đơn")
}

// TestRevealInTheInbox: a denunciation waiting to be classified has no
// case, so only the unit's leaders may see its sender, and only after b
// (the reveal page of the case view: a reason, then the store's reveal,
// an audit event). A receptionist, a handler and an administrator are
// told the policy's sentence and no page opens; the leader's inbox then
// names the sender, on the row and in the pane under it.
func TestRevealInTheInbox(t *testing.T) {
	_, s, clk := newCtx(t, model.VI)
	storetest.Staff(t, s)
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	for _, tc := range []struct {
		login    string
		entitled bool
	}{{"thu", false}, {"hung", false}, {"qt", false}, {"lanh", true}} {
		t.Run(tc.login, func(t *testing.T) {
			if _, err := s.SignIn(tc.login, storetest.Password); err != nil {
				t.Fatal(err)
			}
			d := tuitest.NewScreen(t, New(tuitest.Context(t, s, clk.Now, tc.login, model.VI)))
			d.Expect("(bảo mật người tố cáo)").ExpectNot("Phạm Văn Tố")
			d.Press("b")
			page := tuitest.PageOf(d.Out)
			if !tc.entitled {
				st, bad := d.Status()
				if page != nil || !bad || !strings.Contains(st, model.RevealRefusal(false).In(model.VI)) {
					t.Fatalf("b for %s: page %v, status %q", tc.login, page != nil, st)
				}
				d.ExpectNot("Phạm Văn Tố", "b: xem danh tính")
				return
			}
			d.Expect("Người gửi: (bảo mật người tố cáo) · b: xem danh tính (ghi nhật ký)")
			if page == nil || !strings.Contains(page.View(80, 21), "Xem danh tính người gửi · "+p.No) {
				t.Fatalf("b opened no reveal page: %+v", d.Out)
			}
			tuitest.TypeOn(page, "Xác minh trước khi phân loại")
			var out []tea.Msg
			var closed bool
			d.S, out, closed = tuitest.AnswerPage(d.S, page, tuitest.Key("enter"))
			if !closed {
				t.Fatalf("the page stayed open: %+v\n%s", out, page.View(80, 21))
			}
			d.Expect("Phạm Văn Tố", "Người gửi: Phạm Văn Tố").ExpectNot("(bảo mật người tố cáo)")
		})
	}
	var n int
	s.AuditLog(store.AuditFilter{Type: string(model.EvIdentityRevealed)}, func(l store.AuditLine) error {
		if l.Author == "lanh" && l.Record() == p.ID {
			n++
		}
		return nil
	})
	if n != 1 {
		t.Errorf("%d reveals of %s in the audit", n, p.ID)
	}
}
