package store

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

func eachState(tx *bolt.Tx, kind string, fn func(id string, b []byte) error) error {
	sb := tx.Bucket(bState).Bucket([]byte(kind))
	if sb == nil {
		return nil
	}
	return sb.ForEach(func(k, v []byte) error { return fn(string(k), v) })
}

// eachIdx calls fn with the id of every entry of index under prefix p.
func eachIdx(tx *bolt.Tx, index string, p []byte, fn func(k []byte, id string) bool) {
	ib := tx.Bucket(bIdx).Bucket([]byte(index))
	if ib == nil {
		return
	}
	c := ib.Cursor()
	for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
		if !fn(k, entryID(index, k)) {
			return
		}
	}
}

func sortBy[T any](xs []T, key func(T) string) {
	sort.SliceStable(xs, func(i, j int) bool { return model.CompareVietnamese(key(xs[i]), key(xs[j])) < 0 })
}

// get reads one projection.
func get[T any](s *Store, id string) (T, error) {
	var v T
	err := s.db.View(func(tx *bolt.Tx) error { return getState(tx, id, &v) })
	if errors.Is(err, ErrNotFound) {
		return v, notFound(id)
	}
	if err != nil {
		return v, damagedRecord(id, err)
	}
	return v, nil
}

// damagedRecord is the error of a record the file holds but that cannot
// be read: damaged, for a person with the way out (donthu check, then
// salvage); it wraps ErrCorrupt. A record an index names but that is not
// there is damage too.
func damagedRecord(id string, err error) error {
	return model.ErrDamagedData(fmt.Errorf("%w: %s: %v", ErrCorrupt, id, err))
}

// Person returns one person.
func (s *Store) Person(id string) (model.Person, error) { return get[model.Person](s, id) }

// Visit returns one visit.
func (s *Store) Visit(id string) (model.Visit, error) { return get[model.Visit](s, id) }

// Petition returns one petition.
func (s *Store) Petition(id string) (model.Petition, error) { return get[model.Petition](s, id) }

// Case returns one case.
func (s *Store) Case(id string) (model.Case, error) {
	if c, ok := s.cases().get(id); ok {
		return c, nil
	}
	return get[model.Case](s, id)
}

// --- person search ---

// personIndex is the folded names, id numbers and phones of every person,
// kept in memory so each keystroke is a scan of short strings. Each name
// also has a mask of the bytes and byte pairs it holds, so that the scan
// compares two words per person and runs a substring search only on the
// few names that can match (100,000 names in well under 2 ms).
type personIndex struct {
	pos   map[string]int
	ids   []string
	folds []string
	masks []nameMask
	nums  []string // id number and phone, space separated
	// merged holds the persons merged into another: a hit on anyone
	// else stands for itself, so a search reads no record to find who
	// stands for its hits (canonicalHits).
	merged map[string]bool
}

// nameMask has one bit per byte value (mod 64) and one per pair of
// adjacent bytes inside a word (hashed to 64) of a folded name. A name
// can contain a query word only if its mask covers the word's.
type nameMask struct{ one, two uint64 }

func maskOf(f string) nameMask {
	var m nameMask
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == ' ' {
			continue
		}
		m.one |= 1 << (c & 63)
		if i+1 < len(f) && f[i+1] != ' ' {
			m.two |= 1 << ((uint(c)*31 + uint(f[i+1])) & 63)
		}
	}
	return m
}

func (m nameMask) covers(q nameMask) bool { return m.one&q.one == q.one && m.two&q.two == q.two }

func (ix *personIndex) put(p *model.Person) {
	i, ok := ix.pos[p.ID]
	if !ok {
		i = len(ix.ids)
		ix.pos[p.ID] = i
		ix.ids = append(ix.ids, p.ID)
		ix.folds = append(ix.folds, "")
		ix.masks = append(ix.masks, nameMask{})
		ix.nums = append(ix.nums, "")
	}
	ix.folds[i] = p.NameFold
	ix.masks[i] = maskOf(p.NameFold)
	ix.nums[i] = p.IDNumber + " " + p.Phone
	if p.MergedInto != "" {
		ix.merged[p.ID] = true
	} else {
		delete(ix.merged, p.ID)
	}
}

func (s *Store) personIdx() *personIndex {
	touched()
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.persons == nil {
		// Built from the on-disk indexes, which hold exactly the folded
		// names, numbers and phones: no projection is decoded (100,000
		// persons: about 50 ms, against 220 ms decoding them).
		ix := &personIndex{pos: map[string]int{}, merged: map[string]bool{}}
		s.db.View(func(tx *bolt.Tx) error {
			var p model.Person
			eachIdx(tx, "person_name", nil, func(k []byte, id string) bool {
				p.ID, p.NameFold = id, string(k[:len(k)-len(id)-1])
				ix.put(&p)
				return true
			})
			for _, idx := range []string{"person_idnum", "person_phone"} {
				eachIdx(tx, idx, nil, func(k []byte, id string) bool {
					if i, ok := ix.pos[id]; ok {
						n := string(k[:len(k)-len(id)-1])
						if idx == "person_idnum" {
							ix.nums[i] = n + ix.nums[i]
						} else {
							ix.nums[i] += n
						}
					}
					return true
				})
			}
			eachIdx(tx, "person_merged", nil, func(_ []byte, id string) bool {
				ix.merged[id] = true
				return true
			})
			return nil
		})
		s.persons = ix
	}
	return s.persons
}

// PersonHit is a person found by a search, with how well they matched.
type PersonHit struct {
	ID    string
	Score int // lower is better: 0 whole prefix, 1 word prefix, 2 substring, 3 number
}

// SearchPersons finds persons whose folded name contains every word of q
// (without diacritics, any case), or whose ID number or phone contains the
// digits of q. Best matches first; among equals, by folded name (persons
// recorded since the index was loaded come after); at most limit (0 = all).
func (s *Store) SearchPersons(q string, limit int) []PersonHit {
	fq := model.Fold(q)
	if fq == "" {
		return nil
	}
	digits := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return r
		}
		if r == ' ' || r == '.' || r == '-' || r == '+' {
			return -1
		}
		return 'x'
	}, fq)
	isNum := len(digits) >= 3 && !strings.ContainsRune(digits, 'x')
	if isNum && strings.HasPrefix(digits, "84") && len(digits) > 9 {
		digits = "0" + digits[2:]
	}
	ix := s.personIdx()
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	var hits []PersonHit
	if isNum {
		hits = s.sealedHits(fq, nil, digits, true)
		for i, n := range ix.nums {
			if strings.Contains(n, digits) {
				hits = append(hits, PersonHit{ix.ids[i], 3})
				if limit > 0 && len(hits) == limit {
					break
				}
			}
		}
		return s.canonicalHits(ix, hits)
	}
	words := strings.Fields(fq)
	qm := maskOf(fq)
	// One list per score, so the result is ordered without a sort. A hit
	// of score k can only make the list while fewer than limit hits of
	// score k or better are held: past that, the cheaper tests alone
	// decide, and once limit whole-prefix hits are held nothing can beat
	// them.
	var byScore [3][]PersonHit
	full := func(k int) bool {
		if limit <= 0 {
			return false
		}
		n := 0
		for j := 0; j <= k; j++ {
			n += len(byScore[j])
		}
		return n >= limit
	}
	for i, m := range ix.masks {
		if !m.covers(qm) {
			continue
		}
		f, score := ix.folds[i], -1
		switch {
		case strings.HasPrefix(f, fq):
			score = 0
		case full(1):
		case wordPrefix(f, words):
			score = 1
		case full(2):
		case model.MatchFolded(f, fq):
			score = 2
		}
		if score < 0 {
			continue
		}
		byScore[score] = append(byScore[score], PersonHit{ix.ids[i], score})
		if full(0) {
			break
		}
	}
	for _, b := range byScore {
		hits = append(hits, b...)
	}
	hits = append(s.sealedHits(fq, words, "", false), hits...)
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return s.canonicalHits(ix, hits)
}

// wordPrefix reports whether every query word starts a word of f.
func wordPrefix(f string, words []string) bool {
	for _, w := range words {
		if !strings.HasPrefix(f, w) && !strings.Contains(f, " "+w) {
			return false
		}
	}
	return true
}

// PersonsByPrefix lists persons whose folded name starts with the folded
// prefix, from the on-disk index (no cache needed).
func (s *Store) PersonsByPrefix(q string, limit int) []string {
	var out []string
	p := []byte(model.Fold(q))
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "person_name", p, func(_ []byte, id string) bool {
			out = append(out, id)
			return limit <= 0 || len(out) < limit
		})
		return nil
	})
	return out
}

// PersonsByNumber finds persons by exact ID number or phone (typed with
// separators or in the +84 form: it is normalised as stored).
func (s *Store) PersonsByNumber(n string) []string {
	var out []string
	keys := map[string]string{"person_idnum": strings.ToUpper(model.CleanDigits(n)), "person_phone": n}
	if p, _, m := model.NormalizePhone(n); m == nil {
		keys["person_phone"] = p
	}
	s.db.View(func(tx *bolt.Tx) error {
		for _, idx := range []string{"person_idnum", "person_phone"} {
			eachIdx(tx, idx, append([]byte(keys[idx]), 0), func(_ []byte, id string) bool {
				out = append(out, id)
				return true
			})
		}
		return nil
	})
	return out
}

// PersonCard is what the reception screen shows of a found person: a
// count and the newest of their visits, their petitions and open cases.
// It is read on every key of a search, so it never reads a person's
// whole history: the visits are counted from the index and only the
// newest is decoded.
type PersonCard struct {
	model.Person
	VisitCount int
	Visits     []model.Visit // the newest visit only (none if VisitCount is 0)
	Petitions  []model.Petition
	OpenCases  []model.Case
	// Group is the person's record and the records merged into it; Sites
	// the sites where they came (an office sees its child sites' records).
	Group []string
	Sites []string
}

// siteOfID returns the site of an entity id made by NewEntityID
// ("visit:GL07.12" -> "GL07"): the site that created the record.
func siteOfID(id string) string {
	rest := id[strings.IndexByte(id, ':')+1:]
	if i := strings.LastIndexByte(rest, '.'); i >= 0 {
		return rest[:i]
	}
	return rest
}

// PersonCards reads persons with their history, in the order given. An
// id with no person is left out; a person, petition or visit that cannot
// be read is left out too, and the error (a *model.Msg of kind damaged)
// says so beside the cards that could be read.
//
// Each key typed at reception asks for the cards of the first matches,
// mostly those of the key before: cards read are kept until the file or
// the session changes (cardCache). A card's slices may so be shared with
// other calls: read them, never change them in place.
func (s *Store) PersonCards(ids []string) ([]PersonCard, error) {
	sealed := s.sealedFor() // before the read: it reads the file itself
	gen := s.db.gen.Load()  // before the read: a write after it drops what it reads
	have := s.cards.get(gen, sealed, ids)
	var missing []string
	for _, id := range ids {
		if _, ok := have[id]; !ok {
			missing = append(missing, id)
		}
	}
	var bad error
	if len(missing) > 0 {
		var read map[string]PersonCard
		var marred map[string]bool
		read, marred, bad = s.readCards(missing, sealed)
		s.cards.put(gen, sealed, read, marred)
		if have == nil {
			have = read
		} else {
			maps.Copy(have, read)
		}
	}
	out := make([]PersonCard, 0, len(ids))
	for _, id := range ids {
		if c, ok := have[id]; ok {
			out = append(out, c)
		}
	}
	return out, bad
}

// cardCache keeps the persons' cards last read (PersonCards), for one
// generation of the file and one session's view of the protected
// persons; anything else empties it.
type cardCache struct {
	mu     sync.Mutex
	gen    uint64
	sealed *sealedIndex
	m      map[string]PersonCard
}

// cardCacheMax bounds the cards kept: some forty keys' worth. At the
// office, 256 (ten keys) doubled a key's median time, and 1,024 cost
// about 1 MB of heap more.
const cardCacheMax = 1024

// get returns the cards of ids it holds for gen and sealed.
func (c *cardCache) get(gen uint64, sealed *sealedIndex, ids []string) map[string]PersonCard {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.gen != gen || c.sealed != sealed {
		c.m, c.gen, c.sealed = nil, gen, sealed
		return nil
	}
	var out map[string]PersonCard
	for _, id := range ids {
		if x, ok := c.m[id]; ok {
			if out == nil {
				out = make(map[string]PersonCard, len(ids))
			}
			out[id] = x
		}
	}
	return out
}

// put keeps cards read under gen and sealed (if those are still the
// cache's), by the id they were asked by; not those whose reading met a
// damaged record, so the damage is said at every read.
func (c *cardCache) put(gen uint64, sealed *sealedIndex, cards map[string]PersonCard, marred map[string]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.sealed != sealed {
		return
	}
	if c.m == nil || len(c.m)+len(cards) > cardCacheMax {
		c.m = make(map[string]PersonCard, len(cards))
	}
	for id, x := range cards {
		if !marred[id] {
			c.m[id] = x
		}
	}
}

// drop forgets every card (a sign-out: a card may hold a protected
// person's identity, unsealed for the session that read it).
func (c *cardCache) drop() {
	c.mu.Lock()
	c.m, c.sealed = nil, nil
	c.mu.Unlock()
}

// readCards reads the cards of ids from the file, as PersonCards says,
// by the id they were asked by; sealed is the session's view of the
// protected persons. marred lists the cards whose reading met a damaged
// record (a petition, a visit).
func (s *Store) readCards(ids []string, sealed *sealedIndex) (out map[string]PersonCard, marred map[string]bool, bad error) {
	out = make(map[string]PersonCard, len(ids))
	marred = map[string]bool{}
	var card string // the card being read
	note := func(id string, err error) {
		marred[card] = true
		if bad == nil {
			bad = damagedRecord(id, err)
		}
	}
	cc := s.cases() // every open case, in memory
	s.db.View(func(tx *bolt.Tx) error {
		for _, id := range ids {
			card = id
			var c PersonCard
			if err := getState(tx, id, &c.Person); err != nil {
				if !errors.Is(err, ErrNotFound) {
					note(id, err)
				}
				continue
			}
			if c.Sealed != "" && sealed != nil && sealed.may(id) {
				s.UnsealPerson(&c.Person)
			}
			if c.MergedInto == "" && c.ID == id {
				c.Group = groupFrom(tx, id) // stands for itself: no second read
			} else {
				c.Group = groupTx(tx, id)
			}
			// Values kept from records merged here and since unmerged
			// (at another site) are not this person's any more.
			abs := c.Absorbed[:0:0]
			for _, a := range c.Absorbed {
				if slices.Contains(c.Group, a.ID) {
					abs = append(abs, a)
				}
			}
			c.Absorbed = abs
			sites := map[string]bool{c.Site: true}
			// The newest visit is the one created last: its first event's
			// clock is in its first list key (firstListed: read from the
			// header of the event that made it), so no visit but the
			// newest is decoded.
			var newest string
			var newestClock []byte
			visits := groupIndexed(tx, c.Group, "person_visit")
			c.VisitCount = len(visits)
			for _, vid := range visits {
				sites[siteOfID(vid)] = true
				vp := prefix(vid)
				if k := firstListed(tx, vid); k != nil && len(k) >= len(vp)+8 {
					if clock := k[len(vp) : len(vp)+8]; newest == "" || bytes.Compare(clock, newestClock) > 0 {
						newest, newestClock = vid, append(newestClock[:0], clock...)
					}
				}
			}
			for _, pid := range groupIndexed(tx, c.Group, "person_petition") {
				var x model.Petition
				if err := getState(tx, pid, &x); err != nil {
					note(pid, err)
					continue
				}
				sites[x.Site] = true
				c.Petitions = append(c.Petitions, x)
			}
			for _, cid := range groupIndexed(tx, c.Group, "person_case") {
				if x, ok := cc.get(cid); ok && x.Open() {
					c.OpenCases = append(c.OpenCases, x)
				}
			}
			if newest != "" {
				var v model.Visit
				if err := getState(tx, newest, &v); err != nil {
					note(newest, err)
				} else {
					c.Visits = append(c.Visits, v)
				}
			}
			for st := range sites {
				c.Sites = append(c.Sites, st)
			}
			sort.Strings(c.Sites)
			out[id] = c
		}
		return nil
	})
	return out, marred, bad
}

// Warm builds the in-memory search index of persons and the cache of
// open cases, if not yet built. The interface calls it in the background
// while a person signs in, so the first key of a search and the first
// look at the queue find them ready.
func (s *Store) Warm() {
	s.personIdx()
	s.cases()
}

// --- petitions ---

// Inbox returns this site's petitions awaiting classification, oldest
// first. A petition the inbox names that cannot be read is left out, and
// the error (a *model.Msg of kind damaged) says so beside the others.
func (s *Store) Inbox() ([]model.Petition, error) {
	var out []model.Petition
	var bad error
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "inbox", append([]byte(s.site), 0), func(_ []byte, id string) bool {
			var p model.Petition
			if err := getState(tx, id, &p); err != nil {
				if bad == nil {
					bad = damagedRecord(id, err)
				}
			} else {
				out = append(out, p)
			}
			return true
		})
		return nil
	})
	// Same-day petitions in the order they were numbered (the index
	// orders ids as strings, which puts 10 before 9).
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].Received.Compare(out[j].Received); c != 0 {
			return c < 0
		}
		return len(out[i].No) < len(out[j].No) || (len(out[i].No) == len(out[j].No) && out[i].No < out[j].No)
	})
	return out, bad
}

// PetitionsOf returns the petitions whose senders include person id, or
// any record merged with it; one that cannot be read is left out and the
// error says so.
func (s *Store) PetitionsOf(personID string) ([]model.Petition, error) {
	var out []model.Petition
	var bad error
	seen := map[string]bool{}
	s.db.View(func(tx *bolt.Tx) error {
		for _, pid := range groupTx(tx, personID) {
			eachIdx(tx, "person_petition", append([]byte(pid), 0), func(_ []byte, id string) bool {
				var p model.Petition
				if seen[id] {
					return true
				}
				if err := getState(tx, id, &p); err != nil {
					if bad == nil {
						bad = damagedRecord(id, err)
					}
					return true
				}
				seen[id] = true
				out = append(out, p)
				return true
			})
		}
		return nil
	})
	return out, bad
}

// Petitions returns every petition received in [from, to] (zero = open)
// that can be read. The registers' exports read through it; a screen and
// a report use PetitionsIn, which says when one could not be read.
func (s *Store) Petitions(from, to model.Date) []model.Petition {
	out, _ := s.PetitionsIn(from, to)
	return out
}

// PetitionsIn is Petitions with the error of a petition that could not be
// read (a *model.Msg of kind damaged, with the way out).
func (s *Store) PetitionsIn(from, to model.Date) ([]model.Petition, error) {
	var out []model.Petition
	var bad error
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "petition_date", nil, func(k []byte, id string) bool {
			d := string(k[:bytes.IndexByte(k, 0)])
			if (!from.IsZero() && d < from.ISO()) || (!to.IsZero() && d > to.ISO()) {
				return to.IsZero() || d <= to.ISO()
			}
			var p model.Petition
			if err := getState(tx, id, &p); err != nil {
				if bad == nil {
					bad = damagedRecord(id, err)
				}
			} else {
				out = append(out, p)
			}
			return true
		})
		return nil
	})
	return out, bad
}

// visitDays returns the index of visits by day: report_visit, whose keys
// begin with the day and end with the id (reportEntries); in a file of
// schema 5 or older opened read-only, which may lack it, visit_date,
// whose keys are day \0 id.
func visitDays(tx *bolt.Tx) *bolt.Bucket {
	if ib := tx.Bucket(bIdx).Bucket([]byte("report_visit")); ib != nil {
		return ib
	}
	return tx.Bucket(bIdx).Bucket([]byte("visit_date"))
}

// Visits returns every visit on days in [from, to] (zero = open) that can
// be read. The registers' exports read through it; a screen and a report
// use VisitsIn, which says when one could not be read.
func (s *Store) Visits(from, to model.Date) []model.Visit {
	out, _ := s.VisitsIn(from, to)
	return out
}

// VisitsIn is Visits with the error of a visit that could not be read (a
// *model.Msg of kind damaged, with the way out).
func (s *Store) VisitsIn(from, to model.Date) ([]model.Visit, error) {
	var out []model.Visit
	var bad error
	s.db.View(func(tx *bolt.Tx) error {
		ib := visitDays(tx)
		if ib == nil {
			return nil
		}
		eachVisitKey(ib, from, to, func(k []byte) {
			var v model.Visit
			id := entryID("report_visit", k)
			if err := getState(tx, id, &v); err != nil {
				if bad == nil {
					bad = damagedRecord(id, err)
				}
			} else {
				out = append(out, v)
			}
		})
		return nil
	})
	return out, bad
}

// --- timeline ---

// Timeline returns an entity's events in fold order.
func (s *Store) Timeline(entity string) ([]model.Event, error) {
	var out []model.Event
	err := s.db.View(func(tx *bolt.Tx) error {
		var err error
		out, err = entityEvents(tx, entity)
		return err
	})
	return out, err
}
