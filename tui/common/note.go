package common

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// NoteLevel is how serious a note under a form field is.
type NoteLevel int

// The note levels: an error stops saving; a warning and an information do not.
const (
	NoteErr NoteLevel = iota
	NoteWarn
	NoteInfo
)

// Note is a message shown under a form field: the model's refusal, a
// warning, or a word of explanation.
type Note struct {
	Level NoteLevel
	Text  string
}

// NoteLines renders a note under its field: indented by indent cells,
// wrapped to width, marked with a sign (✗ ⚠ ·) so it reads without colour.
func (st *Styles) NoteLines(n Note, indent, width int) []string {
	sign, style := "✗ ", st.ErrText
	switch n.Level {
	case NoteWarn:
		sign, style = "⚠ ", st.Warn
	case NoteInfo:
		sign, style = "· ", st.Muted
	}
	pad := strings.Repeat(" ", indent)
	var out []string
	for i, t := range strings.Split(ansi.Wrap(n.Text, width, ""), "\n") {
		if i == 0 {
			t = sign + t
		} else {
			t = "  " + t
		}
		out = append(out, pad+style.Render(t))
	}
	return out
}
