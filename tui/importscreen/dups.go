package importscreen

import (
	"fmt"
	"slices"
	"strings"

	"donthu/model"
	"donthu/store"
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
	r       store.DuplicateReview // the pairs less those settled since it was read
	asked   int                   // reads of the review asked for: only the last one's answer is taken
	got     int                   // the read whose answer r is
	cursor  int
	swap    bool // the second record of the pair stays
	list    bool // showing the merged records
	confirm bool
	apart   bool // the question asked is "two people?" (k), not a merge
}

type dupKeys struct {
	Move, Merge, Swap, Apart, Merged, Unmerge, Confirm, Back key.Binding
}

func newDupKeys(w *Words) dupKeys {
	return dupKeys{
		Move:    key.NewBinding(key.WithKeys("up", "down", "pgup", "pgdown", "home", "end"), key.WithHelp("↑↓", w.KeyMove)),
		Merge:   key.NewBinding(key.WithKeys("g"), key.WithHelp("g", w.KeyMerge)),
		Swap:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", w.KeySwap)),
		Apart:   key.NewBinding(key.WithKeys("k"), key.WithHelp("k", w.KeyApart)),
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
	store.DuplicateReview
	read int // which read of the review this is
}

// load reads the review again (it takes seconds at an office). A read
// begun before the last act may miss it: its answer is dropped when a
// later read is under way, so a settled pair never comes back.
func (m *Duplicates) load() tea.Cmd {
	s := m.ctx.Store
	m.asked++
	read := m.asked
	// Only the persons this session may know of; a protected one the
	// policy lets it find is compared unsealed, shown sealed.
	return func() tea.Msg { return dupsMsg{s.ReviewDuplicates(), read} }
}

// rereading reports whether a newer review is being read.
func (m *Duplicates) rereading() bool { return m.loaded && m.got != m.asked }

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
	return []key.Binding{m.keys.Move, m.keys.Merge, m.keys.Apart, m.keys.Swap, m.keys.Merged}
}

func (m *Duplicates) FullHelp() [][]key.Binding {
	return [][]key.Binding{{m.keys.Move, m.keys.Merge, m.keys.Apart, m.keys.Swap}, {m.keys.Merged, m.keys.Unmerge}, {m.keys.Confirm, m.keys.Back}}
}

func (m *Duplicates) count() int {
	if m.list {
		return len(m.r.Merged)
	}
	return len(m.r.Pairs)
}

// pair returns the record that stays and the one that goes.
func (m *Duplicates) pair() (keep, gone model.Person) {
	d := m.r.Pairs[m.cursor]
	keep, gone = m.r.Persons[d.A], m.r.Persons[d.B]
	if m.swap {
		keep, gone = gone, keep
	}
	return keep, gone
}

func (m *Duplicates) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case dupsMsg:
		if msg.read != m.asked {
			return m, nil // a later read is under way
		}
		m.loaded, m.r, m.got = true, msg.DuplicateReview, msg.read
		m.cursor = max(0, min(m.cursor, m.count()-1))
		return m, nil
	case actedMsg:
		if msg.err != nil {
			return m, m.ctx.Fail(msg.err)
		}
		if msg.settled != nil {
			m.drop(msg.settled)
		}
		// A read begun before the act may not hold it: its answer is
		// dropped, and the read the change starts (ChangedMsg) is taken.
		m.asked++
		// The merged list says the act at once, before the review is
		// read again.
		if msg.merged.ID != "" {
			m.r.Persons[msg.merged.ID] = msg.merged
			m.r.Merged = append(m.r.Merged, msg.merged)
		}
		for _, p := range msg.kept {
			m.r.Persons[p.ID] = p
		}
		if msg.unmerged != "" {
			m.r.Merged = slices.DeleteFunc(m.r.Merged, func(p model.Person) bool { return p.ID == msg.unmerged })
			m.cursor = max(0, min(m.cursor, m.count()-1))
		}
		return m, tea.Batch(common.Status(msg.said), common.Changed(msg.changed))
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
	case key.Matches(msg, m.keys.Merge) && !m.list, key.Matches(msg, m.keys.Unmerge) && m.list, key.Matches(msg, m.keys.Apart) && !m.list:
		if m.count() == 0 {
			return m, nil
		}
		if !model.May(&m.ctx.User, model.ActMergePersons) {
			return m, common.Error(m.w.NotLeader)
		}
		m.confirm, m.apart = true, key.Matches(msg, m.keys.Apart)
	}
	return m, nil
}

// actedMsg is the store's answer to a merge, an unmerge or a pair said
// to be two people: the pairs it settled, and what to say.
type actedMsg struct {
	settled  func(model.Duplicate) bool // nil: none (an unmerge)
	merged   model.Person               // a merge: the record merged, as it now is
	kept     []model.Person             // a merge: the record kept and the top of its group, as they now are
	unmerged string                     // an unmerge: the record taken out
	said     string
	changed  string // the record changed
	err      error
}

// act merges the pair under the cursor, or unmerges the merged record, in
// a command (a merge that seals a protected person's history writes
// more than a record).
func (m *Duplicates) act() tea.Cmd {
	s, who, w := m.ctx.Store, m.ctx.User.Login, m.w
	if m.list {
		p := m.r.Merged[m.cursor]
		name := m.name(p)
		return func() tea.Msg {
			err := s.UnmergePerson(who, p.ID)
			return actedMsg{unmerged: p.ID, said: fmt.Sprintf(w.Unmerged, name), changed: p.ID, err: err}
		}
	}
	keep, gone := m.pair()
	kn, gn := m.name(keep), m.name(gone)
	m.swap = false
	if m.apart {
		return func() tea.Msg {
			err := s.MarkDistinct(who, keep.ID, gone.ID, false)
			return actedMsg{settled: func(d model.Duplicate) bool {
				return d.A == keep.ID && d.B == gone.ID || d.A == gone.ID && d.B == keep.ID
			}, said: fmt.Sprintf(w.Apart, kn, gn), changed: keep.ID, err: err}
		}
	}
	return func() tea.Msg {
		_, err := s.MergePersons(who, keep.ID, gone.ID)
		// Read back as the store now keeps them: gone merged into the top
		// of keep's group, all sealed if the group is protected.
		var merged model.Person
		var kept []model.Person
		if err == nil {
			merged, _ = s.ReviewPerson(gone.ID)
			for _, id := range []string{keep.ID, merged.MergedInto} {
				if p, ok := s.ReviewPerson(id); ok {
					kept = append(kept, p)
				}
			}
		}
		return actedMsg{settled: func(d model.Duplicate) bool { return d.A == gone.ID || d.B == gone.ID },
			merged: merged, kept: kept, said: fmt.Sprintf(w.Merged, gn, kn), changed: keep.ID, err: err}
	}
}

// drop takes out of the list the pairs an act settled, at once: the list
// is read again from the file after it (common.Changed), which at an
// office takes seconds, and a pair settled must not be offered meanwhile.
func (m *Duplicates) drop(settled func(model.Duplicate) bool) {
	m.r.Pairs = slices.DeleteFunc(m.r.Pairs, settled)
	m.cursor = max(0, min(m.cursor, m.count()-1))
}

// name is how a list shows a person: a protected one sealed (model.Shows:
// a list never shows a confidential sender unrevealed).
func (m *Duplicates) name(p model.Person) string {
	if p.Sealed != "" {
		return store.SealedText.In(m.ctx.Lang)
	}
	return p.Name
}

// line describes a person in one line.
func (m *Duplicates) line(p model.Person) string {
	parts := []string{m.name(p)}
	if p.BirthYear != 0 {
		parts = append(parts, fmt.Sprint(p.BirthYear))
	}
	shown := []string{p.IDNumber, p.Phone, p.Employer, p.Site}
	if p.Sealed != "" {
		shown = []string{p.Employer, p.Site}
	}
	for _, x := range shown {
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
		return strings.Join(append(out, st.Muted.Render(w.Finding)), "\n")
	}
	again := ""
	if m.rereading() {
		again = " · " + w.Rereading
	}
	if m.list {
		out = append(out, st.Muted.Render(fmt.Sprintf(w.MergedCount, len(m.r.Merged))+again), "")
		if len(m.r.Merged) == 0 {
			out = append(out, w.NoMerged)
		}
		// Two lines a record: the record, then the one it was merged into.
		room := max(1, (m.height-8)/2)
		start := max(0, m.cursor-room+1)
		for i := start; i < len(m.r.Merged) && i < start+room; i++ {
			p := m.r.Merged[i]
			l := common.Truncate("  "+m.line(p), m.width)
			if i == m.cursor {
				l = st.Selected.Render("›" + l[1:])
			}
			out = append(out, l, st.Muted.Render(common.Truncate("    → "+fmt.Sprintf(w.MergedInto, m.line(m.r.Persons[p.MergedInto])), m.width)))
		}
		if m.confirm && len(m.r.Merged) > 0 {
			out = m.footer(out, fmt.Sprintf(w.ConfirmUnmerge, m.name(m.r.Merged[m.cursor])))
		}
		return strings.Join(out, "\n")
	}
	out = append(out, st.Muted.Render(fmt.Sprintf(w.PairsCount, len(m.r.Pairs))+again), "")
	if len(m.r.Pairs) == 0 {
		out = append(out, w.NoDuplicates)
		return strings.Join(out, "\n")
	}
	// One line a pair, then the pair under the cursor field by field.
	detail := m.compare()
	foot := 1
	if m.confirm {
		foot = 5 // the question (up to three lines) and its keys
	}
	room := max(1, m.height-len(out)-len(detail)-1-foot)
	start := max(0, m.cursor-room+1)
	for i := start; i < len(m.r.Pairs) && i < start+room; i++ {
		d := m.r.Pairs[i]
		l := fmt.Sprintf("  %s ↔ %s · %s", m.name(m.r.Persons[d.A]), m.name(m.r.Persons[d.B]), d.Why.Label().In(m.ctx.Lang))
		l = common.Truncate(l, m.width)
		if i == m.cursor {
			l = st.Selected.Render("›" + l[1:])
		}
		out = append(out, l)
	}
	out = append(out, "")
	out = append(out, detail...)
	if m.confirm {
		keep, gone := m.pair()
		q := fmt.Sprintf(w.ConfirmMerge, m.name(gone), m.name(keep))
		if m.apart {
			q = fmt.Sprintf(w.ConfirmApart, m.name(keep), m.name(gone))
		}
		out = m.footer(out, q)
	}
	return strings.Join(out, "\n")
}

// compare lays the pair under the cursor side by side, one field a line,
// the values that differ marked: the leader sees what each record holds
// (a merge keeps both values) and how much history each has.
func (m *Duplicates) compare() []string {
	st, w := m.ctx.Styles, m.w
	keep, gone := m.pair()
	label := 13
	col := max(8, (m.width-label-4)/2)
	row := func(name, a, b string) string {
		mark := "  "
		sealed := store.SealedText.In(m.ctx.Lang)
		if a != b && a != "" && b != "" && name != "" && a != sealed && b != sealed {
			mark = " ≠"
		}
		return common.Truncate(fmt.Sprintf("%-*s%-*s %-*s", label, common.Truncate(name, label-1), col, common.Truncate(a, col), col, common.Truncate(b, col))+mark, m.width)
	}
	year := func(p model.Person) string {
		if p.BirthYear == 0 {
			return ""
		}
		return fmt.Sprint(p.BirthYear)
	}
	lab := func(f string) string { return model.PersonFieldLabel(f).In(m.ctx.Lang) }
	why := m.r.Pairs[m.cursor].Why.Label().In(m.ctx.Lang)
	out := []string{st.Muted.Render(common.Truncate(w.Why+" "+why, m.width)), st.Bold.Render(row("", w.Stays, w.Goes))}
	out = append(out, row(lab("name"), m.name(keep), m.name(gone)), row(lab("birth_year"), year(keep), year(gone)))
	if keep.Sealed == "" && gone.Sealed == "" {
		out = append(out, row(lab("id_number"), keep.IDNumber, gone.IDNumber), row(lab("phone"), keep.Phone, gone.Phone),
			row(lab("address"), keep.Address, gone.Address))
	}
	out = append(out, row(lab("employer"), keep.Employer, gone.Employer), row(w.Site, keep.Site, gone.Site),
		row(w.HistoryLabel, m.historyOf(keep.ID), m.historyOf(gone.ID)))
	return out
}

// historyOf says how much record id has on file: "3 lượt tiếp, 1 đơn".
func (m *Duplicates) historyOf(id string) string {
	h := m.r.History[id]
	return fmt.Sprintf(m.w.History, h.Visits, h.Petitions)
}

// footer puts a question (up to three lines) and its keys on the last
// lines.
func (m *Duplicates) footer(out []string, q string) []string {
	lines := wrapLines(q, m.width, 3)
	for len(out) < m.height-1-len(lines) {
		out = append(out, "")
	}
	out = out[:m.height-1-len(lines)]
	st := m.ctx.Styles
	for _, l := range lines {
		out = append(out, st.Warn.Render(l))
	}
	return append(out, st.Bold.Render(m.w.ConfirmKeys))
}

// Title is the page's name, for a host's list of pages.
func (m *Duplicates) Title() string { return m.w.DupMenu }
