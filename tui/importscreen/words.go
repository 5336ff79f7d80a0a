package importscreen

import "donthu/model"

// Words are the pages' interface text.
type Words struct {
	ImportTitle, DupTitle                    string
	ImportMenu, DupMenu                      string // short, for a host's list
	PathLabel, PathHint, KindLabel           string
	KindVisits, KindPetitions                string
	Reading, Planning, Applying              string // %d %d for Applying
	ColHeader, ColLetter, ColField, ColEnc   string
	ViewColumns, ViewRows                    string
	ConfirmApply                             string // %d rows
	ConfirmSkip                              string // %d rows in error
	ConfirmKeys                              string
	Applied                                  string // %d rows %d persons %d visits %d petitions %d cases
	NothingNew                               string
	NotLeader                                string
	KeyRead, KeyKind, KeyMove, KeyField      string
	KeyView, KeyApply, KeyConfirm, KeyBack   string
	KeySheet, KeyErrors                      string
	KeyMerge, KeySwap, KeyMerged, KeyUnmerge string
	DoneHint                                 string
	NoDuplicates, NoMerged                   string
	Stays, Goes                              string
	ConfirmMerge                             string // %s goes, %s stays
	ConfirmUnmerge                           string // %s
	Merged                                   string // %s into %s
	Unmerged                                 string // %s
	MergedInto                               string // %s
	OtherValues                              string
	PairsCount                               string // %d
	Finding                                  string
	MergedCount                              string // %d
	Rereading                                string
	History                                  string // %d visits %d petitions
	HistoryLabel, Site                       string
	Before, After                            string
	Why                                      string
	Committing                               string
	KeyApart, ConfirmApart, Apart            string // %s %s for the last two
}

var wordsVI = Words{
	ImportTitle: "Nhập sổ cũ", DupTitle: "Người có thể trùng nhau",
	ImportMenu: "Nhập sổ cũ", DupMenu: "Hồ sơ trùng",
	PathLabel: "Tệp sổ (.xlsx, .xls, .csv):", PathHint: "đường dẫn tệp, ví dụ D:\\so-tiep-2019.xlsx",
	KindLabel: "Loại sổ:", KindVisits: "sổ tiếp (lượt tiếp)", KindPetitions: "sổ theo dõi đơn",
	Reading: "Đang đọc tệp…", Planning: "Đang xem trước…", Applying: "Đang nhập %d/%d dòng…",
	ColLetter: "Cột", ColHeader: "Tiêu đề trong sổ", ColField: "Đọc là", ColEnc: "Mã cũ → Unicode",
	ViewColumns: "Các cột", ViewRows: "Từng dòng (chạy thử)",
	ConfirmApply: "Nhập %d dòng vào dữ liệu (mỗi dòng với ngày gốc, cả tệp một lần ghi)?",
	ConfirmSkip:  "%d dòng lỗi sẽ bị bỏ qua.",
	ConfirmKeys:  "C: đồng ý · Esc: thôi",
	Applied:      "Đã nhập %d dòng: %d người mới, %d lượt tiếp, %d đơn, %d vụ việc",
	NothingNew:   "Không có dòng mới để nhập (đã nhập trước đây hoặc đều lỗi)",
	NotLeader:    "Chỉ lãnh đạo hoặc quản trị viên được nhập sổ và gộp hồ sơ",
	KeyRead:      "đọc tệp", KeyKind: "đổi loại sổ", KeyMove: "chọn", KeyField: "đổi cách đọc",
	KeyView: "cột/dòng", KeySheet: "trang khác", KeyErrors: "chỉ dòng lỗi", KeyApply: "nhập", KeyConfirm: "đồng ý", KeyBack: "quay lại",
	KeyMerge: "gộp", KeySwap: "đổi hồ sơ giữ lại", KeyMerged: "hồ sơ đã gộp", KeyUnmerge: "tách ra",
	DoneHint:     "Esc: nhập tệp khác · mục Hồ sơ trùng: xem người có thể trùng",
	NoDuplicates: "Không thấy ai có thể trùng.", NoMerged: "Chưa gộp hồ sơ nào.",
	Stays: "giữ", Goes: "gộp vào",
	ConfirmMerge:   "Gộp hồ sơ %s vào %s? Lượt tiếp, đơn của cả hai hiện dưới một người; giá trị khác nhau được giữ lại.",
	ConfirmUnmerge: "Tách hồ sơ %s ra thành người riêng?",
	Merged:         "Đã gộp %s vào %s",
	Unmerged:       "Đã tách %s",
	MergedInto:     "đã gộp vào %s",
	OtherValues:    "giá trị khác",
	PairsCount:     "%d cặp có thể trùng",
	Finding:        "Đang tìm những người có thể trùng nhau…",
	MergedCount:    "%d hồ sơ đã gộp",
	Rereading:      "đang đọc lại…",
	History:        "%d lượt tiếp, %d đơn",
	HistoryLabel:   "Lịch sử",
	Site:           "Đơn vị",
	Before:         "trước:",
	After:          "sau:",
	Why:            "Có thể trùng vì:",
	Committing:     "Đã đọc hết các dòng; đang ghi vào tệp dữ liệu (một lần cho cả sổ)…",
	KeyApart:       "hai người khác nhau",
	ConfirmApart:   "%s và %s là hai người khác nhau? Cặp này sẽ không được gợi ý nữa (bỏ ghi nhận: donthu persons distinct … --undo).",
	Apart:          "Đã ghi %s và %s là hai người",
}

var wordsEN = Words{
	ImportTitle: "Import an old register", DupTitle: "Persons who may be one",
	ImportMenu: "Import registers", DupMenu: "Duplicates",
	PathLabel: "Register file (.xlsx, .xls, .csv):", PathHint: "file path, e.g. D:\\register-2019.xlsx",
	KindLabel: "Register:", KindVisits: "reception register (visits)", KindPetitions: "petition register",
	Reading: "Reading the file…", Planning: "Preparing the preview…", Applying: "Importing %d/%d rows…",
	ColLetter: "Col", ColHeader: "Header in the register", ColField: "Read as", ColEnc: "Old font → Unicode",
	ViewColumns: "Columns", ViewRows: "Row by row (dry run)",
	ConfirmApply: "Import %d rows (each with its own date, the whole file in one write)?",
	ConfirmSkip:  "%d rows in error will be skipped.",
	ConfirmKeys:  "C: yes · Esc: cancel",
	Applied:      "Imported %d rows: %d new persons, %d visits, %d petitions, %d cases",
	NothingNew:   "No new rows to import (imported before, or all in error)",
	NotLeader:    "Only a leader or an administrator may import registers and merge records",
	KeyRead:      "read the file", KeyKind: "change register kind", KeyMove: "choose", KeyField: "change how the column is read",
	KeyView: "columns / rows", KeySheet: "next sheet", KeyErrors: "errors only", KeyApply: "import", KeyConfirm: "yes", KeyBack: "back",
	KeyMerge: "merge", KeySwap: "swap which record stays", KeyMerged: "merged records", KeyUnmerge: "unmerge",
	DoneHint:     "Esc: import another file · Duplicates: review who may be one",
	NoDuplicates: "No one seems to be entered twice.", NoMerged: "No records merged yet.",
	Stays: "stays", Goes: "goes",
	ConfirmMerge:   "Merge record %s into %s? Visits and petitions of both show under one person; differing values are kept.",
	ConfirmUnmerge: "Make record %s a person of its own again?",
	Merged:         "Merged %s into %s",
	Unmerged:       "Unmerged %s",
	MergedInto:     "merged into %s",
	OtherValues:    "other values",
	PairsCount:     "%d pairs may be one person",
	Finding:        "Looking for persons who may be one…",
	MergedCount:    "%d records merged",
	Rereading:      "reading again…",
	History:        "%d visits, %d petitions",
	HistoryLabel:   "History",
	Site:           "Site",
	Before:         "before:",
	After:          "after:",
	Why:            "May be one because:",
	Committing:     "Every row read; writing the data file (once for the whole register)…",
	KeyApart:       "two people",
	ConfirmApart:   "Are %s and %s two people? The pair will not be suggested again (to take it back: donthu persons distinct … --undo).",
	Apart:          "Recorded %s and %s as two people",
}

// wordsFor returns the words in lang.
func wordsFor(lang model.Lang) *Words {
	if lang == model.EN {
		w := wordsEN
		return &w
	}
	w := wordsVI
	return &w
}
