package store_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// A person who came in the clear and denounced later: the events that
// named them before are sealed at rest, so neither the raw file (once the
// next sign-in has compacted it) nor a dump holds their identity, while
// the chain, check, rebuild and a bundle to the office still work.
func TestEarlierEventsSealedAtRest(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewAt(t, "HN01", "", clk)
	s := storetest.NewAt(t, "GL07", "HN01", clk)
	storetest.PinBoth(t, office, s)
	secret := []string{"Phạm Văn Tố", "079085001234", "0912000111", "Tổ 5, phường Bồ Đề"}
	_, first, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Hỏi về lương", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: secret[0], IDNumber: secret[1], BirthYear: 1985, Phone: secret[2], Address: secret[3]}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Visit(t, s, "Nguyễn Văn Thường", model.KindComplaint)
	// The office already holds the events that named him.
	storetest.Exchange(t, s, office)
	// He comes back and denounces.
	den := storetest.Denounce(t, s, first.Senders)
	storetest.Accept(t, s, den.ID, model.KindDenunciation, model.RegimeUnion)
	if probs := s.Check(); len(probs) != 0 {
		t.Fatalf("check, signed in: %v", probs)
	}
	// Signed in, the sealed events read back as written: the whole
	// history a new parent's first bundle carries chains as before, and a
	// fresh replica built from it is the same.
	all := storetest.AllEvents(t, s)
	prev := map[string]string{}
	for _, e := range all {
		if e.Prev != prev[e.Site] {
			t.Fatalf("%s does not chain after the sealing", e.Key())
		}
		prev[e.Site] = e.Hash()
	}
	if !strings.Contains(string(mustJSON(t, all)), secret[0]) {
		t.Fatal("the history read signed in lacks the sealed events' text")
	}
	fresh := storetest.NewAt(t, "HN09", "", clk)
	storetest.Import(t, fresh, all)
	if probs := fresh.Check(); len(probs) != 0 {
		t.Fatalf("a replica from the whole history: %v", probs)
	}
	// The next sign-in compacts away the pages that held the clear copy.
	s.SignOut()
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	storetest.Exchange(t, s, office) // the office takes the sealing, and seals its own copy
	if probs := office.Check(); len(probs) != 0 {
		t.Fatalf("office check: %v", probs)
	}
	path, opath := s.Path(), office.Path()
	s.SignOut()
	office.SignOut()
	var dump bytes.Buffer
	s.DumpEvents(&dump)
	s.Close()
	if _, err := office.SignIn("lan", storetest.Password); err != nil { // compacts the office's file
		t.Fatal(err)
	}
	office.Close()
	for _, f := range []string{path, opath} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range secret {
			if bytes.Contains(raw, []byte(x)) {
				t.Errorf("%s holds %q in the clear", filepath.Base(f), x)
			}
		}
		if !bytes.Contains(raw, []byte("Nguyễn Văn Thường")) {
			t.Errorf("%s: an ordinary visitor should stay readable (the test would pass for the wrong reason)", filepath.Base(f))
		}
	}
	for _, x := range secret {
		if bytes.Contains(dump.Bytes(), []byte(x)) {
			t.Errorf("the dump holds %q", x)
		}
	}
	if !bytes.Contains(dump.Bytes(), []byte("sealed_at_rest")) {
		t.Error("the dump shows no event sealed at rest")
	}

	// Without a sign-in: the chain is checked, sealed records are taken
	// as stored, a rebuild is refused and changes nothing.
	s2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if probs := s2.Check(); len(probs) != 0 {
		t.Errorf("check without a sign-in: %v", probs)
	}
	if s2.CheckSealed() == 0 {
		t.Error("check without a sign-in says nothing of the sealed records")
	}
	before := storetest.State(t, s2)
	sorted := store.RebuildsSortedForTest()
	if err := s2.Rebuild(); !errors.Is(err, store.ErrRestSealed) {
		t.Fatalf("rebuild without a sign-in: %v", err)
	} else if !strings.Contains(store.Message(err, model.VI), "--user") {
		t.Errorf("the refusal does not say what to do: %s", store.Message(err, model.VI))
	}
	if store.RebuildsSortedForTest() != sorted {
		t.Error("a refused rebuild went on to sort the file's keys")
	}
	if storetest.State(t, s2) != before {
		t.Error("a refused rebuild changed the state")
	}
	// Signed in, everything opens.
	if _, err := s2.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if err := s2.Rebuild(); err != nil {
		t.Fatal(err)
	}
	if probs := s2.Check(); len(probs) != 0 || s2.CheckSealed() != 0 {
		t.Errorf("check after a signed-in rebuild: %v, %d sealed", probs, s2.CheckSealed())
	}
	if storetest.State(t, s2) != before {
		t.Error("the rebuild folded the sealed events into another state")
	}
}

// A rebuild left half-way finishes at the next open for every record but
// those sealed at rest, and whole at the next sign-in.
func TestRebuildPendingWaitsForTheKey(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Trần Văn Hai", model.KindComplaint)
	den := storetest.Denounce(t, s, p.Senders)
	storetest.Accept(t, s, den.ID, model.KindDenunciation, model.RegimeUnion)
	want := storetest.State(t, s)
	path := s.Path()
	s.Close()
	store.MarkRebuildPendingForTest(t, path)
	s2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatalf("open with a rebuild pending and no key: %v", err)
	}
	defer s2.Close()
	if len(s2.Users()) == 0 {
		t.Fatal("nobody can sign in: the users were not rebuilt")
	}
	if _, err := s2.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if got := storetest.State(t, s2); got != want {
		t.Errorf("after the sign-in finished the rebuild, the state differs")
	}
	if probs := s2.Check(); len(probs) != 0 {
		t.Error(probs)
	}
}

// Upgrading a first-release file makes the confidential key; until the
// first leader or handler takes it, it waits encrypted to the site's own
// key, never in the clear: the upgraded file holds no private key the
// first release did not already hold.
func TestUpgradeKeepsNoNewKeyInTheClear(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	copyFile(t, schemaFixture, path)
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte("conf/pending")) || !bytes.Contains(raw, []byte("conf/escrow")) {
		t.Error("the upgraded file keeps its new confidential key in the clear, not in escrow")
	}
	// The first leader takes it: the confidential senders open.
	s, err = store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.SignIn("lan", "matkhau"); err != nil {
		t.Fatal(err)
	}
	n := 0
	s.EachCase(store.CaseFilter{All: true}, func(c model.Case) {
		if c.Confidential {
			if _, ok := s.SenderName(&c); !ok {
				t.Errorf("%s: the leader cannot read the sender after the upgrade", c.No)
			}
			n++
		}
	})
	if n == 0 {
		t.Fatal("the fixture has no confidential case (the test would pass for the wrong reason)")
	}
}

// A file where nothing was ever written in the clear about a protected
// person (the denouncer came for the first time) has no rest key, even at
// the office that took the child's confidential case: it is checked and
// rebuilt without anyone's password, as before.
func TestNothingSealedAtRestNeedsNoKey(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewAt(t, "HN01", "", clk)
	s := storetest.NewAt(t, "GL07", "HN01", clk)
	storetest.PinBoth(t, office, s)
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	storetest.Exchange(t, s, office)
	for _, st := range []*store.Store{s, office} {
		path := st.Path()
		st.Close()
		s2, err := store.Open(path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := s2.Rebuild(); err != nil {
			t.Errorf("%s: rebuild without a sign-in: %v", filepath.Base(path), err)
		}
		if probs := s2.Check(); len(probs) != 0 || s2.CheckSealed() != 0 {
			t.Errorf("%s: check: %v, %d sealed", filepath.Base(path), probs, s2.CheckSealed())
		}
		s2.Close()
	}
}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// In one batch (an old register imported), a worker's complaint in the
// clear and then their denunciation: once the batch ends, the earlier
// complaint is confidential and nothing in the log names them.
func TestBulkProtectsEarlierRows(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	const name = "Phạm Văn Tố"
	var first *model.Petition
	err := s.BulkLoad(func(b *store.Bulk) error {
		_, p, err := b.RecordVisit("lan", store.VisitInput{
			Visit:      model.Visit{Content: "Hỏi về lương", Outcome: model.OutcomePetition},
			NewPersons: []model.Person{{Name: name, BirthYear: 1985}},
			Petition:   &model.Petition{Kind: model.KindComplaint},
		})
		if err != nil {
			return err
		}
		first = p
		_, _, err = b.RecordVisit("lan", store.VisitInput{
			Visit:    model.Visit{Content: "Tố cáo quản đốc", Outcome: model.OutcomePetition, Persons: p.Senders},
			Petition: &model.Petition{Kind: model.KindDenunciation},
		})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.Petition(first.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Confidential || p.SenderName != "" {
		t.Errorf("the earlier complaint: confidential %v, sender %q", p.Confidential, p.SenderName)
	}
	var dump bytes.Buffer
	s.DumpEvents(&dump)
	s.DumpState(&dump)
	if bytes.Contains(dump.Bytes(), []byte(name)) {
		t.Error("the log or the state still names the denouncer")
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Error(probs)
	}
}

// The write that seals events at rest clears the file's free pages at
// once: the clear copy is in no free page a backup could take. It does so
// in place, not by writing the whole file again (seconds at an office,
// on the desk's every denunciation).
func TestSealingScrubsAtOnce(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	const name = "Phạm Văn Tố"
	p := storetest.Visit(t, s, name, model.KindComplaint)
	before, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	storetest.Denounce(t, s, p.Senders)
	if after, err := os.Stat(s.Path()); err != nil || !os.SameFile(before, after) {
		t.Errorf("the whole file was written again to seal a record (%v)", err)
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Fatalf("check after the scrub: %v", probs)
	}
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{s.Path(), backup} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte(name)) {
			t.Errorf("%s holds the name right after the sealing", filepath.Base(f))
		}
	}
}

// A backup of this file opened and closed beside it (a restore's check)
// leaves the signed-in session able to read the events sealed at rest.
func TestClosingACopyKeepsTheSessionsKey(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindComplaint)
	storetest.Denounce(t, s, p.Senders)
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	b, err := store.Open(backup, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	b.Close()
	if _, err := s.Timeline(p.Senders[0]); err != nil {
		t.Fatalf("the session lost its key when a copy closed: %v", err)
	}
}

// A worker entered twice and merged, then denouncing on one record: the
// other record of theirs is sealed too, and no state names them.
func TestProtectingSealsTheMergedRecords(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	a := storetest.Visit(t, s, "Phạm Văn Tố", model.KindComplaint)
	b := storetest.Visit(t, s, "Pham Van To", model.KindComplaint)
	if _, err := s.MergePersons("lan", a.Senders[0], b.Senders[0]); err != nil {
		t.Fatal(err)
	}
	storetest.Denounce(t, s, a.Senders)
	for _, id := range []string{a.Senders[0], b.Senders[0]} {
		p, err := s.Person(id)
		if err != nil {
			t.Fatal(err)
		}
		if p.Sealed == "" || p.Name != "" {
			t.Errorf("%s not sealed: name %q", id, p.Name)
		}
	}
	// Nor does the record they were merged into keep the other record's
	// name among what it absorbed; the log is sealed at rest.
	var dump bytes.Buffer
	s.DumpState(&dump)
	s.DumpEvents(&dump)
	for _, n := range []string{"Phạm Văn Tố", "Pham Van To"} {
		if bytes.Contains(dump.Bytes(), []byte(n)) {
			t.Errorf("the state or the log names %q", n)
		}
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Error(probs)
	}
}

// An office importing a site's whole history seals at rest, in the same
// transaction, the events that named a person who later denounced: their
// clear form never reaches its disk (bbolt writes a page's last form at
// the commit), so the file is not rewritten for it. An import that seals
// events it already held still is (TestEarlierEventsSealedAtRest).
func TestImportSealsWithoutCompacting(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	s := storetest.NewAt(t, "GL07", "", clk)
	const name = "Phạm Văn Tố"
	_, first, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Hỏi về lương", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: name, BirthYear: 1985, Phone: "0912000111"}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		t.Fatal(err)
	}
	storetest.Denounce(t, s, first.Senders)
	all := storetest.AllEvents(t, s)
	office := storetest.NewAt(t, "HN09", "", clk)
	before, err := os.Stat(office.Path())
	if err != nil {
		t.Fatal(err)
	}
	storetest.Import(t, office, all)
	after, err := os.Stat(office.Path())
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Error("the import rewrote the whole file to seal events it had just written")
	}
	raw, err := os.ReadFile(office.Path())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(raw, []byte(name)) || bytes.Contains(raw, []byte("0912000111")) {
		t.Fatal("the denouncer's name or phone is in the office's file in the clear")
	}
	if probs := office.Check(); len(probs) != 0 {
		t.Fatalf("office check: %v", probs)
	}
}
