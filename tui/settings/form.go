package settings

import (
	"strings"

	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
)

// form is a short column of labelled text fields (some of them
// passwords) and, optionally, role toggles typed with 1-4.
type form struct {
	title  string
	labels []string
	fields []textinput.Model
	roles  map[model.Role]bool // nil: no roles on this form
	at     int
	err    string
}

func newForm(title string) *form { return &form{title: title} }

func (f *form) add(label string, secret bool, value string) *form {
	in := textinput.New()
	in.Prompt = ""
	in.Width = 34
	in.CharLimit = 64
	if secret {
		in.EchoMode = textinput.EchoPassword
		in.EchoCharacter = '•'
	}
	in.SetValue(value)
	in.CursorStart() // a long value shows from its start until edited
	if len(f.fields) == 0 {
		in.Focus()
		in.CursorEnd()
	}
	f.labels = append(f.labels, label)
	f.fields = append(f.fields, in)
	return f
}

func (f *form) withRoles(have []model.Role) *form {
	f.roles = map[model.Role]bool{}
	for _, r := range have {
		f.roles[r] = true
	}
	return f
}

func (f *form) value(i int) string { return strings.TrimSpace(f.fields[i].Value()) }

func (f *form) secret(i int) string { return f.fields[i].Value() }

// picked returns the toggled roles in policy order.
func (f *form) picked() []model.Role {
	var out []model.Role
	for _, r := range model.Roles {
		if f.roles[r] {
			out = append(out, r)
		}
	}
	return out
}

// stops is the number of focus positions: the fields, and the roles.
func (f *form) stops() int {
	if f.roles != nil {
		return len(f.fields) + 1
	}
	return len(f.fields)
}

func (f *form) onRoles() bool { return f.roles != nil && f.at == len(f.fields) }

func (f *form) focus(i int) {
	n := max(f.stops(), 1)
	f.at = (i + n) % n
	for j := range f.fields {
		if j == f.at {
			f.fields[j].Focus()
			f.fields[j].CursorEnd()
		} else {
			f.fields[j].Blur()
			f.fields[j].CursorStart()
		}
	}
}

// update handles a key: Tab/Shift+Tab/↑↓ move between the fields and the
// roles (toggled there with 1-4 or Space on the first). submit is true on
// Ctrl+S, or Enter on the last stop.
func (f *form) update(k tea.KeyMsg) (submit bool, cmd tea.Cmd) {
	switch {
	case key.Matches(k, keyNext):
		f.focus(f.at + 1)
		return false, nil
	case key.Matches(k, keyPrev):
		f.focus(f.at - 1)
		return false, nil
	case key.Matches(k, keySubmit):
		return true, nil
	case key.Matches(k, keyEnter):
		if f.at >= f.stops()-1 {
			return true, nil
		}
		f.focus(f.at + 1)
		return false, nil
	}
	if f.onRoles() {
		if len(k.Runes) == 1 {
			if i := int(k.Runes[0] - '1'); i >= 0 && i < len(model.Roles) {
				r := model.Roles[i]
				f.roles[r] = !f.roles[r]
				f.err = ""
			}
		}
		return false, nil
	}
	if len(f.fields) == 0 {
		return false, nil
	}
	f.err = ""
	// The field's own command is its cursor blink: not run, so a form
	// costs nothing between keys.
	f.fields[f.at], _ = f.fields[f.at].Update(k)
	return false, nil
}

func (f *form) dirty() bool {
	for i := range f.fields {
		if f.fields[i].Value() != "" {
			return true
		}
	}
	return false
}

func (f *form) view(ctx *common.Context, hint string) string {
	st, w := ctx.Styles, &ctx.Words.Settings
	var b strings.Builder
	b.WriteString(st.Title.Render(f.title) + "\n\n")
	for i, l := range f.labels {
		ls, mark := st.Label, "  "
		if i == f.at {
			ls, mark = st.Focused, "› "
		}
		b.WriteString(mark + ls.Render(common.Pad(l, 18)) + " " + f.fields[i].View() + "\n")
	}
	if f.roles != nil {
		ls, mark := st.Label, "  "
		if f.onRoles() {
			ls, mark = st.Focused, "› "
		}
		b.WriteString("\n" + mark + ls.Render(w.Roles) + ":\n")
		for i, r := range model.Roles {
			box := "[ ]"
			if f.roles[r] {
				box = "[x]"
			}
			b.WriteString("    " + st.KeyHint.Render(string(rune('1'+i))) + " " + box + " " + r.Label().In(ctx.Lang) + "\n")
		}
		b.WriteString("  " + st.Muted.Render(w.RolesHint) + "\n")
	}
	if f.err != "" {
		b.WriteString("\n" + st.ErrText.Render("✗ "+f.err) + "\n")
	}
	if hint != "" {
		b.WriteString("\n" + st.Help.Render(hint))
	}
	return b.String()
}
