package queue_test

import (
	"fmt"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"
	"donthu/tui/queue"

	tea "github.com/charmbracelet/bubbletea"
)

// listRows returns the table rows of a queue view: the lines after the
// column header.
func listRows(sc common.Screen) []string {
	lines := strings.Split(plain(sc.View()), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, " Số ") || strings.HasPrefix(l, " No. ") {
			var out []string
			for _, r := range lines[i+1:] {
				if strings.TrimSpace(r) != "" {
					out = append(out, r)
				}
			}
			return out
		}
	}
	return nil
}

func TestOrderMarksAndWords(t *testing.T) {
	s, clk := fixture(t)
	sc := screen(t, s, clk, lan)
	rows := listRows(sc)
	// The same order as the store's (store.Cases), every figure from
	// the model's deadline.
	want := storetest.Must(s.Cases(store.CaseFilter{}, today))
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), len(want), strings.Join(rows, "\n"))
	}
	for i, r := range want {
		short := r.No[strings.IndexByte(r.No, '-')+1:]
		if !strings.Contains(rows[i], short) {
			t.Errorf("row %d = %q, want case %s", i, rows[i], r.No)
		}
		due := fmt.Sprintf("%02d/%02d", r.Deadline.Due.D, int(r.Deadline.Due.M))
		if !strings.Contains(rows[i], due) {
			t.Errorf("row %d = %q, want due %s", i, rows[i], due)
		}
	}
	for _, tt := range []struct{ name, want string }{
		{"Trần Thị Bích", "⚠ quá hạn 25 ngày"}, // accepted 6/1: due 5/2
		{"Nguyễn Văn An", "! còn 3 ngày"},      // due Thursday 5/3: within three working days
		{"Phạm Thị Dung", "còn 14 ngày"},       // a recommendation: 10 working days, said in days like every row
		{"Vũ Thị Giang", "‖ tạm dừng"},         // suspended: last
	} {
		found := false
		for _, r := range rows {
			if strings.Contains(r, tt.name) {
				found = true
				if !strings.Contains(r, tt.want) {
					t.Errorf("%s: %q, want %q", tt.name, r, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%s not listed", tt.name)
		}
	}
	if !strings.Contains(rows[0], "Trần Thị Bích") || !strings.Contains(rows[len(rows)-1], "Vũ Thị Giang") {
		t.Errorf("overdue first, suspended last:\n%s", strings.Join(rows, "\n"))
	}
	head := strings.Split(plain(sc.View()), "\n")[0]
	if !strings.Contains(head, "7 vụ việc") || !strings.Contains(head, "⚠ 1 quá hạn") || !strings.Contains(head, "! 1 sắp đến hạn") {
		t.Errorf("head %q", head)
	}
}

func TestSearchWithoutDiacritics(t *testing.T) {
	s, clk := fixture(t)
	for _, tt := range []struct {
		typed string
		want  []string
	}{
		{"tran thi bich", []string{"Trần Thị Bích"}},
		{"BICH TRAN", []string{"Trần Thị Bích"}},                 // any order, any case
		{"sao mai", []string{"Trần Thị Bích", "Vũ Thị Giang"}},   // the employer
		{"no luong", []string{"Nguyễn Văn An", "Đặng Văn Hùng"}}, // the content
		{"2026-0005", []string{"Hoàng Văn Em"}},                  // the number
		{"đặng văn", []string{"Đặng Văn Hùng"}},                  // typed with diacritics too
		{"khong ai ten nay", nil},
	} {
		sc := screen(t, s, clk, lan)
		sc, _ = keys(sc, runes(tt.typed)...)
		rows := listRows(sc)
		if len(tt.want) == 0 {
			if len(rows) != 1 || !strings.Contains(rows[0], "Không có vụ việc nào khớp") {
				t.Errorf("%q: %q", tt.typed, rows)
			}
			continue
		}
		if len(rows) != len(tt.want) {
			t.Errorf("%q: %d rows, want %v:\n%s", tt.typed, len(rows), tt.want, strings.Join(rows, "\n"))
			continue
		}
		for i, w := range tt.want {
			if !strings.Contains(rows[i], w) {
				t.Errorf("%q: row %d = %q, want %s", tt.typed, i, rows[i], w)
			}
		}
		// Esc clears the search: every case again.
		sc, _ = keys(sc, key(tea.KeyEsc))
		if n := len(listRows(sc)); n != 7 {
			t.Errorf("after Esc: %d rows", n)
		}
	}
}

// A confidential sender is masked in the list for everyone until an
// entitled user reveals it on purpose; then that user (only) sees the
// name and finds the case by it. The case is always found by its content.
func TestConfidentialSenderMasked(t *testing.T) {
	s, clk := fixture(t)
	check := func(login string, sees bool) {
		t.Helper()
		sc := screen(t, s, clk, login)
		all := strings.Join(listRows(sc), "\n")
		if got := strings.Contains(all, "Lê Văn Cường"); got != sees {
			t.Errorf("%s sees the denouncer: %v\n%s", login, got, all)
		}
		if got := strings.Contains(all, "(bảo mật)"); got == sees {
			t.Errorf("%s: masked %v\n%s", login, got, all)
		}
		sc, _ = keys(sc, runes("cuong")...)
		if got := strings.Contains(strings.Join(listRows(sc), "\n"), "Tố cáo"); got != sees {
			t.Errorf("%s finds the denouncer by name: %v", login, got)
		}
		sc, _ = keys(sc, key(tea.KeyEsc))
		sc, _ = keys(sc, runes("kinh phi")...)
		if rows := listRows(sc); len(rows) != 1 || !strings.Contains(rows[0], "Tố cáo") {
			t.Errorf("%s: by content %q", login, rows)
		}
	}
	for _, login := range []string{hoa, binh, lan} {
		check(login, false)
	}
	var id string
	s.EachCase(store.CaseFilter{}, func(c model.Case) {
		if c.Confidential {
			id = c.ID
		}
	})
	if _, err := s.SignIn(lan, "matkhau"); err != nil {
		t.Fatal(err)
	}
	if err := s.RevealIdentity(lan, id, "Xác minh"); err != nil {
		t.Fatal(err)
	}
	check(lan, true)
	check(hoa, false)
}

func TestEnterOpensTheCase(t *testing.T) {
	s, clk := fixture(t)
	sc := screen(t, s, clk, lan)
	sc, _ = keys(sc, runes("hoang van em")...)
	_, msgs := keys(sc, key(tea.KeyEnter))
	want := ""
	for _, r := range storetest.Must(s.Cases(store.CaseFilter{}, today)) {
		if r.SenderName == "Hoàng Văn Em" {
			want = r.ID
		}
	}
	if len(msgs) != 1 || msgs[0] != (common.OpenCaseMsg{ID: want}) {
		t.Fatalf("Enter gave %#v, want OpenCaseMsg{%s}", msgs, want)
	}
	// Down moves the cursor: Enter opens the second case.
	sc = screen(t, s, clk, lan)
	sc, _ = keys(sc, key(tea.KeyDown))
	_, msgs = keys(sc, key(tea.KeyEnter))
	rows := storetest.Must(s.Cases(store.CaseFilter{}, today))
	if len(msgs) != 1 || msgs[0] != (common.OpenCaseMsg{ID: rows[1].ID}) {
		t.Fatalf("got %#v, want %s", msgs, rows[1].ID)
	}
}

// pressFilter opens the filter form and moves to row n (0 status, 1 kind,
// 2 field, 3 employer, 4 handler, 5 from, 6 to).
func pressFilter(sc common.Screen, n int) common.Screen {
	sc, _ = keys(sc, key(tea.KeyCtrlL))
	for i := 0; i < n; i++ {
		sc, _ = keys(sc, key(tea.KeyDown))
	}
	return sc
}

func TestFiltersCombineAndAreRemembered(t *testing.T) {
	s, clk := fixture(t)
	sc := screen(t, s, clk, lan)
	// Kind: complaint (the first after "all"); field: wages; employer typed.
	sc = pressFilter(sc, 1)
	sc, _ = keys(sc, key(tea.KeyRight), key(tea.KeyDown), key(tea.KeyRight), key(tea.KeyDown))
	sc, _ = keys(sc, runes("gia lam")...)
	if !sc.Dirty() {
		t.Error("a filter form with changes is not dirty")
	}
	sc, msgs := keys(sc, key(tea.KeyEnter))
	if len(msgs) != 1 || msgs[0] != (common.StatusMsg{Text: "Đã áp dụng bộ lọc"}) {
		t.Errorf("apply said %#v", msgs)
	}
	rows := listRows(sc)
	if len(rows) != 2 || !strings.Contains(rows[0], "Nguyễn Văn An") || !strings.Contains(rows[1], "Đặng Văn Hùng") {
		t.Fatalf("complaint · wages · Gia Lâm:\n%s", strings.Join(rows, "\n"))
	}
	if line := strings.Split(plain(sc.View()), "\n")[2]; !strings.Contains(line, "Khiếu nại · Tiền lương, thu nhập · “gia lam”") {
		t.Errorf("filter line %q", line)
	}
	// Search narrows further.
	sc, _ = keys(sc, runes("hung")...)
	if rows := listRows(sc); len(rows) != 1 {
		t.Errorf("filter and search: %q", rows)
	}

	// Remembered for lan, not for binh.
	again := screen(t, s, clk, lan)
	if rows := listRows(again); len(rows) != 2 {
		t.Errorf("lan's filters were not remembered: %q", rows)
	}
	if rows := listRows(screen(t, s, clk, binh)); len(rows) != 7 {
		t.Errorf("binh got lan's filters: %d rows", len(rows))
	}

	// Handler and period: binh's cases received in January.
	sc = pressFilter(again, 4)
	sc, _ = keys(sc, key(tea.KeyRight), key(tea.KeyRight), key(tea.KeyRight)) // all, mine, unassigned, then the users
	sc, _ = keys(sc, key(tea.KeyCtrlX))                                       // clears the form
	sc, _ = keys(sc, key(tea.KeyRight), key(tea.KeyRight), key(tea.KeyRight))
	view := plain(sc.View())
	if !strings.Contains(view, "‹ Trần Văn Bình ›") {
		t.Fatalf("handler row:\n%s", view)
	}
	sc, _ = keys(sc, key(tea.KeyDown))
	sc, _ = keys(sc, runes("1/1/2026")...)
	sc, _ = keys(sc, key(tea.KeyDown))
	sc, _ = keys(sc, runes("31/01/2026")...)
	sc, _ = keys(sc, key(tea.KeyEnter))
	rows = listRows(sc)
	if len(rows) != 1 || !strings.Contains(rows[0], "Trần Thị Bích") {
		t.Fatalf("binh, January:\n%s", strings.Join(rows, "\n"))
	}

	// Ctrl+X clears them, and that is remembered too.
	sc, msgs = keys(sc, key(tea.KeyCtrlX))
	if len(listRows(sc)) != 7 || len(msgs) != 1 || msgs[0] != (common.StatusMsg{Text: "Đã bỏ lọc"}) {
		t.Errorf("Ctrl+X: %d rows, %#v", len(listRows(sc)), msgs)
	}
	if v := s.GetPref(lan, "queue.filters"); v != "" {
		t.Errorf("cleared filters still stored: %q", v)
	}
}

func TestFilterBadDateKeepsTheForm(t *testing.T) {
	s, clk := fixture(t)
	sc := pressFilter(screen(t, s, clk, lan), 5)
	sc, _ = keys(sc, runes("31/02/2026")...)
	sc, _ = keys(sc, key(tea.KeyEnter))
	view := plain(sc.View())
	if !strings.Contains(view, "✗ Ngày 31/02/2026 không tồn tại") || !strings.Contains(view, "[31/02/2026") {
		t.Fatalf("a bad date was not refused beside its field, or the text was lost:\n%s", view)
	}
	// Esc leaves the form; the filters are unchanged.
	sc, _ = keys(sc, key(tea.KeyEsc))
	if rows := listRows(sc); len(rows) != 7 {
		t.Errorf("after Esc: %d rows", len(rows))
	}
	// From after to is refused.
	sc = pressFilter(sc, 5)
	sc, _ = keys(sc, runes("01/03/2026")...)
	sc, _ = keys(sc, key(tea.KeyDown))
	sc, _ = keys(sc, runes("01/02/2026")...)
	sc, _ = keys(sc, key(tea.KeyEnter))
	if view := plain(sc.View()); !strings.Contains(view, "✗ Ngày bắt đầu sau ngày kết thúc") {
		t.Errorf("from after to:\n%s", view)
	}
}

func TestClosedCasesOneKeyAway(t *testing.T) {
	s, clk := fixture(t)
	sc := screen(t, s, clk, lan)
	sc, _ = keys(sc, key(tea.KeyCtrlT))
	view := plain(sc.View())
	rows := listRows(sc)
	if !strings.HasPrefix(view, "Vụ việc đã kết thúc · 2 vụ việc") || len(rows) != 2 ||
		!strings.Contains(rows[0], "Bùi Văn Khánh") || !strings.Contains(rows[0], "Không thụ lý") ||
		!strings.Contains(rows[1], "Đặng Văn Hùng") || !strings.Contains(rows[1], "Đúng") || !strings.Contains(rows[1], "01/10/2025") {
		t.Fatalf("closed view:\n%s", view)
	}
	sc, _ = keys(sc, key(tea.KeyCtrlT))
	if rows := listRows(sc); len(rows) != 7 {
		t.Errorf("back to open: %d rows", len(rows))
	}
}

func TestChangedMsgUpdatesTheList(t *testing.T) {
	s, clk := fixture(t)
	sc := screen(t, s, clk, lan)
	var an store.CaseRow
	for _, r := range storetest.Must(s.Cases(store.CaseFilter{}, today)) {
		if r.SenderName == "Nguyễn Văn An" {
			an = r
		}
	}
	if _, err := s.CaseAction(lan, an.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight}); err != nil {
		t.Fatal(err)
	}
	sc, _ = keys(sc, common.ChangedMsg{Entity: an.ID})
	rows := listRows(sc)
	if len(rows) != 6 || strings.Contains(strings.Join(rows, "\n"), "Nguyễn Văn An") {
		t.Fatalf("a concluded case stays in the open list:\n%s", strings.Join(rows, "\n"))
	}
	sc, _ = keys(sc, key(tea.KeyCtrlT))
	if rows := listRows(sc); len(rows) != 3 || !strings.Contains(rows[0], "Nguyễn Văn An") {
		t.Fatalf("closed list:\n%s", strings.Join(rows, "\n"))
	}
	// Reopened: back in the open list (closed view updated in place).
	if _, err := s.CaseAction(lan, an.ID, model.EvCaseReopened, model.CaseAction{Reason: "Công ty chưa trả"}); err != nil {
		t.Fatal(err)
	}
	sc, _ = keys(sc, common.ChangedMsg{Entity: an.ID})
	if rows := listRows(sc); len(rows) != 2 {
		t.Fatalf("closed list after reopening:\n%s", strings.Join(rows, "\n"))
	}
	sc, _ = keys(sc, key(tea.KeyCtrlT))
	if rows := listRows(sc); len(rows) != 7 {
		t.Fatalf("open list after reopening: %d", len(rows))
	}
}

func TestBacklogReview(t *testing.T) {
	s, clk := fixture(t)
	sc := screen(t, s, clk, lan)
	sc, _ = keys(sc, key(tea.KeyCtrlR))
	view := plain(sc.View())
	for _, want := range []string{
		"Rà soát vụ việc tồn đọng · 02/03/2026",
		" Dưới 1 tháng                 2                3             ·      5        ·",
		" 1 đến 3 tháng                ·                1             1      2        1",
		" Cộng                         2                4             1      7        1",
		"Đã giải quyết: 1 · Đang giải quyết: 7 · Đã giải quyết nhưng có đơn tiếp: 1",
		"›2026-0007 Đặng Văn Hùng            Tiếp khiếu 2025-0001 Đúng          giống 80%",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("review lacks %q:\n%s", want, view)
		}
	}
	_, msgs := keys(sc, key(tea.KeyEnter))
	var later string
	for _, r := range storetest.Must(s.Cases(store.CaseFilter{}, today)) {
		if r.SenderName == "Đặng Văn Hùng" {
			later = r.ID
		}
	}
	if len(msgs) != 1 || msgs[0] != (common.OpenCaseMsg{ID: later}) {
		t.Errorf("Enter on a repeat: %#v, want %s", msgs, later)
	}
	sc, _ = keys(sc, key(tea.KeyEsc))
	if rows := listRows(sc); len(rows) != 7 {
		t.Errorf("Esc did not go back to the list")
	}
}

func TestHelpFitsAndSaysEverything(t *testing.T) {
	s, clk := fixture(t)
	sc := screen(t, s, clk, lan)
	var all []string
	for _, g := range sc.FullHelp() {
		for _, b := range g {
			all = append(all, b.Help().Key+" "+b.Help().Desc)
		}
	}
	for _, want := range []string{"Enter mở vụ việc", "Ctrl+L lọc", "Ctrl+T vụ đã kết thúc", "Ctrl+R rà soát tồn đọng", "Esc xóa ô tìm", "Ctrl+X bỏ lọc"} {
		if !strings.Contains(strings.Join(all, "\n"), want) {
			t.Errorf("F1 help lacks %q", want)
		}
	}
	// The short help, with the root's "F1 ... • Ctrl+Q ...", fits in 80.
	for _, lang := range []model.Lang{model.VI, model.EN} {
		sc := queue.New(newCtx(t, s, clk, lan, lang))
		sc.SetSize(80, 21)
		sc, _ = keys(sc, runCmd(sc.Init())...)
		for _, state := range []tea.Msg{nil, key(tea.KeyCtrlL), key(tea.KeyEsc), key(tea.KeyCtrlR)} {
			if state != nil {
				sc, _ = keys(sc, state)
			}
			n := 0
			for _, b := range sc.ShortHelp() {
				n += len([]rune(b.Help().Key+" "+b.Help().Desc)) + 3
			}
			if n+len([]rune(" F1 trợ giúp • Ctrl+Q thoát")) > 80 {
				t.Errorf("%v: the short help is %d cells", lang, n)
			}
		}
	}
}

// TestGolden checks the 80x24 layout of each view, in both languages, as
// the whole interface draws it.
func TestGolden(t *testing.T) {
	s, clk := fixture(t)
	for _, lang := range []model.Lang{model.VI, model.EN} {
		a := newApp(t, s, clk, lan, lang, 80, 24)
		a.Send(key(tea.KeyF4))
		golden(t, "list."+lang.Code(), a.View())
		a.Send(runes("sao mai")...)
		golden(t, "search."+lang.Code(), a.View())
		a.Send(key(tea.KeyEsc), key(tea.KeyCtrlL))
		golden(t, "filter."+lang.Code(), a.View())
		a.Send(key(tea.KeyEsc), key(tea.KeyCtrlT))
		golden(t, "closed."+lang.Code(), a.View())
		a.Send(key(tea.KeyCtrlT), key(tea.KeyCtrlR))
		golden(t, "review."+lang.Code(), a.View())
		a.Send(key(tea.KeyEsc), key(tea.KeyF1))
		golden(t, "help."+lang.Code(), a.View())
	}
	// A receptionist sees the denouncer masked; a wide terminal gets full
	// numbers, dates and the status.
	a := newApp(t, s, clk, hoa, model.VI, 120, 40)
	a.Send(key(tea.KeyF4))
	golden(t, "list.wide.receptionist.vi", a.View())
}

// TestOfficeSeesItsSites: an office's file holds its child sites' cases;
// the list then gives each case's site a column.
func TestOfficeSeesItsSites(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	child := storetest.NewSite(t, storetest.Site{Code: "GL07", Parent: "HN01", Clock: clk})
	office := storetest.NewSite(t, storetest.Site{Code: "HN01", Clock: clk})
	p := storetest.Visit(t, child, "Nguyễn Văn An", model.KindComplaint)
	storetest.Accept(t, child, p.ID, model.KindComplaint, model.RegimeLabour)
	p = storetest.Visit(t, office, "Trần Thị Bích", model.KindComplaint)
	storetest.Accept(t, office, p.ID, model.KindComplaint, model.RegimeLabour)
	storetest.Exchange(t, child, office)

	ctx := newCtx(t, office, clk, "lan", model.VI)
	sc := queue.New(ctx)
	sc.SetSize(80, 21)
	sc, _ = keys(sc, runCmd(sc.Init())...)
	view := plain(sc.View())
	if !strings.Contains(view, " Số        Đơn vị Người gửi ") {
		t.Fatalf("no site column:\n%s", view)
	}
	rows := listRows(sc)
	if len(rows) != 2 || !strings.Contains(strings.Join(rows, "\n"), "GL07   Nguyễn Văn An") || !strings.Contains(strings.Join(rows, "\n"), "HN01   Trần Thị Bích") {
		t.Fatalf("rows:\n%s", strings.Join(rows, "\n"))
	}
	// The site filter (the form's last row) keeps one child's cases.
	sc.Update(tea.KeyMsg{Type: tea.KeyCtrlL})
	for range 7 {
		sc.Update(tea.KeyMsg{Type: tea.KeyDown})
	}
	sc.Update(tea.KeyMsg{Type: tea.KeyRight})
	sc.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if rows := listRows(sc); len(rows) != 1 || !strings.Contains(rows[0], "GL07   Nguyễn Văn An") {
		t.Fatalf("site filter GL07:\n%s", strings.Join(rows, "\n"))
	}
	if v := plain(sc.View()); !strings.Contains(v, "Lọc: Đơn vị: GL07") {
		t.Errorf("filter line:\n%s", v)
	}
	// A single site's file has no such column.
	if v := plain(screen(t, child, clk, "lan").View()); strings.Contains(v, "Đơn vị") {
		t.Errorf("a site column for one site:\n%s", v)
	}
}

// The closed list shows its newest page at once (read from its index),
// says the older ones are being read, and then shows them all with the
// cursor where the person left it.
func TestClosedListNewestFirst(t *testing.T) {
	s, clk := fixture(t)
	sc := screen(t, s, clk, lan)
	sc, cmd := sc.Update(key(tea.KeyCtrlT))
	msgs := runCmd(cmd)
	if len(msgs) < 2 {
		t.Fatalf("Ctrl+T gave %d messages, want the newest page and the whole list", len(msgs))
	}
	sc, _ = keys(sc, msgs[0])
	view := plain(sc.View())
	if !strings.HasPrefix(view, "Vụ việc đã kết thúc · 2 vụ việc mới nhất · đang đọc các vụ việc cũ hơn…") {
		t.Fatalf("the newest page:\n%s", view)
	}
	rows := listRows(sc)
	if len(rows) != 2 || !strings.Contains(rows[0], "Bùi Văn Khánh") {
		t.Fatalf("the newest page's rows: %q", rows)
	}
	sc, _ = keys(sc, key(tea.KeyDown))
	sc, _ = keys(sc, msgs[1:]...)
	view = plain(sc.View())
	if !strings.HasPrefix(view, "Vụ việc đã kết thúc · 2 vụ việc\n") {
		t.Fatalf("the whole list:\n%s", view)
	}
	if rows := listRows(sc); !strings.Contains(rows[1], "Đặng Văn Hùng") || !strings.HasPrefix(rows[1], "›") {
		t.Fatalf("the cursor left the row it was on: %q", rows)
	}
}
