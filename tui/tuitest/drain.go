package tuitest

import (
	"strings"

	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// Drain runs cmd as the runtime would, batches flattened, and returns the
// messages it produced; they are not fed back to anyone.
func Drain(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	switch m := cmd().(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, Drain(c)...)
		}
		return out
	default:
		return []tea.Msg{m}
	}
}

// Msgs is Runes as plain messages, to pass to Send.
func Msgs(s string) []tea.Msg {
	var out []tea.Msg
	for _, k := range Runes(s) {
		out = append(out, k)
	}
	return out
}

// Send gives msgs to a screen one after another and returns the messages
// its commands produced (not fed back: the test decides what to do).
func Send(sc common.Screen, msgs ...tea.Msg) (common.Screen, []tea.Msg) {
	var out []tea.Msg
	for _, msg := range msgs {
		var cmd tea.Cmd
		sc, cmd = sc.Update(msg)
		out = append(out, Drain(cmd)...)
	}
	return sc, out
}

// Strip removes styles, no-break spaces (they look like spaces) and
// trailing spaces from a view, for golden files compared as text.
func Strip(s string) string {
	lines := strings.Split(strings.ReplaceAll(ansi.Strip(s), "\u00a0", " "), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// PageOf returns the page the last PushMsg among msgs pushes (a confirm
// page, a picker), or nil: screen tests stand in for the root's stack.
func PageOf(msgs []tea.Msg) common.Page {
	for i := len(msgs) - 1; i >= 0; i-- {
		if p, ok := msgs[i].(common.PushMsg); ok {
			return p.Page
		}
	}
	return nil
}

// Answer presses k on page p, as the root would with p on top, and gives
// the messages that follow to sc; closed reports whether p closed.
func Answer(sc common.Screen, p common.Page, k tea.KeyMsg) (common.Screen, []tea.Msg, bool) {
	closed, cmd := p.Key(k)
	sc, out := Feed(sc, Drain(cmd)...)
	return sc, out, closed
}

// AnswerPage is Answer for a page that takes the answers of its own
// commands (a common.PageReceiver: a correction, a reveal), as the root
// does: each answer goes to the page and to the screen, and what the page
// then returns runs too. The messages for the root are returned (a change
// notice is also given to the screen, as the root gives it to every
// screen); closed reports whether p closed.
func AnswerPage(sc common.Screen, p common.Page, k tea.KeyMsg) (common.Screen, []tea.Msg, bool) {
	closed, cmd := p.Key(k)
	var out []tea.Msg
	queue := Drain(cmd)
	for len(queue) > 0 {
		m := queue[0]
		queue = queue[1:]
		if forRoot(m) {
			out = append(out, m)
			if _, ok := m.(common.ChangedMsg); !ok {
				continue
			}
		} else if r, ok := p.(common.PageReceiver); ok {
			c, more := r.Receive(m)
			closed = closed || c
			queue = append(queue, Drain(more)...)
		}
		var o []tea.Msg
		sc, o = Feed(sc, m)
		out = append(out, o...)
	}
	return sc, out, closed
}

// TypeOn types s on page p, one key per rune, as the root gives the top
// page its keys.
func TypeOn(p common.Page, s string) {
	for _, k := range Runes(s) {
		p.Key(k)
	}
}

// forRoot reports whether msg is for the root (navigation, status, pages,
// change notices) rather than the answer of a screen's own command.
func forRoot(msg tea.Msg) bool {
	switch msg.(type) {
	case common.StatusMsg, common.GotoMsg, common.OpenCaseMsg, common.OpenPetitionMsg, common.PushMsg, common.ChangedMsg, tea.QuitMsg:
		return true
	}
	return false
}

// Feed is Send that also gives the screen the answers of its own commands
// (a write's result, a draft's timer), as the runtime would, and returns
// only the messages meant for the root.
func Feed(sc common.Screen, msgs ...tea.Msg) (common.Screen, []tea.Msg) {
	var out []tea.Msg
	queue := append([]tea.Msg(nil), msgs...)
	for n := 0; len(queue) > 0 && n < 10000; n++ {
		msg := queue[0]
		queue = queue[1:]
		var cmd tea.Cmd
		sc, cmd = sc.Update(msg)
		for _, m := range Drain(cmd) {
			if forRoot(m) {
				out = append(out, m)
			} else {
				queue = append(queue, m)
			}
		}
	}
	return sc, out
}
