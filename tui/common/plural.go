package common

import "regexp"

// oneMany matches an English count of one followed by a plural noun
// ("1 days", "1 working days", "1 cases").
var oneMany = regexp.MustCompile(`\b1 ((?:working )?(?:day|case|petition|event|visit|field|site|line|extension|person|representative|bundle|file|sheet|week|month|year|time|match|message|record|letter|minute|hour))(e?s)\b`)

// Singular puts English counts of one in the singular ("1 days" is "1 day"),
// keeping the width: the letters dropped become spaces at the end of the
// word, so columns stay aligned. The interface text is written with plural
// formats ("%d days"); the root passes every English frame through this.
func Singular(s string) string {
	return oneMany.ReplaceAllStringFunc(s, func(m string) string {
		sub := oneMany.FindStringSubmatch(m)
		pad := len(sub[2])
		if sub[1] == "match" { // "1 matches"
			pad = 2
		}
		out := "1 " + sub[1]
		for i := 0; i < pad; i++ {
			out += " "
		}
		return out
	})
}
