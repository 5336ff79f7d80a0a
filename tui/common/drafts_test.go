package common_test

import (
	"testing"

	"donthu/model"
	"donthu/store/storetest"
	"donthu/tui/common"
)

// A draft's tick belongs to its owner: another screen's tick, or its own
// from before a later change, writes nothing.
func TestDraftTicksHaveOwners(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	ctx := &common.Context{Store: s, User: model.User{Login: "lan"}, Now: clk.Now}
	rec, cls := common.NewDrafts(ctx, "reception"), common.NewDrafts(ctx, "classify")
	if rec.Changed(false) != nil {
		t.Fatal("a tick with nothing to keep")
	}
	first := rec.Changed(true)()
	second := rec.Changed(true)()
	if mine, due := cls.Due(second); mine || due {
		t.Fatal("classification took reception's tick")
	}
	if mine, due := rec.Due(first); !mine || due {
		t.Fatalf("a stale tick: mine %v due %v", mine, due)
	}
	if mine, due := rec.Due(second); !mine || !due {
		t.Fatalf("the last tick: mine %v due %v", mine, due)
	}
	if msg := rec.Write(map[string]string{"a": "b"})(); msg != nil {
		t.Fatalf("write: %v", msg)
	}
	if !rec.Kept {
		t.Fatal("not kept after writing")
	}
	if _, ok, _ := s.LoadDraft("lan", "reception"); !ok {
		t.Fatal("no draft in the file")
	}
	rec.Drop()()
	if _, ok, _ := s.LoadDraft("lan", "reception"); ok || rec.Kept {
		t.Fatal("the draft was not dropped")
	}
	if mine, due := rec.Due(second); !mine || due {
		t.Fatal("a tick from before the drop still writes")
	}
}
