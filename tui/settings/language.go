package settings

import (
	"donthu/model"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// languageSection: each person picks the interface's language for
// themself (kept on this machine); it applies at their next sign-in, when
// their screens are made in it.
type languageSection struct {
	ctx    *common.Context
	chosen model.Lang // the person's choice, read in a command
}

func newLanguage(ctx *common.Context) *languageSection {
	return &languageSection{ctx: ctx, chosen: ctx.Lang}
}

func (s *languageSection) Title() string              { return s.ctx.Words.Settings.Language }
func (s *languageSection) Allowed(u *model.User) bool { return model.May(u, model.ActOwnSettings) }
func (s *languageSection) Init() tea.Cmd {
	st, login, lang := s.ctx.Store, s.ctx.User.Login, s.ctx.Lang
	return inCmd(func() func() tea.Cmd {
		if v := st.GetPref(login, common.PrefLang); v != "" {
			lang = model.ParseLang(v)
		}
		return func() tea.Cmd { s.chosen = lang; return nil }
	})
}
func (s *languageSection) Capturing() bool     { return false }
func (s *languageSection) Dirty() bool         { return false }
func (s *languageSection) CanLeave() bool      { return true }
func (s *languageSection) Keys() []key.Binding { return nil }

func (s *languageSection) Update(msg tea.Msg) (Section, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	var l model.Lang
	switch {
	case key.Matches(k, keyVI):
		l = model.VI
	case key.Matches(k, keyEN):
		l = model.EN
	default:
		return s, nil
	}
	st, login := s.ctx.Store, s.ctx.User.Login
	return s, inCmd(func() func() tea.Cmd {
		err := st.SetPref(login, common.PrefLang, l.Code())
		return func() tea.Cmd {
			if err != nil {
				return failure(s.ctx, err)
			}
			s.chosen = l
			return status(s.ctx.Words.Settings.LanguageSaved)
		}
	})
}

func (s *languageSection) View(width, height int) string {
	st, w := s.ctx.Styles, &s.ctx.Words.Settings
	mark := func(l model.Lang) string {
		if s.chosen == l {
			return "●"
		}
		return " "
	}
	return st.Title.Render(w.Language) + "\n\n" +
		mark(model.VI) + st.KeyHint.Render("[1]") + "Tiếng Việt\n" +
		mark(model.EN) + st.KeyHint.Render("[2]") + "English\n\n" +
		st.Muted.Render(w.LanguageHint)
}
