package classify

import (
	"errors"
	"fmt"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

var sprintf = fmt.Sprintf

// Model is the classification screen: the inbox, one form, or the
// confirmation of the classification just saved.
type Model struct {
	ctx    *common.Context
	opt    Options
	keys   keyMap
	width  int
	height int

	rows     []row
	loaded   bool
	table    common.Table
	children []store.Peer // this site's pinned children: a petition may be transferred to one

	form   *form            // the petition being classified, nil = the list
	drafts map[string]*form // classifications started, by petition id
	done   *done            // the classification just saved

	restored map[string]formDraft // kept from last time, by petition id, not yet opened
	draft    *common.Drafts       // the classifications started, kept as a draft
}

// row is a petition of the inbox with its processing time limit today.
type row struct {
	p  model.Petition
	dl model.Deadline
}

// done is a classification just saved.
type done struct {
	p      model.Petition
	cs     *model.Case
	dl     model.Deadline
	letter Letter
	sent   *model.Petition // the copy transferred to a child site
	child  string          // that site's code
}

type inboxMsg struct {
	rows     []row
	children []store.Peer
	err      error // some petitions could not be read
}

type candsMsg struct {
	id    string
	cands []candidate
	err   error
}

// New makes the screen.
func New(ctx *common.Context) common.Screen { return NewWith(ctx, Options{}) }

// NewWith makes the screen with options (a letter printer).
func NewWith(ctx *common.Context, opt Options) common.Screen {
	m := &Model{ctx: ctx, opt: opt, keys: newKeys(&ctx.Words.Classify, &ctx.Words.Desk), width: 80, height: 21, drafts: map[string]*form{}, draft: common.NewDrafts(ctx, draftName)}
	m.keys.Reveal = common.NewAction("b", ctx.Words.Desk.KeyReveal, "b").When(m.revealWhy)
	m.table.Width = m.width
	return m
}

// Init loads the inbox (each time the screen is shown).
func (m *Model) Init() tea.Cmd { return tea.Batch(m.loadCmd(), m.loadDraft()) }

func (m *Model) loadCmd() tea.Cmd {
	s, today := m.ctx.Store, m.ctx.Today()
	return func() tea.Msg {
		rows, err := load(s, today)
		return inboxMsg{rows: rows, children: s.Children(), err: err}
	}
}

// load reads the inbox with each petition's processing time limit: the
// petitions that could be read, and the error if some could not.
func load(s *store.Store, today model.Date) ([]row, error) {
	cal := s.Calendar()
	ps, err := s.Inbox()
	rows := make([]row, len(ps))
	for i, p := range ps {
		rows[i] = row{p: p, dl: model.ProcessDeadline(p.Kind, p.Regime, p.Received, cal, today)}
	}
	return rows, err
}

// SetSize takes the body's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.Width = w
	if m.form != nil {
		m.sizeForm(m.form)
	}
}

// Dirty reports a classification started and not saved.
func (m *Model) Dirty() bool {
	for _, f := range m.drafts {
		if f.touched {
			return true
		}
	}
	return len(m.restored) > 0
}

// Capturing reports that a text field has the keyboard.
func (m *Model) Capturing() bool { return m.form != nil && m.done == nil && m.form.at.text() }

// ShortHelp lists the main keys of what is shown.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch {
	case m.done != nil:
		if m.done.cs != nil {
			return []key.Binding{k.OpenCase, k.Back, k.Letter}
		}
		return []key.Binding{k.Back, k.Letter}
	case m.form != nil:
		return []key.Binding{k.Save, k.Next, k.Back}
	}
	return []key.Binding{k.Move, k.Open, k.Reveal.Binding}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	reveal := k.Reveal.Binding
	if m.form == nil && m.done == nil {
		reveal = k.Reveal.HelpBinding(m.ctx.User, &m.ctx.Words.Desk, 40)
	}
	return [][]key.Binding{
		{k.Move, k.Open, k.Correct, reveal, k.Next, k.Prev, k.Back},
		{k.Save, k.Choose, k.Toggle, k.Letter, k.OpenCase},
	}
}

// Update handles keys and loaded data.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if cmd, ok := m.draftUpdate(msg); ok {
		return m, cmd
	}
	switch msg := msg.(type) {
	case classifiedMsg:
		return m, m.classified(msg)
	case common.CorrectedMsg:
		if msg.Err == nil && model.EntityKind(msg.Entity) == model.EntPetition {
			return m, tea.Batch(m.loadCmd(), common.Changed(msg.Entity))
		}
		return m, nil
	case inboxMsg:
		m.children = msg.children
		m.setRows(msg.rows)
		if msg.err != nil {
			return m, m.ctx.Fail(msg.err)
		}
		return m, nil
	case candsMsg:
		if f := m.drafts[msg.id]; f != nil {
			m.setCandidates(f, msg.cands)
		}
		if msg.err != nil {
			return m, m.ctx.Fail(msg.err)
		}
		return m, nil
	case common.ChangedMsg:
		return m, m.loadCmd()
	case common.OpenPetitionMsg:
		return m, m.openID(msg.ID)
	case petitionMsg:
		return m, m.openRead(msg)
	case common.InputModeMsg:
		for _, f := range m.drafts {
			for _, t := range []*textfield.Model{&f.forwardTo, &f.reason} {
				t.SetMode(msg.Mode)
				t.SetToneStyle(msg.Style)
			}
		}
		return m, nil
	case tea.KeyMsg:
		switch {
		case m.done != nil:
			return m, m.doneKey(msg)
		case m.form != nil:
			return m, tea.Batch(m.formKey(msg), m.changedDraft())
		}
		return m, m.listKey(msg)
	}
	return m, nil
}

// setRows shows a fresh inbox, keeping the cursor on the same petition,
// and forgets the drafts of petitions no longer in it.
func (m *Model) setRows(rows []row) {
	cur := ""
	if m.table.Cursor < len(m.rows) {
		cur = m.rows[m.table.Cursor].p.ID
	}
	m.rows, m.loaded = rows, true
	in := map[string]bool{}
	cells := make([][]string, len(rows))
	at := min(m.table.Cursor, max(len(rows)-1, 0))
	for i, r := range rows {
		in[r.p.ID] = true
		cells[i] = m.cells(r)
		if r.p.ID == cur {
			at = i
		}
	}
	for id := range m.drafts {
		if !in[id] && (m.form == nil || m.form.p.ID != id) {
			delete(m.drafts, id)
		}
	}
	for id := range m.restored {
		if !in[id] {
			delete(m.restored, id) // classified since, here or elsewhere
		}
	}
	m.table.Cursor = at
	m.table.SetRows(cells)
}

// --- the list ---

func (m *Model) listKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Open):
		if m.table.Cursor < len(m.rows) {
			return m.open(m.rows[m.table.Cursor].p)
		}
	case key.Matches(k, m.keys.Letter):
		return common.Error(m.ctx.Words.Classify.NotYet)
	case key.Matches(k, m.keys.Correct):
		return m.correct()
	case m.keys.Reveal.Matches(k):
		return m.startReveal()
	default:
		m.table.HandleKey(k)
	}
	return nil
}

// openID opens a petition named by another screen: it is read in a
// command, and opened when it comes (petitionMsg).
func (m *Model) openID(id string) tea.Cmd {
	s := m.ctx.Store
	return func() tea.Msg {
		p, err := s.Petition(id)
		return petitionMsg{id: id, p: p, err: err}
	}
}

// petitionMsg carries a petition another screen asked to open.
type petitionMsg struct {
	id  string
	p   model.Petition
	err error
}

// openRead opens the petition read for openID.
func (m *Model) openRead(msg petitionMsg) tea.Cmd {
	w := &m.ctx.Words.Classify
	p, id := msg.p, msg.id
	if msg.err != nil {
		return common.Error(sprintf(w.NotFound, id))
	}
	if p.Classified {
		return common.Error(sprintf(w.Already, p.No, p.Decision.Label().In(m.ctx.Lang)))
	}
	for i, r := range m.rows {
		if r.p.ID == id {
			m.table.Cursor = i
			m.table.Move(0)
		}
	}
	return tea.Batch(m.open(p), m.loadCmd())
}

// open shows the form of p, as it was left if it was started.
func (m *Model) open(p model.Petition) tea.Cmd {
	m.done = nil
	if f, ok := m.drafts[p.ID]; ok {
		m.form = f
		m.sizeForm(f)
		return nil
	}
	f := m.newForm(p)
	if d, ok := m.restored[p.ID]; ok {
		f.put(d) // as it was left last time
		delete(m.restored, p.ID)
	}
	m.drafts[p.ID] = f
	m.form = f
	s := m.ctx.Store
	return func() tea.Msg {
		cands, err := candidates(s, p)
		return candsMsg{id: p.ID, cands: cands, err: err}
	}
}

// --- the form ---

func (m *Model) formKey(k tea.KeyMsg) tea.Cmd {
	f := m.form
	if f.busy {
		return nil // a moment: the classification is being written
	}
	km := &m.keys
	switch {
	case key.Matches(k, km.Save):
		return m.save()
	case key.Matches(k, km.Letter):
		return common.Error(m.ctx.Words.Classify.NotYet)
	case key.Matches(k, km.Back):
		m.leave(f, f.at)
		m.form = nil
		return nil
	case key.Matches(k, km.Prev):
		m.move(f, -1)
		return nil
	case key.Matches(k, km.Next):
		m.move(f, 1)
		return nil
	}
	switch {
	case f.at.text():
		t := f.textOf(f.at)
		before := t.Value()
		if f.at == fReason && before != "" && before == f.reasonAuto && k.Type == tea.KeyRunes && !strings.HasSuffix(before, " ") {
			// Typing after a filled-in reason goes on after it, never glued
			// to its last word ("… xử lý. Trùng nội dung").
			t.SetValue(strings.TrimRight(before, ".") + ". ")
			t.CursorEnd()
		}
		*t, _ = t.Update(k)
		if t.Value() != before {
			f.touched = true
			delete(f.notes, f.at)
		}
	case f.at.toggle():
		t := f.toggle(f.at)
		v, ok := km.Toggles.Apply(k, *t)
		if !ok {
			return nil
		}
		*t = v
		m.changed(f, f.at)
	default:
		c := f.choice(f.at)
		switch d := km.Choices.Step(k); d {
		case -1, 1:
			n := len(c.Options)
			if c.Selected < 0 {
				c.Selected = (n + min(d, 0)) % n
			} else {
				c.Selected = (c.Selected + d + n) % n
			}
			m.changed(f, f.at)
		default:
			// A key picks; Tab or Enter moves on.
			if k.Type == tea.KeyRunes && len(k.Runes) == 1 && c.Pick(string(k.Runes)) {
				m.changed(f, f.at)
			}
		}
	}
	return nil
}

// move goes to the next or previous input, checking the one it leaves.
func (m *Model) move(f *form, d int) {
	order := f.order()
	i := 0
	for j, x := range order {
		if x == f.at {
			i = j
		}
	}
	j := i + d
	if j < 0 || j >= len(order) {
		return
	}
	m.leave(f, f.at)
	m.focusOn(f, order[j])
}

func (m *Model) leave(f *form, at fid) {
	if n, ok := f.notes[at]; ok && n.Level == noteInfo {
		return
	}
	delete(f.notes, at)
	if at == fDecision && f.decision.Selected < 0 {
		return // said on saving
	}
	if at == fKind || at == fField || at == fRegime || at == fChild {
		if f.choice(at).Selected < 0 {
			return
		}
	}
	if n, ok := m.check(f, at); ok {
		f.notes[at] = n
	}
}

// fieldOf maps the field of a store or model refusal to an input.
func fieldOf(name string) (fid, bool) {
	switch name {
	case "kind":
		return fKind, true
	case "regime":
		return fRegime, true
	case "field":
		return fField, true
	case "decision":
		return fDecision, true
	case "forward_to":
		return fForwardTo, true
	case "round":
		return fRound, true
	case "reason":
		return fReason, true
	}
	return 0, false
}

// save checks every input and records the classification; an accept
// decision opens a case in the same transaction.
func (m *Model) save() tea.Cmd {
	f := m.form
	w := &m.ctx.Words.Classify
	errs := 0
	first := fid(-1)
	for _, at := range f.order() {
		if n, ok := f.notes[at]; ok && n.Level != noteErr {
			continue
		}
		delete(f.notes, at)
		if n, ok := m.check(f, at); ok {
			f.notes[at] = n
			if n.Level == noteErr {
				errs++
				if first < 0 {
					first = at
				}
			}
		}
	}
	if errs > 0 {
		m.focusOn(f, first)
		return common.Error(sprintf(w.ErrFix, errs))
	}
	c := m.classification(f)
	child, _ := m.childOf(f)
	st, me, pid, toChild := m.ctx.Store, m.ctx.User.Login, f.p.ID, f.toChild()
	today := m.ctx.Today()
	f.busy = true
	// The write runs in a command; its answer (classifiedMsg) shows what
	// was done, or the refusal beside its field.
	return func() tea.Msg {
		r := classifiedMsg{pid: pid, c: c, child: child.Code}
		if toChild {
			// The decision here and the transfer, in one write.
			var tp model.Petition
			if tp, r.err = st.ClassifyToChild(me, pid, child.Code, c); r.err == nil {
				r.sent = &tp
			}
		} else {
			r.cs, r.err = st.Classify(me, pid, c)
		}
		if r.err != nil {
			return r
		}
		r.p, _ = st.Petition(pid)
		if r.cs != nil {
			r.dl = model.ComputeDeadline(r.cs.Clock(), st.Calendar(), today)
		}
		return r
	}
}

// classifiedMsg is the store's answer to a classification.
type classifiedMsg struct {
	pid   string
	c     model.Classification
	child string
	p     model.Petition
	cs    *model.Case
	sent  *model.Petition
	dl    model.Deadline
	err   error
}

// classified takes the answer: the refusal beside its field, or the form
// closed and what was done shown.
func (m *Model) classified(r classifiedMsg) tea.Cmd {
	w := &m.ctx.Words.Classify
	f := m.drafts[r.pid]
	if f != nil {
		f.busy = false
	}
	if r.err != nil {
		var msg *model.Msg
		if f != nil && errors.As(r.err, &msg) {
			if at, ok := fieldOf(msg.Field); ok {
				if at == fForwardTo && f.toChild() {
					at = fChild
				}
				f.notes[at] = note{Level: noteErr, Text: msg.In(m.ctx.Lang)}
				m.focusOn(f, at)
			}
		}
		return m.ctx.Fail(r.err)
	}
	p := r.p
	if p.ID == "" && f != nil {
		p = f.p
	}
	delete(m.drafts, r.pid)
	if m.form != nil && m.form.p.ID == r.pid {
		m.form = nil
	}
	c, cs, sent := r.c, r.cs, r.sent
	d := &done{p: p, cs: cs, letter: LetterFor(c.Decision, c.Kind), sent: sent, child: r.child, dl: r.dl}
	text := sprintf(w.Done, p.No, c.Decision.Label().In(m.ctx.Lang))
	if sent != nil {
		text = sprintf(w.DoneChild, p.No, r.child, sent.No)
	}
	if cs != nil {
		text = sprintf(w.DoneAccept, cs.No, m.dueWords(d.dl))
	}
	m.done = d
	entity := p.ID
	if cs != nil {
		entity = cs.ID
	}
	return tea.Batch(common.Status(text), common.Changed(entity), m.changedDraft())
}

// dueWords is "hạn thụ lý 16/03/2026 (còn 10 ngày làm việc)".
func (m *Model) dueWords(d model.Deadline) string {
	l := m.ctx.Lang
	if d.Due.IsZero() {
		return d.Words(l)
	}
	step := d.Step.Label().In(l)
	if l == model.VI {
		step = strings.ToLower(step)
	}
	return sprintf(m.ctx.Words.Classify.DueWords, step, d.Due.String(), d.Words(l))
}

// --- after saving ---

func (m *Model) doneKey(k tea.KeyMsg) tea.Cmd {
	d := m.done
	switch {
	case key.Matches(k, m.keys.Letter):
		return m.printLetter(d)
	case key.Matches(k, m.keys.OpenCase) && d.cs != nil:
		m.done = nil
		return func() tea.Msg { return common.OpenCaseMsg{ID: d.cs.ID} }
	case key.Matches(k, m.keys.Open), key.Matches(k, m.keys.Back):
		m.done = nil
	}
	return nil
}

// printLetter prints the letter of the classification just saved, when
// there is a printer; otherwise it says there is no template yet.
func (m *Model) printLetter(d *done) tea.Cmd {
	w := &m.ctx.Words.Classify
	if d.letter == LetterNone {
		return common.Error(w.LetterFile)
	}
	if m.opt.Letters == nil {
		return common.Error(sprintf(w.NoLetter, m.letterName(d.letter)))
	}
	where, err := m.opt.Letters.PrintLetter(d.letter, d.p, d.cs)
	if err != nil {
		return m.ctx.Fail(err)
	}
	return common.Status(sprintf(w.LetterDone, where))
}

// letterName is a letter's name in the interface language.
func (m *Model) letterName(l Letter) string {
	w := &m.ctx.Words.Classify
	switch l {
	case LetterAccept:
		return w.LetterAccept
	case LetterGuide:
		return w.LetterGuide
	case LetterGuideSplit:
		return w.LetterGuideSplit
	case LetterForwardTC:
		return w.LetterForwardTC
	case LetterForward:
		return w.LetterForward
	case LetterReturn:
		return w.LetterReturn
	}
	return w.LetterFile
}

// revealWhy says why the sender of the petition under the cursor cannot
// be revealed now, or "" when it can (common.RevealWhy). The inbox holds
// petitions not yet classified: none has a case, so only the unit's
// leaders are entitled (model.SecretOfPetition).
func (m *Model) revealWhy() string {
	if m.table.Cursor >= len(m.rows) {
		return m.ctx.Words.Classify.Empty
	}
	return m.revealWhyOf(&m.rows[m.table.Cursor].p)
}

// revealWhyOf is revealWhy for petition p.
func (m *Model) revealWhyOf(p *model.Petition) string {
	return common.RevealWhy(m.ctx, model.SecretOfPetition(p, nil), p.Case != "", m.ctx.Store.RevealedPetition(m.ctx.User.Login, p))
}

// startReveal opens the reveal page every screen shares (common.Reveal,
// as in the case view) for the petition under the cursor: the reason,
// then store.RevealPetition; the inbox names the sender once it is
// recorded (the change notice reads it again).
func (m *Model) startReveal() tea.Cmd {
	if why := m.keys.Reveal.Refusal(m.ctx.User, &m.ctx.Words.Desk); why != "" {
		return common.Error(why)
	}
	d := &m.ctx.Words.Desk
	p := m.rows[m.table.Cursor].p
	st, me := m.ctx.Store, m.ctx.User.Login
	return common.AskReveal(m.ctx, sprintf(d.RevealTitle, p.No), p.ID, sprintf(d.RevealDone, p.No),
		func(reason string) error { return st.RevealPetition(me, p.ID, reason) })
}

// senderName is the sender as this user may see it: a confidential
// sender only as the policy shows it (to those it entitles, after a
// deliberate reveal of the petition or its case), and only once unsealed.
func (m *Model) senderName(p *model.Petition) string {
	w := &m.ctx.Words.Classify
	if p.Confidential {
		var c *model.Case
		if p.Case != "" {
			if x, err := m.ctx.Store.Case(p.Case); err == nil {
				c = &x
			}
		}
		if !model.Shows(&m.ctx.User, model.SecretOfPetition(p, c), m.ctx.Store.RevealedPetition(m.ctx.User.Login, p)) {
			return w.Secret
		}
	}
	name, ok := m.ctx.Store.PetitionSenderName(p)
	switch {
	case !ok:
		return w.Secret
	case name == "":
		return w.Anonymous
	}
	return name
}
