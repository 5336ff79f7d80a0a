// Package reception is the Tiếp nhận screen: recording one visit at the
// desk (lượt tiếp) in well under a minute.
//
// The form is one screen: the visitor, found as they are typed (name
// without diacritics, ID number or phone; the search runs in a tea.Cmd and
// stale results are dropped) or entered new in place; a group delegation
// (head count, representatives, employer); the content, documents
// received, outcome and reception type; and optionally the petition
// registered then and there, which goes to classification. Ctrl+S or F10
// saves it all in one transaction (store.RecordVisit).
//
// Invariants: nothing typed is lost on an error: a refusal, the screen's or
// the store's (a *model.Msg with its Field), is shown beside its field and
// the form stays as it was. After a save the form is cleared for the next
// visitor. A denouncer's records are shown only to handlers and leaders
// (DOMAIN.md §6).
//
// F9 prints the receipt (giấy biên nhận, Mẫu 02/TCD) of the visit just
// saved through the ReceiptPrinter it is given (tui/printing in the
// application); without one, F9 says there is no template.
package reception
