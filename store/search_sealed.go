package store

import (
	"bytes"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
	"strings"
	"sync/atomic"

	"donthu/model"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/chacha20poly1305"
)

// Protected persons in search. Their names are sealed, so the person
// index never holds them: a search by a confidential name finds nothing.
// For a signed-in user the policy entitles (model.MaySeePetitionSender:
// the case's handler, the leaders of the unit), the store unseals the
// protected persons they may see, once per session at their first
// search, and finds those too. Denouncers are few: this costs a fraction
// of a millisecond each, and only for entitled users.

type sealedIndex struct {
	ids   []string
	folds []string
	nums  []string
	masks []nameMask
	all   map[string]sealedEntry // by person id: who may be found
}

// may reports whether the index's user may find protected person id.
func (ix *sealedIndex) may(id string) bool {
	_, ok := ix.all[id]
	return ok
}

// sealedBuilds counts full builds (tests see that a sign-in reads only
// what changed).
var sealedBuilds atomic.Int64

// sealedEntry is one protected person the user may find, as the index
// keeps it (and stores it, sealed for the user: sealedCache).
type sealedEntry struct {
	Fold string `json:"f"`
	Nums string `json:"n"`
	// Sum is the SHA-256 of the person's sealed value and ID what it
	// holds: the session's cards show it without opening it again.
	Sum string   `json:"s"`
	ID  identity `json:"i"`
}

// entryOf is the entry of a person just unsealed.
func entryOf(p *model.Person) sealedEntry {
	sum := sha256.Sum256([]byte(p.Sealed))
	return sealedEntry{
		Fold: p.NameFold, Nums: p.IDNumber + " " + p.Phone, Sum: hex.EncodeToString(sum[:]),
		ID: identity{p.Name, p.IDKind, p.IDNumber, p.Phone, p.Address},
	}
}

// sealedFor returns the session's index of protected persons, built once
// a session and brought up to date with what changed since (pending). At
// sign-in it starts from the copy kept in the file for this user (sealed
// to their own key) and reads only the events written since: a decade's
// thousands of denouncers are not unsealed at every sign-in.
func (s *Store) sealedFor() *sealedIndex {
	s.sessMu.Lock()
	sess := s.sess
	s.sessMu.Unlock()
	if sess == nil || len(sess.ids) == 0 {
		return nil
	}
	// One build at a time: the background one started at sign-in
	// (WarmSession) and a first search that comes before it ends.
	sess.building.Lock()
	defer sess.building.Unlock()
	s.sessMu.Lock()
	built, pending := sess.sealed, sess.sealedPending
	sess.sealedPending = nil
	s.sessMu.Unlock()
	if built != nil && len(pending) == 0 {
		return built
	}
	u := sess.user
	var entries map[string]sealedEntry
	if built != nil {
		entries = built.entries()
	} else {
		var heads map[string]sealedHead
		fresh, whole := false, true
		entries, heads, fresh = s.loadSealed(sess)
		if entries == nil {
			entries, whole = s.buildSealed(sess, &u)
		}
		s.sessMu.Lock()
		current := s.sess == sess
		s.sessMu.Unlock()
		// Kept only whole and for the session it was read for.
		if !fresh && whole && current {
			s.saveSealed(sess, entries, heads)
		}
	}
	// The writes of this session since (or during the build).
	s.sessMu.Lock()
	pending = append(pending, sess.sealedPending...)
	sess.sealedPending = nil
	s.sessMu.Unlock()
	if len(pending) > 0 {
		s.db.View(func(tx *bolt.Tx) error {
			s.refreshSealed(tx, sess, &u, entries, pending)
			return nil
		})
	}
	ix := indexOf(entries)
	s.sessMu.Lock()
	if s.sess == sess {
		sess.sealed = ix
	}
	s.sessMu.Unlock()
	return ix
}

// buildSealed unseals every protected person u may find: the records
// first, then one X25519 each, on every core.
func (s *Store) buildSealed(sess *session, u *model.User) (map[string]sealedEntry, bool) {
	sealedBuilds.Add(1)
	var ps []model.Person
	s.db.View(func(tx *bolt.Tx) error {
		eachIdx(tx, "person_sealed", nil, func(_ []byte, id string) bool {
			var p model.Person
			if mayFind(tx, u, id) && getState(tx, id, &p) == nil {
				ps = append(ps, p)
			}
			return true
		})
		return nil
	})
	ok := make([]bool, len(ps))
	parallel(len(ps), func(i int) { ok[i] = s.unsealFor(sess, &ps[i]) })
	out := make(map[string]sealedEntry, len(ps))
	whole := true
	for i := range ps {
		if ok[i] {
			out[ps[i].ID] = entryOf(&ps[i])
		} else {
			whole = false
		}
	}
	return out, whole
}

// refreshSealed brings entries up to date for the records ids changed:
// the persons among them, the senders of the petitions and cases among
// them, and everyone in those persons' groups (a merge changes who may be
// found through whom).
func (s *Store) refreshSealed(tx *bolt.Tx, sess *session, u *model.User, entries map[string]sealedEntry, ids []string) {
	persons := map[string]bool{}
	for _, id := range ids {
		switch model.EntityKind(id) {
		case model.EntPerson:
			persons[id] = true
		case model.EntPetition, model.EntCase:
			var x struct {
				Senders []string `json:"senders"`
			}
			if getState(tx, id, &x) == nil {
				for _, p := range x.Senders {
					persons[p] = true
				}
			}
		}
	}
	group := map[string]bool{}
	for id := range persons {
		for _, m := range groupTx(tx, id) {
			group[m] = true
		}
		group[id] = true
	}
	for id := range group {
		delete(entries, id)
		var p model.Person
		if getState(tx, id, &p) != nil || p.Sealed == "" || !mayFind(tx, u, id) || !s.unsealFor(sess, &p) {
			continue
		}
		entries[id] = entryOf(&p)
	}
}

func (ix *sealedIndex) entries() map[string]sealedEntry {
	out := make(map[string]sealedEntry, len(ix.all))
	for id, e := range ix.all {
		out[id] = e
	}
	return out
}

func indexOf(entries map[string]sealedEntry) *sealedIndex {
	ix := &sealedIndex{all: entries}
	for id := range entries {
		ix.ids = append(ix.ids, id)
	}
	sort.Strings(ix.ids)
	for _, id := range ix.ids {
		ix.folds = append(ix.folds, entries[id].Fold)
		ix.masks = append(ix.masks, maskOf(entries[id].Fold))
		ix.nums = append(ix.nums, entries[id].Nums)
	}
	return ix
}

// The index kept in the file, per user ("sealedix/LOGIN"): the entries,
// the user's roles and site they were found for, and the head of every
// site's log (number and hash) they were read up to, JSON sealed with
// XChaCha20-Poly1305 under a key derived from the user's own private key
// (unlocked by their password): only they open it, a stolen file shows
// nothing. A head that moved is read from there; a head that is not the
// event it was (a restore), other roles or site, or anything unreadable
// means a full build.
type sealedCache struct {
	Who     string                 `json:"who"`
	Heads   map[string]sealedHead  `json:"heads"`
	Entries map[string]sealedEntry `json:"entries"`
}

type sealedHead struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

func sealedCacheKey(login string) []byte { return []byte("sealedix/" + login) }

func whoFor(u *model.User) string {
	roles := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		roles[i] = string(r)
	}
	sort.Strings(roles)
	// v1: the policy of who may find whom (model.MaySeePetitionSender) as
	// of this index; a release that narrows it changes this.
	return "v1/" + u.Site + "/" + u.Login + "/" + strings.Join(roles, ",")
}

func headsTxHashed(tx *bolt.Tx) map[string]sealedHead {
	out := map[string]sealedHead{}
	for site := range headsTx(tx) {
		seq, hash := lastOf(tx, site)
		out[site] = sealedHead{seq, hash}
	}
	return out
}

// loadSealed reads this user's kept index and brings it up to date with
// the events written since; fresh: nothing had changed. nil entries: a
// full build is needed.
func (s *Store) loadSealed(sess *session) (entries map[string]sealedEntry, heads map[string]sealedHead, fresh bool) {
	if sess.ixKey == nil {
		return nil, nil, false
	}
	u := sess.user
	s.db.View(func(tx *bolt.Tx) error {
		heads = headsTxHashed(tx)
		b := tx.Bucket(bMeta).Get(sealedCacheKey(u.Login))
		if b == nil {
			return nil
		}
		aead, err := chacha20poly1305.NewX(sess.ixKey)
		if err != nil || len(b) < aead.NonceSize() {
			return nil
		}
		plain, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], sealedCacheKey(u.Login))
		if err != nil {
			return nil
		}
		var c sealedCache
		if json.Unmarshal(plain, &c) != nil || c.Who != whoFor(&u) || c.Entries == nil {
			return nil
		}
		// What changed since: the records of the events after each
		// kept head, from a head that is still the same event.
		var changed []string
		fresh = true
		for site, h := range heads {
			was, ok := c.Heads[site]
			if ok && was == h {
				continue
			}
			fresh = false
			from := uint64(1)
			if ok {
				if seq, hash := eventHashAt(tx, site, was.Seq); seq != was.Seq || hash != was.Hash {
					return nil // another history under those numbers: build again
				}
				from = was.Seq + 1
			}
			c := tx.Bucket(bEvents).Cursor()
			for k, v := c.Seek(evKey(site, from)); k != nil; k, v = c.Next() {
				ks, _, ok := parseEvKey(k)
				if !ok || ks != site {
					break
				}
				if e, err := decodeHead(v); err == nil {
					changed = append(changed, e.Entity)
				}
			}
		}
		for site := range c.Heads {
			if _, ok := heads[site]; !ok {
				return nil // a site's events are gone: build again
			}
		}
		// The identities kept open what the session's cards show.
		s.sessMu.Lock()
		if sess.unsealed == nil {
			sess.unsealed = make(map[[32]byte]identity, len(c.Entries))
		}
		for _, e := range c.Entries {
			var sum [32]byte
			if b, err := hex.DecodeString(e.Sum); err == nil && len(b) == len(sum) {
				copy(sum[:], b)
				sess.unsealed[sum] = e.ID
			}
		}
		s.sessMu.Unlock()
		s.refreshSealed(tx, sess, &u, c.Entries, changed)
		entries = c.Entries
		return nil
	})
	return entries, heads, fresh && entries != nil
}

// eventHashAt returns the seq and hash of site's event seq, as held.
func eventHashAt(tx *bolt.Tx, site string, seq uint64) (uint64, string) {
	raw := tx.Bucket(bEvents).Get(evKey(site, seq))
	if raw == nil {
		return 0, ""
	}
	e, err := decodeHead(raw)
	if err != nil {
		return 0, ""
	}
	return seq, hashOf(raw, &e)
}

// saveSealed keeps the index in the file for the user's next sign-in. A
// file that cannot be written (opened for reading) keeps none: the next
// sign-in builds it.
func (s *Store) saveSealed(sess *session, entries map[string]sealedEntry, heads map[string]sealedHead) {
	if sess.ixKey == nil || heads == nil || s.db.IsReadOnly() {
		return
	}
	plain, err := json.Marshal(sealedCache{Who: whoFor(&sess.user), Heads: heads, Entries: entries})
	if err != nil {
		return
	}
	aead, err := chacha20poly1305.NewX(sess.ixKey)
	if err != nil {
		return
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return
	}
	blob := aead.Seal(nonce, nonce, plain, sealedCacheKey(sess.user.Login))
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put(sealedCacheKey(sess.user.Login), blob)
	})
}

// sealedIndexKey derives the key that seals a user's kept index from
// their own private key.
func sealedIndexKey(uid *age.X25519Identity) []byte {
	k, err := hkdf.Key(sha256.New, []byte(uid.String()), nil, "donthu sealed search index v1", chacha20poly1305.KeySize)
	if err != nil {
		return nil
	}
	return k
}

// WarmSession builds what the signed-in person's first search needs (the
// protected persons they may find: each one unsealed, thousands at an
// office after a decade), so that the first key does not wait for it.
// The interface calls it in the background right after sign-in.
func (s *Store) WarmSession() { s.sealedFor() }

// mayFind reports whether u may see the protected person id: they, or a
// record merged with theirs (one worker, one person), sent a confidential
// petition whose sender u is entitled to.
func mayFind(tx *bolt.Tx, u *model.User, id string) bool {
	for _, m := range groupTx(tx, id) {
		if maySeeSender(tx, u, m) {
			return true
		}
	}
	return false
}

// maySeeSender reports whether u is entitled to the sender of one of the
// petitions of person id.
func maySeeSender(tx *bolt.Tx, u *model.User, id string) bool {
	ok := false
	p := append([]byte(id), 0)
	eachIdx(tx, "person_petition", p, func(k []byte, pid string) bool {
		if !bytes.HasPrefix(k, p) {
			return false
		}
		var pet model.Petition
		if getState(tx, pid, &pet) != nil {
			return true
		}
		var c *model.Case
		if pet.Case != "" {
			var x model.Case
			if getState(tx, pet.Case, &x) == nil {
				c = &x
			}
		}
		if model.MaySeePetitionSender(u, &pet, c) {
			ok = true
			return false
		}
		return true
	})
	return ok
}

// sealedHits finds the protected persons the session may see.
func (s *Store) sealedHits(fq string, words []string, digits string, isNum bool) []PersonHit {
	ix := s.sealedFor()
	if ix == nil {
		return nil
	}
	var hits []PersonHit
	qm := maskOf(fq)
	for i, f := range ix.folds {
		switch {
		case isNum && strings.Contains(ix.nums[i], digits):
			hits = append(hits, PersonHit{ix.ids[i], 3})
		case isNum:
		case !ix.masks[i].covers(qm):
			// cannot hold every word: the person index's same test
		case strings.HasPrefix(f, fq):
			hits = append(hits, PersonHit{ix.ids[i], 0})
		case wordPrefix(f, words):
			hits = append(hits, PersonHit{ix.ids[i], 1})
		case model.MatchFolded(f, fq):
			hits = append(hits, PersonHit{ix.ids[i], 2})
		}
	}
	return hits
}

// touchSealed tells the session's index of protected persons that these
// records changed: the next search brings it up to date for them.
func (s *Store) touchSealed(ids []string) {
	s.sessMu.Lock()
	if s.sess != nil && len(s.sess.ids) > 0 {
		s.sess.sealedPending = append(s.sess.sealedPending, ids...)
	}
	s.sessMu.Unlock()
}

// mayFindSealedPerson reports whether the session may see protected
// person id (the policy entitles its user to one of their petitions).
func (s *Store) mayFindSealedPerson(id string) bool {
	ix := s.sealedFor()
	return ix != nil && ix.may(id)
}
