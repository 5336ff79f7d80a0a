package tui

import (
	"context"
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
	"github.com/charmbracelet/x/ansi"
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
	// Background runs once the first screen is up (the automatic
	// backup); its error is shown on the status line. Quitting cancels
	// it and waits for it at most a second.
	Background func(ctx context.Context) error
	// DraftDelay is the pause in typing after which a form's draft is
	// written; Run uses a second when it is 0, tests write at once.
	DraftDelay time.Duration
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
	copy          store.CopyState // a restored copy waiting for its parent
	// pages is the overlay stack (help, confirmations, pickers, the
	// message log): the top one gets the keys, Esc pops one.
	pages []common.Page
	// log keeps the recent status messages, newest last (Alt+9 shows it).
	log []logEntry
	// Locking and switching user (access.go).
	lastKey time.Time
	desks   map[string]*desk // what each locked person left, until they return
	ticking bool             // the idle clock runs (a real terminal; tests send idleTickMsg)
	// baseLang is the language the program started in (--lang); a
	// person's own choice (settings) replaces it for their screens.
	baseLang model.Lang
	// idleLock is the site's idle lock as read at the last sign-in.
	idleLock time.Duration
}

// logEntry is one status message, kept for the message log.
type logEntry struct {
	at     time.Time
	screen string
	text   string
	err    bool
	detail string // an error's own text, shown only here
}

// logSize is how many messages the log keeps.
const logSize = 50

// New makes the root model over an open store.
func New(s *store.Store, opt Options) *App {
	if opt.Now == nil {
		// The store's clock: never behind the newest record, so a
		// laptop's wrong clock does not move days and deadlines.
		opt.Now = s.Now
	}
	if opt.Output == nil {
		opt.Output = os.Stdout
	}
	ctx := &common.Context{
		Store: s, Lang: opt.Lang, Words: common.WordsFor(opt.Lang),
		Styles: common.NewStyles(opt.Output, opt.Plain), Now: opt.Now,
		Input:      &common.InputSettings{Mode: textfield.ModeOff, Style: textfield.ToneModern},
		DraftDelay: opt.DraftDelay,
	}
	if opt.Plain {
		ctx.Styles = common.PlainStyles()
	}
	a := &App{ctx: ctx, factories: opt.Screens, help: help.New(), width: MinWidth, height: MinHeight}
	ctx.Log = func(text, detail string) {
		a.log = append(a.log, logEntry{at: ctx.Now(), text: text, err: true, detail: detail})
	}
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
			a.signedIn(u, readPrefs(s, u.Login))
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
	if opt.DraftDelay == 0 {
		opt.DraftDelay = time.Second
	}
	a := New(s, opt)
	a.ticking = true
	g := &guarded{m: a, path: s.Path()}
	p := tea.NewProgram(g, tea.WithAltScreen())
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if opt.Background == nil {
			return
		}
		// After the first screen: start-up is not slowed by a copy.
		select {
		case <-time.After(2 * time.Second):
		case <-ctx.Done():
			return
		}
		if err := opt.Background(ctx); err != nil && ctx.Err() == nil {
			p.Send(common.Failed(opt.Lang, err))
		}
	}()
	_, err := p.Run()
	cancel()
	select {
	case <-done:
	case <-time.After(time.Second):
	}
	if g.err != nil {
		return g.err
	}
	return err
}

// userPrefs are what a person keeps on this machine and the site's idle
// lock, read with the sign-in (in its command).
type userPrefs struct {
	lang, mode, tones string
	idle              time.Duration
}

func readPrefs(st *store.Store, login string) userPrefs {
	return userPrefs{lang: st.GetPref(login, common.PrefLang), mode: st.GetPref(login, prefInputMode),
		tones: st.GetPref(login, prefTones), idle: st.IdleLock()}
}

func (a *App) signedIn(u model.User, p userPrefs) {
	a.lastKey = a.ctx.Now()
	a.idleLock = p.idle
	if a.resume(u, p) {
		return
	}
	a.ctx.User = u
	a.phase = phaseMain
	// The typing settings are the person's own, kept on this machine.
	if m, err := strconv.Atoi(p.mode); err == nil {
		a.ctx.Input.Mode = textfield.Mode(m)
	}
	if p.tones == "old" {
		a.ctx.Input.Style = textfield.ToneOld
	}
	a.useLang(p.lang) // before the screens are made in it
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
	a.keys = newGlobalKeys(w, &ctx.Words.Desk, &ctx.Words.Access, a.titles)
}

// Init starts the interface.
func (a *App) Init() tea.Cmd {
	switch a.phase {
	case phaseMain:
		cmds := []tea.Cmd{a.countOverdue(), a.idleTick()}
		if a.screens[a.active] != nil {
			cmds = append(cmds, a.screens[a.active].Init())
		}
		for i, sc := range a.screens {
			if p, ok := sc.(common.Prefetcher); ok && common.ScreenID(i) != a.active {
				cmds = append(cmds, p.Prefetch())
			}
		}
		return tea.Batch(cmds...)
	case phaseSignIn:
		return a.signin.Init()
	}
	return a.setup.Init()
}

// overdueMsg carries what the status line always shows: the overdue
// count, and whether the file is a restored copy waiting for its parent.
type overdueMsg struct {
	n    int
	copy store.CopyState
}

// idleLockMsg is the site's idle lock read again after a change (an
// administrator may have just set it).
type idleLockMsg time.Duration

func (a *App) readIdleLock() tea.Cmd {
	s := a.ctx.Store
	return func() tea.Msg { return idleLockMsg(s.IdleLock()) }
}

func (a *App) countOverdue() tea.Cmd {
	s, today := a.ctx.Store, a.ctx.Today()
	return func() tea.Msg { return overdueMsg{s.Overdue(today, ""), s.Copy()} }
}

func (a *App) bodyHeight() int { return a.height - 2 - a.statusHeight() }

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

// busyQuit returns the quit question of a screen whose work still runs,
// or "".
func (a *App) busyQuit() string {
	for _, sc := range a.screens {
		if b, ok := sc.(common.Busy); ok {
			if q := b.BusyQuit(); q != "" {
				return q
			}
		}
	}
	return ""
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
		a.overdue, a.copy = msg.n, msg.copy
		a.resize()
		return a, nil
	case idleTickMsg:
		return a, a.idleCheck()
	case common.RestoreMsg:
		return a, a.restore(msg.Path)
	case restoredMsg:
		return a, a.restored(msg)
	case common.StatusMsg:
		a.setStatus(msg.Text, msg.Err)
		if msg.Detail != "" && len(a.log) > 0 {
			a.log[len(a.log)-1].detail = msg.Detail
		}
		return a, nil
	case common.PushMsg:
		a.pages = append(a.pages, msg.Page)
		return a, nil
	case dropPageMsg:
		a.removePage(msg.page)
		return a, nil
	case signedInMsg:
		a.signedIn(msg.user, msg.prefs)
		a.setStatus("", false)
		return a, a.Init()
	case setupDoneMsg:
		a.phase = phaseSignIn
		a.signin = newGate(a.ctx, "")
		a.setStatus(fmt.Sprintf(a.ctx.Words.Shell.SetupDone, a.ctx.Store.Site()), false)
		return a, tea.Batch(gateCmd(a.ctx.Store), a.signin.Init())
	case common.GotoMsg:
		return a, a.goTo(msg.Screen)
	case common.OpenCaseMsg:
		return a, a.deliver(common.ScreenFollowup, msg, true)
	case common.OpenPetitionMsg:
		return a, a.deliver(common.ScreenClassify, msg, true)
	case common.ChangedMsg:
		return a, tea.Batch(a.countOverdue(), a.readIdleLock(), a.broadcast(msg))
	case idleLockMsg:
		a.idleLock = time.Duration(msg)
		return a, nil
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
	// Anything that is not a key is the answer to some screen's or page's
	// command (a search, an import, a correction): every screen sees it,
	// so an answer that arrives after the person switched tabs is not
	// lost, and so does a page waiting for one. Screens ignore the
	// messages that are not theirs.
	var cmds []tea.Cmd
	for _, p := range append([]common.Page(nil), a.pages...) {
		if r, ok := p.(common.PageReceiver); ok {
			closed, cmd := r.Receive(msg)
			if closed {
				a.removePage(p)
			}
			cmds = append(cmds, cmd)
		}
	}
	return a, tea.Batch(append(cmds, a.broadcast(msg))...)
}

// dropPageMsg takes a page off the stack (its Esc was confirmed).
type dropPageMsg struct{ page common.Page }

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
		a.status, a.statusErr = "", false // it belonged to the screen left
		a.resize()
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
	// A message belongs to the screen it was said on (the log keeps it).
	a.status, a.statusErr = "", false
	a.resize()
	return a.screens[id].Init()
}

func (a *App) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	w := &a.ctx.Words.Shell
	a.lastKey = a.ctx.Now()
	// While the window is too small nothing is drawn but the notice, so
	// no key may act unseen; quitting still works.
	if a.tooSmall() {
		if key.Matches(msg, a.keys.Quit) {
			return a.quit()
		}
		return a, nil
	}
	if n := len(a.pages); n > 0 {
		top := a.pages[n-1]
		switch {
		case msg.Type == tea.KeyEsc:
			if g, ok := top.(common.PageGuard); ok && g.Dirty() {
				// A page with changes asks first (Enter does not discard).
				a.pages = append(a.pages, common.NewConfirm(a.ctx, a.ctx.Words.Desk.LeaveAsk, a.ctx.Words.Desk.Discard,
					func() tea.Msg { return dropPageMsg{top} }))
				return a, nil
			}
			a.pages = a.pages[:n-1]
			return a, nil
		case key.Matches(msg, a.keys.Quit):
			if _, ok := top.(*common.Confirm); ok {
				return a, nil // a confirmation is answered, not escaped by habit
			}
			return a.quit()
		case key.Matches(msg, a.keys.Help):
			// F1 closes the help; on a page with keys of its own (a
			// correction, a list) it opens the help of those keys, over
			// it. A confirmation explains itself instead.
			if tp, ok := top.(*common.TextPage); (!ok || !tp.ClosedBy(msg)) && len(top.ShortHelp()) > 0 {
				a.pages = append(a.pages, a.pageHelp(top))
				return a, nil
			}
		}
		closed, cmd := top.Key(msg)
		if closed {
			a.removePage(top)
		}
		return a, cmd
	}
	switch {
	case key.Matches(msg, a.keys.Quit):
		return a.quit()
	case key.Matches(msg, a.keys.Help):
		a.pages = append(a.pages, a.helpPage())
		return a, nil
	case key.Matches(msg, a.keys.Log):
		a.pages = append(a.pages, a.logPage())
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
		vi, en := in.Mode.Label()
		svi, sen := in.Style.Label()
		a.setStatus(w.KeyInputMode+": "+pick(a.ctx.Lang, vi+" · "+svi, en+" · "+sen), false)
		if a.phase == phaseSetup {
			a.setup.setMode(in)
		}
		cmds := []tea.Cmd{func() tea.Msg { return common.InputModeMsg{Mode: in.Mode, Style: in.Style} }}
		if u := a.ctx.User.Login; u != "" {
			tones := "new"
			if in.Style == textfield.ToneOld {
				tones = "old"
			}
			st := a.ctx.Store
			cmds = append(cmds, func() tea.Msg {
				st.SetPref(u, prefInputMode, strconv.Itoa(int(in.Mode)))
				st.SetPref(u, prefTones, tones)
				return nil
			})
		}
		return a, tea.Batch(cmds...)
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
			if key.Matches(msg, b) {
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

// removePage takes p off the stack (it is the top one, unless its key
// pushed another page above it).
func (a *App) removePage(p common.Page) {
	for i := len(a.pages) - 1; i >= 0; i-- {
		if a.pages[i] == p {
			a.pages = append(a.pages[:i], a.pages[i+1:]...)
			return
		}
	}
}

func (a *App) tooSmall() bool { return a.width < MinWidth || a.height < MinHeight }

// setStatus shows a message on the status line and keeps it in the log.
func (a *App) setStatus(text string, isErr bool) {
	a.status, a.statusErr = text, isErr
	if text != "" {
		screen := ""
		if a.phase == phaseMain {
			screen = a.titles[a.active]
		}
		a.log = append(a.log, logEntry{at: a.ctx.Now(), screen: screen, text: text, err: isErr})
		if len(a.log) > logSize {
			a.log = a.log[len(a.log)-logSize:]
		}
	}
	a.resize() // a long message takes a second line
}

// pageHelp is the help of a page on top of the screen (a correction, a
// confirmation, a list): its own keys, then the keys of everywhere.
func (a *App) pageHelp(p common.Page) common.Page {
	title := a.titles[a.active]
	if t, ok := p.(interface{ Title() string }); ok && t.Title() != "" {
		title = t.Title()
	}
	// Only the page's keys: the screens' keys do not reach past it.
	return a.helpText(title, [][]key.Binding{p.ShortHelp()}, nil)
}

// helpPage is the full help of what is on screen: the active screen's
// keys (or the sign-in's, the first run's), then the keys of everywhere.
func (a *App) helpPage() common.Page {
	w := &a.ctx.Words.Shell
	var title string
	var groups [][]key.Binding
	switch a.phase {
	case phaseSetup:
		title, groups = w.SetupTitle, a.setup.FullHelp()
	case phaseSignIn:
		title, groups = w.SignInTitle, a.signin.FullHelp()
	default:
		title = a.titles[a.active]
		if sc := a.screens[a.active]; sc != nil {
			groups = sc.FullHelp()
		}
	}
	global := a.keys.FullHelp()
	if a.phase != phaseMain {
		global = global[:1] // no screens to switch to before signing in
	}
	return a.helpText(title, groups, global)
}

// helpText lays out a help page: groups of keys under title, then the
// keys of everywhere (global), if any.
func (a *App) helpText(title string, groups, global [][]key.Binding) common.Page {
	w := &a.ctx.Words.Shell
	var parts []string
	if len(groups) > 0 {
		parts = append(parts, a.help.FullHelpView(groups))
	}
	if len(global) > 0 {
		parts = append(parts, a.ctx.Styles.Title.Render(w.HelpGlobal)+"\n"+a.help.FullHelpView(global))
	}
	out := strings.Join(parts, "\n\n")
	return common.NewTextPage(a.ctx, w.HelpTitle+" · "+title, out, a.keys.Help)
}

// logPage lists the recent messages, newest first.
func (a *App) logPage() common.Page {
	w := &a.ctx.Words.Desk
	var lines []string
	for i := len(a.log) - 1; i >= 0; i-- {
		e := a.log[i]
		sign := "·"
		if e.err {
			sign = "✗"
		}
		head := e.at.In(model.VN).Format("15:04:05")
		if e.screen != "" {
			head += " " + e.screen
		}
		lines = append(lines, sign+" "+a.ctx.Styles.Muted.Render(head))
		for _, l := range strings.Split(ansi.Wrap(e.text, a.width-4, ""), "\n") {
			lines = append(lines, "  "+l)
		}
		if e.detail != "" {
			for _, l := range strings.Split(ansi.Wrap(w.LogDetail+e.detail, a.width-4, ""), "\n") {
				lines = append(lines, "  "+a.ctx.Styles.Muted.Render(l))
			}
		}
	}
	if len(lines) == 0 {
		lines = []string{w.LogEmpty}
	}
	return common.NewTextPage(a.ctx, w.LogTitle, strings.Join(lines, "\n"), a.keys.Log)
}

func pick(l model.Lang, vi, en string) string {
	if l == model.EN {
		return en
	}
	return vi
}

// quit quits, or first asks (on a confirm page, where Enter does not
// quit) when some input is unsaved, which screens keep as a draft, or
// some work a person started still runs (common.Busy).
func (a *App) quit() (tea.Model, tea.Cmd) {
	busy := a.busyQuit()
	if !a.dirty() && busy == "" {
		return a, tea.Quit
	}
	for _, p := range a.pages {
		if _, ok := p.(*common.Confirm); ok {
			return a, nil // already asking
		}
	}
	w := a.ctx.Words
	text := w.Shell.QuitConfirm
	if a.phase == phaseMain {
		text = w.Desk.QuitDraft
	}
	if busy != "" {
		text = busy
	}
	a.pages = append(a.pages, common.NewConfirm(a.ctx, text, w.Shell.QuitYes, a.flushAndQuit()))
	return a, nil
}

// saveDrafts is one command that writes every screen's draft in turn.
func (a *App) saveDrafts() tea.Cmd {
	var cmds []tea.Cmd
	for _, sc := range a.screens {
		if d, ok := sc.(common.Drafter); ok {
			if c := d.SaveDraft(); c != nil {
				cmds = append(cmds, c)
			}
		}
	}
	if len(cmds) == 0 {
		return nil
	}
	return func() tea.Msg {
		var failed tea.Msg
		for _, c := range cmds {
			if m := c(); m != nil && failed == nil {
				failed = m // the first failure, on the status line
			}
		}
		return failed
	}
}

// flushAndQuit writes every screen's draft, then quits.
func (a *App) flushAndQuit() tea.Cmd {
	save := a.saveDrafts()
	// One command, run in order: every draft is written before quitting.
	return func() tea.Msg {
		if save != nil {
			save()
		}
		return tea.Quit()
	}
}

// View draws the whole window.
func (a *App) View() string {
	st, w := a.ctx.Styles, &a.ctx.Words.Shell
	if a.tooSmall() {
		msg := fmt.Sprintf(w.TooSmall, a.width, a.height)
		return st.R.NewStyle().Width(max(a.width, 1)).Render(msg)
	}
	var body string
	switch {
	case len(a.pages) > 0:
		body = a.pages[len(a.pages)-1].View(a.width, a.bodyHeight())
	case a.phase == phaseSetup:
		body = a.setup.View(a.width, a.bodyHeight())
	case a.phase == phaseSignIn:
		body = a.signin.View(a.width, a.bodyHeight())
	case a.screens[a.active] != nil:
		body = a.screens[a.active].View()
	}
	body = fit(st.R, body, a.width, a.bodyHeight())
	frame := lipgloss.JoinVertical(lipgloss.Left, a.tabBar(), body, a.shortHelp(), a.statusLine())
	if a.ctx.Lang == model.EN {
		frame = common.Singular(frame) // "1 days" is "1 day"
	}
	return frame
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
	if n := len(a.pages); n > 0 {
		return common.Truncate(a.help.ShortHelpView(a.pages[n-1].ShortHelp()), a.width)
	}
	keys := a.keys.ShortHelp()
	if a.phase != phaseMain {
		return common.Truncate(a.help.ShortHelpView(keys), a.width)
	}
	if sc := a.screens[a.active]; sc != nil {
		keys = append(sc.ShortHelp(), keys...)
	}
	// bubbles/help may still add a key past the width when even "…"
	// does not fit: cut the line, whatever a screen asks for.
	return common.Truncate(a.help.ShortHelpView(keys), a.width)
}

// statusLine keeps what must always be seen on the right (the overdue
// count and the typing mode) and puts the latest message, or else the
// site, user and date, on the left, cut to fit.
func (a *App) statusLine() string {
	st, w := a.ctx.Styles, &a.ctx.Words.Shell
	now := a.ctx.Now().In(model.VN)
	rs := a.statusRight()
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
	style := st.Status
	if a.statusErr {
		style = style.Inherit(st.StatusErr)
	}
	line := func(s string) string { return style.Width(a.width).MaxWidth(a.width).Render(s) }
	if lipgloss.Width(left) <= room {
		return line(" " + common.Pad(left, room) + rs)
	}
	// A message is never cut: a long one wraps at a word over more
	// lines (the body gives them up), and stays in the log (Alt+9).
	lines := a.statusText()
	out := make([]string, len(lines))
	for i, l := range lines {
		if i == len(lines)-1 {
			out[i] = line(" " + common.Pad(l, room) + rs)
		} else {
			out[i] = line(" " + common.Pad(l, a.width-1))
		}
	}
	return strings.Join(out, "\n")
}

// statusText is the message wrapped to the status lines: the last line
// leaves room for the right-hand part (an extra line when it cannot).
func (a *App) statusText() []string {
	room := a.width - lipgloss.Width(a.statusRight()) - 1
	if lipgloss.Width(a.status) <= room {
		return []string{a.status}
	}
	lines := strings.Split(ansi.Wrap(a.status, a.width-2, ""), "\n")
	if len(lines) > 3 { // at most three lines; the log has the rest
		lines = append(lines[:2], common.Truncate(strings.Join(lines[2:], " "), room))
	}
	if lipgloss.Width(lines[len(lines)-1]) > room {
		lines = append(lines, "")
	}
	return lines
}

// statusHeight is the number of lines the status line takes.
func (a *App) statusHeight() int { return min(len(a.statusText()), 4) }

// statusRight is what the status line always shows on the right: the
// overdue count and the typing mode.
func (a *App) statusRight() string {
	w := &a.ctx.Words.Shell
	var right []string
	if a.phase == phaseMain {
		if a.copy.Waiting {
			right = append(right, "⚠ "+fmt.Sprintf(w.CopyWaiting, a.copy.Parent))
		}
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
	return " │ " + strings.Join(right, " · ") + " "
}
