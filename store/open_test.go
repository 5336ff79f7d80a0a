package store_test

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"

	bolt "go.etcd.io/bbolt"
)

// schemaFixture is a small site written by schema version 1 and kept in the
// repository: every later build must open it, read it and write to it. It
// is made by `go test ./store -run TestSchemaV1Fixture -update`, which
// should only ever be run when the file is first added: a later layout
// adds a new fixture (schema-v2.db) and keeps this one.
const schemaFixture = "testdata/schema-v1.db"

func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the test fixtures in testdata")
	}
}

func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// makeSchemaFixture writes the schema-v1 fixture at path: site GL07 under
// HN01, a handler, visits (one a group), petitions of several kinds, and
// cases pending, open, suspended, concluded, rejected and transferred,
// with notes, a reminder and a calendar override.
func makeSchemaFixture(t *testing.T, path string) {
	clk := &storetest.Clock{}
	clk.SetDate(day(2026, time.February, 2))
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Init(store.SiteInit{Code: "GL07", Name: "Công đoàn cơ sở Công ty May Gia Lâm", Parent: "HN01",
		Login: "lan", UserName: "Nguyễn Thị Lan", Password: storetest.Password}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUser("lan", model.User{Login: "hung", Name: "Trần Văn Hùng", Roles: []model.Role{model.RoleHandler}}, storetest.Password); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCalendarDay("lan", model.CalendarChange{Override: model.Override{Date: day(2026, time.May, 4), Kind: model.DayOff, Name: "Nghỉ bù"}}); err != nil {
		t.Fatal(err)
	}
	type spec struct {
		name, phone, id string
		birth           int
		kind            model.PetitionKind
		regime          model.Regime
		field           model.Field
		content         string
		then            []model.EventType
	}
	for i, sp := range []spec{
		{"Nguyễn Văn An", "0912345678", "001090012345", 1990, model.KindComplaint, model.RegimeLabour, model.FieldWages,
			"Công ty nợ lương tháng 12 và tháng 1", []model.EventType{model.EvCaseAccepted}},
		{"Trần Thị Bình", "0987654321", "", 0, model.KindDenunciation, model.RegimeUnion, model.FieldUnionFee,
			"Tố cáo chủ tịch công đoàn sử dụng sai kinh phí", []model.EventType{model.EvCaseAccepted, model.EvCaseSuspended}},
		{"Lê Văn Cường", "", "001201012345", 2001, model.KindComplaint, model.RegimeLabour, model.FieldDismissal,
			"Bị sa thải khi đang nghỉ ốm", []model.EventType{model.EvCaseAccepted, model.EvCaseConcluded}},
		{"Phạm Thị Dung", "0345678901", "", 0, model.KindRecommendation, model.RegimeLabour, model.FieldInsurance,
			"Công ty chậm đóng BHXH sáu tháng", []model.EventType{model.EvCaseTransferred}},
		{"Hoàng Văn Em", "", "", 0, model.KindComplaint, model.RegimeLabour, model.FieldHours,
			"Làm thêm giờ quá 300 giờ một năm", []model.EventType{model.EvCaseRejected}},
		{"Vũ Thị Giang", "", "", 0, model.KindComplaint, model.RegimeLabour, model.FieldSafety,
			"Tai nạn lao động chưa được bồi thường", nil},
	} {
		clk.Advance(26 * time.Hour)
		_, p, err := s.RecordVisit("lan", store.VisitInput{
			Visit:      model.Visit{Content: sp.content, Outcome: model.OutcomePetition, Employer: "Công ty TNHH May mặc Gia Lâm"},
			NewPersons: []model.Person{{Name: sp.name, Phone: sp.phone, IDNumber: sp.id, BirthYear: sp.birth, Employer: "Công ty TNHH May mặc Gia Lâm", Member: true}},
			Petition:   &model.Petition{Kind: sp.kind},
		})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.Classify("lan", p.ID, model.Classification{Kind: sp.kind, Regime: sp.regime, Field: sp.field,
			Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1})
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range sp.then {
			clk.Advance(24 * time.Hour)
			a := model.CaseAction{Handler: "hung", Result: model.ResultRight, DecisionNo: "01/QĐ-CĐCS", To: "BHXH thành phố Hà Nội", Reason: "Theo đề nghị"}
			if _, err := s.CaseAction("hung", c.ID, ev, a); err != nil {
				t.Fatalf("%d %s: %v", i, ev, err)
			}
		}
		if i == 0 {
			s.AddNote("hung", c.ID, "Đã làm việc với phòng nhân sự công ty")
			s.SetReminder("hung", c.ID, model.Reminder{On: clk.Today().AddDays(5), Text: "Hỏi lại kết quả trả lương"})
		}
	}
	clk.Advance(2 * time.Hour)
	if _, _, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Group: true, HeadCount: 27, Content: "Đoàn công nhân hỏi về thưởng Tết", Outcome: model.OutcomeGuided, Reception: model.ReceptionAdhoc},
		NewPersons: []model.Person{{Name: "Đặng Văn Hải"}, {Name: "Bùi Thị Hằng"}}, NewReps: []int{0, 1},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RegisterPetition("lan", model.Petition{Summary: "Thư không ký tên phản ánh tổ trưởng quát mắng công nhân", Source: model.SourcePost}); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestSchemaV1Fixture(t *testing.T) {
	if updating() {
		// Written beside, then compacted into place: a new file is grown
		// to 16 MiB at once (bbolt's allocation step), mostly empty.
		tmp := filepath.Join(t.TempDir(), "v1.db")
		makeSchemaFixture(t, tmp)
		os.MkdirAll("testdata", 0o755)
		os.Remove(schemaFixture)
		src, err := bolt.Open(tmp, 0o600, &bolt.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		dst, err := bolt.Open(schemaFixture, 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		if err := bolt.Compact(dst, src, 0); err != nil {
			t.Fatal(err)
		}
		src.Close()
		dst.Close()
		t.Logf("wrote %s", schemaFixture)
	}
	path := filepath.Join(t.TempDir(), "v1.db")
	copyFile(t, schemaFixture, path)
	old := dumpRaw(t, path)
	clk := &storetest.Clock{}
	clk.SetDate(day(2026, time.March, 2))
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	// Migrated to the compact encoding, after a copy of the old file, with
	// the same events (the same canonical JSON, so the same hashes).
	if s.Site() != "GL07" || s.Schema() != store.SchemaVersion {
		t.Fatalf("site %q schema %d", s.Site(), s.Schema())
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), "backups", "v1-schema1.db")); err != nil {
		t.Fatalf("no backup before the migration: %v", err)
	}
	if got := storetest.Events(t, s); got != old {
		t.Fatalf("events changed by the migration:\n%s\nwant\n%s", got, old)
	}

	// Read.
	checkClean(t, s)
	st := s.Stats()
	if st.Entities["person"] != 8 || st.Entities["visit"] != 7 || st.Entities["petition"] != 7 || st.Entities["case"] != 6 || st.Entities["user"] != 2 {
		t.Fatalf("entities %v", st.Entities)
	}
	if hits := s.SearchPersons("nguyen van an", 0); len(hits) != 1 {
		t.Fatalf("search %+v", hits)
	}
	if got := s.PersonsByNumber("+84912345678"); len(got) != 1 {
		t.Fatalf("by phone %v", got)
	}
	if _, err := s.Authenticate("hung", storetest.Password); err != nil {
		t.Fatal(err)
	}
	statuses := map[model.CaseStatus]int{}
	for _, r := range storetest.Must(s.Cases(store.CaseFilter{All: true}, s.Today())) {
		statuses[r.Status]++
	}
	want := map[model.CaseStatus]int{model.StatusOpen: 1, model.StatusSuspended: 1, model.StatusConcluded: 1,
		model.StatusTransferred: 1, model.StatusRejected: 1, model.StatusPending: 1}
	for k, v := range want {
		if statuses[k] != v {
			t.Fatalf("statuses %v", statuses)
		}
	}
	if in := storetest.Must(s.Inbox()); len(in) != 1 || !in[0].Anonymous {
		t.Fatalf("inbox %+v", in)
	}
	if site := res(s.SiteInfo("")).must(t); site.Parent != "HN01" || len(site.Overrides) != 1 {
		t.Fatalf("site %+v", site)
	}
	if !s.Calendar().IsWorkingDay(day(2026, time.May, 5)) || s.Calendar().IsWorkingDay(day(2026, time.May, 4)) {
		t.Fatal("calendar override lost")
	}

	// Write.
	head := s.Heads()["GL07"]
	before := storetest.Events(t, s)
	p := storetest.Visit(t, s, "Ngô Thị Mới", model.KindComplaint)
	if p.No != "GL07-2026-0008" {
		t.Fatalf("next number %q", p.No)
	}
	c := storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	storetest.Act(t, s, c.ID, model.EvCaseAccepted, model.CaseAction{})
	if s.Heads()["GL07"] != head+6 { // person, visit, petition; classified, case opened; accepted
		t.Fatalf("head %d after %d", s.Heads()["GL07"], head)
	}
	if after := storetest.Events(t, s); !strings.HasPrefix(after, before) {
		t.Fatal("the old log changed")
	}
	checkClean(t, s)
}

func TestSchemaTooNew(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	path := s.Path()
	if err := s.SetSchema(store.SchemaVersion + 1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, ro := range []bool{false, true} {
		_, err := store.Open(path, store.Options{ReadOnly: ro})
		if !errors.Is(err, store.ErrSchemaTooNew) {
			t.Fatalf("read-only %v: %v", ro, err)
		}
		m := refusal(t, err)
		if !strings.Contains(m.EN, "newer donthu") || !strings.Contains(m.VI, "mới hơn") {
			t.Fatalf("message %+v", m)
		}
	}
}

func TestNotADataFile(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"text", []byte(strings.Repeat("Đây không phải tệp dữ liệu donthu.\n", 400))},
		{"short", []byte("hello")},
		{"zeros", make([]byte, 64<<10)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name+".db")
			if err := os.WriteFile(path, tc.data, 0o600); err != nil {
				t.Fatal(err)
			}
			for _, ro := range []bool{false, true} {
				_, err := store.Open(path, store.Options{ReadOnly: ro})
				if !errors.Is(err, store.ErrCorrupt) {
					t.Fatalf("read-only %v: %v", ro, err)
				}
				m := refusal(t, err)
				if !strings.Contains(m.EN, "not a donthu data file") || !strings.Contains(m.VI, "bản sao lưu") {
					t.Fatalf("message %+v", m)
				}
			}
			if b, _ := os.ReadFile(path); string(b) != string(tc.data) {
				t.Fatal("the file was changed")
			}
		})
	}
	t.Run("missing, read-only", func(t *testing.T) {
		_, err := store.Open(filepath.Join(dir, "none.db"), store.Options{ReadOnly: true})
		if !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		refusal(t, err)
	})
}

// TestLocked: a second Open of an open file gives up after about a second
// (the default Timeout) with ErrLocked and a clear message; it never hangs.
func TestLocked(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	for _, ro := range []bool{false, true} {
		opt := store.Options{ReadOnly: ro} // the default timeout, about a second
		atLeast := 500 * time.Millisecond
		if ro {
			opt.Timeout, atLeast = 200*time.Millisecond, 100*time.Millisecond
		}
		start := time.Now()
		done := make(chan error, 1)
		go func() {
			s2, err := store.Open(s.Path(), opt)
			if err == nil {
				s2.Close()
			}
			done <- err
		}()
		select {
		case err := <-done:
			took := time.Since(start)
			if !errors.Is(err, store.ErrLocked) {
				t.Fatalf("read-only %v: %v", ro, err)
			}
			if took < atLeast || took > 3*time.Second {
				t.Fatalf("gave up after %v", took)
			}
			m := refusal(t, err)
			if !strings.Contains(m.EN, "open in another copy of donthu") || !strings.Contains(m.VI, "đang được mở") {
				t.Fatalf("message %+v", m)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("the second Open hangs")
		}
	}
	// Once closed, the file opens again.
	s.Close()
	s2 := res(store.Open(s.Path(), store.Options{})).must(t)
	s2.Close()
}

// dumpRaw returns the events of a schema-1 file as stored (JSON lines),
// read with bbolt alone.
func dumpRaw(t *testing.T, path string) string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var b strings.Builder
	db.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("events")).ForEach(func(_, v []byte) error {
			b.Write(v)
			b.WriteByte('\n')
			return nil
		})
	})
	return b.String()
}

// A migration interrupted before its rename leaves the old file as it
// was, and the next start upgrades it.
func TestMigrationInterrupted(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	copyFile(t, schemaFixture, path)
	old := dumpRaw(t, path)
	// What a crash half-way through the rewrite leaves beside the file.
	if err := os.WriteFile(path+".upgrade", []byte("half a file"), 0o600); err != nil {
		t.Fatal(err)
	}
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if ro.Schema() != 1 || storetest.Events(t, ro) != old {
		t.Fatal("the old file changed")
	}
	ro.Close()
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Schema() != store.SchemaVersion || storetest.Events(t, s) != old {
		t.Fatal("not upgraded, or events changed")
	}
	checkClean(t, s)
	s.Close()
	if _, err := os.Stat(path + ".upgrade"); !os.IsNotExist(err) {
		t.Fatalf("the half-written file stays: %v", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("events")).ForEach(func(k, v []byte) error {
			if v[0] == '{' {
				t.Errorf("event %q still JSON", k)
			}
			return nil
		})
	})
}

// TestPanickingPageReleasesTheFile: a page bbolt panics on (its root
// page naming itself another page) makes Open refuse with the way out,
// and the refusal releases the file: a second Open in the same process
// gets the same sentence at once, not "open in another copy" after a
// second's wait for a lock nobody holds any more.
func TestPanickingPageReleasesTheFile(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	path := s.Path()
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The newest of bbolt's two meta pages names the root page; that
	// page's header begins with its own id.
	le := func(b []byte) uint64 {
		var v uint64
		for i := 7; i >= 0; i-- {
			v = v<<8 | uint64(b[i])
		}
		return v
	}
	meta := func(off int) (pageSize, root, txid uint64) {
		m := raw[off+16:]
		return le(append(m[8:12:12], 0, 0, 0, 0)), le(m[16:24]), le(m[48:56])
	}
	ps, root, tx0 := meta(0)
	if _, r1, tx1 := meta(int(ps)); tx1 > tx0 {
		root = r1
	}
	page := raw[root*ps:]
	page[0] ^= 0x5a // the page now says it is another page
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		start := time.Now()
		_, err := store.Open(path, store.Options{})
		if !errors.Is(err, store.ErrCorrupt) {
			t.Fatalf("open %d: %v, want the damaged file's refusal", i+1, err)
		}
		if took := time.Since(start); took > 500*time.Millisecond {
			t.Fatalf("open %d took %v: it waited for a lock", i+1, took)
		}
		if m := refusal(t, err); !strings.Contains(m.EN, "donthu salvage") {
			t.Fatalf("open %d: %+v", i+1, m)
		}
	}
}
