package model

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// domainProvinceList is docs/law.md, Identity documents (TT 07/2016/TT-BCA Phụ lục 1),
// copied as written there; the table in validate.go must match it exactly.
const domainProvinceList = `
  001 Hà Nội · 002 Hà Giang · 004 Cao Bằng · 006 Bắc Kạn · 008 Tuyên Quang · 010 Lào Cai · 011 Điện Biên ·
  012 Lai Châu · 014 Sơn La · 015 Yên Bái · 017 Hòa Bình · 019 Thái Nguyên · 020 Lạng Sơn · 022 Quảng Ninh ·
  024 Bắc Giang · 025 Phú Thọ · 026 Vĩnh Phúc · 027 Bắc Ninh · 030 Hải Dương · 031 Hải Phòng · 033 Hưng Yên ·
  034 Thái Bình · 035 Hà Nam · 036 Nam Định · 037 Ninh Bình · 038 Thanh Hóa · 040 Nghệ An · 042 Hà Tĩnh ·
  044 Quảng Bình · 045 Quảng Trị · 046 Thừa Thiên Huế · 048 Đà Nẵng · 049 Quảng Nam · 051 Quảng Ngãi ·
  052 Bình Định · 054 Phú Yên · 056 Khánh Hòa · 058 Ninh Thuận · 060 Bình Thuận · 062 Kon Tum · 064 Gia Lai ·
  066 Đắk Lắk · 067 Đắk Nông · 068 Lâm Đồng · 070 Bình Phước · 072 Tây Ninh · 074 Bình Dương · 075 Đồng Nai ·
  077 Bà Rịa - Vũng Tàu · 079 Hồ Chí Minh · 080 Long An · 082 Tiền Giang · 083 Bến Tre · 084 Trà Vinh ·
  086 Vĩnh Long · 087 Đồng Tháp · 089 An Giang · 091 Kiên Giang · 092 Cần Thơ · 093 Hậu Giang ·
  094 Sóc Trăng · 095 Bạc Liêu · 096 Cà Mau
`

func TestProvinceCodesMatchDomain(t *testing.T) {
	re := regexp.MustCompile(`(\d{3}) ([^·\n]+?)\s*(?:·|\n)`)
	want := map[string]string{}
	for _, m := range re.FindAllStringSubmatch(domainProvinceList, -1) {
		want[m[1]] = m[2]
	}
	if len(want) != 63 {
		t.Fatalf("parsed %d codes from the list of TT 07/2016/TT-BCA, want 63", len(want))
	}
	if len(provinceCodes) != 63 {
		t.Errorf("provinceCodes has %d entries, want 63", len(provinceCodes))
	}
	for code, name := range want {
		if got, ok := provinceCodes[code]; !ok || got != name {
			t.Errorf("provinceCodes[%s] = %q, %v; want %q", code, got, ok, name)
		}
	}
	for code, name := range provinceCodes {
		if _, ok := want[code]; !ok {
			t.Errorf("provinceCodes has %s %q, not in the list of TT 07/2016/TT-BCA", code, name)
		}
		if !norm.NFC.IsNormalString(name) {
			t.Errorf("province name %q is not NFC", name)
		}
	}
}

func TestProvinceOfCCCD(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"001", "Hà Nội", true},
		{"001099012345", "Hà Nội", true},
		{"031 2 85 123456", "Hải Phòng", true},
		{"048", "Đà Nẵng", true},
		{"079.1.95.000001", "Hồ Chí Minh", true},
		{"096", "Cà Mau", true},
		{"019", "Thái Nguyên", true},
		{"077", "Bà Rịa - Vũng Tàu", true},
		{"003", "", false},
		{"005", "", false},
		{"000", "", false},
		{"097", "", false},
		{"100", "", false},
		{"01", "", false},
		{"", "", false},
		{"a01", "", false},
	}
	for _, tt := range tests {
		got, ok := ProvinceOfCCCD(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ProvinceOfCCCD(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCleanDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"001099012345", "001099012345"},
		{" 001 099 012 345 ", "001099012345"},
		{"001.099.012.345", "001099012345"},
		{"001-099-012-345", "001099012345"},
		{"001–099—012\u00a0345", "001099012345"},
		{"001\t099", "001099"},
		{"0010x9", "0010x9"},
		{"(024) 3825", "(024)3825"},
	}
	for _, tt := range tests {
		if got := CleanDigits(tt.in); got != tt.want {
			t.Errorf("CleanDigits(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// checkMsg asserts a message is present, has the field, both languages, and
// a Vietnamese text containing want.
func checkMsg(t *testing.T, what string, m *Msg, field, want string) {
	t.Helper()
	if m == nil {
		t.Errorf("%s: no message, want one containing %q", what, want)
		return
	}
	if m.Field != field {
		t.Errorf("%s: Field = %q, want %q", what, m.Field, field)
	}
	if m.VI == "" || m.EN == "" || m.VI == m.EN {
		t.Errorf("%s: message not bilingual: %+v", what, m.Label)
	}
	if !norm.NFC.IsNormalString(m.VI) {
		t.Errorf("%s: Vietnamese message not NFC: %q", what, m.VI)
	}
	if !strings.Contains(m.VI, want) {
		t.Errorf("%s: message %q does not contain %q", what, m.VI, want)
	}
}

func TestValidateCCCD(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		birthYear int
		want      string
		warn, err string // substrings of the Vietnamese message; "" = none
	}{
		{"valid, year unknown", "001099012345", 0, "001099012345", "", ""},
		{"valid, year matches", "001099012345", 1999, "001099012345", "", ""},
		{"female 1900s", "079185000001", 1985, "079185000001", "", ""},
		{"male 2000s", "031205123456", 2005, "031205123456", "", ""},
		{"female 2000s", "048310000000", 2010, "048310000000", "", ""},
		{"separators", " 001 099-012.345 ", 0, "001099012345", "", ""},
		{"year mismatch warns", "001099012345", 1998, "001099012345", "không khớp năm sinh 1998", ""},
		{"century mismatch warns", "001099012345", 2099, "001099012345", "năm sinh 1999", ""},
		{"century digit 2 but born 1905 warns", "001205012345", 1905, "001205012345", "năm sinh 2005", ""},
		{"2100s with unknown year warns", "001405012345", 0, "001405012345", "năm sinh 2105", ""},
		{"2200s with unknown year warns", "001705012345", 0, "001705012345", "năm sinh 2205", ""},
		{"2300s with year warns", "001905012345", 1990, "001905012345", "năm sinh 2305", ""},
		{"empty", "", 0, "", "", "Chưa nhập số căn cước"},
		{"blank", "  ", 0, "", "", "Chưa nhập số căn cước"},
		{"11 digits", "00109901234", 0, "", "", "Số căn cước phải có đúng 12 chữ số (đang có 11)"},
		{"13 digits", "0010990123456", 0, "", "", "Số căn cước phải có đúng 12 chữ số (đang có 13)"},
		{"9 digits", "012345678", 0, "", "", "đúng 12 chữ số"},
		{"letter", "00109901234O", 0, "", "", "chỉ gồm chữ số"},
		{"province 003", "003099012345", 0, "", "", "Mã tỉnh 003 không có trong danh mục (TT 07/2016/TT-BCA)"},
		{"province 005", "005099012345", 1999, "", "", "Mã tỉnh 005"},
		{"province 000", "000099012345", 0, "", "", "Mã tỉnh 000"},
		{"province 099", "099099012345", 0, "", "", "Mã tỉnh 099"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warn, err := ValidateCCCD(tt.in, tt.birthYear)
			if got != tt.want {
				t.Errorf("normalized = %q, want %q", got, tt.want)
			}
			if tt.err == "" && err != nil {
				t.Errorf("unexpected error %q", err.VI)
			}
			if tt.err != "" {
				checkMsg(t, "error", err, "cccd", tt.err)
			}
			if tt.warn == "" && warn != nil {
				t.Errorf("unexpected warning %q", warn.VI)
			}
			if tt.warn != "" {
				checkMsg(t, "warning", warn, "cccd", tt.warn)
			}
		})
	}
}

func TestCCCDBirthYearAndSex(t *testing.T) {
	tests := []struct {
		in   string
		year int
		sex  string
	}{
		{"001099012345", 1999, "male"},
		{"001199012345", 1999, "female"},
		{"001000012345", 1900, "male"},
		{"001200012345", 2000, "male"},
		{"001305012345", 2005, "female"},
		{"001423012345", 2123, "male"},
		{"001523012345", 2123, "female"},
		{"001623012345", 2223, "male"},
		{"001723012345", 2223, "female"},
		{"001823012345", 2323, "male"},
		{"001999012345", 2399, "female"},
		{"001 1 85 012345", 1985, "female"},
		{"00109901234", 0, ""},
		{"0010990123456", 0, ""},
		{"00109901234x", 0, ""},
		{"", 0, ""},
	}
	for _, tt := range tests {
		if got := CCCDBirthYear(tt.in); got != tt.year {
			t.Errorf("CCCDBirthYear(%q) = %d, want %d", tt.in, got, tt.year)
		}
		if got := CCCDSex(tt.in); got != tt.sex {
			t.Errorf("CCCDSex(%q) = %q, want %q", tt.in, got, tt.sex)
		}
	}
}

func TestValidateCMND(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"012345678", "012345678", ""},
		{"012 345 678", "012345678", ""},
		{"012.345.678", "012345678", ""},
		{"", "", "Chưa nhập số CMND"},
		{"01234567", "", "Số CMND phải có đúng 9 chữ số (đang có 8)"},
		{"0123456789", "", "đang có 10"},
		{"001099012345", "", "hãy chọn loại giấy tờ là căn cước"},
		{"01234567A", "", "chỉ gồm chữ số"},
	}
	for _, tt := range tests {
		got, err := ValidateCMND(tt.in)
		if got != tt.want {
			t.Errorf("ValidateCMND(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.err == "" {
			if err != nil {
				t.Errorf("ValidateCMND(%q): unexpected error %q", tt.in, err.VI)
			}
			continue
		}
		checkMsg(t, "ValidateCMND("+tt.in+")", err, "cmnd", tt.err)
	}
}

func TestValidateIDNumber(t *testing.T) {
	tests := []struct {
		kind      IDKind
		in        string
		birthYear int
		want      string
		warn      bool
		errField  string // "" = no error
		errSubstr string
	}{
		{IDCCCD, "001 099 012 345", 1999, "001099012345", false, "", ""},
		{IDCCCD, "001099012345", 1980, "001099012345", true, "", ""},
		{IDCCCD, "001499012345", 0, "001499012345", true, "", ""},
		{IDCCCD, "003099012345", 0, "", false, "cccd", "Mã tỉnh 003"},
		{IDCMND, "012345678", 1999, "012345678", false, "", ""},
		{IDCMND, "12345", 0, "", false, "cmnd", "9 chữ số"},
		{IDPassport, "b1234567", 0, "B1234567", false, "", ""},
		{IDPassport, " C 123 4567 ", 0, "C1234567", false, "", ""},
		{IDPassport, "P00123456", 0, "P00123456", false, "", ""},
		{IDPassport, "AB1234", 0, "AB1234", false, "", ""},
		{IDPassport, "123456789", 0, "123456789", false, "", ""},
		{IDPassport, "B12345", 0, "B12345", false, "", ""},
		{IDPassport, "B1234", 0, "", false, "passport", "Số hộ chiếu phải có từ 6 đến 9 ký tự (đang có 5)"},
		{IDPassport, "B123456789", 0, "", false, "passport", "đang có 10"},
		{IDPassport, "B12345/7", 0, "", false, "passport", "chữ cái không dấu và chữ số"},
		{IDPassport, "Đ1234567", 0, "", false, "passport", "chữ cái không dấu"},
		{IDPassport, "", 0, "", false, "passport", "Chưa nhập số hộ chiếu"},
		{IDCert, "123456789", 0, "123456789", false, "", ""},
		{IDCert, "1234 5678 9012", 0, "123456789012", false, "", ""},
		{IDCert, "12345678", 0, "", false, "idcert", "từ 9 đến 12 chữ số (đang có 8)"},
		{IDCert, "1234567890123", 0, "", false, "idcert", "đang có 13"},
		{IDCert, "12345678A", 0, "", false, "idcert", "chỉ gồm chữ số"},
		{IDNone, "", 0, "", false, "", ""},
		{IDNone, "  ", 0, "", false, "", ""},
		{IDNone, "001099012345", 0, "", false, "id_number", "Chưa chọn loại giấy tờ"},
		{IDKind("bogus"), "001099012345", 0, "", false, "id_number", "không hợp lệ"},
	}
	for _, tt := range tests {
		got, warn, err := ValidateIDNumber(tt.kind, tt.in, tt.birthYear)
		what := string(tt.kind) + " " + tt.in
		if got != tt.want {
			t.Errorf("%s: norm = %q, want %q", what, got, tt.want)
		}
		if (warn != nil) != tt.warn {
			t.Errorf("%s: warn = %v, want %v", what, warn, tt.warn)
		}
		if tt.errField == "" {
			if err != nil {
				t.Errorf("%s: unexpected error %q", what, err.VI)
			}
			continue
		}
		checkMsg(t, what, err, tt.errField, tt.errSubstr)
	}
}

func TestGuessIDKind(t *testing.T) {
	tests := []struct {
		in   string
		want IDKind
	}{
		{"001099012345", IDCCCD},
		{"001 099 012 345", IDCCCD},
		{"012345678", IDCMND},
		{"012.345.678", IDCMND},
		{"B1234567", IDPassport},
		{"b1234567", IDPassport},
		{"P00123456", IDPassport},
		{"AB123456", IDPassport},
		{"", IDNone},
		{"0123456789", IDNone},
		{"12345", IDNone},
		{"B12", IDNone},
		{"ABCDEFG", IDNone},
		{"1234567B", IDNone},
		{"B1234567890", IDNone},
		{"Nguyễn", IDNone},
	}
	for _, tt := range tests {
		if got := GuessIDKind(tt.in); got != tt.want {
			t.Errorf("GuessIDKind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		name, in, want string
		warn           string // substring; "" = none
		err            string // substring; "" = none
	}{
		{"mobile plain", "0912345678", "0912345678", "", ""},
		{"mobile spaces", "0912 345 678", "0912345678", "", ""},
		{"mobile dots", "0912.345.678", "0912345678", "", ""},
		{"mobile dashes", "091-234-5678", "0912345678", "", ""},
		{"mobile parens", "(091) 234 5678", "0912345678", "", ""},
		{"+84", "+84912345678", "0912345678", "", ""},
		{"+84 spaced", "+84 91 234 5678", "0912345678", "", ""},
		{"+84 (0)", "+84 (0) 912 345 678", "0912345678", "", ""},
		{"84", "84912345678", "0912345678", "", ""},
		{"84 then 0", "840912345678", "0912345678", "", ""},
		{"0084", "0084 912 345 678", "0912345678", "", ""},
		{"viettel 03x", "0321234567", "0321234567", "", ""},
		{"vietnamobile 05x", "0561234567", "0561234567", "", ""},
		{"mobifone 07x", "0701234567", "0701234567", "", ""},
		{"vinaphone 08x", "0812345678", "0812345678", "", ""},
		{"landline Hà Nội", "024 3825 1234", "02438251234", "", ""},
		{"landline parens", "(028) 3822-1234", "02838221234", "", ""},
		{"landline +84", "+84 24 3825 1234", "02438251234", "", ""},
		{"landline 84", "842438251234", "02438251234", "", ""},
		{"old 11-digit mobile warns", "01234567890", "01234567890", "đã chuyển sang 10 số", ""},
		{"10 digits 02 warns", "0243825123", "0243825123", "không giống số di động", ""},
		{"10 digits 04 warns", "0412345678", "0412345678", "kiểm tra lại", ""},
		{"10 digits 06 warns", "0612345678", "0612345678", "kiểm tra lại", ""},
		{"9 digits warns", "091234567", "091234567", "kiểm tra lại", ""},
		{"11 digits 03 warns", "03123456789", "03123456789", "kiểm tra lại", ""},
		{"empty", "", "", "", "Chưa nhập số điện thoại"},
		{"blank", " - . ", "", "", "Chưa nhập số điện thoại"},
		{"letters", "09123abc78", "", "", "chỉ gồm chữ số"},
		{"words", "không có", "", "", "chỉ gồm chữ số"},
		{"too short", "0912345", "", "", "quá ngắn (7 chữ số)"},
		{"too short +84", "+84 912", "", "", "quá ngắn"},
		{"too long", "091234567890", "", "", "quá dài (12 chữ số)"},
		{"missing 0", "912345678", "", "", "phải bắt đầu bằng 0 hoặc +84"},
		{"foreign", "+1 202 555 0100", "", "", "Chỉ nhận số điện thoại Việt Nam"},
		{"plus in middle", "09+12345678", "", "", "chỉ gồm chữ số"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, warn, err := NormalizePhone(tt.in)
			if got != tt.want {
				t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if tt.warn == "" && warn != nil {
				t.Errorf("unexpected warning %q", warn.VI)
			}
			if tt.warn != "" {
				checkMsg(t, "warning", warn, "phone", tt.warn)
			}
			if tt.err == "" && err != nil {
				t.Errorf("unexpected error %q", err.VI)
			}
			if tt.err != "" {
				checkMsg(t, "error", err, "phone", tt.err)
			}
			if warn != nil && err != nil {
				t.Error("both a warning and an error")
			}
		})
	}
}

func TestParseDateInput(t *testing.T) {
	d := func(y, m, dd int) Date { return Date{y, time.Month(m), dd} }
	tests := []struct {
		in   string
		want Date
		err  string
	}{
		{"05/03/2026", d(2026, 3, 5), ""},
		{"5/3/2026", d(2026, 3, 5), ""},
		{"05-03-2026", d(2026, 3, 5), ""},
		{"05.03.2026", d(2026, 3, 5), ""},
		{"05032026", d(2026, 3, 5), ""},
		{" 31/12/2025 ", d(2025, 12, 31), ""},
		{"29/02/2024", d(2024, 2, 29), ""},
		{"29/02/2000", d(2000, 2, 29), ""},
		{"1/1/1900", d(1900, 1, 1), ""},
		{"2026-03-05", d(2026, 3, 5), ""},
		{"31/02/2026", Date{}, "Ngày 31/02/2026 không tồn tại"},
		{"29/02/2025", Date{}, "Ngày 29/02/2025 không tồn tại"},
		{"29/02/1900", Date{}, "Ngày 29/02/1900 không tồn tại"},
		{"31/04/2026", Date{}, "Ngày 31/04/2026 không tồn tại"},
		{"00/01/2026", Date{}, "Ngày 00/01/2026 không tồn tại"},
		{"32/01/2026", Date{}, "Ngày 32/01/2026 không tồn tại"},
		{"01/13/2026", Date{}, "Tháng 13 không tồn tại"},
		{"01/00/2026", Date{}, "Tháng 0 không tồn tại"},
		{"31022026", Date{}, "Ngày 31/02/2026 không tồn tại"},
		{"05/03/26", Date{}, "Năm 26 chỉ có 2 chữ số"},
		{"050326", Date{}, "Năm 26 chỉ có 2 chữ số"},
		{"05/03/202", Date{}, "Năm phải có đủ 4 chữ số"},
		{"05/03/20266", Date{}, "Năm phải có đủ 4 chữ số"},
		{"05/03/0026", Date{}, "Năm 0026 không hợp lệ"},
		{"05/03/1899", Date{}, "Năm 1899 không hợp lệ"},
		{"", Date{}, "Chưa nhập ngày"},
		{"hôm nay", Date{}, "Không đọc được ngày"},
		{"05/03", Date{}, "Không đọc được ngày"},
		{"05/03/2026/1", Date{}, "Không đọc được ngày"},
		{"05//2026", Date{}, "Không đọc được ngày"},
		{"005/03/2026", Date{}, "Không đọc được ngày"},
		{"5a/03/2026", Date{}, "Không đọc được ngày"},
		{"2026/03/05", Date{}, "Không đọc được ngày"},
		{"0503202", Date{}, "Không đọc được ngày"},
	}
	for _, tt := range tests {
		got, err := ParseDateInput(tt.in)
		if got != tt.want {
			t.Errorf("ParseDateInput(%q) = %v, want %v", tt.in, got, tt.want)
		}
		if tt.err == "" {
			if err != nil {
				t.Errorf("ParseDateInput(%q): unexpected error %q", tt.in, err.VI)
			}
			continue
		}
		checkMsg(t, "ParseDateInput("+tt.in+")", err, "date", tt.err)
	}
}

func TestValidateReceivedDate(t *testing.T) {
	today := Date{2026, time.March, 5}
	tests := []struct {
		d   Date
		err string
	}{
		{today, ""},
		{Date{2026, time.March, 4}, ""},
		{Date{2000, time.January, 1}, ""},
		{Date{2026, time.March, 6}, "Ngày nhận không được sau hôm nay"},
		{Date{2027, time.January, 1}, "Ngày nhận không được sau hôm nay"},
		{Date{1999, time.December, 31}, "Ngày nhận không được trước 01/01/2000"},
		{Date{}, "Chưa nhập ngày nhận"},
	}
	for _, tt := range tests {
		err := ValidateReceivedDate(tt.d, today)
		if tt.err == "" {
			if err != nil {
				t.Errorf("ValidateReceivedDate(%v): unexpected %q", tt.d, err.VI)
			}
			continue
		}
		checkMsg(t, "ValidateReceivedDate("+tt.d.String()+")", err, "received", tt.err)
	}
}

func TestValidateLetterDate(t *testing.T) {
	received := Date{2026, time.March, 5}
	tests := []struct {
		letter, received Date
		err              string
	}{
		{Date{2026, time.March, 1}, received, ""},
		{received, received, ""},
		{Date{2025, time.December, 31}, received, ""},
		{Date{}, received, ""},
		{Date{2026, time.March, 6}, Date{}, ""},
		{Date{2026, time.March, 6}, received, "Ngày ghi trên đơn (06/03/2026) không được sau ngày nhận (05/03/2026)"},
		{Date{2027, time.January, 1}, received, "không được sau ngày nhận"},
	}
	for _, tt := range tests {
		err := ValidateLetterDate(tt.letter, tt.received)
		if tt.err == "" {
			if err != nil {
				t.Errorf("ValidateLetterDate(%v, %v): unexpected %q", tt.letter, tt.received, err.VI)
			}
			continue
		}
		checkMsg(t, "ValidateLetterDate", err, "letter_date", tt.err)
	}
}

func TestParseYear(t *testing.T) {
	today := Date{2026, time.March, 5}
	tests := []struct {
		in   string
		want int
		err  string
	}{
		{"1985", 1985, ""},
		{" 1900 ", 1900, ""},
		{"2026", 2026, ""},
		{"2027", 0, "Năm sinh phải từ 1900 đến 2026"},
		{"1899", 0, "Năm sinh phải từ 1900 đến 2026"},
		{"85", 0, "đủ 4 chữ số (ví dụ 1985 hoặc 2085)"},
		{"985", 0, "Năm sinh phải có 4 chữ số"},
		{"19850", 0, "Năm sinh phải có 4 chữ số"},
		{"198S", 0, "không phải là số"},
		{"-1985", 0, "không phải là số"},
		{"", 0, "Chưa nhập năm sinh"},
	}
	for _, tt := range tests {
		got, err := ParseYear(tt.in, today)
		if got != tt.want {
			t.Errorf("ParseYear(%q) = %d, want %d", tt.in, got, tt.want)
		}
		if tt.err == "" {
			if err != nil {
				t.Errorf("ParseYear(%q): unexpected %q", tt.in, err.VI)
			}
			continue
		}
		checkMsg(t, "ParseYear("+tt.in+")", err, "birth_year", tt.err)
	}
}

func TestValidateName(t *testing.T) {
	long := strings.Repeat("Nguyễn ", 14) + "Anh" // 7*14 + 3 = 101 runes
	ok100 := strings.Repeat("Ngô ", 24) + "Anh"   // 4*24 + 3 = 99 runes
	ok100 = ok100 + "h"                           // 100 runes
	tests := []struct {
		in, want, err string
	}{
		{"Nguyễn Văn An", "Nguyễn Văn An", ""},
		{"  Nguyễn   Văn  An ", "Nguyễn Văn An", ""},
		{"Nguye\u0302\u0303n Va\u0306n An", "Nguyễn Văn An", ""},
		{"Tôn Nữ Thị Hà", "Tôn Nữ Thị Hà", ""},
		{"Bảo", "Bảo", ""},
		{"H'Hen Niê", "H'Hen Niê", ""},
		{"Jean-Pierre Dupont", "Jean-Pierre Dupont", ""},
		{ok100, ok100, ""},
		{long, "", "Họ tên dài quá 100 ký tự (đang có 101)"},
		{"", "", "Chưa nhập họ tên"},
		{" \t ", "", "Chưa nhập họ tên"},
		{"Nguyễn Văn 2", "", "Họ tên không được có chữ số"},
		{"Lê Văn A1", "", "không được có chữ số"},
		{"-- .", "", "Họ tên phải có chữ cái"},
		{"Lê\x00Văn", "", "ký tự không hợp lệ"},
	}
	for _, tt := range tests {
		got, err := ValidateName(tt.in)
		if got != tt.want {
			t.Errorf("ValidateName(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if tt.err == "" {
			if err != nil {
				t.Errorf("ValidateName(%q): unexpected %q", tt.in, err.VI)
			}
			continue
		}
		checkMsg(t, "ValidateName", err, "name", tt.err)
	}
}

// The messages a person sees read naturally, with correct diacritics (NFC),
// in both languages; spot-check the wording the brief asks for.
func TestMessageWording(t *testing.T) {
	_, _, err := ValidateCCCD("12345", 0)
	if err == nil || err.VI != "Số căn cước phải có đúng 12 chữ số (đang có 5)" || err.In(EN) != "The ID card number must have exactly 12 digits (it has 5)" {
		t.Errorf("CCCD length message: %+v", err)
	}
	_, _, err = ValidateCCCD("003099012345", 0)
	if err == nil || err.VI != "Mã tỉnh 003 không có trong danh mục (TT 07/2016/TT-BCA)" {
		t.Errorf("province message: %+v", err)
	}
	_, err = ParseDateInput("31/02/2026")
	if err == nil || err.VI != "Ngày 31/02/2026 không tồn tại" || err.In(EN) != "The date 31/02/2026 does not exist" {
		t.Errorf("date message: %+v", err)
	}
	err = ValidateReceivedDate(Date{2026, 3, 6}, Date{2026, 3, 5})
	if err == nil || err.VI != "Ngày nhận không được sau hôm nay" {
		t.Errorf("received message: %+v", err)
	}
}
