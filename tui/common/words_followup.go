package common

// FollowupWords are the words of the follow-up screen (Theo dõi): one
// case, its timeline and the actions that move it, and the view of what
// is due.
type FollowupWords struct {
	Title  string
	NoCase string

	// The case.
	SenderComplaint    string
	SenderDenunciation string
	SenderRecommend    string
	SenderOther        string
	Employer           string
	Handler            string
	Unassigned         string
	Received           string
	Accepted           string
	Closed             string
	Round              string // %d
	Complex            string
	Remote             string
	Summary            string
	DeadlineOf         string // %s: the step, lower case
	NoDeadline         string
	Basis              string
	Result             string
	DecisionNo         string // %s number
	DecisionOn         string // %s date
	TransferredTo      string
	Repeat             string // %s: the earlier case's number
	Masked             string
	Phone              string
	Address            string
	IDNumber           string
	Timeline           string // %d events
	TimelineMore       string // %d more lines
	TimelineEarlier    string // %d earlier lines
	Concurrent         string // %d sites
	Conflict           string // %s reason
	OtherSite          string // %s site

	// What each event did.
	EvOpened      string
	EvAccepted    string
	EvRejected    string
	EvAssigned    string // %s handler
	EvDocs        string
	EvSuspended   string
	EvResumed     string
	EvExtended    string // %d days
	EvComplex     string // %d days
	EvConcluded   string // %s result
	EvTerminated  string
	EvReopened    string
	EvTransferred string // %s where
	EvUrged       string // %s the body urged
	EvGuidance    string
	EvNote        string
	EvReminder    string // %s date
	EvRevealed    string
	EvPrinted     string // %s title, %s verification code
	EvPrintedFull string
	EvHandlerIs   string // %s
	OnDate        string // %s
	ForWhom       string // %s
	Everyone      string

	// Actions.
	ActAccept     string
	ActReject     string
	ActAssign     string
	ActDocs       string
	ActSuspend    string
	ActResume     string
	ActExtend     string
	ActConclude   string
	ActReopen     string
	ActTransfer   string
	ActNote       string
	ActRemind     string
	ActExplain    string
	ActReveal     string
	ActDue        string
	ActGuide      string
	ActCorrect    string
	ActUrge       string
	ActExecute    string
	FSummary      string
	FSender       string
	FEmployer     string
	ChildCase     string // %s: the site's code
	GuideOwnCase  string
	ActCase       string
	ActBack       string
	DisabledSign  string
	DisabledHint  string
	NeedRole      string
	NeedRoleShort string
	NoCaseOpen    string

	// Forms.
	FormHint        string
	DateHint        string
	FOn             string
	FOnAccept       string
	FReason         string
	FDocs           string
	FDays           string
	FResult         string
	FDecisionNo     string
	FDecisionNoHint string
	FDecisionDate   string
	FRecovered      string
	FRestored       string
	FReplied        string
	FTo             string
	FUrgeTo         string
	FHow            string
	FUrgeWhat       string
	// The conclusion's outcome and its execution (01–04/KQGQ).
	FReturnedLand, FStateMoney, FStateLand, FSanctioned, FOfficials, FReferred                     string
	FCollected, FCollectedLand, FPaid, FPaidLand, FSanctionedDone, FProsecuted, FProsecutedPersons string
	FDone, EvExecuted, ExecNothing                                                                 string
	FHandler                                                                                       string
	FNobody                                                                                        string
	FText                                                                                          string
	FRemindOn                                                                                      string
	FFor                                                                                           string
	FForMe                                                                                         string
	FForAll                                                                                        string
	BadNumber                                                                                      string
	Required                                                                                       string
	ReminderPast                                                                                   string
	ExtendDenounce                                                                                 string // %d days, %s source, %d extensions so far
	ExtendComplaint                                                                                string // %d days, %s source
	NewDue                                                                                         string // %s
	PickHint                                                                                       string

	// Confirmations of dangerous actions.
	ConfirmConclude string // %s case, %s result
	ConfirmReopen   string // %s
	ConfirmTransfer string // %s case, %s where
	ConfirmReject   string // %s
	Done            string // %s action, %s case

	// The explanation of a deadline.
	ExplainTitle string // %s case
	ExplainHint  string

	// What is due.
	DueTitle    string
	DueMine     string // %s name
	DueAll      string
	DueUntil    string // %s weekday, %s date
	DueCounts   string // %d overdue, %d today, %d this week
	DueOverdue  string
	DueToday    string
	DueWeek     string
	DueEmpty    string
	DueBack     string // %s: the case open
	DueReminder string // %s text
	DueBy       string // %s name
	ColNo       string
	ColSender   string
	ColWhat     string
	ColDay      string
	ColState    string

	// Keys.
	KeyScroll   string
	KeyOpen     string
	KeyMine     string
	KeyPrint    string
	PrintDone   string // %s where
	PrintNone   string
	KeyBack     string
	KeySave     string
	KeyCancel   string
	KeyNext     string
	KeyClose    string
	KeyDetails  string
	RuleDetails string
}

var followupVI = FollowupWords{
	Title:  "Theo dõi vụ việc",
	NoCase: "Chưa mở vụ việc nào: chọn ở màn hình Vụ việc (F4) rồi Enter.",

	SenderComplaint:    "Người khiếu nại",
	SenderDenunciation: "Người tố cáo",
	SenderRecommend:    "Người kiến nghị",
	SenderOther:        "Người gửi",
	Employer:           "Nơi làm việc",
	Handler:            "Cán bộ xử lý",
	Unassigned:         "chưa phân công",
	Received:           "Nhận đơn",
	Accepted:           "Thụ lý",
	Closed:             "Kết thúc",
	Round:              "lần %d",
	Complex:            "phức tạp",
	Remote:             "vùng sâu, vùng xa",
	Summary:            "Nội dung",
	DeadlineOf:         "Hạn %s",
	NoDeadline:         "Không có thời hạn",
	Basis:              "Căn cứ",
	Result:             "Kết quả",
	DecisionNo:         "số %s",
	DecisionOn:         "ngày %s",
	TransferredTo:      "Đã chuyển đến",
	Repeat:             "Tiếp khiếu, tiếp tố của vụ việc %s",
	Masked:             "(bảo mật)",
	Phone:              "ĐT",
	Address:            "Địa chỉ",
	IDNumber:           "Số định danh",
	Timeline:           "Diễn biến (%d sự kiện)",
	TimelineMore:       "↓ còn %d dòng",
	TimelineEarlier:    "↑ %d dòng trước (Home: từ đầu)",
	Concurrent:         "⇄ Sửa cùng lúc ở %d đơn vị (cùng một trạng thái trước đó):",
	Conflict:           "✗ Không áp dụng (xung đột): %s",
	OtherSite:          "[%s]",

	EvOpened:      "Mở vụ việc (đề xuất thụ lý đơn)",
	EvAccepted:    "Thụ lý",
	EvRejected:    "Không thụ lý",
	EvAssigned:    "Phân công cán bộ xử lý: %s",
	EvDocs:        "Yêu cầu bổ sung tài liệu",
	EvSuspended:   "Tạm đình chỉ",
	EvResumed:     "Tiếp tục giải quyết",
	EvExtended:    "Gia hạn %d ngày",
	EvComplex:     "Xác định vụ việc phức tạp: thêm %d ngày",
	EvConcluded:   "Kết luận: %s",
	EvTerminated:  "Đình chỉ giải quyết",
	EvReopened:    "Mở lại vụ việc",
	EvTransferred: "Chuyển đến %s",
	EvUrged:       "Đôn đốc %s",
	EvGuidance:    "Ý kiến chỉ đạo của cấp trên",
	EvNote:        "Ghi chú",
	EvReminder:    "Đặt nhắc việc ngày %s",
	EvRevealed:    "Xem danh tính người gửi",
	EvPrinted:     "In «%s», mã %s",
	EvPrintedFull: "bản đầy đủ danh tính",
	EvHandlerIs:   "cán bộ xử lý: %s",
	OnDate:        "ngày %s",
	ForWhom:       "cho %s",
	Everyone:      "cả đơn vị",

	ActAccept:     "Thụ lý",
	ActReject:     "Không thụ lý",
	ActAssign:     "Phân công",
	ActDocs:       "Yêu cầu tài liệu",
	ActSuspend:    "Tạm đình chỉ",
	ActResume:     "Tiếp tục",
	ActExtend:     "Gia hạn",
	ActConclude:   "Kết luận",
	ActReopen:     "Mở lại",
	ActTransfer:   "Chuyển",
	ActNote:       "Ghi chú",
	ActRemind:     "Nhắc việc",
	ActExplain:    "Cách tính hạn",
	ActReveal:     "Xem danh tính",
	ActDue:        "Việc đến hạn",
	ActGuide:      "Gửi chỉ đạo",
	ActCorrect:    "Sửa thông tin đơn",
	ActUrge:       "Đôn đốc",
	ActExecute:    "Thi hành",
	FSummary:      "Tóm tắt",
	FSender:       "Người gửi",
	FEmployer:     "Nơi làm việc",
	ChildCase:     "Vụ việc của đơn vị %s do đơn vị đó giải quyết; ở đây chỉ gửi chỉ đạo (phím o)",
	GuideOwnCase:  "Chỉ gửi chỉ đạo cho vụ việc của đơn vị cấp dưới",
	ActCase:       "Vụ việc đang xem",
	ActBack:       "Về danh sách",
	DisabledSign:  "✗",
	DisabledHint:  "✗ = không dùng được lúc này; bấm phím đó để xem lý do",
	NeedRole:      "Cán bộ tiếp nhận chỉ ghi chú và đặt nhắc việc; việc này cần cán bộ xử lý hoặc lãnh đạo",
	NeedRoleShort: "cần cán bộ xử lý",
	NoCaseOpen:    "Chưa mở vụ việc nào",

	FormHint:           "Tab/↑↓ chuyển ô · Enter ở ô cuối hoặc Ctrl+S: lưu · Esc: thôi (nội dung đã gõ được giữ lại)",
	DateHint:           "ngày/tháng/năm",
	FOn:                "Ngày",
	FOnAccept:          "Ngày thụ lý",
	FReason:            "Lý do",
	FDocs:              "Tài liệu cần bổ sung",
	FDays:              "Số ngày gia hạn",
	FResult:            "Kết quả",
	FDecisionNo:        "Số quyết định, kết luận",
	FDecisionNoHint:    "ví dụ 12/QĐ-CĐ",
	FDecisionDate:      "Ngày quyết định, kết luận",
	FRecovered:         "Tiền trả lại (đồng)",
	FRestored:          "Người được trả quyền lợi",
	FReplied:           "Đã gửi văn bản trả lời",
	FTo:                "Chuyển đến",
	FUrgeTo:            "Cơ quan được đôn đốc",
	FHow:               "Cách đôn đốc",
	FUrgeWhat:          "Nội dung",
	FReturnedLand:      "Đất trả lại (m²)",
	FStateMoney:        "Thu hồi cho NN: tiền (đồng)",
	FStateLand:         "Thu hồi cho NN: đất (m²)",
	FSanctioned:        "Xử lý hành chính (người)",
	FOfficials:         "  trong đó cán bộ, công chức",
	FReferred:          "Chuyển điều tra (người)",
	FCollected:         "Đã thu cho NN: tiền (đồng)",
	FCollectedLand:     "Đã thu cho NN: đất (m²)",
	FPaid:              "Đã trả lại: tiền (đồng)",
	FPaidLand:          "Đã trả lại: đất (m²)",
	FSanctionedDone:    "Đã xử lý hành chính (người)",
	FProsecuted:        "Đã khởi tố",
	FProsecutedPersons: "  số người bị khởi tố",
	FDone:              "Đã thực hiện xong",
	EvExecuted:         "Thi hành kết luận",
	ExecNothing:        "Chưa ghi việc gì đã thi hành",
	FHandler:           "Cán bộ xử lý",
	FNobody:            "— chưa phân công —",
	FText:              "Nội dung",
	FRemindOn:          "Ngày nhắc",
	FFor:               "Nhắc cho",
	FForMe:             "Tôi",
	FForAll:            "Cả đơn vị",
	BadNumber:          "Hãy nhập một số nguyên dương",
	Required:           "Cần nhập",
	ReminderPast:       "Ngày nhắc đã qua",
	ExtendDenounce:     "Luật cho phép gia hạn mỗi lần tối đa %d ngày (%s); đã gia hạn %d lần.",
	ExtendComplaint:    "Luật Khiếu nại không có gia hạn: vụ việc phức tạp được tính thời hạn dài hơn, thêm %d ngày (%s). Lưu sẽ ghi nhận vụ việc là phức tạp.",
	NewDue:             "Hạn mới: %s",
	PickHint:           "↑↓ chọn",

	ConfirmConclude: "Kết luận vụ việc %s: %s? Vụ việc sẽ kết thúc và rời danh sách đang giải quyết.",
	ConfirmReopen:   "Mở lại vụ việc %s?",
	ConfirmTransfer: "Chuyển vụ việc %s đến %s? Vụ việc sẽ kết thúc ở đơn vị này.",
	ConfirmReject:   "Không thụ lý vụ việc %s? Vụ việc sẽ kết thúc.",
	Done:            "Đã lưu: %s · %s",

	ExplainTitle: "Cách tính hạn · %s",
	ExplainHint:  "↑↓ PgUp PgDn cuộn · x hoặc Esc đóng",

	DueTitle:    "Việc đến hạn",
	DueMine:     "của %s",
	DueAll:      "cả đơn vị",
	DueUntil:    "đến %s %s",
	DueCounts:   "Quá hạn %d · Hôm nay %d · Trong tuần %d",
	DueOverdue:  "Quá hạn",
	DueToday:    "Hôm nay",
	DueWeek:     "Trong tuần này",
	DueEmpty:    "Không có việc nào quá hạn hay đến hạn trong tuần này.",
	DueBack:     "v hoặc Esc: quay lại vụ việc %s · a: của tôi / cả đơn vị",
	DueReminder: "Nhắc: %s",
	DueBy:       "(%s đặt)",
	ColNo:       "Số",
	ColSender:   "Người gửi",
	ColWhat:     "Hạn hoặc nhắc",
	ColDay:      "Ngày",
	ColState:    "Tình trạng",

	KeyScroll:   "cuộn (PgUp, PgDn)",
	KeyOpen:     "mở vụ việc",
	KeyMine:     "của tôi / cả đơn vị",
	KeyPrint:    "in thông báo",
	PrintDone:   "Đã in thông báo: %s",
	PrintNone:   "In thông báo: mở một vụ việc trước",
	KeyBack:     "về danh sách",
	KeySave:     "lưu",
	KeyCancel:   "thôi",
	KeyNext:     "ô kế",
	KeyClose:    "đóng",
	KeyDetails:  "chi tiết quy tắc",
	RuleDetails: "Chi tiết quy tắc (cho người duy trì bảng quy tắc)",
}

var followupEN = FollowupWords{
	Title:  "Case follow-up",
	NoCase: "No case is open: pick one on the Cases screen (F4) and press Enter.",

	SenderComplaint:    "Complainant",
	SenderDenunciation: "Denouncer",
	SenderRecommend:    "Petitioner",
	SenderOther:        "Sender",
	Employer:           "Employer",
	Handler:            "Handler",
	Unassigned:         "unassigned",
	Received:           "Received",
	Accepted:           "Accepted",
	Closed:             "Closed",
	Round:              "round %d",
	Complex:            "complex",
	Remote:             "remote area",
	Summary:            "Content",
	DeadlineOf:         "Due for %s",
	NoDeadline:         "No time limit",
	Basis:              "Basis",
	Result:             "Result",
	DecisionNo:         "no. %s",
	DecisionOn:         "of %s",
	TransferredTo:      "Transferred to",
	Repeat:             "Brings back case %s",
	Masked:             "(confidential)",
	Phone:              "Tel.",
	Address:            "Address",
	IDNumber:           "ID no.",
	Timeline:           "Timeline (%d events)",
	TimelineMore:       "↓ %d more lines",
	TimelineEarlier:    "↑ %d earlier lines (Home: from the start)",
	Concurrent:         "⇄ Edited at the same time at %d sites (on the same earlier state):",
	Conflict:           "✗ Not applied (conflict): %s",
	OtherSite:          "[%s]",

	EvOpened:      "Case opened (proposed for acceptance)",
	EvAccepted:    "Accepted",
	EvRejected:    "Not accepted",
	EvAssigned:    "Handler assigned: %s",
	EvDocs:        "Documents requested",
	EvSuspended:   "Suspended",
	EvResumed:     "Resumed",
	EvExtended:    "Extended by %d days",
	EvComplex:     "Marked complex: %d more days",
	EvConcluded:   "Concluded: %s",
	EvTerminated:  "Terminated",
	EvReopened:    "Reopened",
	EvTransferred: "Transferred to %s",
	EvUrged:       "Urged %s",
	EvGuidance:    "Guidance from the upper office",
	EvNote:        "Note",
	EvReminder:    "Reminder set for %s",
	EvRevealed:    "Sender's identity seen",
	EvPrinted:     "Printed «%s», code %s",
	EvPrintedFull: "full copy with the identity",
	EvHandlerIs:   "handler: %s",
	OnDate:        "on %s",
	ForWhom:       "for %s",
	Everyone:      "everyone",

	ActAccept:     "Accept",
	ActReject:     "Reject",
	ActAssign:     "Assign",
	ActDocs:       "Ask documents",
	ActSuspend:    "Suspend",
	ActResume:     "Resume",
	ActExtend:     "Extend",
	ActConclude:   "Conclude",
	ActReopen:     "Reopen",
	ActTransfer:   "Transfer",
	ActNote:       "Note",
	ActRemind:     "Remind",
	ActExplain:    "Explain date",
	ActReveal:     "See identity",
	ActDue:        "Due",
	ActGuide:      "Send guidance",
	ActCorrect:    "Correct details",
	ActUrge:       "Urge",
	ActExecute:    "Carry out",
	FSummary:      "Summary",
	FSender:       "Sender",
	FEmployer:     "Employer",
	ChildCase:     "Site %s handles this case; from here you can only send guidance (key o)",
	GuideOwnCase:  "Guidance goes only to cases of a child site",
	ActCase:       "Open case",
	ActBack:       "Back to list",
	DisabledSign:  "✗",
	DisabledHint:  "✗ = not available now; press its key to see why",
	NeedRole:      "A receptionist can add notes and reminders only; this needs a handler or a leader",
	NeedRoleShort: "needs a handler",
	NoCaseOpen:    "No case is open",

	FormHint:           "Tab/↑↓ move · Enter on the last field or Ctrl+S: save · Esc: back (what you typed is kept)",
	DateHint:           "day/month/year",
	FOn:                "Date",
	FOnAccept:          "Accepted on",
	FReason:            "Reason",
	FDocs:              "Documents needed",
	FDays:              "Days",
	FResult:            "Result",
	FDecisionNo:        "Decision number",
	FDecisionNoHint:    "e.g. 12/QĐ-CĐ",
	FDecisionDate:      "Decision date",
	FRecovered:         "Money returned (VND)",
	FRestored:          "Workers restored",
	FReplied:           "Written reply sent",
	FTo:                "Transfer to",
	FUrgeTo:            "Body urged",
	FHow:               "How",
	FUrgeWhat:          "What was asked",
	FReturnedLand:      "Land returned (m²)",
	FStateMoney:        "For the State: money (VND)",
	FStateLand:         "For the State: land (m²)",
	FSanctioned:        "Sanctions (persons)",
	FOfficials:         "  of whom public officials",
	FReferred:          "To investigators (persons)",
	FCollected:         "Recovered for State (VND)",
	FCollectedLand:     "Recovered for State (m²)",
	FPaid:              "Returned: money (VND)",
	FPaidLand:          "Returned: land (m²)",
	FSanctionedDone:    "Sanctioned (persons)",
	FProsecuted:        "Prosecuted",
	FProsecutedPersons: "  persons prosecuted",
	FDone:              "Fully carried out",
	EvExecuted:         "Conclusion carried out",
	ExecNothing:        "Nothing carried out was entered",
	FHandler:           "Handler",
	FNobody:            "— unassigned —",
	FText:              "Text",
	FRemindOn:          "Remind on",
	FFor:               "Remind",
	FForMe:             "Me",
	FForAll:            "Everyone",
	BadNumber:          "Enter a whole number above zero",
	Required:           "Required",
	ReminderPast:       "That day has passed",
	ExtendDenounce:     "The law allows up to %d days per extension (%s); extensions so far: %d.",
	ExtendComplaint:    "The law on complaints has no extension: a complex case has a longer limit, %d more days (%s). Saving marks the case complex.",
	NewDue:             "New last day: %s",
	PickHint:           "↑↓ pick",

	ConfirmConclude: "Conclude case %s: %s? The case closes and leaves the list in progress.",
	ConfirmReopen:   "Reopen case %s?",
	ConfirmTransfer: "Transfer case %s to %s? The case closes here.",
	ConfirmReject:   "Reject case %s? The case closes.",
	Done:            "Saved: %s · %s",

	ExplainTitle: "How the date is counted · %s",
	ExplainHint:  "↑↓ PgUp PgDn scroll · x or Esc close",

	DueTitle:    "What is due",
	DueMine:     "for %s",
	DueAll:      "whole office",
	DueUntil:    "until %s %s",
	DueCounts:   "Overdue %d · Today %d · This week %d",
	DueOverdue:  "Overdue",
	DueToday:    "Today",
	DueWeek:     "This week",
	DueEmpty:    "Nothing is overdue or due this week.",
	DueBack:     "v or Esc: back to case %s · a: mine / whole office",
	DueReminder: "Reminder: %s",
	DueBy:       "(set by %s)",
	ColNo:       "No.",
	ColSender:   "Sender",
	ColWhat:     "Due or reminder",
	ColDay:      "Day",
	ColState:    "State",

	KeyScroll:   "scroll (PgUp, PgDn)",
	KeyOpen:     "open case",
	KeyMine:     "mine / whole office",
	KeyPrint:    "print notice",
	PrintDone:   "Notice printed: %s",
	PrintNone:   "Print notice: open a case first",
	KeyBack:     "back to list",
	KeySave:     "save",
	KeyCancel:   "back",
	KeyNext:     "next field",
	KeyClose:    "close",
	KeyDetails:  "rule details",
	RuleDetails: "Rule details (for whoever keeps the rule table)",
}
