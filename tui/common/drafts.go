package common

import (
	"donthu/store"

	tea "github.com/charmbracelet/bubbletea"
)

// Drafts is the plumbing of one screen's draft (docs/architecture.md, The
// screens): the pause after typing before the draft is written, the tick
// that ends the pause, the write, the drop, and the one read at first
// showing. Owner names the draft in the file and marks its ticks, so one
// screen's tick never reaches another's draft.
type Drafts struct {
	ctx   *Context
	Owner string
	// Kept is set while a draft of the owner is in the file.
	Kept    bool
	seq     int
	checked bool
}

// NewDrafts makes the plumbing of the draft named owner.
func NewDrafts(ctx *Context, owner string) *Drafts { return &Drafts{ctx: ctx, Owner: owner} }

// DraftTickMsg ends the pause after typing in the owner's form.
type DraftTickMsg struct {
	Owner string
	seq   int
}

// Changed runs after a key that may have changed the form: unless there
// is nothing to keep (no changes, no draft in the file), the draft is
// written once typing pauses (the tick, after ctx.DraftDelay).
func (d *Drafts) Changed(changes bool) tea.Cmd {
	if !changes && !d.Kept {
		return nil
	}
	d.seq++
	return d.ctx.DraftTick(DraftTickMsg{Owner: d.Owner, seq: d.seq})
}

// Due reports whether msg is the owner's tick after the last change: the
// pause is over, write the draft now.
func (d *Drafts) Due(msg tea.Msg) (mine, due bool) {
	t, ok := msg.(DraftTickMsg)
	if !ok || t.Owner != d.Owner {
		return false, false
	}
	return true, t.seq == d.seq
}

// Write writes data as the draft, in a command.
func (d *Drafts) Write(data any) tea.Cmd {
	s, login, lang, owner := d.ctx.Store, d.ctx.User.Login, d.ctx.Lang, d.Owner
	if login == "" {
		return nil
	}
	d.Kept = true
	return func() tea.Msg { return DraftWritten(lang, s.SaveDraft(login, owner, data)) }
}

// Save writes data as the draft now, or drops the draft when there is
// nothing to keep: what a screen's SaveDraft does.
func (d *Drafts) Save(keep bool, data any) tea.Cmd {
	if !keep {
		return d.Drop()
	}
	return d.Write(data)
}

// Handle answers the plumbing's own messages for the owner: the tick at
// the end of a pause (save, the screen's SaveDraft, runs if it is the
// last one) and a draft that could not be read. ok is false for any other
// message.
func (d *Drafts) Handle(msg tea.Msg, save func() tea.Cmd) (tea.Cmd, bool) {
	if mine, due := d.Due(msg); mine {
		if due {
			return save(), true
		}
		return nil, true
	}
	return d.Failed(msg)
}

// Drop forgets the draft (the form was saved, discarded or emptied); a
// pending tick writes nothing.
func (d *Drafts) Drop() tea.Cmd {
	d.seq++
	if !d.Kept || d.ctx.User.Login == "" {
		return nil
	}
	d.Kept = false
	s, login, lang, owner := d.ctx.Store, d.ctx.User.Login, d.ctx.Lang, d.Owner
	return func() tea.Msg { return DraftWritten(lang, s.DropDraft(login, owner)) }
}

// DraftFailedMsg says the owner's draft could not be read.
type DraftFailedMsg struct {
	Owner string
	Err   error
}

// Load reads the draft once, in a command; decode (run in the command
// too, so it may read the store) turns a draft found into the screen's
// own message. A failure comes as a DraftFailedMsg.
func (d *Drafts) Load(decode func(store.Draft) tea.Msg) tea.Cmd {
	if d.checked || d.ctx.User.Login == "" {
		return nil
	}
	d.checked = true
	s, login, owner := d.ctx.Store, d.ctx.User.Login, d.Owner
	return func() tea.Msg {
		dr, ok, err := s.LoadDraft(login, owner)
		if err != nil {
			return DraftFailedMsg{Owner: owner, Err: err}
		}
		if !ok {
			return nil
		}
		return decode(dr)
	}
}

// Failed is the status message of the owner's draft that could not be
// read, if msg is one.
func (d *Drafts) Failed(msg tea.Msg) (tea.Cmd, bool) {
	f, ok := msg.(DraftFailedMsg)
	if !ok || f.Owner != d.Owner {
		return nil, false
	}
	return d.ctx.Fail(f.Err), true
}
