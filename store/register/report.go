package register

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/store"
)

// Header returns the lines that describe the file and its columns: the
// sheet, the header rows, and for each column its header, the field it
// is read as, and the encoding it was converted from with a sample.
func (p *Plan) Header(lang model.Lang) []string {
	t := func(vi, en string, a ...any) string {
		if lang == model.EN {
			return fmt.Sprintf(en, a...)
		}
		return fmt.Sprintf(vi, a...)
	}
	kind := t("sổ tiếp (lượt tiếp)", "reception register (visits)")
	if p.Kind == KindPetitions {
		kind = t("sổ theo dõi đơn", "petition register")
	}
	hr := make([]string, len(p.HeaderRows))
	for i, r := range p.HeaderRows {
		hr[i] = fmt.Sprint(r)
	}
	out := []string{
		t("Tệp %s, trang %q: %s; tiêu đề ở dòng %s", "File %s, sheet %q: %s; header on row %s", baseName(p.File), p.Sheet, kind, strings.Join(hr, "–")),
	}
	if len(p.Sheets) > 1 {
		var others []string
		for _, n := range p.Sheets {
			if n != p.Sheet {
				others = append(others, fmt.Sprintf("%q", n))
			}
		}
		out = append(out, t("Tệp còn các trang: %s (chọn bằng --sheet)", "The file also has the sheets: %s (pick with --sheet)", strings.Join(others, ", ")))
	}
	out = append(out, t("Cột:", "Columns:"))
	for _, c := range p.Columns {
		if c.Header == "" && c.Field == model.RFSkip {
			continue
		}
		line := fmt.Sprintf("  %-2s %-28s → %s", c.Letter, clip(c.Header, 28), c.Field.Label().In(lang))
		if c.Encoding != model.EncUnicode {
			line += t("  [%s: %q → %q]", "  [%s: %q → %q]", c.Encoding.Label().In(lang), clip(c.Before, 24), clip(c.After, 24))
		}
		out = append(out, line)
	}
	return out
}

func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// Describe describes what one row would do, in lang.
func (r *Row) Describe(lang model.Lang) string {
	t := func(vi, en string, a ...any) string {
		if lang == model.EN {
			return fmt.Sprintf(en, a...)
		}
		return fmt.Sprintf(vi, a...)
	}
	head := t("Dòng %d: ", "Row %d: ", r.Line)
	switch r.Status {
	case RowError:
		var es []string
		for _, e := range r.Errors {
			es = append(es, e.In(lang))
		}
		return head + t("LỖI: ", "ERROR: ") + strings.Join(es, "; ")
	case RowImported:
		return head + t("đã nhập trước đây, bỏ qua", "imported before, skipped")
	case RowDuplicate:
		return head + t("giống hệt dòng %d, bỏ qua", "same as row %d, skipped", r.Same)
	}
	var parts []string
	m := r.Match
	switch {
	case m.New && m.Line == r.Line:
		parts = append(parts, t("người mới %s", "new person %s", r.Person.Name))
	case m.New:
		parts = append(parts, t("người %s như ở dòng %d (%s)", "person %s as on row %d (%s)", r.Person.Name, m.Line, m.Why.Label().In(lang)))
	default:
		name := m.Name
		if m.Sealed {
			name = store.SealedText.In(lang)
		}
		parts = append(parts, t("người đã có %s [%s] (%s)", "existing person %s [%s] (%s)", name, m.ID, m.Why.Label().In(lang)))
	}
	if r.Visit {
		v := t("lượt tiếp %s", "visit %s", r.Date)
		if r.Heads > 1 {
			v += t(" (%d người)", " (%d people)", r.Heads)
		}
		if !r.Petition {
			v += ", " + r.Outcome.Label().In(lang)
		}
		parts = append(parts, v)
	}
	if r.Petition {
		p := t("đơn %s nhận %s", "petition %s received %s", r.Kind.Label().In(lang), r.Date)
		if r.Kind == "" {
			p = t("đơn nhận %s", "petition received %s", r.Date)
		}
		p += ", " + r.Decision.Label().In(lang)
		if r.Forward != "" {
			p += ": " + r.Forward
		}
		parts = append(parts, p)
	}
	if r.Case != "" {
		c := t("vụ việc %s", "case %s", r.Case.Label().In(lang))
		if r.Case == model.StatusConcluded {
			res := r.Result
			if res == "" {
				res = model.ResultSettled
			}
			c += t(" (%s, %s)", " (%s, %s)", model.ResultLabel(r.Kind, res).In(lang), r.Closed)
		}
		parts = append(parts, c)
	}
	if len(r.Fill) > 0 {
		var fs []string
		for _, f := range r.Fill {
			if f != "id_kind" {
				fs = append(fs, model.PersonFieldLabel(f).In(lang))
			}
		}
		parts[0] += t(", bổ sung %s", ", adds %s", strings.ToLower(strings.Join(fs, ", ")))
	}
	line := head + strings.Join(parts, "; ")
	for _, w := range r.Warnings {
		line += t("; lưu ý: %s", "; note: %s", w.In(lang))
	}
	return line
}

// Summary is the closing line of a report.
func (p *Plan) Summary(lang model.Lang) string {
	c := p.Counts()
	if lang == model.EN {
		return fmt.Sprintf("%d rows: %d to import (%d new persons, %d returning), %d in error, %d imported before, %d repeated; %d visits, %d petitions, %d cases; skipped %d empty and %d total rows",
			c.Rows, c.New, c.Persons, c.Matched, c.Errors, c.Imported, c.Duplicates, c.Visits, c.Petitions, c.Cases, p.Empty, p.Totals)
	}
	return fmt.Sprintf("%d dòng: %d sẽ nhập (%d người mới, %d người đến lại), %d lỗi, %d đã nhập trước, %d lặp lại; %d lượt tiếp, %d đơn, %d vụ việc; bỏ %d dòng trống, %d dòng tổng",
		c.Rows, c.New, c.Persons, c.Matched, c.Errors, c.Imported, c.Duplicates, c.Visits, c.Petitions, c.Cases, p.Empty, p.Totals)
}

// Report is the whole dry-run report: header, one line per row, summary.
func (p *Plan) Report(lang model.Lang) []string {
	out := p.Header(lang)
	for i := range p.Rows {
		out = append(out, p.Rows[i].Describe(lang))
	}
	return append(out, p.Summary(lang))
}
