package followup

import (
	"encoding/json"
	"fmt"

	"donthu/model"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// draftName is the follow-up screen's draft in the store (one per
// person): what was typed in action forms not yet saved, by case and
// action, so that a quit, a crash or a lock loses none of it.
const draftName = "followup"

type draftTickMsg struct{ seq int }

type draftLoadedMsg struct {
	drafts map[string][]string
	at     string
	err    error
}

// kept is every unsaved form: the drafts kept on Esc, and the form open
// now if it has changes.
func (m *Model) kept() map[string][]string {
	out := make(map[string][]string, len(m.drafts)+1)
	for k, v := range m.drafts {
		out[k] = v
	}
	if m.form != nil && m.form.changed() {
		out[m.draftKey(m.form.act)] = m.form.snapshot()
	}
	return out
}

// SaveDraft writes the unsaved forms as the person's draft now (or drops
// the draft when there are none). The root runs it before quitting.
func (m *Model) SaveDraft() tea.Cmd {
	s, login, lang := m.ctx.Store, m.ctx.User.Login, m.ctx.Lang
	if login == "" {
		return nil
	}
	kept := m.kept()
	if len(kept) == 0 {
		if !m.draftKept {
			return nil
		}
		m.draftKept = false
		return func() tea.Msg { return common.DraftWritten(lang, s.DropDraft(login, draftName)) }
	}
	m.draftKept = true
	return func() tea.Msg { return common.DraftWritten(lang, s.SaveDraft(login, draftName, kept)) }
}

// changedDraft runs after a key that may have changed a form: the draft
// is written once typing pauses.
func (m *Model) changedDraft() tea.Cmd {
	if len(m.kept()) == 0 && !m.draftKept {
		return nil
	}
	m.draftSeq++
	return m.ctx.DraftTick(draftTickMsg{m.draftSeq})
}

// loadDraft reads, once, the forms left unsaved last time.
func (m *Model) loadDraft() tea.Cmd {
	if m.draftChecked || m.ctx.User.Login == "" {
		return nil
	}
	m.draftChecked = true
	s, login := m.ctx.Store, m.ctx.User.Login
	return func() tea.Msg {
		d, ok, err := s.LoadDraft(login, draftName)
		if err != nil || !ok {
			return draftLoadedMsg{err: err}
		}
		var drafts map[string][]string
		if err := json.Unmarshal(d.Data, &drafts); err != nil {
			return draftLoadedMsg{err: err}
		}
		return draftLoadedMsg{drafts: drafts, at: d.At.In(model.VN).Format("15:04 02/01/2006")}
	}
}

// draftUpdate handles the draft's messages; ok is false for any other.
func (m *Model) draftUpdate(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case draftTickMsg:
		if msg.seq != m.draftSeq {
			return nil, true
		}
		return m.SaveDraft(), true
	case draftLoadedMsg:
		if msg.err != nil {
			return m.ctx.Fail(msg.err), true
		}
		if len(msg.drafts) == 0 {
			return nil, true
		}
		for k, v := range msg.drafts {
			if _, ok := m.drafts[k]; !ok {
				m.drafts[k] = v
			}
		}
		m.draftKept = true
		return common.Status(fmt.Sprintf(m.ctx.Words.Desk.DraftBackForms, len(msg.drafts), msg.at)), true
	}
	return nil, false
}
