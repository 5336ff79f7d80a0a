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
	reason = model.NFC(reason)
	if reason == "" {
		return model.NewMsg("reason", "Cần ghi lý do xem danh tính người gửi", "Give the reason for seeing the sender's identity")
	}
	_, err := s.write(author, func(w *writer) error {
		var c model.Case
		if err := getState(w.tx, caseID, &c); err != nil {
			return notFound(caseID)
		}
		if !c.Confidential {
			return model.NewMsg("", "Vụ việc này không bảo mật danh tính người gửi", "This case does not protect its sender's identity")
		}
		var u model.User
		if getState(w.tx, model.UserEntity(w.s.site, author), &u) != nil || !model.May(&u, model.ActReveal) || !model.MaySeeSender(&u, &c) {
			return model.NewMsg("", "Chỉ cán bộ xử lý vụ việc và lãnh đạo đơn vị giải quyết được xem danh tính người gửi", "Only the case's handler and the leaders of the unit handling it may see the sender's identity")
		}
		_, err := w.emit(caseID, model.EvIdentityRevealed, "", model.CaseAction{On: model.DateOf(w.now), Reason: reason})
		return err
	})
	if err == nil {
		s.markRevealed(author, caseID)
	}
	return err
}
