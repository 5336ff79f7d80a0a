package store_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/bundle"
	"donthu/store/storetest"
)

func TestKeyCardFileRoundTrip(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	path := filepath.Join(t.TempDir(), "GL07.card")
	c, err := s.WriteKeyCard(path)
	if err != nil {
		t.Fatal(err)
	}
	back, err := store.ReadKeyCard(path)
	if err != nil || !back.SameKeys(c) || back.Name != "Công đoàn GL07" || back.Fingerprint() != c.Fingerprint() {
		t.Fatalf("%v %+v", err, back)
	}
	id, _ := s.Identity()
	if back.SignKey == "" || !strings.HasPrefix(back.AgeKey, "age1") || back.AgeKey != id.Age.Recipient().String() {
		t.Fatalf("card %+v", back)
	}
	raw, _ := os.ReadFile(path)
	if strings.Contains(string(raw), "AGE-SECRET-KEY") || strings.Contains(string(raw), id.Age.String()) {
		t.Fatal("the card leaks the private key")
	}
	os.WriteFile(path, []byte("{}"), 0o644)
	if _, err := store.ReadKeyCard(path); !errors.Is(err, bundle.ErrCard) || store.Message(err, model.VI) == "" {
		t.Fatalf("bad card: %v", err)
	}
}

// CreateKeyCard never writes over a file (the settings screen asks
// first); WriteKeyCard does, as the command line's keys export always did.
func TestCreateKeyCardKeepsAFile(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	path := filepath.Join(t.TempDir(), "donthu-key-GL07.json")
	c, err := s.CreateKeyCard(path)
	if err != nil {
		t.Fatal(err)
	}
	if back, err := store.ReadKeyCard(path); err != nil || back.Fingerprint() != c.Fingerprint() {
		t.Fatalf("%v %+v", err, back)
	}
	os.WriteFile(path, []byte("ghi chú của ai đó"), 0o644)
	if _, err := s.CreateKeyCard(path); !errors.Is(err, store.ErrFileExists) || !strings.Contains(store.Message(err, model.VI), "Đã có tệp") {
		t.Fatalf("a file already there: %v", err)
	}
	if raw, _ := os.ReadFile(path); string(raw) != "ghi chú của ai đó" {
		t.Fatal("CreateKeyCard wrote over a file")
	}
	if _, err := s.WriteKeyCard(path); err != nil {
		t.Fatal(err)
	}
	if back, err := store.ReadKeyCard(path); err != nil || back.Fingerprint() != c.Fingerprint() {
		t.Fatalf("WriteKeyCard did not write over it: %v", err)
	}
	if _, err := s.CreateKeyCard(filepath.Join(t.TempDir(), "none", "x.json")); err == nil || errors.Is(err, store.ErrFileExists) {
		t.Fatalf("a folder that is not there: %v", err)
	}
}

func TestPinPeerRelationsAndKeyChange(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewAt(t, "HN01", "", clk)
	site := storetest.NewAt(t, "GL07", "HN01", clk)
	other := storetest.NewAt(t, "GL08", "HN02", clk)
	if _, err := office.PinPeer(keyCard(t, office), store.PinOptions{}); err == nil {
		t.Fatal("pinned its own card")
	}
	p, err := office.PinPeer(keyCard(t, site), store.PinOptions{By: "lan"})
	if err != nil || p.Relation != store.RelChild || p.Code != "GL07" || p.Fingerprint != keyCard(t, site).Fingerprint() {
		t.Fatalf("%v %+v", err, p)
	}
	p, err = site.PinPeer(keyCard(t, office), store.PinOptions{})
	if err != nil || p.Relation != store.RelParent {
		t.Fatalf("%v %+v", err, p)
	}
	p, err = office.PinPeer(keyCard(t, other), store.PinOptions{})
	if err != nil || p.Relation != store.RelOther {
		t.Fatalf("%v %+v", err, p)
	}
	// Same keys again: fine, nothing changes but the name.
	if _, err := office.PinPeer(keyCard(t, site), store.PinOptions{}); err != nil {
		t.Fatal(err)
	}
	// Another file claiming to be GL07: other keys.
	impostor := storetest.NewAt(t, "GL07", "HN01", &storetest.Clock{T: storetest.Start.Add(time.Hour)})
	fake := keyCard(t, impostor)
	before := office.Peers()
	_, err = office.PinPeer(fake, store.PinOptions{By: "lan"})
	if !errors.Is(err, store.ErrKeyChanged) || !strings.Contains(store.Message(err, model.VI), "đã được ghim với khóa khác") ||
		!strings.Contains(store.Message(err, model.EN), fake.Fingerprint()) {
		t.Fatalf("key change: %v", err)
	}
	if _, err := office.PinPeer(fake, store.PinOptions{Replace: true, By: "nobody"}); !errors.Is(err, store.ErrForbidden) {
		t.Fatalf("replace by a non-admin: %v", err)
	}
	if got := office.Peers(); got[0].Fingerprint != before[0].Fingerprint {
		t.Fatal("a refused pin changed the peer")
	}
	p, err = office.PinPeer(fake, store.PinOptions{Replace: true, By: "lan"})
	if err != nil || p.Fingerprint != fake.Fingerprint() || len(p.Replaced) != 1 || p.Replaced[0] != keyCard(t, site).Fingerprint() {
		t.Fatalf("replace: %v %+v", err, p)
	}
}

func TestExportDir(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	if s.ExportDir() != "" {
		t.Fatal(s.ExportDir())
	}
	dir := t.TempDir()
	if err := s.SetExportDir(dir); err != nil || s.ExportDir() != dir {
		t.Fatalf("%v %q", err, s.ExportDir())
	}
	if err := s.SetExportDir(filepath.Join(dir, "none")); err == nil {
		t.Fatal("set a folder that does not exist")
	}
}

var (
	keyCard = storetest.KeyCard
	pinBoth = storetest.PinBoth
)
