package importscreen

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Duplicates is the page where a leader reviews persons who may be one,
// merges them, and unmerges a merge made by mistake.
type Duplicates struct {
	ctx           *common.Context
	w             *Words
	keys          dupKeys
	width, height int

	loaded  bool
	dups    []model.Duplicate
	merged  []model.Person
	persons map[string]model.Person
	cursor  int
	swap    bool // the second record of the pair stays
	list    bool // showing the merged records
	confirm bool
}

type dupKeys struct {
	Move, Merge, Swap, Merged, Unmerge, Confirm, Back key.Binding
}

func newDupKeys(w *Words) dupKeys {
	return dupKeys{
		Move:    key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown", "home", "end"), key.WithHelp("↑↓", w.KeyMove)),
		Merge:   key.NewBinding(key.WithKeys("g"), key.WithHelp("g", w.KeyMerge)),
		Swap:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", w.KeySwap)),
		Merged:  key.NewBinding(key.WithKeys("tab"), key.WithHelp("Tab", w.KeyMerged)),
		Unmerge: key.NewBinding(key.WithKeys("t"), key.WithHelp("t", w.KeyUnmerge)),
		Confirm: key.NewBinding(key.WithKeys("c", "C"), key.WithHelp("C", w.KeyConfirm)),
		Back:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack)),
	}
}

// NewDuplicates makes the duplicates review page.
func NewDuplicates(ctx *common.Context) common.Screen {
	w := wordsFor(ctx.Lang)
	return &Duplicates{ctx: ctx, w: w, keys: newDupKeys(w), width: 80, height: 21}
}

type dupsMsg struct {
	dups    []model.Duplicate
	merged  []model.Person
	persons map[string]model.Person
}

func (m *Duplicates) load() tea.Cmd {
	s := m.ctx.Store
	return func() tea.Msg {
		all := s.AllPersons()
		persons := make(map[string]model.Person, len(all))
		for _, p := range all {
			persons[p.ID] = p
		}
		return dupsMsg{dups: model.FindDuplicates(all), merged: s.MergedPersons(), persons: persons}
	}
}

func (m *Duplicates) Init() tea.Cmd { return m.load() }

func (m *Duplicates) SetSize(w, h int) { m.width, m.height = w, h }

func (m *Duplicates) Dirty() bool { return false }

func (m *Duplicates) Capturing() bool { return false }

// CanLeave reports that Esc is free for a host to go back with: no
// question asked and the list of pairs shown.
func (m *Duplicates) CanLeave() bool { return !m.confirm && !m.list }

func (m *Duplicates) ShortHelp() []key.Binding {
	if m.confirm {
		return []key.Binding{m.keys.Confirm, m.keys.Back}
	}
	if m.list {
		return []key.Binding{m.keys.Move, m.keys.Unmerge, m.keys.Merged}
	}
	return []key.Binding{m.keys.Move, m.keys.Merge, m.keys.Swap, m.keys.Merged}
}

func (m *Duplicates) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Move, m.keys.Merge, m.keys.Swap}, {m.keys.Merged, m.keys.Unmerge}, {m.keys.Confirm, m.keys.Back}}
}

func (m *Duplicates) count() int {
	if m.list {
		return len(m.merged)
	}
	return len(m.dups)
}

// pair returns the record that stays and the one that goes.
func (m *Duplicates) pair() (keep, gone model.Person) {
	d := m.dups[m.cursor]
	keep, gone = m.persons[d.A], m.persons[d.B]
	if m.swap {
		keep, gone = gone, keep
	}
	return keep, gone
}

func (m *Duplicates) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case dupsMsg:
		m.loaded, m.dups, m.merged, m.persons = true, msg.dups, msg.merged, msg.persons
		m.cursor = max(0, min(m.cursor, m.count()-1))
		return m, nil
	case common.ChangedMsg:
		return m, m.load()
	case tea.KeyMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m *Duplicates) key(msg tea.KeyMsg) (common.Screen, tea.Cmd) {
	if m.confirm {
		switch {
		case key.Matches(msg, m.keys.Confirm):
			m.confirm = false
			return m, m.act()
		case key.Matches(msg, m.keys.Back):
			m.confirm = false
		}
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Move):
		delta := map[string]int{"up": -1, "down": 1, "pgup": -5, "pgdown": 5, "home": -1 << 20, "end": 1 << 20}[msg.String()]
		m.cursor = max(0, min(m.cursor+delta, m.count()-1))
		m.swap = false
	case key.Matches(msg, m.keys.Merged), key.Matches(msg, m.keys.Back) && m.list:
		m.list, m.cursor, m.swap = !m.list, 0, false
	case key.Matches(msg, m.keys.Swap) && !m.list:
		m.swap = !m.swap
	case key.Matches(msg, m.keys.Merge) && !m.list, key.Matches(msg, m.keys.Unmerge) && m.list:
		if m.count() == 0 {
			return m, nil
		}
		if !model.May(&m.ctx.User, model.ActMergePersons) {
			return m, common.Error(m.w.NotLeader)
		}
		m.confirm = true
	}
	return m, nil
}

// act merges the pair under the cursor, or unmerges the merged record.
func (m *Duplicates) act() tea.Cmd {
	s, who := m.ctx.Store, m.ctx.User.Login
	if m.list {
		p := m.merged[m.cursor]
		if err := s.UnmergePerson(who, p.ID); err != nil {
			return m.ctx.Fail(err)
		}
		return tea.Batch(common.Status(fmt.Sprintf(m.w.Unmerged, p.Name)), common.Changed(p.ID))
	}
	keep, gone := m.pair()
	if _, err := s.MergePersons(who, keep.ID, gone.ID); err != nil {
		return m.ctx.Fail(err)
	}
	m.swap = false
	return tea.Batch(common.Status(fmt.Sprintf(m.w.Merged, gone.Name, keep.Name)), common.Changed(keep.ID))
}

// line describes a person in one line.
func (m *Duplicates) line(p model.Person) string {
	parts := []string{p.Name}
	if p.BirthYear != 0 {
		parts = append(parts, fmt.Sprint(p.BirthYear))
	}
	for _, x := range []string{p.IDNumber, p.Phone, p.Employer, p.Site} {
		if x != "" {
			parts = append(parts, x)
		}
	}
	return strings.Join(parts, " · ")
}

func (m *Duplicates) View() string {
	st, w := m.ctx.Styles, m.w
	out := []string{st.Title.Render(w.DupTitle)}
	if !m.loaded {
		return strings.Join(out, "\n")
	}
	if m.list {
		out = append(out, st.Muted.Render(fmt.Sprintf(w.MergedCount, len(m.merged))), "")
		if len(m.merged) == 0 {
			out = append(out, w.NoMerged)
		}
		room := m.height - 6
		start := max(0, m.cursor-room+1)
		for i := start; i < len(m.merged) && i < start+room; i++ {
			p := m.merged[i]
			l := "  " + m.line(p) + " · " + fmt.Sprintf(w.MergedInto, m.persons[p.MergedInto].Name)
			if i == m.cursor {
				l = st.Selected.Render("›" + l[1:])
			}
			out = append(out, common.Truncate(l, m.width))
		}
		if m.confirm && len(m.merged) > 0 {
			out = m.footer(out, fmt.Sprintf(w.ConfirmUnmerge, m.merged[m.cursor].Name))
		}
		return strings.Join(out, "\n")
	}
	out = append(out, st.Muted.Render(fmt.Sprintf(w.PairsCount, len(m.dups))), "")
	if len(m.dups) == 0 {
		out = append(out, w.NoDuplicates)
	}
	room := (m.height - 7) / 3
	start := max(0, m.cursor-room+1)
	for i := start; i < len(m.dups) && i < start+room; i++ {
		d := m.dups[i]
		a, b := m.persons[d.A], m.persons[d.B]
		ta, tb := w.Stays, w.Goes
		if i == m.cursor && m.swap {
			ta, tb = tb, ta
		}
		head := "  " + d.Why.Label().In(m.ctx.Lang)
		if i == m.cursor {
			head = st.Selected.Render("›" + head[1:])
		}
		out = append(out, head,
			common.Truncate(fmt.Sprintf("    %-8s %s", ta, m.line(a)), m.width),
			common.Truncate(fmt.Sprintf("    %-8s %s", tb, m.line(b)), m.width))
	}
	if m.confirm && len(m.dups) > 0 {
		keep, gone := m.pair()
		out = m.footer(out, fmt.Sprintf(w.ConfirmMerge, gone.Name, keep.Name))
	}
	return strings.Join(out, "\n")
}

// footer puts a question and its keys on the last lines.
func (m *Duplicates) footer(out []string, q string) []string {
	for len(out) < m.height-3 {
		out = append(out, "")
	}
	out = out[:m.height-3]
	st := m.ctx.Styles
	return append(out, st.Warn.Render(common.Truncate(q, m.width)), st.Bold.Render(m.w.ConfirmKeys))
}

// Title is the page's name, for a host's list of pages.
func (m *Duplicates) Title() string { return m.w.DupMenu }
