package model

// The access policy: who may do what, and who may see a confidential
// sender. It is the one place that answers both questions; the store's
// writes, every screen, every export, report and printout, and the
// commands ask it (May, MaySeeSender, MaySeePetitionSender, Shows).
//
// A denouncer's identity is secret by law (Luật Tố cáo Điều 8.3, 9.1.b,
// 47, 56): it is seen by the case's handler and by the leaders of the
// unit that handles the case, by nobody else, anywhere. Even they see it
// only after a deliberate reveal, which is an event with a reason
// (EvIdentityRevealed); lists, search and files show "(bảo mật)" to
// everyone else, and a confidential name finds nothing for them.

// Action is something a desk user does that the policy allows or not.
type Action string

// The actions. Adding one is a compatible change: give it a row below.
const (
	ActRecordVisit  Action = "visit.record"      // record a visit, register a petition at the desk
	ActClassify     Action = "petition.classify" // classify a petition, decide on it
	ActHandleCase   Action = "case.handle"       // accept, extend, suspend, conclude, note, remind
	ActAssign       Action = "case.assign"       // set or change a case's handler
	ActReopen       Action = "case.reopen"       // reopen a closed case
	ActReveal       Action = "identity.reveal"   // see a confidential sender (also needs MaySeeSender)
	ActReport       Action = "report.view"       // statistics: aggregates only
	ActExport       Action = "file.export"       // write a register, a case list, a report file
	ActPrint        Action = "file.print"        // print a slip, a form
	ActSync         Action = "sync.exchange"     // write and read bundles of pinned peers
	ActManageUsers  Action = "users.manage"      // add, deactivate, reset a password, set roles
	ActManageSite   Action = "site.manage"       // site details, calendar, thresholds, idle lock
	ActManageKeys   Action = "keys.manage"       // pin a peer, declare the parent
	ActBackup       Action = "backup.make"       // make a backup copy (sealed fields stay sealed)
	ActRestore      Action = "backup.restore"    // replace the data file by a backup
	ActAudit        Action = "audit.read"        // read the audit: who did what, when
	ActDump         Action = "data.dump"         // read the whole log or state, unsealed
	ActOwnSettings  Action = "self.settings"     // one's own password, language, typing
	ActSeeUnitCases Action = "cases.view"        // see the queue and the cases of the unit
	ActImport       Action = "register.import"   // bring an old paper or spreadsheet register in
	ActMergePersons Action = "persons.merge"     // review possible duplicates, merge and unmerge persons
)

// Actions lists the actions, in the order of the policy table.
var Actions = []Action{
	ActRecordVisit, ActClassify, ActHandleCase, ActAssign, ActReopen, ActReveal,
	ActReport, ActExport, ActPrint, ActSync, ActManageUsers, ActManageSite,
	ActManageKeys, ActBackup, ActRestore, ActAudit, ActDump, ActOwnSettings, ActSeeUnitCases,
	ActImport, ActMergePersons,
}

// policy is the table roles x actions. A person may hold several roles:
// they may do what any of their roles may. An administrator manages
// people, the site and its keys; it is not a leader and sees no
// confidential sender unless it also holds the leader's role.
var policy = map[Role]map[Action]bool{
	RoleReceptionist: set(ActRecordVisit, ActReport, ActExport, ActPrint, ActSync, ActBackup, ActOwnSettings, ActSeeUnitCases),
	RoleHandler: set(ActRecordVisit, ActClassify, ActHandleCase, ActAssign, ActReveal, ActReport, ActExport,
		ActPrint, ActSync, ActBackup, ActOwnSettings, ActSeeUnitCases),
	RoleLeader: set(ActRecordVisit, ActClassify, ActHandleCase, ActAssign, ActReopen, ActReveal, ActReport,
		ActExport, ActPrint, ActSync, ActBackup, ActAudit, ActDump, ActOwnSettings, ActSeeUnitCases,
		ActImport, ActMergePersons),
	RoleAdmin: set(ActReport, ActSync, ActManageUsers, ActManageSite, ActManageKeys, ActBackup, ActRestore,
		ActAudit, ActDump, ActOwnSettings, ActSeeUnitCases, ActImport),
}

func set(as ...Action) map[Action]bool {
	m := make(map[Action]bool, len(as))
	for _, a := range as {
		m[a] = true
	}
	return m
}

// Holds reports whether u holds role r itself (unlike User.Has, an
// administrator does not hold every role here).
func (u *User) Holds(r Role) bool {
	for _, x := range u.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// May reports whether u may take action a. An inactive user may do
// nothing.
func May(u *User, a Action) bool {
	if u == nil || !u.Active {
		return false
	}
	for _, r := range u.Roles {
		if policy[r][a] {
			return true
		}
	}
	return false
}

// Refusal is the message shown when u may not take action a.
func Refusal(a Action) *Msg {
	l := lookup("action", string(a))
	return NewMsg("", "Vai trò của bạn không được phép: "+l.VI, "Your roles do not allow this: "+l.EN)
}

// Secret is what the policy needs to know of a record whose sender may
// be confidential: whether it is, the unit that handles it and the
// handler's login there ("" before anyone is assigned).
type Secret struct {
	Confidential bool
	Unit         string // site code of the unit that handles the matter
	Handler      string // login of the handler at Unit
}

// SecretOfCase describes a case: it is handled by the unit that holds it,
// or by the unit it was transferred to.
func SecretOfCase(c *Case) Secret {
	unit := c.Site
	if c.TransferredTo != "" {
		unit = c.TransferredTo
	}
	return Secret{Confidential: c.Confidential, Unit: unit, Handler: c.Handler}
}

// SecretOfPetition describes a petition; c is its case, or nil before one
// is opened (then only the leaders of the unit that holds it are
// entitled).
func SecretOfPetition(p *Petition, c *Case) Secret {
	if c != nil {
		s := SecretOfCase(c)
		s.Confidential = s.Confidential || p.Confidential
		return s
	}
	return Secret{Confidential: p.Confidential, Unit: p.Site}
}

// SenderField is a piece of a sender's identity the policy protects.
type SenderField string

// The protected fields of a confidential sender (Luật TC Điều 9.1.b:
// name, address and other personal information).
const (
	SenderName     SenderField = "name"
	SenderIDNumber SenderField = "id_number"
	SenderPhone    SenderField = "phone"
	SenderAddress  SenderField = "address"
)

// SenderFields lists the protected fields; exactly these are sealed at rest.
var SenderFields = []SenderField{SenderName, SenderIDNumber, SenderPhone, SenderAddress}

// Reach is who among the holders of a role may see a protected field.
type Reach int

const (
	Nobody    Reach = iota // the role never shows it
	OwnCases               // only as the handler of the case
	WholeUnit              // for every matter the unit handles
)

// senderReach is the table roles x fields for a confidential sender.
// Every field has the same reach today; the table keeps them apart so a
// field can be opened or closed on its own (a phone for a callback).
var senderReach = map[Role]map[SenderField]Reach{
	RoleReceptionist: {SenderName: Nobody, SenderIDNumber: Nobody, SenderPhone: Nobody, SenderAddress: Nobody},
	RoleHandler:      {SenderName: OwnCases, SenderIDNumber: OwnCases, SenderPhone: OwnCases, SenderAddress: OwnCases},
	RoleLeader:       {SenderName: WholeUnit, SenderIDNumber: WholeUnit, SenderPhone: WholeUnit, SenderAddress: WholeUnit},
	RoleAdmin:        {SenderName: Nobody, SenderIDNumber: Nobody, SenderPhone: Nobody, SenderAddress: Nobody},
}

// MaySeeField reports whether u is entitled to field f of the sender of s.
// A sender who is not confidential is seen by every active user.
func MaySeeField(u *User, s Secret, f SenderField) bool {
	if u == nil || !u.Active {
		return false
	}
	if !s.Confidential {
		return true
	}
	if u.Site != "" && s.Unit != "" && u.Site != s.Unit {
		return false // another unit's matter: not even its leaders
	}
	for _, r := range u.Roles {
		switch senderReach[r][f] {
		case WholeUnit:
			return true
		case OwnCases:
			if s.Handler != "" && s.Handler == u.Login {
				return true
			}
		}
	}
	return false
}

// MaySee reports whether u is entitled to the whole identity of the
// sender of s.
func MaySee(u *User, s Secret) bool {
	for _, f := range SenderFields {
		if !MaySeeField(u, s, f) {
			return false
		}
	}
	return true
}

// MaySeeSender reports whether u is entitled to see the sender of case c:
// the case's handler and the leaders of the unit that handles it.
func MaySeeSender(u *User, c *Case) bool { return MaySee(u, SecretOfCase(c)) }

// MaySeePetitionSender is MaySeeSender for a petition and its case (nil
// before one is opened).
func MaySeePetitionSender(u *User, p *Petition, c *Case) bool {
	return MaySee(u, SecretOfPetition(p, c))
}

// MayReveal reports whether u may deliberately reveal the sender of s:
// the action is theirs and the policy entitles them to the sender.
func MayReveal(u *User, s Secret) bool { return May(u, ActReveal) && MaySee(u, s) }

// RevealRefusal is what a user the policy does not entitle is told when
// they ask to see a confidential sender: of a case (its handler and the
// leaders of the unit handling it), or of a petition that has no case yet
// (the leaders of the unit that holds it; SecretOfPetition).
func RevealRefusal(caseOpened bool) *Msg {
	if !caseOpened {
		return NewMsg("", "Đơn chưa có vụ việc: chỉ lãnh đạo đơn vị giữ đơn được xem danh tính người gửi",
			"The petition has no case yet: only the leaders of the unit holding it may see the sender's identity")
	}
	return NewMsg("", "Chỉ cán bộ xử lý vụ việc và lãnh đạo đơn vị giải quyết được xem danh tính người gửi",
		"Only the case's handler and the leaders of the unit handling it may see the sender's identity")
}

// Shows reports whether a screen, a file or a printout may show the
// sender of s to u now: always for a sender who is not confidential;
// for a confidential one only to an entitled user who has deliberately
// revealed it (revealed: an EvIdentityRevealed of theirs in this
// session, on the case, or in the audit for a petition with no case). Lists, search results, exports and printouts pass
// revealed=false unless the person revealed the record first.
func Shows(u *User, s Secret, revealed bool) bool {
	if !s.Confidential {
		return u != nil && u.Active
	}
	return revealed && MaySee(u, s)
}

// Searchable reports whether u's searches may match the sender of s by
// name, number or phone: a confidential name finds nothing for anyone but
// the entitled.
func Searchable(u *User, s Secret) bool { return MaySee(u, s) }
