package followup

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// caseLoadedMsg carries the case read by reload's command.
type caseLoadedMsg struct {
	id       string
	c        model.Case
	evs      []model.Event
	dl       model.Deadline
	sender   *model.Person
	prior    string
	err      error             // the case could not be read
	timeline error             // its timeline could not be read
	names    map[string]string // site/login -> name, of everyone the case names
	users    []model.User      // this site's users, to assign the case to
}

// reload reads the case, its deadline and its timeline again, in a
// command; loaded puts them on screen.
func (m *Model) reload() tea.Cmd {
	id := m.caseID
	if id == "" {
		return nil
	}
	st, today := m.ctx.Store, m.ctx.Today()
	return func() tea.Msg {
		msg := caseLoadedMsg{id: id}
		c, err := st.Case(id)
		if err != nil {
			msg.err = err
			return msg
		}
		evs, err := st.Timeline(id)
		msg.timeline = err
		msg.c, msg.evs = c, withSenderCorrections(st, c, evs)
		msg.dl = model.ComputeDeadline(c.Clock(), st.Calendar(), today)
		msg.users = st.Users()
		msg.names = namesOf(st, msg.users, c.Site, c.Handler)
		for _, e := range msg.evs {
			if k := e.Site + "/" + e.Author; msg.names[k] == "" && e.Author != "" {
				msg.names[k] = st.DisplayName(e.Site, e.Author)
			}
		}
		if len(c.Senders) > 0 {
			if p, err := st.Person(st.CanonicalPerson(c.Senders[0])); err == nil { // the record standing for a merged sender
				if p.Sealed != "" && !st.UnsealPerson(&p) {
					p = model.Person{ID: p.ID} // sealed and not readable here
				}
				msg.sender = &p
			}
		}
		if c.PriorCase != "" {
			msg.prior = c.PriorCase
			if p, err := st.Case(c.PriorCase); err == nil {
				msg.prior = p.No
			}
		}
		return msg
	}
}

// loaded shows a case read by reload (if it is still the one open).
func (m *Model) loaded(msg caseLoadedMsg) {
	if msg.id != m.caseID {
		return
	}
	m.loadErr = ""
	if msg.err != nil {
		m.loadErr = m.ctx.Say(msg.err)
		m.c, m.evs, m.timeline = model.Case{}, nil, nil
		return
	}
	if msg.timeline != nil {
		m.loadErr = m.ctx.Say(msg.timeline)
	}
	m.c, m.evs, m.dl, m.sender, m.prior = msg.c, msg.evs, msg.dl, msg.sender, msg.prior
	m.users = msg.users
	for k, v := range msg.names {
		m.names[k] = v
	}
	m.buildTimeline()
}

// timelineHeight is the number of lines the timeline gets.
func (m *Model) timelineHeight() int {
	return max(m.height-m.caseLines-1-m.barHeight(), 3)
}

// caseView draws one case: who and what, where it stands against its
// deadline, its timeline, and the actions that move it.
func (m *Model) caseView() string {
	st, w := m.ctx.Styles, m.w
	if m.loadErr != "" && m.c.ID == "" {
		return st.ErrText.Render("✗ "+m.loadErr) + "\n\n" + st.Muted.Render(w.NoCase)
	}
	head := m.header()
	m.caseLines = len(head)
	th := m.timelineHeight()
	if m.toEnd {
		m.scroll, m.toEnd = len(m.timeline), false
	}
	m.scroll = max(0, min(m.scroll, len(m.timeline)-th))
	title := fmt.Sprintf(w.Timeline, len(m.evs))
	rule := "── " + title + " " + strings.Repeat("─", max(m.width-lipgloss.Width(title)-4, 0))
	out := append(head, st.Muted.Render(rule))
	end := min(m.scroll+th, len(m.timeline))
	shown := append([]string(nil), m.timeline[m.scroll:end]...)
	if more := len(m.timeline) - end; more > 0 && len(shown) > 0 {
		shown[len(shown)-1] = st.Muted.Render(fmt.Sprintf(w.TimelineMore, more+1))
	}
	if m.scroll > 0 && len(shown) > 1 {
		shown[0] = st.Muted.Render(fmt.Sprintf(w.TimelineEarlier, m.scroll+1))
	}
	out = append(out, shown...)
	for i := len(shown); i < th; i++ {
		out = append(out, "")
	}
	out = append(out, m.bar()...)
	return strings.Join(out, "\n")
}

// header is the case's first lines: number, kind and status; the parties;
// the content; the handler and dates; the deadline in words.
func (m *Model) header() []string {
	st, w, lang, c := m.ctx.Styles, m.w, m.ctx.Lang, &m.c
	fit := func(s string) string { return common.Truncate(s, m.width) }
	kind := c.Kind.Label().In(lang)
	if c.Kind == model.KindComplaint && c.Round > 0 {
		kind += " " + fmt.Sprintf(w.Round, c.Round)
	}
	flags := []string{}
	if c.Complex {
		flags = append(flags, w.Complex)
	}
	if c.Remote {
		flags = append(flags, w.Remote)
	}
	if len(flags) > 0 {
		kind += " (" + strings.Join(flags, ", ") + ")"
	}
	status := "[" + c.Status.Label().In(lang) + "]"
	line1 := st.Title.Render(c.No) + " " + st.Bold.Render(status) + " · " + kind + " · " + c.Regime.Label().In(lang) + " · " + c.Field.Label().In(lang)
	var out []string
	out = append(out, fit(line1))

	who := w.SenderOther
	switch c.Kind {
	case model.KindComplaint:
		who = w.SenderComplaint
	case model.KindDenunciation:
		who = w.SenderDenunciation
	case model.KindRecommendation, model.KindReport:
		who = w.SenderRecommend
	}
	name, show := common.Sender(m.ctx, c)
	sender := name
	if sender == "" {
		sender = "—"
	}
	var details []string
	switch {
	case !show:
		// Masked until an entitled user reveals it on purpose (key v).
		sender = w.Masked
		if c.Confidential && model.MaySeeSender(&m.ctx.User, c) {
			details = append(details, st.Muted.Render(m.ctx.Words.Desk.RevealKeyHint))
		}
	case m.sender != nil:
		if p := m.sender; p.Phone != "" {
			details = append(details, w.Phone+" "+p.Phone)
		}
		if p := m.sender; c.Confidential && p.IDNumber != "" {
			details = append(details, w.IDNumber+" "+p.IDNumber)
		}
		if p := m.sender; c.Confidential && p.Address != "" {
			details = append(details, w.Address+" "+p.Address)
		}
	}
	line2 := st.Label.Render(who+": ") + st.Bold.Render(sender)
	revealed := c.Confidential && show && len(details) > 0
	if len(details) > 0 && !revealed {
		line2 += " · " + strings.Join(details, " · ")
	}
	if c.Employer != "" {
		line2 += " · " + w.Employer + ": " + c.Employer
	}
	out = append(out, fit(line2))
	if revealed {
		// The personal data a deliberate reveal shows, on a line of its own.
		out = append(out, fit("  "+st.Warn.Render(strings.Join(details, " · "))))
	}
	line3 := w.Summary + ": " + c.Summary
	if m.prior != "" {
		line3 = fmt.Sprintf(w.Repeat, m.prior) + " · " + line3
	}
	out = append(out, fit(line3))

	handler := m.name(c.Handler)
	if handler == "" {
		handler = w.Unassigned
	}
	parts := []string{w.Handler + ": " + handler, w.Received + " " + c.Received.String()}
	if !c.Accepted.IsZero() {
		parts = append(parts, w.Accepted+" "+c.Accepted.String())
	}
	if !c.Open() {
		end := w.Closed + " " + c.Closed.String()
		switch {
		case c.Status == model.StatusConcluded:
			end += " · " + w.Result + ": " + model.ResultLabel(c.Kind, c.Result).In(lang)
			if d := m.decision(c.DecisionNo, c.DecisionDate); d != "" {
				end += " (" + d + ")"
			}
		case c.Status == model.StatusTransferred:
			end += " · " + w.TransferredTo + " " + c.TransferredTo
		}
		parts = append(parts, end)
	}
	out = append(out, fit(strings.Join(parts, " · ")))
	out = append(out, m.deadlineLine())
	return out
}

// deadlineLine says where the case stands against its deadline, in the
// model's words, with a sign that does not depend on colour.
func (m *Model) deadlineLine() string {
	st, w, lang, d := m.ctx.Styles, m.w, m.ctx.Lang, &m.dl
	if d.Due.IsZero() {
		return st.Muted.Render(common.Truncate(w.NoDeadline, m.width))
	}
	step := strings.ToLower(d.Step.Label().In(lang))
	wd := model.WeekdayLabel(d.Due.Weekday()).In(lang)
	s := fmt.Sprintf(w.DeadlineOf, step) + ": " + wd + " " + d.Due.String() + " — " + d.Words(lang)
	style := st.OK
	switch d.State {
	case model.DeadlineOverdue, model.DeadlineMissed:
		s, style = "⚠ "+s, st.Overdue
	case model.DeadlineDueSoon:
		s, style = "! "+s, st.DueSoon
	case model.DeadlineStopped:
		s, style = "‖ "+s, st.Warn
	}
	basis := " · " + w.Basis + ": " + d.Rule.Source + " (x)"
	room := m.width - lipgloss.Width(s)
	return style.Render(common.Truncate(s, m.width)) + st.Muted.Render(common.Truncate(basis, max(room, 0)))
}

// bar is the actions of the case, each with its key; an action that is
// not available now is marked ✗ (its key says why).
func (m *Model) bar() []string {
	st := m.ctx.Styles
	var items []string
	anyOff := false
	for _, a := range actions {
		if !m.shown(a.id) {
			continue
		}
		label := m.label(a.id)
		if m.disabled(a.id) != "" {
			anyOff = true
			items = append(items, st.Muted.Render(m.w.DisabledSign+a.key+" "+label))
			continue
		}
		items = append(items, st.KeyHint.Render(a.key)+" "+label)
	}
	var lines []string
	line := ""
	for _, it := range items {
		if line != "" && lipgloss.Width(line)+2+lipgloss.Width(it) > m.width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += "  "
		}
		line += it
	}
	lines = append(lines, line)
	switch {
	case m.why != "":
		lines = append(lines, st.ErrText.Render(common.Truncate("✗ "+m.why, m.width)))
	case anyOff:
		lines = append(lines, st.Muted.Render(common.Truncate(m.w.DisabledHint, m.width)))
	}
	return lines
}

func (m *Model) barHeight() int { return len(m.bar()) }

// --- the timeline ---

// buildTimeline renders every event of the case for the current width:
// when, who, what; edits made at two sites on the same state side by side;
// an event that did not fit marked, never hidden.
func (m *Model) buildTimeline() {
	st, w := m.ctx.Styles, m.w
	conc := model.Concurrent(m.evs)
	misfit := map[string]model.Label{}
	for _, c := range m.c.Conflicts {
		misfit[c.Event] = c.Reason
	}
	byKey := map[string]*model.Event{}
	for i := range m.evs {
		byKey[m.evs[i].Key()] = &m.evs[i]
	}
	done := map[string]bool{}
	var lines []string
	const whenW, whoW = 16, 15
	descW := max(m.width-whenW-whoW-2, 20)
	for i := range m.evs {
		e := &m.evs[i]
		if done[e.Key()] {
			continue
		}
		if others := conc[e.Key()]; len(others) > 0 {
			group := []*model.Event{e}
			done[e.Key()] = true
			for _, k := range others {
				if o := byKey[k]; o != nil && !done[k] {
					group = append(group, o)
					done[k] = true
				}
			}
			lines = append(lines, m.concurrentBlock(group, misfit)...)
			continue
		}
		done[e.Key()] = true
		when := e.At.In(model.VN).Format("02/01/2006 15:04")
		who := common.Pad(m.nameAt(e.Site, e.Author), whoW)
		desc := m.describe(e)
		dl := m.wrap(desc, descW)
		lines = append(lines, st.Muted.Render(when)+" "+who+" "+dl[0])
		for _, l := range dl[1:] {
			lines = append(lines, strings.Repeat(" ", whenW+whoW+2)+l)
		}
		if r, bad := misfit[e.Key()]; bad {
			for _, l := range m.wrap(fmt.Sprintf(w.Conflict, r.In(m.ctx.Lang)), descW) {
				lines = append(lines, strings.Repeat(" ", whenW+whoW+2)+st.ErrText.Render(l))
			}
		}
	}
	m.timeline = lines
}

// concurrentBlock shows events written at different sites on the same
// state side by side, each with its site, and marks the one that did not
// fit.
func (m *Model) concurrentBlock(group []*model.Event, misfit map[string]model.Label) []string {
	st, w := m.ctx.Styles, m.w
	sites := map[string]bool{}
	for _, e := range group {
		sites[e.Site] = true
	}
	out := []string{st.Warn.Render(common.Truncate(fmt.Sprintf(w.Concurrent, len(sites)), m.width))}
	n := len(group)
	colW := max((m.width-2-3*(n-1))/n, 12)
	var cols []string
	for _, e := range group {
		var ls []string
		head := fmt.Sprintf(w.OtherSite, e.Site) + " " + e.At.In(model.VN).Format("02/01/2006 15:04")
		ls = append(ls, common.Truncate(head, colW), common.Truncate(m.nameAt(e.Site, e.Author)+":", colW))
		ls = append(ls, m.wrap(m.describe(e), colW)...)
		if r, bad := misfit[e.Key()]; bad {
			for _, l := range m.wrap(fmt.Sprintf(w.Conflict, r.In(m.ctx.Lang)), colW) {
				ls = append(ls, st.ErrText.Render(l))
			}
		}
		for i := range ls {
			ls[i] = common.Pad(ls[i], colW)
		}
		cols = append(cols, strings.Join(ls, "\n"))
	}
	height := 0
	for _, c := range cols {
		height = max(height, strings.Count(c, "\n")+1)
	}
	sep := strings.TrimSuffix(strings.Repeat(" │ \n", height), "\n")
	var parts []string
	for i, c := range cols {
		if i > 0 {
			parts = append(parts, sep)
		}
		parts = append(parts, c)
	}
	block := lipgloss.JoinHorizontal(lipgloss.Top, parts...)
	for _, l := range strings.Split(block, "\n") {
		out = append(out, "  "+l)
	}
	return out
}

// describe says what an event did, in words.
func (m *Model) describe(e *model.Event) string {
	w, lang := m.w, m.ctx.Lang
	var a model.CaseAction
	e.Decode(&a)
	var s string
	withReason := func(s string) string {
		if a.Reason != "" {
			s += ": " + a.Reason
		}
		return s
	}
	switch e.Type {
	case model.EvCaseOpened:
		s = w.EvOpened
	case model.EvCaseAccepted:
		s = w.EvAccepted
		if a.Handler != "" {
			s += " · " + fmt.Sprintf(w.EvHandlerIs, m.name(a.Handler))
		}
	case model.EvCaseRejected:
		s = withReason(w.EvRejected)
	case model.EvCaseAssigned:
		h := m.name(a.Handler)
		if h == "" {
			h = w.Unassigned
		}
		s = fmt.Sprintf(w.EvAssigned, h)
	case model.EvCaseDocsAsked:
		s = withReason(w.EvDocs)
	case model.EvCaseSuspended:
		s = withReason(w.EvSuspended)
	case model.EvCaseResumed:
		s = withReason(w.EvResumed)
	case model.EvCaseExtended:
		if a.Complex {
			s = withReason(fmt.Sprintf(w.EvComplex, a.Days))
		} else {
			s = withReason(fmt.Sprintf(w.EvExtended, a.Days))
		}
	case model.EvCaseConcluded:
		s = fmt.Sprintf(w.EvConcluded, model.ResultLabel(m.c.Kind, a.Result).In(lang))
		if d := m.decision(a.DecisionNo, a.DecisionDate); d != "" {
			s += " (" + d + ")"
		}
	case model.EvCaseTerminated:
		s = withReason(w.EvTerminated)
	case model.EvCaseReopened:
		s = withReason(w.EvReopened)
	case model.EvCaseTransferred:
		s = withReason(fmt.Sprintf(w.EvTransferred, a.To))
	case model.EvCaseExecuted:
		s = w.EvExecuted
		var parts []string
		x := a.Execution
		for _, p := range []struct {
			n     int64
			label string
		}{{x.Collected, w.FCollected}, {x.CollectedLand, w.FCollectedLand}, {x.Paid, w.FPaid}, {x.PaidLand, w.FPaidLand},
			{int64(x.SanctionedDone), w.FSanctionedDone}, {int64(x.ProsecutedPersons), strings.TrimSpace(w.FProsecutedPersons)}} {
			if p.n != 0 {
				parts = append(parts, p.label+" "+model.Thousands(p.n))
			}
		}
		if x.Prosecuted {
			parts = append(parts, w.FProsecuted)
		}
		if x.Done {
			parts = append(parts, w.FDone)
		}
		if len(parts) > 0 {
			s += ": " + strings.Join(parts, "; ")
		}
	case model.EvCaseUrged:
		s = fmt.Sprintf(w.EvUrged, a.To)
		if a.How != "" {
			s += " (" + a.How.Label().In(lang) + ")"
		}
		s = withReason(s)
	case model.EvCaseGuidance, model.EvNoteAdded:
		var n model.Note
		e.Decode(&n)
		s = w.EvNote
		if e.Type == model.EvCaseGuidance {
			s = w.EvGuidance
		}
		if n.Text != "" {
			s += ": " + n.Text
		}
		return s
	case model.EvReminderSet:
		var r model.Reminder
		e.Decode(&r)
		s = fmt.Sprintf(w.EvReminder, r.On)
		if r.For != "" {
			s += " " + fmt.Sprintf(w.ForWhom, m.name(r.For))
		} else {
			s += " " + fmt.Sprintf(w.ForWhom, w.Everyone)
		}
		if r.Text != "" {
			s += ": " + r.Text
		}
		return s
	case model.EvIdentityRevealed:
		s = withReason(w.EvRevealed)
	case model.EvPetitionCorrected, model.EvPersonCorrected, model.EvVisitCorrected:
		return m.describeCorrection(e)
	case model.EvDocumentPrinted:
		var po model.Printout
		e.Decode(&po)
		s = fmt.Sprintf(w.EvPrinted, po.Title, store.PrintoutCode(po))
		if po.Full {
			s = withReason(s + " · " + w.EvPrintedFull)
		}
		return s
	default:
		s = string(e.Type)
	}
	if !a.On.IsZero() && a.On != model.DateOf(e.At) && e.Type != model.EvCaseConcluded {
		s += " (" + fmt.Sprintf(w.OnDate, a.On) + ")"
	}
	return s
}

// --- the explanation of the deadline ---

func (m *Model) openExplain() {
	lang := m.ctx.Lang
	var lines []string
	cal := m.ctx.Store.Calendar()
	for _, l := range model.ExplainDeadline(m.c.Clock(), cal, m.ctx.Today()) {
		lines = append(lines, m.wrap(l.In(lang), m.width-2)...)
	}
	// The rule's id and how well it was checked are for the people who
	// keep the rules: only under the details key.
	var details []string
	if d := model.ComputeDeadline(m.c.Clock(), cal, m.ctx.Today()); d.Rule.ID != "" {
		details = append(details, "", m.ctx.Styles.Bold.Render(m.w.RuleDetails))
		for _, l := range model.RuleDetails(d.Rule) {
			details = append(details, m.wrap(l.In(lang), m.width-2)...)
		}
	}
	m.explain = &explanation{lines: lines, details: details}
}

func (m *Model) explainKey(msg tea.KeyMsg) {
	ex, k := m.explain, m.keys
	page := max(m.height-4, 1)
	switch {
	case key.Matches(msg, k.Close):
		m.explain = nil
		return
	case key.Matches(msg, k.Details):
		ex.more = !ex.more
	default:
		if step, ok := k.Step(msg, page); ok {
			ex.scroll += step
		}
	}
	ex.scroll = max(0, min(ex.scroll, len(ex.shown())-(m.height-2)))
}

func (m *Model) explainView() string {
	st, w, ex := m.ctx.Styles, m.w, m.explain
	h := m.height - 2
	out := []string{st.Title.Render(common.Truncate(fmt.Sprintf(w.ExplainTitle, m.c.No), m.width)), ""}
	lines := ex.shown()
	end := min(ex.scroll+h, len(lines))
	for _, l := range lines[ex.scroll:end] {
		out = append(out, " "+l)
	}
	return strings.Join(out, "\n")
}

// decision names a decision or conclusion by its number and date.
func (m *Model) decision(no string, on model.Date) string {
	var parts []string
	if no != "" {
		parts = append(parts, fmt.Sprintf(m.w.DecisionNo, no))
	}
	if !on.IsZero() {
		parts = append(parts, fmt.Sprintf(m.w.DecisionOn, on))
	}
	return strings.Join(parts, " ")
}
