package followup

import (
	"fmt"

	"donthu/model"
	"donthu/tui/common"

	tea "github.com/charmbracelet/bubbletea"
)

// NoticePrinter prints the notice a case's state calls for (thông báo thụ
// lý or không thụ lý) and returns where it went, for the status line.
type NoticePrinter interface {
	PrintNotice(c model.Case) (where string, err error)
}

// Options configure the screen beyond its context.
type Options struct {
	Notices NoticePrinter // nil = printing is not available (F9 says so)
}

// NewWith makes the screen with options (a notice printer).
func NewWith(ctx *common.Context, opt Options) common.Screen {
	m := New(ctx).(*Model)
	m.opt = opt
	return m
}

// printNotice prints the open case's notice (F9).
func (m *Model) printNotice() tea.Cmd {
	if m.opt.Notices == nil || m.caseID == "" {
		return common.Error(m.w.PrintNone)
	}
	where, err := m.opt.Notices.PrintNotice(m.c)
	if err != nil {
		return m.ctx.Fail(err)
	}
	// The printout is an event on the case: the timeline shows it.
	return tea.Batch(common.Status(fmt.Sprintf(m.w.PrintDone, where)), common.Changed(m.caseID))
}
