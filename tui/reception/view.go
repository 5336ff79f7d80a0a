package reception

import (
	"strconv"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// labelWidth is the column of the labels, the focus mark included.
const labelWidth = 16

// line is one line of the form and the inputs drawn on it.
type line struct {
	text   string
	owners []focus
}

// View draws the header and as much of the form as fits, scrolled so that
// the input with the cursor (and its notes, and the person list) shows.
func (m *Model) View() string {
	st := m.ctx.Styles
	w := &m.ctx.Words.Reception
	now := m.ctx.Now().In(model.VN)
	right := w.Receiver + ": " + m.ctx.User.Name + " · " + now.Format("15:04")
	title := st.Title.Render(w.Title)
	gap := m.width - lipgloss.Width(title) - lipgloss.Width(right) - 1
	header := title + strings.Repeat(" ", max(gap, 1)) + st.Muted.Render(right)

	lines := m.formLines()
	if m.saved != "" && !m.form.dirty() {
		if m.offer != "" {
			lines = append([]line{{"  " + m.offer, nil}}, lines...)
		}
		lines = append([]line{{st.OK.Render("✓ ") + m.saved, nil}}, lines...)
	}
	first, last := -1, -1
	for i, l := range lines {
		for _, o := range l.owners {
			if o == m.at {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
	}
	avail := max(m.height-1, 1)
	overflow := len(lines) > avail
	if overflow {
		avail = max(avail-1, 1) // room for the "more" line
	}
	if first >= 0 {
		if first < m.offset {
			m.offset = first
		}
		if last >= m.offset+avail {
			m.offset = max(last-avail+1, 0)
		}
		if first < m.offset { // a block taller than the screen: show its top
			m.offset = first
		}
	}
	m.offset = max(min(m.offset, len(lines)-avail), 0)
	end := min(m.offset+avail, len(lines))
	out := []string{header}
	for _, l := range lines[m.offset:end] {
		out = append(out, ansi.Truncate(l.text, m.width, "…"))
	}
	if overflow {
		more := ""
		if below := len(lines) - end; below > 0 {
			more = sprintf(w.More, below)
		} else if m.offset > 0 {
			more = w.MoreAbove
		}
		out = append(out, st.Muted.Render(more))
	}
	return strings.Join(out, "\n")
}

// formLines lays the whole form out.
func (m *Model) formLines() []line {
	f := m.form
	w := &m.ctx.Words.Reception
	st := m.ctx.Styles
	var ls []line
	add := func(text string, owners ...focus) {
		for i, t := range strings.Split(text, "\n") {
			if i > 0 {
				t = strings.Repeat(" ", labelWidth+1) + t
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
	search := focus{fSearch, 0}
	label := w.Visitor
	if f.group {
		label = w.Reps
	}
	add(m.item(search, label, labelWidth-1, m.textView(search)), search)
	if m.pick.open && m.at == search {
		for _, t := range m.pickerLines() {
			ls = append(ls, line{t, []focus{search}})
		}
	}
	for i, v := range f.visitors {
		if v.card != nil {
			at := focus{fPerson, i}
			ls = append(ls, line{m.cardLine(at, v.card), []focus{at}})
			ls = append(ls, line{strings.Repeat(" ", 6) + st.Muted.Render(m.history(v.card)), []focus{at}})
			continue
		}
		ls = append(ls, line{"  " + st.Bold.Render(w.NewPersonHead), []focus{{fName, i}}})
		at := func(x fid) focus { return focus{x, i} }
		add(m.item(at(fName), "  "+w.Name, labelWidth-1, m.textView(at(fName)))+" "+
			m.item(at(fBirth), w.BirthYear, 0, m.textView(at(fBirth))), at(fName), at(fBirth))
		add(m.item(at(fIDNum), "  "+w.IDNumber, labelWidth-1, m.textView(at(fIDNum))), at(fIDNum))
		add(m.item(at(fIDKind), "  "+w.IDKind, labelWidth-1, m.choiceView(at(fIDKind))), at(fIDKind))
		add(m.item(at(fPhone), "  "+w.Phone, labelWidth-1, m.textView(at(fPhone)))+" "+
			m.item(at(fSex), w.Sex, 0, m.choiceView(at(fSex)))+" "+
			m.item(at(fMember), w.Member, 0, m.toggleView(at(fMember), "")), at(fPhone), at(fSex), at(fMember))
		add(m.item(at(fAddress), "  "+w.Address, labelWidth-1, m.textView(at(fAddress))), at(fAddress))
		add(m.item(at(fEmployer), "  "+w.Employer, labelWidth-1, m.textView(at(fEmployer))), at(fEmployer))
	}
	g := focus{fGroup, 0}
	if f.group {
		hc, ge := focus{fHeadCount, 0}, focus{fGroupEmployer, 0}
		add(m.item(g, w.Group, labelWidth-1, m.toggleView(g, ""))+"  "+
			m.item(hc, w.HeadCount, 0, m.textView(hc))+" "+
			m.item(ge, w.GroupEmployer, 0, m.textView(ge)), g, hc, ge)
	} else {
		add(m.item(g, w.Group, labelWidth-1, m.toggleView(g, "")), g)
	}
	c := focus{fContent, 0}
	add(m.item(c, w.Content, labelWidth-1, m.textView(c)), c)
	d, dc := focus{fDocs, 0}, focus{fDocCount, 0}
	add(m.item(d, w.Docs, labelWidth-1, m.textView(d))+" "+m.item(dc, w.DocCount, 0, m.textView(dc)), d, dc)
	o := focus{fOutcome, 0}
	add(m.item(o, w.Outcome, labelWidth-1, m.choiceView(o)), o)
	r := focus{fReception, 0}
	add(m.item(r, w.Reception, labelWidth-1, m.choiceView(r)), r)
	if f.byHead() {
		dg := focus{fDelegated, 0}
		add(m.item(dg, "  "+w.Delegated, labelWidth-1, m.toggleView(dg, w.DelegatedDesc)), dg)
	}
	p := focus{fPetition, 0}
	add(m.item(p, w.Petition, labelWidth-1, m.toggleView(p, w.PetitionYes)), p)
	if f.petition {
		k, ld, cf := focus{fKind, 0}, focus{fLetterDate, 0}, focus{fConfidential, 0}
		add(m.item(k, "  "+w.Kind, labelWidth-1, m.choiceView(k)), k)
		add(m.item(ld, "  "+w.LetterDate, 0, m.textView(ld))+"  "+
			m.item(cf, w.Confidential, 0, m.toggleView(cf, "")), ld, cf)
	}
	return ls
}

// item draws one input: its focus mark, its label and its widget.
func (m *Model) item(at focus, label string, lw int, widget string) string {
	st := m.ctx.Styles
	mark, ls := " ", st.Label
	if at == m.at {
		mark, ls = "›", st.Focused
	}
	if lw > 0 {
		label = common.Pad(label, lw)
	}
	return mark + ls.Render(label) + " " + widget
}

func (m *Model) textView(at focus) string {
	t := m.form.text(at)
	return "[" + t.View() + "]"
}

func (m *Model) choiceView(at focus) string {
	c := m.form.choice(at)
	width := m.width - labelWidth - 2
	if at.f == fSex {
		width = 40
	}
	return c.View(m.ctx.Styles, width)
}

func (m *Model) toggleView(at focus, desc string) string {
	box := "[ ]"
	if *m.form.toggle(at) {
		box = "[x]"
	}
	if desc != "" {
		return box + " " + m.ctx.Styles.Muted.Render(desc)
	}
	return box
}

// noteLines renders a note under its input, wrapped to the screen.
func (m *Model) noteLines(n note) []string {
	return m.ctx.Styles.NoteLines(n, labelWidth+1, max(m.width-labelWidth-3, 20))
}

// --- persons ---

// idText is a person's document as "CCCD 001085012345".
func (m *Model) idText(p *model.Person) string {
	if p.IDNumber == "" {
		return ""
	}
	w := &m.ctx.Words.Reception
	switch p.IDKind {
	case model.IDCCCD:
		return "CCCD " + p.IDNumber
	case model.IDCMND:
		return "CMND " + p.IDNumber
	case model.IDPassport:
		return w.IDPassport + " " + p.IDNumber
	}
	return p.IDNumber
}

// cardLine is one picked person: name, birth year, document, employer.
func (m *Model) cardLine(at focus, c *store.PersonCard) string {
	st := m.ctx.Styles
	parts := []string{st.Bold.Render(c.Name)}
	if c.BirthYear != 0 {
		parts = append(parts, strconv.Itoa(c.BirthYear))
	}
	if id := m.idText(&c.Person); id != "" {
		parts = append(parts, id)
	}
	if c.Phone != "" {
		parts = append(parts, c.Phone)
	}
	if c.Employer != "" {
		parts = append(parts, c.Employer)
	}
	mark := " "
	if at == m.at {
		mark = "›"
	}
	return "  " + mark + " " + strings.Join(parts, " · ")
}

// history says how often a person came and what is open for them.
func (m *Model) history(c *store.PersonCard) string {
	w := &m.ctx.Words.Reception
	var parts []string
	if c.VisitCount == 0 {
		parts = append(parts, w.NoVisits)
	} else {
		parts = append(parts, sprintf(w.Visits, c.VisitCount))
	}
	if len(c.OpenCases) > 0 {
		parts = append(parts, sprintf(w.OpenCases, len(c.OpenCases)))
	}
	if len(c.Visits) > 0 {
		v := c.Visits[0]
		content := v.Content
		if content == "" {
			content = w.Secret
		}
		parts = append(parts, sprintf(w.LastVisit, model.DateOf(v.At).String(), content))
	}
	return strings.Join(parts, " · ")
}

// pickerLines draws the persons matching the search, the "new person"
// line, and what is known of the one under the cursor.
func (m *Model) pickerLines() []string {
	p := &m.pick
	w := &m.ctx.Words.Reception
	st := m.ctx.Styles
	indent := "  "
	if p.loading && len(p.hits) == 0 {
		return []string{indent + st.Muted.Render(w.Searching)}
	}
	var out []string
	if len(p.hits) > 0 {
		t := common.Table{
			Columns: []common.Column{
				{Title: w.Name, Width: 21},
				{Title: w.BirthYear, Width: 8},
				{Title: w.IDNumber, Width: 12},
				{Title: w.Employer, Width: 0},
				{Title: w.ColHistory, Width: 13},
			},
			Width: m.width - len(indent),
		}
		rows := make([][]string, 0, len(p.hits))
		for i := range p.hits {
			c := &p.hits[i]
			year := ""
			if c.BirthYear != 0 {
				year = strconv.Itoa(c.BirthYear)
			}
			hist := sprintf(w.ShortVisits, c.VisitCount)
			if len(c.OpenCases) > 0 {
				hist += ", " + sprintf(w.ShortCases, len(c.OpenCases))
			}
			id := c.IDNumber
			if id == "" {
				id = c.Phone
			}
			rows = append(rows, []string{c.Name, year, id, c.Employer, hist})
		}
		t.Height = min(len(rows), m.pickerRows()) + 1
		t.SetRows(rows)
		t.Cursor = min(p.cursor, len(rows)-1)
		t.Move(0)
		if p.cursor >= len(rows) {
			t.Cursor = -1 // on the "new person" line: no row is under the cursor
		}
		for _, l := range strings.Split(t.View(st, ""), "\n") {
			out = append(out, indent+l)
		}
	}
	np := " " + sprintf(w.NewPerson, titleWords(model.NFC(p.query)))
	if p.cursor >= len(p.hits) {
		np = st.Selected.Render("›" + np[1:])
	}
	out = append(out, indent+common.Truncate(np, m.width-len(indent)))
	var info []string
	switch {
	case len(p.hits) == 0:
		info = append(info, sprintf(w.NoMatch, p.query))
	case p.more:
		info = append(info, sprintf(w.MatchesMore, p.found))
	case p.found > m.pickerRows():
		info = append(info, sprintf(w.Matches, p.found))
	}
	if p.cursor < len(p.hits) {
		info = append(info, m.cardDetail(&p.hits[p.cursor]))
	}
	if len(info) > 0 {
		out = append(out, indent+"  "+st.Muted.Render(common.Truncate(strings.Join(info, " · "), m.width-len(indent)-2)))
	}
	return out
}

// cardDetail is the last visit and the first open case of a person.
func (m *Model) cardDetail(c *store.PersonCard) string {
	w := &m.ctx.Words.Reception
	l := m.ctx.Lang
	var parts []string
	if len(c.Visits) == 0 {
		parts = append(parts, w.NoVisits)
	} else {
		v := c.Visits[0]
		content := v.Content
		if content == "" {
			content = w.Secret
		}
		parts = append(parts, sprintf(w.LastVisit, model.DateOf(v.At).String(), content))
	}
	if len(c.OpenCases) > 0 {
		x := c.OpenCases[0]
		parts = append(parts, sprintf(w.CaseLine, x.No, x.Kind.Label().In(l), x.Status.Label().In(l)))
	}
	if c.Phone != "" && c.IDNumber != "" {
		parts = append(parts, c.Phone)
	}
	return strings.Join(parts, " · ")
}
