package textfield

import (
	"strings"
	"unicode"
	"unicode/utf8"

	bamboo "github.com/BambooEngine/bamboo-core"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/clipperhouse/uax29/v2/graphemes"
	"golang.org/x/text/unicode/norm"
)

// Model is a single-line text field. Make one with [New]; set the exported
// fields directly, the rest through methods. It is a value, like the bubbles
// components: Update returns the new field.
type Model struct {
	// Prompt is shown before the text, outside Width.
	Prompt string
	// Placeholder is shown, faint with [DefaultStyles], while the field is
	// empty.
	Placeholder string
	// CharLimit is the most letters (grapheme clusters) the field takes;
	// 0 or less means no limit. Typed or pasted text beyond it is dropped.
	CharLimit int
	// Width is the number of terminal cells the text takes, not counting
	// the prompt; longer text scrolls sideways. 0 or less means as wide as
	// the text.
	Width int
	// Styles are the looks; the zero value renders plain text.
	Styles Styles
	// KeyMap holds the editing keys.
	KeyMap KeyMap

	// text is the field's NFC text split into grapheme clusters (letters).
	// The slice is never modified in place: every edit builds a new one, so
	// copies of a Model never see each other's changes.
	text    []string
	pos     int // cursor, in letters: 0..len(text)
	offset  int // first letter shown when the text scrolls
	focused bool

	mode   Mode
	style  ToneStyle
	method *bamboo.InputMethod // parsed for mode; read-only, may be shared
	word   composition
}

// maxWordKeys is the most keys the built-in input method composes into one
// word; later letters of a longer word go in as typed. The longest syllables
// take about ten keys ("nghieengx"), and the engine's cost grows steeply
// with the length of a word: a few milliseconds for a key at 40.
const maxWordKeys = 16

// composition is the word the built-in input method is composing: the
// engine made out from keys, and out stands in text[start:pos]. Any other
// edit or move makes it stale (see composing), and it is then ignored.
type composition struct {
	start int
	keys  string
	out   string
}

// New returns an empty, unfocused field with the default keys, plain
// styles, ModeOff and ToneModern.
func New() Model {
	return Model{KeyMap: DefaultKeyMap()}
}

// Focus makes the field take keys and show its cursor. It returns no
// command (the cursor does not blink); the result exists so that the field
// can stand where a bubbles text input did.
func (m *Model) Focus() tea.Cmd {
	m.focused = true
	return nil
}

// Blur makes the field ignore keys and hide its cursor.
func (m *Model) Blur() {
	m.focused = false
	m.word = composition{}
}

// Focused reports whether the field takes keys.
func (m Model) Focused() bool { return m.focused }

// Value returns the text, always in NFC.
func (m Model) Value() string { return strings.Join(m.text, "") }

// SetValue replaces the text with s, normalised to NFC, with tabs and line
// breaks turned into spaces, other control characters dropped and CharLimit
// applied. The cursor goes to the end.
func (m *Model) SetValue(s string) {
	text, _ := splitText(sanitize(s), "")
	if m.CharLimit > 0 && len(text) > m.CharLimit {
		text, _ = splitText(strings.Join(text[:m.CharLimit], ""), "")
	}
	m.text = text
	m.pos = len(text)
	m.word = composition{}
	m.scroll()
}

// Reset empties the field.
func (m *Model) Reset() { m.SetValue("") }

// Position returns the cursor position, in letters from the start.
func (m Model) Position() int { return m.pos }

// SetCursor moves the cursor to letter pos, clamped to the text.
func (m *Model) SetCursor(pos int) {
	m.pos = max(0, min(pos, len(m.text)))
	m.word = composition{}
	m.scroll()
}

// CursorStart moves the cursor to the start of the text.
func (m *Model) CursorStart() { m.SetCursor(0) }

// CursorEnd moves the cursor to the end of the text.
func (m *Model) CursorEnd() { m.SetCursor(len(m.text)) }

// Mode returns the input mode.
func (m Model) Mode() Mode { return m.mode }

// SetMode sets the input mode; an unknown mode means ModeOff. A word being
// composed is ended.
func (m *Model) SetMode(mode Mode) {
	if !mode.valid() {
		mode = ModeOff
	}
	m.mode = mode
	m.method = parseMethod(mode)
	m.word = composition{}
}

// ToneStyle returns where the built-in input method puts tones.
func (m Model) ToneStyle() ToneStyle { return m.style }

// SetToneStyle sets where the built-in input method puts tones; an unknown
// style means ToneModern. A word being composed is ended.
func (m *Model) SetToneStyle(s ToneStyle) {
	if !s.valid() {
		s = ToneModern
	}
	m.style = s
	m.word = composition{}
}

// Update handles key messages while the field is focused and ignores
// everything else. It never returns a command.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok || !m.focused {
		return m, nil
	}
	km := m.KeyMap
	switch {
	case k.Paste:
		m.insert(string(k.Runes))
	case key.Matches(k, km.DeleteCharacterBackward):
		if m.pos > 0 {
			m.replace(m.pos-1, m.pos, "")
		}
	case key.Matches(k, km.DeleteCharacterForward):
		if m.pos < len(m.text) {
			m.replace(m.pos, m.pos+1, "")
		}
	case key.Matches(k, km.DeleteWordBackward):
		m.replace(m.wordBackward(), m.pos, "")
	case key.Matches(k, km.DeleteWordForward):
		m.replace(m.pos, m.wordForward(), "")
	case key.Matches(k, km.DeleteBeforeCursor):
		m.replace(0, m.pos, "")
	case key.Matches(k, km.DeleteAfterCursor):
		m.replace(m.pos, len(m.text), "")
	case key.Matches(k, km.CharacterBackward):
		m.SetCursor(m.pos - 1)
	case key.Matches(k, km.CharacterForward):
		m.SetCursor(m.pos + 1)
	case key.Matches(k, km.WordBackward):
		m.SetCursor(m.wordBackward())
	case key.Matches(k, km.WordForward):
		m.SetCursor(m.wordForward())
	case key.Matches(k, km.LineStart):
		m.SetCursor(0)
	case key.Matches(k, km.LineEnd):
		m.SetCursor(len(m.text))
	case k.Alt:
		// Alt with a letter is a shortcut for someone else, never text.
	case k.Type == tea.KeySpace:
		m.insert(" ")
	case k.Type == tea.KeyRunes:
		m.typeRunes(k.Runes)
	}
	return m, nil
}

// typeRunes handles runes that were typed (not pasted). A terminal may send
// several at once: an input method committing a word, or fast typing.
func (m *Model) typeRunes(rs []rune) {
	if m.mode == ModeOff {
		m.insert(string(rs))
		return
	}
	for _, r := range rs {
		if !m.compose(r) {
			m.insert(string(r))
		}
	}
}

// compose gives r to the built-in input method, and reports whether it took
// it. It takes ASCII letters, and in VNI digits that follow a letter, when
// the cursor is at the end of a word.
func (m *Model) compose(r rune) bool {
	if m.method == nil || r > unicode.MaxASCII {
		return false
	}
	digit := '0' <= r && r <= '9'
	if !(unicode.IsLetter(r) || (m.mode == ModeVNI && digit)) {
		return false
	}
	if m.pos < len(m.text) && isLetter(m.text[m.pos]) {
		return false // inside a word: insert as typed
	}
	w := m.word
	if m.composing() {
		if utf8.RuneCountInString(w.keys) >= maxWordKeys {
			return false
		}
	} else {
		// Start a word, carrying on from the letters before the cursor when
		// they can be typed in this mode ("Việ" + "n" → "Viện"). The engine
		// may put the tone on another vowel ("hoà" in ToneModern): the
		// next key then moves it where the style wants it.
		start := m.pos
		for start > 0 && isLetter(m.text[start-1]) {
			start--
		}
		if m.pos-start >= maxWordKeys {
			return false // no syllable is that long: not a Vietnamese word
		}
		w = composition{start: m.pos}
		if start < m.pos {
			onScreen := strings.Join(m.text[start:m.pos], "")
			if keys, ok := keysFor(m.mode, onScreen); ok && utf8.RuneCountInString(keys) < maxWordKeys {
				if out, ok := runEngine(m.method, m.style, keys); ok && sameUpToTonePlace(out, onScreen) {
					w = composition{start: start, keys: keys, out: out}
				}
			}
		}
		if digit && w.keys == "" {
			return false // a VNI digit with no letter before it is a digit
		}
	}
	keys := w.keys + string(r)
	out, ok := runEngine(m.method, m.style, keys)
	if !ok || out == "" {
		return false
	}
	text, pos := splitText(strings.Join(m.text[:w.start], "")+out, strings.Join(m.text[m.pos:], ""))
	if m.CharLimit > 0 && len(text) > m.CharLimit && len(text) > len(m.text) {
		return true // over the limit: the key is swallowed, as a typed letter would be
	}
	m.text, m.pos = text, pos
	m.word = composition{start: w.start, keys: keys, out: strings.Join(text[w.start:pos], "")}
	m.scroll()
	return true
}

// composing reports whether the word being composed is still the one on
// screen, right before the cursor.
func (m Model) composing() bool {
	w := m.word
	if w.keys == "" || w.start < 0 || w.start > m.pos || m.pos > len(m.text) {
		return false
	}
	return strings.Join(m.text[w.start:m.pos], "") == w.out
}

// insert puts s, sanitised, at the cursor, normalises, and ends any word
// being composed. With CharLimit, as much of s as fits goes in.
func (m *Model) insert(s string) {
	s = sanitize(s)
	if s == "" {
		return
	}
	if m.CharLimit <= 0 {
		m.replace(m.pos, m.pos, s)
		return
	}
	add, _ := splitText(s, "")
	left, right := strings.Join(m.text[:m.pos], ""), strings.Join(m.text[m.pos:], "")
	try := func(n int) ([]string, int) {
		return splitText(left+strings.Join(add[:n], ""), right)
	}
	// The number of letters grows with how much of s goes in (a lone
	// combining mark adds none, as it joins the letter before it): find the
	// most that fits.
	lo, hi := 0, len(add)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if text, _ := try(mid); len(text) <= m.CharLimit {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return
	}
	m.text, m.pos = try(lo)
	m.word = composition{}
	m.scroll()
}

// replace puts s in place of the letters [from, to), normalises, puts the
// cursor after s, and ends any word being composed.
func (m *Model) replace(from, to int, s string) {
	from, to = max(0, from), min(len(m.text), to)
	if from > to {
		return
	}
	m.text, m.pos = splitText(strings.Join(m.text[:from], "")+s, strings.Join(m.text[to:], ""))
	m.word = composition{}
	m.scroll()
}

// wordBackward returns where the word before the cursor starts: spaces are
// skipped, then everything up to the previous space.
func (m Model) wordBackward() int {
	i := m.pos
	for i > 0 && isSpace(m.text[i-1]) {
		i--
	}
	for i > 0 && !isSpace(m.text[i-1]) {
		i--
	}
	return i
}

// wordForward returns where the word after the cursor ends.
func (m Model) wordForward() int {
	i := m.pos
	for i < len(m.text) && isSpace(m.text[i]) {
		i++
	}
	for i < len(m.text) && !isSpace(m.text[i]) {
		i++
	}
	return i
}

// View renders the prompt and the text, scrolled so that the cursor shows.
func (m Model) View() string {
	st := m.Styles
	var b strings.Builder
	b.WriteString(st.Prompt.Render(m.Prompt))
	if len(m.text) == 0 {
		b.WriteString(m.placeholderView())
		return b.String()
	}

	widths := m.widths()
	start, end := m.window(widths)
	used := 0
	var line strings.Builder
	write := func(style func(...string) string, from, to int) {
		if from >= to {
			return
		}
		line.WriteString(style(strings.Join(m.text[from:to], "")))
		for _, w := range widths[from:to] {
			used += w
		}
	}
	write(st.Text.Render, start, m.pos)
	switch {
	case m.pos < len(m.text) && m.focused && (m.Width <= 0 || used+widths[m.pos] <= m.Width):
		write(st.Cursor.Render, m.pos, m.pos+1)
		write(st.Text.Render, m.pos+1, end)
	case m.pos < len(m.text) && m.focused:
		// A wide letter under the cursor in a field too narrow for it.
		line.WriteString(st.Cursor.Render(" "))
		used++
	case m.pos < len(m.text):
		write(st.Text.Render, m.pos, end)
	case m.focused:
		line.WriteString(st.Cursor.Render(" "))
		used++
	}
	if m.Width > 0 {
		if used < m.Width {
			line.WriteString(st.Text.Render(strings.Repeat(" ", m.Width-used)))
		} else if used > m.Width {
			b.WriteString(ansi.Truncate(line.String(), m.Width, ""))
			return b.String()
		}
	}
	b.WriteString(line.String())
	return b.String()
}

func (m Model) placeholderView() string {
	st := m.Styles
	ph := sanitize(m.Placeholder)
	if m.Width > 0 {
		ph = ansi.Truncate(ph, m.Width, "")
	}
	var b strings.Builder
	used := 0
	if m.focused {
		first := " "
		if ph != "" {
			it := graphemes.FromString(ph)
			it.Next()
			first = it.Value()
			ph = ph[len(first):]
		}
		b.WriteString(st.Cursor.Render(first))
		used += max(1, ansi.StringWidth(first))
	}
	if ph != "" {
		b.WriteString(st.Placeholder.Render(ph))
		used += ansi.StringWidth(ph)
	}
	if m.Width > 0 && used < m.Width {
		b.WriteString(st.Text.Render(strings.Repeat(" ", m.Width-used)))
	}
	return b.String()
}

// widths returns the display width of every letter.
func (m Model) widths() []int {
	w := make([]int, len(m.text))
	for i, g := range m.text {
		w[i] = ansi.StringWidth(g)
	}
	return w
}

// window returns the letters [start, end) shown with the cursor at pos,
// starting from the stored offset: the text scrolls only as far as needed
// to show the cursor, and scrolls back when the text after it gets shorter.
// The cursor takes one cell at the end of the text.
func (m Model) window(widths []int) (start, end int) {
	n := len(m.text)
	if m.Width <= 0 {
		return 0, n
	}
	prefix := make([]int, n+1)
	for i, w := range widths {
		prefix[i+1] = prefix[i] + w
	}
	sum := func(from, to int) int { return prefix[to] - prefix[from] }
	cursor := 1
	if m.pos < n {
		cursor = widths[m.pos]
	}
	start = max(0, min(m.offset, m.pos))
	for start < m.pos && sum(start, m.pos)+cursor > m.Width {
		start++
	}
	endCell := 0
	if m.pos == n {
		endCell = 1
	}
	for start > 0 && sum(start-1, n)+endCell <= m.Width {
		start--
	}
	if m.pos == n {
		return start, n
	}
	used := sum(start, m.pos+1)
	end = m.pos + 1
	for end < n && used+widths[end] <= m.Width {
		used += widths[end]
		end++
	}
	return start, end
}

// scroll stores the offset that View will use, so that scrolling is stable
// from one key to the next.
func (m *Model) scroll() {
	m.offset, _ = m.window(m.widths())
}

// splitText returns NFC(left+right) split into letters, and the number of
// letters that come from left: the cursor after left.
func splitText(left, right string) ([]string, int) {
	full := norm.NFC.String(left + right)
	l := norm.NFC.String(left)
	common := 0
	for common < len(l) && common < len(full) && l[common] == full[common] {
		common++
	}
	// If left is intact at the start of full, the cursor goes after the
	// letters that start inside it. Otherwise its end was joined with the
	// start of right, and the cursor goes after the joined letter too.
	intact := common == len(l)
	var text []string
	pos := 0
	it := graphemes.FromString(full)
	for it.Next() {
		text = append(text, it.Value())
		if it.Start() < common || (!intact && it.Start() == common) {
			pos++
		}
	}
	return text, pos
}

// sanitize makes s fit a single-line field: CR LF, CR, LF and tabs become
// one space each, other control characters and invalid bytes are dropped.
func sanitize(s string) string {
	s = strings.ReplaceAll(s, "\r\n", " ")
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsControl(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError || unicode.IsControl(r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isLetter reports whether a grapheme cluster is a letter (with its marks).
func isLetter(g string) bool {
	r, _ := utf8.DecodeRuneInString(g)
	return unicode.IsLetter(r)
}

func isSpace(g string) bool {
	r, _ := utf8.DecodeRuneInString(g)
	return unicode.IsSpace(r)
}
