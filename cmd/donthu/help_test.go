package main

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// --help fits an 80-column console in both languages, lists init first,
// and the English one names its placeholders in English.
func TestHelpFitsAndSpeaksTheLanguage(t *testing.T) {
	noEnv(t)
	for _, lang := range []string{"vi", "en"} {
		r := donthu(t, "", "--lang", lang, "--help").want(t, exitOK)
		for _, l := range strings.Split(r.stdout, "\n") {
			if n := utf8.RuneCountInString(l); n > 80 {
				t.Errorf("%s: a %d-column line: %q", lang, n, l)
			}
		}
		if i, j := strings.Index(r.stdout, "  init "), strings.Index(r.stdout, "  calendar "); i < 0 || j < i {
			t.Errorf("%s: init is not listed first:\n%s", lang, r.stdout)
		}
		if lang == "en" {
			for _, vi := range []string{"MÃ", "TÊN", "NGÀY", "TỆP"} {
				if strings.Contains(r.stdout, vi) {
					t.Errorf("English help says %q:\n%s", vi, r.stdout)
				}
			}
		}
	}
}
