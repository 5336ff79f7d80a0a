package reception

import (
	"testing"

	"donthu/model"
	"donthu/tui/tuitest"

	"github.com/charmbracelet/lipgloss"
)

func lipglossWidth(s string) int { return lipgloss.Width(s) }

// TestGolden keeps the 80x24 layout (the 80x21 body the root gives the
// screen) in Vietnamese and English. go test -update rewrites the files.
func TestGolden(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		name := "reception_" + lang.Code()
		t.Run(lang.Code(), func(t *testing.T) {
			d, s := screen(t, lang)
			seed(t, s)
			tuitest.Golden(t, name+"_empty", d.View())
			d.Type("nguyen")
			tuitest.Golden(t, name+"_search", d.View())
			d.Press("esc", "esc")
			fillNewPerson(d)
			tabTo(t, d, fContent)
			d.Press("tab", "2", "tab", "tab").Type("Đơn").Press("tab").Type("x")
			tabTo(t, d, fKind)
			d.Press("T")
			d.Press("ctrl+s")
			tuitest.Golden(t, name+"_errors", d.View())
		})
	}
}
