package store

import (
	"strings"

	"donthu/model"
)

// Corrections put a saved record right, each as an event with its reason
// (model/correct.go): the fold applies it, so every screen, report and
// export shows the corrected value, and the timeline shows the correction.

// CorrectPerson corrects the fields of a person named in u.Set, for
// reason. When the name changes, the petitions and cases that name the
// person as their sender (by the name they had) are corrected too, in the
// same transaction, so the queue, the case and the register agree.
func (s *Store) CorrectPerson(author, id string, u model.PersonUpdate, reason string) (model.Person, error) {
	var out model.Person
	_, err := s.write(author, func(w *writer) error {
		if m := model.CheckReason(reason); m != nil {
			return m
		}
		reason = model.NFC(strings.TrimSpace(reason))
		if err := w.checkPersonUpdate(id, &out, &u); err != nil {
			return err
		}
		old := out.Name
		if _, err := w.emit(id, model.EvPersonCorrected, "", model.PersonCorrection{PersonUpdate: u, Reason: reason}); err != nil {
			return err
		}
		if err := getState(w.tx, id, &out); err != nil {
			return err
		}
		if out.Name == old {
			return nil
		}
		fix := model.RecordCorrection{Set: []string{"sender_name"}, SenderName: out.Name, Reason: reason}
		// The ids first: writing while a cursor walks an index is unsafe.
		var ids []string
		for _, index := range []string{"person_petition", "person_case"} {
			eachIdx(w.tx, index, append([]byte(id), 0), func(_ []byte, rid string) bool {
				ids = append(ids, rid)
				return true
			})
		}
		for _, rid := range ids {
			var named struct {
				SenderName string `json:"sender_name"`
			}
			if getState(w.tx, rid, &named) == nil && named.SenderName == old {
				if _, err := w.emit(rid, model.EvPetitionCorrected, "", fix); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}

// CorrectVisit corrects a saved visit: its content, outcome or employer
// (named in c.Set), for c.Reason.
func (s *Store) CorrectVisit(author, id string, c model.RecordCorrection) (model.Visit, error) {
	var out model.Visit
	_, err := s.write(author, func(w *writer) error {
		if err := getState(w.tx, id, &out); err != nil {
			return notFound(id)
		}
		if err := checkCorrection(&c, "content", "outcome", "employer"); err != nil {
			return err
		}
		if c.Has("content") && strings.TrimSpace(c.Content) == "" {
			return model.NewMsg("content", "Cần ghi nội dung", "The content is needed")
		}
		if c.Has("outcome") && !validOutcome(c.Outcome) {
			return model.NewMsg("outcome", "Chọn kết quả tiếp", "Choose the outcome")
		}
		if _, err := w.emit(id, model.EvVisitCorrected, "", c); err != nil {
			return err
		}
		return getState(w.tx, id, &out)
	})
	return out, err
}

// CorrectPetition corrects a saved petition: its summary, sender's name,
// employer or letter date (named in c.Set), for c.Reason; its case, when
// it has one, gets the same correction in the same transaction.
func (s *Store) CorrectPetition(author, id string, c model.RecordCorrection) (model.Petition, error) {
	var out model.Petition
	_, err := s.write(author, func(w *writer) error {
		if err := getState(w.tx, id, &out); err != nil {
			return notFound(id)
		}
		if err := checkCorrection(&c, "summary", "sender_name", "employer", "letter_date"); err != nil {
			return err
		}
		if c.Has("summary") && strings.TrimSpace(c.Summary) == "" {
			return model.NewMsg("summary", "Cần ghi tóm tắt nội dung đơn", "The summary is needed")
		}
		if c.Has("letter_date") && c.LetterDate.After(model.DateOf(w.now)) {
			return model.NewMsg("letter_date", "Ngày ghi trên đơn không được sau hôm nay", "The letter date cannot be after today")
		}
		if _, err := w.emit(id, model.EvPetitionCorrected, "", c); err != nil {
			return err
		}
		if err := getState(w.tx, id, &out); err != nil {
			return err
		}
		if out.Case != "" && (c.Has("summary") || c.Has("sender_name") || c.Has("employer")) {
			if _, err := w.emit(out.Case, model.EvPetitionCorrected, "", c); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// checkCorrection refuses a correction with no reason, nothing to change,
// or a field the record does not have; it normalises the text to NFC.
func checkCorrection(c *model.RecordCorrection, fields ...string) error {
	if m := model.CheckReason(c.Reason); m != nil {
		return m
	}
	if len(c.Set) == 0 {
		return model.NewMsg("", "Không có gì để sửa", "Nothing to change")
	}
	for _, f := range c.Set {
		if !inSet(fields, f) {
			return model.NewMsg(f, "Không sửa được mục này", "This field cannot be corrected")
		}
	}
	c.Reason = model.NFC(strings.TrimSpace(c.Reason))
	c.Content, c.Summary = model.NFC(c.Content), model.NFC(c.Summary)
	c.SenderName, c.Employer = model.NFC(c.SenderName), model.NFC(c.Employer)
	return nil
}

func validOutcome(o model.Outcome) bool {
	for _, x := range model.Outcomes {
		if x == o {
			return true
		}
	}
	return false
}
