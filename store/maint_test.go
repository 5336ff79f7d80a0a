package store_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"

	bolt "go.etcd.io/bbolt"
)

// office fills a site with a little of everything: visits, a group, cases
// in several states, notes, reminders.
func office(t testing.TB, s *store.Store, clk *storetest.Clock) {
	t.Helper()
	names := []string{"Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang"}
	kinds := []model.PetitionKind{model.KindComplaint, model.KindDenunciation, model.KindRecommendation, model.KindComplaint, model.KindReport, model.KindComplaint}
	for i, n := range names {
		clk.Advance(5 * time.Hour)
		p := storetest.Visit(t, s, n, kinds[i])
		if i == 5 {
			continue // stays in the inbox
		}
		regime := model.RegimeLabour
		if kinds[i] == model.KindDenunciation {
			regime = model.RegimeUnion
		}
		c := storetest.Accept(t, s, p.ID, kinds[i], regime)
		clk.Advance(24 * time.Hour)
		switch i {
		case 0:
			storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{Handler: "lan"})
			s.AddNote("lan", c.ID, "Đã gọi cho công ty")
		case 1:
			storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{})
			storetest.Act(t, s, c.ID, model.EvCaseSuspended, model.CaseAction{Reason: "Chờ giám định"})
		case 2:
			storetest.Act(t, s, c.ID, model.EvCaseTransferred, model.CaseAction{To: "BHXH Hà Nội"})
		case 3:
			storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{})
			storetest.Act(t, s, c.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultPartly})
			s.SetReminder("lan", c.ID, model.Reminder{On: clk.Today().AddDays(3), Text: "Kiểm tra việc thực hiện"})
		}
	}
	_, _, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Group: true, HeadCount: 12, Content: "Đoàn công nhân hỏi về tiền làm thêm giờ", Outcome: model.OutcomeGuided},
		NewPersons: []model.Person{{Name: "Đỗ Văn Hải"}, {Name: "Đỗ Thị Hằng"}}, NewReps: []int{0},
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestRebuildGivesTheSameState(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	checkClean(t, s)
	before, evs := storetest.State(t, s), storetest.Events(t, s)
	queue := storetest.Must(s.Cases(store.CaseFilter{All: true}, s.Today()))
	defer store.SetRebuildBatch(7)() // many batches, a record's events across two
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if after := storetest.State(t, s); after != before {
		t.Fatalf("state differs after rebuild:\n%s\n---\n%s", before, after)
	}
	if storetest.Events(t, s) != evs {
		t.Fatal("rebuild touched the log")
	}
	checkClean(t, s)
	if q := storetest.Must(s.Cases(store.CaseFilter{All: true}, s.Today())); len(q) != len(queue) {
		t.Fatalf("queue %d, was %d", len(q), len(queue))
	}
	if hits := s.SearchPersons("do van hai", 0); len(hits) != 1 {
		t.Fatalf("search after rebuild: %+v", hits)
	}
	// Writes go on after a rebuild, with the next seq.
	head := s.Heads()["GL07"]
	p := res(s.RecordPerson("lan", model.Person{Name: "Sau Khi Dựng"})).must(t)
	if s.Heads()["GL07"] != head+1 || p.ID != model.NewEntityID(model.EntPerson, "GL07", head+1) {
		t.Fatalf("head %d, id %s", s.Heads()["GL07"], p.ID)
	}
}

func TestCheckFindsDamage(t *testing.T) {
	for _, tc := range []struct {
		name string
		harm func(t *testing.T, s *store.Store, c model.Case)
		want string // in the English problem
	}{
		{"a projection that differs from the log", func(t *testing.T, s *store.Store, c model.Case) {
			if err := s.PutRawState(c.ID, []byte(`{"id":"`+c.ID+`","status":"concluded"}`)); err != nil {
				t.Fatal(err)
			}
		}, "differs from the log"},
		{"a projection with no events", func(t *testing.T, s *store.Store, c model.Case) {
			if err := s.PutRawState("case:GL07.999", []byte(`{}`)); err != nil {
				t.Fatal(err)
			}
		}, "case:GL07.999"},
		{"a stray index entry", func(t *testing.T, s *store.Store, c model.Case) {
			if err := s.PutRawIndex("case_status", "open", "case:GL07.999"); err != nil {
				t.Fatal(err)
			}
		}, "stray entry"},
		{"a missing index entry", func(t *testing.T, s *store.Store, c model.Case) {
			if err := s.DeleteRawIndex("case_status", string(c.Status), c.ID); err != nil {
				t.Fatal(err)
			}
		}, "Indexes lack 1 entries"},
		{"a missing entry and a stray one in the same index", func(t *testing.T, s *store.Store, c model.Case) {
			s.DeleteRawIndex("case_status", string(c.Status), c.ID)
			s.PutRawIndex("case_status", "zz", c.ID)
		}, "Indexes lack 1 entries"},
		{"an event its record does not list", func(t *testing.T, s *store.Store, c model.Case) {
			if err := s.UnlistEvent("GL07", 3); err != nil {
				t.Fatal(err)
			}
		}, "lacks GL07/3"},
		{"a record made by an event, with no projection", func(t *testing.T, s *store.Store, c model.Case) {
			// A visit of one event: listed nowhere, its id names it.
			id, err := s.DropFirstState(model.EntVisit)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(id, "visit:") {
				t.Fatalf("dropped %q", id)
			}
		}, "The log holds visit:"},
		{"a gap in the seq", func(t *testing.T, s *store.Store, c model.Case) {
			if err := s.DeleteEvent("GL07", 5); err != nil {
				t.Fatal(err)
			}
		}, "event 5 is missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := storetest.New(t, "GL07")
			office(t, s, clk)
			c := storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))[0].Case
			checkClean(t, s)
			tc.harm(t, s, c)
			probs := s.Check()
			found := false
			for _, p := range probs {
				if p.VI == "" || p.EN == "" {
					t.Fatalf("problem %+v lacks a language", p)
				}
				found = found || strings.Contains(p.EN, tc.want)
			}
			if !found {
				t.Fatalf("Check found %v, want %q", probs, tc.want)
			}
		})
	}
}

// A changed event is found by its link to the next one, also where
// nothing else shows it: the pass over the log reads headers alone, and
// each event is hashed as its record is folded. A file that is whole is
// read once; a broken one again, to name the link.
func TestCheckFindsABrokenChain(t *testing.T) {
	// addField gives an event's data a field no record reads: its
	// projection stays the same, only its hash changes.
	addField := func(e *model.Event) {
		var m map[string]any
		if err := json.Unmarshal(e.Data, &m); err != nil {
			panic(err)
		}
		m["sửa_lén"] = "x"
		e.Data, _ = json.Marshal(m)
	}
	for _, tc := range []struct {
		name string
		harm func(s *store.Store, audit uint64) (seq uint64, err error) // returns the event whose link breaks
	}{
		{"data added to a case's event", func(s *store.Store, _ uint64) (uint64, error) {
			return 4, s.RewriteEvent("GL07", 3, addField)
		}},
		{"data added to a sign-in's audit event", func(s *store.Store, audit uint64) (uint64, error) {
			return audit + 1, s.RewriteEvent("GL07", audit, addField)
		}},
		{"a wrong previous hash", func(s *store.Store, _ uint64) (uint64, error) {
			return 6, s.RewriteEvent("GL07", 6, func(e *model.Event) { e.Prev = strings.Repeat("0", 64) })
		}},
		{"a previous hash that is not one", func(s *store.Store, _ uint64) (uint64, error) {
			return 6, s.RewriteEvent("GL07", 6, func(e *model.Event) { e.Prev = "không phải mã băm" })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, clk := storetest.New(t, "GL07")
			office(t, s, clk)
			if err := s.Audit("lan", model.EvSignedIn, model.AuditNote{Via: "tui"}); err != nil {
				t.Fatal(err)
			}
			var audit uint64
			var dump bytes.Buffer
			if err := s.DumpEvents(&dump); err != nil {
				t.Fatal(err)
			}
			for _, l := range strings.Split(strings.TrimSpace(dump.String()), "\n") {
				var e model.Event
				if err := json.Unmarshal([]byte(l), &e); err != nil {
					t.Fatal(err)
				}
				if model.Stateless(e.Entity) {
					audit = e.Seq
				}
			}
			if audit == 0 {
				t.Fatal("no audit event in the log")
			}
			c := storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))[0].Case
			s.AddNote("lan", c.ID, "Sau lần đăng nhập") // the audit event has a successor
			before := store.CheckLogPasses()
			checkClean(t, s)
			if n := store.CheckLogPasses() - before; n != 1 {
				t.Fatalf("a whole file's log was read %d times, want once", n)
			}
			seq, err := tc.harm(s, audit)
			if err != nil {
				t.Fatal(err)
			}
			want := fmt.Sprintf("hash chain broken at event %d", seq)
			probs := s.Check()
			found := false
			for _, p := range probs {
				found = found || strings.Contains(p.EN, want)
			}
			if !found {
				t.Fatalf("Check found %v, want %q", probs, want)
			}
		})
	}
}

// An event stored in a form other than its canonical JSON (data with
// spaces, as a bundle another program wrote may carry) is no damage: its
// hash is that of its canonical JSON, which the next event names. Check
// hashes events as they are stored, finds the sums differ, and reads the
// log again, hashing each event's canonical JSON, to find nothing wrong.
func TestCheckTakesAnEventStoredInAnotherForm(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	if err := s.RewriteEvent("GL07", 3, func(e *model.Event) {
		var spaced bytes.Buffer
		if err := json.Indent(&spaced, e.Data, "", " "); err != nil {
			panic(err)
		}
		e.Data = spaced.Bytes()
	}); err != nil {
		t.Fatal(err)
	}
	before := store.CheckLogPasses()
	checkClean(t, s)
	if n := store.CheckLogPasses() - before; n != 2 {
		t.Fatalf("the log was read %d times, want twice: the event is stored as it was", n)
	}
}

// A projection that cannot be read is said so, and its record still
// counts for the indexes: an entry missing from another record's index is
// still found.
func TestCheckCountsAnUnreadableProjectionsEntries(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	cases := storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))
	broken, other := cases[0].Case, cases[1].Case
	s.PutRawState(broken.ID, []byte{0x03, 0x01, 0xff}) // packed, naming a key no build has
	if err := s.DeleteRawIndex("case_status", string(other.Status), other.ID); err != nil {
		t.Fatal(err)
	}
	var unreadable, lack bool
	for _, p := range s.Check() {
		unreadable = unreadable || strings.Contains(p.EN, "Cannot read the state of "+broken.ID)
		lack = lack || strings.Contains(p.EN, "Indexes lack 1 entries")
		if strings.Contains(p.EN, "The state of "+broken.ID+" differs") {
			t.Errorf("said twice: %s", p.EN)
		}
	}
	if !unreadable || !lack {
		t.Fatalf("unreadable said %v, the missing entry said %v", unreadable, lack)
	}
}

func TestRebuildRepairsProjections(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	want := storetest.State(t, s)
	cases := storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))
	c, packed := cases[0], cases[1]
	s.PutRawState(c.ID, []byte(`{"id":"`+c.ID+`","status":"concluded"}`)) // as schema 1 wrote it
	s.PutPackedState(packed.ID, []byte(`{"id":"`+packed.ID+`","status":"concluded"}`))
	s.PutRawIndex("person_name", "ma", "person:GL07.999")
	for _, n := range []int{1024, 3} { // one chunk; many, folded while the next is read
		restore := store.SetRebuildBatch(n)
		probs := s.Check()
		restore()
		var state, statePacked, index bool
		for _, p := range probs {
			state = state || strings.Contains(p.EN, "The state of "+c.ID+" differs")
			statePacked = statePacked || strings.Contains(p.EN, "The state of "+packed.ID+" differs")
			index = index || strings.Contains(p.EN, "person_name")
		}
		if !state || !statePacked || !index {
			t.Fatalf("chunks of %d: the problems found: %v", n, probs)
		}
	}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	checkClean(t, s)
	if storetest.State(t, s) != want {
		t.Fatal("rebuild did not restore the state")
	}
	if got := res(s.Case(c.ID)).must(t); got.Status != c.Status {
		t.Fatalf("cached case after rebuild: %s", got.Status)
	}
}

// TestTrustingRebuildWritesWhatSortingWrites: where the file's entity
// lists and indexes are what its log makes, the rebuild that walks and
// copies them writes the same buckets, key for key, as the one that
// makes them again from the log, and sorts nothing.
func TestTrustingRebuildWritesWhatSortingWrites(t *testing.T) {
	for _, n := range []int{1024, 3} { // one chunk; many
		s, clk := storetest.New(t, "GL07")
		office(t, s, clk)
		s.PutPackedState(storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))[0].ID, []byte(`{"status":"concluded"}`))
		restore := store.SetRebuildBatch(n)
		sorted := store.RebuildsSortedForTest()
		if err := s.Rebuild(); err != nil {
			t.Fatal(err)
		}
		if got := store.RebuildsSortedForTest() - sorted; got != 0 {
			t.Fatalf("chunks of %d: a differing projection made the rebuild sort", n)
		}
		trusted := s.BucketsForTest()
		off := store.SetRebuildTrustForTest(false)
		if err := s.Rebuild(); err != nil {
			t.Fatal(err)
		}
		off()
		restore()
		if got := s.BucketsForTest(); got != trusted {
			t.Fatalf("chunks of %d: the two rebuilds differ:\n%s", n, firstDiff(trusted, got))
		}
		checkClean(t, s)
	}
}

// TestViewsAreDoneWithInTheFold: check and rebuild fold each record's
// events as views of a buffer the next record's fold uses again; with
// the buffer filled with junk once each fold is done, check still finds
// the file whole and both rebuilds make the same file, as the log says.
func TestViewsAreDoneWithInTheFold(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	want := storetest.State(t, s)
	if err := s.Rebuild(); err != nil { // the file a rebuild makes, from views kept whole
		t.Fatal(err)
	}
	wantBuckets := s.BucketsForTest()
	defer store.PoisonViewsForTest()()
	checkClean(t, s)
	for _, trust := range []bool{true, false} {
		restore := store.SetRebuildTrustForTest(trust)
		sorted := store.RebuildsSortedForTest()
		err := s.Rebuild()
		restore()
		if err != nil {
			t.Fatal(err)
		}
		if trust && store.RebuildsSortedForTest() != sorted {
			t.Fatal("the trusting rebuild gave way to the sorting pass")
		}
		if got := storetest.State(t, s); got != want {
			t.Fatalf("trusting %v: the rebuild made another state", trust)
		}
		if got := s.BucketsForTest(); got != wantBuckets {
			t.Fatalf("trusting %v: the rebuild wrote another file:\n%s", trust, firstDiff(wantBuckets, got))
		}
		checkClean(t, s)
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n%s\n%s", i, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(la), len(lb))
}

// TestAnEntryWantedTwiceIsOneKey: two reminders on one day want the same
// key in the reminders' index, which holds it once: check finds nothing
// wrong, and a rebuild trusts the index.
func TestAnEntryWantedTwiceIsOneKey(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	c := storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))[0]
	on := clk.Today().AddDays(3)
	for _, text := range []string{"Hẹn đối thoại với công ty", "Nhắc công ty gửi bảng lương"} {
		if err := s.SetReminder("lan", c.ID, model.Reminder{On: on, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	checkClean(t, s)
	sorted := store.RebuildsSortedForTest()
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if store.RebuildsSortedForTest() != sorted {
		t.Error("two reminders on one day made the rebuild distrust the index")
	}
	checkClean(t, s)
}

// TestRebuildTrustsNoListOrIndexThatDiffers: an entity list or an index
// that is not what the log makes (an entry missing, one too many, a
// record whose only event made it and whose projection is gone) is not
// copied: the rebuild makes them again from the log, as if it had never
// trusted them.
func TestRebuildTrustsNoListOrIndexThatDiffers(t *testing.T) {
	damages := []struct {
		name   string
		damage func(s *store.Store) error
	}{
		{"a list key missing", func(s *store.Store) error {
			for seq := uint64(2); ; seq++ { // the first event that is listed (a record's first is not)
				if err := s.UnlistEvent("GL07", seq); err != nil || len(s.Check()) > 0 {
					return err
				}
			}
		}},
		{"a stray index entry", func(s *store.Store) error { return s.PutRawIndex("person_name", "ma", "person:GL07.999") }},
		{"an index entry missing", func(s *store.Store) error {
			c := storetest.Must(s.Cases(store.CaseFilter{}, s.Today()))[0]
			return s.DeleteRawIndex("case_status", string(c.Status), c.ID)
		}},
		{"a stray index", func(s *store.Store) error { return s.PutRawIndex("no_such_index", "x") }},
		{"an empty stray index", func(s *store.Store) error {
			if err := s.PutRawIndex("no_such_index", "x"); err != nil {
				return err
			}
			return s.DeleteRawIndex("no_such_index", "x")
		}},
		{"a record known by its event alone", func(s *store.Store) error { _, err := s.DropFirstState("visit"); return err }},
	}
	for _, d := range damages {
		s, clk := storetest.New(t, "GL07")
		office(t, s, clk)
		off := store.SetRebuildTrustForTest(false)
		if err := s.Rebuild(); err != nil {
			t.Fatal(err)
		}
		off()
		want := s.BucketsForTest()
		if err := d.damage(s); err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		sorted := store.RebuildsSortedForTest()
		if err := s.Rebuild(); err != nil {
			t.Fatalf("%s: %v", d.name, err)
		}
		// An empty index is left out either way: trusting it writes the
		// same file.
		if store.RebuildsSortedForTest() == sorted && d.name != "an empty stray index" {
			t.Errorf("%s: the rebuild trusted it", d.name)
		}
		if got := s.BucketsForTest(); got != want {
			t.Fatalf("%s: not rebuilt as it was:\n%s", d.name, firstDiff(want, got))
		}
		checkClean(t, s)
	}
}

func TestDumpsAreStable(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	e1, st1 := storetest.Events(t, s), storetest.State(t, s)
	s.DropCaches()
	e2, st2 := storetest.Events(t, s), storetest.State(t, s)
	if e1 != e2 || st1 != st2 {
		t.Fatal("two dumps differ")
	}
	lines := strings.Split(strings.TrimSpace(e1), "\n")
	if len(lines) != s.Stats().Events {
		t.Fatalf("%d lines, %d events", len(lines), s.Stats().Events)
	}
	if !strings.HasPrefix(lines[0], `{"site":"GL07","seq":1,`) {
		t.Fatalf("first line %s", lines[0])
	}
}

// TestBackupWhileWriting: a backup taken while another goroutine writes
// is a consistent file: it opens, and Check finds nothing.
func TestBackupWhileWriting(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	dir := t.TempDir()
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writeErr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, _, err := s.RecordVisit("lan", store.VisitInput{
				Visit:      model.Visit{Content: "Hỏi về chế độ ốm đau", Outcome: model.OutcomeAnswered},
				NewPersons: []model.Person{{Name: "Người Đến Hỏi"}},
				Petition:   &model.Petition{Kind: model.KindRecommendation},
			}); err != nil {
				writeErr = err
				return
			}
		}
	}()
	var copies []string
	for i := 0; i < 3; i++ {
		name := filepath.Join(dir, "copy"+string(rune('a'+i))+".db")
		if err := s.Backup(name); err != nil {
			t.Fatal(err)
		}
		copies = append(copies, name)
		time.Sleep(20 * time.Millisecond)
	}
	close(stop)
	wg.Wait()
	if writeErr != nil {
		t.Fatal(writeErr)
	}
	for _, name := range copies {
		if _, err := os.Stat(name + ".part"); !errors.Is(err, os.ErrNotExist) {
			t.Fatalf("temporary file left: %v", err)
		}
		b, err := store.Open(name, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if b.Site() != "GL07" || b.Stats().Events == 0 {
			t.Fatalf("copy %s: site %q", name, b.Site())
		}
		checkClean(t, b)
		b.Close()
	}
	if err := s.Backup(filepath.Join(dir, "no-such-dir", "x.db")); err == nil {
		t.Fatal("backup into a missing folder succeeded")
	} else {
		refusal(t, err)
	}
}

func TestRotateBackupKeepsSeven(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	var made []string
	for i := 0; i < 10; i++ {
		clk.Advance(time.Minute)
		if i == 5 {
			// A clock set five years back must not make the newest
			// backup look the oldest.
			clk.Advance(-5 * 365 * 24 * time.Hour)
		}
		storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
		name, err := s.RotateBackup(7)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, name)
		// Nothing written since: no new copy of a large file.
		if again, err := s.RotateBackup(7); err != nil || again != "" {
			t.Fatalf("a second backup with nothing new: %q %v", again, err)
		}
	}
	left, _ := filepath.Glob(filepath.Join(s.BackupDir(), "*"))
	if len(left) != 7 {
		t.Fatalf("%d backups left: %v", len(left), left)
	}
	for i, name := range made {
		_, err := os.Stat(name)
		if kept := err == nil; kept != (i >= 3) {
			t.Fatalf("backup %d (%s): kept %v", i, filepath.Base(name), kept)
		}
	}
	if want := fmt.Sprintf("GL07-n%012d.db", s.LogMark()); filepath.Base(made[9]) != want {
		t.Fatalf("name %s, want %s", filepath.Base(made[9]), want)
	}
	b := res(store.Open(made[9], store.Options{ReadOnly: true})).must(t)
	defer b.Close()
	var want, got bytes.Buffer
	s.DumpEvents(&want)
	b.DumpEvents(&got)
	if got.String() != want.String() {
		t.Fatal("the newest backup differs from the file")
	}
}

// TestAutoBackupStopsWhenAsked: quitting does not wait for the copy of a
// large file; the stopped copy leaves no file behind.
func TestAutoBackupStopsWhenAsked(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	name, err := s.AutoBackup(ctx, 7)
	if err == nil || name != "" {
		t.Fatalf("a cancelled backup: %q %v", name, err)
	}
	refusal(t, err)
	left, _ := filepath.Glob(filepath.Join(s.BackupDir(), "*"))
	if len(left) != 0 {
		t.Fatalf("left behind: %v", left)
	}
}

// A file owed a rebuild (its mark set, projections gone: a rebuild an
// older build left half-way, a salvage) is rebuilt by the next Open that
// can write, before anything reads it.
func TestRebuildResumesAtOpen(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	want := storetest.State(t, s)
	path := s.Path()
	s.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.Bucket([]byte("meta")).Put([]byte("rebuilding"), []byte("1")); err != nil {
			return err
		}
		if err := tx.DeleteBucket([]byte("state")); err != nil {
			return err
		}
		_, err := tx.CreateBucket([]byte("state"))
		return err
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if storetest.State(t, s) != want {
		t.Fatal("the interrupted rebuild was not finished")
	}
	checkClean(t, s)
}

// A rebuild that meets a damaged event stops with the way out and
// leaves the file as it was: it writes a new file, never the data file.
func TestRebuildOfADamagedLogChangesNothing(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	path := s.Path()
	s.Close()
	// What a rebuild makes again, as bytes.
	made := func() string {
		db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var b strings.Builder
		db.View(func(tx *bolt.Tx) error {
			var walk func(b2 *bolt.Bucket)
			walk = func(b2 *bolt.Bucket) {
				b2.ForEach(func(k, v []byte) error {
					if v == nil {
						b.WriteString("/" + string(k) + "\n")
						walk(b2.Bucket(k))
					} else {
						b.WriteString(string(k) + "=" + string(v) + "\n")
					}
					return nil
				})
			}
			for _, name := range []string{"state", "idx", "entity_events"} {
				walk(tx.Bucket([]byte(name)))
			}
			return nil
		})
		return b.String()
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		c := tx.Bucket([]byte("events")).Cursor()
		k, _ := c.Last() // the runs of the sort are on disk by then
		return tx.Bucket([]byte("events")).Put(append([]byte(nil), k...), []byte("\x7fnot an event"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := made()
	s, err = store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer store.SetRebuildBatch(5)()
	err = s.Rebuild()
	s.Close()
	if err == nil || !strings.Contains(store.Message(err, model.EN), "salvage") {
		t.Fatalf("rebuild of a damaged log: %v", err)
	}
	if got := made(); got != want {
		t.Fatal("the failed rebuild changed the projections, indexes or lists")
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*"))
	for _, f := range left {
		if b := filepath.Base(f); b != filepath.Base(path) && b != "backups" && !strings.HasSuffix(b, ".lock") {
			t.Fatalf("the failed rebuild left %s beside the file", b)
		}
	}
}

// A rebuild writes a new file in key order: nothing for a compaction to
// take away, nothing bbolt grew ahead kept on disk, the data the same.
func TestRebuildWritesAFullFile(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	office(t, s, clk)
	defer store.SetRebuildBatch(5)() // the keys sorted in many runs, merged
	state, evs := storetest.State(t, s), storetest.Events(t, s)
	before := s.Stats().Size
	// What a rebuild killed part-way leaves: the next one clears it.
	for _, f := range []string{s.Path() + ".rebuild", s.Path() + ".rebuild.sort-12345"} {
		if err := os.WriteFile(f, []byte("left by a killed rebuild"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if storetest.State(t, s) != state || storetest.Events(t, s) != evs {
		t.Fatal("rebuilding changed the data")
	}
	after := s.Stats().Size
	if after > before {
		t.Fatalf("file %d bytes after the rebuild, was %d", after, before)
	}
	checkClean(t, s)
	// The file on disk is its pages: nothing bbolt grew ahead is kept.
	if fi, err := os.Stat(s.Path()); err != nil || fi.Size() != after {
		t.Fatalf("file %v bytes on disk, its pages %d: %v", fi.Size(), after, err)
	}
	if err := s.Compact(); err != nil {
		t.Fatal(err)
	}
	if storetest.State(t, s) != state || storetest.Events(t, s) != evs {
		t.Fatal("compacting changed the data")
	}
	if c := s.Stats().Size; c < after {
		t.Fatalf("a compaction took the rebuilt file from %d to %d bytes: its pages were not full", after, c)
	}
	// and it grows again for the next write.
	if _, err := s.RecordPerson("lan", model.Person{Name: "Sau Khi Gọn"}); err != nil {
		t.Fatal(err)
	}
	checkClean(t, s)
	for _, ext := range []string{".rebuild", ".compact"} {
		if _, err := os.Stat(s.Path() + ext); !os.IsNotExist(err) {
			t.Fatalf("the copy %s stays beside the file: %v", ext, err)
		}
	}
	left, _ := filepath.Glob(s.Path() + ".rebuild.sort-*")
	if len(left) > 0 {
		t.Fatalf("the sort's runs stay beside the file: %v", left)
	}
}
