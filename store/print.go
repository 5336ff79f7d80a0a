package store

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"donthu/model"
	"donthu/store/export"
	"donthu/store/paper"

	bolt "go.etcd.io/bbolt"
)

// Printing: a form filled from the record, rendered by store/paper,
// signed by this site's key and recorded as a document.printed event in
// the same transaction, so the audit shows who printed what and when, and
// the paper's verification code can be checked later (Verify).

// TemplateDirName is the folder beside the data file where an office puts
// its own print templates (they replace or add to the built-in ones).
const TemplateDirName = "mau-in"

// TemplateDir is the office's template folder for this data file.
func (s *Store) TemplateDir() string {
	return filepath.Join(filepath.Dir(s.path), TemplateDirName)
}

// Templates loads the templates in use: built-in, and the office's.
func (s *Store) Templates() (*paper.Set, error) { return paper.LoadSet(s.TemplateDir()) }

// PrintRequest asks for one form.
type PrintRequest struct {
	Form string
	// Record is the entity id or readable number of the visit, petition or
	// case the form is filled from ("" for a guidance sheet or a register).
	Record string
	// From and To are the register's period.
	From, To model.Date
	// Full prints a confidential sender unredacted on a form that goes to
	// others; it needs the right role and a reason, and is recorded.
	Full   bool
	Reason string
	// Sheets adds, after a receipt, the guidance sheets whose keywords the
	// visit's content mentions.
	Sheets bool
}

// Printed is a printout: the PDF, its verification code and what was
// recorded.
type Printed struct {
	PDF      []byte
	Code     string
	Printout model.Printout
	Sheets   []string // titles of the guidance sheets added
	Redacted bool     // a confidential sender was left out
}

// msgNoPrint says a form cannot be printed from a record, and why.
func msgNoPrint(vi, en string) error { return model.NewMsg("", vi, en) }

// Print fills, signs, records and renders one form. Nothing is recorded
// when the template is bad or the record does not fit the form.
func (s *Store) Print(author string, req PrintRequest) (Printed, error) {
	var out Printed
	form, ok := paper.FormOf(req.Form)
	if !ok {
		return out, model.NewMsg("form", "Không có mẫu «"+req.Form+"». Các mẫu: "+strings.Join(paper.FormIDs(), ", "),
			"No form «"+req.Form+"». The forms: "+strings.Join(paper.FormIDs(), ", "))
	}
	set, err := s.Templates()
	if err != nil {
		return out, err
	}
	in, entity, err := s.printInput(s.site, author, form, req)
	if err != nil {
		return out, err
	}
	if req.Full {
		if !form.ToOthers {
			req.Full = false // the form is for the sender: nothing is redacted anyway
		} else if err := s.checkFull(author, &in, req.Reason); err != nil {
			return out, err
		}
	}
	in.Full = req.Full
	// A paper for the sender (a receipt, an appointment) names them when
	// the policy lets the one who prints see them; a full copy was
	// allowed above. Either way the printout records that it named a
	// protected sender (Printout.Full), so its check fills it the same.
	shown := req.Full || (!form.ToOthers && s.mayShowSender(author, &in))
	named := req.Full || (shown && sealedInput(&in))
	if shown {
		s.unsealInput(&in)
	}
	doc, err := paper.Fill(in)
	if err != nil {
		return out, err
	}
	tpl, err := set.Pick(form.ID, doc.Date)
	if err != nil {
		return out, templateErr(err)
	}
	parts := []paper.Part{{T: tpl, D: doc}}
	if req.Sheets && in.Visit != nil {
		for _, st := range set.Sheets(in.Visit.Content, doc.Date) {
			sd, err := paper.Fill(paper.Input{Form: st.Form, Date: doc.Date, Unit: in.Unit, By: in.By})
			if err != nil {
				return out, err
			}
			parts = append(parts, paper.Part{T: st, D: sd})
			out.Sheets = append(out.Sheets, st.Title)
		}
	}
	recordNo := doc.Fields["RecordNo"]
	_, err = s.write(author, func(w *writer) error {
		id, err := w.s.identityTx(w.tx) // the site's key: sealed, the session holds it
		if err != nil {
			return err
		}
		key := id.SignKey
		po := model.Printout{Form: form.ID, Version: tpl.Version(), Record: entity, RecordNo: recordNo,
			Title: tpl.Title, DocHash: doc.Hash(), Full: named, Reason: model.NFC(req.Reason),
			Site: w.s.site, Seq: w.seq + 1, At: w.now.UTC().Truncate(time.Second), By: author}
		sig := ed25519.Sign(key, po.SignedBytes())
		po.Sig = base64.StdEncoding.EncodeToString(sig)
		code := paper.Code(po.Site, po.Seq, sig)
		var buf bytes.Buffer
		meta := paper.Meta{Code: code, At: po.At, By: in.By, Unit: in.Unit.Name, Title: tpl.Title, Subject: recordNo}
		if err := paper.Render(&buf, meta, parts...); err != nil {
			return templateErr(err)
		}
		ev, err := w.emit(entity, model.EvDocumentPrinted, "", po)
		if err != nil {
			return err
		}
		if ev.Seq != po.Seq {
			return fmt.Errorf("store: printout numbered %d, event %d", po.Seq, ev.Seq)
		}
		out = Printed{PDF: buf.Bytes(), Code: code, Printout: po, Sheets: out.Sheets, Redacted: doc.Redacted}
		return nil
	})
	if err != nil {
		return Printed{}, err
	}
	return out, nil
}

// templateErr turns a bad template into a message for a person.
func templateErr(err error) error {
	if te, ok := err.(*paper.TemplateError); ok {
		return model.Wrap(err, model.NewMsg("template", te.Message(model.VI), te.Message(model.EN)))
	}
	return err
}

// MayPrintFull says whether user may print a confidential sender
// unredacted on a paper that goes to others. It is the one place this
// decision is made (docs/law.md, Confidentiality: the case's handler and the leaders, as
// for a reveal on screen): the access policy's answer for the petition p
// and its case c (c is nil before a case is opened: then only the unit's
// leaders may).
func MayPrintFull(u *model.User, p *model.Petition, c *model.Case) *model.Msg {
	// The one policy: the case's handler and the leaders of the unit
	// that handles it (model/policy.go).
	if p != nil && model.May(u, model.ActPrint) && model.MaySeePetitionSender(u, p, c) {
		return nil
	}
	if p == nil && c != nil && model.May(u, model.ActPrint) && model.MaySeeSender(u, c) {
		return nil
	}
	return model.NewMsg("", "Chỉ lãnh đạo và cán bộ xử lý vụ việc được in bản đầy đủ danh tính người tố cáo; bản in mặc định đã che danh tính",
		"Only the leaders and the case's handler may print the denouncer's identity in full; the default printout hides it")
}

func (s *Store) checkFull(author string, in *paper.Input, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return model.NewMsg("reason", "Cần ghi lý do in bản đầy đủ danh tính người gửi", "Give the reason for printing the sender's identity in full")
	}
	u, err := s.User(author)
	if err != nil {
		u = model.User{}
	}
	if m := MayPrintFull(&u, in.Petition, in.Case); m != nil {
		return m
	}
	return nil
}

// printInput reads what a form is filled from, and the entity the print
// is recorded on.
//
// site is the unit that prints (this one; the issuing unit when a paper
// is verified at its office, so the header is filled as it was printed).
func (s *Store) printInput(site, author string, form paper.Form, req PrintRequest) (paper.Input, string, error) {
	in := paper.Input{Form: form.ID, By: s.DisplayName(site, author), Date: s.Today()}
	if strings.HasPrefix(author, "cli:") {
		// The command line has no sign-in: the system account, if known.
		in.By = strings.Trim(strings.TrimPrefix(author, "cli:"), "?")
	}
	in.Unit = s.unitOf(site)
	today := s.Today()
	cal := s.Calendar()
	kind := form.RecordKind()
	entity := model.SiteEntity(site)
	switch kind {
	case "":
		return in, entity, nil
	case "period":
		if req.From.IsZero() || req.To.IsZero() || req.From.After(req.To) {
			return in, "", model.NewMsg("period", "Sổ tiếp cần kỳ: từ ngày và đến ngày", "The register needs a period: from and to")
		}
		in.From, in.To, in.Date = req.From, req.To, req.To
		in.Rows = s.registerRows(site, req.From, req.To)
		return in, entity, nil
	}
	id, err := s.resolveRecord(kind, req.Record)
	if err != nil {
		return in, "", err
	}
	persons := func(ids []string) []model.Person {
		var ps []model.Person
		for _, pid := range ids {
			if p, err := s.Person(pid); err == nil {
				ps = append(ps, p)
			}
		}
		return ps
	}
	switch kind {
	case model.EntVisit:
		v, err := s.Visit(id)
		if err != nil {
			return in, "", notFound(req.Record)
		}
		in.Visit = &v
		in.Persons = persons(append(append([]string(nil), v.Reps...), v.Persons...))
		in.Persons = dedupPersons(in.Persons)
		in.Receiver = s.DisplayName(v.Site, v.Receiver)
		in.Date = model.DateOf(v.At)
		if v.Petition != "" {
			if p, err := s.Petition(v.Petition); err == nil {
				in.Petition = &p
			}
		}
		if due, r, ok := model.AnswerDue(in.Date, cal); ok {
			in.AnswerDue, in.AnswerBasis = due, r.Source
		}
		if form.ID == paper.FormRefusal {
			if v.Outcome != model.OutcomeRefused {
				return in, "", msgNoPrint("Lượt tiếp "+v.No+" không bị từ chối tiếp: không có thông báo từ chối", "Visit "+v.No+" was not refused: there is no refusal notice")
			}
			in.Reason = v.Note
		}
		return in, id, nil
	case model.EntPetition:
		p, err := s.Petition(id)
		if err != nil {
			return in, "", notFound(req.Record)
		}
		in.Petition = &p
		in.Persons = persons(p.Senders)
		in.Date = p.ClassifiedOn
		if in.Date.IsZero() {
			in.Date = today
		}
		if p.Case != "" {
			if c, err := s.Case(p.Case); err == nil {
				in.Case = &c
				in.Due = model.ComputeDeadline(c.Clock(), cal, today)
				in.Handler = s.DisplayName(c.Site, c.Handler)
			}
		}
		if in.Case == nil {
			in.Due = model.ProcessDeadline(p.Kind, p.Regime, p.Received, cal, today)
		}
		if err := petitionFits(form.ID, &p); err != nil {
			return in, "", err
		}
		return in, id, nil
	case model.EntCase:
		c, err := s.Case(id)
		if err != nil {
			return in, "", notFound(req.Record)
		}
		in.Case = &c
		in.Persons = persons(c.Senders)
		in.Due = model.ComputeDeadline(c.Clock(), cal, today)
		in.Handler = s.DisplayName(c.Site, c.Handler)
		switch form.ID {
		case paper.FormAcceptance:
			if c.Accepted.IsZero() {
				return in, "", msgNoPrint("Vụ việc "+c.No+" chưa được thụ lý", "Case "+c.No+" has not been accepted")
			}
			in.Date = c.Accepted
		case paper.FormNonAcceptance:
			if c.Status != model.StatusRejected {
				return in, "", msgNoPrint("Vụ việc "+c.No+" không ở trạng thái không thụ lý", "Case "+c.No+" was not rejected")
			}
			in.Date = c.Closed
			in.Reason = s.lastReason(id, model.EvCaseRejected)
		}
		if in.Date.IsZero() {
			in.Date = today
		}
		return in, id, nil
	}
	return in, "", fmt.Errorf("store: form %s: record kind %q", form.ID, kind)
}

// petitionFits refuses a letter that does not match the petition's
// classification (a forwarding slip for a petition that was accepted).
func petitionFits(form string, p *model.Petition) error {
	want := map[string]model.Decision{
		paper.FormProposal: model.DecisionAccept, paper.FormForwardTC: model.DecisionForward, paper.FormForward: model.DecisionForward,
		paper.FormGuide: model.DecisionGuide, paper.FormGuideSplit: model.DecisionGuide, paper.FormReturn: model.DecisionReturn,
	}[form]
	if want == "" || p.Decision == want {
		return nil
	}
	if !p.Classified {
		return msgNoPrint("Đơn "+p.No+" chưa được phân loại", "Petition "+p.No+" has not been classified")
	}
	f, _ := paper.FormOf(form)
	return msgNoPrint("Đơn "+p.No+" có quyết định «"+p.Decision.Label().VI+"»: không in «"+f.Name.VI+"»",
		"Petition "+p.No+" was decided «"+p.Decision.Label().EN+"»: no «"+f.Name.EN+"»")
}

func dedupPersons(ps []model.Person) []model.Person {
	seen := map[string]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p.ID] {
			seen[p.ID] = true
			out = append(out, p)
		}
	}
	return out
}

// lastReason is the reason of the newest event of type t on entity.
func (s *Store) lastReason(entity string, t model.EventType) string {
	evs, _ := s.Timeline(entity)
	for i := len(evs) - 1; i >= 0; i-- {
		if evs[i].Type == t {
			var a model.CaseAction
			if evs[i].Decode(&a) == nil {
				return a.Reason
			}
		}
	}
	return ""
}

// unitOf is a site's header: the body above it, its name, its place.
func (s *Store) unitOf(code string) paper.Unit {
	var u paper.Unit
	site, err := s.SiteInfo(code)
	if err != nil {
		return u
	}
	u.Name = site.Name
	if site.Address != "" {
		parts := strings.Split(site.Address, ",")
		u.Place = strings.TrimSpace(parts[len(parts)-1])
	}
	if site.Parent != "" {
		if p, err := s.SiteInfo(site.Parent); err == nil && p.Name != "" {
			u.Upper = p.Name
		} else if peer, err := s.Peer(site.Parent); err == nil && peer.Name != "" {
			u.Upper = peer.Name
		}
	}
	return u
}

// registerRows reads the visits a site received on days in [from, to],
// with their persons and petitions, for its register (an office holds its
// children's visits too; they are in their own registers).
func (s *Store) registerRows(site string, from, to model.Date) []export.RegisterRow {
	person := func(id string) (model.Person, bool) {
		p, err := s.Person(id)
		return p, err == nil
	}
	petition := func(id string) (model.Petition, bool) {
		p, err := s.Petition(id)
		return p, err == nil
	}
	var own []model.Visit
	for _, v := range s.Visits(from, to) {
		if v.Site == site {
			own = append(own, v)
		}
	}
	return export.RegisterRows(own, person, petition)
}

// resolveRecord finds the entity of kind a person named: its id, or its
// readable number. A petition's number also names its case; a visit's
// number names the petition registered at it.
func (s *Store) resolveRecord(kind, ref string) (string, error) {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return "", model.NewMsg("record", "Cần số hồ sơ (--record SỐ): số lượt tiếp, số đơn hoặc số vụ việc", "Name the record (--record NUMBER): a visit, petition or case number")
	}
	if model.EntityKind(ref) != "" {
		switch model.EntityKind(ref) {
		case kind:
			return ref, nil
		case model.EntVisit:
			if v, err := s.Visit(ref); err == nil && v.Petition != "" && kind != model.EntVisit {
				return s.resolveRecord(kind, v.Petition)
			}
		case model.EntPetition:
			if p, err := s.Petition(ref); err == nil && kind == model.EntCase && p.Case != "" {
				return p.Case, nil
			}
		case model.EntCase:
			if c, err := s.Case(ref); err == nil && kind == model.EntPetition {
				return c.Petition, nil
			}
		}
		return "", s.wrongRecord(kind, ref)
	}
	no := strings.ToUpper(ref)
	for _, k := range []string{kind, model.EntPetition, model.EntVisit, model.EntCase} {
		if id := s.findByNo(k, no); id != "" {
			if k == kind {
				return id, nil
			}
			return s.resolveRecord(kind, id)
		}
	}
	return "", notFound(ref)
}

func (s *Store) wrongRecord(kind, ref string) error {
	what := map[string]model.Label{
		model.EntVisit:    {VI: "một lượt tiếp", EN: "a visit"},
		model.EntPetition: {VI: "một đơn", EN: "a petition"},
		model.EntCase:     {VI: "một vụ việc", EN: "a case"},
	}[kind]
	return model.NewMsg("record", "Mẫu này điền từ "+what.VI+"; "+ref+" không phải", "This form is filled from "+what.EN+"; "+ref+" is not one")
}

// findByNo scans the projections of a kind for a readable number.
func (s *Store) findByNo(kind, no string) string {
	needle := []byte(`"no":"` + no + `"`)
	packed := packJSON(nil, needle) // as projections are stored (codec.go)
	var id string
	s.db.View(func(tx *bolt.Tx) error {
		evb := tx.Bucket(bEvents)
		return eachState(tx, kind, func(k string, b []byte) error {
			if isRef(b) {
				b = evb.Get(refKey(k, b)) // its event's data holds the number
				if h, ok := parseHeader(b); ok && h.flags&flagDict != 0 {
					b, _ = decompress(h.rest)
				}
			} else {
				b, _ = packedState(b)
			}
			if bytes.Contains(b, packed) || bytes.Contains(b, needle) {
				id = k
				return errStop
			}
			return nil
		})
	})
	return id
}

var errStop = fmt.Errorf("stop")

// Verification is what a verification code says of a paper.
type Verification struct {
	Genuine bool
	// Why is the reason a code is refused, or a caveat on a genuine one.
	Why      model.Label
	Printout model.Printout
	Unit     string // the issuing unit's name
	// Changed reports that the record no longer gives the paper's
	// content (it was edited after printing); Checked is false when that
	// could not be told (the record is not held here).
	Changed, Checked bool
}

var (
	msgNoSuchPaper = model.Label{
		VI: "KHÔNG XÁC THỰC ĐƯỢC: không có giấy nào mang mã này trong dữ liệu. Giấy có thể giả, hoặc do đơn vị khác in mà dữ liệu của đơn vị đó chưa đồng bộ về đây.",
		EN: "NOT VERIFIED: no paper with this code is in the data. It may be forged, or printed by another unit whose data has not been synced here."}
	msgForged = model.Label{
		VI: "GIẢ HOẶC BỊ SỬA: mã không khớp chữ ký của đơn vị. Không tin giấy này.",
		EN: "FORGED OR ALTERED: the code does not match the unit's signature. Do not trust this paper."}
	msgNoKey = model.Label{
		VI: "KHÔNG XÁC THỰC ĐƯỢC: chưa có khoá của đơn vị in giấy này (hãy ghim thẻ khoá của đơn vị đó).",
		EN: "NOT VERIFIED: the key of the unit that printed this paper is not known here (pin that unit's key card)."}
)

// Verify checks a verification code: that it names a printout held here,
// that the printout is signed by its site's key, and that the code is the
// one derived from that signature; then whether the record still gives
// the same content.
func (s *Store) Verify(code string) (Verification, error) {
	var v Verification
	site, seq, auth, m := paper.ParseCode(code)
	if m != nil {
		return v, m
	}
	var ev model.Event
	var found bool
	s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bEvents).Get(evKey(site, seq))
		if raw != nil {
			var err error
			ev, err = decodeEvent(raw)
			found = err == nil
		}
		return nil
	})
	if !found || ev.Type != model.EvDocumentPrinted {
		v.Why = msgNoSuchPaper
		return v, nil
	}
	var po model.Printout
	if ev.Decode(&po) != nil || po.Site != ev.Site || po.Seq != ev.Seq {
		v.Why = msgForged
		return v, nil
	}
	v.Printout = po
	pub, name := s.signKeyOf(site)
	v.Unit = name
	if pub == nil {
		v.Why = msgNoKey
		return v, nil
	}
	sig, err := base64.StdEncoding.DecodeString(po.Sig)
	if err != nil || !ed25519.Verify(pub, po.SignedBytes(), sig) || paper.Auth(sig) != auth {
		v.Why = msgForged
		v.Printout = model.Printout{}
		return v, nil
	}
	v.Genuine = true
	v.Changed, v.Checked = s.changedSince(po)
	return v, nil
}

// Lines says what a verification found, for a person, one line each: the
// verdict (GENUINE or why not), the unit, when and by whom, the template,
// a full copy's reason, and whether the record changed since. The
// command line prints them; a screen can show them as they are.
func (v Verification) Lines(lang model.Lang) []string {
	l := func(vi, en string, a ...any) string {
		return fmt.Sprintf(model.Label{VI: vi, EN: en}.In(lang), a...)
	}
	if !v.Genuine {
		return []string{v.Why.In(lang)}
	}
	po := v.Printout
	head := l("GIẤY THẬT: «%s»", "GENUINE: «%s»", po.Title)
	if po.RecordNo != "" {
		head += l(", hồ sơ %s", ", record %s", po.RecordNo)
	}
	out := []string{head,
		l("Đơn vị in: %s (%s)", "Printed by unit: %s (%s)", v.Unit, po.Site),
		l("In lúc: %s, người in: %s", "Printed: %s, by: %s", po.At.In(model.VN).Format("02/01/2006 15:04"), po.By),
		l("Mẫu: %s", "Template: %s", po.Version)}
	if po.Full && po.Reason != "" {
		out = append(out, l("Bản đầy đủ danh tính người gửi; lý do: %s", "Full copy with the sender's identity; reason: %s", po.Reason))
	}
	switch {
	case !v.Checked:
		out = append(out, l("Hồ sơ không có ở đây để đối chiếu nội dung.", "The record is not held here to compare the content."))
	case v.Changed:
		out = append(out, l("HỒ SƠ ĐÃ THAY ĐỔI sau khi in: nội dung giấy không còn khớp hồ sơ hiện nay; hãy đối chiếu.",
			"THE RECORD CHANGED after printing: the paper no longer matches the record as it is now; compare them."))
	default:
		out = append(out, l("Hồ sơ không thay đổi từ khi in.", "The record has not changed since printing."))
	}
	return out
}

// signKeyOf is the public signing key and name of a site: this one's, or
// a pinned peer's.
func (s *Store) signKeyOf(site string) (ed25519.PublicKey, string) {
	if site == s.site {
		// The public half needs no sign-in (verifying a paper).
		var pub ed25519.PublicKey
		var name string
		s.db.View(func(tx *bolt.Tx) error {
			pub, _, _ = publicIdentity(tx)
			var x model.Site
			if getState(tx, model.SiteEntity(site), &x) == nil {
				name = x.Name
			}
			return nil
		})
		return pub, name
	}
	p, err := s.Peer(site)
	if err != nil {
		return nil, site
	}
	k, err := base64.StdEncoding.DecodeString(p.Card.SignKey)
	if err != nil || len(k) != ed25519.PublicKeySize {
		return nil, p.Name
	}
	return ed25519.PublicKey(k), p.Name
}

// changedSince fills the printout's form again from the record as it is
// now and compares the content's hash.
func (s *Store) changedSince(po model.Printout) (changed, checked bool) {
	form, ok := paper.FormOf(po.Form)
	if !ok || form.IsSheet() {
		return false, ok
	}
	req := PrintRequest{Form: po.Form, Record: po.Record, Full: po.Full}
	if form.RecordKind() == "period" {
		a, b, _ := strings.Cut(po.RecordNo, " – ")
		var m1, m2 *model.Msg
		req.From, m1 = model.ParseDateInput(a)
		req.To, m2 = model.ParseDateInput(b)
		if m1 != nil || m2 != nil {
			return false, false
		}
	}
	if po.Record != "" && model.EntityKind(po.Record) != model.EntSite {
		var held bool
		s.db.View(func(tx *bolt.Tx) error {
			held = getState(tx, po.Record, new(json.RawMessage)) == nil
			return nil
		})
		if !held {
			return false, false
		}
	}
	in, _, err := s.printInput(po.Site, po.By, form, req)
	if err != nil {
		return true, true // the record no longer fits the form (a case reopened, say)
	}
	in.Full = po.Full && form.ToOthers
	if po.Full {
		// Filled again as printed: with the sender, when this session can
		// unseal them; otherwise the content cannot be compared here.
		if sealedInput(&in) && !s.canUnsealInput(&in) {
			return false, false
		}
		s.unsealInput(&in)
	}
	doc, err := paper.Fill(in)
	if err != nil {
		return false, false
	}
	return doc.Hash() != po.DocHash, true
}

// PrintDir is the folder printouts are written to from the interface: as
// last set, or "giay-in" beside the data file.
func (s *Store) PrintDir() string {
	var d string
	s.db.View(func(tx *bolt.Tx) error {
		d = string(tx.Bucket(bMeta).Get([]byte("print/dir")))
		return nil
	})
	if d == "" {
		d = filepath.Join(filepath.Dir(s.path), "giay-in")
	}
	return d
}

// PrintOpens reports whether a printout is opened in the system's viewer
// once written.
func (s *Store) PrintOpens() bool {
	var v string
	s.db.View(func(tx *bolt.Tx) error {
		v = string(tx.Bucket(bMeta).Get([]byte("print/open")))
		return nil
	})
	return v == "yes"
}

// SetPrintSettings remembers the print folder ("" = keep) and whether to
// open printouts.
func (s *Store) SetPrintSettings(dir string, open bool) error {
	if dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return userErr(ErrNotFound, "Không có thư mục "+dir, "No folder at "+dir)
		}
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bMeta)
		if dir != "" {
			if err := b.Put([]byte("print/dir"), []byte(dir)); err != nil {
				return err
			}
		}
		return b.Put([]byte("print/open"), []byte(map[bool]string{true: "yes", false: "no"}[open]))
	})
	if err != nil {
		return diskErr(err)
	}
	return nil
}

// PrintFileName is a file name for a printout: the form and the record's
// number, safe on every system.
func PrintFileName(p model.Printout) string {
	name := p.Form
	if p.RecordNo != "" {
		name += "-" + p.RecordNo
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, name)
	return name + "-" + strconv.FormatUint(p.Seq, 10) + ".pdf"
}

// PrintoutCode is the verification code printed on a printout's paper
// ("" if its signature cannot be read).
func PrintoutCode(po model.Printout) string {
	sig, err := base64.StdEncoding.DecodeString(po.Sig)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return ""
	}
	return paper.Code(po.Site, po.Seq, sig)
}

// mayShowSender reports whether author may see every protected sender a
// paper's input names (nothing sealed: yes): the petition's or the case's
// sender by the one policy, or, on a visit without either (a denouncer's
// later visit), each protected visitor the author is entitled to.
func (s *Store) mayShowSender(author string, in *paper.Input) bool {
	if !sealedInput(in) {
		return true
	}
	u, err := s.User(author)
	if err != nil || !u.Active {
		return false
	}
	switch {
	case in.Petition != nil:
		c := in.Case
		if c == nil && in.Petition.Case != "" {
			if x, err := s.Case(in.Petition.Case); err == nil {
				c = &x // a visit's paper: the case its petition opened decides
			}
		}
		return model.MaySeePetitionSender(&u, in.Petition, c)
	case in.Case != nil:
		return model.MaySeeSender(&u, in.Case)
	}
	ok := true
	s.db.View(func(tx *bolt.Tx) error {
		for i := range in.Persons {
			if in.Persons[i].Sealed != "" && !mayFind(tx, &u, in.Persons[i].ID) {
				ok = false
			}
		}
		return nil
	})
	return ok
}

// unsealInput fills the sealed identities of a paper's input that the
// session can read (store/seal.go).
func (s *Store) unsealInput(in *paper.Input) {
	for i := range in.Persons {
		if in.Persons[i].Sealed != "" {
			s.UnsealPerson(&in.Persons[i])
		}
	}
	if p := in.Petition; p != nil && p.SenderSealed != "" {
		if n, ok := s.PetitionSenderName(p); ok {
			p.SenderName = n
		}
	}
	if c := in.Case; c != nil && c.SenderSealed != "" {
		if n, ok := s.SenderName(c); ok {
			c.SenderName = n
		}
	}
}

// sealedInput reports whether a paper's input holds sealed identities.
func sealedInput(in *paper.Input) bool {
	for i := range in.Persons {
		if in.Persons[i].Sealed != "" {
			return true
		}
	}
	return (in.Petition != nil && in.Petition.SenderSealed != "") || (in.Case != nil && in.Case.SenderSealed != "")
}

// canUnsealInput reports whether every sealed identity of in is readable here.
func (s *Store) canUnsealInput(in *paper.Input) bool {
	for i := range in.Persons {
		if p := in.Persons[i]; p.Sealed != "" && !s.UnsealPerson(&p) {
			return false
		}
	}
	if p := in.Petition; p != nil && p.SenderSealed != "" {
		if _, ok := s.PetitionSenderName(p); !ok {
			return false
		}
	}
	if c := in.Case; c != nil && c.SenderSealed != "" {
		if _, ok := s.SenderName(c); !ok {
			return false
		}
	}
	return true
}
