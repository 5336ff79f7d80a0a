package model

import "sort"

// Units in a report. An office reports per child site and in total; each
// unit appears under the name it had at the end of the period, and a unit
// merged or dissolved since stays reportable for the periods it existed in
// or has records in.

// ReportSite is one unit's row in a report.
type ReportSite struct {
	Code string
	Name string // the name it had at the end of the period
	// Gone says the unit had been dissolved or merged by the end of the
	// period (its successor, if any, in Successor).
	Gone      bool
	Successor string
}

// NameOn returns the name unit code had on day d: the last name taken on
// or before d (the first one known, for a day before any), else the
// current name, else the code.
func (d *ReportData) NameOn(code string, day Date) string {
	hist := d.in.Names[code]
	name := ""
	for _, h := range hist {
		if name == "" || !h.From.After(day) {
			name = h.Name
		}
	}
	if name == "" {
		for i := range d.in.Sites {
			if d.in.Sites[i].Code == code {
				name = d.in.Sites[i].Name
			}
		}
	}
	if name == "" {
		name = code
	}
	return name
}

// SitesIn returns the units reported for period p: home and every known
// unit under it that existed during the period, and any other unit with
// records in it (a visit or a petition received, a case open), by code.
// home, when set, is listed first (an office's own desk).
func (d *ReportData) SitesIn(p Period, home string) []ReportSite {
	from, to := p.Bounds()
	parent := map[string]string{}
	for i := range d.in.Sites {
		parent[d.in.Sites[i].Code] = d.in.Sites[i].Parent
	}
	// under reports whether code is home or one of its units (a child, a
	// child's child): a site's file also knows its own upper office, which
	// is not a unit of its report.
	under := func(code string) bool {
		for i := 0; i < 10 && code != ""; i++ {
			if home == "" || code == home {
				return true
			}
			code = parent[code]
		}
		return false
	}
	codes := map[string]bool{}
	for i := range d.in.Sites {
		s := &d.in.Sites[i]
		existed := (s.ValidFrom.IsZero() || !s.ValidFrom.After(to)) && (s.ValidTo.IsZero() || !s.ValidTo.Before(from))
		if existed && under(s.Code) {
			codes[s.Code] = true
		}
	}
	for code := range d.bySite {
		_, known := parent[code]
		if code != "" && !codes[code] && (!known || under(code)) && d.activeIn(code, from, to) {
			codes[code] = true
		}
	}
	var out []ReportSite
	for code := range codes {
		rs := ReportSite{Code: code, Name: d.NameOn(code, to)}
		for i := range d.in.Sites {
			if s := &d.in.Sites[i]; s.Code == code && !s.ValidTo.IsZero() && !s.ValidTo.After(to) {
				rs.Gone, rs.Successor = true, s.Successor
			}
		}
		out = append(out, rs)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i].Code == home) != (out[j].Code == home) {
			return out[i].Code == home
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// SiteNamesFrom folds a unit's site.created and site.updated events into
// its name history, oldest first (what ReportInput.Names holds).
func SiteNamesFrom(evs []Event) []SiteName {
	SortEvents(evs)
	var out []SiteName
	for i := range evs {
		e := &evs[i]
		if e.Type != EvSiteCreated && e.Type != EvSiteUpdated {
			continue
		}
		var s Site
		if e.Decode(&s) != nil || s.Name == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Name == s.Name {
			continue
		}
		out = append(out, SiteName{From: DateOf(e.At), Name: s.Name})
	}
	return out
}

// activeIn reports whether unit code has records in [from, to].
func (d *ReportData) activeIn(code string, from, to Date) bool {
	sc := d.scope(from, to, code)
	if len(sc.visits) > 0 {
		return true
	}
	for _, p := range sc.pets {
		if sc.in(p.Received) {
			return true
		}
	}
	for _, c := range sc.cases {
		if sc.upTo(c.Opened) && !sc.closedBefore(c) {
			return true
		}
	}
	return false
}
