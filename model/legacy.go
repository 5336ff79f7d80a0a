package model

// Legacy Vietnamese encodings. Registers typed before Unicode was common
// used 8-bit fonts: TCVN3 (ABC, the .VnTime fonts) gives one byte to each
// precomposed lower-case letter, and VNI-Windows writes a base letter
// followed by a byte for its marks. A spreadsheet or a CSV keeps those
// bytes as Latin-1 characters, which Unicode programs show as garbage
// ("NguyÔn V¨n An", "Nguyeãn Vaên An"). The tables below are written from
// the published code charts of TCVN 5712:1993 (VN3) and VNI-Windows.
//
// The encoding of a column is detected from its cells together
// (DetectEncoding): each candidate decoding is scored by how many of the
// resulting words are well-formed Vietnamese syllables, and a column is
// converted only when a legacy decoding reads clearly better than the text
// as it is.

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Encoding is a text encoding a register may be typed in.
type Encoding string

const (
	EncUnicode Encoding = "unicode"
	EncTCVN3   Encoding = "tcvn3"
	EncVNI     Encoding = "vni"
)

// Label returns the name of the encoding people know.
func (e Encoding) Label() Label {
	switch e {
	case EncTCVN3:
		return Label{"TCVN3 (ABC)", "TCVN3 (ABC)"}
	case EncVNI:
		return Label{"VNI-Windows", "VNI-Windows"}
	}
	return Label{"Unicode", "Unicode"}
}

// tcvn3 maps the upper half of TCVN3 (as Latin-1 code points) to Unicode.
// TCVN3 has no precomposed capitals with tone marks: those were typed in
// the capitals font (.VnTimeH) with the same codes as the small letters.
var tcvn3 = map[rune]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// FromTCVN3 decodes text typed in TCVN3 and read as Latin-1. It reports
// false if the text holds a character TCVN3 cannot have produced.
func FromTCVN3(s string) (string, bool) {
	var b strings.Builder
	ok := true
	for _, r := range s {
		if r < 0x80 {
			b.WriteRune(r)
			continue
		}
		if u, found := tcvn3[r]; found {
			b.WriteRune(u)
			continue
		}
		ok = false
		b.WriteRune(r)
	}
	return b.String(), ok
}

// VNI-Windows marks, as Latin-1 characters following a base letter. Small
// letters take the small marks and capitals the capital ones.
const (
	vniAcute = iota
	vniGrave
	vniHook
	vniTilde
	vniDot
	vniNone
)

// vniTone gives the tone of a VNI tone byte.
var vniTone = map[rune]int{
	'ù': vniAcute, 'ø': vniGrave, 'û': vniHook, 'õ': vniTilde, 'ï': vniDot,
	'Ù': vniAcute, 'Ø': vniGrave, 'Û': vniHook, 'Õ': vniTilde, 'Ï': vniDot,
}

// vniCirc and vniBreve give the tone carried by a combined byte: a
// circumflex (on a, e, o) or a breve (on a), with or without a tone.
var vniCirc = map[rune]int{
	'â': vniNone, 'á': vniAcute, 'à': vniGrave, 'å': vniHook, 'ã': vniTilde, 'ä': vniDot,
	'Â': vniNone, 'Á': vniAcute, 'À': vniGrave, 'Å': vniHook, 'Ã': vniTilde, 'Ä': vniDot,
}

var vniBreve = map[rune]int{
	'ê': vniNone, 'é': vniAcute, 'è': vniGrave, 'ú': vniHook, 'ü': vniTilde, 'ë': vniDot,
	'Ê': vniNone, 'É': vniAcute, 'È': vniGrave, 'Ú': vniHook, 'Ü': vniTilde, 'Ë': vniDot,
}

// vniLetter are the VNI bytes that are letters of their own: ơ, ư, đ and
// the i with a tone.
var vniLetter = map[rune]rune{
	'ô': 'ơ', 'ö': 'ư', 'ñ': 'đ', 'Ô': 'Ơ', 'Ö': 'Ư', 'Ñ': 'Đ',
	'í': 'í', 'ì': 'ì', 'æ': 'ỉ', 'ó': 'ĩ', 'ò': 'ị',
	'Í': 'Í', 'Ì': 'Ì', 'Æ': 'Ỉ', 'Ó': 'Ĩ', 'Ò': 'Ị',
}

// toned lists each vowel with its five tones (acute, grave, hook, tilde,
// dot below).
var toned = map[rune][5]rune{
	'a': {'á', 'à', 'ả', 'ã', 'ạ'}, 'ă': {'ắ', 'ằ', 'ẳ', 'ẵ', 'ặ'}, 'â': {'ấ', 'ầ', 'ẩ', 'ẫ', 'ậ'},
	'e': {'é', 'è', 'ẻ', 'ẽ', 'ẹ'}, 'ê': {'ế', 'ề', 'ể', 'ễ', 'ệ'},
	'i': {'í', 'ì', 'ỉ', 'ĩ', 'ị'},
	'o': {'ó', 'ò', 'ỏ', 'õ', 'ọ'}, 'ô': {'ố', 'ồ', 'ổ', 'ỗ', 'ộ'}, 'ơ': {'ớ', 'ờ', 'ở', 'ỡ', 'ợ'},
	'u': {'ú', 'ù', 'ủ', 'ũ', 'ụ'}, 'ư': {'ứ', 'ừ', 'ử', 'ữ', 'ự'},
	'y': {'ý', 'ỳ', 'ỷ', 'ỹ', 'ỵ'},
	'A': {'Á', 'À', 'Ả', 'Ã', 'Ạ'}, 'Ă': {'Ắ', 'Ằ', 'Ẳ', 'Ẵ', 'Ặ'}, 'Â': {'Ấ', 'Ầ', 'Ẩ', 'Ẫ', 'Ậ'},
	'E': {'É', 'È', 'Ẻ', 'Ẽ', 'Ẹ'}, 'Ê': {'Ế', 'Ề', 'Ể', 'Ễ', 'Ệ'},
	'I': {'Í', 'Ì', 'Ỉ', 'Ĩ', 'Ị'},
	'O': {'Ó', 'Ò', 'Ỏ', 'Õ', 'Ọ'}, 'Ô': {'Ố', 'Ồ', 'Ổ', 'Ỗ', 'Ộ'}, 'Ơ': {'Ớ', 'Ờ', 'Ở', 'Ỡ', 'Ợ'},
	'U': {'Ú', 'Ù', 'Ủ', 'Ũ', 'Ụ'}, 'Ư': {'Ứ', 'Ừ', 'Ử', 'Ữ', 'Ự'},
	'Y': {'Ý', 'Ỳ', 'Ỷ', 'Ỹ', 'Ỵ'},
}

func withTone(base rune, tone int) rune {
	if tone == vniNone {
		return base
	}
	return toned[base][tone]
}

var circOf = map[rune]rune{'a': 'â', 'e': 'ê', 'o': 'ô', 'A': 'Â', 'E': 'Ê', 'O': 'Ô'}

// FromVNI decodes text typed in VNI-Windows and read as Latin-1. It
// reports false if a mark byte follows no letter that can carry it.
func FromVNI(s string) (string, bool) {
	rs := []rune(s)
	out := make([]rune, 0, len(rs))
	ok := true
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r < 0x80 && !isVowelASCII(r) {
			out = append(out, r)
			continue
		}
		base := r
		if l, found := vniLetter[r]; found {
			base = l
		} else if r >= 0x80 {
			ok = false
			out = append(out, r)
			continue
		}
		if i+1 < len(rs) {
			m := rs[i+1]
			if t, found := vniCirc[m]; found && circOf[base] != 0 {
				out = append(out, withTone(circOf[base], t))
				i++
				continue
			}
			if t, found := vniBreve[m]; found && (base == 'a' || base == 'A') {
				b := 'ă'
				if base == 'A' {
					b = 'Ă'
				}
				out = append(out, withTone(b, t))
				i++
				continue
			}
			if t, found := vniTone[m]; found {
				if _, vowel := toned[base]; vowel {
					out = append(out, withTone(base, t))
					i++
					continue
				}
			}
		}
		out = append(out, base)
	}
	return string(out), ok
}

func isVowelASCII(r rune) bool { return strings.ContainsRune("aeiouyAEIOUY", r) }

// Decode converts s from enc to Unicode NFC (single spaces, trimmed).
func Decode(s string, enc Encoding) string {
	switch enc {
	case EncTCVN3:
		s, _ = FromTCVN3(s)
	case EncVNI:
		s, _ = FromVNI(s)
	}
	return NFC(s)
}

// DetectEncoding guesses the encoding a column of cells was typed in. It
// returns EncUnicode unless a legacy decoding makes clearly more of the
// words read as Vietnamese syllables than the text as it is.
func DetectEncoding(cells []string) Encoding {
	var asIs, tc, vn int
	legacy := false
	for _, c := range cells {
		if c == "" {
			continue
		}
		if hasVietnameseOnly(c) {
			// Precomposed Vietnamese letters outside Latin-1: this cell,
			// at least, is Unicode already.
			asIs += 3 * syllableScore(c)
			continue
		}
		if !hasLatin1High(c) {
			continue
		}
		legacy = true
		asIs += syllableScore(c)
		if t, ok := FromTCVN3(c); ok {
			tc += syllableScore(t)
		}
		if v, ok := FromVNI(c); ok {
			vn += syllableScore(v)
		}
	}
	switch {
	case !legacy:
		return EncUnicode
	case tc > asIs && tc >= vn:
		return EncTCVN3
	case vn > asIs && vn > tc:
		return EncVNI
	}
	return EncUnicode
}

func hasLatin1High(s string) bool {
	for _, r := range s {
		if r >= 0x80 && r <= 0xFF {
			return true
		}
	}
	return false
}

// hasVietnameseOnly reports a letter that only Unicode Vietnamese text has:
// ă, đ, ơ, ư, ĩ, ũ (any case) or a letter of U+1EA0–U+1EF9.
func hasVietnameseOnly(s string) bool {
	for _, r := range s {
		switch {
		case r >= 0x1EA0 && r <= 0x1EF9:
			return true
		case r == 'ă', r == 'Ă', r == 'đ', r == 'Đ', r == 'ơ', r == 'Ơ', r == 'ư', r == 'Ư', r == 'ĩ', r == 'Ĩ', r == 'ũ', r == 'Ũ':
			return true
		}
	}
	return false
}

// syllableScore counts the words of s that are well-formed Vietnamese
// syllables carrying at least one non-ASCII letter, minus the words that
// hold a character no Vietnamese word has. Plain ASCII words count for
// nothing: they read the same in every encoding.
func syllableScore(s string) int {
	n := 0
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",.;:()/-–\"'", r) }) {
		ascii := true
		for i := 0; i < len(w); i++ {
			if w[i] >= utf8.RuneSelf {
				ascii = false
				break
			}
		}
		if ascii {
			continue
		}
		if IsSyllable(w) {
			n++
		} else {
			n--
		}
	}
	return n
}

var (
	onsets = map[string]bool{"": true, "b": true, "c": true, "ch": true, "d": true, "đ": true, "g": true, "gh": true, "gi": true,
		"h": true, "k": true, "kh": true, "l": true, "m": true, "n": true, "ng": true, "ngh": true, "nh": true, "p": true,
		"ph": true, "q": true, "qu": true, "r": true, "s": true, "t": true, "th": true, "tr": true, "v": true, "x": true}
	codas = map[string]bool{"": true, "c": true, "ch": true, "m": true, "n": true, "ng": true, "nh": true, "p": true, "t": true}
	// nuclei are the vowel groups of Vietnamese without tones, glides
	// included (a final i, y, o or u is part of the group).
	nuclei = map[string]bool{}
)

func init() {
	for _, v := range strings.Fields(`a ă â e ê i o ô ơ u ư y
		ai ao au ay âu ây eo êu ia iu oa oă oe oi ôi ơi ua uâ uê ui uô uơ uy ưa ưi ưu ươ iê yê uya uyê
		oai oay oao oeo uây uôi ươi ươu iêu yêu uyu`) {
		nuclei[v] = true
	}
	for base, ts := range toned {
		for _, t := range ts {
			untoned[t] = base
		}
	}
}

// IsSyllable reports whether w (one word, any case) is a well-formed
// Vietnamese syllable: an onset, a vowel group with at most one tone, and
// a coda.
func IsSyllable(w string) bool {
	w = strings.ToLower(NFC(w))
	tones := 0
	var bare []rune
	for _, r := range w {
		b, t := untone(r)
		if t {
			tones++
		}
		bare = append(bare, b)
	}
	if tones > 1 || len(bare) == 0 {
		return false
	}
	i := 0
	for i < len(bare) && !isVowel(bare[i]) {
		i++
	}
	j := i
	for j < len(bare) && isVowel(bare[j]) {
		j++
	}
	on, nu, co := string(bare[:i]), string(bare[i:j]), string(bare[j:])
	if on == "g" && strings.HasPrefix(nu, "i") && len(nu) > 1 {
		on, nu = "gi", nu[1:]
	}
	if on == "q" && strings.HasPrefix(nu, "u") {
		on, nu = "qu", nu[1:]
	}
	return onsets[on] && nuclei[nu] && codas[co]
}

func isVowel(r rune) bool { return strings.ContainsRune("aăâeêioôơuưy", r) }

// untoned maps each toned vowel to its bare letter.
var untoned = map[rune]rune{}

// untone returns the letter without its tone and whether it had one.
func untone(r rune) (rune, bool) {
	if b, ok := untoned[r]; ok {
		return b, true
	}
	return r, false
}
