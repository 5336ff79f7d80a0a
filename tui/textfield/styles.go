package textfield

import "github.com/charmbracelet/lipgloss"

// Styles are the looks of a field. Use inline styles only (colours and
// attributes): padding, borders or widths break the width of the view. The
// zero value renders plain text, with no visible cursor, which suits tests
// and golden files.
type Styles struct {
	Prompt      lipgloss.Style
	Text        lipgloss.Style
	Placeholder lipgloss.Style
	Cursor      lipgloss.Style // the letter under the cursor, or a space at the end
}

// DefaultStyles returns styles that work in 16 colours and with NO_COLOR: a
// reverse-video cursor and a faint placeholder. r is the renderer of the
// program's output; nil means lipgloss's default renderer.
func DefaultStyles(r *lipgloss.Renderer) Styles {
	if r == nil {
		r = lipgloss.DefaultRenderer()
	}
	return Styles{
		Prompt:      r.NewStyle(),
		Text:        r.NewStyle(),
		Placeholder: r.NewStyle().Faint(true),
		Cursor:      r.NewStyle().Reverse(true),
	}
}
