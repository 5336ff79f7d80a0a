package tui

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Preference keys of the typing settings (store prefs: local, per user).
const (
	prefInputMode = "input.mode"
	prefTones     = "input.tones"
)

// MinWidth and MinHeight are the smallest window donthu lays out.
const (
	MinWidth  = 80
	MinHeight = 24
)

// Factory makes a screen for a signed-in context.
type Factory func(ctx *common.Context) common.Screen

// Options configure the interface.
type Options struct {
	Lang   model.Lang
	Plain  bool // no colour, as with NO_COLOR
	Output io.Writer
	Now    func() time.Time
	// Screens replaces the screens when CustomScreens is set (tests).
	Screens       [common.NumScreens]Factory
	CustomScreens bool
	// User signs in without asking (tests); "" asks.
	User string
}

type phase int

const (
	phaseSetup phase = iota
	phaseSignIn
	phaseMain
)

// App is the root model.
type App struct {
	ctx       *common.Context
	factories [common.NumScreens]Factory
	screens   [common.NumScreens]common.Screen
	titles    [common.NumScreens]string
	active    common.ScreenID
	keys      globalKeys
	help      help.Model

	phase  phase
	signin signIn
	setup  setup

	width, height int
	status        string
	statusErr     bool
	overdue       int
	showHelp      bool
	confirmQuit   bool

	// Locking and switching user (access.go).
	lastKey time.Time
	stash   map[string][common.NumScreens]common.Screen
	ticking bool // the idle clock runs (a real terminal; tests send idleTickMsg)
	// baseLang is the language the program started in (--lang); a
	// person's own choice (settings) replaces it for their screens.
	baseLang model.Lang
}

// New makes the root model over an open store.
func New(s *store.Store, opt Options) *App {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Output == nil {
		opt.Output = os.Stdout
	}
	ctx := &common.Context{
		Store: s, Lang: opt.Lang, Words: common.WordsFor(opt.Lang),
		Styles: common.NewStyles(opt.Output, opt.Plain), Now: opt.Now,
		Input: &common.InputSettings{Mode: textfield.ModeOff, Style: textfield.ToneModern},
	}
	if opt.Plain {
		ctx.Styles = common.PlainStyles()
	}
	a := &App{ctx: ctx, factories: opt.Screens, help: help.New(), width: MinWidth, height: MinHeight}
	if !opt.CustomScreens {
		a.factories = Screens()
	}
	a.baseLang = opt.Lang
	a.setWords()
	a.help.Styles.ShortKey = ctx.Styles.Bold
	a.help.Styles.ShortDesc = ctx.Styles.Help
	a.help.Styles.FullKey = ctx.Styles.Bold
	a.help.Styles.FullDesc = ctx.Styles.Label
	a.help.Styles.ShortSeparator = ctx.Styles.Help
	switch {
	case s.Site() == "":
		a.phase = phaseSetup
		a.setup = newSetup(ctx)
	case opt.User != "":
		if u, err := s.User(opt.User); err == nil {
			a.signedIn(u)
		}
	}
	// phaseSetup is the zero phase: test the site, not the phase.
	if a.phase != phaseMain && s.Site() != "" {
		a.phase = phaseSignIn
		a.signin = newSignIn(ctx)
	}
	return a
}

// Run opens the interface on the terminal and returns when the person quits.
func Run(s *store.Store, opt Options) error {
	a := New(s, opt)
	a.ticking = true
	p := tea.NewProgram(a, tea.WithAltScreen())
	_, err := p.Run()
	return err
}

func (a *App) signedIn(u model.User) {
	a.lastKey = a.ctx.Now()
	if a.resume(u) {
		return
	}
	a.ctx.User = u
	a.phase = phaseMain
	// The typing settings are the person's own, kept on this machine.
	st := a.ctx.Store
	if m, err := strconv.Atoi(st.GetPref(u.Login, prefInputMode)); err == nil {
		a.ctx.Input.Mode = textfield.Mode(m)
	}
	if st.GetPref(u.Login, prefTones) == "old" {
		a.ctx.Input.Style = textfield.ToneOld
	}
	a.useLang(u.Login) // before the screens are made in it
	for i, f := range a.factories {
		if f != nil {
			a.screens[i] = f(a.ctx)
		}
	}
	a.active = common.ScreenReception
	if !u.Has(model.RoleReceptionist) && a.screens[common.ScreenQueue] != nil {
		a.active = common.ScreenQueue
	}
	for a.screens[a.active] == nil && a.active < common.NumScreens-1 {
		a.active++
	}
	a.resize()
}

// setWords builds the tab titles and the global keys in ctx's language.
func (a *App) setWords() {
	ctx := a.ctx
	w := &ctx.Words.Shell
	a.titles = [common.NumScreens]string{
		common.ScreenReception: w.TabReception, common.ScreenClassify: w.TabClassify,
		common.ScreenQueue: w.TabQueue, common.ScreenFollowup: w.TabFollowup, common.ScreenSync: w.TabSync,
		common.ScreenReports: w.TabReports, common.ScreenSettings: ctx.Words.Settings.Tab,
	}
	for i, f := range a.factories {
		if f == nil {
			a.titles[i] = ""
		}
	}
	a.keys = newGlobalKeys(w, &ctx.Words.Access, a.titles)
}

// Init starts the interface.
func (a *App) Init() tea.Cmd {
	switch a.phase {
	case phaseMain:
		if a.screens[a.active] == nil {
			return tea.Batch(a.countOverdue(), a.idleTick())
		}
		return tea.Batch(a.screens[a.active].Init(), a.countOverdue(), a.idleTick())
	case phaseSignIn:
		return a.signin.Init()
	}
	return a.setup.Init()
}

type overdueMsg int

func (a *App) countOverdue() tea.Cmd {
	s, today := a.ctx.Store, a.ctx.Today()
	return func() tea.Msg { return overdueMsg(s.Overdue(today, "")) }
}

func (a *App) bodyHeight() int { return a.height - 3 }

func (a *App) resize() {
	for _, sc := range a.screens {
		if sc != nil {
			sc.SetSize(a.width, a.bodyHeight())
		}
	}
	a.help.Width = a.width
}

func (a *App) dirty() bool {
	for _, sc := range a.screens {
		if sc != nil && sc.Dirty() {
			return true
		}
	}
	return a.phase == phaseSetup && a.setup.dirty()
}

// Update routes messages.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		return a, nil
	case tea.KeyMsg:
		return a.key(msg)
	case overdueMsg:
		a.overdue = int(msg)
		return a, nil
	case idleTickMsg:
		return a, a.idleCheck()
	case common.RestoreMsg:
		return a, a.restore(msg.Path)
	case common.StatusMsg:
		a.status, a.statusErr = msg.Text, msg.Err
		return a, nil
	case signedInMsg:
		a.signedIn(msg.user)
		a.status, a.statusErr = "", false
		return a, a.Init()
	case setupDoneMsg:
		a.phase = phaseSignIn
		a.signin = newSignIn(a.ctx)
		a.status = fmt.Sprintf(a.ctx.Words.Shell.SetupDone, a.ctx.Store.Site())
		return a, a.signin.Init()
	case common.GotoMsg:
		return a, a.goTo(msg.Screen)
	case common.OpenCaseMsg:
		return a, a.deliver(common.ScreenFollowup, msg, true)
	case common.OpenPetitionMsg:
		return a, a.deliver(common.ScreenClassify, msg, true)
	case common.ChangedMsg:
		return a, tea.Batch(a.countOverdue(), a.broadcast(msg))
	}
	switch a.phase {
	case phaseSetup:
		var cmd tea.Cmd
		a.setup, cmd = a.setup.Update(msg)
		return a, cmd
	case phaseSignIn:
		var cmd tea.Cmd
		a.signin, cmd = a.signin.Update(msg)
		return a, cmd
	}
	// Anything that is not a key is the answer to some screen's command
	// (a search, an import): every screen sees it, so an answer that
	// arrives after the person switched tabs is not lost. Screens ignore
	// the messages that are not theirs.
	return a, a.broadcast(msg)
}

// broadcast sends msg to every screen.
func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(a.screens))
	for i := range a.screens {
		cmds = append(cmds, a.deliver(common.ScreenID(i), msg, false))
	}
	return tea.Batch(cmds...)
}

// deliver sends msg to one screen; activate makes it the active one.
func (a *App) deliver(id common.ScreenID, msg tea.Msg, activate bool) tea.Cmd {
	sc := a.screens[id]
	if sc == nil {
		return nil
	}
	var cmd tea.Cmd
	a.screens[id], cmd = sc.Update(msg)
	if activate && a.active != id {
		a.active = id
	}
	return cmd
}

func (a *App) goTo(id common.ScreenID) tea.Cmd {
	if a.screens[id] == nil {
		return nil
	}
	if a.active == id {
		return nil
	}
	a.active = id
	return a.screens[id].Init()
}

func (a *App) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	w := &a.ctx.Words.Shell
	a.lastKey = a.ctx.Now()
	if a.confirmQuit {
		switch strings.ToLower(msg.String()) {
		case "c", "y", "enter", "ctrl+q", "ctrl+c":
			return a, tea.Quit
		case "k", "n", "esc":
			a.confirmQuit = false
		}
		return a, nil
	}
	if a.showHelp {
		if key.Matches(msg, a.keys.Help) || msg.Type == tea.KeyEsc {
			a.showHelp = false
		} else if key.Matches(msg, a.keys.Quit) {
			return a.quit()
		}
		return a, nil
	}
	switch {
	case key.Matches(msg, a.keys.Quit):
		return a.quit()
	case key.Matches(msg, a.keys.Help):
		a.showHelp = true
		return a, nil
	case key.Matches(msg, a.keys.InputMode), key.Matches(msg, a.keys.ToneStyle):
		if key.Matches(msg, a.keys.InputMode) {
			a.ctx.Input.Mode = a.ctx.Input.Mode.Next()
		} else if a.ctx.Input.Style == textfield.ToneModern {
			a.ctx.Input.Style = textfield.ToneOld
		} else {
			a.ctx.Input.Style = textfield.ToneModern
		}
		in := *a.ctx.Input
		if u := a.ctx.User.Login; u != "" {
			tones := "new"
			if in.Style == textfield.ToneOld {
				tones = "old"
			}
			a.ctx.Store.SetPref(u, prefInputMode, strconv.Itoa(int(in.Mode)))
			a.ctx.Store.SetPref(u, prefTones, tones)
		}
		vi, en := in.Mode.Label()
		svi, sen := in.Style.Label()
		a.status, a.statusErr = w.KeyInputMode+": "+pick(a.ctx.Lang, vi+" · "+svi, en+" · "+sen), false
		if a.phase == phaseSetup {
			a.setup.setMode(in)
		}
		return a, func() tea.Msg { return common.InputModeMsg{Mode: in.Mode, Style: in.Style} }
	}
	if a.phase == phaseMain {
		switch {
		case key.Matches(msg, a.keys.Lock):
			return a, a.lock(false)
		case key.Matches(msg, a.keys.SignOut):
			return a, a.signOut()
		}
		if c, ok := a.screens[a.active].(common.KeyClaimer); ok && c.ClaimsKey(msg) {
			return a, a.deliver(a.active, msg, false)
		}
		for i, b := range a.keys.Tabs {
			if key.Matches(msg, b) && !ownKey(a.screens[a.active], msg) {
				return a, a.goTo(common.ScreenID(i))
			}
		}
	}
	switch a.phase {
	case phaseSetup:
		var cmd tea.Cmd
		a.setup, cmd = a.setup.Update(msg)
		return a, cmd
	case phaseSignIn:
		var cmd tea.Cmd
		a.signin, cmd = a.signin.Update(msg)
		return a, cmd
	}
	return a, a.deliver(a.active, msg, false)
}

func pick(l model.Lang, vi, en string) string {
	if l == model.EN {
		return en
	}
	return vi
}

func (a *App) quit() (tea.Model, tea.Cmd) {
	if a.dirty() {
		a.confirmQuit = true
		return a, nil
	}
	return a, tea.Quit
}

// View draws the whole window.
func (a *App) View() string {
	st, w := a.ctx.Styles, &a.ctx.Words.Shell
	if a.width < MinWidth || a.height < MinHeight {
		msg := fmt.Sprintf(w.TooSmall, a.width, a.height)
		return st.R.NewStyle().Width(max(a.width, 1)).Render(msg)
	}
	var body string
	switch {
	case a.phase == phaseSetup:
		body = a.setup.View(a.width, a.bodyHeight())
	case a.phase == phaseSignIn:
		body = a.signin.View(a.width, a.bodyHeight())
	case a.showHelp:
		body = a.helpView()
	case a.screens[a.active] != nil:
		body = a.screens[a.active].View()
	}
	if a.confirmQuit {
		box := st.Box.Render(w.QuitConfirm + "\n\n" + st.KeyHint.Render("C") + " " + w.QuitYes + "    " + st.KeyHint.Render("K") + "/Esc " + w.No)
		body = lipgloss.Place(a.width, a.bodyHeight(), lipgloss.Center, lipgloss.Center, box)
	}
	body = fit(st.R, body, a.width, a.bodyHeight())
	return lipgloss.JoinVertical(lipgloss.Left, a.tabBar(), body, a.shortHelp(), a.statusLine())
}

// fit pads or cuts s to exactly w x h cells.
func fit(r *lipgloss.Renderer, s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return r.NewStyle().Width(w).MaxWidth(w).Render(strings.Join(lines, "\n"))
}

func (a *App) tabBar() string {
	st := a.ctx.Styles
	var parts []string
	if a.phase != phaseMain {
		return st.Title.Render(" donthu · " + a.ctx.Store.Site())
	}
	for i, t := range a.titles {
		if t == "" {
			continue
		}
		label := upper(screenKeys[i][0]) + " " + t
		if common.ScreenID(i) == a.active {
			parts = append(parts, st.TabActive.Render(label))
		} else {
			parts = append(parts, st.Tab.Render(label))
		}
	}
	bar := strings.Join(parts, "")
	return lipgloss.NewStyle().MaxWidth(a.width).Render(bar)
}

func (a *App) shortHelp() string {
	if a.phase != phaseMain {
		return ""
	}
	if a.showHelp {
		return a.ctx.Styles.Help.Render(a.ctx.Words.Shell.HelpClose)
	}
	keys := a.keys.ShortHelp()
	if sc := a.screens[a.active]; sc != nil {
		keys = append(sc.ShortHelp(), keys...)
	}
	// bubbles/help may still add a key past the width when even "…"
	// does not fit: cut the line, whatever a screen asks for.
	return common.Truncate(a.help.ShortHelpView(keys), a.width)
}

func (a *App) helpView() string {
	st, w := a.ctx.Styles, &a.ctx.Words.Shell
	out := st.Title.Render(w.HelpTitle+" · "+a.titles[a.active]) + "\n\n"
	if sc := a.screens[a.active]; sc != nil {
		out += a.help.FullHelpView(sc.FullHelp()) + "\n\n"
	}
	out +=
		st.Title.Render(w.HelpGlobal) + "\n" + a.help.FullHelpView(a.keys.FullHelp())
	return out
}

// statusLine keeps what must always be seen on the right (the overdue
// count and the typing mode) and puts the latest message, or else the
// site, user and date, on the left, cut to fit.
func (a *App) statusLine() string {
	st, w := a.ctx.Styles, &a.ctx.Words.Shell
	now := a.ctx.Now().In(model.VN)
	var right []string
	if a.phase == phaseMain {
		if a.overdue > 0 {
			right = append(right, "⚠ "+fmt.Sprintf(w.Overdue, a.overdue))
		} else {
			right = append(right, w.NoOverdue)
		}
	}
	vi, en := a.ctx.Input.Mode.Label()
	if a.ctx.Input.Mode == textfield.ModeOff {
		vi, en = w.InputOff, w.InputOff
	}
	right = append(right, pick(a.ctx.Lang, vi, en))
	rs := " │ " + strings.Join(right, " · ") + " "
	left := a.status
	if left == "" {
		var parts []string
		if site := a.ctx.Store.Site(); site != "" {
			parts = append(parts, site)
		}
		if a.ctx.User.Login != "" {
			parts = append(parts, a.ctx.User.Name)
		}
		parts = append(parts, w.Weekdays[now.Weekday()]+" "+model.DateOf(now).String())
		left = strings.Join(parts, " · ")
	}
	room := a.width - lipgloss.Width(rs) - 1
	left = " " + common.Pad(left, room)
	style := st.Status
	if a.statusErr {
		style = style.Inherit(st.StatusErr)
	}
	return style.Width(a.width).MaxWidth(a.width).Render(left + rs)
}
