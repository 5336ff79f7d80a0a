package queue

import (
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/lipgloss"
)

// row is what the list keeps of one case: a few hundred bytes, so ten
// thousand of them are built, sorted and scanned in a few milliseconds.
// Display cells are built only when the row is on screen.
type row struct {
	id       string
	no       string
	sender   string // as shown: "(bảo mật)" when masked
	employer string
	handler  string // login
	site     string
	fold     string // search key; a masked row's leaves the sender out
	kind     model.PetitionKind
	field    model.Field
	status   model.CaseStatus
	result   model.Result
	received model.Date
	closed   model.Date
	masked   bool
	gone     bool // no longer in this list (closed, reopened): skipped

	due   model.Date
	state model.DeadlineState
	left  int
	unit  model.Unit

	cells []string
}

// rowOf builds a row without its deadline. A confidential sender is
// masked (shown as maskedWord, and left out of the search key) unless the
// policy shows it to the user: entitled, and revealed on purpose.
func rowOf(c *model.Case, ctx *common.Context, maskedWord string) row {
	name, show := common.Sender(ctx, c)
	r := row{
		id: c.ID, no: c.No, employer: c.Employer, handler: c.Handler, site: c.Site,
		kind: c.Kind, field: c.Field, status: c.Status, result: c.Result,
		received: c.Received, closed: c.Closed, masked: !show, fold: c.Fold,
	}
	switch {
	case !show:
		r.sender = maskedWord
		r.fold = model.Fold(c.No + " " + c.PetitionNo + " " + c.Employer + " " + c.Summary)
	case name == "":
		r.sender = "—"
	default:
		r.sender = name
		if c.SenderSealed != "" {
			r.fold += " " + model.Fold(name)
		}
	}
	return r
}

func (r *row) setDeadline(d model.Deadline) {
	r.due, r.state, r.left, r.unit = d.Due, d.State, d.Left, d.Unit
}

// rowSet is the rows of one list (the open or the closed cases) as of a
// day, in order. It is built apart from the screen, so that the screen can
// build it in the background when it is made (at sign-in) and the first F4
// only has to draw it.
type rowSet struct {
	rows      []row
	byID      map[string]int
	order     []int32
	multiSite bool
	day       model.Date
	closed    bool
}

// buildRows builds a list from the store's case cache. It reads only the
// store and the context, so it may run in its own goroutine.
func buildRows(ctx *common.Context, maskedWord string, closed bool, today model.Date) (*rowSet, error) {
	st := ctx.Store
	n := st.CaseCount()
	set := &rowSet{rows: make([]row, 0, n), day: today, closed: closed}
	clocks := make([]model.CaseClock, 0, n)
	err := st.EachCase(store.CaseFilter{Closed: closed}, func(c model.Case) {
		set.rows = append(set.rows, rowOf(&c, ctx, maskedWord))
		clocks = append(clocks, c.Clock())
	})
	set.finish(st, clocks, today)
	return set, err
}

// rowsOf builds a list of the cases cs.
func rowsOf(ctx *common.Context, maskedWord string, closed bool, today model.Date, cs []model.Case) *rowSet {
	set := &rowSet{rows: make([]row, 0, len(cs)), day: today, closed: closed}
	clocks := make([]model.CaseClock, 0, len(cs))
	for i := range cs {
		set.rows = append(set.rows, rowOf(&cs[i], ctx, maskedWord))
		clocks = append(clocks, cs[i].Clock())
	}
	set.finish(ctx.Store, clocks, today)
	return set
}

// finish computes the rows' deadlines, indexes and sorts them.
func (set *rowSet) finish(st *store.Store, clocks []model.CaseClock, today model.Date) {
	computeDeadlines(set.rows, clocks, st.Calendar(), today)
	set.byID = make(map[string]int, len(set.rows))
	for i := range set.rows {
		set.byID[set.rows[i].id] = i
		if set.rows[i].site != st.Site() {
			set.multiSite = true
		}
	}
	set.sort()
}

// rowsMsg is a list built in a command, with what drawing it needs: the
// names of the handlers, the users (for the handler filter), and the
// person's saved filters the first time.
type rowsMsg struct {
	seq     int
	partial bool // the newest closed cases only: the whole list follows
	set     *rowSet
	names   map[string]string
	users   []model.User
	filters *Filters
	err     error // some cases could not be read
}

// newestPage is how many closed cases the closed list shows at once,
// read from their index, while the whole list is built: a screenful and
// then some to scroll, whatever a decade holds.
const newestPage = 200

// loadCmd builds every row of the current list in a command. The closed
// list (tens of thousands after a decade) shows its newest page first.
func (m *Model) loadCmd() tea.Cmd {
	m.loadSeq++
	m.loading, m.stale = m.loadSeq, false
	ctx, masked, closed, today, seq := m.ctx, m.w.Masked, m.view == viewClosed, m.ctx.Today(), m.loadSeq
	prefs := !m.prefsRead
	full := m.rowsCmd(seq, prefs, false, func() (*rowSet, error) { return buildRows(ctx, masked, closed, today) })
	if !closed {
		return full
	}
	page := m.rowsCmd(seq, prefs, true, func() (*rowSet, error) {
		cs, ok, err := ctx.Store.ClosedNewest(newestPage)
		if !ok {
			return nil, nil
		}
		return rowsOf(ctx, masked, true, today, cs), err
	})
	return tea.Batch(page, full)
}

// rowsCmd is a command that builds a list with build and reads what
// drawing it needs; partial: the list is the newest page of a longer one.
// A build that gives no list gives no message.
func (m *Model) rowsCmd(seq int, prefs, partial bool, build func() (*rowSet, error)) tea.Cmd {
	ctx := m.ctx
	return func() tea.Msg {
		set, err := build()
		if set == nil {
			return nil
		}
		msg := rowsMsg{seq: seq, partial: partial, set: set, names: map[string]string{}, err: err}
		st := ctx.Store
		msg.users = st.Users()
		for _, u := range msg.users {
			msg.names[st.Site()+"/"+u.Login] = u.Name
		}
		for i := range set.rows {
			r := &set.rows[i]
			if k := r.site + "/" + r.handler; r.handler != "" && msg.names[k] == "" {
				msg.names[k] = st.DisplayName(r.site, r.handler)
			}
		}
		if prefs {
			f := loadFilters(ctx)
			msg.filters = &f
		}
		return msg
	}
}

// adoptMsg shows a list built in a command, unless a newer one is on its
// way; a change that came meanwhile builds it again.
func (m *Model) adoptMsg(msg rowsMsg) tea.Cmd {
	if msg.seq != m.loading {
		return nil
	}
	// The newest page is the head of the whole list, in its order: the
	// cursor stays on its row when the rest arrives.
	m.partial = msg.partial
	if !msg.partial {
		m.loading = 0
	}
	for k, v := range msg.names {
		m.names[k] = v
	}
	m.users = msg.users
	if msg.filters != nil && !m.prefsRead {
		m.filters, m.prefsRead = *msg.filters, true
	}
	m.adopt(msg.set)
	var cmds []tea.Cmd
	if m.stale && !msg.partial {
		cmds = append(cmds, m.loadCmd())
	}
	// Damage stays said above the list while the list misses cases (the
	// list may be built at sign-in, before the queue is shown).
	m.loadErr = ""
	if msg.err != nil {
		m.loadErr = m.ctx.Say(msg.err)
	}
	return tea.Batch(append(cmds, m.previewCmd())...)
}

// adopt shows a list that was built.
func (m *Model) adopt(set *rowSet) {
	m.rows, m.byID, m.order, m.multiSite = set.rows, set.byID, set.order, set.multiSite
	m.loadedDay, m.loadedClosed, m.loaded = set.day, set.closed, true
	m.layout()
	m.refilter()
}

// caseMsg carries a case read again after a change, and its row (built
// in the command: a confidential sender is unsealed from the file).
type caseMsg struct {
	id   string
	c    model.Case
	r    row
	name string // the handler's name
	err  error
}

// reread reads a changed case and builds its row in a command; update
// puts it in the list.
func (m *Model) reread(id string) tea.Cmd {
	ctx, masked, day := m.ctx, m.w.Masked, m.loadedDay
	return func() tea.Msg {
		s := ctx.Store
		c, err := s.Case(id)
		if err != nil {
			return caseMsg{id: id, err: err}
		}
		r := rowOf(&c, ctx, masked)
		r.setDeadline(model.ComputeDeadline(c.Clock(), s.Calendar(), day))
		return caseMsg{id: id, c: c, r: r, name: s.DisplayName(c.Site, c.Handler), err: err}
	}
}

// update brings one case's row up to date after a change, adding or
// dropping it as it enters or leaves the list.
func (m *Model) update(msg caseMsg) {
	site := m.ctx.Store.Site()
	id, c, err := msg.id, msg.c, msg.err
	belongs := err == nil && c.Open() != m.loadedClosed
	if belongs && c.Handler != "" {
		m.names[c.Site+"/"+c.Handler] = msg.name
	}
	i, had := m.byID[id]
	switch {
	case had && belongs:
		m.rows[i] = msg.r
	case had:
		m.rows[i].gone = true
	case belongs:
		m.rows = append(m.rows, msg.r)
		m.byID[id] = len(m.rows) - 1
		if c.Site != site && !m.multiSite {
			m.multiSite = true
			m.layout()
		}
	default:
		return
	}
	m.sortRows()
	m.refilter()
}

// sortRows puts the rows back in order after one changed.
func (m *Model) sortRows() {
	set := rowSet{rows: m.rows, order: m.order[:0], closed: m.loadedClosed}
	set.sort()
	m.order = set.order
}

// sort orders the rows as store.Cases does, by model.QueueKey.
func (set *rowSet) sort() {
	type keyed struct {
		key model.QueueKey
		idx int32
	}
	keys := make([]keyed, 0, len(set.rows))
	for i := range set.rows {
		r := &set.rows[i]
		if !r.gone {
			keys = append(keys, keyed{model.QueueKeyOf(!set.closed, r.state, r.due, r.closed, r.no), int32(i)})
		}
	}
	slices.SortFunc(keys, func(a, b keyed) int { return a.key.Compare(b.key) })
	set.order = set.order[:0]
	for _, k := range keys {
		set.order = append(set.order, k.idx)
	}
}

// computeDeadlines fills in each row's deadline, on every processor: the
// model's count is pure and the calendar is safe for concurrent use.
func computeDeadlines(rows []row, clocks []model.CaseClock, cal *model.Calendar, today model.Date) {
	workers := min(runtime.GOMAXPROCS(0), 4, max(len(rows)/2000, 1))
	var wg sync.WaitGroup
	chunk := (len(rows) + workers - 1) / workers
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(rows))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				rows[i].setDeadline(model.ComputeDeadline(clocks[i], cal, today))
			}
		}()
	}
	wg.Wait()
}

// refilter picks the rows that match the search and the filters, in order.
func (m *Model) refilter() {
	q := model.Fold(m.search.Value())
	f := &m.filters
	emp := ""
	if f.Employer != "" {
		emp = model.Fold(f.Employer)
	}
	m.shown = m.shown[:0]
	m.overdue, m.dueSoon = 0, 0
	for _, i := range m.order {
		r := &m.rows[i]
		if !m.filterMatch(r, emp) || (q != "" && !model.MatchFolded(r.fold, q)) {
			continue
		}
		m.shown = append(m.shown, i)
		switch r.state {
		case model.DeadlineOverdue:
			m.overdue++
		case model.DeadlineDueSoon:
			m.dueSoon++
		}
	}
	if cap(m.tableRows) < len(m.shown) {
		m.tableRows = make([][]string, len(m.shown))
	}
	m.table.Rows = m.tableRows[:len(m.shown)]
	m.table.Move(0)
}

// filterMatch reports whether r passes the filters; emp is the folded
// employer filter.
func (m *Model) filterMatch(r *row, emp string) bool {
	f := &m.filters
	switch {
	case f.Status != "" && r.status != f.Status,
		f.Kind != "" && r.kind != f.Kind,
		f.Field != "" && r.field != f.Field,
		f.Handler == handlerNone && r.handler != "",
		f.Handler != "" && f.Handler != handlerNone && r.handler != f.Handler,
		f.Site != "" && r.site != f.Site,
		!f.From.IsZero() && r.received.Before(f.From),
		!f.To.IsZero() && r.received.After(f.To):
		return false
	}
	if emp != "" {
		ef, ok := m.empFold[r.employer]
		if !ok {
			ef = model.Fold(r.employer)
			m.empFold[r.employer] = ef
		}
		if !model.MatchFolded(ef, emp) {
			return false
		}
	}
	return true
}

// cells returns the display cells of a row, building them once.
func (m *Model) cells(i int32) []string {
	r := &m.rows[i]
	if r.cells != nil {
		return r.cells
	}
	lang := m.ctx.Lang
	c := make([]string, 0, len(m.cols))
	for _, col := range m.cols {
		var s string
		switch col {
		case colNo:
			s = r.no
			if !m.wide {
				s = shortNo(r.no)
			}
		case colSite:
			s = r.site
		case colSender:
			s = r.sender
			if !r.masked {
				s = common.ShortName(s, m.senderWidth())
			}
		case colKind:
			s = r.kind.Label().In(lang)
		case colField:
			s = shortLabel(r.field.Label().In(lang), m.fieldWidth)
		case colHandler:
			s = m.handlerName(r.site, r.handler)
		case colStatus:
			s = r.status.Label().In(lang)
		case colResult:
			s = r.status.Label().In(lang)
			if r.status == model.StatusConcluded && r.result != "" {
				s = model.ResultLabel(r.kind, r.result).In(lang)
			}
		case colDue:
			s = shortDate(r.due, m.wide)
		case colClosed:
			s = r.closed.String()
		case colLeft:
			s = m.leftWords(r)
			if w := m.leftWidth(); lipgloss.Width(s) > w {
				s = strings.Replace(s, " ", "", 1) // "⚠quá hạn 235 ngày LV"
			}
		}
		c = append(c, s)
	}
	r.cells = c
	return c
}

// leftWords says where a row stands against its deadline, with a sign
// that does not depend on colour.
func (m *Model) leftWords(r *row) string {
	w := m.w
	n := r.left
	if n < 0 {
		n = -n
	}
	work := r.unit == model.UnitWorking
	pick := func(cal, wd string) string {
		f := cal
		if work {
			f = wd
		}
		s := fmt.Sprintf(f, n)
		if n == 1 {
			s = strings.Replace(s, " days", " day", 1) // English only has plurals
		}
		return s
	}
	switch r.state {
	case model.DeadlineOverdue, model.DeadlineDueSoon, model.DeadlineOnTime:
		// One unit in every list: calendar days to the last day, with the
		// same mark as everywhere (⚠ overdue, ! due soon).
		d := model.Deadline{Due: r.due, State: r.state}
		words := d.ListWords(m.ctx.Lang, m.ctx.Today())
		if r.state == model.DeadlineOnTime {
			return words
		}
		return d.Mark() + " " + words
	case model.DeadlineStopped:
		return w.StoppedSign + " " + w.Stopped
	case model.DeadlineMet:
		return w.ClosedOnTime
	case model.DeadlineMissed:
		return pick(w.ClosedLate, w.ClosedLateWork)
	}
	return w.NoDeadline
}

// fullName is the name of user login of site (a case's handler is a user
// of the case's site), else of this site, else the login.
func (m *Model) fullName(site, login string) string {
	k := site + "/" + login
	if n, ok := m.names[k]; ok {
		return n
	}
	// Names are read with the rows, in a command; one not read yet shows
	// as the login rather than reading the file while drawing.
	return login
}

// handlerName is a user's name as short as the column needs, shortened
// as every name is (common.ShortName: "Nguyễn T. Lan", "N. T. Lan"), and
// to the given name alone when even that does not fit.
func (m *Model) handlerName(site, login string) string {
	if login == "" {
		return m.w.Unassigned
	}
	name := common.ShortName(m.fullName(site, login), m.handlerWidth)
	if common.Truncate(name, m.handlerWidth) != name {
		// Not even the initials fit a narrow column: the given name, as
		// colleagues call each other ("Bình", not "Trần …").
		words := strings.Fields(name)
		name = words[len(words)-1]
	}
	return name
}

// shortNo drops the site code from a readable number when the rest is a
// year and a running number: "GL07-2026-0042" shows "2026-0042" (the site
// has its own column when the list holds more than one).
func shortNo(no string) string {
	i := strings.IndexByte(no, '-')
	if i < 0 || len(no)-i-1 < 6 {
		return no
	}
	rest := no[i+1:]
	for k := 0; k < 4; k++ {
		if rest[k] < '0' || rest[k] > '9' {
			return no
		}
	}
	if rest[4] != '-' {
		return no
	}
	return rest
}

// shortDate is dd/mm in a narrow list, dd/mm/yyyy in a wide one.
func shortDate(d model.Date, wide bool) string {
	if d.IsZero() {
		return ""
	}
	if wide {
		return d.String()
	}
	return fmt.Sprintf("%02d/%02d", d.D, int(d.M))
}

// shortLabel fits a label into width cells, keeping it to the words before
// its first comma when it is too long ("Tiền lương, thu nhập" shows
// "Tiền lương").
func shortLabel(l string, width int) string {
	if common.Truncate(l, width) == l {
		return l
	}
	if i := strings.IndexByte(l, ','); i > 0 {
		return l[:i]
	}
	return l
}
