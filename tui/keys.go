package tui

import (
	"strings"

	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
)

// globalKeys are the keys that work on every screen.
type globalKeys struct {
	Help      key.Binding
	Quit      key.Binding
	Tabs      [common.NumScreens]key.Binding
	InputMode key.Binding
	ToneStyle key.Binding
	Log       key.Binding
	Lock      key.Binding
	SignOut   key.Binding
}

// screenKeys are the F-keys and Alt+digits of the screens, in tab order.
var screenKeys = [common.NumScreens][2]string{
	common.ScreenReception: {"f2", "alt+1"},
	common.ScreenClassify:  {"f3", "alt+2"},
	common.ScreenQueue:     {"f4", "alt+3"},
	common.ScreenFollowup:  {"f5", "alt+4"},
	common.ScreenSync:      {"f6", "alt+5"},
	common.ScreenReports:   {"f7", "alt+6"},
	common.ScreenSettings:  {"alt+7", "alt+7"}, // F10 saves a form on reception and classification: one key, one meaning
}

func newGlobalKeys(w *common.ShellWords, d *common.DeskWords, aw *common.AccessWords, titles [common.NumScreens]string) globalKeys {
	k := globalKeys{
		Help:      key.NewBinding(key.WithKeys("f1"), key.WithHelp("F1", w.KeyHelp)),
		Quit:      key.NewBinding(key.WithKeys("ctrl+q", "ctrl+c"), key.WithHelp("Ctrl+Q", w.KeyQuit)),
		InputMode: key.NewBinding(key.WithKeys("f8"), key.WithHelp("F8", w.KeyInputMode)),
		ToneStyle: key.NewBinding(key.WithKeys("alt+8"), key.WithHelp("Alt+8", w.KeyToneStyle)),
		Log:       key.NewBinding(key.WithKeys("alt+9"), key.WithHelp("Alt+9", d.KeyLog)),
		Lock:      key.NewBinding(key.WithKeys("f12", "alt+l"), key.WithHelp("F12/Alt+L", aw.KeyLock)),
		SignOut:   key.NewBinding(key.WithKeys("alt+o"), key.WithHelp("Alt+O", aw.KeySignOut)),
	}
	for i, ks := range screenKeys {
		if ks[0] == "" {
			k.Tabs[i] = key.NewBinding(key.WithDisabled())
			continue
		}
		help := upper(ks[0]) + "/" + altLabel(ks[1])
		if ks[0] == ks[1] {
			help = altLabel(ks[1])
		}
		k.Tabs[i] = key.NewBinding(key.WithKeys(ks[0], ks[1]), key.WithHelp(help, titles[i]))
	}
	return k
}

func upper(s string) string {
	if strings.HasPrefix(s, "alt+") {
		return altLabel(s)
	}
	if s != "" && s[0] == 'f' {
		return "F" + s[1:]
	}
	return s
}

func altLabel(s string) string { return "Alt+" + s[len(s)-1:] }

func (k globalKeys) ShortHelp() []key.Binding { return []key.Binding{k.Help, k.Quit} }

func (k globalKeys) FullHelp() [][]key.Binding {
	tabs := []key.Binding{}
	for _, t := range k.Tabs {
		if t.Enabled() {
			tabs = append(tabs, t)
		}
	}
	return [][]key.Binding{{k.Help, k.Quit, k.InputMode, k.ToneStyle, k.Log, k.Lock, k.SignOut}, tabs}
}

// All lists every global binding, for the test that no screen shadows one.
func (k globalKeys) All() []key.Binding {
	out := []key.Binding{k.Help, k.Quit, k.InputMode, k.ToneStyle, k.Log, k.Lock, k.SignOut}
	for _, t := range k.Tabs {
		if t.Enabled() {
			out = append(out, t)
		}
	}
	return out
}
