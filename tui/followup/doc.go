// Package followup is the Theo dõi screen: one case followed to its end,
// and the view of what is due.
//
// What it owns: the case view (the parties, the state, the deadline in the
// model's words with its legal basis, the whole timeline from the event
// log), the explanation of the deadline day by day (model.ExplainDeadline),
// the small form of each action in an overlay, and the due view (overdue,
// due today, due this week, for me or for the whole office, with the
// reminders people set: store.Due).
//
// Invariants:
//   - Every action is one key, validated by the model (model.CheckCaseAction
//     before the form is confirmed, the store again when it writes) and
//     recorded as one event; after each, the screen returns
//     common.Changed(case) so that the root recounts the overdue cases.
//   - A refusal is shown beside the field it is about and nothing typed is
//     lost: Esc leaves a form and keeps its text as a draft (Dirty), which
//     comes back when the same action is opened again on the same case.
//   - Dangerous actions (conclude, reopen, transfer, reject) ask to confirm.
//     Actions the user's role cannot take, or the case's state forbids, are
//     shown with ✗ and their key says why; a receptionist adds notes and
//     reminders only.
//   - A confidential sender is "(bảo mật)" to anyone but the case's handler
//     and the leaders; those see the name, and their deliberate look at the
//     personal data is recorded (store.RevealIdentity).
//   - The timeline shows every event: edits made at two sites on the same
//     state (model.Concurrent) side by side, and an event that did not fit
//     (Case.Conflicts) marked, never hidden. Times are shown in Vietnam.
//
// Caveat: the screen keeps no case state of its own between messages other
// than the copy it reloads on Init, OpenCaseMsg and ChangedMsg.
package followup
