// Package settings is the Cài đặt screen: users and roles, one's own
// password, the site and its idle lock, the audit and the backups. It is
// a frame of sections on the left and the chosen one on the right; what a
// person sees follows the access policy (model.May): an administrator
// manages users and the site, a leader reads the audit, everyone changes
// their own password.
//
// Other screens' pages are hosted the same way: a Section given in
// Options.Extra (import, duplicate review) becomes one more entry.
//
// Invariants: every change goes through the store, which asks the policy
// again; a password never appears on screen; Enter never confirms a
// loss (deactivating a user takes the key C).
package settings

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Section is one entry of the settings screen.
type Section interface {
	Title() string
	// Allowed reports whether u sees the section at all.
	Allowed(u *model.User) bool
	Init() tea.Cmd
	Update(msg tea.Msg) (Section, tea.Cmd)
	View(width, height int) string
	Keys() []key.Binding
	// Capturing reports that a text field has the keyboard.
	Capturing() bool
	Dirty() bool
	// CanLeave reports that Esc may go back to the list of sections
	// (nothing half typed, no sub-page open).
	CanLeave() bool
}

// Options add sections hosted by other packages.
type Options struct {
	Extra []func(ctx *common.Context) Section
}

// Model is the settings screen.
type Model struct {
	ctx      *common.Context
	sections []Section
	at       int
	inMenu   bool // the list of sections has the keys
	width    int
	height   int
	keys     keyMap
}

type keyMap struct {
	Enter, Back key.Binding
}

// New makes the settings screen.
func New(ctx *common.Context) common.Screen { return NewWith(ctx, Options{}) }

// NewWith makes the settings screen with extra sections.
func NewWith(ctx *common.Context, opt Options) common.Screen {
	w := &ctx.Words.Settings
	m := &Model{ctx: ctx, inMenu: true, keys: keyMap{
		Enter: key.NewBinding(key.WithKeys("enter", "right"), key.WithHelp("Enter", w.KeyOpen)),
		Back:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeySections)),
	}}
	all := []Section{newUsers(ctx), newMyPassword(ctx), newLanguage(ctx), newSite(ctx), newCalendar(ctx), newPeers(ctx), newAudit(ctx), newBackups(ctx)}
	for _, f := range opt.Extra {
		all = append(all, f(ctx))
	}
	for _, s := range all {
		if s.Allowed(&ctx.User) {
			m.sections = append(m.sections, s)
		}
	}
	return m
}

func (m *Model) Init() tea.Cmd {
	if len(m.sections) == 0 {
		return nil
	}
	return m.sections[m.at].Init()
}

func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Model) cur() Section { return m.sections[m.at] }

func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if d, ok := msg.(doneMsg); ok {
		return m, d.apply()
	}
	if len(m.sections) == 0 {
		return m, nil
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		if m.inMenu {
			switch {
			case k.Type == tea.KeyUp:
				m.at = (m.at + len(m.sections) - 1) % len(m.sections)
			case k.Type == tea.KeyDown:
				m.at = (m.at + 1) % len(m.sections)
			case key.Matches(k, m.keys.Enter):
				m.inMenu = false
				return m, m.cur().Init()
			}
			return m, nil
		}
		if key.Matches(k, m.keys.Back) && m.cur().CanLeave() {
			m.inMenu = true
			return m, nil
		}
		var cmd tea.Cmd
		m.sections[m.at], cmd = m.cur().Update(msg)
		return m, cmd
	}
	// Anything else (answers, changes) goes to every section.
	var cmds []tea.Cmd
	for i := range m.sections {
		var cmd tea.Cmd
		m.sections[i], cmd = m.sections[i].Update(msg)
		cmds = append(cmds, cmd)
	}
	return m, tea.Batch(cmds...)
}

const menuWidth = 20

func (m *Model) View() string {
	st, w := m.ctx.Styles, &m.ctx.Words.Settings
	if len(m.sections) == 0 {
		return st.Muted.Render(w.NotAllowed)
	}
	var menu []string
	menu = append(menu, st.Title.Render(w.Title), "")
	for i, s := range m.sections {
		t := common.Truncate(s.Title(), menuWidth-2)
		if i == m.at && !m.inMenu {
			menu = append(menu, st.Bold.Render("›"+common.Pad(t, menuWidth-2)))
		} else if i == m.at {
			menu = append(menu, st.Selected.Render("›"+common.Pad(t, menuWidth-2)))
		} else {
			menu = append(menu, " "+t)
		}
	}
	left := lipgloss.NewStyle().Width(menuWidth).Render(strings.Join(menu, "\n"))
	bw := max(m.width-menuWidth-1, 20)
	body := m.cur().View(bw, m.height)
	if m.inMenu {
		body = st.Muted.Render(common.Truncate(w.MenuHint, bw)) + "\n\n" + body
	}
	body = lipgloss.NewStyle().Width(bw).MaxWidth(bw).Render(body)
	return lipgloss.JoinHorizontal(lipgloss.Top, left, " ", body)
}

func (m *Model) ShortHelp() []key.Binding {
	if len(m.sections) == 0 {
		return nil
	}
	if m.inMenu {
		return []key.Binding{m.keys.Enter}
	}
	if !m.cur().CanLeave() {
		return m.cur().Keys() // Esc is the section's own (its Back)
	}
	return append(m.cur().Keys(), m.keys.Back)
}

func (m *Model) FullHelp() [][]key.Binding {
	out := [][]key.Binding{{m.keys.Enter, m.keys.Back}}
	if !m.inMenu && len(m.sections) > 0 {
		// Inside a section, F1 is about it: every section's keys side by
		// side would not fit the width.
		if f, ok := m.cur().(interface{ FullHelp() [][]key.Binding }); ok {
			return append(out, f.FullHelp()...)
		}
		return append(out, m.cur().Keys())
	}
	for _, s := range m.sections {
		if ks := s.Keys(); len(ks) > 0 {
			out = append(out, ks)
		}
	}
	return out
}

func (m *Model) Dirty() bool {
	for _, s := range m.sections {
		if s.Dirty() {
			return true
		}
	}
	return false
}

func (m *Model) Capturing() bool { return len(m.sections) > 0 && !m.inMenu && m.cur().Capturing() }

// keys every section shares: a form's moves and save, back, the language
// digits. No key is compared as a string.
var (
	keyNext   = key.NewBinding(key.WithKeys("tab", "down"))
	keyPrev   = key.NewBinding(key.WithKeys("shift+tab", "up"))
	keySubmit = key.NewBinding(key.WithKeys("ctrl+s"))
	keyEnter  = key.NewBinding(key.WithKeys("enter"))
	keyEsc    = key.NewBinding(key.WithKeys("esc"))
	keyVI     = key.NewBinding(key.WithKeys("1"))
	keyEN     = key.NewBinding(key.WithKeys("2"))
)

// doneMsg is the end of a store call run in a command: apply puts what
// it read or wrote on the section's state, in Update.
type doneMsg struct{ apply func() tea.Cmd }

// inCmd runs work in a command (every read and write of the store, every
// file opened); what work returns runs in Update, on the section's state.
func inCmd(work func() func() tea.Cmd) tea.Cmd {
	return func() tea.Msg { return doneMsg{work()} }
}

// status and failure are the status-line commands of a section.
func status(text string) tea.Cmd { return common.Status(text) }

func failure(ctx *common.Context, err error) tea.Cmd { return ctx.Fail(err) }

func sprintf(f string, a ...any) string { return fmt.Sprintf(f, a...) }
