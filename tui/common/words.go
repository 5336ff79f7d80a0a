package common

import (
	"reflect"

	"donthu/model"
)

// Words is the one catalogue of interface text: Vietnamese is the base,
// English is merged over it. Each screen's words are a struct of their
// own (words_<screen>.go), so screens are written side by side without
// touching one another's text. Domain labels (kinds, statuses, results)
// are not here: they come from model, so a screen and a report agree.
type Words struct {
	Shell     ShellWords
	Reception ReceptionWords
	Classify  ClassifyWords
	Queue     QueueWords
	Followup  FollowupWords
	Sync      SyncWords
	Access    AccessWords
	Settings  SettingsWords
	Reports   ReportsWords
	Desk      DeskWords
}

// WordsFor returns the catalogue in lang.
func WordsFor(lang model.Lang) *Words {
	w := Words{Shell: shellVI, Reception: receptionVI, Classify: classifyVI, Queue: queueVI, Followup: followupVI, Sync: syncVI, Access: accessVI, Settings: settingsVI, Reports: reportsVI, Desk: deskVI}
	if lang == model.EN {
		en := Words{Shell: shellEN, Reception: receptionEN, Classify: classifyEN, Queue: queueEN, Followup: followupEN, Sync: syncEN, Access: accessEN, Settings: settingsEN, Reports: reportsEN, Desk: deskEN}
		merge(reflect.ValueOf(&w).Elem(), reflect.ValueOf(en))
	}
	return &w
}

// merge copies every non-empty string of over onto base.
func merge(base, over reflect.Value) {
	switch base.Kind() {
	case reflect.Struct:
		for i := 0; i < base.NumField(); i++ {
			merge(base.Field(i), over.Field(i))
		}
	case reflect.String:
		if over.String() != "" {
			base.SetString(over.String())
		}
	case reflect.Slice:
		if over.Len() > 0 {
			base.Set(over)
		}
	}
}

// ShellWords are the words of the root: tabs, status line, sign-in,
// first-run set-up, help, quitting.
type ShellWords struct {
	AppName         string
	TabReception    string
	TabClassify     string
	TabQueue        string
	TabFollowup     string
	TabSync         string
	TabReports      string
	TooSmall        string // %d %d: the size now
	Overdue         string // %d
	NoOverdue       string
	CopyWaiting     string // %s the parent: a restored copy saves nothing until it answers
	HelpTitle       string
	HelpGlobal      string
	KeyHelp         string
	KeyQuit         string
	KeyNextTab      string
	KeyTabs         string
	KeyInputMode    string
	KeyToneStyle    string
	InputOff        string
	QuitConfirm     string
	QuitYes         string
	Yes, No         string
	SignInTitle     string
	SignInUser      string
	SignInPassword  string
	SignInHint      string
	SignInBad       string
	SignInWait      string
	SetupTitle      string
	SetupIntro      string
	SetupCode       string
	SetupCodeHint   string
	SetupName       string
	SetupParent     string
	SetupParentHint string
	SetupLogin      string
	SetupFullName   string
	SetupPassword   string
	SetupRepeat     string
	SetupMismatch   string
	SetupHint       string
	SetupDone       string
	Saved           string
	KeyBack         string
	KeyPrev         string
	KeyNext         string
	KeySignIn       string
	KeySetupSave    string
	KeySetupNext    string
	Weekdays        []string // Sunday first
}

var shellVI = ShellWords{
	AppName:         "donthu",
	TabReception:    "Tiếp nhận",
	TabClassify:     "Phân loại đơn",
	TabQueue:        "Vụ việc",
	TabFollowup:     "Theo dõi",
	TabSync:         "Đồng bộ",
	TabReports:      "Báo cáo",
	TooSmall:        "Cửa sổ đang là %d×%d. donthu cần ít nhất 80×24; xin hãy phóng to cửa sổ.",
	Overdue:         "Quá hạn: %d",
	NoOverdue:       "Không có việc quá hạn",
	CopyWaiting:     "Bản sao chờ %s (F6)",
	HelpTitle:       "Trợ giúp",
	HelpGlobal:      "Phím chung",
	KeyHelp:         "trợ giúp",
	KeyQuit:         "thoát",
	KeyNextTab:      "màn hình kế",
	KeyTabs:         "chuyển màn hình",
	KeyInputMode:    "kiểu gõ",
	KeyToneStyle:    "bỏ dấu kiểu cũ/mới",
	InputOff:        "Bộ gõ máy",
	QuitConfirm:     "Còn dữ liệu đang nhập chưa lưu. Vẫn thoát?",
	QuitYes:         "Thoát",
	Yes:             "Có",
	No:              "Không",
	SignInTitle:     "Đăng nhập",
	SignInUser:      "Người dùng",
	SignInPassword:  "Mật khẩu",
	SignInHint:      "↑↓ chọn tên · gõ mật khẩu · Enter đăng nhập · Ctrl+Q thoát",
	SignInBad:       "Sai mật khẩu. Hãy thử lại.",
	SignInWait:      "Đang kiểm tra…",
	SetupTitle:      "Thiết lập đơn vị lần đầu",
	SetupIntro:      "Tệp dữ liệu này chưa có đơn vị. Hãy nhập thông tin đơn vị và người dùng đầu tiên (quản trị).",
	SetupCode:       "Mã đơn vị",
	SetupCodeHint:   "chữ in hoa và số, ví dụ GL07",
	SetupName:       "Tên đơn vị",
	SetupParent:     "Mã đơn vị cấp trên",
	SetupParentHint: "có thể để trống",
	SetupLogin:      "Tên đăng nhập",
	SetupFullName:   "Họ tên người dùng",
	SetupPassword:   "Mật khẩu",
	SetupRepeat:     "Nhập lại mật khẩu",
	SetupMismatch:   "Hai lần nhập mật khẩu không khớp",
	SetupHint:       "Tab/↑↓ chuyển ô · Enter ở ô cuối hoặc Ctrl+S: lưu · Ctrl+Q thoát",
	SetupDone:       "Đã thiết lập đơn vị %s. Hãy đăng nhập.",
	Saved:           "Đã lưu",
	KeyBack:         "quay lại",
	KeyPrev:         "lên",
	KeyNext:         "xuống",
	KeySignIn:       "đăng nhập",
	KeySetupNext:    "ô kế; ở ô cuối: lưu",
	KeySetupSave:    "lưu",
	Weekdays:        []string{"CN", "T2", "T3", "T4", "T5", "T6", "T7"},
}

var shellEN = ShellWords{
	AppName:         "donthu",
	TabReception:    "Reception",
	TabClassify:     "Classify",
	TabQueue:        "Cases",
	TabFollowup:     "Follow-up",
	TabSync:         "Sync",
	TabReports:      "Reports",
	TooSmall:        "The window is %d×%d. donthu needs at least 80×24; please enlarge the window.",
	Overdue:         "Overdue: %d",
	NoOverdue:       "No overdue cases",
	CopyWaiting:     "Copy awaits %s (F6)",
	HelpTitle:       "Help",
	HelpGlobal:      "Everywhere",
	KeyHelp:         "help",
	KeyQuit:         "quit",
	KeyNextTab:      "next screen",
	KeyTabs:         "switch screen",
	KeyInputMode:    "typing mode",
	KeyToneStyle:    "old/new tone placement",
	InputOff:        "System IME",
	QuitConfirm:     "There is unsaved input. Quit anyway?",
	QuitYes:         "Quit",
	Yes:             "Yes",
	No:              "No",
	SignInTitle:     "Sign in",
	SignInUser:      "User",
	SignInPassword:  "Password",
	SignInHint:      "↑↓ pick your name · type the password · Enter signs in · Ctrl+Q quits",
	SignInBad:       "Wrong password. Try again.",
	SignInWait:      "Checking…",
	SetupTitle:      "First-time set-up",
	SetupIntro:      "This data file has no site yet. Enter the site and its first user (an administrator).",
	SetupCode:       "Site code",
	SetupCodeHint:   "capitals and digits, e.g. GL07",
	SetupName:       "Site name",
	SetupParent:     "Parent site code",
	SetupParentHint: "may be left empty",
	SetupLogin:      "Login",
	SetupFullName:   "User's full name",
	SetupPassword:   "Password",
	SetupRepeat:     "Repeat password",
	SetupMismatch:   "The two passwords differ",
	SetupHint:       "Tab/↑↓ move · Enter on the last field or Ctrl+S: save · Ctrl+Q quits",
	SetupDone:       "Site %s is set up. Please sign in.",
	Saved:           "Saved",
	KeyBack:         "back",
	KeyPrev:         "up",
	KeyNext:         "down",
	KeySignIn:       "sign in",
	KeySetupNext:    "next field; on the last one: save",
	KeySetupSave:    "save",
	Weekdays:        []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"},
}
