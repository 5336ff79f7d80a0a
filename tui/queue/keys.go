package queue

import (
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap holds the queue's keys. Letters go to the search box, so the
// screen's own commands are Enter, Esc and Ctrl keys.
type keyMap struct {
	Type key.Binding // help only: letters search
	Move key.Binding // help only: the list keys
	common.ListKeys
	Open     key.Binding
	Clear    key.Binding
	Filter   key.Binding
	ClearAll key.Binding
	Closed   key.Binding
	Review   key.Binding

	// In the filter form.
	Next   key.Binding
	Prev   key.Binding
	Change key.Binding
	Left   key.Binding
	Right  key.Binding
	Apply  key.Binding
	Cancel key.Binding
}

func newKeys(w *common.QueueWords) keyMap {
	return keyMap{
		Type:     key.NewBinding(key.WithKeys("a"), key.WithHelp(w.KeyType, w.KeyTypeDesc)),
		Move:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑↓ PgUp PgDn", w.KeyMove)),
		ListKeys: common.NewListKeys(),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", w.KeyOpen)),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyClear)),
		Filter:   key.NewBinding(key.WithKeys("ctrl+l"), key.WithHelp("Ctrl+L", w.KeyFilter)),
		ClearAll: key.NewBinding(key.WithKeys("ctrl+x"), key.WithHelp("Ctrl+X", w.KeyClearAll)),
		Closed:   key.NewBinding(key.WithKeys("ctrl+t"), key.WithHelp("Ctrl+T", w.KeyClosed)),
		Review:   key.NewBinding(key.WithKeys("ctrl+r"), key.WithHelp("Ctrl+R", w.KeyReview)),

		Next:   key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↑↓ Tab", w.KeyMove)),
		Prev:   key.NewBinding(key.WithKeys("up", "shift+tab")),
		Change: key.NewBinding(key.WithKeys("left"), key.WithHelp("←→", w.KeyChange)),
		Left:   key.NewBinding(key.WithKeys("left")),
		Right:  key.NewBinding(key.WithKeys("right", " ")),
		Apply:  key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("Enter", w.KeyApply)),
		Cancel: key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyCancel)),
	}
}
