package textfield

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"golang.org/x/text/unicode/norm"
)

// Key messages as Bubble Tea v1 delivers them.
var (
	bs        = tea.KeyMsg{Type: tea.KeyBackspace}
	del       = tea.KeyMsg{Type: tea.KeyDelete}
	left      = tea.KeyMsg{Type: tea.KeyLeft}
	right     = tea.KeyMsg{Type: tea.KeyRight}
	home      = tea.KeyMsg{Type: tea.KeyHome}
	end       = tea.KeyMsg{Type: tea.KeyEnd}
	ctrlW     = tea.KeyMsg{Type: tea.KeyCtrlW}
	ctrlU     = tea.KeyMsg{Type: tea.KeyCtrlU}
	ctrlK     = tea.KeyMsg{Type: tea.KeyCtrlK}
	ctrlLeft  = tea.KeyMsg{Type: tea.KeyCtrlLeft}
	ctrlRight = tea.KeyMsg{Type: tea.KeyCtrlRight}
	space     = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
)

// runes is one KeyRunes message carrying s, as a terminal sends a burst of
// typing or an input method's commit.
func runes(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// paste is a bracketed paste of s.
func paste(s string) tea.KeyMsg {
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true}
}

// each is one message per rune of s, spaces as the space bar.
func each(s string) []tea.Msg {
	var msgs []tea.Msg
	for _, r := range s {
		if r == ' ' {
			msgs = append(msgs, space)
		} else {
			msgs = append(msgs, runes(string(r)))
		}
	}
	return msgs
}

func field(mode Mode) Model {
	m := New()
	m.SetMode(mode)
	m.Focus()
	return m
}

func send(m Model, msgs ...tea.Msg) Model {
	for _, msg := range msgs {
		m, _ = m.Update(msg)
	}
	return m
}

// check asserts the value, that it is NFC, and the cursor, in letters.
func check(t *testing.T, m Model, want string, pos int) {
	t.Helper()
	if !norm.NFC.IsNormalString(want) {
		t.Fatalf("test bug: want %q is not NFC", want)
	}
	got := m.Value()
	if !norm.NFC.IsNormalString(got) {
		t.Errorf("Value() = %q (% x) is not NFC", got, got)
	}
	if got != want {
		t.Errorf("Value() = %q (% x), want %q (% x)", got, got, want, want)
	}
	if m.Position() != pos {
		t.Errorf("Position() = %d, want %d (value %q)", m.Position(), pos, got)
	}
}

// msgs turns strings into one message per rune (see each) and keeps
// messages as they are.
func msgs(parts ...tea.Msg) []tea.Msg {
	var out []tea.Msg
	for _, p := range parts {
		if s, ok := p.(string); ok {
			out = append(out, each(s)...)
		} else {
			out = append(out, p)
		}
	}
	return out
}

// What Unikey (and EVKey, and ibus-bamboo in its "surrounding text" modes)
// send to a terminal: each key's result as precomposed letters, and when a
// later key changes an earlier letter, backspaces followed by the
// replacement.
func TestUnikeyBackspaceAndReplace(t *testing.T) {
	tests := []struct {
		name string
		msgs []tea.Msg
		want string
		pos  int
	}{
		{
			// V i e e→BS ê j→BS ệ t
			name: "Việt",
			msgs: msgs("Vie", bs, "ê", bs, "ệ", "t"),
			want: "Việt", pos: 4,
		},
		{
			// N g u y e e→BS ê n x→BS BS ễ n, one rune per message
			name: "Nguyễn, one rune per message",
			msgs: msgs("Nguye", bs, "ê", "n", bs, bs, "ễ", "n"),
			want: "Nguyễn", pos: 6,
		},
		{
			// the same, with the replacement sent as one burst
			name: "Nguyễn, replacement in one message",
			msgs: msgs("Nguye", bs, "ê", "n", bs, bs, runes("ễn")),
			want: "Nguyễn", pos: 6,
		},
		{
			name: "full name",
			msgs: msgs("Nguye", bs, "ê", "n", bs, bs, runes("ễn"), " Va", bs, "ă", "n Tha", "n", "h", bs, bs, bs, runes("ành")),
			want: "Nguyễn Văn Thành", pos: 16,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, send(field(ModeOff), tt.msgs...), tt.want, tt.pos)
		})
	}
}

// Input methods in "Unicode tổ hợp" (decomposed) mode, and some Linux and
// macOS setups, send a base letter and then combining marks.
func TestDecomposedInput(t *testing.T) {
	tests := []struct {
		name string
		mode Mode
		msgs []tea.Msg
		want string
		pos  int
	}{
		{"marks one per message", ModeOff, msgs(runes("e"), runes("\u0302"), runes("\u0303")), "ễ", 1},
		{"marks in a word", ModeOff, msgs("Nguy", runes("e"), runes("\u0302"), runes("\u0303"), "n"), "Nguyễn", 6},
		{"one burst", ModeOff, msgs(runes("Vie\u0302\u0323t")), "Việt", 4},
		{"marks in Telex mode", ModeTelex, msgs("Vi", runes("e"), runes("\u0302"), runes("\u0323"), "t"), "Việt", 4},
		{"marks in VNI mode", ModeVNI, msgs(runes("Vie\u0302\u0323t")), "Việt", 4},
		{"mark after the cursor moved back", ModeOff, msgs("Viet", left, runes("\u0302"), runes("\u0323")), "Việt", 3},
		{"tone in the old position, then moved", ModeOff, msgs("Thu", runes("y\u0309")), "Thuỷ", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check(t, send(field(tt.mode), tt.msgs...), tt.want, tt.pos)
		})
	}

	// A lone mark at the start (pasted so) joins a letter typed before it,
	// and the cursor goes after the joined letter.
	m := field(ModeOff)
	m.SetValue("\u0302")
	check(t, send(m, home, runes("e")), "ê", 1)
}

func TestPaste(t *testing.T) {
	name := "Nguyễn Văn Thành"
	nfd := norm.NFD.String(name)
	if nfd == name {
		t.Fatal("test bug: NFD form equals NFC form")
	}
	for _, mode := range []Mode{ModeOff, ModeTelex, ModeVNI} {
		check(t, send(field(mode), paste(nfd)), name, 16)
	}

	// Into the middle: the cursor ends after the pasted text.
	m := field(ModeOff)
	m.SetValue("Lê Thành")
	m.SetCursor(3)
	check(t, send(m, paste(norm.NFD.String("Văn "))), "Lê Văn Thành", 7)

	// Pasted text is never composed, and line breaks become spaces.
	check(t, send(field(ModeTelex), paste("Nguyeenx")), "Nguyeenx", 8)
	check(t, send(field(ModeOff), paste("Số 5\r\nđường Láng\tHà Nội\x1b[31m")), "Số 5 đường Láng Hà Nội[31m", 26)
}

func TestBuiltinTelexThroughUpdate(t *testing.T) {
	// One message per key, and the same keys in one burst.
	check(t, send(field(ModeTelex), each("Nguyeenx Vawn Thanhf")...), "Nguyễn Văn Thành", 16)
	check(t, send(field(ModeTelex), runes("Nguyeenx"), space, runes("Vawn")), "Nguyễn Văn", 10)

	// Cursor movement ends the word; typing at the end of it carries on.
	check(t, send(field(ModeTelex), msgs("Vieet", left, right, "j")...), "Việt", 4)
	m := field(ModeTelex)
	m.SetValue("Nguyen")
	check(t, send(m, runes("x")), "Nguyẽn", 6)

	// Inside a word, letters go in as typed.
	m = field(ModeTelex)
	m.SetValue("Thanh")
	check(t, send(m, left, left, runes("f")), "Thafnh", 4)

	// Ctrl+W in the middle of composing.
	check(t, send(field(ModeTelex), msgs("Nguyeenx Vawn", ctrlW, "Thanhf")...), "Nguyễn Thành", 12)

	// Alt+letter is a shortcut, not text.
	check(t, send(field(ModeTelex), tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x"), Alt: true}), "", 0)

	// Switching the mode off ends the word.
	m = send(field(ModeTelex), each("Vieet")...)
	m.SetMode(ModeOff)
	check(t, send(m, runes("j")), "Viêtj", 5)
}

// A Model is a value: updating a copy leaves the original as it was.
func TestCopiesAreIndependent(t *testing.T) {
	a := send(field(ModeTelex), each("Vieet")...)
	b := send(a, runes("j"))
	a = send(a, runes("s"))
	check(t, a, "Viết", 4)
	check(t, b, "Việt", 4)

	c := field(ModeOff)
	c.SetValue("abc")
	d := send(c, home, del)
	check(t, c, "abc", 3)
	check(t, d, "bc", 0)
}

func TestEditingKeys(t *testing.T) {
	m := field(ModeOff)
	m.SetValue("Nguyễn Văn Thành")
	check(t, m, "Nguyễn Văn Thành", 16)

	m = send(m, ctrlW)
	check(t, m, "Nguyễn Văn ", 11)
	m = send(m, ctrlW)
	check(t, m, "Nguyễn ", 7)
	m = send(m, bs)
	check(t, m, "Nguyễn", 6)
	m = send(m, left)
	check(t, m, "Nguyễn", 5) // one letter, not one byte
	m = send(m, bs)
	check(t, m, "Nguyn", 4) // "ễ" went as a whole
	m = send(m, home)
	check(t, m, "Nguyn", 0)
	m = send(m, bs) // nothing before the cursor
	check(t, m, "Nguyn", 0)
	m = send(m, del)
	check(t, m, "guyn", 0)
	m = send(m, end)
	check(t, m, "guyn", 4)
	m = send(m, del) // nothing after the cursor
	check(t, m, "guyn", 4)
	m = send(m, ctrlU)
	check(t, m, "", 0)

	m.SetValue("Lê Thị Hòa")
	m = send(m, ctrlLeft)
	check(t, m, "Lê Thị Hòa", 7)
	m = send(m, ctrlLeft, ctrlLeft)
	check(t, m, "Lê Thị Hòa", 0)
	m = send(m, ctrlRight)
	check(t, m, "Lê Thị Hòa", 2)
	m = send(m, ctrlK)
	check(t, m, "Lê", 2)
	m = send(m, ctrlU, ctrlU) // on an empty field
	check(t, m, "", 0)

	// Cursor keys by letter through precomposed and wide letters.
	m.SetValue("Đỗ 漢")
	m = send(m, left)
	check(t, m, "Đỗ 漢", 3)
	m = send(m, left, left, left, left)
	check(t, m, "Đỗ 漢", 0)
	m = send(m, right, right)
	check(t, m, "Đỗ 漢", 2)
}

func TestCharLimit(t *testing.T) {
	m := field(ModeTelex)
	m.CharLimit = 5
	// "n" would make six letters and is refused; "x" then still tones ê.
	check(t, send(m, each("Nguyeenx")...), "Nguyễ", 5)

	m = field(ModeOff)
	m.CharLimit = 5
	check(t, send(m, paste("Nguyễn Văn")), "Nguyễ", 5)
	check(t, send(m, paste(norm.NFD.String("Nguyễn"))), "Nguyễ", 5)
	// A combining mark adds no letter, so it still fits.
	check(t, send(m, msgs("Nguye", runes("\u0302"), runes("\u0303"))...), "Nguyễ", 5)

	m.SetValue("Nguyễn Văn")
	check(t, m, "Nguyễ", 5)
}

func TestUnfocusedIgnoresKeys(t *testing.T) {
	m := New()
	check(t, send(m, runes("abc"), paste("x")), "", 0)
	m.Focus()
	m = send(m, runes("abc"))
	m.Blur()
	check(t, send(m, bs, runes("d")), "abc", 3)
	if m.Focused() {
		t.Error("Focused() after Blur")
	}
}

func TestSetValueNormalises(t *testing.T) {
	m := New()
	m.SetValue(norm.NFD.String("Trương Thị Thuỷ") + "\n")
	check(t, m, "Trương Thị Thuỷ ", 16)
	m.SetCursor(99)
	check(t, m, "Trương Thị Thuỷ ", 16)
	m.SetCursor(-1)
	check(t, m, "Trương Thị Thuỷ ", 0)
	m.Reset()
	check(t, m, "", 0)
}

// The text part of the view is exactly Width cells, whatever is typed, and
// it scrolls so that the cursor stays in view.
func TestWidthAndScrolling(t *testing.T) {
	const name = "Nguyễn Thị Phương Thảo"
	m := field(ModeOff)
	m.Width = 10
	for i, msg := range each(name) {
		m = send(m, msg)
		v := m.View()
		if w := ansi.StringWidth(v); w != 10 {
			t.Fatalf("after %d letters, View() = %q is %d cells wide, want 10", i+1, v, w)
		}
		// The letter just typed is the last one shown, before the cursor cell.
		if last := []rune(name)[i]; last != ' ' && !strings.HasSuffix(strings.TrimRight(v, " "), string(last)) {
			t.Fatalf("after %d letters, View() = %q does not end with %q", i+1, v, last)
		}
	}
	check(t, m, name, 22)
	if v := m.View(); v != "ương Thảo " {
		t.Errorf("at the end: View() = %q", v)
	}
	m = send(m, home)
	if v := m.View(); v != "Nguyễn Thị" {
		t.Errorf("at home: View() = %q", v)
	}
	// Moving right scrolls only once the cursor reaches the edge.
	for range 9 {
		m = send(m, right)
	}
	if v := m.View(); v != "Nguyễn Thị" {
		t.Errorf("at 9: View() = %q", v)
	}
	m = send(m, right, right, right)
	if v := m.View(); v != "yễn Thị Ph" || m.Position() != 12 {
		t.Errorf("at %d: View() = %q", m.Position(), v)
	}
	// Moving back left does not jump: the window stays until the cursor
	// leaves it on the left.
	m = send(m, left, left, left)
	if v := m.View(); v != "yễn Thị Ph" {
		t.Errorf("at %d: View() = %q", m.Position(), v)
	}
	// Deleting the tail scrolls back to show as much as fits.
	m = send(m, end, ctrlW, ctrlW)
	if v := m.View(); v != "uyễn Thị  " || m.Value() != "Nguyễn Thị " {
		t.Errorf("after deleting: View() = %q, Value() = %q", v, m.Value())
	}
	m = send(m, ctrlW)
	if v := m.View(); v != "Nguyễn    " || m.Value() != "Nguyễn " {
		t.Errorf("after deleting: View() = %q, Value() = %q", v, m.Value())
	}

	// A prompt comes on top of Width.
	m.Prompt = "> "
	if w := ansi.StringWidth(m.View()); w != 12 {
		t.Errorf("with prompt: %q is %d cells", m.View(), w)
	}

	// Blurred, the view keeps its width.
	m.Blur()
	if w := ansi.StringWidth(m.View()); w != 12 {
		t.Errorf("blurred: %q is %d cells", m.View(), w)
	}
}

func TestWidthWithWideLetters(t *testing.T) {
	for width := 1; width <= 6; width++ {
		m := field(ModeTelex)
		m.Width = width
		for _, msg := range msgs("Coong ty ", runes("漢字"), " TNHH Vieetj", home, right, right, "x", end, left, left) {
			m = send(m, msg)
			if w := ansi.StringWidth(m.View()); w != width {
				t.Fatalf("width %d: View() = %q is %d cells", width, m.View(), w)
			}
		}
	}
}

func TestPlaceholder(t *testing.T) {
	m := New()
	m.Placeholder = "Họ và tên"
	m.Width = 5
	if v := m.View(); v != "Họ và" {
		t.Errorf("blurred: %q", v)
	}
	m.Focus()
	if v := m.View(); v != "Họ và" {
		t.Errorf("focused: %q", v)
	}
	m.Width = 0
	if v := m.View(); v != "Họ và tên" {
		t.Errorf("no width: %q", v)
	}
	m = send(m, runes("N"))
	if v := m.View(); v != "N " {
		t.Errorf("typed: %q", v)
	}
}

func TestStylesApply(t *testing.T) {
	m := New()
	m.Styles.Cursor = m.Styles.Cursor.Transform(func(s string) string { return "[" + s + "]" })
	m.Styles.Prompt = m.Styles.Prompt.Transform(strings.ToUpper)
	m.Prompt = "tên: "
	m.Focus()
	m.SetValue("Hòa")
	if v := m.View(); v != "TÊN: Hòa[ ]" {
		t.Errorf("View() = %q", v)
	}
	m = send(m, left)
	if v := m.View(); v != "TÊN: Hò[a]" {
		t.Errorf("View() = %q", v)
	}
	m.Blur()
	if v := m.View(); v != "TÊN: Hòa" {
		t.Errorf("blurred View() = %q", v)
	}
	_ = DefaultStyles(nil)
}
