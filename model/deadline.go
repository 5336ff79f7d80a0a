package model

import (
	"fmt"
	"strings"
	"time"
)

// Deadlines are data (DOMAIN.md §2, DESIGN.md "Rules that come from the
// law"): one table of rules, each with its legal source, unit, start event
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
	Note          Label
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
		"Nội bộ công đoàn: QĐ 333/QĐ-TLĐ (2020) Điều 9 trở đi áp dụng cùng thời hạn với luật; QĐ 05/QĐ-TLĐ (2024) chưa đối chiếu [M].",
		"Union-internal: QĐ 333/QĐ-TLĐ (2020) Art. 9 onward applies the same figures as the law; QĐ 05/QĐ-TLĐ (2024) not checked [M].",
	}
	kindsKN = []PetitionKind{KindComplaint}
	kindsTC = []PetitionKind{KindDenunciation}
)

// Rules is the table of time limits (DOMAIN.md §2.2). FindRule picks the
// row that matches most specifically: a regime beats a kind, a kind beats a
// round; on a tie the earlier row wins.
var Rules = []Rule{
	// Xử lý đơn: classify a received petition.
	{ID: "don-process", Step: StepProcess, Days: 10, Unit: UnitWorking, Start: startRecv,
		Source: "TT 05/2021/TT-TTCP (điều khoản chưa đối chiếu)",
		Note: Label{"[M] Độ tin cậy thấp: chưa đọc điều khoản; 10 ngày làm việc là mặc định của một phần mềm KNTC. Sửa tại đây khi đối chiếu được.",
			"[M] Low confidence: the article was not read; 10 working days is a KNTC software's default. Correct it here once checked."}},
	{ID: "tc-process", Step: StepProcess, Kinds: kindsTC, Days: 7, ComplexDays: 10, Unit: UnitWorking, Start: startDenRcv,
		Source: "Luật Tố cáo 2018 Điều 24.1",
		Note: Label{"Vào sổ, phân loại, kiểm tra danh tính người tố cáo và điều kiện thụ lý; đến 10 ngày làm việc nếu phải kiểm tra ở nhiều địa điểm hoặc ủy quyền (đánh dấu \"phức tạp\").",
			"Log, classify, check the denouncer and the conditions of acceptance; up to 10 working days when several locations or a delegation are involved (mark the case \"complex\")."}},
	{ID: "nd-process", Step: StepProcess, Kinds: []PetitionKind{KindAnonymous}, Days: 10, Unit: UnitWorking, Start: startRecv,
		Source: "Luật Tố cáo 2018 Điều 25; TT 05/2021/TT-TTCP",
		Note: Label{"Thông tin tố cáo không rõ người tố cáo: không thụ lý giải quyết như tố cáo; xem xét, xử lý thông tin. Thời hạn 10 ngày làm việc [M].",
			"Denunciation information with no known denouncer: not accepted as a denunciation; the information is examined and acted on. 10 working days [M]."}},

	// Thụ lý: accept a complaint (first or second round) or a denunciation.
	{ID: "kn-accept-2020", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeAdmin, RegimeUnion}, Days: 10, Unit: UnitWorking, Start: startRecv,
		Source: "Luật Khiếu nại 2011 Điều 27, 36; NĐ 124/2020/NĐ-CP Điều 16 (trước đó TT 07/2013/TT-TTCP Điều 5)", To: before2026, Note: noteUnion},
	{ID: "kn-accept-2026", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeAdmin, RegimeUnion}, Days: 7, Unit: UnitWorking, Start: startRecv,
		Source: "NĐ 124/2020/NĐ-CP Điều 16.1, sửa đổi bởi NĐ 155/2026/NĐ-CP Điều 10", From: law2026,
		Note: Label{"[V~] Văn bản NĐ 155/2026 chỉ đọc qua bản sao. " + noteUnion.VI, "[V~] NĐ 155/2026 read only in a mirror. " + noteUnion.EN}},
	{ID: "ld-kn-accept-1-2020", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 1, Days: 10, Unit: UnitWorking, Start: startRecv,
		Source: "Luật Khiếu nại 2011 Điều 27; NĐ 124/2020/NĐ-CP Điều 16 (áp dụng chung)", To: before2026,
		Note: Label{"[M] Thời hạn thụ lý khiếu nại lao động lần đầu của NĐ 24/2018 chưa đối chiếu; tạm dùng quy tắc chung.",
			"[M] The first-round acceptance limit of NĐ 24/2018 was not checked; the general rule is used meanwhile."}},
	{ID: "ld-kn-accept-1-2026", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 1, Days: 7, Unit: UnitWorking, Start: startRecv,
		Source: "NĐ 124/2020/NĐ-CP Điều 16.1 sửa đổi bởi NĐ 155/2026/NĐ-CP (áp dụng chung)", From: law2026,
		Note: Label{"[M] Thời hạn thụ lý khiếu nại lao động lần đầu của NĐ 24/2018 chưa đối chiếu; tạm dùng quy tắc chung.",
			"[M] The first-round acceptance limit of NĐ 24/2018 was not checked; the general rule is used meanwhile."}},
	{ID: "ld-kn-accept-2", Step: StepAccept, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 2, Days: 7, Unit: UnitWorking, Start: startRecv,
		Source: "NĐ 24/2018/NĐ-CP Điều 27",
		Note:   Label{"[V~] Theo mã nguồn trích nghị định, chưa đối chiếu Công báo.", "[V~] As quoted by a code repository; not checked against the gazette."}},
	{ID: "tc-accept", Step: StepAccept, Kinds: kindsTC, Days: 7, ComplexDays: 10, Unit: UnitWorking, Start: startDenRcv,
		Source: "Luật Tố cáo 2018 Điều 24.1",
		Note: Label{"Thụ lý sau khi kiểm tra trong 7 ngày làm việc kể từ ngày nhận tố cáo; đến 10 ngày làm việc nếu phải kiểm tra ở nhiều địa điểm hoặc ủy quyền (đánh dấu \"phức tạp\").",
			"Accepted after the check, within 7 working days of receipt; up to 10 working days when several locations or a delegation are involved (mark the case \"complex\")."}},

	// Giải quyết: resolve.
	{ID: "kn-resolve-1", Step: StepResolve, Kinds: kindsKN, Regimes: []Regime{RegimeAdmin, RegimeUnion}, Round: 1,
		Days: 30, ComplexDays: 45, RemoteDays: 45, RemoteComplexDays: 60, Unit: UnitCalendar, Start: startAcc,
		Source: "Luật Khiếu nại 2011 Điều 28", Note: noteUnion},
	{ID: "kn-resolve-2", Step: StepResolve, Kinds: kindsKN, Regimes: []Regime{RegimeAdmin, RegimeUnion}, Round: 2,
		Days: 45, ComplexDays: 60, RemoteDays: 60, RemoteComplexDays: 70, Unit: UnitCalendar, Start: startAcc,
		Source: "Luật Khiếu nại 2011 Điều 37", Note: noteUnion},
	{ID: "ld-kn-resolve-1", Step: StepResolve, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 1,
		Days: 30, ComplexDays: 45, RemoteDays: 45, RemoteComplexDays: 60, Unit: UnitCalendar, Start: startAcc,
		Source: "NĐ 24/2018/NĐ-CP Điều 20 (Điều 14 trong một bản khác)",
		Note:   Label{"[V~] Theo mã nguồn trích nghị định, chưa đối chiếu Công báo.", "[V~] As quoted by a code repository; not checked against the gazette."}},
	{ID: "ld-kn-resolve-2", Step: StepResolve, Kinds: kindsKN, Regimes: []Regime{RegimeLabour}, Round: 2,
		Days: 45, ComplexDays: 60, RemoteDays: 60, RemoteComplexDays: 70, Unit: UnitCalendar, Start: startAcc,
		Source: "NĐ 24/2018/NĐ-CP (khiếu nại lần hai)",
		Note: Label{"[M] Giả định như Luật Khiếu nại Điều 37 (45/60, vùng sâu 60/70); điều khoản của NĐ 24/2018 chưa đối chiếu.",
			"[M] Assumed to be those of Luật Khiếu nại Art. 37 (45/60, remote 60/70); the article of NĐ 24/2018 was not checked."}},
	{ID: "tc-resolve", Step: StepResolve, Kinds: kindsTC, Days: 30, Unit: UnitCalendar, Start: startAcc,
		Source: "Luật Tố cáo 2018 Điều 30", ExtensionDays: 30, MaxExtensions: 2,
		Note: Label{"Vụ việc phức tạp: gia hạn một lần, đặc biệt phức tạp: hai lần, mỗi lần không quá 30 ngày (Điều 30.2–3; tiêu chí tại NĐ 31/2019 Điều 3).",
			"Complex case: one extension, very complex: two, each of at most 30 days (Art. 30.2–3; criteria in NĐ 31/2019 Art. 3)."}},
	{ID: "kn-pa-resolve", Step: StepResolve, Kinds: []PetitionKind{KindRecommendation, KindReport}, Days: 10, Unit: UnitWorking, Start: startDesk,
		Source: "Luật Tiếp công dân 2013 Điều 26.2, 28.1",
		Note: Label{"Kiến nghị, phản ánh: trả lời (hoặc chuyển) trong 10 ngày làm việc kể từ ngày nhận; đây cũng là thời hạn giải quyết.",
			"Recommendations and reports: answered (or forwarded) within 10 working days of receipt; that is also the resolution limit."}},
	{ID: "kn-pa-resolve-citizens", Step: StepResolve, Regimes: []Regime{RegimeCitizens}, Days: 10, Unit: UnitWorking, Start: startDesk,
		Source: "Luật Tiếp công dân 2013 Điều 26.2, 28.1",
		Note: Label{"Kiến nghị, phản ánh: trả lời (hoặc chuyển) trong 10 ngày làm việc kể từ ngày nhận; đây cũng là thời hạn giải quyết.",
			"Recommendations and reports: answered (or forwarded) within 10 working days of receipt; that is also the resolution limit."}},
	{ID: "tcld-mediate", Step: StepResolve, Regimes: []Regime{RegimeDispute}, Days: 5, Unit: UnitWorking, Start: startMed,
		Source: "BLLĐ 2019 Điều 188.2",
		Note: Label{"[M] Hòa giải viên lao động kết thúc hòa giải trong 5 ngày làm việc; chưa đối chiếu.",
			"[M] The labour mediator finishes mediation within 5 working days; not checked."}},

	// Trả lời người được tiếp sau buổi tiếp.
	{ID: "tcd-answer", Step: StepAnswer, Days: 10, Unit: UnitWorking, Start: startDesk,
		Source: "Luật Tiếp công dân 2013 Điều 28.1",
		Note: Label{"Trả lời người được tiếp về việc thụ lý, cần thêm thời gian, từ chối hoặc chuyển đơn.",
			"Tell the visitor whether the matter is accepted, needs more time, is refused or forwarded."}},
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
	d, _ := caseDeadline(c, cal, today, false)
	return d
}

// ExplainDeadline explains ComputeDeadline step by step, in both languages:
// the rule and its source, the start day and that it is not counted, every
// counted and every skipped day with the reason, the extensions, the move
// when the last day is a day off, and the result.
func ExplainDeadline(c CaseClock, cal *Calendar, today Date) []Label {
	_, ex := caseDeadline(c, cal, today, true)
	return ex
}

// ProcessDeadline is the time limit for processing (classifying) a received
// petition, for the classification inbox.
func ProcessDeadline(kind PetitionKind, regime Regime, received Date, cal *Calendar, today Date) Deadline {
	c := CaseClock{Kind: kind, Regime: regime, Received: received}
	r, ok := FindRule(StepProcess, kind, regime, 0, received)
	if !ok || received.IsZero() {
		return Deadline{Step: StepProcess}
	}
	d, _ := countDeadline(c, r, StepProcess, received, Date{}, cal, today, false)
	return d
}

// fromReceipt reports whether a case has no acceptance step.
func fromReceipt(c CaseClock) bool {
	return c.Kind == KindRecommendation || c.Kind == KindReport ||
		c.Regime == RegimeCitizens || c.Regime == RegimeDispute
}

func caseDeadline(c CaseClock, cal *Calendar, today Date, explain bool) (Deadline, []Label) {
	step, start := StepResolve, c.Accepted
	switch {
	case fromReceipt(c):
		start = c.Received
	case c.Accepted.IsZero():
		step, start = StepAccept, c.Received
	}
	if start.IsZero() {
		return Deadline{Step: step}, noDeadlineWhy(explain, Label{
			"Chưa có ngày bắt đầu (ngày nhận đơn hoặc ngày thụ lý): chưa tính được thời hạn.",
			"No start date yet (receipt or acceptance): no time limit can be computed."})
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
		return Deadline{Step: step}, noDeadlineWhy(explain, Label{
			fmt.Sprintf("Không có quy định thời hạn cho bước %s của loại đơn %s, chế độ %s.",
				strings.ToLower(step.Label().VI), strings.ToLower(c.Kind.Label().VI), strings.ToLower(c.Regime.Label().VI)),
			fmt.Sprintf("No time limit is set for %s of a %s petition under the %s regime.",
				strings.ToLower(step.Label().EN), strings.ToLower(c.Kind.Label().EN), strings.ToLower(c.Regime.Label().EN))})
	}
	return countDeadline(c, r, step, start, end, cal, today, explain)
}

func noDeadlineWhy(explain bool, l Label) []Label {
	if !explain {
		return nil
	}
	return []Label{l}
}

// suspSpan is a run of suspended day numbers, [from, to).
type suspSpan struct{ from, to int }

// countDeadline is the one computation behind ComputeDeadline, ExplainDeadline and
// ProcessDeadline; explain adds the words.
func countDeadline(c CaseClock, r Rule, step Step, start, end Date, cal *Calendar, today Date, explain bool) (Deadline, []Label) {
	cal = cal.self()
	var ex []Label
	add := func(vi, en string) { ex = append(ex, Label{vi, en}) }
	unit := r.Unit.Label()
	n := r.DaysFor(c.Complex, c.Remote)

	if explain {
		add(fmt.Sprintf("Bước: %s. Quy định: %s (%s): %d %s kể từ %s.", strings.ToLower(step.Label().VI), r.Source, r.ID, n, unit.VI, r.Start.VI),
			fmt.Sprintf("Step: %s. Rule: %s (%s): %d %s from %s.", strings.ToLower(step.Label().EN), r.Source, r.ID, n, unit.EN, r.Start.EN))
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
	}

	// Extensions (denunciations only, up to the rule's maximum).
	total := n
	for i, e := range c.Extensions {
		switch {
		case step != StepResolve || r.MaxExtensions == 0:
			if explain {
				add(fmt.Sprintf("Gia hạn ngày %s không được tính: %s không cho phép gia hạn.", e.On, r.Source),
					fmt.Sprintf("The extension of %s is not counted: %s allows no extension.", e.On, r.Source))
			}
		case i >= r.MaxExtensions:
			if explain {
				add(fmt.Sprintf("Gia hạn lần %d (%s) không được tính: chỉ được gia hạn tối đa %d lần.", i+1, e.On, r.MaxExtensions),
					fmt.Sprintf("Extension %d (%s) is not counted: at most %d extensions are allowed.", i+1, e.On, r.MaxExtensions))
			}
		default:
			days := max(0, e.Days)
			if r.ExtensionDays > 0 {
				days = min(days, r.ExtensionDays)
			}
			total += days
			if explain {
				why := ""
				if e.Reason != "" {
					why = " (" + e.Reason + ")"
				}
				add(fmt.Sprintf("Gia hạn lần %d ngày %s: thêm %d %s%s.", i+1, e.On, days, unit.VI, why),
					fmt.Sprintf("Extension %d on %s: %d more %s%s.", i+1, e.On, days, unit.EN, why))
			}
		}
	}
	if explain && total != n {
		add(fmt.Sprintf("Tổng cộng: %d %s.", total, unit.VI), fmt.Sprintf("In all: %d %s.", total, unit.EN))
	}

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
		if explain {
			first, last := fromJDN(sp.from), fromJDN(sp.to-1)
			if running {
				add(fmt.Sprintf("Tạm đình chỉ từ %s, đang tạm đình chỉ: %d ngày từ %s đến %s không được tính; mỗi ngày tạm đình chỉ thêm lùi hạn thêm một ngày.", s.From, sp.to-sp.from, first, last),
					fmt.Sprintf("Suspended since %s and still suspended: the %d days from %s to %s are not counted; each further day of suspension moves the last day by one.", s.From, sp.to-sp.from, first, last))
			} else {
				add(fmt.Sprintf("Tạm đình chỉ từ %s, tiếp tục từ %s: %d ngày từ %s đến %s không được tính.", s.From, s.To, sp.to-sp.from, first, last),
					fmt.Sprintf("Suspended on %s, resumed on %s: the %d days from %s to %s are not counted.", s.From, s.To, sp.to-sp.from, first, last))
			}
		}
	}
	if explain {
		wd := WeekdayLabel(start.Weekday())
		ex = append(ex, Label{
			fmt.Sprintf("Ngày bắt đầu: %s %s (%s) — không tính ngày này; thời hạn tính từ ngày hôm sau (BLDS 2015 Điều 147).", wd.VI, start, r.Start.VI),
			fmt.Sprintf("Start: %s %s (%s) — this day is not counted; counting begins the next day (Civil Code 2015 Art. 147).", wd.EN, start, r.Start.EN),
		})
	}

	// The count, day by day.
	jd, counted := startJD, 0
	for counted < total {
		jd++
		if inSuspension(spans, jd) {
			if explain {
				explainDay(&ex, jd, Label{"không tính: tạm đình chỉ", "not counted: suspended"})
			}
			continue
		}
		if r.Unit == UnitWorking && !cal.workingJD(jd) {
			if explain {
				why, _ := cal.whyJD(jd)
				explainDay(&ex, jd, Label{"không tính: " + why.VI, "not counted: " + why.EN})
			}
			continue
		}
		counted++
		if explain {
			l := Label{fmt.Sprintf("ngày thứ %d", counted), fmt.Sprintf("day %d", counted)}
			if why, off := cal.whyJD(jd); off {
				l.VI += " (" + why.VI + ", ngày nghỉ vẫn được tính vì thời hạn tính theo ngày)"
				l.EN += " (" + why.EN + "; a day off still counts in a limit of calendar days)"
			}
			explainDay(&ex, jd, l)
		}
	}
	dueJD := jd
	if r.Unit == UnitCalendar && !cal.workingJD(jd) {
		dueJD = cal.nextWorkingJD(jd)
		if explain {
			why, _ := cal.whyJD(jd)
			last, due := fromJDN(jd), fromJDN(dueJD)
			lw, dw := WeekdayLabel(last.Weekday()), WeekdayLabel(due.Weekday())
			ex = append(ex, Label{
				fmt.Sprintf("Ngày cuối cùng %s %s là ngày nghỉ (%s): thời hạn kết thúc vào ngày làm việc tiếp theo, %s %s (BLDS 2015 Điều 148.5).", lw.VI, last, why.VI, dw.VI, due),
				fmt.Sprintf("The last day, %s %s, is a day off (%s): the limit ends on the next working day, %s %s (Civil Code 2015 Art. 148.5).", lw.EN, last, why.EN, dw.EN, due),
			})
		}
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

	if explain {
		dw := WeekdayLabel(d.Due.Weekday())
		var vi, en string
		if end.IsZero() {
			vi, en = fmt.Sprintf("hôm nay %s", today), fmt.Sprintf("today, %s", today)
		} else {
			vi, en = fmt.Sprintf("đóng ngày %s", end), fmt.Sprintf("closed on %s", end)
		}
		ex = append(ex, Label{
			fmt.Sprintf("Kết quả: hạn cuối %s %s; %s: %s.", dw.VI, d.Due, vi, d.Words(VI)),
			fmt.Sprintf("Result: the last day is %s %s; %s: %s.", dw.EN, d.Due, en, d.Words(EN)),
		})
	}
	return d, ex
}

func inSuspension(spans []suspSpan, jd int) bool {
	for _, s := range spans {
		if jd >= s.from && jd < s.to {
			return true
		}
	}
	return false
}

func explainDay(ex *[]Label, jd int, what Label) {
	d := fromJDN(jd)
	w := WeekdayLabel(d.Weekday())
	*ex = append(*ex, Label{
		fmt.Sprintf("%s %s: %s", w.VI, d, what.VI),
		fmt.Sprintf("%s %s: %s", w.EN, d, what.EN),
	})
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
