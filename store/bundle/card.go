package bundle

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
	"time"

	"filippo.io/age"
)

// CardKind is the "kind" of a key card.
const CardKind = "donthu-key-card"

// Card is a site's public key card: what another site pins, after a
// person has compared its fingerprint over the phone. It holds no secret.
type Card struct {
	Kind    string    `json:"kind"`   // CardKind
	Format  int       `json:"format"` // 1
	Site    string    `json:"site"`
	Name    string    `json:"name"`
	Parent  string    `json:"parent,omitempty"`
	SignKey string    `json:"sign_key"` // ed25519 public key, standard base64
	AgeKey  string    `json:"age_key"`  // age X25519 recipient, age1...
	Created time.Time `json:"created"`
}

// NewCard makes the card of a site.
func NewCard(site, name, parent string, sign ed25519.PublicKey, rcpt *age.X25519Recipient, at time.Time) Card {
	return Card{Kind: CardKind, Format: 1, Site: site, Name: name, Parent: parent,
		SignKey: encodeKey(sign), AgeKey: rcpt.String(), Created: at.UTC()}
}

// Marshal returns the card as indented JSON ending in a newline.
func (c Card) Marshal() []byte {
	b, _ := json.MarshalIndent(c, "", "  ")
	return append(b, '\n')
}

// ParseCard reads and checks a key card.
func ParseCard(b []byte) (Card, error) {
	var c Card
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&c); err != nil || c.Kind != CardKind {
		return c, Errf(ErrCard, "Tệp này không phải thẻ khóa donthu.", "This file is not a donthu key card.")
	}
	if c.Format != 1 {
		return c, Errf(ErrCard, "Thẻ khóa có định dạng %d, bản donthu này chỉ đọc định dạng 1.", "The key card has format %d; this donthu reads format 1 only.", c.Format)
	}
	if !validSite(c.Site) || (c.Parent != "" && !validSite(c.Parent)) {
		return c, Errf(ErrCard, "Thẻ khóa có mã đơn vị không hợp lệ.", "The key card has an invalid site code.")
	}
	if _, ok := decodeKey(c.SignKey); !ok {
		return c, Errf(ErrCard, "Thẻ khóa có khóa ký không hợp lệ.", "The key card has an invalid signing key.")
	}
	if _, err := age.ParseX25519Recipient(c.AgeKey); err != nil {
		return c, Errf(ErrCard, "Thẻ khóa có khóa mã hóa không hợp lệ.", "The key card has an invalid encryption key.")
	}
	c.Name = strings.TrimSpace(c.Name)
	return c, nil
}

// SignPublicKey returns the card's signing key (nil if malformed).
func (c Card) SignPublicKey() ed25519.PublicKey {
	k, _ := decodeKey(c.SignKey)
	return k
}

// Recipient returns the card's encryption key.
func (c Card) Recipient() (*age.X25519Recipient, error) { return age.ParseX25519Recipient(c.AgeKey) }

// SameKeys reports whether two cards carry the same site and keys.
func (c Card) SameKeys(o Card) bool {
	return c.Site == o.Site && c.SignKey == o.SignKey && c.AgeKey == o.AgeKey
}

// Fingerprint is what two people read to each other over the phone to
// confirm a card: 24 digits in six groups, from the SHA-256 of the site
// code and both public keys (about 80 bits). The name and parent are not
// covered: they may change without new keys.
func (c Card) Fingerprint() string {
	h := sha256.Sum256([]byte("donthu key card v1\n" + c.Site + "\n" + c.SignKey + "\n" + c.AgeKey + "\n"))
	n := new(big.Int).SetBytes(h[:12])
	n.Mod(n, new(big.Int).Exp(big.NewInt(10), big.NewInt(24), nil))
	d := fmt.Sprintf("%024s", n.String())
	var b strings.Builder
	for i := 0; i < len(d); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(d[i : i+4])
	}
	return b.String()
}
