package common

// AccessWords are the words of signing out, locking and switching user.
type AccessWords struct {
	KeyLock      string
	KeySignOut   string
	LockedTitle  string // %s: who locked it
	LockedHint   string
	SignedOut    string // %s: who signed out
	SignOutDirty string
	Unlocked     string
	Switched     string // %s: the new user
	IdleLocked   string
	Restored     string // %s the backup, %s the file kept aside
}

var accessVI = AccessWords{
	KeyLock:      "khóa màn hình",
	KeySignOut:   "đăng xuất",
	LockedTitle:  "Màn hình đã khóa · %s",
	LockedHint:   "Gõ mật khẩu để mở lại (những gì đang nhập vẫn giữ nguyên) · ↑↓ chọn người khác để đổi người dùng · Ctrl+Q thoát",
	SignedOut:    "%s đã đăng xuất",
	SignOutDirty: "Còn nội dung chưa lưu: hãy lưu, hoặc khóa màn hình (F12) để giữ lại",
	Unlocked:     "Đã mở khóa",
	Switched:     "Đã đổi sang người dùng %s",
	IdleLocked:   "Đã tự khóa vì lâu không dùng",
	Restored:     "Đã khôi phục từ %s (tệp cũ giữ ở %s). Hãy đăng nhập lại.",
}

var accessEN = AccessWords{
	KeyLock:      "lock the screen",
	KeySignOut:   "sign out",
	LockedTitle:  "Screen locked · %s",
	LockedHint:   "Type the password to unlock (what was being typed is kept) · ↑↓ pick someone else to switch user · Ctrl+Q quits",
	SignedOut:    "%s signed out",
	SignOutDirty: "Unsaved input: save it, or lock the screen (F12) to keep it",
	Unlocked:     "Unlocked",
	Switched:     "Switched to %s",
	IdleLocked:   "Locked after a while without keys",
	Restored:     "Restored from %s (the old file is kept as %s). Please sign in again.",
}
