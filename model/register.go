package model

// Reading old registers (sổ tiếp công dân, sổ theo dõi đơn): what a column
// of a spreadsheet means, judged from its header; dates written the many
// ways people write them; the kind of a petition and the result of a case
// as registers abbreviate them. Pure functions: the store's register
// import reads the file and calls these.

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// RegisterField is what a register column holds.
type RegisterField string

// The register fields. The value is the key a person types in --map.
const (
	RFSkip         RegisterField = "skip"
	RFNo           RegisterField = "no" // STT: ignored
	RFDate         RegisterField = "date"
	RFName         RegisterField = "name"
	RFNameAddress  RegisterField = "name_address" // "Họ tên, địa chỉ" in one column (Mẫu 03/TCD)
	RFAddress      RegisterField = "address"
	RFIDNumber     RegisterField = "id"
	RFPhone        RegisterField = "phone"
	RFBirthYear    RegisterField = "birth_year"
	RFSex          RegisterField = "sex"
	RFEmployer     RegisterField = "employer"
	RFContent      RegisterField = "content"
	RFKind         RegisterField = "kind" // KN, TC, KN/PA written in one column
	RFKindKN       RegisterField = "kn"   // a mark in the complaint column
	RFKindTC       RegisterField = "tc"
	RFKindKNPA     RegisterField = "kn_pa"
	RFHeadCount    RegisterField = "head_count"
	RFCompetent    RegisterField = "competent" // thuộc thẩm quyền (x)
	RFGuided       RegisterField = "guided"    // hướng dẫn
	RFForwarded    RegisterField = "forwarded" // cơ quan thụ lý, số văn bản chuyển
	RFResult       RegisterField = "result"    // theo dõi kết quả, kết quả giải quyết
	RFClosed       RegisterField = "closed"    // ngày giải quyết xong
	RFNote         RegisterField = "note"
	RFEarlierBody  RegisterField = "earlier_body" // cơ quan đã giải quyết: kept as a note
	RFLetterDate   RegisterField = "letter_date"
	RFReceivedDate RegisterField = "received" // ngày nhận đơn (a petitions register)
)

// RegisterFields lists the fields in the order a person cycles through them.
var RegisterFields = []RegisterField{RFSkip, RFDate, RFReceivedDate, RFName, RFNameAddress, RFAddress, RFIDNumber,
	RFPhone, RFBirthYear, RFSex, RFEmployer, RFContent, RFKind, RFKindKN, RFKindTC, RFKindKNPA, RFHeadCount,
	RFCompetent, RFGuided, RFForwarded, RFResult, RFClosed, RFLetterDate, RFEarlierBody, RFNote, RFNo}

var registerFieldLabels = map[RegisterField]Label{
	RFSkip:         {"(bỏ qua)", "(skip)"},
	RFNo:           {"STT", "Row no."},
	RFDate:         {"Ngày tiếp", "Date of visit"},
	RFReceivedDate: {"Ngày nhận đơn", "Date received"},
	RFName:         {"Họ tên", "Name"},
	RFNameAddress:  {"Họ tên, địa chỉ", "Name and address"},
	RFAddress:      {"Địa chỉ", "Address"},
	RFIDNumber:     {"Số giấy tờ tùy thân", "ID number"},
	RFPhone:        {"Điện thoại", "Phone"},
	RFBirthYear:    {"Năm sinh", "Year of birth"},
	RFSex:          {"Giới tính", "Sex"},
	RFEmployer:     {"Nơi làm việc", "Employer"},
	RFContent:      {"Nội dung", "Content"},
	RFKind:         {"Loại đơn", "Kind"},
	RFKindKN:       {"Loại đơn: KN", "Kind: KN"},
	RFKindTC:       {"Loại đơn: TC", "Kind: TC"},
	RFKindKNPA:     {"Loại đơn: KN, PA", "Kind: KN, PA"},
	RFHeadCount:    {"Số người", "Head count"},
	RFCompetent:    {"Thuộc thẩm quyền", "Within competence"},
	RFGuided:       {"Hướng dẫn", "Guided"},
	RFForwarded:    {"Chuyển đơn", "Forwarded to"},
	RFResult:       {"Kết quả", "Result"},
	RFClosed:       {"Ngày giải quyết xong", "Date resolved"},
	RFLetterDate:   {"Ngày ghi trên đơn", "Date on the letter"},
	RFEarlierBody:  {"Cơ quan đã giải quyết", "Body that handled it before"},
	RFNote:         {"Ghi chú", "Note"},
}

// Label returns the field's name on screen.
func (f RegisterField) Label() Label {
	if l, ok := registerFieldLabels[f]; ok {
		return l
	}
	return Label{string(f), string(f)}
}

// ParseRegisterField reads a field key as typed in --map ("name", "date",
// ...), or a field's Vietnamese or English name, without diacritics.
func ParseRegisterField(s string) (RegisterField, bool) {
	f := Fold(s)
	for _, x := range RegisterFields {
		if f == string(x) || f == Fold(x.Label().VI) || f == Fold(x.Label().EN) {
			return x, true
		}
	}
	if f == "" || f == "-" || f == "bo qua" {
		return RFSkip, true
	}
	return "", false
}

// headerRules map folded header words to a field, the most specific
// first: the first rule whose every word occurs in the header wins. The
// words come from Mẫu 03/TCD (NĐ 154/2026), the TT 06/2014 register, the
// union's sổ tiếp đoàn viên and the abbreviations desks use.
var headerRules = []struct {
	words []string
	field RegisterField
}{
	{[]string{"stt"}, RFNo},
	{[]string{"so thu tu"}, RFNo},
	{[]string{"ho ten", "dia chi"}, RFNameAddress},
	{[]string{"ho va ten", "dia chi"}, RFNameAddress},
	{[]string{"ngay", "giai quyet"}, RFClosed},
	{[]string{"ngay", "ket thuc"}, RFClosed},
	{[]string{"ngay", "tren don"}, RFLetterDate},
	{[]string{"ngay", "viet don"}, RFLetterDate},
	{[]string{"ngay", "nhan"}, RFReceivedDate},
	{[]string{"ngay", "tiep"}, RFDate},
	{[]string{"ngay thang"}, RFDate},
	{[]string{"ngay"}, RFDate},
	{[]string{"nam sinh"}, RFBirthYear},
	{[]string{"ns"}, RFBirthYear},
	{[]string{"gioi tinh"}, RFSex},
	{[]string{"cccd"}, RFIDNumber},
	{[]string{"cmnd"}, RFIDNumber},
	{[]string{"can cuoc"}, RFIDNumber},
	{[]string{"dinh danh"}, RFIDNumber},
	{[]string{"ho chieu"}, RFIDNumber},
	{[]string{"giay to"}, RFIDNumber},
	{[]string{"dien thoai"}, RFPhone},
	{[]string{"sdt"}, RFPhone},
	{[]string{"dt"}, RFPhone},
	{[]string{"ho ten"}, RFName},
	{[]string{"ho va ten"}, RFName},
	{[]string{"nguoi den"}, RFName},
	{[]string{"nguoi gui"}, RFName},
	{[]string{"nguoi dung don"}, RFName},
	{[]string{"co quan", "da giai quyet"}, RFEarlierBody},
	{[]string{"da duoc giai quyet"}, RFEarlierBody},
	{[]string{"cu tru"}, RFAddress},
	{[]string{"dia chi"}, RFAddress},
	{[]string{"noi o"}, RFAddress},
	{[]string{"noi lam viec"}, RFEmployer},
	{[]string{"don vi"}, RFEmployer},
	{[]string{"cong ty"}, RFEmployer},
	{[]string{"doanh nghiep"}, RFEmployer},
	{[]string{"so nguoi"}, RFHeadCount},
	{[]string{"thuoc tham quyen"}, RFCompetent},
	{[]string{"tham quyen"}, RFCompetent},
	{[]string{"huong dan"}, RFGuided},
	{[]string{"co quan thu ly"}, RFForwarded},
	{[]string{"chuyen don"}, RFForwarded},
	{[]string{"van ban chuyen"}, RFForwarded},
	{[]string{"chuyen"}, RFForwarded},
	{[]string{"theo doi"}, RFResult},
	{[]string{"ket qua"}, RFResult},
	{[]string{"tinh trang"}, RFResult},
	{[]string{"kn pa"}, RFKindKNPA},
	{[]string{"kn, pa"}, RFKindKNPA},
	{[]string{"kien nghi"}, RFKindKNPA},
	{[]string{"loai don"}, RFKind},
	{[]string{"phan loai"}, RFKind},
	{[]string{"loai"}, RFKind},
	{[]string{"noi dung"}, RFContent},
	{[]string{"tom tat"}, RFContent},
	{[]string{"ghi chu"}, RFNote},
	{[]string{"ten"}, RFName},
}

// GuessRegisterField guesses the field of a column from its header (with
// or without diacritics, any case; a two-row header is passed joined by a
// space, parent first). It returns RFSkip when nothing fits.
func GuessRegisterField(header string) RegisterField {
	h := " " + strings.Join(strings.FieldsFunc(Fold(header), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".,:;()/-–_*", r)
	}), " ") + " "
	if strings.TrimSpace(h) == "" {
		return RFSkip
	}
	// The kind marks of Mẫu 03 are sub-columns "KN", "TC", "KN, PA" under
	// "Loại đơn"; a last word decides them.
	words := strings.Fields(strings.ReplaceAll(h, ",", " "))
	if n := len(words); n > 0 {
		switch {
		case n >= 2 && words[n-2] == "kn" && words[n-1] == "pa", words[n-1] == "knpa":
			return RFKindKNPA
		case words[n-1] == "kn" && n > 1:
			return RFKindKN
		case words[n-1] == "tc" && n > 1:
			return RFKindTC
		}
	}
	for _, rule := range headerRules {
		all := true
		for _, w := range rule.words {
			if !strings.Contains(h, " "+w+" ") {
				all = false
				break
			}
		}
		if all {
			return rule.field
		}
	}
	return RFSkip
}

// RegisterDateMsg is the message of a date a register row cannot use.
func registerDateMsg(s string) *Msg {
	return NewMsg(fieldDate,
		fmt.Sprintf("Không đọc được ngày %q", s),
		fmt.Sprintf("Cannot read the date %q", s))
}

var (
	reWordDate = regexp.MustCompile(`ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{2,4})`)
	reNumDate  = regexp.MustCompile(`^(\d{1,4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,4})(?:[ t]+\d{1,2}[:h]\d{2}(?::\d{2})?.*)?$`)
)

// ExcelEpoch is day 0 of Excel's 1900 date system as Excel counts it
// (it believes 1900 was a leap year, so serials from 61 on are off by one
// from a plain count from 31/12/1899).
var excelEpoch = time.Date(1899, 12, 30, 12, 0, 0, 0, VN)

// DateFromExcel converts an Excel date serial (days since 1900, with a
// fraction for the time of day) to a date.
func DateFromExcel(serial float64) Date {
	return DateOf(excelEpoch.AddDate(0, 0, int(math.Floor(serial))))
}

// ParseRegisterDate reads a date as old registers hold it: an Excel serial
// number, dd/mm/yyyy or dd/mm/yy (with '/', '-' or '.'; a time after it is
// ignored), yyyy-mm-dd, or words ("ngày 5 tháng 3 năm 2019", with or
// without diacritics). A two-digit year is taken in the hundred years
// ending with today's year. The date must exist and not be after today.
func ParseRegisterDate(s string, today Date) (Date, *Msg) {
	raw := strings.TrimSpace(s)
	if raw == "" {
		return Date{}, NewMsg(fieldDate, "Thiếu ngày", "The date is missing")
	}
	f := Fold(raw)
	var y, m, d int
	if n, err := strconv.ParseFloat(f, 64); err == nil && !strings.ContainsAny(f, "/-") {
		// A bare number: an Excel serial from 1950 to 2100.
		if n < 18264 || n > 73051 {
			return Date{}, registerDateMsg(raw)
		}
		dt := DateFromExcel(n)
		if dt.After(today) {
			return Date{}, futureDateMsg(dt)
		}
		return dt, nil
	}
	if mm := reWordDate.FindStringSubmatch(f); mm != nil {
		d, _ = strconv.Atoi(mm[1])
		m, _ = strconv.Atoi(mm[2])
		y, _ = strconv.Atoi(mm[3])
		if len(mm[3]) == 3 {
			return Date{}, registerDateMsg(raw)
		}
	} else if mm := reNumDate.FindStringSubmatch(f); mm != nil {
		a, _ := strconv.Atoi(mm[1])
		m, _ = strconv.Atoi(mm[2])
		c, _ := strconv.Atoi(mm[3])
		switch {
		case len(mm[1]) == 4 && len(mm[3]) <= 2: // yyyy-mm-dd
			y, d = a, c
		case len(mm[1]) <= 2 && (len(mm[3]) == 4 || len(mm[3]) == 2):
			d, y = a, c
			if len(mm[3]) == 2 {
				y = 2000 + c
				if y > today.Y {
					y -= 100
				}
			}
		default:
			return Date{}, registerDateMsg(raw)
		}
	} else {
		return Date{}, registerDateMsg(raw)
	}
	if y < 100 {
		y += 2000
		if y > today.Y {
			y -= 100
		}
	}
	if m < 1 || m > 12 || d < 1 || y < 1950 {
		return Date{}, NewMsg(fieldDate,
			fmt.Sprintf("Ngày %q không tồn tại", raw),
			fmt.Sprintf("The date %q does not exist", raw))
	}
	dt := Date{y, time.Month(m), d}
	if NewDate(y, time.Month(m), d) != dt {
		return Date{}, NewMsg(fieldDate,
			fmt.Sprintf("Ngày %02d/%02d/%04d không tồn tại", d, m, y),
			fmt.Sprintf("The date %02d/%02d/%04d does not exist", d, m, y))
	}
	if dt.After(today) {
		return Date{}, futureDateMsg(dt)
	}
	return dt, nil
}

func futureDateMsg(d Date) *Msg {
	return NewMsg(fieldDate,
		fmt.Sprintf("Ngày %s ở sau hôm nay", d),
		fmt.Sprintf("The date %s is after today", d))
}

// ParseRegisterKind reads the kind of a petition as registers write it:
// KN, TC, KN/PA, KNPA, PA, KNg, or the words, with or without diacritics.
func ParseRegisterKind(s string) (PetitionKind, bool) {
	f := strings.Join(strings.FieldsFunc(Fold(s), func(r rune) bool { return !unicode.IsLetter(r) }), " ")
	switch f {
	case "":
		return "", false
	case "kn", "khieu nai":
		return KindComplaint, true
	case "tc", "to cao":
		return KindDenunciation, true
	case "kn pa", "knpa", "kien nghi phan anh", "kien nghi", "kng", "kien nghi pa":
		return KindRecommendation, true
	case "pa", "phan anh":
		return KindReport, true
	case "nac danh":
		return KindAnonymous, true
	}
	switch {
	case strings.HasPrefix(f, "khieu nai"):
		return KindComplaint, true
	case strings.HasPrefix(f, "to cao"):
		return KindDenunciation, true
	case strings.HasPrefix(f, "kien nghi"):
		return KindRecommendation, true
	case strings.HasPrefix(f, "phan anh"):
		return KindReport, true
	}
	return "", false
}

// RegisterOutcome is what a register says became of a matter.
type RegisterOutcome struct {
	Status CaseStatus // "" when the register says nothing
	Result Result
}

// ParseRegisterResult reads the "theo dõi kết quả" column: done (đã giải
// quyết, xong, đã trả lời, with đúng / sai / đúng một phần / rút đơn when
// written), in progress (đang giải quyết), or nothing known.
func ParseRegisterResult(s string) RegisterOutcome {
	f := Fold(s)
	switch {
	case f == "":
		return RegisterOutcome{}
	case strings.Contains(f, "dang giai quyet"), strings.Contains(f, "dang xu ly"), strings.Contains(f, "chua"):
		return RegisterOutcome{Status: StatusOpen}
	case strings.Contains(f, "rut don"), strings.Contains(f, "da rut"):
		return RegisterOutcome{StatusConcluded, ResultWithdrawn}
	case strings.Contains(f, "dung mot phan"), strings.Contains(f, "co dung co sai"):
		return RegisterOutcome{StatusConcluded, ResultPartly}
	case strings.Contains(f, "khong dung"), hasWord(f, "sai"):
		return RegisterOutcome{StatusConcluded, ResultWrong}
	case hasWord(f, "dung"):
		return RegisterOutcome{StatusConcluded, ResultRight}
	case strings.Contains(f, "da giai quyet"), strings.Contains(f, "xong"), strings.Contains(f, "da tra loi"), strings.Contains(f, "ket thuc"), strings.Contains(f, "hoan thanh"):
		return RegisterOutcome{StatusConcluded, ResultSettled}
	}
	return RegisterOutcome{}
}

func hasWord(f, w string) bool {
	for _, x := range strings.FieldsFunc(f, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if x == w {
			return true
		}
	}
	return false
}

// Marked reports whether a check-mark cell is set: "x", "v", "1", "có", a
// tick, or any other text but "0", "không" or "-".
func Marked(s string) bool {
	f := Fold(s)
	switch f {
	case "", "0", "-", "khong", "k", "no":
		return false
	}
	return true
}

// GuessField guesses the subject area of a petition from its content.
func GuessField(content string) Field {
	f := Fold(content)
	rules := []struct {
		words []string
		field Field
	}{
		{[]string{"bhxh", "bao hiem"}, FieldInsurance},
		{[]string{"sa thai", "cham dut", "cho thoi viec", "mat viec"}, FieldDismissal},
		{[]string{"luong", "thuong tet", "thu nhap"}, FieldWages},
		{[]string{"lam them", "tang ca", "gio lam"}, FieldHours},
		{[]string{"tai nan", "an toan", "benh nghe nghiep"}, FieldSafety},
		{[]string{"hop dong"}, FieldContract},
		{[]string{"doan phi", "kinh phi cong doan"}, FieldUnionFee},
		{[]string{"can bo cong doan", "ban chap hanh"}, FieldUnionOrg},
		{[]string{"dat dai", "nha o"}, FieldLand},
	}
	for _, r := range rules {
		for _, w := range r.words {
			if strings.Contains(f, w) {
				return r.field
			}
		}
	}
	return FieldOther
}

// RegimeFor is the legal regime an imported petition is classified under
// when the register does not say: a worker's complaint or denunciation at
// a union desk is a labour one; a recommendation or report follows the
// Law on citizen reception.
func RegimeFor(k PetitionKind) Regime {
	switch k {
	case KindComplaint, KindDenunciation:
		return RegimeLabour
	}
	return RegimeCitizens
}

// TidyName puts a name typed in capitals (or all in small letters, as the
// TCVN3 capitals font leaves it, or in capitals with the toned letters
// small, as caps lock in a TCVN3 font gives) into the usual form: each
// word capitalised. A name mostly in small letters with capitals is left
// as it is.
func TidyName(s string) string {
	s = NFC(s)
	upper, lower := 0, 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			upper++
		}
		if unicode.IsLower(r) {
			lower++
		}
	}
	if upper > 0 && lower > upper {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		rs := []rune(w)
		rs[0] = unicode.ToUpper(rs[0])
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}

// SplitNameAddress splits the "Họ tên, địa chỉ" cell of Mẫu 03/TCD: the
// name is what comes before the first comma, dash or line break.
func SplitNameAddress(s string) (name, address string) {
	i := strings.IndexAny(s, ",\n;–")
	if j := strings.Index(s, " - "); j >= 0 && (i < 0 || j < i) {
		return NFC(s[:j]), NFC(s[j+3:])
	}
	if i < 0 {
		return NFC(s), ""
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	return NFC(s[:i]), NFC(s[i+size:])
}
