package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"slices"
	"sync"
)

// A bulk file is a new bbolt file written page by page, as bbolt lays
// out its own, by a writer that is given every bucket's keys in order:
// a rebuild, a compaction, a schema step. bbolt's Put searches the tree
// from its root for every key and splits nodes at commit; filling a new
// file with it took a rebuild of an office's decade 1.2 s of CPU on its
// one writing goroutine, for 4 million keys. Here each key is copied
// once into the page being filled, a full page is written out and its
// first key goes up to the branch page above it, so that every page is
// full and written once, in order. The file's two meta pages and its
// (empty) free list are written last: a file cut short, by a crash or a
// full disk, is not a bbolt file at all, and the caller removes it.
//
// The format is bbolt's (v1, version 2; go.etcd.io/bbolt's
// internal/common, page.go, meta.go, bucket.go), little-endian (bbolt writes the
// machine's order; every platform we build is little-endian): a page is a 16-byte header (id, flags,
// count, overflow) and count 16-byte elements, each with the offset of
// its key from itself, then the keys and values. A nested bucket is a
// leaf element flagged as a bucket whose value is its root page and
// sequence. Tests hold the result to bbolt's own check and reads
// (bulkfile_internal_test.go). See docs/architecture.md, "Check and
// rebuild".

// The page flags salvage.go does not read (it names the others), and
// where the first page of a bucket goes.
const (
	pageMeta      = 0x04
	pageFreelist  = 0x10
	bulkFirstPage = 3 // 0 and 1: the meta pages; 2: the free list
)

var order = binary.LittleEndian // as validate.go reads it

// Its buckets may be written by different goroutines, one bucket (and
// those nested in it) each; the pages go out one at a time (mu).
type bulkFile struct {
	mu       sync.Mutex
	f        *os.File
	w        *bufio.Writer
	pageSize int
	next     uint64 // the id of the next page written
	page     []byte // room to lay a page out
	root     *bulkBucket
	err      error // the first write that failed; every later one is not tried
	// The pages written go to the disk while the rest are laid out:
	// every writebackStep bytes from wbSent on are handed to wb.
	wb     *writeback
	wbSent int64
}

// endWriteback ends wb once every page is written.
func (f *bulkFile) endWriteback() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.wb.end()
}

// writebackStep is how much is written before it is handed to the disk
// (a variable for the tests, which hand over every page).
var writebackStep int64 = 8 << 20

// createBulk creates a bulk file at path (emptied if it is there).
func createBulk(path string) (*bulkFile, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return nil, err
	}
	// The page size bbolt.Open gives a new file: the file is opened
	// afterwards with no other.
	ps := os.Getpagesize()
	if _, err := f.Seek(int64(bulkFirstPage*ps), io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	b := &bulkFile{f: f, w: bufio.NewWriterSize(f, 1<<20), pageSize: ps, next: bulkFirstPage, wb: newWriteback(f)}
	b.root = &bulkBucket{file: b}
	return b, nil
}

// finish writes what the buckets still hold, the free list and the meta
// pages, and syncs the file; with err (the copy failed) it only closes
// it. Either way, a panic in seal too, the file is closed.
func (f *bulkFile) finish(err error) (ferr error) {
	defer func() {
		f.endWriteback()
		if cerr := f.f.Close(); ferr == nil {
			ferr = cerr
		}
	}()
	if err == nil {
		err = f.seal()
	}
	return err
}

func (f *bulkFile) seal() error {
	root, err := f.root.finishPages(false) // the file's root is a page
	if err != nil {
		return err
	}
	if err := f.w.Flush(); err != nil {
		return err
	}
	f.endWriteback()
	ps := f.pageSize
	head := make([]byte, bulkFirstPage*ps)
	for id := range 2 {
		p := head[id*ps:]
		putPageHeader(p, uint64(id), pageMeta, 0, 0)
		m := p[metaOffset:]
		order.PutUint32(m[0:], boltMagic)
		order.PutUint32(m[4:], boltVersion)
		order.PutUint32(m[8:], uint32(ps))
		order.PutUint32(m[12:], 0)          // flags
		order.PutUint64(m[16:], root)       // the root bucket: its page,
		order.PutUint64(m[24:], 0)          // and its sequence
		order.PutUint64(m[32:], 2)          // the free list's page
		order.PutUint64(m[40:], f.next)     // the pages in the file
		order.PutUint64(m[48:], uint64(id)) // the transaction (0 and 1, as bbolt's own new file)
		h := fnv.New64a()
		h.Write(m[:metaSumLen])
		order.PutUint64(m[metaSumLen:], h.Sum64())
	}
	putPageHeader(head[2*ps:], 2, pageFreelist, 0, 0) // nothing free
	if _, err := f.f.WriteAt(head, 0); err != nil {
		return err
	}
	return f.f.Sync()
}

func putPageHeader(p []byte, id uint64, flags uint16, count uint16, overflow uint32) {
	order.PutUint64(p[0:], id)
	order.PutUint16(p[8:], flags)
	order.PutUint16(p[10:], count)
	order.PutUint32(p[12:], overflow)
}

// write writes the page a level holds, and returns its id.
func (f *bulkFile) write(leaf bool, l *bulkLevel) (uint64, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return 0, f.err
	}
	size := max(l.size(), 1)
	pages := (size + f.pageSize - 1) / f.pageSize
	if cap(f.page) < pages*f.pageSize {
		f.page = make([]byte, pages*f.pageSize)
	}
	p := f.page[:pages*f.pageSize]
	clear(p)
	if err := layout(p, f.next, uint32(pages-1), leaf, l); err != nil {
		return 0, err
	}
	if _, err := f.w.Write(p); err != nil {
		f.err = err
		return 0, err
	}
	id := f.next
	f.next += uint64(pages)
	if written := int64(f.next)*int64(f.pageSize) - int64(f.w.Buffered()); written-f.wbSent >= writebackStep && f.wb.hand(f.wbSent, written-f.wbSent) {
		f.wbSent = written
	}
	return id, nil
}

// layout lays out in p (zeroed, of l.size() bytes at least) the page id,
// with overflow pages after it, that a level holds.
func layout(p []byte, id uint64, overflow uint32, leaf bool, l *bulkLevel) error {
	n := len(l.elems)
	if n >= 0xFFFF {
		return fmt.Errorf("store: %d entries in one page", n)
	}
	flags := uint16(pageBranch)
	if leaf {
		flags = pageLeaf
	}
	putPageHeader(p, id, flags, uint16(n), overflow)
	off := pageHeader + n*leafElemSize
	for i, e := range l.elems {
		at := pageHeader + i*leafElemSize
		el := p[at:]
		if leaf {
			order.PutUint32(el[0:], e.flags)
			order.PutUint32(el[4:], uint32(off-at))
			order.PutUint32(el[8:], e.ksize)
			order.PutUint32(el[12:], e.vsize)
		} else {
			order.PutUint32(el[0:], uint32(off-at))
			order.PutUint32(el[4:], e.ksize)
			order.PutUint64(el[8:], e.pgid)
		}
		off += int(e.ksize + e.vsize)
	}
	copy(p[pageHeader+n*leafElemSize:], l.data)
	return nil
}

// A bulkBucket is a bucket of a bulk file being written: the page being
// filled at each level of its tree (0: the leaves), and its nested
// buckets not yet placed among its keys.
type bulkBucket struct {
	file   *bulkFile
	seq    uint64
	levels []*bulkLevel
	last   []byte // the last key put; nil: none yet
	open   []bulkChild
	nested bool // a nested bucket is among its keys
	done   bool
}

type bulkChild struct {
	name []byte
	b    *bulkBucket
}

type bulkLevel struct {
	elems []bulkElemAt
	data  []byte // the keys and values, in order
}

type bulkElemAt struct {
	flags        uint32
	ksize, vsize uint32
	pgid         uint64 // a branch's: the page below
}

func (l *bulkLevel) size() int { return pageHeader + leafElemSize*len(l.elems) + len(l.data) }

var errBulkOrder = errors.New("store: a rewrite put keys out of order")

// put puts k and v (copied), k after every key put before.
func (b *bulkBucket) put(k, v []byte) error {
	if err := b.placeBefore(k); err != nil {
		return err
	}
	return b.putAfter(0, k, v)
}

// putAfter puts an entry with flags, after checking its order.
func (b *bulkBucket) putAfter(flags uint32, k, v []byte) error {
	if b.done {
		return errors.New("store: a rewrite put into a bucket it had finished")
	}
	if len(k) == 0 || b.last != nil && bytes.Compare(k, b.last) <= 0 {
		return fmt.Errorf("%w: %q after %q", errBulkOrder, k, b.last)
	}
	if err := b.add(0, flags, k, v, 0); err != nil {
		return err
	}
	b.last = append(b.last[:0], k...)
	return nil
}

// bucket returns a new bucket nested in b under name, which it takes
// its place among b's keys when b is finished or a key after name is
// put into b (it is finished then: nothing is put into it after).
func (b *bulkBucket) bucket(name []byte) (*bulkBucket, error) {
	if len(name) == 0 || b.last != nil && bytes.Compare(name, b.last) <= 0 {
		return nil, fmt.Errorf("%w: bucket %q after %q", errBulkOrder, name, b.last)
	}
	i, found := slices.BinarySearchFunc(b.open, name, func(c bulkChild, n []byte) int { return bytes.Compare(c.name, n) })
	if found {
		return nil, fmt.Errorf("store: a rewrite made bucket %q twice", name)
	}
	c := &bulkBucket{file: b.file}
	b.open = slices.Insert(b.open, i, bulkChild{bytes.Clone(name), c})
	return c, nil
}

// placeBefore finishes and places the nested buckets named before k
// (all: nil).
func (b *bulkBucket) placeBefore(k []byte) error {
	for len(b.open) > 0 && (k == nil || bytes.Compare(b.open[0].name, k) <= 0) {
		c := b.open[0]
		b.open = b.open[1:]
		v, err := c.b.finish()
		if err != nil {
			return err
		}
		if err := b.putAfter(bucketLeaf, c.name, v); err != nil {
			return err
		}
		b.nested = true
	}
	return nil
}

// finish places b's nested buckets and writes out its pages. It returns
// the value its parent keeps for it: its root page and sequence, and, if
// it is one leaf of no nested bucket within a quarter of a page, that
// leaf, as bbolt keeps a small bucket inline (its root page then 0).
func (b *bulkBucket) finish() ([]byte, error) {
	root, err := b.finishPages(true)
	if err != nil {
		return nil, err
	}
	v := make([]byte, 16)
	order.PutUint64(v[0:], root)
	order.PutUint64(v[8:], b.seq)
	if root == 0 {
		l := b.levels[0]
		v = append(v, make([]byte, l.size())...)
		if err := layout(v[16:], 0, 0, true, l); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// finishPages places b's nested buckets, writes out its pages and
// returns the id of its root page; with inline, 0 for a bucket small
// enough to be kept inline (finish), whose leaf is left unwritten.
func (b *bulkBucket) finishPages(inline bool) (uint64, error) {
	if err := b.placeBefore(nil); err != nil {
		return 0, err
	}
	b.done = true
	if len(b.levels) == 0 {
		b.levels = append(b.levels, &bulkLevel{}) // empty: one empty leaf
	}
	if inline && len(b.levels) == 1 && !b.nested && b.levels[0].size() <= b.file.pageSize/4 {
		return 0, nil
	}
	for lvl := 0; ; lvl++ {
		if lvl == len(b.levels)-1 {
			// The top level's page is the root: nothing above it was
			// ever written, so it holds all the tree below.
			return b.file.write(lvl == 0, b.levels[lvl])
		}
		if len(b.levels[lvl].elems) > 0 {
			if err := b.flush(lvl); err != nil {
				return 0, err
			}
		}
	}
}

// add adds an element to the page filled at level lvl, writing that page
// out first if the element would not fit in it.
func (b *bulkBucket) add(lvl int, flags uint32, k, v []byte, pgid uint64) error {
	if lvl == len(b.levels) {
		b.levels = append(b.levels, &bulkLevel{})
	}
	l := b.levels[lvl]
	if len(l.elems) > 0 && l.size()+leafElemSize+len(k)+len(v) > b.file.pageSize {
		if err := b.flush(lvl); err != nil {
			return err
		}
	}
	l.elems = append(l.elems, bulkElemAt{flags: flags, ksize: uint32(len(k)), vsize: uint32(len(v)), pgid: pgid})
	l.data = append(append(l.data, k...), v...)
	return nil
}

// flush writes out the page filled at level lvl, and adds it to the
// level above.
func (b *bulkBucket) flush(lvl int) error {
	l := b.levels[lvl]
	id, err := b.file.write(lvl == 0, l)
	if err != nil {
		return err
	}
	first := l.data[:l.elems[0].ksize]
	if err := b.add(lvl+1, 0, first, nil, id); err != nil {
		return err
	}
	l.elems, l.data = l.elems[:0], l.data[:0]
	return nil
}
