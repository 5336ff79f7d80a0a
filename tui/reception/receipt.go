package reception

import "donthu/model"

// ReceiptPrinter prints or exports the document receipt (giấy biên nhận
// thông tin, tài liệu: Mẫu 02/TCD, NĐ 154/2026) of a visit just saved. The
// reports work provides it; until then the screen has none and its F9 key
// says that there is no template yet. It returns where the receipt went (a
// printer or a file), for the status line.
type ReceiptPrinter interface {
	PrintReceipt(v model.Visit, p *model.Petition) (where string, err error)
}

// Options configure the screen beyond its context.
type Options struct {
	// Receipt prints receipts; nil = none yet (F9 explains).
	Receipt ReceiptPrinter
	// SearchLimit is how many matches a search reads; 0 = 200.
	SearchLimit int
}
