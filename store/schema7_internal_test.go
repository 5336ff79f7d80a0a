package store

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	bolt "go.etcd.io/bbolt"
)

// listMadeEvents puts back, or (put false) counts, the list keys of the
// events that made their records, as schema 6 and older listed them.
func listMadeEvents(t *testing.T, tx *bolt.Tx, put bool) int {
	t.Helper()
	var keys [][]byte
	err := tx.Bucket(bEvents).ForEach(func(k, v []byte) error {
		e, err := decodeHeaderOnly(v)
		if err != nil {
			return err
		}
		if unlisted(e.Entity, k) {
			keys = append(keys, entKey(e.Entity, e.Clock, e.Site, e.Seq))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	eb := tx.Bucket(bEntityEvents)
	n := 0
	for _, k := range keys {
		if put {
			if err := eb.Put(k, nil); err != nil {
				t.Fatal(err)
			}
			n++
		} else if listed(eb, k) {
			n++
		}
	}
	return n
}

// toSchema6 lays a file out as schema 6 did: the events that made
// their records listed, report_visit's and person_visit's keys in their
// long forms. It returns how many made events it listed.
func toSchema6(t *testing.T, s *Store) (made int) {
	t.Helper()
	err := s.db.Update(func(tx *bolt.Tx) error {
		made = listMadeEvents(t, tx, true)
		ib := tx.Bucket(bIdx).Bucket([]byte("report_visit"))
		var keys [][]byte
		ib.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
		for _, k := range keys {
			v, ok := parseReportVisit(k)
			if !ok {
				t.Fatalf("unreadable key %q", k)
			}
			if err := ib.Delete(k); err != nil {
				return err
			}
			if err := ib.Put(visitKey6(&v), nil); err != nil {
				return err
			}
		}
		pb := tx.Bucket(bIdx).Bucket([]byte("person_visit"))
		keys = keys[:0]
		pb.ForEach(func(k, _ []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
		for _, k := range keys {
			i := bytes.IndexByte(k, 0)
			if err := pb.Delete(k); err != nil {
				return err
			}
			if err := pb.Put(idxKey(model.EntPerson+":"+string(k[:i]), model.EntVisit+":"+string(k[i+1:])), nil); err != nil {
				return err
			}
		}
		return tx.Bucket(bMeta).Put([]byte("schema"), []byte("6"))
	})
	if err != nil {
		t.Fatal(err)
	}
	return made
}

// A file of schema 6 listed every event under its record, the one that
// made it too. Read-only (a backup checked before a restore) it reads
// and checks clean; opened, it is backed up, and the step drops those
// keys: the records, their timelines and the visits of a day read the
// same, the file checks clean and is smaller, and the records made
// after the step are not listed but by their later events.
func TestStepToSchema7(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	s := openSite(t, path)
	var visits, cases []string
	for i := range 60 {
		note := ""
		if i%3 == 0 {
			note = "Đã gọi lại"
		}
		v, p := answered(t, s, "Hỏi về tiền lương tháng "+strconv.Itoa(i), note)
		visits = append(visits, v.ID)
		if i%5 == 0 && p == nil {
			cases = append(cases, mustCase(t, s))
		}
	}
	today := model.DateOf(s.Now())
	timelines := func(s *Store) string {
		var b bytes.Buffer
		for _, id := range append(append([]string(nil), visits...), cases...) {
			tl, err := s.Timeline(id)
			if err != nil {
				t.Fatalf("timeline of %s: %v", id, err)
			}
			for _, e := range tl {
				b.WriteString(id + " " + e.Key() + " " + string(e.Type) + "\n")
			}
		}
		return b.String()
	}
	before, tlBefore := dumped(t, s.DumpState), timelines(s)
	var persons []string
	for _, id := range visits {
		v, err := s.Visit(id)
		if err != nil {
			t.Fatal(err)
		}
		persons = append(persons, v.Persons...)
	}
	cards := func(s *Store) string {
		cs, err := s.PersonCards(persons)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for _, c := range cs {
			b.WriteString(c.ID + " " + strconv.Itoa(c.VisitCount) + "\n")
		}
		return b.String()
	}
	cardsBefore := cards(s)
	if !bytes.Contains([]byte(cardsBefore), []byte(" 1\n")) {
		t.Fatalf("no person with a visit:\n%s", cardsBefore)
	}
	var reportBefore string
	// readsAsBefore compares what s reads with what the file read before
	// it was laid out as schema 6: the state, every timeline, the visits
	// of the day, the day's report and each person's visit count.
	readsAsBefore := func(s *Store, when string) {
		t.Helper()
		for _, c := range []struct{ what, want, got string }{
			{"state", before, dumped(t, s.DumpState)},
			{"timelines", tlBefore, timelines(s)},
			{"visits today", strconv.Itoa(len(visits)), strconv.Itoa(len(s.Visits(today, today)))},
			{"report", reportBefore, reportOf(t, s, today)},
			{"persons' visits", cardsBefore, cards(s)},
		} {
			if c.got != c.want {
				t.Errorf("%s, the %s differ:\n%s\n---\n%s", when, c.what, c.want, c.got)
			}
		}
	}
	reportBefore = reportOf(t, s, today)
	if n := toSchema6(t, s); n < 120 {
		t.Fatalf("%d events made their records", n)
	}
	s.Close()

	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	mustClean(t, ro)
	readsAsBefore(ro, "read-only, before the step")
	ro.Close()
	old, _ := os.Stat(path)

	if s, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Schema() != 7 {
		t.Fatalf("schema %d", s.Schema())
	}
	if _, err := os.Stat(filepath.Join(dir, "backups", "s-schema6.db")); err != nil {
		t.Errorf("no copy of the schema-6 file before the step: %v", err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		if n := listMadeEvents(t, tx, false); n != 0 {
			t.Errorf("%d events still listed under the records they made", n)
		}
		if tx.Bucket(bMeta).Get(metaPackTodo) != nil {
			t.Error("the file is still marked to be rewritten")
		}
		return nil
	})
	readsAsBefore(s, "after the step")
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bIdx).Bucket([]byte("report_visit")).ForEach(func(k, _ []byte) error {
			if bytes.IndexByte(k, 0) != visitTimeLen || bytes.Contains(k, []byte("visit:")) {
				t.Errorf("report_visit keeps %q", k)
			}
			return nil
		})
	})
	s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bIdx).Bucket([]byte("person_visit")).ForEach(func(k, _ []byte) error {
			if bytes.IndexByte(k, ':') >= 0 {
				t.Errorf("person_visit keeps %q", k)
			}
			return nil
		})
	})
	mustClean(t, s)
	if now, _ := os.Stat(path); now.Size() > old.Size() {
		t.Errorf("the file grew in the step: %d to %d bytes", old.Size(), now.Size())
	}

	// After the step: a new visit lists nothing, its note is listed.
	v, _ := answered(t, s, "Hỏi về bảo hiểm", "")
	listedOf := func(id string) (n int) {
		s.db.View(func(tx *bolt.Tx) error {
			p := prefix(id)
			c := tx.Bucket(bEntityEvents).Cursor()
			for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
				n++
			}
			return nil
		})
		return n
	}
	if n := listedOf(v.ID); n != 0 {
		t.Errorf("a new visit lists %d events, want none", n)
	}
	if err := s.AddNote("lan", v.ID, "Đã trả lời"); err != nil {
		t.Fatal(err)
	}
	if n := listedOf(v.ID); n != 1 {
		t.Errorf("a visit with a note lists %d events, want 1", n)
	}
	if tl, err := s.Timeline(v.ID); err != nil || len(tl) != 2 || tl[0].Type != model.EvVisitRecorded {
		t.Fatalf("timeline of %s: %v, %v", v.ID, tl, err)
	}
	mustClean(t, s)
}

// mustCase registers a petition and accepts it: a case of three events
// and a petition of two.
func mustCase(t *testing.T, s *Store) string {
	t.Helper()
	p, err := s.RegisterPetition("lan", model.Petition{Summary: "Đơn khiếu nại về tiền lương", Kind: model.KindComplaint})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Classify("lan", p.ID, model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour, Field: model.FieldWages,
		Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1})
	if err != nil || c == nil {
		t.Fatalf("classify: %v, %v", c, err)
	}
	if err := s.AddNote("lan", c.ID, "Đã hẹn gặp"); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

// visitKey6 is a visit's report_visit key as schema 6 wrote it.
func visitKey6(v *model.Visit) []byte {
	return idxKey(model.DateOf(v.At).ISO(), strconv.FormatInt(v.At.Unix(), 36), v.Site, string(v.Reception),
		visitFlags(v), strconv.Itoa(v.HeadCount), v.No, v.Petition, v.Employer, v.ID)
}

// reportOf is the day's visits as the report reads them.
func reportOf(t *testing.T, s *Store, day model.Date) string {
	t.Helper()
	var b bytes.Buffer
	err := s.db.View(func(tx *bolt.Tx) error {
		var in model.ReportInput
		readWindow(tx, &in, day, day, nil, func(id string, err error) { t.Errorf("%s: %v", id, err) })
		for _, v := range in.Visits {
			b.WriteString(v.ID + " " + v.At.String() + " " + v.Site + " " + string(v.Reception) + " " + v.No + " " + v.Petition + " " +
				strconv.Itoa(int(v.People)) + "\n")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A visit's report_visit key gives back what the report counts, whatever
// its values: a site other than its id's or none, a number of another
// form, any reception, a petition id of another form.
func TestReportVisitKeyRoundTrip(t *testing.T) {
	at := time.Date(2026, 3, 8, 9, 30, 15, 0, model.VN)
	for _, v := range []model.Visit{
		{ID: "visit:GL07.12", At: at, Site: "GL07", Reception: model.ReceptionRegular, No: "GL07-2026-T0012", HeadCount: 1},
		{ID: "visit:GL07.13", At: at, Site: "GL07", Reception: model.ReceptionAdhoc, No: "GL07-2026-T0013", Petition: "petition:GL07.14", HeadCount: 3},
		{ID: "visit:GL07.15", At: at, Site: "HN01", Reception: model.ReceptionScheduled, No: "HN01-2026-T0001", Group: true, Repeat: true, Delegated: true, HeadCount: 40, Employer: "Công ty May Sông Hồng"},
		{ID: "visit:GL07.16", At: at, Site: "", Reception: "phone", No: "-7", Petition: "weird", HeadCount: 2},
		{ID: "visit:GL07.17", At: at, Site: "GL07", Reception: "", No: "=GL07", Petition: "=x", HeadCount: 12},
		{ID: "visit:GL07.18", At: at, Site: "GL07", Reception: "R", No: "", HeadCount: 1},
		{ID: "visit:GL07.19", At: time.Unix(0, 0).In(model.VN), Site: "GL07", No: "GL07-2026-T0019", HeadCount: 1},
		{ID: "visit:GL07.20", At: time.Date(1925, 5, 1, 9, 0, 0, 0, model.VN), Site: "-", No: "GL07-1925-T0001", Petition: "petition:", HeadCount: 1},
		{ID: "visit:GL07.21", At: time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).In(model.VN), Site: "=HN", Petition: "petition:=GL07.3", HeadCount: 1},
	} {
		parts := visitKeyParts(&v, v.HeadCount, v.Employer, v.ID)
		k := idxKey(parts[:]...)
		got, ok := parseReportVisit(k)
		if !ok {
			t.Fatalf("%q does not read back", k)
		}
		if !got.At.Equal(v.At) || got.Site != v.Site || got.Reception != v.Reception || got.No != v.No || got.Petition != v.Petition ||
			got.Group != v.Group || got.Repeat != v.Repeat || got.Delegated != v.Delegated || got.HeadCount != v.HeadCount ||
			got.Employer != v.Employer || got.ID != v.ID {
			t.Errorf("%q reads back as\n%+v\nwant\n%+v", k, got, v)
		}
		if old, ok := parseReportVisit(visitKey6(&v)); !ok || old.No != v.No || old.ID != v.ID || !old.At.Equal(v.At) {
			t.Errorf("the schema-6 key of %s reads back as %+v", v.ID, old)
		}
		if got := visitKey7(visitKey6(&v)); !bytes.Equal(got, k) {
			t.Errorf("the schema-6 key of %s is rewritten as %q, want %q", v.ID, got, k)
		}
	}
	// The time part sorts as the times do, and a day's keys are between
	// its start and the next day's.
	prev := ""
	year1 := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()
	for _, sec := range []int64{year1, -1_400_000_000, -1, 0, 1, 63, 64, 1 << 30, 1_700_000_000, 1_800_000_000, 1<<36 - 1} {
		k := visitTime(sec)
		if k <= prev {
			t.Errorf("visitTime(%d) = %q sorts before %q", sec, k, prev)
		}
		if back, ok := parseVisitTime(k); !ok || back != sec {
			t.Errorf("visitTime(%d) = %q reads back as %d", sec, k, back)
		}
		prev = k
	}
	day := model.DateOf(at)
	if k := visitTime(at.Unix()); k < dayStart(day) || k >= dayStart(day.AddDays(1)) {
		t.Errorf("%q is not in its day [%q, %q)", k, dayStart(day), dayStart(day.AddDays(1)))
	}
}

// The step to 7 whose rewrite cannot be made (a full disk: the file
// stays as the step left it, marked to be rewritten) leaves no key of
// the long forms: a correction to a group visit's employer moves its
// report_visit entry, and the visit is counted once, then and after the
// rewrite at the next open; check is clean throughout.
func TestStepToSchema7WithoutItsRewrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	s := openSite(t, path)
	v, _, err := s.RecordVisit("lan", VisitInput{
		Visit:      model.Visit{Content: "Đoàn công nhân hỏi về lương", Outcome: model.OutcomeAnswered, Group: true, HeadCount: 30, Employer: "Công ty A"},
		NewPersons: []model.Person{{Name: "Trần Văn Bình", BirthYear: 1985}},
	})
	if err != nil {
		t.Fatal(err)
	}
	today := model.DateOf(s.Now())
	toSchema6(t, s)
	s.Close()

	// The rewrite cannot be written (it stands for a full disk).
	if err := os.MkdirAll(filepath.Join(path+compactSuffix, "busy"), 0o700); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	if s.Schema() != 7 {
		t.Fatalf("schema %d", s.Schema())
	}
	s.db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bMeta).Get(metaPackTodo) == nil {
			t.Fatal("the rewrite was made: the test misses its case")
		}
		return nil
	})
	mustClean(t, s)
	if _, err := s.SignIn("lan", "matkhau1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CorrectVisit("lan", v.ID, model.RecordCorrection{Set: []string{"employer"}, Employer: "Công ty B", Reason: "Ghi nhầm tên công ty"}); err != nil {
		t.Fatal(err)
	}
	once := func(when string) {
		t.Helper()
		if r := reportOf(t, s, today); strings.Count(r, v.ID) != 1 {
			t.Errorf("%s: the report lists %s %d times:\n%s", when, v.ID, strings.Count(r, v.ID), r)
		}
		if n := len(s.Visits(today, today)); n != 1 {
			t.Errorf("%s: %d visits today, want 1", when, n)
		}
		mustClean(t, s)
	}
	once("before the rewrite")
	s.Close()

	os.RemoveAll(path + compactSuffix)
	if s, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	once("after the rewrite")
}

// A visit dated before 1970 (an old register brought in) is filed under
// its own day, not at the start of 1970.
func TestVisitBefore1970(t *testing.T) {
	s := openSite(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	at := time.Date(1965, 5, 1, 9, 0, 0, 0, model.VN)
	v, _, err := s.RecordVisit("lan", VisitInput{
		Visit:      model.Visit{At: at, Content: "Sổ cũ nhập lại", Outcome: model.OutcomeAnswered},
		NewPersons: []model.Person{{Name: "Trần Văn Bình", BirthYear: 1935}},
	})
	if err != nil {
		t.Fatal(err)
	}
	day := model.DateOf(at)
	if n := len(s.Visits(day, day)); n != 1 {
		t.Errorf("%d visits on %s, want 1", n, day.ISO())
	}
	if r := reportOf(t, s, day); !strings.Contains(r, v.ID) || !strings.Contains(r, "1965-05-01 09:00:00") {
		t.Errorf("the report of %s: %q", day.ISO(), r)
	}
	epoch := model.DateOf(time.Unix(0, 0))
	if r := reportOf(t, s, epoch); r != "" {
		t.Errorf("the report of %s has: %q", epoch.ISO(), r)
	}
	mustClean(t, s)
}

// namesEvent agrees with madeBy: an id whose number is past 2^64 - 1
// names no event, so its events are listed.
func TestNamesEventAsMadeBy(t *testing.T) {
	for _, c := range []struct {
		id  string
		evk []byte
	}{
		{"visit:GL07.6", evKey("GL07", 6)},
		{"visit:GL07.184467440737095516166", evKey("GL07", 6)}, // wraps to 6
		{"visit:GL07.18446744073709551617", evKey("GL07", 1)},  // wraps to 1
		{"visit:GL07.18446744073709551615", evKey("GL07", 1<<64-1)},
		{"visit:GL07.06", evKey("GL07", 6)},
		{"visit:GL07.", evKey("GL07", 0)},
		{"person:HN01.12", evKey("HN01", 12)},
		{"person:HN01.12", evKey("GL07", 12)},
	} {
		want := bytes.Equal(madeBy(c.id), c.evk)
		if got := namesEvent(c.id, c.evk); got != want {
			t.Errorf("namesEvent(%q, %q) = %v, madeBy says %v", c.id, c.evk, got, want)
		}
	}
}

// The event that made a record, unreadable: the record's readers meet
// it and say so, as they did when it was listed, rather than fold the
// record without it.
func TestDamagedMakerIsSaid(t *testing.T) {
	s := openSite(t, filepath.Join(t.TempDir(), "s.db"))
	defer s.Close()
	v, _ := answered(t, s, "Hỏi về bảo hiểm", "Đã trả lời")
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bEvents).Put(madeBy(v.ID), []byte{tagEvent, 0xff, 0xff})
	})
	if err != nil {
		t.Fatal(err)
	}
	if tl, err := s.Timeline(v.ID); err == nil {
		t.Errorf("the timeline of %s reads %d events and no damage", v.ID, len(tl))
	}
}
