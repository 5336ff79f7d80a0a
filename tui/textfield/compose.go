package textfield

import (
	"strings"
	"unicode"

	bamboo "github.com/BambooEngine/bamboo-core"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/text/unicode/norm"
)

// Compose returns what a field in the given mode and tone style shows after
// the keys are typed into it, one by one, starting from an empty field.
// A space ends a word as the space bar does; '\b' and DEL (0x7f) stand for
// Backspace; other control characters are ignored.
//
//	Compose(ModeTelex, ToneModern, "Nguyeenx Vawn Thanhf") == "Nguyễn Văn Thành"
//	Compose(ModeVNI, ToneModern, "Nguye6n4 Va8n Tha2nh") == "Nguyễn Văn Thành"
//	Compose(ModeTelex, ToneOld, "hoaf") == "hoà"
//
// The result is NFC. With ModeOff it is keys without control characters, in
// NFC.
func Compose(mode Mode, style ToneStyle, keys string) string {
	m := New()
	m.SetMode(mode)
	m.SetToneStyle(style)
	m.Focus()
	for _, r := range keys {
		var msg tea.KeyMsg
		switch {
		case r == ' ':
			msg = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
		case r == '\b' || r == 0x7f:
			msg = tea.KeyMsg{Type: tea.KeyBackspace}
		case unicode.IsControl(r):
			continue
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
		}
		m, _ = m.Update(msg)
	}
	return m.Value()
}

// The input methods, copied from bamboo-core's InputMethodDefinitions so that
// no other package can change them under us (that map is a mutable global).
var definitions = map[Mode]bamboo.InputMethodDefinition{
	ModeTelex: {
		"z": "XoaDauThanh",
		"s": "DauSac",
		"f": "DauHuyen",
		"r": "DauHoi",
		"x": "DauNga",
		"j": "DauNang",
		"a": "A_Â",
		"e": "E_Ê",
		"o": "O_Ô",
		"w": "UOA_ƯƠĂ",
		"d": "D_Đ",
	},
	ModeVNI: {
		"0": "XoaDauThanh",
		"1": "DauSac",
		"2": "DauHuyen",
		"3": "DauHoi",
		"4": "DauNga",
		"5": "DauNang",
		"6": "AEO_ÂÊÔ",
		"7": "UO_ƯƠ",
		"8": "A_Ă",
		"9": "D_Đ",
	},
}

// engineName is the name bamboo knows each method by.
func engineName(mode Mode) string {
	if mode == ModeVNI {
		return "VNI"
	}
	return "Telex"
}

// parseMethod parses one input method. The result is only read afterwards
// (bamboo copies rules by value), so copies of a Model may share it.
func parseMethod(mode Mode) *bamboo.InputMethod {
	def, ok := definitions[mode]
	if !ok {
		return nil
	}
	name := engineName(mode)
	im := bamboo.ParseInputMethod(map[string]bamboo.InputMethodDefinition{name: def}, name)
	return &im
}

// runEngine feeds keys, the keys typed for one word, to a fresh engine and
// returns the word it composes, in NFC. ok is false if the engine panicked:
// the caller then inserts the key as typed rather than lose it.
func runEngine(im *bamboo.InputMethod, style ToneStyle, keys string) (word string, ok bool) {
	defer func() {
		if recover() != nil {
			word, ok = "", false
		}
	}()
	flags := bamboo.EfreeToneMarking
	if style == ToneModern {
		// bamboo's "standard" style puts the tone on the first vowel of
		// oa, oe, uy: hòa, khỏe, thủy.
		flags |= bamboo.EstdToneStyle
	}
	e := bamboo.NewEngine(*im, flags)
	for _, r := range keys {
		e.ProcessKey(r, bamboo.VietnameseMode)
	}
	return norm.NFC.String(e.GetProcessedString(bamboo.VietnameseMode | bamboo.FullText)), true
}

// Combining marks, as they appear in NFD.
const (
	markHat   = '\u0302' // â ê ô
	markBreve = '\u0306' // ă
	markHorn  = '\u031B' // ơ ư
	toneGrave = '\u0300'
	toneAcute = '\u0301'
	toneTilde = '\u0303'
	toneHook  = '\u0309'
	toneDot   = '\u0323'
)

// keysFor returns keys that, typed in mode, would produce word: a word on
// screen turned back into key presses, so that the engine can go on
// composing it ("Việ" → "Vieej" in Telex, "Vie65" in VNI). The tone key
// goes last, which free tone marking accepts. ok is false when word is not
// made of Vietnamese letters with at most one tone; callers still check
// that the keys compose back to word.
func keysFor(mode Mode, word string) (keys string, ok bool) {
	var b strings.Builder
	var tone rune
	for _, r := range word {
		switch r {
		case 'đ', 'Đ':
			base := 'd'
			if r == 'Đ' {
				base = 'D'
			}
			b.WriteRune(base)
			if mode == ModeVNI {
				b.WriteRune('9')
			} else {
				b.WriteRune('d')
			}
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		base := d[0]
		if base > unicode.MaxASCII || !unicode.IsLetter(base) {
			return "", false
		}
		b.WriteRune(base)
		lower := unicode.ToLower(base)
		for _, mk := range d[1:] {
			switch mk {
			case markHat:
				if lower != 'a' && lower != 'e' && lower != 'o' {
					return "", false
				}
				if mode == ModeVNI {
					b.WriteRune('6')
				} else {
					b.WriteRune(lower)
				}
			case markBreve:
				if lower != 'a' {
					return "", false
				}
				if mode == ModeVNI {
					b.WriteRune('8')
				} else {
					b.WriteRune('w')
				}
			case markHorn:
				if lower != 'o' && lower != 'u' {
					return "", false
				}
				if mode == ModeVNI {
					b.WriteRune('7')
				} else {
					b.WriteRune('w')
				}
			case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
				if tone != 0 {
					return "", false
				}
				tone = mk
			default:
				return "", false
			}
		}
	}
	if tone != 0 {
		b.WriteRune(toneKey(mode, tone))
	}
	return b.String(), true
}

func toneKey(mode Mode, tone rune) rune {
	var telex, vni rune
	switch tone {
	case toneAcute:
		telex, vni = 's', '1'
	case toneGrave:
		telex, vni = 'f', '2'
	case toneHook:
		telex, vni = 'r', '3'
	case toneTilde:
		telex, vni = 'x', '4'
	case toneDot:
		telex, vni = 'j', '5'
	}
	if mode == ModeVNI {
		return vni
	}
	return telex
}

// sameUpToTonePlace reports whether a and b are the same word but for which
// vowel carries the tone: "hòa" and "hoà", but not "hòa" and "hóa".
func sameUpToTonePlace(a, b string) bool {
	if a == b {
		return true
	}
	base := func(s string) (string, rune) {
		var t rune
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			switch r {
			case toneGrave, toneAcute, toneTilde, toneHook, toneDot:
				t = r
			default:
				b.WriteRune(r)
			}
		}
		return b.String(), t
	}
	ab, at := base(a)
	bb, bt := base(b)
	return ab == bb && at == bt
}
