package tui

// The import and duplicate-review pages (tui/importscreen) as sections
// of the settings screen: settings hosts Sections, the pages are
// common.Screens; page adapts one to the other.

import (
	"donthu/model"
	"donthu/tui/common"
	"donthu/tui/importscreen"
	"donthu/tui/settings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// hostedPage is what a settings section needs of a common.Screen.
type hostedPage interface {
	common.Screen
	Title() string
	CanLeave() bool
}

// page is a common.Screen shown as a settings section, allowed by one
// action of the policy.
type page struct {
	s    hostedPage
	act  model.Action
	w, h int
}

// importPages are the settings sections of tui/importscreen.
var importPages = []func(ctx *common.Context) settings.Section{
	func(ctx *common.Context) settings.Section {
		return &page{s: importscreen.NewImporter(ctx).(hostedPage), act: model.ActImport}
	},
	func(ctx *common.Context) settings.Section {
		return &page{s: importscreen.NewDuplicates(ctx).(hostedPage), act: model.ActMergePersons}
	},
}

func newSettings(ctx *common.Context) common.Screen {
	return settings.NewWith(ctx, settings.Options{Extra: importPages})
}

func (p *page) Title() string              { return p.s.Title() }
func (p *page) Allowed(u *model.User) bool { return model.May(u, p.act) }
func (p *page) Init() tea.Cmd              { return p.s.Init() }
func (p *page) Keys() []key.Binding        { return p.s.ShortHelp() }
func (p *page) FullHelp() [][]key.Binding  { return p.s.FullHelp() }
func (p *page) Capturing() bool            { return p.s.Capturing() }
func (p *page) Dirty() bool                { return p.s.Dirty() }
func (p *page) CanLeave() bool             { return p.s.CanLeave() }

func (p *page) Update(msg tea.Msg) (settings.Section, tea.Cmd) {
	s, cmd := p.s.Update(msg)
	p.s = s.(hostedPage)
	return p, cmd
}

func (p *page) View(w, h int) string {
	if w != p.w || h != p.h {
		p.w, p.h = w, h
		p.s.SetSize(w, h)
	}
	return p.s.View()
}
