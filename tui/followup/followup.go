package followup

import (
	"strings"

	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

type mode int

const (
	modeDue  mode = iota // what is due (also when no case is open)
	modeCase             // one case
)

// Model is the follow-up screen.
type Model struct {
	ctx  *common.Context
	w    *common.FollowupWords
	keys keyMap

	width, height int
	mode          mode

	// The case being followed.
	caseID    string
	c         model.Case
	dl        model.Deadline
	evs       []model.Event
	sender    *model.Person
	loadErr   string
	timeline  []string // rendered lines, for the current width
	scroll    int
	toEnd     bool   // scroll to the newest event at the next view
	why       string // why the last key pressed could not be used
	prior     string // the earlier case's number, for a repeat
	caseLines int    // lines of the case header

	// Overlays: an action's form, its confirmation, the explanation of the
	// deadline.
	form    *form
	explain *explanation
	drafts  map[string][]string // case/action -> what was typed, kept on Esc

	draft *common.Drafts // the unsaved action forms, kept as a draft

	due   dueView
	names map[string]string // site/login -> name, read in commands
	users []model.User      // this site's users, read with the case
	opt   Options
}

// explanation is the day-by-day count of the deadline.
type explanation struct {
	lines   []string
	details []string // the rule's id, confidence and what is left to check
	more    bool     // details shown
	scroll  int
}

// shown is what the explanation shows now.
func (ex *explanation) shown() []string {
	if ex.more {
		return append(append([]string{}, ex.lines...), ex.details...)
	}
	return ex.lines
}

// New makes the screen.
func New(ctx *common.Context) common.Screen {
	m := &Model{
		ctx: ctx, w: &ctx.Words.Followup, width: 80, height: 21,
		drafts: map[string][]string{}, names: map[string]string{},
		draft: common.NewDrafts(ctx, draftName),
	}
	m.keys = newKeys(m.w)
	m.due.mine = ctx.User.Has(model.RoleHandler) && !ctx.User.Has(model.RoleLeader)
	return m
}

// Init reloads what the screen shows when it becomes active.
func (m *Model) Init() tea.Cmd {
	var due tea.Cmd
	if m.mode == modeDue {
		due = m.loadDue()
	}
	return tea.Batch(m.reload(), due, m.loadDraft())
}

// SetSize sets the size of the screen's body.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.caseID != "" {
		m.buildTimeline()
	}
	m.due.layout(m)
}

// Update handles keys and the messages every screen gets.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.OpenCaseMsg:
		return m, m.open(msg.ID)
	case caseLoadedMsg:
		m.loaded(msg)
		return m, nil
	case dueLoadedMsg:
		m.setDue(msg)
		if msg.err != nil {
			return m, m.ctx.Fail(msg.err)
		}
		return m, nil
	case common.CorrectedMsg:
		if msg.Err == nil && msg.Entity == m.caseID {
			m.toEnd = true
			return m, tea.Batch(m.reload(), common.Changed(msg.Entity))
		}
		return m, nil
	case common.RevealedMsg:
		if msg.Err == nil && msg.ID == m.caseID {
			m.toEnd = true // the reveal's event in sight when the case is read again (ChangedMsg)
		}
		return m, nil
	case common.ChangedMsg:
		var cmd tea.Cmd
		if m.caseID != "" && (msg.Entity == m.caseID || model.EntityKind(msg.Entity) != model.EntCase) {
			cmd = m.reload()
		}
		if m.mode == modeDue {
			cmd = tea.Batch(cmd, m.loadDue())
		}
		return m, cmd
	case common.InputModeMsg:
		if m.form != nil {
			m.form.setMode(msg.Mode, msg.Style)
		}
		return m, nil
	case common.DraftTickMsg, common.DraftFailedMsg, draftLoadedMsg:
		cmd, _ := m.draftUpdate(msg)
		return m, cmd
	case savedMsg:
		return m, m.saved(msg)
	case confirmedMsg:
		if m.form != nil && m.form.act == msg.act && m.caseID == msg.caseID {
			return m, m.submit(true)
		}
		return m, nil
	case tea.KeyMsg:
		m.why = ""
		switch {
		case m.form != nil:
			return m, tea.Batch(m.formKey(msg), m.changedDraft())
		case m.explain != nil:
			m.explainKey(msg)
			return m, nil
		case m.mode == modeDue:
			return m, m.dueKey(msg)
		}
		return m, m.caseKey(msg)
	}
	return m, nil
}

// open shows case id (read in a command).
func (m *Model) open(id string) tea.Cmd {
	m.closeForm()
	m.explain = nil
	if id != m.caseID {
		m.toEnd = true // the newest events first in sight
		// Nothing of the case left may be acted on while the new one is read.
		m.c, m.evs, m.timeline = model.Case{}, nil, nil
	}
	m.caseID, m.mode = id, modeCase
	return m.reload()
}

func (m *Model) caseKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	page := max(m.timelineHeight()-1, 1)
	step, isMove := k.Step(msg, page)
	switch {
	case key.Matches(msg, k.End):
		m.toEnd = true // resolved when the timeline is laid out
	case isMove:
		m.scrollBy(step)
	case key.Matches(msg, k.Back):
		return func() tea.Msg { return common.GotoMsg{Screen: common.ScreenQueue} }
	case key.Matches(msg, k.Print):
		return m.printNotice()
	default:
		for _, a := range actions {
			if m.action(a.id).Matches(msg) {
				return m.do(a.id)
			}
		}
	}
	return nil
}

func (m *Model) scrollBy(d int) {
	m.scroll = max(0, min(m.scroll+d, len(m.timeline)-m.timelineHeight()))
}

// View draws the screen's body.
func (m *Model) View() string {
	switch {
	case m.form != nil:
		return m.form.view(m)
	case m.explain != nil:
		return m.explainView()
	case m.mode == modeDue:
		return m.dueView()
	}
	return m.caseView()
}

// ShortHelp lists the main keys of the view.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	// The root adds F1 and Ctrl+Q; together they must fit in 80 cells.
	switch {
	case m.form != nil:
		return []key.Binding{k.Next, k.Save, k.Cancel}
	case m.explain != nil:
		return []key.Binding{k.Scroll, k.Details, k.Close}
	case m.mode == modeDue:
		return []key.Binding{k.Open, k.Mine}
	}
	return []key.Binding{k.Scroll, k.Print, k.Back}
}

// FullHelp lists every key, and why an action is not available now.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return [][]key.Binding{{k.Next, k.Save, k.Cancel}}
	case m.explain != nil:
		return [][]key.Binding{{k.Scroll, k.Details, k.Close}}
	case m.mode == modeDue:
		// The keys of a case too, as a reference (they work once a case is
		// open: Enter, or v back to it).
		var acts []key.Binding
		for _, a := range actions {
			if a.id != aDue && a.id != aGuide {
				acts = append(acts, key.NewBinding(key.WithKeys(a.key), key.WithHelp(a.key, m.label(a.id))))
			}
		}
		half := (len(acts) + 1) / 2
		return [][]key.Binding{{k.Scroll, k.Open, k.Mine, m.binding(aDue), k.Back}, acts[:half], acts[half:]}
	}
	var acts, other []key.Binding
	for _, a := range actions {
		if !m.shown(a.id) {
			continue
		}
		if a.ev != "" && a.id != aNote && a.id != aRemind && a.id != aReveal {
			acts = append(acts, m.binding(a.id))
		} else {
			other = append(other, m.bindingW(a.id, helpOtherDescWidth))
		}
	}
	other = append(other, k.Scroll, k.Print, k.Back)
	// Two columns of about the same height, so the keys of every screen
	// below them still fit 24 lines: the last case actions move over.
	for len(acts) > len(other) {
		last := acts[len(acts)-1]
		acts = acts[:len(acts)-1]
		d := last.Help()
		last.SetHelp(d.Key, common.Truncate(d.Desc, helpOtherDescWidth))
		other = append([]key.Binding{last}, other...)
	}
	return [][]key.Binding{acts, other}
}

// Dirty reports typed input not yet saved: an open form with changes, or
// a draft kept from one.
func (m *Model) Dirty() bool {
	return (m.form != nil && m.form.changed()) || len(m.drafts) > 0
}

// Capturing is true while a form's text field has the keyboard.
func (m *Model) Capturing() bool { return m.form != nil }

// center places s in the middle of the body.
func (m *Model) center(s string) string {
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, s)
}

// wrap cuts s into lines of at most width cells.
func (m *Model) wrap(s string, width int) []string {
	if width < 1 {
		width = 1
	}
	out := strings.Split(m.ctx.Styles.R.NewStyle().Width(width).Render(s), "\n")
	for i := range out {
		out[i] = strings.TrimRight(out[i], " ")
	}
	return out
}

// name returns the name of a user of the case's site (its handler, who
// set a reminder), or the login when it is unknown.
func (m *Model) name(login string) string { return m.nameAt(m.c.Site, login) }

// nameAt returns the name of user login of site (an event's author is a
// user of the site that wrote it), else of this site, else the login.
func (m *Model) nameAt(site, login string) string {
	if login == "" {
		return ""
	}
	k := site + "/" + login
	if n, ok := m.names[k]; ok {
		return n
	}
	if n, ok := m.names[m.ctx.Store.Site()+"/"+login]; ok {
		return n
	}
	// Names are read with the case and the due list, in their commands;
	// one not read shows as the login rather than reading while drawing.
	return login
}

// masked reports whether the signed-in user must not see the sender of c
// now (the policy: entitled, and revealed on purpose).
func (m *Model) masked(c *model.Case) bool {
	_, show := common.Sender(m.ctx, c)
	return !show
}
