package followup

import (
	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
)

// actionID names what a key does on a case.
type actionID int

const (
	aAccept actionID = iota
	aReject
	aAssign
	aDocs
	aSuspend // suspend, or resume a suspended case
	aExtend
	aConclude
	aReopen
	aTransfer
	aNote
	aRemind
	aExplain
	aReveal
	aDue
	aGuide
	aCorrect
	aUrge
	aExecute
	numActions
)

// action is one key of the case view. The letters are Vietnamese
// mnemonics and stay the same in English: t thụ lý, r không thụ lý
// (reject), p phân công, y yêu cầu tài liệu, d tạm đình chỉ (dừng), g gia
// hạn, k kết luận, m mở lại, c chuyển, n ghi chú (note), h hẹn nhắc, x
// xem cách tính hạn, b bảo mật, v việc đến hạn, o chỉ đạo (an office's
// guidance on a child site's case), s sửa thông tin đơn (correct the
// petition's details), f đôn đốc (follow up with the body a case was
// transferred to), j thi hành (what was carried out of a conclusion; the
// key beside k kết luận).
type action struct {
	id        actionID
	key       string
	ev        model.EventType // the case event it records, if any
	needsRole bool            // handler or leader only
	dangerous bool            // asks to confirm
}

var actions = [numActions]action{
	aAccept:   {aAccept, "t", model.EvCaseAccepted, true, false},
	aReject:   {aReject, "r", model.EvCaseRejected, true, true},
	aAssign:   {aAssign, "p", model.EvCaseAssigned, true, false},
	aDocs:     {aDocs, "y", model.EvCaseDocsAsked, true, false},
	aSuspend:  {aSuspend, "d", model.EvCaseSuspended, true, false},
	aExtend:   {aExtend, "g", model.EvCaseExtended, true, false},
	aConclude: {aConclude, "k", model.EvCaseConcluded, true, true},
	aReopen:   {aReopen, "m", model.EvCaseReopened, true, true},
	aTransfer: {aTransfer, "c", model.EvCaseTransferred, true, true},
	aNote:     {aNote, "n", model.EvNoteAdded, false, false},
	aRemind:   {aRemind, "h", model.EvReminderSet, false, false},
	aExplain:  {aExplain, "x", "", false, false},
	aReveal:   {aReveal, "b", model.EvIdentityRevealed, false, false},
	aDue:      {aDue, "v", "", false, false},
	aGuide:    {aGuide, "o", model.EvCaseGuidance, true, false},
	aCorrect:  {aCorrect, "s", model.EvPetitionCorrected, true, false},
	aUrge:     {aUrge, "f", model.EvCaseUrged, true, false},
	aExecute:  {aExecute, "j", model.EvCaseExecuted, true, false},
}

// label is an action's name in the interface.
func (m *Model) label(id actionID) string {
	w := m.w
	switch id {
	case aAccept:
		return w.ActAccept
	case aReject:
		return w.ActReject
	case aAssign:
		return w.ActAssign
	case aDocs:
		return w.ActDocs
	case aSuspend:
		if m.c.Status == model.StatusSuspended {
			return w.ActResume
		}
		return w.ActSuspend
	case aExtend:
		return w.ActExtend
	case aConclude:
		return w.ActConclude
	case aReopen:
		return w.ActReopen
	case aTransfer:
		return w.ActTransfer
	case aNote:
		return w.ActNote
	case aRemind:
		return w.ActRemind
	case aExplain:
		return w.ActExplain
	case aReveal:
		return w.ActReveal
	case aDue:
		if m.mode == modeDue {
			return w.ActCase
		}
		return w.ActDue
	case aGuide:
		return w.ActGuide
	case aCorrect:
		return w.ActCorrect
	case aUrge:
		return w.ActUrge
	case aExecute:
		return w.ActExecute
	}
	return ""
}

// keyMap holds the keys that are not actions.
type keyMap struct {
	common.ListKeys
	Scroll             key.Binding // help only
	Open               key.Binding
	Mine               key.Binding
	Back               key.Binding
	Save, Cancel, Next key.Binding // forms, help only
	Close              key.Binding // the explanation
	Details            key.Binding // the explanation's rule details
	Print              key.Binding // F9: the case's notice
}

func newKeys(w *common.FollowupWords) keyMap {
	return keyMap{
		ListKeys: common.NewListKeys(),
		Scroll:   key.NewBinding(key.WithKeys("up"), key.WithHelp("↑↓", w.KeyScroll)),
		Open:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("Enter", w.KeyOpen)),
		Mine:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", w.KeyMine)),
		Back:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack)),
		Save:     key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Enter/Ctrl+S", w.KeySave)),
		Cancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyCancel)),
		Next:     key.NewBinding(key.WithKeys("tab"), key.WithHelp("Tab ↑↓", w.KeyNext)),
		Close:    key.NewBinding(key.WithKeys("esc", "x"), key.WithHelp("x/Esc", w.KeyClose)),
		Details:  key.NewBinding(key.WithKeys("i"), key.WithHelp("i", w.KeyDetails)),
		Print:    key.NewBinding(key.WithKeys("f9"), key.WithHelp("F9", w.KeyPrint)),
	}
}

// The F1 help has two columns: the case actions (one-letter keys, the
// longer reasons) and the rest; these widths keep both within 80 cells.
const (
	helpDescWidth      = 40
	helpOtherDescWidth = 28
)

// binding is an action's key for the help, with the reason when it is
// not available now (shortened to fit; the key itself says it in full).
func (m *Model) binding(id actionID) key.Binding {
	return m.bindingW(id, helpDescWidth)
}

func (m *Model) bindingW(id actionID, width int) key.Binding {
	return m.action(id).HelpBinding(m.ctx.User, &m.ctx.Words.Desk, width)
}

// action is a case action as the interaction model has it (common.Action):
// its key and label, whether it is dangerous, and why it cannot be used
// now (the role first, then what the model says of the case; the role's
// reason shortened as the help needs it).
func (m *Model) action(id actionID) common.Action {
	a := actions[id]
	act := common.NewAction(a.key, m.label(id), a.key).When(func() string {
		why := m.disabled(id)
		if why == m.w.NeedRole {
			why = m.w.NeedRoleShort
		}
		return why
	})
	if a.dangerous {
		act = act.Danger()
	}
	return act
}
