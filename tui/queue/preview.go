package queue

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// previewFrom is the body height from which the list shows the case under
// the cursor in a pane below it (a 120x40 window has room; 80x24 has not).
const previewFrom = 30

// previewLines is the height of the pane, its rule included.
const previewLines = 5

// preview is the case shown in the pane, read in a command.
type preview struct {
	id string
	c  model.Case
	ok bool
}

// previewMsg carries the case under the cursor.
type previewMsg struct {
	id  string
	c   model.Case
	err error
}

func (m *Model) showPreview() bool { return m.height >= previewFrom }

// previewCmd reads the case under the cursor when it is not the one shown.
func (m *Model) previewCmd() tea.Cmd {
	if !m.showPreview() || m.table.Cursor >= len(m.shown) {
		return nil
	}
	id := m.rows[m.shown[m.table.Cursor]].id
	if id == m.preview.id {
		return nil
	}
	m.preview = preview{id: id}
	s := m.ctx.Store
	return func() tea.Msg {
		c, err := s.Case(id)
		return previewMsg{id: id, c: c, err: err}
	}
}

// previewView is the pane: the case's kind and regime, its sender and
// employer (masked as in the list), its content, and its deadline in the
// rule's own unit with the handler's full name.
func (m *Model) previewView() []string {
	st, w, l := m.ctx.Styles, m.w, m.ctx.Lang
	out := []string{st.Muted.Render(strings.Repeat("─", m.width))}
	if m.table.Cursor >= len(m.shown) || !m.preview.ok || m.preview.id != m.rows[m.shown[m.table.Cursor]].id {
		return append(out, "", "", "", "")[:previewLines]
	}
	r, c := &m.rows[m.shown[m.table.Cursor]], &m.preview.c
	head := []string{st.Bold.Render(c.No), c.Kind.Label().In(l), c.Regime.Label().In(l), c.Field.Label().In(l), c.Status.Label().In(l)}
	sender := c.SenderName
	if r.masked {
		sender = w.Masked
	}
	who := w.PreviewSender + ": " + sender
	if c.Employer != "" && !r.masked {
		who += " · " + c.Employer
	}
	d := model.Deadline{Due: r.due, State: r.state, Left: r.left, Unit: r.unit}
	due := w.PreviewDue + ": " + d.Words(l)
	if !r.due.IsZero() {
		due = w.PreviewDue + ": " + r.due.String() + " (" + d.Words(l) + ")"
	}
	handler := w.Unassigned
	if r.handler != "" {
		handler = m.fullName(r.site, r.handler)
	}
	summary := oneLine(c.Summary)
	if r.masked {
		summary = w.Masked // a confidential case says nothing more here than in the list
	}
	content := strings.Split(ansi.Wrap(w.PreviewContent+": "+summary, m.width, ""), "\n")
	out = append(out,
		common.Truncate(strings.Join(head, " · "), m.width),
		common.Truncate(who, m.width),
		common.Truncate(content[0], m.width),
		common.Truncate(fmt.Sprintf("%s · %s: %s", due, w.PreviewHandler, handler), m.width),
	)
	return out
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
