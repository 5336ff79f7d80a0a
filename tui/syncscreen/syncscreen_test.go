package syncscreen

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/bundle"
	"donthu/store/storetest"
	"donthu/tui/common"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// ctxFor signs lan (every role) in to s, with the plain theme and clk.
func ctxFor(t testing.TB, s *store.Store, clk *storetest.Clock, lang model.Lang) *common.Context {
	return tuitest.Context(t, s, clk.Now, "lan", lang)
}

// screen opens the sync screen; roots are the USB sticks it finds.
func screen(t testing.TB, ctx *common.Context, roots ...string) *tuitest.Screen {
	t.Helper()
	return tuitest.NewScreen(t, NewWith(ctx, Options{Roots: func() []string { return roots }, Poll: time.Millisecond}))
}

// world is an office HN01 and its site GL07, cards exchanged, sharing a
// clock, with a USB stick mounted at stick.
type world struct {
	clk          *storetest.Clock
	office, site *store.Store
	stick        string
}

func newWorld(t testing.TB) *world {
	t.Helper()
	clk := &storetest.Clock{T: storetest.Start}
	w := &world{clk: clk,
		office: storetest.NewAt(t, "HN01", "", clk),
		site:   storetest.NewAt(t, "GL07", "HN01", clk),
		stick:  filepath.Join(t.TempDir(), "KINGSTON"),
	}
	if err := os.Mkdir(w.stick, 0o755); err != nil {
		t.Fatal(err)
	}
	pinBoth(t, w.office, w.site)
	return w
}

func peerOf(t testing.TB, s *store.Store, code string) store.Peer {
	t.Helper()
	p, err := s.Peer(code)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func changed(d *tuitest.Screen) bool {
	for _, m := range d.Out {
		if c, ok := m.(common.ChangedMsg); ok && c.Entity == "" {
			return true
		}
	}
	return false
}

// The site writes a bundle for its office on a stick through the screen;
// the office imports it through its own; then the other way.
func TestExportThenImport(t *testing.T) {
	w := newWorld(t)
	p := storetest.Visit(t, w.site, "Nguyễn Văn An", model.KindComplaint)
	n := peerOf(t, w.site, "HN01").Waiting
	if n == 0 {
		t.Fatal("nothing waiting")
	}
	folder := filepath.Join(w.stick, "donthu")

	site := screen(t, ctxFor(t, w.site, w.clk, model.VI), w.stick)
	site.Expect("HN01", "cấp trên", "chưa nhận", fmt.Sprintf("Chờ gửi          %d sự kiện HN01 chưa xác nhận đã có", n))
	site.Press("g").Expect(fmt.Sprintf("Ghi gói GL07→HN01 (%d sự kiện chờ gửi) vào thư mục:", n), folder, "thẻ nhớ KINGSTON · sẽ tạo thư mục")
	site.Press("enter")
	file := filepath.Join(folder, bundle.FileName("GL07", "HN01", w.clk.Now(), 1))
	want := fmt.Sprintf("Đã ghi gói GL07→HN01 số 1 (%d sự kiện) vào %s", n, file)
	if st, isErr := site.Status(); isErr || st != want {
		t.Fatalf("status %q, want %q", st, want)
	}
	site.Expect("✓ Đã ghi gói GL07→HN01 số 1", "mã hóa cho HN01", "Enter hoặc Esc: về danh sách")
	if _, err := os.Stat(file); err != nil {
		t.Fatal(err)
	}
	if got := w.site.ExportDir(); got != folder {
		t.Fatalf("folder remembered: %q", got)
	}
	site.Press("esc").Expect("số 1 · 02/03", "KINGSTON/donthu", "donthu-GL07-to-HN01-2026-03-02-0001.age")

	// At the office.
	w.clk.Advance(time.Hour)
	office := screen(t, ctxFor(t, w.office, w.clk, model.VI), w.stick)
	office.Expect("GL07", "cấp dưới", "chưa nhận")
	office.Press("n").Expect("Nhập các gói từ thư mục:", folder)
	office.Press("enter").Expect("Nhập gói từ "+folder, "Tìm thấy 1 tệp gói", "donthu-GL07-to-HN01-2026-03-02-0001.age  từ GL07, gói số 1", "C: nhập 1 gói")
	// Enter, pressed in habit, imports nothing: importing takes C.
	office.Press("enter").Expect("C: nhập 1 gói")
	if st, isErr := office.Status(); !isErr || !strings.Contains(st, "Enter không xác nhận") || changed(office) {
		t.Fatalf("Enter on the import question: %q", st)
	}
	office.Press("c")
	office.Expect("Đã nhập 1 · đã có 0 · bị từ chối 0 · bỏ qua 0", "✓ donthu-GL07-to-HN01-2026-03-02-0001.age",
		fmt.Sprintf("đã nhập gói số 1 từ GL07: %d sự kiện mới, 0 đã có", n))
	if !changed(office) {
		t.Fatal("no ChangedMsg after the import")
	}
	if st, _ := office.Status(); st != "Đã nhập 1 · đã có 0 · bị từ chối 0 · bỏ qua 0" {
		t.Fatalf("status %q", st)
	}
	if got, err := w.office.Petition(p.ID); err != nil || got.SenderName != "Nguyễn Văn An" {
		t.Fatalf("the office lacks the site's petition: %+v %v", got, err)
	}
	if a, b := w.office.Heads()["GL07"], w.site.Heads()["GL07"]; a != b {
		t.Fatalf("office holds GL07 up to %d, the site has %d", a, b)
	}
	office.Press("esc").Expect("số 1 · 02/03", "1 giờ trước", "gói số 1 · nhập lúc 02/03/2026 10:00")
	w.clk.Advance(3 * 24 * time.Hour)
	office.Send(common.ChangedMsg{}).Expect("3 ngày trước", "Dữ liệu mới nhất 3 ngày trước (gói tạo lúc 02/03/2026 09:00)")

	// Importing it again changes nothing.
	office.Press("n", "enter", "c").Expect("= donthu-GL07-to-HN01", "đã có: gói số 1 từ GL07 đã nhập trước đó")

	// The office writes back to the same folder (used last time); the site
	// imports it, and leaves its own bundle alone.
	office.Press("esc", "g").Expect(folder, "đã dùng lần trước · thẻ nhớ KINGSTON")
	office.Press("enter").Expect("✓ Đã ghi gói HN01→GL07 số 1 (0 sự kiện)")
	site.Press("n").Expect(folder, "đã dùng lần trước · thẻ nhớ KINGSTON")
	site.Press("enter").Expect("Tìm thấy 2 tệp gói", "gói của đơn vị này gửi HN01: bỏ qua", "từ HN01, gói số 1", "nhập 1 gói")
	site.Press("c").Expect("Đã nhập 1 · đã có 0 · bị từ chối 0 · bỏ qua 1", "· donthu-GL07-to-HN01-2026-03-02-0001.age", "✓ donthu-HN01-to-GL07-2026-03-05-0001.age")
	if got := peerOf(t, w.site, "HN01"); got.Acked != w.site.Heads()["GL07"] || got.Waiting != 0 {
		t.Fatalf("the office's acknowledgement: %+v", got)
	}
	site.Press("esc").Expect("Chờ gửi          không có: HN01 đã có đủ")
}

// A refused bundle says why, on the import and then in the table.
func TestRefusedBundleShowsWhy(t *testing.T) {
	w := newWorld(t)
	folder := filepath.Join(w.stick, "donthu")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	// A bundle for another child, GL08: under its own name, and renamed
	// as if it were for GL07.
	gl08 := storetest.NewAt(t, "GL08", "HN01", w.clk)
	pinBoth(t, w.office, gl08)
	x, err := w.office.ExportBundle("GL08", folder+string(os.PathSeparator))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(x.Path)
	renamed := bundle.FileName("HN01", "GL07", w.clk.Now(), 7)
	os.WriteFile(filepath.Join(folder, renamed), b, 0o644)
	// A forged office: a file set up as HN01 with other keys.
	forger := storetest.NewAt(t, "HN01", "", &storetest.Clock{T: storetest.Start.Add(time.Minute)})
	if _, err := forger.PinPeer(keyCard(t, w.site), store.PinOptions{}); err != nil {
		t.Fatal(err)
	}
	if _, err := forger.ExportBundle("GL07", folder+string(os.PathSeparator)); err != nil {
		t.Fatal(err)
	}

	for _, lang := range []model.Lang{model.VI, model.EN} {
		d := screen(t, ctxFor(t, w.site, w.clk, lang), w.stick)
		d.Press("n", "enter", "c")
		if lang == model.VI {
			d.Expect("Đã nhập 0 · đã có 0 · bị từ chối 2 · bỏ qua 1",
				"✗ donthu-HN01-to-GL07-2026-03-02-0001.age", "bị từ chối, không nhập gì: Gói được ký bằng một khóa khác",
				"✗ "+renamed, "bị từ chối, không nhập gì: Gói này được mã hóa cho một đơn vị khác",
				"· donthu-HN01-to-GL08-2026-03-02-0001.age", "gói gửi cho GL08, không phải đơn vị này: bỏ qua")
			d.Press("esc").Expect("✗1", "✗ Bị từ chối", "donthu-HN01-to-GL07-2026-03-02-0001.age", "Gói được ký bằng một khóa khác",
				"✗ 1 gói không rõ nơi gửi bị từ chối; gần nhất", "Gói này được mã hóa")
		} else {
			d.Expect("Imported 0 · already had 0 · refused 2 · skipped 1",
				"refused, nothing imported: The bundle is signed with another key",
				"refused, nothing imported: This bundle is encrypted for another site",
				"a bundle for GL08, not for this site: skipped")
			d.Press("esc").Expect("✗ Refused", "The bundle is signed with another key")
		}
	}
	if got, _ := w.site.Peer("HN01"); got.Received.Number != 0 || len(got.Refused) != 2 {
		t.Fatalf("after refusals: %+v", got)
	}
}

func TestNoPeerYet(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		s, clk := storetest.New(t, "GL07")
		d := screen(t, ctxFor(t, s, clk, lang))
		if lang == model.VI {
			d.Expect("Chưa có đơn vị nào.", "Trao đổi thẻ khóa (việc của quản trị viên): Cài đặt (Alt+7) › Kết nối, khóa",
				"Dấu vân tay của đơn vị này: "+keyCard(t, s).Fingerprint())
			d.Press("g")
			if st, isErr := d.Status(); !isErr || !strings.Contains(st, "trao đổi thẻ khóa") {
				t.Fatalf("g with no peer: %q", st)
			}
		} else {
			d.Expect("No site yet.", "Exchange key cards (an administrator's task): Settings (Alt+7) › Peers, keys")
		}
	}
}

// Importing is dangerous: a receptionist is told why not.
func TestImportNeedsRole(t *testing.T) {
	w := newWorld(t)
	ctx := ctxFor(t, w.site, w.clk, model.VI)
	ctx.User = model.User{Login: "hoa", Name: "Lê Thị Hoa", Roles: []model.Role{model.RoleReceptionist}, Active: true}
	d := screen(t, ctx, w.stick)
	d.Press("n")
	if st, isErr := d.Status(); !isErr || st != "Nhập gói cần cán bộ xử lý, lãnh đạo hoặc quản trị viên." {
		t.Fatalf("status %q", st)
	}
	d.Expect("Chờ gửi") // still the list
	// Writing a bundle is for everyone.
	d.Press("g").Expect("Ghi gói GL07→HN01")
}

// Esc backs out one level; a typed path is unsaved input; a folder that
// is not there is said so and nothing is written.
func TestPickFolderKeys(t *testing.T) {
	w := newWorld(t)
	storetest.Visit(t, w.site, "Nguyễn Văn An", model.KindComplaint)
	d := screen(t, ctxFor(t, w.site, w.clk, model.VI), w.stick)
	s := d.S.(*Model)
	d.Press("g", "tab")
	if !s.Capturing() || s.Dirty() {
		t.Fatalf("on the path field: capturing %v dirty %v", s.Capturing(), s.Dirty())
	}
	missing := filepath.Join(w.stick, "không có")
	d.Type(missing)
	if !s.Dirty() {
		t.Fatal("a typed path is not dirty")
	}
	d.Press("enter").Expect("✗ Không có thư mục " + missing)
	if st, isErr := d.Status(); !isErr || !strings.HasPrefix(st, "Không có thư mục") {
		t.Fatalf("status %q", st)
	}
	if got := peerOf(t, w.site, "HN01"); got.Sent.Number != 0 {
		t.Fatalf("a bundle was recorded: %+v", got)
	}
	// Tab goes back to the folders found, Esc to the list.
	d.Press("tab")
	if s.Capturing() {
		t.Fatal("still on the field")
	}
	d.Press("esc").Expect("Đã gửi", "Chờ gửi")
	if s.Dirty() || s.mode != modeList {
		t.Fatalf("after Esc: dirty %v mode %v", s.Dirty(), s.mode)
	}
	// A typed folder that exists is used as it is.
	d.Press("g", "tab", "ctrl+u").Type(w.stick).Press("enter")
	d.Expect("✓ Đã ghi gói GL07→HN01 số 1", filepath.Base(w.stick))
	if got := w.site.ExportDir(); got != w.stick {
		t.Fatalf("folder remembered: %q", got)
	}
	// An import's confirmation: Esc goes back to the folders, again to
	// the list.
	d.Press("esc", "n", "enter").Expect("Tìm thấy 1 tệp gói", "Không có gói nào cần nhập ở đây. Esc: quay lại")
	d.Press("esc").Expect("Nhập các gói từ thư mục:")
	d.Press("esc").Expect("Đã gửi")
	// A folder with no bundle.
	empty := t.TempDir()
	d.Press("n", "tab").Type(empty).Press("enter").Expect("✗ Không có tệp gói (*.age) nào trong " + empty)
	if text, isErr := d.Status(); !isErr || !strings.Contains(text, empty) {
		t.Fatalf("status %q", text)
	}
	// The stick then: the status line no longer says there is no bundle.
	d.Press("ctrl+u").Type(w.stick).Press("enter").Expect("Tìm thấy 1 tệp gói")
	if text, isErr := d.Status(); text != "" || isErr {
		t.Fatalf("a bundle found, the status line still says %q", text)
	}
}

// The help lists every key; the short help follows the mode.
func TestHelp(t *testing.T) {
	w := newWorld(t)
	d := screen(t, ctxFor(t, w.site, w.clk, model.VI), w.stick)
	var keys []string
	for _, g := range d.S.FullHelp() {
		for _, k := range g {
			keys = append(keys, k.Help().Key)
		}
	}
	if got := strings.Join(keys, " "); got != "↑↓ g n Enter Tab r C ↑↓ PgUp PgDn Esc" {
		t.Fatalf("full help: %s", got)
	}
	if got := d.S.ShortHelp(); len(got) != 3 || got[1].Help().Key != "g" {
		t.Fatalf("short help of the list: %v", got)
	}
	d.Press("g")
	if got := d.S.ShortHelp(); got[len(got)-1].Help().Key != "Esc" {
		t.Fatalf("short help of the picker: %v", got)
	}
}

// The root gives messages to the active screen only: an import whose
// result arrives while another screen is shown is still reported when
// this one is shown again.
func TestImportSurvivesLeavingTheScreen(t *testing.T) {
	w := newWorld(t)
	storetest.Visit(t, w.site, "Nguyễn Văn An", model.KindComplaint)
	folder := filepath.Join(w.stick, "donthu")
	os.Mkdir(folder, 0o755)
	if _, err := w.site.ExportBundle("HN01", folder+string(os.PathSeparator)); err != nil {
		t.Fatal(err)
	}
	d := screen(t, ctxFor(t, w.office, w.clk, model.VI), w.stick)
	d.Press("n", "enter").Expect("nhập 1 gói")
	s := d.S.(*Model)
	_, cmd := s.Update(tuitest.Key("c"))
	// The person presses F2: the work runs, its messages go elsewhere.
	for _, c := range cmd().(tea.BatchMsg) {
		c()
	}
	d.Expect("Đang nhập gói 1/1")
	if w.office.Heads()["GL07"] == 0 {
		t.Fatal("not imported")
	}
	// F6 again.
	for _, c := range s.Init()().(tea.BatchMsg) {
		d.Send(c())
	}
	d.Expect("Đã nhập 1 · đã có 0 · bị từ chối 0 · bỏ qua 0", "✓ donthu-GL07-to-HN01")
	if !changed(d) {
		t.Fatal("no ChangedMsg")
	}
}

// A site that declares its parent but has not pinned the parent's card
// says so, rather than "no parent".
func TestDeclaredParentNotPinned(t *testing.T) {
	clk := &storetest.Clock{}
	clk.SetDate(model.NewDate(2026, 3, 2))
	s := storetest.NewAt(t, "GL07", "HN01", clk)
	screen(t, ctxFor(t, s, clk, model.VI)).Expect("cấp trên HN01: chưa ghim thẻ khóa")
	screen(t, ctxFor(t, s, clk, model.EN)).Expect("parent HN01: key card not pinned")
}

var (
	keyCard = storetest.KeyCard
	pinBoth = storetest.PinBoth
)

// TestRestoredCopySaysWhatToDo: a backup opened as the live file says,
// above the table, that it saves nothing until its office answers and
// which keys do it; once the answer is imported through the screen, the
// warning is gone.
func TestRestoredCopySaysWhatToDo(t *testing.T) {
	w := newWorld(t)
	backup := filepath.Join(t.TempDir(), "gl07.db")
	if err := w.site.Backup(backup); err != nil {
		t.Fatal(err)
	}
	c, err := store.Open(backup, store.Options{Now: w.clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.SignIn("lan", storetest.Password); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []model.Lang{model.VI, model.EN} {
		sc := screen(t, ctxFor(t, c, w.clk, lang), w.stick)
		sc.Resize(80, 24)
		if lang == model.VI {
			sc.Expect("⚠ Tệp này là bản sao lưu được khôi phục", "chưa lưu được gì", "HN01 trả lời", "bấm g để ghi", "bấm n để nhập")
		} else {
			sc.Expect("⚠ This file is a restored backup", "nothing is saved", "HN01 answers", "press g to write", "press n to import")
		}
	}
	x, err := c.ExportBundle("HN01", w.stick+"/")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.office.ImportBundle(x.Path); err != nil {
		t.Fatal(err)
	}
	if _, err := w.office.ExportBundle("GL07", w.stick+"/"); err != nil {
		t.Fatal(err)
	}
	sc := screen(t, ctxFor(t, c, w.clk, model.VI), w.stick)
	sc.Resize(80, 24)
	sc.Press("n").Press("enter").Press("c")
	sc.Press("esc").ExpectNot("bản sao lưu được khôi phục")
	if c.Copy().Waiting {
		t.Fatal("the copy still waits after importing the answer")
	}
}

// A long import shows what it imports, and under it how far it has
// read, each on a line of its own within 80 columns, in both languages;
// a quit meanwhile is asked about in those words.
func TestImportInProgressFitsTheWindow(t *testing.T) {
	w := newWorld(t)
	for _, c := range []struct {
		l          model.Lang
		read, file string
	}{{model.VI, "đã đọc 409.600/955.758 sự kiện", "Đang nhập gói 1/1: donthu-GL07-to-HN01-2026-03-02-0001.age"},
		{model.EN, "409,600 of 955,758 events read", "Importing bundle 1/1: donthu-GL07-to-HN01-2026-03-02-0001.age"}} {
		d := screen(t, ctxFor(t, w.office, w.clk, c.l), w.stick)
		m := d.S.(*Model)
		m.mode, m.busy = modeBusy, sprintf(m.w.ImportRead, 1, 1, "donthu-GL07-to-HN01-2026-03-02-0001.age", model.ThousandsIn(c.l, 409600), model.ThousandsIn(c.l, 955758))
		d.Expect(c.file, c.read)
		// Quitting now would abandon the import: the root asks first.
		if q := m.BusyQuit(); !strings.Contains(q, c.file) || !strings.Contains(q, c.read) {
			t.Fatalf("the quit question while importing: %q", q)
		}
		for _, l := range strings.Split(d.View(), "\n") {
			if n := lipgloss.Width(l); n > 80 {
				t.Fatalf("%d columns: %q", n, l)
			}
		}
	}
}
