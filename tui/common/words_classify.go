package common

// ClassifyWords are the words of the classification screen (Phân loại
// đơn). Kinds, regimes, fields and decisions come from model; the forms a
// decision needs are named as docs/law.md, Forms names them.
type ClassifyWords struct {
	Title       string
	Count       string // %d petitions waiting
	Order       string
	Empty       string
	Loading     string
	ColNo       string
	ColAge      string
	ColSender   string
	ColSummary  string
	ColDeadline string
	AgeToday    string
	AgeDays     string // %d
	Received    string // %s date
	Source      string // %s
	Secret      string // the sender of a confidential petition, for those who may not see it
	Anonymous   string
	Unsigned    string
	Letter      string // "letter dated"

	FormTitle    string // %s petition number
	Sender       string
	Summary      string
	Kind         string
	Regime       string
	RegimeAuto   string // %s the reason
	Field        string
	Conditions   string
	CondYes      string
	Competent    string
	CompYes      string
	Round        string
	RoundFirst   string
	RoundSecond  string
	Complex      string
	Remote       string
	Duplicate    string
	DupNone      string
	DupLoading   string
	DupSame      string
	DupSimilar   string // %d percent
	DupOpenCase  string // %s case number, %s status
	DupUndecided string
	Decision     string
	ForwardTo    string
	ForwardHint  string
	ToChild      string // the decision: transfer to a child site
	Child        string
	ChildNote    string // %s the child, %s its code
	ErrChild     string
	DoneChild    string // %s petition no, %s the child, %s the transfer's number
	DoneChildGo  string // %s the child's code
	Reason       string
	LetterNeeded string // %s

	LetterAccept     string
	LetterGuide      string
	LetterGuideSplit string
	LetterForwardTC  string
	LetterForward    string
	LetterReturn     string
	LetterFile       string

	ReasonGuide     string
	ReasonSplit     string
	ReasonForward   string
	ReasonReturn    string
	ReasonFile      string
	ReasonChild     string
	ReasonAnonymous string
	ReasonDupGuided string
	ReasonDupOpen   string // %s

	AdviceMixed     string
	AdviceAnonymous string
	AdviceUnsigned  string
	AdviceDupGuided string
	AdviceDupOpen   string // %s case
	AdviceDupClosed string // %s case
	AdviceDupFwd    string // %s body
	AdviceDup       string // %s petition
	AdviceSuggest   string // %s decision
	CompAuto        string

	ErrKind      string
	ErrRegime    string
	ErrField     string
	ErrDecision  string
	ErrForwardTo string
	ErrReason    string
	ErrFix       string // %d

	DoneAccept string // %s case no, %s due words
	DueWords   string // %s step, %s date, %s words
	Done       string // %s petition no, %s decision
	DoneOpen   string
	DoneBack   string
	DoneLeft   string // %d petitions still waiting
	DoneNone   string
	NoLetter   string // %s form
	LetterDone string // %s where
	NotYet     string
	Already    string // %s no, %s decision
	NotFound   string // %s

	KeyOpen     string
	KeyMove     string
	KeySave     string
	KeyNext     string
	KeyPrev     string
	KeyBack     string
	KeyToggle   string
	KeyChoose   string
	KeyLetter   string
	KeyOpenCase string
}

var classifyVI = ClassifyWords{
	Title:       "Đơn chờ phân loại",
	Count:       "%d đơn",
	Order:       "đơn nhận sớm nhất ở trên",
	Empty:       "Không có đơn nào chờ phân loại.",
	Loading:     "Đang tải…",
	ColNo:       "Số đơn",
	ColAge:      "Đã nhận",
	ColSender:   "Người gửi",
	ColSummary:  "Tóm tắt",
	ColDeadline: "Hạn xử lý đơn",
	AgeToday:    "hôm nay",
	AgeDays:     "%d ngày",
	Received:    "nhận %s",
	Source:      "%s",
	Secret:      "(bảo mật người tố cáo)",
	Anonymous:   "(không rõ người gửi)",
	Unsigned:    "đơn không ký tên",
	Letter:      "đơn đề ngày %s",

	FormTitle:    "Phân loại đơn %s",
	Sender:       "Người gửi",
	Summary:      "Tóm tắt",
	Kind:         "Loại đơn",
	Regime:       "Chế độ pháp lý",
	RegimeAuto:   "Tự chọn: %s",
	Field:        "Lĩnh vực",
	Conditions:   "Điều kiện",
	CondYes:      "đủ điều kiện xử lý",
	Competent:    "Thẩm quyền",
	CompYes:      "thuộc thẩm quyền",
	Round:        "Lần khiếu nại",
	RoundFirst:   "Lần đầu",
	RoundSecond:  "Lần hai",
	Complex:      "Phức tạp",
	Remote:       "Vùng sâu, vùng xa",
	Duplicate:    "Trùng đơn",
	DupNone:      "Không trùng",
	DupLoading:   "đang tìm đơn trùng…",
	DupSame:      "cùng người gửi",
	DupSimilar:   "giống %d%%",
	DupOpenCase:  "vụ việc %s: %s",
	DupUndecided: "chưa phân loại",
	Decision:     "Hướng xử lý",
	ForwardTo:    "Chuyển đến",
	ForwardHint:  "cơ quan có thẩm quyền",
	ToChild:      "Chuyển cấp dưới",
	Child:        "Đơn vị cấp dưới",
	ChildNote:    "Chuyển cho %s; đơn sẽ đi trong gói tiếp theo gửi %s (F6 Đồng bộ).",
	ErrChild:     "Chọn đơn vị cấp dưới nhận đơn",
	DoneChild:    "Đơn %s đã chuyển cho %s (số chuyển %s)",
	DoneChildGo:  "Đơn sẽ đi trong gói tiếp theo gửi %s: ghi gói ở màn hình Đồng bộ (F6).",
	Reason:       "Lý do",
	LetterNeeded: "Văn bản cần lập: %s",

	LetterAccept:     "Phiếu đề xuất thụ lý đơn (TT 05/2021/TT-TTCP Mẫu 01)",
	LetterGuide:      "Văn bản hướng dẫn (theo TT 05/2021/TT-TTCP)",
	LetterGuideSplit: "Văn bản hướng dẫn tách nội dung đơn (theo TT 05/2021/TT-TTCP)",
	LetterForwardTC:  "Phiếu chuyển đơn tố cáo (TT 05/2021/TT-TTCP Mẫu 03), bản che thông tin người tố cáo",
	LetterForward:    "Phiếu chuyển đơn khiếu nại, kiến nghị, phản ánh (theo TT 05/2021/TT-TTCP)",
	LetterReturn:     "Văn bản trả lại đơn (theo TT 05/2021/TT-TTCP)",
	LetterFile:       "không lập văn bản; ghi lý do lưu đơn vào sổ (TT 05/2021/TT-TTCP)",

	ReasonGuide:     "Không thuộc thẩm quyền: hướng dẫn người gửi đến cơ quan có thẩm quyền",
	ReasonSplit:     "Đơn có nhiều nội dung: hướng dẫn người gửi tách đơn",
	ReasonForward:   "Không thuộc thẩm quyền: chuyển cơ quan có thẩm quyền giải quyết",
	ReasonReturn:    "Đơn do cơ quan, tổ chức chuyển đến không thuộc thẩm quyền: trả lại đơn",
	ReasonFile:      "Đơn không đủ điều kiện xử lý",
	ReasonChild:     "Thuộc thẩm quyền của công đoàn cấp dưới: chuyển đơn vị đó giải quyết",
	ReasonAnonymous: "Thông tin tố cáo không rõ người tố cáo: không thụ lý như tố cáo",
	ReasonDupGuided: "Đơn trùng nội dung đã được hướng dẫn một lần",
	ReasonDupOpen:   "Trùng nội dung đơn %s đang giải quyết",

	AdviceMixed:     "Đơn có nhiều nội dung: hướng dẫn người gửi tách từng nội dung (Luật Tiếp công dân Điều 25.3); không đề xuất thụ lý.",
	AdviceAnonymous: "Thông tin tố cáo không rõ người tố cáo không thụ lý như tố cáo; nếu cụ thể, có căn cứ thì chuyển để kiểm tra, thanh tra (Luật Tố cáo Điều 25).",
	AdviceUnsigned:  "Đơn không ký tên hoặc điểm chỉ: không đủ điều kiện xử lý (TT 05/2021/TT-TTCP).",
	AdviceDupGuided: "Đơn trùng nội dung đã được hướng dẫn một lần: không đủ điều kiện xử lý, lưu đơn (TT 05/2021/TT-TTCP).",
	AdviceDupOpen:   "Cùng nội dung với vụ việc %s đang giải quyết: lưu đơn, bổ sung vào vụ việc đó.",
	AdviceDupClosed: "Vụ việc %s đã kết thúc: nếu người gửi không đồng ý kết quả, đây là khiếu nại lần hai hoặc tố cáo tiếp.",
	AdviceDupFwd:    "Đơn cùng nội dung đã chuyển cho %s: không chuyển lại (TT 05/2021/TT-TTCP Điều 14); lưu đơn.",
	AdviceDup:       "Cùng nội dung với đơn %s chưa phân loại: xử lý một lần cho cả hai đơn.",
	AdviceSuggest:   "Gợi ý: %s",
	CompAuto:        "đã đánh dấu không thuộc thẩm quyền theo hướng xử lý",

	ErrKind:      "Chọn loại đơn",
	ErrRegime:    "Chọn chế độ pháp lý",
	ErrField:     "Chọn lĩnh vực",
	ErrDecision:  "Chọn hướng xử lý",
	ErrForwardTo: "Ghi cơ quan nhận đơn chuyển",
	ErrReason:    "Ghi lý do",
	ErrFix:       "Chưa ghi: còn %d ô cần sửa (đánh dấu ✗).",

	DoneAccept: "Đã mở vụ việc %s · %s",
	DueWords:   "hạn %s %s (%s)",
	Done:       "Đã phân loại đơn %s: %s",
	DoneOpen:   "Enter: mở vụ việc trong Theo dõi · Esc: về danh sách đơn",
	DoneBack:   "Enter hoặc Esc: về danh sách đơn",
	DoneLeft:   "Còn %d đơn chờ phân loại.",
	DoneNone:   "Không còn đơn nào chờ phân loại.",
	NoLetter:   "In văn bản: chưa có mẫu «%s»",
	LetterDone: "Đã in văn bản: %s",
	NotYet:     "Chưa ghi phân loại: văn bản in sau khi ghi.",
	Already:    "Đơn %s đã được phân loại: %s",
	NotFound:   "Không tìm thấy đơn %s",

	KeyOpen:     "mở đơn",
	KeyMove:     "chọn đơn",
	KeySave:     "ghi phân loại",
	KeyNext:     "ô kế",
	KeyPrev:     "ô trước",
	KeyBack:     "về danh sách",
	KeyToggle:   "bật/tắt",
	KeyChoose:   "chọn mục (hoặc gõ phím trong [ ])",
	KeyLetter:   "in văn bản",
	KeyOpenCase: "mở vụ việc",
}

var classifyEN = ClassifyWords{
	Title:       "Petitions to classify",
	Count:       "%d petitions",
	Order:       "oldest first",
	Empty:       "No petition is waiting to be classified.",
	Loading:     "Loading…",
	ColNo:       "Number",
	ColAge:      "Age",
	ColSender:   "Sender",
	ColSummary:  "Summary",
	ColDeadline: "Processing limit",
	AgeToday:    "today",
	AgeDays:     "%d days",
	Received:    "received %s",
	Source:      "%s",
	Secret:      "(denouncer protected)",
	Anonymous:   "(sender unknown)",
	Unsigned:    "unsigned letter",
	Letter:      "letter dated %s",

	FormTitle:    "Classify petition %s",
	Sender:       "Sender",
	Summary:      "Summary",
	Kind:         "Kind",
	Regime:       "Legal regime",
	RegimeAuto:   "Proposed: %s",
	Field:        "Subject area",
	Conditions:   "Conditions",
	CondYes:      "processable",
	Competent:    "Competence",
	CompYes:      "within our competence",
	Round:        "Complaint round",
	RoundFirst:   "First",
	RoundSecond:  "Second",
	Complex:      "Complex",
	Remote:       "Remote area",
	Duplicate:    "Duplicate of",
	DupNone:      "None",
	DupLoading:   "looking for duplicates…",
	DupSame:      "same sender",
	DupSimilar:   "%d%% alike",
	DupOpenCase:  "case %s: %s",
	DupUndecided: "not classified",
	Decision:     "Decision",
	ForwardTo:    "Forward to",
	ForwardHint:  "the competent body",
	ToChild:      "To a child site",
	Child:        "Child site",
	ChildNote:    "Transferred to %s; it goes in the next bundle for %s (F6 Sync).",
	ErrChild:     "Choose the child site it goes to",
	DoneChild:    "Petition %s transferred to %s (transfer no. %s)",
	DoneChildGo:  "It goes in the next bundle for %s: write it on the Sync screen (F6).",
	Reason:       "Reason",
	LetterNeeded: "Letter to write: %s",

	LetterAccept:     "Proposal to accept (TT 05/2021/TT-TTCP Form 01)",
	LetterGuide:      "Guidance letter (per TT 05/2021/TT-TTCP)",
	LetterGuideSplit: "Guidance to split the petition (per TT 05/2021/TT-TTCP)",
	LetterForwardTC:  "Denunciation forwarding slip (TT 05/2021/TT-TTCP Form 03), with the denouncer redacted",
	LetterForward:    "Forwarding slip for a complaint, recommendation or report (per TT 05/2021/TT-TTCP)",
	LetterReturn:     "Letter returning the petition (per TT 05/2021/TT-TTCP)",
	LetterFile:       "no letter; the reason for filing goes in the register (TT 05/2021/TT-TTCP)",

	ReasonGuide:     "Outside our competence: the sender is guided to the competent body",
	ReasonSplit:     "Several matters in one petition: the sender is guided to split it",
	ReasonForward:   "Outside our competence: forwarded to the competent body",
	ReasonReturn:    "Forwarded to us by a body, outside our competence: returned",
	ReasonFile:      "The petition is not processable",
	ReasonChild:     "Within a child union's competence: transferred to it",
	ReasonAnonymous: "Denunciation information with no known denouncer: not accepted as a denunciation",
	ReasonDupGuided: "Same matter as a petition already guided once",
	ReasonDupOpen:   "Same matter as petition %s, being resolved",

	AdviceMixed:     "Several matters in one petition: guide the sender to split them (Law on Citizen Reception Art. 25.3); do not accept.",
	AdviceAnonymous: "Denunciation information with no known denouncer is not accepted as a denunciation; if specific and verifiable, forward it for inspection (Law on Denunciations Art. 25).",
	AdviceUnsigned:  "Unsigned letter (no signature or fingerprint): not processable (TT 05/2021/TT-TTCP).",
	AdviceDupGuided: "Same matter as a petition already guided once: not processable, file it (TT 05/2021/TT-TTCP).",
	AdviceDupOpen:   "Same matter as case %s, being resolved: file this petition with that case.",
	AdviceDupClosed: "Case %s is closed: if the sender disagrees with its result, this is a second complaint or a repeat denunciation.",
	AdviceDupFwd:    "The same matter was forwarded to %s: do not forward again (TT 05/2021/TT-TTCP Art. 14); file it.",
	AdviceDup:       "Same matter as petition %s, not yet classified: decide both once.",
	AdviceSuggest:   "Suggested: %s",
	CompAuto:        "marked outside our competence, as the decision implies",

	ErrKind:      "Choose the kind",
	ErrRegime:    "Choose the legal regime",
	ErrField:     "Choose the subject area",
	ErrDecision:  "Choose a decision",
	ErrForwardTo: "Name the body it is forwarded to",
	ErrReason:    "Give the reason",
	ErrFix:       "Not saved: %d fields to fix (marked ✗).",

	DoneAccept: "Case %s opened · %s",
	DueWords:   "%s due %s (%s)",
	Done:       "Petition %s classified: %s",
	DoneOpen:   "Enter: open the case in Follow-up · Esc: back to the list",
	DoneBack:   "Enter or Esc: back to the list",
	DoneLeft:   "%d petitions still waiting.",
	DoneNone:   "No petition is waiting any more.",
	NoLetter:   "Print letter: no template yet for «%s»",
	LetterDone: "Letter printed: %s",
	NotYet:     "Not saved yet: letters print after saving.",
	Already:    "Petition %s is already classified: %s",
	NotFound:   "Petition %s not found",

	KeyOpen:     "open",
	KeyMove:     "move",
	KeySave:     "save",
	KeyNext:     "next field",
	KeyPrev:     "previous field",
	KeyBack:     "back to list",
	KeyToggle:   "on/off",
	KeyChoose:   "choose (or type the key in [ ])",
	KeyLetter:   "print letter",
	KeyOpenCase: "open case",
}
