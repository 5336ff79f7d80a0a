package main

import "testing"

// A dissolved unit records its end date and successor; its record (and
// so its old cases, which carry its code) stays.
func TestSiteDissolvedWithSuccessor(t *testing.T) {
	noEnv(t)
	db := initSite(t)
	donthu(t, "matkhau\n", "--db", db, "site", "set", "--valid-from", "01/01/2010", "--valid-to", "30/06/2025", "--successor", "hn01", "--user", "lan").
		want(t, exitOK, "Đã ghi thông tin đơn vị", "01/01/2010 – 30/06/2025", "đơn vị kế thừa: HN01")
	donthu(t, "", "--db", db, "--lang", "en", "site", "show").
		want(t, exitOK, "GL07", "active: 01/01/2010 – 30/06/2025", "successor: HN01")
	donthu(t, "", "--db", db, "site", "set", "--valid-to", "31/02/2025").want(t, exitFail, "31/02/2025 không tồn tại")
	donthu(t, "", "--db", db, "site", "set", "--valid-from", "01/07/2025", "--valid-to", "30/06/2025").want(t, exitFail, "trước ngày bắt đầu")
	donthu(t, "", "--db", db, "site", "set", "--successor", "bad code!").want(t, exitFail, "Mã đơn vị")
	donthu(t, "", "--db", db, "check").want(t, exitOK, "Không có lỗi")
}
