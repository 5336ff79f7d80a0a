package export

// RegisterRecords returns the register's cells, one record per row in the
// order given and numbered from 1, with the same columns and the same
// masking of confidential senders as Register, but without the CSV guard:
// for a renderer that is not a spreadsheet (the printed register).
func RegisterRecords(rows []RegisterRow, opt Options) [][]string {
	return texts(registerCells(rows, opt))
}

// RegisterHeader returns the register's column headers in opt.Lang.
func RegisterHeader(opt Options) []string { return headers(registerHeader, opt.Lang) }
