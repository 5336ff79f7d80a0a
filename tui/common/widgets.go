package common

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// Truncate cuts s to at most w terminal cells, ending with "…" when cut.
// It counts display width (wide and combining characters), never bytes.
func Truncate(s string, w int) string {
	if w <= 0 {
		return ""
	}
	return ansi.Truncate(s, w, "…")
}

// Pad truncates s to w cells and pads it with spaces to exactly w.
func Pad(s string, w int) string {
	s = Truncate(s, w)
	if d := w - lipgloss.Width(s); d > 0 {
		s += strings.Repeat(" ", d)
	}
	return s
}

// PadLeft is Pad aligned right (for numbers).
func PadLeft(s string, w int) string {
	s = Truncate(s, w)
	if d := w - lipgloss.Width(s); d > 0 {
		s = strings.Repeat(" ", d) + s
	}
	return s
}

// Column is one column of a Table: a header and a width in cells. A
// width of 0 takes the space left (at most one such column).
//
// A Fit column is as wide as its widest cell (or its title), up to Width
// when Width is set: no width is wasted on empty cells. When the columns do
// not fit, those with the highest Shrink give up width first, down to Min
// (their title's width when Min is 0); the flexible column keeps at least
// a third of the table.
type Column struct {
	Title  string
	Width  int
	Right  bool
	Fit    bool
	Min    int
	Shrink int
}

// Table is a list of rows with a cursor, scrolled to keep the cursor in
// view. Rows are plain cells; a row style (overdue, due soon) is chosen by
// the caller through RowStyle. It has no key handling of its own beyond
// Up/Down/PageUp/PageDown/Home/End via Move.
type Table struct {
	Columns  []Column
	Rows     [][]string
	RowStyle func(i int) lipgloss.Style
	Cursor   int
	Offset   int
	Width    int
	Height   int // rows shown, header included
}

// SetRows replaces the rows, keeping the cursor in range.
func (t *Table) SetRows(rows [][]string) {
	t.Rows = rows
	t.Move(0)
}

// Move moves the cursor by d rows (clamped) and scrolls.
func (t *Table) Move(d int) {
	t.Cursor += d
	if t.Cursor >= len(t.Rows) {
		t.Cursor = len(t.Rows) - 1
	}
	if t.Cursor < 0 {
		t.Cursor = 0
	}
	page := t.Height - 1
	if page < 1 {
		page = 1
	}
	if t.Cursor < t.Offset {
		t.Offset = t.Cursor
	}
	if t.Cursor >= t.Offset+page {
		t.Offset = t.Cursor - page + 1
	}
	if t.Offset < 0 {
		t.Offset = 0
	}
}

// Page is the number of rows one PageDown moves.
func (t *Table) Page() int { return max(t.Height-2, 1) }

// tableKeys are the list keys of every Table (never changed).
var tableKeys = NewListKeys()

// HandleKey moves the cursor for the list keys; it reports whether msg
// was one of them.
func (t *Table) HandleKey(msg tea.KeyMsg) bool {
	d, ok := tableKeys.Step(msg, t.Page())
	if ok {
		t.Move(d)
	}
	return ok
}

func (t *Table) widths() []int {
	ws := make([]int, len(t.Columns))
	used, flex := 0, -1
	for i, c := range t.Columns {
		ws[i] = c.Width
		if c.Fit {
			n := lipgloss.Width(c.Title)
			for _, r := range t.Rows {
				if i < len(r) {
					n = max(n, lipgloss.Width(r[i]))
				}
			}
			if c.Width > 0 {
				n = min(n, c.Width)
			}
			if i == 0 {
				n++ // the cursor mark takes a cell of the first column
			}
			ws[i] = n
		} else if c.Width == 0 {
			flex = i
		}
		used += ws[i]
	}
	used += len(t.Columns) - 1 // one space between columns
	room := t.Width
	if flex >= 0 {
		room -= t.Width / 3 // the flexible column keeps a third
	}
	// Too wide: the columns that shrink first give up width.
	for over := used - room; over > 0; {
		best := -1
		for i, c := range t.Columns {
			if c.Shrink > 0 && ws[i] > t.minWidth(i) && (best < 0 || c.Shrink > t.Columns[best].Shrink) {
				best = i
			}
		}
		if best < 0 {
			break
		}
		d := min(over, ws[best]-t.minWidth(best))
		ws[best] -= d
		used -= d
		over -= d
	}
	if flex >= 0 {
		ws[flex] = max(t.Width-used, 1)
	}
	return ws
}

func (t *Table) minWidth(i int) int {
	if c := t.Columns[i]; c.Min > 0 {
		return c.Min
	}
	return max(lipgloss.Width(t.Columns[i].Title), 3)
}

func (t *Table) line(cells []string, ws []int) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		c := ""
		if i < len(cells) {
			c = cells[i]
		}
		if t.Columns[i].Right {
			parts[i] = PadLeft(c, w)
		} else {
			parts[i] = Pad(c, w)
		}
	}
	return strings.Join(parts, " ")
}

// View renders the header and the visible rows; the cursor row is drawn
// with selected and marked with "›" so it shows without colour too.
func (t *Table) View(st *Styles, empty string) string {
	ws := t.widths()
	ws[0]-- // room for the cursor mark
	var b strings.Builder
	hdr := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		hdr[i] = c.Title
	}
	b.WriteString(st.Header.Render(" " + t.line(hdr, ws)))
	if len(t.Rows) == 0 {
		b.WriteString("\n" + st.Muted.Render(" "+empty))
		return b.String()
	}
	end := min(t.Offset+max(t.Height-1, 1), len(t.Rows))
	for i := t.Offset; i < end; i++ {
		mark := " "
		if i == t.Cursor {
			mark = "›"
		}
		l := mark + t.line(t.Rows[i], ws)
		switch {
		case i == t.Cursor:
			l = st.Selected.Render(l)
		case t.RowStyle != nil:
			l = t.RowStyle(i).Render(l)
		}
		b.WriteString("\n" + l)
	}
	return b.String()
}

// Option is one choice of a Choice: a key, a label and a value.
type Option struct {
	Key   string // one letter or digit, as typed
	Label string
	Value string
}

// Choice is a set of options picked with one keystroke each.
type Choice struct {
	Options  []Option
	Selected int // -1 = none
}

// NewChoice makes a choice with nothing selected.
func NewChoice(opts ...Option) Choice { return Choice{Options: opts, Selected: -1} }

// Pick selects the option whose key is k; it reports whether one matched.
func (c *Choice) Pick(k string) bool {
	for i, o := range c.Options {
		if strings.EqualFold(o.Key, k) {
			c.Selected = i
			return true
		}
	}
	return false
}

// Value returns the selected value, or "".
func (c *Choice) Value() string {
	if c.Selected < 0 || c.Selected >= len(c.Options) {
		return ""
	}
	return c.Options[c.Selected].Value
}

// Select selects the option with value v.
func (c *Choice) Select(v string) {
	c.Selected = -1
	for i, o := range c.Options {
		if o.Value == v {
			c.Selected = i
		}
	}
}

// View renders the options as "[K]Label", the selected one bold and
// marked with "●" so it shows without colour too; wraps at width.
func (c *Choice) View(st *Styles, width int) string {
	var lines []string
	line := ""
	for i, o := range c.Options {
		item := "[" + o.Key + "]" + o.Label
		if i == c.Selected {
			item = st.Choice.Render("●" + item)
		} else {
			item = " " + item
		}
		if line != "" && lipgloss.Width(line)+1+lipgloss.Width(item) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += item
	}
	return strings.Join(append(lines, line), "\n")
}
