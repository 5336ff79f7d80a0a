package importscreen

import (
	"fmt"
	"strings"
	"sync"
	"time"

	"donthu/model"
	"donthu/store/register"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

type importMode int

const (
	modePath    importMode = iota // typing the file's path
	modeBusy                      // reading, planning or importing
	modePreview                   // the columns and the dry run
	modeConfirm                   // asking before the import
	modeDone                      // what was imported
)

// Importer is the page that brings an old register in.
type Importer struct {
	ctx           *common.Context
	w             *Words
	keys          importKeys
	width, height int

	mode    importMode
	path    textfield.Model
	kind    register.Kind
	sheet   string // "" = the first
	table   *register.Table
	plan    *register.Plan
	col     int  // the column under the cursor
	rows    bool // showing the rows rather than the columns
	errOnly bool // only the rows in error
	offset  int  // the row under the cursor (rows view)
	busy    string
	job     *applyJob
	done    string
	errText string
}

type importKeys struct {
	Read, Kind, Move, Field, View, Sheet, Errors, Apply, Confirm, Back key.Binding
}

func newImportKeys(w *Words) importKeys {
	return importKeys{
		Read:    key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", w.KeyRead)),
		Kind:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("Tab", w.KeyKind)),
		Move:    key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown", "home", "end"), key.WithHelp("↑↓", w.KeyMove)),
		Field:   key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←→", w.KeyField)),
		View:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("Tab", w.KeyView)),
		Sheet:   key.NewBinding(key.WithKeys("t"), key.WithHelp("t", w.KeySheet)),
		Errors:  key.NewBinding(key.WithKeys("l"), key.WithHelp("l", w.KeyErrors)),
		Apply:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", w.KeyApply)),
		Confirm: key.NewBinding(key.WithKeys("c", "C"), key.WithHelp("C", w.KeyConfirm)),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack)),
	}
}

// NewImporter makes the import page.
func NewImporter(ctx *common.Context) common.Screen {
	w := wordsFor(ctx.Lang)
	m := &Importer{ctx: ctx, w: w, keys: newImportKeys(w), width: 80, height: 21, kind: register.KindVisits}
	m.path = ctx.NewField(w.PathHint, 60)
	// A path is not Vietnamese text: Telex would turn "so-tiep" into "sô-tiep".
	m.path.SetMode(textfield.ModeOff)
	m.path.CharLimit = 1000
	m.path.Focus()
	return m
}

type preparedMsg struct {
	table *register.Table
	plan  *register.Plan
	err   error
}

// applyJob is an import under way: its progress, read by ticks, and its end.
type applyJob struct {
	mu          sync.Mutex
	done, total int
	res         *register.Applied
	err         error
}

func (j *applyJob) state() (int, int, *register.Applied, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.done, j.total, j.res, j.err
}

type tickMsg struct{ j *applyJob }

// Init looks again at an import left running when another screen was
// shown (its ticks went to that screen and were lost).
func (m *Importer) Init() tea.Cmd {
	if m.job != nil {
		return m.tick(m.job)
	}
	return nil
}

func (m *Importer) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Importer) Dirty() bool { return m.mode == modeBusy && m.job != nil }

func (m *Importer) Capturing() bool { return m.mode == modePath }

// CanLeave reports that Esc is free for a host to go back with: on the
// first step, where the page itself has no use for it.
func (m *Importer) CanLeave() bool { return m.mode == modePath }

func (m *Importer) ShortHelp() []key.Binding {
	switch m.mode {
	case modePath:
		return []key.Binding{m.keys.Read, m.keys.Kind}
	case modePreview:
		// What each view's keys do, the import first after the moves: the
		// help line is cut at the width of the terminal.
		if m.rows {
			return []key.Binding{m.keys.Move, m.keys.View, m.keys.Apply, m.keys.Errors, m.keys.Back}
		}
		keys := []key.Binding{m.keys.Move, m.keys.Field, m.keys.View, m.keys.Apply}
		if m.table != nil && len(m.table.Sheets) > 1 {
			keys = append(keys, m.keys.Sheet)
		}
		return append(keys, m.keys.Back)
	case modeConfirm:
		return []key.Binding{m.keys.Confirm, m.keys.Back}
	}
	return []key.Binding{m.keys.Back}
}

func (m *Importer) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Read, m.keys.Kind}, {m.keys.Move, m.keys.Field, m.keys.View, m.keys.Sheet, m.keys.Errors}, {m.keys.Apply, m.keys.Confirm, m.keys.Back}}
}

func (m *Importer) leader() bool { return model.May(&m.ctx.User, model.ActImport) }

// prepare reads (if needed) and plans the file with the mapping given.
func (m *Importer) prepare(read bool, mapping map[string]string) tea.Cmd {
	s, path, table, kind, sheet := m.ctx.Store, strings.TrimSpace(m.path.Value()), m.table, m.kind, m.sheet
	return func() tea.Msg {
		var err error
		if read || table == nil {
			if table, err = register.Read(path, sheet); err != nil {
				return preparedMsg{err: err}
			}
		}
		p, err := register.Prepare(s, table, register.Options{Kind: kind, Map: mapping})
		return preparedMsg{table: table, plan: p, err: err}
	}
}

func (m *Importer) tick(j *applyJob) tea.Cmd {
	return tea.Tick(100*time.Millisecond, func(time.Time) tea.Msg { return tickMsg{j} })
}

func (m *Importer) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case preparedMsg:
		if m.mode != modeBusy {
			return m, nil
		}
		if msg.err != nil {
			m.mode, m.errText = modePath, m.ctx.Say(msg.err)
			m.path.Focus()
			return m, common.Error(m.errText)
		}
		m.table, m.plan, m.mode, m.errText = msg.table, msg.plan, modePreview, ""
		m.col = min(m.col, max(len(m.plan.Columns)-1, 0))
		return m, nil
	case tickMsg:
		if msg.j != m.job {
			return m, nil
		}
		_, _, res, err := msg.j.state()
		switch {
		case err != nil:
			m.job, m.mode = nil, modePreview
			return m, m.ctx.Fail(err)
		case res != nil:
			m.job, m.mode = nil, modeDone
			m.done = fmt.Sprintf(m.w.Applied, res.Rows, res.Persons, res.Visits, res.Petitions, res.Cases)
			return m, tea.Batch(common.Status(m.done), common.Changed(""))
		}
		return m, m.tick(msg.j)
	case tea.KeyMsg:
		return m.key(msg)
	}
	if m.mode == modePath {
		var cmd tea.Cmd
		m.path, cmd = m.path.Update(msg)
		return m, cmd
	}
	return m, nil
}

func (m *Importer) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	switch m.mode {
	case modePath:
		switch {
		case key.Matches(msg, m.keys.Read):
			if strings.TrimSpace(m.path.Value()) == "" {
				return m, nil
			}
			m.mode, m.busy, m.table, m.col, m.rows, m.offset, m.sheet = modeBusy, m.w.Reading, nil, 0, false, 0, ""
			m.path.Blur()
			return m, m.prepare(true, nil)
		case key.Matches(msg, m.keys.Kind):
			if m.kind == register.KindVisits {
				m.kind = register.KindPetitions
			} else {
				m.kind = register.KindVisits
			}
			return m, nil
		}
		var cmd tea.Cmd
		m.path, cmd = m.path.Update(msg)
		return m, cmd
	case modePreview:
		return m.previewKey(msg)
	case modeConfirm:
		switch {
		case key.Matches(msg, m.keys.Confirm):
			return m.apply()
		case key.Matches(msg, m.keys.Back):
			m.mode = modePreview
		}
		return m, nil
	case modeDone:
		if key.Matches(msg, m.keys.Back) {
			m.mode, m.plan, m.table = modePath, nil, nil
			m.path.Focus()
		}
	}
	return m, nil
}

func (m *Importer) previewKey(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	p := m.plan
	switch {
	case key.Matches(msg, m.keys.Back):
		m.mode = modePath
		m.path.Focus()
	case key.Matches(msg, m.keys.View):
		m.rows = !m.rows
	case key.Matches(msg, m.keys.Errors) && m.rows:
		m.errOnly, m.offset = !m.errOnly, 0
	case key.Matches(msg, m.keys.Sheet) && len(m.table.Sheets) > 1:
		next := 0
		for i, n := range m.table.Sheets {
			if n == m.table.Sheet {
				next = (i + 1) % len(m.table.Sheets)
			}
		}
		m.sheet = m.table.Sheets[next]
		m.mode, m.busy, m.col, m.offset = modeBusy, m.w.Reading, 0, 0
		return m, m.prepare(true, nil)
	case key.Matches(msg, m.keys.Apply):
		if !m.leader() {
			return m, common.Error(m.w.NotLeader)
		}
		if p.Counts().New == 0 {
			return m, common.Error(m.w.NothingNew)
		}
		m.mode = modeConfirm
	case key.Matches(msg, m.keys.Field) && !m.rows && len(p.Columns) > 0:
		c := p.Columns[m.col]
		i := 0
		for j, f := range model.RegisterFields {
			if f == c.Field {
				i = j
			}
		}
		d := 1
		if msg.String() == "left" {
			d = -1
		}
		n := len(model.RegisterFields)
		mapping := map[string]string{}
		for _, x := range p.Columns {
			if !x.Guessed {
				mapping[x.Letter] = string(x.Field)
			}
		}
		mapping[c.Letter] = string(model.RegisterFields[((i+d)%n+n)%n])
		m.mode, m.busy = modeBusy, m.w.Planning
		return m, m.prepare(false, mapping)
	case key.Matches(msg, m.keys.Move):
		delta := map[string]int{"up": -1, "down": 1, "pgup": -10, "pgdown": 10, "home": -1 << 20, "end": 1 << 20}[msg.String()]
		if m.rows {
			m.offset = max(0, min(m.offset+delta, len(m.shown())-1))
		} else {
			m.col = max(0, min(m.col+delta, len(p.Columns)-1))
		}
	}
	return m, nil
}

func (m *Importer) apply() (common.Screen, tea.Cmd) {
	j := &applyJob{}
	m.job, m.mode = j, modeBusy
	s, p, author := m.ctx.Store, m.plan, m.ctx.User.Login
	go func() {
		res, err := register.Apply(s, p, author, register.ApplyOptions{SkipErrors: true, Progress: func(done, total int) {
			j.mu.Lock()
			j.done, j.total = done, total
			j.mu.Unlock()
		}})
		j.mu.Lock()
		if err != nil {
			j.err = err
		} else {
			j.res = &res
		}
		j.mu.Unlock()
	}()
	return m, m.tick(j)
}

func (m *Importer) View() string {
	st := m.ctx.Styles
	out := []string{st.Title.Render(m.w.ImportTitle)}
	kind := m.w.KindVisits
	if m.kind == register.KindPetitions {
		kind = m.w.KindPetitions
	}
	switch m.mode {
	case modePath:
		out = append(out, "", m.w.PathLabel, "  "+m.path.View(), "", m.w.KindLabel+" "+st.Bold.Render(kind))
		if m.errText != "" {
			out = append(out, "", st.ErrText.Render(common.Truncate(m.errText, m.width)))
		}
	case modeBusy:
		text := m.busy
		if m.job != nil {
			done, total, _, _ := m.job.state()
			text = fmt.Sprintf(m.w.Applying, done, total)
			if total > 0 && done == total {
				// Every row is in the transaction: its commit (seconds
				// for a big register) is what remains.
				text = m.w.Committing
			}
		}
		out = append(out, "", text)
	case modePreview, modeConfirm, modeDone:
		out = append(out, m.previewView()...)
	}
	if len(out) > m.height {
		out = out[:m.height]
	}
	return strings.Join(out, "\n")
}

func (m *Importer) previewView() []string {
	st, p, w := m.ctx.Styles, m.plan, m.w
	head := p.Header(m.ctx.Lang)
	out := []string{common.Truncate(head[0], m.width)}
	tab := func(name string, on bool) string {
		if on {
			return st.TabActive.Render(" " + name + " ")
		}
		return st.Tab.Render(" " + name + " ")
	}
	out = append(out, tab(w.ViewColumns, !m.rows)+" "+tab(w.ViewRows, m.rows))
	room := m.height - 8 // title, file, tabs, header, detail (2), summary (2)
	switch {
	case m.mode == modeDone:
		out = append(out, "")
		a, b := wrap2("✓ "+m.done, m.width)
		out = append(out, st.OK.Render(a), st.OK.Render(b), "")
		for _, l := range wrapLines(w.DoneHint, m.width, 2) {
			out = append(out, st.Muted.Render(l))
		}
		return out
	case m.rows:
		// The rows, one line each, and the row under the cursor in full.
		rows := m.shown()
		var detail []string
		if m.offset < len(rows) {
			detail = wrapLines(rows[m.offset].Describe(m.ctx.Lang), m.width, 4)
		}
		room = max(1, m.height-6-len(detail)-1)
		start := max(0, m.offset-room+1)
		for i := start; i < len(rows) && i < start+room; i++ {
			r := rows[i]
			line := common.Truncate(" "+r.Describe(m.ctx.Lang), m.width)
			switch {
			case i == m.offset:
				line = st.Selected.Render("›" + line[1:])
			case r.Status == register.RowError:
				line = st.ErrText.Render(line)
			}
			out = append(out, line)
		}
		for len(out) < m.height-3-len(detail) {
			out = append(out, "")
		}
		for _, l := range detail {
			out = append(out, st.Muted.Render(l))
		}
	default:
		t := common.Table{
			// At 80 columns: 24 for the header, 19 for the field; narrower
			// (hosted beside a menu), a third each.
			Columns: []common.Column{{Title: w.ColLetter, Width: 4}, {Title: w.ColHeader, Width: min(24, max(10, (m.width-4)/3))},
				{Title: w.ColField, Width: min(19, max(10, (m.width-4)/3))}, {Title: w.ColEnc, Width: 0}},
			Width:  m.width,
			Height: min(len(p.Columns), room) + 1,
		}
		var rows [][]string
		for _, c := range p.Columns {
			enc := ""
			if c.Encoding != model.EncUnicode {
				enc = c.Encoding.Label().In(m.ctx.Lang)
				if m.width >= 70 { // room for a sample; narrower, the lines below the table show it
					enc += ": " + c.After
				}
			}
			field := c.Field.Label().In(m.ctx.Lang)
			if !c.Guessed {
				field = "*" + field // set by the person, not guessed
			}
			rows = append(rows, []string{c.Letter, c.Header, field, enc})
		}
		t.SetRows(rows)
		t.Cursor = m.col
		t.Move(0)
		out = append(out, strings.Split(t.View(st, ""), "\n")...)
		if c := p.Columns[m.col]; c.Encoding != model.EncUnicode {
			// The column under the cursor: a cell before and after, each
			// on its line, so that the converted text reads whole.
			out = append(out,
				st.Muted.Render(common.Truncate(fmt.Sprintf("%s %s, %s %q", c.Letter, c.Encoding.Label().In(m.ctx.Lang), w.Before, c.Before), m.width)),
				st.Muted.Render(common.Truncate(fmt.Sprintf("%*s %q", len(c.Letter)+1+len([]rune(c.Encoding.Label().In(m.ctx.Lang)))+2+len([]rune(w.Before)), w.After, c.After), m.width)))
		}
	}
	for len(out) < m.height-1 {
		out = append(out, "")
	}
	if m.mode == modeConfirm {
		c := p.Counts()
		skip := ""
		if c.Errors > 0 {
			skip = fmt.Sprintf(w.ConfirmSkip, c.Errors)
		}
		q1, q2 := wrap2(fmt.Sprintf(w.ConfirmApply, c.New), m.width)
		return append(out[:m.height-5], st.Warn.Render(q1), st.Warn.Render(q2),
			st.Warn.Render(skip), st.Bold.Render(w.ConfirmKeys))
	}
	a, b := wrap2(p.Summary(m.ctx.Lang), m.width)
	return append(out[:m.height-3], st.Muted.Render(a), st.Muted.Render(b))
}

// shown are the rows the rows view lists: all, or those in error.
func (m *Importer) shown() []*register.Row {
	var out []*register.Row
	for i := range m.plan.Rows {
		if r := &m.plan.Rows[i]; !m.errOnly || r.Status == register.RowError {
			out = append(out, r)
		}
	}
	return out
}

// wrapLines cuts s into at most n lines of width cells, at spaces; the
// last one is cut short if s is longer.
func wrapLines(s string, width, n int) []string {
	var out []string
	for s != "" && len(out) < n-1 {
		a, b := wrap2(s, width)
		if b == "" || len([]rune(s)) <= width {
			return append(out, a)
		}
		out = append(out, a)
		s = strings.TrimSpace(string([]rune(s)[len([]rune(a)):]))
	}
	if s != "" {
		out = append(out, common.Truncate(s, width))
	}
	return out
}

// wrap2 cuts s into two lines of at most width cells, at a space.
func wrap2(s string, width int) (string, string) {
	r := []rune(s)
	if len(r) <= width {
		return s, ""
	}
	cut := width
	for cut > width/2 && r[cut] != ' ' {
		cut--
	}
	return string(r[:cut]), common.Truncate(strings.TrimSpace(string(r[cut:])), width)
}

// Title is the page's name, for a host's list of pages.
func (m *Importer) Title() string { return m.w.ImportMenu }
