package store

import (
	"fmt"
	"strings"
	"time"

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
	if m := checkPerson(&p, nil, p.BirthYear, model.DateOf(w.now)); m != nil {
		return p, m
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
		if err := w.checkPersonUpdate(id, &out, &u); err != nil {
			return err
		}
		if _, err := w.emit(id, model.EvPersonUpdated, "", u); err != nil {
			return err
		}
		return getState(w.tx, id, &out)
	})
	return out, err
}

// checkPersonUpdate reads the person into out and checks and normalises
// the fields u sets.
func (w *writer) checkPersonUpdate(id string, out *model.Person, u *model.PersonUpdate) error {
	if err := getState(w.tx, id, out); err != nil {
		return notFound(id)
	}
	if len(u.Set) == 0 {
		return model.NewMsg("", "Không có gì để sửa", "Nothing to change")
	}
	birth := out.BirthYear
	if inSet(u.Set, "birth_year") {
		birth = u.BirthYear
	}
	if inSet(u.Set, "id_number") && !inSet(u.Set, "id_kind") {
		// The number is checked as the kind the person has; with no
		// kind (or no number any more) the kind follows the number.
		u.IDKind = out.IDKind
		if u.IDKind == model.IDNone || strings.TrimSpace(u.IDNumber) == "" {
			u.Set = append(u.Set, "id_kind")
		}
	}
	if m := checkPerson(&u.Person, u.Set, birth, model.DateOf(w.now)); m != nil {
		return m
	}
	u.Name, u.Address, u.Employer, u.Note = model.NFC(u.Name), model.NFC(u.Address), model.NFC(u.Employer), model.NFC(u.Note)
	return nil
}

func inSet(set []string, f string) bool {
	for _, x := range set {
		if x == f {
			return true
		}
	}
	return false
}

// checkPerson validates and normalises the fields of p named in set (every
// field when set is nil): the name, the identity number (its kind guessed
// from its shape when not given; birth is the birth year to check a CCCD
// number against), the birth year and the phone (stored in the leading-0
// form without separators, so that search by number finds it).
func checkPerson(p *model.Person, set []string, birth int, today model.Date) *model.Msg {
	all := set == nil
	if all || inSet(set, "name") {
		n, m := model.ValidateName(p.Name)
		if m != nil {
			return m
		}
		p.Name = n
	}
	if (all || inSet(set, "birth_year")) && p.BirthYear != 0 && (p.BirthYear < 1900 || p.BirthYear > today.Y) {
		return model.NewMsg("birth_year", fmt.Sprintf("Năm sinh phải từ 1900 đến %d", today.Y), fmt.Sprintf("The year of birth must be between 1900 and %d", today.Y))
	}
	if all || inSet(set, "id_number") || inSet(set, "id_kind") {
		if strings.TrimSpace(p.IDNumber) == "" {
			p.IDKind, p.IDNumber = model.IDNone, ""
		} else {
			if p.IDKind == model.IDNone {
				p.IDKind = model.GuessIDKind(p.IDNumber)
			}
			n, _, m := model.ValidateIDNumber(p.IDKind, p.IDNumber, birth)
			if m != nil {
				return m
			}
			p.IDNumber = n
		}
	}
	if (all || inSet(set, "phone")) && strings.TrimSpace(p.Phone) != "" {
		n, _, m := model.NormalizePhone(p.Phone)
		if m != nil {
			return m
		}
		p.Phone = n
	}
	return nil
}

// checkPersons refuses ids that name no recorded person.
func (w *writer) checkPersons(field string, ids []string) *model.Msg {
	for _, id := range ids {
		var p model.Person
		if model.EntityKind(id) != model.EntPerson || getState(w.tx, id, &p) != nil {
			return model.NewMsg(field, "Không tìm thấy người có mã "+id, "No person with the id "+id)
		}
	}
	return nil
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
		var err error
		v, pet, err = w.recordVisit(in)
		return err
	})
	return v, pet, err
}

func (w *writer) recordVisit(in VisitInput) (v model.Visit, pet *model.Petition, err error) {
	v = in.Visit
	if v.At.IsZero() {
		v.At = w.now
	}
	v.At = v.At.UTC()
	if v.Receiver == "" {
		v.Receiver = w.author
	}
	if v.Reception == "" {
		v.Reception = model.ReceptionRegular
	}
	protect := confidentialInput(in.Petition)
	for i, np := range in.NewPersons {
		record := w.recordPerson
		if protect {
			record = w.recordSealedPerson
		}
		p, err := record(np)
		if err != nil {
			return v, pet, err
		}
		v.Persons = append(v.Persons, p.ID)
		for _, r := range in.NewReps {
			if r == i {
				v.Reps = append(v.Reps, p.ID)
			}
		}
	}
	if len(v.Persons) == 0 && !v.Group {
		return v, pet, model.NewMsg("visitor", "Chưa chọn hoặc nhập người đến", "Pick or enter the visitor")
	}
	if m := w.checkPersons("visitor", v.Persons); m != nil {
		return v, pet, m
	}
	for _, r := range v.Reps {
		if !inSet(v.Persons, r) {
			return v, pet, model.NewMsg("reps", "Người đại diện phải là người trong đoàn", "A representative must be one of the visitors")
		}
	}
	if v.At.After(w.now.Add(time.Minute)) {
		return v, pet, model.NewMsg("at", "Giờ tiếp không được sau bây giờ", "The time of the visit cannot be later than now")
	}
	if v.Group && v.HeadCount < 2 {
		return v, pet, model.NewMsg("head_count", "Đoàn đông người cần ghi số người (từ 2 trở lên)", "A group visit needs a head count of 2 or more")
	}
	v.Content = model.NFC(v.Content)
	if v.Content == "" {
		return v, pet, model.NewMsg("content", "Cần ghi nội dung", "Enter what the visit was about")
	}
	if !oneOf(v.Outcome, model.Outcomes) {
		return v, pet, model.NewMsg("outcome", "Chọn kết quả tiếp", "Choose the outcome")
	}
	if !oneOf(v.Reception, model.ReceptionTypes) {
		return v, pet, model.NewMsg("reception", "Hình thức tiếp không hợp lệ", "Unknown reception type")
	}
	id := w.nextID(model.EntVisit)
	if v.No, err = w.number(model.EntVisit, model.DateOf(v.At).Y); err != nil {
		return v, pet, err
	}
	v.Petition = "" // set below when the petition is registered with the visit
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
		return v, pet, err
	}
	if pet0 != nil {
		rp, err := w.registerPetition(*pet0)
		if err != nil {
			return v, pet, err
		}
		if rp.ID != v.Petition {
			return v, pet, fmt.Errorf("store: petition id %s, reserved %s", rp.ID, v.Petition)
		}
		pet = &rp
	}
	err = getState(w.tx, id, &v)
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

// preparePetition normalises and checks what every new petition of this
// file needs, registered here or transferred to a child: NFC text, a
// summary, a received date that is not in the future, a letter date not
// after it, known senders, the sender's name and employer filled from the
// first sender, anonymity, and confidentiality for a denunciation or a
// protected sender.
func (w *writer) preparePetition(p *model.Petition, protectNow bool) *model.Msg {
	p.Summary, p.SenderName, p.Employer = model.NFC(p.Summary), model.NFC(p.SenderName), model.NFC(p.Employer)
	if p.Summary == "" {
		return model.NewMsg("summary", "Cần tóm tắt nội dung đơn", "Summarise the petition")
	}
	today := model.DateOf(w.now)
	if p.Received.IsZero() {
		p.Received = today
	}
	if m := model.ValidateReceivedDate(p.Received, today); m != nil {
		return m
	}
	if !p.LetterDate.IsZero() {
		if m := model.ValidateLetterDate(p.LetterDate, p.Received); m != nil {
			return m
		}
	}
	if m := w.checkPersons("senders", p.Senders); m != nil {
		return m
	}
	if p.SenderName == "" && len(p.Senders) > 0 {
		if first, ok := w.senderPlain(p.Senders[0]); ok {
			p.SenderName = first.Name
			if p.Employer == "" {
				p.Employer = first.Employer
			}
		}
	}
	if p.SenderName == "" && p.SenderSealed == "" {
		p.Anonymous = true
	}
	if p.Kind == model.KindDenunciation || w.protectedAmong(p.Senders) {
		// A denunciation protects its sender; a protected sender's later
		// petitions (a complaint, a question) name them just as well, so
		// they are confidential too, whatever their kind.
		p.Confidential = true
	}
	if p.Confidential {
		// The senders' own records (an event each) are sealed here, or by
		// the caller right after the petition when its seq is reserved.
		if protectNow {
			if err := w.protectSenders(p.Senders); err != nil {
				return model.NewMsg("", "Không niêm phong được danh tính người gửi: "+err.Error(), "Cannot seal the sender's identity: "+err.Error())
			}
		}
		if err := w.sealSender(p); err != nil {
			return model.NewMsg("", "Không niêm phong được danh tính người gửi: "+err.Error(), "Cannot seal the sender's identity: "+err.Error())
		}
	}
	return nil
}

func (w *writer) registerPetition(p model.Petition) (model.Petition, error) {
	// The senders' records are sealed after the petition is written, so
	// the petition takes the seq reserved for it (RecordVisit names it
	// before it exists).
	if m := w.preparePetition(&p, false); m != nil {
		return p, m
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
	// Only petition.classified classifies: a registration that came with
	// a decision would leave the inbox without one.
	p.Classified, p.ClassifiedOn, p.Conditions, p.Competent, p.DuplicateOf = false, model.Date{}, false, false, ""
	p.Decision, p.Reason, p.ForwardTo, p.Round, p.Complex, p.Remote, p.Case = "", "", "", 0, false, false, ""
	if _, err := w.emit(id, model.EvPetitionRegistered, "", p); err != nil {
		return p, err
	}
	if p.Confidential {
		if err := w.protectSenders(p.Senders); err != nil {
			return p, model.NewMsg("", "Không niêm phong được danh tính người gửi: "+err.Error(), "Cannot seal the sender's identity: "+err.Error())
		}
	}
	err = getState(w.tx, id, &p)
	return p, err
}

// oneOf reports whether v is one of the known values of its enum.
func oneOf[T comparable](v T, known []T) bool {
	for _, k := range known {
		if v == k {
			return true
		}
	}
	return false
}

func notFound(id string) error {
	return userErr(ErrNotFound, "Không tìm thấy hồ sơ "+id, "Record not found: "+id)
}

// Classify records the classification of a petition. An accept decision
// opens a case in the same transaction; the case is returned.
func (s *Store) Classify(author, petitionID string, c model.Classification) (*model.Case, error) {
	var out *model.Case
	_, err := s.write(author, func(w *writer) error {
		var err error
		out, err = w.classify(petitionID, c)
		return err
	})
	return out, err
}

func (w *writer) classify(petitionID string, c model.Classification) (out *model.Case, err error) {
	var p model.Petition
	if err := getState(w.tx, petitionID, &p); err != nil {
		return out, notFound(petitionID)
	}
	if c.On.IsZero() {
		c.On = model.DateOf(w.now)
	}
	c.Reason, c.ForwardTo = model.NFC(c.Reason), model.NFC(c.ForwardTo)
	if m := checkClassification(&c); m != nil {
		return out, m
	}
	if c.DuplicateOf != "" {
		var d model.Petition
		if c.DuplicateOf == petitionID || getState(w.tx, c.DuplicateOf, &d) != nil {
			return out, model.NewMsg("duplicate_of", "Không tìm thấy đơn được ghi là trùng: "+c.DuplicateOf, "The petition it duplicates was not found: "+c.DuplicateOf)
		}
	}
	if m := model.CheckClassify(&p, &c); m != nil {
		return out, m
	}
	if c.Kind == model.KindDenunciation && !p.Confidential {
		// Now a denunciation: its sender is protected from here on.
		if err := w.protectSenders(p.Senders); err != nil {
			return out, err
		}
		if p.SenderName != "" {
			if c.SenderSealed, err = w.sealValue(p.SenderName); err != nil {
				return out, err
			}
		}
	}
	c.Case = ""
	if c.Decision == model.DecisionAccept {
		c.Case = model.NewEntityID(model.EntCase, w.s.site, w.seq+2)
	}
	if _, err := w.emit(petitionID, model.EvPetitionClassified, "", c); err != nil {
		return out, err
	}
	if c.Decision != model.DecisionAccept {
		return out, nil
	}
	if err := getState(w.tx, petitionID, &p); err != nil {
		return out, err
	}
	cs := model.Case{
		No: p.No, Petition: p.ID, PetitionNo: p.No,
		Kind: p.Kind, Regime: p.Regime, Field: p.Field, Round: p.Round,
		Complex: p.Complex, Remote: p.Remote, Confidential: p.Confidential,
		Senders: p.Senders, SenderName: p.SenderName, SenderSealed: p.SenderSealed, Employer: p.Employer, Summary: p.Summary,
		Received: p.Received, Opened: c.On,
	}
	if prior := w.priorCase(&p); prior != "" {
		cs.Repeat, cs.PriorCase = true, prior
	}
	if _, err := w.emit(c.Case, model.EvCaseOpened, "", cs); err != nil {
		return out, err
	}
	out = &model.Case{}
	err = getState(w.tx, c.Case, out)
	return out, err
}

// checkClassification refuses values outside the enums: a typo in a
// decision would otherwise classify the petition and open no case. The
// regime and the field may stay blank unless the petition is accepted (the
// deadlines depend on them).
func checkClassification(c *model.Classification) *model.Msg {
	accept := c.Decision == model.DecisionAccept
	switch {
	case !oneOf(c.Kind, model.PetitionKinds):
		return model.NewMsg("kind", "Chọn loại đơn", "Choose the kind of petition")
	case (accept || c.Regime != "") && !oneOf(c.Regime, model.Regimes):
		return model.NewMsg("regime", "Chọn chế độ pháp lý", "Choose the legal regime")
	case (accept || c.Field != "") && !oneOf(c.Field, model.Fields):
		return model.NewMsg("field", "Chọn lĩnh vực", "Choose the subject area")
	case c.Decision != "" && !oneOf(c.Decision, model.Decisions):
		return model.NewMsg("decision", "Hướng xử lý không hợp lệ", "Unknown decision")
	case c.Round < 0 || c.Round > 2:
		return model.NewMsg("round", "Lần khiếu nại là 1 hoặc 2", "The complaint round is 1 or 2")
	}
	return nil
}

// caseActions are the event types CaseAction records; anything else
// (opening a case twice, a note, another kind's event) is refused.
var caseActions = []model.EventType{
	model.EvCaseAccepted, model.EvCaseRejected, model.EvCaseAssigned, model.EvCaseDocsAsked,
	model.EvCaseSuspended, model.EvCaseResumed, model.EvCaseExtended, model.EvCaseConcluded,
	model.EvCaseTerminated, model.EvCaseReopened, model.EvCaseTransferred,
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
		var err error
		out, err = w.caseAction(caseID, t, a)
		return err
	})
	return out, err
}

func (w *writer) caseAction(caseID string, t model.EventType, a model.CaseAction) (out model.Case, err error) {
	if err := getState(w.tx, caseID, &out); err != nil {
		return out, notFound(caseID)
	}
	if a.On.IsZero() {
		a.On = model.DateOf(w.now)
	}
	a.Reason, a.DecisionNo, a.To = model.NFC(a.Reason), strings.TrimSpace(a.DecisionNo), model.NFC(a.To)
	if !oneOf(t, caseActions) {
		return out, model.NewMsg("", "Không có thao tác "+string(t)+" trên vụ việc", "No such case action: "+string(t))
	}
	if t == model.EvCaseConcluded && a.Result != "" && !oneOf(a.Result, model.Results) {
		return out, model.NewMsg("result", "Kết quả giải quyết không hợp lệ", "Unknown result")
	}
	if m := model.CheckCaseAction(&out, t, &a); m != nil {
		return out, m
	}
	if _, err := w.emit(caseID, t, "", a); err != nil {
		return out, err
	}
	err = getState(w.tx, caseID, &out)
	return out, err
}

// AddNote adds a note to a case, petition or visit.
func (s *Store) AddNote(author, entity, text string) error {
	_, err := s.write(author, func(w *writer) error { return w.addNote(entity, text) })
	return err
}

func (w *writer) addNote(entity, text string) error {
	text = model.NFC(text)
	if text == "" {
		return model.NewMsg("text", "Ghi chú trống", "The note is empty")
	}
	switch model.EntityKind(entity) {
	case model.EntCase, model.EntPetition, model.EntVisit:
	default:
		// The fold of a person, user or site has no notes: the write would
		// fail with a disk-error message.
		return model.NewMsg("", "Chỉ ghi chú được vào vụ việc, đơn hoặc lượt tiếp", "Notes go on a case, a petition or a visit")
	}
	if headOf(w.tx, entity) == "" {
		return notFound(entity)
	}
	_, err := w.emit(entity, model.EvNoteAdded, "", model.Note{Text: text})
	return err
}

// SetReminder asks to be reminded of a case on a day.
func (s *Store) SetReminder(author, caseID string, r model.Reminder) error {
	_, err := s.write(author, func(w *writer) error { return w.setReminder(caseID, r) })
	return err
}

func (w *writer) setReminder(caseID string, r model.Reminder) error {
	r.Text = model.NFC(r.Text)
	if r.On.IsZero() {
		return model.NewMsg("on", "Chọn ngày nhắc", "Choose the day")
	}
	var c model.Case
	if err := getState(w.tx, caseID, &c); err != nil {
		return notFound(caseID)
	}
	_, err := w.emit(caseID, model.EvReminderSet, "", r)
	return err
}
