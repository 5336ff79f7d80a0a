package followup_test

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/tui/common"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// TestConcludeRecordsWhatWasRestored: the conclusion form takes the money
// or benefits returned, the workers whose rights were restored and
// whether a written reply was sent, the figures 01/KQGQ, 03/KQGQ, 02/TCD
// and 01/XLD count; a bad amount is refused beside its field.
func TestConcludeRecordsWhatWasRestored(t *testing.T) {
	s, clk, ids := fixture(t)
	id := ids[fresh]
	sc := screen(t, s, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: id})
	sc, _ = act(sc, "t")
	sc, _ = send(sc, runes("k")...)
	sc, _ = send(sc, runes("1")...)
	for i := 0; i < 3; i++ {
		sc, _ = send(sc, key(tea.KeyTab))
	}
	sc, _ = send(sc, runes("12.5OO.000")...)
	sc, _ = send(sc, key(tea.KeyCtrlS))
	if v := plain(sc.View()); !strings.Contains(v, "Tiền trả lại (đồng)") || !strings.Contains(v, "✗") {
		t.Fatalf("a bad amount was taken:\n%s", v)
	}
	for i := 0; i < 10; i++ {
		sc, _ = send(sc, key(tea.KeyBackspace))
	}
	sc, _ = send(sc, runes("12.500.000")...)
	sc, _ = send(sc, key(tea.KeyTab))
	sc, _ = send(sc, runes("3")...)
	sc, _ = send(sc, key(tea.KeyTab))
	sc, _ = send(sc, runes("2")...)
	sc, msgs := send(sc, key(tea.KeyCtrlS))
	sc, _, _ = tuitest.Answer(sc, tuitest.PageOf(msgs), runes("c")[0].(tea.KeyMsg))
	c, _ := s.Case(id)
	if c.Status != model.StatusConcluded || c.Recovered != 12_500_000 || c.Restored != 3 || !c.Replied {
		t.Fatalf("concluded %+v", c)
	}
}

// TestConcludeDecidesAndIsCarriedOut: the conclusion form also takes what
// was decided for the State, the land returned, sanctions and a referral
// (01/KQGQ, 03/KQGQ); j then records what was carried out of it (02/KQGQ,
// 04/KQGQ), shown in the case's history. The form fits 80x24.
func TestConcludeDecidesAndIsCarriedOut(t *testing.T) {
	s, clk, ids := fixture(t)
	id := ids[fresh]
	sc := screen(t, s, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: id})
	sc, _ = act(sc, "t")
	// j before the conclusion: said why.
	sc, _ = send(sc, runes("j")...)
	if v := plain(sc.View()); !strings.Contains(v, "Thi hành: Chỉ ghi thi hành vụ việc đã có kết luận") {
		t.Fatalf("j on an open case:\n%s", v)
	}
	sc, _ = send(sc, runes("k")...)
	v := plain(sc.View())
	for _, want := range []string{"Đất trả lại (m²)", "Thu hồi cho NN: tiền (đồng)", "Xử lý hành chính (người)", "Chuyển điều tra (người)"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the conclusion form lacks %q:\n%s", want, v)
		}
	}
	if n := strings.Count(v, "\n") + 1; n > 21 {
		t.Fatalf("the conclusion form takes %d lines of 21:\n%s", n, v)
	}
	for _, l := range strings.Split(v, "\n") {
		if w := lipgloss.Width(l); w > 80 {
			t.Fatalf("a line of the conclusion form is %d cells wide:\n%s", w, v)
		}
	}
	sc, _ = send(sc, runes("1")...)
	// result, number, date, money, workers, reply: then the new fields.
	for i := 0; i < 6; i++ {
		sc, _ = send(sc, key(tea.KeyTab))
	}
	for _, f := range []string{"250", "30.000.000", "", "2", "3"} { // officials above the persons
		if f != "" {
			sc, _ = send(sc, runes(f)...)
		}
		sc, _ = send(sc, key(tea.KeyTab))
	}
	sc, _ = send(sc, key(tea.KeyCtrlS))
	if v := plain(sc.View()); !strings.Contains(v, "✗ Số cán bộ, công chức không được") || strings.Count(v, "\n")+1 > 21 {
		t.Fatalf("more officials than persons was taken:\n%s", plain(sc.View()))
	}
	sc, _ = send(sc, key(tea.KeyBackspace))
	sc, _ = send(sc, runes("1")...)
	sc, msgs := send(sc, key(tea.KeyCtrlS))
	sc, _, _ = tuitest.Answer(sc, tuitest.PageOf(msgs), runes("c")[0].(tea.KeyMsg))
	c, _ := s.Case(id)
	if c.Status != model.StatusConcluded || c.ReturnedLand != 250 || c.StateMoney != 30_000_000 || c.Sanctioned != 2 || c.SanctionedOfficials != 1 {
		t.Fatalf("concluded %+v", c.Decided)
	}
	// Carried out: 10 million recovered, one person sanctioned.
	sc, _ = send(sc, runes("j")...)
	sc, _ = send(sc, key(tea.KeyCtrlS))
	if v := plain(sc.View()); !strings.Contains(v, "✗ Chưa ghi việc gì đã thi hành") {
		t.Fatalf("an empty execution was taken:\n%s", plain(sc.View()))
	}
	// The refusal put the cursor on the first amount.
	sc, msgs = act(sc, "", "10.000.000", "", "", "", "1")
	if c, _ = s.Case(id); len(c.Executions) != 1 || c.Executions[0].Collected != 10_000_000 || c.Executions[0].SanctionedDone != 1 {
		t.Fatalf("executions %+v", c.Executions)
	}
	found := false
	for i := 0; i < 5 && !found; i++ {
		found = strings.Contains(plain(sc.View()), "Thi hành kết luận: Đã thu cho NN: tiền")
		sc, _ = send(sc, key(tea.KeyPgDown))
	}
	if !found {
		t.Errorf("the history lacks the execution:\n%s", plain(sc.View()))
	}
}
