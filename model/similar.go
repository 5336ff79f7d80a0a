package model

import "strings"

// Similarity of petitions, for suggesting that a new letter duplicates an
// earlier one (đơn trùng, DOMAIN.md §1.2). It compares what the letters
// are about, not who sent them: the classification screen adds the
// letters of the same sender on its own.

// stopSyllables are Vietnamese function words (folded) that say nothing
// of a letter's matter.
var stopSyllables = map[string]bool{
	"va": true, "cua": true, "la": true, "cho": true, "cac": true, "nhung": true,
	"mot": true, "voi": true, "ve": true, "thi": true, "da": true, "duoc": true,
	"bi": true, "de": true, "nay": true, "do": true, "o": true, "tai": true,
	"toi": true, "em": true, "chung": true, "minh": true, "khong": true, "co": true,
	"den": true, "tu": true, "trong": true, "theo": true, "nhu": true, "ma": true,
	"ra": true, "vao": true, "len": true, "con": true, "se": true, "dang": true,
}

// SimilarText says how alike two texts are, from 0 (nothing in common) to
// 1 (the same words): the Dice coefficient of their sets of folded
// syllables, function words left out. Diacritics, case, word order and
// repetition do not count, so "Công ty nợ lương 3 tháng" and "cong ty no
// luong ba thang" are close.
func SimilarText(a, b string) float64 { return SimilarFolded(Fold(a), Fold(b)) }

// SimilarFolded is SimilarText on texts already folded (Fold).
func SimilarFolded(a, b string) float64 {
	sa, sb := syllables(a), syllables(b)
	if len(sa) == 0 || len(sb) == 0 {
		return 0
	}
	common := 0
	for w := range sa {
		if sb[w] {
			common++
		}
	}
	return 2 * float64(common) / float64(len(sa)+len(sb))
}

// syllables splits a folded text into its set of syllables and numbers.
func syllables(f string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(f, func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}) {
		if !stopSyllables[w] {
			out[w] = true
		}
	}
	return out
}
