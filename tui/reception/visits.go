package reception

import (
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// recentDays is how far back the list of saved visits goes.
const recentDays = 90

// visitRow is one saved visit in the list, with what it is found by.
type visitRow struct {
	v     model.Visit
	names string // the visitors, as shown
	fold  string // number, names, employer and content without diacritics
}

// visits opens the list of the visits saved lately (Ctrl+G), read in a
// command: the receptionist finds one by typing (no diacritics needed)
// and Enter opens its correction.
func (m *Model) visits() tea.Cmd {
	st, u, today := m.ctx.Store, m.ctx.User, m.ctx.Today()
	return func() tea.Msg {
		rows, err := recentVisits(st, &u, today.AddDays(-recentDays))
		return visitsReadMsg{rows, err}
	}
}

// visitsReadMsg carries the saved visits read for the list.
type visitsReadMsg struct {
	rows []visitRow
	err  error // some could not be read
}

// showVisits opens the list of the visits read.
func (m *Model) showVisits(msg visitsReadMsg) tea.Cmd {
	push := common.Push(newVisitsPage(m, msg.rows))
	if msg.err != nil {
		return tea.Batch(push, m.ctx.Fail(msg.err))
	}
	return push
}

// recentVisits reads the visits since from, newest first, with their
// visitors' names. A visit that filed a confidential petition the user
// may not see is left out, as on a person's card.
func recentVisits(st *store.Store, u *model.User, from model.Date) ([]visitRow, error) {
	vs, bad := st.VisitsIn(from, model.Date{})
	rows := make([]visitRow, 0, len(vs))
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		if v.Petition != "" {
			p, err := st.Petition(v.Petition)
			if err != nil {
				if bad == nil {
					bad = err
				}
				continue
			}
			var c *model.Case
			if p.Case != "" {
				if x, err := st.Case(p.Case); err == nil {
					c = &x
				}
			}
			if p.Confidential && !model.MaySeePetitionSender(u, &p, c) {
				continue
			}
		}
		var names []string
		for _, id := range v.Persons {
			if p, err := st.Person(st.CanonicalPerson(id)); err == nil {
				if p.Sealed != "" && !st.UnsealPerson(&p) {
					continue
				}
				names = append(names, p.Name)
			}
		}
		n := strings.Join(names, ", ")
		rows = append(rows, visitRow{v: v, names: n, fold: model.Fold(v.No + " " + n + " " + v.Employer + " " + v.Content)})
	}
	return rows, bad
}

// visitsPage is the list of saved visits: a search line, the visits that
// match, Enter to correct the one under the cursor.
type visitsPage struct {
	m      *Model
	rows   []visitRow
	shown  []int
	search textfield.Model
	cursor int
	offset int
	list   common.ListKeys
	open   key.Binding
}

func newVisitsPage(m *Model, rows []visitRow) *visitsPage {
	w := &m.ctx.Words.Reception
	p := &visitsPage{m: m, rows: rows, list: common.NewListKeys(),
		open: key.NewBinding(key.WithKeys("enter"), key.WithHelp("↑↓ Enter", w.KeyVisitCorrect))}
	p.list.Home, p.list.End = key.NewBinding(key.WithDisabled()), key.NewBinding(key.WithDisabled())
	p.list.Up = key.NewBinding(key.WithKeys("up"))
	p.list.Down = key.NewBinding(key.WithKeys("down"))
	p.search = m.ctx.NewField(w.VisitsHint, 40)
	p.search.Focus()
	p.filter()
	return p
}

func (p *visitsPage) filter() {
	q := model.Fold(p.search.Value())
	p.shown = p.shown[:0]
	for i, r := range p.rows {
		if q == "" || model.MatchFolded(r.fold, q) {
			p.shown = append(p.shown, i)
		}
	}
	p.cursor = max(0, min(p.cursor, len(p.shown)-1))
}

// Key moves, types into the search, or opens the correction (Esc is the
// root's: it closes the list).
func (p *visitsPage) Key(msg tea.KeyMsg) (bool, tea.Cmd) {
	if d, ok := p.list.Step(msg, 10); ok {
		p.cursor = max(0, min(p.cursor+d, len(p.shown)-1))
		return false, nil
	}
	if key.Matches(msg, p.open) {
		if p.cursor < len(p.shown) {
			return true, p.m.correctVisit(p.rows[p.shown[p.cursor]].v)
		}
		return false, nil
	}
	before := p.search.Value()
	p.search, _ = p.search.Update(msg)
	if p.search.Value() != before {
		p.cursor, p.offset = 0, 0
		p.filter()
	}
	return false, nil
}

// View draws the title, the search and the visits in view.
func (p *visitsPage) View(width, height int) string {
	ctx := p.m.ctx
	st, w := ctx.Styles, &ctx.Words.Reception
	p.search.Width = max(width-lipgloss.Width(w.VisitsSearch)-4, 10)
	out := []string{
		st.Title.Render(common.Truncate(sprintf(w.VisitsTitle, recentDays, len(p.shown)), width)),
		st.Focused.Render(w.VisitsSearch+":") + " " + p.search.View(),
		"",
	}
	room := max(height-len(out), 1)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+room {
		p.offset = p.cursor - room + 1
	}
	if len(p.shown) == 0 {
		out = append(out, st.Muted.Render(w.VisitsNone))
	}
	for i := p.offset; i < len(p.shown) && i < p.offset+room; i++ {
		r := p.rows[p.shown[i]]
		at := r.v.At.In(model.VN).Format("02/01 15:04")
		who := r.names
		if who == "" {
			who = "—"
		}
		line := common.Truncate(at+"  "+r.v.No+"  "+who+" · "+r.v.Content, width-2)
		if i == p.cursor {
			out = append(out, st.Selected.Render("› "+common.Pad(line, width-2)))
		} else {
			out = append(out, "  "+line)
		}
	}
	return strings.Join(out, "\n")
}

// ShortHelp names the keys of the list.
func (p *visitsPage) ShortHelp() []key.Binding {
	w := &p.m.ctx.Words.Reception
	return []key.Binding{p.open, key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack))}
}
