package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"donthu/store/paper/pdftext"
)

// donthu print writes the form, donthu verify accepts its code and
// refuses an altered one; the denunciation's slip is redacted unless a
// leader signs in for the full copy.
func TestPrintAndVerify(t *testing.T) {
	db := exportSite(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "bien-nhan.pdf")
	r := donthu(t, "matkhau\n", "--db", db, "print", "receipt", "--record", "GL07-2026-T0001", "-o", out, "--sheets").
		want(t, exitOK, "Đã in «Giấy biên nhận", "Mã xác thực: GL07-")
	code := strings.TrimSpace(r.stdout[strings.Index(r.stdout, "Mã xác thực: ")+len("Mã xác thực: "):])
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if text := pdftext.Text(b); !strings.Contains(text, "Nguyễn Văn Ấn") || !strings.Contains(text, code) || !strings.Contains(text, "Khi bị nợ lương") {
		t.Fatalf("receipt:\n%s", text)
	}
	donthu(t, "", "--db", db, "verify", code).want(t, exitOK, "GIẤY THẬT", "GL07-2026-T0001", "Hồ sơ không thay đổi từ khi in")
	donthu(t, "", "--db", db, "--lang", "en", "verify", strings.ToLower(code)).want(t, exitOK, "GENUINE")
	altered := code[:len(code)-1] + map[bool]string{true: "A", false: "B"}[code[len(code)-1] != 'A']
	donthu(t, "", "--db", db, "verify", altered).want(t, exitFail, "GIẢ HOẶC BỊ SỬA")
	donthu(t, "", "--db", db, "verify", "HN01-12-ABCD-EFGH").want(t, exitFail, "KHÔNG XÁC THỰC ĐƯỢC")
	donthu(t, "", "--db", db, "verify", "abc").want(t, exitFail, "MÃĐƠNVỊ-SỐ-XXXX-XXXX")

	// The denunciation of Phạm Văn Tố was accepted: its proposal is
	// redacted; the full copy needs a leader's password and a reason.
	slip := filepath.Join(dir, "de-xuat.pdf")
	donthu(t, "matkhau\n", "--db", db, "print", "proposal", "--record", "GL07-2026-0002", "-o", slip).want(t, exitOK, "đã được che")
	b, _ = os.ReadFile(slip)
	if strings.Contains(pdftext.Text(b), "Phạm Văn Tố") {
		t.Fatal("the redacted proposal names the denouncer")
	}
	donthu(t, "matkhau\n", "--db", db, "print", "proposal", "--record", "GL07-2026-0002", "--full").want(t, exitFail, "lý do")
	donthu(t, "sai\n", "--db", db, "print", "proposal", "--record", "GL07-2026-0002", "--full", "--as", "lan", "--reason", "Thanh tra yêu cầu", "-o", slip).
		want(t, exitFail, "Sai tên đăng nhập hoặc mật khẩu")
	donthu(t, "matkhau\n", "--db", db, "print", "proposal", "--record", "GL07-2026-0002", "--full", "--as", "lan", "--reason", "Thanh tra yêu cầu", "-o", slip).
		want(t, exitOK, "Đã in")
	b, _ = os.ReadFile(slip)
	if !strings.Contains(pdftext.Text(b), "Phạm Văn Tố") {
		t.Fatal("the full copy does not name the denouncer")
	}

	donthu(t, "", "--db", db, "print", "nosuch", "--record", "x").want(t, exitUsage, "donthu print list")
	donthu(t, "matkhau\n", "--db", db, "print", "acceptance", "--record", "GL07-2026-0001").want(t, exitFail)
	donthu(t, "", "--db", db, "print", "list").want(t, exitOK, "receipt", "Mẫu số 02/TCD", "từ 01/07/2026")
	donthu(t, "matkhau\n", "--db", db, "print", "register", "--from", "01/03/2026", "--to", "31/03/2026", "-o", filepath.Join(dir, "so.pdf")).want(t, exitOK, "Sổ tiếp")
	tdir := filepath.Join(dir, "mau")
	donthu(t, "", "--db", db, "print", "templates", tdir).want(t, exitOK, tdir)
	if _, err := os.Stat(filepath.Join(tdir, "receipt@2026-07-01.txt")); err != nil {
		t.Fatal(err)
	}
}
