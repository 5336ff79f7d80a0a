package reception

import "donthu/model"

// ReceiptPrinter prints or exports the document receipt (giấy biên nhận
// thông tin, tài liệu: Mẫu 02/TCD, NĐ 154/2026) of a visit just saved
// (tui/printing provides it; without one F9 says there is no template).
// It returns where the receipt went, for the status line.
type ReceiptPrinter interface {
	PrintReceipt(v model.Visit, p *model.Petition) (where string, err error)
}

// SheetOfferer is a ReceiptPrinter that also names the guidance sheets a
// visit's content calls for (printed with its receipt): the screen offers
// them under the saved visit.
type SheetOfferer interface {
	Sheets(v model.Visit) []string
}

// Options configure the screen beyond its context.
type Options struct {
	// Receipt prints receipts; nil = none yet (F9 explains).
	Receipt ReceiptPrinter
	// SearchLimit is how many matches a search reads; 0 = 200.
	SearchLimit int
}
