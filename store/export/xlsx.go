package export

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"donthu/model"

	"github.com/xuri/excelize/v2"
)

// Sheet is one worksheet of a workbook: a few title lines on top, an
// optional row of merged group headings, the header row (frozen), and the
// rows. A cell is a string, an int, an int64 (numbers stay numbers), or a
// model.Date (written as a date, shown dd/mm/yyyy).
type Sheet struct {
	Name   string
	Title  []string
	Groups []Span // merged headings over the header row
	Header []string
	Widths []float64 // column widths in characters; 0 = fitted
	Rows   [][]any
	// Bold marks rows (by index in Rows) drawn in bold: totals.
	Bold map[int]bool
}

// Span is a heading merged over columns From..To (0-based, included).
type Span struct {
	Text     string
	From, To int
}

// WriteXLSX writes the sheets as one workbook. Every sheet goes through a
// StreamWriter, so a register of a hundred thousand rows is written in
// bounded memory.
func WriteXLSX(w io.Writer, sheets []Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, sh := range sheets {
		name := sheetName(sh.Name, i)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, &sh, st); err != nil {
			return fmt.Errorf("export: sheet %s: %w", name, err)
		}
	}
	return f.Write(w)
}

// sheetName makes a valid, unique sheet name: at most 31 characters and
// none of : \ / ? * [ ].
func sheetName(s string, i int) string {
	out := make([]rune, 0, 31)
	for _, r := range s {
		switch r {
		case ':', '\\', '/', '?', '*', '[', ']':
			r = '-'
		}
		out = append(out, r)
	}
	if len(out) > 28 {
		out = out[:28]
	}
	if len(out) == 0 {
		return "Sheet" + strconv.Itoa(i+1)
	}
	return string(out)
}

type styles struct{ title, head, date, num, bold, boldNum int }

func newStyles(f *excelize.File) (styles, error) {
	var s styles
	var err error
	border := []excelize.Border{{Type: "left", Style: 1, Color: "999999"}, {Type: "right", Style: 1, Color: "999999"},
		{Type: "top", Style: 1, Color: "999999"}, {Type: "bottom", Style: 1, Color: "999999"}}
	fmtDate := "dd/mm/yyyy"
	fmtNum := "#,##0"
	for _, x := range []struct {
		id *int
		st *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}},
		{&s.head, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF7"}}}},
		{&s.date, &excelize.Style{CustomNumFmt: &fmtDate, Border: border}},
		{&s.num, &excelize.Style{CustomNumFmt: &fmtNum, Border: border}},
		{&s.bold, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border}},
		{&s.boldNum, &excelize.Style{Font: &excelize.Font{Bold: true}, CustomNumFmt: &fmtNum, Border: border}},
	} {
		if *x.id, err = f.NewStyle(x.st); err != nil {
			return s, err
		}
	}
	return s, nil
}

func writeSheet(f *excelize.File, name string, sh *Sheet, st styles) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	ncol := len(sh.Header)
	headRow := len(sh.Title) + 1
	if len(sh.Title) > 0 {
		headRow++ // a blank line under the title
	}
	if len(sh.Groups) > 0 {
		headRow++
	}
	// Widths and panes must come before the first row.
	for c := 0; c < ncol; c++ {
		wd := 0.0
		if c < len(sh.Widths) {
			wd = sh.Widths[c]
		}
		if wd == 0 {
			wd = fitWidth(sh, c)
		}
		if err := sw.SetColWidth(c+1, c+1, wd); err != nil {
			return err
		}
	}
	top, _ := excelize.CoordinatesToCellName(1, headRow+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: headRow, TopLeftCell: top, ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := 1
	cell := func(c int) string { n, _ := excelize.CoordinatesToCellName(c+1, row); return n }
	for _, t := range sh.Title {
		if err := sw.SetRow(cell(0), []any{excelize.Cell{StyleID: st.title, Value: t}}); err != nil {
			return err
		}
		row++
	}
	if len(sh.Title) > 0 {
		row++
	}
	covered := make([]bool, ncol)
	for _, g := range sh.Groups {
		for c := g.From; c <= g.To && c < ncol; c++ {
			covered[c] = true
		}
	}
	if len(sh.Groups) > 0 {
		// The group headings, merged across their columns; a column under
		// no heading has its own heading here, merged down over the
		// header row.
		vals := make([]any, ncol)
		for c := range vals {
			vals[c] = excelize.Cell{StyleID: st.head}
			if !covered[c] {
				vals[c] = excelize.Cell{StyleID: st.head, Value: sh.Header[c]}
			}
		}
		for _, g := range sh.Groups {
			vals[g.From] = excelize.Cell{StyleID: st.head, Value: g.Text}
		}
		if err := sw.SetRow(cell(0), vals, excelize.RowOpts{Height: 30}); err != nil {
			return err
		}
		for _, g := range sh.Groups {
			if g.To > g.From {
				if err := sw.MergeCell(cell(g.From), cell(g.To)); err != nil {
					return err
				}
			}
		}
		for c := 0; c < ncol; c++ {
			if !covered[c] {
				a := cell(c)
				row++
				b := cell(c)
				row--
				if err := sw.MergeCell(a, b); err != nil {
					return err
				}
			}
		}
		row++
	}
	vals := make([]any, ncol)
	for c, h := range sh.Header {
		vals[c] = excelize.Cell{StyleID: st.head, Value: h}
		if len(sh.Groups) > 0 && !covered[c] {
			vals[c] = excelize.Cell{StyleID: st.head} // in the merge above
		}
	}
	if err := sw.SetRow(cell(0), vals, excelize.RowOpts{Height: 45}); err != nil {
		return err
	}
	row++
	for i, r := range sh.Rows {
		bold := sh.Bold[i]
		vals := make([]any, len(r))
		for c, v := range r {
			vals[c] = xlsxCell(v, st, bold)
		}
		if err := sw.SetRow(cell(0), vals); err != nil {
			return err
		}
		row++
	}
	return sw.Flush()
}

func xlsxCell(v any, st styles, bold bool) excelize.Cell {
	text, num := st.bold, st.boldNum
	if !bold {
		text, num = 0, st.num
	}
	switch x := v.(type) {
	case model.Date:
		if x.IsZero() {
			return excelize.Cell{StyleID: text}
		}
		return excelize.Cell{StyleID: st.date, Value: time.Date(x.Y, x.M, x.D, 0, 0, 0, 0, time.UTC)}
	case int, int64:
		return excelize.Cell{StyleID: num, Value: x}
	case string:
		return excelize.Cell{StyleID: text, Value: x}
	}
	return excelize.Cell{StyleID: text, Value: fmt.Sprint(v)}
}

// fitWidth is a column's width in characters: its longest cell, between
// 6 and 60 (headers wrap, so they count at half).
func fitWidth(sh *Sheet, c int) float64 {
	w := 6
	if c < len(sh.Header) {
		w = max(w, runeLen(sh.Header[c])/2+2)
	}
	for i, r := range sh.Rows {
		if i > 2000 {
			break // enough to judge a column
		}
		if c < len(r) {
			w = max(w, runeLen(cellText(r[c]))+2)
		}
	}
	return float64(min(w, 60))
}

func runeLen(s string) int { return len([]rune(s)) }

// cellText is a cell as CSV writes it.
func cellText(v any) string {
	switch x := v.(type) {
	case model.Date:
		return x.String()
	case int:
		return strconv.Itoa(x)
	case int64:
		return strconv.FormatInt(x, 10)
	case string:
		return x
	}
	return fmt.Sprint(v)
}

// texts turns cells into CSV text.
func texts(rows [][]any) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		out[i] = make([]string, len(r))
		for j, v := range r {
			out[i][j] = cellText(v)
		}
	}
	return out
}

// WriteFile writes path through a temporary file in the same folder,
// synced and renamed into place only when whole: a full disk or a pulled
// stick leaves the old file (if any) as it was and no half file.
func WriteFile(path string, render func(w io.Writer) error) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".donthu-export-*.part")
	if err != nil {
		return err
	}
	tmp := f.Name()
	err = render(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
