package model

import "strings"

// Similarity of petitions: whether a new letter is about the same matter
// as an earlier one (đơn trùng, docs/law.md; tiếp khiếu, tiếp tố: docs/law.md, Backlog review).
// It compares what the letters are about, not who sent them.

// Similarity says how alike two texts are, from 0 to 1: the share of
// the shorter text's pairs of adjacent words (syllables, in Vietnamese)
// that the other text has too, compared without diacritics or case. Texts
// sharing fewer than two such pairs score 0, so that "công ty" alone does
// not make two petitions the same matter. The backlog review links a letter
// to a resolved case by it, and classification suggests duplicates by it.
func Similarity(a, b string) float64 {
	pa, pb := wordPairs(a), wordPairs(b)
	if len(pa) == 0 || len(pb) == 0 {
		return 0
	}
	if len(pa) > len(pb) {
		pa, pb = pb, pa
	}
	shared := 0
	for p := range pa {
		if pb[p] {
			shared++
		}
	}
	if shared < 2 {
		return 0
	}
	return float64(shared) / float64(len(pa))
}

// wordPairs returns the set of adjacent word pairs of s, folded.
func wordPairs(s string) map[string]bool {
	words := strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f)
	})
	out := make(map[string]bool, len(words))
	for i := 0; i+1 < len(words); i++ {
		out[words[i]+" "+words[i+1]] = true
	}
	return out
}
