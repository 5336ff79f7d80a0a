package settings

import (
	"errors"
	"path/filepath"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/store/bundle"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// peersSection lists the pinned sites with their fingerprints and pins a
// new one from its key card (a file on a USB stick): the fingerprint is
// shown to be read aloud over the phone, and only the key C confirms. It
// also writes this site's own card (w) for the other site to pin, as
// donthu keys export does: never over a file without C, and with the
// fingerprint to read aloud.
type peersSection struct {
	ctx       *common.Context
	peers     []store.Peer
	table     common.Table
	form      *form
	writing   bool         // the form is the card's file (w), not a card to pin (n)
	written   *bundle.Card // this site's card, just written
	path      string       // where it was written
	suggested string       // the file first offered for it
	keys      struct{ Add, Write, Save, Back key.Binding }
}

func newPeers(ctx *common.Context) *peersSection {
	w := &ctx.Words.Settings
	s := &peersSection{ctx: ctx}
	s.keys.Add = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", w.KeyPin))
	s.keys.Write = key.NewBinding(key.WithKeys("w"), key.WithHelp("w", w.KeyWriteCard))
	s.keys.Save = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Ctrl+S", w.KeySave))
	s.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack))
	s.table.Columns = []common.Column{{Title: w.SiteCode, Width: 8}, {Title: w.Relation, Width: 10}, {Title: w.Fingerprint, Width: 31}, {Title: w.SiteName}}
	return s
}

func (s *peersSection) Title() string              { return s.ctx.Words.Settings.Peers }
func (s *peersSection) Allowed(u *model.User) bool { return model.May(u, model.ActManageKeys) }
func (s *peersSection) Capturing() bool            { return s.form != nil }
func (s *peersSection) Dirty() bool {
	if s.form != nil && s.writing {
		return s.form.value(0) != s.suggested // only the file offered: nothing typed
	}
	return s.form != nil && s.form.dirty()
}
func (s *peersSection) CanLeave() bool { return s.form == nil }

func (s *peersSection) Keys() []key.Binding {
	if s.form != nil {
		return []key.Binding{s.keys.Save, s.keys.Back}
	}
	return []key.Binding{s.keys.Add, s.keys.Write}
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
		if s.writing {
			return s, s.writeCard(false)
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
	switch {
	case key.Matches(k, s.keys.Add):
		s.form, s.writing, s.written = newForm(w.PinTitle).add(w.CardFile, false, "").add(w.IsChild, false, ""), false, nil
	case key.Matches(k, s.keys.Write):
		return s, s.askCardFile()
	}
	return s, nil
}

// askCardFile opens the form of the file this site's card is written to:
// by default in the folder bundles go to, else beside the data file (read
// in a command: the folder is a setting in the file).
func (s *peersSection) askCardFile() tea.Cmd {
	st, w := s.ctx.Store, &s.ctx.Words.Settings
	return inCmd(func() func() tea.Cmd {
		path, site := filepath.Join(st.OutDir(), store.KeyCardName(st.Site())), st.Site()
		return func() tea.Cmd {
			if s.form == nil {
				f := newForm(sprintf(w.WriteCardTitle, site)).add(w.CardFile, false, "")
				in := &f.fields[0]
				in.CharLimit = 400 // the field scrolls: its end, the file name, in view
				in.SetValue(path)
				in.CursorEnd()
				s.form, s.writing, s.written, s.suggested = f, true, nil, path
			}
			return nil
		}
	})
}

// writeCard writes this site's card to the file typed. A file already
// there is written over only once confirmed on the confirm page (C or Y,
// never Enter): replace is that confirmation.
func (s *peersSection) writeCard(replace bool) tea.Cmd {
	w := &s.ctx.Words.Settings
	f, path := s.form, s.form.value(0)
	if path == "" {
		f.err = w.CardPathNeeded
		return nil
	}
	st := s.ctx.Store
	return inCmd(func() func() tea.Cmd {
		write := st.CreateKeyCard
		if replace {
			write = st.WriteKeyCard
		}
		c, err := write(path)
		return func() tea.Cmd {
			if s.form != f {
				return nil // closed meanwhile
			}
			switch {
			case errors.Is(err, store.ErrFileExists):
				return common.AskConfirm(s.ctx, sprintf(w.CardExists, path), w.YesOverwrite, s.writeCard(true))
			case err != nil:
				f.err = s.ctx.Say(err)
				return nil
			}
			s.form, s.writing, s.written, s.path = nil, false, &c, path
			return status(sprintf(w.CardWritten, c.Site, path))
		}
	})
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
		hint := w.PinHint
		if s.writing {
			hint = w.WriteCardHint
		}
		return s.form.view(s.ctx, hint+"\nCtrl+S "+w.KeySave+" · Esc "+w.KeyBack)
	}
	top := st.Title.Render(w.Peers) + "\n"
	used := 3
	if c := s.written; c != nil {
		// The fingerprint to read aloud to the other site, as donthu keys
		// export prints it.
		top += st.OK.Render(ansi.Wrap(sprintf(w.CardWritten, c.Site, s.path), width, "")) + "\n" +
			ansi.Wrap(w.ReadFingerprint, width, "") + "\n  " + st.Bold.Render(c.Fingerprint()) + "\n\n"
		used += strings.Count(top, "\n") - 1
	}
	s.table.Width, s.table.Height = width, max(height-used, 3)
	return top + s.table.View(st, w.NoPeers)
}
