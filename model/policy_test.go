package model

import (
	"strings"
	"testing"
)

// TestPolicyActions checks the table roles x actions row by row: the
// expected row of each role is written out here, apart from the table, so
// that a change to either is a change someone sees.
func TestPolicyActions(t *testing.T) {
	want := map[Role]string{
		//                 visit class handl assig reope revea repor expor print sync  users site  keys  backu resto audit dump  self  cases impor merge
		RoleReceptionist: "y     .     .     .     .     .     y     y     y     y     .     .     .     y     .     .     .     y     y     .     .",
		RoleHandler:      "y     y     y     y     .     y     y     y     y     y     .     .     .     y     .     .     .     y     y     .     .",
		RoleLeader:       "y     y     y     y     y     y     y     y     y     y     .     .     .     y     .     y     y     y     y     y     y",
		RoleAdmin:        ".     .     .     .     .     .     y     .     .     y     y     y     y     y     y     y     y     y     y     y     .",
	}
	for _, r := range Roles {
		row := strings.Fields(want[r])
		if len(row) != len(Actions) {
			t.Fatalf("%s: %d expectations for %d actions", r, len(row), len(Actions))
		}
		u := &User{Login: "x", Roles: []Role{r}, Active: true}
		for i, a := range Actions {
			if got := May(u, a); got != (row[i] == "y") {
				t.Errorf("role %s, action %s: May = %v, want %v", r, a, got, !got)
			}
		}
	}
	// Several roles: the union. Inactive: nothing.
	both := &User{Login: "x", Roles: []Role{RoleReceptionist, RoleAdmin}, Active: true}
	if !May(both, ActRecordVisit) || !May(both, ActManageUsers) || May(both, ActClassify) {
		t.Error("receptionist+admin: want the union of both rows")
	}
	if May(&User{Login: "x", Roles: []Role{RoleLeader}}, ActReport) {
		t.Error("an inactive user may do nothing")
	}
	if May(nil, ActReport) {
		t.Error("nobody signed in may do nothing")
	}
	for _, a := range Actions {
		if l := lookup("action", string(a)); l.VI == string(a) || l.EN == "" {
			t.Errorf("action %s has no label", a)
		}
	}
}

// TestPolicySender checks who sees a confidential sender, field by field:
// the case's handler and the leaders of the unit that handles it, nobody
// else, anywhere; and everyone for a sender who is not confidential.
func TestPolicySender(t *testing.T) {
	user := func(site, login string, roles ...Role) *User {
		return &User{Site: site, Login: login, Roles: roles, Active: true}
	}
	own := &Case{Site: "GL07", Confidential: true, Handler: "hung"}
	unassigned := &Case{Site: "GL07", Confidential: true}
	child := &Case{Site: "GL08", Confidential: true, Handler: "hung"}
	up := &Case{Site: "GL08", Confidential: true, TransferredTo: "GL07"}
	open := &Case{Site: "GL07", Handler: "hung"}
	tests := []struct {
		name string
		u    *User
		c    *Case
		want bool
	}{
		{"receptionist", user("GL07", "thu", RoleReceptionist), own, false},
		{"handler of the case", user("GL07", "hung", RoleHandler), own, true},
		{"another handler", user("GL07", "mai", RoleHandler), own, false},
		{"handler, nobody assigned", user("GL07", "hung", RoleHandler), unassigned, false},
		{"leader of the unit", user("GL07", "lan", RoleLeader), own, true},
		{"leader, nobody assigned", user("GL07", "lan", RoleLeader), unassigned, true},
		{"administrator", user("GL07", "admin", RoleAdmin), own, false},
		{"administrator and receptionist", user("GL07", "admin", RoleAdmin, RoleReceptionist), own, false},
		{"leader at the office, child's case", user("GL07", "lan", RoleLeader), child, false},
		{"same login at another unit", user("GL07", "hung", RoleHandler), child, false},
		{"leader at the office, case sent up to it", user("GL07", "lan", RoleLeader), up, true},
		{"inactive leader", &User{Site: "GL07", Login: "lan", Roles: []Role{RoleLeader}}, own, false},
		{"not confidential, receptionist", user("GL07", "thu", RoleReceptionist), open, true},
		{"not confidential, administrator", user("GL07", "admin", RoleAdmin), open, true},
		{"nobody signed in", nil, open, false},
	}
	for _, tc := range tests {
		for _, f := range SenderFields {
			if got := MaySeeField(tc.u, SecretOfCase(tc.c), f); got != tc.want {
				t.Errorf("%s, %s: MaySeeField = %v, want %v", tc.name, f, got, tc.want)
			}
		}
		if got := MaySeeSender(tc.u, tc.c); got != tc.want {
			t.Errorf("%s: MaySeeSender = %v, want %v", tc.name, got, tc.want)
		}
		if got := Searchable(tc.u, SecretOfCase(tc.c)); got != tc.want {
			t.Errorf("%s: Searchable = %v, want %v", tc.name, got, tc.want)
		}
		// Shown only after a deliberate reveal, even to the entitled.
		if tc.c.Confidential && Shows(tc.u, SecretOfCase(tc.c), false) {
			t.Errorf("%s: a confidential sender is shown without a reveal", tc.name)
		}
		if got := Shows(tc.u, SecretOfCase(tc.c), true); got != tc.want {
			t.Errorf("%s: Shows after a reveal = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestPolicyPetitionBeforeCase(t *testing.T) {
	p := &Petition{Site: "GL07", Confidential: true}
	leader := &User{Site: "GL07", Login: "lan", Roles: []Role{RoleLeader}, Active: true}
	handler := &User{Site: "GL07", Login: "hung", Roles: []Role{RoleHandler}, Active: true}
	if !MaySeePetitionSender(leader, p, nil) || MaySeePetitionSender(handler, p, nil) {
		t.Error("before a case: the unit's leaders only")
	}
	c := &Case{Site: "GL07", Handler: "hung"}
	if !MaySeePetitionSender(handler, p, c) {
		t.Error("the petition's confidentiality carries to its case's handler")
	}
}

// The site's due-soon threshold moves the "due soon" state: due Fri
// 10/7/2026, on Mon 6/7 four working days are left — on time by default,
// due soon at a threshold of five.
func TestDueSoonThreshold(t *testing.T) {
	c := CaseClock{Kind: KindComplaint, Regime: RegimeAdmin, Received: NewDate(2026, 7, 1)}
	today := NewDate(2026, 7, 6)
	cal := NewCalendar(nil)
	if d := ComputeDeadline(c, cal, today); d.State != DeadlineOnTime {
		t.Fatalf("default: %s", d.State)
	}
	cal.SetDueSoon(5)
	if d := ComputeDeadline(c, cal, today); d.State != DeadlineDueSoon || cal.DueSoon() != 5 {
		t.Fatalf("threshold 5: %s", d.State)
	}
	cal.SetDueSoon(99) // out of range: unchanged
	if cal.DueSoon() != 5 {
		t.Fatal("an out-of-range threshold was taken")
	}
}
