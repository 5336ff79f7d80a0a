package reception

import (
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap holds the screen's keys, built from the language's words.
type keyMap struct {
	Next      key.Binding
	Prev      key.Binding
	Pick      key.Binding
	Save      key.Binding
	NewPerson key.Binding
	Remove    key.Binding
	Receipt   key.Binding
	Toggle    key.Binding
	Choose    key.Binding
	Back      key.Binding
	Correct   key.Binding
	UseFound  key.Binding
	Visits    key.Binding
	List      common.ListKeys   // the person picker
	Toggles   common.ToggleKeys // on/off inputs
	Choices   common.ChoiceKeys // ← → on a choice
}

func newKeys(w *common.ReceptionWords, d *common.DeskWords) keyMap {
	return keyMap{
		Next:      key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("Tab/↓/Enter", w.KeyNext)),
		Prev:      key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("Shift+Tab/↑", w.KeyPrev)),
		Pick:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("↑↓ Enter", w.KeyPick)),
		Save:      key.NewBinding(key.WithKeys("ctrl+s", "f10"), key.WithHelp("Ctrl+S/F10", w.KeySave)),
		NewPerson: key.NewBinding(key.WithKeys("ctrl+n"), key.WithHelp("Ctrl+N", w.KeyNewPerson)),
		Remove:    key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("Ctrl+D", w.KeyRemove)),
		Receipt:   key.NewBinding(key.WithKeys("f9"), key.WithHelp("F9", w.KeyReceipt)),
		Toggle:    key.NewBinding(key.WithKeys(" "), key.WithHelp("Space", w.KeyToggle)),
		Choose:    key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←→", w.KeyChoose)),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack)),
		Correct:   key.NewBinding(key.WithKeys("ctrl+o"), key.WithHelp("Ctrl+O", d.Correct)),
		UseFound:  key.NewBinding(key.WithKeys("ctrl+y"), key.WithHelp("Ctrl+Y", w.KeyUseFound)),
		Visits:    key.NewBinding(key.WithKeys("ctrl+g"), key.WithHelp("Ctrl+G", w.KeyVisits)),
		List:      pickerKeys(),
		Toggles:   common.NewToggleKeys(),
		Choices:   common.NewChoiceKeys(),
	}
}

// pickerKeys are the list keys of the person picker; Home and End stay
// with the search field (the start and end of what is typed).
func pickerKeys() common.ListKeys {
	k := common.NewListKeys()
	k.Home, k.End = key.NewBinding(key.WithDisabled()), key.NewBinding(key.WithDisabled())
	return k
}
