package model

import (
	"cmp"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Vietnamese alphabetical order (docs/law.md, Identity documents and
// names), as CLDR's "vi" collation orders Vietnamese text: the letters
// a ă â b c d đ e ê … o ô ơ … u ư … are compared first (primary level),
// then the tone marks, none < huyền < hỏi < ngã < sắc < nặng (secondary),
// then lower before upper case (tertiary). Spaces and punctuation are
// not ignored: they sort before digits, and digits before letters, in
// the order of the Unicode collation algorithm's table; control
// characters are ignored. NFC and NFD spellings compare equal.
//
// It was golang.org/x/text/collate, whose tables for every language
// took 1.25 MB of a program that must stay under 20 MiB (Makefile,
// release-check). TestCollationMatchesCLDR holds this to it over
// Vietnamese text, ASCII and the Latin letters with Vietnamese marks.
// Outside those, a character sorts after z by its code point (CLDR
// sorts Greek, Cyrillic and CJK after Latin too, in its own order
// within each, and other symbols before the digits), and a mark not
// Vietnamese after nặng.

// collElem is one collation element: its weights at the three levels
// (p 0: a mark, which weighs at the second level only).
type collElem struct {
	p    uint32
	s, t uint8
}

// collPunct lists the spaces and ASCII punctuation and symbols in
// collation order; digits follow, then letters.
const collPunct = "\t\n\v\f\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"

// collLetters is the Vietnamese alphabet, with the Latin letters it
// lacks (f, j, w, z) in their places.
const collLetters = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

const (
	pDigit  = 1 + uint32(len(collPunct))
	pLetter = pDigit + 10
	pOther  = pLetter + 64 // after every letter of collLetters
)

// asciiWeight is the primary weight of each ASCII character (0: a
// control character, ignored); a letter's case is its tertiary weight.
var asciiWeight = func() (w [128]uint32) {
	for i := 0; i < len(collPunct); i++ {
		w[collPunct[i]] = 1 + uint32(i)
	}
	for d := '0'; d <= '9'; d++ {
		w[d] = pDigit + uint32(d-'0')
	}
	for r := 'a'; r <= 'z'; r++ {
		w[r] = letterWeight(r)
		w[r-'a'+'A'] = letterWeight(r)
	}
	return w
}()

// letterWeight is the primary weight of a lower-case letter of
// collLetters (0 for any other rune).
func letterWeight(r rune) uint32 {
	if r < rune(len(letterWeights)) {
		return letterWeights[r]
	}
	return 0
}

// letterWeights holds letterWeight by rune (ư, U+01B0, is the highest
// of collLetters).
var letterWeights = func() (w ['ư' + 1]uint32) {
	i := uint32(0)
	for _, r := range collLetters {
		w[r] = pLetter + i
		i++
	}
	return w
}()

// joins are the letters NFD writes as a base and a mark: a letter of
// its own in Vietnamese, not a marked one (a and a breve make ă).
var joins = [...]struct {
	base, mark, letter rune
}{{'a', 0x306, 'ă'}, {'a', 0x302, 'â'}, {'e', 0x302, 'ê'}, {'o', 0x302, 'ô'}, {'o', 0x31b, 'ơ'}, {'u', 0x31b, 'ư'}}

// joined gives the weight of the letter the letter of weight p and mark
// make, if they make one.
func joined(p uint32, mark rune) (uint32, bool) {
	for _, j := range joins {
		if j.mark == mark && letterWeight(j.base) == p {
			return letterWeight(j.letter), true
		}
	}
	return 0, false
}

// markWeight is a mark's secondary weight: the five tones in their
// order, then any other mark by its code point.
func markWeight(r rune) uint8 {
	switch r {
	case 0x300: // huyền
		return 1
	case 0x309: // hỏi
		return 2
	case 0x303: // ngã
		return 3
	case 0x301: // sắc
		return 4
	case 0x323: // nặng
		return 5
	}
	return uint8(6 + min(r&0xff, 0xf0))
}

// appendCollElems appends the collation elements of s (in NFD) to dst.
func appendCollElems(dst []collElem, s []byte) []collElem {
	letter := -1 // the element of the letter a mark may join
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			i++
			w := asciiWeight[c]
			if w == 0 {
				continue // a control character: ignored
			}
			e := collElem{p: w}
			if c >= 'A' && c <= 'Z' {
				e.t = 1
			}
			letter = -1
			if w >= pLetter {
				letter = len(dst)
			}
			dst = append(dst, e)
			continue
		}
		r, n := utf8.DecodeRune(s[i:])
		i += n
		switch {
		case r >= 0x300 && r <= 0x36f || unicode.Is(unicode.Mn, r): // a mark
			if letter >= 0 {
				if p, ok := joined(dst[letter].p, r); ok {
					dst[letter].p = p
					continue
				}
			}
			dst = append(dst, collElem{s: markWeight(r)})
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
			// ignored
		case r == 'đ' || r == 'Đ':
			e := collElem{p: letterWeight('đ')}
			if r == 'Đ' {
				e.t = 1
			}
			letter = len(dst)
			dst = append(dst, e)
		case r == 0xa0: // a space that does not break: a space, told apart last
			letter = -1
			dst = append(dst, collElem{p: asciiWeight[' '], t: 1})
		default:
			letter = -1
			e := collElem{p: pOther + uint32(unicode.ToLower(r))}
			if unicode.IsUpper(r) {
				e.t = 1
			}
			dst = append(dst, e)
		}
	}
	return dst
}

// compareCollElems compares two strings' elements level by level.
func compareCollElems(a, b []collElem) int {
	// Primary: the marks (p 0) left out.
	i, j := 0, 0
	for {
		for i < len(a) && a[i].p == 0 {
			i++
		}
		for j < len(b) && b[j].p == 0 {
			j++
		}
		if i == len(a) || j == len(b) {
			if i != len(a) {
				return 1
			}
			if j != len(b) {
				return -1
			}
			break
		}
		if a[i].p != b[j].p {
			return cmp.Compare(a[i].p, b[j].p)
		}
		i++
		j++
	}
	for level := 2; level <= 3; level++ {
		for k := 0; k < len(a) && k < len(b); k++ {
			x, y := a[k].s, b[k].s
			if level == 3 {
				x, y = a[k].t, b[k].t
			}
			if x != y {
				return cmp.Compare(x, y)
			}
		}
		if len(a) != len(b) {
			return cmp.Compare(len(a), len(b))
		}
	}
	return 0
}

// collScratch is the room compareVi works in.
type collScratch struct {
	a, b   []byte
	ea, eb []collElem
}

var collScratches = sync.Pool{New: func() any { return new(collScratch) }}

// compareVi compares a and b in Vietnamese order (see above).
func compareVi(a, b string) int {
	sc := collScratches.Get().(*collScratch)
	defer collScratches.Put(sc)
	sc.a, sc.b = appendNFD(sc.a[:0], a), appendNFD(sc.b[:0], b)
	sc.ea = appendCollElems(sc.ea[:0], sc.a)
	sc.eb = appendCollElems(sc.eb[:0], sc.b)
	return compareCollElems(sc.ea, sc.eb)
}

// appendNFD appends s to dst with each character decomposed as NFD
// decomposes it (ASCII as it is). The marks are not put in canonical
// order: the order of a letter's marks does not change its weights
// (only one of them is a tone, and the others join the letter).
func appendNFD(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			dst = append(dst, s[i])
			i++
			continue
		}
		p := norm.NFD.PropertiesString(s[i:])
		if d := p.Decomposition(); d != nil {
			dst = append(dst, d...)
		} else {
			dst = append(dst, s[i:i+p.Size()]...)
		}
		i += max(p.Size(), 1)
	}
	return dst
}
