package model

// DefaultRegime proposes the legal regime of a petition from its kind and
// subject area (docs/law.md, Where worker petitions go), with the reason in words, for the
// classification screen to preselect and explain; a person may choose
// another. At a union desk most "khiếu nại" are labour complaints against
// an employer (NĐ 24/2018/NĐ-CP), not complaints under Luật Khiếu nại.
func DefaultRegime(k PetitionKind, f Field) (Regime, Label) {
	unionMatter := f == FieldUnionOrg || f == FieldUnionFee
	switch k {
	case KindComplaint, "":
		switch {
		case unionMatter:
			return RegimeUnion, Label{
				"Khiếu nại về tổ chức, cán bộ hoặc kinh phí công đoàn: giải quyết trong nội bộ công đoàn (QĐ 05/QĐ-TLĐ).",
				"A complaint about union bodies, officials or fees: handled inside the union (QĐ 05/QĐ-TLĐ)."}
		case f == FieldLand:
			return RegimeAdmin, Label{
				"Khiếu nại quyết định, hành vi hành chính (đất đai): theo Luật Khiếu nại 2011.",
				"A complaint against an administrative decision or act (land): under the Law on Complaints 2011."}
		case f == FieldDismissal:
			return RegimeLabour, Label{
				"Khiếu nại của người lao động với người sử dụng lao động là khiếu nại lao động (NĐ 24/2018/NĐ-CP), không theo Luật Khiếu nại. Nếu người lao động yêu cầu hòa giải hoặc khởi kiện, chọn Tranh chấp lao động.",
				"A worker's complaint against an employer is a labour complaint (NĐ 24/2018/NĐ-CP), not one under the Law on Complaints. If the worker asks for mediation or sues, choose Labour dispute."}
		}
		return RegimeLabour, Label{
			"Khiếu nại của người lao động với người sử dụng lao động là khiếu nại lao động (NĐ 24/2018/NĐ-CP), không theo Luật Khiếu nại.",
			"A worker's complaint against an employer is a labour complaint (NĐ 24/2018/NĐ-CP), not one under the Law on Complaints."}
	case KindDenunciation:
		if unionMatter {
			return RegimeUnion, Label{
				"Tố cáo cán bộ, tổ chức công đoàn: giải quyết trong nội bộ công đoàn (QĐ 05/QĐ-TLĐ).",
				"A denunciation of union officials or bodies: handled inside the union (QĐ 05/QĐ-TLĐ)."}
		}
		return RegimeAdmin, Label{
			"Tố cáo hành vi vi phạm pháp luật: theo Luật Tố cáo 2018.",
			"A denunciation of a violation of law: under the Law on Denunciations 2018."}
	case KindAnonymous:
		return RegimeAdmin, Label{
			"Thông tin có nội dung tố cáo không rõ người tố cáo (Luật Tố cáo Điều 25): không thụ lý như tố cáo.",
			"Denunciation information with no known denouncer (Law on Denunciations Art. 25): not accepted as a denunciation."}
	case KindMixed:
		return RegimeCitizens, Label{
			"Đơn có nhiều nội dung: hướng dẫn người gửi tách đơn (Luật Tiếp công dân Điều 25.3).",
			"A petition with several matters: the sender is guided to split it (Law on Citizen Reception Art. 25.3)."}
	}
	return RegimeCitizens, Label{
		"Kiến nghị, phản ánh: trả lời theo Luật Tiếp công dân (Điều 28).",
		"Recommendation or report: answered under the Law on Citizen Reception (Art. 28)."}
}
