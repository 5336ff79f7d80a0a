package store

import (
	"donthu/model"
)

// RevealIdentity records that author deliberately looked at the personal
// data of a case's confidential sender, and why. A denouncer's identity is
// secret by law (Luật Tố cáo Điều 8.3, 9.1.b, 47, 56; docs/law.md, Confidentiality): only
// the case's handler and the leaders may see it, and every deliberate look
// is itself an event (model.EvIdentityRevealed, data model.CaseAction with
// the date and the reason), so it is audited and travels like any other.
func (s *Store) RevealIdentity(author, caseID, reason string) error {
	reason, err := revealReason(reason)
	if err != nil {
		return err
	}
	_, err = s.write(author, func(w *writer) error { return w.revealCase(caseID, reason) })
	if err == nil {
		s.markRevealed(author, caseID)
	}
	return err
}

// RevealPetition records that author deliberately looked at the sender of
// a confidential petition, and why. A petition with a case is revealed on
// its case (RevealIdentity). One with no case yet (not classified, or not
// accepted) has only the leaders of the unit that holds it entitled
// (model.MaySeePetitionSender); their look is an audit event
// (model.EvIdentityRevealed on model.AuditEntity, the petition in
// AuditNote.Record, the reason beside it), not an event of the petition:
// the petition's fold is unchanged and older replicas fold it as before
// (docs/architecture.md, "Access and secrets at rest"). The session then
// shows that petition's sender to author (Revealed).
func (s *Store) RevealPetition(author, petitionID, reason string) error {
	reason, err := revealReason(reason)
	if err != nil {
		return err
	}
	revealed := petitionID
	_, err = s.write(author, func(w *writer) error {
		var p model.Petition
		if err := getState(w.tx, petitionID, &p); err != nil {
			return notFound(petitionID)
		}
		if p.Case != "" {
			revealed = p.Case
			return w.revealCase(p.Case, reason)
		}
		if !p.Confidential {
			return model.NewMsg("", "Đơn này không bảo mật danh tính người gửi", "This petition does not protect its sender's identity")
		}
		var u model.User
		if getState(w.tx, model.UserEntity(w.s.site, author), &u) != nil || !model.MayReveal(&u, model.SecretOfPetition(&p, nil)) {
			return model.RevealRefusal(false)
		}
		_, err := w.emit(model.AuditEntity(w.s.site), model.EvIdentityRevealed, "", model.AuditNote{Record: petitionID, Reason: reason})
		return err
	})
	if err == nil {
		s.markRevealed(author, revealed)
	}
	return err
}

// revealReason checks that a reveal says why.
func revealReason(reason string) (string, error) {
	reason = model.NFC(reason)
	if reason == "" {
		return "", model.NewMsg("reason", "Cần ghi lý do xem danh tính người gửi", "Give the reason for seeing the sender's identity")
	}
	return reason, nil
}

// revealCase records the reveal of a case's sender by the writer's
// author, after asking the policy.
func (w *writer) revealCase(caseID, reason string) error {
	var c model.Case
	if err := getState(w.tx, caseID, &c); err != nil {
		return notFound(caseID)
	}
	if !c.Confidential {
		return model.NewMsg("", "Vụ việc này không bảo mật danh tính người gửi", "This case does not protect its sender's identity")
	}
	var u model.User
	if getState(w.tx, model.UserEntity(w.s.site, w.author), &u) != nil || !model.MayReveal(&u, model.SecretOfCase(&c)) {
		return model.RevealRefusal(true)
	}
	_, err := w.emit(caseID, model.EvIdentityRevealed, "", model.CaseAction{On: model.DateOf(w.now), Reason: reason})
	return err
}
