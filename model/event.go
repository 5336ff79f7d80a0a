package model

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// EventType names what an event does. The dot separates the entity kind
// from the verb.
type EventType string

// The event types. Adding one is a compatible change; renaming one is not.
const (
	EvPersonRecorded EventType = "person.recorded"
	EvPersonUpdated  EventType = "person.updated"

	EvVisitRecorded EventType = "visit.recorded"

	EvPetitionRegistered  EventType = "petition.registered"
	EvPetitionClassified  EventType = "petition.classified"
	EvPetitionTransferred EventType = "petition.transferred" // sent by an office to a child site

	EvCaseOpened       EventType = "case.opened"   // decision to accept proposed: the case exists, awaiting thụ lý
	EvCaseAccepted     EventType = "case.accepted" // thụ lý
	EvCaseRejected     EventType = "case.rejected" // không thụ lý
	EvCaseAssigned     EventType = "case.assigned" // handler set or changed
	EvCaseDocsAsked    EventType = "case.docs_requested"
	EvCaseSuspended    EventType = "case.suspended"
	EvCaseResumed      EventType = "case.resumed"
	EvCaseExtended     EventType = "case.extended"
	EvCaseConcluded    EventType = "case.concluded"
	EvCaseTerminated   EventType = "case.terminated"
	EvCaseReopened     EventType = "case.reopened"
	EvCaseTransferred  EventType = "case.transferred"
	EvCaseGuidance     EventType = "case.guidance"  // guidance or a decision from the upper office
	EvCaseUrged        EventType = "case.urged"     // the body it was transferred to urged (đôn đốc)
	EvPetitionUrged    EventType = "petition.urged" // the body it was forwarded to urged (đôn đốc)
	EvCaseExecuted     EventType = "case.executed"  // part of the conclusion carried out (thi hành)
	EvNoteAdded        EventType = "note.added"
	EvReminderSet      EventType = "reminder.set"
	EvIdentityRevealed EventType = "identity.revealed" // a deliberate reveal of a confidential sender
	EvSenderSealed     EventType = "sender.sealed"     // a petition's or case's sender name sealed (data SenderSeal)
	EvDocumentPrinted  EventType = "document.printed"  // a form printed from the record (data: Printout)

	EvUserCreated EventType = "user.created"
	EvUserUpdated EventType = "user.updated"

	EvSiteCreated      EventType = "site.created"
	EvSiteUpdated      EventType = "site.updated"
	EvCalendarOverride EventType = "calendar.override"

	// The audit: what was done that changes no record. These events
	// belong to the entity AuditEntity(site) and fold into no state. (A
	// printout is EvDocumentPrinted, on the record it prints.)
	EvSignedIn     EventType = "auth.signed_in"
	EvSignInFailed EventType = "auth.failed"
	EvSignedOut    EventType = "auth.signed_out"
	EvExported     EventType = "file.exported"
	EvRestored     EventType = "backup.restored"
	EvKeyGranted   EventType = "key.granted"
)

// SenderSeal is the data of sender.sealed: the sealed sender name of a
// record written in the clear before its file sealed confidential senders.
type SenderSeal struct {
	Sealed string `json:"sealed"`
}

// AuditNote is the data of the audit events: who (the event's author, or
// Login for a failed sign-in), what was written or printed, about which
// record, how many rows, and why.
type AuditNote struct {
	Login  string `json:"login,omitempty"`
	What   string `json:"what,omitempty"`   // "register", "cases", "dump", a form's name
	Record string `json:"record,omitempty"` // an entity id, when about one record
	File   string `json:"file,omitempty"`
	Rows   int    `json:"rows,omitempty"`
	Reason string `json:"reason,omitempty"`
	Via    string `json:"via,omitempty"` // "tui" or "cli"
	// Happened is when it happened, for an audit event held back while
	// the file could write nothing else (a restored copy awaiting its
	// parent) and entered in the log later.
	Happened time.Time `json:"happened,omitzero"`
}

// Event is one immutable change. (Site, Seq) identifies it everywhere.
type Event struct {
	Site   string    `json:"site"`
	Seq    uint64    `json:"seq"`
	Clock  int64     `json:"clock"` // hybrid logical clock, in milliseconds
	At     time.Time `json:"at"`    // wall time, for people
	Author string    `json:"author"`
	Entity string    `json:"entity"`
	Type   EventType `json:"type"`
	// Base is the key of the newest event of this entity the author's
	// replica held when the event was written ("" for the first). Two
	// events with the same Base from different sites are concurrent.
	Base string `json:"base,omitempty"`
	// To addresses an event to another site (an office's transfer or
	// guidance to a child); "" for a site's own data.
	To string `json:"to,omitempty"`
	// Prev is the hash of the same site's previous event: the chain that
	// makes equivocation detectable.
	Prev string          `json:"prev"`
	Data json.RawMessage `json:"data,omitempty"`
	// view marks an event folded by FoldView: the strings its data
	// decodes to are Data's own bytes.
	view bool
}

// Key returns "SITE/SEQ", the identity of the event.
func (e *Event) Key() string { return EventKey(e.Site, e.Seq) }

// EventKey formats an event identity.
func EventKey(site string, seq uint64) string { return site + "/" + strconv.FormatUint(seq, 10) }

// ParseEventKey splits "SITE/SEQ".
func ParseEventKey(k string) (string, uint64, bool) {
	i := strings.LastIndexByte(k, '/')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.ParseUint(k[i+1:], 10, 64)
	return k[:i], n, err == nil
}

// Hash is the hex SHA-256 of the event's canonical JSON encoding. The next
// event of the same site carries it as Prev.
func (e *Event) Hash() string {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err) // an Event always marshals
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// DecodeJSON unmarshals JSON that encoding/json wrote (event data, the
// stored projections) into v, the way encoding/json reads it: names
// match without regard to case, a repeated name keeps its last value and
// invalid UTF-8 is read, not refused. The form encoding/json writes is
// read by a plan per type (jsonfast.go); anything else by the decoder of
// encoding/json/v2 (github.com/go-json-experiment/json, the standard
// library's own from Go 1.27), which reads in one pass where
// encoding/json scans the input twice (docs/architecture.md, "The
// fold"). v must be a fresh value: where encoding/json leaves a field
// the input sets to null untouched, these zero it.
func DecodeJSON(data []byte, v any) error { return decodeJSON(data, v, false) }

// decodeJSON is DecodeJSON; with view, the strings v is given that the
// data holds without an escape are the data's bytes, not copies of them.
func decodeJSON(data []byte, v any, view bool) error {
	if fastDecode(data, v, view) {
		return nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Pointer && !rv.IsNil() {
		rv.Elem().SetZero() // what the fast path half filled
	}
	return jsonv2.Unmarshal(data, v, decodeOpts)
}

var decodeOpts = jsonv2.JoinOptions(
	jsonv2.MatchCaseInsensitiveNames(true),
	jsontext.AllowDuplicateNames(true),
	jsontext.AllowInvalidUTF8(true),
)

// Decode unmarshals the event's data into v.
func (e *Event) Decode(v any) error {
	if len(e.Data) == 0 {
		return nil
	}
	if err := decodeJSON(e.Data, v, e.view); err != nil {
		return fmt.Errorf("model: event %s (%s): %w", e.Key(), e.Type, err)
	}
	return nil
}

// Less is the fold order: (clock, site, seq).
func Less(a, b *Event) bool {
	if a.Clock != b.Clock {
		return a.Clock < b.Clock
	}
	if a.Site != b.Site {
		return a.Site < b.Site
	}
	return a.Seq < b.Seq
}

// SortEvents sorts events into fold order. A record's events are
// nearly always listed in that order already, and a check or rebuild
// sorts every record's (sort.Slice allocates even for one event).
func SortEvents(evs []Event) {
	for i := 1; i < len(evs); i++ {
		if Less(&evs[i], &evs[i-1]) {
			sort.Slice(evs, func(i, j int) bool { return Less(&evs[i], &evs[j]) })
			return
		}
	}
}

// HLC is a hybrid logical clock: each stamp is max(wall time, highest
// clock seen + 1), so order survives a laptop whose clock is wrong.
type HLC struct{ last int64 }

// Observe records a clock seen on an imported or stored event.
func (h *HLC) Observe(c int64) {
	if c > h.last {
		h.last = c
	}
}

// Last returns the highest clock seen or issued.
func (h *HLC) Last() int64 { return h.last }

// Next issues a new clock value for wall time now.
func (h *HLC) Next(now time.Time) int64 {
	c := now.UnixMilli()
	if c <= h.last {
		c = h.last + 1
	}
	h.last = c
	return c
}

// Entity kinds, the first part of an entity id.
const (
	EntPerson   = "person"
	EntVisit    = "visit"
	EntPetition = "petition"
	EntCase     = "case"
	EntUser     = "user"
	EntSite     = "site"
	EntAudit    = "audit" // sign-ins, exports, prints, restores: events without state
)

// AuditEntity is the entity of a site's audit events.
func AuditEntity(site string) string { return EntAudit + ":" + site }

// Stateless reports whether an entity's events fold into no state (the
// audit): they are kept in the log and listed, never refolded.
func Stateless(entity string) bool { return EntityKind(entity) == EntAudit }

// NewEntityID makes an id that is unique everywhere: the kind and the
// (site, seq) of the event that created the entity.
func NewEntityID(kind, site string, seq uint64) string {
	return kind + ":" + site + "." + strconv.FormatUint(seq, 10)
}

// EntityKind returns the kind part of an entity id.
func EntityKind(id string) string {
	if i := strings.IndexByte(id, ':'); i > 0 {
		return id[:i]
	}
	return ""
}

// UserEntity is the id of a desk user. Logins are chosen per site, so the
// id carries the site: "lan" at a grassroots union and "lan" at its office
// are two people, and an imported bundle must never replace one with the
// other.
func UserEntity(site, login string) string { return EntUser + ":" + site + "." + login }

// SiteEntity is the entity id of a site (organisation unit).
func SiteEntity(code string) string { return EntSite + ":" + code }
