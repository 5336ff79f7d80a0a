package model

// Validation of what a person types: identity numbers, phone numbers, dates,
// years and names (docs/law.md, Identity documents and names). Every refusal is a *Msg in Vietnamese and
// English with its Field set, ready to show next to the input. A warning is a
// *Msg too, but the value is accepted and stored.
//
// Blank input: the single-value validators refuse an empty value ("Chưa
// nhập ..."). A form whose field is optional skips validation when the input
// is blank; ValidateIDNumber accepts an empty number only with IDNone.

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Field names carried by the messages of this file.
const (
	fieldCCCD      = "cccd"
	fieldCMND      = "cmnd"
	fieldPassport  = "passport"
	fieldIDCert    = "idcert"
	fieldIDNumber  = "id_number"
	fieldPhone     = "phone"
	fieldDate      = "date"
	fieldReceived  = "received"
	fieldLetter    = "letter_date"
	fieldBirthYear = "birth_year"
	fieldName      = "name"
)

// provinceCodes are the 63 codes of the place of birth registration, digits
// 1–3 of a CCCD number, from TT 07/2016/TT-BCA Phụ lục 1 as listed in
// docs/law.md, Identity documents. The codes are not contiguous. Numbers already issued keep
// their code after the 2025 province mergers, so this table does not change.
var provinceCodes = map[string]string{
	"001": "Hà Nội",
	"002": "Hà Giang",
	"004": "Cao Bằng",
	"006": "Bắc Kạn",
	"008": "Tuyên Quang",
	"010": "Lào Cai",
	"011": "Điện Biên",
	"012": "Lai Châu",
	"014": "Sơn La",
	"015": "Yên Bái",
	"017": "Hòa Bình",
	"019": "Thái Nguyên",
	"020": "Lạng Sơn",
	"022": "Quảng Ninh",
	"024": "Bắc Giang",
	"025": "Phú Thọ",
	"026": "Vĩnh Phúc",
	"027": "Bắc Ninh",
	"030": "Hải Dương",
	"031": "Hải Phòng",
	"033": "Hưng Yên",
	"034": "Thái Bình",
	"035": "Hà Nam",
	"036": "Nam Định",
	"037": "Ninh Bình",
	"038": "Thanh Hóa",
	"040": "Nghệ An",
	"042": "Hà Tĩnh",
	"044": "Quảng Bình",
	"045": "Quảng Trị",
	"046": "Thừa Thiên Huế",
	"048": "Đà Nẵng",
	"049": "Quảng Nam",
	"051": "Quảng Ngãi",
	"052": "Bình Định",
	"054": "Phú Yên",
	"056": "Khánh Hòa",
	"058": "Ninh Thuận",
	"060": "Bình Thuận",
	"062": "Kon Tum",
	"064": "Gia Lai",
	"066": "Đắk Lắk",
	"067": "Đắk Nông",
	"068": "Lâm Đồng",
	"070": "Bình Phước",
	"072": "Tây Ninh",
	"074": "Bình Dương",
	"075": "Đồng Nai",
	"077": "Bà Rịa - Vũng Tàu",
	"079": "Hồ Chí Minh",
	"080": "Long An",
	"082": "Tiền Giang",
	"083": "Bến Tre",
	"084": "Trà Vinh",
	"086": "Vĩnh Long",
	"087": "Đồng Tháp",
	"089": "An Giang",
	"091": "Kiên Giang",
	"092": "Cần Thơ",
	"093": "Hậu Giang",
	"094": "Sóc Trăng",
	"095": "Bạc Liêu",
	"096": "Cà Mau",
}

// ProvinceOfCCCD returns the province of birth registration encoded in the
// first three digits of a CCCD number (spaces, dots and dashes are ignored;
// a bare three-digit code works too), and whether the code is known.
func ProvinceOfCCCD(n string) (string, bool) {
	n = CleanDigits(n)
	if len(n) < 3 || !allASCIIDigits(n[:3]) {
		return "", false
	}
	name, ok := provinceCodes[n[:3]]
	return name, ok
}

// CleanDigits removes the separators people type inside numbers: white
// space, dots and dashes (ASCII and typographic). Anything else is kept, so
// that a validator can still see and refuse it.
func CleanDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || isNumberSeparator(r) {
			return -1
		}
		return r
	}, s)
}

func isNumberSeparator(r rune) bool {
	switch r {
	case '.', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
		return true
	}
	return false
}

func allASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ValidateCCCD checks a citizen identity (căn cước / CCCD) number: exactly 12
// digits, a province code from TT 07/2016/TT-BCA, and a birth year consistent
// with digit 4 (century and sex) and digits 5–6 (year within the century).
// birthYear is the year the person gave, or 0 when unknown; when it is
// unknown nothing is derived from the number. There is no check digit.
//
// It returns the number without separators. warn is set, with the number
// accepted, when the encoded birth year differs from the one given, or is
// 2100 or later when none was given.
func ValidateCCCD(s string, birthYear int) (normalized string, warn *Msg, err *Msg) {
	n := CleanDigits(s)
	if n == "" {
		return "", nil, NewMsg(fieldCCCD, "Chưa nhập số căn cước", "The ID card number is missing")
	}
	if !allASCIIDigits(n) {
		return "", nil, NewMsg(fieldCCCD,
			"Số căn cước chỉ gồm chữ số",
			"The ID card number must contain digits only")
	}
	if len(n) != 12 {
		return "", nil, NewMsg(fieldCCCD,
			fmt.Sprintf("Số căn cước phải có đúng 12 chữ số (đang có %d)", len(n)),
			fmt.Sprintf("The ID card number must have exactly 12 digits (it has %d)", len(n)))
	}
	if _, ok := provinceCodes[n[:3]]; !ok {
		return "", nil, NewMsg(fieldCCCD,
			fmt.Sprintf("Mã tỉnh %s không có trong danh mục (TT 07/2016/TT-BCA)", n[:3]),
			fmt.Sprintf("Province code %s is not in the official list (Circular 07/2016/TT-BCA)", n[:3]))
	}
	year := CCCDBirthYear(n)
	if birthYear != 0 {
		if year != birthYear {
			// A soft warning (docs/law.md, Identity documents): the number has no check
			// digit, and the birth year may be the field typed wrong.
			return n, NewMsg(fieldCCCD,
				fmt.Sprintf("Số căn cước ứng với năm sinh %d (chữ số thứ 4 và 5–6), không khớp năm sinh %d đã nhập", year, birthYear),
				fmt.Sprintf("The ID card number encodes birth year %d (digits 4 and 5–6), which does not match the birth year %d entered", year, birthYear)), nil
		}
		return n, nil, nil
	}
	if year >= 2100 {
		return n, NewMsg(fieldCCCD,
			fmt.Sprintf("Chữ số thứ 4 của số căn cước (%c) ứng với năm sinh %d: kiểm tra lại", n[3], year),
			fmt.Sprintf("Digit 4 of the ID card number (%c) means birth year %d: please check", n[3], year)), nil
	}
	return n, nil, nil
}

// CCCDBirthYear returns the birth year encoded in a 12-digit CCCD number:
// digit 4 gives the century (0/1 → 1900s, 2/3 → 2000s, 4/5 → 2100s, 6/7 →
// 2200s, 8/9 → 2300s) and digits 5–6 the year within it. It returns 0 if n
// (separators ignored) is not 12 digits.
func CCCDBirthYear(n string) int {
	n = CleanDigits(n)
	if len(n) != 12 || !allASCIIDigits(n) {
		return 0
	}
	century := 1900 + int(n[3]-'0')/2*100
	return century + int(n[4]-'0')*10 + int(n[5]-'0')
}

// CCCDSex returns "male" or "female" from digit 4 of a 12-digit CCCD number
// (even: male, odd: female), or "" if n (separators ignored) is not 12 digits.
// The values are those of the Sex constants.
func CCCDSex(n string) string {
	n = CleanDigits(n)
	if len(n) != 12 || !allASCIIDigits(n) {
		return ""
	}
	if (n[3]-'0')%2 == 0 {
		return "male"
	}
	return "female"
}

// ValidateCMND checks an old identity card (chứng minh nhân dân) number of 9
// digits and returns it without separators. The 12-digit CMND has the same
// format as a CCCD number and is entered and checked as one (IDCCCD); this
// function accepts 9 digits only and says so.
func ValidateCMND(s string) (string, *Msg) {
	n := CleanDigits(s)
	switch {
	case n == "":
		return "", NewMsg(fieldCMND, "Chưa nhập số CMND", "The old ID card (CMND) number is missing")
	case !allASCIIDigits(n):
		return "", NewMsg(fieldCMND, "Số CMND chỉ gồm chữ số", "The old ID card (CMND) number must contain digits only")
	case len(n) == 12:
		return "", NewMsg(fieldCMND,
			"CMND loại cũ có 9 chữ số; số 12 chữ số hãy chọn loại giấy tờ là căn cước",
			"An old ID card (CMND) has 9 digits; for a 12-digit number choose the citizen ID card type")
	case len(n) != 9:
		return "", NewMsg(fieldCMND,
			fmt.Sprintf("Số CMND phải có đúng 9 chữ số (đang có %d)", len(n)),
			fmt.Sprintf("The old ID card (CMND) number must have exactly 9 digits (it has %d)", len(n)))
	}
	return n, nil
}

// IDKind is the kind of identity document (docs/law.md, Identity documents).
type IDKind string

const (
	IDNone     IDKind = ""
	IDCCCD     IDKind = "cccd"     // thẻ căn cước / căn cước công dân (12 digits)
	IDCMND     IDKind = "cmnd"     // chứng minh nhân dân, old 9-digit card
	IDPassport IDKind = "passport" // hộ chiếu
	IDCert     IDKind = "idcert"   // giấy chứng nhận căn cước
)

// ValidateIDNumber checks s as a number of the given kind and returns it
// normalised (separators removed; passports in upper case). With IDNone an
// empty number is fine (no document) and a non-empty one is refused until a
// kind is chosen. birthYear (0 = unknown) is used for CCCD numbers only.
//
//   - cccd: see ValidateCCCD;
//   - cmnd: see ValidateCMND;
//   - passport: 6–9 letters or digits (a Vietnamese passport is usually one
//     letter and 7 digits);
//   - idcert: 9 to 12 digits.
func ValidateIDNumber(kind IDKind, s string, birthYear int) (norm string, warn, err *Msg) {
	switch kind {
	case IDCCCD:
		return ValidateCCCD(s, birthYear)
	case IDCMND:
		n, err := ValidateCMND(s)
		return n, nil, err
	case IDPassport:
		n, err := validatePassport(s)
		return n, nil, err
	case IDCert:
		n, err := validateIDCert(s)
		return n, nil, err
	case IDNone:
		if CleanDigits(s) == "" {
			return "", nil, nil
		}
		return "", nil, NewMsg(fieldIDNumber,
			"Chưa chọn loại giấy tờ (căn cước, CMND, hộ chiếu, giấy chứng nhận căn cước)",
			"Choose the kind of document (citizen ID card, old ID card, passport, identity certificate)")
	}
	return "", nil, NewMsg(fieldIDNumber,
		fmt.Sprintf("Loại giấy tờ %q không hợp lệ", string(kind)),
		fmt.Sprintf("Unknown document kind %q", string(kind)))
}

func validatePassport(s string) (string, *Msg) {
	n := strings.ToUpper(CleanDigits(s))
	if n == "" {
		return "", NewMsg(fieldPassport, "Chưa nhập số hộ chiếu", "The passport number is missing")
	}
	for i := 0; i < len(n); i++ {
		c := n[i]
		if !('0' <= c && c <= '9' || 'A' <= c && c <= 'Z') {
			return "", NewMsg(fieldPassport,
				"Số hộ chiếu chỉ gồm chữ cái không dấu và chữ số",
				"The passport number may contain only Latin letters and digits")
		}
	}
	if len(n) < 6 || len(n) > 9 {
		return "", NewMsg(fieldPassport,
			fmt.Sprintf("Số hộ chiếu phải có từ 6 đến 9 ký tự (đang có %d)", len(n)),
			fmt.Sprintf("The passport number must have 6 to 9 characters (it has %d)", len(n)))
	}
	return n, nil
}

func validateIDCert(s string) (string, *Msg) {
	n := CleanDigits(s)
	switch {
	case n == "":
		return "", NewMsg(fieldIDCert, "Chưa nhập số giấy chứng nhận căn cước", "The identity certificate number is missing")
	case !allASCIIDigits(n):
		return "", NewMsg(fieldIDCert,
			"Số giấy chứng nhận căn cước chỉ gồm chữ số",
			"The identity certificate number must contain digits only")
	case len(n) < 9 || len(n) > 12:
		return "", NewMsg(fieldIDCert,
			fmt.Sprintf("Số giấy chứng nhận căn cước phải có từ 9 đến 12 chữ số (đang có %d)", len(n)),
			fmt.Sprintf("The identity certificate number must have 9 to 12 digits (it has %d)", len(n)))
	}
	return n, nil
}

// GuessIDKind guesses the document kind from the shape of a number: 12
// digits → cccd, 9 digits → cmnd, letters then digits (6–9 characters) →
// passport; anything else → IDNone.
func GuessIDKind(s string) IDKind {
	n := strings.ToUpper(CleanDigits(s))
	if allASCIIDigits(n) {
		switch len(n) {
		case 12:
			return IDCCCD
		case 9:
			return IDCMND
		}
		return IDNone
	}
	if len(n) < 6 || len(n) > 9 {
		return IDNone
	}
	i := 0
	for i < len(n) && 'A' <= n[i] && n[i] <= 'Z' {
		i++
	}
	if i == 0 || i == len(n) || !allASCIIDigits(n[i:]) {
		return IDNone
	}
	return IDPassport
}

// NormalizePhone checks a Vietnamese phone number and returns it in the
// leading-0 form without separators. It accepts the +84, 84 and 0084
// prefixes (with or without a bracketed 0 after them), spaces, dots, dashes
// and parentheses. A mobile (0 then 3/5/7/8/9 then 8 digits) and a landline
// (11 digits from 02) pass silently; any other 9 to 11 digits starting with
// 0 pass with a warning; anything else is refused.
func NormalizePhone(s string) (norm string, warn *Msg, err *Msg) {
	n := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || isNumberSeparator(r) || r == '(' || r == ')' {
			return -1
		}
		return r
	}, s)
	if n == "" {
		return "", nil, NewMsg(fieldPhone, "Chưa nhập số điện thoại", "The phone number is missing")
	}
	intl := false
	switch {
	case strings.HasPrefix(n, "+"):
		n = n[1:]
		intl = true
	case strings.HasPrefix(n, "00"):
		n = n[2:]
		intl = true
	}
	if !allASCIIDigits(n) {
		return "", nil, NewMsg(fieldPhone,
			"Số điện thoại chỉ gồm chữ số (có thể có +84 ở đầu)",
			"The phone number must contain digits only (optionally starting with +84)")
	}
	switch {
	case intl && !strings.HasPrefix(n, "84"):
		return "", nil, NewMsg(fieldPhone,
			"Chỉ nhận số điện thoại Việt Nam (+84)",
			"Only Vietnamese phone numbers (+84) are accepted")
	case strings.HasPrefix(n, "84") && (intl || len(n) == 11 || len(n) == 12):
		n = n[2:]
		if !strings.HasPrefix(n, "0") {
			n = "0" + n
		}
	}
	switch {
	case isMobile(n):
		return n, nil, nil
	case len(n) == 11 && strings.HasPrefix(n, "02"):
		return n, nil, nil
	case len(n) < 9:
		return "", nil, NewMsg(fieldPhone,
			fmt.Sprintf("Số điện thoại quá ngắn (%d chữ số)", len(n)),
			fmt.Sprintf("The phone number is too short (%d digits)", len(n)))
	case len(n) > 11:
		return "", nil, NewMsg(fieldPhone,
			fmt.Sprintf("Số điện thoại quá dài (%d chữ số)", len(n)),
			fmt.Sprintf("The phone number is too long (%d digits)", len(n)))
	case !strings.HasPrefix(n, "0"):
		return "", nil, NewMsg(fieldPhone,
			"Số điện thoại phải bắt đầu bằng 0 hoặc +84",
			"The phone number must start with 0 or +84")
	case len(n) == 11 && strings.HasPrefix(n, "01"):
		return n, NewMsg(fieldPhone,
			"Số di động 11 số đầu 01 đã chuyển sang 10 số từ năm 2018: kiểm tra lại",
			"11-digit mobile numbers starting 01 became 10-digit numbers in 2018: please check"), nil
	}
	return n, NewMsg(fieldPhone,
		"Số điện thoại không giống số di động hay số cố định: kiểm tra lại",
		"The phone number looks like neither a mobile nor a landline: please check"), nil
}

// isMobile matches ^0[35789]\d{8}$.
func isMobile(n string) bool {
	if len(n) != 10 || n[0] != '0' || !allASCIIDigits(n) {
		return false
	}
	switch n[1] {
	case '3', '5', '7', '8', '9':
		return true
	}
	return false
}

// ParseDateInput reads a date as a person types it: dd/mm/yyyy, d/m/yyyy,
// with '-' or '.' in place of '/', or eight digits ddmmyyyy; yyyy-mm-dd is
// accepted too. The year must have four digits, and the date must exist.
// Years before 1900 are refused.
func ParseDateInput(s string) (Date, *Msg) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, NewMsg(fieldDate, "Chưa nhập ngày", "The date is missing")
	}
	var ds, ms, ys string
	switch {
	case len(s) == 8 && allASCIIDigits(s):
		ds, ms, ys = s[:2], s[2:4], s[4:]
	case len(s) == 6 && allASCIIDigits(s): // ddmmyy
		return Date{}, twoDigitYear(s[4:])
	default:
		parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
		if len(parts) != 3 || strings.Count(s, "/")+strings.Count(s, "-")+strings.Count(s, ".") != 2 {
			return Date{}, badDateFormat(s)
		}
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
			if !allASCIIDigits(parts[i]) {
				return Date{}, badDateFormat(s)
			}
		}
		ds, ms, ys = parts[0], parts[1], parts[2]
		if len(ds) == 4 && strings.Contains(s, "-") { // yyyy-mm-dd
			ds, ys = ys, ds
		}
	}
	if len(ds) > 2 || len(ms) > 2 {
		return Date{}, badDateFormat(s)
	}
	switch len(ys) {
	case 4:
	case 2:
		return Date{}, twoDigitYear(ys)
	default:
		return Date{}, NewMsg(fieldDate, "Năm phải có đủ 4 chữ số", "The year must have four digits")
	}
	d, _ := strconv.Atoi(ds)
	m, _ := strconv.Atoi(ms)
	y, _ := strconv.Atoi(ys)
	if y < 1900 {
		return Date{}, NewMsg(fieldDate,
			fmt.Sprintf("Năm %04d không hợp lệ", y),
			fmt.Sprintf("Year %04d is not valid", y))
	}
	if m < 1 || m > 12 {
		return Date{}, NewMsg(fieldDate,
			fmt.Sprintf("Tháng %d không tồn tại", m),
			fmt.Sprintf("There is no month %d", m))
	}
	date := Date{y, time.Month(m), d}
	if NewDate(y, time.Month(m), d) != date {
		return Date{}, NewMsg(fieldDate,
			fmt.Sprintf("Ngày %02d/%02d/%04d không tồn tại", d, m, y),
			fmt.Sprintf("The date %02d/%02d/%04d does not exist", d, m, y))
	}
	return date, nil
}

func twoDigitYear(yy string) *Msg {
	return NewMsg(fieldDate,
		fmt.Sprintf("Năm %s chỉ có 2 chữ số: hãy ghi đủ 4 chữ số (ví dụ 19%s hoặc 20%s)", yy, yy, yy),
		fmt.Sprintf("The year %s has only two digits: please write all four (e.g. 19%s or 20%s)", yy, yy, yy))
}

func badDateFormat(s string) *Msg {
	return NewMsg(fieldDate,
		fmt.Sprintf("Không đọc được ngày %q: hãy nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2026", s),
		fmt.Sprintf("Cannot read the date %q: type it as day/month/year, e.g. 05/03/2026", s))
}

// earliestReceived is the earliest receipt date the register accepts.
var earliestReceived = Date{2000, time.January, 1}

// ValidateReceivedDate refuses a missing receipt date, one after today and
// one before 01/01/2000.
func ValidateReceivedDate(d, today Date) *Msg {
	switch {
	case d.IsZero():
		return NewMsg(fieldReceived, "Chưa nhập ngày nhận", "The date received is missing")
	case d.After(today):
		return NewMsg(fieldReceived, "Ngày nhận không được sau hôm nay", "The date received cannot be later than today")
	case d.Before(earliestReceived):
		return NewMsg(fieldReceived, "Ngày nhận không được trước 01/01/2000", "The date received cannot be earlier than 01/01/2000")
	}
	return nil
}

// ValidateLetterDate refuses a date written on a letter that is later than
// the date the letter was received. A missing letter date (undated letters
// are common) or received date is not an error here.
func ValidateLetterDate(letter, received Date) *Msg {
	if letter.IsZero() || received.IsZero() || !letter.After(received) {
		return nil
	}
	return NewMsg(fieldLetter,
		fmt.Sprintf("Ngày ghi trên đơn (%s) không được sau ngày nhận (%s)", letter, received),
		fmt.Sprintf("The date on the letter (%s) cannot be later than the date received (%s)", letter, received))
}

// ParseYear reads a four-digit birth year between 1900 and today's year.
func ParseYear(s string, today Date) (int, *Msg) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return 0, NewMsg(fieldBirthYear, "Chưa nhập năm sinh", "The year of birth is missing")
	case !allASCIIDigits(s):
		return 0, NewMsg(fieldBirthYear,
			fmt.Sprintf("Năm sinh %q không phải là số", s),
			fmt.Sprintf("The year of birth %q is not a number", s))
	case len(s) == 2:
		return 0, NewMsg(fieldBirthYear,
			fmt.Sprintf("Năm sinh cần ghi đủ 4 chữ số (ví dụ 19%s hoặc 20%s)", s, s),
			fmt.Sprintf("Please write the year of birth with four digits (e.g. 19%s or 20%s)", s, s))
	case len(s) != 4:
		return 0, NewMsg(fieldBirthYear, "Năm sinh phải có 4 chữ số", "The year of birth must have four digits")
	}
	y, _ := strconv.Atoi(s)
	if y < 1900 || y > today.Y {
		return 0, NewMsg(fieldBirthYear,
			fmt.Sprintf("Năm sinh phải từ 1900 đến %d", today.Y),
			fmt.Sprintf("The year of birth must be between 1900 and %d", today.Y))
	}
	return y, nil
}

// maxNameRunes is the longest name accepted, in characters.
const maxNameRunes = 100

// ValidateName normalises a person's full name (NFC, single spaces) and
// refuses it if it is empty, longer than 100 characters, has no letter, or
// contains a digit or a control character.
func ValidateName(s string) (string, *Msg) {
	s = NFC(s)
	if s == "" {
		return "", NewMsg(fieldName, "Chưa nhập họ tên", "The name is missing")
	}
	if n := utf8.RuneCountInString(s); n > maxNameRunes {
		return "", NewMsg(fieldName,
			fmt.Sprintf("Họ tên dài quá %d ký tự (đang có %d)", maxNameRunes, n),
			fmt.Sprintf("The name is longer than %d characters (it has %d)", maxNameRunes, n))
	}
	letter := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			return "", NewMsg(fieldName, "Họ tên không được có chữ số", "The name cannot contain digits")
		case unicode.IsControl(r):
			return "", NewMsg(fieldName, "Họ tên có ký tự không hợp lệ", "The name contains an invalid character")
		case unicode.IsLetter(r):
			letter = true
		}
	}
	if !letter {
		return "", NewMsg(fieldName, "Họ tên phải có chữ cái", "The name must contain letters")
	}
	return s, nil
}
