package reception

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

var sprintf = fmt.Sprintf

// pickerRows is how many matches the picker shows at once at 80x24;
// a taller window shows up to twice as many.
const pickerRows = 6

func (m *Model) pickerRows() int { return max(pickerRows, min(2*pickerRows, m.height-15)) }

// Model is the reception screen.
type Model struct {
	ctx    *common.Context
	opt    Options
	keys   keyMap
	width  int
	height int

	form   *form
	at     focus
	offset int // first form line shown

	pick picker

	lastVisit    *model.Visit
	lastPetition *model.Petition
	saved        string // what the last save said, shown until the next key
	offer        string // the guidance sheets F9 prints with the receipt, shown with saved

	saving bool           // a save is on its way to the store
	draft  *common.Drafts // the visit being typed, kept as a draft

	pending []tea.Cmd // store look-ups the checks of the last key asked for
}

// savedMsg is the store's answer to saving the visit.
type savedMsg struct {
	v   model.Visit
	p   *model.Petition
	err error
}

// picker is the list of persons matching the search field.
type picker struct {
	open    bool
	seq     int // of the newest search asked for
	query   string
	loading bool
	hits    []store.PersonCard
	more    bool // more matched than were read
	found   int
	cursor  int // len(hits) is the "new person" row
}

// searchMsg carries the result of search number seq.
type searchMsg struct {
	seq   int
	query string
	cards []store.PersonCard
	found int
	more  bool
	err   error // some cards could not be read
}

// New makes the screen.
func New(ctx *common.Context) common.Screen { return NewWith(ctx, Options{}) }

// NewWith makes the screen with options (a receipt printer).
func NewWith(ctx *common.Context, opt Options) common.Screen {
	if opt.SearchLimit <= 0 {
		opt.SearchLimit = 200
	}
	m := &Model{ctx: ctx, opt: opt, keys: newKeys(&ctx.Words.Reception, &ctx.Words.Desk), width: 80, height: 21,
		draft: common.NewDrafts(ctx, draftName)}
	m.reset()
	return m
}

func (m *Model) reset() {
	m.form = m.newForm()
	m.pick = picker{seq: m.pick.seq}
	m.offset = 0
	m.focusOn(focus{fSearch, 0})
}

// Init looks, once, for the draft left by a quit, a crash or a lock.
func (m *Model) Init() tea.Cmd { return m.loadDraft() }

// SetSize takes the body's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.sizeFields(m.form)
}

// Dirty reports that something is typed.
func (m *Model) Dirty() bool { return m.form.dirty() }

// Capturing reports that a text field has the keyboard.
func (m *Model) Capturing() bool { return m.at.f.input() == inText }

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	if m.pick.open {
		return []key.Binding{k.Pick, k.NewPerson, k.Back}
	}
	return []key.Binding{k.Save, k.NewPerson, k.Back}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Next, k.Prev, k.Pick, k.Back, k.Toggle},
		{k.Save, k.NewPerson, k.Remove, k.Correct, k.Visits, k.UseFound, k.Receipt, k.Choose},
	}
}

// Update handles keys and search results.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	if cmd, ok := m.draftUpdate(msg); ok {
		return m, cmd
	}
	if m.refresh(msg) {
		if r, ok := msg.(interface{ readErr() error }); ok && r.readErr() != nil {
			return m, m.ctx.Fail(r.readErr())
		}
		return m, nil
	}
	switch msg := msg.(type) {
	case visitsReadMsg:
		return m, m.showVisits(msg)
	case common.CorrectedMsg:
		return m, m.corrected(msg)
	case savedMsg:
		return m, m.afterSave(msg)
	case searchMsg:
		if msg.seq != m.pick.seq {
			return m, nil // a newer search is on its way
		}
		return m, m.takeSearch(msg)
	case common.InputModeMsg:
		for _, t := range m.form.texts() {
			t.SetMode(msg.Mode)
			t.SetToneStyle(msg.Style)
		}
		return m, nil
	case common.ChangedMsg:
		if m.pick.open && m.pick.query != "" {
			return m, m.searchCmd()
		}
		return m, nil
	case tea.KeyMsg:
		if m.saving {
			return m, nil // a moment: the visit is being written
		}
		m.saved = ""
		sc, cmd := m.key(msg)
		return sc, tea.Batch(cmd, m.changed(), m.takePending())
	}
	return m, nil
}

func (m *Model) key(k tea.KeyMsg) (common.Screen, tea.Cmd) {
	km := &m.keys
	switch {
	case key.Matches(k, km.Save):
		return m, m.save()
	case key.Matches(k, km.Receipt):
		return m, m.receipt()
	case key.Matches(k, km.NewPerson):
		return m, m.newPerson()
	case key.Matches(k, km.Remove):
		return m, m.remove()
	case key.Matches(k, km.Correct):
		return m, m.correct()
	case key.Matches(k, km.UseFound):
		return m, m.useFound()
	case key.Matches(k, km.Visits):
		return m, m.visits()
	}
	// A group's representatives are picked one after another in the
	// search; Enter on the empty search moves on to the group's head count.
	if f := m.form; m.at.f == fSearch && f.group && len(f.visitors) > 0 && strings.TrimSpace(f.search.Value()) == "" && key.Matches(k, km.Pick) {
		delete(f.notes, focus{fSearch, 0})
		m.pick.open = false
		m.focusOn(focus{fHeadCount, 0})
		return m, nil
	}
	if m.pick.open && m.at.f == fSearch {
		if d, ok := km.List.Step(k, m.pickerRows()); ok {
			m.pickMove(d)
			return m, nil
		}
		switch {
		case key.Matches(k, km.Pick):
			return m, m.pickCurrent()
		case key.Matches(k, km.Back):
			m.pick.open = false
			return m, nil
		}
	}
	switch {
	case key.Matches(k, km.Back):
		return m, m.back()
	case key.Matches(k, km.Prev):
		m.move(-1)
		return m, nil
	case key.Matches(k, km.Next):
		if key.Matches(k, km.List.Down) && m.at.f == fSearch && !m.pick.open && m.pick.query != "" && m.form.search.Value() != "" {
			m.pick.open = true // ↓ reopens the list closed with Esc
			return m, nil
		}
		m.move(1)
		return m, nil
	}
	switch m.at.f.input() {
	case inText:
		t := m.form.text(m.at)
		before := t.Value()
		*t, _ = t.Update(k)
		if t.Value() != before {
			delete(m.form.notes, m.at)
			if m.at.f == fSearch {
				return m, m.searchCmd()
			}
		}
	case inChoice:
		c := m.form.choice(m.at)
		switch d := km.Choices.Step(k); d {
		case -1, 1:
			m.cycle(c, d)
		default:
			// A key picks; Tab or Enter moves on (moving by itself would make
			// the habitual Tab after a choice skip the next input).
			if k.Type == tea.KeyRunes && len(k.Runes) == 1 && c.Pick(string(k.Runes)) {
				m.chosen()
			}
		}
	case inToggle:
		if v, ok := km.Toggles.Apply(k, *m.form.toggle(m.at)); ok {
			m.setToggle(v)
		}
	}
	return m, nil
}

// cycle moves a choice's selection with the arrows.
func (m *Model) cycle(c *common.Choice, d int) {
	n := len(c.Options)
	if c.Selected < 0 {
		c.Selected = 0
		if d < 0 {
			c.Selected = n - 1
		}
	} else {
		c.Selected = (c.Selected + d + n) % n
	}
	m.chosen()
}

// chosen runs after a choice changed: the outcome and the petition switch
// follow each other, and a denunciation is confidential.
func (m *Model) chosen() {
	f := m.form
	delete(f.notes, m.at)
	switch m.at.f {
	case fOutcome:
		if model.Outcome(f.outcome.Value()) == model.OutcomePetition && !f.petition {
			f.petition = true
		}
	case fKind:
		if model.PetitionKind(f.kind.Value()) == model.KindDenunciation {
			if !f.confidential {
				f.confidential, f.confAuto = true, true
			}
			if n, ok := m.check(focus{fConfidential, 0}); ok {
				f.notes[focus{fConfidential, 0}] = n
			}
		} else if f.confAuto {
			f.confidential, f.confAuto = false, false
			delete(f.notes, focus{fConfidential, 0})
		}
	}
}

func (m *Model) setToggle(v bool) {
	f := m.form
	w := &m.ctx.Words.Reception
	switch m.at.f {
	case fConfidential:
		if !v && model.PetitionKind(f.kind.Value()) == model.KindDenunciation {
			f.notes[m.at] = note{Level: noteWarn, Text: w.ConfLocked}
			return
		}
		f.confAuto = false
		delete(f.notes, m.at)
	case fPetition:
		if v && f.outcome.Selected < 0 {
			f.outcome.Select(string(model.OutcomePetition))
			delete(f.notes, focus{fOutcome, 0})
		}
	case fGroup:
		if !v {
			delete(f.notes, focus{fHeadCount, 0})
			delete(f.notes, focus{fSearch, 0})
		}
	}
	*m.form.toggle(m.at) = v
	if m.at.f == fGroup && v && len(f.visitors) > 0 && len(f.visitors) < 5 {
		// A representative was picked before the visit became a group's:
		// back to the search to pick the others (Enter on the empty
		// search then moves on to the head count).
		f.notes[focus{fSearch, 0}] = note{Level: noteInfo, Text: w.GroupMore}
		m.pick.open = false
		m.focusOn(focus{fSearch, 0})
	}
}

// --- focus ---

func (m *Model) focusOn(at focus) {
	if t := m.form.text(m.at); t != nil {
		t.Blur()
	}
	m.at = at
	if t := m.form.text(at); t != nil {
		t.Focus()
		t.CursorEnd()
	}
}

// move goes to the next or previous input, checking the one it leaves.
func (m *Model) move(d int) {
	order := m.form.order()
	i := indexOf(order, m.at)
	j := i + d
	if j < 0 || j >= len(order) {
		return
	}
	if m.at.f == fSearch {
		m.pick.open = false
	}
	m.leave(m.at)
	m.focusOn(order[j])
}

func indexOf(order []focus, at focus) int {
	for i, x := range order {
		if x == at {
			return i
		}
	}
	return 0
}

// back is Esc: one level up; at the top of a form with changes, it
// asks before discarding them.
func (m *Model) back() tea.Cmd {
	f := m.form
	switch {
	case m.at.personal():
		m.leave(m.at)
		m.focusOn(focus{fSearch, 0})
	case m.at.f == fKind || m.at.f == fLetterDate || m.at.f == fConfidential:
		m.leave(m.at)
		m.focusOn(focus{fPetition, 0})
	case m.at.f == fHeadCount || m.at.f == fGroupEmployer:
		m.leave(m.at)
		m.focusOn(focus{fGroup, 0})
	case m.at.f == fSearch && f.search.Value() != "":
		f.search.SetValue("")
		m.pick = picker{seq: m.pick.seq + 1}
	case f.dirty():
		return m.askDiscard()
	}
	return nil
}

// --- the person picker ---

// searchCmd starts a search for what is in the search field. Only the
// answer to the newest search is shown.
func (m *Model) searchCmd() tea.Cmd {
	q := m.form.search.Value()
	m.pick.seq++
	m.pick.query = q
	if model.Fold(q) == "" {
		m.pick.open, m.pick.loading, m.pick.hits = false, false, nil
		return nil
	}
	m.pick.open, m.pick.loading = true, true
	seq, s, limit, u := m.pick.seq, m.ctx.Store, m.opt.SearchLimit, m.ctx.User
	return func() tea.Msg { return search(s, seq, q, limit, &u) }
}

// search finds persons and reads the cards of the first few.
func search(s *store.Store, seq int, q string, limit int, u *model.User) searchMsg {
	hits := s.SearchPersons(q, limit)
	ids := make([]string, 0, pickerRows*4)
	for i := 0; i < len(hits) && i < cap(ids); i++ {
		ids = append(ids, hits[i].ID)
	}
	cards, err := s.PersonCards(ids)
	// Equal matches in name order (tên, họ, đệm), so the same search shows
	// the same list however the store's index was built.
	score := map[string]int{}
	for _, h := range hits[:len(ids)] {
		score[h.ID] = h.Score
	}
	sort.SliceStable(cards, func(i, j int) bool {
		if a, b := score[cards[i].ID], score[cards[j].ID]; a != b {
			return a < b
		}
		return model.CompareNames(cards[i].Name, cards[j].Name) < 0
	})
	for i := range cards {
		hideConfidential(&cards[i], u)
	}
	return searchMsg{seq: seq, query: q, cards: cards, found: len(hits), more: len(hits) >= limit, err: err}
}

// hideConfidential drops from a card what would show the person to be a
// denouncer to a user the policy does not entitle (Luật Tố cáo Điều 47;
// docs/law.md, Confidentiality): the petitions, the cases and the visits that filed
// them. Nothing is left in their place: a "(bảo mật)" with a date would
// itself say who came.
func hideConfidential(c *store.PersonCard, u *model.User) {
	caseOf := map[string]*model.Case{}
	for i := range c.OpenCases {
		caseOf[c.OpenCases[i].Petition] = &c.OpenCases[i]
	}
	secret := map[string]bool{}
	var pets []model.Petition
	for _, p := range c.Petitions {
		if p.Confidential && !model.MaySeePetitionSender(u, &p, caseOf[p.ID]) {
			secret[p.ID] = true
			continue
		}
		pets = append(pets, p)
	}
	c.Petitions = pets
	var cases []model.Case
	for _, x := range c.OpenCases {
		if !x.Confidential || model.MaySeeSender(u, &x) {
			cases = append(cases, x)
		}
	}
	c.OpenCases = cases
	var visits []model.Visit
	for _, v := range c.Visits {
		if !secret[v.Petition] {
			visits = append(visits, v)
		}
	}
	c.Visits = visits
}

// takeSearch shows the answer to the newest search, the cursor on its
// first row.
func (m *Model) takeSearch(msg searchMsg) tea.Cmd {
	p := &m.pick
	p.loading = false
	p.hits, p.found, p.more, p.cursor = msg.cards, msg.found, msg.more, 0
	if msg.err != nil {
		return m.ctx.Fail(msg.err)
	}
	return nil
}

func (m *Model) pickMove(d int) {
	p := &m.pick
	p.cursor = max(0, min(p.cursor+d, len(p.hits)))
}

// pickCurrent takes the person under the cursor, or starts a new one.
func (m *Model) pickCurrent() tea.Cmd {
	p := &m.pick
	if p.loading {
		// Enter before the answer to what was typed (a quick typist, a
		// busy machine): the list shown is for what was typed before, so
		// the search is run now (a few ms at an office's 100,000
		// persons; longer only while a compaction holds the file) and
		// Enter acts on what is on the field. A key pressed in habit is
		// never dropped. A cursor moved to "new person" stays there.
		u := m.ctx.User
		onNew := len(p.hits) > 0 && p.cursor >= len(p.hits) // moved there, past a list
		if cmd := m.takeSearch(search(m.ctx.Store, p.seq, p.query, m.opt.SearchLimit, &u)); cmd != nil {
			return cmd
		}
		if onNew {
			p.cursor = len(p.hits)
		}
	}
	if p.cursor >= len(p.hits) {
		return m.newPerson()
	}
	card := p.hits[p.cursor]
	f := m.form
	for i, v := range f.visitors {
		if v.card != nil && v.card.ID == card.ID {
			m.closeSearch()
			m.focusOn(focus{fPerson, i})
			return nil
		}
	}
	if f.group {
		if len(f.visitors) >= 5 {
			return common.Error(m.ctx.Words.Reception.ErrMaxReps)
		}
		f.visitors = append(f.visitors, &visitor{card: &card})
		m.closeSearch()
		f.notes[focus{fSearch, 0}] = note{Level: noteInfo, Text: m.ctx.Words.Reception.GroupMore}
		return nil
	}
	f.visitors = []*visitor{{card: &card}}
	delete(f.notes, focus{fSearch, 0})
	m.closeSearch()
	m.focusOn(focus{fContent, 0})
	return nil
}

func (m *Model) closeSearch() {
	m.form.search.SetValue("")
	m.pick = picker{seq: m.pick.seq + 1}
}

// newPerson starts a new person from what was typed in the search.
func (m *Model) newPerson() tea.Cmd {
	f := m.form
	if f.group && len(f.visitors) >= 5 {
		return common.Error(m.ctx.Words.Reception.ErrMaxReps)
	}
	d := m.newPersonForm()
	prefill(d, f.search.Value())
	if f.group {
		f.visitors = append(f.visitors, &visitor{draft: d})
	} else {
		// One visitor: a new person takes the place of one picked.
		if i := f.firstDraft(); i >= 0 && strings.TrimSpace(f.search.Value()) == "" {
			m.focusOn(focus{fName, i})
			return nil
		}
		f.visitors = []*visitor{{draft: d}}
		m.clearPersonNotes()
	}
	delete(f.notes, focus{fSearch, 0})
	m.closeSearch()
	m.focusOn(focus{fName, len(f.visitors) - 1})
	return nil
}

func (m *Model) clearPersonNotes() {
	for k := range m.form.notes {
		if k.personal() {
			delete(m.form.notes, k)
		}
	}
}

// remove takes the person under the cursor off the visit.
func (m *Model) remove() tea.Cmd {
	f := m.form
	if !m.at.personal() || m.at.p >= len(f.visitors) {
		return common.Error(m.ctx.Words.Reception.ErrNoPersonHere)
	}
	f.visitors = append(f.visitors[:m.at.p], f.visitors[m.at.p+1:]...)
	f.found = map[int]string{} // indexes moved: checked again on leaving
	m.clearPersonNotes()
	m.at = focus{fSearch, 0}
	m.focusOn(focus{fSearch, 0})
	return nil
}

// --- saving ---

// fieldOf maps the field named by a store or model refusal to an input.
func (m *Model) fieldOf(name string) (focus, bool) {
	d := max(m.form.firstDraft(), 0)
	switch name {
	case "name":
		return focus{fName, d}, m.form.firstDraft() >= 0
	case "birth_year":
		return focus{fBirth, d}, m.form.firstDraft() >= 0
	case "cccd", "cmnd", "passport", "idcert", "id_number":
		return focus{fIDNum, d}, m.form.firstDraft() >= 0
	case "phone":
		return focus{fPhone, d}, m.form.firstDraft() >= 0
	case "visitor":
		return focus{fSearch, 0}, true
	case "head_count":
		return focus{fHeadCount, 0}, m.form.group
	case "content", "summary":
		return focus{fContent, 0}, true
	case "outcome":
		return focus{fOutcome, 0}, true
	case "reception":
		return focus{fReception, 0}, true
	case "letter_date", "date":
		return focus{fLetterDate, 0}, m.form.petition
	}
	return focus{}, false
}

// save checks every input, then records the visit in one transaction.
func (m *Model) save() tea.Cmd {
	f := m.form
	w := &m.ctx.Words.Reception
	if m.at.f == fIDNum {
		m.deriveFromID(m.at.p)
	}
	errs := 0
	var first *focus
	for _, at := range f.order() {
		delete(f.notes, at)
		if n, ok := m.check(at); ok {
			if n.Level == noteErr && at.f == fSearch && f.firstDraft() >= 0 {
				continue
			}
			f.notes[at] = n
			if n.Level == noteErr {
				errs++
				if first == nil {
					x := at
					first = &x
				}
			}
		}
	}
	if errs > 0 {
		m.pick.open = false
		m.focusOn(*first)
		return common.Error(sprintf(w.ErrFix, errs))
	}
	in := m.visitInput()
	s, login := m.ctx.Store, m.ctx.User.Login
	m.saving = true
	return func() tea.Msg {
		v, p, err := s.RecordVisit(login, in)
		return savedMsg{v, p, err}
	}
}

// afterSave takes the store's answer: a refusal beside its field, or a new
// empty form and the numbers given.
func (m *Model) afterSave(msg savedMsg) tea.Cmd {
	f, w := m.form, &m.ctx.Words.Reception
	m.saving = false
	v, p, err := msg.v, msg.p, msg.err
	if err != nil {
		var msg *model.Msg
		if errors.As(err, &msg) {
			if at, ok := m.fieldOf(msg.Field); ok {
				f.notes[at] = note{Level: noteErr, Text: msg.In(m.ctx.Lang)}
				m.pick.open = false
				m.focusOn(at)
			}
		}
		return m.ctx.Fail(err)
	}
	m.lastVisit, m.lastPetition = &v, p
	text := sprintf(w.Saved, v.No)
	entity := v.ID
	if p != nil {
		text += " · " + sprintf(w.SavedPetition, p.No)
		entity = p.ID
	}
	mode := m.form.search.Mode()
	style := m.form.search.ToneStyle()
	m.reset()
	m.saved, m.offer = text, ""
	if o, ok := m.opt.Receipt.(SheetOfferer); ok {
		if sheets := o.Sheets(v); len(sheets) > 0 {
			m.offer = sprintf(w.SheetsOffer, strings.Join(sheets, "; "))
		}
	}
	for _, t := range m.form.texts() {
		t.SetMode(mode)
		t.SetToneStyle(style)
	}
	return tea.Batch(m.dropDraft(), common.Status(text), common.Changed(entity))
}

// visitInput builds what the store records from the form (already checked).
func (m *Model) visitInput() store.VisitInput {
	f := m.form
	today := m.ctx.Today()
	v := model.Visit{
		At:        m.ctx.Now(),
		Receiver:  m.ctx.User.Login,
		Reception: model.ReceptionType(f.reception.Value()),
		Outcome:   model.Outcome(f.outcome.Value()),
		Content:   model.NFC(f.content.Value()),
		Group:     f.group,
		Delegated: f.delegated && f.byHead(),
	}
	if docs := model.NFC(f.docs.Value()); docs != "" {
		n, err := strconv.Atoi(strings.TrimSpace(f.docCount.Value()))
		if err != nil || n < 1 {
			n = 1
		}
		v.Documents = []model.Document{{Name: docs, Count: n}}
	}
	var in store.VisitInput
	for _, x := range f.visitors {
		if x.card != nil {
			v.Persons = append(v.Persons, x.card.ID)
			if f.group {
				v.Reps = append(v.Reps, x.card.ID)
			}
			if v.Employer == "" {
				v.Employer = x.card.Employer
			}
			continue
		}
		d := x.draft
		p := model.Person{
			Name:     model.NFC(d.name.Value()),
			IDKind:   model.IDKind(d.idkind.Value()),
			IDNumber: strings.TrimSpace(d.idnum.Value()),
			Sex:      model.Sex(d.sex.Value()),
			Phone:    strings.TrimSpace(d.phone.Value()),
			Address:  model.NFC(d.address.Value()),
			Employer: model.NFC(d.employer.Value()),
			Member:   d.member,
		}
		if p.IDKind == model.IDNone && p.IDNumber != "" {
			p.IDKind = model.GuessIDKind(p.IDNumber)
		}
		p.BirthYear, _ = model.ParseYear(d.birth.Value(), today)
		if f.group {
			in.NewReps = append(in.NewReps, len(in.NewPersons))
		}
		in.NewPersons = append(in.NewPersons, p)
		if v.Employer == "" {
			v.Employer = p.Employer
		}
	}
	if f.group {
		v.HeadCount, _ = strconv.Atoi(strings.TrimSpace(f.headCount.Value()))
		if e := model.NFC(f.groupEmployer.Value()); e != "" {
			v.Employer = e
		}
	}
	in.Visit = v
	if f.petition {
		p := &model.Petition{
			Source:       model.SourceDesk,
			Kind:         model.PetitionKind(f.kind.Value()),
			Confidential: f.confidential,
			Received:     today,
		}
		if s := strings.TrimSpace(f.letterDate.Value()); s != "" {
			p.LetterDate, _ = model.ParseDateInput(s)
		}
		if f.group {
			p.Signatories = len(f.visitors)
		}
		in.Petition = p
	}
	return in
}

// receipt prints the receipt of the visit just saved, when a printer is
// there; otherwise it says why it cannot.
func (m *Model) receipt() tea.Cmd {
	w := &m.ctx.Words.Reception
	if m.opt.Receipt == nil {
		return common.Error(w.NoReceipt)
	}
	if m.lastVisit == nil {
		return common.Error(w.ReceiptNone)
	}
	where, err := m.opt.Receipt.PrintReceipt(*m.lastVisit, m.lastPetition)
	if err != nil {
		return m.ctx.Fail(err)
	}
	return common.Status(sprintf(w.ReceiptDone, where))
}
