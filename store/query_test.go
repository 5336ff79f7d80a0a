package store_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"

	"golang.org/x/text/unicode/norm"
)

func TestSearchPersons(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	rec := func(p model.Person) string { return res(s.RecordPerson("lan", p)).must(t).ID }
	a := rec(model.Person{Name: "Nguyễn Văn A", Phone: "0912345678", IDNumber: "001090012345", BirthYear: 1990})
	an := rec(model.Person{Name: "Nguyễn Văn An", Phone: "0987000111"})
	nguyen := rec(model.Person{Name: "Trần Văn Nguyên"})
	hoa := rec(model.Person{Name: "Lê Thị Hoà"}) // old tone placement
	duc := rec(model.Person{Name: "Đặng Văn Đức", IDKind: model.IDCMND, IDNumber: "012345678"})
	rec(model.Person{Name: "Phạm Thị Thu Hà"})

	for _, tc := range []struct {
		q     string
		first []string // these, in this order, lead the hits (a set when order is "")
		also  []string // and these are among the hits
		none  bool
	}{
		{q: "nguyen van a", also: []string{a, an}},
		{q: "NGUYEN VAN A", also: []string{a, an}},
		{q: "Nguyễn Văn A", also: []string{a, an}},
		{q: norm.NFD.String("Nguyễn Văn A"), also: []string{a, an}},
		{q: "  nguyễn   VĂN  a ", also: []string{a, an}},
		{q: "nguyen", also: []string{a, an, nguyen}},
		{q: "van an", also: []string{an}},
		{q: "guyen", also: []string{a, an, nguyen}},
		{q: "hòa", first: []string{hoa}},
		{q: "hoà", first: []string{hoa}},
		{q: "dang van duc", first: []string{duc}},
		{q: "đức", first: []string{duc}},
		{q: "0912345678", first: []string{a}},
		{q: "+84 912 345 678", first: []string{a}},
		{q: "84912345678", first: []string{a}},
		{q: "0912.345.678", first: []string{a}},
		{q: "345678", first: []string{a, duc}},
		{q: "001090", first: []string{a}},
		{q: "012345678", first: []string{duc}},
		{q: "nguyen van b", none: true},
		{q: "12", none: true},
		{q: "   ", none: true},
	} {
		t.Run(tc.q, func(t *testing.T) {
			hits := s.SearchPersons(tc.q, 0)
			var ids []string
			for _, h := range hits {
				ids = append(ids, h.ID)
			}
			if tc.none {
				if len(ids) != 0 {
					t.Fatalf("hits %v, want none", ids)
				}
				return
			}
			if len(tc.first) > 0 {
				if len(ids) < len(tc.first) {
					t.Fatalf("hits %v, want %v first", ids, tc.first)
				}
				lead := slices.Clone(ids[:len(tc.first)])
				want := slices.Clone(tc.first)
				slices.Sort(lead)
				slices.Sort(want)
				if !slices.Equal(lead, want) {
					t.Fatalf("hits %v, want %v first", ids, tc.first)
				}
			}
			for _, id := range tc.also {
				if !slices.Contains(ids, id) {
					t.Fatalf("hits %v lack %s", ids, id)
				}
			}
			for i := 1; i < len(hits); i++ {
				if hits[i].Score < hits[i-1].Score {
					t.Fatalf("hits not best first: %+v", hits)
				}
			}
		})
	}

	t.Run("whole-name prefix before word prefix", func(t *testing.T) {
		hits := s.SearchPersons("nguyen", 0)
		if len(hits) != 3 || hits[2].ID != nguyen || hits[0].Score != 0 || hits[2].Score != 1 {
			t.Fatalf("hits %+v", hits)
		}
	})
	t.Run("limit", func(t *testing.T) {
		if hits := s.SearchPersons("van", 2); len(hits) != 2 {
			t.Fatalf("hits %+v", hits)
		}
	})
	t.Run("a new person is found at once, and an edit moves them", func(t *testing.T) {
		id := rec(model.Person{Name: "Hồ Thị Phương"})
		if hits := s.SearchPersons("ho thi phuong", 0); len(hits) != 1 || hits[0].ID != id {
			t.Fatalf("hits %+v", hits)
		}
		res(s.UpdatePerson("lan", id, model.PersonUpdate{Person: model.Person{Name: "Hồ Thị Phượng Vy"}, Set: []string{"name"}})).must(t)
		if hits := s.SearchPersons("phuong vy", 0); len(hits) != 1 || hits[0].ID != id {
			t.Fatalf("hits after rename %+v", hits)
		}
	})
	t.Run("by prefix from the on-disk index", func(t *testing.T) {
		got := s.PersonsByPrefix("NGUYỄN VĂN", 0)
		slices.Sort(got)
		want := []string{a, an}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("got %v", got)
		}
	})
	t.Run("by exact number", func(t *testing.T) {
		for _, q := range []string{"0912345678", "+84 912 345 678", "001 090 012 345"} {
			if got := s.PersonsByNumber(q); !slices.Equal(got, []string{a}) {
				t.Fatalf("%q: got %v", q, got)
			}
		}
		if got := s.PersonsByNumber("091234567"); len(got) != 0 {
			t.Fatalf("a prefix is not a number: %v", got)
		}
	})
}

func TestPersonCards(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	id := p.Senders[0]
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	clk.Advance(48 * time.Hour)
	v2, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Persons: []string{id}, Content: "Hỏi tiến độ giải quyết", Outcome: model.OutcomeAnswered}})
	if err != nil {
		t.Fatal(err)
	}
	p2 := storetest.Visit(t, s, "Trần Thị Lan", model.KindReport)
	c2 := storetest.Accept(t, s, p2.ID, model.KindReport, model.RegimeLabour)
	storetest.Act(t, s, c2.ID, model.EvCaseTransferred, model.CaseAction{To: "Sở Nội vụ"})

	cards := storetest.Must(s.PersonCards([]string{id, "person:GL07.999", p2.Senders[0]}))
	if len(cards) != 2 || cards[0].ID != id || cards[1].ID != p2.Senders[0] {
		t.Fatalf("cards %+v", cards)
	}
	an := cards[0]
	if an.VisitCount != 2 || len(an.Visits) != 1 || an.Visits[0].ID != v2.ID || len(an.Petitions) != 1 || an.Petitions[0].ID != p.ID ||
		len(an.OpenCases) != 1 || an.OpenCases[0].ID != c.ID {
		t.Fatalf("card %+v", an)
	}
	if len(cards[1].OpenCases) != 0 {
		t.Fatal("a transferred case is not open")
	}
	if got := storetest.Must(s.PetitionsOf(id)); len(got) != 1 || got[0].ID != p.ID {
		t.Fatalf("petitions of %s: %+v", id, got)
	}
	// The cards kept for the next key follow each write: a visit more,
	// the case closed.
	if _, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Persons: []string{id}, Content: "Nộp thêm tài liệu", Outcome: model.OutcomeAnswered}}); err != nil {
		t.Fatal(err)
	}
	if an = storetest.Must(s.PersonCards([]string{id}))[0]; an.VisitCount != 3 {
		t.Fatalf("card after a visit: %d visits", an.VisitCount)
	}
	storetest.Act(t, s, c.ID, model.EvCaseTransferred, model.CaseAction{To: "Sở Nội vụ"})
	if an = storetest.Must(s.PersonCards([]string{id}))[0]; len(an.OpenCases) != 0 {
		t.Fatalf("card after the case was transferred: %d open cases", len(an.OpenCases))
	}
}

// queueFixture is a site on Monday 2 March 2026 with cases in every
// position of the queue.
type queueFixture struct {
	s                                                *store.Store
	clk                                              *storetest.Clock
	overdue, dueSoon, onTime, pending, stopped, done model.Case
}

func newQueue(t *testing.T) *queueFixture {
	t.Helper()
	clk := &storetest.Clock{}
	clk.SetDate(day(2026, time.January, 5))
	s := storetest.NewAt(t, "GL07", "HN01", clk)
	q := &queueFixture{s: s, clk: clk}
	// newCase registers a labour complaint received on recv and opens its case.
	newCase := func(name string, recv model.Date) model.Case {
		clk.SetDate(recv)
		p := res(s.RegisterPetition("lan", model.Petition{SenderName: name, Summary: "Công ty nợ lương của " + name, Kind: model.KindComplaint})).must(t)
		return storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	}
	accept := func(c model.Case, on model.Date) model.Case {
		clk.SetDate(on)
		return storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{On: on})
	}
	q.overdue = accept(newCase("Lê Văn Quá Hạn", day(2026, time.January, 5)), day(2026, time.January, 6))
	q.dueSoon = accept(newCase("Lê Thị Sắp Hạn", day(2026, time.January, 30)), day(2026, time.February, 1))
	q.onTime = accept(newCase("Lê Văn Trong Hạn", day(2026, time.February, 19)), day(2026, time.February, 20))
	q.stopped = accept(newCase("Lê Thị Tạm Dừng", day(2026, time.January, 7)), day(2026, time.January, 8))
	q.stopped = storetest.Act(t, s, q.stopped.ID, model.EvCaseSuspended, model.CaseAction{Reason: "Chờ kết quả giám định"})
	q.done = accept(newCase("Lê Văn Xong", day(2026, time.January, 12)), day(2026, time.January, 13))
	q.done = storetest.Act(t, s, q.done.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight})
	q.pending = newCase("Lê Thị Chờ", day(2026, time.February, 26))
	clk.SetDate(day(2026, time.March, 2))
	return q
}

func TestCasesQueue(t *testing.T) {
	q := newQueue(t)
	s, today := q.s, q.clk.Today()
	rows := storetest.Must(s.Cases(store.CaseFilter{}, today))
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.ID)
	}
	want := []string{q.overdue.ID, q.dueSoon.ID, q.pending.ID, q.onTime.ID, q.stopped.ID}
	if !slices.Equal(ids, want) {
		for _, r := range rows {
			t.Logf("%s %s due %s %s", r.ID, r.SenderName, r.Deadline.Due, r.Deadline.State)
		}
		t.Fatalf("queue %v\nwant  %v", ids, want)
	}
	states := map[string]model.DeadlineState{
		q.overdue.ID: model.DeadlineOverdue, q.dueSoon.ID: model.DeadlineDueSoon, q.onTime.ID: model.DeadlineOnTime, q.stopped.ID: model.DeadlineStopped,
	}
	for _, r := range rows {
		if w, ok := states[r.ID]; ok && r.Deadline.State != w {
			t.Errorf("%s: %s, want %s", r.SenderName, r.Deadline.State, w)
		}
	}
	if rows[2].Deadline.Step != model.StepAccept {
		t.Errorf("pending case: step %s", rows[2].Deadline.Step)
	}
	if n := s.Overdue(today, ""); n != 1 {
		t.Fatalf("overdue %d", n)
	}
	if n := s.Overdue(today, "GL08"); n != 0 {
		t.Fatalf("overdue at another site %d", n)
	}
	// The count follows each save without a recount, and a new day.
	storetest.Act(t, s, q.overdue.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight})
	if n := s.Overdue(today, ""); n != 0 {
		t.Fatalf("overdue after concluding the overdue case: %d", n)
	}
	if n := s.Overdue(today.AddDays(60), ""); n != 3 {
		t.Fatalf("overdue two months on: %d", n)
	}
	q.overdue = storetest.Act(t, s, q.overdue.ID, model.EvCaseReopened, model.CaseAction{Reason: "Công ty không thực hiện"})
	if closed := storetest.Must(s.Cases(store.CaseFilter{Closed: true}, today)); len(closed) != 1 || closed[0].ID != q.done.ID || closed[0].Deadline.State != model.DeadlineMet {
		t.Fatalf("closed %+v", closed)
	}
	if all := storetest.Must(s.Cases(store.CaseFilter{All: true}, today)); len(all) != 6 || all[5].ID != q.done.ID {
		t.Fatalf("all: %d", len(all))
	}
	// The cache and a fresh read agree.
	s.DropCaches()
	rows2 := storetest.Must(s.Cases(store.CaseFilter{}, today))
	if len(rows2) != len(rows) || rows2[0].ID != rows[0].ID {
		t.Fatal("queue after dropping the caches differs")
	}
}

func TestDue(t *testing.T) {
	q := newQueue(t)
	s, today := q.s, q.clk.Today() // Monday 2 March 2026
	sunday := today.AddDays(6)
	storetest.Act(t, s, q.onTime.ID, model.EvCaseAssigned, model.CaseAction{Handler: "hung"})
	for _, r := range []model.Reminder{
		{On: today, Text: "Gọi lại cho người lao động"},
		{On: today.AddDays(2), Text: "Hẹn làm việc với công ty", For: "hung"},
		{On: today.AddDays(10), Text: "Xa quá"},
		{On: today.AddDays(-1), Text: "Đã qua"},
	} {
		if err := s.SetReminder("lan", q.onTime.ID, r); err != nil {
			t.Fatal(err)
		}
	}
	type line struct {
		id   string
		text string // reminder text, "" = the deadline
	}
	got := func(until model.Date, user string) []line {
		var out []line
		for _, it := range storetest.Must(s.Due(today, until, user)) {
			l := line{id: it.ID}
			if it.Reminder != nil {
				l.text = it.Reminder.Text
			}
			out = append(out, l)
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		until model.Date
		user  string
		want  []line
	}{
		{"today", today, "", []line{{q.overdue.ID, ""}, {q.onTime.ID, "Gọi lại cho người lao động"}}},
		{"this week", sunday, "", []line{{q.overdue.ID, ""}, {q.onTime.ID, "Gọi lại cho người lao động"}, {q.dueSoon.ID, ""}, {q.onTime.ID, "Hẹn làm việc với công ty"}}},
		{"this week for hung", sunday, "hung", []line{{q.overdue.ID, ""}, {q.onTime.ID, "Gọi lại cho người lao động"}, {q.dueSoon.ID, ""}, {q.onTime.ID, "Hẹn làm việc với công ty"}}},
		{"this week for mai", sunday, "mai", []line{{q.overdue.ID, ""}, {q.onTime.ID, "Gọi lại cho người lao động"}, {q.dueSoon.ID, ""}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if g := got(tc.until, tc.user); !slices.Equal(g, tc.want) {
				t.Fatalf("due %v\nwant %v", g, tc.want)
			}
		})
	}
	// A case whose handler is someone else leaves "mine" but its
	// reminders for everyone stay.
	for _, it := range storetest.Must(s.Due(today, today.AddDays(40), "mai")) {
		if it.ID == q.onTime.ID && it.Reminder == nil {
			t.Fatal("hung's case deadline shown to mai")
		}
	}
}

func TestInbox(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	var ids []string
	for _, recv := range []model.Date{day(2026, time.February, 25), day(2026, time.February, 10), day(2026, time.March, 2), day(2026, time.February, 27)} {
		p := res(s.RegisterPetition("lan", model.Petition{SenderName: "Ngô Thị Nga", Summary: "Đơn đề nghị " + recv.String(), Received: recv})).must(t)
		ids = append(ids, p.ID)
	}
	clk.Advance(time.Hour)
	res(s.Classify("lan", ids[3], model.Classification{Kind: model.KindRecommendation, Decision: model.DecisionGuide})).must(t)
	var got []model.Date
	for _, p := range storetest.Must(s.Inbox()) {
		got = append(got, p.Received)
	}
	want := []model.Date{day(2026, time.February, 10), day(2026, time.February, 25), day(2026, time.March, 2)}
	if !slices.Equal(got, want) {
		t.Fatalf("inbox %v, want %v", got, want)
	}
}

func TestVisitsAndPetitionsByDate(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	days := []model.Date{day(2026, time.March, 2), day(2026, time.March, 3), day(2026, time.March, 3), day(2026, time.March, 5), day(2026, time.April, 1)}
	for i, d := range days {
		clk.SetDate(d)
		clk.Advance(time.Duration(i) * time.Minute)
		storetest.Visit(t, s, "Bùi Văn Tuấn", model.KindComplaint)
	}
	count := func(vs []model.Visit) []model.Date {
		var out []model.Date
		for _, v := range vs {
			out = append(out, model.DateOf(v.At))
		}
		return out
	}
	countP := func(ps []model.Petition) []model.Date {
		var out []model.Date
		for _, p := range ps {
			out = append(out, p.Received)
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		from, to model.Date
		want     []model.Date
	}{
		{"one day", days[1], days[1], days[1:3]},
		{"a range", days[0], days[3], days[:4]},
		{"open start", model.Date{}, days[1], days[:3]},
		{"open end", days[2], model.Date{}, days[1:]},
		{"everything", model.Date{}, model.Date{}, days},
		{"nothing", day(2026, time.March, 6), day(2026, time.March, 31), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := count(s.Visits(tc.from, tc.to)); !slices.Equal(got, tc.want) {
				t.Fatalf("visits %v, want %v", got, tc.want)
			}
			if got := countP(s.Petitions(tc.from, tc.to)); !slices.Equal(got, tc.want) {
				t.Fatalf("petitions %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTimeline(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	steps := []func(){
		func() { storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{Handler: "lan"}) },
		func() { s.AddNote("lan", c.ID, "Đã làm việc với phòng nhân sự") },
		func() {
			s.SetReminder("lan", c.ID, model.Reminder{On: clk.Today().AddDays(7), Text: "Hỏi kết quả"})
		},
		func() {
			storetest.Act(t, s, c.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight, DecisionNo: "03/QĐ-CĐ"})
		},
		func() {
			storetest.Act(t, s, c.ID, model.EvCaseReopened, model.CaseAction{Reason: "Công ty không thực hiện"})
		},
	}
	for _, f := range steps {
		clk.Advance(26 * time.Hour)
		f()
	}
	tl := res(s.Timeline(c.ID)).must(t)
	var types []model.EventType
	for i, e := range tl {
		types = append(types, e.Type)
		if i > 0 && !model.Less(&tl[i-1], &e) {
			t.Fatalf("timeline out of fold order at %d", i)
		}
		if e.Entity != c.ID {
			t.Fatalf("event of %s in the timeline of %s", e.Entity, c.ID)
		}
	}
	want := []model.EventType{model.EvCaseOpened, model.EvCaseAccepted, model.EvNoteAdded, model.EvReminderSet, model.EvCaseConcluded, model.EvCaseReopened}
	if !slices.Equal(types, want) {
		t.Fatalf("timeline %v", types)
	}
	if tl[1].Base != tl[0].Key() || tl[5].Base != tl[4].Key() {
		t.Fatalf("each event names the newest one its author saw: %q %q", tl[1].Base, tl[5].Base)
	}
	if got := res(s.Case(c.ID)).must(t); got.Status != model.StatusOpen || got.Reopens != 1 || got.Notes != 1 || got.Result != "" {
		t.Fatalf("case %+v", got)
	}
	pt := res(s.Timeline(p.ID)).must(t)
	if len(pt) != 2 || pt[0].Type != model.EvPetitionRegistered || pt[1].Type != model.EvPetitionClassified {
		t.Fatalf("petition timeline %+v", pt)
	}
	if tl, err := s.Timeline("case:GL07.999"); err != nil || len(tl) != 0 {
		t.Fatalf("unknown entity: %v %v", tl, err)
	}
	if !strings.HasPrefix(tl[0].Key(), "GL07/") {
		t.Fatal(tl[0].Key())
	}
}

// TestCaseCacheStaysExact: the queue reads cases from memory (the open
// ones first, the closed ones when asked); whatever the order of reads
// and writes, it shows what a fresh read of the file shows.
func TestCaseCacheStaysExact(t *testing.T) {
	open, closed, all := store.CaseFilter{}, store.CaseFilter{Closed: true}, store.CaseFilter{All: true}
	for _, warm := range [][]store.CaseFilter{nil, {open}, {open, closed}, {all}} {
		q := newQueue(t)
		s, today := q.s, q.clk.Today()
		ids := func(rows []store.CaseRow) []string {
			var out []string
			for _, r := range rows {
				out = append(out, r.ID+" "+string(r.Status))
			}
			return out
		}
		for i, step := range []func(){
			func() {
				storetest.Act(t, s, q.onTime.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultWrong})
			},
			func() {
				storetest.Act(t, s, q.done.ID, model.EvCaseReopened, model.CaseAction{Reason: "Khiếu nại tiếp"})
			},
			func() { storetest.Act(t, s, q.pending.ID, model.EvCaseRejected, model.CaseAction{}) },
			func() {
				p := storetest.Visit(t, s, "Người Mới Đến", model.KindComplaint)
				storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
			},
		} {
			s.DropCaches()
			for _, f := range warm {
				s.Cases(f, today) // the way a screen would have read them
			}
			step()
			got := map[store.CaseFilter][]string{}
			for _, f := range []store.CaseFilter{open, closed, all} {
				got[f] = ids(storetest.Must(s.Cases(f, today)))
			}
			for _, f := range []store.CaseFilter{open, closed, all} {
				s.DropCaches()
				if want := ids(storetest.Must(s.Cases(f, today))); !slices.Equal(got[f], want) {
					t.Fatalf("warm %v, step %d, filter %+v: cached %v, file %v", warm, i, f, got[f], want)
				}
			}
		}
		if c := res(s.Case(q.done.ID)).must(t); c.Status != model.StatusOpen {
			t.Fatalf("reopened case %s", c.Status)
		}
	}
}
