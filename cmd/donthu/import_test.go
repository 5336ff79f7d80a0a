package main

import (
	"path/filepath"
	"regexp"
	"testing"
)

func TestImportAndPersons(t *testing.T) {
	noEnv(t)
	db := initSite(t)
	file := "../../store/register/testdata/register.xlsx"
	donthu(t, "matkhau\n", "--db", db, "import", file, "--user", "lan").want(t, exitOK,
		"Dòng 7: người mới Nguyễn Văn An", "Dòng 12: LỖI: Ngày 31/02/2019 không tồn tại", "7 sẽ nhập", "Đây là chạy thử: chưa ghi gì")
	donthu(t, "", "--db", db, "import", file, "--apply").want(t, exitUsage, "--user")
	donthu(t, "matkhau\n", "--db", db, "import", file, "--map", "Ho ten=nobody", "--user", "lan").want(t, exitFail, `Không có trường "nobody"`)
	donthu(t, "matkhau\n", "--db", db, "import", file, "--apply", "--user", "lan").want(t, exitFail, "Còn 3 dòng lỗi", "chưa nhập gì")
	donthu(t, "matkhau\n", "--db", db, "import", file, "--apply", "--user", "lan", "--skip-errors").want(t, exitOK,
		"Đang nhập 7/7 dòng", "Đã nhập 7 dòng: 6 người mới, 7 lượt tiếp, 4 đơn, 3 vụ việc")
	donthu(t, "matkhau\n", "--db", db, "import", file, "--user", "lan").want(t, exitOK, "0 sẽ nhập", "7 đã nhập trước")

	r := donthu(t, "matkhau\n", "--db", db, "persons", "duplicates", "--user", "lan").want(t, exitOK, "họ tên gần giống, cùng nơi làm việc", "1 cặp có thể trùng")
	ids := regexp.MustCompile(`person:GL07\.\d+`).FindAllString(r.stdout, -1)
	if len(ids) != 2 {
		t.Fatalf("ids %v in %s", ids, r.stdout)
	}
	donthu(t, "matkhau\n", "--db", db, "persons", "merge", ids[0], ids[1], "--user", "lan").want(t, exitOK, "Đã gộp", "Họ tên khác: Nguyễn Văn An", "Năm sinh khác: 199")
	donthu(t, "matkhau\n", "--db", db, "persons", "duplicates", "--user", "lan").want(t, exitOK, "0 cặp có thể trùng")
	donthu(t, "matkhau\n", "--db", db, "persons", "merged", "--user", "lan").want(t, exitOK, ids[1], "→ "+ids[0], "1 hồ sơ đã gộp")
	donthu(t, "matkhau\n", "--db", db, "persons", "unmerge", ids[1], "--user", "lan").want(t, exitOK, "thành hồ sơ riêng")
	donthu(t, "matkhau\n", "--db", db, "persons", "merge", ids[0], "--user", "lan").want(t, exitUsage)
	// Two people after all: the pair is not suggested again, until undone.
	donthu(t, "matkhau\n", "--db", db, "persons", "distinct", ids[0], ids[1], "--user", "lan").want(t, exitOK, "là hai người khác nhau")
	donthu(t, "matkhau\n", "--db", db, "persons", "duplicates", "--user", "lan").want(t, exitOK, "0 cặp có thể trùng")
	donthu(t, "matkhau\n", "--db", db, "persons", "distinct", ids[1], ids[0], "--undo", "--user", "lan").want(t, exitOK, "lại được gợi ý")
	donthu(t, "matkhau\n", "--db", db, "persons", "duplicates", "--user", "lan").want(t, exitOK, "1 cặp có thể trùng")

	// The register donthu exports (Mẫu 03 columns) reads back in another
	// file: kinds of ID written before the number, outcomes, the masked
	// denouncer refused.
	csv := filepath.Join(t.TempDir(), "so-tiep.csv")
	donthu(t, "matkhau\n", "--db", db, "export", "register", "--from", "01/03/2019", "--to", "31/03/2019", "-o", csv, "--user", "lan").want(t, exitOK, "Đã ghi 7 dòng")
	other := initSite(t)
	donthu(t, "matkhau\n", "--db", other, "import", csv, "--user", "lan").want(t, exitOK,
		"Dòng 3: người mới Trần Thị Bình; lượt tiếp 06/03/2019, Hướng dẫn",
		"Dòng 5: người Nguyễn Văn An như ở dòng 2 (cùng số giấy tờ)",
		"Dòng 6: LỖI: họ tên bị che (bảo mật)")
}
