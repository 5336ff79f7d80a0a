package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// Long Vietnamese names, with combining-heavy letters and a decomposed
// (NFD) one as an input method may send it: columns, cursors and
// truncation must hold on every screen. The screens are kept as golden
// files (testdata/longnames.*.golden; -update rewrites them).
func TestLongNamesKeepTheLayout(t *testing.T) {
	a, s := signedIn(t, model.VI)
	names := []string{
		"Tôn Nữ Hoàng Nguyễn Thị Phương Thảo Quỳnh Hương",
		"Nguye\u0302\u0303n Huỳnh Đức Thịnh Vượng Trường Giang", // NFD ễ
		"Công Tằng Tôn Nữ Thị Ngọc Diễm Hạnh",
	}
	for _, n := range names {
		_, p, err := s.RecordVisit("lan", store.VisitInput{
			Visit:      model.Visit{Content: "Công ty Trách nhiệm Hữu hạn Một thành viên Dệt may Xuất khẩu Hưng Thịnh Phát nợ lương ba tháng liền", Outcome: model.OutcomePetition, Employer: "Công ty TNHH MTV Dệt may Xuất khẩu Hưng Thịnh Phát Việt Nam"},
			NewPersons: []model.Person{{Name: n, Employer: "Công ty TNHH MTV Dệt may Xuất khẩu Hưng Thịnh Phát Việt Nam"}},
			Petition:   &model.Petition{Kind: model.KindComplaint},
		})
		if err != nil {
			t.Fatal(err)
		}
		storetest.Accept(t, s, p.ID, model.KindComplaint, model.RegimeLabour)
	}
	storetest.Visit(t, s, "Lê Thị Bảo Ngọc Quế Trân Hoàng Yến", model.KindDenunciation)
	// As every save does, announce the change so the screens reload.
	_, cmd := a.Update(common.ChangedMsg{})
	drain(a, cmd)

	type view struct {
		name string
		keys []tea.Msg
	}
	runes := func(s string) []tea.Msg {
		var out []tea.Msg
		for _, r := range s {
			out = append(out, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
		}
		return out
	}
	views := []view{
		{"reception-search", append([]tea.Msg{tea.KeyMsg{Type: tea.KeyF2}}, runes("thi")...)},
		{"classify-inbox", []tea.Msg{tea.KeyMsg{Type: tea.KeyF3}}},
		{"queue", []tea.Msg{tea.KeyMsg{Type: tea.KeyF4}}},
		{"followup", []tea.Msg{tea.KeyMsg{Type: tea.KeyF4}, tea.KeyMsg{Type: tea.KeyEnter}}},
	}
	var got strings.Builder
	for _, v := range views {
		for _, m := range v.keys {
			_, cmd := a.Update(m)
			drain(a, cmd)
		}
		screen := a.View()
		for i, l := range strings.Split(screen, "\n") {
			if w := widthOf(l); w > 80 {
				t.Errorf("%s: line %d is %d cells wide:\n%s", v.name, i, w, l)
			}
		}
		if !strings.Contains(screen, "…") {
			t.Errorf("%s: a long name was not cut with an ellipsis:\n%s", v.name, screen)
		}
		if strings.ContainsRune(screen, '\u0302') || strings.ContainsRune(screen, '\u0303') {
			t.Errorf("%s: a decomposed letter reached the screen", v.name)
		}
		got.WriteString("=== " + v.name + "\n" + screen + "\n")
	}
	path := filepath.Join("testdata", "longnames.vi.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != got.String() {
		t.Errorf("screens differ from %s (run with -update after checking):\n%s", path, got.String())
	}
}
