package store

import (
	"slices"
	"sort"
	"sync"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// caseCache holds the open cases' projections in memory (a few MB for
// ten thousand cases), so the queue opens, filters and scrolls without
// touching the disk. They are loaded at the first use, found through
// the status index, and kept exact after each commit. The closed ones,
// most of a file that has run for years (43,000 at an office after a
// decade), are read from the file each time they are asked for and not
// kept: the list of closed cases keeps only a short row per case.
type caseCache struct {
	mu   sync.RWMutex
	byID map[string]model.Case // every open case
	// damaged is the first case that could not be read while the cache
	// was built (nil if none): every list from the cache says so.
	damaged error

	// The deadline of every open case on day under calendar cal, kept
	// exact case by case after each commit: the overdue count in the
	// title bar and the queue's first look do not compute thousands of
	// deadlines again after each save.
	deadlines map[string]model.Deadline
	day       model.Date
	cal       *model.Calendar
}

// damage keeps the first record the cache could not read.
func (c *caseCache) damage(id string, err error) {
	if c.damaged == nil {
		c.damaged = damagedRecord(id, err)
	}
}

// setDeadline keeps the deadline of x (under the cached day and
// calendar); mu is held for writing.
func (c *caseCache) setDeadline(x *model.Case) {
	if x.Open() {
		c.deadlines[x.ID] = model.ComputeDeadline(x.Clock(), c.cal, c.day)
	} else {
		delete(c.deadlines, x.ID)
	}
}

// deadlinesOn makes the cached deadlines those of day under cal; mu is
// held for writing.
func (c *caseCache) deadlinesOn(day model.Date, cal *model.Calendar) {
	if c.deadlines != nil && c.day == day && c.cal == cal {
		return
	}
	c.deadlines, c.day, c.cal = make(map[string]model.Deadline, len(c.byID)), day, cal
	for id, x := range c.byID {
		c.deadlines[id] = model.ComputeDeadline(x.Clock(), cal, day)
	}
}

func (c *caseCache) get(id string) (model.Case, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	x, ok := c.byID[id]
	return x, ok
}

// cases returns the cache of open cases.
func (s *Store) cases() *caseCache {
	touched()
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.caseCache == nil {
		cc := &caseCache{byID: map[string]model.Case{}}
		s.db.View(func(tx *bolt.Tx) error {
			for _, st := range model.CaseStatuses {
				if st.Closed() {
					continue
				}
				eachIdx(tx, "case_status", prefix(string(st)), func(_ []byte, id string) bool {
					var c model.Case
					if err := getState(tx, id, &c); err != nil {
						cc.damage(id, err)
					} else {
						cc.byID[id] = c
					}
					return true
				})
			}
			return nil
		})
		s.caseCache = cc
	}
	return s.caseCache
}

// eachCase calls fn with every case f picks: the open ones from the
// cache (read-locked while fn runs), the closed ones decoded from the
// file one at a time, in one read transaction.
func (s *Store) eachCase(f CaseFilter, fn func(c *model.Case)) error {
	var open map[string]bool // with All: those given already
	var bad error
	if !f.Closed || f.All {
		cc := s.cases()
		cc.mu.RLock()
		bad = cc.damaged
		if f.All {
			open = make(map[string]bool, len(cc.byID))
		}
		for id, c := range cc.byID {
			if open != nil {
				open[id] = true
			}
			if f.Site == "" || c.Site == f.Site {
				fn(&c)
			}
		}
		cc.mu.RUnlock()
	}
	if !f.Closed && !f.All {
		return bad
	}
	// Decoded a chunk at a time on every core (tens of thousands of
	// them after a decade); fn is called here, in index order.
	type closed struct {
		id  string
		raw []byte // valid while the transaction lasts
		c   model.Case
		err error
		ok  bool
	}
	chunk := make([]closed, 0, 1024)
	flush := func() {
		parallel(len(chunk), func(i int) {
			x := &chunk[i]
			x.err = decodeJSON(x.raw, &x.c)
			x.ok = x.err == nil && !x.c.Open() && (f.Site == "" || x.c.Site == f.Site)
		})
		for i := range chunk {
			if chunk[i].err != nil && bad == nil {
				bad = damagedRecord(chunk[i].id, chunk[i].err)
			}
			if chunk[i].ok {
				fn(&chunk[i].c)
			}
		}
		chunk = chunk[:0]
	}
	s.db.View(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bState).Bucket([]byte(model.EntCase))
		if sb == nil {
			return nil
		}
		for _, st := range model.CaseStatuses {
			if !st.Closed() {
				continue
			}
			eachIdx(tx, "case_status", prefix(string(st)), func(_ []byte, id string) bool {
				if raw := sb.Get([]byte(id)); raw != nil && !open[id] {
					if chunk = append(chunk, closed{id: id, raw: raw}); len(chunk) == cap(chunk) {
						flush()
					}
				}
				return true
			})
		}
		flush()
		return nil
	})
	return bad
}

// afterCommit brings the in-memory caches up to date with what a committed
// transaction wrote.
func (s *Store) afterCommit(touched map[string]any) {
	defer s.db.bump() // last: the caches below are part of what was read
	// The protected persons this session may find follow the persons,
	// petitions and cases written (a new denouncer, a case handed over).
	var sealedIDs []string
	for id := range touched {
		switch model.EntityKind(id) {
		case model.EntPerson, model.EntPetition, model.EntCase:
			sealedIDs = append(sealedIDs, id)
		}
	}
	if len(sealedIDs) > 0 {
		defer s.touchSealed(sealedIDs)
	}
	s.cacheMu.Lock()
	for _, v := range touched {
		switch x := v.(type) {
		case *model.Person:
			if s.persons != nil {
				s.persons.put(x)
			}
		case *model.Case:
			if s.caseCache != nil {
				s.caseCache.mu.Lock()
				if x.Open() {
					s.caseCache.byID[x.ID] = *x
				} else {
					delete(s.caseCache.byID, x.ID)
				}
				if s.caseCache.deadlines != nil {
					s.caseCache.setDeadline(x)
				}
				s.caseCache.mu.Unlock()
			}
		case *model.Site:
			s.cal = nil
		}
	}
	s.cacheMu.Unlock()
}

// dropCaches forgets every cache (after an import or a rebuild).
func (s *Store) dropCaches() {
	s.cacheMu.Lock()
	s.persons, s.caseCache, s.cal = nil, nil, nil
	s.cacheMu.Unlock()
	s.cards.drop()
	s.db.bump()
}

// CaseRow is a case with its deadline as of a day.
type CaseRow struct {
	model.Case
	Deadline model.Deadline
}

// CaseFilter picks cases. The zero value picks every open case.
type CaseFilter struct {
	Closed bool   // closed cases instead of open ones
	All    bool   // open and closed
	Site   string // only this site's cases
}

// Cases returns cases with their deadlines as of today, open ones soonest
// deadline first (overdue at the top), closed ones newest first. A case
// the file holds but that cannot be read is left out and the error (a
// *model.Msg of kind damaged, with the way out) says so.
func (s *Store) Cases(f CaseFilter, today model.Date) ([]CaseRow, error) {
	cal := s.Calendar()
	if !f.Closed && !f.All {
		return s.openCases(f.Site, cal, today)
	}
	var out []CaseRow
	err := s.eachCase(f, func(c *model.Case) { out = append(out, CaseRow{Case: *c}) })
	for i := range out {
		out[i].Deadline = model.ComputeDeadline(out[i].Case.Clock(), cal, today)
	}
	return sortCases(out), err
}

// openCases is Cases of the open cases (of site, if not ""): the queue's
// first look. A row holds a whole case (over a kilobyte) and a province
// keeps thousands open: they are ordered by their queue keys, and each
// is copied once, into its place.
func (s *Store) openCases(site string, cal *model.Calendar, today model.Date) ([]CaseRow, error) {
	cc := s.cases()
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.deadlinesOn(today, cal)
	ids := make([]string, 0, len(cc.byID))
	keys := make([]model.QueueKey, 0, len(cc.byID))
	for id, c := range cc.byID {
		if site == "" || c.Site == site {
			ids = append(ids, id)
			keys = append(keys, queueKey(&c, cc.deadlines[id]))
		}
	}
	out := make([]CaseRow, len(ids))
	for i, k := range inQueueOrder(keys) {
		out[i] = CaseRow{Case: cc.byID[ids[k]], Deadline: cc.deadlines[ids[k]]}
	}
	return out, cc.damaged
}

// sortCases returns rows in the queue's order, each moved once rather
// than swapped at every step of the sort.
func sortCases(rows []CaseRow) []CaseRow {
	keys := make([]model.QueueKey, len(rows))
	for i := range rows {
		keys[i] = queueKey(&rows[i].Case, rows[i].Deadline)
	}
	out := make([]CaseRow, len(rows))
	for i, k := range inQueueOrder(keys) {
		out[i] = rows[k]
	}
	return out
}

func queueKey(c *model.Case, dl model.Deadline) model.QueueKey {
	return model.QueueKeyOf(c.Open(), dl.State, dl.Due, c.Closed, c.No)
}

// inQueueOrder returns the positions of keys in the queue's order.
func inQueueOrder(keys []model.QueueKey) []int32 {
	order := make([]int32, len(keys))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return keys[a].Compare(keys[b]) })
	return order
}

// Overdue counts open cases past their deadline today. The set is
// computed once a day (or when the calendar changes) and then kept up to
// date by each commit.
func (s *Store) Overdue(today model.Date, site string) int {
	cal := s.Calendar()
	cc := s.cases()
	cc.mu.Lock()
	defer cc.mu.Unlock()
	cc.deadlinesOn(today, cal)
	n := 0
	for id, dl := range cc.deadlines {
		if dl.State == model.DeadlineOverdue && (site == "" || cc.byID[id].Site == site) {
			n++
		}
	}
	return n
}

// DueItem is one line of the "due" view: a case whose deadline or
// reminder falls in the window.
type DueItem struct {
	CaseRow
	Reminder *model.Reminder
}

// Due returns open cases that are overdue or due on or before until, and
// reminders set for days up to until (for user, or everyone when user is
// ""), soonest first. A case that cannot be read is left out and the
// error says so.
func (s *Store) Due(today, until model.Date, user string) ([]DueItem, error) {
	var out []DueItem
	rows, err := s.Cases(CaseFilter{}, today)
	for _, r := range rows {
		mine := user == "" || r.Handler == user || r.Handler == ""
		if mine && r.Deadline.State != model.DeadlineStopped && !r.Deadline.Due.IsZero() && !r.Deadline.Due.After(until) {
			out = append(out, DueItem{CaseRow: r})
		}
		for i := range r.Reminders {
			rem := r.Reminders[i]
			if (user == "" || rem.For == "" || rem.For == user) && !rem.On.Before(today) && !rem.On.After(until) {
				out = append(out, DueItem{CaseRow: r, Reminder: &rem})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return dueDay(out[i]).Before(dueDay(out[j])) })
	return out, err
}

func dueDay(d DueItem) model.Date {
	if d.Reminder != nil {
		return d.Reminder.On
	}
	return d.Deadline.Due
}

// ClosedNewest returns the n most recently closed cases, newest first
// (by closed day, then number, as the queue orders them: model.QueueKey), read from the
// case_closed index without touching the others: the first page of the
// closed list, however many a decade holds. ok is false for a file
// without the index (an older schema opened for reading): the caller
// reads them all with EachCase.
func (s *Store) ClosedNewest(n int) (out []model.Case, ok bool, err error) {
	if s.Schema() < 4 {
		return nil, false, nil
	}
	var bad error
	err = s.db.View(func(tx *bolt.Tx) error {
		ib := tx.Bucket(bIdx).Bucket([]byte("case_closed"))
		sb := tx.Bucket(bState).Bucket([]byte(model.EntCase))
		if ib == nil || sb == nil {
			return nil
		}
		// Decoded on every core, a page at a time: the first page is a
		// few hundred cases. A damaged one is said, and the next taken in
		// its place.
		out = make([]model.Case, 0, min(n, 1024))
		c := ib.Cursor()
		k, _ := c.Last()
		for k != nil && len(out) < n {
			var ids []string
			for ; k != nil && len(ids) < n-len(out); k, _ = c.Prev() {
				if id := lastPart(k); sb.Get([]byte(id)) != nil {
					ids = append(ids, id)
				}
			}
			out = append(out, readStates[model.Case](tx, model.EntCase, ids, 0, func(id string, err error) {
				if bad == nil {
					bad = damagedRecord(id, err)
				}
			})...)
		}
		return nil
	})
	if err == nil {
		err = bad
	}
	return out, true, err
}
