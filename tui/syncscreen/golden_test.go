package syncscreen

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/tuitest"
)

// TestGolden keeps the 80x24 layout (the 80x21 body the root gives the
// screen), in Vietnamese and English, of: a site with no peer yet; a site
// choosing where to write its bundle, and what it wrote; an office
// importing a folder holding a good bundle and a refused one, and its
// peers afterwards. go test -update rewrites the files.
//
// The stick is "usb", relative to a temporary working folder, so paths
// are the same on every run; the keys are made afresh on each run, so
// fingerprints are replaced by fixed ones of the same width.
func TestGolden(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		name := "sync_" + lang.Code() + "_"
		views := map[string]string{}
		t.Run(lang.Code(), func(t *testing.T) {
			t.Run("use", func(t *testing.T) {
				t.Chdir(t.TempDir())
				goldenViews(t, lang, views)
			})
			for _, v := range []string{"nopeers", "pick", "exported", "confirm", "imported", "peers", "refused"} {
				if views[v] == "" {
					t.Fatalf("no view %s", v)
				}
				tuitest.Golden(t, name+v, views[v])
			}
		})
	}
}

func goldenViews(t *testing.T, lang model.Lang, views map[string]string) {
	// Fingerprints in the order the sites are made: 0000 0000 0000 0000
	// 0000 0001, ...
	fixed := map[string]string{}
	mask := func(ss ...*store.Store) {
		for _, s := range ss {
			fixed[keyCard(t, s).Fingerprint()] = strings.Repeat("0000 ", 5) + fmt.Sprintf("%04d", len(fixed)+1)
		}
	}
	view := func(d *tuitest.Screen) string {
		v := d.View()
		for fp, f := range fixed {
			v = strings.ReplaceAll(v, fp, f)
		}
		return v
	}
	if err := os.Mkdir("usb", 0o755); err != nil {
		t.Fatal(err)
	}
	clk := &storetest.Clock{T: storetest.Start}

	// A site with no peer yet.
	lone := storetest.NewAt(t, "GL05", "", clk)
	mask(lone)
	views["nopeers"] = view(screen(t, ctxFor(t, lone, clk, lang)))

	// GL07 writes its bundle for the office HN01.
	office := storetest.NewAt(t, "HN01", "", clk)
	site := storetest.NewAt(t, "GL07", "HN01", clk)
	pinBoth(t, office, site)
	storetest.Visit(t, site, "Nguyễn Văn An", model.KindComplaint)
	// GL09 pinned the office before naming it its parent, and the office
	// pinned GL09 as another site, not a child: its bundle is refused.
	gl09 := storetest.NewAt(t, "GL09", "", clk)
	pinBoth(t, office, gl09)
	if err := gl09.SetParent("lan", "HN01"); err != nil {
		t.Fatal(err)
	}
	mask(office, site, gl09)
	d := screen(t, ctxFor(t, site, clk, lang), "usb")
	d.Press("g")
	views["pick"] = view(d)
	d.Press("enter")
	views["exported"] = view(d)
	clk.Advance(10 * time.Minute)
	if _, err := gl09.ExportBundle("HN01", "usb/donthu/"); err != nil {
		t.Fatal(err)
	}

	// The office imports both.
	clk.Advance(2 * time.Hour)
	o := screen(t, ctxFor(t, office, clk, lang), "usb")
	o.Press("n", "enter")
	views["confirm"] = view(o)
	o.Press("c")
	views["imported"] = view(o)
	o.Press("esc")
	clk.Advance(3 * 24 * time.Hour)
	o.Press("g", "enter", "esc")
	views["peers"] = view(o)
	o.Press("down")
	views["refused"] = view(o)
}
