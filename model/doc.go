// Package model is the domain of donthu and the law it follows, with no
// I/O: the types of the desk (person, visit, petition, case, user, site),
// the events that change them and the fold that turns events into state;
// the labels in Vietnamese and English; validation of what people type
// (identity numbers, phones, dates, names) and Vietnamese folding and
// ordering for search; the working-day calendar with the lunar holidays;
// the deadline rules and their count; statistics over state.
//
// Invariants:
//   - Nothing here reads a file, a clock or the network: the store passes
//     the time, the calendar and the events in. The same inputs always
//     give the same state, so every replica of a site agrees.
//   - State is a fold: an entity's events sorted by (clock, site, seq) and
//     applied in that order (FoldEntity). An event that does not fit the
//     state it lands on is kept as a conflict, never dropped.
//   - Deadlines are data (Rules): each rule has its source, unit, start
//     event, effective dates and confidence. ComputeDeadline counts;
//     ExplainDeadline tells the same count day by day; docs/law.md lists
//     the rules (generated from the table, and tested to be current).
//   - Every refusal is a *Msg: a message for a person in both languages,
//     with the field it is about.
//
// Caveats:
//   - Dates are model.Date (a day in Vietnam); times are UTC and shown in
//     Asia/Ho_Chi_Minh (VN).
//   - Rules marked "not checked" are working hypotheses: RuleDetails says
//     what is left to verify.
//
// docs/architecture.md describes the event log and the fold; docs/law.md
// the law behind the rules.
package model
