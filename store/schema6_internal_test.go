package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"donthu/model"
	bolt "go.etcd.io/bbolt"
)

// A file of schema 5 held each entity list's event key twice (in the key
// and as the value), a visit_date index beside report_visit, and each
// visit by reference named the event its id already names; persons were
// stored in full (compressed under the file's dictionary), and every
// event named its entity in full. Read-only, such a file (a backup
// about to be restored) reads and checks clean as it is. Opening it backs
// it up first, then drops all three and keeps each person of one event
// by reference; the visits of a day, the timelines and the projections
// read the same, the file checks clean, and salvage recovers every event
// in either header form.
func TestStepToSchema6(t *testing.T) {
	defer func(n uint64) { dictMinEvents = n }(dictMinEvents)
	dictMinEvents = 200
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	s := openSite(t, path)
	for i := range 120 {
		v, _, err := s.RecordVisit("lan", VisitInput{
			Visit:      model.Visit{Content: "Hỏi về tiền lương tháng " + strconv.Itoa(i), Outcome: model.OutcomeAnswered},
			NewPersons: []model.Person{{Name: "Trần Văn Bình", BirthYear: 1985}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if i%10 == 0 {
			if err := s.AddNote("lan", v.ID, "Đã gọi lại"); err != nil {
				t.Fatal(err)
			}
		}
	}
	today := model.DateOf(s.Now())
	visits := len(s.Visits(today, today))
	if visits != 120 {
		t.Fatalf("%d visits today before the step", visits)
	}
	// As schema 5 wrote it.
	err := s.db.Update(func(tx *bolt.Tx) error {
		eb := tx.Bucket(bEntityEvents)
		c := eb.Cursor()
		var keys [][]byte
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			keys = append(keys, append([]byte(nil), k...))
		}
		for _, k := range keys {
			if err := eb.Put(k, append([]byte(nil), listedKey(k)...)); err != nil {
				return err
			}
		}
		// Every event was listed, the one that made its record too.
		if n := listMadeEvents(t, tx, true); n < 240 {
			t.Fatalf("%d events made their records", n)
		}
		// A visit by reference named its event's key.
		sb := tx.Bucket(bState).Bucket([]byte(model.EntVisit))
		var refs []string
		sb.ForEach(func(k, v []byte) error {
			if isRef(v) {
				refs = append(refs, string(k))
			}
			return nil
		})
		if len(refs) < 100 {
			t.Fatalf("%d visits by reference", len(refs))
		}
		for _, id := range refs {
			if err := sb.Put([]byte(id), append([]byte{tagRef}, madeBy(id)...)); err != nil {
				return err
			}
		}
		// Every event named its entity in full.
		evb := tx.Bucket(bEvents)
		var evks [][]byte
		evb.ForEach(func(k, _ []byte) error { evks = append(evks, append([]byte(nil), k...)); return nil })
		for _, k := range evks {
			e, err := decodeEvent(evb.Get(k))
			if err != nil {
				return err
			}
			if err := evb.Put(k, compressEvent(encodeEventAs(&e, false), currentDict(tx))); err != nil {
				return err
			}
		}
		// A person was stored in full.
		return storeInFull(tx, model.EntPerson)
	})
	if err != nil {
		t.Fatal(err)
	}
	mustClean(t, s) // the old values are never read
	before := dumped(t, s.DumpState)
	err = s.db.Update(func(tx *bolt.Tx) error {
		ib, err := tx.Bucket(bIdx).CreateBucket([]byte("visit_date"))
		if err != nil {
			return err
		}
		err = eachState(tx, model.EntVisit, func(id string, _ []byte) error {
			return ib.Put([]byte(today.ISO()+"\x00"+id), nil)
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bMeta).Put([]byte("schema"), []byte("5"))
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Read-only, the older file (a backup checked before a restore)
	// reads and checks clean as it is.
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	mustClean(t, ro)
	ro.db.View(func(tx *bolt.Tx) error {
		n := 0
		tx.Bucket(bState).Bucket([]byte(model.EntPerson)).ForEach(func(_, v []byte) error {
			if len(v) > 0 && v[0] == tagDictState {
				n++
			}
			return nil
		})
		if n < 100 {
			t.Errorf("%d persons compressed in full before the step: the test misses the case", n)
		}
		return nil
	})
	ro.Close()

	// A file older than the report indexes: the visits of a day come
	// from visit_date, read-only.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, n := range []string{"report_visit", "petition_span", "case_span", "case_name"} {
			if err := tx.Bucket(bIdx).DeleteBucket([]byte(n)); err != nil && !errors.Is(err, bolt.ErrBucketNotFound) {
				return err
			}
		}
		return tx.Bucket(bMeta).Delete(metaReportIdx)
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	if ro, err = Open(path, Options{ReadOnly: true}); err != nil {
		t.Fatal(err)
	}
	if got := len(ro.Visits(today, today)); got != visits {
		t.Errorf("read-only, the schema-5 file gives %d visits today, want %d", got, visits)
	}
	ro.Close()

	if s, err = Open(path, Options{}); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Schema() != SchemaVersion {
		t.Fatalf("schema %d", s.Schema())
	}
	if _, err := os.Stat(filepath.Join(dir, "backups", "s-schema5.db")); err != nil {
		t.Errorf("no copy of the schema-5 file before the step: %v", err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		n := 0
		tx.Bucket(bEntityEvents).ForEach(func(k, v []byte) error {
			if len(v) != 0 {
				t.Fatalf("entity list %q keeps a value %q", k, v)
			}
			if unlistedKey(k) {
				t.Fatalf("entity list %q names the event its id names", k)
			}
			n++
			return nil
		})
		if n == 0 {
			t.Error("no entity lists after the step")
		}
		tx.Bucket(bState).Bucket([]byte(model.EntVisit)).ForEach(func(k, v []byte) error {
			if isRef(v) && len(v) != 1 {
				t.Fatalf("%s keeps its reference as %q", k, v)
			}
			return nil
		})
		tx.Bucket(bState).Bucket([]byte(model.EntPerson)).ForEach(func(k, v []byte) error {
			if !isRef(v) || len(v) != 1 {
				t.Fatalf("person %s of one event is stored as %q, not by reference", k, v)
			}
			return nil
		})
		if tx.Bucket(bIdx).Bucket([]byte("visit_date")) != nil {
			t.Error("the visit_date index is still there")
		}
		if tx.Bucket(bMeta).Get(metaPackTodo) != nil {
			t.Error("the file is still marked to be rewritten")
		}
		return nil
	})
	if after := dumped(t, s.DumpState); after != before {
		t.Errorf("the state changed in the step:\n%s\n%s", before, after)
	}
	if got := len(s.Visits(today, today)); got != visits {
		t.Errorf("%d visits today after the step, want %d", got, visits)
	}
	mustClean(t, s)
	// A write after the step lists its event with an empty value, and
	// the record reads back through its list.
	v, _ := answered(t, s, "Hỏi về bảo hiểm", "Đã trả lời")
	tl, err := s.Timeline(v.ID)
	if err != nil || len(tl) != 2 {
		t.Fatalf("timeline of %s: %d events, %v", v.ID, len(tl), err)
	}
	s.db.View(func(tx *bolt.Tx) error {
		p := prefix(v.ID)
		c := tx.Bucket(bEntityEvents).Cursor()
		for k, val := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, val = c.Next() {
			if len(val) != 0 {
				t.Errorf("a new list entry holds %q", val)
			}
		}
		return nil
	})
	mustClean(t, s)
	events := strings.Count(dumped(t, s.DumpEvents), "\n")
	s.Close()
	rep, err := Salvage(path, filepath.Join(dir, "salvaged.db"))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Events != events {
		t.Errorf("salvage recovered %d of %d events (old and new headers)", rep.Events, events)
	}
}
