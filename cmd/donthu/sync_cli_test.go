package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// syncPair sets up an office HN01 and its site GL07 in new files, with
// their key cards exported to dir, and returns the two paths.
func syncPair(t *testing.T) (office, site, dir string) {
	t.Helper()
	noEnv(t)
	t.Setenv("DONTHU_USER", "lan") // both sites' first user: bundles are signed for
	dir = t.TempDir()
	office, site = filepath.Join(dir, "hn01.db"), filepath.Join(dir, "gl07.db")
	donthu(t, "matkhau\n", "--db", office, "init", "--site", "HN01", "--name", "Liên đoàn Lao động quận", "--user", "lan").want(t, exitOK)
	donthu(t, "matkhau\n", "--db", site, "init", "--site", "GL07", "--name", "Công đoàn cơ sở", "--parent", "HN01", "--user", "lan").want(t, exitOK)
	donthu(t, "", "--db", office, "keys", "export", "-o", filepath.Join(dir, "hn01.json")).want(t, exitOK)
	donthu(t, "", "--db", site, "keys", "export", "-o", filepath.Join(dir, "gl07.json")).want(t, exitOK)
	return office, site, dir
}

func TestSyncCommandLineUsage(t *testing.T) {
	office, site, dir := syncPair(t)
	donthu(t, "", "--db", site, "keys").want(t, exitUsage, "donthu keys export")
	donthu(t, "", "--db", site, "peer").want(t, exitUsage, "peer add")
	donthu(t, "", "--db", site, "peer", "add").want(t, exitUsage, "TỆP_THẺ")
	donthu(t, "", "--db", site, "peer", "add", filepath.Join(dir, "hn01.json"), "--replace").want(t, exitUsage, "--user")
	donthu(t, "", "--db", site, "peer", "parent", "HN02").want(t, exitUsage, "--user")
	donthu(t, "matkhau\n", "--db", site, "bundle", "export").want(t, exitUsage, "--to")
	donthu(t, "matkhau\n", "--db", site, "bundle", "import").want(t, exitUsage, "TỆP")
	donthu(t, "matkhau\n", "--db", site, "bundle", "inspect").want(t, exitUsage)
	donthu(t, "matkhau\n", "--db", office, "office", "transfer", "--to", "GL07").want(t, exitUsage, "--summary")
	donthu(t, "matkhau\n", "--db", office, "office", "guide").want(t, exitUsage)
	donthu(t, "matkhau\n", "--db", site, "--lang", "en", "bundle", "frobnicate").want(t, exitUsage, "use: donthu bundle export")
}

func TestSyncCommandLineRefusals(t *testing.T) {
	office, site, dir := syncPair(t)
	// Nothing pinned yet.
	donthu(t, "matkhau\n", "--db", site, "bundle", "export", "--to", "HN01", "-o", dir).want(t, exitFail, "Chưa ghim thẻ khóa của đơn vị HN01", "peer add")
	donthu(t, "matkhau\n", "--db", office, "office", "transfer", "--to", "GL07", "--summary", "Đơn").want(t, exitFail, "không phải cấp dưới")
	// Not a card; its own card.
	notCard := filepath.Join(dir, "x.json")
	os.WriteFile(notCard, []byte(`{"hello":1}`), 0o644)
	donthu(t, "", "--db", site, "peer", "add", notCard, "--yes").want(t, exitFail, "không phải thẻ khóa donthu")
	donthu(t, "matkhau\n", "--db", site, "peer", "add", filepath.Join(dir, "gl07.json"), "--yes").want(t, exitFail, "chính đơn vị này")
	// Unconfirmed: nothing pinned; no stdin at all is no.
	donthu(t, "", "--db", site, "peer", "add", filepath.Join(dir, "hn01.json")).want(t, exitFail, "Chưa xác nhận")
	donthu(t, "", "--db", site, "peer", "list").want(t, exitOK, "Chưa ghim")
	// Confirmed, in English.
	donthu(t, "y\nmatkhau\n", "--db", site, "--lang", "en", "peer", "add", filepath.Join(dir, "hn01.json")).want(t, exitOK, "Pinned the key card of HN01 (parent)")
	// Another card for HN01 with other keys: refused; replacing needs an
	// administrator's password.
	other := filepath.Join(dir, "other.db")
	donthu(t, "matkhau\n", "--db", other, "init", "--site", "HN01", "--name", "Giả mạo", "--user", "x1").want(t, exitOK)
	donthu(t, "", "--db", other, "keys", "export", "-o", filepath.Join(dir, "fake.json")).want(t, exitOK)
	donthu(t, "matkhau\n", "--db", site, "peer", "add", filepath.Join(dir, "fake.json"), "--yes").want(t, exitFail, "đã được ghim với khóa khác")
	donthu(t, "sai\n", "--db", site, "peer", "add", filepath.Join(dir, "fake.json"), "--yes", "--replace", "--user", "lan").want(t, exitFail, "Sai tên đăng nhập hoặc mật khẩu")
	donthu(t, "matkhau\n", "--db", site, "peer", "add", filepath.Join(dir, "fake.json"), "--yes", "--replace", "--user", "lan").want(t, exitOK, "Đã ghim")
	// Confirmation and password both from stdin, one line each.
	donthu(t, "c\nmatkhau\n", "--db", site, "peer", "add", filepath.Join(dir, "hn01.json"), "--replace", "--user", "lan").want(t, exitOK, "Đã ghim")
	// Missing and damaged bundle files.
	donthu(t, "matkhau\n", "--db", office, "bundle", "import", filepath.Join(dir, "none.age")).want(t, exitFail, "BỊ TỪ CHỐI", "Không mở được tệp")
	donthu(t, "matkhau\n", "--db", office, "bundle", "inspect", notCard).want(t, exitFail, "không phải gói dữ liệu donthu")
}

func TestSyncCommandLineParentChange(t *testing.T) {
	office, site, dir := syncPair(t)
	donthu(t, "matkhau\n", "--db", site, "peer", "add", filepath.Join(dir, "hn01.json"), "--yes").want(t, exitOK)
	donthu(t, "matkhau\n", "--db", office, "peer", "add", filepath.Join(dir, "gl07.json"), "--yes").want(t, exitOK, "cấp dưới")
	donthu(t, "matkhau\n", "--db", site, "bundle", "export", "--to", "HN01", "-o", dir).want(t, exitOK, "Đã ghi gói số 1")
	hn02 := filepath.Join(dir, "hn02.db")
	donthu(t, "matkhau\n", "--db", hn02, "init", "--site", "HN02", "--name", "Liên đoàn mới", "--user", "mai").want(t, exitOK)
	donthu(t, "", "--db", hn02, "keys", "export", "-o", filepath.Join(dir, "hn02.json")).want(t, exitOK)
	donthu(t, "matkhau\n", "--db", site, "peer", "parent", "HN02", "--user", "lan").want(t, exitFail, "peer add")
	donthu(t, "matkhau\n", "--db", site, "peer", "add", filepath.Join(dir, "hn02.json"), "--yes").want(t, exitOK, "khác")
	donthu(t, "matkhau\n", "--db", site, "peer", "parent", "HN02", "--user", "lan").want(t, exitOK, "nay là HN02")
	donthu(t, "", "--db", site, "peer", "list").want(t, exitOK, "HN02", "cấp trên", "HN01", "khác")
	donthu(t, "matkhau\n", "--db", site, "bundle", "export", "--to", "HN01", "-o", dir).want(t, exitFail, "không phải cấp trên")
	r := donthu(t, "matkhau\n", "--db", site, "bundle", "export", "--to", "HN02", "-o", dir).want(t, exitOK, "Đã ghi gói số 1 gửi HN02")
	if !strings.Contains(r.stdout, "sự kiện") {
		t.Fatal(r.stdout)
	}
}
