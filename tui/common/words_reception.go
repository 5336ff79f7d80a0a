package common

// ReceptionWords are the words of the reception screen (Tiếp nhận). Domain
// labels (outcomes, reception types, kinds, sexes) come from model.
type ReceptionWords struct {
	Title         string
	Receiver      string // "Cán bộ tiếp"
	Visitor       string
	Reps          string // the visitor section in a group visit
	SearchHint    string // placeholder of the search field
	Searching     string
	NoMatch       string // %s: the query
	Matches       string // %d found
	MatchesMore   string // more than %d found
	NewPerson     string // the picker's last row: %s is the typed text
	NewPersonHead string
	ColHistory    string
	ShortVisits   string // %d visits
	ShortCases    string // %d open cases
	Visits        string // %d earlier visits
	NoVisits      string
	OpenCases     string // %d open cases
	LastVisit     string // %s date, %s content
	CameToSites   string // %s: site codes, for a person seen at other sites
	MergedValues  string // %s: values kept from records merged into this one
	CaseLine      string // %s number, %s kind, %s status
	Secret        string // a confidential record shown to someone who may not see it
	Name          string
	IDKind        string
	IDCCCD        string
	IDCMND        string
	IDPassport    string
	IDCert        string
	IDNumber      string
	BirthYear     string
	Sex           string
	Phone         string
	Address       string
	Employer      string
	Member        string
	FromCCCD      string // %s what was filled in from the CCCD number
	FromCCCDYear  string // %d
	FromCCCDSex   string // %s
	Group         string
	HeadCount     string
	GroupEmployer string
	Content       string
	ContentHint   string
	Docs          string
	DocsHint      string
	DocCount      string
	Outcome       string
	Reception     string
	Petition      string
	PetitionYes   string
	Kind          string
	KindLater     string
	LetterDate    string
	DateHint      string
	Confidential  string
	Delegated     string
	DelegatedDesc string
	ConfAuto      string // auto-on for a denunciation
	ConfLocked    string // a denunciation cannot be made non-confidential
	More          string // %d lines below
	MoreAbove     string

	// Validation made by the screen (the model's messages are used where it has them).
	ErrCount        string
	ErrDocsName     string
	ErrHeadCount    string
	ErrNoVisitor    string
	ErrOutcome      string
	ErrContent      string
	ErrFix          string // %d fields to fix
	WarnReps        string // %d head count, %d most reps
	WarnNoReps      string
	WarnGroupSmall  string
	WarnDuplicate   string // %s: name of the existing person with the same number
	KeyUseFound     string
	KeyVisits       string // Ctrl+G: the visits saved lately
	KeyVisitCorrect string // Enter in that list
	VisitsTitle     string // %d days, %d visits
	VisitsSearch    string
	VisitsHint      string
	VisitsNone      string
	NoneFound       string
	ErrMaxReps      string
	GroupMore       string // the search's hint while a group's representatives are picked
	ErrNoPersonHere string
	ErrKindOther    string

	Saved         string // %s visit number
	SavedPetition string // %s petition number
	NoReceipt     string
	ReceiptNone   string
	ReceiptDone   string // %s where
	SheetsOffer   string // %s sheet titles

	KeyNext      string
	KeyPrev      string
	KeyPick      string
	KeySave      string
	KeyNewPerson string
	KeyRemove    string
	KeyReceipt   string
	KeyToggle    string
	KeyBack      string
	KeyChoose    string
}

var receptionVI = ReceptionWords{
	Title:         "Lượt tiếp mới",
	Receiver:      "Cán bộ tiếp",
	Visitor:       "Người đến",
	Reps:          "Người đại diện",
	SearchHint:    "gõ tên (không dấu cũng được), số căn cước hoặc điện thoại",
	Searching:     "Đang tìm…",
	NoMatch:       "Không có ai khớp «%s».",
	Matches:       "%d người khớp",
	MatchesMore:   "hơn %d người khớp: gõ thêm để thu hẹp",
	NewPerson:     "+ Người mới: %s (Enter hoặc Ctrl+N)",
	NewPersonHead: "Người mới (chưa có trong dữ liệu)",
	ColHistory:    "Đã đến",
	ShortVisits:   "%d lượt",
	ShortCases:    "%d vụ mở",
	Visits:        "%d lượt tiếp trước",
	NoVisits:      "lần đầu đến",
	OpenCases:     "%d vụ việc đang mở",
	LastVisit:     "Lần gần nhất %s: %s",
	CameToSites:   "đã đến: %s",
	MergedValues:  "hồ sơ gộp còn ghi: %s",
	CaseLine:      "Vụ việc %s · %s · %s",
	Secret:        "(bảo mật)",
	Name:          "Họ tên",
	IDKind:        "Giấy tờ",
	IDCCCD:        "Căn cước",
	IDCMND:        "CMND",
	IDPassport:    "Hộ chiếu",
	IDCert:        "Giấy CN căn cước",
	IDNumber:      "Số giấy tờ",
	BirthYear:     "Năm sinh",
	Sex:           "Giới tính",
	Phone:         "Điện thoại",
	Address:       "Địa chỉ",
	Employer:      "Nơi làm việc",
	Member:        "Đoàn viên",
	FromCCCD:      "%s: lấy từ số căn cước",
	FromCCCDYear:  "năm sinh %d",
	FromCCCDSex:   "giới tính %s",
	Group:         "Đoàn đông người",
	HeadCount:     "Số người",
	GroupEmployer: "Đơn vị",
	Content:       "Nội dung",
	ContentHint:   "người đến trình bày việc gì",
	Docs:          "Tài liệu nhận",
	DocsHint:      "ví dụ: đơn, bảng lương",
	DocCount:      "Số tờ",
	Outcome:       "Kết quả",
	Reception:     "Hình thức",
	Petition:      "Đăng ký đơn",
	PetitionYes:   "vào sổ đơn, chuyển sang Phân loại đơn",
	Kind:          "Loại đơn",
	KindLater:     "Để phân loại sau",
	LetterDate:    "Ngày ghi trên đơn",
	DateHint:      "dd/mm/yyyy",
	Confidential:  "Bảo mật người gửi",
	Delegated:     "Ủy quyền tiếp",
	DelegatedDesc: "người được thủ trưởng ủy quyền tiếp, không phải thủ trưởng",
	ConfAuto:      "tự bật với đơn tố cáo (Luật Tố cáo Điều 47, 56)",
	ConfLocked:    "Đơn tố cáo luôn được giữ bí mật người tố cáo (Luật Tố cáo Điều 47, 56).",
	More:          "↓ còn %d dòng (Tab để xuống)",
	MoreAbove:     "↑ còn ở trên",

	ErrCount:        "Số tờ phải là số từ 1 đến 999",
	ErrDocsName:     "Ghi tên tài liệu đã nhận",
	ErrHeadCount:    "Đoàn đông người cần ghi số người (từ 2 trở lên)",
	ErrNoVisitor:    "Chưa chọn hoặc nhập người đến",
	ErrOutcome:      "Chọn kết quả tiếp",
	ErrContent:      "Cần ghi nội dung",
	ErrFix:          "Chưa lưu: còn %d ô cần sửa (đánh dấu ✗).",
	WarnReps:        "Đoàn %d người cử tối đa %d người đại diện (Luật Tiếp công dân Điều 29)",
	WarnNoReps:      "Chưa ghi người đại diện của đoàn (Luật Tiếp công dân Điều 29)",
	WarnGroupSmall:  "Đoàn đông người thường từ 5 người trở lên (Luật Tiếp công dân Điều 29)",
	WarnDuplicate:   "Số này đã có trong dữ liệu: %s. Nếu là cùng người, bấm Ctrl+Y để dùng người đó.",
	KeyUseFound:     "dùng người đã có cùng số giấy tờ",
	KeyVisits:       "lượt tiếp đã lưu (để sửa)",
	KeyVisitCorrect: "sửa lượt tiếp này",
	VisitsTitle:     "Lượt tiếp đã lưu trong %d ngày qua · %d lượt",
	VisitsSearch:    "Tìm",
	VisitsHint:      "số, tên, đơn vị hoặc nội dung (không dấu cũng được)",
	VisitsNone:      "Không có lượt tiếp nào khớp.",
	NoneFound:       "Không có người nào trong dữ liệu trùng số giấy tờ với người mới này.",
	ErrMaxReps:      "Đoàn đông người cử tối đa 5 người đại diện.",
	GroupMore:       "Đoàn: gõ tên người đại diện tiếp theo, hoặc Enter ở ô trống để sang Số người.",
	ErrNoPersonHere: "Hãy đưa con trỏ tới người cần bỏ trước.",
	ErrKindOther:    "Chọn loại giấy tờ",

	Saved:         "Đã lưu lượt tiếp %s",
	SavedPetition: "đơn %s đã chuyển sang Phân loại đơn",
	NoReceipt:     "In giấy biên nhận: chưa có mẫu giấy biên nhận",
	ReceiptNone:   "Chưa có lượt tiếp nào vừa lưu để in giấy biên nhận",
	ReceiptDone:   "Đã in giấy biên nhận: %s",
	SheetsOffer:   "F9 in giấy biên nhận kèm tờ %s",

	KeyNext:      "ô kế",
	KeyPrev:      "ô trước",
	KeyPick:      "chọn",
	KeySave:      "lưu",
	KeyNewPerson: "người mới",
	KeyRemove:    "bỏ người này",
	KeyReceipt:   "in biên nhận",
	KeyToggle:    "bật/tắt",
	KeyBack:      "quay lại",
	KeyChoose:    "chọn mục (hoặc gõ phím trong [ ])",
}

var receptionEN = ReceptionWords{
	Title:         "New visit",
	Receiver:      "Received by",
	Visitor:       "Visitor",
	Reps:          "Representatives",
	SearchHint:    "type a name (no diacritics needed), an ID or a phone number",
	Searching:     "Searching…",
	NoMatch:       "Nobody matches «%s».",
	Matches:       "matches: %d",
	MatchesMore:   "more than %d match: type more to narrow",
	NewPerson:     "+ New person: %s (Enter or Ctrl+N)",
	NewPersonHead: "New person (not yet on file)",
	ColHistory:    "History",
	ShortVisits:   "visits: %d",
	ShortCases:    "open: %d",
	Visits:        "earlier visits: %d",
	NoVisits:      "first visit",
	OpenCases:     "open cases: %d",
	LastVisit:     "Last on %s: %s",
	CameToSites:   "came to: %s",
	MergedValues:  "merged records also say: %s",
	CaseLine:      "Case %s · %s · %s",
	Secret:        "(confidential)",
	Name:          "Full name",
	IDKind:        "Document",
	IDCCCD:        "ID card",
	IDCMND:        "Old ID (CMND)",
	IDPassport:    "Passport",
	IDCert:        "ID certificate",
	IDNumber:      "Number",
	BirthYear:     "Born",
	Sex:           "Sex",
	Phone:         "Phone",
	Address:       "Address",
	Employer:      "Employer",
	Member:        "Member",
	FromCCCD:      "%s: read from the ID card number",
	FromCCCDYear:  "born %d",
	FromCCCDSex:   "sex %s",
	Group:         "Group visit",
	HeadCount:     "People",
	GroupEmployer: "Employer",
	Content:       "Content",
	ContentHint:   "what the visitor came about",
	Docs:          "Documents",
	DocsHint:      "e.g. letter, payslips",
	DocCount:      "Sheets",
	Outcome:       "Outcome",
	Reception:     "Type",
	Petition:      "Register",
	PetitionYes:   "log the petition, send it to Classify",
	Kind:          "Kind",
	KindLater:     "Classify later",
	LetterDate:    "Letter dated",
	DateHint:      "dd/mm/yyyy",
	Confidential:  "Confidential",
	Delegated:     "Delegated",
	DelegatedDesc: "held by someone the head delegated, not the head",
	ConfAuto:      "on for a denunciation (Law on Denunciations Art. 47, 56)",
	ConfLocked:    "A denouncer's identity is always kept confidential (Law on Denunciations Art. 47, 56).",
	More:          "↓ %d more below (Tab goes down)",
	MoreAbove:     "↑ more above",

	ErrCount:        "The number of sheets must be 1 to 999",
	ErrDocsName:     "Name the documents received",
	ErrHeadCount:    "A group visit needs a head count of 2 or more",
	ErrNoVisitor:    "Pick or enter the visitor",
	ErrOutcome:      "Choose the outcome",
	ErrContent:      "Enter what the visit was about",
	ErrFix:          "Not saved: %d fields to fix (marked ✗).",
	WarnReps:        "A group of %d elects at most %d representatives (Law on Citizen Reception Art. 29)",
	WarnNoReps:      "No representative of the group entered (Law on Citizen Reception Art. 29)",
	WarnGroupSmall:  "A group delegation usually has 5 people or more (Law on Citizen Reception Art. 29)",
	WarnDuplicate:   "This number is already on file: %s. If it is the same person, press Ctrl+Y to use them.",
	KeyUseFound:     "use the person on file with that number",
	KeyVisits:       "visits saved (to correct one)",
	KeyVisitCorrect: "correct this visit",
	VisitsTitle:     "Visits saved in the last %d days · %d",
	VisitsSearch:    "Find",
	VisitsHint:      "number, name, employer or content (no diacritics needed)",
	VisitsNone:      "No visit matches.",
	NoneFound:       "Nobody on file has the ID number of this new person.",
	ErrMaxReps:      "A group elects at most 5 representatives.",
	GroupMore:       "Group: type the next representative's name, or Enter on the empty search to go to the head count.",
	ErrNoPersonHere: "Move the cursor to the person to remove first.",
	ErrKindOther:    "Choose the kind of document",

	Saved:         "Saved visit %s",
	SavedPetition: "petition %s sent to Classify",
	NoReceipt:     "Print receipt: no receipt template yet",
	ReceiptNone:   "No visit saved just now to print a receipt for",
	ReceiptDone:   "Receipt printed: %s",
	SheetsOffer:   "F9 prints the receipt with the sheet %s",

	KeyNext:      "next field",
	KeyPrev:      "previous field",
	KeyPick:      "pick",
	KeySave:      "save",
	KeyNewPerson: "new person",
	KeyRemove:    "remove person",
	KeyReceipt:   "print receipt",
	KeyToggle:    "on/off",
	KeyBack:      "back",
	KeyChoose:    "choose (or type the key in [ ])",
}
