package model

// Text normalisation, search folding and Vietnamese ordering (docs/law.md, Identity documents and names,
// docs/architecture.md).
//
//   - NFC is applied to every text field at the boundary, so that what is
//     stored never depends on the input method (IMEs in "Unicode tổ hợp" mode,
//     macOS and copy-paste produce NFD).
//   - Fold is the search key: no diacritics, đ→d, lower case, single spaces.
//     Old and new tone placement (hoà/hòa) fold to the same key.
//   - CompareVietnamese and CompareNames order text the Vietnamese way (CLDR
//     "vi": a<ă<â, d<đ, e<ê, o<ô<ơ, u<ư; tones are secondary differences).

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normalisation form C, with surrounding white space
// trimmed and every internal run of white space (tabs and newlines included)
// collapsed to one ASCII space. It is meant for one-line fields (names,
// addresses, numbers, titles); it joins lines, so it is not for multi-line
// free text.
func NFC(s string) string {
	if isPlainASCII(s) {
		return s
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return collapseSpace(s)
}

// isPlainASCII reports whether s is ASCII with no white space other than
// single interior spaces: already in the form NFC returns.
func isPlainASCII(s string) bool {
	prevSpace := true // a leading space is not plain
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			return false
		default:
			prevSpace = false
		}
	}
	return !prevSpace || len(s) == 0
}

// collapseSpace trims s and collapses runs of Unicode white space to one
// ASCII space, allocating only when something changes.
func collapseSpace(s string) string {
	clean := true
	prevSpace := true
	for _, r := range s {
		if unicode.IsSpace(r) {
			if prevSpace || r != ' ' {
				clean = false
				break
			}
			prevSpace = true
		} else {
			prevSpace = false
		}
	}
	if clean && (!prevSpace || len(s) == 0) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	pending := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			pending = b.Len() > 0
			continue
		}
		if pending {
			b.WriteByte(' ')
			pending = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Fold returns the search key of s: NFC, lower case, canonical decomposition,
// combining marks (category Mn) dropped, đ/Đ mapped to d, white space
// collapsed to single spaces and trimmed. "Nguyễn Văn Đức", "NGUYEN VAN DUC"
// and the NFD spelling of the first all fold to "nguyen van duc".
// Invisible format characters (zero-width space, joiners, soft hyphen, BOM)
// that copy-paste leaves behind are dropped too.
//
// The result is the same as running that chain of transforms literally, but
// it is computed in one pass with one allocation (none for ASCII text that is
// already lower case and single-spaced).
func Fold(s string) string {
	// Fast path: pure ASCII.
	ascii, lowerClean := true, true
	prevSpace := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		switch {
		case c == ' ':
			if prevSpace {
				lowerClean = false
			}
			prevSpace = true
		case c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || ('A' <= c && c <= 'Z'):
			lowerClean = false
			prevSpace = false
		default:
			prevSpace = false
		}
	}
	if ascii {
		if lowerClean && (!prevSpace || len(s) == 0) {
			return s
		}
		return foldASCII(s)
	}
	return foldUnicode(s)
}

func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func foldASCII(s string) string {
	b := make([]byte, 0, len(s))
	pending := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isASCIISpace(c) {
			pending = len(b) > 0
			continue
		}
		if pending {
			b = append(b, ' ')
			pending = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// foldTableSize bounds the per-rune cache: it covers Latin, Latin Extended
// (Vietnamese precomposed letters are in U+1E00–U+1EFF), Greek, Cyrillic and
// the general punctuation block.
const foldTableSize = 0x2100

var (
	foldTableOnce sync.Once
	foldTable     []string // fold of each rune < foldTableSize
)

func buildFoldTable() {
	foldTable = make([]string, foldTableSize)
	var buf []byte
	for r := rune(0); r < foldTableSize; r++ {
		buf = appendFoldRune(buf[:0], r)
		foldTable[r] = string(buf)
	}
}

// appendFoldRune appends the fold of the single rune r (lower case, canonical
// decomposition without combining marks, đ→d) to b. White space is not
// handled here.
func appendFoldRune(b []byte, r rune) []byte {
	if r == 'đ' || r == 'Đ' {
		return append(b, 'd')
	}
	if unicode.Is(unicode.Mn, r) || isInvisible(r) {
		return b
	}
	r = unicode.ToLower(r)
	if hangulFirst <= r && r <= hangulLast {
		return appendHangulJamo(b, r)
	}
	var enc [utf8.UTFMax]byte
	n := utf8.EncodeRune(enc[:], r)
	p := norm.NFD.Properties(enc[:n])
	d := p.Decomposition()
	if d == nil {
		return utf8.AppendRune(b, r)
	}
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		if c == 'đ' || c == 'Đ' {
			c = 'd'
		}
		b = utf8.AppendRune(b, c)
	}
	return b
}

// Hangul syllables decompose algorithmically (the norm tables do not list
// them), as in Unicode §3.12.
const (
	hangulFirst  = 0xAC00
	hangulLast   = 0xD7A3
	hangulLBase  = 0x1100
	hangulVBase  = 0x1161
	hangulTBase  = 0x11A7
	hangulTCount = 28
	hangulNCount = 21 * hangulTCount
)

func appendHangulJamo(b []byte, r rune) []byte {
	i := r - hangulFirst
	b = utf8.AppendRune(b, hangulLBase+i/hangulNCount)
	b = utf8.AppendRune(b, hangulVBase+(i%hangulNCount)/hangulTCount)
	if t := i % hangulTCount; t != 0 {
		b = utf8.AppendRune(b, hangulTBase+t)
	}
	return b
}

// isInvisible reports the format characters that copy-paste leaves inside
// words and that must not break a search.
func isInvisible(r rune) bool {
	switch r {
	case '\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF':
		return true
	}
	return false
}

func foldUnicode(s string) string {
	foldTableOnce.Do(buildFoldTable)
	b := make([]byte, 0, len(s))
	var scratch [16]byte
	pending := false
	for _, r := range s {
		if isSpace(r) {
			pending = len(b) > 0
			continue
		}
		var piece []byte
		if r < foldTableSize {
			p := foldTable[r]
			if p == "" {
				continue
			}
			if pending {
				b = append(b, ' ')
				pending = false
			}
			b = append(b, p...)
			continue
		}
		piece = appendFoldRune(scratch[:0], r)
		if len(piece) == 0 {
			continue
		}
		if pending {
			b = append(b, ' ')
			pending = false
		}
		b = append(b, piece...)
	}
	return string(b)
}

// isSpace is unicode.IsSpace, its answer for ASCII inlined: a check or
// rebuild folds every petition's and case's summary, rune by rune.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || uint32(r)-'\t' <= '\r'-'\t'
	}
	return unicode.IsSpace(r)
}

// GivenName returns the tên of a Vietnamese full name: its last word, in NFC.
// "Nguyễn Thị Minh Khai" → "Khai". It returns "" for an empty name.
func GivenName(full string) string {
	full = NFC(full)
	if i := strings.LastIndexByte(full, ' '); i >= 0 {
		return full[i+1:]
	}
	return full
}

// CompareVietnamese compares a and b in Vietnamese alphabetical order (CLDR
// "vi" collation: a<ă<â, d<đ, e<ê, o<ô<ơ, u<ư as letters; tone marks, then
// case, break ties; collate.go). NFC and NFD spellings of the same text
// compare equal. It is safe for concurrent use.
func CompareVietnamese(a, b string) int { return compareVi(a, b) }

// CompareNames orders Vietnamese full names the way lists are sorted: by tên
// (the last word), then họ (the first word), then the middle words, each in
// Vietnamese order (docs/law.md, Identity documents and names). Names that are equal on all three are
// ordered by their NFC bytes, so the order is total.
func CompareNames(a, b string) int {
	a, b = NFC(a), NFC(b)
	ha, ma, ta := splitName(a)
	hb, mb, tb := splitName(b)
	if r := compareVi(ta, tb); r != 0 {
		return r
	}
	if r := compareVi(ha, hb); r != 0 {
		return r
	}
	if r := compareVi(ma, mb); r != 0 {
		return r
	}
	return strings.Compare(a, b)
}

// splitName splits an NFC name into họ (first word), middle words and tên
// (last word). A one-word name is all tên.
func splitName(s string) (ho, middle, ten string) {
	last := strings.LastIndexByte(s, ' ')
	if last < 0 {
		return "", "", s
	}
	ten = s[last+1:]
	rest := s[:last]
	first := strings.IndexByte(rest, ' ')
	if first < 0 {
		return rest, "", ten
	}
	return rest[:first], rest[first+1:], ten
}

// MatchFolded reports whether every word of queryFolded occurs somewhere in
// haystackFolded as a substring; both must already be folded (Fold). Word
// order does not matter, so "van an" and "nguyen an" both find
// "nguyen van an". An empty query matches everything.
func MatchFolded(haystackFolded, queryFolded string) bool {
	q := queryFolded
	for {
		for len(q) > 0 && q[0] == ' ' {
			q = q[1:]
		}
		if q == "" {
			return true
		}
		end := strings.IndexByte(q, ' ')
		if end < 0 {
			end = len(q)
		}
		if !strings.Contains(haystackFolded, q[:end]) {
			return false
		}
		q = q[end:]
	}
}
