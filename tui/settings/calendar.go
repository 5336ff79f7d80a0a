package settings

import (
	"strconv"
	"strings"

	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// calendarSection shows a year's days off (the law's holidays, the
// government's yearly decisions shipped with donthu, the site's own days)
// and lets an administrator add a one-off day (a holiday moved by this
// year's decision, a swapped working Saturday, the site's own closure) or
// remove one of the site's days.
type calendarSection struct {
	ctx   *common.Context
	year  int
	days  []model.Override
	table common.Table
	form  *form
	keys  struct{ Add, Remove, Prev, Next, Save, Back key.Binding }
}

func newCalendar(ctx *common.Context) *calendarSection {
	w := &ctx.Words.Settings
	s := &calendarSection{ctx: ctx, year: ctx.Today().Y}
	s.keys.Add = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", w.KeyAddDay))
	s.keys.Remove = key.NewBinding(key.WithKeys("x"), key.WithHelp("x", w.KeyRemoveDay))
	s.keys.Prev = key.NewBinding(key.WithKeys("left", "-"), key.WithHelp("←", w.KeyYear))
	s.keys.Next = key.NewBinding(key.WithKeys("right", "+"), key.WithHelp("→", w.KeyYear))
	s.keys.Save = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Ctrl+S", w.KeySave))
	s.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack))
	s.table.Columns = []common.Column{{Title: w.Day, Width: 20}, {Title: w.Kind, Width: 13}, {Title: w.DayName}}
	return s
}

func (s *calendarSection) Title() string              { return s.ctx.Words.Settings.Calendar }
func (s *calendarSection) Allowed(u *model.User) bool { return model.May(u, model.ActManageSite) }
func (s *calendarSection) Capturing() bool            { return s.form != nil }
func (s *calendarSection) Dirty() bool                { return s.form != nil && s.form.dirty() }
func (s *calendarSection) CanLeave() bool             { return s.form == nil }

func (s *calendarSection) Keys() []key.Binding {
	if s.form != nil {
		return []key.Binding{s.keys.Save, s.keys.Back}
	}
	return []key.Binding{s.keys.Add, s.keys.Remove, s.keys.Prev, s.keys.Next}
}

func (s *calendarSection) Init() tea.Cmd { return s.load() }

// load reads the year's days off in a command.
func (s *calendarSection) load() tea.Cmd {
	st, year := s.ctx.Store, s.year
	return inCmd(func() func() tea.Cmd {
		days := st.Calendar().Holidays(year)
		return func() tea.Cmd {
			if year == s.year {
				s.show(days)
			}
			return nil
		}
	})
}

func (s *calendarSection) show(days []model.Override) {
	s.days = days
	rows := make([][]string, len(s.days))
	for i, o := range s.days {
		rows[i] = []string{model.WeekdayLabel(o.Date.Weekday()).In(s.ctx.Lang) + " " + o.Date.String(), o.Kind.Label().In(s.ctx.Lang), o.Name}
	}
	s.table.SetRows(rows)
}

func (s *calendarSection) Update(msg tea.Msg) (Section, tea.Cmd) {
	if _, ok := msg.(common.ChangedMsg); ok && s.form == nil {
		return s, s.load()
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	w := &s.ctx.Words.Settings
	if s.form != nil {
		if key.Matches(k, s.keys.Back) {
			s.form = nil
			return s, nil
		}
		submit, cmd := s.form.update(k)
		if !submit {
			return s, cmd
		}
		return s, s.save()
	}
	if s.table.HandleKey(k) {
		return s, nil
	}
	switch {
	case key.Matches(k, s.keys.Prev):
		s.year--
		return s, s.load()
	case key.Matches(k, s.keys.Next):
		s.year++
		return s, s.load()
	case key.Matches(k, s.keys.Add):
		s.form = newForm(w.AddDay).add(w.Day, false, "").add(w.Kind, false, "1").add(w.DayName, false, "")
	case key.Matches(k, s.keys.Remove):
		if s.table.Cursor < len(s.days) {
			d := s.days[s.table.Cursor]
			st, me := s.ctx.Store, s.ctx.User.Login
			return s, inCmd(func() func() tea.Cmd {
				err := st.SetCalendarDay(me, model.CalendarChange{Override: model.Override{Date: d.Date}, Remove: true})
				return func() tea.Cmd {
					if err != nil {
						return failure(s.ctx, err)
					}
					return tea.Batch(s.load(), status(sprintf(w.DayRemoved, d.Date.String())), common.Changed(model.SiteEntity(st.Site())))
				}
			})
		}
	}
	return s, nil
}

func (s *calendarSection) save() tea.Cmd {
	w, f := &s.ctx.Words.Settings, s.form
	d, m := model.ParseDateInput(f.value(0))
	if m != nil {
		f.err = m.In(s.ctx.Lang)
		return nil
	}
	n, err := strconv.Atoi(f.value(1))
	if err != nil || n < 1 || n > len(model.DayKinds) {
		f.err = w.KindHint
		return nil
	}
	o := model.Override{Date: d, Kind: model.DayKinds[n-1], Name: f.value(2), Source: s.ctx.User.Login}
	st, me := s.ctx.Store, s.ctx.User.Login
	return inCmd(func() func() tea.Cmd {
		err := st.SetCalendarDay(me, model.CalendarChange{Override: o})
		return func() tea.Cmd {
			if err != nil {
				f.err = s.ctx.Say(err)
				return nil
			}
			if s.form == f {
				s.form = nil
			}
			s.year = d.Y
			return tea.Batch(s.load(), status(sprintf(w.DayAdded, d.String())), common.Changed(model.SiteEntity(st.Site())))
		}
	})
}

func (s *calendarSection) View(width, height int) string {
	st, w := s.ctx.Styles, &s.ctx.Words.Settings
	if s.form != nil {
		var kinds []string
		for i, k := range model.DayKinds {
			kinds = append(kinds, strconv.Itoa(i+1)+" "+k.Label().In(s.ctx.Lang))
		}
		return s.form.view(s.ctx, w.Kind+": "+strings.Join(kinds, " · ")+"\n"+w.DayHint+"\nCtrl+S "+w.KeySave+" · Esc "+w.KeyBack)
	}
	s.table.Width, s.table.Height = width, max(height-3, 3)
	return st.Title.Render(w.Calendar+" "+strconv.Itoa(s.year)) + "  " + st.Muted.Render("← →") + "\n" + s.table.View(st, "—")
}
