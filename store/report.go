package store

import (
	"donthu/model"
)

// ReportInput reads what a periodic report is computed from
// (model.NewReportData): the visits on or after since (zero = all), every
// petition and every case (a report needs the ones carried over from
// earlier periods, and the resolved matters that came back), the units
// this file knows with their name history, and the calendar. At an office
// that is its own records and its children's.
//
// It reads through the public queries, each a short read transaction, and
// copies everything out: the caller computes without holding the file.
func (s *Store) ReportInput(since model.Date) model.ReportInput {
	in := model.ReportInput{
		Visits:    s.Visits(since, model.Date{}),
		Petitions: s.Petitions(model.Date{}, model.Date{}),
		Sites:     s.Sites(),
		Cal:       s.Calendar(),
		Names:     map[string][]model.SiteName{},
	}
	in.Cases = make([]model.Case, 0, s.CaseCount())
	// A case that cannot be read is left out of a report; the desk's own
	// lists say so (the queue shows EachCase's error).
	_ = s.EachCase(CaseFilter{All: true}, func(c model.Case) { in.Cases = append(in.Cases, c) })
	for _, site := range in.Sites {
		if evs, err := s.Timeline(model.SiteEntity(site.Code)); err == nil {
			in.Names[site.Code] = model.SiteNamesFrom(evs)
		}
	}
	return in
}

// PersonName returns the name of person id, or "" when unknown.
func (s *Store) PersonName(id string) string {
	p, err := s.Person(id)
	if err != nil {
		return ""
	}
	if p.Sealed != "" && !s.mayFindSealedPerson(id) {
		return "" // a protected person, sealed to this session
	}
	if p.Sealed != "" {
		s.UnsealPerson(&p)
	}
	return p.Name
}
