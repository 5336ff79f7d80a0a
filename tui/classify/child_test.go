package classify

import (
	"os"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/tuitest"
)

// office is HN01 with children GL07 and GL08 (cards exchanged) and one
// petition received at the office.
func office(t *testing.T, lang model.Lang) (*tuitest.Screen, *store.Store, *store.Store, model.Petition) {
	t.Helper()
	clk := &storetest.Clock{T: storetest.Start}
	hn := storetest.NewAt(t, "HN01", "", clk)
	gl07 := storetest.NewAt(t, "GL07", "HN01", clk)
	gl08 := storetest.NewAt(t, "GL08", "HN01", clk)
	for _, c := range []*store.Store{gl07, gl08} {
		for _, pair := range [][2]*store.Store{{hn, c}, {c, hn}} {
			card, err := pair[1].KeyCard()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := pair[0].PinPeer(card, store.PinOptions{By: "lan"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	p := storetest.Visit(t, hn, "Nguyễn Văn An", model.KindComplaint)
	ctx := tuitest.Context(t, hn, clk.Now, "lan", lang)
	return tuitest.NewScreen(t, New(ctx)), hn, gl07, p
}

// At an office, a petition within a child union's competence is
// transferred to it: filed here as forwarded to the child, and a copy
// goes in the child's next bundle.
func TestTransferToChild(t *testing.T) {
	d, hn, gl07, p := office(t, model.VI)
	d.Press("enter", "L")
	tabTo(t, d, fDecision)
	d.Expect("[6]Chuyển cấp dưới")
	d.Press("6").Expect("Văn bản cần lập: Phiếu chuyển đơn khiếu nại")
	d.Press("tab")
	if m_(d).form.at != fChild {
		t.Fatalf("after the decision: %v", m_(d).form.at)
	}
	d.Expect("›Đơn vị cấp dưới  [1]GL07  [2]GL08")
	// Two children: the person picks one.
	d.Press("ctrl+s").Expect("✗ Chọn đơn vị cấp dưới nhận đơn")
	if got, _ := hn.Petition(p.ID); got.Classified {
		t.Fatal("saved without a child")
	}
	d.Press("1").Expect("Chuyển cho Công đoàn GL07 (GL07); đơn sẽ đi trong gói tiếp", "theo gửi GL07 (F6 Đồng bộ).")
	d.Press("tab").Expect("quyền của công đoàn cấp dưới: chuyển đơn vị đó giải quyết ]")
	d.Press("ctrl+s")
	st, isErr := d.Status()
	if isErr || !strings.HasPrefix(st, "Đơn "+p.No+" đã chuyển cho GL07 (số chuyển HN01-2026-") {
		t.Fatalf("status %q\n%s", st, d.View())
	}
	d.Expect("✓ Đơn "+p.No+" đã chuyển cho GL07", "Đơn sẽ đi trong gói tiếp theo gửi GL07")
	got, _ := hn.Petition(p.ID)
	if got.Decision != model.DecisionForward || got.ForwardTo != "Công đoàn GL07 (GL07)" || got.Competent || got.Field != model.FieldWages {
		t.Fatalf("the office's petition %+v", got)
	}
	// The copy reaches GL07's inbox with the office's number.
	x, err := hn.ExportBundle("GL07", t.TempDir()+string(os.PathSeparator))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gl07.ImportBundle(x.Path); err != nil {
		t.Fatal(err)
	}
	if in := storetest.Must(gl07.Inbox()); len(in) != 1 || in[0].FromNo != p.No || in[0].Kind != model.KindComplaint || in[0].Source != model.SourceUpper {
		t.Fatalf("GL07's inbox %+v", in)
	}
}

// A site with no child is not offered the transfer.
func TestNoChildNoTransfer(t *testing.T) {
	d, _, _ := inbox(t, model.EN)
	d.Press("enter")
	tabTo(t, d, fDecision)
	d.ExpectNot("To a child site", "[6]")
}
