package queue

import (
	"encoding/json"
	"sort"
	"strings"

	"donthu/model"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// prefFilters is the preference under which a user's filters are kept.
const prefFilters = "queue.filters"

// handlerNone is the Handler filter for cases nobody handles yet.
const handlerNone = "-"

// Filters narrow the list; every one that is set must match. They are
// remembered per user (a local preference, not an event).
type Filters struct {
	Status   model.CaseStatus   `json:"status,omitempty"`
	Kind     model.PetitionKind `json:"kind,omitempty"`
	Field    model.Field        `json:"field,omitempty"`
	Employer string             `json:"employer,omitempty"`
	Handler  string             `json:"handler,omitempty"` // a login, or handlerNone
	Site     string             `json:"site,omitempty"`    // at an office: one child's cases
	From     model.Date         `json:"from,omitzero"`     // received on or after
	To       model.Date         `json:"to,omitzero"`       // received on or before
}

func (f *Filters) active() bool { return *f != Filters{} }

// describe lists the filters that are on, in words.
func (f *Filters) describe(m *Model) string {
	w, lang := m.w, m.ctx.Lang
	var parts []string
	if f.Status != "" {
		parts = append(parts, f.Status.Label().In(lang))
	}
	if f.Kind != "" {
		parts = append(parts, f.Kind.Label().In(lang))
	}
	if f.Field != "" {
		parts = append(parts, f.Field.Label().In(lang))
	}
	if f.Employer != "" {
		parts = append(parts, "“"+f.Employer+"”")
	}
	switch f.Handler {
	case "":
	case handlerNone:
		parts = append(parts, w.FilterNoHandler)
	default:
		parts = append(parts, w.FilterHandler+": "+m.handlerFull(f.Handler))
	}
	if f.Site != "" {
		parts = append(parts, w.FilterSite+": "+f.Site)
	}
	if !f.From.IsZero() || !f.To.IsZero() {
		parts = append(parts, strings.TrimSpace(strings.Replace(
			strings.Replace(w.FilterReceived, "%s", f.From.String(), 1), "%s", f.To.String(), 1)))
	}
	return strings.Join(parts, " · ")
}

func (m *Model) handlerFull(login string) string { return m.fullName(m.ctx.Store.Site(), login) }

// loadFilters reads the signed-in user's last filters.
func loadFilters(ctx *common.Context) Filters {
	var f Filters
	if v := ctx.Store.GetPref(ctx.User.Login, prefFilters); v != "" {
		if json.Unmarshal([]byte(v), &f) != nil {
			f = Filters{}
		}
	}
	return f
}

// saveFilters remembers the filters for the signed-in user, in a command
// (the write's fsync is not on the way from the key to the list), and
// says so.
func (m *Model) saveFilters(done string) tea.Cmd {
	v := ""
	if m.filters.active() {
		b, _ := json.Marshal(m.filters)
		v = string(b)
	}
	st, login, lang := m.ctx.Store, m.ctx.User.Login, m.ctx.Lang
	return func() tea.Msg {
		if err := st.SetPref(login, prefFilters, v); err != nil {
			return common.Failed(lang, err)
		}
		return common.StatusMsg{Text: done}
	}
}

// --- the filter form ---

const (
	ffStatus = iota
	ffKind
	ffField
	ffEmployer
	ffHandler
	ffFrom
	ffTo
	ffSite
	ffCount
)

// option is one value of a choice row of the filter form.
type option struct {
	value string
	label string
}

// filterForm edits the filters in an overlay; Enter applies them, Esc
// leaves them as they were.
type filterForm struct {
	focus    int
	opts     [ffCount][]option // for the choice rows
	pick     [ffCount]int
	employer textfield.Model
	from, to textfield.Model
	errRow   int
	err      string
	initial  Filters
}

func (m *Model) newFilterForm() *filterForm {
	w, lang := m.w, m.ctx.Lang
	f := &filterForm{errRow: -1, initial: m.filters}
	all := option{"", w.FilterAll}
	f.opts[ffStatus] = []option{all}
	for _, s := range model.CaseStatuses {
		f.opts[ffStatus] = append(f.opts[ffStatus], option{string(s), s.Label().In(lang)})
	}
	f.opts[ffKind] = []option{all}
	for _, k := range model.PetitionKinds {
		f.opts[ffKind] = append(f.opts[ffKind], option{string(k), k.Label().In(lang)})
	}
	f.opts[ffField] = []option{all}
	for _, x := range model.Fields {
		f.opts[ffField] = append(f.opts[ffField], option{string(x), x.Label().In(lang)})
	}
	me := m.ctx.User.Login
	f.opts[ffHandler] = []option{all, {me, w.FilterMine + " (" + m.ctx.User.Name + ")"}, {handlerNone, w.FilterNoHandler}}
	for _, u := range m.users {
		if u.Login != me && (u.Has(model.RoleHandler) || u.Has(model.RoleLeader)) {
			f.opts[ffHandler] = append(f.opts[ffHandler], option{u.Login, u.Name})
		}
	}
	cur := m.filters
	if cur.Handler != "" && indexOf(f.opts[ffHandler], cur.Handler) < 0 {
		f.opts[ffHandler] = append(f.opts[ffHandler], option{cur.Handler, m.handlerFull(cur.Handler)})
	}
	f.pick[ffStatus] = max(indexOf(f.opts[ffStatus], string(cur.Status)), 0)
	f.pick[ffKind] = max(indexOf(f.opts[ffKind], string(cur.Kind)), 0)
	f.pick[ffField] = max(indexOf(f.opts[ffField], string(cur.Field)), 0)
	f.pick[ffHandler] = max(indexOf(f.opts[ffHandler], cur.Handler), 0)
	// The sites whose cases this file holds (an office holds its children's).
	f.opts[ffSite] = []option{all}
	seen := map[string]bool{}
	for _, r := range m.rows {
		if r.site != "" && !seen[r.site] {
			seen[r.site] = true
			f.opts[ffSite] = append(f.opts[ffSite], option{r.site, r.site})
		}
	}
	if cur.Site != "" && !seen[cur.Site] {
		f.opts[ffSite] = append(f.opts[ffSite], option{cur.Site, cur.Site})
	}
	sort.Slice(f.opts[ffSite][1:], func(i, j int) bool { return f.opts[ffSite][1+i].value < f.opts[ffSite][1+j].value })
	f.pick[ffSite] = max(indexOf(f.opts[ffSite], cur.Site), 0)
	mk := func(v string, width int) textfield.Model {
		t := m.ctx.NewField("", width)
		t.Styles = textfield.DefaultStyles(m.ctx.Styles.R)
		t.CharLimit = 60
		t.SetValue(v)
		return t
	}
	f.employer = mk(cur.Employer, 30)
	f.from = mk(cur.From.String(), 11)
	f.to = mk(cur.To.String(), 11)
	f.from.CharLimit, f.to.CharLimit = 10, 10
	return f
}

func indexOf(opts []option, v string) int {
	for i, o := range opts {
		if o.value == v {
			return i
		}
	}
	return -1
}

func (f *filterForm) setMode(mode textfield.Mode, style textfield.ToneStyle) {
	for _, t := range []*textfield.Model{&f.employer, &f.from, &f.to} {
		t.SetMode(mode)
		t.SetToneStyle(style)
	}
}

func (f *filterForm) text(row int) *textfield.Model {
	switch row {
	case ffEmployer:
		return &f.employer
	case ffFrom:
		return &f.from
	case ffTo:
		return &f.to
	}
	return nil
}

func (f *filterForm) focusRow(row int) {
	for _, r := range []int{ffEmployer, ffFrom, ffTo} {
		f.text(r).Blur()
	}
	f.focus = (row + ffCount) % ffCount
	if t := f.text(f.focus); t != nil {
		t.Focus()
	}
}

// values reads the form into filters; a date that does not read gives its
// row and the message.
func (f *filterForm) values() (Filters, int, *model.Msg) {
	v := Filters{
		Status:   model.CaseStatus(f.opts[ffStatus][f.pick[ffStatus]].value),
		Kind:     model.PetitionKind(f.opts[ffKind][f.pick[ffKind]].value),
		Field:    model.Field(f.opts[ffField][f.pick[ffField]].value),
		Handler:  f.opts[ffHandler][f.pick[ffHandler]].value,
		Site:     f.opts[ffSite][f.pick[ffSite]].value,
		Employer: model.NFC(f.employer.Value()),
	}
	for _, r := range []int{ffFrom, ffTo} {
		s := strings.TrimSpace(f.text(r).Value())
		if s == "" {
			continue
		}
		d, msg := model.ParseDateInput(s)
		if msg != nil {
			return v, r, msg
		}
		if r == ffFrom {
			v.From = d
		} else {
			v.To = d
		}
	}
	return v, -1, nil
}

func (f *filterForm) changed(m *Model) bool {
	v, _, msg := f.values()
	return msg != nil || v != f.initial
}

func (m *Model) formKey(msg tea.KeyMsg) tea.Cmd {
	f, k := m.form, m.keys
	choice := f.text(f.focus) == nil
	switch {
	case key.Matches(msg, k.Cancel):
		m.form = nil
		return nil
	case key.Matches(msg, k.ClearAll):
		for i := range f.pick {
			f.pick[i] = 0
		}
		for _, r := range []int{ffEmployer, ffFrom, ffTo} {
			f.text(r).Reset()
		}
		f.err, f.errRow = "", -1
		return nil
	case key.Matches(msg, k.Apply):
		v, row, bad := f.values()
		if bad == nil && !v.From.IsZero() && !v.To.IsZero() && v.To.Before(v.From) {
			row, bad = ffTo, model.NewMsg("", m.w.FilterBadRange, m.w.FilterBadRange)
		}
		if bad != nil {
			f.errRow, f.err = row, bad.In(m.ctx.Lang)
			f.focusRow(row)
			return nil
		}
		m.form = nil
		m.filters = v
		m.table.Cursor, m.table.Offset = 0, 0
		m.refilter()
		return m.saveFilters(m.w.FilterSaved)
	case key.Matches(msg, k.Prev):
		f.focusRow(f.focus - 1)
	case key.Matches(msg, k.Next):
		f.focusRow(f.focus + 1)
	case choice && key.Matches(msg, k.Left):
		n := len(f.opts[f.focus])
		f.pick[f.focus] = (f.pick[f.focus] - 1 + n) % n
	case choice && key.Matches(msg, k.Right):
		f.pick[f.focus] = (f.pick[f.focus] + 1) % len(f.opts[f.focus])
	case !choice:
		t := f.text(f.focus)
		*t, _ = t.Update(msg)
		if f.errRow == f.focus {
			f.err, f.errRow = "", -1
		}
	}
	return nil
}

func (f *filterForm) view(m *Model) string {
	st, w := m.ctx.Styles, m.w
	labels := [ffCount]string{w.FilterStatus, w.FilterKind, w.FilterField, w.FilterEmployer, w.FilterHandler, w.FilterFrom, w.FilterTo, w.FilterSite}
	lw := 0
	for _, l := range labels {
		lw = max(lw, lipgloss.Width(l))
	}
	var b strings.Builder
	b.WriteString(st.Title.Render(w.FilterTitle) + "\n\n")
	for r := 0; r < ffCount; r++ {
		label := common.Pad(labels[r], lw)
		mark := "  "
		if r == f.focus {
			label = st.Focused.Render(label)
			mark = "› "
		}
		var val string
		if t := f.text(r); t != nil {
			val = "[" + t.View() + "]"
			if r == ffFrom || r == ffTo {
				val += " " + st.Muted.Render(w.FilterDateHint)
			}
		} else {
			o := f.opts[r][f.pick[r]]
			val = "‹ " + o.label + " ›"
			if f.pick[r] > 0 {
				val = st.Choice.Render(val)
			}
		}
		b.WriteString(mark + label + "  " + val + "\n")
		if r == f.errRow && f.err != "" {
			room := max(m.width-lw-12, 20)
			for _, l := range strings.Split(st.ErrText.Width(room).Render("✗ "+f.err), "\n") {
				b.WriteString(strings.Repeat(" ", lw+4) + l + "\n")
			}
		}
	}
	b.WriteString("\n" + st.Help.Render(w.FilterHint))
	box := st.Box.Render(b.String())
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}
