// Package reports is the Báo cáo screen: the periodic report forms
// (01/TCD, 02/TCD, 01/XLD, 01/KQGQ, 03/KQGQ and the backlog review) on
// screen, each figure traced to its records, the charts a leader would
// rather look at, and the export of the forms and registers to Excel.
//
// What it owns: the choice of form, period (month, quarter, 6 and 9
// months, year; calendar or cut off as TT 01/2024), unit and column; the
// drill-down list of one figure's records; the charts view; the export
// folder (remembered per user, store.SetPref, defaulting to the folder the
// sync screen last wrote to).
//
// Invariants:
//   - Every figure is model's (model.ReportData.Compute): the screen
//     formats it and nothing else. The report's input is read once in the
//     background (store.ReportInput) and again when data changes, so a
//     change of period, form or unit only recomputes in memory. What is
//     read is the whole years around what the period needs
//     (model.ReportYears), never more: a step out of them reads again,
//     so a step far back holds two years, not every year since.
//   - The drill-down lists exactly the records a figure counts: the
//     screen holds the figures' values only, and lists a figure's
//     records when it is opened (model.ReportData.Records, the rule that
//     made the figure): their number is the figure, or their amounts add
//     up to it for a sum.
//   - A sender is named through model.ReportData.Line only, which asks
//     the access policy's one rule (model.Shows): a confidential sender
//     reads "(bảo mật)" to anyone but the leaders and the case's handler,
//     and to them until they reveal it on purpose in the case view.
//   - The table fits 80 columns: the indicator, then this period, the
//     previous one and the same period last year.
package reports
