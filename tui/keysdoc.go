package tui

import (
	"fmt"
	"strings"

	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
)

// KeysDoc renders every screen's keys, and the keys that work everywhere,
// as Markdown: docs/keys.vi.md and docs/keys.en.md are generated from the
// same bindings the help shows, so the reference cannot drift from the
// program (a test fails when they are stale).
func (a *App) KeysDoc() string {
	w := &a.ctx.Words.Shell
	var b strings.Builder
	fmt.Fprintf(&b, "# donthu: %s\n\n", w.HelpTitle)
	section := func(title string, groups [][]key.Binding) {
		fmt.Fprintf(&b, "## %s\n\n", title)
		seen := map[string]bool{}
		for _, g := range groups {
			for _, k := range g {
				h := k.Help()
				if h.Key == "" || seen[h.Key+h.Desc] {
					continue
				}
				seen[h.Key+h.Desc] = true
				fmt.Fprintf(&b, "- `%s` %s\n", h.Key, h.Desc)
			}
		}
		b.WriteString("\n")
	}
	section(w.HelpGlobal, a.keys.FullHelp())
	d := &a.ctx.Words.Desk
	section(d.ConfirmSection, [][]key.Binding{common.ConfirmHelp(d)})
	section(d.CorrectSection, [][]key.Binding{common.NewCorrect(a.ctx, "", "", nil, nil).ShortHelp()})
	section(d.RevealSection, [][]key.Binding{common.NewReveal(a.ctx, "", "", "", nil).ShortHelp()})
	for i, sc := range a.screens {
		if sc != nil {
			section(upper(screenKeys[i][0])+" "+a.titles[i], sc.FullHelp())
		}
	}
	return b.String()
}
