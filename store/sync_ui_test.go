package store_test

import (
	"errors"
	"os"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// officeWithChildren is HN01 with children GL07 and GL08, cards exchanged.
func officeWithChildren(t *testing.T) (office, gl07, gl08 *store.Store) {
	t.Helper()
	clk := &storetest.Clock{T: storetest.Start}
	office = storetest.NewAt(t, "HN01", "", clk)
	gl07 = storetest.NewAt(t, "GL07", "HN01", clk)
	gl08 = storetest.NewAt(t, "GL08", "HN01", clk)
	for _, c := range []*store.Store{gl07, gl08} {
		for _, pair := range [][2]*store.Store{{office, c}, {c, office}} {
			card, err := pair[1].KeyCard()
			if err != nil {
				t.Fatal(err)
			}
			if _, err := pair[0].PinPeer(card, store.PinOptions{By: "lan"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return office, gl07, gl08
}

func TestClassifyToChild(t *testing.T) {
	office, gl07, gl08 := officeWithChildren(t)
	if got := office.Children(); len(got) != 2 || got[0].Code != "GL07" || got[1].Code != "GL08" || got[0].Relation != store.RelChild {
		t.Fatalf("children %+v", got)
	}
	if got := gl07.Children(); len(got) != 0 {
		t.Fatalf("a site's children: %+v", got)
	}
	p := storetest.Visit(t, office, "Nguyễn Văn An", model.KindComplaint)
	c := model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour, Field: model.FieldWages, Conditions: true, Round: 1,
		Reason: "Thuộc thẩm quyền của công đoàn cấp dưới"}

	// Not a child: nothing is recorded, no number is used.
	if _, err := office.ClassifyToChild("lan", p.ID, "GL09", c); !errors.Is(err, store.ErrNotPeer) {
		t.Fatalf("to a stranger: %v", err)
	}
	if got, _ := office.Petition(p.ID); got.Classified {
		t.Fatal("classified though the transfer was refused")
	}

	tp, err := office.ClassifyToChild("lan", p.ID, "gl07", c)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := office.Petition(p.ID)
	if !got.Classified || got.Decision != model.DecisionForward || got.ForwardTo != "Công đoàn GL07 (GL07)" {
		t.Fatalf("the office's petition %+v", got)
	}
	if tp.Site != "GL07" || tp.From != "HN01" || tp.FromNo != p.No || tp.No == p.No || tp.Classified || tp.SenderName != "Nguyễn Văn An" || tp.Field != model.FieldWages {
		t.Fatalf("the copy %+v", tp)
	}
	// A petition is classified once.
	if _, err := office.ClassifyToChild("lan", p.ID, "GL08", c); err == nil {
		t.Fatal("classified twice")
	}
	// The copy goes to GL07 only.
	dir := t.TempDir() + string(os.PathSeparator)
	x, err := office.ExportBundle("GL07", dir)
	if err != nil || x.Manifest.Events.Count != 1 {
		t.Fatalf("bundle for GL07: %+v %v", x.Manifest, err)
	}
	if _, err := gl07.ImportBundle(x.Path); err != nil {
		t.Fatal(err)
	}
	if in := storetest.Must(gl07.Inbox()); len(in) != 1 || in[0].ID != tp.ID || in[0].FromNo != p.No || in[0].Summary != p.Summary {
		t.Fatalf("GL07's inbox %+v", in)
	}
	if x, err := office.ExportBundle("GL08", dir); err != nil || x.Manifest.Events.Count != 0 {
		t.Fatalf("bundle for GL08: %+v %v", x.Manifest, err)
	}
	if in := storetest.Must(gl08.Inbox()); len(in) != 0 {
		t.Fatalf("GL08's inbox %+v", in)
	}
}
