package common

import (
	"io"
	"os"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// Styles is the one theme of the application. It uses only the 16 ANSI
// colours, so it looks the same on an old console and a modern terminal,
// and it never relies on colour alone: overdue rows also carry a sign.
type Styles struct {
	R *lipgloss.Renderer

	App       lipgloss.Style
	Title     lipgloss.Style
	Tab       lipgloss.Style
	TabActive lipgloss.Style
	Status    lipgloss.Style
	StatusErr lipgloss.Style
	StatusKey lipgloss.Style
	Help      lipgloss.Style
	Muted     lipgloss.Style
	Bold      lipgloss.Style
	Label     lipgloss.Style
	Focused   lipgloss.Style // a focused field's label
	ErrText   lipgloss.Style
	OK        lipgloss.Style
	Warn      lipgloss.Style
	Overdue   lipgloss.Style
	DueSoon   lipgloss.Style
	Selected  lipgloss.Style // the cursor row of a list
	Header    lipgloss.Style // a table header
	Box       lipgloss.Style // a dialog
	Choice    lipgloss.Style // a chosen option
	KeyHint   lipgloss.Style // the key letter of an option
}

// NewStyles builds the theme for output w. With NO_COLOR set (or plain
// set), styles carry no colour but keep bold, reverse and underline: the
// cursor, the active tab and the selected row still show, and every state
// also has a sign. (termenv's Ascii profile would drop those too.)
func NewStyles(w io.Writer, plain bool) *Styles {
	r := lipgloss.NewRenderer(w)
	// Decide colours without asking the terminal: one that never answers
	// costs seconds at start-up.
	r.SetHasDarkBackground(true)
	r.SetColorProfile(termenv.ANSI)
	return newStyles(r, !plain && os.Getenv("NO_COLOR") == "")
}

// PlainStyles is the colourless theme used by golden-file tests.
func PlainStyles() *Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return newStyles(r, false)
}

func newStyles(r *lipgloss.Renderer, colour bool) *Styles {
	c := func(n string) lipgloss.TerminalColor {
		if !colour {
			return lipgloss.NoColor{}
		}
		return lipgloss.Color(n)
	}
	s := &Styles{R: r}
	s.App = r.NewStyle()
	s.Title = r.NewStyle().Bold(true)
	s.Tab = r.NewStyle().Padding(0, 1)
	s.TabActive = r.NewStyle().Padding(0, 1).Bold(true).Reverse(true)
	s.Status = r.NewStyle().Reverse(true)
	s.StatusErr = r.NewStyle().Bold(true).Foreground(c("9"))
	s.StatusKey = r.NewStyle().Bold(true)
	s.Help = r.NewStyle().Foreground(c("8"))
	s.Muted = r.NewStyle().Foreground(c("8"))
	s.Bold = r.NewStyle().Bold(true)
	s.Label = r.NewStyle()
	s.Focused = r.NewStyle().Bold(true).Foreground(c("14"))
	s.ErrText = r.NewStyle().Foreground(c("9"))
	s.OK = r.NewStyle().Foreground(c("10"))
	s.Warn = r.NewStyle().Foreground(c("11"))
	s.Overdue = r.NewStyle().Foreground(c("9")).Bold(true)
	s.DueSoon = r.NewStyle().Foreground(c("11"))
	s.Selected = r.NewStyle().Reverse(true)
	s.Header = r.NewStyle().Bold(true).Underline(true)
	s.Box = r.NewStyle().Border(lipgloss.NormalBorder()).Padding(0, 1)
	s.Choice = r.NewStyle().Bold(true)
	s.KeyHint = r.NewStyle().Bold(true).Underline(true)
	return s
}
