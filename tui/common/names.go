package common

import "strings"

// ShortName fits a Vietnamese full name into width cells, keeping the
// given name (the last word, the one people are told apart by): the
// middle names become initials ("Nguyễn Thanh Linh" is "Nguyễn T. Linh"),
// then the family name too ("N. T. Linh").
func ShortName(name string, width int) string {
	if width <= 0 || Truncate(name, width) == name {
		return name
	}
	words := strings.Fields(name)
	if len(words) < 2 {
		return name
	}
	initial := func(w string) string {
		for _, r := range w {
			return string(r) + "."
		}
		return w
	}
	for from := len(words) - 2; from >= 0; from-- {
		short := make([]string, len(words))
		copy(short, words)
		// Middle names first (right to left), the family name last.
		for i := len(words) - 2; i >= max(from, 1); i-- {
			short[i] = initial(words[i])
		}
		if from == 0 {
			short[0] = initial(words[0])
		}
		if s := strings.Join(short, " "); Truncate(s, width) == s {
			return s
		}
	}
	return name
}
