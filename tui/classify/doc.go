// Package classify is the Phân loại đơn screen: the inbox of petitions not
// yet classified, oldest first, each against its processing time limit,
// and the form that classifies one (kind, legal regime, subject area,
// conditions, competence, round, flags, duplicate of, decision) with one
// keystroke per choice where possible. At an office (a site with pinned
// children) the decisions include the transfer to a child site: the
// petition is filed here as forwarded to that child and a copy is
// transferred to it, in one write (store.ClassifyToChild); the copy goes
// in the child's next bundle.
//
// Invariants: the screen holds no rule of law of its own: the regime it
// proposes comes from model.DefaultRegime, duplicates are ranked by
// model.Similarity, time limits by model.ProcessDeadline and
// model.ComputeDeadline, and whether a decision may be taken by
// model.CheckClassify (asked again by the store). A classification half
// done is kept per petition while the screen lives, so leaving it loses
// nothing. A denouncer's name is shown only to handlers and leaders
// (DOMAIN.md §6).
//
// F9 prints the letter a decision needs (Phiếu đề xuất thụ lý, phiếu
// chuyển đơn, văn bản hướng dẫn, trả lại đơn) through the LetterPrinter it
// is given (tui/printing in the application); without one, F9 says there
// is no template.
package classify
