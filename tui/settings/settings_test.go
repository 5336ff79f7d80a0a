package settings_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/settings"
	"donthu/tui/tuitest"

	"github.com/xuri/excelize/v2"
)

// Each role sees the sections the policy gives it: an administrator
// everything, a leader the audit and their password, a receptionist only
// their password.
func TestSectionsFollowThePolicy(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	for _, u := range []model.User{
		{Login: "thu", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}},
		{Login: "hai", Name: "Phạm Văn Hải", Roles: []model.Role{model.RoleLeader}},
	} {
		if err := s.CreateUser("lan", u, "mk-1234"); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		login     string
		want, not []string
	}{
		{"lan", []string{"Người dùng", "Mật khẩu của tôi", "Đơn vị", "Lịch làm việc", "Kết nối, khóa", "Nhật ký truy cập", "Sao lưu"}, nil},
		{"hai", []string{"Mật khẩu của tôi", "Nhật ký truy cập"}, []string{"Người dùng ", "Sao lưu", "Đơn vị", "Kết nối, khóa"}},
		{"thu", []string{"Mật khẩu của tôi"}, []string{"Người dùng ", "Nhật ký truy cập", "Sao lưu", "Đơn vị", "Kết nối, khóa"}},
	} {
		d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, tc.login, model.VI)))
		v := d.View()
		for _, w := range tc.want {
			if !strings.Contains(v, w) {
				t.Errorf("%s does not see %q:\n%s", tc.login, w, v)
			}
		}
		for _, w := range tc.not {
			if strings.Contains(v, w) {
				t.Errorf("%s sees %q:\n%s", tc.login, w, v)
			}
		}
	}
}

// An administrator adds a user with roles, resets a password, and
// deactivates a user with C (Enter does not confirm it).
func TestUsersSection(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, "lan", model.VI)))
	d.Press("enter", "n")
	d.Type("mai").Press("tab").Type("Đỗ Thị Mai").Press("tab").Type("mk-1234").Press("tab").Type("mk-9999").Press("ctrl+s")
	d.Expect("✗ Hai lần nhập mật khẩu không khớp")
	d.Press("backspace", "backspace", "backspace", "backspace").Type("1234").Press("tab").Type("2").Press("ctrl+s")
	d.Expect("mai", "Đỗ Thị Mai", "đang dùng")
	u, err := s.User("mai")
	if err != nil || !u.Holds(model.RoleHandler) || !u.Holds(model.RoleReceptionist) {
		t.Fatalf("added %+v %v", u, err)
	}
	// Mai is the last row: deactivate her; Enter does not confirm.
	d.Press("end", "d")
	page := tuitest.PageOf(d.Out)
	if page == nil || !strings.Contains(page.View(80, 21), "Ngừng tài khoản của Đỗ Thị Mai?") || !strings.Contains(page.View(80, 21), "C: ngừng") {
		t.Fatal("d did not ask on the confirm page")
	}
	if d.S, _, _ = tuitest.Answer(d.S, page, tuitest.Key("enter")); true {
		if u, _ := s.User("mai"); !u.Active {
			t.Fatal("Enter deactivated a user")
		}
	}
	d.S, _, _ = tuitest.Answer(d.S, page, tuitest.Key("c"))
	d.Expect("đã ngừng")
	if u, _ := s.User("mai"); u.Active {
		t.Fatal("C did not deactivate")
	}
	// Reset a password: the new one signs in.
	d.Press("p").Type("moi-5678").Press("tab").Type("moi-5678").Press("ctrl+s")
	if _, err := s.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	d.Out = nil
	d.Press("d") // active again, to sign in
	d.S, _, _ = tuitest.Answer(d.S, tuitest.PageOf(d.Out), tuitest.Key("c"))
	if _, err := s.SignIn("mai", "moi-5678"); err != nil {
		t.Fatalf("the reset password: %v", err)
	}
}

// A receptionist changes their own password, giving the old one.
func TestMyPassword(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	if err := s.CreateUser("lan", model.User{Login: "thu", Name: "Lê Thị Thu", Roles: []model.Role{model.RoleReceptionist}}, "cu-1234"); err != nil {
		t.Fatal(err)
	}
	d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, "thu", model.VI)))
	d.Press("enter").Type("sai-0000").Press("tab").Type("moi-1234").Press("tab").Type("moi-1234").Press("enter")
	d.Expect("✗ Mật khẩu cũ không đúng")
	d.Press("esc") // clears the form; the section stays open
	d.Type("cu-1234").Press("tab").Type("moi-1234").Press("tab").Type("moi-1234").Press("enter")
	if st, _ := d.Status(); st != "Đã đổi mật khẩu" {
		t.Fatalf("status %q\n%s", st, d.View())
	}
	if _, err := s.SignIn("thu", "moi-1234"); err != nil {
		t.Fatal(err)
	}
}

// The audit lists sign-ins and says each site's chain is intact.
func TestAuditSection(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	s.SignIn("lan", "sai")
	d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, "lan", model.VI)))
	d.Press("down", "down", "down", "down", "down", "down", "enter")
	d.Expect("GL07:", "chuỗi băm khớp", "auth.failed", "auth.signed_in")
	d.Type("failed").Expect("auth.failed").ExpectNot("auth.signed_in")
	// Ctrl+E writes the filtered lines as a workbook, and says where.
	d.Press("ctrl+e")
	files, _ := filepath.Glob(filepath.Join(filepath.Dir(s.Path()), "nhat-ky-GL07-*.xlsx"))
	if len(files) != 1 {
		t.Fatalf("workbooks %v %+v", files, d.Out)
	}
	f, err := excelize.OpenFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(f.GetSheetList()[0])
	var events []string
	for _, r := range rows {
		if len(r) == 6 && r[0] != "Lúc" {
			events = append(events, r[2])
		}
	}
	if strings.Join(events, ",") != "auth.failed" {
		t.Errorf("the workbook holds %q, want the filtered line only", events)
	}
	// The export is itself in the audit.
	d.Press("esc").Type("exported").Expect("file.exported")
}

// An administrator adds a one-off day to the working calendar and
// removes it; the deadlines' calendar follows.
func TestCalendarSection(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, "lan", model.VI)))
	d.Press("down", "down", "down", "down", "enter").Expect("Lịch làm việc 2026", "Tết Nguyên đán", "Quốc khánh")
	d.Press("n").Type("31/12/2026").Press("tab", "backspace").Type("3").Press("tab").Type("Nghỉ cuối năm của đơn vị").Press("ctrl+s")
	d.Expect("Nghỉ cuối năm của đơn vị")
	day := model.NewDate(2026, 12, 31)
	if s.Calendar().IsWorkingDay(day) {
		t.Fatal("the added day off is a working day")
	}
	d.Press("end", "x").ExpectNot("Nghỉ cuối năm của đơn vị")
	if !s.Calendar().IsWorkingDay(day) {
		t.Fatal("the removed day is still off")
	}
}

// An administrator pins the office's key card from a file: the
// fingerprint is shown, Enter does not confirm, C does.
func TestPinPeerSection(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewAt(t, "HN01", "", clk)
	s := storetest.NewAt(t, "GL07", "HN01", clk)
	card := filepath.Join(t.TempDir(), "HN01.card")
	c, err := office.WriteKeyCard(card)
	if err != nil {
		t.Fatal(err)
	}
	d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, "lan", model.VI)))
	d.Press("down", "down", "down", "down", "down", "enter").Expect("Chưa ghim thẻ khóa")
	d.Press("n").Type(card).Press("ctrl+s")
	page := tuitest.PageOf(d.Out)
	if page == nil || !strings.Contains(page.View(80, 21), c.Fingerprint()) || !strings.Contains(page.View(80, 21), "C: ghim") {
		t.Fatal("the card was not shown on the confirm page")
	}
	d.S, _, _ = tuitest.Answer(d.S, page, tuitest.Key("enter"))
	if _, err := s.Peer("HN01"); err == nil {
		t.Fatal("Enter pinned a key card")
	}
	d.S, _, _ = tuitest.Answer(d.S, page, tuitest.Key("c"))
	d.Expect("HN01", "cấp trên")
	if _, err := s.Peer("HN01"); err != nil {
		t.Fatal(err)
	}
}

// The site's details, a unit's dates and the idle lock are saved.
func TestSiteSection(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, "lan", model.VI)))
	d.Press("down", "down", "down", "enter").Expect("Thành lập từ", "Tự khóa sau (phút)")
	d.Press("tab", "tab", "tab").Type("30/06/2026").Press("tab").Type("HN01").Press("tab", "backspace", "backspace").Type("5")
	d.Press("tab", "backspace").Type("5").Press("ctrl+s")
	if st, _ := d.Status(); st != "Đã lưu thông tin đơn vị" {
		t.Fatalf("status %q\n%s", st, d.View())
	}
	site, _ := s.SiteInfo("")
	if site.ValidTo != model.NewDate(2026, 6, 30) || site.Successor != "HN01" || s.IdleLock().Minutes() != 5 || s.Calendar().DueSoon() != 5 {
		t.Fatalf("site %+v, idle %v", site, s.IdleLock())
	}
}

// An administrator writes this site's own key card from the settings
// screen (w on Kết nối, khóa), as donthu keys export does: into the
// bundles' folder by default, named as the command names it; the
// fingerprint to read aloud is shown. A file already there is written
// over only after C on the confirm page, never by Enter.
func TestWriteKeyCardSection(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	dir := t.TempDir()
	if err := s.SetExportDir(dir); err != nil {
		t.Fatal(err)
	}
	want := storetest.KeyCard(t, s).Fingerprint()
	path := filepath.Join(dir, "donthu-key-GL07.json")
	sc := settings.New(tuitest.Context(t, s, clk.Now, "lan", model.VI))
	d := tuitest.NewScreen(t, sc)
	d.Press("down", "down", "down", "down", "down", "enter").Expect("Chưa ghim thẻ khóa")
	help := ""
	for _, g := range sc.FullHelp() {
		for _, b := range g {
			help += b.Help().Key + " " + b.Help().Desc + "\n"
		}
	}
	for _, b := range sc.ShortHelp() {
		help += "short: " + b.Help().Key + " " + b.Help().Desc + "\n"
	}
	if !strings.Contains(help, "\nw ghi thẻ khóa của đơn vị") || !strings.Contains(help, "short: w ghi thẻ khóa của đơn vị") {
		t.Errorf("w is not in the help:\n%s", help)
	}
	d.Press("w").Expect("Ghi thẻ khóa của đơn vị GL07", "donthu-key-GL07.json")
	d.Press("enter")
	c, err := store.ReadKeyCard(path)
	if err != nil || c.Fingerprint() != want {
		t.Fatalf("the card written: %v %+v", err, c)
	}
	d.Expect("Đã ghi thẻ khóa của đơn vị GL07", "Dấu vân tay (đọc cho đơn vị kia", want)
	if st, _ := d.Status(); !strings.Contains(st, "Đã ghi thẻ khóa của đơn vị GL07 vào "+path) {
		t.Errorf("status %q", st)
	}
	// Again, over a file someone changed: asked on the confirm page.
	os.WriteFile(path, []byte("ghi chú"), 0o644)
	d.Out = nil
	d.Press("w", "enter")
	page := tuitest.PageOf(d.Out)
	if page == nil || !strings.Contains(page.View(80, 21), "Đã có tệp") || !strings.Contains(page.View(80, 21), "C: ghi đè") {
		t.Fatalf("no confirm page before writing over a file: %+v", d.Out)
	}
	d.S, _, _ = tuitest.Answer(d.S, page, tuitest.Key("enter"))
	if raw, _ := os.ReadFile(path); string(raw) != "ghi chú" {
		t.Fatal("Enter wrote over a file")
	}
	d.S, _, _ = tuitest.Answer(d.S, page, tuitest.Key("c"))
	if c, err := store.ReadKeyCard(path); err != nil || c.Fingerprint() != want {
		t.Fatalf("C did not write the card: %v", err)
	}
	d.Expect(want)
	// A file name typed elsewhere; with no bundles' folder, the data
	// file's folder is offered.
	other := filepath.Join(t.TempDir(), "the-khoa.json")
	d.Press("w", "ctrl+u").Type(other).Press("ctrl+s")
	if _, err := store.ReadKeyCard(other); err != nil {
		t.Fatal(err)
	}
	if err := s.SetExportDir(""); err != nil {
		t.Fatal(err)
	}
	d.Press("w").Expect("donthu-key-GL07.json")
	if got := tuitest.Plain(sc.View(), 200, 21); !strings.Contains(got, filepath.Base(filepath.Dir(s.Path()))) {
		t.Errorf("the data file's folder is not offered:\n%s", got)
	}
	d.Press("esc").Expect("Kết nối, khóa")
}

// In English, the same page in English.
func TestWriteKeyCardSectionEnglish(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, "lan", model.EN)))
	d.Press("down", "down", "down", "down", "down", "enter", "w").Expect("Write the key card of site GL07", "donthu-key-GL07.json")
	d.Press("enter").Expect("Wrote the key card of site GL07", "Fingerprint (read it to the other site", storetest.KeyCard(t, s).Fingerprint())
}

// The audit lists the reveal of a petition with no case, naming the
// petition (the event is the audit's own: the record is in its note).
func TestAuditListsPetitionReveal(t *testing.T) {
	s, clk := storetest.New(t, "GL07")
	p := storetest.Visit(t, s, "Phạm Văn Tố", model.KindDenunciation)
	if err := s.RevealPetition("lan", p.ID, "Xác minh"); err != nil {
		t.Fatal(err)
	}
	d := tuitest.NewScreen(t, settings.New(tuitest.Context(t, s, clk.Now, "lan", model.VI)))
	d.Press("down", "down", "down", "down", "down", "down", "enter")
	d.Resize(120, 21)
	d.Type("revealed").Expect("identity.revealed", p.ID)
}
