package model

import (
	"regexp"
	"strings"
	"unicode"
)

// citation matches what stays Vietnamese in English text: the names of
// laws, decrees, circulars and union instruments and their articles
// ("Luật Khiếu nại 2011 Điều 28", "NĐ 24/2018/NĐ-CP", "QĐ 333/QĐ-TLĐ",
// "Mẫu 03/TCD", "BLLĐ 2019").
var citation = regexp.MustCompile(`(Bộ luật [\p{L} ]+|Luật [\p{L} ]+|Điều [\d.]+|Mẫu [\w/.-]+|[\p{Lu}\d/-]*Đ[\p{Lu}\d/-]*)`)

// VietnameseWord returns the first word of s that is written with a
// Vietnamese letter English does not use (ă â đ ê ô ơ ư, tone marks),
// outside citations; "" when there is none. Tests use it to hold English
// text to English: a Vietnamese sentence left in the English interface
// shows up here, a citation or a person's name passed as an argument does
// not (callers check the text before names are put in).
func VietnameseWord(s string) string {
	s = citation.ReplaceAllString(s, " ")
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		for _, r := range w {
			if r > unicode.MaxASCII && unicode.IsLetter(r) {
				return w
			}
		}
	}
	return ""
}

// AllLabels lists every domain label (for tests of the words).
func AllLabels() map[string]Label { return labels }
