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

// ToggleKeys are the keys of every on/off input: Space or X flips it, C or
// Y turns it on (có, yes), K or N turns it off (không, no).
type ToggleKeys struct {
	Flip, On, Off key.Binding
}

// NewToggleKeys makes the toggle keys.
func NewToggleKeys() ToggleKeys {
	return ToggleKeys{
		Flip: key.NewBinding(key.WithKeys(" ", "x", "X")),
		On:   key.NewBinding(key.WithKeys("c", "C", "y", "Y")),
		Off:  key.NewBinding(key.WithKeys("k", "K", "n", "N")),
	}
}

// Apply says what msg makes of a toggle that is v now; ok is false for a
// key that is not a toggle key.
func (t ToggleKeys) Apply(msg tea.KeyMsg, v bool) (bool, bool) {
	switch {
	case key.Matches(msg, t.Flip):
		return !v, true
	case key.Matches(msg, t.On):
		return true, true
	case key.Matches(msg, t.Off):
		return false, true
	}
	return v, false
}

// ChoiceKeys move a choice's selection: ← and →.
type ChoiceKeys struct{ Left, Right key.Binding }

// NewChoiceKeys makes the choice keys.
func NewChoiceKeys() ChoiceKeys {
	return ChoiceKeys{Left: key.NewBinding(key.WithKeys("left")), Right: key.NewBinding(key.WithKeys("right"))}
}

// Step is -1 for ←, +1 for →, 0 for any other key.
func (c ChoiceKeys) Step(msg tea.KeyMsg) int {
	switch {
	case key.Matches(msg, c.Left):
		return -1
	case key.Matches(msg, c.Right):
		return 1
	}
	return 0
}
