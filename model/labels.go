package model

// labels is the one table of domain words, Vietnamese with correct
// diacritics first, English second (docs/law.md). Keys are group.value.
var labels = map[string]Label{
	"kind.complaint":      {"Khiếu nại", "Complaint"},
	"kind.denunciation":   {"Tố cáo", "Denunciation"},
	"kind.recommendation": {"Kiến nghị", "Recommendation"},
	"kind.report":         {"Phản ánh", "Report"},
	"kind.mixed":          {"Nhiều nội dung", "Mixed content"},
	"kind.anonymous":      {"Nặc danh", "Anonymous"},

	"regime.admin":    {"Khiếu nại, tố cáo hành chính", "State-administrative"},
	"regime.labour":   {"Khiếu nại lao động (NĐ 24/2018)", "Labour complaint (employer)"},
	"regime.union":    {"Nội bộ công đoàn", "Union-internal"},
	"regime.dispute":  {"Tranh chấp lao động", "Labour dispute"},
	"regime.citizens": {"Kiến nghị, phản ánh", "Recommendation/report"},

	"field.wages":     {"Tiền lương, thu nhập", "Wages and pay"},
	"field.insurance": {"Bảo hiểm xã hội", "Social insurance"},
	"field.dismissal": {"Sa thải, chấm dứt HĐLĐ", "Dismissal, termination"},
	"field.contract":  {"Hợp đồng lao động", "Labour contract"},
	"field.hours":     {"Thời giờ làm việc, làm thêm", "Working hours, overtime"},
	"field.safety":    {"An toàn, vệ sinh lao động", "Safety and health"},
	"field.unionfee":  {"Kinh phí, đoàn phí công đoàn", "Union fees and dues"},
	"field.unionorg":  {"Tổ chức, cán bộ công đoàn", "Union organisation"},
	"field.policy":    {"Chế độ, chính sách", "Benefits and policy"},
	"field.land":      {"Đất đai, nhà cửa", "Land and housing"},
	"field.other":     {"Khác", "Other"},

	"source.desk":      {"Qua tiếp công dân", "At the desk"},
	"source.post":      {"Qua bưu chính", "By post"},
	"source.direct":    {"Gửi trực tiếp", "Handed in"},
	"source.forwarded": {"Cơ quan, tổ chức chuyển đến", "Forwarded by a body"},
	"source.press":     {"Báo chí", "Press"},
	"source.online":    {"Trực tuyến", "Online"},
	"source.upper":     {"Công đoàn cấp trên chuyển", "From the upper union"},

	"reception.regular":   {"Tiếp thường xuyên", "Regular reception"},
	"reception.scheduled": {"Tiếp định kỳ", "Scheduled reception"},
	"reception.adhoc":     {"Tiếp đột xuất", "Ad-hoc reception"},

	"outcome.guided":   {"Hướng dẫn", "Guided"},
	"outcome.petition": {"Nhận đơn", "Petition received"},
	"outcome.referred": {"Chuyển cơ quan có thẩm quyền", "Referred"},
	"outcome.answered": {"Trả lời trực tiếp", "Answered on the spot"},
	"outcome.refused":  {"Từ chối tiếp", "Reception refused"},

	"decision.accept":  {"Đề xuất thụ lý", "Accept"},
	"decision.guide":   {"Hướng dẫn", "Guide to competent body"},
	"decision.forward": {"Chuyển đơn", "Forward"},
	"decision.return":  {"Trả lại đơn", "Return"},
	"decision.file":    {"Lưu đơn", "File (no action)"},

	"status.pending":     {"Chờ thụ lý", "Awaiting acceptance"},
	"status.open":        {"Đang giải quyết", "In progress"},
	"status.suspended":   {"Tạm đình chỉ", "Suspended"},
	"status.concluded":   {"Đã giải quyết", "Concluded"},
	"status.terminated":  {"Đình chỉ", "Terminated"},
	"status.transferred": {"Đã chuyển", "Transferred"},
	"status.rejected":    {"Không thụ lý", "Not accepted"},

	"result.right":     {"Đúng", "Upheld"},
	"result.wrong":     {"Sai", "Rejected"},
	"result.partly":    {"Đúng một phần", "Partly upheld"},
	"result.withdrawn": {"Rút đơn", "Withdrawn"},
	"result.settled":   {"Đã trả lời", "Answered"},

	"result.denunciation.right":  {"Tố cáo đúng", "Founded"},
	"result.denunciation.wrong":  {"Tố cáo sai", "Unfounded"},
	"result.denunciation.partly": {"Có đúng, có sai", "Partly founded"},

	"role.receptionist": {"Cán bộ tiếp nhận", "Receptionist"},
	"role.handler":      {"Cán bộ xử lý", "Handler"},
	"role.leader":       {"Lãnh đạo", "Leader"},
	"role.admin":        {"Quản trị", "Administrator"},

	"sex.":       {"Không rõ", "Unknown"},
	"sex.male":   {"Nam", "Male"},
	"sex.female": {"Nữ", "Female"},
}
