package syncscreen

import (
	"strconv"
	"strings"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/media"
	"donthu/tui/common"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
)

// detailLines is the height of the pane under the table.
const detailLines = 9

// labelWidth is the column of the pane's labels.
const labelWidth = 17

// View draws what the mode shows.
func (m *Model) View() string {
	switch m.mode {
	case modePick:
		return m.pickView()
	case modeConfirm:
		return m.confirmView()
	case modeBusy:
		return m.busyView()
	case modeResult:
		if m.exported != nil {
			return m.exportedView()
		}
		return m.resultView()
	}
	return m.listView()
}

// when is a moment for people, in Vietnam.
func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(model.VN).Format("02/01/2006 15:04")
}

// day is a short date for the table: day and month, and the year when it
// is not this one.
func (m *Model) day(t time.Time) string {
	t = t.In(model.VN)
	if t.Year() == m.ctx.Now().In(model.VN).Year() {
		return t.Format("02/01")
	}
	return t.Format("02/01/06")
}

// ageWords says how old the newest data from a peer is: "3 ngày trước".
func ageWords(w *common.SyncWords, d time.Duration) string {
	switch {
	case d < 0:
		return w.NotYet
	case d < time.Minute:
		return w.AgeNow
	case d < time.Hour:
		return sprintf(w.AgeMinutes, int(d/time.Minute))
	case d < 48*time.Hour:
		return sprintf(w.AgeHours, int(d/time.Hour))
	}
	return sprintf(w.AgeDays, int(d/(24*time.Hour)))
}

func (m *Model) cells(p store.Peer) []string {
	w := m.w
	sent, recv := w.None, w.None
	if p.Sent.Number > 0 {
		sent = sprintf(w.CellBundle, p.Sent.Number, m.day(p.Sent.At))
	}
	if p.Received.Number > 0 {
		recv = sprintf(w.CellBundle, p.Received.Number, m.day(p.Received.At))
	}
	age := ageWords(w, p.DataAge(m.ctx.Now()))
	if n := len(p.Refused); n > 0 {
		age += " " + sprintf(w.RefusedSign, n)
	}
	waiting := strconv.Itoa(p.Waiting)
	if p.Relation != store.RelParent && p.Relation != store.RelChild {
		waiting = w.None
	}
	return []string{p.Code, p.Relation.Label().In(m.ctx.Lang), sent, recv, waiting, age}
}

// title is the screen's first line: this site, its parent, and the folder
// bundles went to last, on the right.
func (m *Model) title() string {
	st, w := m.ctx.Styles, m.w
	site := m.ctx.Store.Site()
	parent := w.NoParent
	if m.parent != "" {
		parent = sprintf(w.ParentUnpinned, m.parent)
	}
	for _, p := range m.peers {
		if p.Relation == store.RelParent {
			parent = sprintf(w.ParentIs, p.Code)
		}
	}
	left := st.Title.Render(w.Title) + st.Muted.Render(" · "+strings.TrimSpace(site+" "+m.name)+" · "+parent)
	if m.dir == "" {
		return left
	}
	// The folder says more than this site's name.
	if m.width-lipgloss.Width(left)-2-lipgloss.Width(sprintf(w.Folder, "")) < min(lipgloss.Width(m.dir), 24) {
		left = st.Title.Render(w.Title) + st.Muted.Render(" · "+site+" · "+parent)
	}
	room := m.width - lipgloss.Width(left) - 2
	right := sprintf(w.Folder, m.dir)
	if lipgloss.Width(right) > room {
		// The end of a path says more than its start.
		right = sprintf(w.Folder, truncLeft(m.dir, room-lipgloss.Width(sprintf(w.Folder, ""))))
	}
	if room < 16 {
		return left
	}
	right = st.Muted.Render(common.Truncate(right, room))
	return left + strings.Repeat(" ", max(m.width-lipgloss.Width(left)-lipgloss.Width(right), 1)) + right
}

// truncLeft cuts s to w cells from the left, starting with "…" when cut.
func truncLeft(s string, w int) string {
	if lipgloss.Width(s) <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && lipgloss.Width(string(r))+1 > w {
		r = r[1:]
	}
	return "…" + string(r)
}

// fit cuts every line to the width and the whole to the height.
func (m *Model) fit(lines []string) string {
	if len(lines) > m.height {
		lines = lines[:m.height]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, m.width, "…")
	}
	return strings.Join(lines, "\n")
}

// wrap breaks plain text to width at spaces (never inside a file name or
// an option such as --child), indenting every line; a word wider than
// the line is cut into pieces.
func wrap(text string, width int, indent string) []string {
	room := max(width-lipgloss.Width(indent), 10)
	var out []string
	line := ""
	flush := func() {
		out = append(out, indent+line)
		line = ""
	}
	for _, word := range strings.Fields(text) {
		for lipgloss.Width(word) > room {
			if line != "" {
				flush()
			}
			head := ansi.Truncate(word, room, "")
			out = append(out, indent+head)
			word = word[len(head):]
		}
		switch {
		case line == "":
			line = word
		case lipgloss.Width(line)+1+lipgloss.Width(word) <= room:
			line += " " + word
		default:
			flush()
			line = word
		}
	}
	if line != "" || len(out) == 0 {
		flush()
	}
	return out
}

// --- the list ---

func (m *Model) listView() string {
	st, w := m.ctx.Styles, m.w
	out := []string{m.title()}
	if !m.loaded {
		return m.fit(append(out, st.Muted.Render(w.Loading)))
	}
	// A restored copy says first what it waits for and what to press.
	waiting := m.copyLines()
	out = append(out, waiting...)
	if len(m.peers) == 0 {
		return m.fit(append(out, m.noPeers()...))
	}
	m.table.Columns = []common.Column{
		{Title: w.ColSite, Width: 8},
		{Title: w.ColRelation, Width: 8},
		{Title: w.ColSent, Width: 16},
		{Title: w.ColReceived, Width: 16},
		{Title: w.ColWaiting, Width: 7, Right: true},
		{Title: w.ColAge},
	}
	m.table.Width = m.width
	m.table.Height = max(m.height-1-1-detailLines-len(waiting), 3)
	m.table.RowStyle = func(i int) lipgloss.Style {
		if len(m.peers[i].Refused) > 0 {
			return st.Warn
		}
		return st.App
	}
	m.table.Move(0)
	out = append(out, strings.Split(m.table.View(st, ""), "\n")...)
	for len(out) < m.height-detailLines-1 {
		out = append(out, "")
	}
	out = append(out, st.Muted.Render(strings.Repeat("─", m.width)))
	if p, ok := m.selected(); ok {
		out = append(out, m.peerLines(p, detailLines)...)
	}
	return m.fit(out)
}

// noPeers tells a site with no peer yet what to do.
func (m *Model) noPeers() []string {
	st, w := m.ctx.Styles, m.w
	out := []string{""}
	for _, l := range wrap(w.NoPeers, m.width, "") {
		out = append(out, st.Bold.Render(l))
	}
	out = append(out, wrap(w.NoPeersDo, m.width, "")...)
	out = append(out, "")
	out = append(out, w.NoPeersHow...)
	if m.finger != "" {
		out = append(out, "", sprintf(w.Fingerprint, st.Bold.Render(m.finger)))
	}
	if ls := m.orphanLines(4); len(ls) > 0 {
		out = append(out, "")
		out = append(out, ls...)
	}
	return out
}

// orphanLines tell of refused bundles whose sender is not a peer, in n
// lines at most.
func (m *Model) orphanLines(n int) []string {
	if len(m.orphans) == 0 || n <= 0 {
		return nil
	}
	r := m.orphans[0]
	ls := wrap(sprintf(m.w.Orphans, len(m.orphans), r.File, r.Reason.In(m.ctx.Lang)), m.width, "  ")
	ls[0] = strings.TrimPrefix(ls[0], "  ")
	if len(ls) > n {
		ls = ls[:n]
		ls[n-1] = common.Truncate(ls[n-1]+"…", m.width)
	}
	for i := range ls {
		ls[i] = m.ctx.Styles.ErrText.Render(ls[i])
	}
	return ls
}

// peerLines describes the peer under the cursor in n lines at most.
func (m *Model) peerLines(p store.Peer, n int) []string {
	st, w := m.ctx.Styles, m.w
	indent := strings.Repeat(" ", labelWidth)
	label := func(s string) string { return st.Label.Render(common.Pad(s, labelWidth)) }
	// The name gives way to the fingerprint when both do not fit.
	rest := " · " + p.Relation.Label().In(m.ctx.Lang) + " · " + sprintf(w.PeerFinger, p.Fingerprint)
	name := ""
	if p.Name != "" {
		name = " · " + common.Truncate(p.Name, max(m.width-lipgloss.Width(p.Code+rest)-3, 8))
	}
	out := []string{st.Bold.Render(p.Code) + name + rest}
	if p.Sent.Number > 0 {
		out = append(out, label(w.Sent)+sprintf(w.SentLine, p.Sent.Number, when(p.Sent.At), p.Sent.Events))
		if p.Sent.File != "" {
			out = append(out, indent+st.Muted.Render(p.Sent.File))
		}
	} else {
		out = append(out, label(w.Sent)+w.None)
	}
	if p.Received.Number > 0 {
		out = append(out, label(w.Received)+sprintf(w.ReceivedLine, p.Received.Number, when(p.Received.At), p.Received.Events))
		if p.Received.File != "" {
			out = append(out, indent+st.Muted.Render(p.Received.File))
		}
		out = append(out, label(w.NewestData)+sprintf(w.NewestLine, ageWords(w, p.DataAge(m.ctx.Now())), when(p.Received.Created)))
	} else {
		out = append(out, label(w.Received)+w.None, label(w.NewestData)+w.NotYet)
	}
	switch {
	case p.Relation != store.RelParent && p.Relation != store.RelChild:
		out = append(out, label(w.Waiting)+st.Muted.Render(w.NoBundles))
	case p.Waiting == 0:
		out = append(out, label(w.Waiting)+sprintf(w.WaitingNone, p.Code))
	default:
		out = append(out, label(w.Waiting)+sprintf(w.WaitingLine, p.Waiting, p.Code))
	}
	room := n - len(out)
	orphan := m.orphanLines(2)
	if len(p.Refused) == 0 {
		orphan = m.orphanLines(room)
	}
	room -= len(orphan)
	if len(p.Refused) > 0 && room > 0 {
		r := p.Refused[0]
		out = append(out, st.ErrText.Render(common.Pad(w.Refused, labelWidth))+sprintf(w.RefusedLine, when(r.At), r.File))
		room--
		reason := wrap(r.Reason.In(m.ctx.Lang), m.width, indent)
		if more := len(p.Refused) - 1; more > 0 {
			reason = append(reason, indent+sprintf(w.RefusedMore, more))
		}
		if len(reason) > room && room > 0 {
			reason = reason[:room]
			reason[room-1] = common.Truncate(reason[room-1]+"…", m.width)
		}
		for _, l := range reason[:min(room, len(reason))] {
			out = append(out, st.ErrText.Render(l))
		}
	}
	return append(out, orphan...)
}

// --- choosing a folder ---

func (m *Model) pickView() string {
	st, w := m.ctx.Styles, m.w
	out := []string{m.title(), ""}
	if m.op == opExport {
		out = append(out, st.Bold.Render(sprintf(w.PickExport, m.ctx.Store.Site(), m.to.Code, m.to.Waiting)))
	} else {
		out = append(out, st.Bold.Render(w.PickImport))
	}
	notes := make([]string, len(m.opts))
	pw, nw := 20, 0
	for i, o := range m.opts {
		var ns []string
		if o.Remembered {
			ns = append(ns, w.Remembered)
		}
		if o.Root != "" {
			ns = append(ns, sprintf(w.Stick, stickName(o.Root)))
		}
		if m.op == opExport && !o.Exists && o.Root != "" {
			ns = append(ns, w.StickCreate)
		}
		notes[i] = strings.Join(ns, " · ")
		pw, nw = max(pw, lipgloss.Width(o.Path)), max(nw, lipgloss.Width(notes[i]))
	}
	// A long path puts its notes on a line of their own.
	twoLines := 1+pw+2+nw > m.width
	if twoLines {
		pw = m.width - 1
	}
	for i, o := range m.opts {
		mark, path := " ", common.Pad(o.Path, pw)
		if i == m.at {
			mark, path = "›", st.Selected.Render(path)
		}
		if twoLines {
			out = append(out, mark+path, "   "+st.Muted.Render(common.Truncate(notes[i], m.width-3)))
		} else {
			out = append(out, mark+path+"  "+st.Muted.Render(notes[i]))
		}
	}
	mark, ls := " ", st.Label
	if m.at >= len(m.opts) {
		mark, ls = "›", st.Focused
	}
	out = append(out, mark+ls.Render(w.OtherPath+":")+" ["+m.path.View()+"]")
	switch {
	case m.detecting:
		out = append(out, st.Muted.Render(" "+w.Detecting))
	case !anyStick(m.opts):
		out = append(out, st.Muted.Render(" "+w.NoStick))
	}
	if m.pickErr != "" {
		out = append(out, "")
		for i, l := range wrap(m.pickErr, m.width, "  ") {
			if i == 0 {
				l = "✗ " + strings.TrimPrefix(l, "  ")
			}
			out = append(out, st.ErrText.Render(l))
		}
	}
	for len(out) < m.height-1 {
		out = append(out, "")
	}
	out = append(out, st.Help.Render(common.Truncate(w.PickHint, m.width)))
	return m.fit(out)
}

// stickName is how a stick is named to people: its drive letter, or the
// name it is mounted under.
func stickName(root string) string {
	r := strings.TrimRight(root, `/\`)
	if len(r) == 2 && r[1] == ':' {
		return r
	}
	if i := strings.LastIndexAny(r, `/\`); i >= 0 {
		return r[i+1:]
	}
	return r
}

func anyStick(opts []media.FolderOption) bool {
	for _, o := range opts {
		if o.Root != "" {
			return true
		}
	}
	return false
}

// --- importing ---

// fileLine is one file of a folder with what is known of it.
func (m *Model) fileLine(f media.File, sign string, width int) string {
	w := m.w
	var note string
	switch {
	case f.Skip == media.SkipOwn:
		note = sprintf(w.SkipOwn, f.To)
	case f.Skip == media.SkipOther:
		note = sprintf(w.SkipOther, f.To)
	case f.From != "":
		note = sprintf(w.FromNumber, f.From, f.Number)
	default:
		note = w.Unnamed
	}
	return common.Truncate(sign+" "+f.Name+"  "+m.ctx.Styles.Muted.Render(note), width)
}

func (m *Model) confirmView() string {
	st, w := m.ctx.Styles, m.w
	out := []string{m.title(), "", st.Bold.Render(common.Truncate(sprintf(w.ConfirmTitle, m.folder), m.width)), sprintf(w.Found, len(m.files))}
	room := m.height - len(out) - 4
	for i, f := range m.files {
		if i == room-1 && len(m.files) > room {
			out = append(out, st.Muted.Render(sprintf(w.MoreFiles, len(m.files)-i)))
			break
		}
		sign := "•"
		if f.Skip != media.SkipNone {
			sign = "·"
		}
		out = append(out, m.fileLine(f, sign, m.width))
	}
	out = append(out, "")
	n := media.ToImport(m.files)
	if n == 0 {
		out = append(out, st.Bold.Render(w.NothingToDo))
		return m.fit(out)
	}
	out = append(out, wrap(w.AllAtOnce, m.width, "")...)
	out = append(out, st.Bold.Render(sprintf(w.ConfirmKeys, n)))
	return m.fit(out)
}

func (m *Model) busyView() string {
	st := m.ctx.Styles
	out := []string{m.title(), ""}
	// What is done, in bold; how far it has gone, on the lines below.
	for i, l := range strings.Split(m.busy, "\n") {
		if l = common.Truncate(l, m.width); i == 0 {
			l = st.Bold.Render(l)
		}
		out = append(out, l)
	}
	return m.fit(out)
}

// --- what was done ---

func (m *Model) exportedView() string {
	st, w := m.ctx.Styles, m.w
	x := m.exported
	mf := x.Manifest
	out := []string{m.title(), ""}
	// The path on a line of its own: wrapping would break the file name
	// at its hyphens.
	text := sprintf(w.Exported, mf.From, mf.To, mf.Number, mf.Events.Count, "\x00")
	before, after, _ := strings.Cut(text, "\x00")
	for i, l := range wrap(strings.TrimSpace(before), m.width, "  ") {
		if i == 0 {
			l = st.OK.Render("✓ ") + st.Bold.Render(strings.TrimPrefix(l, "  "))
		}
		out = append(out, l)
	}
	for _, l := range strings.Split(ansi.Hardwrap(x.Path, m.width-2, false), "\n") {
		out = append(out, "  "+st.Bold.Render(l))
	}
	if after = strings.TrimSpace(after); after != "" {
		out = append(out, wrap(after, m.width, "  ")...)
	}
	out = append(out, "")
	out = append(out, wrap(sprintf(w.ExportedSafe, mf.To), m.width, "  ")...)
	out = append(out, wrap(sprintf(w.ExportedCarry, mf.To), m.width, "  ")...)
	for len(out) < m.height-1 {
		out = append(out, "")
	}
	out = append(out, st.Help.Render(w.ResultBack))
	return m.fit(out)
}

// resultLines lays out the per-file results of an import.
func (m *Model) resultLines() []string {
	st := m.ctx.Styles
	var out []string
	for _, r := range m.results {
		sign, style := "✓", st.OK
		switch r.kind {
		case resHad:
			sign, style = "=", st.Muted
		case resRefused:
			sign, style = "✗", st.ErrText
		case resSkipped:
			sign, style = "·", st.Muted
		}
		out = append(out, style.Render(sign)+" "+st.Bold.Render(common.Truncate(r.f.Name, m.width-2)))
		for _, l := range r.lines {
			ls := wrap(l, m.width, "    ")
			for _, x := range ls {
				if r.kind == resRefused {
					x = st.ErrText.Render(x)
				}
				out = append(out, x)
			}
		}
	}
	return out
}

func (m *Model) resultView() string {
	st, w := m.ctx.Styles, m.w
	head := []string{m.title(), st.Bold.Render(common.Truncate(sprintf(w.ResultTitle, m.folder), m.width)), m.counts(), ""}
	lines := m.resultLines()
	room := max(m.height-len(head)-1, 1)
	m.offset = max(min(m.offset, len(lines)-room), 0)
	end := min(m.offset+room, len(lines))
	out := append(head, lines[m.offset:end]...)
	for len(out) < m.height-1 {
		out = append(out, "")
	}
	hint := w.ResultBack
	if below := len(lines) - end; below > 0 {
		hint = sprintf(w.More, below) + " · " + hint
	}
	out = append(out, st.Help.Render(hint))
	return m.fit(out)
}

// copyLines tell a restored copy (a backup opened again, a salvaged
// file) that it saves nothing until its parent answers, and what to
// press: nothing when the file is not one.
func (m *Model) copyLines() []string {
	c := m.copy
	if !c.Waiting && c.Aside == 0 {
		return nil
	}
	st, w := m.ctx.Styles, m.w
	var text string
	if c.Waiting {
		text = sprintf(w.CopyWaiting, c.Parent, c.Parent)
		if c.Lacks > 0 {
			text = sprintf(w.CopyLacks, c.Parent, c.Lacks, c.Parent)
		}
		if c.Held > 0 {
			text += " " + sprintf(w.CopyHeld, c.Held)
		}
	}
	if c.Aside > 0 {
		text = strings.TrimSpace(text + " " + sprintf(w.CopyAside, c.Aside))
	}
	var out []string
	for _, l := range strings.Split(ansi.Wrap("⚠ "+text, max(m.width-1, 20), ""), "\n") {
		out = append(out, st.Warn.Render(l))
	}
	return out
}
