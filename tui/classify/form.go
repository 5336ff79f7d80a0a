package classify

import (
	"sort"
	"strconv"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/textfield"
)

// fid names an input of the classification form, in focus order.
type fid int

const (
	fKind fid = iota
	fRegime
	fField
	fConditions
	fCompetent
	fRound
	fComplex
	fRemote
	fDup
	fDecision
	fForwardTo
	fChild
	fReason
)

// toChild is the value of the decision that transfers a petition to a
// child site: a forward decision, offered when this site has children.
const toChild = "child"

func (f fid) text() bool { return f == fForwardTo || f == fReason }

func (f fid) toggle() bool {
	return f == fConditions || f == fCompetent || f == fComplex || f == fRemote
}

// note is what the form says beside an input.
type note = common.Note

const (
	noteErr  = common.NoteErr
	noteWarn = common.NoteWarn
	noteInfo = common.NoteInfo
)

// candidate is an earlier petition the one being classified may
// duplicate: from the same sender, or about the same matter.
type candidate struct {
	p    model.Petition
	same bool    // a sender in common
	sim  float64 // model.Similarity of the summaries
	cs   *model.Case
}

// similarEnough is the least likeness for a letter of another sender to
// be offered as a duplicate.
const similarEnough = 0.5

// maxCandidates is how many duplicates are offered.
const maxCandidates = 5

// candidates finds the petitions p may duplicate: every petition of its
// senders, and petitions of the last year about the same matter.
func candidates(s *store.Store, p model.Petition) ([]candidate, error) {
	seen := map[string]bool{p.ID: true}
	var out []candidate
	var bad error
	for _, sid := range p.Senders {
		qs, err := s.PetitionsOf(sid)
		if err != nil && bad == nil {
			bad = err
		}
		for _, q := range qs {
			if seen[q.ID] {
				continue
			}
			seen[q.ID] = true
			out = append(out, candidate{p: q, same: true, sim: model.Similarity(p.Summary, q.Summary)})
		}
	}
	from := p.Received.AddDays(-365)
	if p.Received.IsZero() {
		from = model.Date{}
	}
	recent, err := s.PetitionsIn(from, model.Date{})
	if err != nil && bad == nil {
		bad = err
	}
	for _, q := range recent {
		if seen[q.ID] {
			continue
		}
		if sim := model.Similarity(p.Summary, q.Summary); sim >= similarEnough {
			out = append(out, candidate{p: q, sim: sim})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].same != out[j].same {
			return out[i].same
		}
		return out[i].sim > out[j].sim
	})
	if len(out) > maxCandidates {
		out = out[:maxCandidates]
	}
	for i := range out {
		if id := out[i].p.Case; id != "" {
			if c, err := s.Case(id); err == nil {
				out[i].cs = &c
			}
		}
	}
	return out, bad
}

// form is the classification of one petition, as far as it has got.
type form struct {
	p                                      model.Petition
	kind, regime, field, round, decision   common.Choice
	dup                                    common.Choice
	child                                  common.Choice // the child site a petition goes to
	conditions, competent, complex, remote bool
	forwardTo, reason                      textfield.Model
	regimeAuto                             bool   // the regime is the proposed one
	compAuto                               bool   // competence was cleared by the decision
	reasonAuto                             string // the reason last filled in for the person
	cands                                  []candidate
	candsLoaded                            bool
	at                                     fid
	notes                                  map[fid]note
	touched                                bool
	offset                                 int
	busy                                   bool // the classification is being written
}

// kindKeys are the keys of model.PetitionKinds: Khiếu nại, Tố cáo, kiến
// Nghị, Phản ánh, nHiều nội dung, nặc Danh.
var kindKeys = []string{"K", "T", "N", "P", "H", "D"}

// fieldKeys are the keys of model.Fields: tiền Lương, Bhxh, Sa thải,
// Hợp đồng, Giờ làm, An toàn, Phí công đoàn, Tổ chức công đoàn, Chế độ
// chính sách, Đất đai, Khác.
var fieldKeys = []string{"L", "B", "S", "H", "G", "A", "P", "T", "C", "D", "K"}

func (m *Model) newField(ph string, width int) textfield.Model {
	f := m.ctx.NewField(ph, width)
	f.Styles = textfield.DefaultStyles(m.ctx.Styles.R)
	return f
}

// newForm starts classifying p, with what is known of it preselected.
func (m *Model) newForm(p model.Petition) *form {
	l := m.ctx.Lang
	w := &m.ctx.Words.Classify
	f := &form{p: p, notes: map[fid]note{}, regimeAuto: true, conditions: true, competent: true}
	var opts []common.Option
	for i, k := range model.PetitionKinds {
		opts = append(opts, common.Option{Key: kindKeys[i], Label: k.Label().In(l), Value: string(k)})
	}
	f.kind = common.NewChoice(opts...)
	opts = nil
	for i, r := range model.Regimes {
		opts = append(opts, common.Option{Key: strconv.Itoa(i + 1), Label: r.Label().In(l), Value: string(r)})
	}
	f.regime = common.NewChoice(opts...)
	opts = nil
	for i, x := range model.Fields {
		opts = append(opts, common.Option{Key: fieldKeys[i], Label: x.Label().In(l), Value: string(x)})
	}
	f.field = common.NewChoice(opts...)
	f.round = common.NewChoice(
		common.Option{Key: "1", Label: w.RoundFirst, Value: "1"},
		common.Option{Key: "2", Label: w.RoundSecond, Value: "2"},
	)
	f.round.Select("1")
	opts = nil
	for i, d := range model.Decisions {
		opts = append(opts, common.Option{Key: strconv.Itoa(i + 1), Label: d.Label().In(l), Value: string(d)})
	}
	if len(m.children) > 0 {
		opts = append(opts, common.Option{Key: strconv.Itoa(len(model.Decisions) + 1), Label: w.ToChild, Value: toChild})
	}
	f.decision = common.NewChoice(opts...)
	opts = nil
	for i, c := range m.children {
		opts = append(opts, common.Option{Key: choiceKey(i), Label: c.Code, Value: c.Code})
	}
	f.child = common.NewChoice(opts...)
	if len(m.children) == 1 {
		f.child.Selected = 0
	}
	f.dup = common.NewChoice(common.Option{Key: "0", Label: w.DupNone, Value: ""})
	f.dup.Select("")
	f.forwardTo = m.newField(w.ForwardHint, 50)
	f.forwardTo.CharLimit = 200
	f.reason = m.newField("", 60)
	f.reason.CharLimit = 1000
	m.sizeForm(f)

	// A letter with no sender's name is not preselected as anonymous
	// denunciation information: an unsigned complaint is "đơn khác", not
	// processable; the person decides which it is.
	if p.Kind != "" {
		f.kind.Select(string(p.Kind))
	}
	if p.Field != "" {
		f.field.Select(string(p.Field))
	}
	if p.Unsigned || p.Anonymous {
		f.conditions = false
	}
	if p.Round == 2 {
		f.round.Select("2")
	}
	f.complex, f.remote = p.Complex, p.Remote
	m.proposeRegime(f)
	f.at = fKind
	if f.kind.Selected >= 0 {
		f.at = fField
		if f.field.Selected >= 0 {
			f.at = fConditions
		}
	}
	m.focusOn(f, f.at)
	return f
}

// choiceKey is the key of the i-th option of a long list: 1 to 9, then
// A to Z; none after that (←→ still reach it).
func choiceKey(i int) string {
	switch {
	case i < 9:
		return strconv.Itoa(i + 1)
	case i < 9+26:
		return string(rune('A' + i - 9))
	}
	return "·"
}

// decisionOf is the model's decision: a transfer to a child is a forward.
func (f *form) decisionOf() model.Decision {
	if f.toChild() {
		return model.DecisionForward
	}
	return model.Decision(f.decision.Value())
}

// toChild reports that the petition goes to a child site.
func (f *form) toChild() bool { return f.decision.Value() == toChild }

// childOf returns the child site chosen, if any.
func (m *Model) childOf(f *form) (store.Peer, bool) {
	code := f.child.Value()
	for _, c := range m.children {
		if c.Code == code && code != "" {
			return c, true
		}
	}
	return store.Peer{}, false
}

func (m *Model) sizeForm(f *form) {
	wide := max(m.width-labelWidth-4, 30)
	f.reason.Width = min(wide, 90)
	f.forwardTo.Width = min(wide, 60)
}

// setCandidates offers the duplicates found.
func (m *Model) setCandidates(f *form, cands []candidate) {
	w := &m.ctx.Words.Classify
	f.cands, f.candsLoaded = cands, true
	sel := f.dup.Value()
	opts := []common.Option{{Key: "0", Label: w.DupNone, Value: ""}}
	for i, c := range cands {
		opts = append(opts, common.Option{Key: strconv.Itoa(i + 1), Label: c.p.No, Value: c.p.ID})
	}
	f.dup = common.NewChoice(opts...)
	f.dup.Select(sel)
}

// proposeRegime puts the regime model.DefaultRegime proposes, unless the
// person chose one.
func (m *Model) proposeRegime(f *form) {
	if !f.regimeAuto {
		return
	}
	r, _ := model.DefaultRegime(model.PetitionKind(f.kind.Value()), model.Field(f.field.Value()))
	f.regime.Select(string(r))
}

// order lists the inputs as the form stands.
func (f *form) order() []fid {
	out := []fid{fKind, fRegime, fField, fConditions, fCompetent}
	if model.PetitionKind(f.kind.Value()) == model.KindComplaint {
		out = append(out, fRound)
	}
	out = append(out, fComplex, fRemote, fDup, fDecision)
	switch {
	case f.toChild():
		out = append(out, fChild)
	case f.decisionOf() == model.DecisionForward:
		out = append(out, fForwardTo)
	}
	return append(out, fReason)
}

func (f *form) choice(at fid) *common.Choice {
	switch at {
	case fKind:
		return &f.kind
	case fRegime:
		return &f.regime
	case fField:
		return &f.field
	case fRound:
		return &f.round
	case fDup:
		return &f.dup
	case fDecision:
		return &f.decision
	case fChild:
		return &f.child
	}
	return nil
}

func (f *form) toggle(at fid) *bool {
	switch at {
	case fConditions:
		return &f.conditions
	case fCompetent:
		return &f.competent
	case fComplex:
		return &f.complex
	case fRemote:
		return &f.remote
	}
	return nil
}

func (f *form) textOf(at fid) *textfield.Model {
	switch at {
	case fForwardTo:
		return &f.forwardTo
	case fReason:
		return &f.reason
	}
	return nil
}

func (m *Model) focusOn(f *form, at fid) {
	if t := f.textOf(f.at); t != nil {
		t.Blur()
	}
	f.at = at
	if t := f.textOf(at); t != nil {
		t.Focus()
		t.CursorEnd()
	}
}

// dupOf returns the candidate chosen as the duplicate, or nil.
func (f *form) dupOf() *candidate {
	id := f.dup.Value()
	for i := range f.cands {
		if f.cands[i].p.ID == id && id != "" {
			return &f.cands[i]
		}
	}
	return nil
}

// advice says what the law makes of this petition as classified so far,
// and the decision it points to ("" = none in particular).
func (m *Model) advice(f *form) (lines []string, suggest model.Decision, reason string) {
	w := &m.ctx.Words.Classify
	kind := model.PetitionKind(f.kind.Value())
	switch kind {
	case model.KindMixed:
		lines = append(lines, w.AdviceMixed)
		suggest, reason = model.DecisionGuide, w.ReasonSplit
	case model.KindAnonymous:
		lines = append(lines, w.AdviceAnonymous)
		suggest, reason = model.DecisionFile, w.ReasonAnonymous
	}
	if (f.p.Unsigned || f.p.Anonymous) && kind != model.KindAnonymous {
		lines = append(lines, w.AdviceUnsigned)
		if suggest == "" {
			suggest, reason = model.DecisionFile, w.ReasonFile
		}
	}
	if d := f.dupOf(); d != nil {
		switch {
		case d.p.Classified && d.p.Decision == model.DecisionGuide:
			lines = append(lines, w.AdviceDupGuided)
			suggest, reason = model.DecisionFile, w.ReasonDupGuided
		case d.p.Classified && d.p.Decision == model.DecisionForward:
			lines = append(lines, sprintf(w.AdviceDupFwd, d.p.ForwardTo))
			suggest, reason = model.DecisionFile, w.ReasonFile
		case d.cs != nil && d.cs.Open():
			lines = append(lines, sprintf(w.AdviceDupOpen, d.cs.No))
			suggest, reason = model.DecisionFile, sprintf(w.ReasonDupOpen, d.p.No)
		case d.cs != nil:
			lines = append(lines, sprintf(w.AdviceDupClosed, d.cs.No))
		case !d.p.Classified:
			lines = append(lines, sprintf(w.AdviceDup, d.p.No))
		}
	}
	return lines, suggest, reason
}

// autoReason is the reason filled in for a decision, for the person to
// keep or change.
func (m *Model) autoReason(f *form) string {
	w := &m.ctx.Words.Classify
	_, suggest, reason := m.advice(f)
	d := f.decisionOf()
	if f.toChild() {
		return w.ReasonChild
	}
	if d == suggest && reason != "" {
		return reason
	}
	switch d {
	case model.DecisionGuide:
		if model.PetitionKind(f.kind.Value()) == model.KindMixed {
			return w.ReasonSplit
		}
		return w.ReasonGuide
	case model.DecisionForward:
		return w.ReasonForward
	case model.DecisionReturn:
		return w.ReasonReturn
	case model.DecisionFile:
		return w.ReasonFile
	}
	return ""
}

// changed runs after a choice or a switch changed: the proposed regime,
// what a duplicate implies, competence and the reason follow.
func (m *Model) changed(f *form, at fid) {
	f.touched = true
	delete(f.notes, at)
	switch at {
	case fKind, fField:
		m.proposeRegime(f)
		delete(f.notes, fRegime)
	case fRegime:
		f.regimeAuto = false
	case fDup:
		if d := f.dupOf(); d != nil {
			if d.p.Classified && d.p.Decision == model.DecisionGuide {
				f.conditions = false
			}
			if d.cs != nil && !d.cs.Open() && model.PetitionKind(f.kind.Value()) == model.KindComplaint {
				f.round.Select("2")
			}
		}
	case fDecision:
		d := f.decisionOf()
		switch {
		case d == model.DecisionForward || d == model.DecisionReturn ||
			(d == model.DecisionGuide && model.PetitionKind(f.kind.Value()) != model.KindMixed):
			if f.competent {
				f.competent, f.compAuto = false, true
			}
		case f.compAuto:
			f.competent, f.compAuto = true, false
		}
	case fCompetent:
		f.compAuto = false
	}
	// A reason still as it was filled in follows every change (the
	// decision, the conditions, competence, a duplicate), so it never
	// contradicts what is ticked beside it; one the person typed stays.
	if strings.TrimSpace(f.reason.Value()) == "" || f.reason.Value() == f.reasonAuto {
		if r := m.autoReason(f); r != f.reason.Value() {
			f.reason.SetValue(r)
			f.reasonAuto = r
			delete(f.notes, fReason)
		}
	}
	if f.compAuto {
		f.notes[fCompetent] = note{Level: noteInfo, Text: m.ctx.Words.Classify.CompAuto}
	} else if n, ok := f.notes[fCompetent]; ok && n.Level == noteInfo {
		delete(f.notes, fCompetent)
	}
}

// check validates one input; the model's own check of the decision runs
// on saving.
func (m *Model) check(f *form, at fid) (note, bool) {
	w := &m.ctx.Words.Classify
	switch at {
	case fKind:
		if f.kind.Selected < 0 {
			return note{Level: noteErr, Text: w.ErrKind}, true
		}
	case fRegime:
		if f.regime.Selected < 0 {
			return note{Level: noteErr, Text: w.ErrRegime}, true
		}
	case fField:
		if f.field.Selected < 0 {
			return note{Level: noteErr, Text: w.ErrField}, true
		}
	case fDecision:
		if f.decision.Selected < 0 {
			return note{Level: noteErr, Text: w.ErrDecision}, true
		}
		c := m.classification(f)
		p := f.p
		if msg := model.CheckClassify(&p, &c); msg != nil && msg.Field == "decision" {
			return note{Level: noteErr, Text: msg.In(m.ctx.Lang)}, true
		}
	case fForwardTo:
		if model.NFC(f.forwardTo.Value()) == "" {
			return note{Level: noteErr, Text: w.ErrForwardTo}, true
		}
	case fChild:
		if _, ok := m.childOf(f); !ok {
			return note{Level: noteErr, Text: w.ErrChild}, true
		}
	case fReason:
		d := f.decisionOf()
		if d != "" && d != model.DecisionAccept && model.NFC(f.reason.Value()) == "" {
			return note{Level: noteErr, Text: w.ErrReason}, true
		}
	}
	return note{}, false
}

// classification builds what the store records.
func (m *Model) classification(f *form) model.Classification {
	c := model.Classification{
		On:          m.ctx.Today(),
		Kind:        model.PetitionKind(f.kind.Value()),
		Regime:      model.Regime(f.regime.Value()),
		Field:       model.Field(f.field.Value()),
		Conditions:  f.conditions,
		Competent:   f.competent,
		DuplicateOf: f.dup.Value(),
		Decision:    f.decisionOf(),
		Reason:      model.NFC(f.reason.Value()),
		Complex:     f.complex,
		Remote:      f.remote,
	}
	if c.Kind == model.KindComplaint {
		c.Round, _ = strconv.Atoi(f.round.Value())
	}
	switch {
	case f.toChild():
		// The store names the child again when it records the transfer.
		if ch, ok := m.childOf(f); ok {
			c.ForwardTo = store.ChildLabel(ch.Code, ch.Name)
		}
	case c.Decision == model.DecisionForward:
		c.ForwardTo = model.NFC(f.forwardTo.Value())
	}
	return c
}
