package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"donthu/model"
	"donthu/store/storetest"

	bolt "go.etcd.io/bbolt"
)

// A person who came in the clear and denounced later: the events that
// named them are sealed at rest. Without a sign-in, check says what it
// could not read, rebuild refuses with the way out, salvage too; with
// --user, each does all of it. The name is in no dump.
func TestSealedAtRestCommands(t *testing.T) {
	noEnv(t)
	s, _ := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, denouncer, model.KindComplaint)
	den := storetest.Denounce(t, s, p.Senders)
	storetest.Accept(t, s, den.ID, model.KindDenunciation, model.RegimeUnion)
	db := s.Path()
	s.Close()
	pw := storetest.Password + "\n"

	donthu(t, "", "--db", db, "check").want(t, exitOK, "Không có lỗi.", "được niêm phong", "donthu check --user")
	donthu(t, pw, "--db", db, "check", "--user", "lan").want(t, exitOK, "Không có lỗi.")
	if r := donthu(t, pw, "--db", db, "check", "--user", "lan"); bytes.Contains([]byte(r.stdout), []byte("được niêm phong")) {
		t.Errorf("check signed in still says it could not read: %s", r.stdout)
	}
	r := donthu(t, "", "--db", db, "rebuild")
	if r.code == exitOK {
		t.Fatal("rebuild without a sign-in ran")
	}
	r.want(t, r.code, "--user")
	donthu(t, pw, "--db", db, "rebuild", "--user", "lan").want(t, exitOK, "Đã dựng lại")
	donthu(t, "", "--db", db, "check").want(t, exitOK, "Không có lỗi.")
	for _, what := range []string{"events", "state"} {
		out := donthu(t, "", "--db", db, "dump", what).want(t, exitOK).stdout
		if bytes.Contains([]byte(out), []byte(denouncer)) {
			t.Errorf("dump %s names the denouncer", what)
		}
	}

	dir := t.TempDir()
	r = donthu(t, "", "salvage", db, "-o", filepath.Join(dir, "a.db"))
	if r.code == exitOK {
		t.Fatal("salvage without a sign-in rebuilt sealed records")
	}
	r.want(t, r.code, "--user")
	if _, err := os.Stat(filepath.Join(dir, "a.db")); err == nil {
		t.Error("a refused salvage left a file")
	}
	donthu(t, pw, "salvage", db, "-o", filepath.Join(dir, "b.db"), "--user", "lan").want(t, exitOK, "Đã ghi")
	donthu(t, pw, "--db", filepath.Join(dir, "b.db"), "check", "--user", "lan").want(t, exitOK, "Không có lỗi.")

	// The key to the sealed events lost with the damage: no sign-in
	// can ever open them, so salvage does not ask for one. It recovers
	// everything else, keeps them sealed, and says so.
	lost := filepath.Join(dir, "lost.db")
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(lost, raw, 0o600)
	bdb, err := bolt.Open(lost, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bolt.Tx) error { return tx.Bucket([]byte("meta")).Delete([]byte("rest/key")) })
	bdb.Close()
	saved := filepath.Join(dir, "c.db")
	donthu(t, "", "salvage", lost, "-o", saved).want(t, exitOK, "không mở được nữa", "Đã ghi")
	state := donthu(t, "", "--db", saved, "dump", "state").want(t, exitOK, `"id":"site:GL07"`, `"id":"user:GL07.lan"`, `"id":"visit:GL07.5"`).stdout
	events := donthu(t, "", "--db", saved, "dump", "events").want(t, exitOK, "sealed_at_rest").stdout
	if bytes.Contains([]byte(state+events), []byte(denouncer)) {
		t.Error("the salvaged file names the denouncer")
	}
}
