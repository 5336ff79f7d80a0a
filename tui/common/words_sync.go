package common

// SyncWords are the words of the sync screen (Đồng bộ): each peer's last
// exchange, writing a bundle for one of them on a USB stick, importing the
// bundles found in a folder. The reasons a bundle is refused come from
// store, in both languages.
type SyncWords struct {
	// A restored copy waiting for its parent: %s the parent twice; with
	// Lacks, %s the parent, %d the event it lacks up to, %s the parent;
	// CopyHeld: %d sign-ins waiting to enter the log.
	CopyWaiting, CopyLacks, CopyHeld string
	// CopyAside: %d events of a history abandoned by a restore, kept aside.
	CopyAside      string
	Title          string
	ParentIs       string // %s code
	NoParent       string
	ParentUnpinned string // %s: the declared parent, whose card is not pinned
	Folder         string // %s the folder last used
	Loading        string

	// No peer yet.
	NoPeers     string
	NoPeersDo   string
	NoPeersHow  []string
	Fingerprint string // %s this site's fingerprint

	// The table.
	ColSite     string
	ColRelation string
	ColSent     string
	ColReceived string
	ColWaiting  string
	ColAge      string
	CellBundle  string // %d number, %s day
	None        string
	NotYet      string
	RefusedSign string // %d refused bundles

	// How old the newest data is.
	AgeNow     string
	AgeMinutes string // %d
	AgeHours   string // %d
	AgeDays    string // %d

	// The pane of the peer under the cursor.
	PeerHead     string // %s code, %s name, %s relation
	PeerFinger   string // %s fingerprint
	Sent         string
	Received     string
	SentLine     string // %d number, %s when, %d events
	ReceivedLine string // %d number, %s when imported, %d events
	NewestData   string
	NewestLine   string // %s age words, %s when the peer made it
	Waiting      string
	WaitingLine  string // %d events, %s peer
	WaitingNone  string // %s peer
	NoBundles    string
	Refused      string
	RefusedLine  string // %s when, %s file
	RefusedMore  string // %d more
	Orphans      string // %d refused bundles whose sender is unknown, %s newest file, %s reason

	// Choosing a folder.
	PickExport    string // %s from, %s to, %d events waiting
	PickImport    string
	PickHint      string
	Remembered    string
	Stick         string // %s the stick (drive or mount)
	StickCreate   string
	Detecting     string
	NoStick       string
	OtherPath     string
	PathHint      string
	PathEmpty     string
	NoFolder      string // %s
	NoFiles       string // %s folder, %s extension
	ReadFolderErr string // %s folder, %s reason

	// Importing.
	ConfirmTitle string // %s folder
	Found        string // %d files
	FromNumber   string // %s site, %d number
	SkipOwn      string // %s to
	SkipOther    string // %s to
	Unnamed      string
	AllAtOnce    string
	ConfirmKeys  string // %d files to import
	NothingToDo  string
	Importing    string // %d at, %d of, %s file
	ImportRead   string // %d at, %d of, %s file, %s events read, %s in all (two lines)
	ImportWrite  string // %d at, %d of, %s file, %s events in all (two lines)
	QuitBusy     string // %s what is being done (the quit question meanwhile)
	Writing      string // %s from, %s to, %s folder

	// What was done.
	Exported      string // %s from, %s to, %d number, %d events, %s path
	ExportedSafe  string // %s to
	ExportedCarry string // %s to
	ResultTitle   string // %s folder
	ResultCounts  string // %d imported, %d already had, %d refused, %d skipped
	Imported      string // %d number, %s from, %s new, %s held
	Quarantined   string // %d
	Conflicts     string // %d
	Warning       string // %s
	AlreadyHad    string // %d number, %s from
	AlreadyHadAny string
	RefusedFile   string // %s reason
	ResultBack    string
	More          string // %d lines below
	MoreFiles     string // %d files not shown

	// Why a key does nothing now.
	NeedPeer   string
	NotPeer    string // %s code
	NeedRole   string
	BusyExport string

	// Keys.
	KeyMove    string
	KeyExport  string
	KeyImport  string
	KeyPick    string
	KeyPath    string
	KeyRescan  string
	KeyConfirm string
	KeyScroll  string
	KeyBack    string
}

var syncVI = SyncWords{
	CopyWaiting:    "Tệp này là bản sao lưu được khôi phục (hoặc được cứu): chưa lưu được gì cho đến khi %s trả lời, để không số nào bị cấp hai lần. Chọn %s, bấm g để ghi gói gửi đi; khi có gói trả lời, bấm n để nhập. Sau đó ghi tiếp bình thường.",
	CopyLacks:      "%s giữ dữ liệu của đơn vị đến sự kiện số %d mà tệp này chưa có: chưa lưu được gì cho đến khi nhận lại. Chọn %s, bấm g để ghi gói gửi đi, rồi n để nhập gói trả lời.",
	CopyHeld:       "%d lần đăng nhập đang chờ ghi vào nhật ký.",
	CopyAside:      "%d sự kiện của một lịch sử đã bị bỏ khi khôi phục được giữ riêng, không áp dụng (xem donthu check).",
	Title:          "Đồng bộ",
	ParentIs:       "cấp trên: %s",
	NoParent:       "chưa có cấp trên",
	ParentUnpinned: "cấp trên %s: chưa ghim thẻ khóa",
	Folder:         "thư mục: %s",
	Loading:        "Đang tải…",

	NoPeers:   "Chưa có đơn vị nào.",
	NoPeersDo: "Trao đổi thẻ khóa (việc của quản trị viên): Cài đặt (Alt+7) › Kết nối, khóa",
	NoPeersHow: []string{
		"1. Ở đơn vị này:  donthu keys export -o THẺ  rồi gửi tệp THẺ cho đơn vị kia",
		"   (qua thẻ nhớ hay thư điện tử: thẻ khóa không chứa gì bí mật).",
		"2. Nhận thẻ của đơn vị kia, gọi điện nhờ họ đọc dấu vân tay, so từng chữ số,",
		"   rồi ghim thẻ: Cài đặt (Alt+7) › Kết nối, khóa › n (quản trị viên).",
		"3. Đơn vị kia làm như vậy với thẻ của đơn vị này; rồi mở lại màn hình này.",
	},
	Fingerprint: "Dấu vân tay của đơn vị này: %s",

	ColSite:     "Đơn vị",
	ColRelation: "Quan hệ",
	ColSent:     "Đã gửi",
	ColReceived: "Đã nhận",
	ColWaiting:  "Chờ gửi",
	ColAge:      "Dữ liệu mới nhất",
	CellBundle:  "số %d · %s",
	None:        "—",
	NotYet:      "chưa nhận",
	RefusedSign: "✗%d",

	AgeNow:     "vừa xong",
	AgeMinutes: "%d phút trước",
	AgeHours:   "%d giờ trước",
	AgeDays:    "%d ngày trước",

	PeerHead:     "%s · %s · %s",
	PeerFinger:   "dấu vân tay %s",
	Sent:         "Đã gửi",
	Received:     "Đã nhận",
	SentLine:     "gói số %d · ghi lúc %s · %d sự kiện",
	ReceivedLine: "gói số %d · nhập lúc %s · %d sự kiện",
	NewestData:   "Dữ liệu mới nhất",
	NewestLine:   "%s (gói tạo lúc %s)",
	Waiting:      "Chờ gửi",
	WaitingLine:  "%d sự kiện %s chưa xác nhận đã có: gói tiếp theo sẽ mang",
	WaitingNone:  "không có: %s đã có đủ",
	NoBundles:    "không gửi gói: không phải cấp trên hay cấp dưới của đơn vị này",
	Refused:      "✗ Bị từ chối",
	RefusedLine:  "%s · %s",
	RefusedMore:  "… và %d gói bị từ chối trước đó",
	Orphans:      "✗ %d gói không rõ nơi gửi bị từ chối; gần nhất %s: %s",

	PickExport:    "Ghi gói %s→%s (%d sự kiện chờ gửi) vào thư mục:",
	PickImport:    "Nhập các gói từ thư mục:",
	PickHint:      "Tab: gõ đường dẫn khác · r: tìm lại thẻ nhớ vừa cắm",
	Remembered:    "đã dùng lần trước",
	Stick:         "thẻ nhớ %s",
	StickCreate:   "sẽ tạo thư mục",
	Detecting:     "Đang tìm thẻ nhớ…",
	NoStick:       "Không thấy thẻ nhớ nào. Cắm thẻ nhớ rồi bấm r, hoặc gõ đường dẫn.",
	OtherPath:     "Đường dẫn khác",
	PathHint:      "ví dụ E:\\donthu hoặc /media/lan/USB/donthu",
	PathEmpty:     "Hãy gõ đường dẫn của thư mục",
	NoFolder:      "Không có thư mục %s (thẻ nhớ chưa cắm?)",
	NoFiles:       "Không có tệp gói (%s) nào trong %s",
	ReadFolderErr: "Không đọc được thư mục %s: %s",

	ConfirmTitle: "Nhập gói từ %s",
	Found:        "Tìm thấy %d tệp gói, gói cũ trước:",
	FromNumber:   "từ %s, gói số %d",
	SkipOwn:      "gói của đơn vị này gửi %s: bỏ qua",
	SkipOther:    "gói gửi cho %s, không phải đơn vị này: bỏ qua",
	Unnamed:      "tên tệp không theo mẫu: vẫn thử nhập",
	AllAtOnce:    "Mỗi gói được nhập trọn vẹn hoặc không nhập gì. Gói đã nhập hay cũ hơn không làm thay đổi gì.",
	ConfirmKeys:  "C: nhập %d gói    K hoặc Esc: không (Enter không nhập)",
	NothingToDo:  "Không có gói nào cần nhập ở đây. Esc: quay lại",
	Importing:    "Đang nhập gói %d/%d: %s",
	ImportRead:   "Đang nhập gói %d/%d: %s\nđã đọc %s/%s sự kiện",
	ImportWrite:  "Đang nhập gói %d/%d: %s\nđã đọc đủ %s sự kiện, đang ghi vào tệp…",
	QuitBusy:     "%s. Thoát bây giờ là bỏ dở việc này; tệp dữ liệu vẫn như trước khi bắt đầu. Vẫn thoát?",
	Writing:      "Đang ghi gói %s→%s vào %s…",

	Exported:      "Đã ghi gói %s→%s số %d (%d sự kiện) vào %s",
	ExportedSafe:  "Gói được ký bằng khóa của đơn vị này và mã hóa cho %s: mất thẻ nhớ cũng không lộ dữ liệu.",
	ExportedCarry: "Hãy rút thẻ nhớ an toàn rồi mang đến %s; ở đó mở Đồng bộ (F6), bấm n để nhập gói.",
	ResultTitle:   "Nhập gói từ %s",
	ResultCounts:  "Đã nhập %d · đã có %d · bị từ chối %d · bỏ qua %d",
	Imported:      "đã nhập gói số %d từ %s: %s sự kiện mới, %s đã có",
	Quarantined:   "⚠ %d sự kiện trùng số nhưng khác nội dung đã được cách ly (báo quản trị viên)",
	Conflicts:     "⚠ %d hồ sơ có xung đột cần xem lại",
	Warning:       "⚠ %s",
	AlreadyHad:    "đã có: gói số %d từ %s đã nhập trước đó, không có gì thay đổi",
	AlreadyHadAny: "đã có: gói này đã nhập trước đó, không có gì thay đổi",
	RefusedFile:   "bị từ chối, không nhập gì: %s",
	ResultBack:    "↑↓ cuộn · Enter hoặc Esc: về danh sách",
	More:          "↓ còn %d dòng",
	MoreFiles:     "… và %d tệp nữa",

	NeedPeer:   "Chưa có đơn vị nào để gửi gói: trước hết quản trị viên trao đổi thẻ khóa (Cài đặt, Alt+7 › Kết nối, khóa).",
	NotPeer:    "%s không phải cấp trên hay cấp dưới của đơn vị này: không ghi gói cho đơn vị đó.",
	NeedRole:   "Nhập gói cần cán bộ xử lý, lãnh đạo hoặc quản trị viên.",
	BusyExport: "Đang làm, xin chờ…",

	KeyMove:    "chọn",
	KeyExport:  "ghi gói gửi đi",
	KeyImport:  "nhập gói",
	KeyPick:    "dùng thư mục",
	KeyPath:    "gõ đường dẫn",
	KeyRescan:  "tìm lại thẻ nhớ",
	KeyConfirm: "đồng ý nhập",
	KeyScroll:  "cuộn",
	KeyBack:    "quay lại",
}

var syncEN = SyncWords{
	CopyWaiting:    "This file is a restored backup (or a salvaged file): nothing is saved until %s answers, so that no number is given twice. Select %s, press g to write a bundle to send; when its answer comes, press n to import it. Saving then works again.",
	CopyLacks:      "%s holds this site's data up to event %d, which this file lacks: nothing is saved until it comes back. Select %s, press g to write a bundle to send, then n to import the answer.",
	CopyHeld:       "%d sign-ins wait to enter the log.",
	CopyAside:      "%d events of a history abandoned by a restore are kept aside, not applied (see donthu check).",
	Title:          "Sync",
	ParentIs:       "parent: %s",
	NoParent:       "no parent",
	ParentUnpinned: "parent %s: key card not pinned",
	Folder:         "folder: %s",
	Loading:        "Loading…",

	NoPeers:   "No site yet.",
	NoPeersDo: "Exchange key cards (an administrator's task): Settings (Alt+7) › Peers, keys",
	NoPeersHow: []string{
		"1. Here:  donthu keys export -o CARD  then give the CARD file to the other site",
		"   (by stick or e-mail: a key card holds no secret).",
		"2. Get the other site's card, call them to read its fingerprint, compare every",
		"   digit, then pin it: Settings (Alt+7) › Peers, keys › n (an administrator).",
		"3. The other site does the same with this site's card; then come back here.",
	},
	Fingerprint: "This site's fingerprint: %s",

	ColSite:     "Site",
	ColRelation: "Relation",
	ColSent:     "Sent",
	ColReceived: "Received",
	ColWaiting:  "Waiting",
	ColAge:      "Newest data",
	CellBundle:  "no. %d · %s",
	None:        "—",
	NotYet:      "none yet",
	RefusedSign: "✗%d",

	AgeNow:     "just now",
	AgeMinutes: "%d minutes ago",
	AgeHours:   "%d hours ago",
	AgeDays:    "%d days ago",

	PeerHead:     "%s · %s · %s",
	PeerFinger:   "fingerprint %s",
	Sent:         "Sent",
	Received:     "Received",
	SentLine:     "bundle %d · written %s · %d event(s)",
	ReceivedLine: "bundle %d · imported %s · %d event(s)",
	NewestData:   "Newest data",
	NewestLine:   "%s (bundle made %s)",
	Waiting:      "Waiting",
	WaitingLine:  "%d event(s) %s has not acknowledged: in the next bundle",
	WaitingNone:  "nothing: %s has it all",
	NoBundles:    "no bundles: neither this site's parent nor one of its children",
	Refused:      "✗ Refused",
	RefusedLine:  "%s · %s",
	RefusedMore:  "… and %d refused before",
	Orphans:      "✗ %d bundles from an unknown sender refused; newest %s: %s",

	PickExport:    "Write bundle %s→%s (%d event(s) waiting) to the folder:",
	PickImport:    "Import the bundles in the folder:",
	PickHint:      "Tab: type another path · r: look again for a stick just plugged in",
	Remembered:    "used last time",
	Stick:         "USB stick %s",
	StickCreate:   "folder will be made",
	Detecting:     "Looking for USB sticks…",
	NoStick:       "No USB stick found. Plug one in and press r, or type a path.",
	OtherPath:     "Other path",
	PathHint:      "e.g. E:\\donthu or /media/lan/USB/donthu",
	PathEmpty:     "Type the folder's path",
	NoFolder:      "No folder at %s (is the stick plugged in?)",
	NoFiles:       "No bundle files (%s) in %s",
	ReadFolderErr: "Cannot read the folder %s: %s",

	ConfirmTitle: "Import bundles from %s",
	Found:        "Found %d bundle files, oldest first:",
	FromNumber:   "from %s, bundle %d",
	SkipOwn:      "this site's own bundle for %s: skipped",
	SkipOther:    "a bundle for %s, not for this site: skipped",
	Unnamed:      "file name not in the usual form: will try it",
	AllAtOnce:    "Each bundle goes in whole or not at all. A bundle already imported, or older, changes nothing.",
	ConfirmKeys:  "C: import %d bundles    K or Esc: no (Enter does not import)",
	NothingToDo:  "Nothing here to import. Esc: back",
	Importing:    "Importing bundle %d/%d: %s",
	ImportRead:   "Importing bundle %d/%d: %s\n%s of %s events read",
	ImportWrite:  "Importing bundle %d/%d: %s\nall %s events read, writing the file…",
	QuitBusy:     "%s. Quitting now abandons it; the data file stays as it was before it began. Quit anyway?",
	Writing:      "Writing bundle %s→%s to %s…",

	Exported:      "Wrote bundle %s→%s no. %d (%d event(s)) to %s",
	ExportedSafe:  "The bundle is signed with this site's key and encrypted for %s: a lost stick leaks nothing.",
	ExportedCarry: "Eject the stick safely and take it to %s; there, open Sync (F6) and press n to import.",
	ResultTitle:   "Import from %s",
	ResultCounts:  "Imported %d · already had %d · refused %d · skipped %d",
	Imported:      "imported bundle %d from %s: %s new event(s), %s already held",
	Quarantined:   "⚠ %d event(s) with a known number but other content were quarantined (tell an administrator)",
	Conflicts:     "⚠ %d records carry a conflict to review",
	Warning:       "⚠ %s",
	AlreadyHad:    "already had: bundle %d from %s was imported before, nothing changed",
	AlreadyHadAny: "already had: this bundle was imported before, nothing changed",
	RefusedFile:   "refused, nothing imported: %s",
	ResultBack:    "↑↓ scroll · Enter or Esc: back to the list",
	More:          "↓ %d more lines",
	MoreFiles:     "… and %d more files",

	NeedPeer:   "No site to send a bundle to: an administrator first exchanges key cards (Settings, Alt+7 › Peers, keys).",
	NotPeer:    "%s is neither this site's parent nor one of its children: no bundle is written for it.",
	NeedRole:   "Importing bundles needs a handler, a leader or an administrator.",
	BusyExport: "Working, please wait…",

	KeyMove:    "choose",
	KeyExport:  "write a bundle",
	KeyImport:  "import bundles",
	KeyPick:    "use the folder",
	KeyPath:    "type a path",
	KeyRescan:  "look for sticks again",
	KeyConfirm: "import",
	KeyScroll:  "scroll",
	KeyBack:    "back",
}
