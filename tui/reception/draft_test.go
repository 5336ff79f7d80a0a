package reception

import (
	"testing"

	"donthu/model"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
)

// What is typed is kept as the person's draft as they type, and a new
// screen on the same data file (after a quit or a crash) puts it back.
func TestDraftComesBack(t *testing.T) {
	ctx, s, _ := newCtx(t, model.VI)
	seed(t, s)
	d := tuitest.NewScreen(t, New(ctx))
	d.Type("binh").Press("enter").Type("Hỏi về thai sản").Press("tab", "4")
	if _, ok, _ := s.LoadDraft("lan", draftName); !ok {
		t.Fatal("no draft was written while typing")
	}
	again := tuitest.NewScreen(t, New(ctx))
	again.Expect("Trần Văn Bình", "Hỏi về thai sản", "●[4]Trả lời trực tiếp")
	if st, _ := again.Status(); st == "" || !again.S.Dirty() {
		t.Fatalf("the draft was not offered back (status %q)", st)
	}
	// Saved: the draft is gone, and a new screen starts empty.
	again.Press("ctrl+s")
	if _, ok, _ := s.LoadDraft("lan", draftName); ok {
		t.Fatal("the draft outlived the saved visit")
	}
	third := tuitest.NewScreen(t, New(ctx))
	if third.S.Dirty() {
		t.Fatal("a saved visit came back as a draft")
	}
}

// Esc at the top of a form with changes asks before discarding; Enter
// on the question discards nothing; C does, and drops the draft.
func TestEscAsksBeforeDiscarding(t *testing.T) {
	ctx, s, _ := newCtx(t, model.VI)
	d := tuitest.NewScreen(t, New(ctx))
	d.Press("tab", "tab").Type("Hỏi đường") // the content
	d.Out = nil
	d.Press("esc")
	page := tuitest.PageOf(d.Out)
	if page == nil {
		t.Fatalf("Esc on a form with changes did not ask: %#v", d.Out)
	}
	if closed, _ := page.Key(tea.KeyMsg{Type: tea.KeyEnter}); closed || !d.S.Dirty() {
		t.Fatal("Enter discarded the form")
	}
	_, cmd := page.Key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("c")})
	for _, m := range tuitest.Drain(cmd) {
		d.Send(m)
	}
	if d.S.Dirty() {
		t.Fatal("C did not discard the form")
	}
	if _, ok, _ := s.LoadDraft("lan", draftName); ok {
		t.Fatal("the discarded draft is still kept")
	}
}

// A new person typed with a number already on file: the warning offers
// the person on file, and Ctrl+Y takes them instead.
func TestUseThePersonOnFile(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("anh").Press("ctrl+n")
	d.Press("ctrl+u").Type("Nguyễn Thị Ánh").Press("tab", "tab").Type("001190012345").Press("tab")
	d.Expect("Số này đã có trong dữ liệu: Nguyễn Thị Ánh", "Ctrl+Y")
	d.Press("shift+tab").Press("ctrl+y")
	m := model_(d)
	if len(m.form.visitors) != 1 || m.form.visitors[0].card == nil || m.form.visitors[0].card.Name != "Nguyễn Thị Ánh" {
		t.Fatalf("Ctrl+Y did not take the person on file:\n%s", d.View())
	}
	d.ExpectNot("Người mới (chưa có trong dữ liệu)")
}
