package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// ListKeys are the keys that move through any list or scrolled text:
// ↑↓ (and Ctrl+P/N), PgUp/PgDn, Home/End.
type ListKeys struct {
	Up, Down, PageUp, PageDown, Home, End key.Binding
}

// NewListKeys makes the list keys.
func NewListKeys() ListKeys {
	return ListKeys{
		Up:       key.NewBinding(key.WithKeys("up", "ctrl+p")),
		Down:     key.NewBinding(key.WithKeys("down", "ctrl+n")),
		PageUp:   key.NewBinding(key.WithKeys("pgup")),
		PageDown: key.NewBinding(key.WithKeys("pgdown")),
		Home:     key.NewBinding(key.WithKeys("home")),
		End:      key.NewBinding(key.WithKeys("end")),
	}
}

// Far is the move of Home and End: further than any list is long, so the
// caller's clamping lands on the first or the last line.
const Far = 1 << 30

// Step says how far msg moves: ±1 a line, ±page a page, ±Far to either
// end; ok is false for a key that is not a list key.
func (k ListKeys) Step(msg tea.KeyMsg, page int) (delta int, ok bool) {
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.Home):
		return -Far, true
	case key.Matches(msg, k.End):
		return Far, true
	}
	return 0, false
}
