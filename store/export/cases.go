package export

import (
	"io"

	"donthu/model"
)

// CaseRow is a case with its deadline as of a day, as the store computed
// it. It has the shape of store.CaseRow, so export.CaseRow(r) converts one.
type CaseRow struct {
	model.Case
	Deadline model.Deadline
}

// casesHeader is the case list's header.
var casesHeader = []model.Label{
	{VI: "Số vụ việc", EN: "Case no."},
	{VI: "Ngày nhận đơn", EN: "Received"},
	{VI: "Người gửi", EN: "Sender"},
	{VI: "Loại đơn", EN: "Kind"},
	{VI: "Chế độ pháp lý", EN: "Legal regime"},
	{VI: "Lĩnh vực", EN: "Field"},
	{VI: "Trạng thái", EN: "Status"},
	{VI: "Cán bộ xử lý", EN: "Handler"},
	{VI: "Hạn", EN: "Due"},
	{VI: "Thời hạn", EN: "Deadline"},
	{VI: "Kết quả", EN: "Result"},
}

// Cases writes the case list, one record per row in the order given.
func Cases(w io.Writer, rows []CaseRow, opt Options) error {
	return write(w, headers(casesHeader, opt.Lang), texts(caseCells(rows, opt)), opt)
}

// CasesSheet is the case list as a worksheet (dates as dates).
func CasesSheet(rows []CaseRow, opt Options, title ...string) Sheet {
	return Sheet{Name: model.Label{VI: "Vụ việc", EN: "Cases"}.In(opt.Lang), Title: title,
		Header: headers(casesHeader, opt.Lang), Rows: caseCells(rows, opt),
		Widths: []float64{16, 11, 28, 12, 24, 22, 16, 14, 11, 26, 16}}
}

func caseCells(rows []CaseRow, opt Options) [][]any {
	out := make([][]any, 0, len(rows))
	for i := range rows {
		out = append(out, caseRecord(&rows[i], opt))
	}
	return out
}

func caseRecord(r *CaseRow, opt Options) []any {
	c, lang := &r.Case, opt.Lang
	sender := c.SenderName
	if c.Confidential && !opt.Reveal {
		sender = opt.masked()
	}
	var result string
	if c.Result != "" {
		result = model.ResultLabel(c.Kind, c.Result).In(lang)
	}
	return []any{
		c.No,
		c.Received,
		sender,
		c.Kind.Label().In(lang),
		c.Regime.Label().In(lang),
		c.Field.Label().In(lang),
		c.Status.Label().In(lang),
		c.Handler,
		r.Deadline.Due,
		r.Deadline.Words(lang),
		result,
	}
}
