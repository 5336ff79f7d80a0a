package followup

import (
	"encoding/json"
	"fmt"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// draftName is the follow-up screen's draft in the store (one per
// person): what was typed in action forms not yet saved, by case and
// action, so that a quit, a crash or a lock loses none of it.
const draftName = "followup"

type draftLoadedMsg struct {
	drafts map[string][]string
	at     string
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
// the draft when there are none). The root runs it before quitting and
// before locking.
func (m *Model) SaveDraft() tea.Cmd {
	kept := m.kept()
	return m.draft.Save(len(kept) > 0, kept)
}

// changedDraft runs after a key that may have changed a form: the draft
// is written once typing pauses.
func (m *Model) changedDraft() tea.Cmd { return m.draft.Changed(len(m.kept()) > 0) }

// loadDraft reads, once, the forms left unsaved last time.
func (m *Model) loadDraft() tea.Cmd {
	return m.draft.Load(func(d store.Draft) tea.Msg {
		var drafts map[string][]string
		if err := json.Unmarshal(d.Data, &drafts); err != nil {
			return common.DraftFailedMsg{Owner: draftName, Err: err}
		}
		return draftLoadedMsg{drafts: drafts, at: d.At.In(model.VN).Format("15:04 02/01/2006")}
	})
}

// draftUpdate handles the draft's messages; ok is false for any other.
func (m *Model) draftUpdate(msg tea.Msg) (tea.Cmd, bool) {
	if cmd, ok := m.draft.Handle(msg, m.SaveDraft); ok {
		return cmd, true
	}
	if msg, ok := msg.(draftLoadedMsg); ok {
		if len(msg.drafts) == 0 {
			return nil, true
		}
		for k, v := range msg.drafts {
			if _, ok := m.drafts[k]; !ok {
				m.drafts[k] = v
			}
		}
		m.draft.Kept = true
		return common.Status(fmt.Sprintf(m.ctx.Words.Desk.DraftBackForms, len(msg.drafts), msg.at)), true
	}
	return nil, false
}
