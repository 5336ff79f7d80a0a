package tui

import (
	"strings"
	"testing"

	"donthu/model"
	"donthu/store/storetest"

	tea "github.com/charmbracelet/bubbletea"
)

// goText is what Go's own error texts look like; none may reach a screen.
var goText = []string{"invalid character", "json:", "store:", "bolt", "unexpected end", "cannot unmarshal", "%!"}

// Errors from a real damaged file reach the person through one path: on
// the inbox, the queue and the person search, the damaged-data sentence
// with the way out (donthu check, then salvage); an error nobody foresaw
// (a draft that no longer decodes) is one generic sentence in the
// person's language. No screen shows Go's text; the message log (Alt+9)
// keeps it as detail.
func TestScreensShowErrorsNotGoText(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		s, clk := storetest.New(t, "GL07")
		storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
		bad := storetest.Visit(t, s, "Trần Thị Bình", model.KindComplaint)
		c := storetest.Accept(t, s, storetest.Visit(t, s, "Lê Văn Cường", model.KindComplaint).ID, model.KindComplaint, model.RegimeLabour)
		if err := s.SaveDraft("lan", "reception", "not a form"); err != nil {
			t.Fatal(err)
		}
		s = storetest.Damage(t, s, clk, bad.ID, c.ID, bad.Senders[0])

		a := New(s, Options{Lang: lang, Plain: true, Now: clk.Now, User: "lan"})
		a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		k := func(msgs ...tea.Msg) {
			for _, m := range msgs {
				_, cmd := a.Update(m)
				drain(a, cmd)
			}
		}
		check := func(where string, want ...string) {
			t.Helper()
			v := a.View()
			for _, g := range goText {
				if strings.Contains(v, g) {
					t.Fatalf("%v, %s: Go's text %q on the screen:\n%s", lang, where, g, v)
				}
			}
			flat := strings.Join(strings.Fields(v), " ")
			for _, w := range want {
				if !strings.Contains(flat, w) {
					t.Fatalf("%v, %s: %q is not on the screen:\n%s", lang, where, w, v)
				}
			}
		}
		damaged := "donthu check"
		generic := model.ErrUnknown().In(lang)
		generic = generic[:strings.Index(generic, ";")]

		drain(a, a.Init()) // reception: the draft that does not decode
		check("reception's draft", generic)
		k(tea.KeyMsg{Type: tea.KeyF3})
		check("inbox", damaged)
		k(tea.KeyMsg{Type: tea.KeyF4})
		check("queue", damaged)
		k(tea.KeyMsg{Type: tea.KeyF2})
		for _, r := range "tran thi" {
			k(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
		check("person search", damaged)
		k(tea.KeyMsg{Type: tea.KeyF7})
		check("reports", damaged)
		k(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("9"), Alt: true})
		log := a.View()
		if flat := strings.Join(strings.Fields(log), " "); !strings.Contains(flat, "cannot unmarshal") && !strings.Contains(flat, "invalid character") {
			t.Fatalf("%v: the message log keeps no detail:\n%s", lang, log)
		}
	}
}
