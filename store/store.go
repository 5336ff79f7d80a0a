package store

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the file layout this build writes.
// Opening an older file migrates it; a newer one is refused.
const SchemaVersion = 7

// Bucket names. See docs/architecture.md, The event log.
var (
	bEvents       = []byte("events")        // site \0 seq(8) -> event JSON
	bEntityEvents = []byte("entity_events") // entity \0 clock(8) site \0 seq(8) -> empty (its tail is the event's log key, listedKey); not the event that made the record (lists.go)
	bState        = []byte("state")         // nested per kind: id -> projection JSON
	bIdx          = []byte("idx")           // nested per index: key \0 id -> nil
	bMeta         = []byte("meta")          // schema, site, counters, password hashes, keys
	bPeers        = []byte("peers")         // code -> peer JSON
	bQuarantine   = []byte("quarantine")    // equivocating events: site \0 seq(8) \0 hash -> event JSON
)

// Errors returned by the store. Errors meant for a person are *model.Msg
// values (they carry both languages); these sentinels wrap them so callers
// can test with errors.Is.
var (
	ErrLocked         = errors.New("store: the data file is open in another program")
	ErrNotInitialised = errors.New("store: no site has been set up in this file")
	ErrSchemaTooNew   = errors.New("store: the file was written by a newer version")
	ErrNotFound       = errors.New("store: not found")
	ErrBadPassword    = errors.New("store: wrong login or password")
	ErrCorrupt        = errors.New("store: the data file is damaged")
)

// Message returns the message of err for a person in lang, for a command
// line: the sentence of a *model.Msg, or a generic sentence followed by
// the detail (a terminal has no message log; the command line adds a
// system cause's text on a line of its own). Screens use
// common.Context.Fail, which keeps the detail in the message log.
func Message(err error, lang model.Lang) string {
	text, detail := model.Say(err, lang)
	if model.MsgOf(err) != nil || detail == "" {
		return text
	}
	if model.IsSystem(err) {
		if lang == model.EN {
			return text + " Detail: " + detail
		}
		return text + " Chi tiết: " + detail
	}
	if lang == model.EN {
		return "Something went wrong; nothing was changed. Detail: " + detail
	}
	return "Có lỗi; dữ liệu chưa bị thay đổi. Chi tiết: " + detail
}

// Reason names why an operation failed, in one short phrase for a person
// in lang: the operating system's cause when there is one (disk full,
// permission), else the error's message.
func Reason(err error, lang model.Lang) string {
	if model.MsgOf(err) == nil && model.IsSystem(err) {
		return model.SystemWords(err).In(lang)
	}
	return Message(err, lang)
}

// userErr is a message for a person with a sentinel underneath.
func userErr(err error, vi, en string) error {
	k := model.KindRefused
	switch {
	case errors.Is(err, ErrNotFound):
		k = model.KindNotFound
	case errors.Is(err, ErrCorrupt):
		k = model.KindDamaged
	case errors.Is(err, ErrLocked):
		k = model.KindBusy
	case model.IsSystem(err):
		k = model.KindSystem
	}
	return &model.Msg{Label: model.Label{VI: vi, EN: en}, Kind: k, Err: err}
}

// Options tune Open.
type Options struct {
	// Timeout for the file lock; zero means one second.
	Timeout time.Duration
	// ReadOnly opens the file for reading only (check, dump, backup).
	ReadOnly bool
	// Now is the wall clock; nil means time.Now. Tests set it.
	Now func() time.Time
	// NoSync skips fsync (benchmarks and bulk demo generation only).
	NoSync bool
	// TrustClock takes Now as it comes, even behind the newest event:
	// for test fixtures that build a history out of order. A person's
	// store never sets it.
	TrustClock bool
	// Upgrading, if set, is called once before opening copies or
	// rewrites the whole file (a schema step, the first compression):
	// seconds to a minute for an office's file, so a person is told.
	Upgrading func()
	// MustExist refuses a path with no data file (or an empty one)
	// instead of creating it: rebuild, salvage's source, and any command
	// that only makes sense on a file already set up.
	MustExist bool
}

// Store is an open data file.
type Store struct {
	upgrading func()        // Options.Upgrading; nil once called
	db        *fileDB       // swappable: see filedb.go
	bo        *bolt.Options // as opened, to open again after a rewrite
	path      string
	wall      func() time.Time
	// seen is the clock (Unix ms) of the newest event this site has
	// seen, written or imported: the floor of every date it gives.
	seen       atomic.Int64
	trustClock bool
	// checkSealed is how many records the last Check took as stored
	// because their events are sealed at rest and no key was held.
	checkSealed int
	// restIDs are the rest keys this Store unlocked (rest.go), under
	// restMu.
	restIDs map[string]bool

	mu   sync.Mutex // serialises writers: seq, clock, chain head
	hlc  model.HLC
	site string

	sessionState

	cacheMu   sync.Mutex
	cal       *model.Calendar
	persons   *personIndex
	caseCache *caseCache
	cards     cardCache // query.go
}

// Open opens (creating if needed) the data file at path.
func Open(path string, opt Options) (s *Store, err error) {
	var db *bolt.DB
	defer func() {
		// After Guard (deferred later, so run first) has turned a panic on
		// a damaged page into err: the file's lock must not outlive it, or
		// the next open in this process waits for it in vain.
		if err != nil && db != nil {
			db.Close()
		}
	}()
	defer Guard(&err, path)()
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	// Check the file before bbolt maps it: a file cut short would be
	// read past its end (SIGBUS, beyond any recover).
	if err := ValidateFile(path); err != nil {
		if errors.Is(err, ErrEmptyFile) && !opt.ReadOnly && !opt.MustExist {
			// An empty file is what a new one looks like to bbolt; set
			// it up as new (init, demo, the interface's first start).
		} else {
			return nil, err
		}
	}
	if opt.ReadOnly || opt.MustExist {
		if fi, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, userErr(ErrNotFound, "Không có tệp dữ liệu "+path+" (gõ nhầm đường dẫn?). Chưa tạo gì. Nếu là đơn vị mới, hãy chạy: donthu init",
				"No data file at "+path+" (a mistyped path?). Nothing was created. For a new site, run: donthu init")
		} else if err == nil && fi.Size() == 0 {
			return nil, ValidateFile(path)
		}
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, osErr(err, filepath.Dir(path))
		}
	}
	// A file this Open creates is removed again if setting it up fails
	// (a full disk): a half-written header would be a damaged file.
	created := false
	if fi, err := os.Stat(path); !opt.ReadOnly && (errors.Is(err, os.ErrNotExist) || err == nil && fi.Size() == 0) {
		created = true
	}
	defer func() {
		if err != nil && created {
			os.Remove(path)
		}
	}()
	bo := &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, NoSync: opt.NoSync, InitialMmapSize: initialMmap(path)}
	db, err = bolt.Open(path, 0o600, bo)
	if err != nil {
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, userErr(ErrLocked,
				"Tệp dữ liệu "+path+" đang được mở ở một chương trình donthu khác. Hãy đóng chương trình đó rồi thử lại.",
				"The data file "+path+" is open in another copy of donthu. Close it and try again.")
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
			return nil, userErr(ErrCorrupt,
				"Tệp "+path+" không phải tệp dữ liệu donthu hoặc đã hỏng. Hãy khôi phục từ bản sao lưu (thư mục backups bên cạnh), hoặc cứu những gì còn nguyên: donthu salvage "+path+" -o TỆP_MỚI",
				"The file "+path+" is not a donthu data file or is damaged. Restore a backup (the backups folder beside it), or recover what is intact: donthu salvage "+path+" -o NEW_FILE")
		case errors.Is(err, os.ErrNotExist) && opt.ReadOnly:
			return nil, userErr(ErrNotFound, "Không có tệp dữ liệu "+path, "No data file at "+path)
		}
		return nil, osErr(err, path)
	}
	s = &Store{db: newFileDB(db), path: path, wall: opt.Now, trustClock: opt.TrustClock, bo: bo, upgrading: opt.Upgrading}
	if !opt.ReadOnly {
		removeLeftovers(path)
		// A file of the first layout is backed up and rewritten in the
		// compact one, then opened again.
		upgraded, err := s.upgradeFile()
		if err != nil {
			db.Close()
			return nil, userErr(err, "Không nâng cấp được tệp dữ liệu sang định dạng mới; tệp vẫn như cũ. Chi tiết: "+err.Error(),
				"Cannot upgrade the data file to the new layout; it is as it was. Detail: "+err.Error())
		}
		if upgraded {
			if db, err = bolt.Open(path, 0o600, bo); err != nil {
				db = nil
				return nil, userErr(err, "Không mở lại được tệp dữ liệu "+path+": "+err.Error(), "Cannot reopen the data file "+path+": "+err.Error())
			}
			s.db = newFileDB(db)
		}
		if err := s.prepare(); err != nil {
			db.Close()
			return nil, err
		}
		perr := s.packFile()
		db = s.db.get() // a rewrite opened the file again
		if perr != nil {
			db.Close()
			return nil, perr
		}
	}
	if err := s.loadMeta(); err != nil {
		db.Close()
		return nil, err
	}
	if !opt.ReadOnly && s.importPending() {
		// An import stopped part-way: take back what it added.
		if err := s.undoImport(); err != nil {
			db.Close()
			return nil, err
		}
	}
	if !opt.ReadOnly && s.rebuildPending() {
		// A rebuild stopped half-way: the projections are incomplete
		// until it has run again from the log.
		if err := s.finishRebuild(); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
}

// removeLeftovers removes what a rewrite of the file (a compaction, a
// rebuild) or a large import killed part-way left beside it: its copy,
// the runs of its sorts. The file's lock, held, keeps another program
// from using them.
func removeLeftovers(path string) {
	for _, suf := range []string{compactSuffix, rebuildSuffix, upgradeSuffix, importSuffix} {
		os.Remove(path + suf)
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), base+rebuildSuffix+runsSuffix) || strings.HasPrefix(e.Name(), base+importSuffix+runsSuffix) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// initialMmap keeps the first map small but large enough for the file, so
// a 32-bit process is not asked for more address space than it needs.
func initialMmap(path string) int {
	const min = 32 << 20
	fi, err := os.Stat(path)
	if err != nil || fi.Size() < min {
		return min
	}
	if fi.Size() > math.MaxInt32/2 {
		return 0
	}
	return int(fi.Size()) * 5 / 4
}

func (s *Store) prepare() error {
	return s.db.Update(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bMeta); meta != nil {
			loadDicts(tx) // migrations and index builds read projections
		}
		for _, b := range [][]byte{bEvents, bEntityEvents, bState, bIdx, bMeta, bPeers, bQuarantine} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bMeta)
		v := meta.Get([]byte("schema"))
		if v == nil {
			if err := meta.Put([]byte("schema"), []byte(strconv.Itoa(SchemaVersion))); err != nil {
				return err
			}
			return ensureReportIndexes(tx)
		}
		have, _ := strconv.Atoi(string(v))
		if err := schemaTooNew(have); err != nil {
			return err
		}
		if err := migrate(tx, have); err != nil {
			return err
		}
		return ensureReportIndexes(tx)
	})
}

func schemaTooNew(have int) error {
	if have <= SchemaVersion {
		return nil
	}
	return userErr(ErrSchemaTooNew,
		fmt.Sprintf("Tệp dữ liệu được ghi bởi phiên bản donthu mới hơn (lược đồ %d, bản này đọc được đến %d). Hãy cập nhật donthu.", have, SchemaVersion),
		fmt.Sprintf("The data file was written by a newer donthu (schema %d; this build reads up to %d). Update donthu.", have, SchemaVersion))
}

func (s *Store) loadMeta() error {
	return s.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if meta == nil {
			// bbolt wrote its header, then the process stopped before the
			// first commit: a setup (init, demo) that was interrupted.
			return userErr(ErrNotInitialised,
				"Tệp "+s.path+" đã được tạo nhưng chưa từng được thiết lập (lần chạy donthu init hoặc donthu demo đầu tiên bị ngắt giữa chừng?). Không có dữ liệu nào bị mất: hãy chạy lại donthu init (hoặc donthu demo).",
				"The file "+s.path+" was created but never set up (the first donthu init or donthu demo was interrupted?). No data was lost: run donthu init (or donthu demo) again.")
		}
		// A read-only open skips prepare: refuse a newer layout here too.
		have, _ := strconv.Atoi(string(meta.Get([]byte("schema"))))
		if err := schemaTooNew(have); err != nil {
			return err
		}
		loadDicts(tx)
		s.site = string(meta.Get([]byte("site")))
		if v := meta.Get([]byte("clock")); v != nil {
			c, _ := strconv.ParseInt(string(v), 10, 64)
			s.hlc.Observe(c)
			s.saw()
		}
		return nil
	})
}

// willRewrite tells, once, that opening is about to copy or rewrite the
// whole file.
func (s *Store) willRewrite() {
	if s.upgrading != nil {
		s.upgrading()
		s.upgrading = nil
	}
}

// Close closes the file.
func (s *Store) Close() error {
	s.forgetRest()
	return s.db.Close()
}

// Path returns the file's path.
func (s *Store) Path() string { return s.path }

// Site returns this site's code, or "" before Init.
func (s *Store) Site() string { return s.site }

// Now returns the store's clock: the wall clock, but never earlier than
// the newest event this site has seen. A laptop whose clock was set back
// (a flat battery, a wrong year) then still numbers petitions in the
// right year and counts deadlines from the right day.
func (s *Store) Now() time.Time { return s.now() }

// Today returns today's date in Vietnam, by Now.
func (s *Store) Today() model.Date { return model.DateOf(s.now()) }

const clockSlack = 10 * time.Minute

func (s *Store) now() time.Time {
	// A clock a little behind (two events in one millisecond, a clock
	// corrected by a few minutes) is not a wrong clock: the floor applies
	// only past clockSlack.
	t := s.wall()
	if seen := s.seen.Load(); !s.trustClock && seen-clockSlack.Milliseconds() > t.UnixMilli() {
		return time.UnixMilli(seen).In(t.Location())
	}
	return t
}

// saw raises the floor of the clock to the newest event seen; call it
// with s.mu held, after the clock has observed or issued a value.
func (s *Store) saw() {
	if l := s.hlc.Last(); l > s.seen.Load() {
		s.seen.Store(l)
	}
}

// Schema returns the schema version recorded in the file.
func (s *Store) Schema() int {
	var v int
	s.db.View(func(tx *bolt.Tx) error {
		v, _ = strconv.Atoi(string(tx.Bucket(bMeta).Get([]byte("schema"))))
		return nil
	})
	return v
}
