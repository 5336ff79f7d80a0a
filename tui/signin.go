package tui

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// gateKeys are the keys of the sign-in and first-run forms.
type gateKeys struct {
	Prev, Next, Submit, Save, Back key.Binding
}

func newGateKeys(w *common.ShellWords, submit string) gateKeys {
	return gateKeys{
		Prev:   key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑/Shift+Tab", w.KeyPrev)),
		Next:   key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↓/Tab", w.KeyNext)),
		Submit: key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", submit)),
		Save:   key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Ctrl+S", w.KeySetupSave)),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyPrev)),
	}
}

// signIn lets a desk user pick their name and type their password.
type signIn struct {
	keys   gateKeys
	ctx    *common.Context
	site   string // the site's name, read once
	users  []model.User
	cursor int
	pw     textinput.Model
	err    string
	busy   bool
	clock  *model.Label // the computer's clock looks wrong
	locked string       // the name of who locked the screen, "" at a first sign-in
	// lockedBy is the login of who locked the screen, picked once the
	// users are read.
	lockedBy string
	// Keys pressed before the users are read (a lock under load): the
	// moves of the cursor, and an Enter, are applied when they come.
	moved  int
	submit bool
}

type signedInMsg struct {
	user  model.User
	prefs userPrefs
}
type signInFailedMsg struct{ err error }

func newPassword(ctx *common.Context) textinput.Model {
	pw := textinput.New()
	pw.EchoMode = textinput.EchoPassword
	pw.EchoCharacter = '•'
	pw.Width = 30
	pw.Prompt = ""
	pw.Focus()
	return pw
}

// gateData is what the sign-in shows: the site's name, its users, and
// whether the computer's clock looks wrong.
type gateData struct {
	site  string
	users []model.User
	clock *model.Label
}

func readGate(st *store.Store) gateData {
	site, _ := st.SiteInfo("")
	return gateData{site: site.Name, users: st.Users(), clock: st.ClockProblem()}
}

// gateMsg is the sign-in's data read in a command.
type gateMsg gateData

// gateCmd reads the sign-in's data in a command.
func gateCmd(st *store.Store) tea.Cmd {
	return func() tea.Msg { return gateMsg(readGate(st)) }
}

// newSignIn is the sign-in with its data read now: when the program
// starts, before any Update. Inside Update, use newGate and gateCmd.
func newSignIn(ctx *common.Context) signIn {
	m := newGate(ctx, "")
	m.show(readGate(ctx.Store))
	return m
}

// newGate is a sign-in whose data comes with a gateMsg; lockedBy is the
// login of who locked the screen ("" at a sign-in).
func newGate(ctx *common.Context, lockedBy string) signIn {
	return signIn{keys: newGateKeys(&ctx.Words.Shell, ctx.Words.Shell.KeySignIn), ctx: ctx, pw: newPassword(ctx), lockedBy: lockedBy}
}

// newLock is the sign-in of a locked screen: the person who locked it is
// picked (once the users are read); picking someone else switches user.
func newLock(ctx *common.Context) signIn {
	m := newGate(ctx, ctx.User.Login)
	m.locked = ctx.User.Name
	return m
}

// show puts the sign-in's data in place, with the cursor moves typed
// before it came.
func (m *signIn) show(d gateData) {
	m.site, m.users, m.clock = d.site, d.users, d.clock
	m.cursor = 0
	found := m.lockedBy == ""
	for i, u := range m.users {
		if u.Login == m.lockedBy {
			m.cursor, found = i, true
		}
	}
	if !found {
		// Who locked is no longer listed (made inactive meanwhile): the
		// moves counted from them mean nobody, and the password typed
		// is theirs. Both are dropped; the person picks again.
		m.moved, m.submit = 0, false
		m.pw.SetValue("")
	}
	m.cursor = max(0, min(m.cursor+m.moved, len(m.users)-1))
	m.moved = 0
}

// Init also builds the store's search index and case cache in the
// background while the person types their password, so that the first
// key of a search finds them ready.
func (m signIn) Init() tea.Cmd {
	s := m.ctx.Store
	return tea.Batch(textinput.Blink, func() tea.Msg { s.Warm(); return nil })
}

func (m signIn) Update(msg tea.Msg) (signIn, tea.Cmd) {
	switch msg := msg.(type) {
	case gateMsg:
		m.show(gateData(msg))
		if m.submit && len(m.users) > 0 {
			m.submit = false
			return m.signIn()
		}
		return m, nil
	case signInFailedMsg:
		m.busy = false
		m.err = m.ctx.Say(msg.err)
		m.pw.SetValue("")
		return m, nil
	case tea.KeyMsg:
		if m.busy || m.submit {
			return m, nil // an Enter is being acted on: what follows waits for its answer
		}
		switch {
		case key.Matches(msg, m.keys.Prev):
			m.move(-1)
			return m, nil
		case key.Matches(msg, m.keys.Next):
			m.move(1)
			return m, nil
		case key.Matches(msg, m.keys.Submit):
			if len(m.users) == 0 {
				m.submit = true // once the users are read
				return m, nil
			}
			return m.signIn()
		}
	}
	var cmd tea.Cmd
	m.pw, cmd = m.pw.Update(msg)
	return m, cmd
}

// move moves the cursor by d, or, before the users are read, keeps the
// move for show.
func (m *signIn) move(d int) {
	m.err = ""
	if len(m.users) == 0 {
		m.moved += d
		return
	}
	m.cursor = max(0, min(m.cursor+d, len(m.users)-1))
}

// signIn tries the typed password for the picked user.
func (m signIn) signIn() (signIn, tea.Cmd) {
	m.busy, m.err = true, ""
	login, pw, s := m.users[m.cursor].Login, m.pw.Value(), m.ctx.Store
	return m, func() tea.Msg {
		u, err := s.Authenticate(login, pw)
		if err != nil {
			return signInFailedMsg{err}
		}
		go s.WarmSession() // ready before the first search key
		return signedInMsg{u, readPrefs(s, u.Login)}
	}
}

// FullHelp lists the sign-in's keys for the F1 help.
func (m signIn) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Prev, m.keys.Next, m.keys.Submit}}
}

func (m signIn) View(width, height int) string {
	st, w := m.ctx.Styles, &m.ctx.Words.Shell
	var b strings.Builder
	title, hint := w.SignInTitle+" · "+m.site, w.SignInHint
	if m.locked != "" {
		title, hint = fmt.Sprintf(m.ctx.Words.Access.LockedTitle, m.locked), m.ctx.Words.Access.LockedHint
	}
	b.WriteString(st.Title.Render(title) + "\n\n")
	b.WriteString(st.Label.Render(w.SignInUser) + "\n")
	for i, u := range m.users {
		line := fmt.Sprintf("  %-28s %s", u.Name, st.Muted.Render(u.Login))
		if i == m.cursor {
			line = st.Selected.Render(fmt.Sprintf("› %-28s %s", u.Name, u.Login))
		}
		b.WriteString(line + "\n")
	}
	b.WriteString("\n" + st.Focused.Render(w.SignInPassword) + ": " + m.pw.View() + "\n\n")
	switch {
	case m.busy:
		b.WriteString(st.Muted.Render(w.SignInWait) + "\n")
	case m.err != "":
		b.WriteString(st.ErrText.Render("✗ "+m.err) + "\n")
	}
	if m.clock != nil {
		// The box is at most the window's width: wrap the warning.
		wrapAt := max(20, min(70, width-6))
		b.WriteString("\n" + st.ErrText.Width(wrapAt).Render("⚠ "+m.clock.In(m.ctx.Lang)) + "\n")
	}
	b.WriteString("\n" + lipgloss.NewStyle().Width(min(60, width-4)).Render(st.Help.Render(hint)))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, st.Box.Render(b.String()))
}

// setup is the first-run form: the site and its first user.
type setup struct {
	keys   gateKeys
	ctx    *common.Context
	fields []textfield.Model // code, name, parent, login, full name
	pw     [2]textinput.Model
	focus  int // 0..6
	err    string
	field  string
	busy   bool // the site is being written
}

type setupDoneMsg struct{}

// setupFailedMsg is the store's refusal of the first-run form.
type setupFailedMsg struct{ err error }

func newSetup(ctx *common.Context) setup {
	s := setup{keys: newGateKeys(&ctx.Words.Shell, ctx.Words.Shell.KeySetupNext), ctx: ctx}
	for i := 0; i < 5; i++ {
		f := ctx.NewField("", 32)
		s.fields = append(s.fields, f)
	}
	s.fields[0].CharLimit, s.fields[2].CharLimit = 12, 12
	s.pw[0], s.pw[1] = newPassword(ctx), newPassword(ctx)
	s.pw[0].Blur()
	s.pw[1].Blur()
	s.fields[0].Focus()
	return s
}

func (s setup) Init() tea.Cmd { return nil }

func (s setup) dirty() bool {
	for _, f := range s.fields {
		if f.Value() != "" {
			return true
		}
	}
	return false
}

func (s *setup) setMode(in common.InputSettings) {
	for i := range s.fields {
		s.fields[i].SetMode(in.Mode)
		s.fields[i].SetToneStyle(in.Style)
	}
}

func (s *setup) move(d int) {
	s.focus = (s.focus + d + 7) % 7
	for i := range s.fields {
		if i == s.focus {
			s.fields[i].Focus()
		} else {
			s.fields[i].Blur()
		}
	}
	for i := range s.pw {
		if s.focus == 5+i {
			s.pw[i].Focus()
		} else {
			s.pw[i].Blur()
		}
	}
}

func (s setup) Update(msg tea.Msg) (setup, tea.Cmd) {
	if f, ok := msg.(setupFailedMsg); ok {
		s.busy = false
		s.err = s.ctx.Say(f.err)
		if m, ok := f.err.(*model.Msg); ok {
			s.field = m.Field
		}
		return s, nil
	}
	if _, ok := msg.(tea.KeyMsg); ok && s.busy {
		return s, nil // a moment: the site is being written
	}
	if k, ok := msg.(tea.KeyMsg); ok {
		switch {
		case key.Matches(k, s.keys.Next):
			s.move(1)
			return s, nil
		case key.Matches(k, s.keys.Prev):
			s.move(-1)
			return s, nil
		case key.Matches(k, s.keys.Submit) && s.focus < 6:
			s.move(1)
			return s, nil
		case key.Matches(k, s.keys.Submit), key.Matches(k, s.keys.Save):
			return s.save()
		case key.Matches(k, s.keys.Back):
			if s.focus > 0 {
				s.move(-1)
			}
			return s, nil
		}
	}
	var cmd tea.Cmd
	if s.focus < 5 {
		s.fields[s.focus], cmd = s.fields[s.focus].Update(msg)
	} else {
		s.pw[s.focus-5], cmd = s.pw[s.focus-5].Update(msg)
	}
	return s, cmd
}

func (s setup) save() (setup, tea.Cmd) {
	w := &s.ctx.Words.Shell
	if s.pw[0].Value() != s.pw[1].Value() {
		s.err, s.field = w.SetupMismatch, "password"
		return s, nil
	}
	in := store.SiteInit{
		Code: strings.ToUpper(s.fields[0].Value()), Name: s.fields[1].Value(), Parent: strings.ToUpper(s.fields[2].Value()),
		Login: s.fields[3].Value(), UserName: s.fields[4].Value(), Password: s.pw[0].Value(),
	}
	st := s.ctx.Store
	s.busy, s.err = true, ""
	// The write runs in a command; its answer signs in or shows why not.
	return s, func() tea.Msg {
		if err := st.Init(in); err != nil {
			return setupFailedMsg{err}
		}
		return setupDoneMsg{}
	}
}

// FullHelp lists the first-run form's keys for the F1 help.
func (s setup) FullHelp() [][]key.Binding {
	return [][]key.Binding{{s.keys.Next, s.keys.Prev, s.keys.Submit, s.keys.Save}}
}

func (s setup) View(width, height int) string {
	st, w := s.ctx.Styles, &s.ctx.Words.Shell
	labels := []string{w.SetupCode, w.SetupName, w.SetupParent, w.SetupLogin, w.SetupFullName, w.SetupPassword, w.SetupRepeat}
	hints := map[int]string{0: w.SetupCodeHint, 2: w.SetupParentHint}
	var b strings.Builder
	b.WriteString(st.Title.Render(w.SetupTitle) + "\n")
	b.WriteString(lipgloss.NewStyle().Width(60).Render(w.SetupIntro) + "\n\n")
	for i, l := range labels {
		ls := st.Label
		mark := "  "
		if i == s.focus {
			ls, mark = st.Focused, "› "
		}
		var v string
		if i < 5 {
			v = s.fields[i].View()
		} else {
			v = s.pw[i-5].View()
		}
		b.WriteString(mark + ls.Render(fmt.Sprintf("%-20s", l)) + " " + v + "\n")
	}
	if h, ok := hints[s.focus]; ok {
		b.WriteString("\n" + st.Muted.Render(labels[s.focus]+": "+h) + "\n")
	}
	if s.err != "" {
		b.WriteString("\n" + st.ErrText.Render("✗ "+s.err) + "\n")
	}
	b.WriteString("\n" + st.Help.Render(w.SetupHint))
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, st.Box.Render(b.String()))
}
