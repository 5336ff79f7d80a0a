package common

// SettingsWords are the words of the settings screen (Cài đặt).
type SettingsWords struct {
	Tab, Title       string
	KeySection       string
	KeyNew, KeyReset string
	KeyRoles         string
	KeyActive        string
	KeySave, KeyBack string
	KeyFilter        string
	KeyOpen          string
	KeySections      string
	MenuHint         string

	Users, MyPassword, Site, Audit, Backups string

	Login, Name, Roles, State, Active, Inactive string
	Password, Repeat, OldPassword               string
	RolesHint                                   string
	NewUser                                     string // title of the form
	ResetFor, RolesFor                          string // %s: login
	ConfirmOff, ConfirmOn                       string // %s: name; asked on the confirm page
	YesOff, YesOn, YesPin, YesRestore           string // what C does on those confirm pages
	Mismatch                                    string
	UserAdded, UserChanged, PasswordSet         string // %s: login
	MyPasswordDone                              string
	IdleLock, IdleHint, IdleSaved               string
	SiteCode, SiteName, SiteParent, OtherPlaces string
	When, Who, What, Record, Chain              string
	ChainOK, ChainBroken                        string // %s site, %d events / seqs
	AuditEmpty, AuditFilter                     string
	BackupsNone, BackupsDir, RestoreHow         string
	NotAllowed                                  string

	Calendar, Day, Kind, DayName, AddDay string
	KeyAddDay, KeyRemoveDay, KeyYear     string
	KindHint, DayHint                    string
	DayAdded, DayRemoved                 string // %s: the date

	Peers, Relation, Fingerprint, NoPeers string
	KeyPin, PinTitle, CardFile, IsChild   string
	PinHint                               string
	PinConfirm                            string // %s: the site
	Pinned                                string // %s: the site
	// Writing this site's own key card (w).
	KeyWriteCard, WriteCardTitle  string // title %s: the site
	WriteCardHint, CardPathNeeded string
	CardExists, YesOverwrite      string // %s: the file
	CardWritten                   string // %s the site, %s the file
	ReadFingerprint               string

	SiteAddress, ValidFrom, ValidTo, Successor string
	DateHint, SiteSaved                        string

	Language, LanguageHint, LanguageSaved string
	DueSoon                               string
	KeyRestore, RestoreConfirm            string
	KeyAuditExport                        string
	AuditExported, AuditExportFailed      string // %s: the file (and the error)
}

var settingsVI = SettingsWords{
	Tab: "Cài đặt", Title: "Cài đặt",
	KeySection: "mục", KeyNew: "thêm người dùng", KeyReset: "đặt lại mật khẩu", KeyRoles: "vai trò",
	KeyActive: "ngừng/dùng lại", KeySave: "lưu", KeyBack: "quay lại", KeyFilter: "lọc",
	KeyOpen: "mở mục", KeySections: "về danh sách mục", MenuHint: "↑↓ chọn mục · Enter mở · Esc trong một mục: quay về đây",
	Users: "Người dùng", MyPassword: "Mật khẩu của tôi", Site: "Đơn vị", Audit: "Nhật ký truy cập", Backups: "Sao lưu",
	Login: "Tên đăng nhập", Name: "Họ tên", Roles: "Vai trò", State: "Trạng thái", Active: "đang dùng", Inactive: "đã ngừng",
	Password: "Mật khẩu", Repeat: "Nhập lại", OldPassword: "Mật khẩu hiện tại",
	RolesHint:  "Ở dòng Vai trò, bấm 1–4 để bật/tắt",
	NewUser:    "Thêm người dùng",
	ResetFor:   "Đặt lại mật khẩu của %s",
	RolesFor:   "Vai trò của %s",
	ConfirmOff: "Ngừng tài khoản của %s?",
	ConfirmOn:  "Cho %s dùng lại?",
	YesOff:     "ngừng", YesOn: "cho dùng lại", YesPin: "ghim", YesRestore: "khôi phục",
	Mismatch:  "Hai lần nhập mật khẩu không khớp",
	UserAdded: "Đã thêm người dùng %s", UserChanged: "Đã cập nhật người dùng %s", PasswordSet: "Đã đặt lại mật khẩu của %s",
	MyPasswordDone: "Đã đổi mật khẩu",
	IdleLock:       "Tự khóa sau (phút)", IdleHint: "0 = không tự khóa; mặc định 10", IdleSaved: "Đã lưu thời gian tự khóa",
	SiteCode: "Mã đơn vị", SiteName: "Tên đơn vị", SiteParent: "Cấp trên",
	OtherPlaces: "Sổ, lịch, khóa: các mục Lịch làm việc, Kết nối, khóa; gói dữ liệu: F6 Đồng bộ",
	When:        "Lúc", Who: "Người", What: "Việc", Record: "Hồ sơ", Chain: "Chuỗi",
	ChainOK: "%s: %d sự kiện, chuỗi băm khớp", ChainBroken: "%s: chuỗi băm ĐỨT ở %v",
	AuditEmpty: "Không có sự kiện nào khớp", AuditFilter: "Lọc (người, việc)",
	BackupsNone: "Chưa có bản sao lưu tự động", BackupsDir: "Thư mục: %s",
	RestoreHow: "r: khôi phục bản đã chọn (tệp hiện tại được giữ lại) · hoặc: donthu restore TỆP --user QUẢN_TRỊ",
	NotAllowed: "Vai trò của bạn không được xem mục này",
	Calendar:   "Lịch làm việc", Day: "Ngày", Kind: "Loại ngày", DayName: "Tên, căn cứ", AddDay: "Thêm ngày nghỉ hoặc ngày làm bù",
	KeyAddDay: "thêm ngày", KeyRemoveDay: "bỏ ngày của đơn vị", KeyYear: "năm",
	KindHint: "Loại ngày: gõ 1, 2, 3 hoặc 4",
	DayHint:  "Ngày: dd/mm/yyyy · Tên: ví dụ Nghỉ bù Quốc khánh (Thông báo của Bộ Nội vụ)",
	DayAdded: "Đã ghi ngày %s", DayRemoved: "Đã bỏ ngày %s",
	Peers: "Kết nối, khóa", Relation: "Quan hệ", Fingerprint: "Dấu vân tay", NoPeers: "Chưa ghim thẻ khóa của đơn vị nào",
	KeyPin: "ghim thẻ khóa", PinTitle: "Ghim thẻ khóa của một đơn vị", CardFile: "Tệp thẻ khóa", IsChild: "Là cấp dưới? (c/k)",
	PinHint:         "Tệp thẻ khóa: đường dẫn trên USB, ví dụ E:\\donthu-key-HN01.json (đơn vị đó ghi ra bằng phím w ở mục này, hoặc donthu keys export)",
	PinConfirm:      "Hãy gọi điện cho %s, nhờ họ đọc dấu vân tay. Khớp từng chữ số?",
	Pinned:          "Đã ghim thẻ khóa của %s",
	KeyWriteCard:    "ghi thẻ khóa của đơn vị",
	WriteCardTitle:  "Ghi thẻ khóa của đơn vị %s",
	WriteCardHint:   "Tệp thẻ khóa: đường dẫn, ví dụ trên USB (E:\\). Thẻ chỉ có khóa công khai: mang đến đơn vị kia để họ ghim (Kết nối, khóa › n).",
	CardPathNeeded:  "Cần đường dẫn tệp thẻ khóa",
	CardExists:      "Đã có tệp %s. Ghi thẻ khóa của đơn vị này đè lên tệp đó?",
	YesOverwrite:    "ghi đè",
	CardWritten:     "Đã ghi thẻ khóa của đơn vị %s vào %s",
	ReadFingerprint: "Dấu vân tay (đọc cho đơn vị kia qua điện thoại để đối chiếu):",
	SiteAddress:     "Địa chỉ", ValidFrom: "Thành lập từ", ValidTo: "Giải thể/sáp nhập", Successor: "Đơn vị kế thừa",
	DateHint: "ngày dd/mm/yyyy", SiteSaved: "Đã lưu thông tin đơn vị",
	Language: "Ngôn ngữ", LanguageHint: "Bấm 1 hoặc 2. Áp dụng từ lần đăng nhập sau của bạn (Alt+O rồi đăng nhập lại).",
	LanguageSaved:  "Đã lưu ngôn ngữ; áp dụng từ lần đăng nhập sau",
	DueSoon:        "Sắp đến hạn (ngày)",
	KeyRestore:     "khôi phục bản này",
	RestoreConfirm: "Khôi phục dữ liệu về bản sao lưu lúc %s? Những gì ghi sau đó sẽ không còn trong tệp (tệp hiện tại được giữ riêng).",
	KeyAuditExport: "xuất các dòng đang lọc ra tệp XLSX",
	AuditExported:  "Đã ghi nhật ký vào %s", AuditExportFailed: "Không ghi được %s: %s",
}

var settingsEN = SettingsWords{
	Tab: "Settings", Title: "Settings",
	KeySection: "section", KeyNew: "add a user", KeyReset: "reset password", KeyRoles: "roles",
	KeyActive: "deactivate/reactivate", KeySave: "save", KeyBack: "back", KeyFilter: "filter",
	KeyOpen: "open the section", KeySections: "back to the sections", MenuHint: "↑↓ pick a section · Enter opens it · Esc in a section: back here",
	Users: "Users", MyPassword: "My password", Site: "Site", Audit: "Audit", Backups: "Backups",
	Login: "Login", Name: "Full name", Roles: "Roles", State: "State", Active: "active", Inactive: "deactivated",
	Password: "Password", Repeat: "Repeat", OldPassword: "Current password",
	RolesHint:  "On the Roles line, press 1–4 to toggle",
	NewUser:    "Add a user",
	ResetFor:   "Reset the password of %s",
	RolesFor:   "Roles of %s",
	ConfirmOff: "Deactivate %s?",
	ConfirmOn:  "Reactivate %s?",
	YesOff:     "deactivate", YesOn: "reactivate", YesPin: "pin", YesRestore: "restore",
	Mismatch:  "The two passwords differ",
	UserAdded: "User %s added", UserChanged: "User %s updated", PasswordSet: "Password of %s reset",
	MyPasswordDone: "Password changed",
	IdleLock:       "Lock after (min)", IdleHint: "0 = never; default 10", IdleSaved: "Idle lock saved",
	SiteCode: "Site code", SiteName: "Site name", SiteParent: "Parent",
	OtherPlaces: "Calendar and keys: the sections beside this one; bundles: F6 Sync",
	When:        "When", Who: "Who", What: "What", Record: "Record", Chain: "Chain",
	ChainOK: "%s: %d events, hash chain intact", ChainBroken: "%s: hash chain BROKEN at %v",
	AuditEmpty: "No event matches", AuditFilter: "Filter (who, what)",
	BackupsNone: "No automatic backup yet", BackupsDir: "Folder: %s",
	RestoreHow: "r: restore the chosen one (the current file is kept) · or: donthu restore FILE --user ADMIN",
	NotAllowed: "Your roles do not show this section",
	Calendar:   "Working calendar", Day: "Day", Kind: "Kind of day", DayName: "Name, source", AddDay: "Add a day off or a working day",
	KeyAddDay: "add a day", KeyRemoveDay: "remove the site's day", KeyYear: "year",
	KindHint: "Kind of day: type 1, 2, 3 or 4",
	DayHint:  "Day: dd/mm/yyyy · Name: e.g. National Day in lieu (Ministry notice)",
	DayAdded: "Day %s recorded", DayRemoved: "Day %s removed",
	Peers: "Peers, keys", Relation: "Relation", Fingerprint: "Fingerprint", NoPeers: "No site's key card is pinned yet",
	KeyPin: "pin a key card", PinTitle: "Pin a site's key card", CardFile: "Key card file", IsChild: "A child site? (y/n)",
	PinHint:         "Key card file: its path on the USB stick, e.g. E:\\donthu-key-HN01.json (that site writes it with w in this section, or donthu keys export)",
	PinConfirm:      "Call %s and ask them to read their fingerprint. Does every digit match?",
	Pinned:          "Pinned the key card of %s",
	KeyWriteCard:    "write this site's key card",
	WriteCardTitle:  "Write the key card of site %s",
	WriteCardHint:   "Key card file: a path, e.g. on the USB stick (E:\\). The card holds public keys only: take it to the other site to pin (Peers, keys › n).",
	CardPathNeeded:  "Give the key card file's path",
	CardExists:      "There is a file at %s already. Write this site's key card over it?",
	YesOverwrite:    "overwrite",
	CardWritten:     "Wrote the key card of site %s to %s",
	ReadFingerprint: "Fingerprint (read it to the other site over the phone to compare):",
	SiteAddress:     "Address", ValidFrom: "Exists from", ValidTo: "Dissolved/merged", Successor: "Successor",
	DateHint: "dates dd/mm/yyyy", SiteSaved: "Site details saved",
	Language: "Language", LanguageHint: "Press 1 or 2. It applies from your next sign-in (Alt+O, then sign in again).",
	LanguageSaved:  "Language saved; it applies from your next sign-in",
	DueSoon:        "Due soon (days)",
	KeyRestore:     "restore this one",
	RestoreConfirm: "Restore the data to the backup of %s? What was written since will not be in the file (the current file is kept aside).",
	KeyAuditExport: "export the filtered lines as XLSX",
	AuditExported:  "Audit written to %s", AuditExportFailed: "Cannot write %s: %s",
}
