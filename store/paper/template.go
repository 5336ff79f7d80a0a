package paper

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"donthu/model"
)

//go:embed templates/*.txt
var builtin embed.FS

// TemplateExt is the file extension of a template.
const TemplateExt = ".txt"

// Template is one version of a form: its layout in donthu's small markup,
// the legal basis it follows and the days it applies to. Templates are
// plain UTF-8 text so that an office can edit them (see doc.go).
type Template struct {
	Form   string     // form id
	Title  string     // the form's name, for lists and the print log
	Label  string     // printed at the top right ("Mẫu số 02/TCD"), may be ""
	Basis  string     // legal basis in words
	From   model.Date // first day it applies to (zero = always)
	To     model.Date // last day (zero = still)
	Land   bool       // landscape
	Header bool       // the union's header and the national motto
	Number string     // the "Số:" line, a template
	// Sheets only: what the content of a visit must mention for the sheet
	// to be offered (folded, without diacritics), when its text was last
	// checked against the law, and its sources.
	Keywords []string
	Checked  model.Date
	Sources  []string

	File  string // where it came from: "built-in" or the override's path
	lines []line
	num   *template.Template
}

// Version names the template's version for the print log and verify:
// the legal basis and the day it applies from.
func (t *Template) Version() string {
	v := t.Basis
	if !t.From.IsZero() {
		v += " (từ " + t.From.String() + ")"
	}
	return v
}

// AppliesOn reports whether the template applies to a document dated d.
func (t *Template) AppliesOn(d model.Date) bool {
	return (t.From.IsZero() || !d.Before(t.From)) && (t.To.IsZero() || !d.After(t.To))
}

type lineKind int

const (
	lPara     lineKind = iota // justified paragraph, first line indented
	lPlain                    // left-aligned paragraph, no indent
	lTitle                    // = centred bold, large
	lSub                      // == centred bold
	lItalic                   // =~ centred italic
	lBullet                   // - indented item
	lBold                     // * bold paragraph
	lBlank                    // empty line: a little space
	lDocs                     // @documents: the table of papers received
	lRegister                 // @register: the register's table
	lSign                     // @sign LEFT | RIGHT
	lTo                       // @to: a line of "Nơi nhận"
	lPage                     // @page: a new page
)

type line struct {
	kind lineKind
	no   int // line number in the file
	tpl  *template.Template
	// sign: left and right, each "TITLE;NAME" templates
	left, right *template.Template
}

// TemplateError is a template that cannot be used, with where and why in
// both languages. A bad template is never printed: the form is refused
// with this message until the file is fixed or removed.
type TemplateError struct {
	File string
	Line int
	Msg  model.Label
}

func (e *TemplateError) Error() string { return e.Message(model.EN) }

// Message is the error for a person in lang.
func (e *TemplateError) Message(lang model.Lang) string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s, %s %d", e.File, model.Label{VI: "dòng", EN: "line"}.In(lang), e.Line)
	}
	return model.Label{
		VI: "Mẫu in " + where + " bị lỗi: " + e.Msg.VI + ". Hãy sửa tệp, hoặc xoá nó để dùng mẫu có sẵn.",
		EN: "The print template " + where + " is wrong: " + e.Msg.EN + ". Fix the file, or remove it to use the built-in one.",
	}.In(lang)
}

func terr(file string, no int, vi, en string) *TemplateError {
	return &TemplateError{File: file, Line: no, Msg: model.Label{VI: vi, EN: en}}
}

// ParseTemplate reads a template from its text. file names it in
// messages. Every placeholder is checked against the fields the form
// fills, so a typo is caught here and not on a half-printed page.
func ParseTemplate(file, text string) (*Template, error) {
	t := &Template{File: file, Header: true}
	sc := bufio.NewScanner(strings.NewReader(strings.TrimPrefix(text, "\uFEFF")))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	no, inBody := 0, false
	var body []struct {
		no   int
		text string
	}
	for sc.Scan() {
		no++
		s := strings.TrimRight(sc.Text(), " \t\r")
		if strings.HasPrefix(strings.TrimSpace(s), "//") {
			continue
		}
		if !inBody {
			if strings.TrimSpace(s) == "---" {
				inBody = true
				continue
			}
			if strings.TrimSpace(s) == "" {
				continue
			}
			k, v, ok := strings.Cut(s, ":")
			if !ok {
				return nil, terr(file, no, "dòng đầu tệp phải có dạng «khoá: giá trị», hoặc «---» để bắt đầu nội dung", "a header line must be «key: value», or «---» to start the body")
			}
			if err := t.set(file, no, strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)); err != nil {
				return nil, err
			}
			continue
		}
		body = append(body, struct {
			no   int
			text string
		}{no, model.NFC(s)})
	}
	if !inBody {
		return nil, terr(file, no, "thiếu dòng «---» ngăn phần đầu với nội dung", "no «---» line between the header and the body")
	}
	f, ok := formByID[t.Form]
	if !ok {
		return nil, terr(file, 0, "không có mẫu «"+t.Form+"» (form:); các mẫu: "+strings.Join(FormIDs(), ", "), "no form «"+t.Form+"» (form:); the forms are: "+strings.Join(FormIDs(), ", "))
	}
	if t.Title == "" {
		t.Title = f.Name.VI
	}
	sample := sampleFields(f)
	var err error
	if t.num, err = compile(file, 0, t.Number, sample); err != nil {
		return nil, err
	}
	for _, b := range body {
		ln, err := parseLine(file, b.no, b.text, f, sample)
		if err != nil {
			return nil, err
		}
		t.lines = append(t.lines, ln)
	}
	if len(t.lines) == 0 {
		return nil, terr(file, no, "mẫu không có nội dung", "the template has no body")
	}
	return t, nil
}

func (t *Template) set(file string, no int, k, v string) error {
	date := func() (model.Date, error) {
		if v == "" {
			return model.Date{}, nil
		}
		d, m := model.ParseDateInput(v)
		if m != nil {
			return d, terr(file, no, "ngày «"+v+"» không đọc được ("+m.VI+")", "cannot read the date «"+v+"» ("+m.EN+")")
		}
		return d, nil
	}
	var err error
	switch k {
	case "form", "mẫu":
		t.Form = v
	case "title", "tên":
		t.Title = model.NFC(v)
	case "label", "nhãn":
		t.Label = model.NFC(v)
	case "basis", "căn cứ":
		t.Basis = model.NFC(v)
	case "from", "từ ngày":
		t.From, err = date()
	case "to", "đến ngày":
		t.To, err = date()
	case "checked", "kiểm tra":
		t.Checked, err = date()
	case "orientation", "khổ":
		switch v {
		case "landscape", "ngang":
			t.Land = true
		case "portrait", "dọc", "":
		default:
			return terr(file, no, "khổ giấy là «dọc» hoặc «ngang»", "orientation is «portrait» or «landscape»")
		}
	case "header", "tiêu đề":
		switch v {
		case "no", "không":
			t.Header = false
		case "yes", "có", "":
		default:
			return terr(file, no, "tiêu đề là «có» hoặc «không»", "header is «yes» or «no»")
		}
	case "number", "số":
		t.Number = v
	case "keywords", "từ khoá":
		for _, w := range strings.Split(v, ",") {
			if w = model.Fold(w); w != "" {
				t.Keywords = append(t.Keywords, w)
			}
		}
	case "source", "nguồn":
		t.Sources = append(t.Sources, model.NFC(v))
	default:
		return terr(file, no, "không biết khoá «"+k+"»", "unknown key «"+k+"»")
	}
	return err
}

func parseLine(file string, no int, s string, f *Form, sample map[string]string) (line, error) {
	ln := line{no: no}
	text := s
	switch {
	case strings.TrimSpace(s) == "":
		ln.kind = lBlank
		return ln, nil
	case strings.HasPrefix(s, "=~"):
		ln.kind, text = lItalic, s[2:]
	case strings.HasPrefix(s, "=="):
		ln.kind, text = lSub, s[2:]
	case strings.HasPrefix(s, "="):
		ln.kind, text = lTitle, s[1:]
	case strings.HasPrefix(s, "- "):
		ln.kind, text = lBullet, s[2:]
	case strings.HasPrefix(s, "* "):
		ln.kind, text = lBold, s[2:]
	case strings.HasPrefix(s, ". "):
		ln.kind, text = lPlain, s[2:]
	case strings.HasPrefix(s, "@"):
		word, rest, _ := strings.Cut(s[1:], " ")
		switch word {
		case "documents":
			ln.kind = lDocs
			return ln, nil
		case "register":
			if f.ID != FormRegister {
				return ln, terr(file, no, "@register chỉ dùng trong mẫu sổ tiếp", "@register is only for the register")
			}
			ln.kind = lRegister
			return ln, nil
		case "page":
			ln.kind = lPage
			return ln, nil
		case "to":
			ln.kind, text = lTo, rest
		case "sign":
			ln.kind = lSign
			l, r, _ := strings.Cut(rest, "|")
			var err error
			if ln.left, err = compile(file, no, strings.TrimSpace(l), sample); err != nil {
				return ln, err
			}
			if ln.right, err = compile(file, no, strings.TrimSpace(r), sample); err != nil {
				return ln, err
			}
			return ln, nil
		default:
			return ln, terr(file, no, "không biết lệnh «@"+word+"» (có: @documents, @register, @sign, @to, @page)", "unknown command «@"+word+"» (there are: @documents, @register, @sign, @to, @page)")
		}
	}
	var err error
	ln.tpl, err = compile(file, no, strings.TrimSpace(text), sample)
	return ln, err
}

// compile parses one line's placeholders and runs it once on sample
// values, so an unknown field is an error now.
func compile(file string, no int, s string, sample map[string]string) (*template.Template, error) {
	t, err := template.New("").Option("missingkey=error").Funcs(funcs).Parse(s)
	if err != nil {
		return nil, terr(file, no, "chỗ điền {{…}} viết sai: "+cleanErr(err), "a {{…}} placeholder is malformed: "+cleanErr(err))
	}
	if err := t.Execute(discard{}, sample); err != nil {
		known := make([]string, 0, len(sample))
		for k := range sample {
			known = append(known, k)
		}
		sort.Strings(known)
		return nil, terr(file, no, "chỗ điền không có trong mẫu này: "+cleanErr(err)+"; dùng được: "+strings.Join(known, ", "),
			"a placeholder this form does not fill: "+cleanErr(err)+"; available: "+strings.Join(known, ", "))
	}
	return t, nil
}

// funcs are the few helpers a template may call.
var funcs = template.FuncMap{
	"upper": strings.ToUpper,
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

// cleanErr drops text/template's "template: :1:5: " prefix.
func cleanErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 && strings.HasPrefix(s, "template:") {
		if j := strings.Index(s, "executing"); j >= 0 {
			return s[i+2:]
		}
		return s[i+2:]
	}
	return s
}

// Set is the templates in use: the built-in ones, and the office's own from
// a folder, which replace a built-in file of the same name or add versions.
type Set struct {
	byForm map[string][]*Template
	// Broken are override files that could not be read, by form id ("" when
	// the file's form could not be told): a form with a broken override is
	// refused, never printed from the built-in one unnoticed.
	Broken map[string]*TemplateError
	Dir    string
}

// LoadSet reads the built-in templates and then the office's from dir ("" =
// none; a folder that does not exist is the same as an empty one).
func LoadSet(dir string) (*Set, error) {
	s := &Set{byForm: map[string][]*Template{}, Broken: map[string]*TemplateError{}, Dir: dir}
	files := map[string]*Template{}
	err := fs.WalkDir(builtin, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := builtin.ReadFile(p)
		if err != nil {
			return err
		}
		t, err := ParseTemplate("built-in/"+d.Name(), string(b))
		if err != nil {
			return err
		}
		t.File = "built-in"
		files[d.Name()] = t
		return nil
	})
	if err != nil {
		return nil, err
	}
	if dir != "" {
		ents, err := os.ReadDir(dir)
		if err != nil && !os.IsNotExist(err) {
			return nil, err
		}
		for _, e := range ents {
			if e.IsDir() || !strings.HasSuffix(e.Name(), TemplateExt) {
				continue
			}
			p := filepath.Join(dir, e.Name())
			b, err := os.ReadFile(p)
			if err != nil {
				s.Broken[formOfName(e.Name())] = terr(p, 0, "không đọc được tệp: "+err.Error(), "cannot read the file: "+err.Error())
				continue
			}
			t, err := ParseTemplate(p, string(b))
			if err != nil {
				te, _ := err.(*TemplateError)
				if te == nil {
					te = terr(p, 0, err.Error(), err.Error())
				}
				s.Broken[formOfName(e.Name())] = te
				continue
			}
			files[e.Name()] = t
		}
	}
	for _, t := range files {
		s.byForm[t.Form] = append(s.byForm[t.Form], t)
	}
	for _, ts := range s.byForm {
		sort.Slice(ts, func(i, j int) bool { return ts[i].From.Before(ts[j].From) })
	}
	return s, nil
}

// formOfName guesses the form of a template file from its name
// ("receipt@2026-07-01.txt" is the receipt).
func formOfName(name string) string {
	name = strings.TrimSuffix(name, TemplateExt)
	if i := strings.IndexByte(name, '@'); i >= 0 {
		name = name[:i]
	}
	if _, ok := formByID[name]; ok {
		return name
	}
	return ""
}

// Pick returns the template of form for a document dated d: the newest
// version that applies on d.
func (s *Set) Pick(form string, d model.Date) (*Template, error) {
	if e, ok := s.Broken[form]; ok {
		return nil, e
	}
	if e, ok := s.Broken[""]; ok {
		return nil, e
	}
	ts := s.byForm[form]
	for i := len(ts) - 1; i >= 0; i-- {
		if ts[i].AppliesOn(d) {
			return ts[i], nil
		}
	}
	if _, ok := formByID[form]; !ok {
		return nil, &TemplateError{File: form, Msg: model.Label{VI: "không có mẫu này", EN: "no such form"}}
	}
	return nil, &TemplateError{File: form, Msg: model.Label{
		VI: "không có phiên bản nào áp dụng cho ngày " + d.String(),
		EN: "no version applies to " + d.String()}}
}

// Versions lists the versions of a form, oldest first.
func (s *Set) Versions(form string) []*Template { return s.byForm[form] }

// Sheets returns the guidance sheets whose keywords the folded text
// mentions, in the order of the forms.
func (s *Set) Sheets(text string, d model.Date) []*Template {
	f := " " + model.Fold(text) + " "
	var out []*Template
	for _, id := range FormIDs() {
		if !strings.HasPrefix(id, "sheet-") {
			continue
		}
		t, err := s.Pick(id, d)
		if err != nil {
			continue
		}
		for _, k := range t.Keywords {
			if strings.Contains(f, k) {
				out = append(out, t)
				break
			}
		}
	}
	return out
}

// WriteBuiltins copies the built-in templates into dir, for an office to
// edit; an existing file is left as it is. It returns the files written.
func WriteBuiltins(dir string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	ents, err := builtin.ReadDir("templates")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		if _, err := os.Stat(p); err == nil {
			continue
		}
		b, _ := builtin.ReadFile("templates/" + e.Name())
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}
