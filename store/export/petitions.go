package export

import (
	"io"
	"sort"

	"donthu/model"
)

// The sổ theo dõi đơn: one row per petition received, with how it was
// classified and what became of it.

// PetitionRow is a petition with the case it opened (or nil).
type PetitionRow struct {
	Petition model.Petition
	Case     *model.Case
}

var petitionsHeader = []model.Label{
	{VI: "STT", EN: "No."},
	{VI: "Số đơn", EN: "Petition no."},
	{VI: "Ngày nhận", EN: "Received"},
	{VI: "Nguồn đơn", EN: "Source"},
	{VI: "Người gửi", EN: "Sender"},
	{VI: "Số người đứng tên", EN: "Signatories"},
	{VI: "Đơn vị sử dụng lao động", EN: "Employer"},
	{VI: "Nội dung", EN: "Content"},
	{VI: "Loại đơn", EN: "Kind"},
	{VI: "Lĩnh vực", EN: "Field"},
	{VI: "Ngày xử lý", EN: "Processed"},
	{VI: "Đủ điều kiện", EN: "Processable"},
	{VI: "Thuộc thẩm quyền", EN: "Within competence"},
	{VI: "Hướng xử lý", EN: "Decision"},
	{VI: "Nơi chuyển đến", EN: "Forwarded to"},
	{VI: "Số vụ việc", EN: "Case no."},
	{VI: "Kết quả", EN: "Result"},
}

// Petitions writes the petition register as CSV.
func Petitions(w io.Writer, rows []PetitionRow, opt Options) error {
	return write(w, headers(petitionsHeader, opt.Lang), texts(petitionCells(rows, opt)), opt)
}

// PetitionsSheet is the petition register as a worksheet.
func PetitionsSheet(rows []PetitionRow, opt Options, title ...string) Sheet {
	return Sheet{Name: model.Label{VI: "Sổ theo dõi đơn", EN: "Petitions"}.In(opt.Lang), Title: title,
		Header: headers(petitionsHeader, opt.Lang), Rows: petitionCells(rows, opt),
		Widths: []float64{5, 16, 11, 18, 26, 9, 26, 48, 12, 22, 11, 8, 8, 16, 22, 16, 22}}
}

func petitionCells(rows []PetitionRow, opt Options) [][]any {
	lang := opt.Lang
	x := func(b bool) string {
		if b {
			return "x"
		}
		return ""
	}
	out := make([][]any, 0, len(rows))
	for i := range rows {
		p, c := &rows[i].Petition, rows[i].Case
		sender := p.SenderName
		if p.Confidential && !opt.Reveal {
			sender = opt.masked()
		}
		var processed model.Date
		var cond, comp, dec, kind, field string
		if p.Kind != "" {
			kind = p.Kind.Label().In(lang)
		}
		if p.Field != "" {
			field = p.Field.Label().In(lang)
		}
		if p.Classified {
			processed, cond, comp, dec = p.ClassifiedOn, x(p.Conditions), x(p.Competent), p.Decision.Label().In(lang)
		}
		var caseNo, result string
		if c != nil {
			caseNo = c.No
			result = c.Status.Label().In(lang)
			if c.Result != "" {
				result = model.ResultLabel(c.Kind, c.Result).In(lang)
			}
		}
		signed := max(p.Signatories, 1)
		if p.Anonymous {
			signed = 0
		}
		out = append(out, []any{i + 1, p.No, p.Received, p.Source.Label().In(lang), sender, signed, p.Employer, p.Summary,
			kind, field, processed, cond, comp, dec, p.ForwardTo, caseNo, result})
	}
	return out
}

// Source is what the registers are read from: *store.Store has these
// methods (the package does not import the store; docs/architecture.md).
type Source interface {
	// VisitsIn and PetitionsIn return what they could read and, when a
	// record could not be read, the error saying so (kind damaged).
	VisitsIn(from, to model.Date) ([]model.Visit, error)
	PetitionsIn(from, to model.Date) ([]model.Petition, error)
	Person(id string) (model.Person, error)
	Petition(id string) (model.Petition, error)
	Case(id string) (model.Case, error)
	SiteInfo(code string) (model.Site, error)
}

// damage keeps the first error of a record that could not be read (not
// one that is simply not there).
type damage struct{ err error }

func (d *damage) note(err error) {
	if m := model.MsgOf(err); d.err == nil && m != nil && m.Kind == model.KindDamaged {
		d.err = err
	}
}

// ReadRegister reads the visits on days in [from, to] with their persons,
// petitions, cases, and the body that had resolved a matter that came back.
// A record that could not be read is left out and the error says so: a
// register is not to be printed as if complete.
func ReadRegister(src Source, from, to model.Date) ([]RegisterRow, error) {
	var bad damage
	person := func(id string) (model.Person, bool) {
		p, err := src.Person(id)
		bad.note(err)
		return p, err == nil
	}
	petition := func(id string) (model.Petition, bool) {
		p, err := src.Petition(id)
		bad.note(err)
		return p, err == nil
	}
	visits, err := src.VisitsIn(from, to)
	bad.note(err)
	rows := RegisterRows(visits, person, petition)
	for i := range rows {
		r := &rows[i]
		if r.Petition == nil || r.Petition.Case == "" {
			continue
		}
		c, err := src.Case(r.Petition.Case)
		if err != nil {
			bad.note(err)
			continue
		}
		r.Case = &c
		if c.PriorCase != "" {
			pc, err := src.Case(c.PriorCase)
			if err == nil {
				r.Prior = join(", ", siteName(src, pc.Site), pc.No)
			}
			bad.note(err)
		}
	}
	return rows, bad.err
}

func siteName(src Source, code string) string {
	if s, err := src.SiteInfo(code); err == nil && s.Name != "" {
		return s.Name
	}
	return code
}

// ReadPetitions reads the petitions received in [from, to] with their
// cases, in the order they were received and numbered. A record that
// could not be read is left out and the error says so.
func ReadPetitions(src Source, from, to model.Date) ([]PetitionRow, error) {
	var bad damage
	ps, err := src.PetitionsIn(from, to)
	bad.note(err)
	sort.SliceStable(ps, func(i, j int) bool {
		if c := ps[i].Received.Compare(ps[j].Received); c != 0 {
			return c < 0
		}
		return len(ps[i].No) < len(ps[j].No) || (len(ps[i].No) == len(ps[j].No) && ps[i].No < ps[j].No)
	})
	out := make([]PetitionRow, len(ps))
	for i := range ps {
		out[i].Petition = ps[i]
		if ps[i].Case != "" {
			c, err := src.Case(ps[i].Case)
			if err == nil {
				out[i].Case = &c
			}
			bad.note(err)
		}
	}
	return out, bad.err
}

// Title lines of a register sheet: the unit and the range.
func RegisterTitle(unit string, title model.Label, from, to model.Date, lang model.Lang) []string {
	r := ""
	switch {
	case !from.IsZero() && !to.IsZero():
		r = from.String() + " – " + to.String()
	case !from.IsZero():
		r = model.Label{VI: "từ ", EN: "from "}.In(lang) + from.String()
	case !to.IsZero():
		r = model.Label{VI: "đến ", EN: "to "}.In(lang) + to.String()
	}
	out := []string{unit, title.In(lang)}
	if r != "" {
		out = append(out, r)
	}
	return out
}
