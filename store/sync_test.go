package store_test

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/bundle"
	"donthu/store/storetest"

	"filippo.io/age"
)

// syncWorld is an office HN01 with children GL07 and GL08, all pinned.
type syncWorld struct {
	clk               *storetest.Clock
	office, gl07, gl8 *store.Store
	dir               string
}

func newSyncWorld(t testing.TB) *syncWorld {
	t.Helper()
	clk := &storetest.Clock{T: storetest.Start}
	w := &syncWorld{clk: clk, dir: t.TempDir(),
		office: storetest.NewAt(t, "HN01", "", clk),
		gl07:   storetest.NewAt(t, "GL07", "HN01", clk),
		gl8:    storetest.NewAt(t, "GL08", "HN01", clk),
	}
	pinBoth(t, w.office, w.gl07)
	pinBoth(t, w.office, w.gl8)
	return w
}

func exportTo(t testing.TB, from *store.Store, to, dir string) store.Exported {
	t.Helper()
	x, err := from.ExportBundle(to, dir)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func importBundle(t testing.TB, s *store.Store, path string) store.Imported {
	t.Helper()
	r, err := s.ImportBundle(path)
	if err != nil {
		t.Fatalf("import %s into %s: %v", filepath.Base(path), s.Site(), err)
	}
	return r
}

// unchanged runs fn and fails if the log or the state of s changed.
func syncUnchanged(t *testing.T, s *store.Store, fn func()) {
	t.Helper()
	evs, st := storetest.Events(t, s), storetest.State(t, s)
	fn()
	if storetest.Events(t, s) != evs {
		t.Fatal("the event log changed")
	}
	if storetest.State(t, s) != st {
		t.Fatal("the state changed")
	}
	if probs := checkSparse(s); len(probs) != 0 {
		t.Fatalf("check: %v", probs)
	}
}

// refused imports path into s, expects refusal for sentinel with a
// message in both languages containing words, and nothing changed.
func bundleRefused(t *testing.T, s *store.Store, path string, sentinel error, words ...string) error {
	t.Helper()
	var err error
	syncUnchanged(t, s, func() { _, err = s.ImportBundle(path) })
	if !errors.Is(err, sentinel) || !errors.Is(err, store.ErrImport) {
		t.Fatalf("err = %v, want %v", err, sentinel)
	}
	var ue *model.Msg
	if !errors.As(err, &ue) || ue.VI == "" || ue.EN == "" || ue.VI == ue.EN {
		t.Fatalf("no bilingual message: %v", err)
	}
	for _, w := range words {
		if !strings.Contains(ue.VI+"\n"+ue.EN, w) {
			t.Errorf("message %q / %q lacks %q", ue.VI, ue.EN, w)
		}
	}
	return err
}

func peerStatus(t testing.TB, s *store.Store, code string) store.Peer {
	t.Helper()
	p, err := s.Peer(code)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func syncEvents(t testing.TB, s *store.Store) []model.Event {
	t.Helper()
	var out []model.Event
	for _, line := range strings.Split(strings.TrimSpace(storetest.Events(t, s)), "\n") {
		var e model.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// An import says how far it has read, so the sync screen can show a
// parent's first sync (a million events) going: as it reads, never
// backwards, and at the end all of the bundle's events.
func TestImportSaysHowFarItHasRead(t *testing.T) {
	w := newSyncWorld(t)
	for i := range 3 {
		storetest.Visit(t, w.gl07, []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường"}[i], model.KindComplaint)
	}
	x := exportTo(t, w.gl07, "HN01", w.dir)
	var got [][2]int
	r, err := w.office.ImportBundleWatch(x.Path, func(n, all int) { got = append(got, [2]int{n, all}) })
	if err != nil {
		t.Fatal(err)
	}
	all := x.Manifest.Events.Count
	if r.Result.Added != all || len(got) == 0 || got[len(got)-1] != [2]int{all, all} {
		t.Fatalf("%d events added of %d; told %v", r.Result.Added, all, got)
	}
	for i := 1; i < len(got); i++ {
		if got[i][0] < got[i-1][0] {
			t.Fatalf("told %v: backwards", got)
		}
	}
}

func TestUpwardBundleAndAcknowledgement(t *testing.T) {
	w := newSyncWorld(t)
	p := storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	if got := peerStatus(t, w.gl07, "HN01"); got.Waiting != int(w.gl07.Heads()["GL07"]) || got.Relation != store.RelParent {
		t.Fatalf("waiting %+v", got)
	}
	x := exportTo(t, w.gl07, "HN01", w.dir)
	if !strings.HasPrefix(filepath.Base(x.Path), "donthu-GL07-to-HN01-2026-03-02-0001") || x.Manifest.Events.Count != int(w.gl07.Heads()["GL07"]) {
		t.Fatalf("export %+v", x)
	}
	hashed := store.LineHashed()
	r := importBundle(t, w.office, x.Path)
	if r.Result.Added != x.Manifest.Events.Count {
		t.Fatalf("added %+v", r.Result)
	}
	// Each event's hash was its line's: its JSON was not written again.
	if n := store.LineHashed() - hashed; n != int64(x.Manifest.Events.Count) {
		t.Fatalf("%d of %d events hashed from their line", n, x.Manifest.Events.Count)
	}
	got, err := w.office.Petition(p.ID)
	if err != nil || got.No != p.No || got.Site != "GL07" {
		t.Fatalf("office sees %+v %v", got, err)
	}
	if len(storetest.Must(w.office.Inbox())) != 0 {
		t.Fatal("a child's petition is in the office's inbox")
	}
	op := peerStatus(t, w.office, "GL07")
	if op.Received.Number != 1 || op.Received.File != filepath.Base(x.Path) || op.DataAge(w.clk.Now()) != 0 {
		t.Fatalf("office's peer %+v", op)
	}
	// The office's next bundle, even empty, acknowledges.
	w.clk.Advance(time.Hour)
	down := exportTo(t, w.office, "GL07", w.dir)
	if down.Manifest.Events.Count != 0 || down.Manifest.Holds["GL07"] != w.gl07.Heads()["GL07"] {
		t.Fatalf("down %+v", down.Manifest)
	}
	importBundle(t, w.gl07, down.Path)
	sp := peerStatus(t, w.gl07, "HN01")
	if sp.Waiting != 0 || sp.Acked != w.gl07.Heads()["GL07"] || sp.Sent.Number != 1 || sp.Received.Number != 1 {
		t.Fatalf("site's peer %+v", sp)
	}
	// Only what is new goes next time.
	storetest.Visit(t, w.gl07, "Trần Thị Bình", model.KindRecommendation)
	x2 := exportTo(t, w.gl07, "HN01", w.dir)
	if x2.Manifest.Number != 2 || x2.Manifest.Events.First != sp.Acked+1 || x2.Manifest.Events.Count != 3 {
		t.Fatalf("second export %+v", x2.Manifest)
	}
	importBundle(t, w.office, x2.Path)
	if w.office.Heads()["GL07"] != w.gl07.Heads()["GL07"] {
		t.Fatal("heads differ")
	}
	if probs := w.office.Check(); len(probs) != 0 {
		t.Fatal(probs)
	}
}

func TestLostBundleIsCoveredByTheNext(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	lost := exportTo(t, w.gl07, "HN01", w.dir)
	storetest.Visit(t, w.gl07, "Trần Thị Bình", model.KindComplaint)
	next := exportTo(t, w.gl07, "HN01", w.dir)
	if next.Manifest.Events.First != 1 {
		t.Fatalf("the next bundle starts at %d", next.Manifest.Events.First)
	}
	importBundle(t, w.office, next.Path)
	if w.office.Heads()["GL07"] != w.gl07.Heads()["GL07"] {
		t.Fatal("events lost")
	}
	// The lost one turns up later: older, so nothing changes.
	bundleRefused(t, w.office, lost.Path, bundle.ErrReplay, "đã được nhập", "already imported")
	for _, r := range w.office.Refusals() {
		if r.Code == "replay" {
			t.Fatal("a replay was recorded as a refusal")
		}
	}
}

func TestReplayedBundleChangesNothing(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	x := exportTo(t, w.gl07, "HN01", w.dir)
	importBundle(t, w.office, x.Path)
	bundleRefused(t, w.office, x.Path, bundle.ErrReplay, "số 1", "Bundle 1")
}

func TestDownwardTransferGuidanceAndInbox(t *testing.T) {
	w := newSyncWorld(t)
	// The office has data of its own and of another child.
	storetest.Visit(t, w.office, "Lê Văn Cường", model.KindComplaint)
	storetest.Visit(t, w.gl8, "Phạm Thị Dung", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl8, "HN01", w.dir).Path)
	if _, err := w.office.TransferPetition("lan", "HN02", model.Petition{Summary: "x"}); !errors.Is(err, store.ErrNotPeer) {
		t.Fatalf("transfer to a stranger: %v", err)
	}
	tp, err := w.office.TransferPetition("lan", "GL07", model.Petition{Summary: "Đơn khiếu nại về trả lương làm thêm giờ", SenderName: "Đỗ Văn Em", Kind: model.KindComplaint})
	if err != nil {
		t.Fatal(err)
	}
	if tp.Site != "GL07" || tp.From != "HN01" || tp.Source != model.SourceUpper || !strings.HasPrefix(tp.No, "HN01-2026-") {
		t.Fatalf("transferred %+v", tp)
	}
	down := exportTo(t, w.office, "GL07", w.dir)
	if down.Manifest.Events.Count != 1 || down.Manifest.Events.Types["petition.transferred"] != 1 {
		t.Fatalf("down %+v", down.Manifest)
	}
	importBundle(t, w.gl07, down.Path)
	inbox := storetest.Must(w.gl07.Inbox())
	if len(inbox) != 1 || inbox[0].ID != tp.ID || inbox[0].Summary != tp.Summary {
		t.Fatalf("child's inbox %+v", inbox)
	}
	for _, e := range syncEvents(t, w.gl07) {
		if e.Site != "GL07" && !(e.Site == "HN01" && e.To == "GL07") {
			t.Fatalf("the child holds %s (to %q)", e.Key(), e.To)
		}
	}
	// The child accepts it; the case goes up; the office sends guidance.
	c := storetest.Accept(t, w.gl07, tp.ID, model.KindComplaint, model.RegimeLabour)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	oc, err := w.office.Case(c.ID)
	if err != nil || oc.Site != "GL07" {
		t.Fatalf("office's case %+v %v", oc, err)
	}
	if err := w.office.SendGuidance("lan", c.ID, "Đề nghị xác minh bảng lương tháng 12"); err != nil {
		t.Fatal(err)
	}
	down2 := exportTo(t, w.office, "GL07", w.dir)
	if down2.Manifest.Events.Count != 1 {
		t.Fatalf("down2 %+v", down2.Manifest)
	}
	importBundle(t, w.gl07, down2.Path)
	got, _ := w.gl07.Case(c.ID)
	if got.Notes != 1 {
		t.Fatalf("guidance not seen: %+v", got)
	}
	oc, _ = w.office.Case(c.ID)
	gotJ, _ := json.Marshal(got)
	ocJ, _ := json.Marshal(oc)
	if string(gotJ) != string(ocJ) {
		t.Fatalf("case differs:\n%s\n%s", gotJ, ocJ)
	}
	// Guidance on the office's own case is a note, not guidance.
	own := storetest.Visit(t, w.office, "Vũ Thị Hoa", model.KindComplaint)
	oc2 := storetest.Accept(t, w.office, own.ID, model.KindComplaint, model.RegimeLabour)
	if err := w.office.SendGuidance("lan", oc2.ID, "x"); err == nil {
		t.Fatal("guidance on an own case")
	}
	// GL08 got nothing of GL07's.
	for _, e := range syncEvents(t, w.gl8) {
		if e.Site != "GL08" {
			t.Fatalf("GL08 holds %s", e.Key())
		}
	}
	if probs := checkSparse(w.gl07); len(probs) != 0 {
		t.Fatal(probs)
	}
}

// checkSparse is Check without its complaints about gaps in the parent's
// chain: a child holds only the parent's events addressed to it, and
// Check (store/maint.go) does not know that yet.
func checkSparse(s *store.Store) []store.Problem {
	var out []store.Problem
	for _, p := range s.Check() {
		if !strings.Contains(p.EN, "is missing (found") {
			out = append(out, p)
		}
	}
	return out
}

func TestPeersStatus(t *testing.T) {
	w := newSyncWorld(t)
	for _, to := range []string{"GL07", "GL07", "GL08"} {
		if _, err := w.office.TransferPetition("lan", to, model.Petition{Summary: "Đơn chuyển cho " + to}); err != nil {
			t.Fatal(err)
		}
	}
	ps := w.office.Peers()
	if len(ps) != 2 || ps[0].Code != "GL07" || ps[0].Waiting != 2 || ps[1].Waiting != 1 || ps[0].Relation != store.RelChild {
		t.Fatalf("peers %+v", ps)
	}
	x := exportTo(t, w.office, "GL07", w.dir)
	if p := peerStatus(t, w.office, "GL07"); p.Sent.Number != 1 || p.Sent.File != filepath.Base(x.Path) || p.Sent.Events != 2 {
		t.Fatalf("sent %+v", p.Sent)
	}
	importBundle(t, w.gl07, x.Path)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	if p := peerStatus(t, w.office, "GL07"); p.Waiting != 0 || p.Received.Number != 1 {
		t.Fatalf("after ack %+v", p)
	}
	if p := peerStatus(t, w.gl07, "HN01"); p.DataAge(w.clk.Now()) != 0 || p.Received.Number != 1 {
		t.Fatalf("site's view %+v", p)
	}
}

// --- refusals: each its own bundle, its own message, nothing changed ---

func TestRefuseTampered(t *testing.T) {
	w := newSyncWorld(t)
	for i := 0; i < 30; i++ {
		storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	}
	x := exportTo(t, w.gl07, "HN01", w.dir)
	b, _ := os.ReadFile(x.Path)
	b[len(b)/2] ^= 1
	os.WriteFile(x.Path, b, 0o644)
	bundleRefused(t, w.office, x.Path, bundle.ErrDamaged, "bị hỏng hoặc bị sửa", "damaged or altered")
	// The damage is in the first chunk, where the manifest is: the
	// sender cannot be told, the file name is kept.
	rs := w.office.Refusals()
	if len(rs) != 1 || rs[0].Code != "damaged" || rs[0].From != "" || rs[0].File != filepath.Base(x.Path) || rs[0].Reason.VI == "" {
		t.Fatalf("refusals %+v", rs)
	}
	if p := peerStatus(t, w.office, "GL07"); p.Received.Number != 0 {
		t.Fatalf("peer %+v", p)
	}
}

func TestRefuseTruncated(t *testing.T) {
	w := newSyncWorld(t)
	for i := 0; i < 30; i++ {
		storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	}
	x := exportTo(t, w.gl07, "HN01", w.dir)
	b, _ := os.ReadFile(x.Path)
	os.WriteFile(x.Path, b[:len(b)-100], 0o644)
	bundleRefused(t, w.office, x.Path, bundle.ErrDamaged, "Hãy chép lại", "Copy it again")
}

func TestRefuseForgedByAnotherKey(t *testing.T) {
	w := newSyncWorld(t)
	// A file set up as GL07 with other keys writes a bundle "from GL07".
	forger := storetest.NewAt(t, "GL07", "HN01", &storetest.Clock{T: storetest.Start.Add(time.Minute)})
	if _, err := forger.PinPeer(keyCard(t, w.office), store.PinOptions{}); err != nil {
		t.Fatal(err)
	}
	storetest.Visit(t, forger, "Kẻ Mạo Danh", model.KindDenunciation)
	x := exportTo(t, forger, "HN01", w.dir)
	bundleRefused(t, w.office, x.Path, bundle.ErrSignature, "khóa khác", "another key", "GL07")
}

func TestRefuseWronglyAddressed(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	x := exportTo(t, w.gl07, "HN01", w.dir)
	// Given to another site: encrypted for HN01's key.
	bundleRefused(t, w.gl8, x.Path, bundle.ErrRecipient, "đơn vị khác", "another site")
	// Forwarded: HN01 decrypts its bundle and re-encrypts it for HN09,
	// which pins GL07 too. The signed manifest still says HN01.
	hn09 := storetest.NewAt(t, "HN09", "", w.clk)
	pinBoth(t, hn09, w.gl07)
	fwd := reencryptBundle(t, x.Path, w.office, hn09, nil)
	bundleRefused(t, hn09, fwd, bundle.ErrRecipient, "HN01", "addressed to site HN01")
}

// reencrypt decrypts a bundle with from's key, lets edit change the
// plaintext's entries, and encrypts it for to; it returns the new path.
func reencryptBundle(t *testing.T, path string, from, to *store.Store, edit func(name string, b []byte) []byte) string {
	t.Helper()
	fid, _ := from.Identity()
	tid, _ := to.Identity()
	f, _ := os.Open(path)
	defer f.Close()
	pr, err := age.Decrypt(f, fid.Age)
	if err != nil {
		t.Fatal(err)
	}
	gz, err := gzip.NewReader(pr)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	var out bytes.Buffer
	aw, _ := age.Encrypt(&out, tid.Age.Recipient())
	gw := gzip.NewWriter(aw)
	tw := tar.NewWriter(gw)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		if edit != nil {
			b = edit(h.Name, b)
		}
		h.Size = int64(len(b))
		tw.WriteHeader(h)
		tw.Write(b)
	}
	tw.Close()
	gw.Close()
	aw.Close()
	p := path + ".forwarded.age"
	os.WriteFile(p, out.Bytes(), 0o644)
	return p
}

func TestRefuseChecksumMismatchAfterStreaming(t *testing.T) {
	w := newSyncWorld(t)
	for i := 0; i < 5; i++ {
		storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	}
	x := exportTo(t, w.gl07, "HN01", w.dir)
	// Someone holding HN01's key alters one letter of the last event and
	// re-encrypts: every event streams into the import before the
	// checksum at the end says no, and all of it rolls back.
	alt := reencryptBundle(t, x.Path, w.office, w.office, func(name string, b []byte) []byte {
		if name != bundle.EventsName {
			return b
		}
		i := bytes.LastIndex(b, []byte("Nguy"))
		b[i] = 'M'
		return b
	})
	bundleRefused(t, w.office, alt, bundle.ErrChecksum, "Tổng kiểm tra", "checksum")
	// The same, committed a few events at a time as a large bundle is:
	// the batches already committed are taken back.
	defer store.SetImportBatch(4, -1)()
	bundleRefused(t, w.office, alt, bundle.ErrChecksum, "Tổng kiểm tra", "checksum")
	if _, err := w.office.ImportBundle(x.Path); err != nil {
		t.Fatal(err)
	}
	checkClean(t, w.office)
}

func TestRefuseUnknownSender(t *testing.T) {
	w := newSyncWorld(t)
	stranger := storetest.NewAt(t, "GL09", "HN01", w.clk)
	stranger.PinPeer(keyCard(t, w.office), store.PinOptions{})
	x := exportTo(t, stranger, "HN01", w.dir)
	bundleRefused(t, w.office, x.Path, bundle.ErrSender, "GL09", "donthu peer add")
	if rs := w.office.Refusals(); len(rs) != 1 || rs[0].From != "GL09" || rs[0].Code != "sender" {
		t.Fatalf("refusals %+v", rs)
	}
}

func TestRefuseNotABundle(t *testing.T) {
	w := newSyncWorld(t)
	p := filepath.Join(w.dir, "notes.txt")
	os.WriteFile(p, []byte("danh sách đoàn viên"), 0o644)
	bundleRefused(t, w.office, p, bundle.ErrNotBundle, "không phải gói", "not a donthu bundle")
	if rs := w.office.Refusals(); len(rs) != 1 || rs[0].From != "" || rs[0].Code != "format" {
		t.Fatalf("refusals %+v", rs)
	}
}

func TestRefuseChildDataFromNonChild(t *testing.T) {
	w := newSyncWorld(t)
	// HN05 pins GL07 without it being its child; GL07 is HN05's child
	// only in GL07's own view once it moves there.
	hn05 := storetest.NewAt(t, "HN05", "", w.clk)
	if _, err := hn05.PinPeer(keyCard(t, w.gl07), store.PinOptions{}); err != nil {
		t.Fatal(err)
	}
	w.gl07.PinPeer(keyCard(t, hn05), store.PinOptions{})
	if err := w.gl07.SetParent("lan", "HN05"); err != nil {
		t.Fatal(err)
	}
	x := exportTo(t, w.gl07, "HN05", w.dir)
	bundleRefused(t, hn05, x.Path, bundle.ErrContent, "--child")
	// Pinned as a child, the same bundle goes in.
	if _, err := hn05.PinPeer(keyCard(t, w.gl07), store.PinOptions{Child: true}); err != nil {
		t.Fatal(err)
	}
	importBundle(t, hn05, x.Path)
}

func TestParentChangeSendsWholeHistory(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	importBundle(t, w.gl07, exportTo(t, w.office, "GL07", w.dir).Path)
	hn02 := storetest.NewAt(t, "HN02", "", w.clk)
	if err := w.gl07.SetParent("lan", "HN02"); !errors.Is(err, store.ErrNotPeer) {
		t.Fatalf("parent without its card: %v", err)
	}
	w.gl07.PinPeer(keyCard(t, hn02), store.PinOptions{})
	if p := peerStatus(t, w.gl07, "HN02"); p.Relation != store.RelOther {
		t.Fatalf("before: %+v", p)
	}
	if err := w.gl07.SetParent("lan", "HN02"); err != nil {
		t.Fatal(err)
	}
	if id, _ := w.gl07.Identity(); id.Parent != "HN02" {
		t.Fatalf("parent %q", id.Parent)
	}
	if p := peerStatus(t, w.gl07, "HN01"); p.Relation != store.RelOther {
		t.Fatalf("old parent %+v", p)
	}
	if _, err := w.gl07.ExportBundle("HN01", w.dir); !errors.Is(err, store.ErrNotPeer) {
		t.Fatalf("export to the old parent: %v", err)
	}
	officeBefore := storetest.Events(t, w.office)
	// The new parent pins GL07's new card, which names it as the parent.
	if p, _ := hn02.PinPeer(keyCard(t, w.gl07), store.PinOptions{}); p.Relation != store.RelChild {
		t.Fatalf("new parent's view %+v", p)
	}
	x := exportTo(t, w.gl07, "HN02", w.dir)
	if x.Manifest.Events.First != 1 || x.Manifest.Events.Last != w.gl07.Heads()["GL07"] {
		t.Fatalf("not the whole history: %+v", x.Manifest.Events)
	}
	importBundle(t, hn02, x.Path)
	if hn02.Heads()["GL07"] != w.gl07.Heads()["GL07"] {
		t.Fatal("history incomplete")
	}
	site, _ := hn02.SiteInfo("GL07")
	if site.Parent != "HN02" {
		t.Fatalf("new parent sees %+v", site)
	}
	if storetest.Events(t, w.office) != officeBefore {
		t.Fatal("the old parent changed")
	}
}

func TestCardsAndBundleNeedPins(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	site := storetest.NewAt(t, "GL07", "HN01", clk)
	if _, err := site.ExportBundle("HN01", t.TempDir()); !errors.Is(err, store.ErrNotPeer) || !strings.Contains(store.Message(err, model.VI), "peer add") {
		t.Fatalf("export to an unpinned parent: %v", err)
	}
}

func TestExportPathChoices(t *testing.T) {
	w := newSyncWorld(t)
	file := filepath.Join(w.dir, "goi.age")
	if x := exportTo(t, w.gl07, "HN01", file); x.Path != file {
		t.Fatal(x.Path)
	}
	if err := w.gl07.SetExportDir(w.dir); err != nil {
		t.Fatal(err)
	}
	x := exportTo(t, w.gl07, "HN01", "")
	if filepath.Dir(x.Path) != w.dir || x.Manifest.Number != 2 {
		t.Fatalf("%+v", x)
	}
	if _, err := w.gl07.ExportBundle("HN01", filepath.Join(w.dir, "none")+"/"); err == nil {
		t.Fatal("wrote into a missing folder")
	}
	// The remembered folder is a stick that was pulled out: an error, not
	// a file named after the folder, and no number used up.
	stick := filepath.Join(w.dir, "stick")
	os.Mkdir(stick, 0o755)
	w.gl07.SetExportDir(stick)
	os.Remove(stick)
	if _, err := w.gl07.ExportBundle("HN01", ""); err == nil || !strings.Contains(store.Message(err, model.VI), "thẻ nhớ") {
		t.Fatalf("export to a missing remembered folder: %v", err)
	}
	if _, err := os.Stat(stick); err == nil {
		t.Fatal("a file took the folder's place")
	}
	if x := exportTo(t, w.gl07, "HN01", w.dir); x.Manifest.Number != 3 {
		t.Fatalf("number %d after a failed export, want 3", x.Manifest.Number)
	}
	matches, _ := filepath.Glob(filepath.Join(w.dir, ".donthu-bundle-*"))
	if len(matches) != 0 {
		t.Fatalf("temporary files left: %v", matches)
	}
}

func TestInspectChangesNothing(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	x := exportTo(t, w.gl07, "HN01", w.dir)
	var in store.Inspected
	var err error
	syncUnchanged(t, w.office, func() { in, err = w.office.InspectBundle(x.Path) })
	if err != nil || !in.Verified || in.New != x.Manifest.Events.Count || in.Held != 0 || in.Manifest.From != "GL07" {
		t.Fatalf("%v %+v", err, in)
	}
	importBundle(t, w.office, x.Path)
	in, err = w.office.InspectBundle(x.Path)
	if !errors.Is(err, bundle.ErrReplay) || in.Held != x.Manifest.Events.Count || in.New != 0 {
		t.Fatalf("after import: %v %+v", err, in)
	}
	// Read-only, as `donthu bundle inspect` opens the file.
	path := w.office.Path()
	w.office.Close()
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.InspectBundle(x.Path); !errors.Is(err, store.ErrKeysSealed) {
		t.Fatalf("a bundle opened without signing in: %v", err)
	}
	if _, err := ro.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if _, err := ro.InspectBundle(x.Path); !errors.Is(err, bundle.ErrReplay) {
		t.Fatal(err)
	}
}

// TestRestoredFromOldBackupGetsItsEventsBack: a site whose laptop died is
// restored from an old backup. The office's next bundle tells it the
// office holds more of its chain: it writes nothing until then (no seq,
// no number given twice), its own bundle (reusing a number) is not taken
// for a replay, the office returns what it lacks, and both files end
// with the same chain; new work then numbers past everything.
func TestRestoredFromOldBackupGetsItsEventsBack(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	old := filepath.Join(w.dir, "gl07-old.db")
	if err := w.gl07.Backup(old); err != nil {
		t.Fatal(err)
	}
	lost := storetest.Visit(t, w.gl07, "Trần Thị Bình", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	before := w.gl07.Heads()["GL07"]
	down := exportTo(t, w.office, "GL07", w.dir)
	// The site's laptop dies; the next day the old backup is put back.
	w.clk.Advance(24 * time.Hour)
	restored, err := store.Open(old, store.Options{Now: w.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if _, err := restored.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	r := importBundle(t, restored, down.Path)
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].VI, "bản sao lưu cũ") || !strings.Contains(r.Warnings[0].EN, "nothing can be saved") {
		t.Fatalf("warnings %+v", r.Warnings)
	}
	if p := peerStatus(t, restored, "HN01"); p.Acked != restored.Heads()["GL07"] {
		t.Fatalf("acknowledgement beyond this file's own events: %+v", p)
	}
	// Nothing is saved that would collide with what the office holds.
	_, _, err = restored.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Content: "Hỏi", Outcome: model.OutcomeAnswered},
		NewPersons: []model.Person{{Name: "Lê Văn Cường"}}})
	if !errors.Is(err, store.ErrRestored) {
		t.Fatalf("a write while the office holds more: %v", err)
	}
	refusal(t, err)
	// Its bundle reuses a number the office has seen: not a replay.
	up := exportTo(t, restored, "HN01", w.dir)
	if up.Manifest.Number > peerStatus(t, w.office, "GL07").Received.Number {
		t.Fatalf("the test needs a reused number: %d", up.Manifest.Number)
	}
	importBundle(t, w.office, up.Path)
	back := exportTo(t, w.office, "GL07", w.dir)
	if back.Manifest.Returned == nil || back.Manifest.Returned.Last != before {
		t.Fatalf("the office returned %+v, want up to %d", back.Manifest.Returned, before)
	}
	r = importBundle(t, restored, back.Path)
	if restored.Heads()["GL07"] != before || len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0].EN, "returned") {
		t.Fatalf("after the return: head %d (want %d), warnings %+v", restored.Heads()["GL07"], before, r.Warnings)
	}
	if got, err := restored.Petition(lost.ID); err != nil || got.No != lost.No {
		t.Fatalf("the lost petition is not back: %+v %v", got, err)
	}
	// New work numbers past everything, and travels up.
	p := storetest.Visit(t, restored, "Lê Văn Cường", model.KindComplaint)
	if p.No == lost.No || p.No <= lost.No {
		t.Fatalf("numbered %s after %s came back", p.No, lost.No)
	}
	importBundle(t, w.office, exportTo(t, restored, "HN01", w.dir).Path)
	if a, b := w.office.Heads()["GL07"], restored.Heads()["GL07"]; a != b {
		t.Fatalf("office holds GL07 to %d, the site to %d", a, b)
	}
	if probs := checkSparse(restored); len(probs) != 0 {
		t.Fatalf("check: %v", probs)
	}
	if q := w.office.Quarantined(); len(q) != 0 {
		t.Fatalf("quarantined: %v", q)
	}
}

func TestSetParentNeedsAnAdministrator(t *testing.T) {
	w := newSyncWorld(t)
	hn02 := storetest.NewAt(t, "HN02", "", w.clk)
	w.gl07.PinPeer(keyCard(t, hn02), store.PinOptions{})
	if err := w.gl07.CreateUser("lan", model.User{Login: "tam", Name: "Lê Thị Tâm", Roles: []model.Role{model.RoleReceptionist}}, "matkhau"); err != nil {
		t.Fatal(err)
	}
	if err := w.gl07.SetParent("tam", "HN02"); !errors.Is(err, store.ErrForbidden) {
		t.Fatalf("a receptionist changed the parent: %v", err)
	}
	if err := w.gl07.SetParent("lan", "GL08"); !errors.Is(err, store.ErrNotPeer) {
		t.Fatalf("parent not pinned: %v", err)
	}
	if err := w.office.SetParent("lan", "GL07"); !errors.Is(err, store.ErrNotPeer) {
		t.Fatalf("a child made parent: %v", err)
	}
}

func TestOfficeActionsRefuseBadInput(t *testing.T) {
	w := newSyncWorld(t)
	if _, err := w.office.TransferPetition("lan", "GL07", model.Petition{}); err == nil || store.Message(err, model.EN) != "Summarise the petition" {
		t.Fatalf("empty summary: %v", err)
	}
	if err := w.office.SendGuidance("lan", "case:GL07.99", "Hướng dẫn"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown case: %v", err)
	}
	if err := w.office.SendGuidance("lan", "case:GL07.99", "  "); err == nil {
		t.Fatal("empty guidance")
	}
	// A transferred petition keeps no person ids of the office, and the
	// office's inbox does not show it.
	p := storetest.Visit(t, w.office, "Đỗ Văn Em", model.KindDenunciation)
	tp, err := w.office.TransferPetition("lan", "GL07", model.Petition{Summary: "Tố cáo", Senders: p.Senders, Kind: model.KindDenunciation, Classified: true, Decision: model.DecisionAccept})
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := w.office.PetitionSenderName(&tp); len(tp.Senders) != 0 || tp.SenderName != "" || name != "Đỗ Văn Em" || !tp.Confidential || tp.Classified || tp.Decision != "" {
		t.Fatalf("transferred %+v", tp)
	}
	for _, q := range storetest.Must(w.office.Inbox()) {
		if q.ID == tp.ID {
			t.Fatal("the transferred petition is in the office's own inbox")
		}
	}
}

// An office's own change to a child's record (a note, from any path) is
// addressed to the child: the next bundle carries it down, and both
// copies fold the same events and agree.
func TestOfficeEditOfChildRecordTravelsDown(t *testing.T) {
	w := newSyncWorld(t)
	p := storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	c := storetest.Accept(t, w.gl07, p.ID, model.KindComplaint, model.RegimeLabour)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	if err := w.office.AddNote("lan", c.ID, "Cấp trên đã gọi điện cho công ty"); err != nil {
		t.Fatal(err)
	}
	tl, _ := w.office.Timeline(c.ID)
	if last := tl[len(tl)-1]; last.Site != "HN01" || last.To != "GL07" {
		t.Fatalf("the office's note on GL07's case is %s to %q", last.Key(), last.To)
	}
	down := exportTo(t, w.office, "GL07", w.dir)
	if down.Manifest.Events.Types["note.added"] != 1 {
		t.Fatalf("down %+v", down.Manifest.Events)
	}
	importBundle(t, w.gl07, down.Path)
	office, _ := w.office.Case(c.ID)
	child, _ := w.gl07.Case(c.ID)
	if child.Notes != 1 || office.Notes != child.Notes || office.Updated != child.Updated {
		t.Fatalf("copies differ: office %d notes, child %d", office.Notes, child.Notes)
	}
	// The office's own records stay unaddressed.
	op := storetest.Visit(t, w.office, "Lê Văn Cường", model.KindComplaint)
	if err := w.office.AddNote("lan", op.ID, "ghi chú"); err != nil {
		t.Fatal(err)
	}
	if tl, _ := w.office.Timeline(op.ID); tl[len(tl)-1].To != "" {
		t.Fatalf("the office's note on its own petition is addressed to %q", tl[len(tl)-1].To)
	}
}

// TestDamagedCopyOfAnImportedBundle: a copy of a bundle already imported
// with a byte flipped, cut short, or with a byte appended is refused as
// damaged (not reported as "already imported, nothing changed"): the
// payload is authenticated before replay is judged.
func TestDamagedCopyOfAnImportedBundle(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	x := exportTo(t, w.gl07, "HN01", w.dir)
	importBundle(t, w.office, x.Path)
	raw, err := os.ReadFile(x.Path)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"flipped":  append(append([]byte(nil), raw[:len(raw)-40]...), append([]byte{raw[len(raw)-40] ^ 1}, raw[len(raw)-39:]...)...),
		"cut":      raw[:len(raw)-17],
		"appended": append(append([]byte(nil), raw...), 'x'),
	} {
		path := filepath.Join(w.dir, name+".age")
		os.WriteFile(path, b, 0o600)
		var err error
		syncUnchanged(t, w.office, func() { _, err = w.office.ImportBundle(path) })
		if err == nil || errors.Is(err, bundle.ErrReplay) || !errors.Is(err, store.ErrImport) {
			t.Fatalf("%s copy: %v", name, err)
		}
	}
	// The whole copy is still a replay.
	bundleRefused(t, w.office, x.Path, bundle.ErrReplay)
}

// TestCheckShowsQuarantine: an equivocation held apart by an import is
// one of the problems check reports, with what to do.
func TestCheckShowsQuarantine(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	evs := storetest.AllEvents(t, w.gl07)
	other := evs[len(evs)-1]
	other.Author = "someone else"
	if r := storetest.Import(t, w.office, []model.Event{other}); len(r.Quarantined) != 1 {
		t.Fatalf("not quarantined: %+v", r)
	}
	var found bool
	for _, p := range w.office.Check() {
		if strings.Contains(p.EN, "sent two different events numbered") && strings.Contains(p.VI, "giữ riêng") {
			found = true
		}
	}
	if !found {
		t.Fatalf("check does not show the quarantined event: %v", w.office.Check())
	}
}

// A copy of the log opened as the live file cannot know what its parent
// received after the copy was made: it saves nothing until the parent
// has answered, while sign-ins are still recorded, and enter the log
// after the events the parent returns.
func TestACopyWritesNothingUntilItsParentAnswers(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	old := filepath.Join(w.dir, "gl07-copy.db")
	if err := w.gl07.Backup(old); err != nil {
		t.Fatal(err)
	}
	w.clk.Advance(time.Hour)
	lost := storetest.Visit(t, w.gl07, "Trần Thị Bình", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	before := w.gl07.Heads()["GL07"]

	w.clk.Advance(24 * time.Hour)
	restored, err := store.Open(old, store.Options{Now: w.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	if _, err := restored.SignIn("lan", storetest.Password); err != nil {
		t.Fatalf("a copy refuses the sign-in: %v", err)
	}
	_, _, err = restored.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Content: "Hỏi", Outcome: model.OutcomeAnswered},
		NewPersons: []model.Person{{Name: "Lê Văn Cường"}}})
	if !errors.Is(err, store.ErrRestored) {
		t.Fatalf("a copy saved before its parent answered: %v", err)
	}
	refusal(t, err)
	if h := restored.Held(); len(h) != 1 || h[0].Type != model.EvSignedIn || h[0].Author != "lan" {
		t.Fatalf("held audit: %+v", h)
	}
	held := 0
	restored.AuditLog(store.AuditFilter{User: "lan"}, func(l store.AuditLine) error {
		if l.Held {
			held++
		}
		return nil
	})
	if held != 1 {
		t.Fatalf("the audit lists %d held events, want the sign-in", held)
	}
	mine := restored.Heads()["GL07"]

	// The parent answers what the copy says it holds.
	importBundle(t, w.office, exportTo(t, restored, "HN01", w.dir).Path)
	w.clk.Advance(time.Minute)
	r := importBundle(t, restored, exportTo(t, w.office, "GL07", w.dir).Path)
	if restored.Heads()["GL07"] != before {
		t.Fatalf("after the answer: head %d, want %d (warnings %+v)", restored.Heads()["GL07"], before, r.Warnings)
	}
	if got, err := restored.Petition(lost.ID); err != nil || got.No != lost.No {
		t.Fatalf("the lost petition is not back: %+v %v", got, err)
	}
	p := storetest.Visit(t, restored, "Lê Văn Cường", model.KindComplaint)
	if p.No <= lost.No {
		t.Fatalf("numbered %s after %s came back", p.No, lost.No)
	}
	if h := restored.Held(); len(h) != 0 {
		t.Fatalf("still held: %+v", h)
	}
	// The sign-in entered the log after the returned events, with the
	// time it happened.
	var signIns []model.Event
	restored.AuditLog(store.AuditFilter{Type: string(model.EvSignedIn)}, func(l store.AuditLine) error {
		if l.Site == "GL07" && l.Seq > mine {
			signIns = append(signIns, l.Event)
		}
		return nil
	})
	if len(signIns) != 1 || signIns[0].Seq <= before {
		t.Fatalf("sign-ins in the log: %+v", signIns)
	}
	var n model.AuditNote
	if err := json.Unmarshal(signIns[0].Data, &n); err != nil || n.Happened.IsZero() || !n.Happened.Before(signIns[0].At) {
		t.Fatalf("when it happened: %+v %v (logged at %v)", n, err, signIns[0].At)
	}
	importBundle(t, w.office, exportTo(t, restored, "HN01", w.dir).Path)
	if a, b := w.office.Heads()["GL07"], restored.Heads()["GL07"]; a != b {
		t.Fatalf("office holds GL07 to %d, the site to %d", a, b)
	}
	if q := w.office.Quarantined(); len(q) != 0 {
		t.Fatalf("quarantined: %v", q)
	}
	if probs := checkSparse(restored); len(probs) != 0 {
		t.Fatalf("check: %v", probs)
	}
}

// A copy of an office with no parent holds all there is of its chain.
func TestACopyWithoutParentWritesAtOnce(t *testing.T) {
	w := newSyncWorld(t)
	old := filepath.Join(w.dir, "hn01-copy.db")
	if err := w.office.Backup(old); err != nil {
		t.Fatal(err)
	}
	c, err := store.Open(old, store.Options{Now: w.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	storetest.Visit(t, c, "Nguyễn Văn An", model.KindComplaint)
}

// openCopy opens a copy of the backup at path as the live file.
func openCopy(t *testing.T, w *syncWorld, path, name string) *store.Store {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(w.dir, name)
	if err := os.WriteFile(p, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(p, store.Options{Now: w.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestACopyIsClearedOnlyByItsAnswer: a bundle the office made before the
// copy (its clock days ahead, so by the clocks it looks newer) does not
// let the copy save; the office's answer to the copy's own bundle does.
func TestACopyIsClearedOnlyByItsAnswer(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	// The office's clock is three days ahead: its bundle, made now,
	// says it was made after the backup below.
	w.clk.Advance(72 * time.Hour)
	early := exportTo(t, w.office, "GL07", w.dir)
	w.clk.Advance(-72 * time.Hour)
	backup := filepath.Join(w.dir, "gl07-backup.db")
	if err := w.gl07.Backup(backup); err != nil {
		t.Fatal(err)
	}
	storetest.Visit(t, w.gl07, "Trần Thị Bình", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	want := w.gl07.Heads()["GL07"]

	c := openCopy(t, w, backup, "restored.db")
	importBundle(t, c, early.Path)
	if st := c.Copy(); !st.Waiting || st.Parent != "HN01" || st.Held != 1 {
		t.Fatalf("after a bundle made before the copy: %+v", st)
	}
	if _, _, err := c.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Content: "Hỏi", Outcome: model.OutcomeAnswered},
		NewPersons: []model.Person{{Name: "Lê Văn Cường"}}}); !errors.Is(err, store.ErrRestored) {
		t.Fatalf("saved on a bundle made before the copy: %v", err)
	}
	w.clk.Advance(time.Minute)
	importBundle(t, w.office, exportTo(t, c, "HN01", w.dir).Path)
	w.clk.Advance(time.Minute)
	importBundle(t, c, exportTo(t, w.office, "GL07", w.dir).Path)
	if st := c.Copy(); st.Waiting || st.Held != 1 || c.Heads()["GL07"] < want {
		t.Fatalf("after the answer: %+v, head %d want %d", st, c.Heads()["GL07"], want)
	}
	storetest.Visit(t, c, "Lê Văn Cường", model.KindComplaint)
	if st := c.Copy(); st.Held != 0 {
		t.Fatalf("the sign-in still waits after a save: %+v", st)
	}
	importBundle(t, w.office, exportTo(t, c, "HN01", w.dir).Path)
}

// TestRestoringAnAbandonedHistory: a backup holds events the office never
// got; an earlier restore abandoned them and the site wrote on. Restoring
// that backup later, and a bundle of it still on a stick, must not stop
// the site from syncing: the histories converge without an administrator.
func TestRestoringAnAbandonedHistory(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	a := filepath.Join(w.dir, "a.db")
	if err := w.gl07.Backup(a); err != nil {
		t.Fatal(err)
	}
	w.clk.Advance(time.Hour)
	storetest.Visit(t, w.gl07, "Trần Thị Bình", model.KindComplaint) // never reaches the office
	// ... but is on the stick, in the folder every later bundle is
	// written to: the restored copy's bundles, numbered again from 2,
	// must not write over it.
	stick := exportTo(t, w.gl07, "HN01", w.dir)
	b := filepath.Join(w.dir, "b.db")
	if err := w.gl07.Backup(b); err != nil {
		t.Fatal(err)
	}
	// The laptop dies; backup a is restored, answered, and writes on.
	w.clk.Advance(time.Hour)
	ra := openCopy(t, w, a, "ra.db")
	importBundle(t, w.office, exportTo(t, ra, "HN01", w.dir).Path)
	w.clk.Advance(time.Minute)
	importBundle(t, ra, exportTo(t, w.office, "GL07", w.dir).Path)
	storetest.Visit(t, ra, "Lê Văn Cường", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, ra, "HN01", w.dir).Path)

	// The stick turns up at the office.
	w.clk.Advance(time.Hour)
	// It holds the abandoned visit: set aside, not refused, not applied.
	r := importBundle(t, w.office, stick.Path)
	if !strings.Contains(fmt.Sprint(r.Warnings), "abandoned history") {
		t.Fatalf("the stick's bundle: warnings %+v", r.Warnings)
	}
	// Then backup b is restored.
	rb := openCopy(t, w, b, "rb.db")
	w.clk.Advance(time.Minute)
	if _, err := w.office.ImportBundle(exportTo(t, rb, "HN01", w.dir).Path); err != nil {
		t.Fatalf("the office refuses the restored copy of an abandoned history: %v", err)
	}
	w.clk.Advance(time.Minute)
	r, err := rb.ImportBundle(exportTo(t, w.office, "GL07", w.dir).Path)
	if err != nil {
		t.Fatalf("the copy refuses its office's answer: %v", err)
	}
	if !strings.Contains(fmt.Sprint(r.Warnings), "abandoned history") {
		t.Fatalf("the copy does not say it set its own events aside: %+v", r.Warnings)
	}
	storetest.Visit(t, rb, "Phạm Thị Dung", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, rb, "HN01", w.dir).Path)
	if w.office.Heads()["GL07"] != rb.Heads()["GL07"] {
		t.Fatalf("heads differ: office %d, site %d", w.office.Heads()["GL07"], rb.Heads()["GL07"])
	}
	for _, s := range []*store.Store{w.office, rb} {
		if p := s.Check(); len(p) > 0 {
			t.Fatalf("%s: %v", s.Site(), p)
		}
		if len(s.Quarantined()) > 0 {
			t.Fatalf("%s quarantined events", s.Site())
		}
	}
	// The abandoned visit is kept aside, whole, at both ends.
	for _, s := range []*store.Store{w.office, rb} {
		found := false
		for _, e := range s.Abandoned() {
			found = found || strings.Contains(string(e.Data), "Trần Thị Bình")
		}
		if !found {
			t.Fatalf("%s does not keep the abandoned visit aside: %d events aside", s.Site(), len(s.Abandoned()))
		}
	}
}

// TestSalvagedHolesRefilledByTheParent: a site's file loses a page of
// its log in the middle; salvage keeps what is intact on both sides of
// the hole. The office holds the whole chain: the salvaged file's
// bundle says how far it is whole, and the answer fills the hole, so
// both hold the same chain and state again.
func TestSalvagedHolesRefilledByTheParent(t *testing.T) {
	w := newSyncWorld(t)
	for i := range 80 {
		storetest.Visit(t, w.gl07, []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"}[i%4], model.KindComplaint)
	}
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	head := w.gl07.Heads()["GL07"]
	path := w.gl07.Path()
	w.gl07.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zeroEvent(t, raw, "GL07", head/2)
	damaged := filepath.Join(w.dir, "damaged.db")
	if err := os.WriteFile(damaged, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(w.dir, "saved.db")
	rep, err := store.Salvage(damaged, saved)
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewKeys {
		// The settings page was intact: the site's keys, sealed per
		// user since #12, must come through (they used to be dropped).
		t.Fatalf("salvage made new keys: %+v", rep)
	}
	if rep.Recovered["GL07"] >= head || rep.Recovered["GL07"] == 0 {
		t.Fatalf("recovered %d of %d: the damage made no hole", rep.Recovered["GL07"], head)
	}
	s, err := store.Open(saved, store.Options{Now: w.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if s.Heads()["GL07"] != head {
		t.Fatalf("the salvaged file ends at %d, want %d (the hole is in the middle)", s.Heads()["GL07"], head)
	}
	w.clk.Advance(time.Minute)
	importBundle(t, w.office, exportTo(t, s, "HN01", w.dir).Path)
	w.clk.Advance(time.Minute)
	r := importBundle(t, s, exportTo(t, w.office, "GL07", w.dir).Path)
	if !strings.Contains(fmt.Sprint(r.Warnings), "lost in the middle") {
		t.Fatalf("warnings: %+v", r.Warnings)
	}
	if p := s.Check(); len(p) > 0 {
		t.Fatal(p)
	}
	if got, want := ownEvents(t, s, "GL07"), ownEvents(t, w.office, "GL07"); got != want {
		t.Fatal("the salvaged file's chain differs from the office's after the answer")
	}
	if s.Copy().Waiting {
		t.Fatalf("still waiting: %+v", s.Copy())
	}
	storetest.Visit(t, s, "Lê Văn Cường", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, s, "HN01", w.dir).Path)
}

// ownEvents is the dump of site's events that s holds.
func ownEvents(t *testing.T, s *store.Store, site string) string {
	t.Helper()
	var keep []string
	for _, l := range strings.Split(storetest.Events(t, s), "\n") {
		if strings.Contains(l, `"site":"`+site+`"`) {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

// TestACopyWithASlowClockIsAnswered: a site restored on a laptop whose
// clock is behind makes its first bundle under a number already used and
// with an earlier date than the last one the office imported. It is not
// a replay: the copy names itself, and the office answers it.
func TestACopyWithASlowClockIsAnswered(t *testing.T) {
	w := newSyncWorld(t)
	storetest.Visit(t, w.gl07, "Nguyễn Văn An", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	backup := filepath.Join(w.dir, "gl07-backup.db")
	if err := w.gl07.Backup(backup); err != nil {
		t.Fatal(err)
	}
	w.clk.Advance(2 * time.Hour)
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path) // bundle 2, nothing new
	w.clk.Advance(-90 * time.Minute)                                   // the new laptop's clock
	c := openCopy(t, w, backup, "restored.db")
	x := exportTo(t, c, "HN01", w.dir)
	if x.Manifest.Number != 2 || !x.Manifest.Created.Before(w.clk.Now().Add(time.Minute)) {
		t.Fatalf("the copy's bundle: %+v", x.Manifest)
	}
	importBundle(t, w.office, x.Path)
	importBundle(t, c, exportTo(t, w.office, "GL07", w.dir).Path)
	if c.Copy().Waiting {
		t.Fatalf("the copy still waits: %+v", c.Copy())
	}
	storetest.Visit(t, c, "Trần Thị Bình", model.KindComplaint)
}

// zeroEvent zeroes every leaf page of a data file's bytes that holds the
// event (site, seq): bbolt leaves older copies of a page in the file,
// and salvage would find those.
func zeroEvent(t *testing.T, raw []byte, site string, seq uint64) {
	t.Helper()
	key := append([]byte(site+"\x00"), 0, 0, 0, 0, 0, 0, 0, 0)
	binary.BigEndian.PutUint64(key[len(site)+1:], seq)
	const ps = 4096
	zeroed := 0
	for off := 0; ; {
		i := bytes.Index(raw[off:], key)
		if i < 0 {
			break
		}
		at := (off + i) / ps * ps
		if binary.LittleEndian.Uint16(raw[at+8:]) == 0x02 { // a leaf page
			clear(raw[at : at+ps])
			zeroed++
		}
		off += i + 1
	}
	if zeroed == 0 {
		t.Fatal("no leaf page holds the event")
	}
}

// TestSalvagedHoleNobodyHolds: the hole is in events the office never
// got. They are lost; the events after the hole cannot link to the
// chain the office holds, so they are set aside at both ends, and the
// site syncs again from where the office stands.
func TestSalvagedHoleNobodyHolds(t *testing.T) {
	w := newSyncWorld(t)
	names := []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung"}
	for i := range 40 {
		storetest.Visit(t, w.gl07, names[i%4], model.KindComplaint)
	}
	importBundle(t, w.office, exportTo(t, w.gl07, "HN01", w.dir).Path)
	sent := w.gl07.Heads()["GL07"]
	for i := range 40 {
		storetest.Visit(t, w.gl07, names[i%4], model.KindComplaint)
	}
	head := w.gl07.Heads()["GL07"]
	path := w.gl07.Path()
	w.gl07.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	zeroEvent(t, raw, "GL07", sent+(head-sent)/2)
	damaged := filepath.Join(w.dir, "damaged.db")
	if err := os.WriteFile(damaged, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	saved := filepath.Join(w.dir, "saved.db")
	if _, err := store.Salvage(damaged, saved); err != nil {
		t.Fatal(err)
	}
	s, err := store.Open(saved, store.Options{Now: w.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	w.clk.Advance(time.Minute)
	r, err := w.office.ImportBundle(exportTo(t, s, "HN01", w.dir).Path)
	if err != nil {
		t.Fatalf("the office refuses the salvaged file's bundle: %v", err)
	}
	if !strings.Contains(fmt.Sprint(r.Warnings), "abandoned history") || len(w.office.Abandoned()) == 0 {
		t.Fatalf("the office does not set the unlinkable events aside: %+v", r.Warnings)
	}
	w.clk.Advance(time.Minute)
	importBundle(t, s, exportTo(t, w.office, "GL07", w.dir).Path)
	if s.Copy().Waiting || len(s.Abandoned()) == 0 {
		t.Fatalf("after the answer: %+v, %d aside", s.Copy(), len(s.Abandoned()))
	}
	if p := s.Check(); len(p) > 0 {
		t.Fatal(p)
	}
	if got, want := ownEvents(t, s, "GL07"), ownEvents(t, w.office, "GL07"); got != want {
		t.Fatal("the salvaged file's chain differs from the office's after the answer")
	}
	storetest.Visit(t, s, "Lê Văn Cường", model.KindComplaint)
	importBundle(t, w.office, exportTo(t, s, "HN01", w.dir).Path)
	if w.office.Heads()["GL07"] != s.Heads()["GL07"] {
		t.Fatalf("heads: office %d, site %d", w.office.Heads()["GL07"], s.Heads()["GL07"])
	}
}
