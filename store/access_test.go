package store_test

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"

	"filippo.io/age"
)

// A denouncer's name, ID number, phone and address never reach the file
// in the clear: not in the log, the state, the indexes, nor a dump made
// without signing in.
func TestConfidentialSenderSealedAtRest(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	secret := []string{"Phạm Văn Tố", "079085001234", "0912000111", "Tổ 5, phường Bồ Đề"}
	_, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Tố cáo quản đốc", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: secret[0], IDNumber: secret[1], BirthYear: 1985, Phone: secret[2], Address: secret[3]}},
		Petition:   &model.Petition{Kind: model.KindDenunciation},
	})
	if err != nil {
		t.Fatal(err)
	}
	c := storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	// Another, ordinary visitor stays in the clear.
	storetest.Visit(t, s, "Nguyễn Văn Thường", model.KindComplaint)

	var dump bytes.Buffer
	s.DumpEvents(&dump)
	s.DumpState(&dump)
	path := s.Path()
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range secret {
		for _, form := range []string{x, model.Fold(x)} {
			if bytes.Contains(raw, []byte(form)) {
				t.Errorf("the data file holds %q in the clear", form)
			}
			if bytes.Contains(dump.Bytes(), []byte(form)) {
				t.Errorf("the dump holds %q in the clear", form)
			}
		}
	}
	if bytes.Contains(raw, []byte("AGE-SECRET-KEY")) {
		t.Error("the data file holds a private key in the clear")
	}
	if !bytes.Contains(raw, []byte("Nguyễn Văn Thường")) {
		t.Error("an ordinary visitor should stay readable (the test would pass for the wrong reason)")
	}

	// Without sign-in: sealed, found by nobody.
	s2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.Identity(); !errors.Is(err, store.ErrKeysSealed) {
		t.Errorf("the site's keys open without a sign-in: %v", err)
	}
	if _, err := s2.KeyCard(); err != nil {
		t.Errorf("a key card needs no sign-in: %v", err)
	}
	if hits := s2.SearchPersons("pham van to", 0); len(hits) != 0 {
		t.Errorf("search by a confidential name found %v", hits)
	}
	if hits := s2.SearchPersons("0912000111", 0); len(hits) != 0 {
		t.Errorf("search by a confidential phone found %v", hits)
	}
	cs, _ := s2.Case(c.ID)
	if name, ok := s2.SenderName(&cs); ok || name != "" {
		t.Errorf("unsealed without a sign-in: %q", name)
	}
	// A receptionist signed in holds no key.
	if _, err := s2.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if err := s2.CreateUser("lan", model.User{Login: "thu", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}}, "matkhau2"); err != nil {
		t.Fatal(err)
	}
	if err := s2.CreateUser("lan", model.User{Login: "hung", Name: "Trần Văn Hùng", Roles: []model.Role{model.RoleHandler}}, "matkhau3"); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		login, pw string
		reads     bool
	}{{"thu", "matkhau2", false}, {"hung", "matkhau3", true}, {"lan", storetest.Password, true}} {
		s2.SignOut()
		if _, err := s2.SignIn(tc.login, tc.pw); err != nil {
			t.Fatal(err)
		}
		name, ok := s2.SenderName(&cs)
		if ok != tc.reads || (ok && name != secret[0]) {
			t.Errorf("%s: unsealed %q %v, want %v", tc.login, name, ok, tc.reads)
		}
	}
}

// A password reset by an administrator gives the user a new key; the
// confidential key is granted again at the next entitled sign-in, so a
// handler loses nothing.
func TestPasswordResetKeepsAccess(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	if err := s.CreateUser("lan", model.User{Login: "hung", Name: "Trần Văn Hùng", Roles: []model.Role{model.RoleHandler}}, "cu-1234"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateUser("lan", model.User{Login: "quantri", Name: "Quản trị", Roles: []model.Role{model.RoleAdmin}}, "qt-1234"); err != nil {
		t.Fatal(err)
	}
	s.SignOut()
	if err := s.SetPassword("hung", "moi-1234"); !errors.Is(err, store.ErrForbidden) {
		t.Fatalf("a reset without signing in: %v", err)
	}
	if _, err := s.SignIn("quantri", "qt-1234"); err != nil { // an administrator without the key
		t.Fatal(err)
	}
	if err := s.SetPassword("hung", "moi-1234"); err != nil {
		t.Fatal(err)
	}
	s.SignOut()
	if _, err := s.SignIn("hung", "moi-1234"); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.PetitionSenderName(&p); ok {
		t.Fatal("a reset handler read the sender before anyone granted the key")
	}
	s.SignOut()
	if _, err := s.SignIn("lan", storetest.Password); err != nil { // grants
		t.Fatal(err)
	}
	s.SignOut()
	if _, err := s.SignIn("hung", "moi-1234"); err != nil {
		t.Fatal(err)
	}
	if name, ok := s.PetitionSenderName(&p); !ok || name != "Phạm Văn Tố" {
		t.Fatalf("after the grant: %q %v", name, ok)
	}
	// Changing one's own password keeps one's key.
	if err := s.ChangePassword("hung", "moi-1234", "khac-1234"); err != nil {
		t.Fatal(err)
	}
	s.SignOut()
	if _, err := s.SignIn("hung", "khac-1234"); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.PetitionSenderName(&p); !ok {
		t.Fatal("the key was lost with a change of one's own password")
	}
}

// Sealed values travel to the office in a bundle and are readable there.
func TestSealedSenderReadableAtTheOffice(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewAt(t, "HN01", "", clk)
	gl07 := storetest.NewAt(t, "GL07", "HN01", clk)
	storetest.PinBoth(t, office, gl07)
	p := storetest.Visit(t, gl07, "Phạm Văn Tố", model.KindDenunciation)
	c := storetest.Accept(t, gl07, p.ID, model.KindDenunciation, model.RegimeUnion)
	storetest.Exchange(t, gl07, office)
	oc, err := office.Case(c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if name, ok := office.SenderName(&oc); !ok || name != "Phạm Văn Tố" {
		t.Fatalf("at the office: %q %v", name, ok)
	}
	// The policy still says no to the office's leaders for a child's case.
	u, _ := office.User("lan")
	if model.MaySeeSender(&u, &oc) {
		t.Error("an office leader is entitled to a child's confidential sender")
	}
}

// Failed sign-ins slow further tries: three free, then 2, 4, 8 … seconds;
// even the right password waits; a success clears the count.
func TestSignInSlowsAfterFailures(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	s.SignOut()
	for i := 0; i < 3; i++ {
		if _, err := s.SignIn("lan", "sai"); !errors.Is(err, store.ErrBadPassword) {
			t.Fatalf("try %d: %v", i, err)
		}
	}
	if _, err := s.SignIn("lan", storetest.Password); !errors.Is(err, store.ErrTooSoon) {
		t.Fatalf("the fourth try came at once: %v", err)
	}
	clk.Advance(2 * time.Second)
	if _, err := s.SignIn("lan", "sai"); !errors.Is(err, store.ErrBadPassword) {
		t.Fatal(err)
	}
	// A brute force of an hour gets only a few dozen tries.
	tries := 0
	for elapsed := time.Duration(0); elapsed < time.Hour; {
		_, err := s.SignIn("lan", "sai")
		if errors.Is(err, store.ErrBadPassword) {
			tries++
		}
		clk.Advance(time.Second)
		elapsed += time.Second
	}
	if tries > 20 {
		t.Errorf("%d tries in an hour", tries)
	}
	t.Logf("brute force: %d tries in an hour after 4 failures (waits %v, %v, %v, … capped at %v)",
		tries, store.SignInWait(3), store.SignInWait(4), store.SignInWait(5), store.SignInWait(100))
	clk.Advance(10 * time.Minute)
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	s.SignOut()
	if _, err := s.SignIn("lan", "sai"); !errors.Is(err, store.ErrBadPassword) {
		t.Fatal("a success did not clear the count")
	}
	// Every try is in the audit.
	var failed, ok int
	for _, e := range storetest.AllEvents(t, s) {
		switch e.Type {
		case model.EvSignInFailed:
			failed++
		case model.EvSignedIn:
			ok++
		}
	}
	if failed != tries+5 || ok != 2 {
		t.Errorf("audit: %d failures, %d sign-ins", failed, ok)
	}
}

// A file from before sealing migrates: its confidential senders are
// sealed at the first sign-in.
func TestSchemaV1ConfidentialSealed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v1.db")
	copyFile(t, schemaFixture, path)
	s, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var before []model.Case
	s.EachCase(store.CaseFilter{All: true}, func(c model.Case) {
		if c.Confidential {
			before = append(before, c)
		}
	})
	if len(before) == 0 || before[0].SenderName == "" {
		t.Skip("the fixture has no confidential case in the clear")
	}
	if _, err := s.SignIn("lan", "matkhau"); err != nil {
		t.Fatal(err)
	}
	for _, b := range before {
		c, _ := s.Case(b.ID)
		if c.SenderName != "" || c.SenderSealed == "" {
			t.Errorf("%s not sealed: %+v", c.No, c)
		}
		if name, ok := s.SenderName(&c); !ok || name != b.SenderName {
			t.Errorf("%s: unsealed %q %v, want %q", c.No, name, ok, b.SenderName)
		}
	}
	if probs := s.Check(); len(probs) != 0 {
		t.Errorf("check after sealing: %v", probs)
	}
	if strings.Contains(storetest.State(t, s), before[0].SenderName) {
		t.Error("the state still names a confidential sender")
	}
	// The sign-in that sealed them compacted the file: the old bytes of
	// the state, the indexes and the site's clear keys are not left in
	// free pages, and the old events that named the senders are sealed
	// at rest (rest.go): the name is nowhere in the file.
	if strings.Contains(storetest.Events(t, s), before[0].SenderName) {
		t.Error("the dump of the log names a confidential sender")
	}
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range before {
		if n := bytes.Count(raw, []byte(b.SenderName)); n != 0 {
			t.Errorf("the raw file holds %q %d times", b.SenderName, n)
		}
	}
	if bytes.Contains(raw, []byte("AGE-SECRET-KEY")) {
		t.Error("the site's old clear keys are still in the file's free pages")
	}
}

// A good backup is restored, the current file kept aside; a damaged one
// is refused and changes nothing. A backup encrypted to the office opens
// with age and the office's key.
func TestRestoreAndEncryptedBackup(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewAt(t, "HN01", "", clk)
	s := storetest.NewAt(t, "GL07", "HN01", clk)
	storetest.PinBoth(t, office, s)
	storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	if err := s.Backup(good); err != nil {
		t.Fatal(err)
	}
	enc := filepath.Join(dir, "gl07.db.age")
	if err := s.BackupEncrypted(enc, "HN01"); err != nil {
		t.Fatal(err)
	}
	if err := s.BackupEncrypted(filepath.Join(dir, "x.age"), "HN99"); !errors.Is(err, store.ErrNotPeer) {
		t.Fatalf("to an unpinned site: %v", err)
	}
	storetest.Visit(t, s, "Trần Văn Sau", model.KindComplaint) // after the backup
	path := s.Path()
	s.Close()

	// The encrypted backup: age, to the office's key.
	oid, err := office.Identity()
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(enc)
	if !bytes.HasPrefix(raw, []byte("age-encryption.org/v1")) {
		t.Fatalf("not an age file: %q", raw[:20])
	}
	r, err := age.Decrypt(bytes.NewReader(raw), oid.Age)
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := io.ReadAll(r)
	orig, _ := os.ReadFile(good)
	if len(plain) < 4096 || !bytes.Contains(plain, []byte("Nguyễn Văn An")) || len(plain) != len(orig) {
		t.Errorf("decrypted backup: %d bytes, want %d", len(plain), len(orig))
	}

	// A damaged backup is refused; nothing changes.
	bad := filepath.Join(dir, "bad.db")
	b := append([]byte(nil), orig...)
	for i := 4096 * 2; i < len(b); i += 7 {
		b[i] ^= 0x5a // every page but the two meta pages
	}
	os.WriteFile(bad, b, 0o600)
	before, _ := os.ReadFile(path)
	if _, err := store.Restore(path, bad, clk.Now()); err == nil {
		t.Fatal("a damaged backup was restored")
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the file")
	}
	// A good one is.
	aside, err := store.Restore(path, good, clk.Now())
	if err != nil {
		t.Fatal(err)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, before) {
		t.Error("the current file was not kept aside as it was")
	}
	s2, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if hits := s2.SearchPersons("tran van sau", 0); len(hits) != 0 {
		t.Error("the restored file has what came after the backup")
	}
	if hits := s2.SearchPersons("nguyen van an", 0); len(hits) != 1 {
		t.Error("the restored file lacks what the backup holds")
	}
}

// Search by a confidential name finds the denouncer for the entitled
// (the leader; the case's handler) and nobody else.
func TestSearchProtectedPersonByEntitlement(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	for _, u := range []model.User{
		{Login: "thu", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}},
		{Login: "hung", Name: "Trần Văn Hùng", Roles: []model.Role{model.RoleHandler}},
		{Login: "mai", Name: "Đỗ Thị Mai", Roles: []model.Role{model.RoleHandler}},
	} {
		if err := s.CreateUser("lan", u, "mk-1234"); err != nil {
			t.Fatal(err)
		}
	}
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	c := storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	if _, err := s.CaseAction("lan", c.ID, model.EvCaseAssigned, model.CaseAction{Handler: "hung"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		login, pw string
		finds     bool
	}{{"lan", storetest.Password, true}, {"hung", "mk-1234", true}, {"mai", "mk-1234", false}, {"thu", "mk-1234", false}} {
		s.SignOut()
		if _, err := s.SignIn(tc.login, tc.pw); err != nil {
			t.Fatal(err)
		}
		hits := s.SearchPersons("pham van to", 0)
		if (len(hits) == 1) != tc.finds {
			t.Errorf("%s: %d hits, want found=%v", tc.login, len(hits), tc.finds)
		}
		if tc.finds {
			cards := storetest.Must(s.PersonCards([]string{hits[0].ID}))
			if len(cards) != 1 || cards[0].Name != "Phạm Văn Tố" {
				t.Errorf("%s: card %+v", tc.login, cards)
			}
		}
	}
}

// The cards kept between two keys (PersonCards) follow the session: what
// an entitled person was shown of a denouncer is not what the next
// person at the desk is shown, and back again.
func TestPersonCardsFollowTheSession(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "thu", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}}, "mk-1234"); err != nil {
		t.Fatal(err)
	}
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	id := p.Senders[0]
	for _, tc := range []struct {
		login, pw string
		sees      bool
	}{{"lan", storetest.Password, true}, {"thu", "mk-1234", false}, {"lan", storetest.Password, true}} {
		s.SignOut()
		if _, err := s.SignIn(tc.login, tc.pw); err != nil {
			t.Fatal(err)
		}
		for range 2 { // read, then kept
			cards := storetest.Must(s.PersonCards([]string{id}))
			if len(cards) != 1 || (cards[0].Name == "Phạm Văn Tố") != tc.sees {
				t.Fatalf("%s: card %q, want the name shown=%v", tc.login, cards[0].Name, tc.sees)
			}
		}
	}
}

// Restoring while the program runs: the file is replaced, the store
// reads the backup's data at once, everyone must sign in again, and the
// restore is in the audit. A receptionist may not.
func TestRestoreHere(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	bk := filepath.Join(t.TempDir(), "bk.db")
	if err := s.Backup(bk); err != nil {
		t.Fatal(err)
	}
	storetest.Visit(t, s, "Trần Văn Sau", model.KindComplaint)
	if err := s.CreateUser("lan", model.User{Login: "thu", Name: "Thu", Roles: []model.Role{model.RoleReceptionist}}, "thu-1234"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RestoreHere("thu", bk); !errors.Is(err, store.ErrForbidden) {
		t.Fatalf("a receptionist restored: %v", err)
	}
	aside, err := s.RestoreHere("lan", bk)
	if err != nil || aside == "" {
		t.Fatalf("restore: %q %v", aside, err)
	}
	if hits := s.SearchPersons("tran van sau", 0); len(hits) != 0 {
		t.Error("the store still shows what came after the backup")
	}
	if hits := s.SearchPersons("nguyen van an", 0); len(hits) != 1 {
		t.Error("the store lacks the backup's data")
	}
	if _, ok := s.Current(); ok {
		t.Error("the session survived a restore")
	}
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range storetest.AllEvents(t, s) {
		if e.Type == model.EvRestored {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d restores in the audit", n)
	}
}

// TestSalvageKeepsTheSealedKeys: a salvaged file keeps the site's keys
// and the confidential key, each sealed per user: the same users sign in,
// the denouncer's name still unseals, and the site needs no new key card.
func TestSalvageKeepsTheSealedKeys(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	_, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Tố cáo quản đốc", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: "Phạm Văn Tố", BirthYear: 1985}},
		Petition:   &model.Petition{Kind: model.KindDenunciation},
	})
	if err != nil {
		t.Fatal(err)
	}
	c := storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	card := storetest.KeyCard(t, s)
	path := s.Path()
	s.Close()
	out := filepath.Join(t.TempDir(), "saved.db")
	rep, err := store.Salvage(path, out)
	if err != nil {
		t.Fatal(err)
	}
	if rep.NewKeys {
		t.Fatalf("salvage made new keys from an intact file: %+v", rep)
	}
	s2, err := store.Open(out, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if _, err := s2.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if got := storetest.KeyCard(t, s2); got.Fingerprint() != card.Fingerprint() {
		t.Fatal("the salvaged file has another key card")
	}
	cs, _ := s2.Case(c.ID)
	if name, ok := s2.SenderName(&cs); !ok || name != "Phạm Văn Tố" {
		t.Fatalf("the confidential sender no longer unseals: %q %v", name, ok)
	}
}

// A report's list names a protected person (on their later visits too)
// to the entitled only after they revealed the case that protects them.
func TestShownNameNeedsReveal(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	c := storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	person := p.Senders[0]
	if n := s.ShownName(person); n != "" {
		t.Fatalf("before a reveal the leader is shown %q", n)
	}
	if n := s.ShownName(c.ID); n != "Phạm Văn Tố" {
		t.Fatalf("the case's sealed sender unseals to %q for the entitled session", n)
	}
	if err := s.RevealIdentity("lan", c.ID, "Xác minh"); err != nil {
		t.Fatal(err)
	}
	if n := s.ShownName(person); n != "Phạm Văn Tố" {
		t.Fatalf("after the reveal the leader is shown %q", n)
	}
}

// Restoring from the screen, or compacting after sealing, replaces the
// open file: reads running at that moment wait and read the new file,
// none fails (it used to fail once with "database not open").
func TestReadsDuringRestoreAndCompact(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	backup := filepath.Join(t.TempDir(), "b.db")
	if err := s.Backup(backup); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan error)
	reads := 0
	go func() {
		for {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := s.Person(p.Senders[0]); err != nil {
				done <- err
				return
			}
			reads++
		}
	}()
	for i := 0; i < 3; i++ {
		if _, err := s.RestoreHere("lan", backup); err != nil {
			t.Fatal(err)
		}
		if err := s.Compact(); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	if err := <-done; err != nil {
		t.Fatalf("a read during the swap failed: %v", err)
	}
	if reads == 0 {
		t.Fatal("no read ran during the swaps")
	}
}
