package followup_test

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/tui/common"
	"donthu/tui/followup"
	"donthu/tui/tuitest"
)

// What is typed in an action's form is kept in the data file as it is
// typed: a new screen (after a quit or a crash) offers it back, and the
// form opens with it.
func TestActionFormDraftSurvives(t *testing.T) {
	s, clk, ids := fixture(t)
	ctx := newCtx(t, s, clk, lan, model.VI)
	d := tuitest.NewScreen(t, followup.New(ctx))
	d.Send(common.OpenCaseMsg{ID: ids[fresh]})
	d.Type("n").Type("Gọi lại cho người khiếu nại")
	if _, ok, _ := s.LoadDraft(lan, "followup"); !ok {
		t.Fatal("no draft written while typing")
	}
	again := tuitest.NewScreen(t, followup.New(ctx))
	if st, _ := again.Status(); !strings.Contains(st, "chưa lưu") {
		t.Fatalf("the kept form was not announced: %q", st)
	}
	again.Send(common.OpenCaseMsg{ID: ids[fresh]})
	again.Type("n").Expect("Gọi lại cho người khiếu nại")
	// Saved: nothing is kept any more.
	again.Press("ctrl+s")
	if _, ok, _ := s.LoadDraft(lan, "followup"); ok {
		t.Fatal("the draft outlived the saved note")
	}
}
