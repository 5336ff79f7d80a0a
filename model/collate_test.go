package model

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// The Vietnamese order is CLDR's "vi" collation, as golang.org/x/text
// gives it, on every pair of a few hundred thousand random strings of
// Vietnamese letters (every base with every modifier and tone, lower and
// upper, in NFC and NFD), digits, spaces, ASCII punctuation, control
// characters and the space that does not break; and on the ASCII
// characters pair by pair.
// collationPairs is how many pairs TestCollationMatchesCLDR compares (3
// million, seeds changed, passed once by hand).
var collationPairs = 300_000

func TestCollationMatchesCLDR(t *testing.T) {
	c := collate.New(language.Vietnamese)
	sign := func(x int) int { return max(-1, min(1, x)) }
	check := func(a, b string) {
		t.Helper()
		if got, want := CompareVietnamese(a, b), sign(c.CompareString(a, b)); got != want {
			t.Fatalf("CompareVietnamese(%q, %q) = %d, CLDR says %d", a, b, got, want)
		}
	}
	for x := 0; x < 128; x++ {
		for y := 0; y < 128; y++ {
			check(string(rune(x))+"a", string(rune(y))+"b")
			check("a"+string(rune(x)), "a"+string(rune(y)))
		}
	}
	bases := []string{"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n", "o", "ô", "ơ",
		"p", "q", "r", "s", "t", "u", "ư", "v", "x", "y", "f", "j", "w", "z"}
	tones := []string{"", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"}
	others := []string{" ", " ", " ", "-", ".", ",", "'", "(", ")", "/", "0", "1", "5", "9", "\u00a0", "\x01", "\t", "_", "&"}
	r := rand.New(rand.NewPCG(7, 8))
	word := func() string {
		var sb strings.Builder
		for n := r.IntN(7); n >= 0; n-- {
			if r.IntN(6) == 0 {
				sb.WriteString(others[r.IntN(len(others))])
				continue
			}
			l := bases[r.IntN(len(bases))]
			if strings.ContainsAny(l, "aăâeêioôơuưy") { // a tone on a vowel, as Vietnamese writes it
				l += tones[r.IntN(len(tones))]
			}
			if r.IntN(3) == 0 {
				l = strings.ToUpper(l)
			}
			if r.IntN(2) == 0 {
				l = norm.NFD.String(l)
			} else {
				l = norm.NFC.String(l)
			}
			sb.WriteString(l)
		}
		return sb.String()
	}
	words := make([]string, 2000)
	for i := range words {
		words[i] = word()
	}
	for i := 0; i < collationPairs; i++ {
		a := words[r.IntN(len(words))]
		b := words[r.IntN(len(words))]
		switch r.IntN(4) {
		case 0: // a near neighbour: the same but for a letter, a case or a space
			b = norm.NFD.String(a)
			cuts := []int{len(b)} // not inside a rune, nor between a letter and its marks
			for k, c := range b {
				if !unicode.Is(unicode.Mn, c) {
					cuts = append(cuts, k)
				}
			}
			k := cuts[r.IntN(len(cuts))]
			b = b[:k] + []string{"A", "a", " ", "-"}[r.IntN(4)] + b[k:]
		case 1: // the same but for one tone, taken off or changed
			b = norm.NFD.String(a)
			for i, tone := range tones[1:] {
				if k := strings.Index(b, tone); k >= 0 {
					b = b[:k] + tones[(i+1+r.IntN(5))%6] + b[k+len(tone):]
					break
				}
			}
		}
		check(a, b)
	}
}
