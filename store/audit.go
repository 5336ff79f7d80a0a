package store

import (
	"strings"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// AuditFilter picks events for the audit. Zero fields pick everything.
type AuditFilter struct {
	User     string    // author login
	From, To time.Time // wall time, To exclusive
	Type     string    // an event type, or its kind before the dot ("auth", "case")
}

// AuditLine is one event as the audit lists it.
type AuditLine struct {
	model.Event
	// Chain is false when this event's Prev is not the hash of the same
	// site's previous event held here: the log was altered (or, at a
	// child, an office's events are held only in part, by design: then
	// Gap is true instead).
	Chain bool
	Gap   bool
	// Held is an audit event waiting to enter the log (a restored copy
	// writes nothing until its parent answers; see Store.Held).
	Held bool
	// When is when it happened: At, or for an audit event held back and
	// logged later, the time it was held.
	When time.Time
}

// AuditChain is what reading a site's events found about its chain.
type AuditChain struct {
	Site   string
	Events int
	Broken []uint64 // seqs whose Prev does not match
}

func (f *AuditFilter) match(e *model.Event) bool {
	if f.User != "" && e.Author != f.User {
		return false
	}
	if !f.From.IsZero() && e.At.Before(f.From) {
		return false
	}
	if !f.To.IsZero() && !e.At.Before(f.To) {
		return false
	}
	if f.Type != "" && string(e.Type) != f.Type {
		t := string(e.Type)
		if i := strings.IndexByte(t, '.'); i < 0 || t[:i] != f.Type {
			return false
		}
	}
	return true
}

// AuditLog reads the log, site by site in order, verifying each site's hash
// chain as it goes, and calls fn with the events f picks. It streams: the
// memory it needs does not grow with the log.
func (s *Store) AuditLog(f AuditFilter, fn func(AuditLine) error) ([]AuditChain, error) {
	var chains []AuditChain
	err := s.db.View(func(tx *bolt.Tx) error {
		var cur *AuditChain
		var prevSeq uint64
		var prevHash string
		return tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
			e, err := decodeHead(v)
			if err != nil {
				return err
			}
			hash := hashOf(v, &e)
			if _, sealed := restIDOf(v); sealed {
				e.Data = nil // the audit says who did what, not what a sealed event said
			}
			if cur == nil || cur.Site != e.Site {
				chains = append(chains, AuditChain{Site: e.Site})
				cur = &chains[len(chains)-1]
				prevSeq, prevHash = 0, ""
			}
			cur.Events++
			line := AuditLine{Event: e, Chain: true, When: e.At}
			switch {
			case e.Seq != prevSeq+1 && prevSeq != 0 || (prevSeq == 0 && e.Seq != 1):
				line.Gap = true // not every event of that site is held here
			case e.Prev != prevHash:
				line.Chain = false
				cur.Broken = append(cur.Broken, e.Seq)
			}
			prevSeq, prevHash = e.Seq, hash
			if !f.match(&e) {
				return nil
			}
			if e.Entity == model.AuditEntity(e.Site) {
				var n model.AuditNote
				if e.Decode(&n) == nil && !n.Happened.IsZero() {
					line.When = n.Happened
				}
			}
			return fn(line)
		})
	})
	if err != nil {
		return chains, err
	}
	for _, e := range s.Held() {
		if f.match(&e) {
			if err := fn(AuditLine{Event: e, Chain: true, Held: true, When: e.At}); err != nil {
				return chains, err
			}
		}
	}
	return chains, nil
}
