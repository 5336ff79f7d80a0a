package paper

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"image/color"
	"io"
	"strings"
	"sync"
	"text/template"
	"time"

	"donthu/model"
	"donthu/store/export"

	"codeberg.org/go-pdf/fpdf"
	"github.com/boombuler/barcode/qr"
)

// The font: Liberation Serif 2.1.5, metric-compatible with Times New
// Roman (NĐ 30/2020/NĐ-CP asks for Times New Roman or a font of the same
// metrics), with every Vietnamese letter, under the SIL Open Font
// Licence (fonts/LICENSE). Its four faces are kept gzipped (gzip -9 -n
// of the font's own files): 1.5 MB of fonts take 0.8 MB of the program,
// which must stay under 20 MB for the laptops and sticks it is carried
// on (Makefile, release-check). They are opened at the first printout.
//
//go:embed fonts/*.ttf.gz
var fontFiles embed.FS

// fonts returns the faces by fpdf style ("", "B", "I", "BI").
var fonts = sync.OnceValues(func() (map[string][]byte, error) {
	out := map[string][]byte{}
	for style, name := range map[string]string{"": "Regular", "B": "Bold", "I": "Italic", "BI": "BoldItalic"} {
		f, err := fontFiles.Open("fonts/LiberationSerif-" + name + ".ttf.gz")
		if err != nil {
			return nil, err
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			return nil, err
		}
		out[style] = b
	}
	return out, nil
})

const family = "serif"

// Page geometry in millimetres, after NĐ 30/2020/NĐ-CP Phụ lục I: A4,
// top and bottom margins 20–25 mm, left 30–35 mm, right 15–20 mm. The
// bottom margin is 25 mm: the verification footer lives inside it.
const (
	MarginTop    = 20.0
	MarginBottom = 25.0
	MarginLeft   = 30.0
	MarginRight  = 15.0
	// Landscape pages (the register) keep the same top and right margins
	// and a narrower left one, for the table's width.
	MarginLeftLand = 20.0
	bodySize       = 13.0
	lineH          = 6.2
	indent         = 10.0
	qrSize         = 16.0
)

// Part is one filled document and the template it is printed with. A
// printout is one or more parts (a receipt and the guidance sheets that
// go with it), each starting on a new page.
type Part struct {
	T *Template
	D *Doc
}

// Meta is what the footer says of the printout.
type Meta struct {
	Code    string    // verification code; "" prints no code (a preview)
	At      time.Time // when it was printed
	By      string
	Unit    string
	Title   string
	Subject string
}

// Render draws the parts as one PDF into w.
func Render(w io.Writer, meta Meta, parts ...Part) error {
	if len(parts) == 0 {
		return fmt.Errorf("paper: nothing to print")
	}
	orient := "P"
	if parts[0].T.Land {
		orient = "L"
	}
	pdf := fpdf.New(orient, "mm", "A4", "")
	faces, err := fonts()
	if err != nil {
		return fmt.Errorf("paper: the font: %w", err)
	}
	for _, style := range []string{"", "B", "I", "BI"} {
		pdf.AddUTF8FontFromBytes(family, style, faces[style])
	}
	pdf.SetCatalogSort(true)
	if !meta.At.IsZero() {
		pdf.SetCreationDate(meta.At)
		pdf.SetModificationDate(meta.At)
	}
	pdf.SetTitle(meta.Title, true)
	pdf.SetAuthor(meta.Unit, true)
	pdf.SetSubject(meta.Subject, true)
	pdf.SetCreator("donthu", true)
	pdf.SetProducer("donthu", true)
	pdf.AliasNbPages("{nb}")
	pdf.SetAutoPageBreak(true, MarginBottom)
	r := &renderer{pdf: pdf, meta: meta}
	pdf.SetFooterFunc(r.footer)
	for _, p := range parts {
		if err := r.part(p); err != nil {
			return err
		}
	}
	if err := pdf.Error(); err != nil {
		return fmt.Errorf("paper: %w", err)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return fmt.Errorf("paper: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

type renderer struct {
	pdf  *fpdf.Fpdf
	meta Meta
	t    *Template
	d    *Doc
	vals map[string]string
	err  error
	qr   [][]bool
	head []string // the register's header, repeated on each page
}

func (r *renderer) font(style string, size float64) { r.pdf.SetFont(family, style, size) }

// left, width: the text block of the current page.
func (r *renderer) left() float64 {
	if r.t != nil && r.t.Land {
		return MarginLeftLand
	}
	return MarginLeft
}

func (r *renderer) width() float64 {
	w, _ := r.pdf.GetPageSize()
	return w - r.left() - MarginRight
}

// exec fills one line of the template; an empty value prints as dots, for
// a hand to fill in.
func (r *renderer) exec(t *template.Template) string {
	if t == nil {
		return ""
	}
	var b strings.Builder
	if err := t.Execute(&b, r.vals); err != nil && r.err == nil {
		r.err = &TemplateError{File: r.t.File, Msg: model.Label{VI: "không điền được: " + cleanErr(err), EN: "cannot fill: " + cleanErr(err)}}
	}
	return b.String()
}

func (r *renderer) part(p Part) error {
	r.t, r.d = p.T, p.D
	r.vals = map[string]string{}
	for k, v := range p.D.Fields {
		if strings.TrimSpace(v) == "" {
			v = dots
		}
		r.vals[k] = v
	}
	if !p.T.Checked.IsZero() {
		r.vals["Checked"] = p.T.Checked.String()
	}
	orient := "P"
	if p.T.Land {
		orient = "L"
	}
	pdf := r.pdf
	pdf.SetMargins(r.left(), MarginTop, MarginRight)
	pdf.AddPageFormat(orient, pdf.GetPageSizeStr("A4"))
	pdf.SetLeftMargin(r.left())
	if p.T.Header {
		r.header()
	} else if p.T.Label != "" {
		r.label()
	}
	var tos []*template.Template
	for _, ln := range p.T.lines {
		if ln.kind == lTo {
			tos = append(tos, ln.tpl)
		}
	}
	signed := false
	for _, ln := range p.T.lines {
		switch ln.kind {
		case lBlank:
			pdf.Ln(2.5)
		case lPage:
			pdf.AddPageFormat(orient, pdf.GetPageSizeStr("A4"))
		case lTitle:
			r.centred("B", 14, r.exec(ln.tpl))
		case lSub:
			r.centred("B", bodySize, r.exec(ln.tpl))
		case lItalic:
			r.centred("I", bodySize, r.exec(ln.tpl))
		case lPara:
			r.para("", r.exec(ln.tpl), indent, 0)
		case lBold:
			r.para("B", r.exec(ln.tpl), indent, 0)
		case lPlain:
			r.para("", r.exec(ln.tpl), 0, 0)
		case lBullet:
			r.para("", "- "+r.exec(ln.tpl), indent, 0)
		case lDocs:
			r.docs()
		case lRegister:
			r.register()
		case lSign:
			r.sign(r.exec(ln.left), r.exec(ln.right), tos)
			signed = true
		}
	}
	if !signed && len(tos) > 0 {
		r.sign("", "", tos)
	}
	return r.err
}

// label prints the form's label ("Mẫu số 02/TCD") at the top right.
func (r *renderer) label() {
	pdf := r.pdf
	pdf.SetY(MarginTop)
	r.font("B", 11)
	pdf.SetX(r.left())
	pdf.CellFormat(r.width(), 5, r.t.Label, "", 1, "R", false, 0, "")
	pdf.SetY(MarginTop + 5)
}

// header draws the union's header and the national motto (NĐ 30/2020
// Phụ lục I): on the left the body above and the unit, with the
// document's number; on the right the national title, the motto
// underlined, and the place and date.
func (r *renderer) header() {
	pdf := r.pdf
	if r.t.Label != "" {
		r.label()
	}
	x0, y0 := r.left(), pdf.GetY()
	lw := 78.0
	if r.t.Land {
		lw = 110
	}
	rw := r.width() - lw
	// Left column.
	pdf.SetXY(x0, y0)
	r.fit("", strings.ToUpper(r.vals["Upper"]), lw-3)
	pdf.MultiCell(lw, 5.4, strings.ToUpper(r.vals["Upper"]), "", "C", false)
	pdf.SetX(x0)
	r.fit("B", strings.ToUpper(r.vals["Unit"]), lw-3)
	pdf.MultiCell(lw, 5.4, strings.ToUpper(r.vals["Unit"]), "", "C", false)
	y := pdf.GetY() + 0.6
	pdf.SetLineWidth(0.3)
	pdf.Line(x0+lw/2-12, y, x0+lw/2+12, y)
	if n := r.exec(r.t.num); n != "" {
		pdf.SetXY(x0, y+1.5)
		r.font("", bodySize)
		pdf.CellFormat(lw, 6, "Số: "+n, "", 2, "C", false, 0, "")
	}
	yl := pdf.GetY()
	// Right column.
	pdf.SetXY(x0+lw, y0)
	size := 12.5
	r.font("B", size)
	for pdf.GetStringWidth("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") > rw-2 && size > 10 {
		size -= 0.5
		r.font("B", size)
	}
	pdf.CellFormat(rw, 5.4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "", 2, "C", false, 0, "")
	r.font("B", bodySize)
	motto := "Độc lập - Tự do - Hạnh phúc"
	pdf.SetX(x0 + lw)
	pdf.CellFormat(rw, 5.8, motto, "", 2, "C", false, 0, "")
	mw := pdf.GetStringWidth(motto)
	y = pdf.GetY() + 0.4
	pdf.Line(x0+lw+(rw-mw)/2, y, x0+lw+(rw+mw)/2, y)
	pdf.SetXY(x0+lw, y+3)
	r.font("I", bodySize)
	pdf.CellFormat(rw, 6, r.vals["DateLine"], "", 2, "C", false, 0, "")
	yr := pdf.GetY()
	pdf.SetXY(x0, max(yl, yr)+6)
}

// fit sets the header's font at 12.5 pt, smaller (down to 11) when that
// keeps s on one line of width w; a longer name wraps.
func (r *renderer) fit(style, s string, w float64) {
	size := 12.5
	r.font(style, size)
	for r.pdf.GetStringWidth(s) > w && size > 11 {
		size -= 0.5
		r.font(style, size)
	}
	if r.pdf.GetStringWidth(s) > w {
		r.font(style, 12.5)
	}
}

func (r *renderer) centred(style string, size float64, s string) {
	pdf := r.pdf
	r.font(style, size)
	pdf.SetX(r.left())
	pdf.MultiCell(r.width(), lineH+0.3, s, "", "C", false)
}

// para prints a justified paragraph whose first line is indented by
// first and every line by hang.
func (r *renderer) para(style, s string, first, hang float64) {
	pdf := r.pdf
	r.font(style, bodySize)
	x, w := r.left()+hang, r.width()-hang
	for _, text := range strings.Split(s, "\n") {
		text = strings.TrimSpace(text)
		if text == "" {
			continue
		}
		var lines []string
		if first > 0 {
			l1 := pdf.SplitText(text, w-first)
			if len(l1) > 0 {
				lines = append(lines, l1[0])
				if rest := strings.TrimSpace(text[len(l1[0]):]); rest != "" {
					lines = append(lines, pdf.SplitText(rest, w)...)
				}
			}
		} else {
			lines = pdf.SplitText(text, w)
		}
		for i, l := range lines {
			lx, lwid := x, w
			if i == 0 {
				lx, lwid = x+first, w-first
			}
			align := "J"
			if i == len(lines)-1 || !strings.Contains(l, " ") {
				align = "L"
			}
			pdf.SetX(lx)
			pdf.CellFormat(lwid, lineH, l, "", 1, align, false, 0, "")
		}
	}
}

// docs prints the table of papers received.
func (r *renderer) docs() {
	pdf := r.pdf
	if len(r.d.Docs) == 0 {
		r.para("I", "(Không có tài liệu kèm theo.)", indent, 0)
		return
	}
	w := r.width()
	cols := []float64{14, w - 14 - 30, 30}
	r.row("B", []string{"STT", "Tên thông tin, tài liệu, bằng chứng", "Số bản/tờ"}, cols, []string{"C", "C", "C"})
	for i, d := range r.d.Docs {
		n := d.Count
		if n <= 0 {
			n = 1
		}
		r.row("", []string{fmt.Sprint(i + 1), d.Name, fmt.Sprint(n)}, cols, []string{"C", "L", "C"})
	}
	pdf.Ln(2)
}

// row draws one table row with wrapped cells, breaking the page first
// when it does not fit.
func (r *renderer) row(style string, cells []string, cols []float64, align []string) float64 {
	pdf := r.pdf
	r.font(style, r.tableSize())
	h := 5.0
	lines := make([][]string, len(cells))
	maxN := 1
	for i, c := range cells {
		lines[i] = pdf.SplitText(c, cols[i]-2)
		if len(lines[i]) == 0 {
			lines[i] = []string{""}
		}
		maxN = max(maxN, len(lines[i]))
	}
	height := float64(maxN)*h + 1.5
	_, ph := pdf.GetPageSize()
	if pdf.GetY()+height > ph-MarginBottom {
		pdf.AddPageFormat(r.orient(), pdf.GetPageSizeStr("A4"))
		if r.t.Land && style == "" && r.head != nil {
			r.row("B", r.head, cols, centreAll(len(cols)))
			r.font(style, r.tableSize())
		}
	}
	x, y := r.left(), pdf.GetY()
	for i := range cells {
		pdf.Rect(x, y, cols[i], height, "D")
		for j, l := range lines[i] {
			pdf.SetXY(x+1, y+0.75+float64(j)*h)
			pdf.CellFormat(cols[i]-2, h, l, "", 0, align[i], false, 0, "")
		}
		x += cols[i]
	}
	pdf.SetXY(r.left(), y+height)
	return height
}

func centreAll(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = "C"
	}
	return out
}

func (r *renderer) orient() string {
	if r.t.Land {
		return "L"
	}
	return "P"
}

func (r *renderer) tableSize() float64 {
	if r.t.Land {
		return 10
	}
	return 12
}

// sign draws the signature block: each side "TITLE;NAME". Where the left
// side is empty and the template lists recipients (@to), "Nơi nhận:" is
// printed there instead, as NĐ 30/2020 places it.
func (r *renderer) sign(left, right string, tos []*template.Template) {
	pdf := r.pdf
	_, ph := pdf.GetPageSize()
	if pdf.GetY()+48 > ph-MarginBottom {
		pdf.AddPageFormat(r.orient(), pdf.GetPageSizeStr("A4"))
	}
	pdf.Ln(3)
	half := r.width() / 2
	y0 := pdf.GetY()
	yEnd := y0
	type sideT struct {
		x           float64
		title, name string
	}
	var sides []sideT
	if strings.TrimSpace(left) == "" && len(tos) > 0 {
		pdf.SetXY(r.left(), y0)
		r.font("BI", 12)
		pdf.CellFormat(half, 5.5, "Nơi nhận:", "", 2, "L", false, 0, "")
		r.font("", 11)
		for _, t := range tos {
			pdf.SetX(r.left())
			pdf.MultiCell(half-4, 5, "- "+r.exec(t), "", "L", false)
		}
		yEnd = max(yEnd, pdf.GetY())
	} else if strings.TrimSpace(left) != "" {
		t, n, _ := strings.Cut(left, ";")
		sides = append(sides, sideT{r.left(), t, n})
	}
	if strings.TrimSpace(right) != "" {
		t, n, _ := strings.Cut(right, ";")
		sides = append(sides, sideT{r.left() + half, t, n})
	}
	// Titles first; the names then share one line below the widest.
	yName := y0
	for _, sd := range sides {
		pdf.SetXY(sd.x, y0)
		r.font("B", bodySize)
		pdf.MultiCell(half, lineH, strings.ToUpper(strings.TrimSpace(sd.title)), "", "C", false)
		pdf.SetX(sd.x)
		r.font("I", 12)
		pdf.CellFormat(half, 5.5, "(Ký, ghi rõ họ tên)", "", 2, "C", false, 0, "")
		yName = max(yName, pdf.GetY()+20)
	}
	for _, sd := range sides {
		name := strings.TrimSpace(sd.name)
		if name == dots {
			name = ""
		}
		pdf.SetXY(sd.x, yName)
		r.font("B", bodySize)
		pdf.MultiCell(half, lineH, name, "", "C", false)
		yEnd = max(yEnd, pdf.GetY())
	}
	pdf.SetXY(r.left(), yEnd+2)
}

// footer draws, inside the bottom margin of every page, the QR code and
// the verification code, how to check it, and the page number.
func (r *renderer) footer() {
	pdf := r.pdf
	_, ph := pdf.GetPageSize()
	x, y := r.left(), ph-MarginBottom+2.5
	pdf.SetAutoPageBreak(false, 0)
	defer pdf.SetAutoPageBreak(true, MarginBottom)
	pdf.SetLineWidth(0.2)
	pdf.Line(x, y-0.8, x+r.width(), y-0.8)
	tx := x
	if r.meta.Code != "" {
		r.drawQR(x, y+0.5, qrSize)
		tx = x + qrSize + 3
		pdf.SetXY(tx, y+1)
		r.font("B", 9.5)
		pdf.CellFormat(0, 4.2, "Mã xác thực: "+r.meta.Code, "", 2, "L", false, 0, "")
		pdf.SetX(tx)
		r.font("", 8.5)
		pdf.MultiCell(x+r.width()-tx, 3.8, "Kiểm tra giấy này là thật: donthu verify "+r.meta.Code+" (hoặc quét mã QR) tại "+r.meta.Unit+" hoặc đơn vị cấp trên.", "", "L", false)
	} else {
		pdf.SetXY(tx, y+1)
	}
	pdf.SetX(tx)
	r.font("I", 8.5)
	printed := ""
	if !r.meta.At.IsZero() {
		printed = "In lúc " + r.meta.At.In(vn).Format("15:04 02/01/2006")
		if r.meta.By != "" {
			printed += " bởi " + r.meta.By
		}
		printed += " · "
	}
	pdf.CellFormat(0, 3.8, fmt.Sprintf("%sTrang %d/{nb}", printed, pdf.PageNo()), "", 2, "L", false, 0, "")
}

var vn = time.FixedZone("ICT", 7*3600)

// drawQR draws the QR code of the verification code as filled squares,
// one rectangle per run of dark modules.
func (r *renderer) drawQR(x, y, size float64) {
	if r.qr == nil {
		m, err := QRMatrix(r.meta.Code)
		if err != nil {
			return
		}
		r.qr = m
	}
	n := len(r.qr)
	mod := size / float64(n)
	pdf := r.pdf
	pdf.SetFillColor(0, 0, 0)
	for j := 0; j < n; j++ {
		for i := 0; i < n; {
			if !r.qr[j][i] {
				i++
				continue
			}
			k := i
			for k < n && r.qr[j][k] {
				k++
			}
			pdf.Rect(x+float64(i)*mod, y+float64(j)*mod, float64(k-i)*mod+0.01, mod+0.01, "F")
			i = k
		}
	}
}

// QRMatrix returns the QR code of s (error correction M) as rows of dark
// modules, without the quiet zone.
func QRMatrix(s string) ([][]bool, error) {
	bc, err := qr.Encode(s, qr.M, qr.Auto)
	if err != nil {
		return nil, err
	}
	b := bc.Bounds()
	out := make([][]bool, b.Dy())
	for j := range out {
		out[j] = make([]bool, b.Dx())
		for i := range out[j] {
			c := color.GrayModel.Convert(bc.At(b.Min.X+i, b.Min.Y+j)).(color.Gray)
			out[j][i] = c.Y < 128
		}
	}
	return out, nil
}

// register prints the reception register's table, its header repeated
// on every page.
func (r *renderer) register() {
	hdr := export.RegisterHeader(export.Options{Lang: model.VI})
	w := r.width()
	// The 13 columns of Mẫu 03/TCD, in millimetres; the note takes the rest.
	cols := []float64{8, 17, 34, 22, 40, 15, 10, 20, 12, 12, 22, 22, 0}
	used := 0.0
	for _, c := range cols {
		used += c
	}
	cols[len(cols)-1] = w - used
	r.head = hdr
	r.row("B", hdr, cols, centreAll(len(cols)))
	align := []string{"C", "C", "L", "L", "L", "L", "C", "L", "C", "C", "L", "L", "L"}
	for _, cells := range r.d.Rows {
		r.row("", cells, cols, align)
	}
	r.head = nil
	if len(r.d.Rows) == 0 {
		r.para("I", "(Không có lượt tiếp nào trong kỳ.)", 0, 0)
	}
	r.pdf.Ln(3)
}
