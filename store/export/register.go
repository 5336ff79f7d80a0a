package export

import (
	"io"
	"sort"

	"donthu/model"
)

// RegisterRow is one visit of the register with what it refers to, as read
// from the store.
type RegisterRow struct {
	Visit model.Visit
	// Persons are the visitors the visit names, representatives first.
	Persons []model.Person
	// Petition is the petition registered at the visit, or nil.
	Petition *model.Petition
	// Case is the case the petition opened, or nil.
	Case *model.Case
	// Prior names the body and the case that already resolved the matter
	// when it came back ("cơ quan đã giải quyết"), or "".
	Prior string
}

// Confidential reports whether the row's visitors must be masked: the
// petition registered at the visit protects its sender, or a visitor is
// a protected sender (their record is sealed): a denouncer's later
// visits ("Hỏi tiến độ giải quyết đơn đã gửi") name them just as well.
func (r *RegisterRow) Confidential() bool {
	if r.Petition != nil && r.Petition.Confidential {
		return true
	}
	for i := range r.Persons {
		if r.Persons[i].Sealed != "" {
			return true
		}
	}
	return false
}

// RegisterRows pairs visits with their persons and petitions, looked up by
// id (a person or petition the look-up does not find is left out), and
// orders them by the time of the visit, then by number.
func RegisterRows(visits []model.Visit, person func(id string) (model.Person, bool), petition func(id string) (model.Petition, bool)) []RegisterRow {
	rows := make([]RegisterRow, 0, len(visits))
	for _, v := range visits {
		r := RegisterRow{Visit: v}
		seen := map[string]bool{}
		for _, ids := range [][]string{v.Reps, v.Persons} {
			for _, id := range ids {
				if seen[id] {
					continue
				}
				seen[id] = true
				if p, ok := person(id); ok {
					r.Persons = append(r.Persons, p)
				}
			}
		}
		if v.Petition != "" {
			if p, ok := petition(v.Petition); ok {
				r.Petition = &p
			}
		}
		rows = append(rows, r)
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := &rows[i].Visit, &rows[j].Visit
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		return len(a.No) < len(b.No) || (len(a.No) == len(b.No) && a.No < b.No)
	})
	return rows
}

// registerHeader is the register's header: the 13 columns of Mẫu 03/TCD
// (NĐ 154/2026).
var registerHeader = []model.Label{
	{VI: "STT", EN: "No."},
	{VI: "Ngày tiếp", EN: "Date"},
	{VI: "Họ tên – địa chỉ", EN: "Name – address"},
	{VI: "Số CCCD/hộ chiếu", EN: "ID document"},
	{VI: "Nội dung vụ việc", EN: "Content"},
	{VI: "Phân loại đơn", EN: "Petition kind"},
	{VI: "Số người", EN: "Persons"},
	{VI: "Cơ quan đã giải quyết", EN: "Body that already resolved it"},
	{VI: "Thuộc thẩm quyền", EN: "Within competence"},
	{VI: "Hướng dẫn", EN: "Guided"},
	{VI: "Cơ quan thụ lý / số văn bản chuyển", EN: "Body handling it / forwarding no."},
	{VI: "Theo dõi kết quả", EN: "Result followed up"},
	{VI: "Ghi chú", EN: "Note"},
}

// Register writes the reception register, one record per row in the order
// given, numbered from 1.
func Register(w io.Writer, rows []RegisterRow, opt Options) error {
	return write(w, headers(registerHeader, opt.Lang), texts(registerCells(rows, opt)), opt)
}

// RegisterSheet is the register as a worksheet (dates as dates, head
// counts as numbers).
func RegisterSheet(rows []RegisterRow, opt Options, title ...string) Sheet {
	return Sheet{Name: model.Label{VI: "Sổ tiếp", EN: "Register"}.In(opt.Lang), Title: title,
		Header: headers(registerHeader, opt.Lang), Rows: registerCells(rows, opt),
		Widths: []float64{5, 11, 36, 18, 48, 14, 8, 24, 10, 10, 26, 26, 30}}
}

func registerCells(rows []RegisterRow, opt Options) [][]any {
	out := make([][]any, 0, len(rows))
	for i := range rows {
		out = append(out, registerRecord(i+1, &rows[i], opt))
	}
	return out
}

func registerRecord(n int, r *RegisterRow, opt Options) []any {
	v, lang := &r.Visit, opt.Lang
	var names, ids []string
	rep := model.Label{VI: "đại diện", EN: "representative"}.In(lang)
	reps := map[string]bool{}
	for _, id := range v.Reps {
		reps[id] = true
	}
	for i := range r.Persons {
		p := &r.Persons[i]
		name := p.Name
		if reps[p.ID] {
			name += " (" + rep + ")"
		}
		names = append(names, join(" – ", name, p.Address))
		ids = append(ids, idText(p, lang))
	}
	if v.Group && v.Employer != "" {
		names = append(names, model.Label{VI: "Nơi làm việc: ", EN: "Workplace: "}.In(lang)+v.Employer)
	}
	who, doc := join("; ", names...), join("; ", ids...)
	note := v.Note
	if r.Confidential() && !opt.Reveal {
		who, doc = opt.masked(), opt.masked()
		if note != "" {
			note = opt.masked()
		}
	}
	var kind, competent, guided, handling, follow string
	if v.Outcome == model.OutcomeGuided {
		guided = "x"
	}
	if p := r.Petition; p != nil {
		kind = p.Kind.Label().In(lang)
		if p.Classified {
			if p.Competent {
				competent = "x"
			}
			switch p.Decision {
			case model.DecisionGuide:
				guided = "x"
			case model.DecisionForward:
				handling = p.ForwardTo
			}
		}
		handling = join("; ", handling, p.No)
	}
	if c := r.Case; c != nil {
		handling = join("; ", handling, c.No)
		follow = c.Status.Label().In(lang)
		if c.Result != "" {
			follow = model.ResultLabel(c.Kind, c.Result).In(lang)
		}
		if !c.Closed.IsZero() {
			follow += " " + c.Closed.String()
		}
		if c.TransferredTo != "" {
			follow = join(": ", follow, c.TransferredTo)
		}
	}
	var marks []string
	if v.Group {
		marks = append(marks, model.Label{VI: "Đoàn đông người", EN: "Group delegation"}.In(lang))
	}
	if v.Repeat {
		marks = append(marks, model.Label{VI: "Tiếp nhiều lần", EN: "Repeat visit"}.In(lang))
	}
	marks = append(marks, v.Reception.Label().In(lang), v.Outcome.Label().In(lang))
	return []any{
		n,
		model.DateOf(v.At),
		who,
		doc,
		v.Content,
		kind,
		v.People(),
		r.Prior,
		competent,
		guided,
		handling,
		follow,
		join("; ", append(marks, note)...),
	}
}

// idText is a person's document with its kind, "CCCD 001085012345": the
// kind keeps a spreadsheet from reading the number as a number and
// dropping its leading zeros.
func idText(p *model.Person, lang model.Lang) string {
	if p.IDNumber == "" {
		return ""
	}
	k := p.IDKind
	if k == model.IDNone {
		k = model.GuessIDKind(p.IDNumber)
	}
	var l model.Label
	switch k {
	case model.IDCCCD:
		l = model.Label{VI: "CCCD", EN: "CCCD"}
	case model.IDCMND:
		l = model.Label{VI: "CMND", EN: "CMND"}
	case model.IDPassport:
		l = model.Label{VI: "Hộ chiếu", EN: "Passport"}
	case model.IDCert:
		l = model.Label{VI: "GCN căn cước", EN: "ID certificate"}
	default:
		l = model.Label{VI: "Số", EN: "No."}
	}
	return l.In(lang) + " " + p.IDNumber
}
