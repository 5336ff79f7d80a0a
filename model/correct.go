package model

import (
	"strings"
)

// Corrections: a person's details, a saved visit or a saved petition put
// right after the fact. Each is an event of its own, with its reason, so
// the timeline shows who corrected what, when and why; the fold applies it
// like any change, so every screen, report and export shows the corrected
// value. A petition's correction is also written on its case (the case
// keeps copies of the sender and summary), in the same transaction.
const (
	EvPersonCorrected   EventType = "person.corrected"
	EvVisitCorrected    EventType = "visit.corrected"
	EvPetitionCorrected EventType = "petition.corrected" // on the petition, and on its case
)

// PersonCorrection is the data of person.corrected: the fields named in
// Set take their new values, for the reason given.
type PersonCorrection struct {
	PersonUpdate
	Reason string `json:"reason"`
}

// RecordCorrection is the data of visit.corrected and petition.corrected:
// the fields named in Set (content, outcome, employer for a visit;
// summary, sender_name, employer, letter_date for a petition and its case)
// take their new values, for the reason given.
type RecordCorrection struct {
	Set        []string `json:"set"`
	Content    string   `json:"content,omitempty"`
	Outcome    Outcome  `json:"outcome,omitempty"`
	Summary    string   `json:"summary,omitempty"`
	SenderName string   `json:"sender_name,omitempty"`
	Employer   string   `json:"employer,omitempty"`
	LetterDate Date     `json:"letter_date,omitzero"`
	Reason     string   `json:"reason"`
}

// Has reports whether the correction sets field f.
func (c *RecordCorrection) Has(f string) bool {
	for _, x := range c.Set {
		if x == f {
			return true
		}
	}
	return false
}

// CheckReason refuses a correction without a reason: the law asks who
// changed a record and why.
func CheckReason(reason string) *Msg {
	if strings.TrimSpace(reason) == "" {
		return NewMsg("reason", "Cần ghi lý do sửa", "A reason for the correction is needed")
	}
	return nil
}

// CorrectedFields names the fields a correction changes, for the timeline.
func CorrectedFields(set []string) []Label {
	var out []Label
	for _, f := range set {
		if l, ok := fieldLabels[f]; ok {
			out = append(out, l)
		} else {
			out = append(out, Label{f, f})
		}
	}
	return out
}

var fieldLabels = map[string]Label{
	"name":        {"họ tên", "name"},
	"id_kind":     {"loại giấy tờ", "ID document"},
	"id_number":   {"số giấy tờ", "ID number"},
	"birth_year":  {"năm sinh", "year of birth"},
	"sex":         {"giới tính", "sex"},
	"phone":       {"điện thoại", "phone"},
	"address":     {"địa chỉ", "address"},
	"employer":    {"nơi làm việc", "employer"},
	"member":      {"đoàn viên", "union member"},
	"note":        {"ghi chú", "note"},
	"content":     {"nội dung", "content"},
	"outcome":     {"kết quả tiếp", "outcome"},
	"summary":     {"tóm tắt", "summary"},
	"sender_name": {"người gửi", "sender"},
	"letter_date": {"ngày ghi trên đơn", "letter date"},
}

// applyRecordCorrection sets the corrected fields on whichever record the
// event lands on.
func applyRecordCorrection(ev *Event, visit *Visit, pet *Petition, cs *Case) error {
	var c RecordCorrection
	if err := ev.Decode(&c); err != nil {
		return err
	}
	for _, f := range c.Set {
		switch {
		case visit != nil && f == "content":
			visit.Content = c.Content
		case visit != nil && f == "outcome":
			visit.Outcome = c.Outcome
		case visit != nil && f == "employer":
			visit.Employer = c.Employer
		case pet != nil && f == "summary":
			pet.Summary = c.Summary
		case pet != nil && f == "sender_name":
			pet.SenderName = c.SenderName
		case pet != nil && f == "employer":
			pet.Employer = c.Employer
		case pet != nil && f == "letter_date":
			pet.LetterDate = c.LetterDate
		case cs != nil && f == "summary":
			cs.Summary = c.Summary
		case cs != nil && f == "sender_name":
			cs.SenderName = c.SenderName
		case cs != nil && f == "employer":
			cs.Employer = c.Employer
		}
	}
	return nil
}
