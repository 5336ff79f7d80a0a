package reception

import (
	"strconv"
	"strings"
	"unicode"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/textfield"
)

// fid names one input of the form.
type fid int

const (
	fSearch fid = iota
	fPerson     // a picked person's line
	// a new person's inputs, in focus order
	fName
	fBirth
	fIDNum
	fIDKind
	fPhone
	fSex
	fMember
	fAddress
	fEmployer
	// the visit
	fGroup
	fHeadCount
	fGroupEmployer
	fContent
	fDocs
	fDocCount
	fOutcome
	fReception
	// the petition
	fPetition
	fKind
	fLetterDate
	fConfidential
	// added after: the order above is the focus order's base
	fDelegated // scheduled or ad-hoc reception held by a delegate
)

// focus is an input: which one, and for a person's inputs, which person.
type focus struct {
	f fid
	p int
}

func (f focus) personal() bool { return f.f >= fPerson && f.f <= fEmployer }

// kinds of input
const (
	inText = iota
	inChoice
	inToggle
	inLine
)

func (f fid) input() int {
	switch f {
	case fPerson:
		return inLine
	case fIDKind, fSex, fOutcome, fReception, fKind:
		return inChoice
	case fMember, fGroup, fPetition, fConfidential, fDelegated:
		return inToggle
	}
	return inText
}

// personForm is a new person being entered in place.
type personForm struct {
	name, birth, idnum, phone, address, employer textfield.Model
	idkind, sex                                  common.Choice
	member                                       bool
}

// visitor is one person of the visit: found (card) or new (draft).
type visitor struct {
	card  *store.PersonCard
	draft *personForm
}

// note is what the form says beside an input.
type note = common.Note

const (
	noteErr  = common.NoteErr
	noteWarn = common.NoteWarn
	noteInfo = common.NoteInfo
)

// form is everything typed for one visit.
type form struct {
	search        textfield.Model
	visitors      []*visitor
	group         bool
	headCount     textfield.Model
	groupEmployer textfield.Model
	content       textfield.Model
	docs          textfield.Model
	docCount      textfield.Model
	outcome       common.Choice
	reception     common.Choice
	petition      bool
	kind          common.Choice
	letterDate    textfield.Model
	confidential  bool
	delegated     bool // ủy quyền tiếp (01/TCD counts it apart from the head's)
	confAuto      bool // confidential was switched on by the kind

	notes map[focus]note
}

func (m *Model) newField(ph string, width int) textfield.Model {
	f := m.ctx.NewField(ph, width)
	f.Styles = textfield.DefaultStyles(m.ctx.Styles.R)
	return f
}

func (m *Model) newForm() *form {
	w := &m.ctx.Words.Reception
	l := m.ctx.Lang
	f := &form{notes: map[focus]note{}}
	f.search = m.newField(w.SearchHint, 60)
	f.search.CharLimit = 100
	f.headCount = m.newField("", 5)
	f.headCount.CharLimit = 4
	f.groupEmployer = m.newField("", 36)
	f.content = m.newField(w.ContentHint, 60)
	f.content.CharLimit = 2000
	f.docs = m.newField(w.DocsHint, 40)
	f.docs.CharLimit = 300
	f.docCount = m.newField("", 4)
	f.docCount.CharLimit = 3
	f.letterDate = m.newField(w.DateHint, 11)
	f.letterDate.CharLimit = 10

	var outs []common.Option
	for i, o := range model.Outcomes {
		outs = append(outs, common.Option{Key: strconv.Itoa(i + 1), Label: o.Label().In(l), Value: string(o)})
	}
	f.outcome = common.NewChoice(outs...)
	var recs []common.Option
	for i, r := range model.ReceptionTypes {
		recs = append(recs, common.Option{Key: strconv.Itoa(i + 1), Label: r.Label().In(l), Value: string(r)})
	}
	f.reception = common.NewChoice(recs...)
	f.reception.Select(string(model.ReceptionRegular))
	kinds := []common.Option{{Key: "-", Label: w.KindLater, Value: ""}}
	for i, k := range model.PetitionKinds {
		kinds = append(kinds, common.Option{Key: kindKeys[i], Label: k.Label().In(l), Value: string(k)})
	}
	f.kind = common.NewChoice(kinds...)
	f.kind.Select("")
	m.sizeFields(f)
	return f
}

// kindKeys are the keys of model.PetitionKinds: Khiếu nại, Tố cáo, kiến
// Nghị, Phản ánh, nHiều nội dung, nặc Danh.
var kindKeys = []string{"K", "T", "N", "P", "H", "D"}

func (m *Model) newPersonForm() *personForm {
	w := &m.ctx.Words.Reception
	p := &personForm{
		name:     m.newField("", 28),
		birth:    m.newField("", 5),
		idnum:    m.newField("", 16),
		phone:    m.newField("", 15),
		address:  m.newField("", 56),
		employer: m.newField("", 56),
	}
	p.name.CharLimit = 100
	p.birth.CharLimit = 4
	p.idnum.CharLimit = 20
	p.phone.CharLimit = 20
	p.address.CharLimit = 300
	p.employer.CharLimit = 200
	p.idkind = common.NewChoice(
		common.Option{Key: "C", Label: w.IDCCCD, Value: string(model.IDCCCD)},
		common.Option{Key: "M", Label: w.IDCMND, Value: string(model.IDCMND)},
		common.Option{Key: "H", Label: w.IDPassport, Value: string(model.IDPassport)},
		common.Option{Key: "G", Label: w.IDCert, Value: string(model.IDCert)},
	)
	p.sex = common.NewChoice(
		common.Option{Key: "1", Label: model.SexMale.Label().In(m.ctx.Lang), Value: string(model.SexMale)},
		common.Option{Key: "2", Label: model.SexFemale.Label().In(m.ctx.Lang), Value: string(model.SexFemale)},
	)
	m.sizePerson(p)
	return p
}

// sizeFields fits the long fields to the screen width.
func (m *Model) sizeFields(f *form) {
	wide := max(m.width-labelWidth-4, 30)
	f.search.Width = min(wide, 70)
	f.content.Width = wide
	f.docs.Width = max(min(wide-20, 50), 20)
	f.groupEmployer.Width = max(min(wide-20, 50), 20)
	for _, v := range f.visitors {
		if v.draft != nil {
			m.sizePerson(v.draft)
		}
	}
}

func (m *Model) sizePerson(p *personForm) {
	wide := max(m.width-labelWidth-4, 30)
	p.address.Width = min(wide, 70)
	p.employer.Width = min(wide, 70)
}

// order lists the inputs in focus order, as the form stands now.
func (f *form) order() []focus {
	out := []focus{{fSearch, 0}}
	for i, v := range f.visitors {
		if v.card != nil {
			out = append(out, focus{fPerson, i})
			continue
		}
		for _, x := range []fid{fName, fBirth, fIDNum, fIDKind, fPhone, fSex, fMember, fAddress, fEmployer} {
			out = append(out, focus{x, i})
		}
	}
	out = append(out, focus{fGroup, 0})
	if f.group {
		out = append(out, focus{fHeadCount, 0}, focus{fGroupEmployer, 0})
	}
	out = append(out, focus{fContent, 0}, focus{fDocs, 0}, focus{fDocCount, 0}, focus{fOutcome, 0}, focus{fReception, 0})
	if f.byHead() {
		out = append(out, focus{fDelegated, 0})
	}
	out = append(out, focus{fPetition, 0})
	if f.petition {
		out = append(out, focus{fKind, 0}, focus{fLetterDate, 0}, focus{fConfidential, 0})
	}
	return out
}

// text returns the text field of an input, or nil.
func (f *form) text(at focus) *textfield.Model {
	var d *personForm
	if at.personal() && at.p < len(f.visitors) {
		d = f.visitors[at.p].draft
	}
	switch at.f {
	case fSearch:
		return &f.search
	case fHeadCount:
		return &f.headCount
	case fGroupEmployer:
		return &f.groupEmployer
	case fContent:
		return &f.content
	case fDocs:
		return &f.docs
	case fDocCount:
		return &f.docCount
	case fLetterDate:
		return &f.letterDate
	}
	if d == nil {
		return nil
	}
	switch at.f {
	case fName:
		return &d.name
	case fBirth:
		return &d.birth
	case fIDNum:
		return &d.idnum
	case fPhone:
		return &d.phone
	case fAddress:
		return &d.address
	case fEmployer:
		return &d.employer
	}
	return nil
}

// choice returns the choice of an input, or nil.
func (f *form) choice(at focus) *common.Choice {
	switch at.f {
	case fOutcome:
		return &f.outcome
	case fReception:
		return &f.reception
	case fKind:
		return &f.kind
	}
	if at.personal() && at.p < len(f.visitors) && f.visitors[at.p].draft != nil {
		d := f.visitors[at.p].draft
		switch at.f {
		case fIDKind:
			return &d.idkind
		case fSex:
			return &d.sex
		}
	}
	return nil
}

// toggle returns the switch of an input, or nil.
func (f *form) toggle(at focus) *bool {
	switch at.f {
	case fGroup:
		return &f.group
	case fPetition:
		return &f.petition
	case fConfidential:
		return &f.confidential
	case fDelegated:
		return &f.delegated
	case fMember:
		if at.p < len(f.visitors) && f.visitors[at.p].draft != nil {
			return &f.visitors[at.p].draft.member
		}
	}
	return nil
}

// texts lists every text field (for the typing mode and Dirty).
func (f *form) texts() []*textfield.Model {
	out := []*textfield.Model{&f.search, &f.headCount, &f.groupEmployer, &f.content, &f.docs, &f.docCount, &f.letterDate}
	for _, v := range f.visitors {
		if d := v.draft; d != nil {
			out = append(out, &d.name, &d.birth, &d.idnum, &d.phone, &d.address, &d.employer)
		}
	}
	return out
}

func (f *form) dirty() bool {
	if len(f.visitors) > 0 || f.group || f.petition || f.outcome.Selected >= 0 {
		return true
	}
	for _, t := range f.texts() {
		if strings.TrimSpace(t.Value()) != "" {
			return true
		}
	}
	return false
}

// firstDraft returns the index of the first new person, or -1.
func (f *form) firstDraft() int {
	for i, v := range f.visitors {
		if v.draft != nil {
			return i
		}
	}
	return -1
}

// check validates one input with the model's rules. It returns the
// error that stops a save, or a warning or a note that does not.
func (m *Model) check(at focus) (n note, ok bool) {
	f := m.form
	w := &m.ctx.Words.Reception
	l := m.ctx.Lang
	today := m.ctx.Today()
	errN := func(msg *model.Msg) (note, bool) { return note{Level: noteErr, Text: msg.In(l)}, true }
	warnN := func(msg *model.Msg) (note, bool) { return note{Level: noteWarn, Text: msg.In(l)}, true }
	var d *personForm
	if at.personal() && at.p < len(f.visitors) {
		d = f.visitors[at.p].draft
	}
	switch at.f {
	case fSearch:
		if len(f.visitors) == 0 && !f.group {
			return note{Level: noteErr, Text: w.ErrNoVisitor}, true
		}
	case fName:
		if _, msg := model.ValidateName(d.name.Value()); msg != nil {
			return errN(msg)
		}
	case fBirth:
		if strings.TrimSpace(d.birth.Value()) != "" {
			if _, msg := model.ParseYear(d.birth.Value(), today); msg != nil {
				return errN(msg)
			}
		}
	case fIDNum:
		s := d.idnum.Value()
		if model.CleanDigits(s) == "" {
			return note{}, false
		}
		kind := model.IDKind(d.idkind.Value())
		if kind == model.IDNone {
			kind = model.GuessIDKind(s)
		}
		if kind == model.IDNone {
			if _, err := strconv.ParseUint(model.CleanDigits(s), 10, 64); err != nil {
				return note{Level: noteErr, Text: w.ErrKindOther}, true
			}
			kind = model.IDCCCD // digits of the wrong length: say what a CCCD needs
		}
		year, _ := model.ParseYear(d.birth.Value(), today)
		norm, warn, msg := model.ValidateIDNumber(kind, s, year)
		if msg != nil {
			return errN(msg)
		}
		if warn != nil {
			return warnN(warn)
		}
		if ids := m.ctx.Store.PersonsByNumber(norm); len(ids) > 0 {
			if p, err := m.ctx.Store.Person(ids[0]); err == nil {
				return note{Level: noteWarn, Text: sprintf(w.WarnDuplicate, p.Name)}, true
			}
		}
	case fPhone:
		if strings.TrimSpace(d.phone.Value()) != "" {
			_, warn, msg := model.NormalizePhone(d.phone.Value())
			if msg != nil {
				return errN(msg)
			}
			if warn != nil {
				return warnN(warn)
			}
		}
	case fHeadCount:
		n, err := strconv.Atoi(strings.TrimSpace(f.headCount.Value()))
		if err != nil || n < 2 {
			return note{Level: noteErr, Text: w.ErrHeadCount}, true
		}
		reps := len(f.visitors)
		most := 5
		if n <= 10 {
			most = 2
		}
		switch {
		case n < 5:
			return note{Level: noteWarn, Text: w.WarnGroupSmall}, true
		case reps == 0:
			return note{Level: noteWarn, Text: w.WarnNoReps}, true
		case reps > most:
			return note{Level: noteWarn, Text: sprintf(w.WarnReps, n, most)}, true
		}
	case fContent:
		if model.NFC(f.content.Value()) == "" {
			return note{Level: noteErr, Text: w.ErrContent}, true
		}
	case fDocCount:
		s := strings.TrimSpace(f.docCount.Value())
		if s == "" {
			return note{}, false
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 999 {
			return note{Level: noteErr, Text: w.ErrCount}, true
		}
		if model.NFC(f.docs.Value()) == "" {
			return note{Level: noteErr, Text: w.ErrDocsName}, true
		}
	case fOutcome:
		if f.outcome.Selected < 0 {
			return note{Level: noteErr, Text: w.ErrOutcome}, true
		}
	case fLetterDate:
		if strings.TrimSpace(f.letterDate.Value()) == "" {
			return note{}, false
		}
		dt, msg := model.ParseDateInput(f.letterDate.Value())
		if msg != nil {
			return errN(msg)
		}
		if msg := model.ValidateLetterDate(dt, today); msg != nil {
			return errN(msg)
		}
	case fConfidential:
		if f.confAuto && f.confidential {
			return note{Level: noteInfo, Text: w.ConfAuto}, true
		}
	}
	return note{}, false
}

// leave runs when the cursor leaves an input: it checks the input and
// fills in what can be derived (the document kind from the number's shape,
// the birth year and sex from a CCCD number).
func (m *Model) leave(at focus) {
	f := m.form
	delete(f.notes, at)
	if at.f == fSearch {
		return // a missing visitor is said only on saving
	}
	if at.f == fIDNum && at.p < len(f.visitors) && f.visitors[at.p].draft != nil {
		m.deriveFromID(at.p)
	}
	if n, ok := m.check(at); ok {
		if at.f == fName || at.f == fContent || at.f == fOutcome {
			// Required inputs left empty on the way through are said on saving.
			if n.Level == noteErr && m.emptyRequired(at) {
				return
			}
		}
		f.notes[at] = n
	}
}

func (m *Model) emptyRequired(at focus) bool {
	f := m.form
	switch at.f {
	case fOutcome:
		return f.outcome.Selected < 0
	case fContent:
		return model.NFC(f.content.Value()) == ""
	case fName:
		return model.NFC(f.visitors[at.p].draft.name.Value()) == ""
	}
	return false
}

// deriveFromID fills the document kind from the number's shape and, for a
// CCCD number, the birth year and the sex when they are empty.
func (m *Model) deriveFromID(p int) {
	d := m.form.visitors[p].draft
	s := d.idnum.Value()
	if model.CleanDigits(s) == "" {
		return
	}
	if d.idkind.Selected < 0 {
		if k := model.GuessIDKind(s); k != model.IDNone {
			d.idkind.Select(string(k))
		}
	}
	if model.IDKind(d.idkind.Value()) != model.IDCCCD {
		return
	}
	year := model.CCCDBirthYear(s)
	if year == 0 || year > m.ctx.Today().Y {
		return
	}
	w := &m.ctx.Words.Reception
	var filled []string
	if strings.TrimSpace(d.birth.Value()) == "" {
		d.birth.SetValue(strconv.Itoa(year))
		filled = append(filled, sprintf(w.FromCCCDYear, year))
	}
	if d.sex.Selected < 0 {
		d.sex.Select(model.CCCDSex(s))
		filled = append(filled, sprintf(w.FromCCCDSex, strings.ToLower(model.Sex(model.CCCDSex(s)).Label().In(m.ctx.Lang))))
	}
	if len(filled) > 0 {
		m.form.notes[focus{fIDNum, p}] = note{Level: noteInfo, Text: sprintf(w.FromCCCD, strings.Join(filled, ", "))}
	}
}

// prefill puts what was typed in the search into a new person: a number
// goes to the ID number or the phone, words to the name.
func prefill(d *personForm, q string) {
	q = model.NFC(q)
	if q == "" {
		return
	}
	digits := model.CleanDigits(strings.TrimPrefix(q, "+"))
	if _, err := strconv.Atoi(digits); err == nil && len(digits) >= 6 {
		if _, _, msg := model.NormalizePhone(q); msg == nil && model.GuessIDKind(q) == model.IDNone {
			d.phone.SetValue(q)
		} else {
			d.idnum.SetValue(digits)
		}
		return
	}
	d.name.SetValue(titleWords(q))
}

// titleWords capitalises the first letter of each word: a name typed in
// lower case to search becomes a name.
func titleWords(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}

// byHead reports whether the reception chosen is one the head of the body
// holds or delegates (scheduled or ad-hoc), so the form asks which.
func (f *form) byHead() bool {
	r := model.ReceptionType(f.reception.Value())
	return r == model.ReceptionScheduled || r == model.ReceptionAdhoc
}
