package model

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Merging persons: the same worker entered twice (two spellings, two
// sites, an old register and the desk) becomes one. A merge is two events
// written together: person.merged on the record that goes (it points to
// the one that stays) and person.absorbed on the record that stays (it
// keeps a copy of the other's fields, so no value is lost and differing
// values are shown). Unmerging writes person.unmerged on both. Nothing is
// rewritten: visits and petitions keep the ids they were recorded with,
// and queries gather a person's group (the record and every record merged
// into it) when they show a person's history.

// The merge event types.
const (
	EvPersonMerged   EventType = "person.merged"   // on the record that goes: data PersonMerge{Into}
	EvPersonAbsorbed EventType = "person.absorbed" // on the record that stays: data PersonMerge{From, Values}
	EvPersonUnmerged EventType = "person.unmerged" // on both: data PersonMerge{Into} or {From}
	// EvPersonDistinct: a leader reviewing a suggested pair decided they
	// are two people (or, Undone, took that back). On the record of the
	// pair with the lesser id: data PersonDistinct.
	EvPersonDistinct EventType = "person.distinct"
)

// PersonDistinct is the data of person.distinct.
type PersonDistinct struct {
	Other  string `json:"other"`
	Undone bool   `json:"undone,omitempty"`
}

// applyPersonDistinct folds person.distinct into p: Distinct is a sorted
// set, so every replica folding the same events holds the same.
func applyPersonDistinct(p *Person, ev *Event) (*Msg, error) {
	if p.ID == "" {
		return conflict(msgNotCreated), nil
	}
	var d PersonDistinct
	if err := ev.Decode(&d); err != nil {
		return nil, err
	}
	out := p.Distinct[:0:0]
	for _, o := range p.Distinct {
		if o != d.Other {
			out = append(out, o)
		}
	}
	if !d.Undone && d.Other != "" {
		out = append(out, d.Other)
		sort.Strings(out)
	}
	if len(out) == 0 {
		out = nil
	}
	p.Distinct = out
	return nil, nil
}

// PersonMerge is the data of the merge events.
type PersonMerge struct {
	Into   string  `json:"into,omitempty"`   // person.merged, person.unmerged on the record that went
	From   string  `json:"from,omitempty"`   // person.absorbed, person.unmerged on the record that stayed
	Values *Person `json:"values,omitempty"` // person.absorbed: the other record's fields when merged
}

// Absorbed is a record merged into a person, with its fields as they were.
type Absorbed struct {
	ID     string `json:"id"`
	Person Person `json:"values"`
}

// applyPersonMerge folds one merge event into p.
func applyPersonMerge(p *Person, ev *Event) (*Msg, error) {
	if p.ID == "" {
		return conflict(msgNotCreated), nil
	}
	var m PersonMerge
	if err := ev.Decode(&m); err != nil {
		return nil, err
	}
	switch ev.Type {
	case EvPersonMerged:
		p.MergedInto = m.Into
	case EvPersonAbsorbed:
		out := p.Absorbed[:0:0]
		for _, a := range p.Absorbed {
			if a.ID != m.From {
				out = append(out, a)
			}
		}
		a := Absorbed{ID: m.From}
		if m.Values != nil {
			a.Person = *m.Values
		}
		p.Absorbed = append(out, a)
	case EvPersonUnmerged:
		if m.Into != "" && p.MergedInto == m.Into {
			p.MergedInto = ""
		}
		if m.From != "" {
			out := p.Absorbed[:0:0]
			for _, a := range p.Absorbed {
				if a.ID != m.From {
					out = append(out, a)
				}
			}
			p.Absorbed = out
			if len(out) == 0 {
				p.Absorbed = nil
			}
		}
	}
	return nil, nil
}

// MergeValues returns, for each field where the records merged into p
// hold a value that p does not, those values ("phone" -> ["0912..."]):
// what the screen shows beside the person so that a merge never hides a
// number or an address.
func (p *Person) MergeValues() map[string][]string {
	out := map[string][]string{}
	add := func(field, mine, other string) {
		other = strings.TrimSpace(other)
		if other == "" || Fold(other) == Fold(mine) {
			return
		}
		for _, v := range out[field] {
			if Fold(v) == Fold(other) {
				return
			}
		}
		out[field] = append(out[field], other)
	}
	for _, a := range p.Absorbed {
		o := &a.Person
		add("name", p.Name, o.Name)
		add("id_number", p.IDNumber, o.IDNumber)
		add("phone", p.Phone, o.Phone)
		add("address", p.Address, o.Address)
		add("employer", p.Employer, o.Employer)
		add("note", p.Note, o.Note)
		if o.BirthYear != 0 && o.BirthYear != p.BirthYear {
			add("birth_year", fmt.Sprint(p.BirthYear), fmt.Sprint(o.BirthYear))
		}
	}
	return out
}

// PersonFieldLabel names a person field ("phone") for a person.
func PersonFieldLabel(f string) Label {
	switch f {
	case "name":
		return Label{"Họ tên", "Name"}
	case "id_number":
		return Label{"Số giấy tờ", "ID number"}
	case "phone":
		return Label{"Điện thoại", "Phone"}
	case "address":
		return Label{"Địa chỉ", "Address"}
	case "employer":
		return Label{"Nơi làm việc", "Employer"}
	case "birth_year":
		return Label{"Năm sinh", "Year of birth"}
	case "note":
		return Label{"Ghi chú", "Note"}
	}
	return Label{f, f}
}

// DuplicateWhy says why two persons may be one.
type DuplicateWhy string

const (
	DupIDNumber  DuplicateWhy = "id"       // the same identity number
	DupPhone     DuplicateWhy = "phone"    // the same phone number
	DupNameYear  DuplicateWhy = "nameyear" // the same name without diacritics and the same year of birth
	DupSimilarAt DuplicateWhy = "similar"  // similar names at the same employer
)

// Label returns the reason in words.
func (w DuplicateWhy) Label() Label {
	switch w {
	case DupIDNumber:
		return Label{"cùng số giấy tờ", "same ID number"}
	case DupPhone:
		return Label{"cùng số điện thoại", "same phone"}
	case DupNameYear:
		return Label{"cùng họ tên và năm sinh", "same name and year of birth"}
	}
	return Label{"họ tên gần giống, cùng nơi làm việc", "similar names, same employer"}
}

// MergedRecords returns the records of persons merged into another, in
// name order.
func MergedRecords(persons []Person) []Person {
	var out []Person
	for _, p := range persons {
		if p.MergedInto != "" {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return CompareNames(out[i].Name, out[j].Name) < 0 })
	return out
}

// Duplicate is a pair of persons that may be the same worker.
type Duplicate struct {
	A, B string // person ids, A < B
	Why  DuplicateWhy
}

// FindDuplicates suggests pairs of persons that may be one worker: the
// same ID number; the same phone; the same folded name and year of birth;
// or names one letter apart (or one the other with a word missing) at the
// same employer, unless their ID numbers or years of birth disagree. Persons already merged into another are left out, and
// each pair is given once, with its strongest reason. A pair a leader
// decided are two people (Person.Distinct) is not suggested again.
func FindDuplicates(persons []Person) []Duplicate {
	seen := map[[2]string]bool{}
	for _, p := range persons {
		for _, o := range p.Distinct {
			a, b := p.ID, o
			if a > b {
				a, b = b, a
			}
			seen[[2]string{a, b}] = true
		}
	}
	var out []Duplicate
	pair := func(a, b string, why DuplicateWhy) {
		if a == b {
			return
		}
		if a > b {
			a, b = b, a
		}
		k := [2]string{a, b}
		if seen[k] {
			return
		}
		seen[k] = true
		out = append(out, Duplicate{a, b, why})
	}
	group := func(key func(p *Person) string, why DuplicateWhy) {
		by := map[string][]*Person{}
		for i := range persons {
			p := &persons[i]
			if p.MergedInto != "" {
				continue
			}
			if k := key(p); k != "" {
				by[k] = append(by[k], p)
			}
		}
		keys := make([]string, 0, len(by))
		for k := range by {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ps := by[k]
			for i := range ps {
				for j := i + 1; j < len(ps); j++ {
					if why != DupNameYear || !contradict(ps[i], ps[j]) {
						pair(ps[i].ID, ps[j].ID, why)
					}
				}
			}
		}
	}
	group(func(p *Person) string { return p.IDNumber }, DupIDNumber)
	group(func(p *Person) string { return p.Phone }, DupPhone)
	group(func(p *Person) string {
		if p.BirthYear == 0 || Fold(p.Name) == "" {
			return ""
		}
		return fmt.Sprintf("%s\x00%d", Fold(p.Name), p.BirthYear)
	}, DupNameYear)
	// Similar names at one employer: compared within each employer only,
	// and there only where the names can be similar (similarPairs): an
	// office's factory has thousands of workers on file.
	by := map[string][]*Person{}
	for i := range persons {
		p := &persons[i]
		if p.MergedInto == "" && strings.TrimSpace(p.Employer) != "" {
			e := Fold(p.Employer)
			by[e] = append(by[e], p)
		}
	}
	emps := make([]string, 0, len(by))
	for e := range by {
		emps = append(emps, e)
	}
	sort.Strings(emps)
	for _, e := range emps {
		ps := by[e]
		folded := make([]string, len(ps))
		for i, p := range ps {
			folded[i] = Fold(p.Name)
		}
		for _, ij := range similarPairs(folded) {
			if a, b := ps[ij[0]], ps[ij[1]]; !contradict(a, b) {
				pair(a.ID, b.ID, DupSimilarAt)
			}
		}
	}
	return out
}

// similarPairs returns the pairs i < j of folded names that are similar
// (similarFolded), in order. Comparing every name with every other is
// quadratic: the 30,000 workers of an office's largest employer are
// 450 million comparisons, minutes. So the names are taken once each
// (a common name is on file hundreds of times: every two of them are a
// pair), and a name is compared only with the names it shares a key
// with, for two names can be similar only if they do:
//   - within one edit, both give the same string with one byte left out
//     (a substitution: at its place) or one gives the other whole (an
//     insertion): the keys are the name and each such string;
//   - one word apart, the shorter is the longer with a middle word left
//     out: the keys are the name's words and each such list.
func similarPairs(folded []string) [][2]int {
	var names []string // each name once
	at := map[string]int{}
	var idx [][]int // the positions of each name
	for i, f := range folded {
		if f == "" {
			continue
		}
		u, ok := at[f]
		if !ok {
			u = len(names)
			at[f] = u
			names = append(names, f)
			idx = append(idx, nil)
		}
		idx[u] = append(idx[u], i)
	}
	keys := map[string][]int{}
	var mine []string
	for u, f := range names {
		mine = append(mine[:0], "e"+f)
		for d := 0; d < len(f); d++ {
			mine = append(mine, "e"+f[:d]+f[d+1:])
		}
		w := strings.Fields(f)
		mine = append(mine, "w"+strings.Join(w, " "))
		for skip := 1; skip < len(w)-1; skip++ {
			mine = append(mine, "w"+strings.Join(w[:skip], " ")+" "+strings.Join(w[skip+1:], " "))
		}
		sort.Strings(mine)
		for k, key := range mine {
			if k == 0 || key != mine[k-1] { // "aa" gives "a" twice
				keys[key] = append(keys[key], u)
			}
		}
	}
	near := map[[2]int]bool{} // names filed together, u < v
	for _, us := range keys {
		for x := range us {
			for _, v := range us[x+1:] {
				near[[2]int{us[x], v}] = true // filed in order: us[x] < v
			}
		}
	}
	var pairs []uint64 // i<<32 | j: sorted as numbers, in the order of (i, j)
	add := func(i, j int) {
		if i > j {
			i, j = j, i
		}
		pairs = append(pairs, uint64(i)<<32|uint64(j))
	}
	for _, is := range idx { // the same name
		for x := range is {
			for _, j := range is[x+1:] {
				add(is[x], j)
			}
		}
	}
	for uv := range near {
		if similarFolded(names[uv[0]], names[uv[1]]) {
			for _, i := range idx[uv[0]] {
				for _, j := range idx[uv[1]] {
					add(i, j)
				}
			}
		}
	}
	slices.Sort(pairs)
	out := make([][2]int, len(pairs))
	for k, p := range pairs {
		out[k] = [2]int{int(p >> 32), int(p & (1<<32 - 1))}
	}
	return out
}

// contradict reports two records that cannot be one person: different
// identity numbers, or years of birth more than a year apart.
func contradict(a, b *Person) bool {
	if a.IDNumber != "" && b.IDNumber != "" && a.IDNumber != b.IDNumber {
		return true
	}
	d := a.BirthYear - b.BirthYear
	return a.BirthYear != 0 && b.BirthYear != 0 && (d > 1 || d < -1)
}

// SimilarNames reports whether two full names may be one person's: equal
// without diacritics, one edit apart, or one the other with one word
// missing ("Nguyễn Văn An", "Nguyễn An").
func SimilarNames(a, b string) bool { return similarFolded(Fold(a), Fold(b)) }

// similarFolded is SimilarNames of two names already folded.
func similarFolded(fa, fb string) bool {
	if fa == "" || fb == "" {
		return false
	}
	if fa == fb || editDistanceAtMost1(fa, fb) {
		return true
	}
	wa, wb := strings.Fields(fa), strings.Fields(fb)
	if len(wa) < len(wb) {
		wa, wb = wb, wa
	}
	if len(wa) != len(wb)+1 || len(wb) < 2 {
		return false
	}
	// wb is wa with one word (not the first or the last) left out.
	for skip := 1; skip < len(wa)-1; skip++ {
		same := true
		for i, j := 0, 0; i < len(wa); i++ {
			if i == skip {
				continue
			}
			if wa[i] != wb[j] {
				same = false
				break
			}
			j++
		}
		if same {
			return true
		}
	}
	return false
}

func editDistanceAtMost1(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return i == len(a) || a[i+1:] == b[i+1:]
	}
	return a[i+1:] == b[i:]
}

// ResolveSenders replaces, in place, the senders of cases and petitions
// by the person standing for their group (roots: merged id -> root id,
// from the store), so that statistics and the backlog review count a
// merged worker once. It changes only these copies, never a record.
func ResolveSenders(cases []Case, petitions []Petition, roots map[string]string) {
	if len(roots) == 0 {
		return
	}
	fix := func(ids []string) []string {
		var out []string
		for i, id := range ids {
			if r, ok := roots[id]; ok {
				if out == nil {
					out = append([]string(nil), ids...)
				}
				out[i] = r
			}
		}
		if out == nil {
			return ids
		}
		return out
	}
	for i := range cases {
		cases[i].Senders = fix(cases[i].Senders)
	}
	for i := range petitions {
		petitions[i].Senders = fix(petitions[i].Senders)
	}
}
