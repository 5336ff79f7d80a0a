package settings

import (
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/store/bundle"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// peersSection lists the pinned sites with their fingerprints and pins a
// new one from its key card (a file on a USB stick): the fingerprint is
// shown to be read aloud over the phone, and only the key C confirms.
type peersSection struct {
	ctx   *common.Context
	peers []store.Peer
	table common.Table
	form  *form
	keys  struct{ Add, Save, Back key.Binding }
}

func newPeers(ctx *common.Context) *peersSection {
	w := &ctx.Words.Settings
	s := &peersSection{ctx: ctx}
	s.keys.Add = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", w.KeyPin))
	s.keys.Save = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Ctrl+S", w.KeySave))
	s.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack))
	s.table.Columns = []common.Column{{Title: w.SiteCode, Width: 8}, {Title: w.Relation, Width: 10}, {Title: w.Fingerprint, Width: 31}, {Title: w.SiteName}}
	return s
}

func (s *peersSection) Title() string              { return s.ctx.Words.Settings.Peers }
func (s *peersSection) Allowed(u *model.User) bool { return model.May(u, model.ActManageKeys) }
func (s *peersSection) Capturing() bool            { return s.form != nil }
func (s *peersSection) Dirty() bool                { return s.form != nil && s.form.dirty() }
func (s *peersSection) CanLeave() bool             { return s.form == nil }

func (s *peersSection) Keys() []key.Binding {
	if s.form != nil {
		return []key.Binding{s.keys.Save, s.keys.Back}
	}
	return []key.Binding{s.keys.Add}
}

func (s *peersSection) Init() tea.Cmd { return s.load() }

// load reads the pinned sites in a command.
func (s *peersSection) load() tea.Cmd {
	st := s.ctx.Store
	return inCmd(func() func() tea.Cmd {
		peers := st.Peers()
		return func() tea.Cmd { s.show(peers); return nil }
	})
}

func (s *peersSection) show(peers []store.Peer) {
	s.peers = peers
	rows := make([][]string, len(s.peers))
	for i, p := range s.peers {
		rows[i] = []string{p.Code, p.Relation.Label().In(s.ctx.Lang), p.Fingerprint, p.Name}
	}
	s.table.SetRows(rows)
}

func (s *peersSection) Update(msg tea.Msg) (Section, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	w := &s.ctx.Words.Settings
	switch {
	case s.form != nil:
		if key.Matches(k, s.keys.Back) {
			s.form = nil
			return s, nil
		}
		submit, cmd := s.form.update(k)
		if !submit {
			return s, cmd
		}
		f, path := s.form, s.form.value(0)
		child := strings.EqualFold(s.form.value(1), "c") || strings.EqualFold(s.form.value(1), "y")
		return s, inCmd(func() func() tea.Cmd {
			c, err := store.ReadKeyCard(path)
			return func() tea.Cmd {
				if s.form != f {
					return nil // closed meanwhile
				}
				if err != nil {
					f.err = s.ctx.Say(err)
					return nil
				}
				s.form = nil
				return s.askPin(c, child)
			}
		})
	}
	if s.table.HandleKey(k) {
		return s, nil
	}
	if key.Matches(k, s.keys.Add) {
		s.form = newForm(w.PinTitle).add(w.CardFile, false, "").add(w.IsChild, false, "")
	}
	return s, nil
}

// askPin shows the card read and asks, on the confirm page (only C/Y
// pins, never Enter), once the fingerprint was compared by telephone.
func (s *peersSection) askPin(c bundle.Card, child bool) tea.Cmd {
	w := &s.ctx.Words.Settings
	parent := c.Parent
	if parent == "" {
		parent = "—"
	}
	text := common.Pad(w.SiteCode, 14) + " " + c.Site + " · " + c.Name + "\n" +
		common.Pad(w.SiteParent, 14) + " " + parent + "\n" +
		common.Pad(w.Fingerprint, 14) + " " + c.Fingerprint() + "\n\n" +
		sprintf(w.PinConfirm, c.Site)
	st, opt := s.ctx.Store, store.PinOptions{By: s.ctx.User.Login, Child: child}
	return common.AskConfirm(s.ctx, text, w.YesPin, inCmd(func() func() tea.Cmd {
		p, err := st.PinPeer(c, opt)
		return func() tea.Cmd {
			if err != nil {
				return failure(s.ctx, err)
			}
			return tea.Batch(s.load(), status(sprintf(w.Pinned, p.Code)), common.Changed(model.SiteEntity(p.Code)))
		}
	}))
}

func (s *peersSection) View(width, height int) string {
	st, w := s.ctx.Styles, &s.ctx.Words.Settings
	if s.form != nil {
		return s.form.view(s.ctx, w.PinHint+"\nCtrl+S "+w.KeySave+" · Esc "+w.KeyBack)
	}
	s.table.Width, s.table.Height = width, max(height-3, 3)
	return st.Title.Render(w.Peers) + "\n" + s.table.View(st, w.NoPeers)
}
