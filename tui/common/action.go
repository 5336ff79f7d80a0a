package common

import (
	"donthu/model"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Action is one thing a person can do on a screen with a key: its
// binding (the keys and the label shown in the help), whether it is
// dangerous (it loses or closes something, and so is confirmed on the
// Confirm page with an explicit key, never Enter), which roles may use it,
// and why it cannot be used right now.
//
// Screens declare their actions once, in a keys.go built from the
// language's words, and test a key with Matches; they never compare raw
// key strings. An unavailable action still matches its key, so pressing
// it says why (Refusal) instead of doing nothing.
type Action struct {
	key.Binding
	// Dangerous actions are confirmed on a Confirm page first.
	Dangerous bool
	// Roles that may use the action; empty means every signed-in user.
	Roles []model.Role
	// Why says why the action cannot be used now, or "" when it can. Nil
	// means always available (to the roles above).
	Why func() string
}

// NewAction makes an action on keys (as Bubble Tea names them: "f5",
// "ctrl+s", "k"), shown in the help as keyLabel with label.
func NewAction(keyLabel, label string, keys ...string) Action {
	return Action{Binding: key.NewBinding(key.WithKeys(keys...), key.WithHelp(keyLabel, label))}
}

// Danger marks the action dangerous (it is confirmed first).
func (a Action) Danger() Action { a.Dangerous = true; return a }

// For limits the action to the given roles.
func (a Action) For(roles ...model.Role) Action { a.Roles = roles; return a }

// When sets the reason the action is unavailable (see Why).
func (a Action) When(why func() string) Action { a.Why = why; return a }

// Label is the action's name as shown in the help.
func (a Action) Label() string { return a.Help().Desc }

// Matches reports whether msg is one of the action's keys (whether or not
// the action is available now).
func (a Action) Matches(msg tea.KeyMsg) bool { return key.Matches(msg, a.Binding) }

// Unavailable says why u cannot use the action now, or "" when they can.
// The role comes first, then the action's own reason.
func (a Action) Unavailable(u model.User, w *DeskWords) string {
	if len(a.Roles) > 0 {
		ok := false
		for _, r := range a.Roles {
			if u.Has(r) {
				ok = true
			}
		}
		if !ok {
			return w.NeedRole
		}
	}
	if a.Why != nil {
		return a.Why()
	}
	return ""
}

// Refusal is the message shown when u presses the key of an action they
// cannot use now: the action's name and why; "" when they can use it.
func (a Action) Refusal(u model.User, w *DeskWords) string {
	why := a.Unavailable(u, w)
	if why == "" {
		return ""
	}
	return a.Label() + ": " + why
}

// HelpBinding is the action's binding for the help, marked and explained
// (cut to width cells) when u cannot use it now, with a "!" after the
// label of a dangerous action.
func (a Action) HelpBinding(u model.User, w *DeskWords, width int) key.Binding {
	h := a.Help()
	desc := h.Desc
	if a.Dangerous {
		desc += " " + w.DangerSign
	}
	if why := a.Unavailable(u, w); why != "" {
		desc = Truncate(w.DisabledSign+" "+desc+" ("+why+")", width)
	}
	return key.NewBinding(key.WithKeys(a.Keys()...), key.WithHelp(h.Key, desc))
}

// Bindings lists the actions' bindings (for ShortHelp and FullHelp).
func Bindings(as ...Action) []key.Binding {
	out := make([]key.Binding, len(as))
	for i, a := range as {
		out[i] = a.Binding
	}
	return out
}
