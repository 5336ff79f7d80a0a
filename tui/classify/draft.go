package classify

import (
	"encoding/json"
	"fmt"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// draftName is the classification screen's draft in the store (one per
// person): the classifications started and not saved, by petition, so
// that a quit, a crash or a lock loses none of them.
const draftName = "classify"

// formDraft is one classification as kept in the data file.
type formDraft struct {
	Kind, Regime, Field, Round, Decision, Dup, Child string
	Conditions, Competent, Complex, Remote           bool
	ForwardTo, Reason                                string
	RegimeAuto, CompAuto                             bool
	ReasonAuto                                       string
}

func (f *form) keep() formDraft {
	return formDraft{
		Kind: f.kind.Value(), Regime: f.regime.Value(), Field: f.field.Value(), Round: f.round.Value(),
		Decision: f.decision.Value(), Dup: f.dup.Value(), Child: f.child.Value(),
		Conditions: f.conditions, Competent: f.competent, Complex: f.complex, Remote: f.remote,
		ForwardTo: f.forwardTo.Value(), Reason: f.reason.Value(),
		RegimeAuto: f.regimeAuto, CompAuto: f.compAuto, ReasonAuto: f.reasonAuto,
	}
}

func (f *form) put(d formDraft) {
	f.kind.Select(d.Kind)
	f.regime.Select(d.Regime)
	f.field.Select(d.Field)
	f.round.Select(d.Round)
	f.decision.Select(d.Decision)
	f.dup.Select(d.Dup)
	f.child.Select(d.Child)
	f.conditions, f.competent, f.complex, f.remote = d.Conditions, d.Competent, d.Complex, d.Remote
	f.forwardTo.SetValue(d.ForwardTo)
	f.reason.SetValue(d.Reason)
	f.regimeAuto, f.compAuto, f.reasonAuto = d.RegimeAuto, d.CompAuto, d.ReasonAuto
	f.touched = true
}

type draftLoadedMsg struct {
	forms map[string]formDraft
	at    string
}

// keptForms is every classification started and changed.
func (m *Model) keptForms() map[string]formDraft {
	out := map[string]formDraft{}
	for id, f := range m.drafts {
		if f.touched {
			out[id] = f.keep()
		}
	}
	for id, d := range m.restored {
		if _, open := m.drafts[id]; !open {
			out[id] = d
		}
	}
	return out
}

// SaveDraft writes the classifications started as the person's draft now
// (or drops it when there are none). The root runs it before quitting
// and before locking.
func (m *Model) SaveDraft() tea.Cmd {
	kept := m.keptForms()
	return m.draft.Save(len(kept) > 0, kept)
}

// changedDraft runs after a key on a form: the draft is written once
// typing pauses.
func (m *Model) changedDraft() tea.Cmd { return m.draft.Changed(len(m.keptForms()) > 0) }

// loadDraft reads, once, the classifications left unsaved last time.
func (m *Model) loadDraft() tea.Cmd {
	return m.draft.Load(func(d store.Draft) tea.Msg {
		var forms map[string]formDraft
		if err := json.Unmarshal(d.Data, &forms); err != nil {
			return common.DraftFailedMsg{Owner: draftName, Err: err}
		}
		return draftLoadedMsg{forms: forms, at: d.At.In(model.VN).Format("15:04 02/01/2006")}
	})
}

// draftUpdate handles the draft's messages; ok is false for any other.
func (m *Model) draftUpdate(msg tea.Msg) (tea.Cmd, bool) {
	if cmd, ok := m.draft.Handle(msg, m.SaveDraft); ok {
		return cmd, true
	}
	if msg, ok := msg.(draftLoadedMsg); ok {
		if len(msg.forms) == 0 {
			return nil, true
		}
		m.restored, m.draft.Kept = msg.forms, true
		return common.Status(fmt.Sprintf(m.ctx.Words.Desk.DraftBackForms, len(msg.forms), msg.at)), true
	}
	return nil, false
}

// correct opens the correction of the petition under the cursor: its
// summary, sender and employer, before it is classified.
func (m *Model) correct() tea.Cmd {
	if m.table.Cursor >= len(m.rows) {
		return nil
	}
	p := m.rows[m.table.Cursor].p
	d, fw := &m.ctx.Words.Desk, &m.ctx.Words.Followup
	fields := []common.CorrectField{
		{Name: "summary", Label: fw.FSummary, Value: p.Summary},
		{Name: "sender_name", Label: fw.FSender, Value: p.SenderName},
		{Name: "employer", Label: fw.FEmployer, Value: p.Employer},
	}
	s, login, id := m.ctx.Store, m.ctx.User.Login, p.ID
	done := fmt.Sprintf(d.Corrected, p.No)
	return common.Push(common.NewCorrect(m.ctx, fmt.Sprintf(d.CorrectPetition, p.No), id, fields, func(ch map[string]string, reason string) tea.Cmd {
		rc := model.RecordCorrection{Reason: reason, Summary: ch["summary"], SenderName: ch["sender_name"], Employer: ch["employer"]}
		for name := range ch {
			rc.Set = append(rc.Set, name)
		}
		return func() tea.Msg {
			_, err := s.CorrectPetition(login, id, rc)
			return common.CorrectedMsg{Entity: id, Err: err, Text: done}
		}
	}))
}
