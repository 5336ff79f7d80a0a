package model

// The catalogue of the messages that recur across the program: one typed
// constructor each, so a sentence is written once and every screen and
// command says it alike. A message said in one place only stays beside
// its rule (NewMsg); one said in several belongs here.

// ErrUnknown is what a person reads about an error nobody foresaw: its
// detail goes to the message log (Alt+9), never on the screen.
func ErrUnknown() *Msg {
	return &Msg{Kind: KindSystem, Label: Label{
		"Có lỗi; dữ liệu chưa bị thay đổi. Chi tiết ở nhật ký thông báo (Alt+9).",
		"Something went wrong; nothing was changed. The detail is in the message log (Alt+9).",
	}}
}

// ErrSystem names an operating-system error in the person's language; the
// system's own text (English only) stays the cause.
func ErrSystem(cause error) *Msg {
	w := SystemWords(cause)
	return &Msg{Kind: KindSystem, Err: cause, Label: Label{
		"Có lỗi: " + w.VI + ". Dữ liệu chưa bị thay đổi.",
		"Something went wrong: " + w.EN + ". Nothing was changed.",
	}}
}

// ErrCannotUse says a file or folder could not be used, and why in the
// person's words; the system's text stays the cause.
func ErrCannotUse(path string, cause error) *Msg {
	w := SystemWords(cause)
	return &Msg{Kind: KindSystem, Err: cause, Label: Label{
		"Không dùng được " + path + ": " + w.VI + ".",
		"Cannot use " + path + ": " + w.EN + ".",
	}}
}

// ErrCannotWrite says a file could not be written, and the likely causes.
func ErrCannotWrite(path string, cause error) *Msg {
	w := SystemWords(cause)
	return &Msg{Kind: KindSystem, Err: cause, Label: Label{
		"Không ghi được tệp " + path + ": " + w.VI + " (đĩa đầy, không có quyền ghi, hay tệp đang mở?).",
		"Cannot write " + path + ": " + w.EN + " (disk full, no permission, or the file is open?).",
	}}
}

// ErrWriteData says a change to the data file failed and nothing was saved.
func ErrWriteData(cause error) *Msg {
	return &Msg{Kind: KindSystem, Err: cause, Label: Label{
		"Không ghi được vào tệp dữ liệu (đĩa đầy hoặc lỗi đĩa?). Chưa có gì bị thay đổi; hãy kiểm tra rồi lưu lại.",
		"Could not write the data file (disk full or failing?). Nothing was changed; check and save again.",
	}}
}

// ErrDamagedData says records of the data file cannot be read, with the
// way out.
func ErrDamagedData(cause error) *Msg {
	return &Msg{Kind: KindDamaged, Err: cause, Label: Label{
		"Tệp dữ liệu có bản ghi bị hỏng, không đọc được; danh sách có thể thiếu. Hãy đóng donthu và chạy: donthu check (rồi donthu salvage nếu cần).",
		"The data file has damaged records that cannot be read; the list may be incomplete. Close donthu and run: donthu check (then donthu salvage if needed).",
	}}
}

// ErrNoSite says the file holds no site yet.
func ErrNoSite() *Msg {
	return &Msg{Kind: KindRefused, Label: Label{
		"Chưa thiết lập đơn vị. Hãy chạy: donthu init",
		"No site is set up. Run: donthu init",
	}}
}

// ErrRecordNotFound says no record has id.
func ErrRecordNotFound(id string) *Msg {
	return &Msg{Kind: KindNotFound, Label: Label{"Không tìm thấy hồ sơ " + id, "Record not found: " + id}}
}

// ErrNoFolder says a folder is not there.
func ErrNoFolder(path string) *Msg {
	return &Msg{Kind: KindNotFound, Label: Label{"Không có thư mục " + path, "No folder at " + path}}
}

// ErrCannotOpen says a file could not be opened.
func ErrCannotOpen(path string, cause error) *Msg {
	w := SystemWords(cause)
	return &Msg{Kind: KindNotFound, Err: cause, Label: Label{
		"Không mở được tệp " + path + ": " + w.VI + ".",
		"Cannot open the file " + path + ": " + w.EN + ".",
	}}
}

// ErrNothingToChange says a correction changes nothing.
func ErrNothingToChange() *Msg {
	return &Msg{Kind: KindInvalid, Label: Label{"Không có gì để sửa", "Nothing to change"}}
}

// ErrNotPinned says a site's key card is not pinned here.
func ErrNotPinned(code string) *Msg {
	return &Msg{Kind: KindRefused, Label: Label{
		"Chưa ghim thẻ khóa của đơn vị " + code + ". Hãy nhận thẻ khóa và chạy: donthu peer add TỆP",
		"The key card of " + code + " is not pinned. Get its key card and run: donthu peer add FILE",
	}}
}

// ErrSealFailed says a sender's identity could not be sealed.
func ErrSealFailed(cause error) *Msg {
	return &Msg{Kind: KindRefused, Err: cause, Label: Label{
		"Không niêm phong được danh tính người gửi; chưa lưu gì. Hãy đăng nhập lại rồi thử lại.",
		"Cannot seal the sender's identity; nothing was saved. Sign in again and retry.",
	}}
}

// ErrNeeded says a required input is empty.
func ErrNeeded(field string, what Label) *Msg {
	return &Msg{Kind: KindInvalid, Field: field, Label: Label{"Cần ghi " + what.VI, "The " + what.EN + " is needed"}}
}
