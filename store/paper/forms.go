package paper

import (
	"sort"

	"donthu/model"
)

// Form ids. They name the forms on the command line (donthu print FORM)
// and in template files ("form: receipt").
const (
	FormReceipt       = "receipt"              // Giấy biên nhận thông tin, tài liệu (Mẫu 02/TCD)
	FormRefusal       = "refusal"              // Thông báo từ chối tiếp (Mẫu 01/TCD)
	FormAppointment   = "appointment"          // Phiếu hẹn (no legal form; local practice)
	FormProposal      = "proposal"             // Phiếu đề xuất thụ lý đơn (TT 05/2021 Mẫu 01)
	FormForwardTC     = "forward-denunciation" // Phiếu chuyển đơn tố cáo (TT 05/2021 Mẫu 03)
	FormForward       = "forward"              // Phiếu chuyển đơn khiếu nại, kiến nghị, phản ánh
	FormGuide         = "guidance-letter"      // Văn bản hướng dẫn
	FormGuideSplit    = "split-guidance"       // Hướng dẫn tách nội dung đơn
	FormReturn        = "return"               // Văn bản trả lại đơn
	FormAcceptance    = "acceptance"           // Thông báo thụ lý
	FormNonAcceptance = "non-acceptance"       // Thông báo không thụ lý
	FormRegister      = "register"             // Sổ tiếp (Mẫu 03/TCD), landscape
	SheetWages        = "sheet-wages"
	SheetInsurance    = "sheet-insurance"
	SheetDismissal    = "sheet-dismissal"
	SheetContract     = "sheet-contract"
	SheetSafety       = "sheet-safety"
	SheetDues         = "sheet-dues"
	recordVisit       = "visit"
	recordPetition    = "petition"
	recordCase        = "case"
	recordPeriod      = "period"
	recordNone        = "none"
	redactedName      = "(Đã giữ bí mật theo Điều 56 Luật Tố cáo)"
	redactedOther     = "(đã che)"
	dots              = "……………………"
)

// Form is one printable form: its name, the record it is filled from, and
// whether it leaves the office to a third party (then a confidential
// sender is redacted unless a full copy is asked for and allowed).
type Form struct {
	ID     string
	Name   model.Label
	Record string // visit, petition, case, period, none
	// ToOthers: the paper goes to someone other than the sender (another
	// body, a verifier, the register): a denouncer's identity is redacted
	// by default (Luật Tố cáo Điều 56.2; DOMAIN.md §6).
	ToOthers bool
}

var forms = []Form{
	{FormReceipt, model.Label{VI: "Giấy biên nhận thông tin, tài liệu", EN: "Document receipt"}, recordVisit, false},
	{FormRefusal, model.Label{VI: "Thông báo từ chối tiếp", EN: "Notice of refused reception"}, recordVisit, false},
	{FormAppointment, model.Label{VI: "Phiếu hẹn", EN: "Appointment slip"}, recordVisit, false},
	{FormProposal, model.Label{VI: "Phiếu đề xuất thụ lý đơn", EN: "Proposal to accept"}, recordPetition, true},
	{FormForwardTC, model.Label{VI: "Phiếu chuyển đơn tố cáo", EN: "Denunciation forwarding slip"}, recordPetition, true},
	{FormForward, model.Label{VI: "Phiếu chuyển đơn", EN: "Forwarding slip"}, recordPetition, true},
	{FormGuide, model.Label{VI: "Văn bản hướng dẫn", EN: "Guidance letter"}, recordPetition, false},
	{FormGuideSplit, model.Label{VI: "Hướng dẫn tách nội dung đơn", EN: "Guidance to split the petition"}, recordPetition, false},
	{FormReturn, model.Label{VI: "Văn bản trả lại đơn", EN: "Return of the petition"}, recordPetition, true},
	{FormAcceptance, model.Label{VI: "Thông báo thụ lý", EN: "Notice of acceptance"}, recordCase, false},
	{FormNonAcceptance, model.Label{VI: "Thông báo không thụ lý", EN: "Notice of non-acceptance"}, recordCase, false},
	{FormRegister, model.Label{VI: "Sổ tiếp đoàn viên, người lao động và công dân", EN: "Reception register"}, recordPeriod, true},
	{SheetWages, model.Label{VI: "Hướng dẫn: tiền lương", EN: "Guidance: wages"}, recordNone, false},
	{SheetInsurance, model.Label{VI: "Hướng dẫn: bảo hiểm xã hội", EN: "Guidance: social insurance"}, recordNone, false},
	{SheetDismissal, model.Label{VI: "Hướng dẫn: bị sa thải, chấm dứt hợp đồng", EN: "Guidance: dismissal"}, recordNone, false},
	{SheetContract, model.Label{VI: "Hướng dẫn: hợp đồng lao động", EN: "Guidance: labour contract"}, recordNone, false},
	{SheetSafety, model.Label{VI: "Hướng dẫn: an toàn, tai nạn lao động", EN: "Guidance: safety and accidents"}, recordNone, false},
	{SheetDues, model.Label{VI: "Hướng dẫn: đoàn phí, kinh phí công đoàn", EN: "Guidance: union dues and fees"}, recordNone, false},
}

var formByID = func() map[string]*Form {
	m := map[string]*Form{}
	for i := range forms {
		m[forms[i].ID] = &forms[i]
	}
	return m
}()

// FormIDs lists the form ids in the order they are listed to a person.
func FormIDs() []string {
	out := make([]string, len(forms))
	for i, f := range forms {
		out[i] = f.ID
	}
	return out
}

// FormOf returns a form by id.
func FormOf(id string) (Form, bool) {
	f, ok := formByID[id]
	if !ok {
		return Form{}, false
	}
	return *f, true
}

// IsSheet reports whether a form is a guidance sheet (no record).
func (f Form) IsSheet() bool { return f.Record == recordNone }

// RecordKind is the entity kind the form is filled from (model.EntVisit,
// EntPetition, EntCase), "period" for the register, "" for a sheet.
func (f Form) RecordKind() string {
	switch f.Record {
	case recordVisit:
		return model.EntVisit
	case recordPetition:
		return model.EntPetition
	case recordCase:
		return model.EntCase
	case recordPeriod:
		return recordPeriod
	}
	return ""
}

// Field names every form can use.
var commonFields = []string{"Upper", "Unit", "Place", "DateLine", "Date", "PrintedBy", "RecordNo", "Checked"}

// fieldsOf lists the placeholders each kind of record fills.
var fieldsOf = map[string][]string{
	recordVisit: {"VisitDate", "VisitTime", "SenderName", "SenderID", "SenderAddress", "SenderPhone", "Employer",
		"HeadCount", "Content", "Receiver", "Documents", "DocCount", "AnswerDue", "AnswerBasis", "PetitionNo", "Reason",
		"Reception", "Outcome"},
	recordPetition: {"PetitionNo", "Received", "LetterDate", "Source", "SenderName", "SenderID", "SenderAddress",
		"SenderPhone", "Employer", "Kind", "Regime", "Field", "Summary", "Conditions", "Competent", "Decision", "Reason",
		"ForwardTo", "From", "FromNo", "CaseNo", "DueDate", "DueBasis", "Handler", "Signatories", "DocCount", "Documents"},
	recordCase: {"CaseNo", "PetitionNo", "SenderName", "SenderID", "SenderAddress", "Employer", "Kind", "Regime",
		"Field", "Summary", "Received", "Accepted", "DueDate", "DueBasis", "Handler", "Reason", "Status"},
	recordPeriod: {"PeriodFrom", "PeriodTo", "Visits", "Persons"},
	recordNone:   {},
}

// Fields lists the placeholders a form's template may use, sorted.
func (f Form) Fields() []string {
	out := append(append([]string(nil), commonFields...), fieldsOf[f.Record]...)
	sort.Strings(out)
	return out
}

func sampleFields(f *Form) map[string]string {
	m := map[string]string{}
	for _, k := range f.Fields() {
		m[k] = "x"
	}
	return m
}

// volatile fields change with the day of printing, not with the record:
// they are left out of the document's hash.
var volatile = map[string]bool{"DateLine": true, "Date": true, "PrintedBy": true, "Checked": true}
