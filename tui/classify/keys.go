package classify

import (
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
)

type keyMap struct {
	Move     key.Binding
	Open     key.Binding
	Save     key.Binding
	Next     key.Binding
	Prev     key.Binding
	Choose   key.Binding
	Toggle   key.Binding
	Back     key.Binding
	Letter   key.Binding
	OpenCase key.Binding
	Correct  key.Binding
	Toggles  common.ToggleKeys
	Choices  common.ChoiceKeys
	// Reveal (b, as in follow-up): the confidential sender of the
	// petition under the cursor, for the unit's leaders (set by NewWith:
	// its reason depends on that petition).
	Reveal common.Action
}

func newKeys(w *common.ClassifyWords, d *common.DeskWords) keyMap {
	return keyMap{
		Move:     key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown", "home", "end"), key.WithHelp("↑↓", w.KeyMove)),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", w.KeyOpen)),
		Save:     key.NewBinding(key.WithKeys("ctrl+s", "f10"), key.WithHelp("Ctrl+S/F10", w.KeySave)),
		Next:     key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("Tab/↓/Enter", w.KeyNext)),
		Prev:     key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("Shift+Tab/↑", w.KeyPrev)),
		Choose:   key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←→", w.KeyChoose)),
		Toggle:   key.NewBinding(key.WithKeys(" "), key.WithHelp("Space", w.KeyToggle)),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack)),
		Letter:   key.NewBinding(key.WithKeys("f9"), key.WithHelp("F9", w.KeyLetter)),
		OpenCase: key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", w.KeyOpenCase)),
		Correct:  key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("Ctrl+O", d.Correct)),
		Toggles:  common.NewToggleKeys(),
		Choices:  common.NewChoiceKeys(),
	}
}
