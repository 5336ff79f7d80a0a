package tuitest

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestKeyNames(t *testing.T) {
	for name, want := range map[string]string{
		"enter": "enter", "f2": "f2", "ctrl+s": "ctrl+s", "esc": "esc", "shift+tab": "shift+tab",
		"space": " ", "K": "K", "ư": "ư", "alt+1": "alt+1",
	} {
		if got := Key(name).String(); got != want {
			t.Errorf("Key(%q) = %q, want %q", name, got, want)
		}
	}
	ks := Runes("Hà Nội")
	if len(ks) != 6 || ks[2].Type != tea.KeySpace || string(ks[1].Runes) != "à" {
		t.Errorf("Runes: %v", ks)
	}
}

func TestPlainAndDiff(t *testing.T) {
	got := Plain("\x1b[1mĐơn\x1b[0m\nxyz", 5, 3)
	if got != "Đơn  \nxyz  \n     \n" {
		t.Errorf("Plain: %q", got)
	}
	d := Diff("a\nb\n", "a\nc\n")
	if !strings.Contains(d, "line  2 want │b│") || !strings.Contains(d, "got  │c│") {
		t.Errorf("Diff:\n%s", d)
	}
}
