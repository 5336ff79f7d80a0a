package classify

import (
	"testing"

	"donthu/model"
	"donthu/tui/tuitest"
)

// TestGolden keeps the 80x24 layout (the 80x21 body the root gives the
// screen) of the list, the form and the confirmation, in Vietnamese and
// English. go test -update rewrites the files.
func TestGolden(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		name := "classify_" + lang.Code()
		t.Run(lang.Code(), func(t *testing.T) {
			d, _, _ := inbox(t, lang)
			tuitest.Golden(t, name+"_list", d.View())
			d.Press("enter", "L")
			tuitest.Golden(t, name+"_form", d.View())
			tabTo(t, d, fDecision)
			d.Press("1")
			tuitest.Golden(t, name+"_decision", d.View())
			d.Press("ctrl+s")
			tuitest.Golden(t, name+"_done", d.View())
		})
	}
}
