package followup

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// withSenderCorrections adds to a case's timeline the corrections of its
// senders' details (person.corrected events live on the person). A name
// correction is also written on the case (so its copy of the name
// follows); that twin is left out, the person's event says it all.
func withSenderCorrections(st *store.Store, c model.Case, evs []model.Event) []model.Event {
	var extra []model.Event
	for _, id := range c.Senders {
		pe, err := st.Timeline(id)
		if err != nil {
			continue
		}
		for _, e := range pe {
			if e.Type == model.EvPersonCorrected {
				extra = append(extra, e)
			}
		}
	}
	if len(extra) == 0 {
		return evs
	}
	twin := map[string]bool{}
	for _, e := range extra {
		twin[e.Author+e.At.String()] = true
	}
	out := make([]model.Event, 0, len(evs)+len(extra))
	for _, e := range evs {
		if e.Type == model.EvPetitionCorrected && twin[e.Author+e.At.String()] {
			continue
		}
		out = append(out, e)
	}
	out = append(out, extra...)
	model.SortEvents(out)
	return out
}

// describeCorrection says what a correction changed and why.
func (m *Model) describeCorrection(e *model.Event) string {
	lang, d := m.ctx.Lang, &m.ctx.Words.Desk
	var set []string
	var reason string
	if e.Type == model.EvPersonCorrected {
		var c model.PersonCorrection
		e.Decode(&c)
		set, reason = c.Set, c.Reason
		if c.Name != "" && hasField(set, "name") {
			reason = c.Name + " · " + reason
		}
	} else {
		var c model.RecordCorrection
		e.Decode(&c)
		set, reason = c.Set, c.Reason
	}
	var names []string
	for _, l := range model.CorrectedFields(set) {
		names = append(names, l.In(lang))
	}
	s := fmt.Sprintf(d.EvCorrected, strings.Join(names, ", "))
	if reason != "" {
		s += ": " + reason
	}
	return s
}

func hasField(set []string, f string) bool {
	for _, x := range set {
		if x == f {
			return true
		}
	}
	return false
}

// correctPetition opens the correction of the case's petition: its
// summary, sender and employer (the case follows in the same write).
func (m *Model) correctPetition() tea.Cmd {
	c, d, w := m.c, &m.ctx.Words.Desk, m.w
	fields := []common.CorrectField{
		{Name: "summary", Label: w.FSummary, Value: c.Summary},
		{Name: "sender_name", Label: w.FSender, Value: c.SenderName},
		{Name: "employer", Label: w.FEmployer, Value: c.Employer},
	}
	s, login, pid, cid := m.ctx.Store, m.ctx.User.Login, c.Petition, c.ID
	done := fmt.Sprintf(d.Corrected, c.No)
	return common.Push(common.NewCorrect(m.ctx, fmt.Sprintf(d.CorrectPetition, c.PetitionNo), cid, fields, func(ch map[string]string, reason string) tea.Cmd {
		rc := model.RecordCorrection{Reason: reason, Summary: ch["summary"], SenderName: ch["sender_name"], Employer: ch["employer"]}
		for name := range ch {
			rc.Set = append(rc.Set, name)
		}
		return func() tea.Msg {
			_, err := s.CorrectPetition(login, pid, rc)
			return common.CorrectedMsg{Entity: cid, Err: err, Text: done}
		}
	}))
}
