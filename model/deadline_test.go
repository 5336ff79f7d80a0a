package model

import (
	"cmp"
	"strings"
	"testing"
	"time"
)

// Weekdays used below (2026 begins on a Thursday): Thu 12/2, Mon 2/3,
// Fri 6/3, Wed 1/4, Sun 5/4, Sun 26/4, Fri 1/5, Mon 22/6, Tue 30/6,
// Wed 1/7, Fri 10/7.

func TestRulesTable(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Rules {
		if r.ID == "" || ids[r.ID] {
			t.Errorf("rule id %q missing or repeated", r.ID)
		}
		ids[r.ID] = true
		if r.Source == "" || r.Start.VI == "" || r.Start.EN == "" || r.Days <= 0 {
			t.Errorf("%s: incomplete rule %+v", r.ID, r)
		}
		if r.Unit != UnitCalendar && r.Unit != UnitWorking {
			t.Errorf("%s: unit %q", r.ID, r.Unit)
		}
		if r.Note.VI != "" && r.Note.EN == "" {
			t.Errorf("%s: note without English", r.ID)
		}
		if !r.To.IsZero() && r.To.Before(r.From) {
			t.Errorf("%s: To before From", r.ID)
		}
	}
	// Versions of one rule join without a gap or an overlap.
	for _, pair := range [][2]string{{"kn-accept-2020", "kn-accept-2026"}, {"ld-kn-accept-1-2020", "ld-kn-accept-1-2026"}} {
		var a, b Rule
		for _, r := range Rules {
			switch r.ID {
			case pair[0]:
				a = r
			case pair[1]:
				b = r
			}
		}
		if a.To.AddDays(1) != b.From {
			t.Errorf("%s ends %s, %s starts %s", a.ID, a.To, b.ID, b.From)
		}
	}
}

func TestFindRule(t *testing.T) {
	tests := []struct {
		step   Step
		kind   PetitionKind
		regime Regime
		round  int
		start  Date
		want   string
	}{
		{StepAccept, KindComplaint, RegimeAdmin, 1, ymd(2026, 6, 30), "kn-accept-2020"},
		{StepAccept, KindComplaint, RegimeAdmin, 1, ymd(2026, 7, 1), "kn-accept-2026"},
		{StepAccept, KindComplaint, RegimeUnion, 2, ymd(2026, 7, 1), "kn-accept-2026"},
		{StepAccept, KindComplaint, RegimeLabour, 0, ymd(2026, 6, 1), "ld-kn-accept-1-2020"},
		{StepAccept, KindComplaint, RegimeLabour, 2, ymd(2026, 6, 1), "ld-kn-accept-2"},
		{StepAccept, KindDenunciation, RegimeUnion, 0, ymd(2026, 6, 1), "tc-accept"},
		{StepResolve, KindComplaint, RegimeAdmin, 0, ymd(2026, 6, 1), "kn-resolve-1"},
		{StepResolve, KindComplaint, RegimeUnion, 2, ymd(2026, 6, 1), "kn-resolve-2"},
		{StepResolve, KindComplaint, RegimeLabour, 1, ymd(2026, 6, 1), "ld-kn-resolve-1"},
		{StepResolve, KindComplaint, RegimeLabour, 2, ymd(2026, 6, 1), "ld-kn-resolve-2"},
		{StepResolve, KindDenunciation, RegimeAdmin, 0, ymd(2026, 6, 1), "tc-resolve"},
		{StepResolve, KindRecommendation, RegimeUnion, 0, ymd(2026, 6, 1), "kn-pa-resolve"},
		{StepResolve, KindComplaint, RegimeCitizens, 0, ymd(2026, 6, 1), "kn-pa-resolve-citizens"},
		{StepResolve, KindComplaint, RegimeDispute, 0, ymd(2026, 6, 1), "tcld-mediate"},
		{StepProcess, KindComplaint, RegimeAdmin, 0, ymd(2026, 6, 1), "don-process"},
		{StepProcess, KindDenunciation, RegimeAdmin, 0, ymd(2026, 6, 1), "tc-process"},
		{StepProcess, KindAnonymous, RegimeAdmin, 0, ymd(2026, 6, 1), "nd-process"},
		{StepAnswer, KindComplaint, RegimeAdmin, 0, ymd(2026, 6, 1), "tcd-answer"},
		{StepAccept, KindAnonymous, RegimeAdmin, 0, ymd(2026, 6, 1), ""},
		{StepAccept, KindMixed, RegimeAdmin, 0, ymd(2026, 6, 1), ""},
	}
	for _, tt := range tests {
		r, ok := FindRule(tt.step, tt.kind, tt.regime, tt.round, tt.start)
		if r.ID != tt.want || ok != (tt.want != "") {
			t.Errorf("FindRule(%s, %s, %s, %d, %s) = %q %v, want %q", tt.step, tt.kind, tt.regime, tt.round, tt.start, r.ID, ok, tt.want)
		}
	}
}

func TestComputeDeadline(t *testing.T) {
	tet := NewCalendar(DefaultOverrides())
	tests := []struct {
		name  string
		cal   *Calendar
		c     CaseClock
		today Date
		rule  string
		due   Date
		state DeadlineState
		left  int
		vi    string
		en    string
	}{
		{
			// Received Mon 22/6/2026, before 1/7/2026: 10 working days.
			// Tue 23 (1), Wed 24 (2), Thu 25 (3), Fri 26 (4), Mon 29 (5),
			// Tue 30 (6), Wed 1/7 (7), Thu 2/7 (8), Fri 3/7 (9), Mon 6/7 (10).
			// Today Mon 22/6: (22/6, 6/7] holds 10 working days → on time.
			name:  "complaint accepted within 10 working days before 1/7/2026",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Round: 1, Received: ymd(2026, 6, 22)},
			today: ymd(2026, 6, 22), rule: "kn-accept-2020", due: ymd(2026, 7, 6), state: DeadlineOnTime, left: 10,
			vi: "còn 10 ngày làm việc", en: "10 working days left",
		},
		{
			// Received Tue 30/6/2026: still the old version (chosen by the
			// start date). Wed 1/7 (1), Thu 2 (2), Fri 3 (3), Mon 6 (4) …
			// Fri 10 (8), Mon 13 (9), Tue 14/7 (10).
			name:  "received on 30/6/2026 keeps 10 working days",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeUnion, Received: ymd(2026, 6, 30)},
			today: ymd(2026, 6, 30), rule: "kn-accept-2020", due: ymd(2026, 7, 14), state: DeadlineOnTime, left: 10,
		},
		{
			// Received Wed 1/7/2026: 7 working days. Thu 2 (1), Fri 3 (2),
			// Mon 6 (3), Tue 7 (4), Wed 8 (5), Thu 9 (6), Fri 10/7 (7).
			name:  "complaint accepted within 7 working days from 1/7/2026",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 1), rule: "kn-accept-2026", due: ymd(2026, 7, 10), state: DeadlineOnTime, left: 7,
		},
		{
			// Received Thu 12/2/2026, 10 working days: Fri 13/2 (1); Sat 14
			// to Sun 22/2 are Tết Bính Ngọ, skipped; Mon 23 (2), Tue 24 (3),
			// Wed 25 (4), Thu 26 (5), Fri 27 (6); Sat 28/2, Sun 1/3 skipped;
			// Mon 2/3 (7), Tue 3 (8), Wed 4 (9), Thu 5/3 (10).
			// Today Fri 13/2: 9 working days in (13/2, 5/3].
			name:  "acceptance window across Tết 2026",
			cal:   tet,
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 12)},
			today: ymd(2026, 2, 13), rule: "kn-accept-2020", due: ymd(2026, 3, 5), state: DeadlineOnTime, left: 9,
		},
		{
			// Accepted Fri 6/3/2026, 30 days: 6/3 + 30 = Sun 5/4/2026, not a
			// working day → Mon 6/4 (BLDS Điều 148.5). Today 1/4: 5 days left,
			// and (1/4, 6/4] holds Thu 2, Fri 3, Mon 6 = 3 working days → due soon.
			name:  "calendar-day limit ending on a Sunday moves to Monday",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Round: 1, Received: ymd(2026, 2, 26), Accepted: ymd(2026, 3, 6)},
			today: ymd(2026, 4, 1), rule: "kn-resolve-1", due: ymd(2026, 4, 6), state: DeadlineDueSoon, left: 5,
			vi: "còn 5 ngày", en: "5 days left",
		},
		{
			// As the 7-working-day case above (due Fri 10/7), but the site
			// gives Friday 10/7 off in lieu: Mon 13/7 becomes day 7.
			name:  "a site's compensatory day pushes the deadline",
			cal:   NewCalendar([]Override{{Date: ymd(2026, 7, 10), Kind: DayCompensatory, Name: "Nghỉ bù (quyết định của đơn vị)", Source: "Thông báo số 12/TB-LĐLĐ"}}),
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 1), rule: "kn-accept-2026", due: ymd(2026, 7, 13), state: DeadlineOnTime, left: 7,
		},
		{
			// Saturday 4/7 is a swapped working day: Thu 2 (1), Fri 3 (2),
			// Sat 4 (3), Mon 6 (4), Tue 7 (5), Wed 8 (6), Thu 9/7 (7).
			name:  "a swapped working Saturday counts",
			cal:   NewCalendar([]Override{{Date: ymd(2026, 7, 4), Kind: DayWork, Name: "Làm bù"}}),
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 1), rule: "kn-accept-2026", due: ymd(2026, 7, 9), state: DeadlineOnTime, left: 7,
		},
		{
			// Denunciation accepted Mon 2/3/2026: 30 days → Wed 1/4/2026.
			name:  "denunciation, no extension",
			c:     CaseClock{Kind: KindDenunciation, Regime: RegimeAdmin, Received: ymd(2026, 2, 23), Accepted: ymd(2026, 3, 2)},
			today: ymd(2026, 3, 2), rule: "tc-resolve", due: ymd(2026, 4, 1), state: DeadlineOnTime, left: 30,
		},
		{
			// One extension: 60 days → Fri 1/5/2026, a holiday; Sat 2, Sun 3
			// → Mon 4/5.
			name: "denunciation extended once",
			c: CaseClock{Kind: KindDenunciation, Regime: RegimeAdmin, Received: ymd(2026, 2, 23), Accepted: ymd(2026, 3, 2),
				Extensions: []Extension{{On: ymd(2026, 3, 30), Days: 30, Reason: "phức tạp"}}},
			today: ymd(2026, 3, 30), rule: "tc-resolve", due: ymd(2026, 5, 4), state: DeadlineOnTime, left: 35,
		},
		{
			// Two extensions: 90 days → 2/3 + 90 = Sun 31/5/2026 → Mon 1/6.
			// A third is not counted.
			name: "denunciation extended twice (a third ignored)",
			c: CaseClock{Kind: KindDenunciation, Regime: RegimeAdmin, Received: ymd(2026, 2, 23), Accepted: ymd(2026, 3, 2),
				Extensions: []Extension{{On: ymd(2026, 3, 30), Days: 30}, {On: ymd(2026, 4, 28), Days: 30}, {On: ymd(2026, 5, 25), Days: 30}}},
			today: ymd(2026, 5, 25), rule: "tc-resolve", due: ymd(2026, 6, 1), state: DeadlineOnTime, left: 7,
		},
		{
			// Accepted Mon 2/3/2026, 30 days → Wed 1/4. Suspended from 10/3,
			// resumed 20/3: 10/3–19/3 = 10 days not counted → 1/4 + 10 =
			// Sat 11/4 → Mon 13/4. Today 1/4: 12 days left.
			name: "a 10-day suspension pushes the due date",
			c: CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 20), Accepted: ymd(2026, 3, 2),
				Suspensions: []Suspension{{From: ymd(2026, 3, 10), To: ymd(2026, 3, 20)}}},
			today: ymd(2026, 4, 1), rule: "kn-resolve-1", due: ymd(2026, 4, 13), state: DeadlineOnTime, left: 12,
		},
		{
			// Still suspended on 15/3: 10/3–15/3 = 6 days not counted so far
			// → 1/4 + 6 = Tue 7/4; 23 days left, frozen (as on 9/3, the day
			// before the suspension: 9/3 → 1/4 = 23).
			name: "stopped while suspended",
			c: CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 20), Accepted: ymd(2026, 3, 2),
				Suspensions: []Suspension{{From: ymd(2026, 3, 10)}}},
			today: ymd(2026, 3, 15), rule: "kn-resolve-1", due: ymd(2026, 4, 7), state: DeadlineStopped, left: 23,
			vi: "tạm dừng (tạm đình chỉ)", en: "stopped (suspended)",
		},
		{
			// A working-day limit and a suspension: due Fri 10/7 without it;
			// suspended Mon 6/7, resumed Wed 8/7: Mon 6 and Tue 7 not counted
			// → Thu 2 (1), Fri 3 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5),
			// Mon 13 (6), Tue 14/7 (7).
			name: "suspension of a working-day limit",
			c: CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1),
				Suspensions: []Suspension{{From: ymd(2026, 7, 6), To: ymd(2026, 7, 8)}}},
			today: ymd(2026, 7, 8), rule: "kn-accept-2026", due: ymd(2026, 7, 14), state: DeadlineOnTime, left: 4,
		},
		{
			// Due Wed 1/4/2026 (accepted 2/3); concluded Mon 6/4: 5 days late.
			name:  "concluded after the deadline",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 20), Accepted: ymd(2026, 3, 2), Closed: ymd(2026, 4, 6)},
			today: ymd(2026, 5, 1), rule: "kn-resolve-1", due: ymd(2026, 4, 1), state: DeadlineMissed, left: -5,
			vi: "đã xong, trễ hạn 5 ngày", en: "closed 5 days late",
		},
		{
			name:  "concluded on the last day",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 20), Accepted: ymd(2026, 3, 2), Closed: ymd(2026, 4, 1)},
			today: ymd(2026, 5, 1), rule: "kn-resolve-1", due: ymd(2026, 4, 1), state: DeadlineMet, left: 0,
			vi: "đã xong đúng hạn", en: "closed on time",
		},
		{
			// Due Fri 10/7/2026. Today Tue 7/7: (7/7, 10/7] = Wed 8, Thu 9, Fri 10 → 3.
			name:  "due soon at 3 working days",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 7), rule: "kn-accept-2026", due: ymd(2026, 7, 10), state: DeadlineDueSoon, left: 3,
			vi: "còn 3 ngày làm việc", en: "3 working days left",
		},
		{
			// Today Mon 6/7: Tue 7 … Fri 10 → 4 working days, on time.
			name:  "on time at 4 working days",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 6), rule: "kn-accept-2026", due: ymd(2026, 7, 10), state: DeadlineOnTime, left: 4,
		},
		{
			name:  "due today",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 10), rule: "kn-accept-2026", due: ymd(2026, 7, 10), state: DeadlineDueSoon, left: 0,
			vi: "hôm nay là hạn cuối", en: "due today",
		},
		{
			// Today Sat 11/7, past Fri 10/7: overdue; no working day has
			// passed yet, counted as 1.
			name:  "overdue on the weekend after",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 11), rule: "kn-accept-2026", due: ymd(2026, 7, 10), state: DeadlineOverdue, left: -1,
			vi: "quá hạn 1 ngày làm việc", en: "1 working day overdue",
		},
		{
			// Today Wed 15/7: (10/7, 15/7] = Mon 13, Tue 14, Wed 15 → 3.
			name:  "overdue by 3 working days",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 15), rule: "kn-accept-2026", due: ymd(2026, 7, 10), state: DeadlineOverdue, left: -3,
			vi: "quá hạn 3 ngày làm việc", en: "3 working days overdue",
		},
		{
			// Calendar days: due Mon 6/4 (see above); today Wed 8/4 → 2 days.
			name:  "overdue in calendar days",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 26), Accepted: ymd(2026, 3, 6)},
			today: ymd(2026, 4, 8), rule: "kn-resolve-1", due: ymd(2026, 4, 6), state: DeadlineOverdue, left: -2,
			vi: "quá hạn 2 ngày", en: "2 days overdue",
		},
		{
			// Remote and complex, first round: 60 days from Mon 2/3/2026 =
			// Fri 1/5 (Quốc tế Lao động); Sat 2, Sun 3 → Mon 4/5.
			name:  "remote and complex first complaint",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Round: 1, Complex: true, Remote: true, Received: ymd(2026, 2, 20), Accepted: ymd(2026, 3, 2)},
			today: ymd(2026, 3, 2), rule: "kn-resolve-1", due: ymd(2026, 5, 4), state: DeadlineOnTime, left: 63,
		},
		{
			// Remote and complex, second round: 70 days: 1/5 + 10 = Mon 11/5.
			name:  "remote and complex second complaint",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeUnion, Round: 2, Complex: true, Remote: true, Received: ymd(2026, 2, 20), Accepted: ymd(2026, 3, 2)},
			today: ymd(2026, 3, 2), rule: "kn-resolve-2", due: ymd(2026, 5, 11), state: DeadlineOnTime, left: 70,
		},
		{
			// Labour, second round: 7 working days even before 1/7/2026.
			// Received Mon 22/6: Tue 23 … Fri 26 (4), Mon 29 (5), Tue 30 (6), Wed 1/7 (7).
			name:  "labour complaint, second round acceptance",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeLabour, Round: 2, Received: ymd(2026, 6, 22)},
			today: ymd(2026, 6, 22), rule: "ld-kn-accept-2", due: ymd(2026, 7, 1), state: DeadlineOnTime, left: 7,
		},
		{
			// A recommendation runs from receipt, accepted or not: Wed 1/7
			// + 10 working days = Thu 2, Fri 3, Mon 6 … Fri 10 (7), Mon 13,
			// Tue 14, Wed 15/7 (10).
			name:  "recommendation answered within 10 working days",
			c:     CaseClock{Kind: KindRecommendation, Regime: RegimeCitizens, Received: ymd(2026, 7, 1), Accepted: ymd(2026, 7, 3)},
			today: ymd(2026, 7, 1), rule: "kn-pa-resolve-citizens", due: ymd(2026, 7, 15), state: DeadlineOnTime, left: 10,
		},
		{
			// Labour dispute: mediation within 5 working days of receipt:
			// Thu 2, Fri 3, Mon 6, Tue 7, Wed 8/7.
			name:  "labour dispute mediation",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeDispute, Received: ymd(2026, 7, 1)},
			today: ymd(2026, 7, 1), rule: "tcld-mediate", due: ymd(2026, 7, 8), state: DeadlineOnTime, left: 5,
		},
		{
			// Anonymous information is never accepted: its processing limit,
			// 10 working days → Wed 15/7; classified on 3/7 → met.
			name:  "anonymous information is processed, not accepted",
			c:     CaseClock{Kind: KindAnonymous, Regime: RegimeAdmin, Received: ymd(2026, 7, 1), Classified: ymd(2026, 7, 3)},
			today: ymd(2026, 7, 20), rule: "nd-process", due: ymd(2026, 7, 15), state: DeadlineMet, left: 8,
		},
		{
			name:  "no received date, no deadline",
			c:     CaseClock{Kind: KindComplaint, Regime: RegimeAdmin},
			today: ymd(2026, 7, 1), state: DeadlineNone,
			vi: "không có thời hạn", en: "no time limit",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComputeDeadline(tt.c, tt.cal, tt.today)
			if got.Rule.ID != tt.rule || got.Due != tt.due || got.State != tt.state || got.Left != tt.left {
				t.Errorf("got rule %q due %s state %q left %d; want %q %s %q %d",
					got.Rule.ID, got.Due, got.State, got.Left, tt.rule, tt.due, tt.state, tt.left)
			}
			if got.Rule.ID != "" && (got.Unit != got.Rule.Unit || got.Step != got.Rule.Step) {
				t.Errorf("unit %q step %q disagree with the rule", got.Unit, got.Step)
			}
			if tt.vi != "" {
				if w := got.Words(VI); w != tt.vi {
					t.Errorf("Words(VI) = %q, want %q", w, tt.vi)
				}
				if w := got.Words(EN); w != tt.en {
					t.Errorf("Words(EN) = %q, want %q", w, tt.en)
				}
			}
			// The explanation ends on the same result.
			ex := ExplainDeadline(tt.c, tt.cal, tt.today)
			if len(ex) == 0 {
				t.Fatal("no explanation")
			}
			if last := ex[len(ex)-1]; tt.rule != "" && (!strings.Contains(last.VI, tt.due.String()) || !strings.Contains(last.EN, got.Words(EN))) {
				t.Errorf("explanation ends %q / %q", last.VI, last.EN)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		d      Deadline
		vi, en string
	}{
		{Deadline{State: DeadlineOnTime, Left: 12, Unit: UnitCalendar}, "còn 12 ngày", "12 days left"},
		{Deadline{State: DeadlineDueSoon, Left: 1, Unit: UnitWorking}, "còn 1 ngày làm việc", "1 working day left"},
		{Deadline{State: DeadlineDueSoon, Left: 1, Unit: UnitCalendar}, "còn 1 ngày", "1 day left"},
		{Deadline{State: DeadlineOverdue, Left: -2, Unit: UnitCalendar}, "quá hạn 2 ngày", "2 days overdue"},
		{Deadline{State: DeadlineMissed, Left: -4, Unit: UnitCalendar}, "đã xong, trễ hạn 4 ngày", "closed 4 days late"},
		{Deadline{State: DeadlineMissed, Left: -1, Unit: UnitWorking}, "đã xong, trễ hạn 1 ngày làm việc", "closed 1 working day late"},
	}
	for _, tt := range tests {
		if got := tt.d.Words(VI); got != tt.vi {
			t.Errorf("%+v VI = %q, want %q", tt.d, got, tt.vi)
		}
		if got := tt.d.Words(EN); got != tt.en {
			t.Errorf("%+v EN = %q, want %q", tt.d, got, tt.en)
		}
	}
}

func TestCanExtend(t *testing.T) {
	den := CaseClock{Kind: KindDenunciation, Regime: RegimeAdmin, Received: ymd(2026, 2, 23), Accepted: ymd(2026, 3, 2)}
	once := den
	once.Extensions = []Extension{{On: ymd(2026, 3, 30), Days: 30}}
	twice := den
	twice.Extensions = []Extension{{On: ymd(2026, 3, 30), Days: 30}, {On: ymd(2026, 4, 28), Days: 30}}
	kn := CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Round: 1, Received: ymd(2026, 2, 20), Accepted: ymd(2026, 3, 2)}
	remote2 := kn
	remote2.Round, remote2.Remote = 2, true
	complexKN := kn
	complexKN.Complex = true
	closed := kn
	closed.Closed = ymd(2026, 3, 20)
	pending := kn
	pending.Accepted = Date{}
	rec := CaseClock{Kind: KindRecommendation, Regime: RegimeCitizens, Received: ymd(2026, 7, 1)}

	tests := []struct {
		name  string
		c     CaseClock
		days  int
		msgVI string // a part of the refusal, "" = allowed
	}{
		{"denunciation, first extension", den, 30, ""},
		{"denunciation, second extension", once, 30, ""},
		{"denunciation, third refused", twice, 0, "Đã gia hạn 2 lần"},
		{"complaint: the complex ceiling, 30 → 45", kn, 15, ""},
		{"second complaint, remote: 60 → 70", remote2, 10, ""},
		{"complaint already complex", complexKN, 0, "không có gia hạn"},
		{"closed case", closed, 0, "đã đóng"},
		{"pending case", pending, 0, "Chưa thụ lý"},
		{"recommendation", rec, 0, "không cho phép gia hạn"},
	}
	for _, tt := range tests {
		days, msg := CanExtend(tt.c, Date{})
		if days != tt.days {
			t.Errorf("%s: days %d, want %d", tt.name, days, tt.days)
		}
		switch {
		case tt.msgVI == "" && msg != nil:
			t.Errorf("%s: refused: %s", tt.name, msg.VI)
		case tt.msgVI != "" && (msg == nil || !strings.Contains(msg.VI, tt.msgVI) || msg.EN == ""):
			t.Errorf("%s: msg %v, want one containing %q", tt.name, msg, tt.msgVI)
		}
	}
}

func TestProcessDeadline(t *testing.T) {
	cal := NewCalendar(DefaultOverrides())
	tests := []struct {
		kind PetitionKind
		rule string
		due  Date
	}{
		// Received Wed 1/7/2026. Denunciation: 7 working days → Fri 10/7.
		{KindDenunciation, "tc-process", ymd(2026, 7, 10)},
		// Any other petition: 10 working days → Wed 15/7.
		{KindComplaint, "don-process", ymd(2026, 7, 15)},
		{KindMixed, "don-process", ymd(2026, 7, 15)},
		{KindAnonymous, "nd-process", ymd(2026, 7, 15)},
	}
	for _, tt := range tests {
		got := ProcessDeadline(tt.kind, RegimeAdmin, ymd(2026, 7, 1), cal, ymd(2026, 7, 2))
		if got.Rule.ID != tt.rule || got.Due != tt.due || got.Step != StepProcess {
			t.Errorf("%s: %q %s %s, want %q %s", tt.kind, got.Rule.ID, got.Due, got.Step, tt.rule, tt.due)
		}
	}
	if got := ProcessDeadline(KindComplaint, RegimeAdmin, Date{}, cal, ymd(2026, 7, 2)); got.State != DeadlineNone {
		t.Errorf("no received date: %+v", got)
	}
}

func TestExplainDeadline(t *testing.T) {
	cal := NewCalendar(DefaultOverrides())
	join := func(ex []Label, lang Lang) string {
		var b strings.Builder
		for _, l := range ex {
			b.WriteString(l.In(lang))
			b.WriteByte('\n')
		}
		return b.String()
	}

	// Across Tết (see TestComputeDeadline): received Thu 12/2/2026, due Thu 5/3.
	ex := ExplainDeadline(CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 12)}, cal, ymd(2026, 2, 13))
	vi, en := join(ex, VI), join(ex, EN)
	for _, want := range []string{
		"Luật Khiếu nại 2011 Điều 27", "10 ngày làm việc",
		"Thứ Năm 12/02/2026 (ngày nhận đơn) — không tính ngày này",
		"Thứ Sáu 13/02/2026: ngày thứ 1",
		"Thứ Bảy 14/02/2026: không tính: Nghỉ Tết Nguyên đán",
		"Thứ Ba 17/02/2026: không tính: Tết Nguyên đán",
		"Thứ Hai 23/02/2026: ngày thứ 2",
		"Thứ Năm 05/03/2026: ngày thứ 10",
		"Kết quả: hạn cuối Thứ Năm 05/03/2026",
	} {
		if !strings.Contains(vi, want) {
			t.Errorf("Vietnamese explanation lacks %q:\n%s", want, vi)
		}
	}
	for _, want := range []string{"Tuesday 17/02/2026: not counted: Lunar New Year (Tết)", "this day is not counted", "Result: the last day is Thursday 05/03/2026"} {
		if !strings.Contains(en, want) {
			t.Errorf("English explanation lacks %q:\n%s", want, en)
		}
	}

	// A calendar-day limit ending on a Sunday (accepted Fri 6/3/2026 → Sun 5/4 → Mon 6/4).
	ex = ExplainDeadline(CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 26), Accepted: ymd(2026, 3, 6)}, cal, ymd(2026, 3, 6))
	vi, en = join(ex, VI), join(ex, EN)
	for _, want := range []string{
		"Luật Khiếu nại 2011 Điều 28", "30 ngày kể từ ngày thụ lý",
		"Thứ Bảy 07/03/2026: ngày thứ 1 (Thứ Bảy, ngày nghỉ vẫn được tính",
		"Chủ nhật 05/04/2026: ngày thứ 30",
		"Ngày cuối cùng Chủ nhật 05/04/2026 là ngày nghỉ (Chủ nhật): thời hạn kết thúc vào ngày làm việc tiếp theo, Thứ Hai 06/04/2026 (BLDS 2015 Điều 148.5)",
	} {
		if !strings.Contains(vi, want) {
			t.Errorf("Vietnamese explanation lacks %q:\n%s", want, vi)
		}
	}
	if !strings.Contains(en, "Civil Code 2015 Art. 148.5") {
		t.Errorf("English explanation lacks the shift:\n%s", en)
	}

	// Extensions and a suspension are explained.
	ex = ExplainDeadline(CaseClock{Kind: KindDenunciation, Regime: RegimeAdmin, Received: ymd(2026, 2, 23), Accepted: ymd(2026, 3, 2),
		Extensions:  []Extension{{On: ymd(2026, 3, 30), Days: 30, Reason: "phức tạp"}, {On: ymd(2026, 4, 28), Days: 30}, {On: ymd(2026, 5, 25), Days: 30}},
		Suspensions: []Suspension{{From: ymd(2026, 3, 10), To: ymd(2026, 3, 12)}}}, cal, ymd(2026, 5, 25))
	vi = join(ex, VI)
	for _, want := range []string{
		"Gia hạn lần 1 ngày 30/03/2026: thêm 30 ngày (phức tạp)",
		"Gia hạn lần 3 (25/05/2026) không được tính",
		"Tổng cộng: 90 ngày",
		"Thứ Ba 10/03/2026: không tính: tạm đình chỉ",
		"Thứ Năm 30/04/2026: ngày thứ 57 (Ngày Chiến thắng",
	} {
		if !strings.Contains(vi, want) {
			t.Errorf("Vietnamese explanation lacks %q:\n%s", want, vi)
		}
	}
	for _, l := range ex {
		if l.VI == "" || l.EN == "" {
			t.Errorf("untranslated line %+v", l)
		}
	}
}

func BenchmarkComputeDeadline(b *testing.B) {
	cal := NewCalendar(DefaultOverrides())
	cases := []CaseClock{
		{Kind: KindComplaint, Regime: RegimeAdmin, Received: ymd(2026, 2, 12)},
		{Kind: KindComplaint, Regime: RegimeAdmin, Round: 2, Complex: true, Remote: true, Received: ymd(2026, 2, 20), Accepted: ymd(2026, 3, 2)},
		{Kind: KindDenunciation, Regime: RegimeUnion, Received: ymd(2026, 2, 23), Accepted: ymd(2026, 3, 2),
			Extensions: []Extension{{On: ymd(2026, 3, 30), Days: 30}}, Suspensions: []Suspension{{From: ymd(2026, 3, 10), To: ymd(2026, 3, 20)}}},
	}
	today := ymd(2026, 4, 1)
	for i := 0; b.Loop(); i++ {
		ComputeDeadline(cases[i%len(cases)], cal, today)
	}
}

// The queue's order: open cases by due date (a suspended one, and one
// with no time limit, after every date), then closed ones newest first;
// equal days by number, upward when open, downward when closed.
func TestQueueKeyOrder(t *testing.T) {
	d := func(m time.Month, day int) Date { return Date{2026, m, day} }
	inOrder := []QueueKey{
		QueueKeyOf(true, DeadlineOverdue, d(1, 5), Date{}, "2026-0002"),
		QueueKeyOf(true, DeadlineOnTime, d(3, 1), Date{}, "2026-0001"),
		QueueKeyOf(true, DeadlineOnTime, d(3, 1), Date{}, "2026-0003"),
		QueueKeyOf(true, DeadlineStopped, d(2, 1), Date{}, "2026-0004"),
		QueueKeyOf(true, DeadlineOnTime, Date{}, Date{}, "2026-0005"),
		QueueKeyOf(false, DeadlineOnTime, d(1, 1), d(6, 2), "2026-0006"),
		QueueKeyOf(false, DeadlineOnTime, d(1, 1), d(6, 1), "2026-0008"),
		QueueKeyOf(false, DeadlineOnTime, d(1, 1), d(6, 1), "2026-0007"),
	}
	for i := range inOrder {
		for j := range inOrder {
			if got, want := inOrder[i].Compare(inOrder[j]), cmp.Compare(i, j); got != want {
				t.Errorf("Compare(%d, %d) = %d, want %d", i, j, got, want)
			}
		}
	}
}
