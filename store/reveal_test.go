package store_test

import (
	"errors"
	"reflect"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// TestRevealPetition: a confidential petition with no case (a
// denunciation not yet classified) can be revealed by the unit's leaders
// only; the reveal is an audit event naming the petition, the petition's
// own events and state do not change, and the session then shows its
// sender, on the petition and on the person's other records.
func TestRevealPetition(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	storetest.Staff(t, s)
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	if !p.Confidential || p.Case != "" {
		t.Fatalf("petition %+v", p)
	}
	person := p.Senders[0]
	before, _ := s.Timeline(p.ID)
	state, _ := s.Petition(p.ID)

	if err := s.RevealPetition("lan", p.ID, "  "); model.MsgOf(err) == nil || model.MsgOf(err).Field != "reason" {
		t.Fatalf("a reveal without a reason: %v", err)
	}
	for _, tc := range []struct {
		login    string
		entitled bool
	}{{"thu", false}, {"hung", false}, {"qt", false}, {"lanh", true}} {
		t.Run(tc.login, func(t *testing.T) {
			if _, err := s.SignIn(tc.login, storetest.Password); err != nil {
				t.Fatal(err)
			}
			err := s.RevealPetition(tc.login, p.ID, "Xác minh trước khi phân loại")
			if (err == nil) != tc.entitled {
				t.Fatalf("reveal by %s: %v", tc.login, err)
			}
			if !tc.entitled {
				if got, want := model.MsgOf(err).In(model.VI), model.RevealRefusal(false).In(model.VI); got != want {
					t.Errorf("refused with %q, want the policy's %q", got, want)
				}
			}
			if got := s.RevealedPetition(tc.login, &state); got != tc.entitled {
				t.Errorf("revealed = %v", got)
			}
			name := s.ShownName(person)
			if tc.entitled && name != "Phạm Văn Tố" || !tc.entitled && name != "" {
				t.Errorf("%s is shown the person as %q", tc.login, name)
			}
		})
	}
	// One audit event, by the leader, about the petition, with the reason.
	var lines []store.AuditLine
	s.AuditLog(store.AuditFilter{Type: string(model.EvIdentityRevealed)}, func(l store.AuditLine) error {
		lines = append(lines, l)
		return nil
	})
	var note model.AuditNote
	if len(lines) != 1 || lines[0].Author != "lanh" || lines[0].Entity != model.AuditEntity("GL07") ||
		lines[0].Decode(&note) != nil || note.Record != p.ID || note.Reason != "Xác minh trước khi phân loại" || lines[0].Record() != p.ID {
		t.Fatalf("audit %+v %+v", lines, note)
	}
	// The petition itself: the same events, the same state.
	after, _ := s.Timeline(p.ID)
	if len(after) != len(before) {
		t.Errorf("the petition gained events: %d -> %d", len(before), len(after))
	}
	if got, _ := s.Petition(p.ID); !reflect.DeepEqual(got, state) {
		t.Errorf("the petition's state changed:\n%+v\n%+v", state, got)
	}
	// A reveal lasts the session: signed in again, the sender is masked.
	if _, err := s.SignIn("lanh", storetest.Password); err != nil {
		t.Fatal(err)
	}
	if s.RevealedPetition("lanh", &state) || s.ShownName(person) != "" {
		t.Error("a reveal outlived the session")
	}
}

// A petition that has a case is revealed on its case (the handler is
// entitled there); one that is not confidential, or unknown, is refused.
func TestRevealPetitionWithCase(t *testing.T) {
	s, _ := storetest.New(t, "GL07")
	storetest.Staff(t, s)
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	c := storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	storetest.Act(t, s, c.ID, model.EvCaseAssigned, model.CaseAction{Handler: "hung"})
	p, _ = s.Petition(p.ID)
	for _, tc := range []struct {
		login    string
		entitled bool
	}{{"thu", false}, {"mai", false}, {"qt", false}, {"hung", true}, {"lanh", true}} {
		if _, err := s.SignIn(tc.login, storetest.Password); err != nil {
			t.Fatal(err)
		}
		err := s.RevealPetition(tc.login, p.ID, "Xác minh")
		if (err == nil) != tc.entitled {
			t.Fatalf("reveal by %s: %v", tc.login, err)
		}
		if !tc.entitled && model.MsgOf(err).In(model.VI) != model.RevealRefusal(true).In(model.VI) {
			t.Errorf("%s refused with %v", tc.login, err)
		}
		if s.Revealed(tc.login, c.ID) != tc.entitled || s.RevealedPetition(tc.login, &p) != tc.entitled {
			t.Errorf("%s: revealed on the case %v", tc.login, s.Revealed(tc.login, c.ID))
		}
	}
	evs, _ := s.Timeline(c.ID)
	if last := evs[len(evs)-1]; last.Type != model.EvIdentityRevealed || last.Author != "lanh" {
		t.Errorf("the case's last event %+v", last)
	}
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	plain := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
	if err := s.RevealPetition("lan", plain.ID, "x"); err == nil {
		t.Error("revealed a petition that is not confidential")
	}
	if err := s.RevealPetition("lan", "petition:GL07.999", "x"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an unknown petition: %v", err)
	}
}

// At the office, a child site's petition with no case is the child's
// leaders' to reveal: the office's leader is refused.
func TestRevealPetitionOtherUnit(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewSite(t, storetest.Site{Code: "HN01", Clock: clk})
	child := storetest.NewSite(t, storetest.Site{Code: "GL07", Parent: "HN01", Clock: clk})
	p := storetest.Visit(t, child, "Phạm Văn Tố", model.KindDenunciation)
	storetest.Exchange(t, child, office)
	if err := office.RevealPetition("lan", p.ID, "Xác minh"); err == nil {
		t.Fatal("the office's leader revealed a child's petition")
	}
	if err := child.RevealPetition("lan", p.ID, "Xác minh"); err != nil {
		t.Fatal(err)
	}
}
