package textfield

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/unicode/norm"
)

// invariants checks what must hold after any message: NFC text, letters
// that are real grapheme clusters of it, the cursor between letters, the
// limit, and a view exactly Width cells wide.
func invariants(t *testing.T, m Model, step string) {
	t.Helper()
	v := m.Value()
	if !norm.NFC.IsNormalString(v) {
		t.Fatalf("%s: Value() = %q is not NFC", step, v)
	}
	if text, _ := splitText(v, ""); !slices.Equal(text, m.text) {
		t.Fatalf("%s: letters %q are not the clusters of %q", step, m.text, v)
	}
	if m.pos < 0 || m.pos > len(m.text) {
		t.Fatalf("%s: cursor %d outside 0..%d", step, m.pos, len(m.text))
	}
	if m.CharLimit > 0 && len(m.text) > m.CharLimit {
		t.Fatalf("%s: %d letters over the limit of %d", step, len(m.text), m.CharLimit)
	}
	if m.Width > 0 {
		if w := ansi.StringWidth(m.View()); w != m.Width {
			t.Fatalf("%s: View() = %q is %d cells, Width is %d", step, m.View(), w, m.Width)
		}
	}
}

func randomKey(r *rand.Rand) (tea.Msg, string) {
	pick := func(s string) string {
		rs := []rune(s)
		return string(rs[r.IntN(len(rs))])
	}
	switch r.IntN(12) {
	case 0, 1, 2, 3:
		k := pick("aeiouydwsfrxjzAEOUDWnghtcmpq")
		return runes(k), k
	case 4:
		k := pick("0123456789")
		return runes(k), k
	case 5:
		k := pick(" ,.-/()")
		if k == " " {
			return space, "space"
		}
		return runes(k), k
	case 6:
		k := pick("\u0300\u0301\u0302\u0303\u0306\u0309\u031B\u0323ăâêôơưđĐễỹ漢")
		return runes(k), k
	case 7:
		keys := []tea.KeyMsg{bs, bs, del, left, right, home, end, ctrlW, ctrlU, ctrlK, ctrlLeft, ctrlRight}
		k := keys[r.IntN(len(keys))]
		return k, k.String()
	case 8:
		s := norm.NFD.String(pick("ab") + "Nguyễn Thị Ánh\nTuyết" + pick("漢 \t"))
		return paste(s[:r.IntN(len(s)+1)]), "paste"
	case 9:
		s := pick("Vieetj Nguye6n4 ") + pick("aw ow uw dd")
		return runes(s), s
	default:
		return bs, "backspace"
	}
}

func TestRandomEditing(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 7))
	for round := range 200 {
		m := New()
		m.Focus()
		m.SetMode(Mode(r.IntN(3)))
		m.SetToneStyle(ToneStyle(r.IntN(2)))
		m.Width = r.IntN(12)
		if r.IntN(3) == 0 {
			m.CharLimit = 1 + r.IntN(10)
		}
		var keys []string
		for range 60 {
			msg, name := randomKey(r)
			keys = append(keys, name)
			switch r.IntN(40) {
			case 0:
				m.SetMode(m.Mode().Next())
			case 1:
				m.SetCursor(r.IntN(len(m.text) + 2))
			}
			m, _ = m.Update(msg)
			invariants(t, m, fmt.Sprintf("round %d, mode %v, width %d, limit %d, keys %s",
				round, m.Mode(), m.Width, m.CharLimit, strings.Join(keys, " ")))
		}
	}
}

func FuzzCompose(f *testing.F) {
	for _, s := range []string{
		"Nguyeenx Vawn Thanhf", "Nguye6n4 Va8n Tha2nh", "dduwowngf\b\b\bowngf",
		"uwowuwow", "ddddd", "a1111", "e\u0302\u0303", "\u0301\b\bx", "hoanf\bf",
	} {
		f.Add(s, uint8(0))
	}
	f.Fuzz(func(t *testing.T, keys string, opts uint8) {
		if len(keys) > 300 {
			t.Skip("each key costs time proportional to the length of the text")
		}
		mode, style := Mode(opts%3), ToneStyle(opts/3%2)
		if got := Compose(mode, style, keys); !norm.NFC.IsNormalString(got) {
			t.Fatalf("Compose(%v, %v, %q) = %q, not NFC", mode, style, keys, got)
		}
	})
}
