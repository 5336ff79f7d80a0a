package common

import (
	"strings"

	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// CorrectField is one field of a correction: its name (as the store
// calls it), its label, and the value it has now.
type CorrectField struct {
	Name, Label, Value string
	Width              int // 0: as wide as the page allows
}

// CorrectedMsg is the store's answer to a correction. The page that asked
// closes on success (the screens reload what they show), or shows the
// refusal and keeps what was typed.
type CorrectedMsg struct {
	Entity string
	Err    error
	Text   string // the status message on success
}

// Correct is the page on which a saved record is corrected: its fields,
// and the reason, which is required (each correction is an event with its
// reason). Ctrl+S submits; Esc asks before throwing changes away.
type Correct struct {
	ctx    *Context
	title  string
	entity string
	fields []CorrectField
	inputs []textfield.Model // one per field, then the reason
	focus  int
	err    string
	busy   bool
	submit func(changed map[string]string, reason string) tea.Cmd
	keys   struct{ Next, Prev, Save key.Binding }
}

// NewCorrect makes a correction page for entity. submit gets the fields
// whose value changed and the reason, and returns the command that writes
// them (its answer must be a CorrectedMsg for entity).
func NewCorrect(ctx *Context, title, entity string, fields []CorrectField, submit func(changed map[string]string, reason string) tea.Cmd) *Correct {
	p := &Correct{ctx: ctx, title: title, entity: entity, fields: fields, submit: submit}
	w := &ctx.Words.Desk
	p.keys.Next = key.NewBinding(key.WithKeys("tab", "down", "enter"), key.WithHelp("Tab/↓", w.KeyNextField))
	p.keys.Prev = key.NewBinding(key.WithKeys("shift+tab", "up"), key.WithHelp("Shift+Tab/↑", w.KeyPrevField))
	p.keys.Save = key.NewBinding(key.WithKeys("ctrl+s", "f10"), key.WithHelp("Ctrl+S", w.KeySaveCorrection))
	for _, f := range fields {
		in := ctx.NewField("", max(f.Width, 40))
		in.SetValue(f.Value)
		in.CharLimit = 300
		p.inputs = append(p.inputs, in)
	}
	reason := ctx.NewField(w.ReasonHint, 50)
	reason.CharLimit = 300
	p.inputs = append(p.inputs, reason)
	p.setFocus(0)
	return p
}

func (p *Correct) setFocus(i int) {
	p.inputs[p.focus].Blur()
	p.focus = i
	p.inputs[i].Focus()
	p.inputs[i].CursorEnd()
}

// Dirty reports that something was changed on the page.
func (p *Correct) Dirty() bool {
	for i, f := range p.fields {
		if p.inputs[i].Value() != f.Value {
			return true
		}
	}
	return strings.TrimSpace(p.inputs[len(p.fields)].Value()) != ""
}

// Key moves between the fields, types, or submits.
func (p *Correct) Key(msg tea.KeyMsg) (bool, tea.Cmd) {
	if p.busy {
		return false, nil
	}
	last := len(p.inputs) - 1
	switch {
	case key.Matches(msg, p.keys.Save), key.Matches(msg, p.keys.Next) && msg.Type == tea.KeyEnter && p.focus == last:
		return false, p.send()
	case key.Matches(msg, p.keys.Next):
		p.setFocus(min(p.focus+1, last))
		return false, nil
	case key.Matches(msg, p.keys.Prev):
		p.setFocus(max(p.focus-1, 0))
		return false, nil
	}
	p.inputs[p.focus], _ = p.inputs[p.focus].Update(msg)
	return false, nil
}

// send checks that something changed and a reason is given, then submits.
func (p *Correct) send() tea.Cmd {
	w := &p.ctx.Words.Desk
	changed := map[string]string{}
	for i, f := range p.fields {
		if v := strings.TrimSpace(p.inputs[i].Value()); v != strings.TrimSpace(f.Value) {
			changed[f.Name] = v
		}
	}
	reason := strings.TrimSpace(p.inputs[len(p.fields)].Value())
	switch {
	case len(changed) == 0:
		p.err = w.NothingChanged
		return nil
	case reason == "":
		p.err = w.ReasonNeeded
		p.setFocus(len(p.fields))
		return nil
	}
	p.err, p.busy = "", true
	return p.submit(changed, reason)
}

// Receive takes the store's answer: close on success, or show why not.
func (p *Correct) Receive(msg tea.Msg) (bool, tea.Cmd) {
	m, ok := msg.(CorrectedMsg)
	if !ok || m.Entity != p.entity {
		return false, nil
	}
	p.busy = false
	if m.Err != nil {
		p.err = p.ctx.Say(m.Err)
		return false, nil
	}
	return true, Status(m.Text)
}

// View draws the fields, the reason and the refusal, if any.
func (p *Correct) View(width, height int) string {
	st, w := p.ctx.Styles, &p.ctx.Words.Desk
	lw := 0
	for _, f := range p.fields {
		lw = max(lw, len([]rune(f.Label)))
	}
	lw = max(lw, len([]rune(w.Reason))) + 1
	// Fields with no width of their own take the page's.
	wide := max(width-lw-8, 20)
	for i, f := range p.fields {
		if f.Width == 0 {
			p.inputs[i].Width = wide
		}
	}
	p.inputs[len(p.fields)].Width = wide
	var b strings.Builder
	b.WriteString(st.Title.Render(Truncate(p.title, width)) + "\n\n")
	row := func(i int, label string) {
		mark, ls := "  ", st.Label
		if i == p.focus {
			mark, ls = "› ", st.Focused
		}
		b.WriteString(mark + ls.Render(Pad(label, lw)) + " [" + p.inputs[i].View() + "]\n")
	}
	for i, f := range p.fields {
		row(i, f.Label)
	}
	b.WriteString("\n")
	row(len(p.fields), w.Reason)
	if p.err != "" {
		b.WriteString("\n" + st.ErrText.Render(ansi.Wrap("✗ "+p.err, width-2, "")) + "\n")
	}
	b.WriteString("\n" + st.Muted.Render(ansi.Wrap(w.CorrectHint, width-2, "")))
	return b.String()
}

// ShortHelp lists the page's keys.
func (p *Correct) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Next, p.keys.Save, key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", p.ctx.Words.Desk.KeyClose))}
}

// PageReceiver is a page that also takes the answers of the commands it
// started (the root gives it every message that is not a key).
type PageReceiver interface {
	Receive(msg tea.Msg) (close bool, cmd tea.Cmd)
}

// PageGuard is a page with unsaved input: Esc asks before closing it.
type PageGuard interface {
	Dirty() bool
}
