package textfield

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

func TestCompose(t *testing.T) {
	tests := []struct {
		mode  Mode
		style ToneStyle
		keys  string
		want  string
	}{
		// Telex.
		{ModeTelex, ToneModern, "Nguyeenx Vawn Thanhf", "Nguyễn Văn Thành"},
		{ModeTelex, ToneModern, "dduwowngf", "đường"},
		{ModeTelex, ToneModern, "Tieengs Vieetj", "Tiếng Việt"},
		{ModeTelex, ToneModern, "Lee Thij Hoaf", "Lê Thị Hòa"},
		{ModeTelex, ToneOld, "Lee Thij Hoaf", "Lê Thị Hoà"},
		{ModeTelex, ToneModern, "DDoox Vaawn Khoa", "Đỗ Văn Khoa"},
		{ModeTelex, ToneModern, "NGUYEENX THIJ MINH KHAI", "NGUYỄN THỊ MINH KHAI"},
		{ModeTelex, ToneModern, "quyeenf lowij", "quyền lợi"},
		{ModeTelex, ToneModern, "Coong ddoanf cow sowr", "Công đoàn cơ sở"},
		{ModeTelex, ToneOld, "Coong ddoanf cow sowr", "Công đoàn cơ sở"}, // oan has a final: both styles agree
		// Tone placement.
		{ModeTelex, ToneModern, "hoaf", "hòa"},
		{ModeTelex, ToneOld, "hoaf", "hoà"},
		{ModeTelex, ToneModern, "thuyr", "thủy"},
		{ModeTelex, ToneOld, "thuyr", "thuỷ"},
		{ModeTelex, ToneModern, "khoer", "khỏe"},
		{ModeTelex, ToneOld, "khoer", "khoẻ"},
		// A tone or mark typed twice undoes it; z removes the tone.
		{ModeTelex, ToneModern, "as", "á"},
		{ModeTelex, ToneModern, "ass", "as"},
		{ModeTelex, ToneModern, "Thanhff", "Thanhf"},
		{ModeTelex, ToneModern, "ooo", "oo"},
		{ModeTelex, ToneModern, "Vieetjz", "Viêt"},
		// Space, punctuation and digits end the word.
		{ModeTelex, ToneModern, "Phongf 203, tang62", "Phòng 203, tang62"},
		{ModeTelex, ToneModern, "Hoaf,Thanhf.", "Hòa,Thành."},
		{ModeTelex, ToneModern, "Vieet2j", "Viêt2j"},
		// Backspace removes the last letter shown; typing on carries on.
		{ModeTelex, ToneModern, "Vieetj\b", "Việ"},
		{ModeTelex, ToneModern, "Vieetj\bn", "Viện"},
		{ModeTelex, ToneModern, "Vieetj\b\b", "Vi"},
		{ModeTelex, ToneModern, "dduwowngf\b\b\bowngf", "đường"},
		{ModeTelex, ToneModern, "hoanf\b", "hoà"},
		{ModeTelex, ToneModern, "hoanf\bn", "hoàn"},
		{ModeTelex, ToneModern, "hoanf\bf", "hoaf"}, // the tone typed again undoes it
		{ModeTelex, ToneModern, "Nguyeenx \b\bn", "Nguyễn"},
		// VNI.
		{ModeVNI, ToneModern, "Nguye6n4 Va8n Tha2nh", "Nguyễn Văn Thành"},
		{ModeVNI, ToneModern, "d9u7o7ng2", "đường"},
		{ModeVNI, ToneModern, "Tie6ng1 Vie6t5", "Tiếng Việt"},
		{ModeVNI, ToneModern, "Le6 Thi5 Hoa2", "Lê Thị Hòa"},
		{ModeVNI, ToneOld, "Le6 Thi5 Hoa2", "Lê Thị Hoà"},
		{ModeVNI, ToneModern, "hoa2", "hòa"},
		{ModeVNI, ToneOld, "hoa2", "hoà"},
		{ModeVNI, ToneModern, "a1", "á"},
		{ModeVNI, ToneModern, "a11", "a1"},
		{ModeVNI, ToneModern, "Pho2ng 203", "Phòng 203"},
		{ModeVNI, ToneModern, "0912 345 678", "0912 345 678"},
		{ModeVNI, ToneModern, "Vie6t5\bn", "Viện"},
		{ModeVNI, ToneModern, "Nguyeenx", "Nguyeenx"}, // Telex keys mean nothing in VNI
		// Off: what was typed, in NFC.
		{ModeOff, ToneModern, "Nguyeenx Vawn Thanhf", "Nguyeenx Vawn Thanhf"},
		{ModeOff, ToneModern, "Nguye6n4", "Nguye6n4"},
		{ModeOff, ToneModern, "Vie\u0302\u0323t", "Việt"},
		{ModeOff, ToneModern, "Viet\b\bệt", "Việt"},
		{ModeOff, ToneModern, "", ""},
	}
	for _, tt := range tests {
		if !norm.NFC.IsNormalString(tt.want) {
			t.Fatalf("test bug: want %q is not NFC", tt.want)
		}
		got := Compose(tt.mode, tt.style, tt.keys)
		if got != tt.want {
			t.Errorf("Compose(%v, %v, %q) = %q, want %q", tt.mode, tt.style, tt.keys, got, tt.want)
		}
	}
}

// Past maxWordKeys keys, a word is not Vietnamese: letters go in as typed,
// and the time a key takes stays bounded (the engine's cost grows with the
// fourth power of a word's length: minutes for a few hundred keys).
func TestLongWordsAreNotComposed(t *testing.T) {
	long := strings.Repeat("x", maxWordKeys)
	if got := Compose(ModeTelex, ToneModern, long+"aa"); got != long+"aa" {
		t.Errorf("Compose(%q) = %q", long+"aa", got)
	}
	if got := Compose(ModeTelex, ToneModern, long+"aa aa"); got != long+"aa â" {
		t.Errorf("the next word composes again: got %q", got)
	}
	start := time.Now()
	Compose(ModeTelex, ToneModern, strings.Repeat("nguyeenx", 50))
	Compose(ModeVNI, ToneModern, strings.Repeat("nguye6n4", 50))
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("800 keys without a space took %v", d)
	}
}

func TestComposeIsNFC(t *testing.T) {
	for _, mode := range []Mode{ModeOff, ModeTelex, ModeVNI} {
		for _, keys := range []string{
			"e\u0302\u0303", "A\u0301\u0301", "\u0301abc", "Tru\u031Bo\u031B\u0300ng",
			norm.NFD.String("Nguyễn Thị Ánh Tuyết"),
		} {
			if got := Compose(mode, ToneModern, keys); !norm.NFC.IsNormalString(got) {
				t.Errorf("Compose(%v, %q) = %q, not NFC", mode, keys, got)
			}
		}
	}
}

// Words on screen turn back into keys that compose to the same word, in both
// methods: that is what lets typing carry on after a backspace.
func TestKeysForRoundTrip(t *testing.T) {
	words := []string{
		"Nguyễn", "Văn", "Thành", "đường", "Tiếng", "Việt", "Đỗ", "quyền",
		"NGƯỜI", "Thuở", "khuya", "giữ", "cứu", "Hương", "Trịnh", "ưu",
	}
	for _, mode := range []Mode{ModeTelex, ModeVNI} {
		im := parseMethod(mode)
		for _, w := range words {
			keys, ok := keysFor(mode, w)
			if !ok {
				t.Errorf("keysFor(%v, %q) failed", mode, w)
				continue
			}
			got, ok := runEngine(im, ToneModern, keys)
			if !ok || got != w {
				t.Errorf("%v: %q → keys %q → %q", mode, w, keys, got)
			}
		}
	}
	for _, w := range []string{"Zürich", "x\u0301", "a" + "\u0301\u0300"} {
		if keys, ok := keysFor(ModeTelex, norm.NFC.String(w)); ok {
			t.Errorf("keysFor(%q) = %q, want failure", w, keys)
		}
	}
}

func TestLabels(t *testing.T) {
	for _, tt := range []struct {
		mode   Mode
		vi, en string
		str    string
	}{
		{ModeOff, "Tắt", "Off", "off"},
		{ModeTelex, "Telex", "Telex", "telex"},
		{ModeVNI, "VNI", "VNI", "vni"},
	} {
		vi, en := tt.mode.Label()
		if vi != tt.vi || en != tt.en || tt.mode.String() != tt.str {
			t.Errorf("%d: Label() = %q, %q, String() = %q", tt.mode, vi, en, tt.mode.String())
		}
	}
	if ModeOff.Next() != ModeTelex || ModeTelex.Next() != ModeVNI || ModeVNI.Next() != ModeOff {
		t.Error("Next does not cycle Off → Telex → VNI → Off")
	}
	if vi, _ := ToneModern.Label(); vi != "hòa, thủy" {
		t.Errorf("ToneModern.Label() = %q", vi)
	}
	if vi, _ := ToneOld.Label(); vi != "hoà, thuỷ" {
		t.Errorf("ToneOld.Label() = %q", vi)
	}
	if ToneModern.String() != "modern" || ToneOld.String() != "old" {
		t.Error("ToneStyle.String")
	}
}

// Search boxes call Compose from commands, on other goroutines: it shares
// nothing mutable (run with -race).
func TestComposeConcurrent(t *testing.T) {
	done := make(chan string)
	for i := range 8 {
		go func() {
			mode := []Mode{ModeTelex, ModeVNI}[i%2]
			keys := []string{"Nguyeenx Vawn Thanhf", "Nguye6n4 Va8n Tha2nh"}[i%2]
			done <- Compose(mode, ToneModern, keys)
		}()
	}
	for range 8 {
		if got := <-done; got != "Nguyễn Văn Thành" {
			t.Errorf("got %q", got)
		}
	}
}
