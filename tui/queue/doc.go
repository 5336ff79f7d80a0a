// Package queue is the Vụ việc screen: every open case of the office in
// one list, soonest deadline first, searched as you type and filtered; the
// closed cases one key away; and the backlog review (rà soát vụ việc tồn
// đọng, docs/law.md, Backlog review).
//
// What it owns: a compact row per case (number, sender, kind, field,
// handler, deadline, the folded search key), built once from the store's
// in-memory case cache (store.EachCase) and kept up to date from
// common.ChangedMsg; the search box; the filters, remembered per user as a
// local preference (store.SetPref); the review, computed by
// model.ReviewBacklog when it is opened.
//
// Invariants:
//   - Every figure comes from the model: deadlines from ComputeDeadline, the
//     order from the same rule as store.Cases (overdue first, soonest
//     due first, suspended and unlimited cases last; closed ones newest
//     first), the review from ReviewBacklog.
//   - A keystroke does no Unicode work per row: the query is folded once and
//     matched (model.MatchFolded) against keys folded when the rows were
//     built; display cells are built only for the rows on screen.
//   - A confidential sender (Case.Confidential) is shown as "(bảo mật)" to
//     anyone but the case's handler and the leaders, and the search does
//     not find such a case by its sender's name (its key leaves it out).
//   - Overdue rows are red and carry "⚠" and the words "quá hạn"; rows due
//     within three working days carry "!": nothing depends on colour.
//
// Layout: at 80 columns the list shows number, sender, kind, field,
// handler, due date and days left; an office's file, holding its sites'
// cases, adds the site and leaves the due date to follow-up; from 110
// columns, full numbers and dates; from 140, the status too.
//
// Caveats: the rows are rebuilt when the day changes (on Init) and after an
// import (a ChangedMsg that is not about one case); a ChangedMsg about one
// case updates that row only.
package queue
