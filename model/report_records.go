package model

import (
	"sort"
	"strings"
)

// SenderVisible reports whether u is entitled to a sender (policy.go: the
// case's handler and the leaders; an administrator is not a leader). A
// list names a sender only through Line, which also asks for the
// deliberate reveal (Shows).
func SenderVisible(u *User, confidential bool, handler string) bool {
	return MaySee(u, Secret{Confidential: confidential, Handler: handler})
}

// MaskedSender is what a hidden sender is written as.
var MaskedSender = Label{"(bảo mật)", "(confidential)"}

// RecordLine is one record of a drill-down, as a person may see it.
type RecordLine struct {
	Kind   string // EntVisit, EntPetition or EntCase
	ID     string
	No     string
	Site   string
	Date   Date
	Sender string // masked when the user may not see it
	Masked bool
	What   string // kind, status or outcome, and the summary
	N      int64  // what the record adds to the figure
	Case   string // the case to open in follow-up ("" = none)
	// Petition is the petition of a visit or a petition record ("" for a
	// case, or a visit with none): with no case yet, it is the record
	// whose reveal shows the sender.
	Petition string
	// Secret is what the policy judged the sender by: the record that
	// decides is the case once there is one, else the petition.
	Secret Secret
}

// Reveals is the record whose deliberate reveal shows the line's sender
// (its case, or its petition while it has none), "" when none can.
func (l *RecordLine) Reveals() string {
	if l.Case != "" {
		return l.Case
	}
	return l.Petition
}

// Line describes the record r for user u, by the one rule of the policy
// (Shows): a confidential sender is named only to the entitled, and to
// them only after they deliberately revealed it (revealed(id) says they
// did in this session, of the case, or of the petition while it has no
// case: RecordLine.Reveals; nil = nobody did).
//
// name looks up what the session may show of a name: a person's (a
// visit's visitors), or the sealed sender of a case or petition (by its
// id); "" when it may not (a protected person whose case was not
// revealed), and then the line is masked. name may be nil.
func (d *ReportData) Line(r Ref, u *User, lang Lang, name func(id string) string, revealed func(id string) bool) RecordLine {
	l := RecordLine{ID: r.ID, Site: r.Site, N: r.N, Kind: EntityKind(r.ID)}
	var confidential, hidden bool
	var handler, unit string
	switch l.Kind {
	case EntVisit:
		v := d.Visit(r.ID)
		if v == nil {
			break
		}
		var full Visit
		if d.in.FullVisit != nil {
			full, _ = d.in.FullVisit(r.ID)
		}
		l.No, l.Date = v.No, DateOf(v.At)
		var names []string
		ids := append(append([]string{}, full.Reps...), full.Persons...)
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] || name == nil {
				continue
			}
			seen[id] = true
			if n := name(id); n != "" {
				names = append(names, n)
			} else {
				hidden = true // a protected visitor: a later visit names them as well
			}
		}
		if len(names) > 2 {
			names = append(names[:2], "…")
		}
		l.Sender = strings.Join(names, ", ")
		what := []string{v.Reception.Label().In(lang)}
		if v.Group {
			what = append(what, Label{"đoàn", "group"}.In(lang))
		}
		if v.Repeat {
			what = append(what, Label{"nhiều lần", "repeat"}.In(lang))
		}
		l.What = strings.Join(what, ", ") + ": " + full.Content
		if p := d.pets[v.Petition]; p != nil {
			confidential, unit = p.Confidential, p.Site
			l.Case, l.Petition = p.Case, p.ID
			if c := d.cases[p.Case]; c != nil {
				handler, unit = c.Handler, SecretOfCase(c).Unit
			}
		}
	case EntPetition:
		p := d.pets[r.ID]
		if p == nil {
			break
		}
		l.No, l.Date, l.Sender, l.Case, l.Petition = p.No, p.Received, p.SenderName, p.Case, p.ID
		confidential, unit = p.Confidential, p.Site
		if c := d.cases[p.Case]; c != nil {
			handler, unit = c.Handler, SecretOfCase(c).Unit
		}
		if p.SenderSealed != "" && name != nil {
			l.Sender = name(p.ID)
		}
		k := p.Kind.Label().In(lang)
		if p.Kind == "" {
			k = Label{"Chưa phân loại", "Unclassified"}.In(lang)
		}
		l.What = k + ": " + p.Summary
	case EntCase:
		c := d.cases[r.ID]
		if c == nil {
			break
		}
		l.No, l.Date, l.Sender, l.Case = c.No, c.Received, c.SenderName, c.ID
		confidential, handler, unit = c.Confidential, c.Handler, SecretOfCase(c).Unit
		if c.SenderSealed != "" && name != nil {
			l.Sender = name(c.ID)
		}
		st := c.Status.Label().In(lang)
		if c.Result != "" {
			st = ResultLabel(c.Kind, c.Result).In(lang)
		}
		l.What = c.Kind.Label().In(lang) + ", " + st + ": " + c.Summary
	}
	l.Secret = Secret{Confidential: confidential, Unit: unit, Handler: handler}
	shown := Shows(u, l.Secret, revealed != nil && l.Reveals() != "" && revealed(l.Reveals()))
	if !shown || hidden {
		l.Sender, l.Masked = MaskedSender.In(lang), true
	}
	return l
}

// SortForPeople orders records as a person reads a list: by the day of
// the record, then by its number.
func (d *ReportData) SortForPeople(refs []Ref) []Ref {
	type key struct {
		day Date
		no  string
	}
	keys := make(map[string]key, len(refs))
	for _, r := range refs {
		var k key
		switch EntityKind(r.ID) {
		case EntVisit:
			if v := d.Visit(r.ID); v != nil {
				k = key{DateOf(v.At), v.No}
			}
		case EntPetition:
			if p := d.pets[r.ID]; p != nil {
				k = key{p.Received, p.No}
			}
		case EntCase:
			if c := d.cases[r.ID]; c != nil {
				k = key{c.Received, c.No}
			}
		}
		keys[r.ID] = k
	}
	out := append([]Ref(nil), refs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := keys[out[i].ID], keys[out[j].ID]
		if c := a.day.Compare(b.day); c != 0 {
			return c < 0
		}
		if len(a.no) != len(b.no) {
			return len(a.no) < len(b.no)
		}
		return a.no < b.no
	})
	return out
}
