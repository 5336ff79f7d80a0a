package common

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Page is an overlay on the root's page stack: the help, a confirmation,
// a picker, the message log. The top page gets every key first (the root
// keeps only Ctrl+Q); Esc pops it before it sees the key, so Esc always
// means "back one step". A page closes itself by returning close = true.
//
// Screens push a page with Push and never hold one: the root owns the
// stack, draws the top page over the body, and shows its ShortHelp.
type Page interface {
	// Key handles one key press; close pops the page; cmd runs after.
	Key(msg tea.KeyMsg) (close bool, cmd tea.Cmd)
	// View draws the page in the body's area (width x height cells).
	View(width, height int) string
	// ShortHelp is the key line shown under the page.
	ShortHelp() []key.Binding
}

// PushMsg asks the root to put a page on top of the stack.
type PushMsg struct{ Page Page }

// Push returns a command that pushes p.
func Push(p Page) tea.Cmd { return func() tea.Msg { return PushMsg{Page: p} } }

// Center draws a dialog box in the middle of a width x height area.
func Center(box string, width, height int) string {
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}

// --- the confirm page ---

// ConfirmKeys are the keys of every confirmation: C or Y goes ahead, K, N
// or Esc stops. Enter is none of them on purpose: a key pressed in habit
// never loses work.
var confirmYes = key.NewBinding(key.WithKeys("c", "C", "y", "Y"))
var confirmNo = key.NewBinding(key.WithKeys("k", "K", "n", "N"))

// Confirm asks before something dangerous or lossy is done. Only an
// explicit key (C in Vietnamese, Y in English; both work in either)
// confirms; Enter only says so.
type Confirm struct {
	st    *Styles
	w     *DeskWords
	text  string
	yes   string // what confirming does, e.g. "thoát"
	onYes tea.Cmd
	enter bool // Enter was pressed: explain
}

// NewConfirm makes a confirm page: text is the question, yes names what
// confirming does, onYes runs when it is confirmed.
func NewConfirm(ctx *Context, text, yes string, onYes tea.Cmd) *Confirm {
	return &Confirm{st: ctx.Styles, w: &ctx.Words.Desk, text: text, yes: yes, onYes: onYes}
}

// AskConfirm returns a command that pushes a confirm page.
func AskConfirm(ctx *Context, text, yes string, onYes tea.Cmd) tea.Cmd {
	return Push(NewConfirm(ctx, text, yes, onYes))
}

// Key confirms on C/Y, cancels on K/N (Esc is the root's), and only
// explains on any other key, Enter included.
func (c *Confirm) Key(msg tea.KeyMsg) (bool, tea.Cmd) {
	switch {
	case key.Matches(msg, confirmYes):
		return true, c.onYes
	case key.Matches(msg, confirmNo):
		return true, nil
	}
	c.enter = true
	return false, nil
}

// View draws the question in a box in the middle.
func (c *Confirm) View(width, height int) string {
	inner := max(min(width-8, 64), 20)
	var b strings.Builder
	b.WriteString(c.st.Title.Render(c.w.ConfirmTitle) + "\n\n")
	b.WriteString(c.st.Warn.Render(ansi.Wrap("⚠ "+c.text, inner, "")) + "\n\n")
	b.WriteString(c.st.Bold.Render(strings.ReplaceAll(c.w.ConfirmYes, "%s", c.yes)) + "    " + c.w.ConfirmNo)
	if c.enter {
		b.WriteString("\n\n" + c.st.Muted.Render(ansi.Wrap(c.w.ConfirmEnter, inner, "")))
	}
	return Center(c.st.Box.Render(b.String()), width, height)
}

// ShortHelp is empty: the box says its keys.
func (c *Confirm) ShortHelp() []key.Binding { return nil }

// --- a scrolled text page (help, message log) ---

// TextPage is a page of text scrolled with the list keys: the help and
// the message log.
type TextPage struct {
	st     *Styles
	w      *DeskWords
	title  string
	lines  []string
	scroll int
	height int
	keys   ListKeys
	close  []key.Binding // more keys that close the page (F1 for the help)
}

// NewTextPage makes a text page; extra keys close it besides Esc.
func NewTextPage(ctx *Context, title, text string, closeKeys ...key.Binding) *TextPage {
	return &TextPage{st: ctx.Styles, w: &ctx.Words.Desk, title: title, lines: strings.Split(text, "\n"), keys: NewListKeys(), close: closeKeys}
}

// Title is the page's title.
func (p *TextPage) Title() string { return p.title }

// ClosedBy reports whether msg is one of the page's closing keys.
func (p *TextPage) ClosedBy(msg tea.KeyMsg) bool {
	for _, b := range p.close {
		if key.Matches(msg, b) {
			return true
		}
	}
	return false
}

// Key scrolls, or closes on one of the closing keys.
func (p *TextPage) Key(msg tea.KeyMsg) (bool, tea.Cmd) {
	if p.ClosedBy(msg) {
		return true, nil
	}
	if d, ok := p.keys.Step(msg, max(p.height-3, 1)); ok {
		p.scroll = max(0, min(p.scroll+d, len(p.lines)-(p.height-2)))
	}
	return false, nil
}

// View draws the title and the lines in view.
func (p *TextPage) View(width, height int) string {
	p.height = height
	room := max(height-2, 1)
	p.scroll = max(0, min(p.scroll, len(p.lines)-room))
	end := min(p.scroll+room, len(p.lines))
	out := []string{p.st.Title.Render(p.title), ""}
	for _, l := range p.lines[p.scroll:end] {
		out = append(out, Truncate(l, width))
	}
	return strings.Join(out, "\n")
}

// ShortHelp names the scroll and close keys.
func (p *TextPage) ShortHelp() []key.Binding {
	out := []key.Binding{key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓ PgUp PgDn", p.w.KeyScroll))}
	label := "Esc"
	for _, b := range p.close {
		label = b.Help().Key + "/" + label
	}
	return append(out, key.NewBinding(key.WithKeys("esc"), key.WithHelp(label, p.w.KeyClose)))
}

// ConfirmHelp lists the keys of every confirmation, for the key sheet.
func ConfirmHelp(w *DeskWords) []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("c", "y"), key.WithHelp("C/Y", w.ConfirmGo)),
		key.NewBinding(key.WithKeys("k", "n", "esc"), key.WithHelp("K/N/Esc", w.ConfirmStop)),
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", w.ConfirmNotEnter)),
	}
}
