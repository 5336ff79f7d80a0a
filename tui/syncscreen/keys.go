package syncscreen

import (
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap holds the screen's keys, built from the language's words. The
// letters are Vietnamese mnemonics and stay the same in English: g ghi
// gói (write), n nhập gói (import), r tìm lại (rescan), c có (yes), k
// không (no).
type keyMap struct {
	Move    key.Binding
	Export  key.Binding
	Import  key.Binding
	Pick    key.Binding
	Path    key.Binding
	Rescan  key.Binding
	Confirm key.Binding
	No      key.Binding
	Scroll  key.Binding
	Back    key.Binding
	Up      key.Binding // the folder list
	Down    key.Binding
	List    common.ListKeys // the results
}

func newKeys(w *common.SyncWords) keyMap {
	return keyMap{
		Move:   key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown", "home", "end"), key.WithHelp("↑↓", w.KeyMove)),
		Export: key.NewBinding(key.WithKeys("g"), key.WithHelp("g", w.KeyExport)),
		Import: key.NewBinding(key.WithKeys("n"), key.WithHelp("n", w.KeyImport)),
		Pick:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", w.KeyPick)),
		Path:   key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("Tab", w.KeyPath)),
		Rescan: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", w.KeyRescan)),
		// Importing is dangerous: only an explicit key, never Enter.
		Confirm: key.NewBinding(key.WithKeys("c", "C", "y", "Y"), key.WithHelp("C", w.KeyConfirm)),
		No:      key.NewBinding(key.WithKeys("k", "K", "n", "N", "esc"), key.WithHelp("K/Esc", w.KeyBack)),
		Scroll:  key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown", "home", "end"), key.WithHelp("↑↓ PgUp PgDn", w.KeyScroll)),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack)),
		Up:      key.NewBinding(key.WithKeys("up")),
		Down:    key.NewBinding(key.WithKeys("down")),
		List:    common.NewListKeys(),
	}
}
