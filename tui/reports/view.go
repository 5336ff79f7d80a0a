package reports

import (
	"fmt"
	"strconv"
	"strings"

	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/lipgloss"
)

// numWidth is the width of a figure's column.
const numWidth = 10

func (m *Model) View() string {
	st := m.ctx.Styles
	if m.data == nil {
		return st.Muted.Render(m.w.Loading)
	}
	switch m.mode {
	case modeDrill:
		return m.drillView()
	case modeUrge:
		return m.urgeView()
	case modeCharts:
		return m.chartsView()
	}
	return m.tableView()
}

func (m *Model) periodText(p model.Period) string {
	s := p.Label().In(m.ctx.Lang)
	if p.Official {
		s = p.Short() + " (" + m.w.Official + ")"
		from, to := p.Bounds()
		s += " " + from.String() + "–" + to.String()
	}
	return s
}

// figure formats a figure; money with dots between thousands, and in
// millions (tr) when it would not fit its column.
func figure(v int64, money bool) string {
	s := strconv.FormatInt(v, 10)
	if !money || len(s) <= 3 {
		return s
	}
	g := groupDigits(s)
	if len(g) > numWidth {
		g = groupDigits(strconv.FormatInt((v+500_000)/1_000_000, 10)) + " tr"
	}
	return g
}

func groupDigits(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// displayLine is one line of the table: a group heading or an indicator.
type displayLine struct {
	heading string
	row     int // -1 for a heading
}

func (m *Model) displayLines() []displayLine {
	f := m.figs[0].Form
	var out []displayLine
	group := ""
	for i := range f.Rows {
		if g := f.Rows[i].Group.In(m.ctx.Lang); g != group {
			group = g
			out = append(out, displayLine{heading: g, row: -1})
		}
		out = append(out, displayLine{row: i})
	}
	return out
}

func (m *Model) tableView() string {
	st, lang, w := m.ctx.Styles, m.ctx.Lang, m.w
	f := m.figs[0].Form
	width := max(m.width, 40)
	lw := width - 1 - 3*(numWidth+1)
	title := fmt.Sprintf(w.Title, string(f.ID), m.periodText(m.period), m.unitName())
	lines := []string{
		st.Title.Render(common.Truncate(title, width)),
		st.Muted.Render(common.Truncate(f.Title.In(lang), width)),
	}
	if u := m.unitCode(); u != "" && m.units[m.unit-1].Gone {
		lines[1] = st.Warn.Render(common.Truncate(m.units[m.unit-1].Name+": "+fmt.Sprintf(w.Gone, m.units[m.unit-1].Successor), width))
	}
	heads := []string{w.ThisPeriod, w.Previous, w.LastYear}
	hdr := " " + common.Pad(w.Indicator, lw)
	for i, h := range heads {
		cell := common.PadLeft(common.Truncate(h, numWidth), numWidth)
		if i == m.col {
			cell = "[" + common.PadLeft(common.Truncate(h, numWidth-2), numWidth-2) + "]"
		}
		hdr += " " + cell
	}
	lines = append(lines, st.Header.Render(hdr))
	sub := " " + common.Pad("", lw)
	for _, fg := range m.figs {
		sub += " " + common.PadLeft(columnHead(fg), numWidth)
	}
	lines = append(lines, st.Muted.Render(sub))

	dl := m.displayLines()
	room := max(m.height-len(lines)-1, 1)
	cur := 0
	for i, d := range dl {
		if d.row == m.cursor {
			cur = i
		}
	}
	// Keep the cursor's line, and the heading above it, in view.
	if cur-1 < m.offset {
		m.offset = max(cur-1, 0)
	}
	if cur >= m.offset+room {
		m.offset = cur - room + 1
	}
	m.offset = max(0, min(m.offset, max(len(dl)-room, 0)))
	for _, d := range dl[m.offset:min(len(dl), m.offset+room)] {
		if d.row < 0 {
			lines = append(lines, st.Bold.Render(common.Truncate(d.heading, width)))
			continue
		}
		r := &f.Rows[d.row]
		mark := " "
		if d.row == m.cursor {
			mark = "›"
		}
		l := mark + common.Pad(r.Label.In(lang), lw)
		for _, fg := range m.figs {
			l += " " + common.PadLeft(figure(fg.Cells[d.row].Value, r.Money), numWidth)
		}
		if d.row == m.cursor {
			l = st.Selected.Render(l)
		}
		lines = append(lines, l)
	}
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	switch m.mode {
	case modeFolder:
		lines[len(lines)-1] = st.Bold.Render(w.FolderPrompt) + m.folder.View()
		lines = append(lines, st.Help.Render(common.Truncate(w.FolderHint, width)))
	case modeVerify:
		// What the check said is never cut: each line wraps.
		var found []string
		for _, f := range m.found {
			found = append(found, strings.Split(st.R.NewStyle().Width(width).Render(f), "\n")...)
		}
		at := max(len(lines)-1-len(found), 0)
		lines = lines[:at]
		lines = append(lines, st.Bold.Render(w.VerifyPrompt)+m.verify.View())
		lines = append(lines, found...)
		lines = append(lines, st.Help.Render(common.Truncate(w.VerifyHint, width)))
	case modeRange:
		lines[len(lines)-1] = st.Bold.Render(w.RangePrompt) + m.rng.View()
		lines = append(lines, st.Help.Render(common.Truncate(w.RangeHint, width)))
	default:
		lines = append(lines, st.Help.Render(common.Truncate(w.Hint, width)))
	}
	return strings.Join(lines, "\n")
}

func (m *Model) drillView() string {
	st, w, d := m.ctx.Styles, m.w, m.drill
	width := max(m.width, 40)
	lines := []string{
		st.Title.Render(common.Truncate(d.title, width)),
		st.Muted.Render(fmt.Sprintf(w.Records, len(d.refs))),
	}
	if len(d.refs) == 0 {
		lines = append(lines, "", st.Muted.Render(w.NoRecords))
	}
	room := max(m.height-len(lines)-1, 1)
	if d.cursor < d.offset {
		d.offset = d.cursor
	}
	if d.cursor >= d.offset+room {
		d.offset = d.cursor - room + 1
	}
	for i := d.offset; i < min(len(d.refs), d.offset+room); i++ {
		l := m.line(i)
		extra := ""
		if d.sum {
			extra = " " + fmt.Sprintf(w.Sum, figure(l.N, d.money))
		}
		mark := " "
		if i == d.cursor {
			mark = "›"
		}
		rest := width - 1 - 15 - 1 - 10 - 1 - 22 - 1 - lipgloss.Width(extra)
		text := mark + common.Pad(l.No, 15) + " " + common.Pad(l.Date.String(), 10) + " " + common.Pad(l.Sender, 22) + " " +
			common.Pad(l.What, max(rest, 1)) + extra
		if i == d.cursor {
			text = st.Selected.Render(text)
		}
		lines = append(lines, text)
	}
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines, st.Help.Render(common.Truncate(w.DrillHint, width)))
	return strings.Join(lines, "\n")
}

// urgeView is the drill-down with the urge typed under it.
func (m *Model) urgeView() string {
	st, w, u, lang := m.ctx.Styles, m.w, &m.urge, m.ctx.Lang
	width := max(m.width, 40)
	lines := strings.Split(m.drillView(), "\n")
	if len(lines) > 4 {
		lines = lines[:len(lines)-4]
	}
	lines = append(lines,
		st.Title.Render(common.Truncate(fmt.Sprintf(w.UrgeTitle, u.body, u.line.No), width)),
		common.Truncate(fmt.Sprintf(w.UrgeHow, model.UrgeHows[u.how].Label().In(lang)), width),
		w.UrgeWhat+u.what.View(),
		st.Help.Render(common.Truncate(w.UrgeHint, width)))
	return strings.Join(lines, "\n")
}

func (m *Model) chartsView() string {
	st, w, c, lang := m.ctx.Styles, m.w, m.charts, m.ctx.Lang
	width := max(m.width, 40)
	ch := c.charts[c.which]
	lines := []string{
		st.Title.Render(common.Truncate(fmt.Sprintf(w.ChartsTitle, ch.Title.In(lang), m.periodText(m.period)), width)),
		st.Muted.Render(common.Truncate(m.unitName()+fmt.Sprintf("  (%d/%d)", c.which+1, len(c.charts)), width)),
		"",
	}
	if len(ch.Bars) == 0 {
		lines = append(lines, st.Muted.Render(w.NoData))
	}
	most, total := 0, 0
	lw := 8
	for _, b := range ch.Bars {
		most = max(most, b.Value())
		total += b.Value()
		lw = max(lw, lipgloss.Width(b.Label.In(lang)))
	}
	lw = min(lw, 30)
	barRoom := max(width-1-lw-1-12, 4)
	room := max(m.height-len(lines)-1, 1)
	from := max(0, min(c.cursor-room+1, len(ch.Bars)-room))
	for i := from; i < min(len(ch.Bars), from+room); i++ {
		b := ch.Bars[i]
		n := 0
		if most > 0 {
			n = (b.Value()*barRoom + most - 1) / most
		}
		share := ""
		if total > 0 {
			share = fmt.Sprintf(" %3d%%", (b.Value()*100+total/2)/total)
		}
		mark := " "
		if i == c.cursor {
			mark = "›"
		}
		label := mark + common.Pad(b.Label.In(lang), lw) + " "
		if i == c.cursor {
			label = st.Selected.Render(label)
		}
		lines = append(lines, label+st.Bold.Render(strings.Repeat("█", n))+fmt.Sprintf(" %d", b.Value())+st.Muted.Render(share))
	}
	for len(lines) < m.height-1 {
		lines = append(lines, "")
	}
	lines = append(lines, st.Help.Render(common.Truncate(w.ChartsHint, width)))
	return strings.Join(lines, "\n")
}

// columnHead names a column's period in its width: "Q3/2026"; for a range
// (whose length the title gives) its first day, "05/03/26→".
func columnHead(f model.Figures) string {
	if f.Period.Kind == model.PeriodRange {
		return fmt.Sprintf("%02d/%02d/%02d→", f.From.D, int(f.From.M), f.From.Y%100)
	}
	return f.Period.Short()
}
