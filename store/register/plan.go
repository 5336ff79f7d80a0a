package register

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"donthu/model"
	"donthu/store"

	"github.com/xuri/excelize/v2"
)

// Kind is what a register lists: visits (sổ tiếp) or petitions (sổ theo
// dõi đơn).
type Kind string

const (
	KindVisits    Kind = "visits"
	KindPetitions Kind = "petitions"
)

// Options say how to read a register.
type Options struct {
	Kind Kind // "" = visits
	// Map overrides the guessed field of columns: the key is a column
	// letter ("C") or its header (without diacritics is enough), the
	// value a field key ("name") or name ("Họ tên").
	Map map[string]string
}

// ParseMap reads --map "Họ tên=name,C=date,Ghi chú=skip".
func ParseMap(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, model.NewMsg("map", fmt.Sprintf("Không hiểu %q: hãy viết Cột=trường, ví dụ \"Họ tên=name\"", part), fmt.Sprintf("Cannot read %q: write Column=field, e.g. \"Họ tên=name\"", part))
		}
		if _, ok := model.ParseRegisterField(v); !ok {
			return nil, model.NewMsg("map", fmt.Sprintf("Không có trường %q; các trường: %s", v, fieldKeys()), fmt.Sprintf("No field %q; the fields are: %s", v, fieldKeys()))
		}
		out[strings.TrimSpace(k)] = strings.TrimSpace(v)
	}
	return out, nil
}

func fieldKeys() string {
	var ks []string
	for _, f := range model.RegisterFields {
		ks = append(ks, string(f))
	}
	return strings.Join(ks, ", ")
}

// Column is one column of the register as Prepare understood it.
type Column struct {
	Index    int
	Letter   string
	Header   string
	Field    model.RegisterField
	Guessed  bool // Field is the guess, not set by Map
	Encoding model.Encoding
	// Before and After are a sample cell of a converted column.
	Before, After string
}

// Status is what becomes of a row.
type Status int

const (
	RowNew       Status = iota // would be imported
	RowError                   // cannot be imported: see Errors
	RowImported                // imported before (same fingerprint): adds nothing
	RowDuplicate               // the same as an earlier row of this file
)

// PersonMatch says which person a row's visitor or sender is.
type PersonMatch struct {
	New  bool   // a new person would be recorded
	ID   string // the existing person matched ("" when new)
	Line int    // the earlier row of this file that records the person (new persons)
	Why  model.DuplicateWhy
	Name string
	// Sealed: the person matched is a protected one (a confidential
	// sender), found because the session may; the dry run names them as
	// sealed, as every list does.
	Sealed bool
}

// Row is the plan for one register row.
type Row struct {
	Line     int // spreadsheet row number
	Status   Status
	Errors   []model.Label
	Warnings []model.Label
	Same     int // RowDuplicate: the earlier line
	Key      string

	Date      model.Date
	Person    model.Person
	Match     PersonMatch
	Fill      []string // person fields this row adds to the matched person
	Visit     bool
	Outcome   model.Outcome       // of the visit
	Reception model.ReceptionType // of the visit
	Petition  bool
	Kind      model.PetitionKind
	Decision  model.Decision
	Forward   string
	Case      model.CaseStatus // "" = no case
	Result    model.Result
	Closed    model.Date
	Content   string
	Heads     int
	Note      string
	Letter    model.Date
}

// Plan is what an import would do.
type Plan struct {
	File, Sheet string
	Sheets      []string
	Kind        Kind
	HeaderRows  []int // spreadsheet row numbers of the header
	Columns     []Column
	Rows        []Row
	Empty       int // empty rows skipped
	Totals      int // total rows skipped
	Today       model.Date
}

// Counts sums a plan.
type Counts struct {
	Rows, New, Errors, Imported, Duplicates    int
	Persons, Matched, Visits, Petitions, Cases int
}

// Counts returns the plan's totals.
func (p *Plan) Counts() Counts {
	var c Counts
	for i := range p.Rows {
		r := &p.Rows[i]
		c.Rows++
		switch r.Status {
		case RowError:
			c.Errors++
			continue
		case RowImported:
			c.Imported++
			continue
		case RowDuplicate:
			c.Duplicates++
			continue
		}
		c.New++
		if r.Match.New && r.Match.Line == r.Line {
			c.Persons++
		} else {
			c.Matched++
		}
		if r.Visit {
			c.Visits++
		}
		if r.Petition {
			c.Petitions++
		}
		if r.Case != "" {
			c.Cases++
		}
	}
	return c
}

// Prepare plans the import of table t into s. It writes nothing.
func Prepare(s *store.Store, t *Table, opt Options) (*Plan, error) {
	if opt.Kind == "" {
		opt.Kind = KindVisits
	}
	if opt.Kind != KindVisits && opt.Kind != KindPetitions {
		return nil, model.NewMsg("kind", "Loại sổ là visits (sổ tiếp) hoặc petitions (sổ đơn)", "The register kind is visits or petitions")
	}
	p := &Plan{File: t.File, Sheet: t.Sheet, Sheets: t.Sheets, Kind: opt.Kind, Today: s.Today()}
	hdr := findHeader(t.Rows)
	if hdr < 0 {
		return nil, model.NewMsg("", "Không tìm thấy dòng tiêu đề (Họ tên, Ngày tiếp, Nội dung…) trong 15 dòng đầu; hãy dùng --map để chỉ cột", "No header row (Họ tên, Ngày tiếp, Nội dung…) in the first 15 rows; use --map to name the columns")
	}
	p.HeaderRows = []int{hdr + 1}
	first := hdr + 1
	width := 0
	for _, r := range t.Rows {
		width = max(width, len(r))
	}
	headers := make([]string, width)
	for j := range headers {
		headers[j] = cell(t.Rows[hdr], j)
	}
	if first < len(t.Rows) && isSubHeader(t.Rows[first]) {
		p.HeaderRows = append(p.HeaderRows, first+1)
		for j := range headers {
			if sub := cell(t.Rows[first], j); sub != "" && model.Fold(sub) != model.Fold(headers[j]) {
				headers[j] = strings.TrimSpace(headers[j] + " " + sub)
			}
		}
		first++
	}
	// Headers typed in a legacy font are decoded before they are read.
	for j, h := range headers {
		if enc := model.DetectEncoding([]string{h}); enc != model.EncUnicode {
			headers[j] = model.Decode(h, enc)
		}
	}
	if first < len(t.Rows) && isNumbering(t.Rows[first]) {
		first++
	}
	for j := 0; j < width; j++ {
		c := Column{Index: j, Letter: letter(j), Header: model.NFC(headers[j]), Guessed: true}
		c.Field = model.GuessRegisterField(c.Header)
		p.Columns = append(p.Columns, c)
	}
	if err := p.applyMap(opt.Map); err != nil {
		return nil, err
	}
	// A field guessed for two columns is kept on the first only.
	taken := map[model.RegisterField]bool{}
	for i := range p.Columns {
		c := &p.Columns[i]
		if !c.Guessed || c.Field == model.RFSkip || c.Field == model.RFNo {
			continue
		}
		if taken[c.Field] {
			c.Field = model.RFSkip
		}
		taken[c.Field] = true
	}
	// Encodings, column by column.
	data := t.Rows[min(first, len(t.Rows)):]
	for i := range p.Columns {
		c := &p.Columns[i]
		cells := make([]string, 0, len(data))
		for _, r := range data {
			cells = append(cells, cell(r, c.Index))
		}
		c.Encoding = model.DetectEncoding(cells)
		if c.Encoding != model.EncUnicode {
			for _, v := range cells {
				if d := model.Decode(v, c.Encoding); d != model.NFC(v) {
					c.Before, c.After = v, d
					break
				}
			}
		}
	}
	p.plan(s, data, first)
	return p, nil
}

func (p *Plan) applyMap(m map[string]string) error {
	for k, v := range m {
		f, _ := model.ParseRegisterField(v)
		found := false
		for i := range p.Columns {
			c := &p.Columns[i]
			if strings.EqualFold(k, c.Letter) || (model.Fold(k) != "" && model.Fold(k) == model.Fold(c.Header)) {
				c.Field, c.Guessed, found = f, false, true
			}
		}
		if !found {
			return model.NewMsg("map", fmt.Sprintf("Không có cột %q trong sổ", k), fmt.Sprintf("No column %q in the register", k))
		}
	}
	return nil
}

func cell(r []string, j int) string {
	if j < len(r) {
		return r[j]
	}
	return ""
}

func letter(j int) string {
	s, _ := excelize.ColumnNumberToName(j + 1)
	return s
}

// findHeader returns the index of the row, among the first 15, whose
// cells name the most known fields (at least two), or -1.
func findHeader(rows [][]string) int {
	best, at := 1, -1
	for i := 0; i < len(rows) && i < 15; i++ {
		n := 0
		for _, c := range rows[i] {
			if enc := model.DetectEncoding([]string{c}); enc != model.EncUnicode {
				c = model.Decode(c, enc)
			}
			if f := model.GuessRegisterField(c); f != model.RFSkip {
				n++
			}
		}
		if n > best {
			best, at = n, i
		}
	}
	return at
}

// isSubHeader reports a second header row: short labels (KN, TC, Hướng
// dẫn…), no date and no long text.
func isSubHeader(r []string) bool {
	labels := 0
	for _, c := range r {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if _, err := strconv.ParseFloat(c, 64); err == nil || len([]rune(c)) > 40 {
			return false
		}
		if _, m := model.ParseRegisterDate(c, model.Date{Y: 9999, M: 12, D: 31}); m == nil {
			return false
		}
		labels++
	}
	return labels > 0
}

// isNumbering reports the row of column numbers under a form's header:
// "(1) (2) (3)…" or "1 2 3…".
func isNumbering(r []string) bool {
	n := 0
	for _, c := range r {
		c = strings.Trim(strings.TrimSpace(c), "()")
		if c == "" {
			continue
		}
		v, err := strconv.Atoi(c)
		if err != nil || v != n+1 {
			return false
		}
		n++
	}
	return n >= 3
}

// isTotal reports a total row ("Tổng cộng", "Cộng: 25 lượt").
func isTotal(r []string) bool {
	for _, c := range r {
		f := model.Fold(c)
		if f == "" {
			continue
		}
		if _, err := strconv.Atoi(f); err == nil {
			continue // an STT or a count before the word
		}
		for _, p := range []string{"tong cong", "tong so", "tong:", "cong:"} {
			if strings.HasPrefix(f, p) {
				return true
			}
		}
		return f == "tong" || f == "cong"
	}
	return false
}

// personIndex finds existing persons by number, phone, or name and year.
type personIndex struct {
	id, phone, nameYear map[string]string // key -> person id (existing) or "row:N"
	names               map[string]string
	known               map[string]*model.Person // what each is known to hold, as rows fill it
	sealed              map[string]bool          // protected persons (store.ReviewPersons)
}

func (p *Plan) plan(s *store.Store, data [][]string, first int) {
	ix := personIndex{id: map[string]string{}, phone: map[string]string{}, nameYear: map[string]string{}, names: map[string]string{},
		known: map[string]*model.Person{}, sealed: map[string]bool{}}
	// Only the persons this session may know of, protected ones unsealed
	// when it may find them: a row is never matched to someone hidden.
	for _, x := range s.ReviewPersons() {
		if x.Sealed != "" {
			ix.sealed[x.ID] = true
		}
		if x.MergedInto == "" {
			x := x
			ix.known[x.ID] = &x
		}
		id := s.CanonicalPerson(x.ID)
		if x.MergedInto == "" {
			id = x.ID
		}
		ix.names[x.ID] = x.Name
		if x.IDNumber != "" {
			ix.id[x.IDNumber] = id
		}
		if x.Phone != "" {
			ix.phone[x.Phone] = id
		}
		if x.BirthYear != 0 {
			ix.nameYear[fmt.Sprintf("%s|%d", model.Fold(x.Name), x.BirthYear)] = id
		}
	}
	col := map[model.RegisterField]*Column{}
	for i := range p.Columns {
		c := &p.Columns[i]
		if _, ok := col[c.Field]; !ok {
			col[c.Field] = c
		}
	}
	get := func(r []string, f model.RegisterField) string {
		c := col[f]
		if c == nil {
			return ""
		}
		return model.Decode(cell(r, c.Index), c.Encoding)
	}
	byKey := map[string]int{}
	var keys []string
	for i, r := range data {
		line := first + i + 1
		empty := true
		for _, c := range r {
			if strings.TrimSpace(c) != "" {
				empty = false
				break
			}
		}
		if empty {
			p.Empty++
			continue
		}
		if isTotal(r) {
			p.Totals++
			continue
		}
		row := p.planRow(r, line, get)
		if row.Status == RowNew {
			if at, ok := byKey[row.Key]; ok {
				row.Status, row.Same = RowDuplicate, at
			} else {
				byKey[row.Key] = line
				keys = append(keys, row.Key)
				p.matchPerson(&row, &ix)
			}
		}
		p.Rows = append(p.Rows, row)
	}
	done := s.ImportedRows(keys)
	for i := range p.Rows {
		r := &p.Rows[i]
		if r.Status == RowNew && done[r.Key] != "" {
			r.Status = RowImported
		}
	}
}

func msg(m *model.Msg) model.Label { return m.Label }

func (p *Plan) planRow(r []string, line int, get func([]string, model.RegisterField) string) Row {
	row := Row{Line: line, Status: RowNew}
	bad := func(vi, en string, a ...any) {
		row.Errors = append(row.Errors, model.Label{VI: fmt.Sprintf(vi, a...), EN: fmt.Sprintf(en, a...)})
	}
	warn := func(vi, en string, a ...any) {
		row.Warnings = append(row.Warnings, model.Label{VI: fmt.Sprintf(vi, a...), EN: fmt.Sprintf(en, a...)})
	}
	// Date: of the visit, or of receipt for a petition register.
	ds := get(r, model.RFDate)
	if p.Kind == KindPetitions || ds == "" {
		if v := get(r, model.RFReceivedDate); v != "" {
			ds = v
		}
	}
	if ds == "" {
		bad("thiếu ngày", "no date")
	} else if d, m := model.ParseRegisterDate(ds, p.Today); m != nil {
		row.Errors = append(row.Errors, msg(m))
	} else {
		row.Date = d
	}
	name, addr := get(r, model.RFName), get(r, model.RFAddress)
	idInCell := ""
	if na := get(r, model.RFNameAddress); na != "" {
		// The older register (TT 06/2014) writes the ID number in the same
		// cell: "Nguyễn Văn A, xã X, CMND 012345678".
		if m := reIDInText.FindStringSubmatchIndex(na); m != nil {
			idInCell = na[m[2]:m[3]]
			na = strings.TrimRight(strings.TrimSpace(na[:m[0]]+na[m[1]:]), ",;-– ")
		}
		n, a := model.SplitNameAddress(na)
		if name == "" {
			name = n
		}
		if addr == "" {
			addr = a
		}
	}
	if masked(name) {
		bad("họ tên bị che (bảo mật): cần bản sổ đầy đủ", "the name is masked (confidential): the full register is needed")
		name = ""
	}
	name = model.TidyName(name)
	if n, m := model.ValidateName(name); m != nil {
		if name == "" {
			if len(row.Errors) == 0 {
				bad("thiếu họ tên", "no name")
			}
		} else {
			row.Errors = append(row.Errors, msg(m))
		}
	} else {
		name = n
	}
	row.Person = model.Person{Name: name, Address: addr, Employer: get(r, model.RFEmployer)}
	idCell := get(r, model.RFIDNumber)
	if idCell == "" {
		idCell = idInCell
	}
	if v := idCell; v != "" && !masked(v) {
		k, v := idWithKind(v)
		if n, _, m := model.ValidateIDNumber(k, v, 0); m != nil || k == model.IDNone {
			warn("bỏ số giấy tờ %q không hợp lệ", "invalid ID number %q left out", v)
		} else {
			row.Person.IDKind, row.Person.IDNumber = k, n
		}
	}
	if v := get(r, model.RFPhone); v != "" {
		if n, _, m := model.NormalizePhone(v); m != nil {
			warn("bỏ số điện thoại %q không hợp lệ", "invalid phone %q left out", v)
		} else {
			row.Person.Phone = n
		}
	}
	if v := get(r, model.RFBirthYear); v != "" {
		if y, m := model.ParseYear(strings.TrimSuffix(v, ".0"), p.Today); m != nil {
			warn("bỏ năm sinh %q không hợp lệ", "invalid year of birth %q left out", v)
		} else {
			row.Person.BirthYear = y
		}
	}
	switch model.Fold(get(r, model.RFSex)) {
	case "nam", "male", "m":
		row.Person.Sex = model.SexMale
	case "nu", "female", "f":
		row.Person.Sex = model.SexFemale
	}
	row.Content = model.NFC(get(r, model.RFContent))
	if row.Content == "" {
		bad("thiếu nội dung", "no content")
	}
	// Kind: one column, or a mark in one of three.
	if v := get(r, model.RFKind); v != "" {
		if k, ok := model.ParseRegisterKind(v); ok {
			row.Kind = k
		} else {
			bad("không rõ loại đơn %q (KN, TC, KN/PA)", "unknown kind %q (KN, TC, KN/PA)", v)
		}
	}
	for f, k := range map[model.RegisterField]model.PetitionKind{model.RFKindKN: model.KindComplaint, model.RFKindTC: model.KindDenunciation, model.RFKindKNPA: model.KindRecommendation} {
		if model.Marked(get(r, f)) && row.Kind == "" {
			row.Kind = k
		}
	}
	if p.Kind == KindPetitions && row.Kind == "" && len(row.Errors) == 0 {
		bad("thiếu loại đơn", "no kind of petition")
	}
	if v := get(r, model.RFHeadCount); v != "" {
		if n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), ".0")); err == nil && n > 0 && n < 10000 {
			row.Heads = n
		} else {
			warn("bỏ số người %q không đọc được", "unreadable head count %q left out", v)
		}
	}
	if v := get(r, model.RFLetterDate); v != "" {
		if d, m := model.ParseRegisterDate(v, p.Today); m == nil && !d.After(row.Date) {
			row.Letter = d
		}
	}
	var notes []string
	if v := get(r, model.RFEarlierBody); v != "" {
		notes = append(notes, "Cơ quan đã giải quyết: "+v)
	}
	if v := get(r, model.RFNote); v != "" {
		notes = append(notes, v)
	}
	row.Note = strings.Join(notes, "; ")

	// What became of it.
	row.Visit = p.Kind == KindVisits
	row.Petition = p.Kind == KindPetitions || row.Kind != ""
	out := model.ParseRegisterResult(get(r, model.RFResult))
	forward := get(r, model.RFForwarded)
	switch {
	case !row.Petition:
	case model.Marked(get(r, model.RFCompetent)) || out.Status != "":
		row.Decision = model.DecisionAccept
		row.Case = model.StatusOpen
		if out.Status == model.StatusConcluded {
			row.Case, row.Result = model.StatusConcluded, out.Result
			row.Closed = row.Date
			if v := get(r, model.RFClosed); v != "" {
				if d, m := model.ParseRegisterDate(v, p.Today); m == nil && !d.Before(row.Date) {
					row.Closed = d
				} else {
					warn("ngày giải quyết %q không dùng được; lấy ngày nhận", "date resolved %q unusable; the date received is used", v)
				}
			}
		}
		if row.Kind == model.KindMixed || row.Kind == model.KindAnonymous {
			row.Decision, row.Case, row.Result = model.DecisionFile, "", ""
		}
	case forward != "" && model.Fold(forward) != "x":
		row.Decision, row.Forward = model.DecisionForward, model.NFC(forward)
	case model.Marked(get(r, model.RFGuided)):
		row.Decision = model.DecisionGuide
	default:
		row.Decision = model.DecisionFile
	}
	said := model.Fold(get(r, model.RFResult))
	switch {
	case strings.Contains(said, "dinh ky"):
		row.Reception = model.ReceptionScheduled
	case strings.Contains(said, "dot xuat"):
		row.Reception = model.ReceptionAdhoc
	default:
		row.Reception = model.ReceptionRegular
	}
	if row.Visit {
		switch {
		case row.Petition:
			row.Outcome = model.OutcomePetition
		case strings.Contains(said, "tu choi"):
			row.Outcome = model.OutcomeRefused
		case strings.Contains(said, "chuyen co quan"):
			row.Outcome = model.OutcomeReferred
		case strings.Contains(said, "huong dan"):
			row.Outcome = model.OutcomeGuided
		case forward != "" && model.Fold(forward) != "x":
			row.Outcome, row.Forward = model.OutcomeReferred, model.NFC(forward)
		case model.Marked(get(r, model.RFGuided)):
			row.Outcome = model.OutcomeGuided
		default:
			row.Outcome = model.OutcomeAnswered
		}
	}
	if row.Petition && !row.Date.IsZero() {
		if m := model.ValidateReceivedDate(row.Date, p.Today); m != nil {
			row.Errors = append(row.Errors, msg(m))
		}
	}
	if len(row.Errors) > 0 {
		row.Status = RowError
	}
	h := sha256.Sum256([]byte(strings.Join([]string{string(p.Kind), row.Date.ISO(), model.Fold(name), row.Person.IDNumber, model.Fold(row.Content), string(row.Kind)}, "\x00")))
	row.Key = "reg:" + hex.EncodeToString(h[:12])
	return row
}

// fill returns the fields that row person p holds and the known record k
// lacks, and records them in k: what a matched row adds to the person.
func fill(k, p *model.Person) []string {
	var out []string
	if k.IDNumber == "" && p.IDNumber != "" {
		k.IDKind, k.IDNumber = p.IDKind, p.IDNumber
		out = append(out, "id_kind", "id_number")
	}
	if k.Phone == "" && p.Phone != "" {
		k.Phone = p.Phone
		out = append(out, "phone")
	}
	if k.BirthYear == 0 && p.BirthYear != 0 {
		k.BirthYear = p.BirthYear
		out = append(out, "birth_year")
	}
	if k.Address == "" && p.Address != "" {
		k.Address = p.Address
		out = append(out, "address")
	}
	if k.Employer == "" && p.Employer != "" {
		k.Employer = p.Employer
		out = append(out, "employer")
	}
	return out
}

// reIDInText finds an ID number written inside a name and address cell,
// with or without its kind before it.
var reIDInText = regexp.MustCompile(`(?i)[,;\s]*(?:(?:CMND|CCCD|CMT|HC|hộ chiếu|số)\s*:?\s*)?\b((?:CMND|CCCD)?\s*\d{9}(?:\d{3})?)\b`)

// masked reports a cell hidden by a confidential export: "(bảo mật)",
// "***".
func masked(s string) bool {
	f := model.Fold(s)
	return strings.Contains(f, "bao mat") || strings.Trim(f, "*x ") == "" && strings.Contains(f, "*")
}

// idWithKind reads an identity number written with its kind in front,
// as registers and donthu's own export write it: "CCCD 001090012345",
// "CMND 012345678", "Hộ chiếu B1234567".
func idWithKind(v string) (model.IDKind, string) {
	f := model.Fold(v)
	for _, p := range []struct {
		prefix string
		kind   model.IDKind
	}{{"cccd", model.IDCCCD}, {"can cuoc", model.IDCCCD}, {"cmnd", model.IDCMND}, {"ho chieu", model.IDPassport}, {"hc", model.IDPassport}} {
		if strings.HasPrefix(f, p.prefix+" ") || strings.HasPrefix(f, p.prefix+":") {
			rest := strings.TrimLeft(strings.TrimSpace(f[len(p.prefix):]), ": ")
			return p.kind, strings.ToUpper(rest)
		}
	}
	return model.GuessIDKind(v), v
}

// matchPerson finds the row's person among the persons held and the
// persons earlier rows of the file would record.
func (p *Plan) matchPerson(row *Row, ix *personIndex) {
	per := &row.Person
	nameYear := ""
	if per.BirthYear != 0 {
		nameYear = fmt.Sprintf("%s|%d", model.Fold(per.Name), per.BirthYear)
	}
	try := []struct {
		m   map[string]string
		k   string
		why model.DuplicateWhy
	}{{ix.id, per.IDNumber, model.DupIDNumber}, {ix.phone, per.Phone, model.DupPhone}, {ix.nameYear, nameYear, model.DupNameYear}}
	for _, t := range try {
		if t.k == "" {
			continue
		}
		if id, ok := t.m[t.k]; ok {
			if l, found := strings.CutPrefix(id, "row:"); found {
				n, _ := strconv.Atoi(l)
				row.Match = PersonMatch{New: true, Line: n, Why: t.why, Name: ix.names[id]}
			} else {
				row.Match = PersonMatch{ID: id, Why: t.why, Name: ix.names[id], Sealed: ix.sealed[id]}
			}
			if k := ix.known[id]; k != nil {
				row.Fill = fill(k, per)
				for _, f := range row.Fill {
					// Later rows find the person by what this one adds.
					switch f {
					case "id_number":
						ix.id[per.IDNumber] = id
					case "phone":
						ix.phone[per.Phone] = id
					}
				}
			}
			return
		}
	}
	ref := "row:" + strconv.Itoa(row.Line)
	row.Match = PersonMatch{New: true, Line: row.Line, Name: per.Name}
	ix.names[ref] = per.Name
	k := *per
	ix.known[ref] = &k
	for _, t := range try {
		if t.k != "" {
			t.m[t.k] = ref
		}
	}
}
