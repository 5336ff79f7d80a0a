package store

import (
	"bytes"
	"donthu/model"
	"encoding/json"
	"errors"
	"filippo.io/age"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// migrations[v] moves a file from schema v to v+1, inside the opening
// transaction: a migration that fails leaves the file as it was. Version 1
// is the first released layout; version 2 (the compact encoding) is made
// by rewriting the file instead (upgradeFile), and later layouts add
// migrations[2] onwards.
var migrations = map[int]func(tx *bolt.Tx) error{
	// 2 -> 3: confidential senders are sealed at rest. The file gets its
	// confidential key, held in the clear until the first leader or
	// handler signs in and takes it; the records written in the clear
	// before are sealed at the first sign-in (sealExisting).
	2: func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if meta.Get([]byte("site")) == nil || meta.Get(keyConfPub) != nil {
			return nil
		}
		if id, ok := clearKeys(tx); ok {
			if err := putPublicKeys(tx, id); err != nil {
				return err
			}
		}
		conf, err := newConfKey(tx)
		if err != nil {
			return err
		}
		if err := escrowConf(tx, conf); err != nil {
			return err
		}
		return meta.Put(keySealTodo, []byte("1"))
	},
	// 3 -> 4: events that named a protected person in the clear are
	// sealed at rest (rest.go). The site's keys, needed to seal, open at
	// the next sign-in, which sweeps the file. Older builds cannot read
	// a sealed event, hence the step.
	3: func(tx *bolt.Tx) error {
		meta := tx.Bucket(bMeta)
		if meta.Get([]byte("site")) == nil {
			return nil
		}
		if b := meta.Get(keyConfPending); b != nil {
			// A schema-3 file kept this key in the clear: escrowed now.
			if conf, err := age.ParseX25519Identity(string(b)); err == nil {
				if err := escrowConf(tx, conf); err != nil {
					return err
				}
			}
		}
		if err := buildIndex(tx, model.EntCase, "case_closed"); err != nil {
			return err
		}
		// A protected person no longer keeps, in their state, the
		// identity of the records merged into theirs (model
		// blankAbsorbed): their state is folded again.
		var again []string
		eachState(tx, model.EntPerson, func(id string, b []byte) error {
			var p struct {
				Sealed   string            `json:"sealed"`
				Absorbed []json.RawMessage `json:"absorbed"`
			}
			if decodeJSON(b, &p) == nil && p.Sealed != "" && len(p.Absorbed) > 0 {
				again = append(again, id)
			}
			return nil
		})
		for _, id := range again {
			if _, err := refold(tx, id); err != nil {
				return err
			}
		}
		return meta.Put(keyRestSweep, []byte("1"))
	},
	// 4 -> 5: a visit's projection may be kept as a reference to its one
	// event (codec.go, refKind), which older builds cannot read. The
	// projections already stored stay valid; the file is rewritten with
	// references, and compacted, right after this step (packFile).
	4: func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket(bEvents).Cursor().First(); k == nil {
			return nil
		}
		return tx.Bucket(bMeta).Put(metaPackTodo, []byte("1"))
	},
	// 5 -> 6: entity lists hold their event's key in their own key only
	// (listedKey), and the visit_date index is gone (report_visit, whose
	// keys begin with the day and end with the id, serves its readers).
	// A visit by reference whose id names its event keeps the tag alone
	// (refValue), and a person of one event is kept by reference too.
	// Older builds would read the lists' empty values, bare references
	// and persons by reference as damage. The rewrite that follows
	// (packFile) empties the lists' values, bares the references and
	// keeps persons of one event by reference.
	5: func(tx *bolt.Tx) error {
		for name, v := range droppedIndexes {
			if v == 6 && tx.Bucket(bIdx).Bucket([]byte(name)) != nil {
				if err := tx.Bucket(bIdx).DeleteBucket([]byte(name)); err != nil {
					return err
				}
			}
		}
		if k, _ := tx.Bucket(bEvents).Cursor().First(); k == nil {
			return nil
		}
		return tx.Bucket(bMeta).Put(metaPackTodo, []byte("1"))
	},
	// 6 -> 7: the event that made a record is not listed under it when
	// the record's id names it (lists.go): 700,000 keys of an office's
	// million; and report_visit's and person_visit's keys are shorter
	// (report.go; keys.go, shortTail). Older builds would find most
	// records without events, and no visits. The indexes are written
	// anew here (an office's in a few seconds); the rewrite that follows
	// (packFile) drops the list keys, and until it has, readers take a
	// list key of a made event once.
	6: func(tx *bolt.Tx) error {
		// The indexes' keys in this transaction, so a file of schema 7
		// holds them in one form only, whatever becomes of the rewrite.
		for name, rekey := range rekeyedIndexes {
			if err := rekeyIndex(tx, name, rekey); err != nil {
				return err
			}
		}
		if k, _ := tx.Bucket(bEvents).Cursor().First(); k == nil {
			return nil
		}
		return tx.Bucket(bMeta).Put(metaPackTodo, []byte("1"))
	},
}

// droppedIndexes are the indexes a schema step removed, with the schema
// that has them no more: check leaves them alone in an older file (a
// backup checked before it is restored, which its step will migrate).
var droppedIndexes = map[string]int{"visit_date": 6}

// rekeyedIndexes are the indexes whose keys the step to schema 7 wrote
// anew, each with the function that gives a key of schema 6 its new
// form: check reads an older file's keys (a backup checked before a
// restore) through it.
var rekeyedIndexes = map[string]func([]byte) []byte{"report_visit": visitKey7, "person_visit": personVisitKey7}

// rekeyIndex writes the keys of index anew, each as rekey gives it, in
// key order.
func rekeyIndex(tx *bolt.Tx, name string, rekey func([]byte) []byte) error {
	ib := tx.Bucket(bIdx).Bucket([]byte(name))
	if ib == nil {
		return nil
	}
	var keys [][]byte
	ib.ForEach(func(k, _ []byte) error {
		keys = append(keys, rekey(append([]byte(nil), k...)))
		return nil
	})
	slices.SortFunc(keys, bytes.Compare)
	if err := tx.Bucket(bIdx).DeleteBucket([]byte(name)); err != nil {
		return err
	}
	nb, err := tx.Bucket(bIdx).CreateBucket([]byte(name))
	if err != nil {
		return err
	}
	filledIndex(nb, name)
	for _, k := range keys {
		if err := nb.Put(k, nil); err != nil {
			return err
		}
	}
	return nil
}

// metaPackTodo marks a file to be rewritten whole (migrations[4] to
// [6]): projections by reference where they may be, entity lists without
// values nor the keys their ids imply; the rewrite drops it.
var metaPackTodo = []byte("pack_todo")

// buildIndex puts the entries of one index for every record of a kind,
// as indexEntries gives them (a migration that adds an index).
func buildIndex(tx *bolt.Tx, kind, index string) error {
	batch := idxBatch{}
	err := eachState(tx, kind, func(id string, b []byte) error {
		v, err := decodeState(tx, id, b)
		if err != nil {
			return nil // a damaged record: check and rebuild say so
		}
		for _, e := range indexEntries(id, v) {
			if e.index == index {
				batch.set(e, true)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return batch.apply(tx)
}

func migrate(tx *bolt.Tx, have int) error {
	for v := have; v < SchemaVersion; v++ {
		m, ok := migrations[v]
		if !ok {
			return fmt.Errorf("store: no migration from schema %d", v)
		}
		if err := m(tx); err != nil {
			return fmt.Errorf("store: migrating schema %d to %d: %w", v, v+1, err)
		}
		if err := tx.Bucket(bMeta).Put([]byte("schema"), []byte(strconv.Itoa(v+1))); err != nil {
			return err
		}
	}
	return nil
}

// fileSchema returns the schema of an open file (0 for a new one) and
// whether it holds any event.
func fileSchema(db *bolt.DB) (have int, events bool) {
	db.View(func(tx *bolt.Tx) error {
		if meta := tx.Bucket(bMeta); meta != nil {
			have, _ = strconv.Atoi(string(meta.Get([]byte("schema"))))
		}
		if b := tx.Bucket(bEvents); b != nil {
			k, _ := b.Cursor().First()
			events = k != nil
		}
		return nil
	})
	return have, events
}

// upgradeFile moves a schema-1 file to the compact encoding of schema 2
// (codec.go): it copies the file into the backups folder first
// (NAME-schema1.db, which the automatic rotation leaves alone), then
// writes the new layout beside it (NAME.db.upgrade), committing every
// few MB so memory stays bounded whatever the file's size, syncs it, and
// renames it over the original. A crash at any point leaves the
// original as it was (or, after the rename, the new file whole); the
// next start begins again. The caller reopens the file afterwards.
func (s *Store) upgradeFile() (bool, error) {
	have, _ := fileSchema(s.db.get())
	if have == 0 || have >= 2 {
		return false, s.backupBeforeStep()
	}
	if err := s.backupBeforeStep(); err != nil {
		return false, err
	}
	s.willRewrite()
	tmp := s.path + upgradeSuffix
	os.Remove(tmp)
	if err := rewriteFile(s.db.get(), tmp, true); err != nil {
		os.Remove(tmp)
		return false, err
	}
	if err := s.db.Close(); err != nil {
		os.Remove(tmp)
		return false, err
	}
	if err := os.Rename(tmp, s.path); err != nil {
		os.Remove(tmp)
		return false, err
	}
	return true, syncDir(filepath.Dir(s.path))
}

// backupBeforeStep copies a file about to move to a newer schema, once,
// into the backups folder as NAME-schemaN.db (N its schema now), which
// the automatic rotation leaves alone: whatever a migration does, the
// file as the older build left it stays at hand.
func (s *Store) backupBeforeStep() error {
	have, events := fileSchema(s.db.get())
	if have == 0 || have >= SchemaVersion || !events {
		return nil
	}
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	name := filepath.Join(s.BackupDir(), fmt.Sprintf("%s-schema%d.db", base, have))
	if _, err := os.Stat(name); err == nil {
		return nil
	}
	s.willRewrite()
	if err := os.MkdirAll(s.BackupDir(), 0o700); err != nil {
		return err
	}
	return s.Backup(name)
}

// Pack does now the rewrite the next open would do (packFile): a bulk
// fill (the demo) makes the file's dictionary part-way, and leaves the
// file as the desk will find it rather than a first open that waits.
// It says nothing of itself (an open says it migrates): the caller does.
func (s *Store) Pack() error {
	s.upgrading = nil
	return s.packFile()
}

// packFile rewrites a file that migrations[4] marked (metaPackTodo), or
// that has grown enough for a dictionary and has none: Compact keeps
// each visit's projection by reference, compresses every event under
// the file's dictionary (training it first) and drops the mark.
// A failure (a full disk) leaves the file as it was, valid, and marked:
// the next open tries again.
//
// It returns an error only if the file could not be opened again after
// the rewrite.
func (s *Store) packFile() error {
	todo := s.wantsDict() // a file that has just grown past dictMinEvents
	s.db.View(func(tx *bolt.Tx) error {
		todo = todo || tx.Bucket(bMeta).Get(metaPackTodo) != nil
		return nil
	})
	if !todo {
		return nil
	}
	s.willRewrite()
	err := s.Compact()
	if err == nil {
		return nil
	}
	if s.db.View(func(*bolt.Tx) error { return nil }) != nil {
		return err // the file was not opened again: say why
	}
	return nil // not rewritten (a full disk): the file is as it was, and valid
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil // not every platform opens folders
	}
	defer d.Close()
	d.Sync()
	return nil
}

// rewriteChunk is how many bytes of values one transaction of a
// chunkWriter holds before it commits. Small: bbolt splits a node only
// at commit, so every key a transaction appends to a bucket goes into
// one growing node, and each put searches it. With 32 MiB (up to
// 800,000 index keys in a node) a rebuild of an office's decade took
// 6.4 s and 700 MB; with 1 MiB, 5.7 s and 600 MB (medians of three),
// when rebuilds still put their keys through bbolt.
var rewriteChunk = 1 << 20 // a variable for tests

// rewriteFile copies every bucket of src into a new file at path, every
// page full (bulkFile); with upgrade, schema-1 values are re-encoded and
// the schema set to 2.
func rewriteFile(src *bolt.DB, path string, upgrade bool) error {
	w, err := newRewriter(path, upgrade)
	if err != nil {
		return err
	}
	finished := false
	defer func() {
		if !finished { // a panic (a damaged page): the copy is closed, and removed by the caller
			w.finish(errPanicked)
		}
	}()
	err = src.View(func(stx *bolt.Tx) error {
		w.src, w.dict = stx, currentDict(stx)
		return stx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return w.bucketAt(w.out.root, b, [][]byte{bytes.Clone(name)})
		})
	})
	finished = true
	return w.finish(err)
}

// A rewriter copies buckets of a file into a new one (bulkFile), each
// value in the form this build writes.
type rewriter struct {
	out     *bulkFile
	src     *bolt.Tx // the file copied
	dict    *zdict   // the file's dictionary: events not yet compressed are, as they are copied
	upgrade bool
}

// newRewriter creates the new file at path for a rewriter.
func newRewriter(path string, upgrade bool) (*rewriter, error) {
	out, err := createBulk(path)
	if err != nil {
		return nil, err
	}
	return &rewriter{out: out, upgrade: upgrade}, nil
}

// finish ends the new file, synced to disk (unless err: the copy
// failed, and the caller removes it).
func (w *rewriter) finish(err error) error { return w.out.finish(err) }

// bucketAt copies src whole into a new bucket of parent, at path (whose
// last part is its name).
func (w *rewriter) bucketAt(parent *bulkBucket, src *bolt.Bucket, path [][]byte) error {
	dst, err := parent.bucket(path[len(path)-1])
	if err != nil {
		return err
	}
	return w.bucket(src, dst, path, nil)
}

// bucket copies src into dst, a bucket at path; over holds values put
// instead of src's (nil: the key is left out).
func (w *rewriter) bucket(src *bolt.Bucket, dst *bulkBucket, path [][]byte, over map[string][]byte) error {
	dst.seq = src.Sequence()
	keys := slices.Sorted(maps.Keys(over))
	// putOver puts the values of over before k (all: nil), and reports
	// whether k was among them.
	putOver := func(k []byte) (bool, error) {
		for len(keys) > 0 && (k == nil || keys[0] <= string(k)) {
			o := keys[0]
			keys = keys[1:]
			if v := over[o]; v != nil {
				if err := dst.put([]byte(o), v); err != nil {
					return false, err
				}
			}
			if k != nil && o == string(k) {
				return true, nil
			}
		}
		return false, nil
	}
	err := src.ForEach(func(k, v []byte) error {
		if done, err := putOver(k); done || err != nil {
			return err
		}
		return w.entry(src, dst, path, k, v)
	})
	if err != nil {
		return err
	}
	_, err = putOver(nil)
	return err
}

// entry copies the entry k, v of bucket src to dst, at path, as the
// rewrite keeps it: a nested bucket whole, a value in the form this
// build writes.
func (w *rewriter) entry(src *bolt.Bucket, dst *bulkBucket, path [][]byte, k, v []byte) error {
	if v == nil {
		return w.bucketAt(dst, src.Bucket(k), append(path[:len(path):len(path)], bytes.Clone(k)))
	}
	nv := v
	if w.upgrade {
		var err error
		if nv, err = upgradeValue(path, k, v); err != nil {
			return err
		}
	} else if ref := w.ref(path, k, v); ref != nil {
		nv = ref
	} else if len(path) == 1 && bytes.Equal(path[0], bEvents) {
		nv = compressEvent(nv, w.dict)
	} else if len(path) == 2 && bytes.Equal(path[0], bState) {
		nv = compressState(nv, w.dict)
	} else if len(path) == 1 && bytes.Equal(path[0], bEntityEvents) {
		if unlistedKey(k) {
			return nil // the id says it (schema 7: lists.go)
		}
		nv = nv[:0] // the key says the event (listedKey)
	} else if len(path) == 1 && bytes.Equal(path[0], bMeta) && bytes.Equal(k, metaPackTodo) {
		return nil // done by this rewrite
	}
	return dst.put(k, nv)
}

// A chunkWriter puts keys in order into buckets of a file in use, a
// transaction of rewriteChunk bytes at a time (idxLater.apply).
type chunkWriter struct {
	db   *bolt.DB
	tx   *bolt.Tx
	size int
	gen  int // commits so far: bucket handles of an older one are stale
}

// target is a bucket a chunkWriter puts into; its handle is taken again
// after each commit.
type target struct {
	path [][]byte
	b    *bolt.Bucket
	gen  int
	fill float64 // how full its pages are split; 0: whole (keys in order)
}

// at returns the bucket at path in the current transaction, creating it.
func (w *chunkWriter) at(path [][]byte) (*bolt.Bucket, error) {
	b, err := w.tx.CreateBucketIfNotExists(path[0])
	for _, p := range path[1:] {
		if err != nil {
			return nil, err
		}
		b, err = b.CreateBucketIfNotExists(p)
	}
	if err != nil {
		return nil, err
	}
	b.FillPercent = 1.0
	return b, nil
}

// put puts k and v, which must stay as they are until the next commit,
// into t, committing first if the transaction holds rewriteChunk bytes.
func (w *chunkWriter) put(t *target, k, v []byte) error {
	b, err := w.room(t, len(k)+len(v))
	if err != nil {
		return err
	}
	return b.Put(k, v)
}

// del deletes k from t, committing first as put does.
func (w *chunkWriter) del(t *target, k []byte) error {
	b, err := w.room(t, len(k))
	if err != nil {
		return err
	}
	return b.Delete(k)
}

// room commits first if the transaction would hold more than
// rewriteChunk bytes with n more, and returns t's bucket in it.
func (w *chunkWriter) room(t *target, n int) (*bolt.Bucket, error) {
	if w.size+n > rewriteChunk {
		if err := w.tx.Commit(); err != nil {
			return nil, err
		}
		var err error
		if w.tx, err = w.db.Begin(true); err != nil {
			return nil, err
		}
		w.size = 0
		w.gen++
	}
	w.size += n
	if t.b == nil || t.gen != w.gen {
		var err error
		if t.b, err = w.at(t.path); err != nil {
			return nil, err
		}
		if t.fill != 0 {
			t.b.FillPercent = t.fill
		}
		t.gen = w.gen
	}
	return t.b, nil
}

// ref returns the stored form by reference of a projection at path that
// may be kept so but is stored in full, compressed or not (a file of
// schema 4 or older; a person in a file of schema 5 or older), a
// reference in its bare form where it may be (schema 5 wrote the key
// its id implies), or nil.
func (w *rewriter) ref(path [][]byte, k, v []byte) []byte {
	if len(path) != 2 || !bytes.Equal(path[0], bState) || !refKind(string(path[1])) || len(v) == 0 {
		return nil
	}
	if isRef(v) {
		return refValue(string(k), refKey(string(k), v)) // bare where it may be (schema 6)
	}
	if v[0] != tagPacked && v[0] != tagDictState {
		return nil // schema 1's JSON: the upgrade's own rewrite
	}
	keys := listKeys(w.src, string(k))
	if len(keys) != 1 {
		return nil // none, or more than one event
	}
	evk := listedKey(keys[0])
	if !soleRef(string(k), 1, w.src.Bucket(bEvents).Get(evk)) {
		return nil
	}
	return refValue(string(k), evk)
}

// upgradeValue returns the schema-2 form of a schema-1 value at path.
func upgradeValue(path [][]byte, k, v []byte) ([]byte, error) {
	switch {
	case len(path) == 1 && bytes.Equal(path[0], bEvents) && len(v) > 0 && v[0] == '{':
		e, err := decodeEvent(v)
		if err != nil {
			return nil, fmt.Errorf("%w: event %q: %v", ErrCorrupt, k, err)
		}
		return encodeEvent(&e), nil
	case len(path) == 2 && bytes.Equal(path[0], bState) && len(v) > 0 && v[0] == '{':
		return packJSON([]byte{tagPacked}, v), nil
	case len(path) == 1 && bytes.Equal(path[0], bMeta) && string(k) == "schema":
		return []byte("2"), nil
	}
	return append([]byte(nil), v...), nil
}

// Compact rewrites the file without its free pages, every bucket full
// (rewriteFile), every event compressed under the file's dictionary
// (zdict.go; trained first if the file has grown enough for one), and
// renames the copy over it: after a rebuild, which
// frees the pages of every projection and index at once, the file would
// otherwise keep its size and write a large free list at each commit.
// The copy is synced before the rename, and a crash before it leaves the
// file as it was. The file is closed and opened again; reads started
// meanwhile wait and run on the new one (fileDB).
func (s *Store) Compact() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ensureDict()
	return diskErr(s.replaceFile(compactSuffix, func(tmp string) error { return rewriteFile(s.db.get(), tmp, false) }))
}

// The copies of the data file that are written beside it and renamed
// over it, by their suffix; the sort's runs of a rebuild are named after
// its copy. What a process killed part-way leaves of them, the next open
// removes (removeLeftovers).
const (
	compactSuffix = ".compact"
	rebuildSuffix = ".rebuild"
	upgradeSuffix = ".upgrade"
	importSuffix  = ".import"
	runsSuffix    = ".sort-"
)

// replaceFile writes a copy of the data file with write, at the data
// file's path and suffix, and renames it over the data file (swapIn).
// From the moment the copy is begun to the rename, every write to the
// file waits (holdWrites): it would be lost with the old file. A failure
// removes the copy and leaves the file as it was, and is returned as
// write said it. s.mu is held.
func (s *Store) replaceFile(suffix string, write func(tmp string) error) error {
	removeLeftovers(s.path) // of a copy a killed process was writing
	tmp := s.path + suffix
	defer s.db.holdWrites()()
	if err := write(tmp); err != nil {
		if !errors.Is(err, errCrashed) { // a test's stand-in for dying: the copy stays
			os.Remove(tmp)
		}
		return err
	}
	return s.swapIn(tmp)
}

// swapIn renames tmp, a rewrite of the data file synced to disk, over
// it, and opens it again; reads started meanwhile wait and run on the
// new file (fileDB). s.mu is held.
func (s *Store) swapIn(tmp string) error {
	var err error
	oerr := s.db.replace(func() (*bolt.DB, error) {
		err = os.Rename(tmp, s.path)
		if err != nil {
			os.Remove(tmp)
		} else {
			syncDir(filepath.Dir(s.path))
		}
		return bolt.Open(s.path, 0o600, s.bo)
	})
	if oerr != nil {
		return userErr(oerr, "Không mở lại được tệp dữ liệu "+s.path+": "+oerr.Error(), "Cannot reopen the data file "+s.path+": "+oerr.Error())
	}
	s.dropCaches()
	if err != nil {
		return diskErr(err)
	}
	return nil
}
