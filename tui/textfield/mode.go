package textfield

import "fmt"

// Mode says who turns key presses into Vietnamese letters.
type Mode int

const (
	// ModeOff stores what arrives: the OS input method (Unikey, ibus, the
	// system keyboard) does the work, or the user types plain text.
	ModeOff Mode = iota
	// ModeTelex composes with the built-in Telex method: "Vieetj" → "Việt".
	ModeTelex
	// ModeVNI composes with the built-in VNI method: "Vie6t5" → "Việt".
	ModeVNI
)

// String returns a stable, lower-case name, for settings files and logs.
func (m Mode) String() string {
	switch m {
	case ModeOff:
		return "off"
	case ModeTelex:
		return "telex"
	case ModeVNI:
		return "vni"
	}
	return fmt.Sprintf("Mode(%d)", int(m))
}

// Label returns the short labels shown in the status line, in Vietnamese and
// in English.
func (m Mode) Label() (vi, en string) {
	switch m {
	case ModeOff:
		return "Tắt", "Off"
	case ModeTelex:
		return "Telex", "Telex"
	case ModeVNI:
		return "VNI", "VNI"
	}
	s := m.String()
	return s, s
}

// Next returns the mode after m in the cycle Off → Telex → VNI → Off, for a
// key that switches modes.
func (m Mode) Next() Mode {
	switch m {
	case ModeOff:
		return ModeTelex
	case ModeTelex:
		return ModeVNI
	}
	return ModeOff
}

func (m Mode) valid() bool { return m == ModeOff || m == ModeTelex || m == ModeVNI }

// ToneStyle says where the built-in input method puts the tone mark in the
// syllables oa, oe and uy without a final consonant. It changes nothing when
// the mode is off, and search treats both spellings alike.
type ToneStyle int

const (
	// ToneModern puts the tone on the first vowel: hòa, khỏe, thủy.
	ToneModern ToneStyle = iota
	// ToneOld puts the tone on the second vowel: hoà, khoẻ, thuỷ.
	ToneOld
)

// String returns a stable, lower-case name, for settings files and logs.
func (s ToneStyle) String() string {
	switch s {
	case ToneModern:
		return "modern"
	case ToneOld:
		return "old"
	}
	return fmt.Sprintf("ToneStyle(%d)", int(s))
}

// Label returns labels for a settings screen. They show the style by example
// rather than by name, because people disagree on which style is "new":
// the examples read the same in both languages.
func (s ToneStyle) Label() (vi, en string) {
	switch s {
	case ToneModern:
		return "hòa, thủy", "hòa, thủy"
	case ToneOld:
		return "hoà, thuỷ", "hoà, thuỷ"
	}
	str := s.String()
	return str, str
}

func (s ToneStyle) valid() bool { return s == ToneModern || s == ToneOld }
