package reception

import (
	"strconv"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// correct opens the correction of what is under the cursor: the person
// picked (their details), or, on an empty form, the visit just saved.
func (m *Model) correct() tea.Cmd {
	w, d := &m.ctx.Words.Reception, &m.ctx.Words.Desk
	f := m.form
	if m.at.f == fPerson && m.at.p < len(f.visitors) && f.visitors[m.at.p].card != nil {
		p := f.visitors[m.at.p].card.Person
		birth := ""
		if p.BirthYear != 0 {
			birth = strconv.Itoa(p.BirthYear)
		}
		fields := []common.CorrectField{
			{Name: "name", Label: w.Name, Value: p.Name},
			{Name: "birth_year", Label: w.BirthYear, Value: birth, Width: 6},
			{Name: "id_number", Label: w.IDNumber, Value: p.IDNumber, Width: 20},
			{Name: "phone", Label: w.Phone, Value: p.Phone, Width: 16},
			{Name: "address", Label: w.Address, Value: p.Address},
			{Name: "employer", Label: w.Employer, Value: p.Employer},
		}
		s, login, id, today := m.ctx.Store, m.ctx.User.Login, p.ID, m.ctx.Today()
		done := sprintf(d.Corrected, p.Name)
		return common.Push(common.NewCorrect(m.ctx, sprintf(d.CorrectPerson, p.Name), id, fields, func(ch map[string]string, reason string) tea.Cmd {
			u := model.PersonUpdate{}
			for name, v := range ch {
				u.Set = append(u.Set, name)
				switch name {
				case "name":
					u.Name = v
				case "birth_year":
					u.BirthYear, _ = model.ParseYear(v, today)
				case "id_number":
					u.IDNumber = v
				case "phone":
					u.Phone = v
				case "address":
					u.Address = v
				case "employer":
					u.Employer = v
				}
			}
			return func() tea.Msg {
				_, err := s.CorrectPerson(login, id, u, reason)
				return common.CorrectedMsg{Entity: id, Err: err, Text: done}
			}
		}))
	}
	if !f.dirty() && m.lastVisit != nil {
		return m.correctVisit(*m.lastVisit)
	}
	return common.Error(d.NothingToCorrect)
}

// correctVisit opens the correction page of visit v: its content and
// employer, with the reason.
func (m *Model) correctVisit(v model.Visit) tea.Cmd {
	w, d := &m.ctx.Words.Reception, &m.ctx.Words.Desk
	fields := []common.CorrectField{
		{Name: "content", Label: w.Content, Value: v.Content},
		{Name: "employer", Label: w.Employer, Value: v.Employer},
	}
	s, login := m.ctx.Store, m.ctx.User.Login
	done := sprintf(d.Corrected, v.No)
	return common.Push(common.NewCorrect(m.ctx, sprintf(d.CorrectVisit, v.No), v.ID, fields, func(ch map[string]string, reason string) tea.Cmd {
		c := model.RecordCorrection{Reason: reason, Content: ch["content"], Employer: ch["employer"]}
		for name := range ch {
			c.Set = append(c.Set, name)
		}
		return func() tea.Msg {
			_, err := s.CorrectVisit(login, v.ID, c)
			return common.CorrectedMsg{Entity: v.ID, Err: err, Text: done}
		}
	}))
}

// corrected takes a correction's answer: the card of a corrected person
// (or the visit just saved) is read again, and every screen is told.
func (m *Model) corrected(msg common.CorrectedMsg) tea.Cmd {
	if msg.Err != nil {
		return nil // the correction page shows why
	}
	if m.lastVisit != nil && m.lastVisit.ID == msg.Entity {
		s, id := m.ctx.Store, msg.Entity
		return tea.Batch(common.Changed(id), func() tea.Msg {
			v, err := s.Visit(id)
			return visitReadMsg{v, err}
		})
	}
	for _, v := range m.form.visitors {
		if v.card != nil && v.card.ID == msg.Entity {
			s, id, u := m.ctx.Store, msg.Entity, m.ctx.User
			return tea.Batch(common.Changed(id), func() tea.Msg {
				cards, err := s.PersonCards([]string{id})
				if len(cards) == 1 {
					hideConfidential(&cards[0], &u)
				}
				return cardsReadMsg{cards, err}
			})
		}
	}
	return common.Changed(msg.Entity)
}

// cardsReadMsg carries person cards read again after a correction.
type cardsReadMsg struct {
	cards []store.PersonCard
	err   error
}

func (c cardsReadMsg) readErr() error { return c.err }
func (f foundMsg) readErr() error     { return f.err }

// visitReadMsg carries the visit just saved, read again.
type visitReadMsg struct {
	v   model.Visit
	err error
}

// refresh puts re-read cards and visits in place.
func (m *Model) refresh(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case cardsReadMsg:
		for _, c := range msg.cards {
			for _, v := range m.form.visitors {
				if v.card != nil && v.card.ID == c.ID {
					c := c
					v.card = &c
				}
			}
		}
		return true
	case foundMsg:
		m.useCard(msg)
		return true
	case dupMsg:
		m.duplicate(msg)
		return true
	case visitReadMsg:
		if msg.err == nil && m.lastVisit != nil && m.lastVisit.ID == msg.v.ID {
			m.lastVisit = &msg.v
		}
		return true
	}
	return false
}

// useFound takes, instead of the new person under the cursor, the person
// on file with the same identity number (the duplicate warning's offer).
func (m *Model) useFound() tea.Cmd {
	f := m.form
	id := ""
	if m.at.personal() && m.at.p < len(f.visitors) && f.visitors[m.at.p].draft != nil {
		id = f.found[m.at.p]
	}
	if id == "" {
		return common.Error(m.ctx.Words.Reception.NoneFound)
	}
	s, i, u := m.ctx.Store, m.at.p, m.ctx.User
	return func() tea.Msg {
		cards, err := s.PersonCards([]string{id})
		if len(cards) == 1 {
			hideConfidential(&cards[0], &u)
		}
		return foundMsg{index: i, cards: cards, err: err}
	}
}

// foundMsg carries the card of the person on file that replaces a new one.
type foundMsg struct {
	index int
	cards []store.PersonCard
	err   error
}

// useCard puts the card in place of the new person at msg.index.
func (m *Model) useCard(msg foundMsg) {
	f := m.form
	if len(msg.cards) != 1 || msg.index >= len(f.visitors) || f.visitors[msg.index].draft == nil {
		return
	}
	c := msg.cards[0]
	for i, v := range f.visitors {
		if v.card != nil && v.card.ID == c.ID && i != msg.index {
			// Already on the visit: the new person just goes.
			f.visitors = append(f.visitors[:msg.index], f.visitors[msg.index+1:]...)
			m.clearPersonNotes()
			m.focusOn(focus{fPerson, i - btoi(i > msg.index)})
			return
		}
	}
	f.visitors[msg.index] = &visitor{card: &c}
	delete(f.found, msg.index)
	m.clearPersonNotes()
	m.focusOn(focus{fPerson, msg.index})
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// dupMsg says a new person's ID number is already on file.
type dupMsg struct {
	at     focus
	number string
	id     string
	name   string
}

// dupCmd looks, in a command, for a person on file with the number typed
// for the new person at at.
func (m *Model) dupCmd(at focus, number string) tea.Cmd {
	s := m.ctx.Store
	return func() tea.Msg {
		ids := s.PersonsByNumber(number)
		if len(ids) == 0 {
			return nil
		}
		p, err := s.Person(ids[0])
		if err != nil {
			return nil
		}
		return dupMsg{at: at, number: number, id: p.ID, name: p.Name}
	}
}

// duplicate shows the warning, and offers the person on file (Ctrl+Y), if
// the number is still the one typed.
func (m *Model) duplicate(msg dupMsg) {
	f := m.form
	if msg.at.p >= len(f.visitors) || f.visitors[msg.at.p].draft == nil {
		return
	}
	d := f.visitors[msg.at.p].draft
	if model.CleanDigits(d.idnum.Value()) != model.CleanDigits(msg.number) {
		return // typed again since
	}
	f.found[msg.at.p] = msg.id
	if n, has := f.notes[msg.at]; !has || n.Level != noteErr {
		f.notes[msg.at] = note{Level: noteWarn, Text: sprintf(m.ctx.Words.Reception.WarnDuplicate, msg.name)}
	}
}

// takePending returns the commands the last key's checks asked for.
func (m *Model) takePending() tea.Cmd {
	cmds := m.pending
	m.pending = nil
	return tea.Batch(cmds...)
}
