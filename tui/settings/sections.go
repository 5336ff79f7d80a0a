package settings

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/export"
	"donthu/tui/common"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// --- users (administrators) ---

type usersSection struct {
	ctx     *common.Context
	users   []model.User
	table   common.Table
	form    *form
	mode    string // "", "new", "reset", "roles"
	target  model.User
	keys    struct{ New, Reset, Roles, Active, Save, Back key.Binding }
	loadErr string
}

func newUsers(ctx *common.Context) *usersSection {
	w := &ctx.Words.Settings
	s := &usersSection{ctx: ctx}
	s.keys.New = key.NewBinding(key.WithKeys("n"), key.WithHelp("n", w.KeyNew))
	s.keys.Reset = key.NewBinding(key.WithKeys("p"), key.WithHelp("p", w.KeyReset))
	s.keys.Roles = key.NewBinding(key.WithKeys("v"), key.WithHelp("v", w.KeyRoles))
	s.keys.Active = key.NewBinding(key.WithKeys("d"), key.WithHelp("d", w.KeyActive))
	s.keys.Save = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("Ctrl+S", w.KeySave))
	s.keys.Back = key.NewBinding(key.WithKeys("esc"), key.WithHelp("Esc", w.KeyBack))
	s.table.Columns = []common.Column{{Title: w.Login, Width: 10}, {Title: w.Name, Width: 18}, {Title: w.State, Width: 10}, {Title: w.Roles}}
	return s
}

func (s *usersSection) Title() string              { return s.ctx.Words.Settings.Users }
func (s *usersSection) Allowed(u *model.User) bool { return model.May(u, model.ActManageUsers) }
func (s *usersSection) Capturing() bool            { return s.mode != "" }
func (s *usersSection) Dirty() bool                { return s.form != nil && s.form.dirty() }
func (s *usersSection) CanLeave() bool             { return s.mode == "" }

func (s *usersSection) Keys() []key.Binding {
	if s.mode != "" {
		return []key.Binding{s.keys.Save, s.keys.Back}
	}
	return []key.Binding{s.keys.New, s.keys.Reset, s.keys.Roles, s.keys.Active}
}

func (s *usersSection) Init() tea.Cmd { return s.load() }

// load reads the users in a command.
func (s *usersSection) load() tea.Cmd {
	st := s.ctx.Store
	return inCmd(func() func() tea.Cmd {
		users := st.AllUsers()
		return func() tea.Cmd { s.show(users); return nil }
	})
}

func (s *usersSection) show(users []model.User) {
	w := &s.ctx.Words.Settings
	s.users = users
	rows := make([][]string, len(s.users))
	for i, u := range s.users {
		state := w.Active
		if !u.Active {
			state = w.Inactive
		}
		var roles []string
		for _, r := range u.Roles {
			roles = append(roles, r.Label().In(s.ctx.Lang))
		}
		rows[i] = []string{u.Login, u.Name, state, strings.Join(roles, ", ")}
	}
	s.table.SetRows(rows)
}

func (s *usersSection) selected() (model.User, bool) {
	if s.table.Cursor < 0 || s.table.Cursor >= len(s.users) {
		return model.User{}, false
	}
	return s.users[s.table.Cursor], true
}

func (s *usersSection) Update(msg tea.Msg) (Section, tea.Cmd) {
	if _, ok := msg.(common.ChangedMsg); ok {
		return s, s.load()
	}
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	w := &s.ctx.Words.Settings
	switch s.mode {
	case "new", "reset", "roles":
		if key.Matches(k, s.keys.Back) {
			s.mode, s.form = "", nil
			return s, nil
		}
		submit, cmd := s.form.update(k)
		if !submit {
			return s, cmd
		}
		return s, s.save()
	}
	if s.table.HandleKey(k) {
		return s, nil
	}
	u, have := s.selected()
	switch {
	case key.Matches(k, s.keys.New):
		s.mode = "new"
		s.form = newForm(w.NewUser).add(w.Login, false, "").add(w.Name, false, "").add(w.Password, true, "").add(w.Repeat, true, "").withRoles([]model.Role{model.RoleReceptionist})
	case !have:
	case key.Matches(k, s.keys.Reset):
		s.mode, s.target = "reset", u
		s.form = newForm(sprintf(w.ResetFor, u.Login)).add(w.Password, true, "").add(w.Repeat, true, "")
	case key.Matches(k, s.keys.Roles):
		s.mode, s.target = "roles", u
		s.form = newForm(sprintf(w.RolesFor, u.Login)).withRoles(u.Roles)
	case key.Matches(k, s.keys.Active):
		if u.Login == s.ctx.User.Login {
			return s, common.Error(model.NewMsg("", "Không tự ngừng tài khoản của mình", "You cannot deactivate yourself").In(s.ctx.Lang))
		}
		return s, s.askActive(u)
	}
	return s, nil
}

// askActive asks, on the confirm page (only C/Y goes ahead, never
// Enter), before u is deactivated or reactivated.
func (s *usersSection) askActive(u model.User) tea.Cmd {
	w := &s.ctx.Words.Settings
	text, yes := sprintf(w.ConfirmOff, u.Name), w.YesOff
	if !u.Active {
		text, yes = sprintf(w.ConfirmOn, u.Name), w.YesOn
	}
	u.Active = !u.Active
	st, me := s.ctx.Store, s.ctx.User.Login
	return common.AskConfirm(s.ctx, text, yes, inCmd(func() func() tea.Cmd {
		err := st.UpdateUser(me, u)
		return func() tea.Cmd {
			if err != nil {
				return failure(s.ctx, err)
			}
			return tea.Batch(s.load(), status(sprintf(w.UserChanged, u.Login)), common.Changed(model.UserEntity(u.Site, u.Login)))
		}
	}))
}

func (s *usersSection) save() tea.Cmd {
	w, st, me := &s.ctx.Words.Settings, s.ctx.Store, s.ctx.User.Login
	f := s.form
	var write func() error
	var done string
	switch s.mode {
	case "new":
		if f.secret(2) != f.secret(3) {
			f.err = w.Mismatch
			return nil
		}
		u, pw := model.User{Login: f.value(0), Name: f.value(1), Roles: f.picked()}, f.secret(2)
		write, done = func() error { return st.CreateUser(me, u, pw) }, sprintf(w.UserAdded, u.Login)
	case "reset":
		if f.secret(0) != f.secret(1) {
			f.err = w.Mismatch
			return nil
		}
		login, pw := s.target.Login, f.secret(0)
		write, done = func() error { return st.SetPassword(login, pw) }, sprintf(w.PasswordSet, s.target.Login)
	case "roles":
		u := s.target
		u.Roles = f.picked()
		write, done = func() error { return st.UpdateUser(me, u) }, sprintf(w.UserChanged, u.Login)
	default:
		return nil
	}
	return inCmd(func() func() tea.Cmd {
		err := write()
		return func() tea.Cmd {
			if err != nil {
				if s.form == f {
					f.err = s.ctx.Say(err)
				}
				return nil
			}
			if s.form == f {
				s.mode, s.form = "", nil
			}
			return tea.Batch(s.load(), status(done), common.Changed(model.EntUser))
		}
	})
}

func (s *usersSection) View(width, height int) string {
	st, w := s.ctx.Styles, &s.ctx.Words.Settings
	switch s.mode {
	case "new", "reset", "roles":
		return s.form.view(s.ctx, "Tab/↑↓ · Ctrl+S "+w.KeySave+" · Esc "+w.KeyBack)
	}
	s.table.Width, s.table.Height = width, max(height-4, 3)
	out := st.Title.Render(w.Users) + "\n" + s.table.View(st, "—")
	return out
}

// --- one's own password (everyone) ---

type myPassword struct {
	ctx  *common.Context
	form *form
}

func newMyPassword(ctx *common.Context) *myPassword {
	s := &myPassword{ctx: ctx}
	s.reset()
	return s
}

func (s *myPassword) reset() {
	w := &s.ctx.Words.Settings
	s.form = newForm(w.MyPassword).add(w.OldPassword, true, "").add(w.Password, true, "").add(w.Repeat, true, "")
}

func (s *myPassword) Title() string              { return s.ctx.Words.Settings.MyPassword }
func (s *myPassword) Allowed(u *model.User) bool { return model.May(u, model.ActOwnSettings) }
func (s *myPassword) Init() tea.Cmd              { return nil }
func (s *myPassword) Capturing() bool            { return true }
func (s *myPassword) Dirty() bool                { return s.form.dirty() }
func (s *myPassword) CanLeave() bool             { return !s.form.dirty() }
func (s *myPassword) Keys() []key.Binding        { return nil }

func (s *myPassword) Update(msg tea.Msg) (Section, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	if key.Matches(k, keyEsc) {
		s.reset()
		return s, nil
	}
	submit, cmd := s.form.update(k)
	if !submit {
		return s, cmd
	}
	w, f := &s.ctx.Words.Settings, s.form
	if f.secret(1) != f.secret(2) {
		f.err = w.Mismatch
		return s, nil
	}
	st, me, old, pw := s.ctx.Store, s.ctx.User.Login, f.secret(0), f.secret(1)
	return s, inCmd(func() func() tea.Cmd {
		err := st.ChangePassword(me, old, pw)
		return func() tea.Cmd {
			if err != nil {
				f.err = s.ctx.Say(err)
				return nil
			}
			if s.form == f {
				s.reset()
			}
			return status(w.MyPasswordDone)
		}
	})
}

func (s *myPassword) View(width, height int) string {
	w := &s.ctx.Words.Settings
	return s.form.view(s.ctx, "Tab/↑↓ · Ctrl+S "+w.KeySave+" · Esc "+w.KeyBack)
}

// --- the site (administrators): details, unit dates, idle lock ---

type siteSection struct {
	ctx  *common.Context
	form *form
	site model.Site
	soon int // the due-soon threshold as read
}

func newSite(ctx *common.Context) *siteSection {
	s := &siteSection{ctx: ctx}
	s.show(model.Site{}, 0, 0)
	return s
}

func dateText(d model.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// load reads the site, its idle lock and due-soon threshold in a command.
func (s *siteSection) load() tea.Cmd {
	st := s.ctx.Store
	return inCmd(func() func() tea.Cmd {
		site, _ := st.SiteInfo("")
		idle, soon := st.IdleLock(), st.DueSoon()
		return func() tea.Cmd { s.show(site, idle, soon); return nil }
	})
}

func (s *siteSection) show(site model.Site, idle time.Duration, soon int) {
	w := &s.ctx.Words.Settings
	s.site, s.soon = site, soon
	s.form = newForm(w.Site).
		add(w.SiteName, false, s.site.Name).
		add(w.SiteAddress, false, s.site.Address).
		add(w.ValidFrom, false, dateText(s.site.ValidFrom)).
		add(w.ValidTo, false, dateText(s.site.ValidTo)).
		add(w.Successor, false, s.site.Successor).
		add(w.IdleLock, false, strconv.Itoa(int(idle/time.Minute))).
		add(w.DueSoon, false, strconv.Itoa(soon))
}

func (s *siteSection) Title() string              { return s.ctx.Words.Settings.Site }
func (s *siteSection) Allowed(u *model.User) bool { return model.May(u, model.ActManageSite) }
func (s *siteSection) Init() tea.Cmd              { return s.load() }
func (s *siteSection) Capturing() bool            { return true }
func (s *siteSection) Dirty() bool                { return false }
func (s *siteSection) CanLeave() bool             { return true }
func (s *siteSection) Keys() []key.Binding        { return nil }

func (s *siteSection) Update(msg tea.Msg) (Section, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	submit, cmd := s.form.update(k)
	if !submit {
		return s, cmd
	}
	w, f := &s.ctx.Words.Settings, s.form
	site := s.site
	site.Name, site.Address, site.Successor = f.value(0), f.value(1), strings.ToUpper(f.value(4))
	for i, d := range []*model.Date{&site.ValidFrom, &site.ValidTo} {
		*d = model.Date{}
		if v := f.value(2 + i); v != "" {
			x, m := model.ParseDateInput(v)
			if m != nil {
				f.err = f.labels[2+i] + ": " + m.In(s.ctx.Lang)
				return s, nil
			}
			*d = x
		}
	}
	n, err := strconv.Atoi(f.value(5))
	if err != nil {
		f.err = w.IdleHint
		return s, nil
	}
	soon, err := strconv.Atoi(f.value(6))
	if err != nil {
		soon = 0 // refused below with the store's message
	}
	st, me, was := s.ctx.Store, s.ctx.User.Login, s.site
	changed := soon != s.soon
	return s, inCmd(func() func() tea.Cmd {
		err := st.SetIdleLock(me, time.Duration(n)*time.Minute)
		if err == nil && changed {
			err = st.SetDueSoon(me, soon)
		}
		if err == nil && (site.Name != was.Name || site.Address != was.Address || site.Successor != was.Successor ||
			site.ValidFrom != was.ValidFrom || site.ValidTo != was.ValidTo) {
			err = st.UpdateSite(me, site)
		}
		return func() tea.Cmd {
			if err != nil {
				f.err = s.ctx.Say(err)
				return nil
			}
			return tea.Batch(s.load(), status(w.SiteSaved), common.Changed(model.SiteEntity(st.Site())))
		}
	})
}

func (s *siteSection) View(width, height int) string {
	st, w := s.ctx.Styles, &s.ctx.Words.Settings
	var b strings.Builder
	parent := s.site.Parent
	if parent == "" {
		parent = "—"
	}
	b.WriteString(st.Label.Render(common.Pad(w.SiteCode, 18)) + "   " + s.ctx.Store.Site() + " · " + w.SiteParent + ": " + parent + "\n")
	b.WriteString(s.form.view(s.ctx, w.IdleHint+" · "+w.DateHint+" · Ctrl+S "+w.KeySave))
	b.WriteString("\n" + st.Muted.Render(w.OtherPlaces))
	return b.String()
}

// --- the audit (leaders, administrators) ---

type auditSection struct {
	ctx    *common.Context
	table  common.Table
	lines  []store.AuditLine
	chains []store.AuditChain
	filter *form
	err    string
	export key.Binding
}

// auditShown is how many of the newest events the screen lists.
const auditShown = 500

func newAudit(ctx *common.Context) *auditSection {
	w := &ctx.Words.Settings
	s := &auditSection{ctx: ctx, filter: newForm("").add(w.AuditFilter, false, "")}
	s.export = key.NewBinding(key.WithKeys("ctrl+e"), key.WithHelp("Ctrl+E", w.KeyAuditExport))
	s.table.Columns = []common.Column{{Title: w.When, Width: 18}, {Title: w.Who, Width: 10}, {Title: w.What, Width: 20}, {Title: w.Record}}
	return s
}

func (s *auditSection) Title() string              { return s.ctx.Words.Settings.Audit }
func (s *auditSection) Allowed(u *model.User) bool { return model.May(u, model.ActAudit) }
func (s *auditSection) Capturing() bool            { return true }
func (s *auditSection) Dirty() bool                { return false }
func (s *auditSection) CanLeave() bool             { return s.filter.value(0) == "" }
func (s *auditSection) Keys() []key.Binding        { return []key.Binding{s.export} }

func (s *auditSection) Init() tea.Cmd { return s.load() }

// matching reads the log and calls fn with each line filter q keeps; the
// chains are verified as read. It reads the file: call it in a command.
func matching(st *store.Store, q string, fn func(store.AuditLine)) ([]store.AuditChain, error) {
	q = strings.ToLower(q)
	return st.AuditLog(store.AuditFilter{}, func(l store.AuditLine) error {
		if q != "" && !strings.Contains(strings.ToLower(l.Who()+" "+l.Author+" "+string(l.Type)+" "+l.Record()), q) {
			return nil
		}
		fn(l)
		return nil
	})
}

// load reads the log in a command, newest last kept.
func (s *auditSection) load() tea.Cmd {
	q, st := s.filter.value(0), s.ctx.Store
	return inCmd(func() func() tea.Cmd {
		var lines []store.AuditLine
		chains, err := matching(st, q, func(l store.AuditLine) {
			lines = append(lines, l)
			if len(lines) > auditShown {
				lines = lines[1:]
			}
		})
		return func() tea.Cmd {
			if q == s.filter.value(0) { // not an older filter's answer
				s.show(lines, chains, err)
			}
			return nil
		}
	})
}

func (s *auditSection) show(lines []store.AuditLine, chains []store.AuditChain, err error) {
	s.err = ""
	if err != nil {
		s.err = s.ctx.Say(err)
	}
	// Newest first.
	for i, j := 0, len(lines)-1; i < j; i, j = i+1, j-1 {
		lines[i], lines[j] = lines[j], lines[i]
	}
	s.lines, s.chains = lines, chains
	rows := make([][]string, len(lines))
	for i, l := range lines {
		who := l.Who()
		mark := ""
		if !l.Chain {
			mark = "✗ "
		} else if l.Held {
			mark = "… "
		}
		rows[i] = []string{l.When.In(model.VN).Format("02/01/06 15:04:05"), who, mark + string(l.Type), l.Record()}
	}
	s.table.SetRows(rows)
}

func (s *auditSection) Update(msg tea.Msg) (Section, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	if key.Matches(k, s.export) {
		return s, s.writeFile()
	}
	if s.table.HandleKey(k) {
		return s, nil
	}
	if key.Matches(k, keyEsc) {
		s.filter.fields[0].SetValue("")
		return s, s.load()
	}
	before := s.filter.value(0)
	_, cmd := s.filter.update(k)
	if s.filter.value(0) != before {
		return s, tea.Batch(cmd, s.load())
	}
	return s, cmd
}

func (s *auditSection) View(width, height int) string {
	st, w := s.ctx.Styles, &s.ctx.Words.Settings
	var b strings.Builder
	b.WriteString(st.Title.Render(w.Audit) + "  " + st.Label.Render(w.AuditFilter+": ") + s.filter.fields[0].View() + "\n")
	var chain []string
	for _, c := range s.chains {
		if len(c.Broken) > 0 {
			chain = append(chain, st.ErrText.Render(fmt.Sprintf(w.ChainBroken, c.Site, c.Broken)))
		} else {
			chain = append(chain, st.OK.Render(fmt.Sprintf(w.ChainOK, c.Site, c.Events)))
		}
	}
	b.WriteString(common.Truncate(strings.Join(chain, " · "), width) + "\n")
	if s.err != "" {
		b.WriteString(st.ErrText.Render("✗ "+s.err) + "\n")
	}
	s.table.Width, s.table.Height = width, max(height-3, 3)
	b.WriteString(s.table.View(st, w.AuditEmpty))
	return b.String()
}

// writeFile writes every line the filter keeps (not only the newest
// shown) as a workbook into the export folder (or beside the data file),
// and records it in the audit itself.
func (s *auditSection) writeFile() tea.Cmd {
	st, w, lang := s.ctx.Store, &s.ctx.Words.Settings, s.ctx.Lang
	f := s.filter.value(0)
	title := model.Label{VI: "NHẬT KÝ TRUY CẬP — đơn vị ", EN: "AUDIT — site "}.In(lang) + st.Site()
	if f != "" {
		title += " · " + w.AuditFilter + ": " + f
	}
	login := s.ctx.User.Login
	// Everything below reads the file or the disk: in the command.
	return func() tea.Msg {
		var lines []store.AuditLine
		if _, err := matching(st, f, func(l store.AuditLine) { lines = append(lines, l) }); err != nil {
			return common.Failed(lang, err)
		}
		dir := st.OutDir()
		path := filepath.Join(dir, "nhat-ky-"+st.Site()+"-"+st.Now().In(model.VN).Format("20060102-150405")+".xlsx")
		err := os.MkdirAll(dir, 0o755)
		if err == nil {
			err = export.WriteFile(path, func(out io.Writer) error { return store.WriteAuditXLSX(out, lines, lang, title) })
		}
		if err != nil {
			msg := common.Failed(lang, err)
			msg.Text = fmt.Sprintf(w.AuditExportFailed, path, model.SystemWords(err).In(lang))
			return msg
		}
		st.Audit(login, model.EvExported, model.AuditNote{What: "audit", File: path, Rows: len(lines), Via: "tui"})
		return common.StatusMsg{Text: fmt.Sprintf(w.AuditExported, path)}
	}
}

// --- backups (administrators) ---

type backupsSection struct {
	ctx     *common.Context
	table   common.Table
	backups []store.BackupFile
	keys    struct{ Restore key.Binding }
}

func newBackups(ctx *common.Context) *backupsSection {
	w := &ctx.Words.Settings
	s := &backupsSection{ctx: ctx}
	s.keys.Restore = key.NewBinding(key.WithKeys("r"), key.WithHelp("r", w.KeyRestore))
	s.table.Columns = []common.Column{{Title: w.When, Width: 18}, {Title: "MB", Width: 8, Right: true}, {Title: filepath.Base(ctx.Store.BackupDir())}}
	return s
}

func (s *backupsSection) Title() string              { return s.ctx.Words.Settings.Backups }
func (s *backupsSection) Allowed(u *model.User) bool { return model.May(u, model.ActRestore) }
func (s *backupsSection) Capturing() bool            { return false }
func (s *backupsSection) Dirty() bool                { return false }
func (s *backupsSection) CanLeave() bool             { return true }
func (s *backupsSection) Keys() []key.Binding        { return []key.Binding{s.keys.Restore} }

// Init lists the backups in a command (it reads a folder).
func (s *backupsSection) Init() tea.Cmd {
	st := s.ctx.Store
	return inCmd(func() func() tea.Cmd {
		backups := st.Backups()
		return func() tea.Cmd {
			s.backups = backups
			var rows [][]string
			for _, b := range s.backups {
				rows = append(rows, []string{b.Modified.In(model.VN).Format("02/01/2006 15:04"), fmt.Sprintf("%.1f", float64(b.Size)/(1<<20)), filepath.Base(b.Path)})
			}
			s.table.SetRows(rows)
			return nil
		}
	})
}

func (s *backupsSection) Update(msg tea.Msg) (Section, tea.Cmd) {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return s, nil
	}
	if s.table.HandleKey(k) {
		return s, nil
	}
	if key.Matches(k, s.keys.Restore) && s.table.Cursor < len(s.backups) {
		// On the confirm page: only C/Y restores, never Enter.
		b := s.backups[s.table.Cursor]
		w := &s.ctx.Words.Settings
		return s, common.AskConfirm(s.ctx, sprintf(w.RestoreConfirm, b.Modified.In(model.VN).Format("02/01/2006 15:04")), w.YesRestore,
			func() tea.Msg { return common.RestoreMsg{Path: b.Path} })
	}
	return s, nil
}

func (s *backupsSection) View(width, height int) string {
	st, w := s.ctx.Styles, &s.ctx.Words.Settings
	s.table.Width, s.table.Height = width, max(height-5, 3)
	out := st.Title.Render(w.Backups) + "\n" + st.Muted.Render(fmt.Sprintf(w.BackupsDir, s.ctx.Store.BackupDir())) + "\n" +
		s.table.View(st, w.BackupsNone) + "\n\n"
	return out + common.Truncate(st.Help.Render(w.RestoreHow), width)
}
