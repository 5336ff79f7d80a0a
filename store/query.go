package store

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
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
		if !fn(k, lastPart(k)) {
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
	if err != nil {
		return v, notFound(id)
	}
	return v, nil
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
// kept in memory so each keystroke is a scan of short strings.
type personIndex struct {
	pos   map[string]int
	ids   []string
	folds []string
	nums  []string // id number and phone, space separated
}

func (ix *personIndex) put(p *model.Person) {
	i, ok := ix.pos[p.ID]
	if !ok {
		i = len(ix.ids)
		ix.pos[p.ID] = i
		ix.ids = append(ix.ids, p.ID)
		ix.folds = append(ix.folds, "")
		ix.nums = append(ix.nums, "")
	}
	ix.folds[i] = p.NameFold
	ix.nums[i] = p.IDNumber + " " + p.Phone
}

func (s *Store) personIdx() *personIndex {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.persons == nil {
		ix := &personIndex{pos: map[string]int{}}
		s.db.View(func(tx *bolt.Tx) error {
			return eachState(tx, model.EntPerson, func(id string, b []byte) error {
				var p model.Person
				if json.Unmarshal(b, &p) == nil {
					ix.put(&p)
				}
				return nil
			})
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
// digits of q. Best matches first; at most limit.
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
	words := strings.Fields(fq)
	for i, f := range ix.folds {
		if isNum {
			if strings.Contains(ix.nums[i], digits) {
				hits = append(hits, PersonHit{ix.ids[i], 3})
			}
			continue
		}
		if !model.MatchFolded(f, fq) {
			continue
		}
		score := 2
		if strings.HasPrefix(f, fq) {
			score = 0
		} else if wordPrefix(f, words) {
			score = 1
		}
		hits = append(hits, PersonHit{ix.ids[i], score})
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].Score < hits[b].Score })
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	return hits
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

// PersonsByNumber finds persons by exact ID number or phone.
func (s *Store) PersonsByNumber(n string) []string {
	var out []string
	s.db.View(func(tx *bolt.Tx) error {
		for _, idx := range []string{"person_idnum", "person_phone"} {
			eachIdx(tx, idx, append([]byte(n), 0), func(_ []byte, id string) bool {
				out = append(out, id)
				return true
			})
		}
		return nil
	})
	return out
}

// PersonCard is what the reception screen shows of a found person.
type PersonCard struct {
	model.Person
	Visits    []model.Visit // newest first
	Petitions []model.Petition
	OpenCases []model.Case
}

// PersonCards reads persons with their history, in the order given.
func (s *Store) PersonCards(ids []string) []PersonCard {
	out := make([]PersonCard, 0, len(ids))
	s.db.View(func(tx *bolt.Tx) error {
		for _, id := range ids {
			var c PersonCard
			if getState(tx, id, &c.Person) != nil {
				continue
			}
			p := append([]byte(id), 0)
			eachIdx(tx, "person_visit", p, func(_ []byte, vid string) bool {
				var v model.Visit
				if getState(tx, vid, &v) == nil {
					c.Visits = append(c.Visits, v)
				}
				return true
			})
			eachIdx(tx, "person_petition", p, func(_ []byte, pid string) bool {
				var x model.Petition
				if getState(tx, pid, &x) == nil {
					c.Petitions = append(c.Petitions, x)
				}
				return true
			})
			eachIdx(tx, "person_case", p, func(_ []byte, cid string) bool {
				var x model.Case
				if getState(tx, cid, &x) == nil && x.Open() {
					c.OpenCases = append(c.OpenCases, x)
				}
				return true
			})
			sort.Slice(c.Visits, func(i, j int) bool { return c.Visits[i].At.After(c.Visits[j].At) })
			out = append(out, c)
		}
		return nil
	})
	return out
}

// --- petitions ---

// Inbox returns this site's petitions awaiting classification, oldest first.
func (s *Store) Inbox() []model.Petition {
	var out []model.Petition
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "inbox", append([]byte(s.site), 0), func(_ []byte, id string) bool {
			var p model.Petition
			if getState(tx, id, &p) == nil {
				out = append(out, p)
			}
			return true
		})
		return nil
	})
	return out
}

// PetitionsOf returns the petitions whose senders include person id.
func (s *Store) PetitionsOf(personID string) []model.Petition {
	var out []model.Petition
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "person_petition", append([]byte(personID), 0), func(_ []byte, id string) bool {
			var p model.Petition
			if getState(tx, id, &p) == nil {
				out = append(out, p)
			}
			return true
		})
		return nil
	})
	return out
}

// Petitions returns every petition received in [from, to] (zero = open).
func (s *Store) Petitions(from, to model.Date) []model.Petition {
	var out []model.Petition
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "petition_date", nil, func(k []byte, id string) bool {
			d := string(k[:bytes.IndexByte(k, 0)])
			if (!from.IsZero() && d < from.ISO()) || (!to.IsZero() && d > to.ISO()) {
				return to.IsZero() || d <= to.ISO()
			}
			var p model.Petition
			if getState(tx, id, &p) == nil {
				out = append(out, p)
			}
			return true
		})
		return nil
	})
	return out
}

// Visits returns every visit on days in [from, to] (zero = open).
func (s *Store) Visits(from, to model.Date) []model.Visit {
	var out []model.Visit
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "visit_date", []byte(from.ISO()), func(k []byte, id string) bool {
			d := string(k[:bytes.IndexByte(k, 0)])
			if !to.IsZero() && d > to.ISO() {
				return false
			}
			var v model.Visit
			if getState(tx, id, &v) == nil {
				out = append(out, v)
			}
			return true
		})
		return nil
	})
	return out
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
