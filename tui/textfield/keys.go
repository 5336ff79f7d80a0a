package textfield

import "github.com/charmbracelet/bubbles/key"

// KeyMap holds the keys a field answers. Keys not listed here that carry
// text (letters, digits, space, pasted text) are inserted. The bindings carry
// no help text: the field's keys are the ones every text box has, and the
// tui package decides what its help shows.
type KeyMap struct {
	CharacterForward        key.Binding
	CharacterBackward       key.Binding
	WordForward             key.Binding
	WordBackward            key.Binding
	LineStart               key.Binding
	LineEnd                 key.Binding
	DeleteCharacterBackward key.Binding
	DeleteCharacterForward  key.Binding
	DeleteWordBackward      key.Binding
	DeleteWordForward       key.Binding
	DeleteBeforeCursor      key.Binding
	DeleteAfterCursor       key.Binding
}

// DefaultKeyMap returns the usual keys of a terminal text box: arrows,
// Home/End (and Ctrl+A/Ctrl+E for laptops without them), Backspace/Delete,
// Ctrl+W (word before the cursor), Ctrl+U (all before the cursor) and
// Ctrl+K (all after it).
func DefaultKeyMap() KeyMap {
	return KeyMap{
		CharacterForward:        key.NewBinding(key.WithKeys("right")),
		CharacterBackward:       key.NewBinding(key.WithKeys("left")),
		WordForward:             key.NewBinding(key.WithKeys("ctrl+right", "alt+right", "alt+f")),
		WordBackward:            key.NewBinding(key.WithKeys("ctrl+left", "alt+left", "alt+b")),
		LineStart:               key.NewBinding(key.WithKeys("home", "ctrl+a")),
		LineEnd:                 key.NewBinding(key.WithKeys("end", "ctrl+e")),
		DeleteCharacterBackward: key.NewBinding(key.WithKeys("backspace", "ctrl+h")),
		DeleteCharacterForward:  key.NewBinding(key.WithKeys("delete")),
		DeleteWordBackward:      key.NewBinding(key.WithKeys("ctrl+w", "alt+backspace")),
		DeleteWordForward:       key.NewBinding(key.WithKeys("alt+delete", "alt+d")),
		DeleteBeforeCursor:      key.NewBinding(key.WithKeys("ctrl+u")),
		DeleteAfterCursor:       key.NewBinding(key.WithKeys("ctrl+k")),
	}
}
