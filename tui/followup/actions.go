package followup

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"donthu/model"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// entitled reports whether the signed-in user may act on cases (handlers
// and leaders; a receptionist only adds notes and reminders).
func (m *Model) entitled() bool {
	u := &m.ctx.User
	return u.Has(model.RoleHandler) || u.Has(model.RoleLeader)
}

// event is the event an action records on the case as it is now.
func (m *Model) event(id actionID) model.EventType {
	if id == aSuspend && m.c.Status == model.StatusSuspended {
		return model.EvCaseResumed
	}
	return actions[id].ev
}

// childCase reports that the open case belongs to a child site (this is
// its office's copy).
func (m *Model) childCase() bool {
	return m.c.Site != "" && m.c.Site != m.ctx.Store.Site()
}

// shown reports whether an action belongs in the bar and the help for the
// open case: guidance only on a child's case, where the actions that move
// a case are the child's (pressing their keys still says why).
func (m *Model) shown(id actionID) bool {
	if id == aGuide {
		return m.childCase()
	}
	return !m.childCase() || id == aExplain || id == aDue
}

// disabled says why an action cannot be taken now, or "" when it can:
// the role first, then what the model says of the case as it stands.
func (m *Model) disabled(id actionID) string {
	w, c := m.w, &m.c
	a := actions[id]
	if id == aDue {
		return ""
	}
	if c.ID == "" {
		return w.NoCaseOpen
	}
	// A child site's case (seen at its office) is the child's to resolve;
	// the office directs it by guidance. (Whatever the office writes on a
	// child's record is addressed to the child by the store, so the two
	// copies never part; this is the desk's rule, not the data's.)
	if m.childCase() {
		switch id {
		case aExplain:
			return ""
		case aGuide:
			if !m.entitled() {
				return w.NeedRole
			}
			return ""
		}
		return fmt.Sprintf(w.ChildCase, c.Site)
	}
	switch id {
	case aGuide:
		return w.GuideOwnCase
	case aExplain, aNote, aRemind:
		return ""
	case aCorrect:
		if !m.entitled() {
			return w.NeedRole
		}
		return ""
	case aReveal:
		return common.RevealWhy(m.ctx, model.SecretOfCase(c), true, m.ctx.Store.Revealed(m.ctx.User.Login, c.ID))
	}
	if a.needsRole && !m.entitled() {
		return w.NeedRole
	}
	// Ask the model with an action whose inputs are filled in, so that only
	// what the state of the case forbids comes back.
	probe := model.CaseAction{On: m.ctx.Today(), Result: model.ResultRight, To: "-", Reason: "-", Handler: m.ctx.User.Login,
		Execution: model.Execution{Done: true}}
	if probe.On.Before(c.Received) {
		probe.On = c.Received
	}
	if msg := model.CheckCaseAction(c, m.event(id), &probe); msg != nil {
		return msg.In(m.ctx.Lang)
	}
	return ""
}

// do takes an action: the explanation and the due view at once, the
// others through their form.
func (m *Model) do(id actionID) tea.Cmd {
	if why := m.disabled(id); why != "" {
		m.why = m.label(id) + ": " + why
		return common.Error(m.why)
	}
	switch id {
	case aDue:
		m.mode = modeDue
		return m.loadDue()
	case aExplain:
		m.openExplain()
		return nil
	case aCorrect:
		return m.correctPetition()
	case aReveal:
		return m.askReveal()
	}
	m.openForm(id)
	return nil
}

func (m *Model) draftKey(id actionID) string { return m.caseID + "/" + strconv.Itoa(int(id)) }

// openForm opens an action's form, with what was typed last time.
func (m *Model) openForm(id actionID) {
	f := m.buildForm(id)
	f.initial = f.snapshot()
	if d, ok := m.drafts[m.draftKey(id)]; ok {
		f.restore(d)
	}
	f.setFocus(0)
	m.form = f
}

// closeForm leaves the form, keeping what was typed as a draft.
func (m *Model) closeForm() {
	if m.form == nil {
		return
	}
	if m.form.changed() {
		m.drafts[m.draftKey(m.form.act)] = m.form.snapshot()
	} else {
		delete(m.drafts, m.draftKey(m.form.act))
	}
	m.form = nil
}

func (m *Model) buildForm(id actionID) *form {
	w, c, lang := m.w, &m.c, m.ctx.Lang
	today := m.ctx.Today().String()
	f := &form{act: id, title: m.label(id) + " · " + c.No}
	date := func(label string) formField { return m.newField("on", label, fkDate, today, 11) }
	text := func(name, label string, required bool) formField {
		x := m.newField(name, label, fkText, "", 40)
		x.required = required
		return x
	}
	// An amount (đồng, m²) or a head count, dots allowed.
	num := func(name, label string, width int) formField {
		x := m.newField(name, label, fkNumber, "", width)
		x.input.CharLimit = 15
		return x
	}
	switch id {
	case aAccept:
		f.fields = append(f.fields, date(w.FOnAccept), m.userField(m.defaultHandler()))
	case aReject:
		f.fields = append(f.fields, text("reason", w.FReason, true), date(w.FOn))
	case aAssign:
		f.fields = append(f.fields, m.userField(c.Handler))
	case aDocs:
		f.fields = append(f.fields, text("reason", w.FDocs, true), date(w.FOn))
	case aSuspend:
		if m.event(id) == model.EvCaseSuspended {
			f.fields = append(f.fields, text("reason", w.FReason, true), date(w.FOn))
		} else {
			f.fields = append(f.fields, date(w.FOn), text("reason", w.FReason, false))
		}
	case aExtend:
		days, _ := model.CanExtend(c.Clock(), c.Accepted)
		r, _ := model.FindRule(model.StepResolve, c.Kind, c.Regime, c.Round, c.Accepted)
		if c.Kind == model.KindComplaint && r.MaxExtensions == 0 {
			f.intro = []string{fmt.Sprintf(w.ExtendComplaint, days, r.Source)}
		} else {
			f.intro = []string{fmt.Sprintf(w.ExtendDenounce, r.ExtensionDays, r.Source, len(c.Extensions))}
			f.fields = append(f.fields, m.newField("days", w.FDays, fkNumber, strconv.Itoa(days), 4))
		}
		f.fields = append(f.fields, text("reason", w.FReason, true), date(w.FOn))
		f.preview = func() string { return m.extendPreview(f) }
	case aConclude:
		res := formField{name: "result", label: w.FResult, kind: fkChoice, pick: -1}
		for _, r := range m.results() {
			res.opts = append(res.opts, option{string(r), model.ResultLabel(c.Kind, r).In(lang)})
		}
		no := text("decision_no", w.FDecisionNo, false)
		no.hint = w.FDecisionNoHint
		no.input.Width = 24
		// What the conclusion restored, for 01/KQGQ and 03/KQGQ, and the
		// written reply counted by 02/TCD and 01/XLD.
		money := m.newField("recovered", w.FRecovered, fkNumber, "", 16)
		money.input.CharLimit = 15
		people := m.newField("restored", w.FRestored, fkNumber, "", 6)
		sh := &m.ctx.Words.Shell
		reply := formField{name: "replied", label: w.FReplied, kind: fkChoice, opts: []option{{"", sh.No}, {"1", sh.Yes}}}
		f.fields = append(f.fields, res, no, m.newField("decision_date", w.FDecisionDate, fkDate, today, 11), money, people, reply)
		// What else it decided (01/KQGQ, 03/KQGQ), to be carried out
		// (02/KQGQ, 04/KQGQ).
		// A referral to the investigators is said by the persons referred.
		f.fields = append(f.fields, num("returned_land", w.FReturnedLand, 12), num("state_money", w.FStateMoney, 16), num("state_land", w.FStateLand, 12),
			num("sanctioned", w.FSanctioned, 6), num("sanctioned_officials", w.FOfficials, 6),
			num("referred_persons", w.FReferred, 6), num("referred_officials", w.FOfficials, 6))
	case aExecute:
		sh := &m.ctx.Words.Shell
		yes := func(name, label string) formField {
			return formField{name: name, label: label, kind: fkChoice, opts: []option{{"", sh.No}, {"1", sh.Yes}}}
		}
		f.fields = append(f.fields, date(w.FOn), num("collected", w.FCollected, 16), num("collected_land", w.FCollectedLand, 12),
			num("paid", w.FPaid, 16), num("paid_land", w.FPaidLand, 12), num("sanctioned_done", w.FSanctionedDone, 6),
			yes("prosecuted", w.FProsecuted), num("prosecuted_persons", w.FProsecutedPersons, 6), yes("done", w.FDone))
	case aReopen:
		f.fields = append(f.fields, text("reason", w.FReason, true), date(w.FOn))
	case aTransfer:
		f.fields = append(f.fields, text("to", w.FTo, true), text("reason", w.FReason, false), date(w.FOn))
	case aUrge:
		to := m.newField("to", w.FUrgeTo, fkText, c.TransferredTo, 40)
		to.required = true
		how := formField{name: "how", label: w.FHow, kind: fkChoice}
		for _, h := range model.UrgeHows {
			how.opts = append(how.opts, option{string(h), h.Label().In(lang)})
		}
		f.fields = append(f.fields, to, how, text("reason", w.FUrgeWhat, false), date(w.FOn))
	case aNote:
		f.fields = append(f.fields, text("text", w.FText, true))
		f.fields[0].input.Width = 56
		f.fields[0].input.CharLimit = 1000
	case aRemind:
		on := m.newField("on", w.FRemindOn, fkDate, "", 11)
		on.required = true
		who := formField{name: "for", label: w.FFor, kind: fkChoice,
			opts: []option{{m.ctx.User.Login, w.FForMe}, {"", w.FForAll}}}
		f.fields = append(f.fields, on, text("text", w.FText, false), who)
	case aGuide:
		f.fields = append(f.fields, text("text", w.FText, true))
		f.fields[0].input.Width = 56
		f.fields[0].input.CharLimit = 2000
	}
	return f
}

// askReveal opens the reveal page (common.Reveal, the one every screen
// uses) for the open case: the reason, then store.RevealIdentity.
func (m *Model) askReveal() tea.Cmd {
	d := &m.ctx.Words.Desk
	st, me, id, no := m.ctx.Store, m.ctx.User.Login, m.caseID, m.c.No
	return common.AskReveal(m.ctx, fmt.Sprintf(d.RevealTitle, no), id, fmt.Sprintf(d.RevealDone, no),
		func(reason string) error { return st.RevealIdentity(me, id, reason) })
}

// results are the results offered to conclude a case of its kind.
//
// Each result has its own key whatever the kind of case (1 right, 2 partly,
// 3 wrong, 4 withdrawn, 5 settled or answered): a key means one thing.
func (m *Model) results() []model.Result {
	return []model.Result{model.ResultRight, model.ResultPartly, model.ResultWrong, model.ResultWithdrawn, model.ResultSettled}
}

// defaultHandler is who an acceptance assigns unless changed: the case's
// handler, else the signed-in user when they handle cases.
func (m *Model) defaultHandler() string {
	if m.c.Handler != "" {
		return m.c.Handler
	}
	if m.ctx.User.Has(model.RoleHandler) {
		return m.ctx.User.Login
	}
	return ""
}

// userField is a list of the site's users to pick the handler from.
func (m *Model) userField(current string) formField {
	f := formField{name: "handler", label: m.w.FHandler, kind: fkList}
	f.opts = []option{{"", m.w.FNobody}}
	for _, u := range m.users {
		if u.Has(model.RoleHandler) || u.Has(model.RoleLeader) || u.Login == current {
			f.opts = append(f.opts, option{u.Login, u.Name})
		}
	}
	for i, o := range f.opts {
		if o.value == current {
			f.pick = i
		}
	}
	return f
}

// extendPreview is the last day the extension being typed would give.
func (m *Model) extendPreview(f *form) string {
	c := m.c
	days, msg := model.CanExtend(c.Clock(), c.Accepted)
	if msg != nil {
		return ""
	}
	clock := c.Clock()
	if df := f.field("days"); df != nil {
		n, err := strconv.Atoi(df.value())
		if err != nil || n <= 0 || n > days {
			return ""
		}
		clock.Extensions = append(clock.Extensions, model.Extension{On: m.ctx.Today(), Days: n})
	} else {
		clock.Complex = true
	}
	d := model.ComputeDeadline(clock, m.ctx.Store.Calendar(), m.ctx.Today())
	return fmt.Sprintf(m.w.NewDue, model.WeekdayLabel(d.Due.Weekday()).In(m.ctx.Lang)+" "+d.Due.String()+" — "+d.Words(m.ctx.Lang))
}

func (m *Model) formKey(msg tea.KeyMsg) tea.Cmd {
	if m.form.busy {
		return nil // a moment: the action is being written
	}
	switch m.form.key(msg) {
	case formCancel:
		m.closeForm()
	case formSubmit:
		return m.submit(false)
	}
	return nil
}

// submit reads the form, asks the model, asks to confirm a dangerous
// action, and records it. A refusal is shown beside its field and the
// form stays as typed.
func (m *Model) submit(confirmed bool) tea.Cmd {
	f, w := m.form, m.w
	f.clearErrors()
	var a model.CaseAction
	var remind model.Reminder
	var text string
	bad := false
	for i := range f.fields {
		x := &f.fields[i]
		v := x.value()
		if v == "" && x.required {
			x.err, bad = w.Required, true
			continue
		}
		switch x.name {
		case "on", "decision_date":
			if v == "" {
				continue
			}
			d, msg := model.ParseDateInput(v)
			if msg != nil {
				x.err, bad = msg.In(m.ctx.Lang), true
				continue
			}
			if x.name == "decision_date" {
				a.DecisionDate = d
			}
			a.On, remind.On = d, d
		case "days":
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				x.err, bad = w.BadNumber, true
				continue
			}
			a.Days = n
		case "reason":
			a.Reason = v
		case "result":
			if v == "" {
				x.err, bad = w.Required, true
				continue
			}
			a.Result = model.Result(v)
		case "decision_no":
			a.DecisionNo = v
		case "recovered", "restored", "returned_land", "state_money", "state_land", "sanctioned", "sanctioned_officials",
			"referred_persons", "referred_officials", "collected", "collected_land", "paid", "paid_land", "sanctioned_done", "prosecuted_persons":
			if v == "" {
				continue
			}
			n, err := strconv.ParseInt(strings.NewReplacer(".", "", ",", "", " ", "").Replace(v), 10, 64)
			if err != nil || n < 0 {
				x.err, bad = w.BadNumber, true
				continue
			}
			setAmount(&a, x.name, n)
		case "replied":
			a.Replied = v == "1"
		case "referred":
			a.Referred = v == "1"
		case "prosecuted":
			a.Prosecuted = v == "1"
		case "done":
			a.Done = v == "1"
		case "to":
			a.To = v
		case "how":
			a.How = model.UrgeHow(v)
		case "handler":
			a.Handler = v
		case "text":
			text, remind.Text = v, v
		case "for":
			remind.For = v
		}
	}
	if bad {
		return nil
	}
	if a.ReferredPersons > 0 {
		a.Referred = true
	}
	st, me, id, act := m.ctx.Store, m.ctx.User.Login, m.caseID, f.act
	// The write runs in a command; its answer (savedMsg) closes the form
	// or shows the refusal beside its field.
	var write func() error
	switch f.act {
	case aNote:
		write = func() error { return st.AddNote(me, id, text) }
	case aRemind:
		if remind.On.Before(m.ctx.Today()) {
			f.field("on").err = w.ReminderPast
			return nil
		}
		write = func() error { return st.SetReminder(me, id, remind) }
	case aGuide:
		write = func() error { return st.SendGuidance(me, id, text) }
	default:
		ev := m.event(f.act)
		if f.act == aExtend && f.field("days") == nil {
			// A complaint has no extension: the longer limit of a complex
			// case is what the law allows (model.CanExtend).
			days, _ := model.CanExtend(m.c.Clock(), m.c.Accepted)
			a.Complex, a.Days = true, days
		}
		probe := a
		if probe.On.IsZero() {
			probe.On = m.ctx.Today()
		}
		if msg := model.CheckCaseAction(&m.c, ev, &probe); msg != nil {
			m.place(msg)
			return nil
		}
		if actions[f.act].dangerous && !confirmed {
			// Asked on the root's confirm page: only C/Y goes ahead, never
			// Enter, so Enter pressed twice in habit records nothing.
			act, cs := f.act, m.caseID
			return common.AskConfirm(m.ctx, m.confirmText(f.act, &a), m.label(f.act), func() tea.Msg { return confirmedMsg{cs, act} })
		}
		write = func() error { _, err := st.CaseAction(me, id, ev, a); return err }
	}
	f.busy = true
	return func() tea.Msg { return savedMsg{caseID: id, act: act, err: write()} }
}

// setAmount puts a form's number in its place in the action.
func setAmount(a *model.CaseAction, name string, n int64) {
	switch name {
	case "recovered":
		a.Recovered = n
	case "restored":
		a.Restored = int(n)
	case "returned_land":
		a.ReturnedLand = n
	case "state_money":
		a.StateMoney = n
	case "state_land":
		a.StateLand = n
	case "sanctioned":
		a.Sanctioned = int(n)
	case "sanctioned_officials":
		a.SanctionedOfficials = int(n)
	case "referred_persons":
		a.ReferredPersons = int(n)
	case "referred_officials":
		a.ReferredOfficials = int(n)
	case "collected":
		a.Collected = n
	case "collected_land":
		a.CollectedLand = n
	case "paid":
		a.Paid = n
	case "paid_land":
		a.PaidLand = n
	case "sanctioned_done":
		a.SanctionedDone = int(n)
	case "prosecuted_persons":
		a.ProsecutedPersons = int(n)
	}
}

// savedMsg is the store's answer to an action's write.
type savedMsg struct {
	caseID string
	act    actionID
	err    error
}

// saved takes the answer: a refusal beside its field (the form stays as
// typed), or the form closed and the case read again.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	f, w := m.form, m.w
	if f == nil || f.act != msg.act || m.caseID != msg.caseID {
		if msg.err == nil {
			return common.Changed(msg.caseID) // the person moved on meanwhile
		}
		return m.ctx.Fail(msg.err)
	}
	f.busy = false
	if err := msg.err; err != nil {
		var rm *model.Msg
		if errors.As(err, &rm) {
			m.place(rm)
		} else {
			f.err = m.ctx.Say(err)
		}
		return nil
	}
	done := fmt.Sprintf(w.Done, m.label(f.act), m.c.No)
	delete(m.drafts, m.draftKey(f.act))
	m.form = nil
	m.toEnd = true // the new event in sight
	return tea.Batch(m.reload(), common.Changed(msg.caseID), common.Status(done), m.changedDraft())
}

// place shows a refusal beside the field it is about, or under the form.
func (m *Model) place(msg *model.Msg) {
	f := m.form
	name := msg.Field
	if name == "date" {
		name = "on"
	}
	if x := f.field(name); x != nil {
		x.err = msg.In(m.ctx.Lang)
		for i := range f.fields {
			if &f.fields[i] == x {
				f.setFocus(i)
			}
		}
		return
	}
	f.err = msg.In(m.ctx.Lang)
}

func (m *Model) confirmText(id actionID, a *model.CaseAction) string {
	w, c := m.w, &m.c
	switch id {
	case aConclude:
		return fmt.Sprintf(w.ConfirmConclude, c.No, model.ResultLabel(c.Kind, a.Result).In(m.ctx.Lang))
	case aReopen:
		return fmt.Sprintf(w.ConfirmReopen, c.No)
	case aTransfer:
		return fmt.Sprintf(w.ConfirmTransfer, c.No, a.To)
	case aReject:
		return fmt.Sprintf(w.ConfirmReject, c.No)
	}
	return m.label(id) + " " + c.No + "?"
}

// confirmedMsg is the answer of the confirm page: record the action
// whose form is still open on that case.
type confirmedMsg struct {
	caseID string
	act    actionID
}
