package common

import (
	"strings"

	"donthu/model"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// RevealedMsg is the store's answer to a reveal of a confidential sender
// (store.RevealIdentity, store.RevealPetition). The page that asked closes
// on success and announces the change; the screens get it too (the case
// view brings the new event in sight).
type RevealedMsg struct {
	ID  string // the case or petition asked about
	Err error
}

// Reveal is the one page on which an entitled user deliberately reveals a
// confidential sender, from the case view, the classification list or a
// report's list of records: it says that the identity is secret by law
// and that the look is logged, and asks why (required: the reason is in
// the event). Enter or Ctrl+S records it; Esc asks before dropping a
// reason typed. Who may reveal is the policy's (model.MayReveal), asked
// by the screen before the page opens and by the store again.
type Reveal struct {
	ctx    *Context
	title  string
	id     string
	done   string
	reason textfield.Model
	err    string
	busy   bool
	write  func(reason string) error
	keys   struct{ Save key.Binding }
}

// NewReveal makes the reveal page of record id (a case or a petition):
// title names it, write records the reveal with the reason typed (it runs
// in a command), done is the status line's sentence on success.
func NewReveal(ctx *Context, title, id, done string, write func(reason string) error) *Reveal {
	w := &ctx.Words.Desk
	p := &Reveal{ctx: ctx, title: title, id: id, done: done, write: write}
	p.keys.Save = key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("Enter/Ctrl+S", w.KeySaveReveal))
	p.reason = ctx.NewField(w.RevealReasonHint, 50)
	p.reason.CharLimit = 300
	p.reason.Focus()
	return p
}

// AskReveal returns a command that pushes the reveal page (see NewReveal).
func AskReveal(ctx *Context, title, id, done string, write func(reason string) error) tea.Cmd {
	return Push(NewReveal(ctx, title, id, done, write))
}

// RevealWhy says why u cannot reveal the sender of a record now, or ""
// when they can: its secret s, whether the record has a case (a petition
// with none has only the unit's leaders entitled), and whether u
// revealed it already in this session.
func RevealWhy(ctx *Context, s model.Secret, caseOpened, revealed bool) string {
	w := &ctx.Words.Desk
	switch {
	case !s.Confidential:
		return w.RevealNotSecret
	case !model.MayReveal(&ctx.User, s):
		return model.RevealRefusal(caseOpened).In(ctx.Lang)
	case revealed:
		return w.RevealShown
	}
	return ""
}

// Dirty reports a reason typed.
func (p *Reveal) Dirty() bool { return strings.TrimSpace(p.reason.Value()) != "" }

// Key types the reason, or records the reveal.
func (p *Reveal) Key(msg tea.KeyMsg) (bool, tea.Cmd) {
	if p.busy {
		return false, nil
	}
	if key.Matches(msg, p.keys.Save) {
		reason := strings.TrimSpace(p.reason.Value())
		if reason == "" {
			p.err = p.ctx.Words.Desk.RevealReasonNeeded
			return false, nil
		}
		p.err, p.busy = "", true
		id, write := p.id, p.write
		return false, func() tea.Msg { return RevealedMsg{ID: id, Err: write(reason)} }
	}
	p.err = ""
	p.reason, _ = p.reason.Update(msg)
	return false, nil
}

// Receive takes the store's answer: close on success, telling every
// screen that the record is to be drawn again (its sender is shown now;
// a case has a new event), or say why not (the policy's refusal) and
// keep the reason typed.
func (p *Reveal) Receive(msg tea.Msg) (bool, tea.Cmd) {
	m, ok := msg.(RevealedMsg)
	if !ok || m.ID != p.id {
		return false, nil
	}
	p.busy = false
	if m.Err != nil {
		p.err = p.ctx.Say(m.Err)
		return false, nil
	}
	return true, tea.Batch(Status(p.done), Changed(p.id))
}

// View draws the law, the reason and the refusal, if any.
func (p *Reveal) View(width, height int) string {
	st, w := p.ctx.Styles, &p.ctx.Words.Desk
	lw := len([]rune(w.RevealReason)) + 1
	p.reason.Width = max(min(width-lw-8, 60), 20)
	var b strings.Builder
	b.WriteString(st.Title.Render(Truncate(p.title, width)) + "\n\n")
	b.WriteString(st.Warn.Render(ansi.Wrap(w.RevealIntro, width-2, "")) + "\n\n")
	b.WriteString("› " + st.Focused.Render(Pad(w.RevealReason, lw)) + " [" + p.reason.View() + "]\n")
	if p.err != "" {
		b.WriteString("\n" + st.ErrText.Render(ansi.Wrap("✗ "+p.err, width-2, "")) + "\n")
	}
	return b.String()
}

// ShortHelp lists the page's keys.
func (p *Reveal) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Save, key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", p.ctx.Words.Desk.KeyClose))}
}
