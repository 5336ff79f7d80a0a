package model

import (
	"strconv"
	"strings"
)

// Thousands writes n with dots between thousands, the Vietnamese way
// (1.500.000).
func Thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// ThousandsIn writes n as a reader of l reads it: 955.758 in Vietnamese,
// 955,758 in English.
func ThousandsIn(l Lang, n int64) string {
	s := Thousands(n)
	if l == EN {
		s = strings.ReplaceAll(s, ".", ",")
	}
	return s
}
