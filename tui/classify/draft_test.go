package classify

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/tui/tuitest"
)

// A classification started is kept in the data file as it is made: a new
// screen (after a quit or a crash) says so, and the petition opens as it
// was left.
func TestClassificationDraftSurvives(t *testing.T) {
	d, s, _ := inbox(t, model.VI)
	d.Press("enter")
	tabTo(t, d, fField)
	d.Press("B") // social insurance
	d.Expect("●[B]Bảo hiểm xã hội")
	if _, ok, _ := s.LoadDraft("lan", draftName); !ok {
		t.Fatal("no draft written while classifying")
	}
	again := tuitest.NewScreen(t, New(m_(d).ctx))
	if st, _ := again.Status(); !strings.Contains(st, "chưa lưu") || !again.S.Dirty() {
		t.Fatalf("the kept classification was not announced: %q", st)
	}
	again.Press("enter").Expect("●[B]Bảo hiểm xã hội")
}

// Typing after a filled-in reason never glues to its last word, and a
// reason still as filled in follows the conditions ticked beside it.
func TestFilledReasonIsNotGlued(t *testing.T) {
	d, _, _ := inbox(t, model.VI)
	d.Press("enter")
	tabTo(t, d, fDecision)
	d.Press("2")
	f := m_(d).form
	auto := f.reason.Value()
	if auto == "" {
		t.Fatal("no reason filled in for a guidance")
	}
	tabTo(t, d, fConditions)
	d.Press("k") // not processable: the filled-in reason follows
	if f.reason.Value() == "" {
		t.Fatal("the reason went empty")
	}
	filled := f.reason.Value()
	tabTo(t, d, fReason)
	d.Type("Trùng")
	if got := f.reason.Value(); !strings.HasSuffix(got, ". Trùng") || !strings.HasPrefix(got, strings.TrimRight(filled, ".")) {
		t.Fatalf("reason %q (filled in %q)", got, filled)
	}
}

// A petition waiting in the inbox can be corrected (Ctrl+O), with a reason.
func TestCorrectAPetitionInTheInbox(t *testing.T) {
	d, s, ps := inbox(t, model.VI)
	d.Out = nil
	d.Press("ctrl+o")
	page := tuitest.PageOf(d.Out)
	if page == nil || !strings.Contains(tuitest.Strip(page.View(80, 21)), "Sửa thông tin đơn "+ps[0].No) {
		t.Fatalf("Ctrl+O did not open the correction: %#v", d.Out)
	}
	for _, k := range append(tuitest.Runes(" hai tháng"), tuitest.Key("ctrl+s")) {
		page.Key(k)
	}
	for _, r := range tuitest.Runes("Thiếu thời gian") {
		page.Key(r)
	}
	_, cmd := page.Key(tuitest.Key("ctrl+s"))
	for _, m := range tuitest.Drain(cmd) {
		d.Send(m)
	}
	if p, _ := s.Petition(ps[0].ID); p.Summary != "Công ty nợ lương ba tháng hai tháng" {
		t.Fatalf("summary %q", p.Summary)
	}
}
