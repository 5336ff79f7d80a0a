package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"donthu/model"
	"donthu/store/bundle"

	bolt "go.etcd.io/bbolt"
)

// Peers are the other sites this one exchanges bundles with: its parent
// office and, for an office, its children. Each is pinned once a person
// has compared its key card's fingerprint over the phone. Peer records are
// local trust and bookkeeping, not events: they never travel.
//
// Layout in the peers bucket: CODE -> peerRecord JSON; the nested bucket
// "refused" holds the refused bundles (seq -> Refusal JSON), newest last.

// Errors about peers.
var (
	ErrKeyChanged = errors.New("store: the peer's keys differ from the pinned ones")
	ErrForbidden  = errors.New("store: only an administrator may do this")
	ErrNotPeer    = errors.New("store: not a pinned parent or child")
	ErrFileExists = errors.New("store: the file already exists")
)

// Relation says how a pinned peer stands to this site.
type Relation string

// Relations. The parent is whichever pinned site this site's record names
// as its parent now; a former parent, or a parent-to-be, is RelOther.
const (
	RelParent Relation = "parent"
	RelChild  Relation = "child"
	RelOther  Relation = "other"
)

// Label returns the relation in both languages.
func (r Relation) Label() model.Label {
	switch r {
	case RelParent:
		return model.Label{VI: "cấp trên", EN: "parent"}
	case RelChild:
		return model.Label{VI: "cấp dưới", EN: "child"}
	}
	return model.Label{VI: "khác", EN: "other"}
}

// SentBundle is the last bundle written for a peer.
type SentBundle struct {
	Number uint64    `json:"number,omitempty"`
	At     time.Time `json:"at,omitempty"`
	File   string    `json:"file,omitempty"`
	Events int       `json:"events,omitempty"`
}

// ReceivedBundle is the newest bundle imported from a peer.
type ReceivedBundle struct {
	Number uint64 `json:"number,omitempty"`
	// Created is when the peer made it: the age of the newest data held
	// from that peer. Bundles travel by hand, so show this age rather
	// than expect a schedule.
	Created time.Time   `json:"created,omitempty"`
	At      time.Time   `json:"at,omitempty"` // imported here
	File    string      `json:"file,omitempty"`
	Events  int         `json:"events,omitempty"`
	Head    bundle.Head `json:"head"` // the peer's own chain head it declared
	// Copy is the bundle's Copy: the peer is a copy of its log waiting
	// for this site's answer (see bundle.Manifest.Copy).
	Copy string `json:"copy,omitempty"`
	// Whole is the bundle's Whole; Fork, the first of the copy's events
	// that differed from this site's (see bundle.Manifest.Fork).
	Whole uint64 `json:"whole,omitempty"`
	Fork  uint64 `json:"fork,omitempty"`
}

// Refusal is a bundle that was refused, and why.
type Refusal struct {
	At     time.Time   `json:"at"`
	File   string      `json:"file"`
	From   string      `json:"from,omitempty"` // "" when the manifest could not be read
	Number uint64      `json:"number,omitempty"`
	Code   string      `json:"code"` // bundle.Code of the reason, or "chain", "other"
	Reason model.Label `json:"reason"`
}

// Peer is what the sync screen shows of one pinned site.
type Peer struct {
	Code, Name, Parent string // from its card
	Relation           Relation
	Fingerprint        string
	Card               bundle.Card
	PinnedAt           time.Time
	PinnedBy           string
	Replaced           []string // fingerprints of earlier keys, oldest first
	// Acked is the highest seq of this site's events the peer holds, as
	// its newest bundle said.
	Acked    uint64
	Sent     SentBundle
	Received ReceivedBundle
	// Waiting is how many events the next bundle to this peer would carry.
	Waiting int
	// Refused lists the refused bundles from this peer, newest first.
	Refused []Refusal
}

// DataAge is how old the newest data from the peer is, or -1 if none
// has been received.
func (p Peer) DataAge(now time.Time) time.Duration {
	if p.Received.Created.IsZero() {
		return -1
	}
	return now.Sub(p.Received.Created)
}

type peerRecord struct {
	Card     bundle.Card `json:"card"`
	Child    bool        `json:"child,omitempty"`
	PinnedAt time.Time   `json:"pinned_at"`
	PinnedBy string      `json:"pinned_by,omitempty"`
	Replaced []string    `json:"replaced,omitempty"`
	Acked    uint64      `json:"acked,omitempty"`
	// Covered (of a parent): every parent event addressed to this site
	// up to this seq is held here. It is what this site acknowledges, so
	// a file restored from an old backup, which lacks some, gets them
	// again.
	Covered  uint64         `json:"covered,omitempty"`
	Numbered uint64         `json:"numbered,omitempty"` // highest bundle number given out
	Sent     SentBundle     `json:"sent"`
	Received ReceivedBundle `json:"received"`
}

var bRefused = []byte("refused")

const keepRefusals = 200

func getPeer(tx *bolt.Tx, code string) (peerRecord, bool, error) {
	var rec peerRecord
	b := tx.Bucket(bPeers).Get([]byte(code))
	if b == nil {
		return rec, false, nil
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		return rec, false, fmt.Errorf("%w: peer %s: %v", ErrCorrupt, code, err)
	}
	return rec, true, nil
}

func putPeer(tx *bolt.Tx, rec *peerRecord) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	return tx.Bucket(bPeers).Put([]byte(rec.Card.Site), b)
}

// parentOf returns the parent this site's record names now.
func parentOf(tx *bolt.Tx, site string) string {
	var x model.Site
	if getState(tx, model.SiteEntity(site), &x) != nil {
		return ""
	}
	return x.Parent
}

func relationOf(rec *peerRecord, parent string) Relation {
	switch {
	case rec.Card.Site == parent:
		return RelParent
	case rec.Child:
		return RelChild
	}
	return RelOther
}

func normCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }

// KeyCard returns this site's public key card.
func (s *Store) KeyCard() (bundle.Card, error) {
	var card bundle.Card
	err := s.db.View(func(tx *bolt.Tx) error {
		site := string(tx.Bucket(bMeta).Get([]byte("site")))
		if site == "" {
			return userErr(ErrNotInitialised, "Chưa thiết lập đơn vị. Hãy chạy: donthu init", "No site is set up. Run: donthu init")
		}
		sign, rcpt, err := publicIdentity(tx)
		if err != nil {
			return err
		}
		var x model.Site
		getState(tx, model.SiteEntity(site), &x)
		card = bundle.NewCard(site, x.Name, x.Parent, sign, rcpt, s.now())
		return nil
	})
	return card, err
}

// WriteKeyCard writes this site's key card to path, over a file already
// there, and returns it.
func (s *Store) WriteKeyCard(path string) (bundle.Card, error) {
	return s.writeKeyCard(path, os.O_TRUNC)
}

// CreateKeyCard is WriteKeyCard that never writes over a file: a path
// already taken is refused with ErrFileExists (the settings screen then
// asks before calling WriteKeyCard).
func (s *Store) CreateKeyCard(path string) (bundle.Card, error) {
	return s.writeKeyCard(path, os.O_EXCL)
}

func (s *Store) writeKeyCard(path string, flag int) (bundle.Card, error) {
	c, err := s.KeyCard()
	if err != nil {
		return c, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|flag, 0o644)
	if errors.Is(err, os.ErrExist) {
		return c, userErr(ErrFileExists, "Đã có tệp "+path, "There is a file at "+path+" already")
	}
	if err == nil {
		_, err = f.Write(c.Marshal())
		if err == nil {
			err = f.Sync() // a USB stick may be pulled out right after
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		return c, userErr(err, "Không ghi được thẻ khóa vào "+path+": "+err.Error(), "Cannot write the key card to "+path+": "+err.Error())
	}
	return c, nil
}

// ReadKeyCard reads and checks a key card file.
func ReadKeyCard(path string) (bundle.Card, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return bundle.Card{}, userErr(ErrNotFound, "Không đọc được tệp thẻ khóa "+path+": "+err.Error(), "Cannot read the key card file "+path+": "+err.Error())
	}
	c, err := bundle.ParseCard(b)
	return c, err
}

// PinOptions say how PinPeer treats a card.
type PinOptions struct {
	// Replace allows keys other than the ones pinned for the same site:
	// an administrator's decision after checking with that site.
	Replace bool
	// By is who confirmed the fingerprint; with Replace it must be an
	// active administrator of this site.
	By string
	// Child pins the site as a child even if its card names another
	// parent (a card made before it moved here).
	Child bool
}

// PinPeer pins a confirmed key card. Pinning the same keys again only
// refreshes the name and parent. A card of an already pinned site with
// other keys is refused (ErrKeyChanged) unless opt.Replace, by an
// administrator: then the peer's bundle numbering and acknowledgement
// start again, as a re-installed site's do.
func (s *Store) PinPeer(card bundle.Card, opt PinOptions) (Peer, error) {
	card, err := bundle.ParseCard(card.Marshal())
	if err != nil {
		return Peer{}, err
	}
	if s.site == "" {
		return Peer{}, userErr(ErrNotInitialised, "Chưa thiết lập đơn vị. Hãy chạy: donthu init", "No site is set up. Run: donthu init")
	}
	if card.Site == s.site {
		return Peer{}, userErr(ErrCorrupt, "Đây là thẻ khóa của chính đơn vị này; hãy dùng thẻ của đơn vị kia.", "This is this site's own key card; use the other site's card.")
	}
	var out Peer
	err = s.db.Update(func(tx *bolt.Tx) error {
		rec, ok, err := getPeer(tx, card.Site)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		switch {
		case !ok:
			rec = peerRecord{Card: card, PinnedAt: now, PinnedBy: opt.By}
		case rec.Card.SameKeys(card):
			rec.Card.Name, rec.Card.Parent = card.Name, card.Parent
		case !opt.Replace:
			return userErr(ErrKeyChanged,
				fmt.Sprintf("Đơn vị %s đã được ghim với khóa khác (dấu vân tay %s); thẻ này có dấu vân tay %s. Chưa thay đổi gì. Nếu %s thật sự đã đổi khóa, quản trị viên gọi điện xác minh rồi chạy: donthu peer add TỆP --replace --user TÊN_ĐĂNG_NHẬP",
					card.Site, rec.Card.Fingerprint(), card.Fingerprint(), card.Site),
				fmt.Sprintf("Site %s is pinned with other keys (fingerprint %s); this card's fingerprint is %s. Nothing was changed. If %s really changed its keys, an administrator checks by phone, then runs: donthu peer add FILE --replace --user LOGIN",
					card.Site, rec.Card.Fingerprint(), card.Fingerprint(), card.Site))
		default:
			if !isAdmin(tx, opt.By) {
				return userErr(ErrForbidden, "Chỉ quản trị viên mới được thay khóa đã ghim của một đơn vị.", "Only an administrator may replace a site's pinned keys.")
			}
			rec.Replaced = append(rec.Replaced, rec.Card.Fingerprint())
			rec.Card, rec.PinnedAt, rec.PinnedBy = card, now, opt.By
			rec.Received, rec.Acked = ReceivedBundle{}, 0
		}
		rec.Child = rec.Child || opt.Child || card.Parent == s.site
		if err := putPeer(tx, &rec); err != nil {
			return err
		}
		out = peerOf(&rec, parentOf(tx, s.site))
		return nil
	})
	if err != nil {
		return Peer{}, diskErr(err)
	}
	return out, nil
}

// isAdmin reports whether login is an active administrator.
func isAdmin(tx *bolt.Tx, login string) bool {
	var u model.User
	site := string(tx.Bucket(bMeta).Get([]byte("site")))
	return login != "" && getState(tx, model.UserEntity(site, login), &u) == nil && u.Active && u.Has(model.RoleAdmin)
}

func peerOf(rec *peerRecord, parent string) Peer {
	return Peer{
		Code: rec.Card.Site, Name: rec.Card.Name, Parent: rec.Card.Parent,
		Relation: relationOf(rec, parent), Fingerprint: rec.Card.Fingerprint(), Card: rec.Card,
		PinnedAt: rec.PinnedAt, PinnedBy: rec.PinnedBy, Replaced: rec.Replaced,
		Acked: rec.Acked, Sent: rec.Sent, Received: rec.Received,
	}
}

// SetParent makes code, already pinned, this site's parent office: a
// site.updated event of this site, so the new parent learns it with the
// site's whole history in its first bundle (it has acknowledged nothing),
// while the old parent keeps what it had and becomes RelOther. author
// must be an active administrator.
func (s *Store) SetParent(author, code string) error {
	code = normCode(code)
	if m := ValidateSiteCode(code); m != nil {
		return m
	}
	if code == s.site {
		return model.NewMsg("parent", "Một đơn vị không thể là cấp trên của chính mình", "A site cannot be its own parent")
	}
	_, err := s.write(author, func(w *writer) error {
		if !isAdmin(w.tx, author) {
			return userErr(ErrForbidden, "Chỉ quản trị viên mới được đổi đơn vị cấp trên.", "Only an administrator may change the parent office.")
		}
		rec, ok, err := getPeer(w.tx, code)
		if err != nil {
			return err
		}
		if !ok {
			return userErr(ErrNotPeer, "Chưa ghim thẻ khóa của đơn vị "+code+". Hãy nhận thẻ của đơn vị đó và chạy trước: donthu peer add TỆP_THẺ",
				"Site "+code+"'s key card is not pinned. Get its card and first run: donthu peer add CARD_FILE")
		}
		if rec.Child {
			return userErr(ErrNotPeer, "Đơn vị "+code+" là cấp dưới của đơn vị này, không thể làm cấp trên.", "Site "+code+" is a child of this site; it cannot be its parent.")
		}
		var site model.Site
		if err := getState(w.tx, model.SiteEntity(s.site), &site); err != nil {
			return err
		}
		if site.Parent == code {
			return nil
		}
		site.Parent, site.Overrides, site.Conflicts = code, nil, nil
		_, err = w.emit(model.SiteEntity(s.site), model.EvSiteUpdated, "", site)
		return err
	})
	return err
}

// Peer returns one pinned peer with its status.
func (s *Store) Peer(code string) (Peer, error) {
	for _, p := range s.Peers() {
		if p.Code == normCode(code) {
			return p, nil
		}
	}
	return Peer{}, userErr(ErrNotPeer, "Chưa ghim thẻ khóa của đơn vị "+code, "Site "+code+" is not pinned")
}

// Peers returns every pinned peer with its status, parent first, then
// children, then the others, each by code.
func (s *Store) Peers() []Peer {
	var out []Peer
	var refused []Refusal
	var myHead uint64
	s.db.View(func(tx *bolt.Tx) error {
		parent := parentOf(tx, s.site)
		myHead, _ = lastOf(tx, s.site)
		tx.Bucket(bPeers).ForEach(func(k, v []byte) error {
			var rec peerRecord
			if v == nil || json.Unmarshal(v, &rec) != nil {
				return nil
			}
			out = append(out, peerOf(&rec, parent))
			return nil
		})
		refused = refusalsTx(tx)
		return nil
	})
	rank := map[Relation]int{RelParent: 0, RelChild: 1, RelOther: 2}
	sort.Slice(out, func(i, j int) bool {
		if rank[out[i].Relation] != rank[out[j].Relation] {
			return rank[out[i].Relation] < rank[out[j].Relation]
		}
		return out[i].Code < out[j].Code
	})
	// Events waiting: all of this site's after the parent's ack; for a
	// child, those addressed to it after its ack, in one scan.
	low := myHead
	idx := map[string]int{}
	for i := range out {
		p := &out[i]
		switch p.Relation {
		case RelParent:
			if myHead > p.Acked {
				p.Waiting = int(myHead - p.Acked)
			}
		case RelChild:
			idx[p.Code] = i
			low = min(low, p.Acked)
		}
		for _, r := range refused {
			if r.From == p.Code {
				p.Refused = append(p.Refused, r)
			}
		}
	}
	if len(idx) > 0 && low < myHead {
		s.scanSite(s.site, low, myHead, func(raw []byte) error {
			if e, err := decodeHead(raw); err == nil && e.To != "" {
				if i, ok := idx[e.To]; ok && e.Seq > out[i].Acked {
					out[i].Waiting++
				}
			}
			return nil
		})
	}
	return out
}

// Refusals returns every recorded refused bundle, newest first, including
// those whose sender could not be told.
func (s *Store) Refusals() []Refusal {
	var out []Refusal
	s.db.View(func(tx *bolt.Tx) error { out = refusalsTx(tx); return nil })
	return out
}

func refusalsTx(tx *bolt.Tx) []Refusal {
	var out []Refusal
	b := tx.Bucket(bPeers).Bucket(bRefused)
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		var r Refusal
		if json.Unmarshal(v, &r) == nil {
			out = append(out, r)
		}
	}
	return out
}

// recordRefusal notes a refused bundle for the sync screen, in a
// transaction of its own (the refused import rolled back), keeping the
// newest keepRefusals.
func (s *Store) recordRefusal(r Refusal) {
	s.db.Update(func(tx *bolt.Tx) error {
		b, err := tx.Bucket(bPeers).CreateBucketIfNotExists(bRefused)
		if err != nil {
			return err
		}
		n, _ := b.NextSequence()
		v, _ := json.Marshal(r)
		if err := b.Put(be8(n), v); err != nil {
			return err
		}
		c := b.Cursor()
		for k, _ := c.First(); k != nil && b.Stats().KeyN > keepRefusals; k, _ = c.First() {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// OutDir is where a file written from the interface goes by default:
// the folder bundles and exports go to, else the data file's folder.
func (s *Store) OutDir() string {
	if d := s.ExportDir(); d != "" {
		return d
	}
	return filepath.Dir(s.path)
}

// KeyCardName is the file name of a site's key card.
func KeyCardName(site string) string { return "donthu-key-" + site + ".json" }

// ExportDir returns the folder bundles are written to when no file is
// named, as last set; "" if none was set.
func (s *Store) ExportDir() string {
	var d string
	s.db.View(func(tx *bolt.Tx) error {
		d = string(tx.Bucket(bMeta).Get([]byte("sync/export_dir")))
		return nil
	})
	return d
}

// SetExportDir remembers the folder bundles are written to.
func (s *Store) SetExportDir(path string) error {
	if path != "" {
		fi, err := os.Stat(path)
		if err != nil || !fi.IsDir() {
			return userErr(ErrNotFound, "Không có thư mục "+path, "No folder at "+path)
		}
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bMeta).Put([]byte("sync/export_dir"), []byte(path))
	})
}
