package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/paper/pdftext"
	"donthu/store/storetest"

	"filippo.io/age"
	"github.com/xuri/excelize/v2"
)

// The command line against the one policy: who may run what, and where a
// denouncer's name may appear. The desk is built through the store as the
// interface builds it; the commands run as a person types them.

// denouncerDesk is a site GL07 whose users are lan (every role), thu
// (receptionist), hung (the case's handler), mai (another handler), lanh
// (leader) and qt (administrator), all with password storetest.Password.
// Phạm Văn Tố filed a denunciation (case handled by hung), then came back
// to ask how it went, then filed a complaint: the name must stay hidden on
// all three.
type denouncerDesk struct {
	db                          string
	denVisit, laterVisit, third string // visit ids
	petition, complaint         string // petition ids
	caseID                      string
}

const (
	denouncer   = "Phạm Văn Tố"
	denouncerID = "079085001234"
)

func newDenouncerDesk(t *testing.T) denouncerDesk {
	t.Helper()
	s, clk := storetest.New(t, "GL07")
	storetest.Staff(t, s)
	var d denouncerDesk
	v, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Tố cáo quản đốc ép làm thêm giờ", Outcome: model.OutcomePetition},
		NewPersons: []model.Person{{Name: denouncer, IDNumber: denouncerID, BirthYear: 1985, Phone: "0912000111", Address: "Tổ 5, phường Bồ Đề"}},
		Petition:   &model.Petition{Kind: model.KindDenunciation, Summary: "Tố cáo quản đốc ép làm thêm giờ"},
	})
	if err != nil {
		t.Fatal(err)
	}
	d.denVisit, d.petition = v.ID, p.ID
	c := storetest.Accept(t, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	d.caseID = c.ID
	storetest.Act(t, s, c.ID, model.EvCaseAssigned, model.CaseAction{Handler: "hung"})
	// An ordinary visitor: their name is printed everywhere, so a test
	// that finds no name at all cannot pass by accident.
	storetest.Visit(t, s, "Nguyễn Văn Thường", model.KindComplaint)
	clk.SetDate(model.Date{Y: 2026, M: time.March, D: 9})
	v2, _, err := s.RecordVisit("lan", store.VisitInput{Visit: model.Visit{
		Persons: p.Senders, Content: "Hỏi tiến độ giải quyết đơn đã gửi: Tố cáo quản đốc", Outcome: model.OutcomeAnswered}})
	if err != nil {
		t.Fatal(err)
	}
	d.laterVisit = v2.ID
	clk.SetDate(model.Date{Y: 2026, M: time.March, D: 16})
	v3, p3, err := s.RecordVisit("lan", store.VisitInput{
		Visit:    model.Visit{Persons: p.Senders, Content: "Khiếu nại việc trừ lương tháng 2", Outcome: model.OutcomePetition},
		Petition: &model.Petition{Kind: model.KindComplaint, Summary: "Khiếu nại việc trừ lương tháng 2"},
	})
	if err != nil {
		t.Fatal(err)
	}
	d.third, d.complaint = v3.ID, p3.ID
	d.db = s.Path()
	s.Close()
	return d
}

// TestCommandsNeedSignIn: every command that reads personal data or
// changes users, keys or the site refuses to run without a user (a usage
// error naming --user), and refuses a receptionist where the policy does.
func TestCommandsNeedSignIn(t *testing.T) {
	noEnv(t)
	t.Setenv("DONTHU_USER", "")
	d := newDenouncerDesk(t)
	dir := t.TempDir()
	card := filepath.Join(dir, "gl07.json")
	donthu(t, "", "--db", d.db, "keys", "export", "-o", card).want(t, exitOK)
	backup := filepath.Join(dir, "copy.db")
	donthu(t, "", "--db", d.db, "backup", backup).want(t, exitOK)
	for _, tc := range []struct {
		name string
		args []string
		// receptionist: what a receptionist gets; "" = allowed by the
		// policy (what they see is TestMaskingByRole's).
		receptionist string
	}{
		{"export register", []string{"export", "register"}, ""},
		{"export petitions", []string{"export", "petitions"}, ""},
		{"export cases", []string{"export", "cases", "--all"}, ""},
		{"print a receipt", []string{"print", "receipt", "--record", d.denVisit, "-o", filepath.Join(dir, "r.pdf")}, ""},
		{"print the register", []string{"print", "register", "--from", "01/03/2026", "--to", "31/03/2026", "-o", filepath.Join(dir, "s.pdf")}, ""},
		{"audit", []string{"audit"}, "đọc nhật ký"},
		{"persons duplicates", []string{"persons", "duplicates"}, "Vai trò của bạn không được phép"},
		{"import", []string{"import", filepath.Join(dir, "none.csv")}, "Vai trò của bạn không được phép"},
		{"user add", []string{"user", "add", "x", "--name", "X", "--roles", "handler"}, "Vai trò của bạn không được phép"},
		{"user roles", []string{"user", "roles", "hung", "--roles", "leader"}, "Vai trò của bạn không được phép"},
		{"user passwd of another", []string{"user", "passwd", "hung"}, "Vai trò của bạn không được phép"},
		{"user deactivate", []string{"user", "deactivate", "hung"}, "Vai trò của bạn không được phép"},
		{"site set", []string{"site", "set", "--address", "Số 1 phố Huế"}, "Vai trò của bạn không được phép"},
		{"calendar set", []string{"calendar", "set", "31/12/2026", "off", "Nghỉ bù"}, "Vai trò của bạn không được phép"},
		{"calendar remove", []string{"calendar", "remove", "31/12/2026"}, "Vai trò của bạn không được phép"},
		{"peer add", []string{"peer", "add", card, "--yes"}, "Vai trò của bạn không được phép"},
		{"peer parent", []string{"peer", "parent", "HN02"}, "Vai trò của bạn không được phép"},
		{"restore", []string{"restore", backup}, "Vai trò của bạn không được phép"},
		{"office identity", []string{"keys", "identity", "-o", filepath.Join(dir, "id.txt")}, "Vai trò của bạn không được phép"},
		{"dump signed for", []string{"dump", "events", "--user", "thu"}, "Vai trò của bạn không được phép"},
		{"bundle export", []string{"bundle", "export", "--to", "HN01"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"--db", d.db}, tc.args...)
			if tc.name != "dump signed for" {
				donthu(t, "", args...).want(t, exitUsage, "--user")
			}
			if tc.receptionist == "" {
				return
			}
			as := args
			if tc.name != "dump signed for" {
				as = append(append([]string{}, args...), "--user", "thu")
			}
			if tc.name == "audit" {
				as = append(append([]string{}, args...), "--as", "thu")
			}
			r := donthu(t, storetest.Password+"\n"+storetest.Password+"\n", as...)
			r.want(t, exitFail, "không được phép")
		})
	}
	// Nothing the receptionist tried changed the file: the site, the
	// calendar and the users are as they were.
	s := mustOpen(t, d.db)
	defer s.Close()
	if site, _ := s.SiteInfo(""); site.Address == "Số 1 phố Huế" {
		t.Error("the receptionist changed the site")
	}
	if u, _ := s.User("hung"); !u.Active || !u.Holds(model.RoleHandler) || u.Holds(model.RoleLeader) {
		t.Errorf("the receptionist changed a user: %+v", u)
	}
	if len(s.Peers()) != 0 {
		t.Error("the receptionist pinned a key")
	}
}

// TestMaskingByRole: for a denunciation, each role against each output
// that can name a sender (register, petitions and cases as CSV and XLSX,
// the report workbook, the printouts redacted and in full, dump without
// sign-in): the denouncer's name and ID number appear only where the
// policy allows, on the denunciation and on the same person's later
// visit and complaint.
func TestMaskingByRole(t *testing.T) {
	noEnv(t)
	t.Setenv("DONTHU_USER", "")
	d := newDenouncerDesk(t)
	dir := t.TempDir()
	pw := storetest.Password + "\n"
	type out struct {
		name string
		args func(o string) []string
		kind string // csv (stdout), xlsx or pdf (file o)
		full bool   // a printout in full: refused to all but the entitled
		// shows lists who finds the name in it: exports mask for all; a
		// paper for the sender and a full copy name them to the entitled
		// (the denunciation's handler hung and the leader lanh; the later
		// complaint has no case yet, so its leaders only).
		shows []string
	}
	entitled := []string{"hung", "lanh"}
	outs := []out{
		{"register csv", func(o string) []string {
			return []string{"export", "register", "--from", "01/03/2026", "--to", "31/03/2026"}
		}, "csv", false, nil},
		{"register xlsx", func(o string) []string {
			return []string{"export", "register", "--from", "01/03/2026", "--to", "31/03/2026", "--format", "xlsx", "-o", o}
		}, "xlsx", false, nil},
		{"petitions csv", func(o string) []string {
			return []string{"export", "petitions", "--from", "01/03/2026", "--to", "31/03/2026"}
		}, "csv", false, nil},
		{"petitions xlsx", func(o string) []string {
			return []string{"export", "petitions", "--from", "01/03/2026", "--to", "31/03/2026", "--format", "xlsx", "-o", o}
		}, "xlsx", false, nil},
		{"cases csv", func(o string) []string { return []string{"export", "cases", "--all"} }, "csv", false, nil},
		{"cases xlsx", func(o string) []string { return []string{"export", "cases", "--all", "--format", "xlsx", "-o", o} }, "xlsx", false, nil},
		{"receipt of the denunciation", func(o string) []string { return []string{"print", "receipt", "--record", d.denVisit, "-o", o} }, "pdf", false, entitled},
		{"receipt of the later visit", func(o string) []string { return []string{"print", "receipt", "--record", d.laterVisit, "-o", o} }, "pdf", false, entitled},
		{"receipt of the complaint", func(o string) []string { return []string{"print", "receipt", "--record", d.third, "-o", o} }, "pdf", false, []string{"lanh"}},
		{"proposal of the denunciation", func(o string) []string { return []string{"print", "proposal", "--record", d.petition, "-o", o} }, "pdf", false, nil},
		{"printed register", func(o string) []string {
			return []string{"print", "register", "--from", "01/03/2026", "--to", "31/03/2026", "-o", o}
		}, "pdf", false, nil},
		{"proposal in full", func(o string) []string {
			return []string{"print", "proposal", "--record", d.petition, "--full", "--reason", "Cơ quan điều tra yêu cầu", "-o", o}
		}, "pdf", true, entitled},
	}
	type role struct {
		login    string
		export   bool // the policy lets them export and print
		entitled bool // the case's handler or a leader
	}
	roles := []role{{"thu", true, false}, {"hung", true, true}, {"mai", true, false}, {"lanh", true, true}, {"qt", false, false}}
	for _, r := range roles {
		for _, o := range outs {
			shows := false
			for _, l := range o.shows {
				shows = shows || l == r.login
			}
			t.Run(r.login+"/"+o.name, func(t *testing.T) {
				file := filepath.Join(dir, r.login+"-"+strings.ReplaceAll(o.name, " ", "-")+"."+o.kind)
				args := append(append([]string{"--db", d.db}, o.args(file)...), "--user", r.login)
				res := donthu(t, pw, args...)
				if !r.export || (o.full && !r.entitled) {
					res.want(t, exitFail, "được")
					if _, err := os.Stat(file); err == nil {
						t.Fatalf("a refused %s left %s", o.name, file)
					}
					return
				}
				res.want(t, exitOK)
				text := res.stdout
				switch o.kind {
				case "xlsx":
					text = xlsxText(t, file)
				case "pdf":
					b, err := os.ReadFile(file)
					if err != nil {
						t.Fatal(err)
					}
					text = strings.Join(strings.Fields(pdftext.Text(b)), " ")
				}
				secrets := []string{denouncer, denouncerID, model.Fold(denouncer)}
				if o.kind == "pdf" {
					secrets = secrets[:1] // a paper has no folded name; not every form has the ID number
				}
				for _, secret := range secrets {
					if got := strings.Contains(text, secret); got != shows {
						t.Errorf("%s as %s: %q shown %v, want %v\n%s", o.name, r.login, secret, got, shows, clip(text))
					}
				}
				// The output is the real one: the other visitor, or the
				// matter, is there.
				if !strings.Contains(text, "Nguyễn Văn Thường") && !strings.Contains(text, "quản đốc") && !strings.Contains(text, "GL07-2026-") {
					t.Errorf("%s as %s names nobody and no matter: the test reads the wrong thing\n%s", o.name, r.login, clip(text))
				}
			})
		}
	}
	t.Run("report workbook", func(t *testing.T) {
		file := filepath.Join(dir, "report.xlsx")
		donthu(t, "", "--db", d.db, "report", "all", "--period", "2026-Q1", "--format", "xlsx", "-o", file).want(t, exitOK)
		if text := xlsxText(t, file); strings.Contains(text, denouncer) || strings.Contains(text, denouncerID) {
			t.Error("the report workbook names the denouncer")
		}
	})
	t.Run("dump without sign-in", func(t *testing.T) {
		for _, what := range []string{"events", "state"} {
			res := donthu(t, "", "--db", d.db, "dump", what).want(t, exitOK, "Nguyễn Văn Thường")
			for _, secret := range []string{denouncer, denouncerID, model.Fold(denouncer)} {
				if strings.Contains(res.stdout, secret) {
					t.Errorf("dump %s shows %q", what, secret)
				}
			}
		}
	})
}

// xlsxText is every string of a workbook: its shared strings and sheets.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var b strings.Builder
	for _, f := range zr.File {
		if !strings.HasSuffix(f.Name, ".xml") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		x, _ := io.ReadAll(rc)
		rc.Close()
		b.Write(x)
	}
	return b.String()
}

func clip(s string) string {
	if len(s) > 1500 {
		return s[:1500] + "…"
	}
	return s
}

// TestEncryptedBackupOpensAtTheOffice: a site's backup encrypted to its
// office opens with the stock age tool and the identity the office's
// administrator writes out (decrypted here with filippo.io/age, as
// `age -d -i` does), and donthu restore takes it back, with that key file
// or, for a backup encrypted to the site itself, with the site's own key.
// A wrong key or a damaged file is refused and the file is left as it was.
func TestEncryptedBackupOpensAtTheOffice(t *testing.T) {
	noEnv(t)
	office, site, dir := syncPair(t)
	donthu(t, "matkhau\n", "--db", site, "peer", "add", filepath.Join(dir, "hn01.json"), "--yes").want(t, exitOK)
	enc := filepath.Join(dir, "gl07.age")
	donthu(t, "", "--db", site, "backup", "--encrypt-to", "HN01", enc).want(t, exitOK, "HN01")
	key := filepath.Join(dir, "hn01.key")
	donthu(t, "sai\n", "--db", office, "keys", "identity", "-o", key).want(t, exitFail, "Sai tên đăng nhập")
	donthu(t, "matkhau\n", "--db", office, "keys", "identity", "-o", key).want(t, exitOK, "age -d -i")
	donthu(t, "matkhau\n", "--db", office, "keys", "identity", "-o", key).want(t, exitFail, "không ghi đè")
	if fi, err := os.Stat(key); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file %v %v", fi, err)
	}

	// The stock tool's way: parse the identity file, decrypt.
	kf, _ := os.Open(key)
	ids, err := age.ParseIdentities(kf)
	kf.Close()
	if err != nil {
		t.Fatal(err)
	}
	ef, _ := os.Open(enc)
	r, err := age.Decrypt(ef, ids...)
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.db")
	pf, _ := os.Create(plain)
	io.Copy(pf, r)
	pf.Close()
	ef.Close()
	if s, err := store.Open(plain, store.Options{ReadOnly: true}); err != nil || s.Site() != "GL07" {
		t.Fatalf("the decrypted backup does not open as GL07: %v", err)
	} else {
		s.Close()
	}

	// The office reads the audit: the key was written, by whom.
	audit := donthu(t, "matkhau\n", "--db", office, "audit", "--format", "csv", "--as", "lan").want(t, exitOK)
	if !strings.Contains(audit.stdout, "file.exported") {
		t.Errorf("writing the key is not in the audit:\n%s", audit.stdout)
	}

	// Restore at the site: with the site's own key (not the one it was
	// encrypted to), refused; with the office's key file, restored.
	ownKey := filepath.Join(dir, "gl07.key")
	donthu(t, "matkhau\n", "--db", site, "keys", "identity", "-o", ownKey).want(t, exitOK)
	before, _ := os.ReadFile(site)
	donthu(t, "matkhau\n", "--db", site, "restore", enc, "--identity", ownKey).want(t, exitFail, "đơn vị khác")
	damaged := filepath.Join(dir, "damaged.age")
	b, _ := os.ReadFile(enc)
	os.WriteFile(damaged, b[:len(b)/2], 0o600)
	donthu(t, "matkhau\n", "--db", site, "restore", damaged, "--identity", key).want(t, exitFail, "hỏng")
	if after, _ := os.ReadFile(site); !bytes.Equal(before, after) {
		t.Fatal("a refused restore changed the file")
	}
	donthu(t, "matkhau\n", "--db", site, "restore", enc, "--identity", key).want(t, exitOK, "Đã khôi phục", "giữ ở")

	// Encrypted to the site itself: its administrator's sign-in opens it.
	own := filepath.Join(dir, "own.age")
	donthu(t, "", "--db", site, "backup", "--encrypt-to", "GL07", own).want(t, exitOK)
	donthu(t, "matkhau\n", "--db", site, "restore", own).want(t, exitOK, "Đã khôi phục")
	donthu(t, "", "--db", site, "check").want(t, exitOK)
	if m, _ := filepath.Glob(site + ".restore-decrypted*"); len(m) != 0 {
		t.Errorf("a decrypted copy was left behind: %v", m)
	}
}

// TestAuditWorkbook: the audit as XLSX has the CSV's columns, a row per
// event (a failed sign-in under the login tried), and each row's chain
// check; it needs a file name and a reader the policy allows.
func TestAuditWorkbook(t *testing.T) {
	noEnv(t)
	db := initSite(t)
	donthu(t, "sai\n", "--db", db, "export", "register", "--user", "khach").want(t, exitFail)
	out := filepath.Join(t.TempDir(), "nhat-ky.xlsx")
	donthu(t, "matkhau\n", "--db", db, "audit", "--format", "xlsx", "--as", "lan").want(t, exitUsage, "-o")
	donthu(t, "matkhau\n", "--db", db, "audit", "-o", out, "--as", "lan", "--type", "auth").want(t, exitOK, "chuỗi băm khớp")
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	var header []string
	found := false
	for _, r := range rows {
		if len(r) == 6 && r[0] == "Lúc" {
			header = r
		}
		if len(r) == 6 && r[1] == "khach" && r[2] == string(model.EvSignInFailed) && r[5] == "khớp" {
			found = true
		}
	}
	if strings.Join(header, "|") != "Lúc|Người|Việc|Hồ sơ|Sự kiện|Chuỗi" || !found {
		t.Fatalf("workbook rows %q", rows)
	}
}
