package model

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// The fold turns an entity's events into its state. Events are applied in
// (clock, site, seq) order, so two replicas holding the same events show
// the same state whatever order the events arrived in. An event that does
// not fit the state it lands on (concluding a closed case) changes nothing
// and is recorded as a Conflict; it is never dropped from the log.

// FoldEntity folds the events of one entity (any order) into its state:
// *Person, *Visit, *Petition, *Case, *User or *Site.
func FoldEntity(id string, evs []Event) (any, error) {
	SortEvents(evs)
	switch EntityKind(id) {
	case EntPerson:
		return foldInto(id, evs, &Person{}, applyPerson)
	case EntVisit:
		return foldInto(id, evs, &Visit{}, applyVisit)
	case EntPetition:
		return foldInto(id, evs, &Petition{}, applyPetition)
	case EntCase:
		return foldInto(id, evs, &Case{}, applyCase)
	case EntUser:
		return foldInto(id, evs, &User{}, applyUser)
	case EntSite:
		return foldInto(id, evs, &Site{}, applySite)
	}
	return nil, fmt.Errorf("model: unknown entity kind in %q", id)
}

// FoldView is FoldEntity for events whose data stays as it is for as
// long as the state returned is used: its strings are then the data's
// own bytes, not copies. A check or a rebuild reads each record's events
// into a buffer of its own, folds them, and is done with the state
// before the buffer is used again; a million records' strings are then
// not allocated one by one. It marks evs so: their next decode starts
// from a zero Event.
func FoldView(id string, evs []Event) (any, error) {
	for i := range evs {
		evs[i].view = true
	}
	return FoldEntity(id, evs)
}

// FoldOnto applies evs, which come after every event already folded into
// state in fold order, to state (what FoldEntity returned for the earlier
// events, or a decoded copy of it) and returns it. A desk write folds
// only its new event this way, not the record's whole history.
func FoldOnto(id string, state any, evs []Event) (any, error) {
	SortEvents(evs)
	switch s := state.(type) {
	case *Person:
		return foldInto(id, evs, s, applyPerson)
	case *Visit:
		return foldInto(id, evs, s, applyVisit)
	case *Petition:
		return foldInto(id, evs, s, applyPetition)
	case *Case:
		return foldInto(id, evs, s, applyCase)
	case *User:
		return foldInto(id, evs, s, applyUser)
	case *Site:
		return foldInto(id, evs, s, applySite)
	}
	return nil, fmt.Errorf("model: cannot fold onto %T of %q", state, id)
}

// foldInto applies evs to s in turn. An event in conflict changes
// nothing but the conflicts; once at least one has applied, the search
// text made from the other fields (makeFold: a petition's, a case's) is
// made again, once: a case of 200 events is folded without making its
// search text 200 times.
func foldInto[T any](id string, evs []Event, s *T, apply func(*T, string, *Event) (*Msg, error)) (*T, error) {
	applied := false
	for i := range evs {
		ev := &evs[i]
		msg, err := apply(s, id, ev)
		if err != nil {
			return nil, err
		}
		if msg != nil {
			addConflict(s, Conflict{Event: ev.Key(), Type: ev.Type, Reason: msg.Label})
		} else {
			applied = true
		}
	}
	if d, ok := any(s).(interface{ makeFold() }); ok && applied {
		d.makeFold()
	}
	return s, nil
}

func addConflict(s any, c Conflict) {
	switch v := s.(type) {
	case *Person:
		v.Conflicts = append(v.Conflicts, c)
	case *Visit:
		v.Conflicts = append(v.Conflicts, c)
	case *Petition:
		v.Conflicts = append(v.Conflicts, c)
	case *Case:
		v.Conflicts = append(v.Conflicts, c)
	case *Site:
		v.Conflicts = append(v.Conflicts, c)
	}
}

var (
	msgNotCreated   = Label{"Sự kiện đến trước khi hồ sơ được tạo", "Event arrived before the record was created"}
	msgCreatedTwice = Label{"Hồ sơ đã được tạo trước đó", "The record was already created"}
)

func conflict(l Label) *Msg { return &Msg{Label: l} }

func applyPerson(p *Person, id string, ev *Event) (*Msg, error) {
	defer blankAbsorbed(p)
	switch ev.Type {
	case EvPersonRecorded:
		if p.ID != "" {
			return conflict(msgCreatedTwice), nil
		}
		*p = Person{} // decoded in place: a check or rebuild folds a million records
		if err := ev.Decode(p); err != nil {
			return nil, err
		}
		p.ID, p.Site, p.Created, p.Conflicts = id, ev.Site, ev.At, nil
	case EvPersonUpdated, EvPersonCorrected:
		if p.ID == "" {
			return conflict(msgNotCreated), nil
		}
		// A correction is an update with a reason: the same fields.
		var c PersonCorrection
		if err := ev.Decode(&c); err != nil {
			return nil, err
		}
		u := c.PersonUpdate
		for _, f := range u.Set {
			switch f {
			case "name":
				p.Name = u.Name
			case "id_kind":
				p.IDKind = u.IDKind
			case "id_number":
				p.IDNumber = u.IDNumber
			case "birth_year":
				p.BirthYear = u.BirthYear
			case "sex":
				p.Sex = u.Sex
			case "phone":
				p.Phone = u.Phone
			case "address":
				p.Address = u.Address
			case "employer":
				p.Employer = u.Employer
			case "member":
				p.Member = u.Member
			case "note":
				p.Note = u.Note
			case "sealed":
				p.Sealed = u.Sealed
			}
		}
	case EvPersonMerged, EvPersonAbsorbed, EvPersonUnmerged:
		return applyPersonMerge(p, ev)
	case EvPersonDistinct:
		return applyPersonDistinct(p, ev)
	default:
		return nil, fmt.Errorf("model: %s is not a person event", ev.Type)
	}
	p.NameFold = Fold(p.Name)
	return nil, nil
}

// blankAbsorbed drops, from a protected person, the identity the records
// merged into theirs held when merged: those records are sealed
// themselves, and the person's own state must not name them in the clear
// (the other values, an employer or a note, stay).
func blankAbsorbed(p *Person) {
	if p.Sealed == "" {
		return
	}
	for i := range p.Absorbed {
		a := &p.Absorbed[i].Person
		a.Name, a.NameFold, a.IDKind, a.IDNumber, a.Phone, a.Address = "", "", IDNone, "", "", ""
	}
}

func applyVisit(v *Visit, id string, ev *Event) (*Msg, error) {
	switch ev.Type {
	case EvVisitRecorded:
		if v.ID != "" {
			return conflict(msgCreatedTwice), nil
		}
		*v = Visit{} // decoded in place, as a person is
		if err := ev.Decode(v); err != nil {
			return nil, err
		}
		v.ID, v.Site, v.Conflicts = id, ev.Site, nil
	case EvNoteAdded:
		var n Note
		if err := ev.Decode(&n); err != nil {
			return nil, err
		}
		v.Note = strings.TrimSpace(v.Note + "\n" + n.Text)
	case EvVisitCorrected:
		if v.ID == "" {
			return conflict(msgNotCreated), nil
		}
		if err := applyRecordCorrection(ev, v, nil, nil); err != nil {
			return nil, err
		}
	case EvDocumentPrinted:
	default:
		return nil, fmt.Errorf("model: %s is not a visit event", ev.Type)
	}
	return nil, nil
}

// CheckClassify says whether a petition may be classified now.
func CheckClassify(p *Petition, c *Classification) *Msg {
	if p.ID == "" {
		return conflict(msgNotCreated)
	}
	if p.Classified {
		return NewMsg("", "Đơn đã được phân loại", "The petition is already classified")
	}
	if c.Decision == DecisionAccept && (!c.Conditions || !c.Competent) {
		return NewMsg("decision", "Chỉ đề xuất thụ lý đơn đủ điều kiện và thuộc thẩm quyền", "Only a processable petition within competence can be accepted")
	}
	if c.Decision == DecisionAccept && (c.Kind == KindMixed || c.Kind == KindAnonymous) {
		return NewMsg("decision", "Đơn nhiều nội dung phải tách; thông tin nặc danh không thụ lý như đơn tố cáo", "A mixed petition must be split; anonymous information is not accepted as a denunciation")
	}
	if c.Decision == DecisionForward && strings.TrimSpace(c.ForwardTo) == "" {
		return NewMsg("forward_to", "Cần ghi cơ quan nhận đơn chuyển", "Name the body the petition is forwarded to")
	}
	if c.Decision == "" {
		return NewMsg("decision", "Chưa chọn hướng xử lý", "Choose a decision")
	}
	return nil
}

func applyPetition(p *Petition, id string, ev *Event) (*Msg, error) {
	switch ev.Type {
	case EvPetitionRegistered, EvPetitionTransferred:
		if p.ID != "" {
			return conflict(msgCreatedTwice), nil
		}
		*p = Petition{} // decoded in place, as a person is
		if err := ev.Decode(p); err != nil {
			return nil, err
		}
		p.ID, p.Site, p.Conflicts = id, ev.Site, nil
		if ev.Type == EvPetitionTransferred {
			p.Site = ev.To
			p.From = ev.Site
		}
	case EvPetitionClassified:
		var c Classification
		if err := ev.Decode(&c); err != nil {
			return nil, err
		}
		if m := CheckClassify(p, &c); m != nil {
			return m, nil
		}
		p.Classified, p.ClassifiedOn = true, c.On
		p.Kind, p.Regime, p.Field = c.Kind, c.Regime, c.Field
		p.Conditions, p.Competent, p.DuplicateOf = c.Conditions, c.Competent, c.DuplicateOf
		p.Decision, p.Reason, p.ForwardTo = c.Decision, c.Reason, c.ForwardTo
		p.Round, p.Complex, p.Remote, p.Case = c.Round, c.Complex, c.Remote, c.Case
		if c.SenderSealed != "" {
			p.SenderSealed, p.SenderName = c.SenderSealed, ""
		}
		if c.Kind == KindDenunciation {
			p.Confidential = true
		}
	case EvPetitionUrged:
		var a CaseAction
		if err := ev.Decode(&a); err != nil {
			return nil, err
		}
		if m := CheckUrgePetition(p, &a); m != nil {
			return m, nil
		}
		p.Urges = append(p.Urges, Urge{On: a.On, To: a.To, How: a.How})
	case EvNoteAdded, EvDocumentPrinted:
	case EvPetitionCorrected:
		if p.ID == "" {
			return conflict(msgNotCreated), nil
		}
		if err := applyRecordCorrection(ev, nil, p, nil); err != nil {
			return nil, err
		}
	case EvSenderSealed:
		var x SenderSeal
		if err := ev.Decode(&x); err != nil {
			return nil, err
		}
		p.SenderSealed, p.SenderName, p.Confidential = x.Sealed, "", true
	default:
		return nil, fmt.Errorf("model: %s is not a petition event", ev.Type)
	}
	return nil, nil // foldInto makes p.Fold
}

// makeFold makes the petition's search text from its fields.
func (p *Petition) makeFold() {
	p.Fold = Fold(p.SenderName + " " + p.Employer + " " + p.Summary + " " + p.No)
}

// checkUrge is what urging asks of every record: a day, a body, a way.
func checkUrge(a *CaseAction, since Date) *Msg {
	if strings.TrimSpace(a.To) == "" {
		return NewMsg("to", "Cần ghi cơ quan được đôn đốc", "Name the body urged")
	}
	if a.How != "" && !slices.Contains(UrgeHows, a.How) {
		return NewMsg("how", "Cách đôn đốc không hợp lệ", "Unknown way of urging")
	}
	if !since.IsZero() && a.On.Before(since) {
		return NewMsg("on", "Ngày đôn đốc không được trước ngày chuyển", "The day urged cannot precede the day it was sent")
	}
	return nil
}

// checkDecided is what a conclusion's outcome must be: nothing negative,
// officials among the persons, persons referred only with a referral.
func checkDecided(o *Decided) *Msg {
	if o.StateMoney < 0 || o.StateLand < 0 || o.ReturnedLand < 0 || o.Sanctioned < 0 || o.SanctionedOfficials < 0 || o.ReferredPersons < 0 || o.ReferredOfficials < 0 {
		return NewMsg("state_money", "Số tiền, diện tích và số người không được âm", "Amounts, areas and head counts cannot be negative")
	}
	if o.SanctionedOfficials > o.Sanctioned {
		return NewMsg("sanctioned_officials", "Số cán bộ, công chức không được lớn hơn số người bị kiến nghị xử lý", "Officials cannot outnumber the persons proposed for sanctions")
	}
	if o.ReferredOfficials > o.ReferredPersons {
		return NewMsg("referred_officials", "Số cán bộ, công chức không được lớn hơn số người chuyển cơ quan điều tra", "Officials cannot outnumber the persons referred")
	}
	if o.ReferredPersons > 0 && !o.Referred {
		return NewMsg("referred", "Có người chuyển cơ quan điều tra thì vụ việc phải được chuyển", "Persons referred means the case was referred")
	}
	return nil
}

// CheckUrgePetition says whether the body petition p was forwarded to may
// be urged now (petition.urged): only a petition forwarded.
func CheckUrgePetition(p *Petition, a *CaseAction) *Msg {
	if p.ID == "" {
		return conflict(msgNotCreated)
	}
	if !p.Classified || p.Decision != DecisionForward {
		return NewMsg("", "Chỉ đôn đốc đơn đã chuyển cho cơ quan khác", "Only a petition forwarded to another body can be urged")
	}
	return checkUrge(a, p.ClassifiedOn)
}

// CheckCaseAction says whether event type t with data a may be applied to
// case c now. The store asks before writing a local action (and refuses
// it); the fold asks again on every replica (and keeps a misfit as a
// conflict). extraDays is what the law still allows as an extension.
func CheckCaseAction(c *Case, t EventType, a *CaseAction) *Msg {
	if c.ID == "" {
		return conflict(msgNotCreated)
	}
	closedMsg := NewMsg("", "Vụ việc đã kết thúc; mở lại trước khi làm việc này", "The case is closed; reopen it first")
	switch t {
	case EvCaseAccepted, EvCaseRejected:
		if c.Status != StatusPending {
			return NewMsg("", "Chỉ thụ lý hoặc không thụ lý vụ việc đang chờ thụ lý", "Only a case awaiting acceptance can be accepted or rejected")
		}
		if a.On.Before(c.Received) {
			return NewMsg("on", "Ngày thụ lý không được trước ngày nhận đơn", "The acceptance date cannot precede the date received")
		}
	case EvCaseSuspended:
		if c.Status != StatusOpen {
			return NewMsg("", "Chỉ tạm đình chỉ vụ việc đang giải quyết", "Only a case in progress can be suspended")
		}
	case EvCaseResumed:
		if c.Status != StatusSuspended {
			return NewMsg("", "Vụ việc không ở trạng thái tạm đình chỉ", "The case is not suspended")
		}
	case EvCaseExtended:
		if c.Status.Closed() {
			return closedMsg
		}
		if c.Status == StatusPending {
			return NewMsg("", "Chưa thụ lý thì chưa thể gia hạn", "A case must be accepted before it can be extended")
		}
		days, m := CanExtend(c.Clock(), c.Accepted)
		if m != nil {
			return m
		}
		if a.Days > days {
			return NewMsg("days", fmt.Sprintf("Luật chỉ cho gia hạn tối đa %d ngày", days), fmt.Sprintf("The law allows at most %d days", days))
		}
		if strings.TrimSpace(a.Reason) == "" {
			return NewMsg("reason", "Cần ghi lý do gia hạn", "Give the reason for the extension")
		}
	case EvCaseConcluded:
		if c.Status.Closed() {
			return closedMsg
		}
		if c.Status == StatusPending {
			return NewMsg("", "Vụ việc chưa được thụ lý", "The case has not been accepted")
		}
		if a.Result == "" {
			return NewMsg("result", "Chọn kết quả giải quyết", "Choose the result")
		}
		if a.Recovered < 0 || a.Restored < 0 {
			return NewMsg("recovered", "Số tiền và số người không được âm", "Amounts and head counts cannot be negative")
		}
		if m := checkDecided(&a.Decided); m != nil {
			return m
		}
	case EvCaseTerminated, EvCaseTransferred:
		if c.Status.Closed() {
			return closedMsg
		}
		if t == EvCaseTransferred && strings.TrimSpace(a.To) == "" {
			return NewMsg("to", "Cần ghi nơi chuyển đến", "Name where the case goes")
		}
	case EvCaseReopened:
		if !c.Status.Closed() {
			return NewMsg("", "Vụ việc đang mở", "The case is still open")
		}
	case EvCaseAssigned, EvCaseDocsAsked:
		if c.Status.Closed() {
			return closedMsg
		}
	case EvCaseExecuted:
		if c.Status != StatusConcluded {
			return NewMsg("", "Chỉ ghi thi hành vụ việc đã có kết luận", "Only a concluded case can be carried out")
		}
		if a.On.Before(c.Closed) {
			return NewMsg("on", "Ngày thi hành không được trước ngày kết luận", "The day cannot precede the conclusion")
		}
		x := &a.Execution
		if x.Collected < 0 || x.CollectedLand < 0 || x.Paid < 0 || x.PaidLand < 0 || x.SanctionedDone < 0 || x.ProsecutedPersons < 0 {
			return NewMsg("collected", "Số tiền, diện tích và số người không được âm", "Amounts, areas and head counts cannot be negative")
		}
		if *x == (Execution{}) {
			return NewMsg("collected", "Chưa ghi việc gì đã thi hành", "Nothing carried out was entered")
		}
	case EvCaseUrged:
		if c.Status != StatusTransferred {
			return NewMsg("", "Chỉ đôn đốc vụ việc đã chuyển cho cơ quan khác", "Only a case transferred to another body can be urged")
		}
		return checkUrge(a, c.Closed)
	}
	return nil
}

func applyCase(c *Case, id string, ev *Event) (*Msg, error) {
	switch ev.Type {
	case EvCaseOpened:
		if c.ID != "" {
			return conflict(msgCreatedTwice), nil
		}
		*c = Case{} // decoded in place, as a person is
		if err := ev.Decode(c); err != nil {
			return nil, err
		}
		c.ID, c.Site, c.Conflicts = id, ev.Site, nil
		c.Status = StatusPending
		if c.Opened.IsZero() {
			c.Opened = DateOf(ev.At)
		}
	case EvNoteAdded, EvCaseGuidance:
		if c.ID == "" {
			return conflict(msgNotCreated), nil
		}
		c.Notes++
	case EvReminderSet:
		if c.ID == "" {
			return conflict(msgNotCreated), nil
		}
		var r Reminder
		if err := ev.Decode(&r); err != nil {
			return nil, err
		}
		r.By = ev.Author
		c.Reminders = append(c.Reminders, r)
	case EvIdentityRevealed, EvDocumentPrinted:
	case EvPetitionCorrected:
		if c.ID == "" {
			return conflict(msgNotCreated), nil
		}
		if err := applyRecordCorrection(ev, nil, nil, c); err != nil {
			return nil, err
		}
	case EvSenderSealed:
		var x SenderSeal
		if err := ev.Decode(&x); err != nil {
			return nil, err
		}
		c.SenderSealed, c.SenderName, c.Confidential = x.Sealed, "", true
	default:
		var a CaseAction
		if err := ev.Decode(&a); err != nil {
			return nil, err
		}
		if !strings.HasPrefix(string(ev.Type), "case.") {
			return nil, fmt.Errorf("model: %s is not a case event", ev.Type)
		}
		if m := CheckCaseAction(c, ev.Type, &a); m != nil {
			return m, nil
		}
		applyCaseAction(c, ev.Type, &a)
	}
	c.Updated = ev.At
	return nil, nil // foldInto makes c.Fold
}

// makeFold makes the case's search text from its fields.
func (c *Case) makeFold() {
	c.Fold = Fold(c.No + " " + c.PetitionNo + " " + c.SenderName + " " + c.Employer + " " + c.Summary)
}

func applyCaseAction(c *Case, t EventType, a *CaseAction) {
	switch t {
	case EvCaseAccepted:
		c.Status, c.Accepted = StatusOpen, a.On
		if a.Handler != "" {
			c.Handler = a.Handler
		}
	case EvCaseRejected:
		c.Status, c.Closed = StatusRejected, a.On
	case EvCaseAssigned:
		c.Handler = a.Handler
	case EvCaseDocsAsked:
		c.DocsRequested++
	case EvCaseSuspended:
		c.Status = StatusSuspended
		c.Suspensions = append(c.Suspensions, Suspension{From: a.On})
	case EvCaseResumed:
		c.Status = StatusOpen
		if n := len(c.Suspensions); n > 0 {
			c.Suspensions[n-1].To = a.On
		}
	case EvCaseExtended:
		if a.Complex {
			c.Complex = true
		} else {
			c.Extensions = append(c.Extensions, Extension{On: a.On, Days: a.Days, Reason: a.Reason})
		}
	case EvCaseConcluded:
		c.Status, c.Closed, c.Result = StatusConcluded, a.On, a.Result
		c.DecisionNo, c.DecisionDate = a.DecisionNo, a.DecisionDate
		c.Recovered, c.Restored, c.Replied = a.Recovered, a.Restored, a.Replied
		c.Decided = a.Decided
	case EvCaseExecuted:
		c.Executions = append(c.Executions, Executed{On: a.On, Execution: a.Execution})
	case EvCaseTerminated:
		c.Status, c.Closed = StatusTerminated, a.On
	case EvCaseTransferred:
		c.Status, c.Closed, c.TransferredTo = StatusTransferred, a.On, a.To
	case EvCaseUrged:
		c.Urges = append(c.Urges, Urge{On: a.On, To: a.To, How: a.How})
	case EvCaseReopened:
		c.Reopens++
		c.Closed, c.Result, c.DecisionNo, c.DecisionDate, c.TransferredTo = Date{}, "", "", Date{}, ""
		c.Recovered, c.Restored, c.Replied = 0, 0, false
		c.Decided, c.Executions = Decided{}, nil
		if c.Accepted.IsZero() {
			c.Status = StatusPending
		} else {
			c.Status = StatusOpen
		}
	}
}

func applyUser(u *User, id string, ev *Event) (*Msg, error) {
	switch ev.Type {
	case EvUserCreated, EvUserUpdated:
		var d User
		if err := ev.Decode(&d); err != nil {
			return nil, err
		}
		if ev.Type == EvUserCreated && u.Login != "" {
			return conflict(msgCreatedTwice), nil
		}
		if ev.Type == EvUserUpdated && u.Login == "" {
			return conflict(msgNotCreated), nil
		}
		site, login, _ := strings.Cut(strings.TrimPrefix(id, EntUser+":"), ".")
		d.Site, d.Login = site, login
		*u = d
	default:
		return nil, fmt.Errorf("model: %s is not a user event", ev.Type)
	}
	return nil, nil
}

func applySite(s *Site, id string, ev *Event) (*Msg, error) {
	switch ev.Type {
	case EvSiteCreated, EvSiteUpdated:
		var d Site
		if err := ev.Decode(&d); err != nil {
			return nil, err
		}
		d.Code = strings.TrimPrefix(id, EntSite+":")
		d.Overrides, d.Conflicts = s.Overrides, s.Conflicts
		*s = d
	case EvCalendarOverride:
		var c CalendarChange
		if err := ev.Decode(&c); err != nil {
			return nil, err
		}
		out := s.Overrides[:0:0]
		for _, o := range s.Overrides {
			if o.Date != c.Date {
				out = append(out, o)
			}
		}
		if !c.Remove {
			out = append(out, c.Override)
		}
		s.Overrides = out
	case EvDocumentPrinted: // a register of a period: recorded on the site
	default:
		return nil, fmt.Errorf("model: %s is not a site event", ev.Type)
	}
	return nil, nil
}

// MustData marshals event data; the types in this package always marshal.
func MustData(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// Concurrent returns, for each event key, the keys of the events of other
// sites written on the same base: edits made without seeing each other.
// The follow-up screen shows them side by side.
func Concurrent(evs []Event) map[string][]string {
	byBase := map[string][]*Event{}
	for i := range evs {
		e := &evs[i]
		if e.Base != "" {
			byBase[e.Base] = append(byBase[e.Base], e)
		}
	}
	out := map[string][]string{}
	for _, group := range byBase {
		for _, a := range group {
			for _, b := range group {
				if a.Site != b.Site {
					out[a.Key()] = append(out[a.Key()], b.Key())
				}
			}
		}
	}
	return out
}
