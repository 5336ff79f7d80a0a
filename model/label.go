package model

// Lang is an interface language. Vietnamese is the base; English is the switch.
type Lang int

const (
	VI Lang = iota
	EN
)

// ParseLang reads "vi" or "en"; anything else is Vietnamese.
func ParseLang(s string) Lang {
	if s == "en" || s == "EN" || s == "en_US" || s == "en-US" {
		return EN
	}
	return VI
}

// Code returns "vi" or "en".
func (l Lang) Code() string {
	if l == EN {
		return "en"
	}
	return "vi"
}

// Label is one piece of interface text in both languages.
type Label struct{ VI, EN string }

// In returns the label in lang.
func (l Label) In(lang Lang) string {
	if lang == EN && l.EN != "" {
		return l.EN
	}
	return l.VI
}
