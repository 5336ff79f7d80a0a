package model

import "time"

// Printout is the data of document.printed: a form printed from the
// record, signed by the site that printed it. It is recorded on the entity
// the form was filled from (a visit, a petition, a case; the site itself
// for a register of a period), so the audit shows who printed what, when,
// and the paper's verification code can be checked later against it.
//
// The signature is the site's ed25519 signature over SignedBytes: every
// field below but Sig. The verification code on the paper is derived from
// the signature, so it cannot be made without the site's private key, and
// it names the event (site, seq) that holds the rest.
type Printout struct {
	Form     string    `json:"form"`                // form id ("receipt", "forward-denunciation", ...)
	Version  string    `json:"version"`             // template version: legal basis and date it applies from
	Record   string    `json:"record,omitempty"`    // entity the form was filled from
	RecordNo string    `json:"record_no,omitempty"` // its readable number, or the period of a register
	Title    string    `json:"title"`               // the form's title as printed
	DocHash  string    `json:"doc_hash"`            // hex SHA-256 of the values printed (not of the PDF bytes)
	Full     bool      `json:"full,omitempty"`      // a confidential sender printed unredacted
	Reason   string    `json:"reason,omitempty"`    // why the full copy was needed
	Site     string    `json:"site"`
	Seq      uint64    `json:"seq"` // seq of the document.printed event itself
	At       time.Time `json:"at"`
	By       string    `json:"by"`
	Sig      string    `json:"sig,omitempty"` // base64 ed25519 signature over SignedBytes
}

// SignedBytes is what the site's key signs: the printout without its
// signature, as canonical JSON.
func (p Printout) SignedBytes() []byte {
	p.Sig = ""
	p.At = p.At.UTC()
	return MustData(p)
}

// AnswerDue is the day by which a visitor must be told what becomes of the
// matter they brought to the desk (Luật Tiếp công dân Điều 28.1), counted
// by the rule in force on the day of the visit; ok is false when no rule
// applies.
func AnswerDue(visit Date, cal *Calendar) (due Date, r Rule, ok bool) {
	r, ok = FindRule(StepAnswer, "", "", 0, visit)
	if !ok || visit.IsZero() {
		return Date{}, r, false
	}
	if r.Unit == UnitWorking {
		return cal.AddWorkingDays(visit, r.DaysFor(false, false)), r, true
	}
	return visit.AddDays(r.DaysFor(false, false)), r, true
}
