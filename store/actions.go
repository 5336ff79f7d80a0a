package store

import (
	"fmt"
	"strings"

	"donthu/model"
)

// The actions a desk user takes. Each is one transaction: its events,
// projections and indexes are written together or not at all.

// RecordPerson records a new person and returns them with their id.
func (s *Store) RecordPerson(author string, p model.Person) (model.Person, error) {
	var out model.Person
	_, err := s.write(author, func(w *writer) error {
		var err error
		out, err = w.recordPerson(p)
		return err
	})
	return out, err
}

func (w *writer) recordPerson(p model.Person) (model.Person, error) {
	p.Name = model.NFC(p.Name)
	if p.Name == "" {
		return p, model.NewMsg("name", "Cần nhập họ tên", "Enter the name")
	}
	p.Address, p.Employer, p.Note = model.NFC(p.Address), model.NFC(p.Employer), model.NFC(p.Note)
	id := w.nextID(model.EntPerson)
	p.ID, p.NameFold, p.Site, p.Conflicts = "", "", "", nil
	if _, err := w.emit(id, model.EvPersonRecorded, "", p); err != nil {
		return p, err
	}
	err := getState(w.tx, id, &p)
	return p, err
}

// UpdatePerson changes the fields of a person named in u.Set.
func (s *Store) UpdatePerson(author, id string, u model.PersonUpdate) (model.Person, error) {
	var out model.Person
	_, err := s.write(author, func(w *writer) error {
		if err := getState(w.tx, id, &out); err != nil {
			return notFound(id)
		}
		u.Name, u.Address, u.Employer = model.NFC(u.Name), model.NFC(u.Address), model.NFC(u.Employer)
		if _, err := w.emit(id, model.EvPersonUpdated, "", u); err != nil {
			return err
		}
		return getState(w.tx, id, &out)
	})
	return out, err
}

// VisitInput is what the reception screen saves: the visit, the people
// who are new (recorded in the same transaction), and optionally the
// petition registered then and there.
type VisitInput struct {
	Visit      model.Visit
	NewPersons []model.Person // recorded first; their ids are appended to Visit.Persons
	NewReps    []int          // indexes into NewPersons that are representatives
	Petition   *model.Petition
}

// RecordVisit records a visit (and new persons and a petition) at once.
func (s *Store) RecordVisit(author string, in VisitInput) (model.Visit, *model.Petition, error) {
	var v model.Visit
	var pet *model.Petition
	_, err := s.write(author, func(w *writer) error {
		v = in.Visit
		if v.At.IsZero() {
			v.At = w.now
		}
		v.At = v.At.UTC()
		if v.Receiver == "" {
			v.Receiver = author
		}
		if v.Reception == "" {
			v.Reception = model.ReceptionRegular
		}
		for i, np := range in.NewPersons {
			p, err := w.recordPerson(np)
			if err != nil {
				return err
			}
			v.Persons = append(v.Persons, p.ID)
			for _, r := range in.NewReps {
				if r == i {
					v.Reps = append(v.Reps, p.ID)
				}
			}
		}
		if len(v.Persons) == 0 && !v.Group {
			return model.NewMsg("visitor", "Chưa chọn hoặc nhập người đến", "Pick or enter the visitor")
		}
		if v.Group && v.HeadCount < 2 {
			return model.NewMsg("head_count", "Đoàn đông người cần ghi số người (từ 2 trở lên)", "A group visit needs a head count of 2 or more")
		}
		v.Content = model.NFC(v.Content)
		if v.Content == "" {
			return model.NewMsg("content", "Cần ghi nội dung", "Enter what the visit was about")
		}
		if v.Outcome == "" {
			return model.NewMsg("outcome", "Chọn kết quả tiếp", "Choose the outcome")
		}
		id := w.nextID(model.EntVisit)
		var err error
		if v.No, err = w.number(model.EntVisit, model.DateOf(v.At).Y); err != nil {
			return err
		}
		var pet0 *model.Petition
		if in.Petition != nil {
			// The visit takes the next seq and the petition the one after:
			// each can name the other before either is written.
			p := *in.Petition
			p.Visit = id
			v.Petition = model.NewEntityID(model.EntPetition, w.s.site, w.seq+2)
			if len(p.Senders) == 0 {
				p.Senders = v.Persons
			}
			if p.Employer == "" {
				p.Employer = v.Employer
			}
			if p.Received.IsZero() {
				p.Received = model.DateOf(v.At)
			}
			if p.Source == "" {
				p.Source = model.SourceDesk
			}
			if p.Summary == "" {
				p.Summary = v.Content
			}
			p.Documents = append(p.Documents, v.Documents...)
			pet0 = &p
		}
		if _, err := w.emit(id, model.EvVisitRecorded, "", v); err != nil {
			return err
		}
		if pet0 != nil {
			rp, err := w.registerPetition(*pet0)
			if err != nil {
				return err
			}
			if rp.ID != v.Petition {
				return fmt.Errorf("store: petition id %s, reserved %s", rp.ID, v.Petition)
			}
			pet = &rp
		}
		return getState(w.tx, id, &v)
	})
	return v, pet, err
}

// RegisterPetition registers a petition received by post, forwarded, etc.
func (s *Store) RegisterPetition(author string, p model.Petition) (model.Petition, error) {
	var out model.Petition
	_, err := s.write(author, func(w *writer) error {
		var err error
		out, err = w.registerPetition(p)
		return err
	})
	return out, err
}

func (w *writer) registerPetition(p model.Petition) (model.Petition, error) {
	p.Summary, p.SenderName, p.Employer = model.NFC(p.Summary), model.NFC(p.SenderName), model.NFC(p.Employer)
	if p.Summary == "" {
		return p, model.NewMsg("summary", "Cần tóm tắt nội dung đơn", "Summarise the petition")
	}
	today := model.DateOf(w.now)
	if p.Received.IsZero() {
		p.Received = today
	}
	if m := model.ValidateReceivedDate(p.Received, today); m != nil {
		return p, m
	}
	if !p.LetterDate.IsZero() {
		if m := model.ValidateLetterDate(p.LetterDate, p.Received); m != nil {
			return p, m
		}
	}
	if p.SenderName == "" && len(p.Senders) > 0 {
		var first model.Person
		if getState(w.tx, p.Senders[0], &first) == nil {
			p.SenderName = first.Name
			if p.Employer == "" {
				p.Employer = first.Employer
			}
		}
	}
	if p.SenderName == "" {
		p.Anonymous = true
	}
	if p.Kind == model.KindDenunciation {
		p.Confidential = true
	}
	if p.Source == "" {
		p.Source = model.SourcePost
	}
	id := w.nextID(model.EntPetition)
	var err error
	if p.No, err = w.number(model.EntPetition, p.Received.Y); err != nil {
		return p, err
	}
	p.ID, p.Site, p.Fold, p.Conflicts = "", "", "", nil
	if _, err := w.emit(id, model.EvPetitionRegistered, "", p); err != nil {
		return p, err
	}
	err = getState(w.tx, id, &p)
	return p, err
}

func notFound(id string) error {
	return userErr(ErrNotFound, "Không tìm thấy hồ sơ "+id, "Record not found: "+id)
}

// Classify records the classification of a petition. An accept decision
// opens a case in the same transaction; the case is returned.
func (s *Store) Classify(author, petitionID string, c model.Classification) (*model.Case, error) {
	var out *model.Case
	_, err := s.write(author, func(w *writer) error {
		var p model.Petition
		if err := getState(w.tx, petitionID, &p); err != nil {
			return notFound(petitionID)
		}
		if c.On.IsZero() {
			c.On = model.DateOf(w.now)
		}
		c.Reason, c.ForwardTo = model.NFC(c.Reason), model.NFC(c.ForwardTo)
		if m := model.CheckClassify(&p, &c); m != nil {
			return m
		}
		if c.Decision == model.DecisionAccept {
			c.Case = model.NewEntityID(model.EntCase, w.s.site, w.seq+2)
		}
		if _, err := w.emit(petitionID, model.EvPetitionClassified, "", c); err != nil {
			return err
		}
		if c.Decision != model.DecisionAccept {
			return nil
		}
		if err := getState(w.tx, petitionID, &p); err != nil {
			return err
		}
		cs := model.Case{
			No: p.No, Petition: p.ID, PetitionNo: p.No,
			Kind: p.Kind, Regime: p.Regime, Field: p.Field, Round: p.Round,
			Complex: p.Complex, Remote: p.Remote, Confidential: p.Confidential,
			Senders: p.Senders, SenderName: p.SenderName, Employer: p.Employer, Summary: p.Summary,
			Received: p.Received, Opened: c.On,
		}
		if prior := w.priorCase(&p); prior != "" {
			cs.Repeat, cs.PriorCase = true, prior
		}
		if _, err := w.emit(c.Case, model.EvCaseOpened, "", cs); err != nil {
			return err
		}
		out = &model.Case{}
		return getState(w.tx, c.Case, out)
	})
	return out, err
}

// priorCase finds a closed case of the same sender that this petition
// duplicates or repeats (tiếp khiếu, tiếp tố).
func (w *writer) priorCase(p *model.Petition) string {
	if p.DuplicateOf != "" {
		var d model.Petition
		if getState(w.tx, p.DuplicateOf, &d) == nil && d.Case != "" {
			return d.Case
		}
	}
	return ""
}

// CaseAction records one action on a case (accept, assign, suspend,
// extend, conclude, ...). The model decides whether it may happen now.
func (s *Store) CaseAction(author, caseID string, t model.EventType, a model.CaseAction) (model.Case, error) {
	var out model.Case
	_, err := s.write(author, func(w *writer) error {
		if err := getState(w.tx, caseID, &out); err != nil {
			return notFound(caseID)
		}
		if a.On.IsZero() {
			a.On = model.DateOf(w.now)
		}
		a.Reason, a.DecisionNo, a.To = model.NFC(a.Reason), strings.TrimSpace(a.DecisionNo), model.NFC(a.To)
		if m := model.CheckCaseAction(&out, t, &a); m != nil {
			return m
		}
		if _, err := w.emit(caseID, t, "", a); err != nil {
			return err
		}
		return getState(w.tx, caseID, &out)
	})
	return out, err
}

// AddNote adds a note to a case, petition or visit.
func (s *Store) AddNote(author, entity, text string) error {
	text = model.NFC(text)
	if text == "" {
		return model.NewMsg("text", "Ghi chú trống", "The note is empty")
	}
	_, err := s.write(author, func(w *writer) error {
		if headOf(w.tx, entity) == "" {
			return notFound(entity)
		}
		_, err := w.emit(entity, model.EvNoteAdded, "", model.Note{Text: text})
		return err
	})
	return err
}

// SetReminder asks to be reminded of a case on a day.
func (s *Store) SetReminder(author, caseID string, r model.Reminder) error {
	r.Text = model.NFC(r.Text)
	if r.On.IsZero() {
		return model.NewMsg("on", "Chọn ngày nhắc", "Choose the day")
	}
	_, err := s.write(author, func(w *writer) error {
		var c model.Case
		if err := getState(w.tx, caseID, &c); err != nil {
			return notFound(caseID)
		}
		_, err := w.emit(caseID, model.EvReminderSet, "", r)
		return err
	})
	return err
}
