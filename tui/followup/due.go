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

// dueGroup is a section of the due view.
type dueGroup int

const (
	dueOverdue dueGroup = iota
	dueToday
	dueWeek
)

// dueView is what is overdue, due today and due this week, for the
// signed-in user or the whole office, with the reminders people set.
type dueView struct {
	mine   bool
	until  model.Date
	items  []store.DueItem
	groups []dueGroup
	counts [3]int
	cursor int
	offset int
	cols   []common.Column
}

// weekEnd is the Sunday that ends today's week.
func weekEnd(d model.Date) model.Date {
	return d.AddDays((7 - int(d.Weekday())) % 7)
}

// dueLoadedMsg carries what is due, read by loadDue's command.
type dueLoadedMsg struct {
	mine  bool
	today model.Date
	items []store.DueItem
	names map[string]string // site/login -> name of who set each reminder
	err   error             // cases that could not be read
}

// loadDue reads what is due this week in a command; setDue shows it.
func (m *Model) loadDue() tea.Cmd {
	d := &m.due
	today := m.ctx.Today()
	user := ""
	if d.mine {
		user = m.ctx.User.Login
	}
	s, mine := m.ctx.Store, d.mine
	return func() tea.Msg {
		items, err := s.Due(today, weekEnd(today), user)
		msg := dueLoadedMsg{mine: mine, today: today, items: items, names: map[string]string{}, err: err}
		for _, it := range msg.items {
			if it.Reminder != nil && it.Reminder.By != "" {
				msg.names[it.Site+"/"+it.Reminder.By] = s.DisplayName(it.Site, it.Reminder.By)
			}
		}
		return msg
	}
}

// setDue sorts what is due into its sections (overdue, today, this week).
func (m *Model) setDue(msg dueLoadedMsg) {
	d := &m.due
	if msg.mine != d.mine {
		return // the view was switched since; its own answer follows
	}
	for k, v := range msg.names {
		m.names[k] = v
	}
	today := msg.today
	d.until = weekEnd(today)
	d.items = msg.items
	d.groups = d.groups[:0]
	d.counts = [3]int{}
	for i := range d.items {
		it := &d.items[i]
		g := dueWeek
		switch {
		case it.Reminder != nil && it.Reminder.On == today:
			g = dueToday
		case it.Reminder != nil:
		case it.Deadline.State == model.DeadlineOverdue:
			g = dueOverdue
		case it.Deadline.Due == today:
			g = dueToday
		}
		d.groups = append(d.groups, g)
		d.counts[g]++
	}
	// Keep the sections in order (overdue, today, this week) and, inside
	// each, the store's order (soonest first).
	items := make([]store.DueItem, 0, len(d.items))
	groups := make([]dueGroup, 0, len(d.items))
	for g := dueOverdue; g <= dueWeek; g++ {
		for i := range d.items {
			if d.groups[i] == g {
				items = append(items, d.items[i])
				groups = append(groups, g)
			}
		}
	}
	d.items, d.groups = items, groups
	d.cursor = max(0, min(d.cursor, len(d.items)-1))
	d.layout(m)
}

func (d *dueView) layout(m *Model) {
	w := m.w
	d.cols = []common.Column{
		{Title: w.ColNo, Width: 10}, {Title: w.ColSender, Width: 15}, {Title: w.ColWhat},
		{Title: w.ColDay, Width: 5}, {Title: w.ColState, Width: 27},
	}
	if m.width >= 110 {
		d.cols[0].Width, d.cols[1].Width, d.cols[3].Width = 15, 22, 10
	}
}

func (m *Model) dueKey(msg tea.KeyMsg) tea.Cmd {
	d, k := &m.due, m.keys
	step, isMove := k.Step(msg, max(m.height-6, 1))
	switch {
	case isMove:
		d.cursor += step
	case key.Matches(msg, k.Mine):
		d.mine = !d.mine
		d.cursor, d.offset = 0, 0
		return m.loadDue()
	case key.Matches(msg, k.Open):
		if d.cursor < len(d.items) {
			return m.open(d.items[d.cursor].ID)
		}
	case m.action(aDue).Matches(msg), key.Matches(msg, k.Back):
		if m.caseID != "" {
			m.mode = modeCase
			return m.reload()
		} else if key.Matches(msg, k.Back) {
			return func() tea.Msg { return common.GotoMsg{Screen: common.ScreenQueue} }
		}
	}
	d.cursor = max(0, min(d.cursor, len(d.items)-1))
	return nil
}

// dueView draws the sections: overdue, today, this week.
func (m *Model) dueView() string {
	st, w, lang, d := m.ctx.Styles, m.w, m.ctx.Lang, &m.due
	who := w.DueAll
	if d.mine {
		who = fmt.Sprintf(w.DueMine, m.ctx.User.Name)
	}
	until := fmt.Sprintf(w.DueUntil, model.WeekdayLabel(d.until.Weekday()).In(lang), d.until)
	head := st.Title.Render(w.DueTitle) + " · " + who + " · " + until
	counts := fmt.Sprintf(w.DueCounts, d.counts[dueOverdue], d.counts[dueToday], d.counts[dueWeek])
	out := []string{common.Truncate(head, m.width), common.Truncate(counts, m.width)}
	if m.caseID == "" {
		out = append(out, st.Muted.Render(common.Truncate(w.NoCase, m.width)))
	} else {
		out = append(out, st.Muted.Render(common.Truncate(fmt.Sprintf(w.DueBack, m.c.No), m.width)))
	}
	if len(d.items) == 0 {
		out = append(out, "", st.Muted.Render(" "+w.DueEmpty))
		return strings.Join(out, "\n")
	}
	// One line per item, a heading before each section.
	type line struct {
		text string
		item int // -1 for a heading
	}
	var lines []line
	for i := range d.items {
		if i == 0 || d.groups[i] != d.groups[i-1] {
			name := [3]string{w.DueOverdue, w.DueToday, w.DueWeek}[d.groups[i]]
			lines = append(lines, line{fmt.Sprintf("── %s (%d) ", name, d.counts[d.groups[i]]), -1})
		}
		lines = append(lines, line{"", i})
	}
	room := m.height - len(out) - 1
	cur := 0
	for j, l := range lines {
		if l.item == d.cursor {
			cur = j
		}
	}
	if cur < d.offset {
		d.offset = cur
	}
	if cur >= d.offset+room {
		d.offset = cur - room + 1
	}
	if d.offset > 0 && cur-1 >= 0 && lines[cur-1].item < 0 && cur-1 < d.offset {
		d.offset = cur - 1
	}
	hdr := make([]string, len(d.cols))
	for i, c := range d.cols {
		hdr[i] = c.Title
	}
	out = append(out, st.Header.Render(" "+m.dueLine(hdr)))
	for j := d.offset; j < len(lines) && j < d.offset+room; j++ {
		l := lines[j]
		if l.item < 0 {
			out = append(out, st.Bold.Render(l.text+strings.Repeat("─", max(m.width-lipgloss.Width(l.text), 0))))
			continue
		}
		it := &d.items[l.item]
		text := m.dueCells(it)
		s := m.dueLine(text)
		switch {
		case l.item == d.cursor:
			out = append(out, st.Selected.Render("›"+s))
		case it.Reminder == nil && it.Deadline.State == model.DeadlineOverdue:
			out = append(out, st.Overdue.Render(" "+s))
		case it.Reminder == nil && it.Deadline.State == model.DeadlineDueSoon:
			out = append(out, st.DueSoon.Render(" "+s))
		default:
			out = append(out, " "+s)
		}
	}
	return strings.Join(out, "\n")
}

// dueLine lays cells out in the due view's columns.
func (m *Model) dueLine(cells []string) string {
	d := &m.due
	used := 0
	flex := -1
	for i, c := range d.cols {
		if c.Width == 0 {
			flex = i
		}
		used += c.Width
	}
	var parts []string
	for i, c := range d.cols {
		wd := c.Width
		if i == flex {
			wd = max(m.width-1-used-(len(d.cols)-1), 4)
		}
		if i == 0 {
			wd--
		}
		s := ""
		if i < len(cells) {
			s = cells[i]
		}
		parts = append(parts, common.Pad(s, wd))
	}
	return strings.Join(parts, " ")
}

// dueCells are the cells of one due item.
func (m *Model) dueCells(it *store.DueItem) []string {
	w, lang, d := m.w, m.ctx.Lang, &m.due
	no := it.No
	if i := strings.IndexByte(no, '-'); i > 0 && m.width < 110 {
		no = no[i+1:]
	}
	name, show := common.Sender(m.ctx, &it.Case)
	sender := common.ShortName(name, d.cols[1].Width)
	if !show {
		sender = w.Masked
	}
	if it.Reminder != nil {
		by := ""
		if it.Reminder.By != "" {
			by = fmt.Sprintf(w.DueBy, m.nameAt(it.Site, it.Reminder.By))
		}
		return []string{no, sender, fmt.Sprintf(w.DueReminder, it.Reminder.Text), dueDate(it.Reminder.On, m.width), by}
	}
	dl := &it.Deadline
	state := dl.ListWords(lang, m.ctx.Today())
	if mark := dl.Mark(); mark != " " {
		state = mark + " " + state
	}
	return []string{no, sender, dl.Step.Label().In(lang), dueDate(dl.Due, m.width), state}
}

func dueDate(d model.Date, width int) string {
	if width >= 110 {
		return d.String()
	}
	return fmt.Sprintf("%02d/%02d", d.D, int(d.M))
}

// namesOf reads, in a command, the names of the site's users (under this
// site and under site, whose users a case names) and of login at site.
func namesOf(st *store.Store, users []model.User, site, login string) map[string]string {
	names := map[string]string{}
	for _, u := range users {
		names[st.Site()+"/"+u.Login] = u.Name
	}
	if login != "" {
		names[site+"/"+login] = st.DisplayName(site, login)
	}
	return names
}
