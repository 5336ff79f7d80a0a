package reception

import (
	"encoding/json"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// draftName is the reception form's draft in the store (one per person).
const draftName = "reception"

// draftData is the visit being typed, as kept in the data file: enough
// to put the form back as it was.
type draftData struct {
	Visitors      []draftVisitor `json:"visitors,omitempty"`
	Search        string         `json:"search,omitempty"`
	Group         bool           `json:"group,omitempty"`
	HeadCount     string         `json:"head_count,omitempty"`
	GroupEmployer string         `json:"group_employer,omitempty"`
	Content       string         `json:"content,omitempty"`
	Docs          string         `json:"docs,omitempty"`
	DocCount      string         `json:"doc_count,omitempty"`
	Outcome       string         `json:"outcome,omitempty"`
	Reception     string         `json:"reception,omitempty"`
	Delegated     bool           `json:"delegated,omitempty"`
	Petition      bool           `json:"petition,omitempty"`
	Kind          string         `json:"kind,omitempty"`
	LetterDate    string         `json:"letter_date,omitempty"`
	Confidential  bool           `json:"confidential,omitempty"`
}

// draftVisitor is a person picked (Card, an id) or being entered (New).
type draftVisitor struct {
	Card string       `json:"card,omitempty"`
	New  *draftPerson `json:"new,omitempty"`
}

type draftPerson struct {
	Name     string `json:"name,omitempty"`
	Birth    string `json:"birth,omitempty"`
	IDNum    string `json:"id_number,omitempty"`
	IDKind   string `json:"id_kind,omitempty"`
	Phone    string `json:"phone,omitempty"`
	Sex      string `json:"sex,omitempty"`
	Member   bool   `json:"member,omitempty"`
	Address  string `json:"address,omitempty"`
	Employer string `json:"employer,omitempty"`
}

// draftLoadedMsg carries the draft found at start, with the cards of the
// persons it names.
type draftLoadedMsg struct {
	d     store.Draft
	data  draftData
	cards map[string]store.PersonCard
	// cardsErr says some persons of the draft could not be read; the
	// draft comes back without their cards.
	cardsErr error
}

// discardMsg is the confirm page's answer to "discard the input?".
type discardMsg struct{}

// snapshot is the form as a draft.
func (f *form) snapshot() draftData {
	d := draftData{
		Search: f.search.Value(), Group: f.group, HeadCount: f.headCount.Value(), GroupEmployer: f.groupEmployer.Value(),
		Content: f.content.Value(), Docs: f.docs.Value(), DocCount: f.docCount.Value(),
		Outcome: f.outcome.Value(), Reception: f.reception.Value(), Delegated: f.delegated, Petition: f.petition, Kind: f.kind.Value(),
		LetterDate: f.letterDate.Value(), Confidential: f.confidential,
	}
	for _, v := range f.visitors {
		if v.card != nil {
			d.Visitors = append(d.Visitors, draftVisitor{Card: v.card.ID})
			continue
		}
		p := v.draft
		d.Visitors = append(d.Visitors, draftVisitor{New: &draftPerson{
			Name: p.name.Value(), Birth: p.birth.Value(), IDNum: p.idnum.Value(), IDKind: p.idkind.Value(),
			Phone: p.phone.Value(), Sex: p.sex.Value(), Member: p.member, Address: p.address.Value(), Employer: p.employer.Value(),
		}})
	}
	return d
}

// restore puts a draft into a fresh form; a person whose card is gone is
// left out.
func (m *Model) restore(d draftData, cards map[string]store.PersonCard) {
	m.reset()
	f := m.form
	f.search.SetValue(d.Search)
	f.group, f.petition, f.confidential, f.delegated = d.Group, d.Petition, d.Confidential, d.Delegated
	f.headCount.SetValue(d.HeadCount)
	f.groupEmployer.SetValue(d.GroupEmployer)
	f.content.SetValue(d.Content)
	f.docs.SetValue(d.Docs)
	f.docCount.SetValue(d.DocCount)
	f.outcome.Select(d.Outcome)
	if d.Reception != "" {
		f.reception.Select(d.Reception)
	}
	f.kind.Select(d.Kind)
	f.letterDate.SetValue(d.LetterDate)
	for _, v := range d.Visitors {
		switch {
		case v.Card != "":
			if c, ok := cards[v.Card]; ok {
				f.visitors = append(f.visitors, &visitor{card: &c})
			}
		case v.New != nil:
			p := m.newPersonForm()
			p.name.SetValue(v.New.Name)
			p.birth.SetValue(v.New.Birth)
			p.idnum.SetValue(v.New.IDNum)
			p.idkind.Select(v.New.IDKind)
			p.phone.SetValue(v.New.Phone)
			p.sex.Select(v.New.Sex)
			p.member = v.New.Member
			p.address.SetValue(v.New.Address)
			p.employer.SetValue(v.New.Employer)
			f.visitors = append(f.visitors, &visitor{draft: p})
		}
	}
	m.sizeFields(f)
	at := focus{fSearch, 0}
	if len(f.visitors) > 0 {
		at = focus{fContent, 0}
	}
	m.focusOn(at)
}

// loadDraft reads the person's draft, once, when the screen first opens,
// with the cards of the persons it names.
func (m *Model) loadDraft() tea.Cmd {
	s, u := m.ctx.Store, m.ctx.User
	return m.draft.Load(func(d store.Draft) tea.Msg {
		var data draftData
		if err := json.Unmarshal(d.Data, &data); err != nil {
			return common.DraftFailedMsg{Owner: draftName, Err: err}
		}
		var ids []string
		for _, v := range data.Visitors {
			if v.Card != "" {
				ids = append(ids, v.Card)
			}
		}
		cards := map[string]store.PersonCard{}
		read, err := s.PersonCards(ids)
		for _, c := range read {
			hideConfidential(&c, &u)
			cards[c.ID] = c
		}
		return draftLoadedMsg{d: d, data: data, cards: cards, cardsErr: err}
	})
}

// changed runs after a key that may have changed the form: the draft is
// written once typing pauses.
func (m *Model) changed() tea.Cmd { return m.draft.Changed(m.form.dirty()) }

// SaveDraft writes the form as the person's draft now (or drops the
// draft when the form is empty). The root runs it before quitting and
// before locking.
func (m *Model) SaveDraft() tea.Cmd {
	if !m.form.dirty() {
		return m.draft.Drop() // no snapshot of an empty form
	}
	return m.draft.Write(m.form.snapshot())
}

// dropDraft forgets the draft (the visit was saved or discarded).
func (m *Model) dropDraft() tea.Cmd { return m.draft.Drop() }

// draftUpdate handles the draft's messages; ok is false for any other.
func (m *Model) draftUpdate(msg tea.Msg) (tea.Cmd, bool) {
	if cmd, ok := m.draft.Handle(msg, m.SaveDraft); ok {
		return cmd, true
	}
	switch msg := msg.(type) {
	case draftLoadedMsg:
		if msg.d.At.IsZero() || m.form.dirty() {
			return nil, true
		}
		m.restore(msg.data, msg.cards)
		m.draft.Kept = true
		at := msg.d.At.In(model.VN).Format("15:04 02/01/2006")
		if msg.cardsErr != nil {
			return m.ctx.Fail(msg.cardsErr), true
		}
		return common.Status(sprintf(m.ctx.Words.Desk.DraftBack, at)), true
	case discardMsg:
		m.reset()
		m.saved = ""
		return tea.Batch(m.dropDraft(), common.Status(m.ctx.Words.Desk.DraftDropped)), true
	}
	return nil, false
}

// askDiscard asks before the typed visit is thrown away (Esc at the top
// of a form with changes).
func (m *Model) askDiscard() tea.Cmd {
	w := &m.ctx.Words.Desk
	return common.AskConfirm(m.ctx, w.DiscardAsk, w.Discard, func() tea.Msg { return discardMsg{} })
}
