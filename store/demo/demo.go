// Package demo fills a data file with a living demo office: a grassroots
// union site with a year of visits (single visitors and delegations),
// petitions of every kind, regime and field, and cases in every state,
// some overdue, some due this week, a few reopened, with notes,
// reminders and a repeat complaint. It is what `donthu demo` and
// `make run` open, and what screen tests and screenshots can rely on.
//
// Everything goes through the store's own desk actions, in batches
// (store.BulkLoad) whose clock moves through the year: the file holds
// events, and its state is their fold, exactly as if people had typed it.
// The same seed and the same Today give the same log.
//
// Caveat: the batches are big transactions (a month each), not one per
// action as at the desk; a refusal the demo did not expect (it plans only
// valid actions) stops the fill and nothing of that month is kept.
package demo

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"time"

	"donthu/model"
	"donthu/store"
)

// Password of every demo user.
const Password = "demo"

// The demo site, created when the file has none.
const (
	SiteCode   = "GL07"
	SiteName   = "Công đoàn cơ sở Công ty May Gia Lâm"
	SiteParent = "HN01"
)

// Desk users the demo makes (when missing), all with Password.
var Users = []model.User{
	{Login: "demo", Name: "Người dùng thử", Roles: []model.Role{model.RoleAdmin, model.RoleLeader, model.RoleHandler, model.RoleReceptionist}},
	{Login: "letan", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}},
	{Login: "hung", Name: "Trần Văn Hùng", Roles: []model.Role{model.RoleHandler}},
}

// Options tune Fill. The zero value is the default office.
type Options struct {
	// People is how many persons come or write during the year; 0 = 600.
	People int
	// Seed picks the office; 0 = 1. The same seed and Today give the same log.
	Seed uint64
	// Today is the end of the year of activity; zero = the store's clock.
	Today time.Time
	// Years of activity ending on Today; 0 = 1. People are spread over
	// them (a decade of an office: Years 10).
	Years int
	// Returns is how many people come back on an average working day
	// (to ask how their matter goes, or about something else); 0 = 1.
	Returns int
	// Seasons makes arrivals follow the year: more after Tết (bonuses and
	// unpaid wages), fewer in the Tết month and in summer.
	Seasons bool
	// LongCase, when above 0, gives one case that many notes over the
	// years (a case whose timeline runs to hundreds of events).
	LongCase int
	// Site, Name and Parent make a site other than the demo one when the
	// file has none (a province's grassroots unions); "" = the demo site.
	Site, Name, Parent string
	// Progress, if set, is told how far the fill is: months (or, for a
	// province, sites) done of the total.
	Progress func(done, total int)
	// Sites, when above 0, makes the file an upper office that gathers
	// that many grassroots unions: each one's decade is built in a file
	// of its own (People shared among them) and imported here as its
	// bundles would be, then the office's own desk is filled.
	Sites int
}

// Summary says what the file holds after Fill.
type Summary struct {
	Site     string
	NewSite  bool     // the demo site was created
	Users    []string // logins created, each with Password
	From, To model.Date

	Events      int // events written by Fill
	People      int
	Visits      int
	GroupVisits int
	Petitions   int
	Inbox       int // petitions awaiting classification
	Cases       int
	ByStatus    map[model.CaseStatus]int
	Overdue     int // open cases past their deadline on To
	DueThisWeek int // open cases due within 7 days of To (overdue ones not counted)
	Reopened    int
	Repeats     int // cases of a matter that came back (tiếp khiếu, tiếp tố)
	Reminders   int
	Notes       int
}

// Fill fills s with the demo office (creating the demo site GL07 under
// HN01 if the file has none, and the users demo, letan and hung with
// password "demo" if they are missing) and says what the file then holds.
//
// It writes through store.BulkLoad, one transaction per month of the
// simulated year, so it takes a few seconds even with fsync on; the
// store's own clock is only used when the site is set up.
func Fill(s *store.Store, opt Options) (Summary, error) {
	if opt.People <= 0 {
		opt.People = 600
	}
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	if opt.Today.IsZero() {
		opt.Today = s.Now()
	}
	if opt.Years <= 0 {
		opt.Years = 1
	}
	if opt.Sites > 0 {
		return fillProvince(s, opt)
	}
	if opt.Site == "" {
		opt.Site, opt.Name, opt.Parent = SiteCode, SiteName, SiteParent
	}
	sum := Summary{ByStatus: map[model.CaseStatus]int{}}
	before := s.Stats().Events
	today := model.DateOf(opt.Today)
	from := today.AddDays(-365 * opt.Years)
	if s.Site() == "" {
		u := Users[0]
		if err := s.Init(store.SiteInit{Code: opt.Site, Name: opt.Name, Parent: opt.Parent, Login: u.Login, UserName: u.Name, Password: Password}); err != nil {
			return sum, err
		}
		sum.NewSite = true
		sum.Users = append(sum.Users, u.Login)
		// The demo office has existed for the whole demo year.
		site, err := s.SiteInfo("")
		if err != nil {
			return sum, err
		}
		site.ValidFrom = from
		if err := s.UpdateSite(u.Login, site); err != nil {
			return sum, err
		}
	}
	author := Users[0].Login
	if cur, ok := s.Current(); ok {
		author = cur.Login // a site of its own: its signed-in administrator adds them
	}
	for _, u := range Users {
		if _, err := s.User(u.Login); err == nil {
			continue
		}
		if err := s.CreateUser(author, u, Password); err != nil {
			return sum, err
		}
		sum.Users = append(sum.Users, u.Login)
	}

	f := &filler{
		rng:      rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15)),
		more:     rand.New(rand.NewPCG(opt.Seed^0x5deece66d, opt.Seed+11)),
		cal:      s.Calendar(),
		from:     from,
		today:    today,
		end:      opt.Today,
		agenda:   map[model.Date][]task{},
		people:   opt.People,
		returns:  max(1, opt.Returns),
		seasons:  opt.Seasons,
		years:    opt.Years,
		longCase: opt.LongCase,
	}
	f.plan()
	months, month := 12*opt.Years+1, 0
	for d := from; !d.After(today); {
		if opt.Progress != nil {
			opt.Progress(month, months)
			month++
		}
		// One transaction per month of the simulated year.
		last := model.NewDate(d.Y, d.M+1, 0)
		if last.After(today) {
			last = today
		}
		err := s.BulkLoad(func(b *store.Bulk) error {
			for ; !d.After(last); d = d.AddDays(1) {
				if err := f.day(b, d); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return sum, fmt.Errorf("demo: filling %s: %w", d, err)
		}
	}
	if f.refused > 0 {
		return sum, fmt.Errorf("demo: %d planned actions were refused; first: %v", f.refused, f.firstRefusal)
	}

	sum.Site, sum.From, sum.To = s.Site(), from, today
	st := s.Stats()
	sum.Events = st.Events - before
	sum.People, sum.Visits, sum.Petitions, sum.Cases = st.Entities[model.EntPerson], st.Entities[model.EntVisit], st.Entities[model.EntPetition], st.Entities[model.EntCase]
	sum.GroupVisits = f.groups
	inbox, err := s.Inbox()
	if err != nil {
		return sum, err
	}
	sum.Inbox = len(inbox)
	rows, err := s.Cases(store.CaseFilter{All: true}, today)
	if err != nil {
		return sum, err
	}
	for _, r := range rows {
		sum.ByStatus[r.Status]++
		sum.Notes += r.Notes
		sum.Reminders += len(r.Reminders)
		if r.Reopens > 0 {
			sum.Reopened++
		}
		if r.Repeat {
			sum.Repeats++
		}
		if !r.Open() {
			continue
		}
		switch {
		case r.Deadline.State == model.DeadlineOverdue:
			sum.Overdue++
		case r.Deadline.State != model.DeadlineStopped && !r.Deadline.Due.IsZero() && r.Deadline.Due.Before(today.AddDays(7)):
			sum.DueThisWeek++
		}
	}
	return sum, nil
}

// task is one planned action at a moment of a day.
type task struct {
	at  time.Time
	seq int
	run func(b *store.Bulk) error
}

type filler struct {
	rng *rand.Rand
	// more draws what the reports count beyond the desk's first steps
	// (a delegated reception, money restored, an urge, a conclusion
	// carried out): its own sequence, so the rest of a seed's demo is as
	// it was before it.
	more         *rand.Rand
	cal          *model.Calendar
	from         model.Date
	today        model.Date
	end          time.Time
	agenda       map[model.Date][]task
	now          time.Time // the moment of the task running
	seq          int
	people       int // persons still to introduce
	returns      int // people coming back on an average working day
	seasons      bool
	years        int
	longCase     int
	workLeft     int // working days left, for spreading the people
	known        []*visitor
	groups       int
	refused      int
	firstRefusal error
}

// visitor is a recorded person and what they came about.
type visitor struct {
	id       string
	name     string
	employer string
	matter   *matter // their latest matter
}

// matter is one petition and, once accepted, its case.
type matter struct {
	tp       topic
	kind     model.PetitionKind
	regime   model.Regime
	petition string
	received model.Date
	caseID   string
	who      *visitor
	fate     *fate
	repeatOf *matter
	result   model.Result
}

// fate is how a case will go: each step happens unless its day is after
// today, so recent cases are still under way at the end.
type fate struct {
	decision    model.Decision
	classifyIn  int // working days from receipt to classification
	acceptIn    int // working days from classification to thụ lý (-1: never)
	reject      bool
	resolveIn   int // calendar days from thụ lý to the end (-1: never)
	end         model.EventType
	result      model.Result
	suspendAt   int // days after thụ lý (0: never)
	resumeAfter int // days suspended (-1: not resumed)
	extendAt    int // days after thụ lý (0: never)
	reopenAfter int // days after the end (0: never)
	again       int // days after reopening to conclude again (-1: never)
	comeBack    int // days after a rejected-as-wrong conclusion that the person comes back (0: never)
	notes       int // notes every third working day after thụ lý, and nothing else (the long case)
	complex     bool
}

func (f *filler) at(d model.Date, minute int) time.Time {
	return time.Date(d.Y, d.M, d.D, 7, 30, 0, 0, model.VN).Add(time.Duration(minute) * time.Minute)
}

// schedule plans run on day d at minute (from 07:30); what would happen
// after today is dropped: the case is still under way.
func (f *filler) schedule(d model.Date, minute int, run func(b *store.Bulk) error) {
	t := f.at(d, minute)
	if t.Before(f.now) {
		t = f.now.Add(time.Duration(1+f.rng.IntN(20)) * time.Minute) // later the same day
	}
	if d.After(f.today) || t.After(f.end) {
		return
	}
	f.seq++
	f.agenda[d] = append(f.agenda[d], task{at: t, seq: f.seq, run: run})
}

func (f *filler) workday(d model.Date, n int) model.Date {
	if n <= 0 {
		return d
	}
	return f.cal.AddWorkingDays(d, n)
}

// onWorkday moves d to the first working day on or after it.
func (f *filler) onWorkday(d model.Date) model.Date { return f.cal.NextWorkingDay(d) }

// refusal keeps the fill going past a case action or classification the
// store refused (they write nothing when refused), and remembers it: Fill
// reports it, since the demo plans only valid actions.
func (f *filler) refusal(err error) error {
	var m *model.Msg
	if err != nil && errors.As(err, &m) {
		f.refused++
		if f.firstRefusal == nil {
			f.firstRefusal = err
		}
		return nil
	}
	return err
}

// day runs a simulated day: the visitors and letters it brings, and the
// steps of earlier matters that fall on it.
func (f *filler) day(b *store.Bulk, d model.Date) error {
	if f.cal.IsWorkingDay(d) && d.Before(f.today) {
		f.arrivals(d)
		f.workLeft--
	}
	tasks := f.agenda[d]
	delete(f.agenda, d)
	sort.SliceStable(tasks, func(i, j int) bool {
		if !tasks[i].at.Equal(tasks[j].at) {
			return tasks[i].at.Before(tasks[j].at)
		}
		return tasks[i].seq < tasks[j].seq
	})
	for i := 0; i < len(tasks); i++ {
		f.now = tasks[i].at
		b.SetNow(f.now)
		if err := tasks[i].run(b); err != nil {
			return err
		}
		// A task may plan another for later the same day.
		if more := f.agenda[d]; len(more) > 0 {
			delete(f.agenda, d)
			tasks = append(tasks, more...)
			rest := tasks[i+1:]
			sort.SliceStable(rest, func(x, y int) bool { return rest[x].at.Before(rest[y].at) })
		}
	}
	return nil
}

// arrivals plans the visitors and letters of a working day: new people
// spread evenly over the year, some coming back, now and then a group.
func (f *filler) arrivals(d model.Date) {
	if f.workLeft <= 0 {
		f.workLeft = 1
	}
	share := float64(f.people) / float64(f.workLeft)
	if f.seasons {
		share *= season[d.M-1]
	}
	n := int(share)
	if f.rng.Float64() < share-float64(n) {
		n++
	}
	minute := 0
	next := func() int {
		minute += 10 + f.rng.IntN(50)
		if minute > 540 {
			minute = 540
		}
		return minute
	}
	if f.people >= 3 && f.rng.IntN(15) == 0 {
		f.schedule(d, next(), f.groupVisit(d, 1+f.rng.IntN(3)))
	}
	// n new people today (an unsigned letter brings nobody new).
	for target := f.people - max(0, min(n, f.people)); f.people > target; {
		if f.rng.IntN(5) == 0 {
			f.schedule(d, next(), f.letter(d))
		} else {
			f.schedule(d, next(), f.newVisit(d))
		}
	}
	if len(f.known) > 0 {
		k := f.rng.IntN(3)
		if f.returns > 1 {
			k = f.returns/2 + f.rng.IntN(f.returns+1)
			if f.seasons {
				k = int(float64(k) * season[d.M-1])
			}
		}
		for ; k > 0; k-- {
			f.schedule(d, next(), f.returnVisit(d))
		}
	}
}

// season weighs a month's arrivals (January first): the weeks after Tết
// bring the unpaid bonuses and wages, the Tết month and the summer fewer.
var season = [12]float64{1.0, 0.7, 1.4, 1.2, 1.0, 0.9, 0.8, 0.9, 1.0, 1.0, 1.1, 1.0}

// newPerson makes a person with a consistent identity: a CCCD whose
// province, century and sex digits match, or an old CMND, or nothing.
func (f *filler) newPerson(employer string) model.Person {
	female := f.rng.IntN(100) < 58 // the garment and electronics lines are mostly women
	var p model.Person
	if female {
		p.Name = pick(f.rng, hoList) + " " + one(f.rng, demFemale) + " " + one(f.rng, tenFemale)
		p.Sex = model.SexFemale
	} else {
		p.Name = pick(f.rng, hoList) + " " + one(f.rng, demMale) + " " + one(f.rng, tenMale)
		p.Sex = model.SexMale
	}
	p.BirthYear = f.today.Y - 19 - f.rng.IntN(38)
	switch r := f.rng.IntN(100); {
	case r < 76:
		century := (p.BirthYear - 1900) / 100 * 2
		if female {
			century++
		}
		for {
			n := fmt.Sprintf("%s%d%02d%06d", pick(f.rng, provinces), century, p.BirthYear%100, f.rng.IntN(1_000_000))
			if norm, warn, err := model.ValidateCCCD(n, p.BirthYear); err == nil && warn == nil {
				p.IDKind, p.IDNumber = model.IDCCCD, norm
				break
			}
		}
	case r < 84 && p.BirthYear < 1990:
		p.IDKind, p.IDNumber = model.IDCMND, fmt.Sprintf("%d%08d", f.rng.IntN(2), f.rng.IntN(100_000_000))
	}
	if f.rng.IntN(100) < 85 {
		p.Phone = one(f.rng, mobilePrefixes) + fmt.Sprintf("%07d", f.rng.IntN(10_000_000))
	}
	p.Employer = employer
	p.Member = f.rng.IntN(100) < 80
	if f.rng.IntN(100) < 70 {
		p.Address = address(f.rng)
	}
	return p
}

func (f *filler) newTopic() topic {
	total := 0
	for _, t := range topics {
		total += t.weight
	}
	n := f.rng.IntN(total)
	for _, t := range topics {
		if n < t.weight {
			return t
		}
		n -= t.weight
	}
	return topics[0]
}

// documents are the papers someone brings about field: none, one or two.
func (f *filler) documents(field model.Field) []model.Document {
	names := docNames[field]
	var docs []model.Document
	for k := f.rng.IntN(3); k > 0 && len(names) > 0; k-- {
		i := f.rng.IntN(len(names))
		docs = append(docs, model.Document{Name: names[i], Count: 1 + f.rng.IntN(3)})
		names = append(names[:i:i], names[i+1:]...)
	}
	return docs
}

// newVisit is a first visit of a new person; most bring a petition.
func (f *filler) newVisit(d model.Date) func(b *store.Bulk) error {
	f.people--
	return func(b *store.Bulk) error {
		tp := f.newTopic()
		employer := pick(f.rng, employers)
		m := &matter{tp: tp, kind: tp.kind, regime: tp.regime}
		outcome := pick(f.rng, []weighted[model.Outcome]{{model.OutcomePetition, 62}, {model.OutcomeGuided, 20}, {model.OutcomeAnswered, 12}, {model.OutcomeReferred, 5}, {model.OutcomeRefused, 1}})
		in := store.VisitInput{
			Visit: model.Visit{Receiver: "letan", Employer: employer, Content: tp.summary(f.rng, employer, int(d.M)),
				Outcome: outcome, Documents: f.documents(tp.field)},
			NewPersons: []model.Person{f.newPerson(employer)},
		}
		if d.Weekday() == time.Thursday && f.rng.IntN(3) == 0 {
			in.Visit.Reception = model.ReceptionScheduled // the leader's reception day
			in.Visit.Delegated = f.more.IntN(3) == 0      // held by the deputy
		}
		if outcome == model.OutcomePetition {
			in.Petition = &model.Petition{Kind: tp.kind}
		}
		v, pet, err := b.RecordVisit("letan", in)
		if err != nil {
			return err
		}
		who := &visitor{id: v.Persons[0], name: in.NewPersons[0].Name, employer: employer, matter: m}
		m.who = who
		f.known = append(f.known, who)
		if f.rng.IntN(8) == 0 {
			if err := b.AddNote("letan", v.ID, "Người lao động xin giữ kín tên với công ty"); err != nil {
				return err
			}
		}
		if pet != nil {
			m.petition, m.received = pet.ID, pet.Received
			f.follow(m, nil)
		}
		return nil
	}
}

// groupVisit is a delegation (đoàn đông người): a head count and 1–3
// representatives (Luật TCD Điều 29), one petition signed by many.
func (f *filler) groupVisit(d model.Date, reps int) func(b *store.Bulk) error {
	f.people -= reps
	f.groups++
	return func(b *store.Bulk) error {
		// Delegations come about what a whole line suffers.
		tp := topicOf(model.KindComplaint, one(f.rng, []model.Field{model.FieldWages, model.FieldWages, model.FieldInsurance, model.FieldHours, model.FieldSafety}))
		employer := pick(f.rng, employers)
		head := 8 + f.rng.IntN(60)
		in := store.VisitInput{
			Visit: model.Visit{Receiver: "letan", Group: true, HeadCount: head, Employer: employer, Reception: model.ReceptionAdhoc, Delegated: f.more.IntN(2) == 0,
				Content: fmt.Sprintf("Đoàn %d công nhân %s: %s", head, employer, tp.summary(f.rng, employer, int(d.M))),
				Outcome: model.OutcomePetition, Documents: []model.Document{{Name: "Đơn tập thể có chữ ký", Count: 1}}},
			Petition: &model.Petition{Kind: tp.kind, Signatories: head},
		}
		for i := 0; i < reps; i++ {
			in.NewPersons = append(in.NewPersons, f.newPerson(employer))
			in.NewReps = append(in.NewReps, i)
		}
		v, pet, err := b.RecordVisit("letan", in)
		if err != nil {
			return err
		}
		who := &visitor{id: v.Persons[0], name: in.NewPersons[0].Name, employer: employer}
		m := &matter{tp: tp, kind: tp.kind, regime: tp.regime, petition: pet.ID, received: pet.Received, who: who}
		who.matter = m
		f.known = append(f.known, who)
		f.follow(m, &fate{decision: model.DecisionAccept, classifyIn: 1, acceptIn: 1, resolveIn: 20 + f.rng.IntN(15),
			end: model.EvCaseConcluded, result: model.ResultPartly})
		return nil
	}
}

// letter is a petition by post (or forwarded, or online); a few are
// anonymous.
func (f *filler) letter(d model.Date) func(b *store.Bulk) error { return f.letterOf(d, "") }

// letterOf is a letter of kind force (mixed, anonymous), or of any kind.
func (f *filler) letterOf(d model.Date, force model.PetitionKind) func(b *store.Bulk) error {
	anonymous := f.rng.IntN(12) == 0 || force == model.KindAnonymous
	mixed := force == model.KindMixed
	if !anonymous {
		f.people--
	}
	return func(b *store.Bulk) error {
		tp := f.newTopic()
		employer := pick(f.rng, employers)
		p := model.Petition{
			Source:     pick(f.rng, []weighted[model.Source]{{model.SourcePost, 60}, {model.SourceForwarded, 15}, {model.SourceOnline, 15}, {model.SourceDirect, 10}}),
			Received:   d,
			LetterDate: d.AddDays(-1 - f.rng.IntN(10)),
			Employer:   employer,
			Summary:    tp.summary(f.rng, employer, int(d.M)),
			Kind:       tp.kind,
			Documents:  f.documents(tp.field),
		}
		m := &matter{tp: tp, kind: tp.kind, regime: tp.regime}
		if anonymous {
			p.Unsigned = true
			p.Summary = "Thư không ký tên: " + p.Summary
			m.kind = model.KindAnonymous
		} else {
			person, err := b.RecordPerson("letan", f.newPerson(employer))
			if err != nil {
				return err
			}
			p.Senders = []string{person.ID}
			who := &visitor{id: person.ID, name: person.Name, employer: employer, matter: m}
			m.who = who
			f.known = append(f.known, who)
			if mixed || f.rng.IntN(25) == 0 {
				m.kind = model.KindMixed
			}
		}
		p.Kind = m.kind
		pet, err := b.RegisterPetition("letan", p)
		if err != nil {
			return err
		}
		m.petition, m.received = pet.ID, pet.Received
		f.follow(m, nil)
		return nil
	}
}

// returnVisit is someone coming back: to ask how their case goes, or, if
// it ended against them, with the same matter again (tiếp khiếu).
func (f *filler) returnVisit(d model.Date) func(b *store.Bulk) error {
	who := f.known[f.rng.IntN(len(f.known))]
	return func(b *store.Bulk) error {
		m := who.matter
		in := store.VisitInput{Visit: model.Visit{Receiver: "letan", Persons: []string{who.id}, Employer: who.employer,
			Content: one(f.rng, []string{"Hỏi về chế độ nghỉ phép năm", "Hỏi cách tính tiền làm thêm giờ", "Nhờ công đoàn giới thiệu luật sư tư vấn"}),
			Outcome: model.OutcomeAnswered}}
		if m != nil && m.petition != "" {
			in.Visit.Repeat = true
			in.Visit.Content = "Hỏi tiến độ giải quyết đơn đã gửi: " + m.tp.summary(f.rng, who.employer, int(d.M))
		}
		_, _, err := b.RecordVisit("letan", in)
		return err
	}
}

// comeBack is the repeat complaint: the person whose case was concluded
// against them brings the same matter again, and it is classified as a
// duplicate of the old petition, so the new case points at the old one.
func (f *filler) comeBack(m *matter, d model.Date) {
	f.schedule(d, 60+f.rng.IntN(300), func(b *store.Bulk) error {
		again := &matter{tp: m.tp, kind: m.kind, regime: m.regime, who: m.who, repeatOf: m}
		in := store.VisitInput{
			Visit: model.Visit{Receiver: "letan", Persons: []string{m.who.id}, Employer: m.who.employer, Repeat: true,
				Content: "Tiếp tục khiếu nại: không đồng ý với kết quả giải quyết lần trước. " + m.tp.summary(f.rng, m.who.employer, int(d.M)),
				Outcome: model.OutcomePetition},
			Petition: &model.Petition{Kind: m.kind},
		}
		_, pet, err := b.RecordVisit("letan", in)
		if err != nil {
			return err
		}
		again.petition, again.received = pet.ID, pet.Received
		m.who.matter = again
		f.follow(again, &fate{decision: model.DecisionAccept, classifyIn: 1, acceptIn: 2, resolveIn: 25, end: model.EvCaseConcluded, result: model.ResultPartly})
		return nil
	})
}

// randomFate draws how an ordinary matter goes.
func (f *filler) randomFate(m *matter) *fate {
	fa := &fate{classifyIn: 1 + f.rng.IntN(4), acceptIn: 1 + f.rng.IntN(4), resolveIn: 8 + f.rng.IntN(30), end: model.EvCaseConcluded}
	switch m.kind {
	case model.KindMixed:
		fa.decision = model.DecisionGuide
		return fa
	case model.KindAnonymous:
		fa.decision = pick(f.rng, []weighted[model.Decision]{{model.DecisionFile, 2}, {model.DecisionForward, 1}})
		return fa
	}
	if m.regime == model.RegimeCitizens {
		fa.decision = pick(f.rng, []weighted[model.Decision]{{model.DecisionGuide, 3}, {model.DecisionForward, 2}, {model.DecisionAccept, 1}})
	} else {
		fa.decision = pick(f.rng, []weighted[model.Decision]{{model.DecisionAccept, 62}, {model.DecisionGuide, 16}, {model.DecisionForward, 10}, {model.DecisionReturn, 4}, {model.DecisionFile, 8}})
	}
	if m.kind == model.KindRecommendation || m.kind == model.KindReport {
		fa.resolveIn = 2 + f.rng.IntN(9)
		fa.result = model.ResultSettled
	} else {
		fa.result = pick(f.rng, []weighted[model.Result]{{model.ResultRight, 35}, {model.ResultPartly, 30}, {model.ResultWrong, 25}, {model.ResultWithdrawn, 10}})
	}
	switch r := f.rng.IntN(100); {
	case r < 4:
		fa.reject = true
	case r < 11:
		fa.end = model.EvCaseTransferred
	case r < 15:
		fa.end = model.EvCaseTerminated
	case r < 18 && (f.years <= 1 || m.received.AddDays(240).After(f.today)):
		fa.resolveIn = -1 // forgotten: it will be overdue
	case r < 18:
		fa.resolveIn = 90 + f.rng.IntN(150) // over a decade: overdue for months, then settled
	case r < 25 && m.kind != model.KindRecommendation && m.kind != model.KindReport:
		fa.suspendAt = 3 + f.rng.IntN(5)
		fa.resumeAfter = 5 + f.rng.IntN(20)
		fa.resolveIn += fa.resumeAfter
	case r < 30 && m.kind == model.KindDenunciation:
		fa.extendAt = 20 + f.rng.IntN(8)
		fa.resolveIn = 35 + f.rng.IntN(20)
	case r < 32 && m.kind == model.KindComplaint && m.regime != model.RegimeDispute && m.regime != model.RegimeCitizens:
		fa.complex = true
		fa.resolveIn = 30 + f.rng.IntN(14)
	}
	if fa.end == model.EvCaseConcluded && f.rng.IntN(35) == 0 {
		fa.reopenAfter, fa.again = 10+f.rng.IntN(15), 10+f.rng.IntN(20)
	}
	if fa.end == model.EvCaseConcluded && fa.result == model.ResultWrong && m.kind == model.KindComplaint && f.rng.IntN(6) == 0 {
		fa.comeBack = 20 + f.rng.IntN(40)
	}
	return fa
}

var handlers = []string{"hung", "hung", "demo"}

// follow plans a registered petition's classification and, if accepted,
// its case's life. fa nil draws a fate.
func (f *filler) follow(m *matter, fa *fate) {
	if fa == nil {
		fa = f.randomFate(m)
	}
	m.fate = fa
	day := f.workday(m.received, fa.classifyIn)
	f.schedule(day, 30+f.rng.IntN(480), func(b *store.Bulk) error {
		c := model.Classification{Kind: m.kind, Regime: m.regime, Field: m.tp.field, Decision: fa.decision,
			Conditions: fa.decision != model.DecisionReturn && fa.decision != model.DecisionFile, Round: 1}
		if m.kind == model.KindAnonymous || m.kind == model.KindMixed {
			c.Regime, c.Field = "", m.tp.field
		}
		switch fa.decision {
		case model.DecisionAccept:
			c.Competent = true
		case model.DecisionForward:
			c.ForwardTo = one(f.rng, transferTo)
			c.Reason = "Không thuộc thẩm quyền của công đoàn cơ sở"
		case model.DecisionGuide:
			c.Reason = one(f.rng, guideTo)
			if m.kind == model.KindMixed {
				c.Reason = "Hướng dẫn tách đơn theo từng nội dung"
			}
		case model.DecisionReturn:
			c.Reason = "Đơn do cơ quan báo chí chuyển, không thuộc thẩm quyền"
		case model.DecisionFile:
			c.Reason = "Đơn không đủ điều kiện xử lý, lưu theo dõi"
		}
		if m.repeatOf != nil {
			c.DuplicateOf = m.repeatOf.petition
		}
		cs, err := b.Classify("demo", m.petition, c)
		if fa.decision == model.DecisionForward && err == nil && f.more.IntN(3) == 0 {
			f.urge(day, func(b *store.Bulk, a model.CaseAction) error {
				_, err := b.UrgePetition("demo", m.petition, a)
				return err
			})
		}
		if err != nil || cs == nil {
			return f.refusal(err)
		}
		m.caseID = cs.ID
		f.caseLife(m, day)
		return nil
	})
}

// caseLife plans a case's steps from its opening on day opened.
func (f *filler) caseLife(m *matter, opened model.Date) {
	fa := m.fate
	if fa.acceptIn < 0 {
		return
	}
	handler := one(f.rng, handlers)
	act := func(d model.Date, ev model.EventType, a model.CaseAction, then func(model.Date)) {
		f.schedule(d, 60+f.rng.IntN(420), func(b *store.Bulk) error {
			a.On = d
			if _, err := b.CaseAction(handler, m.caseID, ev, a); err != nil {
				return f.refusal(err)
			}
			if then != nil {
				then(d)
			}
			return nil
		})
	}
	accepted := f.workday(opened, fa.acceptIn)
	if fa.reject {
		act(accepted, model.EvCaseRejected, model.CaseAction{Reason: "Hết thời hiệu khiếu nại"}, nil)
		return
	}
	act(accepted, model.EvCaseAccepted, model.CaseAction{Handler: handler}, func(d model.Date) {
		if fa.notes > 0 {
			for i := 0; i < fa.notes; i++ {
				f.schedule(f.workday(d, 1+i*3), 200, func(b *store.Bulk) error {
					return f.refusal(b.AddNote(handler, m.caseID, one(f.rng, noteTexts)))
				})
			}
			return
		}
		f.caseSteps(m, handler, d, act)
	})
}

func (f *filler) caseSteps(m *matter, handler string, accepted model.Date, act func(model.Date, model.EventType, model.CaseAction, func(model.Date))) {
	fa := m.fate
	// Notes and a reminder along the way (they fit a closed case too).
	for k := f.rng.IntN(3); k > 0; k-- {
		d := f.onWorkday(accepted.AddDays(1 + f.rng.IntN(20)))
		f.schedule(d, 100+f.rng.IntN(300), func(b *store.Bulk) error {
			return f.refusal(b.AddNote(handler, m.caseID, one(f.rng, noteTexts)))
		})
	}
	if f.rng.IntN(10) < 3 {
		on := f.onWorkday(accepted.AddDays(5 + f.rng.IntN(30)))
		f.schedule(accepted, 480, func(b *store.Bulk) error {
			return f.refusal(b.SetReminder(handler, m.caseID, model.Reminder{On: on, Text: one(f.rng, remindTexts)}))
		})
	}
	// The steps that need an open case, each on a later day than the one
	// before, then the end.
	last := accepted
	later := func(d model.Date) model.Date {
		d = f.onWorkday(d)
		if !d.After(last) {
			d = f.workday(last, 1)
		}
		last = d
		return d
	}
	if f.rng.IntN(7) == 0 {
		act(later(accepted.AddDays(2)), model.EvCaseDocsAsked, model.CaseAction{Reason: "Đề nghị bổ sung phiếu lương và bảng chấm công"}, nil)
	}
	if fa.complex {
		act(later(accepted.AddDays(3)), model.EvCaseExtended, model.CaseAction{Complex: true, Reason: "Vụ việc phức tạp: nhiều người lao động, nhiều nội dung"}, nil)
	}
	if fa.suspendAt > 0 {
		act(later(accepted.AddDays(fa.suspendAt)), model.EvCaseSuspended, model.CaseAction{Reason: "Chờ kết quả giám định"}, nil)
		if fa.resumeAfter < 0 {
			return
		}
		act(later(last.AddDays(fa.resumeAfter)), model.EvCaseResumed, model.CaseAction{Reason: "Đã có kết quả giám định"}, nil)
	}
	if fa.extendAt > 0 {
		act(later(accepted.AddDays(fa.extendAt)), model.EvCaseExtended, model.CaseAction{Days: 30, Reason: "Vụ việc phức tạp, cần xác minh thêm tại nhiều phân xưởng"}, nil)
	}
	if fa.resolveIn < 0 {
		return
	}
	endDay := later(accepted.AddDays(fa.resolveIn))
	a := model.CaseAction{}
	switch fa.end {
	case model.EvCaseConcluded:
		a.Result = fa.result
		a.DecisionNo = fmt.Sprintf("%02d/QĐ-CĐCS", 1+f.rng.IntN(98))
		a.DecisionDate = endDay
		f.decide(m, &a)
	case model.EvCaseTransferred:
		a.To = one(f.rng, transferTo)
		a.Reason = "Vượt thẩm quyền giải quyết của công đoàn cơ sở"
	case model.EvCaseTerminated:
		a.Reason = one(f.rng, []string{"Người lao động đã nghỉ việc, không tiếp tục yêu cầu", "Công ty đã giải thể", "Người khiếu nại rút đơn"})
	}
	urged := fa.end == model.EvCaseTransferred && f.more.IntN(2) == 0
	act(endDay, fa.end, a, func(d model.Date) {
		// What follows an end that stays: the conclusion carried out,
		// the body the case went to urged.
		if fa.reopenAfter <= 0 && fa.end == model.EvCaseConcluded && a.Decided.Obliges(a.Recovered) {
			f.carryOut(m.caseID, handler, d, a)
		}
		if fa.reopenAfter <= 0 && urged {
			f.urge(d, func(b *store.Bulk, u model.CaseAction) error {
				_, err := b.CaseAction(handler, m.caseID, model.EvCaseUrged, u)
				return err
			})
		}
		if fa.reopenAfter > 0 {
			act(f.workday(d, fa.reopenAfter), model.EvCaseReopened, model.CaseAction{Reason: "Công ty không thực hiện kết luận"}, func(r model.Date) {
				if fa.again >= 0 {
					act(f.workday(r, 1+fa.again), model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight, DecisionNo: "Kết luận lần hai"}, nil)
				}
			})
		}
		if fa.comeBack > 0 && m.who != nil {
			f.comeBack(m, f.onWorkday(d.AddDays(fa.comeBack)))
		}
	})
}

// urge plans, some weeks after day, the urging of the body a petition
// was forwarded or a case transferred to (đôn đốc).
func (f *filler) urge(day model.Date, write func(b *store.Bulk, a model.CaseAction) error) {
	on := f.onWorkday(day.AddDays(15 + f.more.IntN(30)))
	how := model.UrgeHows[f.more.IntN(len(model.UrgeHows))]
	f.schedule(on, 120+f.more.IntN(300), func(b *store.Bulk) error {
		return f.refusal(write(b, model.CaseAction{On: on, How: how, Reason: "Đề nghị thông báo kết quả giải quyết"}))
	})
}

// decide fills what a conclusion restored and decided: money returned to
// workers when a complaint was right or partly right, sometimes land, a
// sum for the State or sanctions; sanctions and a referral when a
// denunciation was right.
func (f *filler) decide(m *matter, a *model.CaseAction) {
	r := f.more
	a.Replied = r.IntN(3) > 0
	switch {
	case m.kind == model.KindComplaint && (a.Result == model.ResultRight || a.Result == model.ResultPartly):
		if r.IntN(3) > 0 {
			a.Recovered = int64(1+r.IntN(60)) * 500_000
			a.Restored = 1 + r.IntN(12)
		}
		if r.IntN(12) == 0 {
			a.StateMoney = int64(1+r.IntN(40)) * 1_000_000
		}
		if r.IntN(25) == 0 {
			a.ReturnedLand = int64(20 + r.IntN(300))
		}
		if r.IntN(10) == 0 {
			a.Sanctioned = 1 + r.IntN(2)
		}
	case m.kind == model.KindDenunciation && a.Result == model.ResultRight:
		a.Sanctioned = 1 + r.IntN(3)
		a.SanctionedOfficials = r.IntN(a.Sanctioned + 1)
		if r.IntN(15) == 0 {
			a.Referred, a.ReferredPersons = true, 1
		}
		if r.IntN(5) == 0 {
			a.StateMoney = int64(1+r.IntN(20)) * 1_000_000
		}
	}
}

// carryOut plans what is carried out of a conclusion: most in one go a
// few weeks later, some in two steps, some never (yet).
func (f *filler) carryOut(caseID, handler string, concluded model.Date, a model.CaseAction) {
	r := f.more
	if r.IntN(6) == 0 {
		return // still to be carried out
	}
	all := model.Execution{Collected: a.StateMoney, Paid: a.Recovered, PaidLand: a.ReturnedLand, SanctionedDone: a.Sanctioned,
		Prosecuted: a.Referred, ProsecutedPersons: a.ReferredPersons, Done: true}
	steps := []model.Execution{all}
	if r.IntN(3) == 0 && all.Paid > 1_000_000 {
		first := model.Execution{Paid: all.Paid / 2}
		all.Paid -= first.Paid
		steps = []model.Execution{first, all}
	}
	day := concluded
	for _, x := range steps {
		day = f.onWorkday(day.AddDays(10 + r.IntN(40)))
		on, x := day, x
		f.schedule(on, 100+r.IntN(300), func(b *store.Bulk) error {
			_, err := b.CaseAction(handler, caseID, model.EvCaseExecuted, model.CaseAction{On: on, Execution: x})
			return f.refusal(err)
		})
	}
}

// plan sets up the matters the demo must show whatever the seed and the
// size: overdue cases, cases due this week, a pending one, a suspended
// one, reopened ones, a repeat complaint, and one case ending each way.
func (f *filler) plan() {
	// The working days of the year, for spreading the people; today's
	// visitors have not come yet.
	for d := f.from; d.Before(f.today); d = d.AddDays(1) {
		if f.cal.IsWorkingDay(d) {
			f.workLeft++
		}
	}
	// back is the working day n calendar days before today (or the one
	// before it, if that is a day off).
	back := func(n int) model.Date {
		d := f.today.AddDays(-n)
		for !f.cal.IsWorkingDay(d) {
			d = d.AddDays(-1)
		}
		return d
	}
	// backW is the working day n working days before today.
	backW := func(n int) model.Date { return f.cal.AddWorkingDays(f.today, -n) }
	complaint := topicOf(model.KindComplaint, model.FieldWages)
	denunciation := topicOf(model.KindDenunciation, model.FieldUnionFee)
	recommendation := topicOf(model.KindRecommendation, model.FieldPolicy)
	type show struct {
		recv model.Date
		tp   topic
		fa   fate
	}
	concl := func(r model.Result, resolveIn int) fate {
		return fate{decision: model.DecisionAccept, classifyIn: 1, acceptIn: 2, resolveIn: resolveIn, end: model.EvCaseConcluded, result: r}
	}
	never := fate{decision: model.DecisionAccept, classifyIn: 1, acceptIn: 2, resolveIn: -1}
	// Due this week: a 30-day resolution accepted 27 days ago, and a
	// recommendation (10 working days from receipt) received 8 working
	// days ago.
	dueSoon := never
	dueSoon.classifyIn, dueSoon.acceptIn = 0, 0
	recent := never
	recent.classifyIn, recent.acceptIn = 1, 1
	pending := never
	pending.acceptIn = -1
	suspended := never
	suspended.suspendAt, suspended.resumeAfter = 6, -1
	reopenedOpen := concl(model.ResultWrong, 25)
	reopenedOpen.reopenAfter, reopenedOpen.again = 3, -1
	reopenedDone := concl(model.ResultPartly, 20)
	reopenedDone.reopenAfter, reopenedDone.again = 15, 20
	repeat := concl(model.ResultWrong, 30)
	repeat.comeBack = 35
	extended := never
	extended.extendAt = 25
	rejected := never
	rejected.reject = true
	transferred := concl("", 5)
	transferred.end = model.EvCaseTransferred
	terminated := concl("", 10)
	terminated.end = model.EvCaseTerminated
	inbox := never
	inbox.classifyIn = 10
	shows := []show{
		{backW(1), recommendation, inbox}, // not classified yet
		{backW(2), complaint, inbox},
		{back(80), complaint, never},    // overdue
		{back(60), denunciation, never}, // overdue
		{back(27), complaint, dueSoon},  // due this week
		{backW(8), recommendation, recent},
		{backW(3), complaint, pending},      // awaiting thụ lý
		{back(45), denunciation, suspended}, // suspended
		{back(110), complaint, reopenedDone},
		{back(200), complaint, repeat}, // comes back, classified as a duplicate
		{back(50), denunciation, extended},
		{back(70), complaint, rejected},
		{back(65), complaint, transferred},
		{back(90), complaint, terminated},
		{back(150), complaint, concl(model.ResultRight, 25)},
		{back(140), complaint, concl(model.ResultWrong, 25)},
		{back(130), complaint, concl(model.ResultPartly, 25)},
		{back(120), complaint, concl(model.ResultWithdrawn, 15)},
		{back(100), recommendation, concl(model.ResultSettled, 5)},
	}
	// A letter with many matters in it, and one with no name.
	for i, k := range []model.PetitionKind{model.KindMixed, model.KindAnonymous} {
		if d := back(30 + 10*i); !d.Before(f.from) {
			f.schedule(d, 200, f.letterOf(d, k))
		}
	}
	if f.longCase > 0 {
		// A matter that drags on: a note every third working day.
		long := never
		long.notes = f.longCase
		shows = append(shows, show{f.cal.AddWorkingDays(f.today, -3*f.longCase-10), complaint, long})
	}
	// Concluded about two weeks ago and reopened since: open again.
	shows = append(shows, show{back(45), complaint, reopenedOpen})
	for i, sh := range shows {
		fa := sh.fa
		f.showVisit(sh.recv, 20+i, sh.tp, &fa)
	}
	// Every topic at least once, early in the year, whatever the size:
	// petitions of every kind, regime and field.
	for i, tp := range topics {
		f.showVisit(back(330-9*i), 100+i, tp, nil)
	}
}

// showVisit plans a first visit with a petition about tp on day d, and
// the matter's fate (nil = drawn).
func (f *filler) showVisit(d model.Date, minute int, tp topic, fa *fate) {
	if d.Before(f.from) {
		return
	}
	f.people--
	f.schedule(d, minute, func(b *store.Bulk) error {
		employer := pick(f.rng, employers)
		in := store.VisitInput{
			Visit:      model.Visit{Receiver: "letan", Employer: employer, Content: tp.summary(f.rng, employer, int(d.M)), Outcome: model.OutcomePetition},
			NewPersons: []model.Person{f.newPerson(employer)},
			Petition:   &model.Petition{Kind: tp.kind},
		}
		v, pet, err := b.RecordVisit("letan", in)
		if err != nil {
			return err
		}
		who := &visitor{id: v.Persons[0], name: in.NewPersons[0].Name, employer: employer}
		m := &matter{tp: tp, kind: tp.kind, regime: tp.regime, petition: pet.ID, received: pet.Received, who: who}
		who.matter = m
		f.known = append(f.known, who)
		f.follow(m, fa)
		return nil
	})
}

// topicOf returns the first topic of a kind and field.
func topicOf(k model.PetitionKind, fl model.Field) topic {
	for _, t := range topics {
		if t.kind == k && t.field == fl {
			return t
		}
	}
	panic("demo: no topic " + string(k) + "/" + string(fl))
}

// Scale returns the options of a named demo size: "" is the default
// office of one year; "office" is a district office's decade (100,000
// persons, about a million events); "province" gathers the decade of
// 300 grassroots unions into one office file. ok is false for an unknown
// name.
func Scale(name string) (opt Options, ok bool) {
	switch name {
	case "":
		return Options{}, true
	case "office":
		return Options{People: 100_000, Years: 10, Returns: 160, Seasons: true, LongCase: 195}, true
	case "province":
		return Options{People: 100_000, Years: 10, Returns: 160, Seasons: true, LongCase: 195, Sites: 300}, true
	}
	return Options{}, false
}

// The upper office of a province demo.
const (
	OfficeCode = "HN01"
	OfficeName = "Liên đoàn Lao động quận Long Biên"
)

// fillProvince builds opt.Sites grassroots unions, each in a temporary
// file of its own, imports every one's events into s (one import per
// site, as a first sync would), then fills the office's own desk.
func fillProvince(s *store.Store, opt Options) (Summary, error) {
	dir, err := os.MkdirTemp("", "donthu-province-")
	if err != nil {
		return Summary{}, err
	}
	defer os.RemoveAll(dir)
	child := opt
	child.Sites, child.LongCase, child.Progress = 0, 0, nil
	child.People = max(1, opt.People/opt.Sites)
	child.Returns = max(1, opt.Returns/opt.Sites)
	own := opt
	own.Sites, own.Site, own.Name, own.Parent, own.Progress = 0, OfficeCode, OfficeName, "", nil
	own.People, own.Returns = max(1, opt.People/opt.Sites), 1
	if s.Site() == "" {
		// The office exists before its sites' data arrives.
		u := Users[0]
		if err := s.Init(store.SiteInit{Code: OfficeCode, Name: OfficeName, Login: u.Login, UserName: u.Name, Password: Password}); err != nil {
			return Summary{}, err
		}
	}
	for i := 1; i <= opt.Sites; i++ {
		if opt.Progress != nil {
			opt.Progress(i-1, opt.Sites)
		}
		child.Site = fmt.Sprintf("CS%03d", i)
		child.Name = fmt.Sprintf("Công đoàn cơ sở số %d", i)
		child.Parent = s.Site()
		child.Seed = opt.Seed*1000 + uint64(i)
		path := filepath.Join(dir, child.Site+".db")
		cs, err := store.Open(path, store.Options{Now: s.Now, NoSync: true})
		if err != nil {
			return Summary{}, err
		}
		if _, err := Fill(cs, child); err != nil {
			cs.Close()
			return Summary{}, err
		}
		err = importAll(s, cs)
		cs.Close()
		os.Remove(path)
		if err != nil {
			return Summary{}, fmt.Errorf("demo: importing %s: %w", child.Site, err)
		}
	}
	return Fill(s, own)
}

// importAll imports every event of from's own site into s, in one import.
func importAll(s, from *store.Store) error {
	evs := make(chan model.Event, 256)
	done := make(chan error, 1)
	go func() {
		done <- from.EachEvent(from.Site(), 0, func(e model.Event) error { evs <- e; return nil })
		close(evs)
	}()
	_, err := s.Import(func() (model.Event, bool, error) {
		e, ok := <-evs
		return e, ok, nil
	}, nil)
	for range evs {
	}
	if err2 := <-done; err == nil {
		err = err2
	}
	return err
}
