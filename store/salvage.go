package store

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"donthu/model"

	"filippo.io/age"
	bolt "go.etcd.io/bbolt"
)

// Salvage: recovering what is intact from a damaged data file.
//
// bbolt's tree cannot be trusted in a damaged file, so salvage does not
// walk it: it reads every page of the file and takes each key and value
// of every leaf page that still parses, wherever the page is (stale
// copies in free pages included). An event is kept only if its key and
// its decoded content agree and it links into its site's hash chain from
// the first event on: what is recovered is verified. The site's settings
// (its code, its keys, password hashes, counters) and its pinned peers
// are taken from bbolt's tree when it can still be read, else from the
// pages. The new file is then folded from the recovered log, as rebuild
// does, and checked.

// SalvageReport says what Salvage recovered and what it could not.
type SalvageReport struct {
	Site string
	// Recovered events per site, and the highest seq seen per site.
	Recovered, Seen map[string]uint64
	Events          int
	// Unplaced are events read intact but not linked to their chain (an
	// event before them is lost): written beside the new file as JSON
	// Lines, for an administrator, and not applied.
	Unplaced     int
	UnplacedFile string
	// Settings says whether the site's settings (keys, passwords) came
	// through: "tree" (read normally), "pages" (scanned), or "" (lost).
	Settings string
	Peers    int
	// NewKeys: the site's keys were lost and new ones were made; the
	// office must confirm the new key card.
	NewKeys bool
	// SealedLost are events sealed at rest whose key went with the
	// damage (see sealedKeyLost): carried into the new file unopened,
	// their records left out of it.
	SealedLost int
	Pages      int // pages read
	BadPages   int // pages that did not parse
	Problems   []Problem
}

// Salvage reads the damaged file src and writes the intact part of it to
// a new file dst, which must not exist yet. src is never written to.
func Salvage(src, dst string) (rep SalvageReport, err error) {
	return SalvageAs(src, dst, "", "")
}

// SalvageAs is Salvage signed in as login on the new file: a file with
// events sealed at rest can be rebuilt only with their key.
func SalvageAs(src, dst, login, password string) (rep SalvageReport, err error) {
	rep.Recovered, rep.Seen = map[string]uint64{}, map[string]uint64{}
	if _, err := os.Stat(dst); err == nil {
		return rep, userErr(ErrExists, "Đã có tệp "+dst+": hãy chọn tên tệp mới cho dữ liệu cứu được (không ghi đè).",
			"The file "+dst+" already exists: choose a new file name for the recovered data (nothing is overwritten).")
	}
	f, err := os.Open(src)
	if err != nil {
		return rep, osErr(err, src)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return rep, osErr(err, src)
	}
	if fi.IsDir() {
		return rep, folderErr(src)
	}
	if fi.Size() == 0 {
		return rep, ValidateFile(src)
	}
	sc := &scan{events: map[string]map[uint64][]model.Event{}, meta: map[string][][]byte{}, peers: map[string][]byte{}}
	ps := pageSizeOf(f, fi.Size())
	if err := sc.pages(f, fi.Size(), ps); err != nil {
		return rep, osErr(err, src)
	}
	rep.Pages, rep.BadPages = sc.nPages, sc.bad
	meta, peers, fromTree := treeSettings(src)
	if meta == nil {
		meta = map[string][]byte{}
	}
	if fromTree {
		rep.Settings = "tree"
	} else {
		meta, peers = sc.settings()
		if meta["site"] != nil {
			rep.Settings = "pages"
		}
	}
	site := string(meta["site"])
	if site == "" {
		// The settings are lost: this file's site is the one whose whole
		// history starts here (its creation is its first event), the one
		// with the most events if several.
		site = sc.ownSite()
		if site != "" {
			meta["site"] = []byte(site)
		}
	}
	rep.Site = site
	evs, unplaced := sc.chains(site, rep.Recovered, rep.Seen)
	rep.Events = len(evs)
	counters(site, evs, meta)
	if len(evs) == 0 && site == "" {
		return rep, userErr(ErrCorrupt, "Không tìm thấy dữ liệu nào còn nguyên trong "+src+": không có gì để cứu. Hãy dùng bản sao lưu.",
			"Nothing intact was found in "+src+": there is nothing to recover. Use a backup.")
	}
	if len(unplaced) > 0 {
		rep.Unplaced = len(unplaced)
		rep.UnplacedFile = dst + ".unplaced.jsonl"
		if err := writeJSONL(rep.UnplacedFile, unplaced, sc.sealed); err != nil {
			return rep, osErr(err, rep.UnplacedFile)
		}
	}
	if site != "" && keysLost(meta) {
		// The keys are lost with their page: new ones, so the file can
		// sign and open bundles again once the office confirms them.
		_, priv, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			return rep, err
		}
		id, err := age.GenerateX25519Identity()
		if err != nil {
			return rep, err
		}
		meta["key/sign"] = []byte(base64.StdEncoding.EncodeToString(priv.Seed()))
		meta["key/age"] = []byte(id.String())
		for k := range meta { // halves of the lost keys
			if k == "key/sign.pub" || k == "key/age.pub" || strings.HasPrefix(k, "sitekey/") {
				delete(meta, k)
			}
		}
		rep.NewKeys = true
	}
	switch {
	case sc.sealedOpen(): // none sealed, or every one reads here
	case sealedKeyLost(meta, rep.NewKeys):
		rep.SealedLost = len(sc.sealed)
	case login == "":
		return rep, userErr(ErrRestSealed,
			fmt.Sprintf("Tệp có %d sự kiện được niêm phong (danh tính người tố cáo): cứu dữ liệu cần đăng nhập. Chạy lại với --user TÊN_ĐĂNG_NHẬP", len(sc.sealed)),
			fmt.Sprintf("The file has %d events sealed at rest (a denouncer's identity): recovering it needs a sign-in. Run again with --user LOGIN", len(sc.sealed)))
	}
	if err := writeSalvaged(dst, meta, peers, evs, sc.sealed); err != nil {
		os.Remove(dst)
		return rep, err
	}
	rep.Peers = len(peers)
	s, err := Open(dst, Options{})
	if err != nil {
		return rep, err
	}
	defer s.Close()
	switch {
	case rep.SealedLost > 0:
		// No sign-in can open them: every other record is folded, and
		// the file stays owed the rest (finishRebuild), which never
		// keeps a person from signing in.
		if err := s.finishRebuild(); err != nil {
			return rep, err
		}
	case login != "":
		// The users, their passwords and keys came over: folded first
		// (all but the sealed records), the sign-in opens the rest key
		// the whole rebuild needs.
		if err := s.finishRebuild(); err != nil {
			return rep, err
		}
		if _, err := s.SignIn(login, password); err != nil {
			return rep, err
		}
		fallthrough
	default:
		if err := s.Rebuild(); err != nil {
			return rep, err
		}
	}
	rep.Problems = s.Check()
	return rep, nil
}

// ErrExists is a file that would be overwritten.
var ErrExists = errors.New("store: the file already exists")

type scan struct {
	sealed      map[string]sealedRaw // events sealed at rest, by sealedKey
	nPages, bad int
	events      map[string]map[uint64][]model.Event // site -> seq -> distinct candidates
	meta        map[string][][]byte
	peers       map[string][]byte
	dictPass    bool // the first pass: dictionaries only
}

func (sc *scan) ownSite() string {
	best, most := "", 0
	for site, m := range sc.events {
		first, ok := m[1]
		if !ok || len(m) <= most {
			continue
		}
		for _, e := range first {
			if e.Type == model.EvSiteCreated && e.Entity == model.SiteEntity(site) {
				best, most = site, len(m)
			}
		}
	}
	return best
}

// pageSizeOf reads the page size from a valid meta page, else assumes
// the system's (bbolt's default).
func pageSizeOf(f *os.File, size int64) int64 {
	b := make([]byte, metaOffset+metaLen)
	if _, err := f.ReadAt(b, 0); err == nil {
		if m := parseMeta(b); m.problem == "" {
			return int64(m.pageSize)
		}
	}
	for ps := int64(1024); ps <= 1<<16 && ps < size; ps <<= 1 {
		if m := readMeta(f, ps, size); m.problem == "" {
			return int64(m.pageSize)
		}
	}
	return int64(os.Getpagesize())
}

const (
	pageBranch   = 0x01
	pageLeaf     = 0x02
	pageHeader   = 16
	leafElemSize = 16
	bucketLeaf   = 0x01
)

// pages reads the file page by page, in bounded memory (a page and its
// overflow at a time), and parses each leaf.
func (sc *scan) pages(f *os.File, size, ps int64) error {
	sc.dictPass = true
	err := sc.pass(f, size, ps)
	sc.dictPass, sc.nPages, sc.bad = false, 0, 0
	if err != nil {
		return err
	}
	return sc.pass(f, size, ps)
}

// pass reads every page of the file once.
func (sc *scan) pass(f *os.File, size, ps int64) error {
	buf := make([]byte, ps)
	for off := 2 * ps; off+pageHeader <= size; {
		n, err := f.ReadAt(buf[:ps], off)
		if err != nil && err != io.EOF {
			return err
		}
		p := buf[:n]
		sc.nPages++
		step := ps
		if len(p) >= pageHeader && binary.LittleEndian.Uint16(p[8:])&pageLeaf != 0 {
			overflow := int64(binary.LittleEndian.Uint32(p[12:]))
			if overflow > 0 && overflow < (size-off)/ps+1 && overflow < 1<<16 {
				big := make([]byte, (overflow+1)*ps)
				m, _ := f.ReadAt(big, off)
				p = big[:m]
				// A damaged overflow count must not skip good pages:
				// step one page, the overflow pages parse as nothing.
			}
			if !sc.leaf(p) {
				sc.bad++
			}
		}
		off += step
	}
	return nil
}

// leaf parses one leaf page (or an inline bucket's page); false if it
// does not parse.
func (sc *scan) leaf(p []byte) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	if len(p) < pageHeader {
		return false
	}
	count := int(binary.LittleEndian.Uint16(p[10:]))
	if pageHeader+count*leafElemSize > len(p) {
		return false
	}
	for i := 0; i < count; i++ {
		e := pageHeader + i*leafElemSize
		flags := binary.LittleEndian.Uint32(p[e:])
		pos := int64(binary.LittleEndian.Uint32(p[e+4:]))
		ks := int64(binary.LittleEndian.Uint32(p[e+8:]))
		vs := int64(binary.LittleEndian.Uint32(p[e+12:]))
		start := int64(e) + pos
		if start < 0 || start+ks+vs > int64(len(p)) {
			ok = false
			continue
		}
		k, v := p[start:start+ks], p[start+ks:start+ks+vs]
		if flags&bucketLeaf != 0 {
			// A bucket; a small one is stored inline after its header.
			if len(v) > 16 && binary.LittleEndian.Uint64(v) == 0 {
				sc.leaf(v[16:])
			}
			continue
		}
		sc.kv(k, v)
	}
	return true
}

// sealedRaw is an event sealed at rest as found: its stored hash and
// bytes, carried over unopened.
type sealedRaw struct {
	hash string
	raw  []byte
}

func sealedKey(e *model.Event) string {
	return e.Key() + "\x00" + e.Prev + "\x00" + strconv.FormatInt(e.Clock, 10) + "\x00" + e.Entity
}

// sealedOpen reports whether every event found sealed at rest reads here
// (its key is unlocked): the salvaged file can then be rebuilt whole.
func (sc *scan) sealedOpen() bool {
	for _, r := range sc.sealed {
		if !restOpens(r.raw) {
			return false
		}
	}
	return true
}

// hash is an event's hash, the stored one for an event sealed at rest.
func (sc *scan) hash(e *model.Event) string {
	if r, ok := sc.sealed[sealedKey(e)]; ok {
		return r.hash
	}
	return e.Hash()
}

// metaKey: the keys of the meta bucket that salvage carries over.
// Besides the site's code, its keys (in the clear in an older file;
// else the public halves and the private ones sealed per user), the
// users' passwords and keys, the confidential key sealed per user
// (without it no sealed sender could ever be read again), numbering,
// preferences and settings, drafts, sign-ins waiting for the log, and
// events set aside from an abandoned history.
func metaKey(k string) bool {
	switch k {
	case "site", "key/sign", "key/age", "key/sign.pub", "key/age.pub", "conf/pub", "conf/pending", "conf/escrow", "seal/todo", "sync/export_dir", "print/dir", "print/open",
		"rest/key", "rest/sweep", "dict":
		return true
	}
	for _, p := range []string{"pw/", "no/", "pref/", "ukey/", "sitekey/", "conf/key/", "site/", "draft/", "held/", "abandoned/", "rest/todo/", "dict/"} {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

// sealedKeyLost reports whether no sign-in on the salvaged file could
// open its events sealed at rest: their key's record (rest/key, wrapped
// to the site's own key) is lost, or the site's keys are (newKeys: made
// anew, so the record no longer opens), or every password is.
func sealedKeyLost(meta map[string][]byte, newKeys bool) bool {
	if newKeys || meta["rest/key"] == nil {
		return true
	}
	for k := range meta {
		if strings.HasPrefix(k, "pw/") {
			return false
		}
	}
	return true
}

// keysLost says whether the settings carried over hold no site keys,
// neither in the clear nor sealed for some user.
func keysLost(meta map[string][]byte) bool {
	if meta["key/sign"] != nil && meta["key/age"] != nil {
		return false
	}
	if meta["key/sign.pub"] == nil || meta["key/age.pub"] == nil {
		return true
	}
	for k := range meta {
		if strings.HasPrefix(k, "sitekey/") {
			return false
		}
	}
	return true
}

func (sc *scan) kv(k, v []byte) {
	if sc.dictPass {
		// First, the dictionaries compressed events need (zdict.go).
		if bytes.HasPrefix(k, dictPrefix) {
			registerDict(v)
		}
		return
	}
	if site, seq, ok := parseEvKey(k); ok && len(v) > 0 {
		e, err := decodeHead(v)
		// Sealed at rest, whether or not this process holds its key: it
		// is carried as stored, and its header must be exactly what it
		// decodes to.
		_, sealed := restIDOf(v)
		if sealed && err == nil {
			if h, ok := parseHeader(v); !ok || !bytes.Equal(encodeHeaderAs(&e, flagRest, h.flags&flagMade != 0), h.head) {
				return
			}
		}
		if err != nil || e.Site != site || e.Seq != seq || e.Entity == "" || e.Type == "" || (!sealed && !canonical(&e, v)) {
			// Not an event, or a damaged one: a stored event is exactly
			// the encoding of what it decodes to.
			return
		}
		if _, ok := restIDOf(v); ok {
			if sc.sealed == nil {
				sc.sealed = map[string]sealedRaw{}
			}
			sc.sealed[sealedKey(&e)] = sealedRaw{hash: hashOf(v, &e), raw: append([]byte(nil), v...)}
		}
		m := sc.events[site]
		if m == nil {
			m = map[uint64][]model.Event{}
			sc.events[site] = m
		}
		h := sc.hash(&e)
		for i := range m[seq] {
			if sc.hash(&m[seq][i]) == h {
				return
			}
		}
		m[seq] = append(m[seq], e)
		return
	}
	if metaKey(string(k)) {
		sc.meta[string(k)] = append(sc.meta[string(k)], append([]byte(nil), v...))
		return
	}
	if validPeerCode(k) && strings.HasPrefix(string(v), `{"card":`) {
		var rec peerRecord
		if json.Unmarshal(v, &rec) == nil && rec.Card.Site == string(k) {
			sc.peers[string(k)] = append([]byte(nil), v...)
		}
	}
}

// canonical: the stored bytes are exactly the encoding of the event they
// decode to (in the current encoding, with the entity named as the stored
// header names it, or as JSON in a file of the first layout), so a
// damaged byte that still decodes is caught.
func canonical(e *model.Event, v []byte) bool {
	h, ok := parseHeader(v)
	enc := encodeEventAs(e, !ok || h.flags&flagMade != 0)
	if bytes.Equal(enc, v) {
		return true
	}
	if ok && h.flags&flagDict != 0 {
		// Compressed: the header with its flag, and the data as packed.
		want, _ := parseHeader(enc)
		data, err := decompress(h.rest)
		return err == nil && bytes.Equal(withFlags(want.head, flagDict, 0), h.head) && bytes.Equal(data, want.rest)
	}
	if len(v) > 0 && v[0] == '{' {
		b, err := json.Marshal(e)
		return err == nil && bytes.Equal(b, v)
	}
	return false
}

func validPeerCode(k []byte) bool {
	if len(k) == 0 || len(k) > 32 {
		return false
	}
	for _, c := range k {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}

// settings picks, from scanned pages, one value per meta key: the only
// one, or for counters the highest. Stale copies of a page may hold an
// older value (an old password hash); the tree is preferred when read.
func (sc *scan) settings() (map[string][]byte, map[string][]byte) {
	meta := map[string][]byte{}
	for k, vs := range sc.meta {
		best := vs[0]
		if strings.HasPrefix(k, "no/") {
			for _, v := range vs {
				a, _ := strconv.Atoi(string(v))
				b, _ := strconv.Atoi(string(best))
				if a > b {
					best = v
				}
			}
		}
		meta[k] = best
	}
	return meta, sc.peers
}

// treeSettings reads the meta and peers buckets through bbolt, on a
// private copy (padded to its recorded length if it was cut short), with
// any panic or fault caught: ok is false if they could not be read.
func treeSettings(src string) (meta, peers map[string][]byte, ok bool) {
	tmp, err := os.CreateTemp("", "donthu-salvage-*.db")
	if err != nil {
		return nil, nil, false
	}
	defer os.Remove(tmp.Name())
	in, err := os.Open(src)
	if err != nil {
		tmp.Close()
		return nil, nil, false
	}
	_, err = io.Copy(tmp, in)
	in.Close()
	if err == nil {
		var want int64
		b := make([]byte, metaOffset+metaLen)
		if _, rerr := tmp.ReadAt(b, 0); rerr == nil {
			if m := parseMeta(b); m.problem == "" {
				want = int64(m.pgid) * int64(m.pageSize)
			}
		}
		if fi, serr := tmp.Stat(); serr == nil && want > fi.Size() {
			err = tmp.Truncate(want)
		}
	}
	tmp.Close()
	if err != nil {
		return nil, nil, false
	}
	var gerr error
	func() {
		defer Guard(&gerr, src)()
		db, err := bolt.Open(tmp.Name(), 0o600, &bolt.Options{ReadOnly: true, Timeout: 1e9})
		if err != nil {
			gerr = err
			return
		}
		defer db.Close()
		gerr = db.View(func(tx *bolt.Tx) error {
			meta, peers = map[string][]byte{}, map[string][]byte{}
			if mb := tx.Bucket(bMeta); mb != nil {
				if err := mb.ForEach(func(k, v []byte) error {
					if v != nil && metaKey(string(k)) {
						meta[string(k)] = append([]byte(nil), v...)
					}
					return nil
				}); err != nil {
					return err
				}
			}
			if pb := tx.Bucket(bPeers); pb != nil {
				return pb.ForEach(func(k, v []byte) error {
					if v != nil {
						peers[string(k)] = append([]byte(nil), v...)
					}
					return nil
				})
			}
			return nil
		})
	}()
	if gerr != nil || meta["site"] == nil {
		return nil, nil, false
	}
	return meta, peers, true
}

// chains keeps, per site, the events whose place in the site's hash
// chain is vouched for: by the next event's link to it, or by being the
// newest. Where an event is lost, the chain resumes with the next intact
// one (the gap is reported; the parent's copy can fill it); the event
// just before a gap, which nothing vouches for, is set apart with those
// that do not link. Another site's events addressed to this one are held
// sparsely by design (an office sends a child only what it addresses to
// it): each of those is kept unless its link to a held predecessor fails.
func (sc *scan) chains(own string, recovered, seen map[string]uint64) (keep, unplaced []model.Event) {
	sites := make([]string, 0, len(sc.events))
	for s := range sc.events {
		sites = append(sites, s)
	}
	sort.Strings(sites)
	for _, site := range sites {
		m := sc.events[site]
		seqs := make([]uint64, 0, len(m))
		sparse := site != own && own != ""
		for n, cands := range m {
			seqs = append(seqs, n)
			for _, c := range cands {
				sparse = sparse && c.To == own
			}
		}
		sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
		seen[site] = seqs[len(seqs)-1]
		var run []model.Event // kept, not yet vouched for: at most one
		prev, prevSeq := "", uint64(0)
		drop := func() {
			if !sparse {
				unplaced = append(unplaced, run...)
			} else {
				keep = append(keep, run...)
			}
			run = run[:0]
		}
		for _, n := range seqs {
			cands := m[n]
			var pick *model.Event
			if n == prevSeq+1 && (len(run) > 0 || n == 1) {
				for i := range cands {
					if cands[i].Prev == prev {
						pick = &cands[i]
						break
					}
				}
				if pick != nil {
					keep = append(keep, run...) // vouched for by pick
					run = run[:0]
				}
			}
			if pick == nil {
				// A gap, or a link that fails: what came before is not
				// vouched for; start again here.
				drop()
				for i := range cands {
					if next := m[n+1]; pick == nil || linksTo(next, sc.hash(&cands[i])) {
						pick = &cands[i]
					}
				}
				if n == 1 && pick.Prev != "" {
					pick = nil
				}
			}
			for i := range cands {
				if pick == nil || &cands[i] != pick {
					unplaced = append(unplaced, cands[i])
				}
			}
			if pick == nil {
				prevSeq = 0
				continue
			}
			run = append(run, *pick)
			prev, prevSeq = sc.hash(pick), n
		}
		keep = append(keep, run...) // the newest: nothing follows it
	}
	for _, e := range keep {
		recovered[e.Site]++
	}
	return keep, unplaced
}

func linksTo(next []model.Event, hash string) bool {
	for _, e := range next {
		if e.Prev == hash {
			return true
		}
	}
	return false
}

// numberRE reads a readable number this site gave: SITE-YEAR-NNNN
// (petitions) or SITE-YEAR-TNNNN (visits).
var numberRE = regexp.MustCompile(`"no":"([A-Z0-9._-]+)-(\d{4})-(T?)(\d+)"`)

// counters raises each numbering counter to the highest number the
// recovered events carry, so no number is given twice after a salvage.
func counters(site string, evs []model.Event, meta map[string][]byte) {
	for _, e := range evs {
		if e.Site != site || len(e.Data) == 0 {
			continue
		}
		for _, m := range numberRE.FindAllSubmatch(e.Data, -1) {
			if string(m[1]) != site {
				continue
			}
			kind := model.EntPetition
			if len(m[3]) > 0 {
				kind = model.EntVisit
			}
			k := "no/" + kind + "/" + string(m[2])
			n, _ := strconv.Atoi(string(m[4]))
			if have, _ := strconv.Atoi(string(meta[k])); n > have {
				meta[k] = []byte(strconv.Itoa(n))
			}
		}
	}
}

func writeJSONL(path string, evs []model.Event, sealed map[string]sealedRaw) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	for i := range evs {
		b, _ := json.Marshal(&evs[i])
		if r, ok := sealed[sealedKey(&evs[i])]; ok {
			// Sealed at rest: its header, its hash and its stored form
			// (base64), which only a sign-in on the site's file opens.
			e := evs[i]
			e.Data = nil
			b, _ = json.Marshal(struct {
				model.Event
				Hash   string `json:"hash"`
				Stored []byte `json:"sealed_at_rest"`
			}{e, r.hash, r.raw})
		}
		w.Write(b)
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeSalvaged writes the new file's log, settings and peers in one
// transaction; Salvage then folds the state from the log.
func writeSalvaged(dst string, meta, peers map[string][]byte, evs []model.Event, sealed map[string]sealedRaw) error {
	s, err := Open(dst, Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	err = s.db.Update(func(tx *bolt.Tx) error {
		mb := tx.Bucket(bMeta)
		var clock int64
		for _, e := range evs {
			clock = max(clock, e.Clock)
		}
		for k, v := range meta {
			if err := mb.Put([]byte(k), v); err != nil {
				return err
			}
		}
		if err := mb.Put([]byte("clock"), []byte(strconv.FormatInt(clock, 10))); err != nil {
			return err
		}
		// What was lost may be held by the parent: nothing new is written
		// until it has answered (see metaRestored).
		if err := mb.Put(metaRestored, copyMark(time.Now())); err != nil {
			return err
		}
		for k, v := range peers {
			if err := tx.Bucket(bPeers).Put([]byte(k), v); err != nil {
				return err
			}
		}
		sort.Slice(evs, func(i, j int) bool {
			if evs[i].Site != evs[j].Site {
				return evs[i].Site < evs[j].Site
			}
			return evs[i].Seq < evs[j].Seq
		})
		for i := range evs {
			if r, ok := sealed[sealedKey(&evs[i])]; ok {
				if err := tx.Bucket(bEvents).Put(evKey(evs[i].Site, evs[i].Seq), r.raw); err != nil {
					return err
				}
				continue
			}
			if _, err := putLog(tx, &evs[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return diskErr(err)
	}
	return nil
}

// Lines says what a salvage did, in one language, one sentence a line.
func (r SalvageReport) Lines(lang model.Lang) []string {
	t := func(vi, en string, a ...any) string {
		if lang == model.EN {
			return fmt.Sprintf(en, a...)
		}
		return fmt.Sprintf(vi, a...)
	}
	var out []string
	out = append(out, t("Đã đọc %d trang (%d trang không đọc được).", "Read %d pages (%d did not parse).", r.Pages, r.BadPages))
	sites := make([]string, 0, len(r.Seen))
	for s := range r.Seen {
		sites = append(sites, s)
	}
	sort.Strings(sites)
	for _, s := range sites {
		out = append(out, t("Đơn vị %s: cứu được %d sự kiện (số lớn nhất tìm thấy: %d).", "Site %s: %d events recovered (highest number found: %d).", s, r.Recovered[s], r.Seen[s]))
	}
	switch r.Settings {
	case "tree":
		out = append(out, t("Thiết lập của đơn vị (mã, khóa, mật khẩu) còn nguyên.", "The site's settings (code, keys, passwords) are intact."))
	case "pages":
		out = append(out, t("Thiết lập của đơn vị được nhặt lại từ các trang rời: mật khẩu có thể là mật khẩu cũ.", "The site's settings were picked from loose pages: passwords may be older ones."))
	default:
		out = append(out, t("Mất thiết lập của đơn vị (khóa, mật khẩu). Hãy đặt lại mật khẩu cho từng người: donthu user passwd TÊN_ĐĂNG_NHẬP.",
			"The site's settings (keys, passwords) are lost. Set each person's password again: donthu user passwd LOGIN."))
	}
	if r.Settings == "" && r.Peers == 0 {
		out = append(out, t("Mất thẻ khóa đã ghim của cấp trên và cấp dưới: hãy ghim lại (donthu peer add TỆP_THẺ).",
			"The pinned key cards of the parent and children are lost: pin them again (donthu peer add CARD_FILE)."))
	}
	if r.NewKeys {
		out = append(out, t("Đã tạo cặp khóa mới cho đơn vị: hãy gửi thẻ khóa mới cho cấp trên (donthu keys export) và đọc dấu vân tay qua điện thoại để cấp trên xác nhận (donthu peer add TỆP_THẺ --replace).",
			"New keys were made for the site: send the new key card to the office (donthu keys export) and read its fingerprint over the phone so the office confirms it (donthu peer add CARD_FILE --replace)."))
	}
	if r.SealedLost > 0 {
		out = append(out, t("%d sự kiện được niêm phong (danh tính người tố cáo) không mở được nữa: khóa mở chúng đã mất cùng phần hỏng của tệp. Chúng được giữ nguyên, vẫn niêm phong, trong tệp mới; các hồ sơ của chúng không có trong tệp mới. Cấp trên vẫn giữ bản đã nhận qua đồng bộ.",
			"%d events sealed at rest (a denouncer's identity) can no longer be opened: the key to them was lost with the damaged part of the file. They are kept in the new file as they are, still sealed; the records they belong to are left out of it. The office keeps what it received by sync.", r.SealedLost))
	}
	if r.Unplaced > 0 {
		out = append(out, t("%d sự kiện còn nguyên nhưng không nối được vào chuỗi (thiếu sự kiện trước chúng): đã ghi riêng vào %s, chưa áp dụng. Gói tiếp theo từ cấp trên có thể bù phần thiếu.",
			"%d events are intact but cannot be linked to their chain (an earlier one is lost): written apart to %s, not applied. The parent's next bundle may fill the gap.", r.Unplaced, r.UnplacedFile))
	}
	return out
}
