package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"strings"

	"donthu/model"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
	"golang.org/x/crypto/chacha20poly1305"
)

// Sealing at rest. A confidential sender's identity (model.SenderFields)
// is written encrypted, so a stolen file, a backup or `dump` without
// sign-in shows it only as a sealed blob:
//
//   - The site has a confidential key pair (age X25519). Its public half
//     is in meta ("conf/pub"): anyone writing a record seals to it. Its
//     private half is kept only wrapped, once per entitled user
//     ("conf/key/LOGIN": age-encrypted to that user's own key).
//   - Each user has a key pair of their own ("ukey/LOGIN": the public
//     half, and the private half boxed with XChaCha20-Poly1305 under a key
//     derived with argon2id from their password; the same argon2id run
//     also checks the password, so a sign-in costs one derivation).
//   - A blob is encrypted to the site's confidential key and, when the
//     site has a pinned parent, to the parent's pinned encryption key, so
//     that a bundle carries it to the office still sealed and readable
//     there.
//   - Whoever holds the confidential key (a signed-in leader or handler)
//     grants it to entitled users who lack it, at sign-in: an
//     administrator who resets a password or adds a handler need not hold
//     it.
//
// Sealing is per field value, in the records' JSON; it composes with any
// encoding of events and state below it.

var (
	keyConfPub     = []byte("conf/pub")
	keyConfPending = []byte("conf/pending") // a migrated file's key in the clear (schema 3 only; moved to conf/escrow)
	keyConfEscrow  = []byte("conf/escrow")  // a migrated file's key, age-encrypted to the site's own key, until a leader or handler takes it
)

func confKey(login string) []byte { return []byte("conf/key/" + login) }
func userKey(login string) []byte { return []byte("ukey/" + login) }

// userKeyRecord is a user's key pair as stored.
type userKeyRecord struct {
	Pub string `json:"pub"` // age1...
	Box string `json:"box"` // base64(nonce || XChaCha20-Poly1305(identity))
}

// ErrSealed is returned when a sealed record is read without the key.
var ErrSealed = errors.New("store: sealed")

// SealedText is how a sealed value is shown to those who may not unseal it.
var SealedText = model.Label{VI: "(bảo mật)", EN: "(confidential)"}

// newUserKey makes a user key pair boxed under wrap (32 bytes).
func newUserKey(wrap []byte) (userKeyRecord, *age.X25519Identity, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return userKeyRecord{}, nil, err
	}
	rec, err := boxUserKey(id, wrap)
	return rec, id, err
}

func boxUserKey(id *age.X25519Identity, wrap []byte) (userKeyRecord, error) {
	aead, err := chacha20poly1305.NewX(wrap)
	if err != nil {
		return userKeyRecord{}, err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return userKeyRecord{}, err
	}
	box := aead.Seal(nonce, nonce, []byte(id.String()), []byte(id.Recipient().String()))
	return userKeyRecord{Pub: id.Recipient().String(), Box: base64.StdEncoding.EncodeToString(box)}, nil
}

func openUserKey(rec userKeyRecord, wrap []byte) (*age.X25519Identity, error) {
	box, err := base64.StdEncoding.DecodeString(rec.Box)
	if err != nil {
		return nil, err
	}
	aead, err := chacha20poly1305.NewX(wrap)
	if err != nil {
		return nil, err
	}
	if len(box) < aead.NonceSize() {
		return nil, ErrSealed
	}
	plain, err := aead.Open(nil, box[:aead.NonceSize()], box[aead.NonceSize():], []byte(rec.Pub))
	if err != nil {
		return nil, ErrSealed
	}
	return age.ParseX25519Identity(string(plain))
}

func getUserKey(tx *bolt.Tx, login string) (userKeyRecord, bool) {
	var rec userKeyRecord
	b := tx.Bucket(bMeta).Get(userKey(login))
	return rec, b != nil && json.Unmarshal(b, &rec) == nil && rec.Pub != ""
}

func putUserKey(tx *bolt.Tx, login string, rec userKeyRecord) error {
	b, _ := json.Marshal(rec)
	return tx.Bucket(bMeta).Put(userKey(login), b)
}

// ageEncrypt encrypts plain to recipients, as base64 of the binary age file.
func ageEncrypt(plain []byte, rs ...age.Recipient) (string, error) {
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, rs...)
	if err != nil {
		return "", err
	}
	if _, err := w.Write(plain); err != nil {
		return "", err
	}
	if err := w.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

func ageDecrypt(blob string, ids ...age.Identity) ([]byte, error) {
	raw, err := base64.StdEncoding.DecodeString(blob)
	if err != nil || len(ids) == 0 {
		return nil, ErrSealed
	}
	r, err := age.Decrypt(bytes.NewReader(raw), ids...)
	if err != nil {
		return nil, ErrSealed
	}
	return io.ReadAll(r)
}

// newConfKey makes the site's confidential key pair and records its
// public half; the caller wraps the private half for someone.
func newConfKey(tx *bolt.Tx) (*age.X25519Identity, error) {
	id, err := age.GenerateX25519Identity()
	if err != nil {
		return nil, err
	}
	return id, tx.Bucket(bMeta).Put(keyConfPub, []byte(id.Recipient().String()))
}

// wrapConf gives login the confidential key, age-encrypted to their own key.
func wrapConf(tx *bolt.Tx, login string, conf *age.X25519Identity) error {
	rec, ok := getUserKey(tx, login)
	if !ok {
		return nil // no key yet: granted at their first sign-in
	}
	r, err := age.ParseX25519Recipient(rec.Pub)
	if err != nil {
		return err
	}
	blob, err := ageEncrypt([]byte(conf.String()), r)
	if err != nil {
		return err
	}
	return tx.Bucket(bMeta).Put(confKey(login), []byte(blob))
}

// entitledToKey reports whether u is given the confidential key: a role
// that may see some confidential sender of its unit.
func entitledToKey(u *model.User) bool {
	return u.Active && (u.Holds(model.RoleLeader) || u.Holds(model.RoleHandler))
}

// sealRecipients are the keys a blob is sealed to: the site's
// confidential key, and its pinned parent's encryption key.
func sealRecipients(tx *bolt.Tx, site string) ([]age.Recipient, error) {
	pub := tx.Bucket(bMeta).Get(keyConfPub)
	if pub == nil {
		return nil, userErr(ErrSealed, "Tệp dữ liệu chưa có khóa bảo mật; hãy đăng nhập lại", "The data file has no confidentiality key yet; sign in again")
	}
	r, err := age.ParseX25519Recipient(string(pub))
	if err != nil {
		return nil, err
	}
	rs := []age.Recipient{r}
	if parent := parentOf(tx, site); parent != "" {
		if rec, ok, _ := getPeer(tx, parent); ok && rec.Card.AgeKey != "" {
			if pr, err := rec.Card.Recipient(); err == nil {
				rs = append(rs, pr)
			}
		}
	}
	return rs, nil
}

// sealValue seals v (marshalled as JSON) for this site.
func (w *writer) sealValue(v any) (string, error) {
	rs, err := sealRecipients(w.tx, w.s.site)
	if err != nil {
		return "", err
	}
	rs = append(rs, w.sealAlso...)
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return ageEncrypt(b, rs...)
}

// identity is the sealed part of a person.
type identity struct {
	Name     string       `json:"name"`
	IDKind   model.IDKind `json:"id_kind,omitempty"`
	IDNumber string       `json:"id_number,omitempty"`
	Phone    string       `json:"phone,omitempty"`
	Address  string       `json:"address,omitempty"`
}

// sealPerson moves p's protected fields into p.Sealed.
func (w *writer) sealPerson(p *model.Person) error {
	blob, err := w.sealValue(identity{p.Name, p.IDKind, p.IDNumber, p.Phone, p.Address})
	if err != nil {
		return err
	}
	p.Sealed = blob
	p.Name, p.IDKind, p.IDNumber, p.Phone, p.Address, p.NameFold = "", model.IDNone, "", "", "", ""
	return nil
}

// sealSender moves a confidential petition's sender name into SenderSealed.
func (w *writer) sealSender(p *model.Petition) error {
	if p.SenderName == "" {
		return nil
	}
	blob, err := w.sealValue(p.SenderName)
	if err != nil {
		return err
	}
	p.SenderSealed, p.SenderName = blob, ""
	return nil
}

// --- unsealing, for a signed-in session ---

// keyring returns the identities the current session may unseal with.
func (s *Store) keyring() []age.Identity {
	s.sessMu.Lock()
	defer s.sessMu.Unlock()
	if s.sess == nil {
		return nil
	}
	return s.sess.ids
}

// Unseal reports whether a sealed value is readable here (the session
// holds a key it was sealed to) and decodes it into v. It does not ask
// the policy: callers show the result only where model.Shows says so.
func (s *Store) unsealInto(blob string, v any) bool {
	if blob == "" {
		return false
	}
	plain, err := ageDecrypt(blob, s.keyring()...)
	return err == nil && json.Unmarshal(plain, v) == nil
}

// UnsealPerson fills p's protected fields from p.Sealed when the session
// can read it; it reports whether it could (false for a person who is not
// sealed).
func (s *Store) UnsealPerson(p *model.Person) bool {
	s.sessMu.Lock()
	sess := s.sess
	s.sessMu.Unlock()
	return s.unsealFor(sess, p)
}

// unsealFor is UnsealPerson with the keys and cache of session sess (the
// background build of a session's index keeps to its own session even if
// someone else signs in meanwhile).
func (s *Store) unsealFor(sess *session, p *model.Person) bool {
	if sess == nil || p.Sealed == "" {
		return false
	}
	s.sessMu.Lock()
	id, ok := sess.typed[p.ID]
	ids := sess.ids
	s.sessMu.Unlock()
	if !ok {
		// Each sealed value is opened once a session (one X25519 each:
		// the reception list shows a card on every key).
		sum := sha256.Sum256([]byte(p.Sealed))
		s.sessMu.Lock()
		id, ok = sess.unsealed[sum]
		s.sessMu.Unlock()
		if !ok {
			plain, err := ageDecrypt(p.Sealed, ids...)
			if err != nil || json.Unmarshal(plain, &id) != nil {
				return false
			}
			s.sessMu.Lock()
			if sess.unsealed == nil {
				sess.unsealed = map[[32]byte]identity{}
			}
			sess.unsealed[sum] = id
			s.sessMu.Unlock()
		}
	}
	p.Name, p.IDKind, p.IDNumber, p.Phone, p.Address = id.Name, id.IDKind, id.IDNumber, id.Phone, id.Address
	p.NameFold = model.Fold(p.Name)
	return true
}

// SenderName returns a case's sender name, unsealed when the session can
// read it; ok is false when the name is sealed and unreadable here.
func (s *Store) SenderName(c *model.Case) (name string, ok bool) {
	if c.SenderSealed == "" {
		return c.SenderName, true
	}
	var n string
	if s.unsealInto(c.SenderSealed, &n) {
		return n, true
	}
	return "", false
}

// PetitionSenderName is SenderName for a petition.
func (s *Store) PetitionSenderName(p *model.Petition) (name string, ok bool) {
	if p.SenderSealed == "" {
		return p.SenderName, true
	}
	var n string
	if s.unsealInto(p.SenderSealed, &n) {
		return n, true
	}
	return "", false
}

// sealedString tells a sealed blob from a plain value in a dump.
func sealedString(s string) bool { return strings.HasPrefix(s, "YWdl") } // base64 of "age"

// childRecipient is the pinned encryption key of a child site, or nil.
func childRecipient(tx *bolt.Tx, child string) []age.Recipient {
	if rec, ok, _ := getPeer(tx, child); ok {
		if r, err := rec.Card.Recipient(); err == nil {
			return []age.Recipient{r}
		}
	}
	return nil
}

// escrowConf keeps the confidential key, until the first leader or
// handler takes it, encrypted to the site's own public key: never in the
// clear, and opened only by a sign-in (every active user unlocks the
// site's key, and the policy gives the key only to the entitled). A file
// without the site's public key yet keeps it in the clear (pending).
func escrowConf(tx *bolt.Tx, conf *age.X25519Identity) error {
	meta := tx.Bucket(bMeta)
	pub := meta.Get(keyAgePub)
	if pub == nil {
		return meta.Put(keyConfPending, []byte(conf.String()))
	}
	r, err := age.ParseX25519Recipient(string(pub))
	if err != nil {
		return err
	}
	blob, err := ageEncrypt([]byte(conf.String()), r)
	if err != nil {
		return err
	}
	if err := meta.Put(keyConfEscrow, []byte(blob)); err != nil {
		return err
	}
	return meta.Delete(keyConfPending)
}

// takeEscrow returns the confidential key waiting for a leader or
// handler (escrowed or, in an older file, in the clear) and removes it.
func takeEscrow(tx *bolt.Tx, site *Identity) (*age.X25519Identity, error) {
	meta := tx.Bucket(bMeta)
	var conf *age.X25519Identity
	if b := meta.Get(keyConfEscrow); b != nil && site != nil {
		if plain, err := ageDecrypt(string(b), site.Age); err == nil {
			conf, _ = age.ParseX25519Identity(string(plain))
		}
	}
	if b := meta.Get(keyConfPending); b != nil && conf == nil {
		conf, _ = age.ParseX25519Identity(string(b))
	}
	if conf == nil {
		return nil, nil
	}
	if err := meta.Delete(keyConfEscrow); err != nil {
		return nil, err
	}
	return conf, meta.Delete(keyConfPending)
}
