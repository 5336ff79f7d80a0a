package model

import (
	"slices"
	"sort"
)

// The backlog review (rà soát vụ việc tồn đọng, docs/law.md, Backlog review): an office
// classifies its cases as resolved, being resolved, and resolved but
// complained about again (tiếp khiếu, tiếp tố), and plans the handling of
// each. ReviewBacklog counts the open cases by age and status; FindRepeats
// links each resolved matter to what came back after it. Both are pure: the
// store hands them the cases and petitions, the queue screen shows them.

// AgeBand is a band of a case's age: the calendar days from the day its
// petition was received to today.
type AgeBand struct {
	Label Label
	Under int // days: a case younger than this is in the band; 0 = no upper bound
}

// AgeBands are the bands of the review, youngest first.
var AgeBands = []AgeBand{
	{Label{"Dưới 1 tháng", "Under 1 month"}, 30},
	{Label{"1 đến 3 tháng", "1 to 3 months"}, 90},
	{Label{"3 đến 6 tháng", "3 to 6 months"}, 180},
	{Label{"6 đến 12 tháng", "6 to 12 months"}, 365},
	{Label{"Trên 12 tháng", "Over 12 months"}, 0},
}

// AgeBandOf returns the index in AgeBands of a case aged days.
func AgeBandOf(days int) int {
	for i, b := range AgeBands {
		if b.Under == 0 || days < b.Under {
			return i
		}
	}
	return len(AgeBands) - 1
}

// BacklogStatuses are the statuses an open case can be in: the columns of
// the review.
var BacklogStatuses = []CaseStatus{StatusPending, StatusOpen, StatusSuspended}

// Backlog is the review of an office's cases on a day.
type Backlog struct {
	Today Date
	// Counts[band][status] is the number of open cases of that age band
	// (AgeBands) and status (BacklogStatuses).
	Counts [][]int
	// Overdue[band] is how many of the band's open cases are past their
	// deadline.
	Overdue []int
	// BandTotal[band] and StatusTotal[status] are the row and column sums.
	BandTotal   []int
	StatusTotal []int

	Open         int // being resolved (đang giải quyết): every open case
	OverdueTotal int
	Resolved     int // resolved (đã giải quyết): concluded or terminated
	Other        int // closed without being resolved here: rejected or transferred

	// Repeats are the matters resolved but complained about again.
	Repeats []Repeat
	// RepeatedMatters is the number of distinct resolved cases that came back.
	RepeatedMatters int
}

// ReviewBacklog reviews cases on today. petitions are the office's
// petitions, searched for ones that bring a resolved matter back
// (FindRepeats); cal is the working calendar the deadlines are counted in.
func ReviewBacklog(cases []Case, petitions []Petition, cal *Calendar, today Date) Backlog {
	b := Backlog{
		Today:       today,
		Counts:      make([][]int, len(AgeBands)),
		Overdue:     make([]int, len(AgeBands)),
		BandTotal:   make([]int, len(AgeBands)),
		StatusTotal: make([]int, len(BacklogStatuses)),
	}
	for i := range b.Counts {
		b.Counts[i] = make([]int, len(BacklogStatuses))
	}
	for i := range cases {
		c := &cases[i]
		if !c.Open() {
			switch c.Status {
			case StatusConcluded, StatusTerminated:
				b.Resolved++
			default:
				b.Other++
			}
			continue
		}
		col := -1
		for j, s := range BacklogStatuses {
			if c.Status == s {
				col = j
			}
		}
		if col < 0 {
			continue
		}
		age := 0
		if !c.Received.IsZero() {
			age = max(0, c.Received.DaysUntil(today))
		}
		band := AgeBandOf(age)
		b.Counts[band][col]++
		b.BandTotal[band]++
		b.StatusTotal[col]++
		b.Open++
		if ComputeDeadline(c.Clock(), cal, today).State == DeadlineOverdue {
			b.Overdue[band]++
			b.OverdueTotal++
		}
	}
	b.Repeats = FindRepeats(cases, petitions)
	prior := map[string]bool{}
	for _, r := range b.Repeats {
		prior[r.Prior] = true
	}
	b.RepeatedMatters = len(prior)
	return b
}

// RepeatWhy says how a matter was found to have come back.
type RepeatWhy string

const (
	// RepeatMarked: the case was opened as the continuation of an earlier
	// one (Case.Repeat and Case.PriorCase, set at classification).
	RepeatMarked RepeatWhy = "marked"
	// RepeatReopened: the case itself was closed and reopened.
	RepeatReopened RepeatWhy = "reopened"
	// RepeatDuplicate: a later petition was classified as a duplicate of
	// the resolved case's petition.
	RepeatDuplicate RepeatWhy = "duplicate"
	// RepeatSimilar: a later petition of the same sender whose content is
	// similar to the resolved case's (Similarity at least SimilarEnough).
	RepeatSimilar RepeatWhy = "similar"
)

// Label returns the bilingual label of the reason.
func (w RepeatWhy) Label() Label {
	switch w {
	case RepeatMarked:
		return Label{"ghi khi phân loại", "marked at intake"}
	case RepeatReopened:
		return Label{"đã mở lại", "reopened"}
	case RepeatDuplicate:
		return Label{"đơn trùng", "duplicate"}
	case RepeatSimilar:
		return Label{"nội dung giống", "similar content"}
	}
	return Label{string(w), string(w)}
}

// RepeatLabel names a matter that came back, as the law does for its kind:
// a complaint comes back as "tiếp khiếu", a denunciation as "tiếp tố".
func RepeatLabel(k PetitionKind) Label {
	switch k {
	case KindComplaint:
		return Label{"Tiếp khiếu", "Repeat complaint"}
	case KindDenunciation:
		return Label{"Tiếp tố", "Repeat denunciation"}
	}
	return Label{"Đơn lặp lại", "Repeat petition"}
}

// Repeat links a resolved matter to what brought it back.
type Repeat struct {
	Prior    string    // the resolved case
	Case     string    // the case that brings it back ("" when the later petition has none yet)
	Petition string    // the later petition ("" for a marked or reopened case)
	Why      RepeatWhy //
	Score    float64   // Similarity, for RepeatSimilar
}

// SimilarEnough is the least Similarity at which two petitions of the same
// sender are taken to be about the same matter.
const SimilarEnough = 0.5

// FindRepeats finds the matters resolved but complained about again: cases
// opened as the continuation of an earlier one, cases reopened after being
// closed, and petitions of the same sender, received on or after the day a
// case was resolved, that duplicate it or whose content is similar to it.
// The same sender is a person the two records share; the name, compared
// without diacritics, stands for the person only where one of them names
// no person of the register (a letter whose sender was never identified):
// two registered people both called Nguyễn Văn Hùng are two people. (A
// caller hands records of merged persons with the surviving person's id.)
// The result is ordered by prior case, then by what came back; a pair is
// listed once, under its strongest reason (marked, reopened, duplicate,
// similar).
func FindRepeats(cases []Case, petitions []Petition) []Repeat {
	var out []Repeat
	seen := map[[2]string]bool{} // prior, later case or petition
	add := func(r Repeat) {
		later := r.Case
		if later == "" {
			later = r.Petition
		}
		k := [2]string{r.Prior, later}
		if seen[k] {
			return
		}
		seen[k] = true
		if r.Case != "" && r.Petition != "" {
			seen[[2]string{r.Prior, r.Petition}] = true
		}
		out = append(out, r)
	}
	for i := range cases {
		c := &cases[i]
		if c.Repeat && c.PriorCase != "" && c.PriorCase != c.ID {
			add(Repeat{Prior: c.PriorCase, Case: c.ID, Petition: c.Petition, Why: RepeatMarked})
		}
	}
	for i := range cases {
		c := &cases[i]
		if c.Reopens > 0 {
			add(Repeat{Prior: c.ID, Case: c.ID, Why: RepeatReopened})
		}
	}

	// Later petitions of the same sender. The petitions are grouped once
	// by sender id and by folded sender name (a group number per key,
	// then the members of every group in one array, by the day received),
	// and each resolved case looks up only its own senders' groups from
	// the day it was resolved: no pair of unrelated records is compared.
	g := groupSenders(petitions)
	// Each summary's word pairs are computed once, the first time a
	// comparison needs them (most petitions are never compared).
	petPairs := make([][]uint64, len(petitions))
	var idx []int32 // reused: the candidates of one case, sorted, each once
	for i := range cases {
		c := &cases[i]
		if c.Status != StatusConcluded && c.Status != StatusTerminated {
			continue
		}
		resolved := c.Closed
		if !c.DecisionDate.IsZero() && c.DecisionDate.Before(resolved) {
			resolved = c.DecisionDate
		}
		idx = idx[:0]
		for _, s := range c.Senders {
			if n, ok := g.byID[s]; ok {
				idx = append(idx, g.since(n, resolved)...)
			}
		}
		if n, ok := g.name(c.SenderName, len(c.Senders) == 0); ok {
			idx = append(idx, g.since(n, resolved)...)
		}
		if len(idx) == 0 {
			continue
		}
		// In the petitions' order, each once.
		slices.Sort(idx)
		idx = slices.Compact(idx)
		var casePairs []uint64
		for _, j := range idx {
			p := &petitions[j]
			if p.Case == c.ID || p.ID == c.Petition {
				continue
			}
			switch {
			case c.Petition != "" && g.has(c.Petition) && p.DuplicateOf == c.Petition:
				add(Repeat{Prior: c.ID, Case: p.Case, Petition: p.ID, Why: RepeatDuplicate})
			default:
				if casePairs == nil {
					casePairs = wordPairs(c.Summary)
				}
				if petPairs[j] == nil {
					petPairs[j] = wordPairs(p.Summary)
				}
				if sc := pairOverlap(casePairs, petPairs[j]); sc >= SimilarEnough {
					add(Repeat{Prior: c.ID, Case: p.Case, Petition: p.ID, Why: RepeatSimilar, Score: sc})
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Prior != out[j].Prior {
			return out[i].Prior < out[j].Prior
		}
		return whyRank(out[i].Why) < whyRank(out[j].Why)
	})
	return out
}

func whyRank(w RepeatWhy) int {
	switch w {
	case RepeatMarked:
		return 0
	case RepeatReopened:
		return 1
	case RepeatDuplicate:
		return 2
	}
	return 3
}

// senderGroups groups petitions by sender: byID, byName (every petition)
// and byAnon (the petitions that name no person) give a key's group
// number, whose members (indexes into the petitions) are
// list[start[n]:start[n+1]].
type senderGroups struct {
	byID, byName, byAnon map[string]int32
	start, list          []int32
	ids                  map[string]bool // the petitions' ids, asked only for duplicates
	petitions            []Petition
}

func groupSenders(petitions []Petition) *senderGroups {
	g := &senderGroups{byID: map[string]int32{}, byName: map[string]int32{}, byAnon: map[string]int32{}, petitions: petitions}
	type member struct{ group, pet int32 }
	var ms []member
	var count []int32
	join := func(m map[string]int32, key string, pet int) {
		n, ok := m[key]
		if !ok {
			n = int32(len(count))
			m[key] = n
			count = append(count, 0)
		}
		count[n]++
		ms = append(ms, member{n, int32(pet)})
	}
	for i := range petitions {
		p := &petitions[i]
		for _, s := range p.Senders {
			join(g.byID, s, i)
		}
		if p.SenderName != "" {
			if n := Fold(p.SenderName); n != "" {
				join(g.byName, n, i)
				if len(p.Senders) == 0 {
					join(g.byAnon, n, i)
				}
			}
		}
	}
	g.start = make([]int32, len(count)+1)
	for n, c := range count {
		g.start[n+1] = g.start[n] + c
	}
	g.list = make([]int32, len(ms))
	fill := slices.Clone(g.start[:len(count)])
	for _, m := range ms {
		g.list[fill[m.group]] = m.pet
		fill[m.group]++
	}
	// Each group by the day received, so a case reads only the petitions
	// received from the day it was resolved.
	for n := range count {
		m := g.members(int32(n))
		if !slices.IsSortedFunc(m, g.byDay) {
			slices.SortFunc(m, g.byDay)
		}
	}
	return g
}

func (g *senderGroups) byDay(a, b int32) int {
	if c := g.petitions[a].Received.Compare(g.petitions[b].Received); c != 0 {
		return c
	}
	return int(a - b)
}

// since returns the members of group n received on or after day (every
// member when day is zero).
func (g *senderGroups) since(n int32, day Date) []int32 {
	m := g.members(n)
	if day.IsZero() {
		return m
	}
	i, _ := slices.BinarySearchFunc(m, day, func(j int32, d Date) int {
		if g.petitions[j].Received.Before(d) {
			return -1
		}
		return 1
	})
	return m[i:]
}

// name returns the group of the petitions whose sender's name folds as
// name does: every such petition for a sender who is no person of the
// register (anon), else only those whose sender is none either.
func (g *senderGroups) name(name string, anon bool) (int32, bool) {
	m := g.byAnon
	if anon {
		m = g.byName
	}
	if name == "" || len(m) == 0 {
		return 0, false
	}
	n, ok := m[Fold(name)]
	return n, ok
}

func (g *senderGroups) members(n int32) []int32 { return g.list[g.start[n]:g.start[n+1]] }

// has reports whether a petition of that id is among the grouped ones.
func (g *senderGroups) has(id string) bool {
	if g.ids == nil {
		g.ids = make(map[string]bool, len(g.petitions))
		for i := range g.petitions {
			g.ids[g.petitions[i].ID] = true
		}
	}
	return g.ids[id]
}
