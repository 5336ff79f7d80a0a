package store

import (
	"io"

	"donthu/model"
	"donthu/store/export"
)

// The audit as a file: the same columns in the CSV of `donthu audit`, its
// workbook, and the workbook the settings screen writes.

// AuditHeader is the header of the audit's files.
func AuditHeader(lang model.Lang) []string {
	return []string{
		model.Label{VI: "Lúc", EN: "When"}.In(lang), model.Label{VI: "Người", EN: "Who"}.In(lang),
		model.Label{VI: "Việc", EN: "What"}.In(lang), model.Label{VI: "Hồ sơ", EN: "Record"}.In(lang),
		model.Label{VI: "Sự kiện", EN: "Event"}.In(lang), model.Label{VI: "Chuỗi", EN: "Chain"}.In(lang),
	}
}

// Who is the person an audit line is about: its author, or for a failed
// sign-in the login that was tried.
func (l *AuditLine) Who() string {
	var n model.AuditNote
	if l.Type == model.EvSignInFailed && l.Decode(&n) == nil && n.Login != "" {
		return n.Login
	}
	return l.Author
}

// Record is the record an audit line is about: the event's entity, or
// for an audit event about one record (the reveal of a petition that had
// no case, RevealPetition) that record.
func (l *AuditLine) Record() string {
	var n model.AuditNote
	if model.Stateless(l.Entity) && l.Decode(&n) == nil && n.Record != "" {
		return n.Record
	}
	return l.Entity
}

// ChainWord says what the hash chain check found for this line.
func (l *AuditLine) ChainWord(lang model.Lang) string {
	switch {
	case !l.Chain:
		return model.Label{VI: "ĐỨT", EN: "BROKEN"}.In(lang)
	case l.Gap:
		return model.Label{VI: "giữ một phần", EN: "partial"}.In(lang)
	case l.Held:
		return model.Label{VI: "chờ vào sổ", EN: "held"}.In(lang)
	}
	return model.Label{VI: "khớp", EN: "ok"}.In(lang)
}

// Cells is the line as a row of the audit's files.
func (l *AuditLine) Cells(lang model.Lang) []string {
	return []string{l.When.In(model.VN).Format("02/01/2006 15:04:05"), l.Who(), string(l.Type), l.Record(), l.Key(), l.ChainWord(lang)}
}

// WriteAuditXLSX writes lines as a workbook of one sheet, titled.
func WriteAuditXLSX(w io.Writer, lines []AuditLine, lang model.Lang, title ...string) error {
	rows := make([][]any, len(lines))
	for i := range lines {
		c := lines[i].Cells(lang)
		row := make([]any, len(c))
		for j := range c {
			row[j] = c[j]
		}
		rows[i] = row
	}
	return export.WriteXLSX(w, []export.Sheet{{
		Name:   model.Label{VI: "Nhật ký", EN: "Audit"}.In(lang),
		Title:  title,
		Header: AuditHeader(lang),
		Widths: []float64{20, 14, 24, 28, 18, 12},
		Rows:   rows,
	}})
}
