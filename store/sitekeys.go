package store

import (
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"donthu/model"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
)

// The site's private keys (ed25519 for signing bundles, age X25519 for
// opening them) are sealed like a confidential sender: wrapped once per
// active user ("sitekey/LOGIN", age-encrypted to that user's own key),
// so a copied file can neither sign nor open bundles. Their public
// halves stay in the clear ("key/sign.pub", "key/age.pub"): a key card
// needs no sign-in. A file from before sealing keeps its keys in the
// clear ("key/sign", "key/age") until its first sign-in moves them.

var (
	keySign    = []byte("key/sign")
	keyAge     = []byte("key/age")
	keySignPub = []byte("key/sign.pub")
	keyAgePub  = []byte("key/age.pub")
)

func siteKeyKey(login string) []byte { return []byte("sitekey/" + login) }

// ErrKeysSealed is returned when the site's private keys are needed and
// nobody is signed in.
var ErrKeysSealed = fmt.Errorf("store: the site's keys are sealed")

type siteKeys struct {
	Sign string `json:"sign"` // ed25519 seed, standard base64
	Age  string `json:"age"`  // AGE-SECRET-KEY-1...
}

func (k siteKeys) identity() (*Identity, error) {
	seed, err := base64.StdEncoding.DecodeString(k.Sign)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("%w: bad signing key", ErrCorrupt)
	}
	id := &Identity{SignKey: ed25519.NewKeyFromSeed(seed)}
	id.SignPub = id.SignKey.Public().(ed25519.PublicKey)
	if id.Age, err = age.ParseX25519Identity(k.Age); err != nil {
		return nil, fmt.Errorf("%w: bad encryption key: %v", ErrCorrupt, err)
	}
	return id, nil
}

// putPublicKeys records the public halves of the site's keys.
func putPublicKeys(tx *bolt.Tx, id *Identity) error {
	meta := tx.Bucket(bMeta)
	if err := meta.Put(keySignPub, []byte(base64.StdEncoding.EncodeToString(id.SignPub))); err != nil {
		return err
	}
	return meta.Put(keyAgePub, []byte(id.Age.Recipient().String()))
}

// wrapSiteKeys gives login the site's private keys.
func wrapSiteKeys(tx *bolt.Tx, login string, id *Identity) error {
	rec, ok := getUserKey(tx, login)
	if !ok {
		return nil
	}
	r, err := age.ParseX25519Recipient(rec.Pub)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(siteKeys{Sign: base64.StdEncoding.EncodeToString(id.SignKey.Seed()), Age: id.Age.String()})
	blob, err := ageEncrypt(b, r)
	if err != nil {
		return err
	}
	return tx.Bucket(bMeta).Put(siteKeyKey(login), []byte(blob))
}

// clearKeys reads the keys a file from before sealing holds in the clear.
func clearKeys(tx *bolt.Tx) (*Identity, bool) {
	meta := tx.Bucket(bMeta)
	sign, ag := meta.Get(keySign), meta.Get(keyAge)
	if sign == nil || ag == nil {
		return nil, false
	}
	id, err := siteKeys{Sign: string(sign), Age: string(ag)}.identity()
	return id, err == nil
}

// unlockSiteKeys opens the site's keys for a session (uid: the user's own
// key), moves keys held in the clear into wraps, and grants them to the
// active users who lack them.
func (w *writer) unlockSiteKeys(sess *session, uid *age.X25519Identity) error {
	meta := w.tx.Bucket(bMeta)
	var id *Identity
	if b := meta.Get(siteKeyKey(sess.user.Login)); b != nil {
		if plain, err := ageDecrypt(string(b), uid); err == nil {
			var k siteKeys
			if json.Unmarshal(plain, &k) == nil {
				id, _ = k.identity()
			}
		}
	}
	if id == nil {
		var ok bool
		if id, ok = clearKeys(w.tx); !ok {
			return nil // granted at the next sign-in of someone who holds them
		}
	}
	sess.site = id
	if !w.tx.Writable() {
		return nil
	}
	if meta.Get(keyAgePub) == nil {
		if err := putPublicKeys(w.tx, id); err != nil {
			return err
		}
	}
	if err := w.grantSiteKeys(id); err != nil {
		return err
	}
	if meta.Get(siteKeyKey(sess.user.Login)) != nil {
		// Wrapped for someone now: the clear copy goes.
		if err := meta.Delete(keySign); err != nil {
			return err
		}
		return meta.Delete(keyAge)
	}
	return nil
}

// grantSiteKeys wraps the site's keys for every active user of this site
// who has a key of their own and lacks them, and removes them from
// deactivated users.
func (w *writer) grantSiteKeys(id *Identity) error {
	meta := w.tx.Bucket(bMeta)
	return eachState(w.tx, model.EntUser, func(_ string, b []byte) error {
		var u model.User
		if decodeJSON(b, &u) != nil || u.Site != w.s.site {
			return nil
		}
		has := meta.Get(siteKeyKey(u.Login)) != nil
		switch {
		case u.Active && !has:
			return wrapSiteKeys(w.tx, u.Login, id)
		case !u.Active && has:
			return meta.Delete(siteKeyKey(u.Login))
		}
		return nil
	})
}

// sessionKeys returns the site's keys the session holds, or nil.
func (s *Store) sessionKeys() *Identity {
	s.sessMu.Lock()
	defer s.sessMu.Unlock()
	if s.sess == nil {
		return nil
	}
	return s.sess.site
}

// publicIdentity reads the site's public keys (no sign-in needed).
func publicIdentity(tx *bolt.Tx) (ed25519.PublicKey, *age.X25519Recipient, error) {
	meta := tx.Bucket(bMeta)
	if id, ok := clearKeys(tx); ok && meta.Get(keyAgePub) == nil {
		return id.SignPub, id.Age.Recipient(), nil
	}
	sign, err := base64.StdEncoding.DecodeString(string(meta.Get(keySignPub)))
	if err != nil || len(sign) != ed25519.PublicKeySize {
		return nil, nil, fmt.Errorf("%w: bad public signing key", ErrCorrupt)
	}
	r, err := age.ParseX25519Recipient(string(meta.Get(keyAgePub)))
	if err != nil {
		return nil, nil, fmt.Errorf("%w: bad public encryption key", ErrCorrupt)
	}
	return ed25519.PublicKey(sign), r, nil
}
