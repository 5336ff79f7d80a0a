package store

import (
	"bytes"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// The report's indexes. A periodic report reads only what its period
// needs (model.ReportWindow), through three indexes kept with every
// write, like the others (indexEntries), so a rebuild makes them again
// and check verifies them:
//
//   - report_visit: time \0 site \0 reception \0 flags and persons \0
//     number \0 petition \0 employer \0 id (visitKeyParts). The key
//     holds every fact of a visit the figures count, so a year of an
//     office's visits is read from the index without decoding a record
//     (the drill-down reads a listed visit whole). Up to schema 6 its
//     key began with the day and spelled each part out (72 bytes a
//     visit against 42); both are read (eachVisitKey).
//   - petition_span: until \0 received \0 id, where until is the day the
//     petition was classified (its received day if earlier), or
//     openEnd while it waits: a petition counts in a period only if it
//     was received by the end and was not classified before the start.
//   - case_span: until \0 opened \0 id, where until is the day the case
//     was closed (for a reopened case, the later of that and its last
//     change: the day it came back; for a conclusion to carry out, the
//     day it was fully carried out), or openEnd while it is open or its
//     conclusion is still to be carried out.
//   - case_name: the folded sender \0 a (names no person) or p \0 id, for
//     the cases resolved (concluded, terminated): the earlier matters a
//     letter whose sender is not in the register may bring back.
//
// Files written before these indexes have them built once when opened
// for writing (ensureReportIndexes); until then, or in a file opened only
// for reading, ReportInput reads every record as before.

// openEnd sorts after every day.
const openEnd = "9999-99-99"

// metaReportIdx marks a file whose report indexes are complete.
var metaReportIdx = []byte("report_idx")

// reportIndexes are the indexes ensureReportIndexes builds.
var reportIndexes = []string{"report_visit", "petition_span", "case_span", "case_name"}

func dayKey(d model.Date) string {
	if d.IsZero() {
		return "0000-00-00"
	}
	return d.ISO()
}

func noZero(s string) string { return strings.ReplaceAll(s, "\x00", "") }

// reportEntries lists the report indexes' entries of a projection (see
// indexEntries).
func reportEntries(id string, v any, a *idxEntries) {
	switch x := v.(type) {
	case *model.Visit:
		emp := ""
		if x.Group {
			emp = noZero(x.Employer)
		}
		parts := visitKeyParts(x, x.People(), emp, id)
		a.add("report_visit", parts[:]...)
	case *model.Petition:
		until := openEnd
		if x.Classified {
			until = dayKey(x.ClassifiedOn)
			if x.ClassifiedOn.Before(x.Received) {
				until = dayKey(x.Received)
			}
		}
		a.add("petition_span", until, dayKey(x.Received), id)
	case *model.Case:
		until := openEnd
		if x.Status.Closed() && !x.Closed.IsZero() {
			until = dayKey(x.Closed)
			if x.Reopens > 0 && !x.Updated.IsZero() {
				if u := model.DateOf(x.Updated); u.After(x.Closed) {
					until = dayKey(u)
				}
			}
			// A conclusion still to be carried out counts in the
			// execution forms until it is (02/KQGQ, 04/KQGQ).
			if x.Status == model.StatusConcluded && x.Obliges(x.Recovered) {
				if done := x.ExecutedOn(); done.IsZero() {
					until = openEnd
				} else if dayKey(done) > until {
					until = dayKey(done)
				}
			}
		}
		a.add("case_span", until, dayKey(x.Opened), id)
		if (x.Status == model.StatusConcluded || x.Status == model.StatusTerminated) && x.SenderName != "" {
			if n := model.Fold(x.SenderName); n != "" {
				who := "p"
				if len(x.Senders) == 0 {
					who = "a"
				}
				a.add("case_name", noZero(n), who, id)
			}
		}
	}
}

// A visit's report_visit key, from schema 7 (about 42 bytes):
//
//   - time: its seconds since 1970, offset by 2^41 so that any time from
//     the year 1 on is above 0, as seven timeDigits, which sort as the
//     seconds do, so the visits of days are a range of keys (dayStart);
//   - site: empty when it is the id's site, "-" when it has none, any
//     other that could be read as these after a "=";
//   - reception: one letter for each kind (receptionCodes), else "=" and
//     its name;
//   - flags and persons: the letters g (group), r (repeat), d (delegated),
//     then the number of persons;
//   - number: its site's "SITE-" prefix kept as "-"; one that begins with
//     "-" or "=" otherwise is kept after a "=";
//   - petition: without "petition:"; any other, or one that would read
//     otherwise, after a "=";
//   - employer (of a group visit) as it is, and the id without its kind
//     (keys.go, shortTail).
const timeDigits = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"

// visitTimeLen is the length of the time part; visitTimeOffset is added
// to the seconds.
const (
	visitTimeLen    = 7
	visitTimeOffset = 1 << 41
)

var receptionCodes = map[model.ReceptionType]string{model.ReceptionRegular: "R", model.ReceptionScheduled: "S", model.ReceptionAdhoc: "A"}

var receptionOfCode = func() map[string]model.ReceptionType {
	m := map[string]model.ReceptionType{}
	for r, c := range receptionCodes {
		m[c] = r
	}
	return m
}()

// visitTime is the time part of a report_visit key for sec, seconds
// since 1970 (any time from the year 1 to the year 71,000).
func visitTime(sec int64) string {
	v := min(max(sec+visitTimeOffset, 0), 1<<(6*visitTimeLen)-1)
	var b [visitTimeLen]byte
	for i := visitTimeLen - 1; i >= 0; i-- {
		b[i] = timeDigits[v&63]
		v >>= 6
	}
	return string(b[:])
}

func parseVisitTime(p string) (int64, bool) {
	if len(p) != visitTimeLen {
		return 0, false
	}
	var v int64
	for i := 0; i < visitTimeLen; i++ {
		d := strings.IndexByte(timeDigits, p[i])
		if d < 0 {
			return 0, false
		}
		v = v<<6 | int64(d)
	}
	return v - visitTimeOffset, true
}

// dayStart is the time part of the first key of day d.
func dayStart(d model.Date) string {
	return visitTime(time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, model.VN).Unix())
}

// visitFlags are the letters of a visit's kinds in its report_visit key:
// g (group), r (repeat), d (delegated).
func visitFlags(x *model.Visit) string {
	flags := ""
	if x.Group {
		flags += "g"
	}
	if x.Repeat {
		flags += "r"
	}
	if x.Delegated {
		flags += "d"
	}
	return flags
}

// visitKeyParts returns the parts of a visit's report_visit key.
func visitKeyParts(x *model.Visit, people int, emp, id string) [8]string {
	flags := visitFlags(x)
	site := noZero(x.Site)
	switch {
	case site == siteOfID(id):
		site = ""
	case site == "":
		site = "-"
	case site == "-" || strings.HasPrefix(site, "="):
		site = "=" + site
	}
	rec, ok := receptionCodes[x.Reception]
	if !ok && x.Reception != "" {
		rec = "=" + noZero(string(x.Reception))
	}
	no := noZero(x.No)
	if x.Site != "" && strings.HasPrefix(no, x.Site+"-") {
		no = no[len(x.Site):]
	} else if strings.HasPrefix(no, "-") || strings.HasPrefix(no, "=") {
		no = "=" + no
	}
	pet := noZero(x.Petition)
	if rest, ok := strings.CutPrefix(pet, model.EntPetition+":"); ok && rest != "" && !strings.HasPrefix(rest, "=") {
		pet = rest
	} else if pet != "" {
		pet = "=" + pet
	}
	return [8]string{visitTime(x.At.Unix()), site, rec, flags + strconv.Itoa(people), no, pet, emp, shortID(id)}
}

// parseReportVisit reads a visit's report_visit key back, in either
// form. Its strings share the one copy of the key.
func parseReportVisit(k []byte) (model.Visit, bool) {
	var p [10]string
	rest := string(k)
	n := 0
	for ; n < 9; n++ {
		j := strings.IndexByte(rest, 0)
		if j < 0 {
			break
		}
		p[n], rest = rest[:j], rest[j+1:]
	}
	p[n] = rest
	switch {
	case n == 7 && len(p[0]) == visitTimeLen:
		return parseVisitKey(p[:8])
	case n == 9 && len(p[0]) == 10:
		return parseVisitKey6(p)
	}
	return model.Visit{}, false
}

// parseVisitKey reads the parts of a key of schema 7 (visitKeyParts).
func parseVisitKey(p []string) (model.Visit, bool) {
	sec, ok := parseVisitTime(p[0])
	if !ok {
		return model.Visit{}, false
	}
	// Nothing kept points into the key (an empty part may), so the
	// report holds only the strings it needs (model.ReportVisit).
	v := model.Visit{At: time.Unix(sec, 0).In(model.VN), Employer: strings.Clone(p[6]), ID: longID("report_visit", p[7])}
	switch site := p[1]; {
	case site == "":
		v.Site = siteOfID(v.ID)
	case site == "-":
		v.Site = ""
	case strings.HasPrefix(site, "="):
		v.Site = site[1:]
	default:
		v.Site = site
	}
	if r, ok := receptionOfCode[p[2]]; ok {
		v.Reception = r
	} else {
		v.Reception = model.ReceptionType(strings.TrimPrefix(p[2], "="))
	}
	fp := p[3]
	i := strings.IndexAny(fp, "0123456789")
	if i < 0 {
		return model.Visit{}, false
	}
	flags := fp[:i]
	v.Group, v.Repeat, v.Delegated = strings.Contains(flags, "g"), strings.Contains(flags, "r"), strings.Contains(flags, "d")
	v.HeadCount, _ = strconv.Atoi(fp[i:])
	switch no := p[4]; {
	case strings.HasPrefix(no, "-"):
		v.No = v.Site + no
	case strings.HasPrefix(no, "="):
		v.No = no[1:]
	default:
		v.No = no
	}
	switch pet := p[5]; {
	case pet == "":
	case strings.HasPrefix(pet, "="):
		v.Petition = pet[1:]
	default:
		v.Petition = model.EntPetition + ":" + pet
	}
	return v, true
}

// parseVisitKey6 reads the parts of a key of schema 6 or older: day \0
// time \0 site \0 reception \0 flags \0 persons \0 number \0
// petition \0 employer \0 id.
func parseVisitKey6(p [10]string) (model.Visit, bool) {
	sec, err := strconv.ParseInt(p[1], 36, 64)
	if err != nil {
		return model.Visit{}, false
	}
	people, _ := strconv.Atoi(p[5])
	v := model.Visit{At: time.Unix(sec, 0).In(model.VN), Site: p[2], Reception: model.ReceptionType(p[3]),
		Group: strings.Contains(p[4], "g"), Repeat: strings.Contains(p[4], "r"), Delegated: strings.Contains(p[4], "d"),
		HeadCount: people, No: p[6], Petition: p[7], Employer: p[8], ID: p[9]}
	return v, true
}

// visitKey7 returns the key of schema 7 of a report_visit key of schema
// 6 or older (the rewrite after the step to 7), or k if it is not one.
func visitKey7(k []byte) []byte {
	if bytes.IndexByte(k, 0) != 10 {
		return k
	}
	v, ok := parseReportVisit(k)
	if !ok {
		return k // damage: check says so
	}
	parts := visitKeyParts(&v, v.HeadCount, v.Employer, v.ID)
	return idxKey(parts[:]...)
}

// eachVisitKey calls fn with the key of each visit on days in [from,
// to] (zero: open) in ib: report_visit, in the form of schema 7 or in
// that of schema 6 and older (a backup read before its step, which
// writes them anew: a file holds one form), or visit_date (day \0 id)
// in a file of schema 5 or older.
func eachVisitKey(ib *bolt.Bucket, from, to model.Date, fn func(k []byte)) {
	c := ib.Cursor()
	first, _ := c.First()
	var lo, hi string
	if bytes.IndexByte(first, 0) == visitTimeLen {
		// A range of times.
		if !from.IsZero() {
			lo = dayStart(from)
		}
		if !to.IsZero() {
			hi = dayStart(to.AddDays(1))
		}
		for k, _ := c.Seek([]byte(lo)); k != nil && (hi == "" || string(k[:min(len(k), visitTimeLen)]) < hi); k, _ = c.Next() {
			fn(k)
		}
		return
	}
	// A range of days.
	if !from.IsZero() {
		lo = from.ISO()
	}
	if !to.IsZero() {
		hi = to.ISO()
	}
	for k, _ := c.Seek([]byte(lo)); k != nil; k, _ = c.Next() {
		if i := bytes.IndexByte(k, 0); hi != "" && i >= 0 && string(k[:i]) > hi {
			break
		}
		fn(k)
	}
}

// ensureReportIndexes builds the report indexes of a file written before
// them, once, inside the opening transaction.
func ensureReportIndexes(tx *bolt.Tx) error {
	meta := tx.Bucket(bMeta)
	if meta.Get(metaReportIdx) != nil {
		return nil
	}
	batch := idxBatch{}
	for _, kind := range []string{model.EntVisit, model.EntPetition, model.EntCase} {
		err := eachState(tx, kind, func(id string, b []byte) error {
			v, err := decodeState(tx, id, b)
			if err != nil {
				return err
			}
			var a idxEntries
			reportEntries(id, v, &a)
			for _, e := range a.out {
				batch.set(e, true)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	if err := batch.apply(tx); err != nil {
		return err
	}
	return meta.Put(metaReportIdx, []byte("1"))
}

// ReportInput reads what the reports of periods inside [from, to] are
// computed from (model.NewReportData; model.ReportWindow gives the days
// a period needs): the visits of those days, the petitions and cases
// that can count in them, the records those point to (a visit's petition,
// a petition's case, a case's earlier case), the resolved cases a letter
// of those days may bring back, the units this file knows with their
// name history, and the calendar. At an office that is its own records
// and its children's. Zero bounds read everything.
//
// Persons merged into another are given as the one that stands for them,
// so a sender is one person however many records they had.
//
// Everything is copied out: the caller computes without holding the file.
// A record that cannot be read is left out and the error (a *model.Msg of
// kind damaged, with the way out) says so beside the input read.
func (s *Store) ReportInput(from, to model.Date) (model.ReportInput, error) {
	in := model.ReportInput{
		Sites: s.Sites(),
		Cal:   s.Calendar(),
		Names: map[string][]model.SiteName{},
		From:  from,
		To:    to,
	}
	for _, site := range in.Sites {
		if evs, err := s.Timeline(model.SiteEntity(site.Code)); err == nil {
			in.Names[site.Code] = model.SiteNamesFrom(evs)
		}
	}
	roots := s.PersonRoots()
	var bad error
	damaged := func(id string, err error) {
		if bad == nil && !errors.Is(err, ErrNotFound) {
			bad = damagedRecord(id, err)
		}
	}
	s.db.View(func(tx *bolt.Tx) error {
		if (from.IsZero() && to.IsZero()) || tx.Bucket(bMeta).Get(metaReportIdx) == nil {
			in.From, in.To = model.Date{}, model.Date{}
			readAllForReport(tx, &in, damaged)
		} else {
			readWindow(tx, &in, from, to, roots, damaged)
		}
		return nil
	})
	in.FullVisit = func(id string) (model.Visit, bool) {
		v, err := s.Visit(id)
		return v, err == nil
	}
	model.ResolveSenders(in.Cases, in.Petitions, roots)
	return in, bad
}

// readAllForReport reads every visit, petition and case.
func readAllForReport(tx *bolt.Tx, in *model.ReportInput, damaged func(id string, err error)) {
	eachState(tx, model.EntVisit, func(id string, b []byte) error {
		var v model.Visit
		if err := unmarshalState(tx, id, b, &v); err != nil {
			damaged(id, err)
		} else {
			in.Visits = append(in.Visits, model.ReportVisitOf(&v))
		}
		return nil
	})
	eachIdx(tx, "petition_date", nil, func(_ []byte, id string) bool {
		var p model.Petition
		if err := getState(tx, id, &p); err != nil {
			damaged(id, err)
		} else {
			in.Petitions = append(in.Petitions, p)
		}
		return true
	})
	eachState(tx, model.EntCase, func(id string, b []byte) error {
		var c model.Case
		if err := decodeJSON(b, &c); err != nil {
			damaged(id, err)
		} else {
			in.Cases = append(in.Cases, c)
		}
		return nil
	})
}

// readWindow reads the records reports inside [from, to] need.
// roots are the merged persons (Store.PersonRoots).
func readWindow(tx *bolt.Tx, in *model.ReportInput, from, to model.Date, roots map[string]string, damaged func(id string, err error)) {
	lo, hi := dayKey(from), openEnd
	if !to.IsZero() {
		hi = dayKey(to)
	}
	pets := map[string]bool{}
	cases := map[string]bool{}
	addPet := func(id string) *model.Petition {
		if id == "" || pets[id] {
			return nil
		}
		var p model.Petition
		if err := getState(tx, id, &p); err != nil {
			damaged(id, err)
			return nil
		}
		pets[id] = true
		in.Petitions = append(in.Petitions, p)
		return &in.Petitions[len(in.Petitions)-1]
	}
	addCase := func(id string, resolvedOnly bool) {
		if id == "" || cases[id] {
			return
		}
		var c model.Case
		if err := getState(tx, id, &c); err != nil {
			damaged(id, err)
			return
		}
		if resolvedOnly && c.Status != model.StatusConcluded && c.Status != model.StatusTerminated {
			return
		}
		cases[id] = true
		in.Cases = append(in.Cases, c)
	}
	// The visits of the days, from their index alone: counted first, so
	// the list is made once at its size.
	if ib := tx.Bucket(bIdx).Bucket([]byte("report_visit")); ib != nil {
		days := func(fn func(k []byte)) { eachVisitKey(ib, from, to, fn) }
		n := 0
		days(func([]byte) { n++ })
		in.Visits = make([]model.ReportVisit, 0, n)
		days(func(k []byte) {
			if v, ok := parseReportVisit(k); ok {
				in.Visits = append(in.Visits, model.ReportVisitOf(&v))
			}
		})
	}
	// Petitions received by the end and not classified before the start;
	// cases opened by the end and not closed before the start.
	span := func(index string) []string {
		ib := tx.Bucket(bIdx).Bucket([]byte(index))
		if ib == nil {
			return nil
		}
		var ids []string
		c := ib.Cursor()
		for k, _ := c.Seek([]byte(lo)); k != nil; k, _ = c.Next() {
			parts := bytes.SplitN(k, []byte{0}, 3)
			if len(parts) == 3 && string(parts[1]) <= hi {
				ids = append(ids, string(parts[2]))
			}
		}
		return ids
	}
	// Those decoded on every core (a year's are thousands), each list
	// made once with room for what they point to.
	pids, cids := span("petition_span"), span("case_span")
	// (Each index holds a record once.)
	in.Petitions = readStates[model.Petition](tx, model.EntPetition, pids, len(pids)/8, damaged)
	for i := range in.Petitions {
		pets[in.Petitions[i].ID] = true
	}
	in.Cases = readStates[model.Case](tx, model.EntCase, cids, len(cids)/4, damaged)
	for i := range in.Cases {
		cases[in.Cases[i].ID] = true
	}
	// What those point to.
	for i := range in.Visits {
		addPet(in.Visits[i].Petition)
	}
	for i := 0; i < len(in.Petitions); i++ {
		p := &in.Petitions[i]
		addCase(p.Case, false)
		addPet(p.DuplicateOf)
	}
	for i := 0; i < len(in.Cases); i++ {
		addCase(in.Cases[i].PriorCase, false)
	}
	// The resolved cases a letter received in the days may bring back
	// (model.FindRepeats): its senders' cases, and for a sender named
	// only, the cases of that name.
	for i, n := 0, len(in.Petitions); i < n; i++ {
		p := in.Petitions[i]
		if p.Received.IsZero() || dayKey(p.Received) < lo || dayKey(p.Received) > hi {
			continue
		}
		for _, sender := range p.Senders {
			group := []string{sender}
			if len(roots) > 0 {
				group = groupTx(tx, sender)
			}
			for _, who := range group {
				eachIdx(tx, "person_case", append([]byte(who), 0), func(_ []byte, id string) bool {
					addCase(id, true)
					return true
				})
			}
		}
		if name := noZero(model.Fold(p.SenderName)); name != "" {
			pfx := name + "\x00"
			if len(p.Senders) > 0 {
				pfx += "a\x00"
			}
			eachIdx(tx, "case_name", []byte(pfx), func(_ []byte, id string) bool {
				addCase(id, true)
				return true
			})
		}
	}
	sort.SliceStable(in.Petitions, func(i, j int) bool { return in.Petitions[i].Received.Before(in.Petitions[j].Received) })
}

// ShownName returns a name as the signed-in session may show it in a
// report's list of records (model.ReportData.Line): for a person id, their
// name, and for a protected person only when the session's user is
// entitled to them and deliberately revealed one of the records that
// protect them (a case, or a petition with no case); for a case or petition id, its sealed sender unsealed
// (Line asks the policy and the reveal for those). "" when unknown or
// not to be shown.
func (s *Store) ShownName(id string) string {
	switch model.EntityKind(id) {
	case model.EntCase:
		if c, err := s.Case(id); err == nil {
			n, _ := s.SenderName(&c)
			return n
		}
		return ""
	case model.EntPetition:
		if p, err := s.Petition(id); err == nil {
			n, _ := s.PetitionSenderName(&p)
			return n
		}
		return ""
	}
	p, err := s.Person(id)
	if err != nil {
		return ""
	}
	if p.Sealed == "" {
		return p.Name
	}
	u, ok := s.Current()
	if !ok || !s.mayFindSealedPerson(id) || !s.revealedPerson(u.Login, id) || !s.UnsealPerson(&p) {
		return "" // a protected person, not revealed in this session
	}
	return p.Name
}

// revealedPerson reports whether login revealed, in this session, the
// sender of one of person id's petitions: on its case, or on the
// petition itself while it has none (RevealedPetition).
func (s *Store) revealedPerson(login, id string) bool {
	var pets []model.Petition
	s.db.View(func(tx *bolt.Tx) error {
		pre := append([]byte(id), 0)
		eachIdx(tx, "person_petition", pre, func(k []byte, pid string) bool {
			if !bytes.HasPrefix(k, pre) {
				return false
			}
			var pet model.Petition
			if getState(tx, pid, &pet) == nil {
				pets = append(pets, pet)
			}
			return true
		})
		return nil
	})
	for i := range pets {
		if s.RevealedPetition(login, &pets[i]) {
			return true
		}
	}
	return false
}
