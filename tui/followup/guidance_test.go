package followup_test

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// At the office, a child site's case is the child's to move: the office
// sends guidance (o), recorded as an event addressed to the child, and the
// other actions say why they are not for the office.
func TestOfficeSendsGuidanceOnChildCase(t *testing.T) {
	clk := &storetest.Clock{}
	clk.SetDate(model.NewDate(2026, 3, 2))
	office := storetest.NewAt(t, "HN01", "", clk)
	child := storetest.NewAt(t, "GL07", "HN01", clk)
	card, err := child.KeyCard()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := office.PinPeer(card, store.PinOptions{By: "lan", Child: true}); err != nil {
		t.Fatal(err)
	}
	p := storetest.Visit(t, child, "Nguyễn Văn An", model.KindComplaint)
	c := storetest.Accept(t, child, p.ID, model.KindComplaint, model.RegimeLabour)
	storetest.Exchange(t, child, office)

	sc := screen(t, office, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: c.ID})
	view := plain(sc.View())
	if !strings.Contains(view, "o Gửi chỉ đạo") || strings.Contains(view, "Kết luận") {
		t.Fatalf("office bar on a child's case:\n%s", view)
	}
	_, msgs := send(sc, runes("k")...)
	if !statusSays(msgs, "do đơn vị đó giải quyết") {
		t.Fatalf("k on a child's case did not say why: %v", msgs)
	}
	sc, msgs = act(sc, "o", "Đề nghị xác minh bảng lương tháng 1")
	if !changed(msgs, c.ID) {
		t.Fatalf("guidance not saved: %v\n%s", msgs, plain(sc.View()))
	}
	evs, _ := office.Timeline(c.ID)
	last := evs[len(evs)-1]
	if last.Type != model.EvCaseGuidance || last.To != "GL07" || last.Site != "HN01" {
		t.Fatalf("last event %+v", last)
	}

	// At the child's own desk the case shows no guidance key.
	sc = screen(t, child, clk, lan, model.VI)
	sc, _ = send(sc, common.OpenCaseMsg{ID: c.ID})
	if v := plain(sc.View()); strings.Contains(v, "Gửi chỉ đạo") || !strings.Contains(v, "Kết luận") {
		t.Fatalf("child bar:\n%s", v)
	}
}

func statusSays(msgs []tea.Msg, s string) bool {
	for _, m := range msgs {
		if st, ok := m.(common.StatusMsg); ok && strings.Contains(st.Text, s) {
			return true
		}
	}
	return false
}
