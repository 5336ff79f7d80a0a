package store

import (
	"bytes"
	"encoding/binary"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// openSite opens a new file at path with site GL07 and user lan signed in.
func openSite(t *testing.T, path string) *Store { return openSiteCode(t, path, "GL07") }

// openSiteCode is openSite for the site code.
func openSiteCode(t *testing.T, path, code string) *Store {
	t.Helper()
	CheapPasswordsForTests()
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Init(SiteInit{Code: code, Name: "Công đoàn cơ sở", Login: "lan", UserName: "Lan", Password: "matkhau1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SignIn("lan", "matkhau1"); err != nil {
		t.Fatal(err)
	}
	return s
}

// answered records a visit of a new person, answered at the desk, and
// a note on it unless note is "".
func answered(t *testing.T, s *Store, content, note string) (model.Visit, *model.Petition) {
	t.Helper()
	v, p, err := s.RecordVisit("lan", VisitInput{
		Visit:      model.Visit{Content: content, Outcome: model.OutcomeAnswered},
		NewPersons: []model.Person{{Name: "Trần Văn Bình", BirthYear: 1985}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if note != "" {
		if err := s.AddNote("lan", v.ID, note); err != nil {
			t.Fatal(err)
		}
	}
	return v, p
}

func stateRaw(t *testing.T, s *Store, id string) []byte {
	t.Helper()
	var b []byte
	s.db.View(func(tx *bolt.Tx) error {
		b = append([]byte(nil), tx.Bucket(bState).Bucket([]byte(model.EntityKind(id))).Get([]byte(id))...)
		return nil
	})
	return b
}

func mustClean(t *testing.T, s *Store) {
	t.Helper()
	for _, p := range s.Check() {
		t.Error(p.EN)
	}
}

// dumped returns what dump (DumpState, DumpEvents) writes.
func dumped(t *testing.T, dump func(io.Writer) error) string {
	t.Helper()
	var buf bytes.Buffer
	if err := dump(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// A visit's projection is its one event folded: it is kept as a
// reference to that event, read back whole, and stored in full once a
// second event (a note) changes the visit. check, rebuild and dump see
// no difference.
func TestVisitKeptByReference(t *testing.T) {
	s := openSite(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	v1, _, err := s.RecordVisit("lan", VisitInput{
		Visit:      model.Visit{Content: "Hỏi về lương tháng 11", Outcome: model.OutcomeAnswered},
		NewPersons: []model.Person{{Name: "Trần Văn Bình", BirthYear: 1980}},
	})
	if err != nil {
		t.Fatal(err)
	}
	v2, _, err := s.RecordVisit("lan", VisitInput{
		Visit: model.Visit{Content: "Hỏi về bảo hiểm", Outcome: model.OutcomeGuided, Persons: v1.Persons},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []model.Visit{v1, v2} {
		raw := stateRaw(t, s, v.ID)
		if !isRef(raw) || len(raw) != 1 { // its id names its event: the tag alone
			t.Fatalf("%s stored as %q, not by a bare reference", v.ID, raw)
		}
		got, err := s.Visit(v.ID)
		if err != nil || got.Content != v.Content || got.No != v.No || len(got.Persons) != 1 {
			t.Fatalf("%s read back as %+v, %v", v.ID, got, err)
		}
	}
	// Schema 5 wrote the event's key after the tag: it reads the same.
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bState).Bucket([]byte(model.EntVisit)).Put([]byte(v1.ID), append([]byte{tagRef}, madeBy(v1.ID)...))
	})
	if got, err := s.Visit(v1.ID); err != nil || got.Content != v1.Content {
		t.Fatalf("%s by its schema-5 reference read back as %+v, %v", v1.ID, got, err)
	}
	mustClean(t, s)
	if no := s.findByNo(model.EntVisit, v2.No); no != v2.ID {
		t.Errorf("the number %s finds %q", v2.No, no)
	}
	if err := s.AddNote("lan", v1.ID, "Đã gọi lại cho người lao động"); err != nil {
		t.Fatal(err)
	}
	if raw := stateRaw(t, s, v1.ID); isRef(raw) {
		t.Fatal("a visit with a note is still kept by reference")
	}
	if got, _ := s.Visit(v1.ID); got.Note != "Đã gọi lại cho người lao động" || got.Content != v1.Content {
		t.Fatalf("after a note: %+v", got)
	}
	mustClean(t, s)
	before := dumped(t, s.DumpState)
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if !isRef(stateRaw(t, s, v2.ID)) || isRef(stateRaw(t, s, v1.ID)) {
		t.Error("rebuild did not keep the single-event visit by reference (and only it)")
	}
	if after := dumped(t, s.DumpState); after != before {
		t.Errorf("the state changed in rebuild:\n%s\n%s", before, after)
	}
	mustClean(t, s)

	// A reference to another event is damage, and check says so.
	s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bState).Bucket([]byte(model.EntVisit)).Put([]byte(v2.ID), refValue(v2.ID, evKey("GL07", 1)))
	})
	if len(s.Check()) == 0 {
		t.Error("check passed a reference to the wrong event")
	}
}

// A file of schema 4 stored every visit in full. Opening it backs it up
// first, then keeps each single-event visit by reference; what it holds
// reads the same and checks clean.
func TestUpgradeKeepsVisitsByReference(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	s := openSite(t, path)
	var ids []string
	for i := range 300 {
		v, _, err := s.RecordVisit("lan", VisitInput{
			Visit:      model.Visit{Content: "Hỏi về chế độ thai sản lần " + strconv.Itoa(i), Outcome: model.OutcomeAnswered},
			NewPersons: []model.Person{{Name: "Nguyễn Thị Hoa", BirthYear: 1990}},
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, v.ID)
	}
	// As schema 4 wrote it: every visit in full.
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := storeInFull(tx, model.EntVisit); err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put([]byte("schema"), []byte("4"))
	})
	if err != nil {
		t.Fatal(err)
	}
	before := dumped(t, s.DumpState)
	mustClean(t, s) // a projection in full is as good as a reference
	s.Close()
	told := 0
	s, err = Open(path, Options{Upgrading: func() { told++ }})
	if err != nil {
		t.Fatal(err)
	}
	if told != 1 {
		t.Errorf("a person was told %d times that the file is being rewritten", told)
	}
	if s.Schema() != SchemaVersion {
		t.Fatalf("schema %d", s.Schema())
	}
	if _, err := os.Stat(filepath.Join(dir, "backups", "s-schema4.db")); err != nil {
		t.Errorf("no copy of the schema-4 file before the step: %v", err)
	}
	for _, id := range ids {
		if !isRef(stateRaw(t, s, id)) {
			t.Fatalf("%s is not kept by reference after the upgrade", id)
		}
	}
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bMeta).Get(metaPackTodo) != nil {
			t.Error("the file is still marked to be rewritten")
		}
		return nil
	})
	if after := dumped(t, s.DumpState); after != before {
		t.Errorf("the state changed in the upgrade:\n%s\n%s", before, after)
	}
	mustClean(t, s)
	s.Close()
	if s, err = Open(path, Options{Upgrading: func() { told++ }}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if told != 1 {
		t.Error("opening an upgraded file said it was rewriting it")
	}
}

// storeInFull stores every projection of kind in full, compressed under
// the file's dictionary if it has one: as files before references (or,
// for persons, before schema 6) held them.
func storeInFull(tx *bolt.Tx, kind string) error {
	sb := tx.Bucket(bState).Bucket([]byte(kind))
	var ids []string
	sb.ForEach(func(k, _ []byte) error { ids = append(ids, string(k)); return nil })
	for _, id := range ids {
		v, err := decodeState(tx, id, sb.Get([]byte(id)))
		if err != nil {
			return err
		}
		full, err := encodeState(v)
		if err != nil {
			return err
		}
		if err := sb.Put([]byte(id), compressState(full, currentDict(tx))); err != nil {
			return err
		}
	}
	return nil
}

// eventFlags counts the stored events with and without flagDict.
func eventFlags(s *Store) (zstd, plain int) {
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bEvents).ForEach(func(_, v []byte) error {
			if h, ok := parseHeader(v); ok && h.flags&flagDict != 0 {
				zstd++
			} else {
				plain++
			}
			return nil
		})
	})
	return zstd, plain
}

var visitEmployers = []string{"Công ty TNHH May mặc Gia Lâm", "Công ty CP Dược phẩm Đặng Xá", "Hợp tác xã Gốm sứ Bát Tràng"}

// recordVisits records n visits at s, each of a new person.
func recordVisits(t *testing.T, s *Store, n int) {
	t.Helper()
	given := []string{"Hoa", "Lan", "Minh", "Tuấn", "Hùng", "Mai", "Bình", "Thảo", "Dũng", "Hạnh", "Phương", "Sơn", "Trang"}
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương"}
	for i := range n {
		emp := visitEmployers[i%3]
		_, _, err := s.RecordVisit("lan", VisitInput{
			Visit: model.Visit{Content: emp + " nợ lương tháng " + strconv.Itoa(i%12+1) + ", chưa hẹn ngày trả", Outcome: model.OutcomeAnswered,
				Employer: emp},
			NewPersons: []model.Person{{Name: family[i%11] + " Văn " + given[i%13], BirthYear: 1980 + i%20, Employer: emp}},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// visitsLog records n visits at a site GL07 in dir and returns its log.
func visitsLog(t *testing.T, dir string, n int) []model.Event {
	t.Helper()
	src := openSite(t, filepath.Join(dir, "src.db"))
	recordVisits(t, src, n)
	return logOf(t, src)
}

// logOf reads every event of s's log, in key order.
func logOf(t *testing.T, s *Store) []model.Event {
	t.Helper()
	var all []model.Event
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bEvents).ForEach(func(_, v []byte) error {
			e, err := decodeEvent(v)
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, e)
			return nil
		})
	})
	return all
}

// An import can bring the event at which the file makes its dictionary
// in the middle of the events it encoded ahead (preparer): those after it
// are stored compressed under it as a desk would have written them, and
// the replica reads, folds and checks as the source.
func TestImportMakesTheDictionaryPartWay(t *testing.T) {
	defer func(n uint64) { dictMinEvents = n }(dictMinEvents)
	dictMinEvents = 200
	dir := t.TempDir()
	all := visitsLog(t, dir, 150)
	if len(all) <= prepChunk || int(dictMinEvents) >= prepChunk {
		t.Fatalf("%d events: the dictionary's event must fall inside the first chunk, with more after", len(all))
	}
	dst, err := Open(filepath.Join(dir, "dst.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if err := dst.Init(SiteInit{Code: "HN01", Name: "Liên đoàn Lao động", Login: "an", UserName: "An", Password: "matkhau1"}); err != nil {
		t.Fatal(err)
	}
	if _, err := dst.SignIn("an", "matkhau1"); err != nil {
		t.Fatal(err)
	}
	if _, err := dst.Import(EventsOf(all), nil); err != nil {
		t.Fatal(err)
	}
	compressed := 0
	dst.db.View(func(tx *bolt.Tx) error {
		d := currentDict(tx)
		if d == nil {
			t.Fatal("the import made no dictionary")
		}
		for _, e := range all {
			want := logValue(&e, nil)
			if e.Seq >= dictMinEvents {
				want = logValue(&e, d)
			}
			got := tx.Bucket(bEvents).Get(evKey(e.Site, e.Seq))
			if !bytes.Equal(got, want) {
				t.Fatalf("%s is stored as if made under another dictionary", e.Key())
			}
			if h, _ := parseHeader(got); h.flags&flagDict != 0 {
				compressed++
			}
		}
		return nil
	})
	if compressed < len(all)-int(dictMinEvents)-10 {
		t.Fatalf("%d of %d events after the dictionary's compressed", compressed, len(all)-int(dictMinEvents))
	}
	mustClean(t, dst)
	// The records the import made are folded from the bundle's events:
	// persons and visits of one event kept by reference.
	dst.db.View(func(tx *bolt.Tx) error {
		for _, kind := range []string{model.EntPerson, model.EntVisit} {
			n := 0
			tx.Bucket(bState).Bucket([]byte(kind)).ForEach(func(k, v []byte) error {
				if len(v) == 1 && isRef(v) && strings.Contains(string(k), "GL07") {
					n++
				}
				return nil
			})
			if n != 150 {
				t.Errorf("%d of 150 %s records kept by reference", n, kind)
			}
		}
		return nil
	})
}

// Once a site's log holds enough events the file makes a dictionary, and
// every event's data is stored compressed under it: the later ones as
// they are written, the ones already written at the next rewrite. Everything reads
// back as written (the same text, the same hashes), in this process and
// in a fresh one, check passes, and salvage recovers every event.
func TestEventsCompressedUnderTheFilesDictionary(t *testing.T) {
	defer func(n uint64) { dictMinEvents = n }(dictMinEvents)
	dictMinEvents = 200
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	s := openSite(t, path)
	recordVisits(t, s, 150)
	events, state := dumped(t, s.DumpEvents), dumped(t, s.DumpState)
	// The dictionary was made when the site's log reached 200 events:
	// those after are compressed, those before wait for a rewrite.
	if z, p := eventFlags(s); z < 90 || p < 190 || p > 210 {
		t.Fatalf("%d events compressed as written, %d not", z, p)
	}
	before, _ := os.Stat(path)
	if err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	if z, p := eventFlags(s); z < 290 || p > 10 {
		t.Fatalf("after the rewrite %d events compressed, %d not", z, p)
	}
	if got := dumped(t, s.DumpEvents); got != events {
		t.Fatal("the events read back differently once compressed")
	}
	if got := dumped(t, s.DumpState); got != state {
		t.Fatal("the state reads back differently once compressed")
	}
	// A person of one event is kept by reference; a visit noted is
	// stored in full, compressed.
	var noted []string
	s.db.View(func(tx *bolt.Tx) error {
		n := 0
		tx.Bucket(bState).Bucket([]byte(model.EntPerson)).ForEach(func(_, v []byte) error {
			if len(v) == 1 && isRef(v) {
				n++
			}
			return nil
		})
		if n != 150 {
			t.Errorf("%d of 150 persons kept by reference", n)
		}
		tx.Bucket(bState).Bucket([]byte(model.EntVisit)).ForEach(func(k, _ []byte) error {
			if len(noted) < 30 {
				noted = append(noted, string(k))
			}
			return nil
		})
		return nil
	})
	for i, id := range noted {
		if err := s.AddNote("lan", id, "Đã gọi lại cho người lao động, hẹn trả lương trước ngày "+strconv.Itoa(i%28+1)); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	for _, id := range noted {
		if v := stateRaw(t, s, id); len(v) > 0 && v[0] == tagDictState {
			n++
		}
	}
	if n < 28 {
		t.Errorf("%d of %d noted visits' projections compressed", n, len(noted))
	}
	v, _, err := s.RecordVisit("lan", VisitInput{
		Visit:      model.Visit{Content: visitEmployers[0] + " nợ lương tháng 12", Outcome: model.OutcomeAnswered},
		NewPersons: []model.Person{{Name: "Lê Văn Nam", BirthYear: 1979}},
	})
	if err != nil {
		t.Fatal(err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bState).Bucket([]byte(model.EntVisit)).Get([]byte(v.ID))
		h, _ := parseHeader(tx.Bucket(bEvents).Get(refKey(v.ID, raw)))
		if h.flags&flagDict == 0 {
			t.Error("a visit written after the dictionary is not compressed")
		}
		return nil
	})
	mustClean(t, s)
	events, state = dumped(t, s.DumpEvents), dumped(t, s.DumpState)
	s.Close()
	after, _ := os.Stat(path)
	t.Logf("%d -> %d bytes", before.Size(), after.Size())

	// A fresh process: the dictionary comes from the file, before the
	// opening transaction reads any record (here, to build the report
	// indexes again).
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bMeta).Delete(metaReportIdx) })
	db.Close()
	dicts.Range(func(k, _ any) bool { dicts.Delete(k); return true })
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := dumped(t, s.DumpEvents); got != events {
		t.Fatal("a fresh open reads the events differently")
	}
	if got := dumped(t, s.DumpState); got != state {
		t.Fatal("a fresh open reads the state differently")
	}
	mustClean(t, s)
	s.Close()

	// Salvage, in a fresh process too, finds the dictionary in the pages.
	dicts.Range(func(k, _ any) bool { dicts.Delete(k); return true })
	rep, err := SalvageAs(path, filepath.Join(dir, "saved.db"), "lan", "matkhau1")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Unplaced != 0 || len(rep.Problems) != 0 {
		t.Fatalf("salvage: %+v", rep)
	}
	saved, err := Open(filepath.Join(dir, "saved.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer saved.Close()
	if got := dumped(t, saved.DumpEvents); !strings.HasPrefix(got, events) { // then its own sign-in
		t.Fatal("salvage recovered the events differently")
	}
}

// A damaged compressed value or a damaged dictionary is reported by
// check as damage, one record at a time: nothing panics, and the rest
// of the file still reads.
func TestDamagedCompressionIsReported(t *testing.T) {
	defer func(n uint64) { dictMinEvents = n }(dictMinEvents)
	dictMinEvents = 50
	path := filepath.Join(t.TempDir(), "s.db")
	s := openSite(t, path)
	for i := range 60 {
		if _, _, err := s.RecordVisit("lan", VisitInput{
			Visit:      model.Visit{Content: "Công ty nợ lương tháng " + strconv.Itoa(i%12+1), Outcome: model.OutcomeAnswered},
			NewPersons: []model.Person{{Name: "Trần Văn Bình", BirthYear: 1980 + i%20}},
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	mustClean(t, s)
	// One compressed event's block, damaged.
	var victim []byte
	s.db.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bEvents).Cursor()
		for k, v := c.Last(); k != nil; k, v = c.Prev() {
			if h, ok := parseHeader(v); ok && h.flags&flagDict != 0 && len(h.rest) > 12 {
				bad := append([]byte(nil), v...)
				for i := len(h.head) + 5; i < len(bad); i++ {
					bad[i] ^= 0x5a
				}
				victim = append([]byte(nil), k...)
				return tx.Bucket(bEvents).Put(k, bad)
			}
		}
		return nil
	})
	if victim == nil {
		t.Fatal("no compressed event to damage")
	}
	if probs := s.Check(); len(probs) == 0 {
		t.Error("check passed a damaged compressed event")
	}
	s.Close()
	// The dictionary itself, damaged, in a fresh process.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket(bMeta).Cursor()
		for k, v := c.Seek(dictPrefix); k != nil && bytes.HasPrefix(k, dictPrefix); k, v = c.Next() {
			bad := append([]byte(nil), v...)
			bad = bad[:len(dictMagic)+3]
			return tx.Bucket(bMeta).Put(k, bad)
		}
		return nil
	})
	db.Close()
	dicts.Range(func(k, _ any) bool { dicts.Delete(k); return true })
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("a damaged dictionary kept the file from opening: %v", err)
	}
	defer s.Close()
	if len(s.Check()) == 0 {
		t.Fatal("check passed events under a damaged dictionary")
	}
}

// Projections are unpacked in room used again (jsonScratch): what one
// read returns keeps nothing of it, so the next read changes nothing in
// it.
func TestProjectionReadsKeepNothingOfTheirRoom(t *testing.T) {
	s := openSite(t, filepath.Join(t.TempDir(), "scratch.db"))
	a, _ := answered(t, s, "Hỏi về chế độ thai sản", "Đã hướng dẫn làm hồ sơ")
	b, _ := answered(t, s, "Xin xác nhận thời gian đóng bảo hiểm xã hội", "Hẹn tuần sau")
	var first, second, again model.Visit
	s.db.View(func(tx *bolt.Tx) error {
		for _, r := range []struct {
			id string
			v  *model.Visit
		}{{a.ID, &first}, {b.ID, &second}, {a.ID, &again}} {
			raw := tx.Bucket(bState).Bucket([]byte(model.EntVisit)).Get([]byte(r.id))
			if isRef(raw) {
				t.Fatalf("%s is kept by reference: the test needs one stored in full", r.id)
			}
			if err := unmarshalState(tx, r.id, raw, r.v); err != nil {
				t.Fatal(err)
			}
		}
		return nil
	})
	if first.Note != "Đã hướng dẫn làm hồ sơ" || first.Content != "Hỏi về chế độ thai sản" || !reflect.DeepEqual(first, again) {
		t.Fatalf("the first read changed after the second:\n%+v\n%+v", first, again)
	}
	if second.Note != "Hẹn tuần sau" {
		t.Fatalf("second read: %+v", second)
	}
}

// isMadeBy and refNames answer what comparing madeBy's and refKey's keys
// answers, without making them, for ids in and out of the made form.
func TestIsMadeByIsMadeByCompared(t *testing.T) {
	ids := []string{"visit:GL07.12", "person:GL07.12", "visit:GL07.012", "visit:GL07.", "visit:.5",
		"visit:GL.07.3", "visit:GL07.18446744073709551615", "visit:GL07.18446744073709551616", "visit:GL07", ""}
	keys := [][]byte{nil, {}, evKey("GL07", 12), evKey("GL07", 13), evKey("GL0", 12), evKey("GL.07", 3),
		evKey("GL07", 1<<64-1), append(evKey("GL07", 12), 0), evKey("", 5)}
	for _, id := range ids {
		for _, k := range keys {
			want := bytes.Equal(k, madeBy(id))
			if got := isMadeBy(id, k); got != want {
				t.Errorf("isMadeBy(%q, %q) = %v, madeBy says %v", id, k, got, want)
			}
			for _, ref := range [][]byte{{tagRef}, append([]byte{tagRef}, k...), append([]byte{tagRef}, evKey("XX", 1)...)} {
				if got, want := refNames(id, ref, k), bytes.Equal(refKey(id, ref), k); got != want {
					t.Errorf("refNames(%q, %q, %q) = %v, refKey says %v", id, ref, k, got, want)
				}
			}
		}
	}
}

// A rebuild writes again, as they are, the stored projections that hold
// what the fold packs to (storedAsPacked), and compresses those that do
// not: a projection compressed otherwise (here, by s2's best encoder)
// but holding the fold stays as it was, and one holding something else
// is made again.
func TestRebuildKeepsTheProjectionsThatHoldTheFold(t *testing.T) {
	defer func(n uint64) { dictMinEvents = n }(dictMinEvents)
	dictMinEvents = 200
	s := openSite(t, filepath.Join(t.TempDir(), "s.db"))
	recordVisits(t, s, 150)
	if err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	var noted []string
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bState).Bucket([]byte(model.EntVisit)).ForEach(func(k, _ []byte) error {
			if len(noted) < 2 {
				noted = append(noted, string(k))
			}
			return nil
		})
	})
	for _, id := range noted {
		if err := s.AddNote("lan", id, "Đã gọi lại cho người lao động, hẹn trả lương trước ngày 5"); err != nil {
			t.Fatal(err)
		}
	}
	want := dumped(t, s.DumpState)
	kept, other := noted[0], noted[1]
	var best []byte
	err := s.db.Update(func(tx *bolt.Tx) error {
		sb := tx.Bucket(bState).Bucket([]byte(model.EntVisit))
		v := sb.Get([]byte(kept))
		d := currentDict(tx)
		if d == nil || len(v) < 5 || v[0] != tagDictState {
			t.Fatalf("%s is not stored compressed: %q", kept, v)
		}
		p, err := decompress(v[1:])
		if err != nil {
			return err
		}
		best = append(binary.BigEndian.AppendUint32([]byte{tagDictState}, d.id), d.d.EncodeBest(nil, p)...)
		if bytes.Equal(best, v) {
			t.Fatal("the best encoder wrote what the fast one did: the test tells nothing")
		}
		if err := sb.Put([]byte(kept), best); err != nil {
			return err
		}
		// Another visit's projection, compressed as the fold's is.
		return sb.Put([]byte(other), bytes.Clone(sb.Get([]byte(kept))))
	})
	if err != nil {
		t.Fatal(err)
	}
	sorted := rebuildsSorted.Load()
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if rebuildsSorted.Load() != sorted {
		t.Fatal("the rebuild sorted")
	}
	if got := dumped(t, s.DumpState); got != want {
		t.Fatal("the rebuild did not make the state the log makes")
	}
	if got := stateRaw(t, s, kept); !bytes.Equal(got, best) {
		t.Fatalf("%s was compressed again:\n%q\nnot kept as\n%q", kept, got, best)
	}
	if got := stateRaw(t, s, other); bytes.Equal(got, best) {
		t.Fatalf("%s kept another visit's projection", other)
	}
}
