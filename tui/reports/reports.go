package reports

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/store/export"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// prefDir is the preference (per user, on this machine) of the folder
// reports are written to.
const prefDir = "reports.dir"

type mode int

const (
	modeTable mode = iota
	modeDrill
	modeCharts
	modeFolder
	modeRange
	modeVerify
	modeUrge // the drill-down, with the urge of the listed record typed under it
)

// Model is the reports screen.
type Model struct {
	ctx  *common.Context
	w    *common.ReportsWords
	keys keyMap

	width, height int

	data    *model.ReportData
	gen     int // which load is current
	loading bool

	form   int // index in model.FormIDs
	period model.Period
	units  []model.ReportSite
	unit   int // 0 = all units; i = units[i-1]
	col    int // the column the drill-down lists: 0 this, 1 previous, 2 last year
	figs   [3]model.Figures

	cursor int // the indicator
	offset int // the first display line shown

	mode   mode
	drill  *drillView
	charts *chartsView
	folder textfield.Model
	dir    string
	rng    textfield.Model
	// verify is the code of a printed paper typed after v, and found
	// what its check said (store.Verify).
	verify textfield.Model
	found  []string
	// urge is what is being typed to urge the body the drill-down's
	// record was sent to (f); keepDrill keeps the list on screen while the
	// figures are read again after it.
	urge      urgeForm
	keepDrill bool
	// revealed is the record whose sender was just revealed: its change
	// notice reads nothing again.
	revealed string
}

// urgeForm is the urge typed under a drill-down.
type urgeForm struct {
	line model.RecordLine
	body string
	how  int // index in model.UrgeHows
	what textfield.Model
}

// New makes the screen; the figures are read when it is first shown.
func New(ctx *common.Context) common.Screen {
	m := &Model{ctx: ctx, w: &ctx.Words.Reports, width: 80, height: 21}
	m.keys = newKeys(m.w)
	m.keys.Reveal = common.NewAction("b", ctx.Words.Desk.KeyReveal, "b").When(m.revealWhy)
	m.period = model.PeriodOf(model.PeriodQuarter, ctx.Today(), false)
	m.folder = ctx.NewField("", 56)
	m.verify = ctx.NewField("", 24)
	m.urge.what = ctx.NewField("", 50)
	m.urge.what.CharLimit = 500
	m.folder.CharLimit = 400
	m.rng = ctx.NewField("01/07/2026 30/09/2026", 24)
	m.rng.CharLimit = 30
	m.dir = ctx.Store.GetPref(ctx.User.Login, prefDir)
	if m.dir == "" {
		m.dir = ctx.Store.ExportDir()
	}
	if m.dir == "" {
		if h, err := os.UserHomeDir(); err == nil {
			m.dir = h
		}
	}
	return m
}

type loadedMsg struct {
	gen  int
	data *model.ReportData
	err  error // records that could not be read were left out
}

// Init reads the report's input the first time the screen is shown.
func (m *Model) Init() tea.Cmd {
	if m.data != nil || m.loading {
		return nil
	}
	return m.load()
}

func (m *Model) load() tea.Cmd {
	m.gen++
	m.loading = true
	gen, s := m.gen, m.ctx.Store
	// The days the period's report needs, from the start of their first
	// year to the end of their last: a few steps of ← → stay inside; a
	// step out reads again. Not to today: a step back to a year long
	// past would hold every record since (at an office, 550 MB by four
	// years back).
	from, to := model.ReportYears(m.period)
	return func() tea.Msg {
		in, err := s.ReportInput(from, to)
		return loadedMsg{gen: gen, data: model.NewReportData(in), err: err}
	}
}

// cover reads the data again when the period chosen needs days it was
// not read for; the screen says it is reading meanwhile.
func (m *Model) cover(cmd tea.Cmd) tea.Cmd {
	if m.data == nil || m.data.Covers(m.period) {
		return cmd
	}
	m.data = nil
	return tea.Batch(cmd, m.load())
}

func (m *Model) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Model) Dirty() bool { return false }
func (m *Model) Capturing() bool {
	return m.mode == modeFolder || m.mode == modeRange || m.mode == modeVerify || m.mode == modeUrge
}

func (m *Model) formID() model.FormID { return model.FormIDs[m.form] }

// unitCode is the unit reported ("" = all).
func (m *Model) unitCode() string {
	if m.unit == 0 || m.unit > len(m.units) {
		return ""
	}
	return m.units[m.unit-1].Code
}

func (m *Model) unitName() string {
	if c := m.unitCode(); c != "" {
		return m.units[m.unit-1].Name
	}
	if len(m.units) <= 1 {
		_, to := m.period.Bounds()
		return m.data.NameOn(m.ctx.Store.Site(), to)
	}
	return m.w.AllUnits
}

// recompute computes the form for the period, the previous one and last
// year: in memory, from the data read once.
func (m *Model) recompute() {
	if m.data == nil {
		return
	}
	code := m.unitCode()
	m.units = m.data.SitesIn(m.period, m.ctx.Store.Site())
	m.unit = 0
	for i, u := range m.units {
		if u.Code == code {
			m.unit = i + 1
		}
	}
	code = m.unitCode()
	f := m.formID()
	for i, p := range []model.Period{m.period, m.period.Previous(), m.period.LastYear()} {
		m.figs[i] = m.data.Compute(f, p, code).ValuesOnly() // a drill-down lists again
	}
	if rows := len(m.figs[0].Form.Rows); m.cursor >= rows {
		m.cursor = rows - 1
	}
}

func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		if msg.gen == m.gen {
			m.data, m.loading = msg.data, false
			m.recompute()
			if (m.mode == modeDrill && !m.keepDrill) || m.mode == modeCharts {
				m.mode, m.drill, m.charts = modeTable, nil, nil
			}
			m.keepDrill = false
			if msg.err != nil {
				return m, m.ctx.Fail(msg.err)
			}
		}
		return m, nil
	case common.RevealedMsg:
		if msg.Err == nil {
			m.revealed = msg.ID
		}
		return m, nil
	case common.ChangedMsg:
		if msg.Entity != "" && msg.Entity == m.revealed {
			// A reveal changes no figure: the list shows the name as
			// it is drawn again (a masked line is not kept).
			m.revealed = ""
			return m, nil
		}
		if m.data != nil || m.loading {
			return m, m.load()
		}
		return m, nil
	case common.InputModeMsg:
		m.folder.SetMode(msg.Mode)
		m.folder.SetToneStyle(msg.Style)
		m.rng.SetMode(msg.Mode)
		m.rng.SetToneStyle(msg.Style)
		m.urge.what.SetMode(msg.Mode)
		m.urge.what.SetToneStyle(msg.Style)
		return m, nil
	case verifiedMsg:
		m.found = msg.lines
		return m, nil
	case urgedMsg:
		if msg.err != nil {
			if m.mode == modeUrge {
				m.mode = modeDrill
			}
			return m, m.ctx.Fail(msg.err)
		}
		m.mode, m.keepDrill = modeDrill, true
		m.urge.what.Blur()
		return m, tea.Batch(common.Status(fmt.Sprintf(m.w.UrgeDone, msg.body, msg.no)), common.Changed(msg.id))
	case exportedMsg:
		if model.MsgOf(msg.err) != nil {
			return m, m.ctx.Fail(msg.err) // a damaged record, a refusal: its own sentence
		}
		if msg.err != nil {
			return m, m.ctx.FailWith(fmt.Sprintf(m.w.ExportFailed, msg.path, model.SystemWords(msg.err).In(m.ctx.Lang)), msg.err)
		}
		return m, common.Status(fmt.Sprintf(m.w.Exported, msg.path))
	case tea.KeyMsg:
		if m.data == nil {
			return m, nil
		}
		switch m.mode {
		case modeDrill:
			return m, m.drillKey(msg)
		case modeCharts:
			return m, m.chartsKey(msg)
		case modeFolder:
			return m, m.folderKey(msg)
		case modeRange:
			return m, m.cover(m.rangeKey(msg))
		case modeVerify:
			return m, m.verifyKey(msg)
		case modeUrge:
			return m, m.urgeKey(msg)
		}
		return m, m.cover(m.tableKey(msg))
	}
	return m, nil
}

func (m *Model) tableKey(msg tea.KeyMsg) tea.Cmd {
	k := &m.keys
	kind := func(pk model.PeriodKind) {
		if m.period.Kind != pk {
			_, to := m.period.Bounds()
			m.period = model.PeriodOf(pk, to, m.period.Official)
			m.recompute()
		}
	}
	rows := len(m.figs[0].Form.Rows)
	if d, ok := k.ListKeys.Step(msg, max(m.height-6, 1)); ok {
		m.cursor = max(0, min(m.cursor+d, rows-1))
		return nil
	}
	switch {
	case key.Matches(msg, k.Form):
		m.form = int(msg.String()[0] - '1')
		m.cursor, m.offset = 0, 0
		m.recompute()
	case key.Matches(msg, k.Prev):
		m.period = m.period.Step(-1)
		m.recompute()
	case key.Matches(msg, k.Next):
		m.period = m.period.Step(1)
		m.recompute()
	case key.Matches(msg, k.Month):
		kind(model.PeriodMonth)
	case key.Matches(msg, k.Quarter):
		kind(model.PeriodQuarter)
	case key.Matches(msg, k.Half):
		kind(model.PeriodHalf)
	case key.Matches(msg, k.Nine):
		kind(model.PeriodNine)
	case key.Matches(msg, k.Year):
		kind(model.PeriodYear)
	case key.Matches(msg, k.Official):
		m.period.Official = !m.period.Official
		m.recompute()
	case key.Matches(msg, k.Unit):
		m.unit = (m.unit + 1) % (len(m.units) + 1)
		m.recompute()
	case key.Matches(msg, k.Column):
		if msg.Type == tea.KeyShiftTab {
			m.col = (m.col + 2) % 3
		} else {
			m.col = (m.col + 1) % 3
		}
	case key.Matches(msg, k.Drill):
		f := m.figs[m.col]
		r := &f.Form.Rows[m.cursor]
		title := fmt.Sprintf(m.w.DrillTitle, strings.TrimSpace(r.Label.In(m.ctx.Lang)), f.Period.Label().In(m.ctx.Lang), m.unitName())
		m.openDrill(title, m.data.Records(f.Form.ID, f.Period, f.Site, m.cursor), r.Sum, r.Money, modeTable)
	case key.Matches(msg, k.Charts):
		m.openCharts()
	case key.Matches(msg, k.Export):
		return m.exportForms()
	case key.Matches(msg, k.Registers):
		return m.exportRegisters()
	case key.Matches(msg, k.Range):
		m.mode = modeRange
		m.rng.SetValue("")
		if m.period.Kind == model.PeriodRange {
			m.rng.SetValue(m.period.From.String() + " " + m.period.To.String())
		}
		m.rng.CursorEnd()
		m.rng.Focus()
	case key.Matches(msg, k.Verify):
		m.mode, m.found = modeVerify, nil
		m.verify.SetValue("")
		m.verify.Focus()
	case key.Matches(msg, k.Folder):
		m.mode = modeFolder
		m.folder.SetValue(m.dir)
		m.folder.CursorEnd()
		m.folder.Focus()
	}
	return nil
}

// --- the drill-down ---

// drillView lists the records of one figure.
type drillView struct {
	title  string
	refs   []model.Ref
	lines  map[int]model.RecordLine // built as they are shown
	sum    bool
	money  bool
	cursor int
	offset int
	back   mode
}

func (m *Model) openDrill(title string, refs []model.Ref, sum, money bool, back mode) {
	m.drill = &drillView{title: title, refs: m.data.SortForPeople(refs), lines: map[int]model.RecordLine{}, sum: sum, money: money, back: back}
	m.mode = modeDrill
}

// line is the i-th record as the signed-in user may see it: a
// confidential sender only to the entitled after a deliberate reveal (b
// here or in the case view: model.Shows, as in the queue). A masked line
// is not kept, so a reveal made meanwhile shows at once.
func (m *Model) line(i int) model.RecordLine {
	d := m.drill
	if l, ok := d.lines[i]; ok {
		return l
	}
	st, login := m.ctx.Store, m.ctx.User.Login
	l := m.data.Line(d.refs[i], &m.ctx.User, m.ctx.Lang, st.ShownName, func(id string) bool { return st.Revealed(login, id) })
	if !l.Masked {
		d.lines[i] = l
	}
	return l
}

func (m *Model) drillKey(msg tea.KeyMsg) tea.Cmd {
	d := m.drill
	if delta, ok := m.keys.ListKeys.Step(msg, max(m.height-5, 1)); ok {
		d.cursor = max(0, min(d.cursor+delta, len(d.refs)-1))
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		m.mode, m.drill = d.back, nil
	case key.Matches(msg, m.keys.Drill):
		if len(d.refs) == 0 {
			return nil
		}
		l := m.line(d.cursor)
		if l.Case == "" {
			return common.Status(m.w.NoCase)
		}
		id := l.Case
		return func() tea.Msg { return common.OpenCaseMsg{ID: id} }
	case m.keys.Urge.Matches(msg):
		if len(d.refs) == 0 {
			return nil
		}
		return m.startUrge(m.line(d.cursor))
	case m.keys.Reveal.Matches(msg):
		if len(d.refs) == 0 {
			return nil
		}
		return m.startReveal(m.line(d.cursor))
	}
	return nil
}

// --- xem danh tính ---

// revealWhy says why the sender of the record under the cursor cannot be
// revealed now, or "" when it can: a line with no confidential petition
// or case (a protected visitor's visit with no petition: their own
// records reveal them), then the policy (common.RevealWhy).
func (m *Model) revealWhy() string {
	d, w := m.drill, &m.ctx.Words.Desk
	if d == nil || len(d.refs) == 0 {
		return m.w.NoRecords
	}
	l := m.line(d.cursor)
	if l.Reveals() == "" || l.Masked && !l.Secret.Confidential {
		if l.Masked {
			return w.RevealNoRecord
		}
		return w.RevealNotSecret
	}
	return common.RevealWhy(m.ctx, l.Secret, l.Case != "", m.ctx.Store.Revealed(m.ctx.User.Login, l.Reveals()))
}

// revealHelp is b's line in the help: refused, and why, only in a list.
func (m *Model) revealHelp() key.Binding {
	if m.mode != modeDrill {
		return m.keys.Reveal.Binding
	}
	return m.keys.Reveal.HelpBinding(m.ctx.User, &m.ctx.Words.Desk, 28)
}

// startReveal opens the reveal page (common.Reveal, as in the case view)
// for the sender of l: on its case (store.RevealIdentity), or on its
// petition while it has no case (store.RevealPetition, the unit's leaders
// only). The list names them once it is recorded.
func (m *Model) startReveal(l model.RecordLine) tea.Cmd {
	if why := m.keys.Reveal.Refusal(m.ctx.User, &m.ctx.Words.Desk); why != "" {
		return common.Error(why)
	}
	w := &m.ctx.Words.Desk
	st, me, caseID, petID := m.ctx.Store, m.ctx.User.Login, l.Case, l.Petition
	return common.AskReveal(m.ctx, fmt.Sprintf(w.RevealTitle, l.No), l.Reveals(), fmt.Sprintf(w.RevealDone, l.No), func(reason string) error {
		if caseID != "" {
			return st.RevealIdentity(me, caseID, reason)
		}
		return st.RevealPetition(me, petID, reason)
	})
}

// --- đôn đốc ---

// startUrge opens the urge of the body record l was sent to: a petition
// forwarded, or a case transferred (the model says which may be).
func (m *Model) startUrge(l model.RecordLine) tea.Cmd {
	if why := m.keys.Urge.Refusal(m.ctx.User, &m.ctx.Words.Desk); why != "" {
		return common.Error(why)
	}
	probe := model.CaseAction{On: m.ctx.Today(), To: "-"}
	var body string
	var refused *model.Msg
	switch l.Kind {
	case model.EntPetition:
		p, err := m.ctx.Store.Petition(l.ID)
		if err != nil {
			return m.ctx.Fail(err)
		}
		body, refused = p.ForwardTo, model.CheckUrgePetition(&p, &probe)
	case model.EntCase:
		c, err := m.ctx.Store.Case(l.ID)
		if err != nil {
			return m.ctx.Fail(err)
		}
		body, refused = c.TransferredTo, model.CheckCaseAction(&c, model.EvCaseUrged, &probe)
	default:
		refused = model.NewMsg("", m.w.UrgeWhich, m.w.UrgeWhich)
	}
	if refused != nil {
		return common.Error(m.keys.Urge.Label() + ": " + refused.In(m.ctx.Lang))
	}
	m.urge.line, m.urge.body, m.urge.how = l, body, 0
	m.urge.what.SetValue("")
	m.urge.what.Focus()
	m.mode = modeUrge
	return nil
}

// urgedMsg is the store's answer to an urge.
type urgedMsg struct {
	id, no, body string
	err          error
}

func (m *Model) urgeKey(msg tea.KeyMsg) tea.Cmd {
	u := &m.urge
	switch {
	case key.Matches(msg, m.keys.Back):
		m.mode = modeDrill
		u.what.Blur()
		return nil
	case msg.Type == tea.KeyTab:
		u.how = (u.how + 1) % len(model.UrgeHows)
		return nil
	case msg.Type == tea.KeyShiftTab:
		u.how = (u.how + len(model.UrgeHows) - 1) % len(model.UrgeHows)
		return nil
	case key.Matches(msg, m.keys.Drill): // Enter: record it
		st, me, l := m.ctx.Store, m.ctx.User.Login, u.line
		a := model.CaseAction{On: m.ctx.Today(), To: u.body, How: model.UrgeHows[u.how], Reason: strings.TrimSpace(u.what.Value())}
		return func() tea.Msg {
			var err error
			if l.Kind == model.EntPetition {
				_, err = st.UrgePetition(me, l.ID, a)
			} else {
				_, err = st.CaseAction(me, l.ID, model.EvCaseUrged, a)
			}
			return urgedMsg{id: l.ID, no: l.No, body: a.To, err: err}
		}
	}
	var cmd tea.Cmd
	u.what, cmd = u.what.Update(msg)
	return cmd
}

// --- charts ---

type chartsView struct {
	charts []model.Chart
	which  int
	cursor int
}

func (m *Model) openCharts() {
	_, to := m.period.Bounds()
	code := m.unitCode()
	cs := []model.Chart{m.data.MonthlyPetitions(to, code), m.data.FieldShare(m.period, code)}
	cs = append(cs, m.data.HotSpots(m.period, code, 10)...)
	m.charts = &chartsView{charts: cs}
	m.mode = modeCharts
}

func (m *Model) chartsKey(msg tea.KeyMsg) tea.Cmd {
	c := m.charts
	bars := len(c.charts[c.which].Bars)
	if delta, ok := m.keys.ListKeys.Step(msg, 5); ok {
		c.cursor = max(0, min(c.cursor+delta, bars-1))
		return nil
	}
	switch {
	case key.Matches(msg, m.keys.Back):
		m.mode, m.charts = modeTable, nil
	case key.Matches(msg, m.keys.Next), key.Matches(msg, m.keys.Column) && msg.Type == tea.KeyTab:
		c.which, c.cursor = (c.which+1)%len(c.charts), 0
	case key.Matches(msg, m.keys.Prev), msg.Type == tea.KeyShiftTab:
		c.which, c.cursor = (c.which+len(c.charts)-1)%len(c.charts), 0
	case key.Matches(msg, m.keys.Drill):
		if bars == 0 {
			return nil
		}
		ch := c.charts[c.which]
		b := ch.Bars[c.cursor]
		title := ch.Title.In(m.ctx.Lang) + ": " + b.Label.In(m.ctx.Lang)
		m.openDrill(title, b.Refs, false, false, modeCharts)
	}
	return nil
}

// --- the folder and the exports ---

func (m *Model) folderKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.mode = modeTable
		m.folder.Blur()
		return nil
	case key.Matches(msg, m.keys.Drill): // Enter: use the folder typed
		dir := strings.TrimSpace(m.folder.Value())
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return common.Error(fmt.Sprintf(m.w.NoFolder, dir))
		}
		m.dir, m.mode = dir, modeTable
		m.folder.Blur()
		if err := m.ctx.Store.SetPref(m.ctx.User.Login, prefDir, dir); err != nil {
			return m.ctx.Fail(err)
		}
		return common.Status(fmt.Sprintf(m.w.FolderSet, dir))
	}
	var cmd tea.Cmd
	m.folder, cmd = m.folder.Update(msg)
	return cmd
}

// rangeKey edits the range typed after k: two dates, from and to.
func (m *Model) rangeKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.mode = modeTable
		m.rng.Blur()
		return nil
	case key.Matches(msg, m.keys.Drill): // Enter: take the range typed
		p, bad := model.ParseRange(m.rng.Value())
		if bad != nil {
			return common.Error(bad.In(m.ctx.Lang))
		}
		m.period, m.mode = p, modeTable
		m.rng.Blur()
		m.recompute()
		return nil
	}
	var cmd tea.Cmd
	m.rng, cmd = m.rng.Update(msg)
	return cmd
}

type exportedMsg struct {
	path string
	err  error
}

// fileName is the file a report of the current choice is written to.
func (m *Model) fileName(what string) string {
	p := strings.NewReplacer("/", "-", "–", "-", " ", "").Replace(m.period.Short())
	if m.period.Official {
		p += "-tt01"
	}
	site := m.unitCode()
	if site == "" {
		site = m.ctx.Store.Site()
	}
	// Never over a file already there (it may have been edited in Excel):
	// the next free name, "-2", "-3", ...
	base := filepath.Join(m.dir, what+"-"+site+"-"+p)
	path := base + ".xlsx"
	for n := 2; n < 1000; n++ {
		if _, err := os.Stat(path); os.IsNotExist(err) {
			break
		}
		path = fmt.Sprintf("%s-%d.xlsx", base, n)
	}
	return path
}

// write writes a workbook in the background; a file written is recorded
// in the audit (who exported what, where), as every export is.
func (m *Model) write(path string, render func(w io.Writer) error) tea.Cmd {
	st, login := m.ctx.Store, m.ctx.User.Login
	what := strings.TrimSuffix(filepath.Base(path), ".xlsx")
	return func() tea.Msg {
		err := export.WriteFile(path, render)
		if err == nil {
			st.Audit(login, model.EvExported, model.AuditNote{What: what, File: path, Via: "tui"})
		}
		return exportedMsg{path: path, err: err}
	}
}

// exportForms writes every form of the period, at the unit chosen, as a
// workbook into the folder.
func (m *Model) exportForms() tea.Cmd {
	tables := export.Tables(m.data, m.ctx.Store.Site(), model.FormIDs, m.period, m.unitCode())
	lang := m.ctx.Lang
	return m.write(m.fileName("bao-cao"), func(w io.Writer) error { return export.ReportXLSX(w, tables, lang) })
}

// exportRegisters writes the period's reception register (Mẫu 03/TCD), the
// petition register and the cases received in it as one workbook.
// Confidential senders are masked, as in every export.
func (m *Model) exportRegisters() tea.Cmd {
	st, lang := m.ctx.Store, m.ctx.Lang
	from, to := m.period.Bounds()
	opt := export.Options{Lang: lang}
	unit := m.unitName()
	title := func(l model.Label) []string { return export.RegisterTitle(unit, l, from, to, lang) }
	today := m.ctx.Today()
	// Read in the command, as the workbook is written; a register with a
	// record that could not be read is not written as if complete.
	return m.write(m.fileName("so-sach"), func(w io.Writer) error {
		all, err := st.Cases(store.CaseFilter{All: true}, today)
		if err != nil {
			return err
		}
		var cases []export.CaseRow
		for _, r := range all {
			if !r.Received.Before(from) && !r.Received.After(to) {
				cases = append(cases, export.CaseRow(r))
			}
		}
		visits, err := export.ReadRegister(st, from, to)
		if err != nil {
			return err
		}
		pets, err := export.ReadPetitions(st, from, to)
		if err != nil {
			return err
		}
		return export.WriteXLSX(w, []export.Sheet{
			export.RegisterSheet(visits, opt, title(model.Label{VI: "SỔ TIẾP CÔNG DÂN, ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG", EN: "RECEPTION REGISTER"})...),
			export.PetitionsSheet(pets, opt, title(model.Label{VI: "SỔ THEO DÕI ĐƠN", EN: "PETITION REGISTER"})...),
			export.CasesSheet(cases, opt, title(model.Label{VI: "DANH SÁCH VỤ VIỆC", EN: "CASE LIST"})...),
		})
	})
}

// verifiedMsg carries what the check of a printed paper's code said.
type verifiedMsg struct{ lines []string }

// verifyKey edits the code typed after v; Enter checks it (store.Verify:
// genuine or not, which unit printed it, when, and whether the record
// changed since), so a paper can be checked while the interface holds
// the data file.
func (m *Model) verifyKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Back):
		m.mode, m.found = modeTable, nil
		m.verify.Blur()
		return nil
	case key.Matches(msg, m.keys.Drill): // Enter: check the code typed
		code := strings.TrimSpace(m.verify.Value())
		if code == "" {
			return nil
		}
		st, lang := m.ctx.Store, m.ctx.Lang
		return func() tea.Msg {
			v, err := st.Verify(code)
			if err != nil {
				text, _ := model.Say(err, lang)
				return verifiedMsg{lines: []string{"✗ " + text}}
			}
			return verifiedMsg{lines: v.Lines(lang)}
		}
	}
	var cmd tea.Cmd
	m.verify, cmd = m.verify.Update(msg)
	return cmd
}
