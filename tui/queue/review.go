package queue

import (
	"fmt"
	"strconv"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// reviewView is the backlog review (docs/law.md, Backlog review): the open cases by age
// and status, and the matters resolved but brought back, each of which
// opens in follow-up to be planned.
type reviewView struct {
	b       model.Backlog
	byID    map[string]*model.Case
	pets    map[string]*model.Petition
	table   common.Table
	repeats []model.Repeat
}

// reviewMsg is the review computed in a command; open shows it (Ctrl+R),
// else it replaces the one shown (after a change).
type reviewMsg struct {
	v    *reviewView
	open bool
}

// reviewCmd computes the review in a command.
func (m *Model) reviewCmd(open bool) tea.Cmd {
	ctx, w, today := m.ctx, m.w, m.ctx.Today()
	return func() tea.Msg {
		v, err := newReview(ctx, w, today)
		if err != nil {
			return tea.BatchMsg{func() tea.Msg { return reviewMsg{v: v, open: open} }, ctx.Fail(err)}
		}
		return reviewMsg{v: v, open: open}
	}
}

// reviewAgain computes the review shown again after a change.
func (m *Model) reviewAgain() tea.Cmd {
	if m.review == nil {
		return nil
	}
	return m.reviewCmd(false)
}

// newReview computes the review from every case and petition of the file.
func newReview(ctx *common.Context, w *common.QueueWords, today model.Date) (*reviewView, error) {
	st := ctx.Store
	var cases []model.Case
	err := st.EachCase(store.CaseFilter{All: true}, func(c model.Case) { cases = append(cases, c) })
	pets, perr := st.PetitionsIn(model.Date{}, model.Date{})
	if err == nil {
		err = perr
	}
	model.ResolveSenders(cases, pets, st.PersonRoots()) // a merged worker is one sender
	v := &reviewView{
		b:    model.ReviewBacklog(cases, pets, st.Calendar(), today),
		byID: make(map[string]*model.Case, len(cases)),
		pets: make(map[string]*model.Petition, len(pets)),
	}
	for i := range cases {
		v.byID[cases[i].ID] = &cases[i]
	}
	for i := range pets {
		v.pets[pets[i].ID] = &pets[i]
	}
	v.repeats = v.b.Repeats
	lang := ctx.Lang
	isMasked := func(c *model.Case) bool { _, show := common.Sender(ctx, c); return !show }
	rows := make([][]string, 0, len(v.repeats))
	for _, r := range v.repeats {
		prior := v.byID[r.Prior]
		if prior == nil {
			prior = &model.Case{ID: r.Prior, No: r.Prior}
		}
		later, sender, kind := "", "", prior.Kind
		masked := isMasked(prior)
		if c := v.byID[r.Case]; c != nil {
			later, sender, kind = c.No, c.SenderName, c.Kind
			masked = masked || isMasked(c)
		} else if p := v.pets[r.Petition]; p != nil {
			later, sender = p.No, p.SenderName
			masked = masked || p.Confidential
		}
		if sender == "" {
			sender = prior.SenderName
		}
		if masked {
			sender = w.Masked
		}
		result := prior.Status.Label().In(lang)
		if prior.Status == model.StatusConcluded && prior.Result != "" {
			result = model.ResultLabel(prior.Kind, prior.Result).In(lang)
		}
		why := r.Why.Label().In(lang)
		if r.Why == model.RepeatSimilar {
			why = fmt.Sprintf(w.SimilarPct, int(r.Score*100+0.5))
		}
		rows = append(rows, []string{shortNo(later), sender, model.RepeatLabel(kind).In(lang), shortNo(prior.No), result, why})
	}
	// Each column as wide as its widest cell, the sender taking the rest.
	cols := []common.Column{
		{Title: w.ColLater, Width: 10}, {Title: w.ColSender}, {Title: w.ColRepeat},
		{Title: w.ColPrior, Width: 9}, {Title: w.ColPriorResult}, {Title: w.ColWhy},
	}
	for _, i := range []int{2, 4, 5} {
		cols[i].Width = lipgloss.Width(cols[i].Title)
		for _, r := range rows {
			cols[i].Width = min(max(cols[i].Width, lipgloss.Width(r[i])), 18)
		}
	}
	v.table.Columns = cols
	v.table.SetRows(rows)
	return v, err
}

func (v *reviewView) resize(m *Model) {
	v.table.Width = m.width
	v.table.Height = max(m.height-reviewHead, 2)
	v.table.Move(0)
}

// reviewHead is the number of lines above the list of repeats.
const reviewHead = 13

func (m *Model) reviewKey(msg tea.KeyMsg) tea.Cmd {
	v, k := m.review, m.keys
	switch {
	case key.Matches(msg, k.Review), key.Matches(msg, k.Cancel):
		m.review = nil
	case key.Matches(msg, k.Open):
		if v.table.Cursor < len(v.repeats) {
			r := v.repeats[v.table.Cursor]
			id := r.Case
			if id == "" {
				id = r.Prior
			}
			return func() tea.Msg { return common.OpenCaseMsg{ID: id} }
		}
	default:
		v.table.HandleKey(msg)
	}
	return nil
}

func (v *reviewView) view(m *Model) string {
	st, w, lang := m.ctx.Styles, m.w, m.ctx.Lang
	v.resize(m)
	b := &v.b
	var out []string
	out = append(out, st.Title.Render(w.TitleReview)+" · "+b.Today.String())
	out = append(out, common.Truncate(w.ReviewIntro, m.width))
	ageW := lipgloss.Width(w.ReviewAge)
	for _, a := range model.AgeBands {
		ageW = max(ageW, len([]rune(a.Label.In(lang))))
	}
	head := []string{common.Pad(w.ReviewAge, ageW)}
	widths := []int{}
	for _, s := range model.BacklogStatuses {
		l := s.Label().In(lang)
		widths = append(widths, max(len([]rune(l)), 5))
		head = append(head, l)
	}
	widths = append(widths, max(len([]rune(w.ReviewTotal)), 5), max(len([]rune(w.ReviewOverdue)), 5))
	head = append(head, w.ReviewTotal, w.ReviewOverdue)
	out = append(out, st.Header.Render(common.Truncate(" "+strings.Join(head, "  "), m.width)))
	line := func(label string, nums []int, style func(string) string) string {
		cells := []string{common.Pad(label, ageW)}
		for i, n := range nums {
			s := strconv.Itoa(n)
			if n == 0 {
				s = "·"
			}
			cells = append(cells, common.PadLeft(s, widths[i]))
		}
		return style(common.Truncate(" "+strings.Join(cells, "  "), m.width))
	}
	plain := func(s string) string { return s }
	for i, a := range model.AgeBands {
		nums := append(append([]int{}, b.Counts[i]...), b.BandTotal[i], b.Overdue[i])
		s := plain
		if b.Overdue[i] > 0 {
			s = func(x string) string { return st.Overdue.Render(x) }
		}
		out = append(out, line(a.Label.In(lang), nums, s))
	}
	out = append(out, line(w.ReviewTotal, append(append([]int{}, b.StatusTotal...), b.Open, b.OverdueTotal), func(x string) string { return st.Bold.Render(x) }))
	out = append(out, "")
	out = append(out, common.Truncate(fmt.Sprintf(w.ReviewSummary, b.Resolved, b.Open, b.RepeatedMatters), m.width))
	out = append(out, "")
	out = append(out, st.Title.Render(common.Truncate(w.ReviewRepeats, m.width)))
	return strings.Join(out, "\n") + "\n" + v.table.View(st, w.ReviewNoRepeats)
}
