package syncscreen

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/bundle"
	"donthu/store/media"
	"donthu/tui/common"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

var sprintf = fmt.Sprintf

// mode is what the screen shows.
type mode int

const (
	modeList    mode = iota // the peers
	modePick                // choosing a folder
	modeConfirm             // the bundles found, before importing them
	modeBusy                // writing or importing
	modeResult              // what was done
)

// op is what a chosen folder is for.
type op int

const (
	opExport op = iota
	opImport
)

// Options configure the screen beyond its context.
type Options struct {
	// Roots lists the folders where USB sticks are mounted; nil finds
	// them on this machine (USBRoots). Tests give their own.
	Roots func() []string
	// Poll is how often work under way is looked at; 0 is 150 ms.
	Poll time.Duration
}

// Model is the sync screen.
type Model struct {
	ctx           *common.Context
	w             *common.SyncWords
	opt           Options
	keys          keyMap
	width, height int

	loaded  bool
	copy    store.CopyState // a restored copy waiting for its parent
	peers   []store.Peer
	orphans []store.Refusal // refused bundles whose sender is not a peer
	finger  string          // this site's fingerprint
	name    string          // this site's name
	parent  string          // the parent it declares (its card may not be pinned yet)
	dir     string          // the folder used last time
	table   common.Table

	mode mode
	op   op
	to   store.Peer // the peer a bundle is written for

	// Choosing a folder.
	opts      []media.FolderOption
	at        int // the option under the cursor; len(opts) is the path field
	detecting bool
	gen       int // drops the sticks found for an earlier choice
	path      textfield.Model
	pickErr   string

	// Importing, and what was done.
	folder   string
	files    []media.File
	results  []result
	busy     string
	exported *store.Exported
	offset   int  // scroll of the result
	job      *job // the work under way, if any
}

// resultKind is how importing one file went.
type resultKind int

const (
	resImported resultKind = iota
	resHad
	resRefused
	resSkipped
)

// result is one file of an import, described for the person.
type result struct {
	f     media.File
	kind  resultKind
	lines []string
}

type loadedMsg struct {
	peers   []store.Peer
	orphans []store.Refusal
	finger  string
	name    string
	parent  string // the parent this site declares, pinned or not
	dir     string
	copy    store.CopyState
}

type optionsMsg struct {
	gen  int
	opts []media.FolderOption
}

type exportedMsg struct {
	x      store.Exported
	errMsg string
	err    error // underneath errMsg, for the message log
}

type scannedMsg struct {
	dir    string
	files  []media.File
	errMsg string
	err    error // underneath errMsg, for the message log
}

// importedMsg is the end of an import: how each file went, in order.
type importedMsg struct{ done []imported }

type imported struct {
	x   store.Imported
	err error
}

// job is the work of a command (writing, listing, importing). The root
// gives messages to the active screen only, so one meant for this screen
// is lost if the person moves to another tab meanwhile: the work keeps
// its progress and its result here, and the screen polls the job while
// it is shown, and again when it is shown anew.
type job struct {
	mu    sync.Mutex
	text  string  // what is being done now
	final tea.Msg // the result, once done
}

func (j *job) set(text string) {
	j.mu.Lock()
	j.text = text
	j.mu.Unlock()
}

func (j *job) state() (string, tea.Msg) {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.text, j.final
}

// jobMsg says a job is done (or, with poll, asks to look at it).
type jobMsg struct {
	j    *job
	poll bool
}

// New makes the screen.
func New(ctx *common.Context) common.Screen { return NewWith(ctx, Options{}) }

// NewWith makes the screen with options.
func NewWith(ctx *common.Context, opt Options) common.Screen {
	if opt.Poll <= 0 {
		opt.Poll = 150 * time.Millisecond
	}
	if opt.Roots == nil {
		opt.Roots = func() []string { return media.Sticks(runtime.GOOS) }
	}
	w := &ctx.Words.Sync
	m := &Model{ctx: ctx, w: w, opt: opt, keys: newKeys(w), width: 80, height: 21}
	m.path = ctx.NewField(w.PathHint, 50)
	// A path is not Vietnamese text: the built-in Telex would turn
	// "/mnt/usb" into "/mnt/ú".
	m.path.SetMode(textfield.ModeOff)
	m.path.CharLimit = 1000
	m.table.Width = m.width
	return m
}

// Init loads the peers (each time the screen is shown), and looks again
// at work left running when another screen was shown.
func (m *Model) Init() tea.Cmd {
	switch {
	case m.job != nil:
		return tea.Batch(m.loadCmd(), m.poll(m.job))
	case m.mode == modePick && m.detecting:
		return tea.Batch(m.loadCmd(), m.detect())
	}
	return m.loadCmd()
}

// start runs work in a command as a job and shows text meanwhile.
func (m *Model) start(text string, work func(j *job) tea.Msg) tea.Cmd {
	j := &job{text: text}
	m.job, m.mode, m.busy = j, modeBusy, text
	run := func() tea.Msg {
		msg := work(j)
		j.mu.Lock()
		j.final = msg
		j.mu.Unlock()
		return jobMsg{j: j}
	}
	return tea.Batch(run, m.poll(j))
}

func (m *Model) poll(j *job) tea.Cmd {
	return tea.Tick(m.opt.Poll, func(time.Time) tea.Msg { return jobMsg{j: j, poll: true} })
}

// checkJob shows a job's progress, or takes its result once done.
func (m *Model) checkJob(msg jobMsg) tea.Cmd {
	if msg.j != m.job {
		return nil // taken already
	}
	text, final := msg.j.state()
	if final == nil {
		m.busy = text
		if msg.poll {
			return m.poll(msg.j)
		}
		return nil
	}
	m.job = nil
	switch f := final.(type) {
	case exportedMsg:
		return m.afterExport(f)
	case scannedMsg:
		return m.afterScan(f)
	case importedMsg:
		return m.afterImport(f)
	}
	return nil
}

func (m *Model) loadCmd() tea.Cmd {
	s := m.ctx.Store
	return func() tea.Msg {
		msg := loadedMsg{peers: s.Peers(), dir: s.ExportDir(), copy: s.Copy()}
		known := map[string]bool{}
		for _, p := range msg.peers {
			known[p.Code] = true
		}
		for _, r := range s.Refusals() {
			if !known[r.From] {
				msg.orphans = append(msg.orphans, r)
			}
		}
		if c, err := s.KeyCard(); err == nil {
			msg.finger, msg.name, msg.parent = c.Fingerprint(), c.Name, c.Parent
		}
		return msg
	}
}

// SetSize takes the body's size.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.Width = w
	m.path.Width = min(max(w-len(m.w.OtherPath)-8, 20), 60)
}

// Dirty reports a path being typed.
func (m *Model) Dirty() bool {
	return m.mode == modePick && strings.TrimSpace(m.path.Value()) != ""
}

// BusyQuit asks before a quit abandons an import or an export under
// way, saying what it is and how far it has gone.
func (m *Model) BusyQuit() string {
	if m.mode != modeBusy {
		return ""
	}
	return sprintf(m.w.QuitBusy, strings.TrimSuffix(strings.ReplaceAll(m.busy, "\n", " · "), "…"))
}

// Capturing reports that the path field has the keyboard.
func (m *Model) Capturing() bool { return m.mode == modePick && m.at == len(m.opts) }

// ShortHelp lists the main keys of what is shown.
func (m *Model) ShortHelp() []key.Binding {
	k := m.keys
	switch m.mode {
	case modePick:
		return []key.Binding{k.Pick, k.Path, k.Back}
	case modeConfirm:
		return []key.Binding{k.Confirm, k.Back}
	case modeBusy:
		return nil
	case modeResult:
		if m.exported != nil {
			return []key.Binding{k.Back}
		}
		return []key.Binding{k.Scroll, k.Back}
	}
	return []key.Binding{k.Move, k.Export, k.Import}
}

// FullHelp lists every key.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Move, k.Export, k.Import},
		{k.Pick, k.Path, k.Rescan, k.Confirm, k.Scroll, k.Back},
	}
}

// Update handles keys and the results of the work done in commands.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.setPeers(msg)
		return m, nil
	case common.ChangedMsg:
		return m, m.loadCmd()
	case optionsMsg:
		if msg.gen == m.gen && m.mode == modePick {
			m.setOptions(msg.opts)
		}
		return m, nil
	case jobMsg:
		return m, m.checkJob(msg)
	case tea.KeyMsg:
		switch m.mode {
		case modePick:
			return m, m.pickKey(msg)
		case modeConfirm:
			return m, m.confirmKey(msg)
		case modeBusy:
			return m, common.Status(m.w.BusyExport)
		case modeResult:
			return m, m.resultKey(msg)
		}
		return m, m.listKey(msg)
	}
	return m, nil
}

// setPeers shows fresh data, keeping the cursor on the same peer.
func (m *Model) setPeers(msg loadedMsg) {
	cur := ""
	if m.table.Cursor < len(m.peers) {
		cur = m.peers[m.table.Cursor].Code
	}
	m.peers, m.orphans, m.finger, m.name, m.dir = msg.peers, msg.orphans, msg.finger, msg.name, msg.dir
	m.parent, m.copy = msg.parent, msg.copy
	m.loaded = true
	rows := make([][]string, len(m.peers))
	at := min(m.table.Cursor, max(len(m.peers)-1, 0))
	for i, p := range m.peers {
		rows[i] = m.cells(p)
		if p.Code == cur {
			at = i
		}
	}
	m.table.Cursor = at
	m.table.SetRows(rows)
}

// selected returns the peer under the cursor.
func (m *Model) selected() (store.Peer, bool) {
	if m.table.Cursor < len(m.peers) {
		return m.peers[m.table.Cursor], true
	}
	return store.Peer{}, false
}

// mayImport reports whether the user may import: a dangerous action,
// for handlers, leaders and administrators.
func (m *Model) mayImport() bool {
	u := &m.ctx.User
	return u.Has(model.RoleHandler) || u.Has(model.RoleLeader) || u.Has(model.RoleAdmin)
}

// --- the list ---

func (m *Model) listKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Export):
		p, ok := m.selected()
		switch {
		case !ok:
			return common.Error(m.w.NeedPeer)
		case p.Relation != store.RelParent && p.Relation != store.RelChild:
			return common.Error(sprintf(m.w.NotPeer, p.Code))
		}
		m.to = p
		return m.startPick(opExport)
	case key.Matches(k, m.keys.Import):
		if !m.mayImport() {
			return common.Error(m.w.NeedRole)
		}
		return m.startPick(opImport)
	default:
		m.table.HandleKey(k)
	}
	return nil
}

// --- choosing a folder ---

// startPick offers the folder used last time at once, and the sticks
// found by a command (looking at drives can take a moment).
func (m *Model) startPick(o op) tea.Cmd {
	m.mode, m.op, m.pickErr = modePick, o, ""
	m.path.Reset()
	m.opts = media.FolderOptions(m.dir, nil, o == opExport, media.OSFS)
	m.at = 0
	m.focusAt()
	return m.detect()
}

func (m *Model) detect() tea.Cmd {
	m.gen++
	m.detecting = true
	gen, dir, export, roots := m.gen, m.dir, m.op == opExport, m.opt.Roots
	return func() tea.Msg {
		return optionsMsg{gen: gen, opts: media.FolderOptions(dir, roots(), export, media.OSFS)}
	}
}

// setOptions shows the folders found, keeping the cursor where it was.
func (m *Model) setOptions(opts []media.FolderOption) {
	cur, onField := "", m.at >= len(m.opts)
	if !onField {
		cur = m.opts[m.at].Path
	}
	m.opts, m.detecting = opts, false
	switch {
	case onField && m.path.Value() != "":
		m.at = len(opts)
	default:
		m.at = 0
		for i, o := range opts {
			if o.Path == cur {
				m.at = i
			}
		}
	}
	m.focusAt()
}

// focusAt gives the path field the keyboard when the cursor is on it.
func (m *Model) focusAt() {
	if m.at >= len(m.opts) {
		m.at = len(m.opts)
		m.path.Focus()
		m.path.CursorEnd()
	} else {
		m.path.Blur()
	}
}

func (m *Model) pickKey(k tea.KeyMsg) tea.Cmd {
	onField := m.at >= len(m.opts)
	switch {
	case key.Matches(k, m.keys.Back):
		m.mode = modeList
		m.path.Blur()
		return nil
	case key.Matches(k, m.keys.Path):
		if onField && len(m.opts) > 0 {
			m.at = 0
		} else {
			m.at = len(m.opts)
		}
		m.focusAt()
		return nil
	case key.Matches(k, m.keys.Pick):
		m.pickErr = ""
		if onField {
			return m.use(strings.TrimSpace(model.NFC(m.path.Value())), nil)
		}
		o := m.opts[m.at]
		return m.use(o.Path, &o)
	case key.Matches(k, m.keys.Up):
		if m.at > 0 {
			m.at--
			m.focusAt()
		}
		return nil
	case key.Matches(k, m.keys.Down):
		if m.at < len(m.opts) {
			m.at++
			m.focusAt()
		}
		return nil
	}
	if onField {
		before := m.path.Value()
		m.path, _ = m.path.Update(k)
		if m.path.Value() != before {
			m.pickErr = ""
		}
		return nil
	}
	if key.Matches(k, m.keys.Rescan) {
		return m.detect()
	}
	return nil
}

// use starts the work on the chosen folder.
func (m *Model) use(path string, o *media.FolderOption) tea.Cmd {
	if path == "" {
		m.pickErr = m.w.PathEmpty
		return nil
	}
	s, w := m.ctx.Store, m.w
	if m.op == opImport {
		site := s.Site()
		lang := m.ctx.Lang
		return m.start("", func(*job) tea.Msg { return scan(s, w, lang, path, site) })
	}
	create := o != nil && o.Root != "" && !o.Exists
	to, lang := m.to.Code, m.ctx.Lang
	return m.start(sprintf(w.Writing, s.Site(), to, path), func(*job) tea.Msg {
		if create {
			// A stick's own bundle folder is made the first time; a typed
			// path must exist (a typo must not make folders).
			if err := media.MakeFolder(path); err != nil {
				return exportedMsg{errMsg: sprintf(w.NoFolder, path)}
			}
		}
		if !media.IsFolder(path) {
			return exportedMsg{errMsg: sprintf(w.NoFolder, path)}
		}
		x, err := s.ExportBundle(to, media.AsFolder(path))
		if err != nil {
			text, _ := model.Say(err, lang)
			return exportedMsg{errMsg: text, err: err}
		}
		s.SetExportDir(path)
		return exportedMsg{x: x}
	})
}

func (m *Model) afterExport(msg exportedMsg) tea.Cmd {
	if msg.errMsg != "" {
		m.mode, m.pickErr = modePick, msg.errMsg
		m.focusAt()
		return m.ctx.FailWith(msg.errMsg, msg.err)
	}
	x := msg.x
	m.exported, m.results, m.offset = &x, nil, 0
	m.mode = modeResult
	mf := x.Manifest
	text := sprintf(m.w.Exported, mf.From, mf.To, mf.Number, mf.Events.Count, x.Path)
	// The peers' table shows the new bundle.
	return tea.Batch(common.Status(text), m.loadCmd())
}

// --- importing ---

// scan lists the bundle files of a folder.
func scan(s *store.Store, w *common.SyncWords, lang model.Lang, dir, site string) scannedMsg {
	if !media.IsFolder(dir) {
		return scannedMsg{dir: dir, errMsg: sprintf(w.NoFolder, dir)}
	}
	fs, err := media.ListFolder(dir, site)
	if err != nil {
		return scannedMsg{dir: dir, errMsg: sprintf(w.ReadFolderErr, dir, model.SystemWords(err).In(lang)), err: err}
	}
	if len(fs) == 0 {
		return scannedMsg{dir: dir, errMsg: sprintf(w.NoFiles, "*"+media.BundleExt, dir)}
	}
	s.SetExportDir(dir)
	return scannedMsg{dir: dir, files: fs}
}

func (m *Model) afterScan(msg scannedMsg) tea.Cmd {
	if msg.errMsg != "" {
		m.mode, m.pickErr = modePick, msg.errMsg
		m.focusAt()
		return m.ctx.FailWith(msg.errMsg, msg.err)
	}
	m.mode, m.folder, m.files = modeConfirm, msg.dir, msg.files
	m.dir, m.pickErr = msg.dir, ""
	return common.Status("") // a folder tried before, with no bundle in it, is past
}

func (m *Model) confirmKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Confirm):
		if media.ToImport(m.files) == 0 {
			return nil
		}
		m.results, m.exported, m.offset = nil, nil, 0
		return m.importAll()
	case key.Matches(k, m.keys.No):
		m.mode = modePick
		m.focusAt()
	case k.Type == tea.KeyEnter:
		return common.Error(m.ctx.Words.Desk.ConfirmEnter)
	}
	return nil
}

// importAll imports the files one by one, oldest first, each in a
// transaction of its own, so that a refused one leaves the others in.
func (m *Model) importAll() tea.Cmd {
	s, w, files, lang := m.ctx.Store, m.w, m.files, m.ctx.Lang
	return m.start(sprintf(w.Importing, 1, len(files), files[0].Name), func(j *job) tea.Msg {
		done := make([]imported, len(files))
		for i, f := range files {
			j.set(sprintf(w.Importing, i+1, len(files), f.Name))
			if f.Skip == media.SkipNone {
				done[i].x, done[i].err = s.ImportBundleWatch(f.Path, func(n, all int) {
					if n < all {
						j.set(sprintf(w.ImportRead, i+1, len(files), f.Name, model.ThousandsIn(lang, int64(n)), model.ThousandsIn(lang, int64(all))))
					} else {
						j.set(sprintf(w.ImportWrite, i+1, len(files), f.Name, model.ThousandsIn(lang, int64(all))))
					}
				})
			}
		}
		return importedMsg{done: done}
	})
}

func (m *Model) afterImport(msg importedMsg) tea.Cmd {
	m.results = nil
	for i, f := range m.files {
		m.results = append(m.results, m.describe(f, msg.done[i].x, msg.done[i].err))
	}
	m.mode = modeResult
	return tea.Batch(common.Status(m.counts()), common.Changed(""))
}

// describe says how importing one file went.
func (m *Model) describe(f media.File, x store.Imported, err error) result {
	w, l := m.w, m.ctx.Lang
	r := result{f: f}
	mf := x.Manifest
	switch {
	case f.Skip == media.SkipOwn:
		r.kind = resSkipped
		r.lines = []string{sprintf(w.SkipOwn, f.To)}
	case f.Skip == media.SkipOther:
		r.kind = resSkipped
		r.lines = []string{sprintf(w.SkipOther, f.To)}
	case errors.Is(err, bundle.ErrReplay):
		r.kind = resHad
		if mf.From != "" {
			r.lines = []string{sprintf(w.AlreadyHad, mf.Number, mf.From)}
		} else {
			r.lines = []string{w.AlreadyHadAny}
		}
	case err != nil:
		r.kind = resRefused
		r.lines = []string{sprintf(w.RefusedFile, m.ctx.Say(err))}
	default:
		r.kind = resImported
		r.lines = []string{sprintf(w.Imported, mf.Number, mf.From, model.ThousandsIn(l, int64(x.Result.Added)), model.ThousandsIn(l, int64(x.Result.Present)))}
		if n := len(x.Result.Quarantined); n > 0 {
			r.lines = append(r.lines, sprintf(w.Quarantined, n))
		}
		if n := x.Result.Conflicts; n > 0 {
			r.lines = append(r.lines, sprintf(w.Conflicts, n))
		}
		for _, wl := range x.Warnings {
			r.lines = append(r.lines, sprintf(w.Warning, wl.In(l)))
		}
	}
	return r
}

// counts sums up an import: imported, already had, refused, skipped.
func (m *Model) counts() string {
	var n [4]int
	for _, r := range m.results {
		n[r.kind]++
	}
	return sprintf(m.w.ResultCounts, n[resImported], n[resHad], n[resRefused], n[resSkipped])
}

// --- after the work ---

func (m *Model) resultKey(k tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Pick), key.Matches(k, m.keys.Back):
		m.mode, m.exported, m.results, m.offset = modeList, nil, nil, 0
	default:
		if d, ok := m.keys.List.Step(k, max(m.height-4, 1)); ok {
			m.offset = max(0, min(m.offset+d, 1<<20))
		}
	}
	return nil
}
