package tui

import (
	"fmt"
	"path/filepath"
	"time"

	"donthu/model"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// Locking, signing out and switching user at a shared desk.
//
// F12 (or Alt+L), or a while without keys (the site's idle lock, ten
// minutes by default), locks the screen: the store forgets the session's
// keys, the screens stay as they were, and the sign-in box comes up with
// the person who locked it picked. Their password unlocks and they find
// what they were typing. Picking someone else switches user: the first
// person's screens are kept aside, untouched, for when they come back.
// Alt+O signs out: the session ends and its screens are dropped, which
// is refused while something is unsaved (lock instead).

type idleTickMsg struct{}

// idleEvery is how often the root checks for an idle desk.
const idleEvery = 15 * time.Second

func (a *App) idleTick() tea.Cmd {
	if !a.ticking {
		return nil
	}
	return tea.Tick(idleEvery, func(time.Time) tea.Msg { return idleTickMsg{} })
}

// idleCheck locks a desk left without keys for the site's idle lock.
func (a *App) idleCheck() tea.Cmd {
	if a.phase != phaseMain {
		return nil
	}
	if d := a.idleLock; d > 0 && a.ctx.Now().Sub(a.lastKey) >= d {
		return a.lock(true)
	}
	return a.idleTick()
}

// lock locks the screen, keeping every screen as it is; every screen's
// unsaved input is written as its draft first, so a desk locked and never
// unlocked (the program killed, the machine off) loses nothing.
func (a *App) lock(idle bool) tea.Cmd {
	// One command, in order: the drafts written, then the session ended
	// (its keys dropped, the sign-out in the audit).
	drafts, st := a.saveDrafts(), a.ctx.Store
	end := func() tea.Msg {
		var msg tea.Msg
		if drafts != nil {
			msg = drafts()
		}
		st.SignOut()
		return msg
	}
	a.phase = phaseSignIn
	// Overlays (a correction being typed, a confirmation) wait with the
	// screens; none takes keys behind the lock.
	d := a.deskOf(a.ctx.User.Login)
	d.pages, d.active, a.pages = a.pages, a.active, nil
	a.signin = newLock(a.ctx)
	a.status, a.statusErr = "", false
	if idle {
		a.status = a.ctx.Words.Access.IdleLocked
	}
	return tea.Batch(end, gateCmd(a.ctx.Store), a.blink())
}

// blink starts the password field's cursor blinking, in a terminal (in
// tests the blink would only sleep).
func (a *App) blink() tea.Cmd {
	if !a.ticking {
		return nil
	}
	return a.signin.Init()
}

// signOut ends the session and drops its screens.
func (a *App) signOut() tea.Cmd {
	aw := &a.ctx.Words.Access
	if a.dirty() {
		a.status, a.statusErr = aw.SignOutDirty, true
		return nil
	}
	name, st := a.ctx.User.Name, a.ctx.Store
	signOut := func() tea.Msg { st.SignOut(); return nil }
	a.screens = [common.NumScreens]common.Screen{}
	delete(a.desks, a.ctx.User.Login)
	a.pages = nil
	a.phase = phaseSignIn
	a.signin = newGate(a.ctx, "")
	a.status, a.statusErr = fmt.Sprintf(aw.SignedOut, name), false
	return tea.Batch(signOut, gateCmd(a.ctx.Store), a.blink())
}

// desk is what a person who locked left: their overlays and the screen
// they were on (kept at the lock), and their screens, kept aside when
// someone else signs in (until then the screens stay in place and still
// take the answers of commands under way).
type desk struct {
	screens [common.NumScreens]common.Screen
	pages   []common.Page
	active  common.ScreenID
}

// deskOf returns login's kept desk, made if need be.
func (a *App) deskOf(login string) *desk {
	if a.desks == nil {
		a.desks = map[string]*desk{}
	}
	d := a.desks[login]
	if d == nil {
		d = &desk{}
		a.desks[login] = d
	}
	return d
}

// resume brings back a locked desk: the same person unlocks, keeping
// their screens; someone else switches, and the first person's screens
// are kept aside until they return, each person back on the screen they
// left. It reports whether it handled u.
func (a *App) resume(u model.User, p userPrefs) bool {
	var none [common.NumScreens]common.Screen
	prev := a.ctx.User
	d := a.desks[u.Login]
	if prev.Login == u.Login && a.screens != none {
		delete(a.desks, u.Login)
		a.ctx.User, a.phase = u, phaseMain
		if d != nil {
			a.pages, a.active = d.pages, d.active
		}
		a.status = a.ctx.Words.Access.Unlocked
		return true
	}
	if prev.Login != "" && a.screens != none {
		a.deskOf(prev.Login).screens = a.screens
		a.screens = none
	}
	if d == nil || d.screens == none {
		return false
	}
	delete(a.desks, u.Login)
	a.useLang(p.lang)
	a.ctx.User, a.screens, a.phase = u, d.screens, phaseMain
	a.pages, a.active = d.pages, d.active
	a.resize()
	return true
}

// useLang puts the interface in login's own language (a preference kept
// on this machine, set in the settings), else the one it started in.
func (a *App) useLang(pref string) {
	l := a.baseLang
	if pref != "" {
		l = model.ParseLang(pref)
	}
	if l == a.ctx.Lang {
		return
	}
	a.ctx.Lang, a.ctx.Words = l, common.WordsFor(l)
	a.setWords()
}

// restore replaces the data file by a backup (the settings screen asks),
// refused while something is unsaved; then every screen is dropped and
// everyone signs in again with the restored file's users.
func (a *App) restore(path string) tea.Cmd {
	aw := &a.ctx.Words.Access
	if a.dirty() {
		a.status, a.statusErr = aw.SignOutDirty, true
		return nil
	}
	// The file is swapped in a command, like every other store call.
	s, login := a.ctx.Store, a.ctx.User.Login
	return func() tea.Msg {
		aside, err := s.RestoreHere(login, path)
		return restoredMsg{path: path, aside: aside, err: err}
	}
}

// restoredMsg is the answer of restore's command.
type restoredMsg struct {
	path, aside string
	err         error
}

// restored drops every screen once the file was swapped: everyone signs
// in again with the restored file's users.
func (a *App) restored(msg restoredMsg) tea.Cmd {
	aw := &a.ctx.Words.Access
	path, aside := msg.path, msg.aside
	if msg.err != nil {
		a.status, a.statusErr = a.ctx.Say(msg.err), true
		return nil
	}
	a.screens = [common.NumScreens]common.Screen{}
	a.desks = nil
	a.ctx.User = model.User{}
	a.phase = phaseSignIn
	a.signin = newGate(a.ctx, "")
	a.status, a.statusErr = fmt.Sprintf(aw.Restored, filepath.Base(path), filepath.Base(aside)), false
	return tea.Batch(gateCmd(a.ctx.Store), a.blink(), a.countOverdue())
}
