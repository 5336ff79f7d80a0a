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
// otherwise a *UserError saying what is wrong and what to do.
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
// a *UserError wrapping ErrCorrupt with the way out, at the boundary of
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
