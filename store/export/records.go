package export

// RegisterRecords returns the register's cells, one record per row in the
// order given and numbered from 1, with the same columns and the same
// masking of confidential senders as Register, but without the CSV guard:
// for a renderer that is not a spreadsheet (the printed register).
func RegisterRecords(rows []RegisterRow, opt Options) [][]string {
	out := make([][]string, 0, len(rows))
	for i := range rows {
		out = append(out, registerRecord(i+1, &rows[i], opt))
	}
	return out
}

// RegisterHeader returns the register's column headers in opt.Lang.
func RegisterHeader(opt Options) []string { return headers(registerHeader, opt.Lang) }
