package classify

import (
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// labelWidth is the column of the labels, the focus mark included.
const labelWidth = 16

// detailLines is the height of the pane under the list.
const detailLines = 6

// View draws the list, the form or the confirmation.
func (m *Model) View() string {
	switch {
	case m.done != nil:
		return m.doneView()
	case m.form != nil:
		return m.formView()
	}
	return m.listView()
}

// --- the list ---

func (m *Model) cells(r row) []string {
	w := &m.ctx.Words.Classify
	age := m.ctx.Today().Compare(r.p.Received)
	ageText := w.AgeToday
	if days := r.p.Received.DaysUntil(m.ctx.Today()); days > 0 && age > 0 {
		ageText = sprintf(w.AgeDays, days)
	}
	return []string{r.p.No, ageText, m.senderName(&r.p), oneLine(r.p.Summary), r.dl.Mark() + " " + r.dl.ListWords(m.ctx.Lang, m.ctx.Today())}
}

// sign marks a time limit without colour: ⚠ overdue, ! due soon.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (m *Model) listView() string {
	st := m.ctx.Styles
	w := &m.ctx.Words.Classify
	title := st.Title.Render(w.Title)
	if m.loaded {
		title += st.Muted.Render(" · " + sprintf(w.Count, len(m.rows)))
	}
	right := st.Muted.Render(w.Order)
	gap := m.width - lipgloss.Width(title) - lipgloss.Width(right) - 1
	out := []string{title + strings.Repeat(" ", max(gap, 1)) + right}
	if !m.loaded {
		return strings.Join(append(out, st.Muted.Render(w.Loading)), "\n")
	}
	// Columns as wide as what they hold; the summary takes the rest. The
	// sender shrinks first, then the deadline.
	m.table.Columns = []common.Column{
		{Title: w.ColNo, Width: 15, Fit: true},
		{Title: w.ColAge, Width: 9, Fit: true},
		{Title: w.ColSender, Width: 24, Fit: true, Min: 10, Shrink: 2},
		{Title: w.ColSummary},
		{Title: w.ColDeadline, Width: 25, Fit: true, Min: 12, Shrink: 1},
	}
	m.table.Width = m.width
	m.table.Height = max(m.height-1-detailLines-1, 3)
	m.table.RowStyle = func(i int) lipgloss.Style {
		switch m.rows[i].dl.State {
		case model.DeadlineOverdue:
			return st.Overdue
		case model.DeadlineDueSoon:
			return st.DueSoon
		}
		return st.App
	}
	m.table.Move(0)
	tv := strings.Split(m.table.View(st, w.Empty), "\n")
	out = append(out, tv...)
	for len(out) < m.height-detailLines {
		out = append(out, "")
	}
	if m.table.Cursor < len(m.rows) {
		out = append(out, st.Muted.Render(strings.Repeat("─", m.width)))
		out = append(out, m.petitionLines(&m.rows[m.table.Cursor].p, m.rows[m.table.Cursor].dl, detailLines-1)...)
	}
	return m.fit(out)
}

// petitionLines describes a petition: number and receipt, sender, summary,
// time limit.
func (m *Model) petitionLines(p *model.Petition, dl model.Deadline, n int) []string {
	st := m.ctx.Styles
	w := &m.ctx.Words.Classify
	l := m.ctx.Lang
	head := []string{st.Bold.Render(p.No), sprintf(w.Received, p.Received.String()), p.Source.Label().In(l)}
	if p.Kind != "" {
		head = append(head, p.Kind.Label().In(l))
	}
	if !p.LetterDate.IsZero() {
		head = append(head, sprintf(w.Letter, p.LetterDate.String()))
	}
	who := []string{w.Sender + ": " + m.senderName(p)}
	if m.revealWhyOf(p) == "" {
		who[0] += " · " + m.ctx.Words.Desk.RevealKeyHint
	}
	if p.Employer != "" {
		who = append(who, p.Employer)
	}
	if p.Unsigned {
		who = append(who, w.Unsigned)
	}
	due := strings.TrimLeft(dl.Mark()+" ", " ") + upperFirst(m.dueWords(dl))
	if dl.Rule.Source != "" {
		due += " · " + dl.Rule.Source
	}
	dueStyle := st.Label
	switch dl.State {
	case model.DeadlineOverdue:
		dueStyle = st.Overdue
	case model.DeadlineDueSoon:
		dueStyle = st.DueSoon
	}
	out := []string{strings.Join(head, " · "), strings.Join(who, " · ")}
	sum := strings.Split(ansi.Wrap(w.Summary+": "+oneLine(p.Summary), m.width, ""), "\n")
	room := n - 3
	if len(sum) > room {
		sum = sum[:max(room, 1)]
		sum[len(sum)-1] = common.Truncate(sum[len(sum)-1]+"…", m.width)
	}
	out = append(out, sum...)
	out = append(out, dueStyle.Render(common.Truncate(due, m.width)))
	return out
}

// fit cuts every line to the width and the whole to the height.
func (m *Model) fit(lines []string) string {
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return strings.Join(lines, "\n")
}

// --- the form ---

type line struct {
	text   string
	owners []fid
}

// formHeader is the petition the form is about: number, receipt and
// source; sender; processing time limit; summary (two lines at most).
func (m *Model) formHeader(p *model.Petition, withDue bool) []string {
	st := m.ctx.Styles
	w := &m.ctx.Words.Classify
	l := m.ctx.Lang
	dl := m.deadlineOf(p)
	title := st.Title.Render(sprintf(w.FormTitle, p.No))
	rest := []string{sprintf(w.Received, p.Received.String()), p.Source.Label().In(l)}
	if !p.LetterDate.IsZero() {
		rest = append(rest, sprintf(w.Letter, p.LetterDate.String()))
	}
	out := []string{title + st.Muted.Render(" · "+strings.Join(rest, " · "))}
	who := []string{w.Sender + ": " + m.senderName(p)}
	if p.Employer != "" {
		who = append(who, p.Employer)
	}
	if p.Unsigned {
		who = append(who, w.Unsigned)
	}
	out = append(out, strings.Join(who, " · "))
	dueStyle := st.Label
	switch dl.State {
	case model.DeadlineOverdue:
		dueStyle = st.Overdue
	case model.DeadlineDueSoon:
		dueStyle = st.DueSoon
	}
	if withDue {
		out = append(out, dueStyle.Render(strings.TrimLeft(dl.Mark()+" ", " ")+upperFirst(m.dueWords(dl))))
	}
	sum := strings.Split(ansi.Wrap(w.Summary+": "+oneLine(p.Summary), m.width, ""), "\n")
	if len(sum) > 2 {
		sum = sum[:2]
		sum[1] = common.Truncate(sum[1]+"…", m.width)
	}
	return append(out, sum...)
}

func upperFirst(s string) string {
	r := []rune(s)
	if len(r) > 0 {
		r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	}
	return string(r)
}

func (m *Model) deadlineOf(p *model.Petition) model.Deadline {
	for _, r := range m.rows {
		if r.p.ID == p.ID {
			return r.dl
		}
	}
	return model.ProcessDeadline(p.Kind, p.Regime, p.Received, m.ctx.Store.Calendar(), m.ctx.Today())
}

func (m *Model) formView() string {
	f := m.form
	head := m.formHeader(&f.p, true)
	lines := m.formLines(f)
	first, last := -1, -1
	for i, l := range lines {
		for _, o := range l.owners {
			if o == f.at {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
	}
	avail := max(m.height-len(head), 1)
	overflow := len(lines) > avail
	if overflow {
		avail = max(avail-1, 1)
	}
	if first >= 0 {
		if first < f.offset {
			f.offset = first
		}
		if last >= f.offset+avail {
			f.offset = last - avail + 1
		}
		if first < f.offset {
			f.offset = first
		}
	}
	f.offset = max(min(f.offset, len(lines)-avail), 0)
	end := min(f.offset+avail, len(lines))
	out := head
	for _, l := range lines[f.offset:end] {
		out = append(out, l.text)
	}
	if overflow {
		more := ""
		if below := len(lines) - end; below > 0 {
			more = sprintf(m.ctx.Words.Reception.More, below)
		} else if f.offset > 0 {
			more = m.ctx.Words.Reception.MoreAbove
		}
		out = append(out, m.ctx.Styles.Muted.Render(more))
	}
	return m.fit(out)
}

// formLines lays the form out.
func (m *Model) formLines(f *form) []line {
	w := &m.ctx.Words.Classify
	st := m.ctx.Styles
	l := m.ctx.Lang
	var ls []line
	indent := strings.Repeat(" ", labelWidth+1)
	add := func(text string, owners ...fid) {
		for i, t := range strings.Split(text, "\n") {
			if i > 0 {
				t = indent + t
			}
			ls = append(ls, line{t, owners})
		}
		for _, o := range owners {
			if n, ok := f.notes[o]; ok {
				for _, t := range m.noteLines(n) {
					ls = append(ls, line{t, owners})
				}
			}
		}
	}
	say := func(level common.NoteLevel, text string, owners ...fid) {
		for _, t := range m.noteLines(note{Level: level, Text: text}) {
			ls = append(ls, line{t, owners})
		}
	}
	add(m.item(f, fKind, w.Kind, labelWidth-1, m.choiceView(f, fKind)), fKind)
	add(m.item(f, fRegime, w.Regime, labelWidth-1, m.choiceView(f, fRegime)), fRegime)
	if f.regimeAuto && f.regime.Selected >= 0 {
		_, why := model.DefaultRegime(model.PetitionKind(f.kind.Value()), model.Field(f.field.Value()))
		text := sprintf(w.RegimeAuto, why.In(l))
		if f.at == fKind || f.at == fRegime || f.at == fField {
			say(noteInfo, text, fRegime)
		} else { // one line while the cursor is elsewhere
			ls = append(ls, line{indent + st.Muted.Render(common.Truncate("· "+text, m.width-labelWidth-1)), []fid{fRegime}})
		}
	}
	add(m.item(f, fField, w.Field, labelWidth-1, m.choiceView(f, fField)), fField)
	add(m.item(f, fConditions, w.Conditions, labelWidth-1, m.toggleView(f, fConditions, w.CondYes))+"  "+
		m.item(f, fCompetent, w.Competent, 0, m.toggleView(f, fCompetent, w.CompYes)), fConditions, fCompetent)
	flags := m.item(f, fComplex, w.Complex, 0, m.toggleView(f, fComplex, "")) + "  " +
		m.item(f, fRemote, w.Remote, 0, m.toggleView(f, fRemote, ""))
	if model.PetitionKind(f.kind.Value()) == model.KindComplaint {
		add(m.item(f, fRound, w.Round, labelWidth-1, m.choiceView(f, fRound))+"  "+flags, fRound, fComplex, fRemote)
	} else {
		add(" "+common.Pad("", labelWidth-1)+flags, fComplex, fRemote)
	}
	add(m.item(f, fDup, w.Duplicate, labelWidth-1, m.dupView(f)), fDup)
	advice, suggest, _ := m.advice(f)
	for _, a := range advice {
		say(noteWarn, a, fDup, fDecision)
	}
	add(m.item(f, fDecision, w.Decision, labelWidth-1, m.choiceView(f, fDecision)), fDecision)
	if suggest != "" && f.decisionOf() != suggest {
		say(noteInfo, sprintf(w.AdviceSuggest, suggest.Label().In(l)), fDecision)
	}
	if d := f.decisionOf(); d != "" {
		lt := LetterFor(d, model.PetitionKind(f.kind.Value()))
		say(noteInfo, sprintf(w.LetterNeeded, m.letterName(lt)), fDecision)
	}
	switch {
	case f.toChild():
		add(m.item(f, fChild, w.Child, labelWidth-1, m.choiceView(f, fChild)), fChild)
		if c, ok := m.childOf(f); ok {
			say(noteInfo, sprintf(w.ChildNote, store.ChildLabel(c.Code, c.Name), c.Code), fChild)
		}
	case f.decisionOf() == model.DecisionForward:
		add(m.item(f, fForwardTo, w.ForwardTo, labelWidth-1, "["+f.forwardTo.View()+"]"), fForwardTo)
	}
	add(m.item(f, fReason, w.Reason, labelWidth-1, "["+f.reason.View()+"]"), fReason)
	return ls
}

func (m *Model) item(f *form, at fid, label string, lw int, widget string) string {
	st := m.ctx.Styles
	mark, ls := " ", st.Label
	if at == f.at {
		mark, ls = "›", st.Focused
	}
	if lw > 0 {
		label = common.Pad(label, lw)
	}
	return mark + ls.Render(label) + " " + widget
}

func (m *Model) choiceView(f *form, at fid) string {
	width := m.width - labelWidth - 2
	if at == fRound {
		width = 30
	}
	return f.choice(at).View(m.ctx.Styles, width)
}

func (m *Model) toggleView(f *form, at fid, desc string) string {
	box := "[ ]"
	if *f.toggle(at) {
		box = "[x]"
	}
	if desc != "" {
		return box + " " + m.ctx.Styles.Muted.Render(desc)
	}
	return box
}

// dupView lists the duplicates offered, one a line.
func (m *Model) dupView(f *form) string {
	st := m.ctx.Styles
	w := &m.ctx.Words.Classify
	l := m.ctx.Lang
	width := m.width - labelWidth - 1
	var out []string
	for i, o := range f.dup.Options {
		item := "[" + o.Key + "]"
		if i == 0 {
			item += o.Label
		} else {
			c := f.cands[i-1]
			parts := []string{c.p.No, c.p.Received.String()}
			if c.same {
				parts = append(parts, w.DupSame)
			} else {
				parts = append(parts, sprintf(w.DupSimilar, int(c.sim*100+0.5)))
			}
			switch {
			case c.cs != nil:
				parts = append(parts, sprintf(w.DupOpenCase, c.cs.No, c.cs.Status.Label().In(l)))
			case c.p.Classified:
				parts = append(parts, c.p.Decision.Label().In(l))
			default:
				parts = append(parts, w.DupUndecided)
			}
			parts = append(parts, oneLine(c.p.Summary))
			item += strings.Join(parts, " · ")
		}
		if i == f.dup.Selected {
			item = st.Choice.Render("●" + item)
		} else {
			item = " " + item
		}
		out = append(out, common.Truncate(item, width))
	}
	if !f.candsLoaded {
		out[0] += "  " + st.Muted.Render(w.DupLoading)
	}
	return strings.Join(out, "\n")
}

func (m *Model) noteLines(n note) []string {
	return m.ctx.Styles.NoteLines(n, labelWidth+1, max(m.width-labelWidth-3, 20))
}

// --- after saving ---

func (m *Model) doneView() string {
	d := m.done
	st := m.ctx.Styles
	w := &m.ctx.Words.Classify
	l := m.ctx.Lang
	out := m.formHeader(&d.p, false)
	var head string
	switch {
	case d.cs != nil:
		head = sprintf(w.DoneAccept, d.cs.No, m.dueWords(d.dl))
	case d.sent != nil:
		head = sprintf(w.DoneChild, d.p.No, d.child, d.sent.No)
	default:
		head = sprintf(w.Done, d.p.No, d.p.Decision.Label().In(l))
	}
	out = append(out, "", st.OK.Render("✓ ")+st.Bold.Render(head))
	what := []string{d.p.Kind.Label().In(l), d.p.Regime.Label().In(l), d.p.Field.Label().In(l)}
	switch {
	case d.p.Kind == model.KindComplaint && d.p.Round == 2:
		what = append(what, w.RoundSecond)
	case d.p.Kind == model.KindComplaint:
		what = append(what, w.RoundFirst)
	}
	if d.p.ForwardTo != "" {
		what = append(what, w.ForwardTo+": "+d.p.ForwardTo)
	}
	out = append(out, "  "+strings.Join(what, " · "))
	if d.p.Reason != "" {
		out = append(out, "  "+w.Reason+": "+d.p.Reason)
	}
	if d.cs != nil && d.dl.Rule.Source != "" {
		out = append(out, "  "+st.Muted.Render(d.dl.Rule.Source))
	}
	if d.sent != nil {
		out = append(out, "  "+sprintf(w.DoneChildGo, d.child))
	}
	letter := sprintf(w.LetterNeeded, m.letterName(d.letter))
	if d.letter != LetterNone {
		letter += " · F9"
	}
	out = append(out, "  "+letter, "")
	if d.cs != nil {
		out = append(out, "  "+st.Bold.Render(w.DoneOpen))
	} else {
		out = append(out, "  "+st.Bold.Render(w.DoneBack))
	}
	if m.loaded {
		left := w.DoneNone
		if len(m.rows) > 0 {
			left = sprintf(w.DoneLeft, len(m.rows))
		}
		out = append(out, "  "+st.Muted.Render(left))
	}
	for i, s := range out {
		if lipgloss.Width(s) > m.width {
			out[i] = common.Truncate(s, m.width)
		}
	}
	return m.fit(out)
}
