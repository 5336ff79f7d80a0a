package reports

import (
	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
)

// keyMap holds the screen's keys: one letter or digit each, since the
// screen has no text field except the folder prompt.
type keyMap struct {
	Move key.Binding // help only: the list keys
	common.ListKeys
	Form      key.Binding
	Prev      key.Binding
	Next      key.Binding
	Month     key.Binding
	Quarter   key.Binding
	Half      key.Binding
	Nine      key.Binding
	Year      key.Binding
	Range     key.Binding
	Official  key.Binding
	Unit      key.Binding
	Column    key.Binding
	Drill     key.Binding
	Back      key.Binding
	Charts    key.Binding
	Export    key.Binding
	Registers key.Binding
	Folder    key.Binding
	Verify    key.Binding
	// Urge (f, as in follow-up): the body a listed record was sent to;
	// handlers and leaders.
	Urge common.Action
	// Reveal (b, as in follow-up): the confidential sender of the listed
	// record, on the reveal page every screen shares (set by New: its
	// reason depends on the line under the cursor).
	Reveal common.Action
}

func newKeys(w *common.ReportsWords) keyMap {
	return keyMap{
		Move:      key.NewBinding(key.WithKeys("up"), key.WithHelp("↑↓ PgUp PgDn", w.KeyMove)),
		ListKeys:  common.NewListKeys(),
		Form:      key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8"), key.WithHelp("1–8", w.KeyForm)),
		Prev:      key.NewBinding(key.WithKeys("left"), key.WithHelp("←→", w.KeyPeriod)),
		Next:      key.NewBinding(key.WithKeys("right")),
		Month:     key.NewBinding(key.WithKeys("t"), key.WithHelp("t q s c n", w.KeyKind)),
		Quarter:   key.NewBinding(key.WithKeys("q")),
		Half:      key.NewBinding(key.WithKeys("s")),
		Nine:      key.NewBinding(key.WithKeys("c")),
		Year:      key.NewBinding(key.WithKeys("n")),
		Range:     key.NewBinding(key.WithKeys("k"), key.WithHelp("k", w.KeyRange)),
		Official:  key.NewBinding(key.WithKeys("o"), key.WithHelp("o", w.KeyOfficial)),
		Unit:      key.NewBinding(key.WithKeys("u"), key.WithHelp("u", w.KeyUnit)),
		Column:    key.NewBinding(key.WithKeys("tab", "shift+tab"), key.WithHelp("Tab", w.KeyColumn)),
		Drill:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", w.KeyDrill)),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack)),
		Charts:    key.NewBinding(key.WithKeys("g"), key.WithHelp("g", w.KeyCharts)),
		Export:    key.NewBinding(key.WithKeys("e"), key.WithHelp("e", w.KeyExport)),
		Registers: key.NewBinding(key.WithKeys("r"), key.WithHelp("r", w.KeyRegisters)),
		Folder:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", w.KeyFolder)),
		Verify:    key.NewBinding(key.WithKeys("v"), key.WithHelp("v", w.KeyVerify)),
		Urge:      common.NewAction("f", w.KeyUrge, "f").For(model.RoleHandler, model.RoleLeader),
	}
}

func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.mode {
	case modeDrill:
		open := key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", m.w.KeyOpen))
		return []key.Binding{k.Move, open, k.Urge.Binding, k.Reveal.Binding, k.Back}
	case modeCharts:
		other := key.NewBinding(key.WithKeys("left"), key.WithHelp("←→", m.w.KeyChart))
		return []key.Binding{other, k.Drill, k.Back}
	}
	return []key.Binding{k.Drill, k.Charts, k.Export, k.Registers}
}

// FullHelp lists every key in two columns (the words are short enough
// for both to fit 80 cells; the help drops a column that does not fit).
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	all := []key.Binding{k.Form, k.Prev, k.Month, k.Range, k.Official, k.Unit, k.Move, k.Column,
		k.Drill, k.Urge.HelpBinding(m.ctx.User, &m.ctx.Words.Desk, 28), m.revealHelp(), k.Back, k.Charts, k.Export, k.Registers, k.Folder, k.Verify}
	half := (len(all) + 1) / 2
	return [][]key.Binding{all[:half], all[half:]}
}
