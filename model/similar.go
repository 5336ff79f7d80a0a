package model

import (
	"slices"
	"strings"
)

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
	return pairOverlap(wordPairs(a), wordPairs(b))
}

// wordPairs returns the set of adjacent word pairs of s, folded, as
// sorted distinct 64-bit hashes: comparing two such sets is one merge,
// and a text's set is computed once however many texts it is compared
// with (FindRepeats).
func wordPairs(s string) []uint64 {
	words := strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f)
	})
	if len(words) < 2 {
		return []uint64{}
	}
	out := make([]uint64, 0, len(words)-1)
	for i := 0; i+1 < len(words); i++ {
		out = append(out, pairHash(words[i], words[i+1]))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// pairHash is the FNV-1a hash of "a b".
func pairHash(a, b string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for i := 0; i < len(a); i++ {
		h = (h ^ uint64(a[i])) * prime
	}
	h = (h ^ ' ') * prime
	for i := 0; i < len(b); i++ {
		h = (h ^ uint64(b[i])) * prime
	}
	return h
}

// pairOverlap is Similarity of two sets made by wordPairs.
func pairOverlap(pa, pb []uint64) float64 {
	if len(pa) == 0 || len(pb) == 0 {
		return 0
	}
	if len(pa) > len(pb) {
		pa, pb = pb, pa
	}
	shared := 0
	for i, j := 0, 0; i < len(pa) && j < len(pb); {
		switch {
		case pa[i] == pb[j]:
			shared++
			i++
			j++
		case pa[i] < pb[j]:
			i++
		default:
			j++
		}
	}
	if shared < 2 {
		return 0
	}
	return float64(shared) / float64(len(pa))
}
