package paper

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store/paper/pdftext"
)

// flat is the text of a PDF with line breaks as spaces: a value wrapped
// over two lines still reads as one.
func flat(pdf []byte) string { return strings.Join(strings.Fields(pdftext.Text(pdf)), " ") }

func mustSet(t testing.TB, dir string) *Set {
	t.Helper()
	s, err := LoadSet(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Every form prints the record's values with their diacritics, the
// union's header and the national motto.
func TestFormsCarryTheRecord(t *testing.T) {
	set := mustSet(t, "")
	common := []string{"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "CÔNG ĐOÀN XÃ GIA LÂM",
		"LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI", "Mã xác thực: GL07-1234-K7QX-M2PA"}
	want := map[string][]string{
		FormReceipt:       {"GIẤY BIÊN NHẬN", "Nguyễn Thị Hường", "Căn cước/CCCD số 001185012345", "Số 12 ngõ 34 đường Nguyễn Đức Thuận", "Hợp đồng lao động (bản sao)", "Phiếu lương tháng 8/2026", "Lê Thị Ánh", "14/12/2026", "Hà Nội, ngày 02 tháng 12 năm 2026", "Mẫu số 02/TCD"},
		FormAppointment:   {"PHIẾU HẸN", "Nguyễn Thị Hường", "14/12/2026", "GL07-2026-T0042"},
		FormProposal:      {"PHIẾU ĐỀ XUẤT THỤ LÝ ĐƠN", "GL07-2026-0017", "Tố cáo giám đốc Công ty TNHH May Đức Giang", "04/01/2027", "(Đã giữ bí mật theo Điều 56 Luật Tố cáo)"},
		FormForwardTC:     {"PHIẾU CHUYỂN ĐƠN TỐ CÁO", "Thanh tra Sở Nội vụ thành phố Hà Nội", "(Đã giữ bí mật theo Điều 56 Luật Tố cáo)", "Mẫu số 03"},
		FormGuide:         {"HƯỚNG DẪN", "Nguyễn Thị Hường", "Thanh tra Sở Nội vụ thành phố Hà Nội"},
		FormAcceptance:    {"Về việc thụ lý giải quyết", "Nguyễn Thị Hường", "04/01/2027", "NĐ 24/2018/NĐ-CP Điều 20", "Khiếu nại việc bị trừ lương trái luật."},
		FormNonAcceptance: {"Về việc không thụ lý giải quyết", "Nguyễn Thị Hường"},
		FormRegister:      {"SỔ TIẾP ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG VÀ CÔNG DÂN", "Đặng Văn Ước – Xã Bát Tràng", "(bảo mật)", "Hỏi về chế độ thai sản", "2 lượt tiếp", "Mẫu số 03/TCD"},
		SheetWages:        {"Khi bị nợ lương", "Bộ luật Lao động 2019", "cần kiểm tra", "Nội dung kiểm tra lần cuối ngày 02/12/2026"},
	}
	for _, id := range FormIDs() {
		t.Run(id, func(t *testing.T) {
			b, _ := renderForm(t, set, sampleInput(id), "GL07-1234-K7QX-M2PA")
			text := flat(b)
			for _, s := range append(append([]string(nil), common...), want[id]...) {
				if !strings.Contains(text, s) {
					t.Errorf("%s: no %q in\n%s", id, s, text)
				}
			}
			if strings.Contains(text, "<no value>") || strings.Contains(text, "{{") {
				t.Errorf("%s: an unfilled placeholder:\n%s", id, text)
			}
		})
	}
}

var mediaBoxRE = regexp.MustCompile(`/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]`)

// Pages are A4, and every text run lies inside the margins of NĐ 30/2020
// (the verification footer inside the bottom margin, above 5 mm).
func TestLayoutIsA4WithinMargins(t *testing.T) {
	set := mustSet(t, "")
	const k = 72 / 25.4
	for _, id := range []string{FormReceipt, FormForwardTC, FormRegister, SheetSafety} {
		b, _ := renderForm(t, set, sampleInput(id), "GL07-1234-K7QX-M2PA")
		m := mediaBoxRE.FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no MediaBox", id)
		}
		w, h := string(m[1]), string(m[2])
		land := id == FormRegister
		if (!land && (w != "595.28" || h != "841.89")) || (land && (w != "841.89" || h != "595.28")) {
			t.Fatalf("%s: page %s x %s pt, want A4", id, w, h)
		}
		W, H := 210.0, 297.0
		left := MarginLeft
		if land {
			W, H, left = H, W, MarginLeftLand
		}
		ops := pdftext.Ops(b)
		if len(ops) < 10 {
			t.Fatalf("%s: %d text runs", id, len(ops))
		}
		for _, op := range ops {
			x, y := op.X/k, H-op.Y/k // mm from the top left
			if x < left-0.1 || x > W-MarginRight {
				t.Errorf("%s: %q starts %.1f mm from the left, outside [%.0f, %.0f]", id, op.Text, x, left, W-MarginRight)
			}
			if y < MarginTop || y > H-5 {
				t.Errorf("%s: %q sits %.1f mm from the top, outside [%.0f, %.0f]", id, op.Text, y, MarginTop, H-5)
			}
			if y > H-MarginBottom && !strings.Contains(op.Text, "GL07-1234-K7QX-M2PA") && !strings.Contains(op.Text, "Trang") && !strings.Contains(op.Text, "verify") && !strings.Contains(op.Text, "cấp trên") {
				t.Errorf("%s: body text %q in the bottom margin (%.1f mm)", id, op.Text, y)
			}
		}
	}
}

// The redacted copy of a forwarded denunciation names nobody; the full one
// does.
func TestRedactedCopyHidesTheDenouncer(t *testing.T) {
	set := mustSet(t, "")
	secret := []string{tPerson.Name, tPerson.IDNumber, tPerson.Phone, "Nguyễn Đức Thuận", "Hường"}
	for _, id := range []string{FormForwardTC, FormProposal, FormReturn, FormRegister} {
		in := sampleInput(id)
		if id == FormReturn {
			p := tPetition
			p.Decision = model.DecisionReturn
			in.Petition = &p
		}
		b, d := renderForm(t, set, in, "GL07-1234-K7QX-M2PA")
		text := flat(b)
		for _, s := range secret {
			if strings.Contains(text, s) {
				t.Errorf("%s: the redacted copy shows %q", id, s)
			}
		}
		if !d.Redacted {
			t.Errorf("%s: not marked redacted", id)
		}
		in.Full = true
		b, _ = renderForm(t, set, in, "GL07-1234-K7QX-M2PA")
		if !strings.Contains(flat(b), tPerson.Name) {
			t.Errorf("%s: the full copy does not name the sender", id)
		}
	}
}

// A visit before 1/7/2026 gets the receipt of the old rules; from that
// day, Mẫu 02/TCD of NĐ 154/2026.
func TestTemplateVersionFollowsTheDate(t *testing.T) {
	set := mustSet(t, "")
	for _, c := range []struct {
		d    model.Date
		want string
	}{{model.Date{Y: 2026, M: 6, D: 30}, "Thông tư 04/2021"}, {model.Date{Y: 2026, M: 7, D: 1}, "Nghị định số 154/2026"}} {
		tpl, err := set.Pick(FormReceipt, c.d)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(tpl.Basis, c.want) {
			t.Errorf("%s: basis %q, want %q", c.d, tpl.Basis, c.want)
		}
	}
}

// An office's own template replaces the built-in one; a bad one is
// refused with its file and line, and never printed.
func TestOfficeTemplates(t *testing.T) {
	dir := t.TempDir()
	files, err := WriteBuiltins(dir)
	if err != nil || len(files) < 20 {
		t.Fatalf("WriteBuiltins: %d files, %v", len(files), err)
	}
	p := filepath.Join(dir, "appointment.txt")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.Replace(b, []byte("= PHIẾU HẸN"), []byte("= GIẤY HẸN CỦA CÔNG ĐOÀN XÃ"), 1), 0o644)
	set := mustSet(t, dir)
	out, _ := renderForm(t, set, sampleInput(FormAppointment), "")
	if !strings.Contains(flat(out), "GIẤY HẸN CỦA CÔNG ĐOÀN XÃ") {
		t.Fatal("the office's template was not used")
	}

	bad := strings.Replace(string(b), "{{.AnswerDue}}", "{{.NgayHen}}", 1)
	os.WriteFile(p, []byte(bad), 0o644)
	set = mustSet(t, dir)
	_, err = set.Pick(FormAppointment, model.Date{Y: 2026, M: 12, D: 2})
	var te *TemplateError
	if !errors.As(err, &te) {
		t.Fatalf("a bad template: %v, want a TemplateError", err)
	}
	msg := te.Message(model.VI)
	for _, s := range []string{"appointment.txt", "dòng", "NgayHen", "AnswerDue", "xoá nó để dùng mẫu có sẵn"} {
		if !strings.Contains(msg, s) {
			t.Errorf("message %q lacks %q", msg, s)
		}
	}
	if _, err := set.Pick(FormReceipt, model.Date{Y: 2026, M: 12, D: 2}); err != nil {
		t.Errorf("another form is refused too: %v", err)
	}
	for _, c := range []struct{ name, text string }{
		{"receipt.txt", "form: receipt\n---\n@nothing\n"},
		{"receipt.txt", "form: receipt\nfrom: 31/02/2026\n---\nx\n"},
		{"receipt.txt", "form: receipt\n= no separator\n"},
		{"receipt.txt", "form: nosuchform\n---\nx\n"},
		{"receipt.txt", "form: receipt\n---\n{{.SenderName\n"},
	} {
		_, err := ParseTemplate(c.name, c.text)
		if !errors.As(err, &te) || te.Msg.VI == "" || te.Msg.EN == "" {
			t.Errorf("%q: %v, want a TemplateError in both languages", c.text, err)
		}
	}
}

// The guidance sheets a visit's content calls for, matched without
// diacritics.
func TestSheetsMatchTheContent(t *testing.T) {
	set := mustSet(t, "")
	d := model.Date{Y: 2026, M: 12, D: 2}
	got := func(text string) string {
		var out []string
		for _, t := range set.Sheets(text, d) {
			out = append(out, t.Form)
		}
		return strings.Join(out, ",")
	}
	for text, want := range map[string]string{
		"Công ty NỢ LƯƠNG ba tháng":                      SheetWages,
		"bi sa thai khong ly do":                         SheetDismissal,
		"Chậm đóng bảo hiểm xã hội, bị tai nạn lao động": SheetInsurance + "," + SheetSafety,
		"Hỏi đường":                                      "",
	} {
		if g := got(text); g != want {
			t.Errorf("%q: sheets %q, want %q", text, g, want)
		}
	}
}

func TestCodeRoundTrip(t *testing.T) {
	sig := bytes.Repeat([]byte{7}, 64)
	c := Code("GL07", 1234, sig)
	site, seq, auth, m := ParseCode(" " + strings.ToLower(c) + " ")
	if m != nil || site != "GL07" || seq != 1234 || auth != Auth(sig) {
		t.Fatalf("ParseCode(%q) = %s %d %s %v", c, site, seq, auth, m)
	}
	for _, bad := range []string{"", "GL07", "GL07-0-ABCD-EFGH", "GL07-12-ABC-EFGH", "GL07-x-ABCD-EFGH", "GL07-12-ABCD-EFGU"} {
		if _, _, _, m := ParseCode(bad); m == nil {
			t.Errorf("ParseCode(%q) accepted", bad)
		}
	}
	if qr, err := QRMatrix(c); err != nil || len(qr) < 21 || len(qr) > 29 {
		t.Fatalf("QR of %q: %d modules, %v", c, len(qr), err)
	}
}
