package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store/storetest"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

var fingerprint = regexp.MustCompile(`\d{4}( \d{4}){5}`)

// TestScreensGolden keeps every screen, the sign-in and the help, at 80x24
// and at 120x40, in Vietnamese and in English, as golden files
// (testdata/screens.LANG.WxH.golden; -update rewrites them).
func TestScreensGolden(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		for _, size := range [][2]int{{80, 24}, {120, 40}} {
			a, s := signedIn(t, lang)
			p := storetest.Visit(t, s, "Nguyễn Văn An", model.KindComplaint)
			storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
			q := storetest.Visit(t, s, "Trần Thị Bình", model.KindRecommendation)
			storetest.Accept(t, s, q.ID, model.KindRecommendation, model.RegimeCitizens)
			storetest.Visit(t, s, "Lê Văn Cường", model.KindComplaint)
			a.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			_, cmd := a.Update(common.ChangedMsg{})
			drain(a, cmd)
			var got strings.Builder
			shot := func(name string, keys ...tea.Msg) {
				for _, m := range keys {
					_, cmd := a.Update(m)
					drain(a, cmd)
				}
				v := a.View()
				lines := strings.Split(v, "\n")
				if len(lines) != size[1] {
					t.Errorf("%s %v %s: %d lines", lang.Code(), size, name, len(lines))
				}
				for i, l := range lines {
					if w := widthOf(l); w > size[0] {
						t.Errorf("%s %v %s: line %d is %d wide", lang.Code(), size, name, i, w)
					}
				}
				// A site's key fingerprint is new with every test site.
				got.WriteString("=== " + name + "\n" + fingerprint.ReplaceAllString(v, "#### #### #### #### #### ####") + "\n")
			}
			shot("reception", tea.KeyMsg{Type: tea.KeyF2})
			shot("classify", tea.KeyMsg{Type: tea.KeyF3})
			shot("queue", tea.KeyMsg{Type: tea.KeyF4})
			shot("followup", tea.KeyMsg{Type: tea.KeyEnter})
			shot("help", tea.KeyMsg{Type: tea.KeyF1})
			shot("log", tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("9"), Alt: true})
			shot("sync", tea.KeyMsg{Type: tea.KeyEsc}, tea.KeyMsg{Type: tea.KeyF6})
			b := New(s, Options{Plain: true, Lang: lang, Now: a.ctx.Now})
			b.Update(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			got.WriteString("=== signin\n" + b.View() + "\n")
			path := filepath.Join("testdata", fmt.Sprintf("screens.%s.%dx%d.golden", lang.Code(), size[0], size[1]))
			if *update {
				if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				continue
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if string(want) != got.String() {
				t.Errorf("screens differ from %s (run with -update after checking):\n%s", path, got.String())
			}
		}
	}
}
