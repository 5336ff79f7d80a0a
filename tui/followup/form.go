package followup

import (
	"slices"
	"strings"

	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// fieldKind is how a form field is edited.
type fieldKind int

const (
	fkText   fieldKind = iota // a line of text
	fkDate                    // dd/mm/yyyy
	fkNumber                  // a whole number
	fkChoice                  // options picked with one key each (1, 2, ...) or ←→
	fkList                    // a list picked with ↑↓ (users)
)

// option is one value of a choice or a list.
type option struct {
	value string
	label string
}

// formField is one input of an action's form.
type formField struct {
	name     string // the model's Msg.Field it answers: "on", "reason", "days", ...
	label    string
	kind     fieldKind
	input    textfield.Model
	hint     string
	opts     []option
	pick     int
	required bool
	err      string
}

// value returns what the field holds: the text, or the picked option.
func (f *formField) value() string {
	switch f.kind {
	case fkChoice, fkList:
		if f.pick >= 0 && f.pick < len(f.opts) {
			return f.opts[f.pick].value
		}
		return ""
	}
	return strings.TrimSpace(f.input.Value())
}

// form is the small form of one action, shown in an overlay. Esc leaves
// it without losing what was typed (the screen keeps it as a draft);
// a refusal is shown beside the field it is about.
type form struct {
	act     actionID
	title   string
	intro   []string
	fields  []formField
	focus   int
	err     string // a message about no one field
	initial []string
	preview func() string // a live line under the fields (a new last day)
	busy    bool          // the write is on its way to the store
}

func (m *Model) newField(name, label string, kind fieldKind, value string, width int) formField {
	f := formField{name: name, label: label, kind: kind}
	f.input = m.ctx.NewField("", width)
	f.input.Styles = textfield.DefaultStyles(m.ctx.Styles.R)
	f.input.CharLimit = 200
	switch kind {
	case fkDate:
		f.input.CharLimit = 10
		f.hint = m.w.DateHint
	case fkNumber:
		f.input.CharLimit = 4
	}
	f.input.SetValue(value)
	return f
}

// snapshot returns every field's value, to compare or keep as a draft.
func (fm *form) snapshot() []string {
	out := make([]string, len(fm.fields))
	for i := range fm.fields {
		f := &fm.fields[i]
		if f.kind == fkChoice || f.kind == fkList {
			out[i] = f.value()
		} else {
			out[i] = f.input.Value()
		}
	}
	return out
}

// restore puts a draft's values back.
func (fm *form) restore(vals []string) {
	for i := range fm.fields {
		if i >= len(vals) {
			return
		}
		f := &fm.fields[i]
		if f.kind == fkChoice || f.kind == fkList {
			for j, o := range f.opts {
				if o.value == vals[i] {
					f.pick = j
				}
			}
			continue
		}
		f.input.SetValue(vals[i])
	}
}

func (fm *form) changed() bool {
	now := fm.snapshot()
	for i := range now {
		if now[i] != fm.initial[i] {
			return true
		}
	}
	return false
}

func (fm *form) setFocus(i int) {
	for j := range fm.fields {
		fm.fields[j].input.Blur()
	}
	if len(fm.fields) == 0 {
		return
	}
	fm.focus = (i + len(fm.fields)) % len(fm.fields)
	if k := fm.fields[fm.focus].kind; k != fkChoice && k != fkList {
		fm.fields[fm.focus].input.Focus()
	}
}

func (fm *form) setMode(mode textfield.Mode, style textfield.ToneStyle) {
	for i := range fm.fields {
		fm.fields[i].input.SetMode(mode)
		fm.fields[i].input.SetToneStyle(style)
	}
}

// field returns the field answering name, or nil.
func (fm *form) field(name string) *formField {
	for i := range fm.fields {
		if fm.fields[i].name == name {
			return &fm.fields[i]
		}
	}
	return nil
}

// clearErrors forgets the messages of the last try.
func (fm *form) clearErrors() {
	fm.err = ""
	for i := range fm.fields {
		fm.fields[i].err = ""
	}
}

// formResult is what a key did to a form.
type formResult int

const (
	formStay formResult = iota
	formSubmit
	formCancel
)

// formKeys are the keys of an action's form. Enter on the last field
// saves, as Ctrl+S does anywhere; a dangerous action is still confirmed
// on the confirm page, where Enter does nothing.
var formKeys = struct {
	Cancel, Save, Enter, Next, Prev, Up, Down, Left, Right key.Binding
}{
	Cancel: key.NewBinding(key.WithKeys("esc")),
	Save:   key.NewBinding(key.WithKeys("ctrl+s")),
	Enter:  key.NewBinding(key.WithKeys("enter")),
	Next:   key.NewBinding(key.WithKeys("tab")),
	Prev:   key.NewBinding(key.WithKeys("shift+tab")),
	Up:     key.NewBinding(key.WithKeys("up")),
	Down:   key.NewBinding(key.WithKeys("down")),
	Left:   key.NewBinding(key.WithKeys("left")),
	Right:  key.NewBinding(key.WithKeys("right", " ")),
}

// key handles a key in the form.
func (fm *form) key(msg tea.KeyMsg) formResult {
	k := &formKeys
	if len(fm.fields) == 0 {
		switch {
		case key.Matches(msg, k.Cancel):
			return formCancel
		case key.Matches(msg, k.Enter), key.Matches(msg, k.Save):
			return formSubmit
		}
		return formStay
	}
	f := &fm.fields[fm.focus]
	last := fm.focus == len(fm.fields)-1
	up, down := key.Matches(msg, k.Up), key.Matches(msg, k.Down)
	switch {
	case key.Matches(msg, k.Cancel):
		return formCancel
	case key.Matches(msg, k.Save), key.Matches(msg, k.Enter) && last:
		return formSubmit
	case key.Matches(msg, k.Enter), key.Matches(msg, k.Next):
		fm.setFocus(fm.focus + 1)
	case key.Matches(msg, k.Prev):
		fm.setFocus(fm.focus - 1)
	case f.kind == fkList && (up || down):
		if up {
			f.pick = max(f.pick-1, 0)
		} else {
			f.pick = min(f.pick+1, len(f.opts)-1)
		}
	case up:
		fm.setFocus(fm.focus - 1)
	case down:
		fm.setFocus(fm.focus + 1)
	case f.kind == fkChoice:
		switch {
		case key.Matches(msg, k.Left):
			f.pick = (f.pick - 1 + len(f.opts)) % len(f.opts)
		case key.Matches(msg, k.Right):
			f.pick = (f.pick + 1) % len(f.opts)
		case msg.Type == tea.KeyRunes:
			for i := range f.opts {
				if string(msg.Runes) == choiceKey(i) {
					f.pick = i
				}
			}
		}
		f.err = ""
	case f.kind == fkList:
	default:
		before := f.input.Value()
		f.input, _ = f.input.Update(msg)
		if f.input.Value() != before {
			f.err = ""
		}
	}
	return formStay
}

// choiceKey is the key of a choice's i-th option: 1, 2, ... 9.
func choiceKey(i int) string { return string(rune('1' + i)) }

// view draws the form in a box as wide as the screen allows.
func (fm *form) view(m *Model) string {
	st, w := m.ctx.Styles, m.w
	inner := min(m.width-6, 74)
	lw := 0
	for _, f := range fm.fields {
		lw = max(lw, lipgloss.Width(f.label))
	}
	wrap := func(s string, width int) []string {
		return strings.Split(st.R.NewStyle().Width(width).Render(s), "\n")
	}
	var lines []string
	lines = append(lines, st.Title.Render(common.Truncate(fm.title, inner)), "")
	for _, p := range fm.intro {
		lines = append(lines, wrap(p, inner)...)
	}
	if len(fm.intro) > 0 {
		lines = append(lines, "")
	}
	pad := strings.Repeat(" ", lw+4)
	for i := range fm.fields {
		f := &fm.fields[i]
		label := common.Pad(f.label, lw)
		mark := "  "
		if i == fm.focus {
			label = st.Focused.Render(label)
			mark = "› "
		}
		switch f.kind {
		case fkChoice:
			// Options packed into lines, never broken inside one.
			var ol []string
			line := ""
			for j, o := range f.opts {
				item := " " + choiceKey(j) + " " + o.label
				if j == f.pick {
					item = st.Choice.Render("●" + choiceKey(j) + " " + o.label)
				}
				if line != "" && lipgloss.Width(line)+2+lipgloss.Width(item) > inner-lw-4 {
					ol = append(ol, line)
					line = ""
				}
				if line != "" {
					line += "  "
				}
				line += item
			}
			ol = append(ol, line)
			lines = append(lines, mark+label+"  "+ol[0])
			for _, l := range ol[1:] {
				lines = append(lines, pad+l)
			}
		case fkList:
			lines = append(lines, mark+label+"  "+st.Muted.Render(w.PickHint))
			from := max(0, min(f.pick-2, len(f.opts)-5))
			to := min(len(f.opts), from+5)
			for j := from; j < to; j++ {
				l := "  " + f.opts[j].label
				if j == f.pick {
					l = st.Choice.Render("● " + f.opts[j].label)
				}
				lines = append(lines, pad+common.Truncate(l, inner-lw-4))
			}
		default:
			val := "[" + f.input.View() + "]"
			if f.hint != "" {
				val += " " + st.Muted.Render(f.hint)
			}
			lines = append(lines, mark+label+"  "+val)
		}
		if f.err != "" {
			for _, l := range wrap("✗ "+f.err, inner-lw-4) {
				lines = append(lines, pad+st.ErrText.Render(l))
			}
		}
	}
	if fm.preview != nil {
		if p := fm.preview(); p != "" {
			lines = append(lines, "", st.Bold.Render(p))
		}
	}
	if fm.err != "" {
		lines = append(lines, "")
		for _, l := range wrap("✗ "+fm.err, inner) {
			lines = append(lines, st.ErrText.Render(l))
		}
	}
	lines = append(lines, "")
	for _, l := range wrap(w.FormHint, inner) {
		lines = append(lines, st.Help.Render(l))
	}
	// A long form (a conclusion, with a refusal beside a field) gives up
	// its blank lines, then the hint's wrapped tail, before the box
	// outgrows the screen: the fields always stay in sight.
	for len(lines)+2 > m.height {
		if i := slices.Index(lines, ""); i >= 0 {
			lines = slices.Delete(lines, i, i+1)
		} else if len(lines) > 1 {
			lines = lines[:len(lines)-1]
		} else {
			break
		}
	}
	box := st.Box.Render(strings.Join(lines, "\n"))
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}
