package store

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"donthu/model"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// A session is the person signed in on this store: their user, the keys
// their password unlocked, and the records they deliberately revealed.
// One desk, one person at a time: signing in replaces the session, and
// signing out (or locking and failing to unlock) drops the keys.
type session struct {
	user     model.User
	ids      []age.Identity // confidential key, and the site's bundle key at an office
	site     *Identity      // the site's private keys, when unlocked
	revealed map[string]bool
	sealed   *sealedIndex          // the protected persons this user may find, built at the first search
	building sync.Mutex            // held while sealed is built
	typed    map[string]identity   // identities this person typed and sealed in this session
	unsealed map[[32]byte]identity // sealed values opened in this session, by their SHA-256
	// sealedPending are records this session changed since sealed was
	// built (touchSealed); ixKey seals the user's kept copy of it.
	sealedPending []string
	ixKey         []byte
}

// sessionState is the store's session, behind its own lock (screens ask
// from commands running in other goroutines).
type sessionState struct {
	sessMu sync.Mutex
	sess   *session
}

// --- passwords: argon2id, one run both checks and unlocks ---

// derive runs argon2id over pw and returns the check half and the
// wrapping half. The check half is what the file stores.
func derive(pw string, salt []byte, t, m uint32, p uint8) (check, wrap []byte) {
	// argon2id's 64 MiB go back to the system at once (site.go says why).
	defer debug.FreeOSMemory()
	k := argon2.IDKey([]byte(norm.NFC.String(pw)), salt, t, m, p, 64)
	return k[:32], k[32:]
}

// hashPassword2 hashes a password in the two-part form (k=2 in the
// parameters) and returns the stored string and the wrapping key.
func hashPassword2(pw string) (string, []byte) {
	salt := make([]byte, 16)
	rand.Read(salt)
	check, wrap := derive(pw, salt, argonTime, argonMemory, argonThreads)
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d,k=2$%s$%s", argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(check)), wrap
}

// checkPassword2 checks pw against a stored hash; for the two-part form
// it also returns the wrapping key (nil for an older, one-part hash).
func checkPassword2(encoded, pw string) (ok bool, wrap []byte) {
	if !strings.Contains(encoded, ",k=2$") {
		return checkPassword(encoded, pw), nil
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, nil
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d,k=2", &m, &t, &p); err != nil {
		return false, nil
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false, nil
	}
	check, wrap := derive(pw, salt, t, m, p)
	if subtle.ConstantTimeCompare(check, want) != 1 {
		return false, nil
	}
	return true, wrap
}

// --- throttling: failed sign-ins slow further tries ---

// failRecord counts the failed sign-ins of a login since its last success.
type failRecord struct {
	Count int       `json:"count"`
	Last  time.Time `json:"last"`
}

func failKey(login string) []byte { return []byte("fail/" + login) }

// SignInWait is how long a login must wait before the next try after n
// failures in a row: three free tries, then 2, 4, 8 … seconds, at most
// five minutes. The argon2id check itself costs a quarter of a second.
func SignInWait(n int) time.Duration {
	if n < 3 {
		return 0
	}
	d := 2 * time.Second
	for i := 3; i < n && d < 5*time.Minute; i++ {
		d *= 2
	}
	return min(d, 5*time.Minute)
}

// ErrTooSoon is returned by SignIn while a login must wait.
var ErrTooSoon = fmt.Errorf("store: too many failed sign-ins")

// SignIn checks login and password and, on success, makes them the
// session: it unlocks their keys, grants the confidential key to entitled
// users who lack it, and records the sign-in. A failure is recorded too,
// and each failure after the third makes the next try wait longer.
func (s *Store) SignIn(login, password string) (model.User, error) {
	login = strings.TrimSpace(login)
	now := s.now()
	var u model.User
	var enc string
	var fails failRecord
	s.db.View(func(tx *bolt.Tx) error {
		if getState(tx, model.UserEntity(s.site, login), &u) == nil {
			enc = string(tx.Bucket(bMeta).Get([]byte("pw/" + login)))
		}
		if b := tx.Bucket(bMeta).Get(failKey(login)); b != nil {
			json.Unmarshal(b, &fails)
		}
		return nil
	})
	if wait := SignInWait(fails.Count) - now.Sub(fails.Last); wait > 0 {
		secs := int(wait.Round(time.Second) / time.Second)
		return model.User{}, model.Wrap(ErrTooSoon, model.NewMsg("password",
			fmt.Sprintf("Đã nhập sai mật khẩu %d lần; hãy chờ %d giây rồi thử lại", fails.Count, max(secs, 1)),
			fmt.Sprintf("%d wrong passwords in a row; wait %d seconds and try again", fails.Count, max(secs, 1))))
	}
	ok, wrap := false, []byte(nil)
	if enc != "" && u.Active {
		ok, wrap = checkPassword2(enc, password)
	}
	if !ok {
		fails.Count++
		fails.Last = now
		s.recordFailure(login, fails)
		return model.User{}, userErr(ErrBadPassword, "Sai tên đăng nhập hoặc mật khẩu", "Wrong login or password")
	}
	var newHash string
	if wrap == nil {
		// A password from before sealing: rehash it in the two-part
		// form, which gives this user a key of their own.
		newHash, wrap = hashPassword2(password)
	}
	sess := &session{user: u, revealed: map[string]bool{}}
	if s.db.IsReadOnly() {
		// A file opened for reading (bundle inspect, dump): the keys are
		// opened in memory; nothing is recorded or granted.
		err := s.db.View(func(tx *bolt.Tx) error {
			w := &writer{s: s, tx: tx, author: login}
			uid, err := w.userIdentity(login, wrap)
			if err != nil || uid == nil {
				return err
			}
			if err := w.unlock(sess, uid); err != nil {
				return err
			}
			sess.ixKey = sealedIndexKey(uid)
			_, err = openRestKey(s, tx, sess.site)
			return err
		})
		if err != nil {
			return model.User{}, err
		}
		s.sessMu.Lock()
		s.sess = sess
		s.sessMu.Unlock()
		return u, nil
	}
	_, err := s.write(login, func(w *writer) error {
		meta := w.tx.Bucket(bMeta)
		inClear := clearLeft(meta)
		if newHash != "" {
			if err := meta.Put([]byte("pw/"+login), []byte(newHash)); err != nil {
				return err
			}
		}
		if err := meta.Delete(failKey(login)); err != nil {
			return err
		}
		uid, err := w.userIdentity(login, wrap)
		if err != nil {
			return err
		}
		if err := w.unlock(sess, uid); err != nil {
			return err
		}
		sess.ixKey = sealedIndexKey(uid)
		if len(sess.ids) == 0 {
			// No longer entitled to any sender: the index kept for them
			// goes (sealed to them, but of no use, and no longer theirs).
			if err := meta.Delete(sealedCacheKey(login)); err != nil {
				return err
			}
		}
		w.keys = sess.site
		if err := w.sealExisting(); err != nil {
			return err
		}
		if err := w.unlockRest(sess.site); err != nil {
			return err
		}
		if clearLeft(meta) < inClear {
			// What an upgraded file held in the clear (the site's keys,
			// the confidential key, senders' names) is sealed now: its old
			// bytes are in the pages this transaction frees, overwritten
			// with zeros once it commits, like any sealing (scrubIfSealed).
			if err := meta.Put(keyRestScrub, []byte("1")); err != nil {
				return err
			}
		}
		_, err = w.emit(model.AuditEntity(w.s.site), model.EvSignedIn, "", model.AuditNote{Via: "tui"})
		return err
	})
	if err != nil {
		return model.User{}, err
	}
	s.sessMu.Lock()
	s.sess = sess
	s.sessMu.Unlock()
	if s.rebuildPending() {
		// Left half-way before the key was at hand (finishRebuild): the
		// records sealed at rest are folded now, as far as this sign-in's
		// keys go. What stays unreadable stays pending (and check says
		// so): it never keeps a person from signing in.
		s.finishRebuild()
	}
	return u, nil
}

// clearLeft counts what an upgraded file still holds in the clear: the
// site's private keys, a pending confidential key, records to seal. A
// sign-in that lowers it compacts the file.
func clearLeft(meta *bolt.Bucket) int {
	n := 0
	for _, k := range [][]byte{keyAge, keySign, keyConfPending, keySealTodo, keyRestSweep} {
		if meta.Get(k) != nil {
			n++
		}
	}
	return n
}

// recordFailure counts a failed sign-in and records it in the audit. A
// file that cannot be written still refuses the password.
func (s *Store) recordFailure(login string, f failRecord) {
	if s.site == "" {
		return
	}
	s.write(login, func(w *writer) error {
		b, _ := json.Marshal(f)
		if err := w.tx.Bucket(bMeta).Put(failKey(login), b); err != nil {
			return err
		}
		_, err := w.emit(model.AuditEntity(w.s.site), model.EvSignInFailed, "", model.AuditNote{Login: login})
		return err
	})
}

// userIdentity opens (or, for a user who has none yet, makes) login's own
// key pair with the wrapping key of their password.
func (w *writer) userIdentity(login string, wrap []byte) (*age.X25519Identity, error) {
	if rec, ok := getUserKey(w.tx, login); ok {
		if id, err := openUserKey(rec, wrap); err == nil {
			return id, nil
		}
		// Boxed under another password (reset by an administrator since):
		// a new key; the confidential key is granted again below or by
		// the next entitled sign-in.
	}
	if !w.tx.Writable() {
		return nil, nil
	}
	rec, id, err := newUserKey(wrap)
	if err != nil {
		return nil, err
	}
	if err := putUserKey(w.tx, login, rec); err != nil {
		return nil, err
	}
	return id, w.tx.Bucket(bMeta).Delete(confKey(login))
}

// unlock fills sess with what uid opens: the confidential key (for an
// entitled user), the site's keys; and grants the confidential key to
// entitled users who lack it.
func (w *writer) unlock(sess *session, uid *age.X25519Identity) error {
	meta := w.tx.Bucket(bMeta)
	// The site's keys first: they open the confidential key a migrated
	// file keeps in escrow.
	if err := w.unlockSiteKeys(sess, uid); err != nil {
		return err
	}
	var conf *age.X25519Identity
	if b := meta.Get(confKey(sess.user.Login)); b != nil {
		if plain, err := ageDecrypt(string(b), uid); err == nil {
			conf, _ = age.ParseX25519Identity(string(plain))
		}
	}
	if conf == nil && entitledToKey(&sess.user) && w.tx.Writable() {
		// A migrated file: the key waits in escrow for the first leader
		// or handler, who takes it and removes it.
		var err error
		if conf, err = takeEscrow(w.tx, sess.site); err != nil {
			return err
		}
	}
	if b := meta.Get(keyConfPending); b != nil && w.tx.Writable() {
		// Still in the clear (a file whose site key had no public half
		// at its migration): escrowed now.
		if pending, err := age.ParseX25519Identity(string(b)); err == nil {
			if err := escrowConf(w.tx, pending); err != nil {
				return err
			}
		}
	}
	if conf == nil && meta.Get(keyConfPub) == nil && w.tx.Writable() {
		// No key at all (a file set up before sealing): make one now; it
		// waits for the first leader or handler if this user is neither.
		var err error
		if conf, err = newConfKey(w.tx); err != nil {
			return err
		}
		if !entitledToKey(&sess.user) {
			if err := escrowConf(w.tx, conf); err != nil {
				return err
			}
		}
	}
	if conf != nil && entitledToKey(&sess.user) {
		sess.ids = append(sess.ids, conf)
		if w.tx.Writable() {
			if err := w.grantConf(conf); err != nil {
				return err
			}
		}
	}
	if entitledToKey(&sess.user) && sess.site != nil {
		// At an office, children's records are sealed to its bundle key.
		sess.ids = append(sess.ids, sess.site.Age)
	}
	return nil
}

// grantConf wraps the confidential key for every entitled user of this
// site who has a key of their own and lacks it, and removes it from
// those no longer entitled.
func (w *writer) grantConf(conf *age.X25519Identity) error {
	meta := w.tx.Bucket(bMeta)
	return eachState(w.tx, model.EntUser, func(_ string, b []byte) error {
		var u model.User
		if decodeJSON(b, &u) != nil || u.Site != w.s.site {
			return nil
		}
		has := meta.Get(confKey(u.Login)) != nil
		switch {
		case entitledToKey(&u) && !has:
			if _, ok := getUserKey(w.tx, u.Login); !ok {
				return nil
			}
			if err := wrapConf(w.tx, u.Login, conf); err != nil {
				return err
			}
			_, err := w.emit(model.AuditEntity(w.s.site), model.EvKeyGranted, "", model.AuditNote{Login: u.Login})
			return err
		case !entitledToKey(&u) && has:
			if err := meta.Delete(sealedCacheKey(u.Login)); err != nil {
				return err
			}
			return meta.Delete(confKey(u.Login))
		}
		return nil
	})
}

// SignOut ends the session: its keys and reveals are forgotten.
func (s *Store) SignOut() {
	s.sessMu.Lock()
	sess := s.sess
	s.sess = nil
	s.sessMu.Unlock()
	s.forgetRest()
	s.cards.drop()
	if sess != nil && s.site != "" {
		s.write(sess.user.Login, func(w *writer) error {
			_, err := w.emit(model.AuditEntity(w.s.site), model.EvSignedOut, "", model.AuditNote{})
			return err
		})
	}
}

// Current returns the signed-in user, ok false when nobody is.
func (s *Store) Current() (model.User, bool) {
	s.sessMu.Lock()
	defer s.sessMu.Unlock()
	if s.sess == nil {
		return model.User{}, false
	}
	return s.sess.user, true
}

// Revealed reports whether login, signed in now, deliberately revealed
// in this session the sender of record id: a case (RevealIdentity), or a
// petition that had no case then (RevealPetition). Screens ask about the
// record that decides who is entitled: a petition's case once it has one
// (RevealedPetition).
func (s *Store) Revealed(login, id string) bool {
	s.sessMu.Lock()
	defer s.sessMu.Unlock()
	return s.sess != nil && s.sess.user.Login == login && s.sess.revealed[id]
}

// RevealedPetition is Revealed for a petition: on its case when it has
// one, else on the petition itself.
func (s *Store) RevealedPetition(login string, p *model.Petition) bool {
	if p.Case != "" {
		return s.Revealed(login, p.Case)
	}
	return s.Revealed(login, p.ID)
}

func (s *Store) markRevealed(login, id string) {
	s.sessMu.Lock()
	defer s.sessMu.Unlock()
	if s.sess != nil && s.sess.user.Login == login {
		s.sess.revealed[id] = true
	}
}

// Audit records an audit event (an export, a print) by the session's
// user, or by author when nobody is signed in (the command line).
func (s *Store) Audit(author string, t model.EventType, n model.AuditNote) error {
	if u, ok := s.Current(); ok {
		author = u.Login
	}
	_, err := s.write(author, func(w *writer) error {
		_, err := w.emit(model.AuditEntity(w.s.site), t, "", n)
		return err
	})
	return err
}

// decodeJSON decodes a stored projection of a kind never kept by
// reference (refKind), or a part of one, into v.
func decodeJSON(b []byte, v any) error { return unmarshalState(nil, "", b, v) }
