package common

// DeskWords are the words of the interaction model every screen shares:
// actions, the confirm page, the help and message-log pages, drafts and
// corrections.
type DeskWords struct {
	DisabledSign      string // before an action that cannot be used now
	DangerSign        string // after a dangerous action's label
	NeedRole          string
	ConfirmTitle      string
	ConfirmYes        string // the keys that confirm, and what they do: %s the action
	ConfirmNo         string
	ConfirmEnter      string // said when Enter is pressed on a confirm page
	ConfirmGo         string
	ConfirmStop       string
	ConfirmNotEnter   string
	ConfirmSection    string
	CorrectSection    string
	KeyClose          string
	KeyScroll         string
	KeyLog            string
	LogTitle          string
	LogEmpty          string
	LogDetail         string
	QuitDraft         string // the quit question when the input is kept as a draft
	DraftBack         string // a draft was restored: %s when it was written
	DraftDropped      string
	DraftBackForms    string // %d forms, %s when
	KeyDiscard        string
	DiscardAsk        string
	Discard           string
	Correct           string
	Reason            string
	ReasonNeeded      string
	ReasonHint        string
	NothingChanged    string
	CorrectHint       string
	KeyNextField      string
	KeyPrevField      string
	KeySaveCorrection string
	CorrectPerson     string // %s the person's name
	CorrectVisit      string // %s the visit's number
	CorrectPetition   string // %s the petition's number
	Corrected         string // %s what was corrected
	EvCorrected       string // %s the fields corrected
	NothingToCorrect  string
	LeaveAsk          string

	// The reveal page (common.Reveal).
	RevealSection      string
	KeyReveal          string // the key b wherever a sender can be revealed
	RevealKeyHint      string // beside a masked sender the user may reveal
	RevealTitle        string // %s the record's number
	RevealIntro        string
	RevealReason       string
	RevealReasonHint   string
	RevealReasonNeeded string
	KeySaveReveal      string
	RevealDone         string // %s the record's number
	RevealNotSecret    string
	RevealShown        string
	RevealNoRecord     string
}

var deskVI = DeskWords{
	DisabledSign:      "✗",
	DangerSign:        "⚠",
	NeedRole:          "người dùng này không có quyền làm việc này",
	ConfirmTitle:      "Xác nhận",
	ConfirmYes:        "C: %s",
	ConfirmNo:         "K hoặc Esc: không",
	ConfirmEnter:      "Enter không xác nhận việc này: bấm C để đồng ý, K hoặc Esc để thôi.",
	ConfirmGo:         "đồng ý (việc nguy hiểm hoặc làm mất dữ liệu)",
	ConfirmStop:       "không",
	ConfirmNotEnter:   "không bao giờ xác nhận",
	ConfirmSection:    "Hộp xác nhận",
	CorrectSection:    "Trang sửa thông tin (Ctrl+O ở Tiếp nhận, s ở Theo dõi)",
	KeyClose:          "đóng",
	KeyScroll:         "cuộn",
	KeyLog:            "nhật ký thông báo",
	LogTitle:          "Thông báo gần đây",
	LogEmpty:          "Chưa có thông báo nào.",
	LogDetail:         "Chi tiết: ",
	QuitDraft:         "Còn dữ liệu đang nhập chưa lưu. Nó được giữ làm bản nháp và sẽ được mở lại lần sau. Thoát?",
	DraftBack:         "Đã mở lại bản nháp chưa lưu (%s). Esc để bỏ.",
	DraftDropped:      "Đã bỏ bản nháp.",
	DraftBackForms:    "Còn %d biểu mẫu chưa lưu từ lần trước (%s): mở lại việc đó trên vụ việc để tiếp tục.",
	KeyDiscard:        "bỏ phần đang nhập",
	DiscardAsk:        "Bỏ những gì đang nhập trong biểu mẫu này?",
	Discard:           "bỏ",
	Correct:           "sửa thông tin",
	Reason:            "Lý do sửa",
	ReasonNeeded:      "Cần ghi lý do sửa",
	ReasonHint:        "vì sao sửa (bắt buộc)",
	NothingChanged:    "Chưa sửa mục nào.",
	CorrectHint:       "Mỗi lần sửa được ghi lại cùng lý do và hiện trong diễn biến; báo cáo và tệp xuất dùng thông tin đã sửa.",
	KeyNextField:      "ô kế",
	KeyPrevField:      "ô trước",
	KeySaveCorrection: "lưu phần sửa",
	CorrectPerson:     "Sửa thông tin người đến · %s",
	CorrectVisit:      "Sửa lượt tiếp %s",
	CorrectPetition:   "Sửa thông tin đơn %s",
	Corrected:         "Đã sửa %s",
	EvCorrected:       "Sửa thông tin (%s)",
	NothingToCorrect:  "Đặt con trỏ vào một người đã chọn, hoặc lưu một lượt tiếp, rồi bấm Ctrl+O để sửa.",
	LeaveAsk:          "Bỏ những gì đã sửa trên trang này?",

	RevealSection:      "Trang xem danh tính người gửi (b ở Phân loại, Theo dõi, danh sách của Báo cáo)",
	KeyReveal:          "xem danh tính",
	RevealKeyHint:      "b: xem danh tính (ghi nhật ký)",
	RevealTitle:        "Xem danh tính người gửi · %s",
	RevealIntro:        "Danh tính người tố cáo được giữ bí mật (Luật Tố cáo Điều 9, 47, 56). Việc xem được ghi vào nhật ký: ai, khi nào, vì sao.",
	RevealReason:       "Lý do xem",
	RevealReasonHint:   "vì sao cần xem (bắt buộc)",
	RevealReasonNeeded: "Cần ghi lý do xem danh tính người gửi",
	KeySaveReveal:      "ghi lý do và xem",
	RevealDone:         "Đã ghi vào nhật ký việc xem danh tính người gửi %s",
	RevealNotSecret:    "Người gửi của bản ghi này không được bảo mật",
	RevealShown:        "Danh tính người gửi đang hiện (đã ghi vào nhật ký)",
	RevealNoRecord:     "Bản ghi này không có đơn hay vụ việc bảo mật để xem danh tính; hãy xem ở đơn hoặc vụ việc của người đó",
}

var deskEN = DeskWords{
	DisabledSign:      "✗",
	DangerSign:        "⚠",
	NeedRole:          "this user may not do this",
	ConfirmTitle:      "Confirm",
	ConfirmYes:        "Y: %s",
	ConfirmNo:         "N or Esc: no",
	ConfirmEnter:      "Enter does not confirm this: press Y to go ahead, N or Esc to stop.",
	ConfirmGo:         "go ahead (something dangerous or lossy)",
	ConfirmStop:       "no",
	ConfirmNotEnter:   "never confirms",
	ConfirmSection:    "Confirmations",
	CorrectSection:    "Correction page (Ctrl+O on Reception, s on Follow-up)",
	KeyClose:          "close",
	KeyScroll:         "scroll",
	KeyLog:            "message log",
	LogTitle:          "Recent messages",
	LogEmpty:          "No messages yet.",
	LogDetail:         "Detail: ",
	QuitDraft:         "There is unsaved input. It is kept as a draft and offered back next time. Quit?",
	DraftBack:         "Your unsaved draft is back (%s). Esc discards it.",
	DraftDropped:      "Draft discarded.",
	DraftBackForms:    "%d forms left unsaved last time (%s): open that action on its case to go on.",
	KeyDiscard:        "discard the input",
	DiscardAsk:        "Discard what is typed in this form?",
	Discard:           "discard",
	Correct:           "correct details",
	Reason:            "Reason",
	ReasonNeeded:      "A reason for the correction is needed",
	ReasonHint:        "why it is corrected (required)",
	NothingChanged:    "Nothing was changed.",
	CorrectHint:       "Each correction is kept with its reason and shown in the timeline; reports and exports use the corrected details.",
	KeyNextField:      "next field",
	KeyPrevField:      "previous field",
	KeySaveCorrection: "save the correction",
	CorrectPerson:     "Correct the visitor's details · %s",
	CorrectVisit:      "Correct visit %s",
	CorrectPetition:   "Correct petition %s",
	Corrected:         "Corrected %s",
	EvCorrected:       "Details corrected (%s)",
	NothingToCorrect:  "Put the cursor on a person picked, or save a visit, then press Ctrl+O to correct it.",
	LeaveAsk:          "Discard the changes made on this page?",

	RevealSection:      "Sender's identity page (b on Classification, Follow-up, a report's list)",
	KeyReveal:          "see the identity",
	RevealKeyHint:      "b: see the identity (logged)",
	RevealTitle:        "See the sender's identity · %s",
	RevealIntro:        "A denouncer's identity is secret (Law on Denunciations Art. 9, 47, 56). Seeing it is logged: who, when and why.",
	RevealReason:       "Reason",
	RevealReasonHint:   "why it must be seen (required)",
	RevealReasonNeeded: "Give the reason for seeing the sender's identity",
	KeySaveReveal:      "log the reason and see",
	RevealDone:         "Seeing the sender's identity of %s is logged",
	RevealNotSecret:    "This record's sender is not protected",
	RevealShown:        "The sender's identity is shown (logged)",
	RevealNoRecord:     "This record has no confidential petition or case to reveal; see that person's petition or case",
}
