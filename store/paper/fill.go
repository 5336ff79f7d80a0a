package paper

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"donthu/model"
	"donthu/store/export"
)

// Unit is the union unit a paper is issued by, for the header: the body
// above it (the upper-level union, or the confederation when none is
// known), its own name, and the place written before the date.
type Unit struct {
	Upper, Name, Place string
}

// Input is everything a form is filled from, as read from the store. It
// holds values, not look-ups: the store reads, this package renders.
type Input struct {
	Form  string
	Date  model.Date // the document's date: picks the template version
	Unit  Unit
	By    string // who prints, by name
	Full  bool   // print a confidential sender unredacted (allowed and recorded by the caller)
	Visit *model.Visit
	// Persons are the visit's visitors, or the petition's senders.
	Persons  []model.Person
	Petition *model.Petition
	Case     *model.Case
	Receiver string // the visit's receiving officer, by name
	Handler  string // the case's handler, by name
	// AnswerDue is the day the visitor must be answered by (Luật TCD Điều
	// 28.1), with its basis; Due is the running deadline of a petition or
	// case; both computed by model.
	AnswerDue   model.Date
	AnswerBasis string
	Due         model.Deadline
	Reason      string // why (a refusal, a non-acceptance), from the record
	// The register: its rows and period.
	Rows     []export.RegisterRow
	From, To model.Date
}

// Doc is a form filled in: the values its template prints. Its hash is
// what a printout's signature covers.
type Doc struct {
	Form   string
	Date   model.Date
	Fields map[string]string
	Docs   []model.Document
	Rows   [][]string // the register's cells
	// Redacted is set when a confidential sender was left out.
	Redacted bool
}

// Hash is the hex SHA-256 of the document's record-derived values: the
// form, its fields (less those that change with the day of printing),
// the documents and the register's rows. The same record printed again
// gives the same hash; a change to what the paper shows changes it.
func (d *Doc) Hash() string {
	f := map[string]string{}
	for k, v := range d.Fields {
		if !volatile[k] {
			f[k] = v
		}
	}
	b, _ := json.Marshal(struct {
		Form   string
		Fields map[string]string
		Docs   []model.Document
		Rows   [][]string
	}{d.Form, f, d.Docs, d.Rows})
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Fill fills a form from its input.
func Fill(in Input) (*Doc, error) {
	f, ok := formByID[in.Form]
	if !ok {
		return nil, fmt.Errorf("paper: no form %q", in.Form)
	}
	d := &Doc{Form: f.ID, Date: in.Date, Fields: map[string]string{}}
	set := func(k, v string) { d.Fields[k] = v }
	upper := in.Unit.Upper
	if upper == "" {
		upper = "Tổng Liên đoàn Lao động Việt Nam"
	}
	set("Upper", upper)
	set("Unit", in.Unit.Name)
	set("Place", in.Unit.Place)
	set("Date", in.Date.String())
	set("DateLine", dateLine(in.Unit.Place, in.Date))
	set("PrintedBy", in.By)
	set("Checked", "")
	redact := f.ToOthers && !in.Full
	switch f.Record {
	case recordVisit:
		if in.Visit == nil {
			return nil, fmt.Errorf("paper: %s needs a visit", f.ID)
		}
		fillVisit(d, &in)
	case recordPetition:
		if in.Petition == nil {
			return nil, fmt.Errorf("paper: %s needs a petition", f.ID)
		}
		fillPetition(d, &in, redact)
	case recordCase:
		if in.Case == nil {
			return nil, fmt.Errorf("paper: %s needs a case", f.ID)
		}
		fillCase(d, &in, redact)
	case recordPeriod:
		set("RecordNo", in.From.String()+" – "+in.To.String())
		set("PeriodFrom", in.From.String())
		set("PeriodTo", in.To.String())
		rec := export.RegisterRecords(in.Rows, export.Options{Lang: model.VI, Reveal: in.Full})
		persons := 0
		for i := range in.Rows {
			persons += in.Rows[i].Visit.People()
			if in.Rows[i].Confidential() && !in.Full {
				d.Redacted = true
			}
		}
		set("Visits", strconv.Itoa(len(in.Rows)))
		set("Persons", strconv.Itoa(persons))
		d.Rows = rec
	}
	return d, nil
}

func dateLine(place string, d model.Date) string {
	s := fmt.Sprintf("ngày %02d tháng %02d năm %d", d.D, int(d.M), d.Y)
	if place == "" {
		return "……………, " + s
	}
	return place + ", " + s
}

// sender fills the sender's fields from the first person, or the name
// written on a petition; redacted when asked.
func sender(d *Doc, persons []model.Person, name string, redact bool) {
	var id, addr, phone, emp string
	if len(persons) > 0 {
		p := &persons[0]
		name, addr, phone, emp = p.Name, p.Address, p.Phone, p.Employer
		if p.IDNumber != "" {
			id = idText(p)
		}
		if len(persons) > 1 {
			names := make([]string, len(persons))
			for i := range persons {
				names[i] = persons[i].Name
			}
			name = strings.Join(names, ", ")
		}
	}
	if redact {
		name, id, addr, phone = redactedName, redactedOther, redactedOther, redactedOther
		d.Redacted = true
	}
	d.Fields["SenderName"] = name
	d.Fields["SenderID"] = id
	d.Fields["SenderAddress"] = addr
	d.Fields["SenderPhone"] = phone
	if _, ok := d.Fields["Employer"]; !ok || d.Fields["Employer"] == "" {
		d.Fields["Employer"] = emp
	}
}

func idText(p *model.Person) string {
	k := p.IDKind
	if k == model.IDNone {
		k = model.GuessIDKind(p.IDNumber)
	}
	switch k {
	case model.IDCCCD:
		return "Căn cước/CCCD số " + p.IDNumber
	case model.IDCMND:
		return "CMND số " + p.IDNumber
	case model.IDPassport:
		return "Hộ chiếu số " + p.IDNumber
	case model.IDCert:
		return "Giấy chứng nhận căn cước số " + p.IDNumber
	}
	return "Giấy tờ số " + p.IDNumber
}

func docsText(ds []model.Document) (string, string) {
	var parts []string
	n := 0
	for _, x := range ds {
		c := x.Count
		if c <= 0 {
			c = 1
		}
		n += c
		parts = append(parts, fmt.Sprintf("%s (%d)", x.Name, c))
	}
	return strings.Join(parts, "; "), strconv.Itoa(n)
}

func fillVisit(d *Doc, in *Input) {
	v := in.Visit
	set := func(k, s string) { d.Fields[k] = s }
	set("RecordNo", v.No)
	set("VisitDate", model.DateOf(v.At).String())
	set("VisitTime", v.At.In(model.VN).Format("15:04"))
	set("Employer", v.Employer)
	sender(d, in.Persons, "", false)
	set("HeadCount", strconv.Itoa(v.People()))
	set("Content", v.Content)
	set("Receiver", in.Receiver)
	d.Docs = v.Documents
	docs, n := docsText(v.Documents)
	set("Documents", docs)
	set("DocCount", n)
	set("AnswerDue", in.AnswerDue.String())
	set("AnswerBasis", in.AnswerBasis)
	set("PetitionNo", "")
	if in.Petition != nil {
		set("PetitionNo", in.Petition.No)
	}
	set("Reason", in.Reason)
	set("Reception", v.Reception.Label().VI)
	set("Outcome", v.Outcome.Label().VI)
}

func yesNo(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}

func fillPetition(d *Doc, in *Input, redact bool) {
	p := in.Petition
	redact = redact && p.Confidential
	set := func(k, s string) { d.Fields[k] = s }
	set("RecordNo", p.No)
	set("PetitionNo", p.No)
	set("Received", p.Received.String())
	set("LetterDate", p.LetterDate.String())
	set("Source", p.Source.Label().VI)
	set("Employer", p.Employer)
	sender(d, in.Persons, p.SenderName, redact)
	set("Kind", label(p.Kind.Label(), p.Kind != ""))
	set("Regime", label(p.Regime.Label(), p.Regime != ""))
	set("Field", label(p.Field.Label(), p.Field != ""))
	set("Summary", p.Summary)
	set("Conditions", yesNo(p.Conditions, "Đủ điều kiện xử lý", "Không đủ điều kiện xử lý"))
	set("Competent", yesNo(p.Competent, "Thuộc thẩm quyền", "Không thuộc thẩm quyền"))
	set("Decision", label(p.Decision.Label(), p.Decision != ""))
	set("Reason", firstNonEmpty(in.Reason, p.Reason))
	set("ForwardTo", p.ForwardTo)
	set("From", p.From)
	set("FromNo", p.FromNo)
	set("CaseNo", "")
	if in.Case != nil {
		set("CaseNo", in.Case.No)
	}
	set("DueDate", in.Due.Due.String())
	set("DueBasis", in.Due.Rule.Source)
	set("Handler", in.Handler)
	n := p.Signatories
	if n == 0 {
		n = 1
	}
	set("Signatories", strconv.Itoa(n))
	d.Docs = p.Documents
	docs, c := docsText(p.Documents)
	set("Documents", docs)
	set("DocCount", c)
}

func fillCase(d *Doc, in *Input, redact bool) {
	c := in.Case
	redact = redact && c.Confidential
	set := func(k, s string) { d.Fields[k] = s }
	set("RecordNo", c.No)
	set("CaseNo", c.No)
	set("PetitionNo", c.PetitionNo)
	set("Employer", c.Employer)
	sender(d, in.Persons, c.SenderName, redact)
	set("Kind", label(c.Kind.Label(), c.Kind != ""))
	set("Regime", label(c.Regime.Label(), c.Regime != ""))
	set("Field", label(c.Field.Label(), c.Field != ""))
	set("Summary", c.Summary)
	set("Received", c.Received.String())
	set("Accepted", c.Accepted.String())
	set("DueDate", in.Due.Due.String())
	set("DueBasis", in.Due.Rule.Source)
	set("Handler", in.Handler)
	set("Reason", in.Reason)
	set("Status", c.Status.Label().VI)
}

func label(l model.Label, ok bool) string {
	if !ok {
		return ""
	}
	return l.VI
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
