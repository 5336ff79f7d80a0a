package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"donthu/model"
	"donthu/store/bundle"

	bolt "go.etcd.io/bbolt"
)

// Sync: bundles on a USB stick (docs/architecture.md). This file writes, imports and
// inspects bundles, and holds the office's two actions that address events
// to a child: transferring a petition and sending guidance on a case.
//
// What a bundle carries:
//   - to the parent: every event of this site's own after the parent's
//     acknowledgement (all of them, for a parent that has acknowledged
//     nothing, such as a new one);
//   - to a child: this site's events addressed to that child (To == child)
//     after the child's acknowledgement, and nothing of any other site;
//   - always: what this site holds of the receiver's chain (its
//     acknowledgement), so a lost bundle is covered by the next one.

// scanChunk is how many events one short read transaction copies out.
const scanChunk = 1000

// scanSite calls fn with the stored JSON of each event of site with
// after < seq <= upto, in seq order, reading scanChunk events per read
// transaction so a long export never holds one open. The chain must be
// whole in that range (a site's own always is).
func (s *Store) scanSite(site string, after, upto uint64, fn func(raw []byte) error) error {
	return s.scanSiteGaps(site, after, upto, false, fn)
}

// scanSiteGaps is scanSite; with gaps, events missing in the range are
// passed over (a salvaged file's own chain may have holes).
func (s *Store) scanSiteGaps(site string, after, upto uint64, gaps bool, fn func(raw []byte) error) error {
	next := after + 1
	var arena []byte
	var ends []int
	for next <= upto {
		arena, ends = arena[:0], ends[:0]
		err := s.db.View(func(tx *bolt.Tx) error {
			c := tx.Bucket(bEvents).Cursor()
			for k, v := c.Seek(evKey(site, next)); k != nil && len(ends) < scanChunk; k, v = c.Next() {
				ks, n, ok := parseEvKey(k)
				if !ok || ks != site || n > upto {
					break
				}
				if n != next && !gaps {
					return fmt.Errorf("%w: site %s lacks event %d", ErrCorrupt, site, next)
				}
				next = n
				arena = append(arena, v...)
				ends = append(ends, len(arena))
				next++
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(ends) == 0 {
			if gaps {
				return nil
			}
			return fmt.Errorf("%w: site %s lacks event %d", ErrCorrupt, site, next)
		}
		start := 0
		for _, end := range ends {
			if err := fn(arena[start:end]); err != nil {
				return err
			}
			start = end
		}
	}
	return nil
}

// Exported describes a bundle written by ExportBundle.
type Exported struct {
	Path     string
	Manifest bundle.Manifest
}

// ExportBundle writes a bundle for the pinned peer to (this site's parent
// or one of its children) and records it as sent. path may name the file,
// or a folder to write it in under its standard name (bundle.FileName);
// "" means ExportDir, or the current folder if none is set. The file
// appears whole or not at all.
func (s *Store) ExportBundle(to, path string) (Exported, error) {
	to = normCode(to)
	id, err := s.Identity()
	if err != nil {
		return Exported{}, err
	}
	var rec peerRecord
	var rel Relation
	var head bundle.Head
	var holds uint64
	var copyOf string // this file's name as a copy waiting for the parent
	var whole uint64  // how far a copy holds its own chain without a gap
	err = s.db.View(func(tx *bolt.Tx) error {
		var ok bool
		if rec, ok, err = getPeer(tx, to); err != nil {
			return err
		}
		if !ok {
			return userErr(ErrNotPeer, "Chưa ghim thẻ khóa của đơn vị "+to+": chưa thể gửi gói cho đơn vị đó. Hãy nhận thẻ khóa và chạy: donthu peer add TỆP_THẺ",
				"Site "+to+"'s key card is not pinned, so no bundle can be made for it. Get its card and run: donthu peer add CARD_FILE")
		}
		parent := parentOf(tx, s.site)
		if rel = relationOf(&rec, parent); rel == RelOther {
			vi, en := parent, parent
			if parent == "" {
				vi, en = "chưa có", "none"
			}
			return userErr(ErrNotPeer, fmt.Sprintf("Đơn vị %s không phải cấp trên (hiện là: %s) hay cấp dưới của đơn vị này: không gửi gói cho đơn vị đó.", to, vi),
				fmt.Sprintf("Site %s is neither this site's parent (now: %s) nor one of its children: no bundle is made for it.", to, en))
		}
		head.Seq, head.Hash = lastOf(tx, s.site)
		holds, _ = lastOf(tx, to)
		if rel == RelParent {
			if copyOf = copyName(tx); copyOf != "" {
				whole = wholePrefix(tx, s.site, head.Seq)
			}
			// A parent's events reach this site sparsely: the highest
			// held may hide one lost with a restore.
			holds = min(holds, rec.Covered)
		}
		return nil
	})
	if err != nil {
		return Exported{}, err
	}
	rcpt, err := rec.Card.Recipient()
	if err != nil {
		return Exported{}, fmt.Errorf("%w: peer %s: %v", ErrCorrupt, to, err)
	}
	dir, file, err := s.bundlePath(path)
	if err != nil {
		return Exported{}, err
	}
	// Give the bundle its number first: a number is never used twice,
	// even if writing the file then fails.
	var number uint64
	err = s.db.Update(func(tx *bolt.Tx) error {
		r, _, err := getPeer(tx, to)
		if err != nil {
			return err
		}
		r.Numbered = max(r.Numbered, r.Sent.Number) + 1
		number = r.Numbered
		return putPeer(tx, &r)
	})
	if err != nil {
		return Exported{}, diskErr(err)
	}
	now := s.now()
	dest := file
	if dest == "" {
		name := bundle.FileName(s.site, to, now, number)
		dest = filepath.Join(dir, name)
		// A site restored from a backup numbers its bundles again from
		// where the backup left off: never write over an older bundle
		// of the same name still on the stick.
		for n := 2; ; n++ {
			if _, err := os.Lstat(dest); err != nil {
				break
			}
			dest = filepath.Join(dir, fmt.Sprintf("%s-%d.age", strings.TrimSuffix(name, ".age"), n))
		}
	}
	filter := ""
	if rel == RelChild {
		filter = to
	}
	src := func(yield func([]byte) error) error {
		var conv jsonConv
		// A salvaged copy's own chain may have holes: it sends what it
		// has, and says how far it is whole.
		return s.scanSiteGaps(s.site, min(rec.Acked, head.Seq), head.Seq, whole < head.Seq, func(raw []byte) error {
			if filter != "" {
				to, err := eventTo(raw)
				if err != nil || to != filter {
					return err
				}
			}
			js, err := conv.convert(raw)
			if errors.Is(err, ErrRestSealed) {
				return errNeedsRestKey(err)
			}
			if err != nil {
				return err
			}
			return yield(js)
		})
	}
	h := bundle.Header{From: s.site, FromName: id.Name, To: to, Number: number, Created: now,
		Head: head, Holds: map[string]uint64{to: holds}}
	if rel == RelChild {
		h.Since = min(rec.Acked, head.Seq)
		h.Answers = rec.Received.Copy
		h.Fork = rec.Received.Fork
	} else {
		h.Copy = copyOf
		if whole < head.Seq {
			h.Whole = whole
		}
	}
	from := rec.Received.Head.Seq
	if w := rec.Received.Whole; w > 0 && w < from {
		from = w // a salvaged child: its holes are filled too
	}
	if rel == RelChild && from < holds {
		// The child's newest bundle declared less of its own chain than
		// this office holds: it was restored from an old backup (or
		// salvaged, with holes). Give back what it lacks; it then never
		// numbers anything twice.
		h.Returned = func(yield func([]byte) error) error {
			var conv jsonConv
			return s.scanSite(to, from, holds, func(raw []byte) error {
				js, err := conv.convert(raw)
				if errors.Is(err, ErrRestSealed) {
					return errNeedsRestKey(err)
				}
				if err != nil {
					return err
				}
				return yield(js)
			})
		}
	}
	m, err := writeFileAtomic(dest, func(w io.Writer) (bundle.Manifest, error) {
		return bundle.Write(w, h, src, id.SignKey, rcpt)
	})
	if err != nil {
		return Exported{}, err
	}
	err = s.db.Update(func(tx *bolt.Tx) error {
		r, _, err := getPeer(tx, to)
		if err != nil || r.Sent.Number >= number {
			return err
		}
		r.Sent = SentBundle{Number: number, At: now.UTC(), File: filepath.Base(dest), Events: m.Events.Count}
		return putPeer(tx, &r)
	})
	if err != nil {
		return Exported{}, diskErr(err)
	}
	return Exported{Path: dest, Manifest: m}, nil
}

// bundlePath resolves where ExportBundle writes: into a folder (path, or
// ExportDir, or the current folder), or to the file path names.
func (s *Store) bundlePath(path string) (dir, file string, err error) {
	mustBeDir := path == "" || strings.HasSuffix(path, "/") || strings.HasSuffix(path, string(os.PathSeparator))
	if path == "" {
		if path = s.ExportDir(); path == "" {
			path = "."
		}
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && fi.IsDir():
		return path, "", nil
	case mustBeDir:
		return "", "", userErr(ErrNotFound, "Không có thư mục "+path+" (thẻ nhớ chưa cắm?). Chưa ghi gói nào.",
			"No folder at "+path+" (is the stick plugged in?). No bundle was written.")
	}
	return "", path, nil
}

// writeFileAtomic writes a file through a temporary one in the same
// folder, synced and renamed into place only when whole.
func writeFileAtomic(dest string, fn func(w io.Writer) (bundle.Manifest, error)) (bundle.Manifest, error) {
	fail := func(err error) (bundle.Manifest, error) {
		return bundle.Manifest{}, userErr(err, "Không ghi được gói vào "+dest+" (đĩa đầy, thẻ nhớ bị rút hoặc chỉ đọc?). Chi tiết: "+err.Error(),
			"Cannot write the bundle to "+dest+" (disk full, stick removed or read-only?). Detail: "+err.Error())
	}
	f, err := os.CreateTemp(filepath.Dir(dest), ".donthu-bundle-*.part")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	bw := bufio.NewWriterSize(f, 256<<10)
	m, err := fn(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, dest)
	}
	if err != nil {
		os.Remove(tmp)
		if model.MsgOf(err) != nil {
			return m, err
		}
		return fail(err)
	}
	return m, nil
}

// Imported describes a bundle applied by ImportBundle.
type Imported struct {
	Path     string
	Manifest bundle.Manifest
	Result   ImportResult
	// Warnings are things a person should know that did not stop the
	// import (the peer holds more of this site than this file does).
	Warnings []model.Label
}

// ImportBundle applies a bundle in one transaction, after checking, in
// this order: that it is a bundle, encrypted to this site, of a known
// format version, addressed to this site, from a pinned peer, signed with
// that peer's pinned key, newer than the last one imported from it, and
// then, while its events stream into the transaction, that each is the
// sender's and one it may send here, that the payload matches the signed
// checksum and that the chains hold. Any failure refuses the whole
// bundle: nothing is applied, the error is a *model.Msg wrapping
// ErrImport and the reason's sentinel (bundle.ErrSignature, ...), and
// the refusal is recorded for the sync screen (Refusals). A bundle
// already imported, or older than one imported, changes nothing and is
// reported with bundle.ErrReplay, which is not recorded as a refusal.
func (s *Store) ImportBundle(path string) (Imported, error) { return s.ImportBundleWatch(path, nil) }

// ImportBundleWatch is ImportBundle, telling read, as it goes, how many
// of the bundle's events it has read (n of all): a parent's first sync
// is a million events, ten seconds or more on an old laptop. The events
// are applied as they are read, then the file is written whole (n is
// then all). read is called from another goroutine.
func (s *Store) ImportBundleWatch(path string, read func(n, all int)) (Imported, error) {
	out := Imported{Path: path}
	f, err := os.Open(path)
	if err != nil {
		return out, userErr(ErrNotFound, "Không mở được tệp "+path+": "+err.Error(), "Cannot open the file "+path+": "+err.Error())
	}
	defer f.Close()
	err = s.importBundle(bufio.NewReaderSize(f, 256<<10), &out, read)
	if err != nil {
		code := bundle.Code(err)
		if code == "" {
			code = "other"
			if errors.Is(err, ErrImport) {
				code = "chain" // Store.Import's own refusals: gaps, broken links
			}
		}
		err = refusalErr(err)
		if code != "replay" {
			reason := model.Label{VI: err.Error(), EN: err.Error()}
			if ue := model.MsgOf(err); ue != nil {
				reason = ue.Label
			}
			s.recordRefusal(Refusal{At: s.now().UTC(), File: filepath.Base(path), From: out.Manifest.From,
				Number: out.Manifest.Number, Code: code, Reason: reason})
		}
	}
	return out, err
}

// refusalErr makes every refusal a *model.Msg wrapping ErrImport.
func refusalErr(err error) error {
	if ue := model.MsgOf(err); ue != nil {
		if errors.Is(err, ErrImport) {
			return err
		}
		return model.Wrap(fmt.Errorf("%w: %w", ErrImport, ue.Err), ue)
	}
	return userErr(fmt.Errorf("%w: %w", ErrImport, err),
		"Không nhập được gói; chưa có gì thay đổi. Chi tiết: "+err.Error(),
		"The bundle could not be imported; nothing was changed. Detail: "+err.Error())
}

// opened is a bundle whose manifest has been read and checked against
// this site and its peers.
type opened struct {
	r   *bundle.Reader
	m   bundle.Manifest
	rec peerRecord
	rel Relation
	// reissued: the number was used before, but the content is new (the
	// sender was restored from an old backup).
	reissued bool
}

// openBundle decrypts a bundle and runs every check that needs only its
// manifest: recipient, sender, signature, replay. It returns the first
// refusal, and the reader even then when the manifest could be read.
func (s *Store) openBundle(r io.Reader) (*opened, error) {
	id, err := s.Identity()
	if err != nil {
		return nil, err
	}
	br, err := bundle.Open(r, id.Age)
	if err != nil {
		return nil, err
	}
	o := &opened{r: br, m: br.Manifest()}
	m := &o.m
	if m.To != s.site {
		return o, bundle.Errf(bundle.ErrRecipient, "Gói này gửi cho đơn vị %s, không phải đơn vị này (%s): không nhập.",
			"This bundle is addressed to site %s, not to this site (%s): not imported.", m.To, s.site)
	}
	var ok bool
	err = s.db.View(func(tx *bolt.Tx) error {
		o.rec, ok, err = getPeer(tx, m.From)
		o.rel = relationOf(&o.rec, parentOf(tx, s.site))
		return err
	})
	if err != nil {
		return o, err
	}
	if !ok {
		return o, bundle.Errf(bundle.ErrSender, "Gói đến từ đơn vị %s, nhưng thẻ khóa của đơn vị đó chưa được ghim nên không kiểm tra được chữ ký. Hãy nhận thẻ khóa của %s, gọi điện so dấu vân tay, rồi chạy: donthu peer add TỆP_THẺ",
			"The bundle comes from site %s, whose key card is not pinned, so its signature cannot be checked. Get %s's key card, compare the fingerprint by phone, then run: donthu peer add CARD_FILE", m.From, m.From)
	}
	if err := br.Verify(o.rec.Card.SignPublicKey()); err != nil {
		return o, err
	}
	if m.Number <= o.rec.Received.Number {
		s.db.View(func(tx *bolt.Tx) error {
			// Made after the newest bundle imported, under a number
			// already used: the sender was restored from an old backup
			// and numbers from where the backup left off. It says where
			// it now stands (its head, what it holds of this site), so
			// the next bundle back returns what it lacks. An old bundle
			// turning up late was made before, and changes nothing.
			// A copy announcing itself (a new Copy name) is new too,
			// whatever its clock says: it waits for the answer.
			o.reissued = reissued(tx, m) || m.Created.After(o.rec.Received.Created) ||
				m.Copy != "" && m.Copy != o.rec.Received.Copy
			return nil
		})
		if !o.reissued {
			return o, replayErr(m, o.rec.Received.Number)
		}
	}
	return o, nil
}

// reissued says whether an authentic bundle whose number was already
// used is nonetheless new: its sender declares a chain head this file
// does not hold. A site restored from an old backup numbers its bundles
// from where the backup left off, so its first bundles after the restore
// reuse numbers; judged by number alone, they would be dropped as
// replays and what the site wrote since would never arrive.
func reissued(tx *bolt.Tx, m *bundle.Manifest) bool {
	if m.Head.Seq == 0 {
		return false
	}
	raw := tx.Bucket(bEvents).Get(evKey(m.From, m.Head.Seq))
	if raw == nil {
		return true
	}
	e, err := decodeHead(raw)
	return err == nil && hashOf(raw, &e) != m.Head.Hash
}

func replayErr(m *bundle.Manifest, have uint64) error {
	return bundle.Errf(bundle.ErrReplay, "Gói số %d từ đơn vị %s đã được nhập, hoặc cũ hơn gói đã nhập (đã nhập đến gói số %d): không có gì thay đổi.",
		"Bundle %d from site %s was already imported, or is older than one imported (bundles up to %d are in): nothing changed.", m.Number, m.From, have)
}

// allowed says whether a bundle from a peer of relation rel may carry ev:
// a child sends its own data; anyone else only what it addresses here.
func (s *Store) allowed(o *opened, ev *model.Event) error {
	if ev.Site == s.site {
		// This site's own events, returned: only its parent keeps a copy.
		if o.rel != RelParent {
			return bundle.Errf(bundle.ErrContent, "Gói từ đơn vị %s trả lại sự kiện %s của chính đơn vị này, nhưng %s không phải cấp trên.",
				"The bundle from site %s returns this site's own event %s, but %s is not its parent.", o.m.From, ev.Key(), o.m.From)
		}
		return nil
	}
	if o.rel != RelChild && ev.To != s.site {
		return bundle.Errf(bundle.ErrContent, "Gói từ đơn vị %s chứa sự kiện %s không gửi cho đơn vị này: cấp trên chỉ gửi những gì dành cho đơn vị này. Nếu %s là cấp dưới, hãy ghim thẻ của %s là cấp dưới (donthu peer add TỆP_THẺ --child).",
			"The bundle from site %s holds event %s that is not addressed to this site: a parent only sends what it addresses here. If %s is a child, pin %s's card as a child (donthu peer add CARD_FILE --child).",
			o.m.From, ev.Key(), o.m.From, o.m.From)
	}
	if model.EntityKind(ev.Entity) == model.EntSite && ev.Entity != model.SiteEntity(ev.Site) {
		return bundle.Errf(bundle.ErrContent, "Gói từ đơn vị %s chứa sự kiện %s sửa thông tin của đơn vị khác (%s).",
			"The bundle from site %s holds event %s that changes another site's record (%s).", o.m.From, ev.Key(), ev.Entity)
	}
	return nil
}

func (s *Store) importBundle(r io.Reader, out *Imported, read func(n, all int)) error {
	o, err := s.openBundle(r)
	if o != nil {
		out.Manifest = o.m
	}
	if errors.Is(err, bundle.ErrReplay) {
		// Judge a replay only on a whole, authentic file: a damaged copy
		// of a bundle already imported is refused as damaged, not
		// reported as "nothing changed".
		if derr := drain(o.r); derr != nil {
			return derr
		}
	}
	if err != nil {
		return err
	}
	m := &o.m
	next, sums, stop := s.prefetch(o)
	defer stop()
	if read != nil {
		inner, n, all := next, 0, m.Events.Count
		next = func() (model.Event, bool, error) {
			e, ok, err := inner()
			if ok {
				if n++; n%4096 == 0 || n == all {
					read(min(n, all), all)
				}
			}
			return e, ok, err
		}
	}
	mineBefore := s.Heads()[s.site]
	// A copy's events may fork from what this office holds (a backup of
	// a history an earlier restore abandoned): from the fork on they are
	// set aside, and the answer returns this office's events from there.
	// So are those of a bundle made before the newest one imported from
	// that site that fork (it was on a stick while the site was restored
	// and wrote on under the same numbers).
	stale := m.Created.Before(o.rec.Received.Created)
	var fork *forkFilter
	if o.rel == RelChild && (m.Copy != "" || stale) && m.Events.Count > 0 {
		fork = &forkFilter{site: m.From}
		if err := s.db.View(func(tx *bolt.Tx) (err error) {
			fork.next, _ = lastOf(tx, m.From)
			fork.next++
			fork.held, err = heldHashes(tx, m.From, m.Events.First, m.Events.Last)
			return err
		}); err != nil {
			return err
		}
		next = fork.wrap(next)
	}
	// The parent's answer to this copy returns its own events from where
	// the copy's differ: the copy gives up its own from there first.
	yielded := 0
	if o.rel == RelParent && m.Fork > 0 && m.Fork <= mineBefore {
		var n int
		err := s.db.Update(func(tx *bolt.Tx) (err error) {
			if name := copyName(tx); name == "" || name != m.Answers {
				return nil
			}
			n, err = yieldTail(tx, s.site, m.Fork)
			return err
		})
		if err != nil {
			return diskErr(err)
		}
		if n > 0 {
			s.dropCaches()
			mineBefore, yielded = m.Fork-1, n
		}
	}
	forked := func() bool { return fork != nil && fork.fork != 0 }
	// A salvaged copy's holes, filled by the parent's returned events.
	wholeBefore := mineBefore
	if o.rel == RelParent && m.Returned != nil {
		s.db.View(func(tx *bolt.Tx) error {
			wholeBefore = wholePrefix(tx, s.site, mineBefore)
			return nil
		})
	}
	finish := func(it *ImportTx) error {
		rec, _, err := getPeer(it.tx, m.From)
		if err != nil {
			return err
		}
		if m.Number <= rec.Received.Number && !o.reissued {
			return replayErr(m, rec.Received.Number)
		}
		// The sender's declared head: a child's bundle must have brought
		// its chain up to it, and any held copy must be the same event.
		if forked() {
			// Set the abandoned history aside; the copy is answered
			// from the fork.
			if err := setAside(it.tx, fork.aside, nil); err != nil {
				return err
			}
			out.Warnings = append(out.Warnings, abandonedWarning(m.From, len(fork.aside)))
			if m.Copy == "" {
				// An old bundle: what it says of its sender is past.
				return nil
			}
		} else if m.Head.Seq > 0 {
			raw := it.tx.Bucket(bEvents).Get(evKey(m.From, m.Head.Seq))
			if raw == nil && o.rel == RelChild {
				return bundle.Errf(bundle.ErrContent, "Gói của đơn vị %s thiếu sự kiện đến số %d như phần kê khai ghi.",
					"The bundle from site %s lacks its events up to %d, as its manifest says.", m.From, m.Head.Seq)
			}
			if raw != nil {
				e, err := decodeHead(raw)
				if err != nil {
					return err
				}
				if hashOf(raw, &e) != m.Head.Hash {
					return bundle.Errf(bundle.ErrContent, "Sự kiện mới nhất mà gói của đơn vị %s khai (số %d) khác với sự kiện cùng số đang có: đơn vị đó đã ghi hai sự kiện khác nhau cùng một số (tệp dữ liệu được khôi phục từ bản sao lưu cũ?) hoặc dữ liệu bị giả mạo. Hãy báo quản trị viên.",
						"The newest event the bundle from site %s declares (%d) differs from the one held with that number: that site wrote two different events under one number (was its data file restored from an old backup?) or the data is forged. Tell an administrator.", m.From, m.Head.Seq)
				}
			}
		}
		holds := m.Holds[s.site]
		mine, _ := lastOf(it.tx, s.site)
		if o.rel == RelParent {
			if err := heardFromParent(it.tx, m.Answers); err != nil {
				return err
			}
		}
		if yielded > 0 {
			out.Warnings = append(out.Warnings, abandonedWarning(m.From, yielded))
		}
		if wholeBefore < mineBefore {
			if now := wholePrefix(it.tx, s.site, mine); now > wholeBefore {
				if err := raiseCounters(it.tx, s.site, wholeBefore, now); err != nil {
					return err
				}
				out.Warnings = append(out.Warnings, model.Label{
					VI: fmt.Sprintf("Đơn vị %s đã trả lại những sự kiện mà tệp được cứu này bị mất ở giữa: nay tệp có đủ, không thiếu số nào, đến số %d.", m.From, now),
					EN: fmt.Sprintf("Site %s returned the events this salvaged file had lost in the middle: it now holds them without a gap up to %d.", m.From, now),
				})
			}
		}
		if mine > mineBefore {
			// Own events returned by the parent: the numbers they gave
			// are taken, so the counters move past them.
			if err := raiseCounters(it.tx, s.site, mineBefore, mine); err != nil {
				return err
			}
			out.Warnings = append(out.Warnings, model.Label{
				VI: fmt.Sprintf("Đơn vị %s đã trả lại %d sự kiện của chính đơn vị này mà tệp này thiếu (tệp được khôi phục từ bản sao lưu cũ hoặc được cứu): nay tệp có đủ đến số %d.", m.From, mine-mineBefore, mine),
				EN: fmt.Sprintf("Site %s returned %d of this site's own events that this file lacked (it was restored from an old backup or salvaged): it now holds them up to %d.", m.From, mine-mineBefore, mine),
			})
		}
		if holds > mine {
			out.Warnings = append(out.Warnings, model.Label{
				VI: fmt.Sprintf("Đơn vị %s giữ dữ liệu của đơn vị này đến sự kiện số %d, nhưng tệp này chỉ có đến số %d (tệp được khôi phục từ bản sao lưu cũ?). Để không số nào bị cấp hai lần, chưa ghi được gì cho đến khi %s trả lại phần thiếu: hãy gửi ngay một gói cho %s (donthu bundle export --to %s) rồi nhập gói trả lời của %s.", m.From, holds, mine, m.From, m.From, m.From, m.From),
				EN: fmt.Sprintf("Site %s holds this site's data up to event %d, but this file only has up to %d (restored from an old backup?). So that no number is given twice, nothing can be saved until %s returns what is missing: send %s a bundle now (donthu bundle export --to %s), then import its answer.", m.From, holds, mine, m.From, m.From, m.From),
			})
			if err := setAwait(it.tx, holds, mine); err != nil {
				return err
			}
			holds = mine
		} else if err := setAwait(it.tx, 0, mine); err != nil {
			return err
		}
		rec.Acked = holds
		if o.rel == RelParent && m.Since <= rec.Covered {
			// Everything addressed here after Since came, and before it
			// was held already: all of it is held now.
			rec.Covered, _ = lastOf(it.tx, m.From)
		}
		rec.Received = ReceivedBundle{Number: max(m.Number, rec.Received.Number), Created: m.Created, At: s.now().UTC(),
			File: filepath.Base(out.Path), Events: m.Events.Count, Head: m.Head, Copy: m.Copy, Whole: m.Whole}
		if forked() {
			// What the copy holds that this office holds too.
			rec.Received.Head.Seq = fork.fork - 1
			rec.Received.Head.Hash = ""
			rec.Received.Fork = fork.fork
			if raw := it.tx.Bucket(bEvents).Get(evKey(m.From, fork.fork-1)); raw != nil {
				if e, err := decodeHead(raw); err == nil {
					rec.Received.Head.Hash = hashOf(raw, &e)
				}
			}
		}
		return putPeer(it.tx, &rec)
	}
	out.Warnings = nil
	res, err := s.importSized(m.Events.Count, returnedInOrder(next, s.site, mineBefore), sums, finish)
	if err != nil {
		out.Warnings = nil
		return err
	}
	out.Result = res
	return nil
}

// returnedInOrder passes on the events of next, except this site's own
// returned events that do not follow on from what the file holds: a
// return made for an earlier state of this file (restored again since,
// from an older backup) cannot link; the next return covers them.
func returnedInOrder(next func() (model.Event, bool, error), site string, mine uint64) func() (model.Event, bool, error) {
	want := mine + 1
	return func() (model.Event, bool, error) {
		for {
			e, ok, err := next()
			if err != nil || !ok || e.Site != site || e.Seq < want {
				return e, ok, err
			}
			if e.Seq == want {
				want++
				return e, ok, err
			}
		}
	}
}

// drain reads a verified bundle to its end, so the payload's checksum and
// the encryption's authentication are checked.
func drain(r *bundle.Reader) error {
	for {
		_, ok, err := r.Next()
		if err != nil || !ok {
			return err
		}
	}
}

// prefetch reads, decodes and checks a bundle's events in a goroutine of
// its own, a few hundred ahead of the import transaction that applies
// them, so decryption and decoding overlap with the writing. Memory stays
// bounded by the batches in flight. stop ends the reader and waits for
// it: call it before the bundle's file is closed.
func (s *Store) prefetch(o *opened) (next func() (model.Event, bool, error), sum lineSums, stop func()) {
	type batch struct {
		evs  []model.Event
		sums []lineSum // of each event, as the bundle's reader gave it
		err  error     // with the last batch
	}
	const size = 256
	ch := make(chan batch, 4)
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		defer close(ch)
		b := batch{evs: make([]model.Event, 0, size)}
		for {
			ev, ok, err := o.r.Next()
			if ok && err == nil {
				err = s.allowed(o, &ev)
			}
			if ok && err == nil {
				b.evs = append(b.evs, ev)
				h, canon := o.r.LineSum()
				b.sums = append(b.sums, lineSum{site: ev.Site, seq: ev.Seq, sum: h, ok: canon})
			}
			end := !ok || err != nil
			if end || len(b.evs) == size {
				b.err = err
				select {
				case ch <- b:
				case <-done:
					return
				}
				if end {
					return
				}
				b = batch{evs: make([]model.Event, 0, size), sums: make([]lineSum, 0, size)}
			}
		}
	}()
	var cur batch
	var last lineSum // of the event next gave last
	sum = func(e *model.Event) ([32]byte, bool) {
		if last.ok && last.seq == e.Seq && last.site == e.Site {
			return last.sum, true
		}
		return [32]byte{}, false
	}
	next = func() (model.Event, bool, error) {
		for len(cur.evs) == 0 {
			if cur.err != nil {
				return model.Event{}, false, cur.err
			}
			b, ok := <-ch
			if !ok {
				return model.Event{}, false, nil
			}
			cur = b
		}
		ev := cur.evs[0]
		cur.evs, last, cur.sums = cur.evs[1:], cur.sums[0], cur.sums[1:]
		return ev, true, nil
	}
	stop = func() {
		close(done)
		<-finished
	}
	return next, sum, stop
}

// lineSum is the hash of an event as a bundle's line gave it (see
// bundle.Reader.LineSum), and which event.
type lineSum struct {
	site string
	seq  uint64
	sum  [32]byte
	ok   bool
}

// lineSums gives the hash of an event as read from its bundle's line,
// without writing its canonical JSON again, if it is the event the
// source gave last and its line was that JSON; else ok is false, and
// the event is hashed as it is. The filters between the source and the
// import only leave events out, never reorder them, but an event is
// named by its site and number so that a filter that did would cost
// time, not a wrong hash.
type lineSums func(e *model.Event) (sum [32]byte, ok bool)

// Inspected describes a bundle read by InspectBundle.
type Inspected struct {
	Path     string
	Manifest bundle.Manifest
	// Verified: the signature matches the sender's pinned key.
	Verified bool
	// Of the events: not held here, held already, and held with other
	// content (they would be quarantined).
	New, Held, Conflicting int
}

// InspectBundle reads a whole bundle and says what it holds and whether it
// would be accepted, without changing anything (a read-only store will
// do). The error is the refusal ImportBundle would give, or nil; even
// then, Inspected says what could be read.
func (s *Store) InspectBundle(path string) (Inspected, error) {
	out := Inspected{Path: path}
	f, err := os.Open(path)
	if err != nil {
		return out, userErr(ErrNotFound, "Không mở được tệp "+path+": "+err.Error(), "Cannot open the file "+path+": "+err.Error())
	}
	defer f.Close()
	o, problem := s.openBundle(bufio.NewReaderSize(f, 256<<10))
	if o == nil {
		return out, refusalErr(problem)
	}
	out.Manifest, out.Verified = o.m, o.r.Verified()
	if !out.Verified {
		o.r.AllowUnverified()
	}
	type item struct {
		key  []byte
		hash string
	}
	var batch []item
	flush := func() {
		s.db.View(func(tx *bolt.Tx) error {
			evb := tx.Bucket(bEvents)
			for _, it := range batch {
				raw := evb.Get(it.key)
				switch e, err := decodeHead(raw); {
				case raw == nil:
					out.New++
				case err == nil && hashOf(raw, &e) == it.hash:
					out.Held++
				default:
					out.Conflicting++
				}
			}
			return nil
		})
		batch = batch[:0]
	}
	for {
		ev, ok, err := o.r.Next()
		if err == nil && ok {
			err = s.allowed(o, &ev)
		}
		if err != nil {
			if problem == nil {
				problem = err
			}
			break
		}
		if !ok {
			break
		}
		batch = append(batch, item{evKey(ev.Site, ev.Seq), eventHash(&ev)})
		if len(batch) == scanChunk {
			flush()
		}
	}
	flush()
	if problem != nil {
		return out, refusalErr(problem)
	}
	return out, nil
}

// TransferPetition is an office's action: it transfers a petition to one
// of its children, where it arrives in the classification inbox. The
// event (petition.transferred, To = child) creates a new petition of this
// office's numbering whose site is the child; it travels in the next
// bundle to that child. Person ids of this office do not travel, so the
// senders are kept by name only.
func (s *Store) TransferPetition(author, child string, p model.Petition) (model.Petition, error) {
	var out model.Petition
	_, err := s.write(author, func(w *writer) error {
		var err error
		out, err = w.transferPetition(normCode(child), p)
		return err
	})
	return out, err
}

// transferPetition is TransferPetition's work inside a write: the event
// petition.transferred addressed to child, carrying p as a new, not yet
// classified petition of this site's numbering.
// ClassifyToChild uses it too, inside the classification's write.
func (w *writer) transferPetition(child string, p model.Petition) (model.Petition, error) {
	var out model.Petition
	if err := w.requireChild(child); err != nil {
		return out, err
	}
	// A confidential sender goes down sealed, readable by the child.
	w.sealAlso = childRecipient(w.tx, child)
	defer func() { w.sealAlso = nil }()
	if m := w.preparePetition(&p, true); m != nil {
		return out, m
	}
	p.Senders = nil
	p.Source, p.Visit = model.SourceUpper, ""
	no, err := w.number(model.EntPetition, p.Received.Y)
	if err != nil {
		return out, err
	}
	p.No = no
	if p.FromNo == "" {
		p.FromNo = no
	}
	// What the child decides is the child's: clear any classification.
	p = model.Petition{No: p.No, Source: p.Source, LetterDate: p.LetterDate, Received: p.Received,
		SenderName: p.SenderName, SenderSealed: p.SenderSealed, Signatories: p.Signatories, Employer: p.Employer, Kind: p.Kind,
		Regime: p.Regime, Field: p.Field, Summary: p.Summary, Documents: p.Documents,
		Confidential: p.Confidential, Anonymous: p.Anonymous, Unsigned: p.Unsigned, FromNo: p.FromNo}
	id := w.nextID(model.EntPetition)
	if _, err := w.emit(id, model.EvPetitionTransferred, child, p); err != nil {
		return out, err
	}
	err = getState(w.tx, id, &out)
	return out, err
}

// SendGuidance is an office's action: guidance or a decision on a case of
// one of its children (case.guidance, To = the case's site), which travels
// in the next bundle to that child.
func (s *Store) SendGuidance(author, caseID, text string) error {
	text = strings.TrimSpace(model.NFC(text))
	if text == "" {
		return model.NewMsg("text", "Nội dung hướng dẫn trống", "The guidance is empty")
	}
	_, err := s.write(author, func(w *writer) error {
		var c model.Case
		if err := getState(w.tx, caseID, &c); err != nil || c.ID == "" {
			return notFound(caseID)
		}
		if c.Site == s.site {
			return model.NewMsg("", "Vụ việc "+c.No+" là của chính đơn vị này: hãy thêm ghi chú thay vì gửi hướng dẫn.",
				"Case "+c.No+" is this site's own: add a note instead of sending guidance.")
		}
		if err := w.requireChild(c.Site); err != nil {
			return err
		}
		_, err := w.emit(caseID, model.EvCaseGuidance, c.Site, model.Note{Text: text})
		return err
	})
	return err
}

// requireChild refuses a site that is not a pinned child of this one.
func (w *writer) requireChild(code string) error {
	rec, ok, err := getPeer(w.tx, code)
	if err != nil {
		return err
	}
	if !ok || relationOf(&rec, parentOf(w.tx, w.s.site)) != RelChild {
		return userErr(ErrNotPeer, "Đơn vị "+code+" không phải cấp dưới đã ghim thẻ khóa của đơn vị này: không gửi được.",
			"Site "+code+" is not a pinned child of this site: nothing can be sent to it.")
	}
	return nil
}
