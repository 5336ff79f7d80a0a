package common

// ReportsWords are the words of the reports screen (Báo cáo). The forms'
// titles and indicators come from model, like every domain label.
type ReportsWords struct {
	Title        string // %s form, %s period, %s unit
	AllUnits     string
	Loading      string
	Official     string // marks a period cut off as TT 01/2024
	Indicator    string
	ThisPeriod   string
	Previous     string
	LastYear     string
	Gone         string // %s successor: a unit dissolved or merged
	Records      string // %d
	NoRecords    string
	DrillTitle   string // %s indicator, %s period, %s unit
	DrillHint    string
	ChartsTitle  string
	ChartsHint   string
	NoData       string
	Exported     string // %s file
	ExportFailed string // %s file, %s reason
	FolderPrompt string
	VerifyPrompt string
	VerifyHint   string
	KeyVerify    string
	FolderHint   string
	NoFolder     string // %s
	FolderSet    string // %s
	NoCase       string
	Sum          string // %s amount: what a record adds to a sum
	Hint         string

	KeyForm, KeyPeriod, KeyKind, KeyOfficial, KeyUnit, KeyColumn string
	KeyDrill, KeyOpen, KeyBack, KeyCharts, KeyChart, KeyExport   string
	KeyRegisters, KeyFolder, KeyMove, KeyRange                   string
	RangePrompt, RangeHint                                       string
	// Đôn đốc from a drill-down: the body a listed petition was forwarded
	// to, or a listed case transferred to.
	KeyUrge, UrgeTitle, UrgeHow, UrgeWhat, UrgeHint, UrgeDone, UrgeWhich string
}

var reportsVI = ReportsWords{
	Title:        "Báo cáo %s · %s · %s",
	AllUnits:     "Toàn bộ đơn vị",
	Loading:      "Đang đọc số liệu…",
	Official:     "kỳ TT 01/2024",
	Indicator:    "Chỉ tiêu",
	ThisPeriod:   "Kỳ này",
	Previous:     "Kỳ trước",
	LastYear:     "Cùng kỳ",
	Gone:         "đã giải thể, sáp nhập vào %s",
	Records:      "%d bản ghi",
	NoRecords:    "Không có bản ghi nào.",
	DrillTitle:   "%s · %s · %s",
	DrillHint:    "Enter: mở vụ việc · f: đôn đốc · b: xem danh tính · Esc: quay lại bảng",
	ChartsTitle:  "Biểu đồ · %s · %s",
	ChartsHint:   "←→ biểu đồ khác · ↑↓ chọn cột · Enter: xem bản ghi · Esc: quay lại",
	NoData:       "Chưa có số liệu trong kỳ.",
	Exported:     "Đã ghi %s",
	ExportFailed: "Không ghi được tệp %s (thư mục có còn không, đĩa đầy, tệp đang mở trong Excel?). Chưa ghi gì. Lý do: %s.",
	FolderPrompt: "Thư mục ghi báo cáo: ",
	VerifyPrompt: "Mã kiểm tra giấy in: ",
	VerifyHint:   "Enter kiểm tra mã in trên giấy · Esc về bảng",
	KeyVerify:    "kiểm tra mã giấy đã in",
	FolderHint:   "Enter: lưu · Esc: thôi",
	NoFolder:     "Không có thư mục %s",
	FolderSet:    "Báo cáo sẽ ghi vào %s",
	NoCase:       "Bản ghi này chưa có vụ việc",
	Sum:          "góp %s",
	Hint:         "1–8 mẫu · ←→ kỳ · t q s c n · o TT01 · u đơn vị · Enter bản ghi · g biểu đồ · e Excel",

	KeyForm:      "mẫu: 1 01/TCD … 8 04/KQGQ",
	KeyPeriod:    "kỳ trước, kỳ sau",
	KeyKind:      "tháng, quý, 6T, 9T, năm",
	KeyOfficial:  "kỳ TT 01/2024 (15 đến 14)",
	KeyUnit:      "từng đơn vị hoặc toàn bộ",
	KeyColumn:    "cột để xem bản ghi",
	KeyDrill:     "các bản ghi của con số",
	KeyOpen:      "mở vụ việc ở Theo dõi",
	KeyBack:      "quay lại",
	KeyCharts:    "biểu đồ, điểm nóng",
	KeyChart:     "biểu đồ khác",
	KeyExport:    "ghi các mẫu ra Excel",
	KeyRegisters: "ghi các sổ của kỳ ra Excel",
	KeyFolder:    "đổi thư mục ghi báo cáo",
	KeyMove:      "chọn chỉ tiêu",
	KeyRange:     "khoảng ngày bất kỳ",
	RangePrompt:  "Từ ngày đến ngày: ",
	RangeHint:    "hai ngày dd/mm/yyyy · Enter: xem · Esc: thôi",
	KeyUrge:      "Đôn đốc nơi nhận đơn",
	UrgeTitle:    "Đôn đốc %s về %s",
	UrgeHow:      "Cách: %s (Tab: cách khác)",
	UrgeWhat:     "Nội dung: ",
	UrgeHint:     "Enter: ghi · Tab: đổi cách · Esc: thôi",
	UrgeDone:     "Đã ghi đôn đốc %s về %s",
	UrgeWhich:    "Chỉ đôn đốc được đơn đã chuyển hoặc vụ việc đã chuyển cho cơ quan khác",
}

var reportsEN = ReportsWords{
	Title:        "Report %s · %s · %s",
	AllUnits:     "All units",
	Loading:      "Reading the figures…",
	Official:     "TT 01/2024 period",
	Indicator:    "Indicator",
	ThisPeriod:   "This",
	Previous:     "Previous",
	LastYear:     "Last year",
	Gone:         "dissolved, merged into %s",
	Records:      "%d records",
	NoRecords:    "No records.",
	DrillTitle:   "%s · %s · %s",
	DrillHint:    "Enter: open the case · f: urge · b: see the identity · Esc: back to the table",
	ChartsTitle:  "Charts · %s · %s",
	ChartsHint:   "←→ another chart · ↑↓ pick a bar · Enter: its records · Esc: back",
	NoData:       "No figures in the period.",
	Exported:     "Wrote %s",
	ExportFailed: "Cannot write %s (is the folder there, the disk full, the file open in Excel?). Nothing was written. Reason: %s.",
	FolderPrompt: "Folder for reports: ",
	VerifyPrompt: "Code of a printed paper: ",
	VerifyHint:   "Enter checks the code printed on the paper · Esc back to the table",
	KeyVerify:    "check a paper's code",
	FolderHint:   "Enter: save · Esc: cancel",
	NoFolder:     "No folder %s",
	FolderSet:    "Reports will be written to %s",
	NoCase:       "This record has no case yet",
	Sum:          "adds %s",
	Hint:         "1–8 form · ←→ period · t q s c n · o TT01 · u unit · Enter records · g charts · e Excel",

	KeyForm:      "form: 1 01/TCD … 8 04/KQGQ",
	KeyPeriod:    "previous, next period",
	KeyKind:      "month, qtr, 6m, 9m, year",
	KeyOfficial:  "TT 01/2024 period (15–14)",
	KeyUnit:      "each unit or all",
	KeyColumn:    "column to list",
	KeyDrill:     "the records behind it",
	KeyOpen:      "open the case in follow-up",
	KeyBack:      "back",
	KeyCharts:    "charts, hot spots",
	KeyChart:     "another chart",
	KeyExport:    "forms to Excel",
	KeyRegisters: "registers to Excel",
	KeyFolder:    "folder for the files",
	KeyMove:      "pick an indicator",
	KeyRange:     "any range of days",
	RangePrompt:  "From, to: ",
	RangeHint:    "two dates dd/mm/yyyy · Enter: show · Esc: cancel",
	KeyUrge:      "Urge where it was sent",
	UrgeTitle:    "Urge %s about %s",
	UrgeHow:      "How: %s (Tab: another way)",
	UrgeWhat:     "What was asked: ",
	UrgeHint:     "Enter: record · Tab: how · Esc: cancel",
	UrgeDone:     "Urged %s about %s",
	UrgeWhich:    "Only a petition forwarded or a case transferred to another body can be urged",
}
