package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
)

// Checking a data file before bbolt maps it. bbolt maps the size its
// header records; a file cut short (a failed copy to a USB stick) is then
// read past its end and the process dies with SIGBUS, beyond any recover.
// So Open reads the two meta pages itself first: the marker, the format
// version, each page's checksum, and that the file is as long as the
// newest valid page says. Anything wrong is one sentence and a way out.

// ErrEmptyFile is a data file of zero bytes.
var ErrEmptyFile = errors.New("store: the data file is empty")

// bbolt's meta page, after its 16-byte page header: magic, version, page
// size, flags, root bucket (root page, sequence), freelist page, high
// water mark (page count), transaction id, checksum (FNV-64a of what
// precedes it). Integers are little-endian on every platform we build.
const (
	boltMagic   = 0xED0CDAED
	boltVersion = 2
	metaOffset  = 16
	metaSumLen  = 56
	metaLen     = 64
)

type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64
	txid     uint64
	problem  string // "" when the page is valid
}

func parseMeta(b []byte) boltMeta {
	var m boltMeta
	if len(b) < metaOffset+metaLen {
		m.problem = "short"
		return m
	}
	p := b[metaOffset : metaOffset+metaLen]
	le := binary.LittleEndian
	switch {
	case le.Uint32(p[0:]) != boltMagic:
		m.problem = "magic"
		return m
	case le.Uint32(p[4:]) != boltVersion:
		m.problem = "version"
		return m
	}
	h := fnv.New64a()
	h.Write(p[:metaSumLen])
	if h.Sum64() != le.Uint64(p[metaSumLen:]) {
		m.problem = "checksum"
		return m
	}
	m.pageSize = le.Uint32(p[8:])
	m.root = le.Uint64(p[16:])
	m.freelist = le.Uint64(p[32:])
	m.pgid = le.Uint64(p[40:])
	m.txid = le.Uint64(p[48:])
	switch {
	case m.pageSize < 512 || m.pageSize > 1<<24 || m.pageSize&(m.pageSize-1) != 0:
		m.problem = "page size"
	case m.pgid < 4 || m.root < 2 || m.root >= m.pgid || (m.freelist != ^uint64(0) && (m.freelist < 2 || m.freelist >= m.pgid)):
		m.problem = "pages"
	}
	return m
}

// ValidateFile checks the data file at path as Open does before mapping
// it: nil when bbolt may safely map it (or there is no file yet),
// otherwise a *model.Msg saying what is wrong and what to do.
func ValidateFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return osErr(err, path)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return osErr(err, path)
	}
	if fi.IsDir() {
		return folderErr(path)
	}
	size := fi.Size()
	if size == 0 {
		return userErr(ErrEmptyFile,
			"Tệp "+path+" trống (0 byte): không có dữ liệu nào trong đó. Nếu đây là bản sao chép bị lỗi, hãy dùng tệp gốc hoặc một bản sao lưu; nếu muốn lập đơn vị mới, hãy xóa tệp này rồi chạy: donthu init",
			"The file "+path+" is empty (0 bytes): it holds no data. If it is a failed copy, use the original or a backup; to set up a new site, delete it and run: donthu init")
	}
	head := make([]byte, 4096)
	n, _ := io.ReadFull(f, head)
	m0 := parseMeta(head[:n])
	// The second meta page sits one page in: the page size comes from the
	// first, or else is tried as bbolt tries it.
	var metas []boltMeta
	if m0.problem == "" {
		metas = append(metas, m0)
		metas = append(metas, readMeta(f, int64(m0.pageSize), size))
	} else {
		for ps := int64(1024); ps <= 1<<24 && ps < size; ps <<= 1 {
			if m := readMeta(f, ps, size); m.problem == "" {
				metas = append(metas, m)
				break
			}
		}
	}
	var best *boltMeta
	for i := range metas {
		if metas[i].problem == "" && (best == nil || metas[i].txid > best.txid) {
			best = &metas[i]
		}
	}
	if best == nil {
		if m0.problem == "magic" && (n < 20 || !looksBolt(head[:n])) {
			return userErr(ErrCorrupt,
				"Tệp "+path+" không phải tệp dữ liệu donthu (có thể là tệp của chương trình khác, hoặc đã hỏng phần đầu). Hãy kiểm tra đường dẫn --db; nếu đúng là tệp dữ liệu bị hỏng, hãy dùng bản sao lưu gần nhất (thư mục backups bên cạnh) hoặc thử: donthu salvage "+path+" -o TỆP_MỚI",
				"The file "+path+" is not a donthu data file (another program's file, or its start is damaged). Check the --db path; if it is a damaged data file, use the newest backup (the backups folder beside it) or try: donthu salvage "+path+" -o NEW_FILE")
		}
		if m0.problem == "version" {
			return userErr(ErrCorrupt,
				"Tệp "+path+" được ghi bằng định dạng bbolt khác mà bản donthu này không đọc được. Hãy cập nhật donthu.",
				"The file "+path+" uses a bbolt format this donthu cannot read. Update donthu.")
		}
		return userErr(ErrCorrupt,
			"Tệp "+path+" không phải tệp dữ liệu donthu hoặc phần đầu đã hỏng (cả hai trang mô tả đều sai). Hãy khôi phục bản sao lưu gần nhất (thư mục backups bên cạnh), hoặc cứu dữ liệu: donthu salvage "+path+" -o TỆP_MỚI",
			"The file "+path+" is not a donthu data file, or its header is damaged (both meta pages are wrong). Restore the newest backup (the backups folder beside it), or recover what is intact: donthu salvage "+path+" -o NEW_FILE")
	}
	for _, m := range metas {
		if m.problem != "" {
			continue
		}
		if want := int64(m.pgid) * int64(m.pageSize); want > size {
			return userErr(ErrCorrupt,
				fmt.Sprintf("Tệp %s bị cắt cụt: dài %s nhưng phải dài ít nhất %s (một lần chép dở dang?). Hãy dùng tệp gốc hoặc bản sao lưu gần nhất (thư mục backups bên cạnh), hoặc cứu những gì còn nguyên: donthu salvage %s -o TỆP_MỚI",
					path, byteSize(size), byteSize(want), path),
				fmt.Sprintf("The file %s is cut short: it is %s but must be at least %s (an unfinished copy?). Use the original or the newest backup (the backups folder beside it), or recover what is intact: donthu salvage %s -o NEW_FILE",
					path, byteSize(size), byteSize(want), path))
		}
	}
	return nil
}

func readMeta(f *os.File, off, size int64) boltMeta {
	if off+metaOffset+metaLen > size {
		return boltMeta{problem: "short"}
	}
	b := make([]byte, metaOffset+metaLen)
	if _, err := f.ReadAt(b, off); err != nil {
		return boltMeta{problem: "short"}
	}
	return parseMeta(b)
}

// looksBolt: the first page carries bbolt's meta page flag (0x04), so a
// damaged header is told apart from another program's file.
func looksBolt(b []byte) bool {
	return len(b) >= 16 && binary.LittleEndian.Uint16(b[8:]) == 0x04
}

func byteSize(n int64) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}

func folderErr(path string) error {
	return userErr(ErrNotFound,
		path+" là một thư mục, không phải tệp dữ liệu. Hãy chỉ tới tệp bên trong, ví dụ: --db "+path+string(os.PathSeparator)+"donthu.db",
		path+" is a folder, not a data file. Name the file inside it, for example: --db "+path+string(os.PathSeparator)+"donthu.db")
}

// Guard turns a panic or a memory fault while reading a damaged file into
// a *model.Msg wrapping ErrCorrupt with the way out, at the boundary of
// any command that reads the file:
//
//	defer store.Guard(&err, path)()
func Guard(err *error, path string) func() {
	old := debug.SetPanicOnFault(true)
	return func() {
		debug.SetPanicOnFault(old)
		if r := recover(); r != nil {
			*err = Damaged(path, r)
		}
	}
}

// Damaged is what a recovered panic r while reading the file at path
// becomes, for callers that recover themselves (the interface).
func Damaged(path string, r any) error {
	return userErr(fmt.Errorf("%w: %v", ErrCorrupt, r),
		fmt.Sprintf("Tệp %s bị hỏng bên trong (%v), nên không đọc được đến cùng. Hãy khôi phục bản sao lưu gần nhất (thư mục backups bên cạnh), hoặc cứu những gì còn nguyên: donthu salvage %s -o TỆP_MỚI", path, short(r), path),
		fmt.Sprintf("The file %s is damaged inside (%v), so it cannot be read through. Restore the newest backup (the backups folder beside it), or recover what is intact: donthu salvage %s -o NEW_FILE", path, short(r), path))
}

// short keeps the first line of a panic value: the sentence is for a
// person, not a stack trace.
func short(r any) string {
	s := fmt.Sprint(r)
	for i, c := range s {
		if c == '\n' || i > 120 {
			return s[:i]
		}
	}
	return s
}

// structureProblems walks bbolt's tree in the file itself, from the
// newest valid meta page, and says where a page or an element points
// outside the file or its page, or where a page is reached twice: on a
// tree that passes, bbolt's reads can neither fault nor loop. bbolt's
// own Check reads the map in a goroutine of its own, where a bad offset
// faults beyond any recover: Check runs it only on a tree that passed
// this walk.
func structureProblems(path string) []string {
	f, err := os.Open(path)
	if err != nil {
		return []string{err.Error()}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return []string{err.Error()}
	}
	size := fi.Size()
	head := make([]byte, metaOffset+metaLen)
	if _, err := f.ReadAt(head, 0); err != nil {
		return []string{"meta: " + err.Error()}
	}
	var best boltMeta
	for i, m := range []boltMeta{parseMeta(head), {}} {
		if i == 1 && best.pageSize != 0 {
			m = readMeta(f, int64(best.pageSize), size)
		} else if i == 1 {
			continue
		}
		if m.problem == "" && m.txid >= best.txid {
			best = m
		}
	}
	if best.pageSize == 0 {
		return []string{"no valid meta page"}
	}
	ps, hwm := int64(best.pageSize), best.pgid
	var out []string
	bad := func(format string, a ...any) bool {
		out = append(out, fmt.Sprintf(format, a...))
		return len(out) < 20
	}
	// Each page is copied into room kept for its depth in the tree (a
	// branch's page is read on while its children are). The walk reads
	// every page of the file, 80,000 of them at an office, and nine in
	// ten follow the page before within sixteen: the file is read
	// sixteen pages at a time (win), where a read a page took 0.12 s
	// of each check, alone on one core, before its passes could begin.
	var rooms [][]byte
	depth := 0
	win, winAt, winN := make([]byte, 16*ps), uint64(0), int64(0)
	page := func(id uint64) []byte {
		if id >= hwm || int64(id+1)*ps > size {
			return nil
		}
		for len(rooms) <= depth {
			rooms = append(rooms, make([]byte, ps))
		}
		b := rooms[depth][:ps]
		if id < winAt || int64(id-winAt) >= winN {
			n, err := f.ReadAt(win, int64(id)*ps)
			if err != nil && err != io.EOF {
				winN = 0
				return nil
			}
			winAt, winN = id, int64(n)/ps
			if winN == 0 {
				return nil
			}
		}
		copy(b, win[int64(id-winAt)*ps:])
		n := int64(binary.LittleEndian.Uint32(b[12:])) + 1
		if id+uint64(n) > hwm {
			return b[:0]
		}
		if n > 1 {
			if int64(cap(b)) < n*ps {
				b = make([]byte, n*ps)
				copy(b, rooms[depth][:ps])
				rooms[depth] = b
			}
			b = b[:n*ps]
			if _, err := f.ReadAt(b[ps:], int64(id+1)*ps); err != nil {
				return b[:0]
			}
		}
		return b
	}
	seen := map[uint64]bool{}
	var walk func(id uint64, p []byte) bool
	walk = func(id uint64, p []byte) bool {
		if len(p) < pageHeader {
			return bad("page %d: outside the file", id)
		}
		depth++
		defer func() { depth-- }()
		flags := binary.LittleEndian.Uint16(p[8:])
		count := int(binary.LittleEndian.Uint16(p[10:]))
		if pageHeader+count*leafElemSize > len(p) {
			return bad("page %d: %d elements do not fit", id, count)
		}
		for i := 0; i < count; i++ {
			e := pageHeader + i*leafElemSize
			pos := int64(binary.LittleEndian.Uint32(p[e+4:]))
			ks := int64(binary.LittleEndian.Uint32(p[e+8:]))
			switch {
			case flags&pageBranch != 0:
				child := binary.LittleEndian.Uint64(p[e+8:])
				ks = int64(binary.LittleEndian.Uint32(p[e+4:]))
				pos = int64(binary.LittleEndian.Uint32(p[e:]))
				if int64(e)+pos+ks > int64(len(p)) {
					return bad("page %d: key %d outside the page", id, i)
				}
				if !visit(child, seen, page, walk, bad) {
					return false
				}
			case flags&pageLeaf != 0:
				vs := int64(binary.LittleEndian.Uint32(p[e+12:]))
				if int64(e)+pos+ks+vs > int64(len(p)) {
					return bad("page %d: element %d outside the page", id, i)
				}
				if binary.LittleEndian.Uint32(p[e:])&bucketLeaf == 0 {
					continue
				}
				v := p[int64(e)+pos+ks : int64(e)+pos+ks+vs]
				if len(v) < 16 {
					return bad("page %d: bucket %d has no header", id, i)
				}
				if root := binary.LittleEndian.Uint64(v); root == 0 {
					if !walk(id, v[16:]) {
						return false
					}
				} else if !visit(root, seen, page, walk, bad) {
					return false
				}
			default:
				return bad("page %d: not a tree page (flags %#x)", id, flags)
			}
		}
		return true
	}
	visit(best.root, seen, page, walk, bad)
	if best.freelist != ^uint64(0) {
		p := page(best.freelist)
		if len(p) < pageHeader {
			bad("freelist page %d: outside the file", best.freelist)
		} else {
			n := int64(binary.LittleEndian.Uint16(p[10:]))
			off := int64(pageHeader)
			if n == 0xFFFF && len(p) >= pageHeader+8 {
				n = int64(binary.LittleEndian.Uint64(p[pageHeader:]))
				off += 8
			}
			if n < 0 || off+n*8 > int64(len(p)) {
				bad("freelist page %d: %d entries do not fit", best.freelist, n)
			}
		}
	}
	return out
}

func visit(id uint64, seen map[uint64]bool, page func(uint64) []byte, walk func(uint64, []byte) bool, bad func(string, ...any) bool) bool {
	if seen[id] {
		// Each page has one parent: a page reached twice is a loop, or
		// two trees sharing what one of them will overwrite.
		return bad("page %d: reached twice", id)
	}
	seen[id] = true
	p := page(id)
	if p == nil {
		return bad("page %d: beyond the end of the file", id)
	}
	return walk(id, p)
}
