package model

// The enums of the domain. Each is a string type (readable in the event log
// and in dumps) and takes its labels from the one table in labels.go, so a
// screen, a report and an export never disagree on a word.

// PetitionKind is what a petition asks for (docs/law.md). It is separate
// from its legal Regime: a worker's "khiếu nại" against an employer is a
// labour complaint, not one under Luật Khiếu nại.
type PetitionKind string

const (
	KindComplaint      PetitionKind = "complaint"      // khiếu nại
	KindDenunciation   PetitionKind = "denunciation"   // tố cáo
	KindRecommendation PetitionKind = "recommendation" // kiến nghị
	KindReport         PetitionKind = "report"         // phản ánh
	KindMixed          PetitionKind = "mixed"          // đơn có nhiều nội dung
	KindAnonymous      PetitionKind = "anonymous"      // thông tin tố cáo không rõ người tố cáo (Luật TC Điều 25)
)

// PetitionKinds lists the kinds in the order a person chooses them.
var PetitionKinds = []PetitionKind{KindComplaint, KindDenunciation, KindRecommendation, KindReport, KindMixed, KindAnonymous}

// Regime is the legal regime a petition falls under (docs/law.md, Where worker petitions go); the
// deadlines depend on it and on the kind.
type Regime string

const (
	RegimeAdmin    Regime = "admin"    // Luật Khiếu nại / Luật Tố cáo (state-administrative)
	RegimeLabour   Regime = "labour"   // labour complaint against an employer, NĐ 24/2018
	RegimeUnion    Regime = "union"    // union-internal, QĐ 333/QĐ-TLĐ, QĐ 05/QĐ-TLĐ
	RegimeDispute  Regime = "dispute"  // labour dispute, BLLĐ 2019
	RegimeCitizens Regime = "citizens" // recommendation or report, Luật Tiếp công dân
)

// Regimes lists the regimes in the order a person chooses them.
var Regimes = []Regime{RegimeLabour, RegimeUnion, RegimeAdmin, RegimeDispute, RegimeCitizens}

// Field is the subject area of a petition (lĩnh vực).
type Field string

const (
	FieldWages     Field = "wages"
	FieldInsurance Field = "insurance"
	FieldDismissal Field = "dismissal"
	FieldContract  Field = "contract"
	FieldHours     Field = "hours"
	FieldSafety    Field = "safety"
	FieldUnionFee  Field = "unionfee"
	FieldUnionOrg  Field = "unionorg"
	FieldPolicy    Field = "policy"
	FieldLand      Field = "land"
	FieldOther     Field = "other"
)

// Fields lists the subject areas, commonest at a union desk first.
var Fields = []Field{FieldWages, FieldInsurance, FieldDismissal, FieldContract, FieldHours, FieldSafety, FieldUnionFee, FieldUnionOrg, FieldPolicy, FieldLand, FieldOther}

// Source is how a petition reached the office (nguồn đơn).
type Source string

const (
	SourceDesk      Source = "desk"      // at the reception desk
	SourcePost      Source = "post"      // by post
	SourceDirect    Source = "direct"    // handed in directly
	SourceForwarded Source = "forwarded" // forwarded by another body, deputies, the Front
	SourcePress     Source = "press"     // press
	SourceOnline    Source = "online"    // online
	SourceUpper     Source = "upper"     // transferred by the upper-level union
)

// Sources lists the petition sources.
var Sources = []Source{SourceDesk, SourcePost, SourceDirect, SourceForwarded, SourcePress, SourceOnline, SourceUpper}

// ReceptionType is regular, scheduled or ad-hoc reception (Luật TCD Điều 2.1).
type ReceptionType string

const (
	ReceptionRegular   ReceptionType = "regular"
	ReceptionScheduled ReceptionType = "scheduled"
	ReceptionAdhoc     ReceptionType = "adhoc"
)

// ReceptionTypes lists the reception types.
var ReceptionTypes = []ReceptionType{ReceptionRegular, ReceptionScheduled, ReceptionAdhoc}

// Outcome is what came of a visit.
type Outcome string

const (
	OutcomeGuided   Outcome = "guided"   // hướng dẫn
	OutcomePetition Outcome = "petition" // nhận đơn
	OutcomeReferred Outcome = "referred" // chuyển cơ quan có thẩm quyền
	OutcomeAnswered Outcome = "answered" // trả lời trực tiếp
	OutcomeRefused  Outcome = "refused"  // từ chối tiếp
)

// Outcomes lists visit outcomes.
var Outcomes = []Outcome{OutcomeGuided, OutcomePetition, OutcomeReferred, OutcomeAnswered, OutcomeRefused}

// Decision is the result of classifying a petition (xử lý đơn).
type Decision string

const (
	DecisionAccept  Decision = "accept"  // đề xuất thụ lý: opens a case
	DecisionGuide   Decision = "guide"   // hướng dẫn
	DecisionForward Decision = "forward" // chuyển đơn
	DecisionReturn  Decision = "return"  // trả lại đơn
	DecisionFile    Decision = "file"    // lưu đơn
)

// Decisions lists classification decisions.
var Decisions = []Decision{DecisionAccept, DecisionGuide, DecisionForward, DecisionReturn, DecisionFile}

// CaseStatus is where a case stands.
type CaseStatus string

const (
	StatusPending     CaseStatus = "pending"     // chờ thụ lý
	StatusOpen        CaseStatus = "open"        // đang giải quyết
	StatusSuspended   CaseStatus = "suspended"   // tạm đình chỉ
	StatusConcluded   CaseStatus = "concluded"   // đã giải quyết
	StatusTerminated  CaseStatus = "terminated"  // đình chỉ
	StatusTransferred CaseStatus = "transferred" // đã chuyển
	StatusRejected    CaseStatus = "rejected"    // không thụ lý
)

// CaseStatuses lists case statuses.
var CaseStatuses = []CaseStatus{StatusPending, StatusOpen, StatusSuspended, StatusConcluded, StatusTerminated, StatusTransferred, StatusRejected}

// Closed reports whether a case in this status has no running deadline and
// leaves the queue.
func (s CaseStatus) Closed() bool {
	return s == StatusConcluded || s == StatusTerminated || s == StatusTransferred || s == StatusRejected
}

// Result is how a case was concluded.
type Result string

const (
	ResultRight     Result = "right"     // đúng
	ResultWrong     Result = "wrong"     // sai
	ResultPartly    Result = "partly"    // đúng một phần
	ResultWithdrawn Result = "withdrawn" // rút đơn
	ResultSettled   Result = "settled"   // đã giải quyết, trả lời (recommendations, reports)
)

// Results lists conclusion results.
var Results = []Result{ResultRight, ResultWrong, ResultPartly, ResultWithdrawn, ResultSettled}

// Role is what a desk user may do.
type Role string

const (
	RoleReceptionist Role = "receptionist"
	RoleHandler      Role = "handler"
	RoleLeader       Role = "leader"
	RoleAdmin        Role = "admin"
)

// Roles lists the roles.
var Roles = []Role{RoleReceptionist, RoleHandler, RoleLeader, RoleAdmin}

// Sex of a person, when known.
type Sex string

const (
	SexUnknown Sex = ""
	SexMale    Sex = "male"
	SexFemale  Sex = "female"
)

// Label returns the bilingual label of the kind.
func (k PetitionKind) Label() Label { return lookup("kind", string(k)) }

// Label returns the bilingual label of the regime.
func (r Regime) Label() Label { return lookup("regime", string(r)) }

// Label returns the bilingual label of the field.
func (f Field) Label() Label { return lookup("field", string(f)) }

// Label returns the bilingual label of the source.
func (s Source) Label() Label { return lookup("source", string(s)) }

// Label returns the bilingual label of the reception type.
func (r ReceptionType) Label() Label { return lookup("reception", string(r)) }

// Label returns the bilingual label of the outcome.
func (o Outcome) Label() Label { return lookup("outcome", string(o)) }

// Label returns the bilingual label of the decision.
func (d Decision) Label() Label { return lookup("decision", string(d)) }

// Label returns the bilingual label of the status.
func (s CaseStatus) Label() Label { return lookup("status", string(s)) }

// Label returns the bilingual label of the result.
func (r Result) Label() Label { return lookup("result", string(r)) }

// Label returns the bilingual label of the role.
func (r Role) Label() Label { return lookup("role", string(r)) }

// Label returns the bilingual label of the sex.
func (s Sex) Label() Label { return lookup("sex", string(s)) }

// ResultLabel is the result as the law words it for this kind: a
// denunciation is "founded", a complaint "upheld".
func ResultLabel(k PetitionKind, r Result) Label {
	if k == KindDenunciation {
		if l, ok := labels["result.denunciation."+string(r)]; ok {
			return l
		}
	}
	return r.Label()
}

func lookup(group, v string) Label {
	if l, ok := labels[group+"."+v]; ok {
		return l
	}
	return Label{v, v}
}
