package store

import (
	"bytes"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// ReportInput reads what a periodic report is computed from
// (model.NewReportData): the visits on or after since (zero = all), every
// petition and every case (a report needs the ones carried over from
// earlier periods, and the resolved matters that came back), the units
// this file knows with their name history, and the calendar. At an office
// that is its own records and its children's.
//
// It reads through the public queries, each a short read transaction, and
// copies everything out: the caller computes without holding the file. A
// record that cannot be read is left out and the error (a *model.Msg of
// kind damaged, with the way out) says so beside the input read.
func (s *Store) ReportInput(since model.Date) (model.ReportInput, error) {
	visits, err := s.VisitsIn(since, model.Date{})
	pets, perr := s.PetitionsIn(model.Date{}, model.Date{})
	if err == nil {
		err = perr
	}
	in := model.ReportInput{
		Visits:    visits,
		Petitions: pets,
		Sites:     s.Sites(),
		Cal:       s.Calendar(),
		Names:     map[string][]model.SiteName{},
	}
	in.Cases = make([]model.Case, 0, s.CaseCount())
	if cerr := s.EachCase(CaseFilter{All: true}, func(c model.Case) { in.Cases = append(in.Cases, c) }); err == nil {
		err = cerr
	}
	for _, site := range in.Sites {
		if evs, err := s.Timeline(model.SiteEntity(site.Code)); err == nil {
			in.Names[site.Code] = model.SiteNamesFrom(evs)
		}
	}
	return in, err
}

// ShownName returns a name as the signed-in session may show it in a
// report's list of records (model.ReportData.Line): for a person id, their
// name, and for a protected person only when the session's user is
// entitled to them and deliberately revealed one of the cases that
// protects them; for a case or petition id, its sealed sender unsealed
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
// sender of a case opened by one of person id's petitions.
func (s *Store) revealedPerson(login, id string) bool {
	var cases []string
	s.db.View(func(tx *bolt.Tx) error {
		pre := append([]byte(id), 0)
		eachIdx(tx, "person_petition", pre, func(k []byte, pid string) bool {
			if !bytes.HasPrefix(k, pre) {
				return false
			}
			var pet model.Petition
			if getState(tx, pid, &pet) == nil && pet.Case != "" {
				cases = append(cases, pet.Case)
			}
			return true
		})
		return nil
	})
	for _, c := range cases {
		if s.Revealed(login, c) {
			return true
		}
	}
	return false
}
