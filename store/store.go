package store

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the version of the file layout this build writes.
// Opening an older file migrates it; a newer one is refused.
const SchemaVersion = 3

// Bucket names. See DESIGN.md "Data".
var (
	bEvents       = []byte("events")        // site \0 seq(8) -> event JSON
	bEntityEvents = []byte("entity_events") // entity \0 clock(8) site \0 seq(8) -> event key
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

// UserError is an error meant for a person: it wraps a sentinel (for
// errors.Is) and carries the message in both languages.
type UserError struct {
	Err error
	Msg *model.Msg
}

func (e *UserError) Error() string { return e.Err.Error() + ": " + e.Msg.EN }
func (e *UserError) Unwrap() error { return e.Err }

// Message returns the message of err for a person in lang: the bilingual
// message if err carries one, else a generic sentence with the detail.
func Message(err error, lang model.Lang) string {
	var ue *UserError
	if errors.As(err, &ue) {
		return ue.Msg.In(lang)
	}
	var m *model.Msg
	if errors.As(err, &m) {
		return m.In(lang)
	}
	if lang == model.EN {
		return "Something went wrong; nothing was changed. Detail: " + err.Error()
	}
	return "Có lỗi; dữ liệu chưa bị thay đổi. Chi tiết: " + err.Error()
}

func userErr(err error, vi, en string) error {
	return &UserError{Err: err, Msg: model.NewMsg("", vi, en)}
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
}

// Store is an open data file.
type Store struct {
	db   *bolt.DB
	bo   *bolt.Options // as opened, to open again after a rewrite
	path string
	now  func() time.Time

	mu   sync.Mutex // serialises writers: seq, clock, chain head
	hlc  model.HLC
	site string

	sessionState

	cacheMu   sync.Mutex
	cal       *model.Calendar
	persons   *personIndex
	caseCache *caseCache
}

// Open opens (creating if needed) the data file at path.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout == 0 {
		opt.Timeout = time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if !opt.ReadOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, userErr(err, "Không tạo được thư mục dữ liệu: "+filepath.Dir(path), "Cannot create the data folder: "+filepath.Dir(path))
		}
	}
	bo := &bolt.Options{Timeout: opt.Timeout, ReadOnly: opt.ReadOnly, NoSync: opt.NoSync, InitialMmapSize: initialMmap(path)}
	db, err := bolt.Open(path, 0o600, bo)
	if err != nil {
		switch {
		case errors.Is(err, berrors.ErrTimeout):
			return nil, userErr(ErrLocked,
				"Tệp dữ liệu "+path+" đang được mở ở một chương trình donthu khác. Hãy đóng chương trình đó rồi thử lại.",
				"The data file "+path+" is open in another copy of donthu. Close it and try again.")
		case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch), errors.Is(err, berrors.ErrChecksum):
			return nil, userErr(ErrCorrupt,
				"Tệp "+path+" không phải tệp dữ liệu donthu hoặc đã hỏng. Hãy khôi phục từ bản sao lưu (thư mục backups bên cạnh).",
				"The file "+path+" is not a donthu data file or is damaged. Restore a backup (the backups folder beside it).")
		case errors.Is(err, os.ErrNotExist) && opt.ReadOnly:
			return nil, userErr(ErrNotFound, "Không có tệp dữ liệu "+path, "No data file at "+path)
		}
		return nil, userErr(err, "Không mở được tệp dữ liệu "+path+": "+err.Error(), "Cannot open the data file "+path+": "+err.Error())
	}
	s := &Store{db: db, path: path, now: opt.Now, bo: bo}
	if !opt.ReadOnly {
		// A file of the first layout is backed up and rewritten in the
		// compact one, then opened again.
		upgraded, err := s.upgradeFile()
		if err != nil {
			db.Close()
			return nil, userErr(err, "Không nâng cấp được tệp dữ liệu sang định dạng mới; tệp vẫn như cũ. Chi tiết: "+err.Error(),
				"Cannot upgrade the data file to the new layout; it is as it was. Detail: "+err.Error())
		}
		if upgraded {
			if s.db, err = bolt.Open(path, 0o600, bo); err != nil {
				return nil, userErr(err, "Không mở lại được tệp dữ liệu "+path+": "+err.Error(), "Cannot reopen the data file "+path+": "+err.Error())
			}
			db = s.db
		}
		if err := s.prepare(); err != nil {
			db.Close()
			return nil, err
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
		if err := s.Rebuild(); err != nil {
			db.Close()
			return nil, err
		}
	}
	return s, nil
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
		for _, b := range [][]byte{bEvents, bEntityEvents, bState, bIdx, bMeta, bPeers, bQuarantine} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bMeta)
		v := meta.Get([]byte("schema"))
		if v == nil {
			return meta.Put([]byte("schema"), []byte(strconv.Itoa(SchemaVersion)))
		}
		have, _ := strconv.Atoi(string(v))
		if err := schemaTooNew(have); err != nil {
			return err
		}
		return migrate(tx, have)
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
			return userErr(ErrCorrupt, "Tệp dữ liệu thiếu phần meta", "The data file has no meta bucket")
		}
		// A read-only open skips prepare: refuse a newer layout here too.
		have, _ := strconv.Atoi(string(meta.Get([]byte("schema"))))
		if err := schemaTooNew(have); err != nil {
			return err
		}
		s.site = string(meta.Get([]byte("site")))
		if v := meta.Get([]byte("clock")); v != nil {
			c, _ := strconv.ParseInt(string(v), 10, 64)
			s.hlc.Observe(c)
		}
		return nil
	})
}

// Close closes the file.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the file's path.
func (s *Store) Path() string { return s.path }

// Site returns this site's code, or "" before Init.
func (s *Store) Site() string { return s.site }

// Now returns the store's wall clock.
func (s *Store) Now() time.Time { return s.now() }

// Today returns today's date in Vietnam.
func (s *Store) Today() model.Date { return model.DateOf(s.now()) }

// Schema returns the schema version recorded in the file.
func (s *Store) Schema() int {
	var v int
	s.db.View(func(tx *bolt.Tx) error {
		v, _ = strconv.Atoi(string(tx.Bucket(bMeta).Get([]byte("schema"))))
		return nil
	})
	return v
}
