package model

import (
	"cmp"
	"fmt"
	"strings"
	"time"
)

// Deadlines are data (docs/law.md): one table of rules, each with its legal source, unit, start event
// and effective dates. A case's deadline is computed from its events and the
// working calendar, never stored; ExplainDeadline shows the count day by day.
// Where a figure is wrong or changes, correcting it is a one-line change
// here (a new row with From set, and To on the old one).

// Unit is how a time limit is counted.
type Unit string

const (
	UnitCalendar Unit = "calendar" // "ngày": every day counts (BLDS 2015 Điều 145–148)
	UnitWorking  Unit = "working"  // "ngày làm việc": working days only
)

// Label returns the unit as it follows a number: "ngày" / "days".
func (u Unit) Label() Label {
	if u == UnitWorking {
		return Label{"ngày làm việc", "working days"}
	}
	return Label{"ngày", "days"}
}

// Step is the stage of handling a time limit is for.
type Step string

const (
	StepProcess Step = "process" // xử lý đơn: classify a received petition
	StepAccept  Step = "accept"  // thụ lý
	StepResolve Step = "resolve" // giải quyết
	StepAnswer  Step = "answer"  // trả lời người được tiếp sau buổi tiếp (Luật TCD Điều 28)
)

// Label returns the bilingual label of the step.
func (s Step) Label() Label {
	switch s {
	case StepProcess:
		return Label{"Xử lý đơn", "Processing"}
	case StepAccept:
		return Label{"Thụ lý", "Acceptance"}
	case StepResolve:
		return Label{"Giải quyết", "Resolution"}
	case StepAnswer:
		return Label{"Trả lời", "Answer"}
	}
	return Label{string(s), string(s)}
}

// Rule is one time limit of the law, in one version.
type Rule struct {
	ID      string // stable id, e.g. "kn-accept-2026"
	Step    Step
	Kinds   []PetitionKind // empty = any
	Regimes []Regime       // empty = any
	Round   int            // 0 any, 1 first, 2 second complaint

	// Days is the limit; the others apply to a complex case, a case in a
	// remote area (vùng sâu, vùng xa, đi lại khó khăn) and both; 0 = same as Days.
	Days, ComplexDays, RemoteDays, RemoteComplexDays int

	Unit   Unit
	Start  Label  // start event in words ("ngày nhận đơn", "ngày thụ lý")
	Source string // legal source, e.g. "Luật Khiếu nại 2011 Điều 28"

	// From and To are the dates this version is in force, both inclusive
	// (zero From = since ever, zero To = still in force). The version is
	// chosen by the date of the start event.
	From, To Date

	ExtensionDays int // denunciations: each extension adds up to this many days
	MaxExtensions int // 0 = no extension allowed (complaints: only the complex ceiling)
	// Note explains the rule to the desk; Check and Confidence are for the
	// people who keep the table (shown only in an explanation's details).
	Note       Label
	Check      Label
	Confidence Confidence
}

// DaysFor returns the limit for a case that is complex and/or remote.
func (r Rule) DaysFor(complex, remote bool) int {
	n := r.Days
	switch {
	case complex && remote:
		n = r.RemoteComplexDays
	case complex:
		n = r.ComplexDays
	case remote:
		n = r.RemoteDays
	}
	if n == 0 {
		return r.Days
	}
	return n
}

// InForce reports whether this version applies to a start event on d.
func (r Rule) InForce(d Date) bool {
	return (r.From.IsZero() || !d.Before(r.From)) && (r.To.IsZero() || !d.After(r.To))
}

var (
	law2026     = Date{2026, time.July, 1} // Luật 136/2025/QH15 and NĐ 154–156/2026 take effect
	before2026  = Date{2026, time.June, 30}
	startRecv   = Label{"ngày nhận đơn", "the day the petition was received"}
	startDenRcv = Label{"ngày nhận tố cáo", "the day the denunciation was received"}
	startAcc    = Label{"ngày thụ lý", "the day of acceptance"}
	startDesk   = Label{"ngày nhận nội dung tại buổi tiếp", "the day the matter was received at reception"}
	startMed    = Label{"ngày nhận yêu cầu hòa giải", "the day the mediation request was received"}
	noteUnion   = Label{
		"Nội bộ công đoàn: QĐ 333/QĐ-TLĐ (2020) áp dụng cùng thời hạn với luật.",
		"Union-internal matters: QĐ 333/QĐ-TLĐ (2020) applies the same limits as the law.",
	}
	checkUnion = Label{"QĐ 05/QĐ-TLĐ (2024) chưa đối chiếu.", "QĐ 05/QĐ-TLĐ (2024) not checked."}
	checkCode  = Label{"Theo mã nguồn trích nghị định, chưa đối chiếu Công báo.", "As quoted by a code repository; not checked against the gazette."}
	checkLD1   = Label{"Thời hạn thụ lý khiếu nại lao động lần đầu của NĐ 24/2018 chưa đối chiếu; tạm dùng quy tắc chung.",
		"The first-round acceptance limit of NĐ 24/2018 was not checked; the general rule is used meanwhile."}
	noteLD1 = Label{"Khiếu nại lao động lần đầu: dùng thời hạn thụ lý chung của khiếu nại.",
		"First-round labour complaint: the general acceptance limit of complaints applies."}
	notePA = Label{"Kiến nghị, phản ánh: trả lời (hoặc chuyển) trong 10 ngày làm việc kể từ ngày nhận; đây cũng là thời hạn giải quyết.",
		"Recommendations and reports: answered (or forwarded) within 10 working days of receipt; that is also the resolution limit."}
	kindsKN = []PetitionKind{KindComplaint}
	kindsTC = []PetitionKind{KindDenunciation}
)

// Rules is the table of time limits (docs/law.md lists it with the
// sources). FindRule picks the row that matches most specifically: a regime
// beats a kind, a kind beats a round; on a tie the earlier row wins.
//
// Note is for the desk (it appears in the explanation of a date); Check and
// Confidence are for whoever keeps this table (they appear only in the
// explanation's details).
var Rules = []Rule{
	// Xử lý đơn: classify a received petition.
	{ID: "don-process", Step: StepProcess, Days: 10, Unit: UnitWorking, Start: startRecv,
		Source: "TT 05/2021/TT-TTCP", Confidence: Unverified,
		Check: Label{"Chưa đọc điều khoản; 10 ngày làm việc là mặc định của một phần mềm KNTC. Sửa tại đây khi đối chiếu được.",
			"The article was not read; 10 working days is a KNTC software's default. Correct it here once checked."}},
	{ID: "tc-process", Step: StepProcess, Kinds: kindsTC, Days: 7, ComplexDays: 10, Unit: UnitWorking, Start: startDenRcv,
		Source: "Luật Tố cáo 2018 Điều 24.1", Confidence: Verified,
		Note: Label{"Vào sổ, phân loại, kiểm tra danh tính người tố cáo và điều kiện thụ lý; đến 10 ngày làm việc nếu phải kiểm tra ở nhiều địa điểm hoặc ủy quyền (đánh dấu \"phức tạp\").",
			"Log, classify, check the denouncer and the conditions of acceptance; up to 10 working days when several locations or a delegation are involved (mark the case \"complex\")."}},
	{ID: "nd-process", Step: StepProcess, Kinds: []PetitionKind{KindAnonymous}, Days: 10, Unit: UnitWorking, Start: startRecv,
		Source: "Luật Tố cáo 2018 Điều 25; TT 05/2021/TT-TTCP", Confidence: Unverified,
		Note: Label{"Thông tin tố cáo không rõ người tố cáo: không thụ lý giải quyết như tố cáo; xem xét, xử lý thông tin.",
			"Denunciation information with no known denouncer: not accepted as a denunciation; the information is examined and acted on."},
		Check: Label{"Thời hạn 10 ngày làm việc chưa đối chiếu.", "The limit of 10 working days was not checked."}},

	// Thụ lý: accept a complaint (first or second round) or a denunciation.
	{ID: "kn-accept-2020", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeAdmin, RegimeUnion}, Days: 10, Unit: UnitWorking, Start: startRecv,
		Source: "Luật Khiếu nại 2011 Điều 27, 36; NĐ 124/2020/NĐ-CP Điều 16", To: before2026, Note: noteUnion,
		Confidence: Verified, Check: Label{"Trước NĐ 124/2020: TT 07/2013/TT-TTCP Điều 5. " + checkUnion.VI, "Before NĐ 124/2020: TT 07/2013/TT-TTCP Art. 5. " + checkUnion.EN}},
	{ID: "kn-accept-2026", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeAdmin, RegimeUnion}, Days: 7, Unit: UnitWorking, Start: startRecv,
		Source: "NĐ 124/2020/NĐ-CP Điều 16.1, sửa đổi bởi NĐ 155/2026/NĐ-CP Điều 10", From: law2026, Note: noteUnion,
		Confidence: WeaklyVerified, Check: Label{"NĐ 155/2026 chỉ đọc qua bản sao. " + checkUnion.VI, "NĐ 155/2026 read only in a mirror. " + checkUnion.EN}},
	{ID: "ld-kn-accept-1-2020", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 1, Days: 10, Unit: UnitWorking, Start: startRecv,
		Source: "Luật Khiếu nại 2011 Điều 27; NĐ 124/2020/NĐ-CP Điều 16", To: before2026,
		Note: noteLD1, Confidence: Unverified, Check: checkLD1},
	{ID: "ld-kn-accept-1-2026", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 1, Days: 7, Unit: UnitWorking, Start: startRecv,
		Source: "NĐ 124/2020/NĐ-CP Điều 16.1, sửa đổi bởi NĐ 155/2026/NĐ-CP Điều 10", From: law2026,
		Note: noteLD1, Confidence: Unverified, Check: checkLD1},
	{ID: "ld-kn-accept-2", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 2, Days: 7, Unit: UnitWorking, Start: startRecv,
		Source: "NĐ 24/2018/NĐ-CP Điều 27", Confidence: WeaklyVerified, Check: checkCode},
	{ID: "tc-accept", Step: StepAccept, Kinds: kindsTC, Days: 7, ComplexDays: 10, Unit: UnitWorking, Start: startDenRcv,
		Source: "Luật Tố cáo 2018 Điều 24.1", Confidence: Verified,
		Note: Label{"Thụ lý sau khi kiểm tra trong 7 ngày làm việc kể từ ngày nhận tố cáo; đến 10 ngày làm việc nếu phải kiểm tra ở nhiều địa điểm hoặc ủy quyền (đánh dấu \"phức tạp\").",
			"Accepted after the check, within 7 working days of receipt; up to 10 working days when several locations or a delegation are involved (mark the case \"complex\")."}},

	// Giải quyết: resolve.
	{ID: "kn-resolve-1", Step: StepResolve, Kinds: kindsKN, Regimes: []Regime{RegimeAdmin, RegimeUnion}, Round: 1,
		Days: 30, ComplexDays: 45, RemoteDays: 45, RemoteComplexDays: 60, Unit: UnitCalendar, Start: startAcc,
		Source: "Luật Khiếu nại 2011 Điều 28", Note: noteUnion, Confidence: Verified, Check: checkUnion},
	{ID: "kn-resolve-2", Step: StepResolve, Kinds: kindsKN, Regimes: []Regime{RegimeAdmin, RegimeUnion}, Round: 2,
		Days: 45, ComplexDays: 60, RemoteDays: 60, RemoteComplexDays: 70, Unit: UnitCalendar, Start: startAcc,
		Source: "Luật Khiếu nại 2011 Điều 37", Note: noteUnion, Confidence: Verified, Check: checkUnion},
	{ID: "ld-kn-resolve-1", Step: StepResolve, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 1,
		Days: 30, ComplexDays: 45, RemoteDays: 45, RemoteComplexDays: 60, Unit: UnitCalendar, Start: startAcc,
		Source: "NĐ 24/2018/NĐ-CP Điều 20", Confidence: WeaklyVerified,
		Check: Label{checkCode.VI + " Một bản khác đánh số là Điều 14.", checkCode.EN + " Another copy numbers it Art. 14."}},
	{ID: "ld-kn-resolve-2", Step: StepResolve, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 2,
		Days: 45, ComplexDays: 60, RemoteDays: 60, RemoteComplexDays: 70, Unit: UnitCalendar, Start: startAcc,
		Source: "NĐ 24/2018/NĐ-CP", Confidence: Unverified,
		Note: Label{"Khiếu nại lao động lần hai: 45 ngày, phức tạp 60; vùng sâu, vùng xa 60 và 70.",
			"Second-round labour complaint: 45 days, complex 60; remote areas 60 and 70."},
		Check: Label{"Giả định như Luật Khiếu nại Điều 37; điều khoản của NĐ 24/2018 chưa đối chiếu.",
			"Assumed to be those of Luật Khiếu nại Art. 37; the article of NĐ 24/2018 was not checked."}},
	{ID: "tc-resolve", Step: StepResolve, Kinds: kindsTC, Days: 30, Unit: UnitCalendar, Start: startAcc,
		Source: "Luật Tố cáo 2018 Điều 30", ExtensionDays: 30, MaxExtensions: 2, Confidence: Verified,
		Note: Label{"Vụ việc phức tạp: gia hạn một lần, đặc biệt phức tạp: hai lần, mỗi lần không quá 30 ngày (Điều 30.2–3; tiêu chí tại NĐ 31/2019 Điều 3).",
			"Complex case: one extension, very complex: two, each of at most 30 days (Art. 30.2–3; criteria in NĐ 31/2019 Art. 3)."}},
	{ID: "kn-pa-resolve", Step: StepResolve, Kinds: []PetitionKind{KindRecommendation, KindReport}, Days: 10, Unit: UnitWorking, Start: startDesk,
		Source: "Luật Tiếp công dân 2013 Điều 26.2, 28.1", Note: notePA, Confidence: Verified},
	{ID: "kn-pa-resolve-citizens", Step: StepResolve, Regimes: []Regime{RegimeCitizens}, Days: 10, Unit: UnitWorking, Start: startDesk,
		Source: "Luật Tiếp công dân 2013 Điều 26.2, 28.1", Note: notePA, Confidence: Verified},
	{ID: "tcld-mediate", Step: StepResolve, Regimes: []Regime{RegimeDispute}, Days: 5, Unit: UnitWorking, Start: startMed,
		Source: "BLLĐ 2019 Điều 188.2", Confidence: Unverified,
		Note:  Label{"Hòa giải viên lao động kết thúc hòa giải trong 5 ngày làm việc.", "The labour mediator finishes mediation within 5 working days."},
		Check: Label{"Chưa đối chiếu.", "Not checked."}},

	// Trả lời người được tiếp sau buổi tiếp.
	{ID: "tcd-answer", Step: StepAnswer, Days: 10, Unit: UnitWorking, Start: startDesk,
		Source: "Luật Tiếp công dân 2013 Điều 28.1", Confidence: Verified,
		Note: Label{"Trả lời người được tiếp về việc thụ lý, cần thêm thời gian, từ chối hoặc chuyển đơn.",
			"Tell the visitor whether the matter is accepted, needs more time, is refused or forwarded."}},
}

// Confidence is how well a rule was checked against the law.
type Confidence string

const (
	Verified       Confidence = "V"  // read in the law or a codified mirror
	WeaklyVerified Confidence = "V~" // read only in a mirror or a secondary source
	Unverified     Confidence = "M"  // not checked: a working hypothesis
)

// Label says the confidence in words.
func (c Confidence) Label() Label {
	switch c {
	case Verified:
		return Label{"đã đối chiếu văn bản", "checked against the text"}
	case WeaklyVerified:
		return Label{"chỉ đối chiếu qua bản sao hoặc nguồn thứ cấp", "checked only in a copy or a secondary source"}
	}
	return Label{"chưa đối chiếu", "not checked"}
}

// RuleDetails is what the explanation's details show of a rule, for the
// people who keep the rules: its id, the confidence, and what is left to
// check.
func RuleDetails(r Rule) []Label {
	out := []Label{
		{"Mã quy tắc: " + r.ID, "Rule id: " + r.ID},
		{"Độ tin cậy: " + r.Confidence.Label().VI, "Confidence: " + r.Confidence.Label().EN},
	}
	if r.Check.VI != "" {
		out = append(out, Label{"Cần đối chiếu: " + r.Check.VI, "To check: " + r.Check.EN})
	}
	return out
}

// FindRule returns the rule in force for a step of a petition whose start
// event falls on start. Round 0 is taken as a first complaint.
func FindRule(step Step, kind PetitionKind, regime Regime, round int, start Date) (Rule, bool) {
	if round == 0 {
		round = 1
	}
	best, score := -1, -1
	for i := range Rules {
		r := &Rules[i]
		if r.Step != step || !r.InForce(start) ||
			(len(r.Kinds) > 0 && !ruleHas(r.Kinds, kind)) ||
			(len(r.Regimes) > 0 && !ruleHas(r.Regimes, regime)) ||
			(r.Round != 0 && r.Round != round) {
			continue
		}
		s := 0
		if len(r.Regimes) > 0 {
			s += 4
		}
		if len(r.Kinds) > 0 {
			s += 2
		}
		if r.Round != 0 {
			s++
		}
		if s > score {
			best, score = i, s
		}
	}
	if best < 0 {
		return Rule{}, false
	}
	return Rules[best], true
}

func ruleHas[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// DeadlineState is where a case stands against its time limit.
type DeadlineState string

const (
	DeadlineNone    DeadlineState = ""        // no time limit applies
	DeadlineOnTime  DeadlineState = "ontime"  // running, more than 3 working days left
	DeadlineDueSoon DeadlineState = "duesoon" // running, at most 3 working days left
	DeadlineOverdue DeadlineState = "overdue" // running, past the last day
	DeadlineStopped DeadlineState = "stopped" // suspended (tạm đình chỉ): the clock stands still
	DeadlineMet     DeadlineState = "met"     // closed on time
	DeadlineMissed  DeadlineState = "missed"  // closed late
)

// Extension is one extension of a denunciation's resolution period.
type Extension struct {
	On     Date   `json:"on"` // date of the extension decision
	Days   int    `json:"days"`
	Reason string `json:"reason,omitempty"`
}

// Suspension is a period in which the handling stands still (tạm đình
// chỉ): from the suspension decision up to, not including, the resumption
// decision, on whose date the clock runs again. To zero = still suspended.
type Suspension struct {
	From Date `json:"from"`
	To   Date `json:"to,omitzero"`
}

// CaseClock is what the case fold knows that deadlines depend on.
type CaseClock struct {
	Kind            PetitionKind
	Regime          Regime
	Round           int // 1 or 2 for complaints; 0 = 1
	Complex, Remote bool
	Received        Date // petition received
	Classified      Date // decision to accept proposed (zero if not); ends the processing step
	Accepted        Date // zero until thụ lý
	Extensions      []Extension
	Suspensions     []Suspension
	Closed          Date // zero while open (concluded, terminated, transferred, rejected)
}

// Deadline is a computed time limit.
type Deadline struct {
	Rule  Rule
	Step  Step
	Start Date // start event date (not counted)
	Due   Date // last day (inclusive)
	State DeadlineState
	// Left is how many units remain from today (from the closing date once
	// closed) until Due: 0 when Due is that day, negative when past it. A
	// working-day limit past its Due is at least 1 day overdue.
	Left int
	Unit Unit
}

// ComputeDeadline computes the running time limit of a case on today.
//
// While a complaint or denunciation is not accepted the step is acceptance,
// counted from receipt; once accepted, resolution counted from acceptance.
// Recommendations, reports, the citizens regime and labour disputes have no
// acceptance: their resolution runs from receipt. A kind with no acceptance
// rule (anonymous information, a mixed petition) gets the processing limit.
//
// Working-day limits end on the n-th working day after the start. Calendar
// limits follow the Civil Code: the start day is not counted, and a last day
// that is not a working day moves to the next working day (BLDS 2015 Điều
// 147, 148.5). Extensions add their days before that move; suspended days do
// not count (working days only, for working-day limits).
func ComputeDeadline(c CaseClock, cal *Calendar, today Date) Deadline {
	return caseCount(c, cal, today, false).Deadline
}

// ExplainDeadline explains ComputeDeadline step by step, in both languages:
// the rule and its source, the start day and that it is not counted, every
// counted and every skipped day with the reason, the extensions, the move
// when the last day is a day off, and the result. It tells the count that
// CountDeadline records; the count itself has no words.
func ExplainDeadline(c CaseClock, cal *Calendar, today Date) []Label {
	return CountDeadline(c, cal, today).Explain()
}

// CountDeadline is ComputeDeadline with the count recorded day by day.
func CountDeadline(c CaseClock, cal *Calendar, today Date) Count {
	return caseCount(c, cal, today, true)
}

// ProcessDeadline is the time limit for processing (classifying) a received
// petition, for the classification inbox.
func ProcessDeadline(kind PetitionKind, regime Regime, received Date, cal *Calendar, today Date) Deadline {
	c := CaseClock{Kind: kind, Regime: regime, Received: received}
	r, ok := FindRule(StepProcess, kind, regime, 0, received)
	if !ok || received.IsZero() {
		return Deadline{Step: StepProcess}
	}
	return countDeadline(c, r, StepProcess, received, Date{}, cal, today, false).Deadline
}

// fromReceipt reports whether a case has no acceptance step.
func fromReceipt(c CaseClock) bool {
	return c.Kind == KindRecommendation || c.Kind == KindReport ||
		c.Regime == RegimeCitizens || c.Regime == RegimeDispute
}

// Count is a deadline and how it was counted: the data ExplainDeadline
// tells, with no words in it.
type Count struct {
	Deadline
	Clock CaseClock
	Today Date
	End   Date // the closing date; zero while open
	// NoStart and NoRule say why there is no deadline.
	NoStart, NoRule bool
	Base            int // the rule's limit for this case (complex, remote)
	Total           int // with the extensions that count
	Extensions      []CountedExtension
	Suspensions     []CountedSuspension
	Days            []CountedDay // from the day after the start to the last day
	LastDay         Date         // the day the count ended on, before a move to a working day
	Moved           bool         // a calendar limit's last day was a day off
}

// CountedExtension is an extension and whether it counted.
type CountedExtension struct {
	Extension
	Days       int  // the days it added (at most the rule's)
	NotAllowed bool // the rule allows no extension
	OverMax    bool // beyond the most the rule allows
}

// CountedSuspension is a period not counted.
type CountedSuspension struct {
	Suspension
	Running     bool
	First, Last Date
	Days        int
}

// CountedDay is one day of the count.
type CountedDay struct {
	Date      Date
	N         int  // its number in the count; 0 = not counted
	Suspended bool // not counted: suspended
	Off       bool // a day off (not counted in working days; counted in calendar days)
	Why       Label
}

func caseCount(c CaseClock, cal *Calendar, today Date, trace bool) Count {
	step, start := StepResolve, c.Accepted
	switch {
	case fromReceipt(c):
		start = c.Received
	case c.Accepted.IsZero():
		step, start = StepAccept, c.Received
	}
	if start.IsZero() {
		return Count{Deadline: Deadline{Step: step}, Clock: c, Today: today, NoStart: true}
	}
	r, ok := FindRule(step, c.Kind, c.Regime, c.Round, start)
	end := c.Closed
	if !ok && step == StepAccept {
		step = StepProcess
		r, ok = FindRule(step, c.Kind, c.Regime, c.Round, start)
		if !c.Classified.IsZero() && (end.IsZero() || c.Classified.Before(end)) {
			end = c.Classified
		}
	}
	if !ok {
		return Count{Deadline: Deadline{Step: step}, Clock: c, Today: today, NoRule: true}
	}
	return countDeadline(c, r, step, start, end, cal, today, trace)
}

// suspSpan is a run of suspended day numbers, [from, to).
type suspSpan struct{ from, to int }

// countDeadline is the one computation behind ComputeDeadline,
// CountDeadline and ProcessDeadline; trace records every day (for the
// explanation), which a list of cases does not need.
func countDeadline(c CaseClock, r Rule, step Step, start, end Date, cal *Calendar, today Date, trace bool) Count {
	cal = cal.self()
	n := r.DaysFor(c.Complex, c.Remote)
	k := Count{Clock: c, Today: today, End: end, Base: n}

	// Extensions (denunciations only, up to the rule's maximum).
	total := n
	for i, e := range c.Extensions {
		ce := CountedExtension{Extension: e}
		switch {
		case step != StepResolve || r.MaxExtensions == 0:
			ce.NotAllowed = true
		case i >= r.MaxExtensions:
			ce.OverMax = true
		default:
			days := max(0, e.Days)
			if r.ExtensionDays > 0 {
				days = min(days, r.ExtensionDays)
			}
			ce.Days = days
			total += days
		}
		k.Extensions = append(k.Extensions, ce)
	}
	k.Total = total

	// Suspensions, as spans of day numbers after the start day. A running
	// suspension lasts until today (until the closing date once closed).
	now := today
	if !end.IsZero() {
		now = end
	}
	startJD, nowJD := jdn(start), jdn(now)
	var spans []suspSpan
	stopped := false
	for _, s := range c.Suspensions {
		if s.From.IsZero() || s.From.After(now) {
			continue
		}
		running := s.To.IsZero() || s.To.After(now)
		sp := suspSpan{max(jdn(s.From), startJD+1), nowJD + 1}
		if running {
			stopped = true
		} else {
			sp.to = jdn(s.To)
		}
		if sp.to <= sp.from {
			continue
		}
		spans = append(spans, sp)
		k.Suspensions = append(k.Suspensions, CountedSuspension{Suspension: s, Running: running,
			First: fromJDN(sp.from), Last: fromJDN(sp.to - 1), Days: sp.to - sp.from})
	}

	// The count, day by day.
	jd, counted := startJD, 0
	for counted < total {
		jd++
		if inSuspension(spans, jd) {
			if trace {
				k.Days = append(k.Days, CountedDay{Date: fromJDN(jd), Suspended: true})
			}
			continue
		}
		if r.Unit == UnitWorking && !cal.workingJD(jd) {
			if trace {
				why, _ := cal.whyJD(jd)
				k.Days = append(k.Days, CountedDay{Date: fromJDN(jd), Off: true, Why: why})
			}
			continue
		}
		counted++
		if trace {
			why, off := cal.whyJD(jd)
			k.Days = append(k.Days, CountedDay{Date: fromJDN(jd), N: counted, Off: off, Why: why})
		}
	}
	k.LastDay = fromJDN(jd)
	dueJD := jd
	if r.Unit == UnitCalendar && !cal.workingJD(jd) {
		dueJD = cal.nextWorkingJD(jd)
		k.Moved = true
	}

	d := Deadline{Rule: r, Step: step, Start: start, Due: fromJDN(dueJD), Unit: r.Unit}
	ref := today
	switch {
	case !end.IsZero():
		ref = end
		d.State = DeadlineMet
		if end.After(d.Due) {
			d.State = DeadlineMissed
		}
	case stopped:
		d.State = DeadlineStopped
	case today.After(d.Due):
		d.State = DeadlineOverdue
	case cal.WorkingDaysBetween(today, d.Due) <= cal.DueSoon():
		d.State = DeadlineDueSoon
	default:
		d.State = DeadlineOnTime
	}
	d.Left = unitsLeft(cal, r.Unit, ref, d.Due)
	k.Deadline = d
	return k
}

func inSuspension(spans []suspSpan, jd int) bool {
	for _, s := range spans {
		if jd >= s.from && jd < s.to {
			return true
		}
	}
	return false
}

// Explain tells the count in both languages, line by line.
func (k Count) Explain() []Label {
	var ex []Label
	add := func(vi, en string) { ex = append(ex, Label{vi, en}) }
	c, r, step := k.Clock, k.Rule, k.Step
	switch {
	case k.NoStart:
		return []Label{{"Chưa có ngày bắt đầu (ngày nhận đơn hoặc ngày thụ lý): chưa tính được thời hạn.",
			"No start date yet (receipt or acceptance): no time limit can be computed."}}
	case k.NoRule:
		return []Label{{
			fmt.Sprintf("Không có quy định thời hạn cho bước %s của loại đơn %s, chế độ %s.",
				strings.ToLower(step.Label().VI), strings.ToLower(c.Kind.Label().VI), strings.ToLower(c.Regime.Label().VI)),
			fmt.Sprintf("No time limit is set for %s of a %s petition under the %s regime.",
				strings.ToLower(step.Label().EN), strings.ToLower(c.Kind.Label().EN), strings.ToLower(c.Regime.Label().EN))}}
	}
	unit := r.Unit.Label()
	n := k.Base
	add(fmt.Sprintf("Bước: %s. Quy định: %s: %d %s kể từ %s.", strings.ToLower(step.Label().VI), r.Source, n, unit.VI, r.Start.VI),
		fmt.Sprintf("Step: %s. Rule: %s: %d %s from %s.", strings.ToLower(step.Label().EN), r.Source, n, unit.EN, r.Start.EN))
	if n != r.Days {
		what := Label{"Vụ việc ở vùng sâu, vùng xa", "A case in a remote area"}
		switch {
		case c.Complex && c.Remote:
			what = Label{"Vụ việc phức tạp, ở vùng sâu, vùng xa", "A complex case in a remote area"}
		case c.Complex:
			what = Label{"Vụ việc phức tạp", "A complex case"}
		}
		add(fmt.Sprintf("%s: %d %s thay vì %d.", what.VI, n, unit.VI, r.Days),
			fmt.Sprintf("%s: %d %s instead of %d.", what.EN, n, unit.EN, r.Days))
	}
	if r.Note.VI != "" {
		add("Ghi chú: "+r.Note.VI, "Note: "+r.Note.EN)
	}
	for i, e := range k.Extensions {
		switch {
		case e.NotAllowed:
			add(fmt.Sprintf("Gia hạn ngày %s không được tính: %s không cho phép gia hạn.", e.On, r.Source),
				fmt.Sprintf("The extension of %s is not counted: %s allows no extension.", e.On, r.Source))
		case e.OverMax:
			add(fmt.Sprintf("Gia hạn lần %d (%s) không được tính: chỉ được gia hạn tối đa %d lần.", i+1, e.On, r.MaxExtensions),
				fmt.Sprintf("Extension %d (%s) is not counted: at most %d extensions are allowed.", i+1, e.On, r.MaxExtensions))
		default:
			why := ""
			if e.Reason != "" {
				why = " (" + e.Reason + ")"
			}
			add(fmt.Sprintf("Gia hạn lần %d ngày %s: thêm %d %s%s.", i+1, e.On, e.Days, unit.VI, why),
				fmt.Sprintf("Extension %d on %s: %d more %s%s.", i+1, e.On, e.Days, unit.EN, why))
		}
	}
	if k.Total != n {
		add(fmt.Sprintf("Tổng cộng: %d %s.", k.Total, unit.VI), fmt.Sprintf("In all: %d %s.", k.Total, unit.EN))
	}
	for _, s := range k.Suspensions {
		if s.Running {
			add(fmt.Sprintf("Tạm đình chỉ từ %s, đang tạm đình chỉ: %d ngày từ %s đến %s không được tính; mỗi ngày tạm đình chỉ thêm lùi hạn thêm một ngày.", s.From, s.Days, s.First, s.Last),
				fmt.Sprintf("Suspended since %s and still suspended: the %d days from %s to %s are not counted; each further day of suspension moves the last day by one.", s.From, s.Days, s.First, s.Last))
		} else {
			add(fmt.Sprintf("Tạm đình chỉ từ %s, tiếp tục từ %s: %d ngày từ %s đến %s không được tính.", s.From, s.To, s.Days, s.First, s.Last),
				fmt.Sprintf("Suspended on %s, resumed on %s: the %d days from %s to %s are not counted.", s.From, s.To, s.Days, s.First, s.Last))
		}
	}
	wd := WeekdayLabel(k.Start.Weekday())
	add(fmt.Sprintf("Ngày bắt đầu: %s %s (%s) — không tính ngày này; thời hạn tính từ ngày hôm sau (BLDS 2015 Điều 147).", wd.VI, k.Start, r.Start.VI),
		fmt.Sprintf("Start: %s %s (%s) — this day is not counted; counting begins the next day (Civil Code 2015 Art. 147).", wd.EN, k.Start, r.Start.EN))
	for _, d := range k.Days {
		var l Label
		switch {
		case d.Suspended:
			l = Label{"không tính: tạm đình chỉ", "not counted: suspended"}
		case d.N == 0:
			l = Label{"không tính: " + d.Why.VI, "not counted: " + d.Why.EN}
		default:
			l = Label{fmt.Sprintf("ngày thứ %d", d.N), fmt.Sprintf("day %d", d.N)}
			if d.Off {
				l.VI += " (" + d.Why.VI + ", ngày nghỉ vẫn được tính vì thời hạn tính theo ngày)"
				l.EN += " (" + d.Why.EN + "; a day off still counts in a limit of calendar days)"
			}
		}
		w := WeekdayLabel(d.Date.Weekday())
		add(fmt.Sprintf("%s %s: %s", w.VI, d.Date, l.VI), fmt.Sprintf("%s %s: %s", w.EN, d.Date, l.EN))
	}
	if k.Moved {
		why := Label{}
		if len(k.Days) > 0 {
			why = k.Days[len(k.Days)-1].Why
		}
		last, due := k.LastDay, k.Due
		lw, dw := WeekdayLabel(last.Weekday()), WeekdayLabel(due.Weekday())
		add(fmt.Sprintf("Ngày cuối cùng %s %s là ngày nghỉ (%s): thời hạn kết thúc vào ngày làm việc tiếp theo, %s %s (BLDS 2015 Điều 148.5).", lw.VI, last, why.VI, dw.VI, due),
			fmt.Sprintf("The last day, %s %s, is a day off (%s): the limit ends on the next working day, %s %s (Civil Code 2015 Art. 148.5).", lw.EN, last, why.EN, dw.EN, due))
	}
	dw := WeekdayLabel(k.Due.Weekday())
	var vi, en string
	if k.End.IsZero() {
		vi, en = fmt.Sprintf("hôm nay %s", k.Today), fmt.Sprintf("today, %s", k.Today)
	} else {
		vi, en = fmt.Sprintf("đóng ngày %s", k.End), fmt.Sprintf("closed on %s", k.End)
	}
	add(fmt.Sprintf("Kết quả: hạn cuối %s %s; %s: %s.", dw.VI, k.Due, vi, k.Words(VI)),
		fmt.Sprintf("Result: the last day is %s %s; %s: %s.", dw.EN, k.Due, en, k.Words(EN)))
	return ex
}

// unitsLeft counts the units from ref to due; negative past due.
func unitsLeft(cal *Calendar, u Unit, ref, due Date) int {
	if u == UnitCalendar {
		return ref.DaysUntil(due)
	}
	if ref.After(due) {
		return -max(1, cal.WorkingDaysBetween(due, ref))
	}
	return cal.WorkingDaysBetween(ref, due)
}

// Words says where the deadline stands, for a list or a status line:
// "còn 3 ngày làm việc", "hôm nay là hạn cuối", "quá hạn 2 ngày",
// "tạm dừng (tạm đình chỉ)", "đã xong đúng hạn", "đã xong, trễ hạn 4 ngày";
// "3 working days left", "due today", "2 days overdue", "stopped
// (suspended)", "closed on time", "closed 4 days late".
func (d Deadline) Words(lang Lang) string {
	n := d.Left
	if n < 0 {
		n = -n
	}
	vi := "ngày"
	en := "day"
	if d.Unit == UnitWorking {
		vi, en = "ngày làm việc", "working day"
	}
	if n != 1 {
		en += "s"
	}
	var l Label
	switch d.State {
	case DeadlineNone:
		l = Label{"không có thời hạn", "no time limit"}
	case DeadlineOnTime, DeadlineDueSoon:
		if d.Left == 0 {
			l = Label{"hôm nay là hạn cuối", "due today"}
		} else {
			l = Label{fmt.Sprintf("còn %d %s", n, vi), fmt.Sprintf("%d %s left", n, en)}
		}
	case DeadlineOverdue:
		l = Label{fmt.Sprintf("quá hạn %d %s", n, vi), fmt.Sprintf("%d %s overdue", n, en)}
	case DeadlineStopped:
		l = Label{"tạm dừng (tạm đình chỉ)", "stopped (suspended)"}
	case DeadlineMet:
		l = Label{"đã xong đúng hạn", "closed on time"}
	case DeadlineMissed:
		l = Label{fmt.Sprintf("đã xong, trễ hạn %d %s", n, vi), fmt.Sprintf("closed %d %s late", n, en)}
	default:
		l = Label{string(d.State), string(d.State)}
	}
	return l.In(lang)
}

// CanExtend says how many days the law lets this case's period be extended
// by now, or why not. start is the date the rule version is chosen by (the
// acceptance date; zero = c.Accepted).
//
// A denunciation's resolution may be extended up to the rule's
// MaxExtensions times, each by up to ExtensionDays (Luật Tố cáo Điều 30). A
// complaint cannot be extended: Luật Khiếu nại has no "gia hạn", only the
// longer limit of a complex case, so for a complaint not yet marked complex
// the answer is the extra days of marking it complex.
func CanExtend(c CaseClock, start Date) (days int, msg *Msg) {
	if !c.Closed.IsZero() {
		return 0, NewMsg("deadline", "Vụ việc đã đóng: không gia hạn được.", "The case is closed: it cannot be extended.")
	}
	if fromReceipt(c) {
		return 0, NewMsg("deadline", "Luật không cho phép gia hạn thời hạn này.", "The law allows no extension of this time limit.")
	}
	if c.Accepted.IsZero() {
		return 0, NewMsg("deadline", "Chưa thụ lý: chỉ thời hạn giải quyết mới gia hạn được, sau khi thụ lý.",
			"Not accepted yet: only the resolution period can be extended, after acceptance.")
	}
	if start.IsZero() {
		start = c.Accepted
	}
	r, ok := FindRule(StepResolve, c.Kind, c.Regime, c.Round, start)
	if !ok {
		return 0, NewMsg("deadline", "Không có quy định thời hạn giải quyết cho vụ việc này.", "No resolution time limit applies to this case.")
	}
	if r.MaxExtensions > 0 {
		if len(c.Extensions) >= r.MaxExtensions {
			return 0, NewMsg("deadline",
				fmt.Sprintf("Đã gia hạn %d lần, mức tối đa %s cho phép.", len(c.Extensions), r.Source),
				fmt.Sprintf("Already extended %d times, the most %s allows.", len(c.Extensions), r.Source))
		}
		return r.ExtensionDays, nil
	}
	if c.Kind == KindComplaint {
		if extra := r.DaysFor(true, c.Remote) - r.DaysFor(false, c.Remote); !c.Complex && extra > 0 {
			return extra, nil
		}
		return 0, NewMsg("deadline",
			fmt.Sprintf("Luật Khiếu nại không có gia hạn: vụ việc đã được tính theo thời hạn tối đa của vụ việc phức tạp (%d ngày, %s).", r.DaysFor(true, c.Remote), r.Source),
			fmt.Sprintf("The law on complaints has no extension: the case already has the longest limit, that of a complex case (%d days, %s).", r.DaysFor(true, c.Remote), r.Source))
	}
	return 0, NewMsg("deadline", fmt.Sprintf("%s không cho phép gia hạn.", r.Source), fmt.Sprintf("%s allows no extension.", r.Source))
}

// ListWords says where a running time limit stands in one unit for every
// list, whatever the rule counts in: calendar days from today to the last
// day ("còn 5 ngày", "quá hạn 3 ngày"; the last day itself came from the
// rule's own unit, and the explanation counts in it). Closed and stopped
// limits are said as Words says them.
func (d Deadline) ListWords(lang Lang, today Date) string {
	switch d.State {
	case DeadlineOnTime, DeadlineDueSoon, DeadlineOverdue:
	default:
		return d.Words(lang)
	}
	n := today.DaysUntil(d.Due)
	switch {
	case n == 0:
		return Label{"hạn hôm nay", "due today"}.In(lang)
	case n > 0:
		return Label{fmt.Sprintf("còn %d ngày", n), fmt.Sprintf("%d %s left", n, days(n))}.In(lang)
	}
	return Label{fmt.Sprintf("quá hạn %d ngày", -n), fmt.Sprintf("%d %s overdue", -n, days(-n))}.In(lang)
}

func days(n int) string {
	if n == 1 {
		return "day"
	}
	return "days"
}

// Mark is the sign a list puts before a limit, so that it reads without
// colour: ⚠ overdue, ! due within three working days, ‖ stopped.
func (d Deadline) Mark() string {
	switch d.State {
	case DeadlineOverdue:
		return "⚠"
	case DeadlineDueSoon:
		return "!"
	case DeadlineStopped:
		return "‖"
	}
	return " "
}

// QueueKey is where a case stands in the queue (Compare): open cases
// first, by due date, the suspended ones and those with no time limit
// after every date; closed ones newest first; then by number, upward
// among open cases, downward among closed ones. The store's lists and
// the queue screen's own re-sorting order by it.
type QueueKey struct {
	k  int64 // open: the due day, or stoppedKey; closed: after every open one, newest first
	no string
}

const (
	stoppedKey = 1 << 40 // after every day
	closedKey  = 1 << 41 // after every open case
)

// QueueKeyOf is the queue key of a case: open or not, its deadline's
// state and due day, the day it closed and its readable number.
func QueueKeyOf(open bool, state DeadlineState, due, closed Date, no string) QueueKey {
	day := func(d Date) int64 { return int64(d.Y)*10000 + int64(d.M)*100 + int64(d.D) }
	switch {
	case !open:
		return QueueKey{closedKey - day(closed), no}
	case state == DeadlineStopped || due.IsZero():
		return QueueKey{stoppedKey, no}
	}
	return QueueKey{day(due), no}
}

// Compare orders a before b (-1), after (1) or beside (0) in the queue.
func (a QueueKey) Compare(b QueueKey) int {
	if a.k != b.k {
		return cmp.Compare(a.k, b.k)
	}
	if a.k > stoppedKey { // closed: the newest number first
		return strings.Compare(b.no, a.no)
	}
	return strings.Compare(a.no, b.no)
}
