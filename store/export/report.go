package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"donthu/model"
)

// ReportTable is one form as model computed it, ready to render: this
// period, the previous one and the same period last year for the unit (or
// units) reported, and at an office each site's figures for this period.
type ReportTable struct {
	Unit  string // the reporting unit's name, on top of the form
	Form  *model.Form
	Cols  []ReportCol // this period first
	Sites []SiteFigures
}

// ReportCol is one column of figures with its heading.
type ReportCol struct {
	Title   model.Label // "Kỳ này", "Kỳ trước", "Cùng kỳ năm trước"
	Figures model.Figures
}

// SiteFigures is one unit's figures for this period.
type SiteFigures struct {
	Code, Name string
	Figures    model.Figures
}

// ColumnTitles are the headings of the three columns of a report.
var ColumnTitles = []model.Label{
	{VI: "Kỳ này", EN: "This period"},
	{VI: "Kỳ trước", EN: "Previous"},
	{VI: "Cùng kỳ năm trước", EN: "Same period last year"},
}

// NewReportTable computes form f at site for period p, the previous
// period and the same period last year; with perSite, also each unit's
// figures for p (an office's report).
func NewReportTable(d *model.ReportData, unit string, f model.FormID, p model.Period, site string, perSite bool, home string) ReportTable {
	t := ReportTable{Unit: unit, Form: model.FormByID(f)}
	for i, q := range []model.Period{p, p.Previous(), p.LastYear()} {
		t.Cols = append(t.Cols, ReportCol{Title: ColumnTitles[i], Figures: d.Compute(f, q, site).ValuesOnly()})
	}
	if perSite {
		for _, s := range d.SitesIn(p, home) {
			t.Sites = append(t.Sites, SiteFigures{Code: s.Code, Name: s.Name, Figures: d.Compute(f, p, s.Code).ValuesOnly()})
		}
	}
	return t
}

// Tables computes forms for period p at unit code: "" reports home and,
// when the data holds other units (an office), adds per-unit figures. The
// reporting unit is named as it was at the end of the period. It returns
// nil when code is a unit the data does not know.
func Tables(d *model.ReportData, home string, forms []model.FormID, p model.Period, code string) []ReportTable {
	_, to := p.Bounds()
	units := d.SitesIn(p, home)
	unit, perSite := d.NameOn(home, to), false
	if code == "" {
		perSite = len(units) > 1
	} else {
		found := false
		for _, u := range units {
			found = found || u.Code == code
		}
		if !found {
			return nil
		}
		unit = d.NameOn(code, to)
	}
	out := make([]ReportTable, 0, len(forms))
	for _, f := range forms {
		out = append(out, NewReportTable(d, unit, f, p, code, perSite, home))
	}
	return out
}

func (t *ReportTable) title(lang model.Lang) string {
	return model.Label{VI: "Biểu mẫu ", EN: "Form "}.In(lang) + string(t.Form.ID) + ": " + t.Form.Title.In(lang)
}

func periodLine(f model.Figures, lang model.Lang) string {
	l := model.Label{VI: "Kỳ báo cáo: ", EN: "Period: "}.In(lang) + f.Period.Label().In(lang)
	if !f.Period.Official && f.Period.Kind != model.PeriodRange {
		l += " (" + f.From.String() + " – " + f.To.String() + ")"
	}
	return l
}

func figure(c model.Cell, r *model.FormRow) string {
	if r.Money {
		return groupDigits(c.Value)
	}
	return strconv.FormatInt(c.Value, 10)
}

// groupDigits writes n with dots between thousands, the Vietnamese way.
func groupDigits(n int64) string { return model.Thousands(n) }

func rowLabel(r *model.FormRow, lang model.Lang) string {
	l := strings.TrimSpace(r.Label.In(lang))
	if g := r.Group.In(lang); g != "" {
		return g + " – " + l
	}
	return l
}

// ReportCSV writes the forms one under another: a line with the form and
// its period, then one record per indicator with the three columns and,
// at an office, one column per unit.
func ReportCSV(w io.Writer, tables []ReportTable, opt Options) error {
	var records [][]string
	lang := opt.Lang
	for ti := range tables {
		t := &tables[ti]
		if ti > 0 {
			records = append(records, []string{})
		}
		records = append(records, []string{t.title(lang)}, []string{t.Unit}, []string{periodLine(t.Cols[0].Figures, lang)})
		head := []string{model.Label{VI: "Nhóm", EN: "Group"}.In(lang), model.Label{VI: "Chỉ tiêu", EN: "Indicator"}.In(lang)}
		for _, c := range t.Cols {
			head = append(head, c.Title.In(lang)+" ("+c.Figures.Period.Short()+")")
		}
		for _, s := range t.Sites {
			head = append(head, s.Name)
		}
		records = append(records, head)
		for i := range t.Form.Rows {
			r := &t.Form.Rows[i]
			rec := []string{r.Group.In(lang), strings.TrimSpace(r.Label.In(lang))}
			for _, c := range t.Cols {
				rec = append(rec, strconv.FormatInt(c.Figures.Cells[i].Value, 10))
			}
			for _, s := range t.Sites {
				rec = append(rec, strconv.FormatInt(s.Figures.Cells[i].Value, 10))
			}
			records = append(records, rec)
		}
	}
	return writeRecords(w, records, opt)
}

// ReportText writes the forms as plain text for a terminal or a printer:
// indicators as rows, the three columns right-aligned.
func ReportText(w io.Writer, tables []ReportTable, lang model.Lang) error {
	var b strings.Builder
	for ti := range tables {
		t := &tables[ti]
		if ti > 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%s\n%s\n%s\n\n", t.title(lang), t.Unit, periodLine(t.Cols[0].Figures, lang))
		lw := 0
		for i := range t.Form.Rows {
			lw = max(lw, runeLen(t.Form.Rows[i].Label.In(lang)))
		}
		cw := 12
		fmt.Fprintf(&b, "%s", padRight("", lw))
		for _, c := range t.Cols {
			fmt.Fprintf(&b, " %s", padLeft(c.Figures.Period.Short(), cw))
		}
		b.WriteString("\n")
		group := ""
		for i := range t.Form.Rows {
			r := &t.Form.Rows[i]
			if g := r.Group.In(lang); g != group {
				group = g
				fmt.Fprintf(&b, "%s\n", g)
			}
			fmt.Fprintf(&b, "%s", padRight(r.Label.In(lang), lw))
			for _, c := range t.Cols {
				fmt.Fprintf(&b, " %s", padLeft(figure(c.Figures.Cells[i], r), cw))
			}
			b.WriteString("\n")
		}
		if len(t.Sites) > 0 {
			fmt.Fprintf(&b, "\n%s\n", model.Label{VI: "Theo đơn vị (kỳ này)", EN: "By unit (this period)"}.In(lang))
			for _, s := range t.Sites {
				var parts []string
				for i := range t.Form.Rows {
					if v := s.Figures.Cells[i].Value; v != 0 {
						parts = append(parts, t.Form.Rows[i].Key+"="+strconv.FormatInt(v, 10))
					}
				}
				fmt.Fprintf(&b, "%s %s: %s\n", s.Code, s.Name, strings.Join(parts, " "))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func padRight(s string, w int) string {
	if d := w - runeLen(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

func padLeft(s string, w int) string {
	if d := w - runeLen(s); d > 0 {
		return strings.Repeat(" ", d) + s
	}
	return s
}

// ReportSheets lays each form out as the upper level's form is laid out:
// the unit's name and the period on top, units as rows (at an office each
// site, then the total), the indicators as columns under their merged
// group headings, numbers as numbers; then the total of the previous
// period and of the same period last year.
func ReportSheets(tables []ReportTable, lang model.Lang) []Sheet {
	var out []Sheet
	for ti := range tables {
		t := &tables[ti]
		sh := Sheet{
			Name:  strings.ReplaceAll(string(t.Form.ID), "/", "-"),
			Title: []string{t.Unit, t.title(lang), periodLine(t.Cols[0].Figures, lang)},
			Bold:  map[int]bool{},
		}
		sh.Header = []string{model.Label{VI: "STT", EN: "No."}.In(lang), model.Label{VI: "Đơn vị", EN: "Unit"}.In(lang)}
		sh.Widths = []float64{5, 36}
		group, start := "", -1
		for i := range t.Form.Rows {
			r := &t.Form.Rows[i]
			col := len(sh.Header)
			if g := r.Group.In(lang); g != group {
				if start >= 0 && group != "" {
					sh.Groups = append(sh.Groups, Span{Text: group, From: start, To: col - 1})
				}
				group, start = g, col
			}
			sh.Header = append(sh.Header, strings.TrimSpace(r.Label.In(lang)))
			sh.Widths = append(sh.Widths, 11)
		}
		if group != "" {
			sh.Groups = append(sh.Groups, Span{Text: group, From: start, To: len(sh.Header) - 1})
		}
		row := func(no any, name string, f model.Figures) []any {
			r := []any{no, name}
			for _, c := range f.Cells {
				r = append(r, c.Value)
			}
			return r
		}
		for i, s := range t.Sites {
			sh.Rows = append(sh.Rows, row(i+1, s.Name, s.Figures))
		}
		total := model.Label{VI: "Tổng cộng", EN: "Total"}.In(lang)
		sh.Bold[len(sh.Rows)] = true
		sh.Rows = append(sh.Rows, row("", total+" ("+t.Cols[0].Figures.Period.Short()+")", t.Cols[0].Figures))
		for _, c := range t.Cols[1:] {
			sh.Rows = append(sh.Rows, row("", c.Title.In(lang)+" ("+c.Figures.Period.Short()+")", c.Figures))
		}
		out = append(out, sh)
	}
	return out
}

// ReportXLSX writes the forms as a workbook, one sheet per form.
func ReportXLSX(w io.Writer, tables []ReportTable, lang model.Lang) error {
	return WriteXLSX(w, ReportSheets(tables, lang))
}
