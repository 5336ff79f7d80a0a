package register

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"donthu/model"

	"github.com/shakinm/xlsReader/xls"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// ErrRead wraps every failure to read a register file.
var ErrRead = errors.New("register: cannot read the file")

// Table is one sheet of a register as text: Rows[i][j] is the cell of
// spreadsheet row i+1 and column j+1 (merged cells repeat their value).
type Table struct {
	File   string
	Sheet  string
	Sheets []string // every sheet of the workbook
	Rows   [][]string
}

func readErr(vi, en string, a ...any) error {
	return fmt.Errorf("%w: %w", ErrRead, model.NewMsg("", fmt.Sprintf(vi, a...), fmt.Sprintf(en, a...)))
}

// Read loads a sheet ("" = the first) of an .xlsx, .xls or .csv file.
func Read(path, sheet string) (*Table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		return readXLSX(path, sheet)
	case ".xls":
		return readXLS(path, sheet)
	case ".csv", ".txt":
		return readCSV(path)
	}
	return nil, readErr("Không đọc được tệp %s: chỉ nhận .xlsx, .xls hoặc .csv", "Cannot read %s: only .xlsx, .xls or .csv files", filepath.Base(path))
}

func pickSheet(names []string, want, file string) (string, error) {
	if len(names) == 0 {
		return "", readErr("Tệp %s không có trang tính nào", "The file %s has no sheet", file)
	}
	if want == "" {
		return names[0], nil
	}
	for _, n := range names {
		if n == want || model.Fold(n) == model.Fold(want) {
			return n, nil
		}
	}
	if i, err := strconv.Atoi(want); err == nil && i >= 1 && i <= len(names) {
		return names[i-1], nil
	}
	return "", readErr("Không có trang %q trong %s; các trang: %s", "No sheet %q in %s; the sheets are: %s", want, file, strings.Join(names, ", "))
}

func readXLSX(path, sheet string) (*Table, error) {
	base := filepath.Base(path)
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, readErr("Không mở được %s: tệp hỏng hoặc không phải Excel (%v)", "Cannot open %s: damaged or not an Excel file (%v)", base, err)
	}
	defer f.Close()
	t := &Table{File: path, Sheets: f.GetSheetList()}
	if t.Sheet, err = pickSheet(t.Sheets, sheet, base); err != nil {
		return nil, err
	}
	// Raw values: a date is its serial number, read the same whatever the
	// cell's display format (Excel's "mm-dd-yy" would swap day and month).
	if t.Rows, err = f.GetRows(t.Sheet, excelize.Options{RawCellValue: true}); err != nil {
		return nil, readErr("Không đọc được trang %s của %s (%v)", "Cannot read sheet %s of %s (%v)", t.Sheet, base, err)
	}
	// Merged cells repeat their first cell's value over the range. They
	// are read from the sheet's XML directly: excelize's GetMergeCells
	// parses the whole sheet into memory, longer than reading its rows.
	merges, ok := xlsxMerges(path, t.Sheet)
	if !ok {
		merges = nil
		if ms, err := f.GetMergeCells(t.Sheet); err == nil {
			for _, m := range ms {
				merges = append(merges, m.GetStartAxis()+":"+m.GetEndAxis())
			}
		}
	}
	for _, ref := range merges {
		a, b, _ := strings.Cut(ref, ":")
		c1, r1, e1 := excelize.CellNameToCoordinates(a)
		c2, r2, e2 := excelize.CellNameToCoordinates(b)
		if e1 != nil || e2 != nil || r2 < r1 || c2 < c1 || (r2-r1+1)*(c2-c1+1) > 10000 {
			continue
		}
		v := ""
		if r1-1 < len(t.Rows) && c1-1 < len(t.Rows[r1-1]) {
			v = t.Rows[r1-1][c1-1]
		}
		for r := r1; r <= r2; r++ {
			for c := c1; c <= c2; c++ {
				t.set(r-1, c-1, v)
			}
		}
	}
	return t, nil
}

// xlsxMerges returns the merged ranges ("A4:A5") of a sheet of an .xlsx,
// read from its XML; ok is false when the sheet cannot be found that way
// (the caller asks excelize instead).
func xlsxMerges(path, sheet string) (refs []string, ok bool) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, false
	}
	defer z.Close()
	files := map[string]*zip.File{}
	for _, f := range z.File {
		files[f.Name] = f
	}
	read := func(name string) []byte {
		f := files[name]
		if f == nil {
			return nil
		}
		r, err := f.Open()
		if err != nil {
			return nil
		}
		defer r.Close()
		b, _ := io.ReadAll(r)
		return b
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(read("xl/workbook.xml"), &wb) != nil || xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return nil, false
	}
	target := ""
	for _, s := range wb.Sheets {
		if s.Name != sheet {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				target = r.Target
			}
		}
	}
	if target == "" {
		return nil, false
	}
	if strings.HasPrefix(target, "/") {
		target = target[1:]
	} else {
		target = "xl/" + target
	}
	data := read(target)
	if data == nil {
		return nil, false
	}
	i := bytes.Index(data, []byte("<mergeCells"))
	if i < 0 {
		// None, unless written with a namespace prefix: excelize then.
		return nil, !bytes.Contains(data, []byte("mergeCell"))
	}
	end := bytes.Index(data[i:], []byte("</mergeCells>"))
	if end < 0 {
		return nil, true // <mergeCells count="0"/>
	}
	var mc struct {
		Cells []struct {
			Ref string `xml:"ref,attr"`
		} `xml:"mergeCell"`
	}
	if xml.Unmarshal(data[i:i+end+len("</mergeCells>")], &mc) != nil {
		return nil, false
	}
	for _, c := range mc.Cells {
		if strings.Contains(c.Ref, ":") {
			refs = append(refs, c.Ref)
		}
	}
	return refs, true
}

func (t *Table) set(r, c int, v string) {
	for len(t.Rows) <= r {
		t.Rows = append(t.Rows, nil)
	}
	for len(t.Rows[r]) <= c {
		t.Rows[r] = append(t.Rows[r], "")
	}
	t.Rows[r][c] = v
}

func readXLS(path, sheet string) (t *Table, err error) {
	base := filepath.Base(path)
	defer func() {
		// The BIFF reader panics on some damaged files: a message, not a crash.
		if r := recover(); r != nil {
			t, err = nil, readErr("Không đọc được %s: tệp .xls hỏng hoặc dạng quá cũ; hãy mở bằng Excel và lưu thành .xlsx", "Cannot read %s: a damaged or too old .xls; open it in Excel and save it as .xlsx", base)
		}
	}()
	wb, err := xls.OpenFile(path)
	if err != nil {
		return nil, readErr("Không mở được %s: tệp hỏng hoặc không phải Excel 97-2003 (%v)", "Cannot open %s: damaged or not an Excel 97-2003 file (%v)", base, err)
	}
	t = &Table{File: path}
	for _, s := range wb.GetSheets() {
		t.Sheets = append(t.Sheets, s.GetName())
	}
	if t.Sheet, err = pickSheet(t.Sheets, sheet, base); err != nil {
		return nil, err
	}
	for i, n := range t.Sheets {
		if n != t.Sheet {
			continue
		}
		sh, err := wb.GetSheet(i)
		if err != nil {
			return nil, readErr("Không đọc được trang %s của %s (%v)", "Cannot read sheet %s of %s (%v)", t.Sheet, base, err)
		}
		for _, row := range sh.GetRows() {
			var cells []string
			for _, c := range row.GetCols() {
				v := c.GetString()
				if !utf8.ValidString(v) {
					// BIFF8 keeps text of code points under 256 as one byte
					// each, and the reader hands those bytes on as they are.
					v = latin1(v)
				}
				if v == "" && c.GetType() != "" && c.GetFloat64() != 0 {
					v = strconv.FormatFloat(c.GetFloat64(), 'f', -1, 64)
				}
				cells = append(cells, v)
			}
			t.Rows = append(t.Rows, cells)
		}
	}
	return t, nil
}

// readCSV reads a CSV in UTF-8 (with or without a byte-order mark), UTF-16
// (with its mark) or, failing UTF-8, bytes of a legacy 8-bit encoding
// (kept as Latin-1 for the column detection to convert). The separator is
// a comma, a semicolon (Excel in Vietnamese locales) or a tab.
func readCSV(path string) (*Table, error) {
	base := filepath.Base(path)
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, readErr("Không mở được %s (%v)", "Cannot open %s (%v)", base, err)
	}
	text, err := decodeText(raw)
	if err != nil {
		return nil, readErr("Không đọc được %s: mã hóa không đúng (%v)", "Cannot read %s: bad encoding (%v)", base, err)
	}
	first, _, _ := strings.Cut(text, "\n")
	sep := ','
	best := strings.Count(first, ",")
	for _, c := range []rune{';', '\t'} {
		if n := strings.Count(first, string(c)); n > best {
			sep, best = c, n
		}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = sep, -1, true
	t := &Table{File: path, Sheet: base, Sheets: []string{base}}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, readErr("Không đọc được %s ở dòng %d (%v)", "Cannot read %s at line %d (%v)", base, len(t.Rows)+1, err)
		}
		t.Rows = append(t.Rows, rec)
	}
	return t, nil
}

func decodeText(b []byte) (string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return string(b[3:]), nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, _, err := transform.Bytes(unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder(), b)
		return string(out), err
	case utf8.Valid(b):
		return string(b), nil
	}
	// Not UTF-8: an 8-bit file (TCVN3 or VNI typed in a legacy program).
	return latin1(string(b)), nil
}

// latin1 reads each byte of s as the code point of the same value, as
// the column detection expects legacy text.
func latin1(s string) string {
	rs := make([]rune, len(s))
	for i := 0; i < len(s); i++ {
		rs[i] = rune(s[i])
	}
	return string(rs)
}
