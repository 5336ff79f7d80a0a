package model

import "time"

// Person is someone who comes to the desk or writes: a union member, a
// worker, a citizen. The same person may appear in many visits and petitions.
type Person struct {
	ID        string `json:"id,omitempty"`
	Name      string `json:"name"`
	IDKind    IDKind `json:"id_kind,omitempty"`
	IDNumber  string `json:"id_number,omitempty"`
	BirthYear int    `json:"birth_year,omitempty"`
	Sex       Sex    `json:"sex,omitempty"`
	Phone     string `json:"phone,omitempty"`
	Address   string `json:"address,omitempty"`
	Employer  string `json:"employer,omitempty"`
	Member    bool   `json:"member,omitempty"` // đoàn viên công đoàn
	Note      string `json:"note,omitempty"`
	// Sealed holds the identity of a confidential sender (name, ID
	// number, phone, address: SenderFields), encrypted; those fields are
	// then empty. Only a signed-in, entitled user's session unseals it.
	Sealed string `json:"sealed,omitempty"`

	// Derived by the fold.
	Site      string     `json:"site,omitempty"`
	Created   time.Time  `json:"created,omitempty"`
	NameFold  string     `json:"name_fold,omitempty"`
	Conflicts []Conflict `json:"conflicts,omitempty"`

	// MergedInto is the person this record was merged into ("" if none);
	// Absorbed are the records merged into this one (person.merged,
	// person.absorbed, person.unmerged).
	MergedInto string     `json:"merged_into,omitempty"`
	Absorbed   []Absorbed `json:"absorbed,omitempty"`
	// Distinct are the records a leader decided are another person
	// (person.distinct): the duplicate review no longer pairs them.
	Distinct []string `json:"distinct,omitempty"`
}

// PersonFields names the fields a person.updated event may set.
var PersonFields = []string{"name", "id_kind", "id_number", "birth_year", "sex", "phone", "address", "employer", "member", "note", "sealed"}

// PersonUpdate is the data of person.updated: the new values, and which of
// them are meant (a field left out of Set is not touched).
type PersonUpdate struct {
	Person
	Set []string `json:"set"`
}

// Document is a paper received from a visitor, with how many copies or pages.
type Document struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// Visit is one reception at the desk (lượt tiếp): one person or a group.
type Visit struct {
	ID        string        `json:"id,omitempty"`
	No        string        `json:"no"`
	At        time.Time     `json:"at"`
	Receiver  string        `json:"receiver"` // desk user login
	Reception ReceptionType `json:"reception"`
	Persons   []string      `json:"persons"` // person ids: the visitor, or a group's known members
	Group     bool          `json:"group,omitempty"`
	HeadCount int           `json:"head_count,omitempty"` // people present; 1 for a single visitor
	Reps      []string      `json:"reps,omitempty"`       // representatives' person ids (Luật TCD Điều 29)
	Employer  string        `json:"employer,omitempty"`
	Content   string        `json:"content"`
	Documents []Document    `json:"documents,omitempty"`
	Outcome   Outcome       `json:"outcome"`
	Repeat    bool          `json:"repeat,omitempty"` // tiếp nhiều lần: same matter as an earlier visit
	// Delegated: a scheduled or ad-hoc reception held by someone the head
	// of the body delegated (ủy quyền tiếp), not by the head (thủ trưởng
	// tiếp). Report 01/TCD counts the two apart.
	Delegated bool   `json:"delegated,omitempty"`
	Petition  string `json:"petition,omitempty"`
	Note      string `json:"note,omitempty"`
	// Import is the fingerprint of the register row this visit was
	// imported from ("" for one recorded at the desk).
	Import string `json:"import,omitempty"`

	Site      string     `json:"site,omitempty"`
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Persons counted for a visit (lượt người).
func (v *Visit) People() int {
	if v.HeadCount > 0 {
		return v.HeadCount
	}
	if n := len(v.Persons); n > 0 {
		return n
	}
	return 1
}

// Petition is a letter or a petition (đơn), received at the desk, by post,
// forwarded, or transferred down by the upper office.
type Petition struct {
	ID           string       `json:"id,omitempty"`
	No           string       `json:"no"`
	Source       Source       `json:"source"`
	LetterDate   Date         `json:"letter_date,omitempty"`
	Received     Date         `json:"received"`
	Senders      []string     `json:"senders,omitempty"` // person ids
	SenderName   string       `json:"sender_name,omitempty"`
	Signatories  int          `json:"signatories,omitempty"` // people who signed; >1 is "nhiều người đứng tên"
	Employer     string       `json:"employer,omitempty"`
	Kind         PetitionKind `json:"kind,omitempty"`
	Regime       Regime       `json:"regime,omitempty"`
	Field        Field        `json:"field,omitempty"`
	Summary      string       `json:"summary"`
	Documents    []Document   `json:"documents,omitempty"`
	Confidential bool         `json:"confidential,omitempty"` // the sender's identity is protected (Luật TC Điều 47, 56)
	Anonymous    bool         `json:"anonymous,omitempty"`
	Unsigned     bool         `json:"unsigned,omitempty"`
	Visit        string       `json:"visit,omitempty"`
	From         string       `json:"from,omitempty"`    // office that transferred it down
	FromNo       string       `json:"from_no,omitempty"` // its number at that office
	Import       string       `json:"import,omitempty"`  // fingerprint of the register row it was imported from
	// SenderSealed is the sender's name of a confidential petition,
	// encrypted (SenderName is then empty).
	SenderSealed string `json:"sender_sealed,omitempty"`

	// Classification (petition.classified).
	Classified   bool     `json:"classified,omitempty"`
	ClassifiedOn Date     `json:"classified_on,omitempty"`
	Conditions   bool     `json:"conditions,omitempty"` // đủ điều kiện xử lý
	Competent    bool     `json:"competent,omitempty"`  // thuộc thẩm quyền
	DuplicateOf  string   `json:"duplicate_of,omitempty"`
	Decision     Decision `json:"decision,omitempty"`
	Reason       string   `json:"reason,omitempty"`
	ForwardTo    string   `json:"forward_to,omitempty"`
	Round        int      `json:"round,omitempty"`
	Complex      bool     `json:"complex,omitempty"`
	Remote       bool     `json:"remote,omitempty"`
	Case         string   `json:"case,omitempty"`
	// Urges are the times the body it was forwarded to was urged.
	Urges []Urge `json:"urges,omitempty"`

	Site      string     `json:"site,omitempty"`
	Fold      string     `json:"fold,omitempty"` // folded sender, employer and summary, for search
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Classification is the data of petition.classified.
type Classification struct {
	On          Date         `json:"on"`
	Kind        PetitionKind `json:"kind"`
	Regime      Regime       `json:"regime"`
	Field       Field        `json:"field"`
	Conditions  bool         `json:"conditions"`
	Competent   bool         `json:"competent"`
	DuplicateOf string       `json:"duplicate_of,omitempty"`
	Decision    Decision     `json:"decision"`
	Reason      string       `json:"reason,omitempty"`
	ForwardTo   string       `json:"forward_to,omitempty"`
	Round       int          `json:"round,omitempty"`
	Complex     bool         `json:"complex,omitempty"`
	Remote      bool         `json:"remote,omitempty"`
	Case        string       `json:"case,omitempty"` // the case opened by an accept decision
	// SenderSealed seals the sender's name of a petition this
	// classification makes a denunciation (its SenderName is then cleared).
	SenderSealed string `json:"sender_sealed,omitempty"`
}

// Reminder is a date a person asked to be reminded of a case.
type Reminder struct {
	On   Date   `json:"on"`
	Text string `json:"text"`
	For  string `json:"for,omitempty"` // user login, "" = everyone
	By   string `json:"by,omitempty"`
}

// Case is a matter being resolved (vụ việc): opened when a petition is
// accepted for handling, followed to its end.
type Case struct {
	ID           string       `json:"id,omitempty"`
	No           string       `json:"no"`
	Petition     string       `json:"petition"`
	PetitionNo   string       `json:"petition_no,omitempty"`
	Kind         PetitionKind `json:"kind"`
	Regime       Regime       `json:"regime"`
	Field        Field        `json:"field"`
	Round        int          `json:"round,omitempty"`
	Complex      bool         `json:"complex,omitempty"`
	Remote       bool         `json:"remote,omitempty"`
	Confidential bool         `json:"confidential,omitempty"`
	Senders      []string     `json:"senders,omitempty"`
	SenderName   string       `json:"sender_name,omitempty"`
	SenderSealed string       `json:"sender_sealed,omitempty"` // see Petition.SenderSealed
	Employer     string       `json:"employer,omitempty"`
	Summary      string       `json:"summary,omitempty"`
	Received     Date         `json:"received"`
	Opened       Date         `json:"opened"`
	Repeat       bool         `json:"repeat,omitempty"` // tiếp khiếu, tiếp tố: the same matter came back
	PriorCase    string       `json:"prior_case,omitempty"`

	Status        CaseStatus   `json:"status"`
	Accepted      Date         `json:"accepted,omitempty"`
	Handler       string       `json:"handler,omitempty"`
	Extensions    []Extension  `json:"extensions,omitempty"`
	Suspensions   []Suspension `json:"suspensions,omitempty"`
	DocsRequested int          `json:"docs_requested,omitempty"`
	Result        Result       `json:"result,omitempty"`
	DecisionNo    string       `json:"decision_no,omitempty"`
	DecisionDate  Date         `json:"decision_date,omitempty"`
	Closed        Date         `json:"closed,omitempty"`
	TransferredTo string       `json:"transferred_to,omitempty"`
	Reopens       int          `json:"reopens,omitempty"`
	// What the conclusion restored (01/KQGQ, 03/KQGQ): money or benefits
	// recovered for workers, in đồng; workers whose rights were restored;
	// whether a written reply was sent (văn bản trả lời, phúc đáp).
	Recovered int64      `json:"recovered,omitempty"`
	Restored  int        `json:"restored,omitempty"`
	Replied   bool       `json:"replied,omitempty"`
	Reminders []Reminder `json:"reminders,omitempty"`
	Notes     int        `json:"notes,omitempty"`
	Updated   time.Time  `json:"updated,omitempty"`
	// Urges are the times the body it was transferred to was urged.
	Urges []Urge `json:"urges,omitempty"`
	// What the conclusion decided beyond the workers' money, and what was
	// carried out of it since.
	Decided
	Executions []Executed `json:"executions,omitempty"`

	Site      string     `json:"site,omitempty"`
	Fold      string     `json:"fold,omitempty"`
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// Clock returns what the deadline rules need to know of the case.
func (c *Case) Clock() CaseClock {
	cc := CaseClock{
		Kind: c.Kind, Regime: c.Regime, Round: c.Round,
		Complex: c.Complex, Remote: c.Remote,
		Received: c.Received, Classified: c.Opened, Accepted: c.Accepted,
		Extensions: c.Extensions, Suspensions: c.Suspensions,
	}
	if c.Status.Closed() {
		cc.Closed = c.Closed
	}
	return cc
}

// Open reports whether the case is still in the queue.
func (c *Case) Open() bool { return !c.Status.Closed() }

// CaseAction is the data of the case events that carry a date and a
// reason: accepted, rejected, suspended, resumed, terminated, reopened,
// transferred, docs requested, concluded, extended.
type CaseAction struct {
	On           Date   `json:"on"`
	Reason       string `json:"reason,omitempty"`
	Days         int    `json:"days,omitempty"`    // extension
	Complex      bool   `json:"complex,omitempty"` // extension by the complex ceiling
	Result       Result `json:"result,omitempty"`
	DecisionNo   string `json:"decision_no,omitempty"`
	DecisionDate Date   `json:"decision_date,omitempty"`
	To           string `json:"to,omitempty"` // transfer target
	Handler      string `json:"handler,omitempty"`
	// Conclusion only: money or benefits recovered for workers (đồng),
	// workers whose rights were restored, a written reply sent.
	Recovered int64 `json:"recovered,omitempty"`
	Restored  int   `json:"restored,omitempty"`
	Replied   bool  `json:"replied,omitempty"`
	// Urge only (case.urged, petition.urged): how the body was urged
	// (UrgeHows); the body is To, what was said Reason.
	How UrgeHow `json:"how,omitempty"`
	// Conclusion only, what it decided beyond the workers' money (01/KQGQ,
	// 03/KQGQ; carried out as 02/KQGQ and 04/KQGQ count).
	Decided
	// Execution only (case.executed): what was carried out on a.On.
	Execution
}

// Decided is what a conclusion decided (kết quả xử lý): money and land to
// recover for the State, land returned to organisations and persons,
// persons proposed for administrative sanctions, and a referral to the
// investigators. Money in đồng, land in m².
type Decided struct {
	StateMoney          int64 `json:"state_money,omitempty"`          // kiến nghị thu hồi cho Nhà nước: tiền
	StateLand           int64 `json:"state_land,omitempty"`           // kiến nghị thu hồi cho Nhà nước: đất
	ReturnedLand        int64 `json:"returned_land,omitempty"`        // trả lại cho tổ chức, cá nhân: đất
	Sanctioned          int   `json:"sanctioned,omitempty"`           // kiến nghị xử lý hành chính: người
	SanctionedOfficials int   `json:"sanctioned_officials,omitempty"` // trong đó cán bộ, công chức, viên chức
	Referred            bool  `json:"referred,omitempty"`             // chuyển cơ quan điều tra
	ReferredPersons     int   `json:"referred_persons,omitempty"`     // người
	ReferredOfficials   int   `json:"referred_officials,omitempty"`   // trong đó cán bộ, công chức, viên chức
}

// Obliges reports whether the conclusion decided something to carry out.
func (o *Decided) Obliges(recovered int64) bool {
	return recovered > 0 || o.StateMoney > 0 || o.StateLand > 0 || o.ReturnedLand > 0 || o.Sanctioned > 0 || o.Referred
}

// Execution is what was carried out of a conclusion on a day (thi hành
// quyết định giải quyết khiếu nại, kết luận nội dung tố cáo): amounts
// added to what was done before. Done says the conclusion is now fully
// carried out.
type Execution struct {
	Collected         int64 `json:"collected,omitempty"`          // đã thu cho Nhà nước: tiền
	CollectedLand     int64 `json:"collected_land,omitempty"`     // đã thu: đất
	Paid              int64 `json:"paid,omitempty"`               // đã trả cho tổ chức, cá nhân: tiền
	PaidLand          int64 `json:"paid_land,omitempty"`          // đã trả: đất
	SanctionedDone    int   `json:"sanctioned_done,omitempty"`    // người đã bị xử lý hành chính
	Prosecuted        bool  `json:"prosecuted,omitempty"`         // đã khởi tố
	ProsecutedPersons int   `json:"prosecuted_persons,omitempty"` // người bị khởi tố
	Done              bool  `json:"done,omitempty"`
}

// ExecutedOn returns the day the case's conclusion was fully carried
// out, or zero while it is not.
func (c *Case) ExecutedOn() Date {
	for _, x := range c.Executions {
		if x.Done {
			return x.On
		}
	}
	return Date{}
}

// Executed is one execution of a case's conclusion, with its day.
type Executed struct {
	On Date `json:"on"`
	Execution
}

// UrgeHow is how a body was urged (đôn đốc).
type UrgeHow string

const (
	UrgeLetter UrgeHow = "letter" // văn bản đôn đốc
	UrgePhone  UrgeHow = "phone"  // điện thoại
	UrgeVisit  UrgeHow = "visit"  // làm việc trực tiếp
)

// UrgeHows lists the ways of urging, in the order offered.
var UrgeHows = []UrgeHow{UrgeLetter, UrgePhone, UrgeVisit}

// Label returns the bilingual label of the way.
func (h UrgeHow) Label() Label {
	switch h {
	case UrgeLetter:
		return Label{"văn bản", "letter"}
	case UrgePhone:
		return Label{"điện thoại", "phone"}
	case UrgeVisit:
		return Label{"làm việc trực tiếp", "in person"}
	}
	return Label{string(h), string(h)}
}

// Urge is one time the body a petition was forwarded to, or a case
// transferred to, was urged to resolve it (đôn đốc; reports 02/TCD and
// 01/XLD count the matters urged).
type Urge struct {
	On  Date    `json:"on"`
	To  string  `json:"to,omitempty"`
	How UrgeHow `json:"how,omitempty"`
}

// Note is the data of note.added and case.guidance.
type Note struct {
	Text string `json:"text"`
}

// User is a desk user. The password hash is not here: it stays in the
// local file and never travels.
type User struct {
	Login  string `json:"login"`
	Name   string `json:"name"`
	Roles  []Role `json:"roles"`
	Active bool   `json:"active"`
	Site   string `json:"site,omitempty"`
}

// Has reports whether the user holds role r (administrators hold every role).
func (u *User) Has(r Role) bool {
	for _, x := range u.Roles {
		if x == r || x == RoleAdmin {
			return true
		}
	}
	return false
}

// Site is an organisation unit: a grassroots union or an office. Units are
// merged and dissolved, so they carry dates of validity and a successor;
// old cases stay reportable under the unit that received them.
type Site struct {
	Code      string     `json:"code"`
	Name      string     `json:"name"`
	Parent    string     `json:"parent,omitempty"`
	ValidFrom Date       `json:"valid_from,omitempty"`
	ValidTo   Date       `json:"valid_to,omitempty"`
	Successor string     `json:"successor,omitempty"`
	Address   string     `json:"address,omitempty"`
	Overrides []Override `json:"overrides,omitempty"`
	Conflicts []Conflict `json:"conflicts,omitempty"`
}

// ActiveOn reports whether the unit exists on day d.
func (s *Site) ActiveOn(d Date) bool {
	if !s.ValidFrom.IsZero() && d.Before(s.ValidFrom) {
		return false
	}
	return s.ValidTo.IsZero() || !d.After(s.ValidTo)
}

// CalendarChange is the data of calendar.override: set or remove a day.
type CalendarChange struct {
	Override
	Remove bool `json:"remove,omitempty"`
}

// Conflict records an event that did not fit the state it landed on. The
// event is kept in the log and shown; it just changed nothing.
type Conflict struct {
	Event  string    `json:"event"`
	Type   EventType `json:"type"`
	Reason Label     `json:"reason"`
}
