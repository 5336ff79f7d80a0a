package followup_test

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
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
	sc, _ = send(sc, key(tea.KeyCtrlS))
	sc, _ = send(sc, runes("c")...)
	c, _ := s.Case(id)
	if c.Status != model.StatusConcluded || c.Recovered != 12_500_000 || c.Restored != 3 || !c.Replied {
		t.Fatalf("concluded %+v", c)
	}
}
