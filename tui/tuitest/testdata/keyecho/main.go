// Command keyecho is a tiny Bubble Tea program for the tuitest driver's
// own test: it shows the keys it receives and the text typed.
package main

import (
	"fmt"
	"os"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

type model struct {
	keys []string
	text string
	w, h int
}

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
	case tea.KeyMsg:
		switch msg.Type {
		case tea.KeyCtrlQ:
			return m, tea.Quit
		case tea.KeyRunes, tea.KeySpace:
			m.text += string(msg.Runes)
		default:
			m.keys = append(m.keys, msg.String())
		}
	}
	return m, nil
}

func (m model) View() string {
	return fmt.Sprintf("size %dx%d\ntext: %s\nkeys: %s", m.w, m.h, m.text, strings.Join(m.keys, " "))
}

func main() {
	if _, err := tea.NewProgram(model{}, tea.WithAltScreen()).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
