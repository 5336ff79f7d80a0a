package queue

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

type view int

const (
	viewOpen view = iota
	viewClosed
	viewReview
)

// column names a column of the list.
type column int

const (
	colNo column = iota
	colSite
	colSender
	colKind
	colField
	colHandler
	colStatus
	colResult
	colDue
	colClosed
	colLeft
)

// From wideFrom columns the list shows full numbers and dates and wider
// columns; from statusFrom, each case's status too.
const (
	wideFrom   = 110
	statusFrom = 140
)

// Model is the queue screen.
type Model struct {
	ctx  *common.Context
	w    *common.QueueWords
	keys keyMap

	width, height int
	view          view
	search        textfield.Model
	filters       Filters
	form          *filterForm // the filter form, when open
	review        *reviewView // the backlog review, when shown
	preview       preview     // the case under the cursor, when there is room to show it

	// The rows of the list being shown (open or closed cases).
	rows         []row
	byID         map[string]int
	order        []int32 // rows in list order (gone ones left out)
	shown        []int32 // order, less what the search and filters drop
	loaded       bool
	partial      bool // only the newest closed cases so far (newestPage)
	loadedDay    model.Date
	loadedClosed bool
	multiSite    bool
	overdue      int
	dueSoon      int

	table        common.Table
	tableRows    [][]string
	cols         []column
	wide         bool
	handlerWidth int
	fieldWidth   int
	names        map[string]string // site/login -> name, read with the rows
	empFold      map[string]string // employer -> folded
	users        []model.User      // this site's users, for the handler filter

	// loading is the number of the list being built in a command (0:
	// none); stale is set when data changed meanwhile, so the list is
	// built again when it arrives. prefsRead is set once the person's
	// filters were read.
	loading   int
	loadSeq   int
	loadErr   string // why the list may miss cases (damaged records)
	stale     bool
	prefsRead bool
}

// New makes the screen. It reads nothing: Prefetch (at sign-in) or Init
// (the first F4) builds the rows in a command.
func New(ctx *common.Context) common.Screen {
	m := &Model{
		ctx: ctx, w: &ctx.Words.Queue, width: 80, height: 21,
		names: map[string]string{}, empFold: map[string]string{},
	}
	m.keys = newKeys(m.w)
	m.search = ctx.NewField(m.w.SearchHint, 40)
	m.search.Styles = textfield.DefaultStyles(ctx.Styles.R)
	m.search.CharLimit = 80
	m.search.Focus()
	m.layout()
	return m
}

// Prefetch builds the open cases' rows in a command when the person signs
// in, so the first F4 only draws them.
func (m *Model) Prefetch() tea.Cmd {
	if m.loaded || m.loading != 0 {
		return nil
	}
	return m.loadCmd()
}

// Init shows the rows, and builds them again (in a command) when none
// were built, the day has changed (every deadline moves) or the other
// list was asked for.
func (m *Model) Init() tea.Cmd {
	today := m.ctx.Today()
	if m.loading == 0 && (!m.loaded || m.loadedDay != today || m.loadedClosed != (m.view == viewClosed)) {
		return m.loadCmd()
	}
	return m.previewCmd()
}

// SetSize sets the size of the screen's body.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

// layout chooses the columns for the width and sizes the table.
func (m *Model) layout() {
	w := m.w
	m.wide = m.width >= wideFrom
	var cols []common.Column
	add := func(id column, title string, width int, right bool) {
		m.cols = append(m.cols, id)
		if id == colField {
			m.fieldWidth = width
		}
		cols = append(cols, common.Column{Title: title, Width: width, Right: right})
	}
	m.cols = m.cols[:0]
	noW := 10
	if m.wide {
		noW = 15
	}
	add(colNo, w.ColNo, noW, false)
	if m.multiSite {
		add(colSite, w.ColSite, max(lipgloss.Width(w.ColSite), 5), false)
	}
	add(colSender, w.ColSender, 0, false)
	switch {
	case m.view == viewClosed && m.wide:
		m.handlerWidth = 12
		add(colKind, w.ColKind, 12, false)
		add(colField, w.ColField, 14, false)
		add(colHandler, w.ColHandler, m.handlerWidth, false)
		add(colResult, w.ColResult, 15, false)
		add(colClosed, w.ColClosed, 10, false)
		add(colLeft, w.ColTimely, 18, false)
	case m.view == viewClosed:
		m.handlerWidth = 7
		add(colKind, w.ColKind, 9, false)
		add(colResult, w.ColResult, 14, false)
		add(colClosed, w.ColClosed, 10, false)
		add(colLeft, w.ColTimely, 13, false)
	case m.wide:
		m.handlerWidth = 12
		add(colKind, w.ColKind, 12, false)
		add(colField, w.ColField, 14, false)
		add(colHandler, w.ColHandler, m.handlerWidth, false)
		if m.width >= statusFrom {
			add(colStatus, w.ColStatus, 16, false)
		}
		add(colDue, w.ColDue, 10, false)
		add(colLeft, w.ColLeft, 18, false)
	default:
		m.handlerWidth = 6
		add(colKind, w.ColKind, 9, false)
		add(colField, w.ColField, 10, false)
		add(colHandler, w.ColHandler, m.handlerWidth, false)
		if !m.multiSite {
			// An office's list gives the site this room: the days left
			// still say how urgent a case is, the date is in follow-up.
			add(colDue, w.ColDue, 5, false)
		}
		add(colLeft, w.ColLeft, 18, false) // "⚠ quá hạn 999 ngày"
	}
	m.table.Columns = cols
	m.table.Width = m.width
	m.table.Height = max(m.height-3, 2)
	if m.showPreview() {
		m.table.Height -= previewLines // the pane of the case under the cursor
	}
	m.table.RowStyle = m.rowStyle
	for i := range m.rows {
		m.rows[i].cells = nil
	}
	m.search.Width = max(m.width-lipgloss.Width(w.Search)-3, 10)
	m.table.Move(0)
}

// leftWidth is the width of the days-left column.
func (m *Model) leftWidth() int {
	for i, c := range m.cols {
		if c == colLeft {
			return m.table.Columns[i].Width
		}
	}
	return 0
}

// senderWidth is the width the sender's column gets.
func (m *Model) senderWidth() int {
	used := len(m.table.Columns) - 1 // the spaces between columns
	for _, c := range m.table.Columns {
		used += c.Width
	}
	return max(m.width-used, 1)
}

func (m *Model) rowStyle(i int) lipgloss.Style {
	st := m.ctx.Styles
	if i < len(m.shown) {
		switch m.rows[m.shown[i]].state {
		case model.DeadlineOverdue:
			return st.Overdue
		case model.DeadlineDueSoon:
			return st.DueSoon
		}
	}
	return st.App
}

// Update handles keys and the messages every screen gets.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case common.ChangedMsg:
		if m.loading != 0 {
			m.stale = true // the rows being built may miss it
			return m, nil
		}
		if !m.loaded {
			return m, nil
		}
		if model.EntityKind(msg.Entity) == model.EntCase {
			return m, m.reread(msg.Entity)
		}
		return m, tea.Batch(m.loadCmd(), m.reviewAgain())
	case rowsMsg:
		return m, m.adoptMsg(msg)
	case caseMsg:
		if m.loaded {
			m.update(msg)
			return m, m.reviewAgain()
		}
		return m, nil
	case reviewMsg:
		if m.review != nil || msg.open {
			m.review = msg.v
			m.review.resize(m)
		}
		return m, nil
	case common.InputModeMsg:
		m.search.SetMode(msg.Mode)
		m.search.SetToneStyle(msg.Style)
		if m.form != nil {
			m.form.setMode(msg.Mode, msg.Style)
		}
		return m, nil
	case tea.KeyMsg:
		switch {
		case m.form != nil:
			return m, m.formKey(msg)
		case m.review != nil:
			return m, m.reviewKey(msg)
		}
		cmd := m.listKey(msg)
		return m, tea.Batch(cmd, m.previewCmd())
	case previewMsg:
		if msg.id == m.preview.id {
			m.preview.c, m.preview.ok = msg.c, msg.err == nil
		}
		return m, nil
	}
	return m, nil
}

func (m *Model) listKey(msg tea.KeyMsg) tea.Cmd {
	k := m.keys
	if d, ok := k.Step(msg, m.table.Page()); ok {
		m.table.Move(d)
		return nil
	}
	switch {
	case key.Matches(msg, k.Open):
		if id := m.current(); id != "" {
			return func() tea.Msg { return common.OpenCaseMsg{ID: id} }
		}
	case key.Matches(msg, k.Clear):
		if m.search.Value() != "" {
			m.search.Reset()
			m.refilter()
		}
	case key.Matches(msg, k.Filter):
		m.form = m.newFilterForm()
	case key.Matches(msg, k.ClearAll):
		if m.filters.active() {
			m.filters = Filters{}
			m.refilter()
			return m.saveFilters(m.w.FilterCleared)
		}
	case key.Matches(msg, k.Closed):
		if m.view == viewClosed {
			m.view = viewOpen
		} else {
			m.view = viewClosed
		}
		m.table.Cursor, m.table.Offset = 0, 0
		return m.loadCmd()
	case key.Matches(msg, k.Review):
		return m.reviewCmd(true)
	default:
		before := m.search.Value()
		m.search, _ = m.search.Update(msg)
		if m.search.Value() != before {
			m.table.Cursor, m.table.Offset = 0, 0
			m.refilter()
		}
	}
	return nil
}

// current returns the id of the case under the cursor.
func (m *Model) current() string {
	if m.table.Cursor < 0 || m.table.Cursor >= len(m.shown) {
		return ""
	}
	return m.rows[m.shown[m.table.Cursor]].id
}

// View draws the screen's body.
func (m *Model) View() string {
	switch {
	case !m.loaded:
		return m.ctx.Styles.Muted.Render(m.w.Loading)
	case m.review != nil:
		return m.review.view(m)
	case m.form != nil:
		return m.form.view(m)
	}
	return m.listView()
}

func (m *Model) listView() string {
	st, w := m.ctx.Styles, m.w
	title := w.Title
	empty := w.Empty
	if m.view == viewClosed {
		title, empty = w.TitleClosed, w.EmptyClosed
	}
	if len(m.shown) == 0 && len(m.order) > 0 {
		empty = w.NoMatch
	}
	parts := []string{st.Title.Render(title)}
	if m.partial && m.view == viewClosed {
		parts = append(parts, fmt.Sprintf(w.Newest, len(m.order)))
	} else if len(m.shown) == len(m.order) {
		parts = append(parts, fmt.Sprintf(w.Count, len(m.shown)))
	} else {
		parts = append(parts, fmt.Sprintf(w.CountOf, len(m.shown), len(m.order)))
	}
	if m.overdue > 0 {
		parts = append(parts, st.Overdue.Render(fmt.Sprintf(w.OverdueN, m.overdue)))
	}
	if m.dueSoon > 0 {
		parts = append(parts, st.DueSoon.Render(fmt.Sprintf(w.DueSoonN, m.dueSoon)))
	}
	head := common.Truncate(strings.Join(parts, " · "), m.width)
	search := st.Focused.Render(w.Search+":") + " " + m.search.View()
	// Fill the cells of the rows on screen only.
	end := min(m.table.Offset+max(m.table.Height-1, 1), len(m.shown))
	for i := m.table.Offset; i < end; i++ {
		m.table.Rows[i] = m.cells(m.shown[i])
	}
	top := head + "\n" + search + "\n" + m.filterLine() + "\n"
	if m.loadErr != "" {
		errLines := strings.Split(ansi.Wrap("✗ "+m.loadErr, m.width, ""), "\n")
		for _, l := range errLines {
			top += st.ErrText.Render(l) + "\n"
		}
		h := m.table.Height
		m.table.Height = max(h-len(errLines), 2)
		defer func() { m.table.Height = h }()
	}
	out := top + m.table.View(st, empty)
	if m.showPreview() && len(m.shown) > 0 {
		lines := strings.Split(out, "\n")
		for len(lines) < m.height-previewLines {
			lines = append(lines, "")
		}
		out = strings.Join(append(lines, m.previewView()...), "\n")
	}
	return out
}

// filterLine says which filters are on.
func (m *Model) filterLine() string {
	st, w := m.ctx.Styles, m.w
	if !m.filters.active() {
		return st.Muted.Render(common.Truncate(w.FiltersLine+w.FiltersNone+" · "+w.FilterEditHint, m.width))
	}
	desc := m.filters.describe(m)
	hint := " · " + w.FilterEditHint
	room := m.width - lipgloss.Width(w.FiltersLine) - lipgloss.Width(hint)
	return st.Bold.Render(w.FiltersLine) + st.Warn.Render(common.Truncate(desc, room)) + st.Muted.Render(hint)
}

// ShortHelp lists the main keys.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	// The root adds F1 and Ctrl+Q; together they must fit in 80 cells.
	switch {
	case m.form != nil:
		return []key.Binding{k.Change, k.Apply, k.Cancel}
	case m.review != nil:
		return []key.Binding{k.Open, m.backKey()}
	}
	closed := m.closedKey()
	closed.SetHelp("Ctrl+T", m.w.KeyClosedBar)
	if m.view == viewClosed {
		closed.SetHelp("Ctrl+T", m.w.KeyOpenBar)
	}
	review := k.Review
	review.SetHelp("Ctrl+R", m.w.KeyReviewBar)
	return []key.Binding{k.Filter, closed, review}
}

// FullHelp lists every key of the current view.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	switch {
	case m.form != nil:
		return [][]key.Binding{{k.Next, k.Change, k.Apply, k.ClearAll, k.Cancel}}
	case m.review != nil:
		return [][]key.Binding{{k.Move, k.Open, m.backKey()}}
	}
	return [][]key.Binding{{k.Type, k.Move, k.Open, k.Clear}, {k.Filter, k.ClearAll, m.closedKey(), k.Review}}
}

func (m *Model) closedKey() key.Binding {
	b := m.keys.Closed
	if m.view == viewClosed {
		b.SetHelp("Ctrl+T", m.w.KeyOpenCases)
	}
	return b
}

func (m *Model) backKey() key.Binding {
	b := m.keys.Review
	b.SetHelp("Ctrl+R/Esc", m.w.KeyList)
	return b
}

// Dirty is true while the filter form holds changes not yet applied.
func (m *Model) Dirty() bool { return m.form != nil && m.form.changed(m) }

// Capturing is true: letters go to the search box or a form field.
func (m *Model) Capturing() bool { return m.review == nil }
