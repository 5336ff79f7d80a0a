// Package followup is a screen of donthu (being written).
package followup

import (
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Model is the screen.
type Model struct{ ctx *common.Context }

// New makes the screen.
func New(ctx *common.Context) common.Screen { return &Model{ctx: ctx} }

func (m *Model) Init() tea.Cmd                               { return nil }
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) { return m, nil }
func (m *Model) View() string                                { return "" }
func (m *Model) SetSize(w, h int)                            {}
func (m *Model) ShortHelp() []key.Binding                    { return nil }
func (m *Model) FullHelp() [][]key.Binding                   { return nil }
func (m *Model) Dirty() bool                                 { return false }
func (m *Model) Capturing() bool                             { return false }
