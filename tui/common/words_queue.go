package common

// QueueWords are the words of the queue screen (Vụ việc): the list of
// cases, its search and filters, and the backlog review.
type QueueWords struct {
	Title          string
	TitleClosed    string
	TitleReview    string
	Count          string // %d cases
	CountOf        string // %d shown of %d
	OverdueN       string // %d
	DueSoonN       string // %d
	Search         string
	SearchHint     string
	Empty          string
	EmptyClosed    string
	NoMatch        string
	Masked         string // a confidential sender, as lists show it
	Loading        string // the list is being read
	Newest         string // %d: the newest closed cases shown while the rest is read
	PreviewSender  string
	PreviewContent string
	PreviewDue     string
	PreviewHandler string
	Unassigned     string
	NoDeadline     string

	// Columns.
	ColNo       string
	ColSender   string
	ColKind     string
	ColField    string
	ColHandler  string
	ColDue      string
	ColLeft     string
	ColSite     string
	ColStatus   string
	ColClosed   string
	ColResult   string
	ColEmployer string
	ColTimely   string

	// Days left, as the list shows them (the unit follows the rule: LV is
	// "làm việc", working days). %d is the number of days.
	LeftDays        string
	LeftWorking     string
	OverdueDays     string
	OverdueWorking  string
	DueToday        string
	Stopped         string
	ClosedOnTime    string
	ClosedLate      string
	ClosedLateWork  string
	OverdueSign     string
	DueSoonSign     string
	StoppedSign     string
	FiltersLine     string // "Lọc: "
	FiltersNone     string
	FilterEditHint  string
	FilterTitle     string
	FilterHint      string
	FilterAll       string
	FilterMine      string
	FilterNoHandler string
	FilterStatus    string
	FilterKind      string
	FilterField     string
	FilterEmployer  string
	FilterHandler   string
	FilterSite      string
	FilterFrom      string
	FilterTo        string
	FilterDateHint  string
	FilterBadRange  string
	FilterSaved     string
	FilterCleared   string
	FilterReceived  string // "nhận %s–%s"

	// The backlog review.
	ReviewIntro     string
	ReviewAge       string
	ReviewTotal     string
	ReviewOverdue   string
	ReviewSummary   string // %d resolved, %d being resolved, %d came back
	ReviewRepeats   string
	ReviewNoRepeats string
	ReviewHint      string
	ColLater        string
	ColRepeat       string
	ColPrior        string
	ColPriorResult  string
	ColWhy          string
	SimilarPct      string // %d%%

	// Keys.
	KeyOpen      string
	KeyMove      string
	KeyFilter    string
	KeyClosed    string
	KeyClosedBar string // the short form, for the help line
	KeyOpenBar   string
	KeyReviewBar string
	KeyOpenCases string
	KeyReview    string
	KeyList      string
	KeyClear     string
	KeyClearAll  string
	KeyType      string
	KeyTypeDesc  string
	KeyChange    string
	KeyApply     string
	KeyCancel    string
}

var queueVI = QueueWords{
	Title:          "Vụ việc đang giải quyết",
	TitleClosed:    "Vụ việc đã kết thúc",
	TitleReview:    "Rà soát vụ việc tồn đọng",
	Count:          "%d vụ việc",
	CountOf:        "%d/%d vụ việc",
	OverdueN:       "⚠ %d quá hạn",
	DueSoonN:       "! %d sắp đến hạn",
	Search:         "Tìm",
	SearchHint:     "gõ số, tên, nơi làm việc hay nội dung (không cần dấu); Enter mở vụ việc",
	Empty:          "Không có vụ việc nào đang giải quyết.",
	EmptyClosed:    "Chưa có vụ việc nào kết thúc.",
	NoMatch:        "Không có vụ việc nào khớp. Esc xóa ô tìm, Ctrl+X bỏ lọc.",
	Masked:         "(bảo mật)",
	Loading:        "Đang đọc danh sách vụ việc…",
	Newest:         "%d vụ việc mới nhất · đang đọc các vụ việc cũ hơn…",
	PreviewSender:  "Người gửi",
	PreviewContent: "Nội dung",
	PreviewDue:     "Hạn",
	PreviewHandler: "Cán bộ xử lý",
	Unassigned:     "—",
	NoDeadline:     "không có hạn",

	ColNo:       "Số",
	ColSender:   "Người gửi",
	ColKind:     "Loại",
	ColField:    "Lĩnh vực",
	ColHandler:  "Cán bộ",
	ColDue:      "Hạn",
	ColLeft:     "Còn",
	ColSite:     "Đơn vị",
	ColStatus:   "Trạng thái",
	ColClosed:   "Kết thúc",
	ColResult:   "Kết quả",
	ColEmployer: "Nơi làm việc",
	ColTimely:   "Thời hạn",

	LeftDays:        "còn %d ngày",
	LeftWorking:     "còn %d ngày LV",
	OverdueDays:     "quá hạn %d ngày",
	OverdueWorking:  "quá hạn %d ngày LV",
	DueToday:        "hạn hôm nay",
	Stopped:         "tạm dừng",
	ClosedOnTime:    "đúng hạn",
	ClosedLate:      "trễ %d ngày",
	ClosedLateWork:  "trễ %d ngày LV",
	OverdueSign:     "⚠",
	DueSoonSign:     "!",
	StoppedSign:     "‖",
	FiltersLine:     "Lọc: ",
	FiltersNone:     "không lọc",
	FilterEditHint:  "Ctrl+L sửa · Ctrl+X bỏ lọc",
	FilterTitle:     "Lọc vụ việc",
	FilterHint:      "↑↓ chọn dòng · ←→ đổi · Enter áp dụng · Ctrl+X bỏ hết · Esc thôi",
	FilterAll:       "Tất cả",
	FilterMine:      "Của tôi",
	FilterNoHandler: "Chưa phân công",
	FilterStatus:    "Trạng thái",
	FilterKind:      "Loại đơn",
	FilterField:     "Lĩnh vực",
	FilterEmployer:  "Nơi làm việc",
	FilterHandler:   "Cán bộ xử lý",
	FilterSite:      "Đơn vị",
	FilterFrom:      "Nhận đơn từ ngày",
	FilterTo:        "đến ngày",
	FilterDateHint:  "ngày/tháng/năm, để trống nếu không lọc",
	FilterBadRange:  "Ngày bắt đầu sau ngày kết thúc",
	FilterSaved:     "Đã áp dụng bộ lọc",
	FilterCleared:   "Đã bỏ lọc",
	FilterReceived:  "nhận %s–%s",

	ReviewIntro:     "Đang giải quyết, theo thời gian tồn đọng (từ ngày nhận đơn) và trạng thái:",
	ReviewAge:       "Thời gian tồn đọng",
	ReviewTotal:     "Cộng",
	ReviewOverdue:   "Quá hạn",
	ReviewSummary:   "Đã giải quyết: %d · Đang giải quyết: %d · Đã giải quyết nhưng có đơn tiếp: %d",
	ReviewRepeats:   "Tiếp khiếu, tiếp tố: vụ việc đã giải quyết nhưng đơn lại đến",
	ReviewNoRepeats: "Không có vụ việc nào bị khiếu nại, tố cáo tiếp.",
	ReviewHint:      "Enter mở vụ việc để lập kế hoạch xử lý · Ctrl+R hoặc Esc quay lại danh sách",
	ColLater:        "Đơn mới",
	ColRepeat:       "Loại",
	ColPrior:        "Vụ trước",
	ColPriorResult:  "Kết quả trước",
	ColWhy:          "Căn cứ",
	SimilarPct:      "giống %d%%",

	KeyOpen:      "mở vụ việc",
	KeyMove:      "di chuyển",
	KeyFilter:    "lọc",
	KeyClosed:    "vụ đã kết thúc",
	KeyClosedBar: "đã kết thúc",
	KeyOpenBar:   "đang giải quyết",
	KeyReviewBar: "rà soát",
	KeyOpenCases: "vụ đang giải quyết",
	KeyReview:    "rà soát tồn đọng",
	KeyList:      "danh sách",
	KeyClear:     "xóa ô tìm",
	KeyClearAll:  "bỏ lọc",
	KeyType:      "gõ chữ",
	KeyTypeDesc:  "tìm ngay khi gõ",
	KeyChange:    "đổi lựa chọn",
	KeyApply:     "áp dụng",
	KeyCancel:    "thôi",
}

var queueEN = QueueWords{
	Title:          "Cases in progress",
	TitleClosed:    "Closed cases",
	TitleReview:    "Backlog review",
	Count:          "%d cases",
	CountOf:        "%d/%d cases",
	OverdueN:       "⚠ %d overdue",
	DueSoonN:       "! %d due soon",
	Search:         "Find",
	SearchHint:     "type a number, name, employer or content (no accents needed); Enter opens",
	Empty:          "No case is in progress.",
	EmptyClosed:    "No case has been closed yet.",
	NoMatch:        "No case matches. Esc clears the search, Ctrl+X the filters.",
	Masked:         "(confidential)",
	Loading:        "Reading the list of cases…",
	Newest:         "the %d newest cases · reading older ones…",
	PreviewSender:  "Sender",
	PreviewContent: "Content",
	PreviewDue:     "Due",
	PreviewHandler: "Handler",
	Unassigned:     "—",
	NoDeadline:     "no time limit",

	ColNo:       "No.",
	ColSender:   "Sender",
	ColKind:     "Kind",
	ColField:    "Field",
	ColHandler:  "Handler",
	ColDue:      "Due",
	ColLeft:     "Left",
	ColSite:     "Site",
	ColStatus:   "Status",
	ColClosed:   "Closed",
	ColResult:   "Result",
	ColEmployer: "Employer",
	ColTimely:   "Timeliness",

	LeftDays:        "%d days left",
	LeftWorking:     "%d work days left",
	OverdueDays:     "%d days overdue",
	OverdueWorking:  "%d work days late",
	DueToday:        "due today",
	Stopped:         "stopped",
	ClosedOnTime:    "on time",
	ClosedLate:      "%d days late",
	ClosedLateWork:  "%d work days late",
	OverdueSign:     "⚠",
	DueSoonSign:     "!",
	StoppedSign:     "‖",
	FiltersLine:     "Filter: ",
	FiltersNone:     "none",
	FilterEditHint:  "Ctrl+L edit · Ctrl+X clear",
	FilterTitle:     "Filter cases",
	FilterHint:      "↑↓ line · ←→ change · Enter apply · Ctrl+X clear all · Esc cancel",
	FilterAll:       "All",
	FilterMine:      "Mine",
	FilterNoHandler: "Unassigned",
	FilterStatus:    "Status",
	FilterKind:      "Kind",
	FilterField:     "Field",
	FilterEmployer:  "Employer",
	FilterHandler:   "Handler",
	FilterSite:      "Site",
	FilterFrom:      "Received from",
	FilterTo:        "to",
	FilterDateHint:  "day/month/year, empty for no limit",
	FilterBadRange:  "The first day is after the last",
	FilterSaved:     "Filters applied",
	FilterCleared:   "Filters cleared",
	FilterReceived:  "received %s–%s",

	ReviewIntro:     "Cases in progress by age (from the day received) and status:",
	ReviewAge:       "Age",
	ReviewTotal:     "Total",
	ReviewOverdue:   "Overdue",
	ReviewSummary:   "Resolved: %d · In progress: %d · Resolved but brought back: %d",
	ReviewRepeats:   "Repeat complaints and denunciations: resolved, but the petition came back",
	ReviewNoRepeats: "No resolved case has been brought back.",
	ReviewHint:      "Enter opens the case to plan it · Ctrl+R or Esc back to the list",
	ColLater:        "New",
	ColRepeat:       "Kind",
	ColPrior:        "Earlier",
	ColPriorResult:  "Earlier result",
	ColWhy:          "Found by",
	SimilarPct:      "%d%% alike",

	KeyOpen:      "open case",
	KeyMove:      "move",
	KeyFilter:    "filter",
	KeyClosed:    "closed cases",
	KeyClosedBar: "closed",
	KeyOpenBar:   "in progress",
	KeyReviewBar: "review",
	KeyOpenCases: "cases in progress",
	KeyReview:    "backlog review",
	KeyList:      "list",
	KeyClear:     "clear search",
	KeyClearAll:  "clear filters",
	KeyType:      "letters",
	KeyTypeDesc:  "search as you type",
	KeyChange:    "change",
	KeyApply:     "apply",
	KeyCancel:    "cancel",
}
