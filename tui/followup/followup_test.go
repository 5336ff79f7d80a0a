package followup_test

import (
	"donthu/store/storetest"
	"fmt"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/followup"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
)

// deadlineLine returns the line of the case view that gives the deadline.
func deadlineLine(sc common.Screen) string {
	for _, l := range strings.Split(plain(sc.View()), "\n") {
		if strings.Contains(l, "Hạn ") && strings.Contains(l, " — ") {
			return l
		}
	}
	return ""
}

// TestDeadlineFigures checks that the figure on screen is the model's, for
// an extension, a suspension, a conclusion after the deadline, a reopened
// case and a case concluded at two sites at once.
func TestDeadlineFigures(t *testing.T) {
	s, clk, ids := fixture(t)
	sc := screen(t, s, clk, lan, model.VI)
	for _, tt := range []struct {
		name string
		want string
	}{
		// Accepted 3/2: 30 days to 5/3; extended by 30 on 2/3: 4/4 is a
		// Saturday, so Monday 6/4 (BLDS Điều 148.5).
		{extended, "Hạn giải quyết: Thứ Hai 06/04/2026 — còn 35 ngày"},
		// Accepted 6/1: 30 days to 5/2, plus 13 suspended days (20/1 to
		// 1/2) is 18/2, in the Tết break: Monday 23/2.
		{suspended, "⚠ Hạn giải quyết: Thứ Hai 23/02/2026 — quá hạn 7 ngày"},
		// Accepted 3/12/2025: due 2/1/2026; concluded 15/1.
		{late, "⚠ Hạn giải quyết: Thứ Sáu 02/01/2026 — đã xong, trễ hạn 13 ngày"},
		// Accepted 13/1: due 12/2; concluded 10/2 and reopened 24/2: the
		// count runs on from the acceptance.
		{reopened, "⚠ Hạn giải quyết: Thứ Năm 12/02/2026 — quá hạn 18 ngày"},
		// Concluded on 27/2 at GL07 (the office's conclusion did not fit).
		{conflict, "Hạn giải quyết: Thứ Năm 12/03/2026 — đã xong đúng hạn"},
		// Awaiting acceptance: 10 working days from today.
		{fresh, "Hạn thụ lý: Thứ Hai 16/03/2026 — còn 10 ngày làm việc"},
	} {
		sc, _ = send(sc, common.OpenCaseMsg{ID: ids[tt.name]})
		got := deadlineLine(sc)
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
		// The figure is the model's.
		c, _ := s.Case(ids[tt.name])
		d := model.ComputeDeadline(c.Clock(), s.Calendar(), today)
		if !strings.Contains(got, d.Due.String()+" — "+d.Words(model.VI)) {
			t.Errorf("%s: %q is not the model's %s — %s", tt.name, got, d.Due, d.Words(model.VI))
		}
	}
}

func TestExplainDayByDay(t *testing.T) {
	s, clk, ids := fixture(t)
	sc := screen(t, s, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: ids[suspended]})
	sc, _ = send(sc, runes("x")...)
	var all []string
	for i := 0; i < 20; i++ {
		all = append(all, plain(sc.View()))
		sc, _ = send(sc, key(tea.KeyPgDown))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{
		"Cách tính hạn · GL07-2026-0001",
		"Tạm đình chỉ từ 20/01/2026, tiếp tục từ 02/02/2026: 13 ngày từ 20/01/2026 đến 01/02/2026 không được tính.",
		"Thứ Ba 20/01/2026: không tính: tạm đình chỉ",
		"Kết quả: hạn cuối Thứ Hai 23/02/2026",
	} {
		if !strings.Contains(strings.ReplaceAll(text, "\n ", " "), want) {
			t.Errorf("the explanation lacks %q", want)
		}
	}
	sc, _ = send(sc, key(tea.KeyEsc))
	if !strings.Contains(plain(sc.View()), "Diễn biến") {
		t.Error("Esc did not close the explanation")
	}
}

// TestConflictShownSideBySide: GL07 and the office HN01 concluded the same
// case on the same state; both events show, side by side, with their
// sites, and the one that did not fit is marked.
func TestConflictShownSideBySide(t *testing.T) {
	s, clk, ids := fixture(t)
	sc := screen(t, s, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: ids[conflict]})
	view := plain(sc.View())
	for _, want := range []string{
		"⇄ Sửa cùng lúc ở 2 đơn vị",
		"[GL07] 27/02/2026 10:00               │ [HN01] 27/02/2026 14:30",
		"Nguyễn Thị Lan:                       │ Phạm Văn Minh:",
		"Kết luận: Đúng (số 15/QĐ-CĐ ngày      │ Kết luận: Sai (số 31/QĐ-LĐLĐ ngày",
		"│ ✗ Không áp dụng (xung đột): Vụ việc",
		"[Đã giải quyết]",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("lacks %q:\n%s", want, view)
		}
	}
	c, _ := s.Case(ids[conflict])
	if c.Result != model.ResultRight || len(c.Conflicts) != 1 {
		t.Errorf("case %+v", c)
	}
}

// act opens an action with its key and types into its fields: each entry
// of fields is typed into the next field (Tab between them).
func act(sc common.Screen, k string, fields ...string) (common.Screen, []tea.Msg) {
	sc, out := send(sc, runes(k)...)
	for i, f := range fields {
		if i > 0 {
			sc, _ = send(sc, key(tea.KeyTab))
		}
		if f != "" {
			sc, _ = send(sc, runes(f)...)
		}
	}
	sc, more := send(sc, key(tea.KeyCtrlS))
	return sc, append(out, more...)
}

func changed(msgs []tea.Msg, id string) bool {
	for _, m := range msgs {
		if m == (common.ChangedMsg{Entity: id}) {
			return true
		}
	}
	return false
}

// TestActionsMoveTheCase accepts, assigns, extends, concludes and reopens
// a case with its keys; each is one event, and each returns Changed.
func TestActionsMoveTheCase(t *testing.T) {
	s, clk, ids := fixture(t)
	id := ids[fresh]
	sc := screen(t, s, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: id})
	before, _ := s.Timeline(id)

	// Accept: today's date is filled in; the handler list starts on lan.
	sc, msgs := act(sc, "t")
	c, _ := s.Case(id)
	if c.Status != model.StatusOpen || c.Accepted != today || c.Handler != lan || !changed(msgs, id) {
		t.Fatalf("accept: %+v %#v", c, msgs)
	}
	// Assign binh: the list is picked with ↓.
	sc, _ = send(sc, runes("p")...)
	sc, _ = send(sc, key(tea.KeyDown))
	if !strings.Contains(plain(sc.View()), "● Trần Văn Bình") {
		t.Fatalf("handler list:\n%s", plain(sc.View()))
	}
	sc, msgs = send(sc, key(tea.KeyEnter))
	if c, _ = s.Case(id); c.Handler != binh || !changed(msgs, id) {
		t.Fatalf("assign: %+v", c)
	}
	// Extend a complaint: the law allows only the longer limit of a
	// complex case (15 more days).
	sc, _ = send(sc, runes("g")...)
	if v := plain(sc.View()); !strings.Contains(v, "thêm 15 ngày") || !strings.Contains(v, "Hạn mới:") {
		t.Fatalf("extend form:\n%s", v)
	}
	sc, _ = send(sc, runes("Phải xác minh tại nhiều nơi")...)
	sc, msgs = send(sc, key(tea.KeyCtrlS))
	if c, _ = s.Case(id); !c.Complex || !changed(msgs, id) {
		t.Fatalf("extend: %+v %#v", c, msgs)
	}
	// Conclude: the result by its number, a decision number; it asks to
	// confirm, K goes back to the form with everything kept.
	sc, _ = send(sc, runes("k")...)
	sc, _ = send(sc, runes("2")...)
	sc, _ = send(sc, key(tea.KeyTab))
	sc, _ = send(sc, runes("21/QĐ-CĐ")...)
	sc, msgs = send(sc, key(tea.KeyCtrlS))
	page := tuitest.PageOf(msgs)
	if page == nil || !strings.Contains(plain(page.View(80, 21)), "Kết luận vụ việc "+c.No+": Đúng một phần?") {
		t.Fatalf("no confirmation: %#v", msgs)
	}
	// Enter, pressed in habit, does not conclude.
	if sc, _, closed := tuitest.Answer(sc, page, key(tea.KeyEnter)); closed || !sc.Dirty() {
		t.Fatal("Enter answered the confirmation")
	}
	sc, _, _ = tuitest.Answer(sc, page, runes("k")[0].(tea.KeyMsg))
	if v := plain(sc.View()); !strings.Contains(v, "[21/QĐ-CĐ") || !strings.Contains(v, "●2 Đúng một phần") {
		t.Fatalf("the form lost its input:\n%s", v)
	}
	if c, _ = s.Case(id); !c.Open() {
		t.Fatal("concluded without confirmation")
	}
	sc, msgs = send(sc, key(tea.KeyCtrlS))
	sc, msgs, _ = tuitest.Answer(sc, tuitest.PageOf(msgs), runes("c")[0].(tea.KeyMsg))
	if c, _ = s.Case(id); c.Status != model.StatusConcluded || c.Result != model.ResultPartly || c.DecisionNo != "21/QĐ-CĐ" || c.DecisionDate != today || !changed(msgs, id) {
		t.Fatalf("conclude: %+v", c)
	}
	// Reopen (confirmed).
	sc, msgs = act(sc, "m", "Người khiếu nại cung cấp tài liệu mới")
	sc, _, _ = tuitest.Answer(sc, tuitest.PageOf(msgs), runes("c")[0].(tea.KeyMsg))
	if c, _ = s.Case(id); c.Status != model.StatusOpen || c.Reopens != 1 {
		t.Fatalf("reopen: %+v", c)
	}
	// Suspend and resume.
	sc, _ = act(sc, "d", "Chờ giám định")
	if c, _ = s.Case(id); c.Status != model.StatusSuspended {
		t.Fatalf("suspend: %+v", c)
	}
	if !strings.Contains(plain(sc.View()), "d Tiếp tục") {
		t.Errorf("the suspend key does not offer to resume:\n%s", plain(sc.View()))
	}
	sc, _ = act(sc, "d")
	if c, _ = s.Case(id); c.Status != model.StatusOpen {
		t.Fatalf("resume: %+v", c)
	}
	// Urging is for a case sent away: refused while it is here.
	sc, msgs = send(sc, runes("f")...)
	if v := plain(sc.View()); !strings.Contains(v, "Đôn đốc: Chỉ đôn đốc vụ việc đã chuyển cho cơ quan khác") {
		t.Fatalf("urge on an open case:\n%s", v)
	}
	// Request documents, transfer.
	sc, _ = act(sc, "y", "Hợp đồng lao động, bảng lương")
	sc, msgs = act(sc, "c", "Thanh tra Sở Nội vụ", "Không thuộc thẩm quyền")
	sc, _, _ = tuitest.Answer(sc, tuitest.PageOf(msgs), runes("c")[0].(tea.KeyMsg))
	if c, _ = s.Case(id); c.Status != model.StatusTransferred || c.TransferredTo != "Thanh tra Sở Nội vụ" || c.DocsRequested != 1 {
		t.Fatalf("docs, transfer: %+v", c)
	}
	// Urge the body it went to: named already; 2 picks the telephone.
	sc, _ = send(sc, runes("f")...)
	if v := plain(sc.View()); !strings.Contains(v, "[Thanh tra Sở Nội vụ") {
		t.Fatalf("urge form:\n%s", v)
	}
	sc, msgs = act(sc, "", "", "2", "Hỏi tiến độ giải quyết")
	if c, _ = s.Case(id); len(c.Urges) != 1 || c.Urges[0] != (model.Urge{On: today, To: "Thanh tra Sở Nội vụ", How: model.UrgePhone}) || !changed(msgs, id) {
		t.Fatalf("urge: %+v", c.Urges)
	}
	after, _ := s.Timeline(id)
	if got := len(after) - len(before); got != 10 {
		t.Errorf("%d events recorded, want 10 (one per action)", got)
	}
	view := plain(sc.View())
	for _, want := range []string{"Thụ lý · cán bộ xử lý: Nguyễn Thị Lan", "Phân công cán bộ xử lý: Trần Văn Bình",
		"Xác định vụ việc phức tạp: thêm 15 ngày", "Chuyển đến Thanh tra Sở Nội vụ",
		"Đôn đốc Thanh tra Sở Nội vụ (điện thoại): Hỏi"} {
		sc, _ = send(sc, key(tea.KeyHome))
		found := false
		for i := 0; i < 5 && !found; i++ {
			found = strings.Contains(plain(sc.View()), want)
			sc, _ = send(sc, key(tea.KeyPgDown))
		}
		if !found {
			t.Errorf("the timeline lacks %q:\n%s", want, view)
		}
	}
}

// TestRefusalsKeepInput: the model's refusal shows beside its field, and
// nothing typed is lost, not even on Esc.
func TestRefusalsKeepInput(t *testing.T) {
	s, clk, ids := fixture(t)
	sc := screen(t, s, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: ids[extended]})
	// A denunciation: 30 days at most per extension.
	sc, _ = send(sc, runes("g")...)
	sc, _ = send(sc, key(tea.KeyBackspace), key(tea.KeyBackspace))
	sc, _ = send(sc, runes("45")...)
	sc, _ = send(sc, key(tea.KeyTab))
	sc, _ = send(sc, runes("Vụ việc đặc biệt phức tạp")...)
	sc, _ = send(sc, key(tea.KeyCtrlS))
	view := plain(sc.View())
	if !strings.Contains(view, "[45") || !strings.Contains(view, "✗ Luật chỉ cho gia hạn tối đa 30 ngày") ||
		!strings.Contains(view, "Vụ việc đặc biệt phức tạp") {
		t.Fatalf("refusal:\n%s", view)
	}
	// A date that does not exist. The refusal put the cursor on its field.
	sc, _ = send(sc, key(tea.KeyBackspace), key(tea.KeyBackspace))
	sc, _ = send(sc, runes("30")...)
	sc, _ = send(sc, key(tea.KeyTab), key(tea.KeyTab))
	for i := 0; i < 10; i++ {
		sc, _ = send(sc, key(tea.KeyBackspace))
	}
	sc, _ = send(sc, runes("31/02/2026")...)
	sc, _ = send(sc, key(tea.KeyCtrlS))
	if view = plain(sc.View()); !strings.Contains(view, "✗ Ngày 31/02/2026 không tồn tại") {
		t.Fatalf("bad date:\n%s", view)
	}
	// Esc: the form goes, the draft stays (the quit dialog knows), and
	// comes back with the same action.
	sc, _ = send(sc, key(tea.KeyEsc))
	if !sc.Dirty() {
		t.Error("a draft is not dirty")
	}
	sc, _ = send(sc, runes("g")...)
	if view = plain(sc.View()); !strings.Contains(view, "[30") || !strings.Contains(view, "Vụ việc đặc biệt phức tạp") || !strings.Contains(view, "31/02/2026") {
		t.Fatalf("the draft was lost:\n%s", view)
	}
	c, _ := s.Case(ids[extended])
	if len(c.Extensions) != 1 {
		t.Fatalf("a refused extension was recorded: %+v", c.Extensions)
	}
}

// TestReceptionistNotesAndRemindsOnly: the other actions are shown
// disabled, and their key says why.
func TestReceptionistNotesAndRemindsOnly(t *testing.T) {
	s, clk, ids := fixture(t)
	id := ids[suspended]
	sc := screen(t, s, clk, hoa, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: id})
	view := plain(sc.View())
	for _, want := range []string{"✗k Kết luận", "✗g Gia hạn", "✗p Phân công", " n Ghi chú", " h Nhắc việc"} {
		if !strings.Contains(" "+view, want) {
			t.Errorf("bar lacks %q:\n%s", want, view)
		}
	}
	_, msgs := send(sc, runes("k")...)
	want := common.StatusMsg{Text: "Kết luận: Cán bộ tiếp nhận chỉ ghi chú và đặt nhắc việc; việc này cần cán bộ xử lý hoặc lãnh đạo", Err: true}
	if len(msgs) != 1 || msgs[0] != want {
		t.Errorf("k: %#v", msgs)
	}
	help := ""
	for _, g := range sc.FullHelp() {
		for _, b := range g {
			help += b.Help().Key + " " + b.Help().Desc + "\n"
		}
	}
	if !strings.Contains(help, "k ✗ Kết luận ⚠ (cần cán bộ xử lý)") {
		t.Errorf("F1 does not say why:\n%s", help)
	}
	// A note and a reminder work.
	sc, msgs = act(sc, "n", "Người khiếu nại gọi điện hỏi tiến độ")
	if !changed(msgs, id) {
		t.Fatalf("note: %#v", msgs)
	}
	sc, msgs = act(sc, "h", "05/03/2026", "Gọi lại cho người khiếu nại")
	c, _ := s.Case(id)
	if !changed(msgs, id) || len(c.Reminders) != 2 || c.Reminders[1].On != model.NewDate(2026, 3, 5) || c.Reminders[1].For != hoa {
		t.Fatalf("reminder: %+v", c.Reminders)
	}
	// A day already past is refused.
	sc, _ = act(sc, "h", "01/03/2026")
	if !strings.Contains(plain(sc.View()), "✗ Ngày nhắc đã qua") {
		t.Errorf("a past reminder:\n%s", plain(sc.View()))
	}
}

// TestRevealIsRecorded: a confidential sender is masked for a
// receptionist, named for the handler and the leaders, and a deliberate
// look at the personal data is an event.
func TestRevealIsRecorded(t *testing.T) {
	s, clk, ids := fixture(t)
	id := ids[extended]
	h := screen(t, s, clk, hoa, model.VI)
	h, _ = send(h, common.OpenCaseMsg{ID: id})
	if v := plain(h.View()); !strings.Contains(v, "Người tố cáo: (bảo mật)") || strings.Contains(v, "Lê Văn Cường") {
		t.Fatalf("a receptionist sees the denouncer:\n%s", v)
	}
	if _, msgs := send(h, runes("b")...); len(msgs) != 1 || !msgs[0].(common.StatusMsg).Err {
		t.Errorf("b for a receptionist: %#v", msgs)
	}

	if _, err := s.SignIn(lan, "matkhau"); err != nil {
		t.Fatal(err)
	}
	sc := screen(t, s, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: id})
	v := plain(sc.View())
	if !strings.Contains(v, "Người tố cáo: (bảo mật) · b: xem danh tính") || strings.Contains(v, "Lê Văn Cường") || strings.Contains(v, "0912345678") {
		t.Fatalf("a leader's view:\n%s", v)
	}
	// b opens the reveal page every screen shares: the law, and the reason.
	sc, msgs := send(sc, runes("b")...)
	page := tuitest.PageOf(msgs)
	c, _ := s.Case(id)
	if page == nil || !strings.Contains(plain(page.View(80, 21)), "Xem danh tính người gửi · "+c.No) || !strings.Contains(plain(page.View(80, 21)), "Luật Tố cáo") {
		t.Fatalf("b did not open the reveal page: %#v", msgs)
	}
	sc, _, closed := tuitest.AnswerPage(sc, page, key(tea.KeyEnter))
	if closed || !strings.Contains(plain(page.View(80, 21)), "✗ Cần ghi lý do xem danh tính người gửi") {
		t.Fatalf("a reveal without a reason:\n%s", plain(page.View(80, 21)))
	}
	tuitest.TypeOn(page, "Xác minh tố cáo")
	sc, msgs, closed = tuitest.AnswerPage(sc, page, key(tea.KeyEnter))
	if !closed || !changed(msgs, id) {
		t.Fatalf("reveal: %#v\n%s", msgs, plain(page.View(80, 21)))
	}
	if v = plain(sc.View()); !strings.Contains(v, "Lê Văn Cường") || !strings.Contains(v, "ĐT 0912345678") || !strings.Contains(v, "Xem danh tính người gửi: Xác minh tố cáo") {
		t.Errorf("after the reveal:\n%s", v)
	}
	evs, _ := s.Timeline(id)
	last := evs[len(evs)-1]
	if last.Type != model.EvIdentityRevealed || last.Author != lan {
		t.Errorf("last event %+v", last)
	}
}

func TestDueView(t *testing.T) {
	s, clk, ids := fixture(t)
	sc := screen(t, s, clk, lan, model.VI)
	view := plain(sc.View())
	for _, want := range []string{
		"Việc đến hạn · cả đơn vị · đến Chủ nhật 08/03/2026",
		"Quá hạn 2 · Hôm nay 1 · Trong tuần 0",
		"── Quá hạn (2)",
		"›2026-0002 Phạm Văn Đức    Giải quyết",
		"⚠ quá hạn 18 ngày",
		"── Hôm nay (1)",
		"Nhắc: Gọi công ty",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("due view lacks %q:\n%s", want, view)
		}
	}
	// Enter opens the case under the cursor.
	sc, _ = send(sc, key(tea.KeyDown), key(tea.KeyEnter))
	if v := plain(sc.View()); !strings.Contains(v, "Trần Thị Bích") || !strings.Contains(v, "Diễn biến") {
		t.Fatalf("Enter did not open the case:\n%s", v)
	}
	// v goes back to the due view; a shows only mine: binh handles Bích's
	// case, not Đức's.
	b := screen(t, s, clk, binh, model.VI)
	view = plain(b.View())
	if !strings.Contains(view, "của Trần Văn Bình") || strings.Contains(view, "Phạm Văn Đức") || !strings.Contains(view, "Trần Thị Bích") {
		t.Errorf("binh's due view:\n%s", view)
	}
	b, _ = send(b, runes("a")...)
	if view = plain(b.View()); !strings.Contains(view, "Phạm Văn Đức") {
		t.Errorf("the whole office:\n%s", view)
	}
	_ = ids
}

// TestOverdueCountAfterAction: the status line is right after an action.
func TestOverdueCountAfterAction(t *testing.T) {
	s, clk, _ := fixture(t)
	// Wide enough for the whole status line (at 80 columns a message
	// puts the count out of sight).
	a := newApp(s, clk, lan, model.VI, 120, 30)
	if !strings.Contains(a.View(), "Quá hạn: 2") {
		t.Fatalf("status line:\n%s", a.View())
	}
	a.Send(key(tea.KeyF4))
	a.Send(runes("pham van duc")...)
	a.Send(key(tea.KeyEnter))
	a.Send(runes("k1")...)
	a.Send(key(tea.KeyCtrlS))
	a.Send(runes("c")...)
	if v := a.View(); !strings.Contains(v, "Quá hạn: 1") || !strings.Contains(v, "[Đã giải quyết]") {
		t.Fatalf("after concluding an overdue case:\n%s", v)
	}
}

func TestDraftsAndDirty(t *testing.T) {
	s, clk, ids := fixture(t)
	sc := screen(t, s, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: ids[fresh]})
	sc, _ = send(sc, runes("n")...)
	if sc.Dirty() || !sc.Capturing() {
		t.Fatalf("an untouched form: dirty %v capturing %v", sc.Dirty(), sc.Capturing())
	}
	sc, _ = send(sc, runes("chưa xong")...)
	if !sc.Dirty() {
		t.Fatal("typed text is not dirty")
	}
	sc, _ = send(sc, key(tea.KeyEsc))
	sc, _ = send(sc, common.OpenCaseMsg{ID: ids[extended]}, common.OpenCaseMsg{ID: ids[fresh]})
	sc, _ = send(sc, runes("n")...)
	sc, msgs := send(sc, key(tea.KeyEnter))
	if !changed(msgs, ids[fresh]) || sc.Dirty() {
		t.Fatalf("the draft was not saved: %#v dirty %v", msgs, sc.Dirty())
	}
	evs, _ := s.Timeline(ids[fresh])
	var n model.Note
	evs[len(evs)-1].Decode(&n)
	if n.Text != "chưa xong" {
		t.Errorf("note %q", n.Text)
	}
}

// TestGolden checks the 80x24 layout of each view, in both languages.
func TestGolden(t *testing.T) {
	s, clk, ids := fixture(t)
	for _, lang := range []model.Lang{model.VI, model.EN} {
		s.DropDraft(lan, "followup") // each language starts with no forms kept
		a := newApp(s, clk, lan, lang, 80, 24)
		a.Send(key(tea.KeyF5))
		golden(t, "due."+lang.Code(), a.View())
		a.Send(common.OpenCaseMsg{ID: ids[extended]})
		golden(t, "case.extended."+lang.Code(), a.View())
		a.Send(runes("g")...)
		golden(t, "form.extend."+lang.Code(), a.View())
		a.Send(key(tea.KeyEsc), common.OpenCaseMsg{ID: ids[conflict]})
		golden(t, "case.conflict."+lang.Code(), a.View())
		a.Send(common.OpenCaseMsg{ID: ids[reopened]}, runes("k")[0])
		a.Send(runes("1")...)
		a.Send(key(tea.KeyCtrlS))
		golden(t, "confirm.conclude."+lang.Code(), a.View())
		a.Send(runes("n")...)
		a.Send(key(tea.KeyEsc))
		a.Send(runes("x")...)
		golden(t, "explain."+lang.Code(), a.View())
		a.Send(key(tea.KeyEsc), key(tea.KeyF1))
		golden(t, "help."+lang.Code(), a.View())
	}
	h := newApp(s, clk, hoa, model.VI, 80, 24)
	h.Send(common.OpenCaseMsg{ID: ids[extended]})
	golden(t, "case.receptionist.vi", h.View())
	w := newApp(s, clk, lan, model.VI, 120, 40)
	w.Send(common.OpenCaseMsg{ID: ids[suspended]})
	golden(t, "case.wide.vi", w.View())
}

// The figures come from the store's deadline too: a quick check that the
// screen and store.Cases agree for every open case.
func TestScreenAgreesWithStore(t *testing.T) {
	s, clk, _ := fixture(t)
	sc := followup.New(newCtx(t, s, clk, lan, model.EN))
	sc.SetSize(80, 21)
	for _, r := range storetest.Must(s.Cases(store.CaseFilter{All: true}, today)) {
		sc, _ = send(sc, common.OpenCaseMsg{ID: r.ID})
		want := fmt.Sprintf("%s — %s", r.Deadline.Due, r.Deadline.Words(model.EN))
		if !strings.Contains(plain(sc.View()), want) {
			t.Errorf("%s: view lacks %q", r.No, want)
		}
	}
}
