package reception

import (
	"testing"

	"donthu/model"
)

// TestDelegatedReception: a scheduled or ad-hoc reception asks whether a
// delegate held it (01/TCD counts the head's and the delegates' apart); a
// regular one does not ask, and never saves it.
func TestDelegatedReception(t *testing.T) {
	d, s := screen(t, model.VI)
	seed(t, s)
	d.Type("binh").Press("enter")
	d.Type("Hỏi về lịch tiếp định kỳ")
	tabTo(t, d, fOutcome)
	d.Press("4")
	tabTo(t, d, fReception)
	d.ExpectNot("Ủy quyền tiếp")
	d.Press("2").Expect("Ủy quyền tiếp")
	tabTo(t, d, fDelegated)
	d.Press("space").Press("ctrl+s")
	if st, isErr := d.Status(); isErr {
		t.Fatalf("status %q\n%s", st, d.View())
	}
	vs := s.Visits(model.Date{}, model.Date{})
	if v := vs[len(vs)-1]; v.Reception != model.ReceptionScheduled || !v.Delegated {
		t.Fatalf("visit saved: %+v", v)
	}
}
