package media

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"donthu/store/bundle"
)

// fakeFS is a file system of folders and files named by full path.
func fakeFS(dirs []string, files ...string) FS {
	isDir := map[string]bool{}
	for _, d := range dirs {
		isDir[d] = true
	}
	entries := map[string][]string{}
	add := func(p string) {
		i := strings.LastIndexAny(p, `/\`)
		if i <= 0 {
			return
		}
		entries[p[:i]] = append(entries[p[:i]], p[i+1:])
	}
	for _, d := range dirs {
		add(d)
	}
	for _, f := range files {
		add(f)
	}
	return FS{
		IsDir: func(p string) bool { return isDir[p] },
		ReadDir: func(p string) ([]string, error) {
			if !isDir[p] {
				return nil, errors.New("no such folder")
			}
			return entries[p], nil
		},
	}
}

func TestUSBRootsWindows(t *testing.T) {
	// C: is the system disk; A: is a floppy; F: is a card reader with no
	// card (it does not stat).
	fs := fakeFS([]string{`A:\`, `C:\`, `D:\`, `E:\`, `Z:\`})
	got := USBRoots("windows", "lan", fs)
	want := []string{`D:\`, `E:\`, `Z:\`}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("windows roots %q, want %q", got, want)
	}
	if got := BundleFolder(`E:\`); got != `E:\donthu` {
		t.Fatalf("folder on E: %q", got)
	}
	if got := USBRoots("windows", "lan", fakeFS([]string{`C:\`})); len(got) != 0 {
		t.Fatalf("only the system disk: %q", got)
	}
}

func TestUSBRootsLinux(t *testing.T) {
	fs := fakeFS([]string{
		"/media", "/media/lan", "/media/lan/KINGSTON", "/media/lan/.Trash-1000", "/media/lan/A 8GB",
		"/media/hoa", "/media/hoa/SANDISK", // another person's stick
		"/run/media", "/run/media/lan", "/run/media/lan/USB DISK",
		"/mnt", "/mnt/usb",
	}, "/mnt/notes.txt")
	got := USBRoots("linux", "lan", fs)
	want := []string{"/media/lan/A 8GB", "/media/lan/KINGSTON", "/run/media/lan/USB DISK", "/mnt/usb"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("linux roots %q, want %q", got, want)
	}
	if got := BundleFolder("/media/lan/KINGSTON"); got != "/media/lan/KINGSTON/donthu" {
		t.Fatalf("folder on a mounted stick: %q", got)
	}
	// Without a login, or with a strange one, only /mnt is looked at.
	for _, user := range []string{"", "../hoa"} {
		if got := USBRoots("linux", user, fs); !reflect.DeepEqual(got, []string{"/mnt/usb"}) {
			t.Fatalf("user %q: %q", user, got)
		}
	}
	if got := USBRoots("linux", "lan", fakeFS(nil)); len(got) != 0 {
		t.Fatalf("nothing mounted: %q", got)
	}
}

func TestUSBRootsDarwin(t *testing.T) {
	fs := fakeFS([]string{"/Volumes", "/Volumes/Macintosh HD", "/Volumes/KINGSTON"})
	if got := USBRoots("darwin", "lan", fs); !reflect.DeepEqual(got, []string{"/Volumes/KINGSTON"}) {
		t.Fatalf("darwin roots %q", got)
	}
}

func TestFolderOptions(t *testing.T) {
	fs := fakeFS([]string{`D:\`, `E:\`, `E:\donthu`, `F:\`})
	// Export: the folder used last time first, each stick's donthu folder
	// (made when missing), the remembered one not twice.
	got := FolderOptions(`E:\donthu`, []string{`D:\`, `E:\`}, true, fs)
	if len(got) != 2 || !got[0].Remembered || got[0].Path != `E:\donthu` || got[0].Root != `E:\` || got[1].Path != `D:\donthu` || got[1].Exists || got[1].Root != `D:\` {
		t.Fatalf("export options %+v", got)
	}
	// Import: a stick without a donthu folder is offered as it is.
	got = FolderOptions("", []string{`D:\`, `E:\`}, false, fs)
	if len(got) != 2 || got[0].Path != `D:\` || !got[0].Exists || got[1].Path != `E:\donthu` {
		t.Fatalf("import options %+v", got)
	}
}

func TestBundleFilesOrder(t *testing.T) {
	day := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	name := func(from, to string, n uint64) string { return bundle.FileName(from, to, day, n) }
	names := []string{
		name("HN01", "GL07", 10),
		"ghi chú.txt",
		name("HN01", "GL07", 9),
		name("GL07", "HN01", 3), // this site's own, for the office
		name("HN01", "GL08", 4), // for another child
		"ban sao.age",           // renamed: the store decides
		".donthu-bundle-123.part",
		"._" + name("HN01", "GL07", 11), // macOS litter on a FAT stick
		strings.ToUpper(name("AB12", "GL07", 2)),
		name("AB12", "GL07", 1),
	}
	got := BundleFiles("/x", names, "GL07")
	var order []string
	for _, f := range got {
		order = append(order, f.Name)
	}
	want := []string{
		name("AB12", "GL07", 1),
		name("GL07", "HN01", 3),
		name("HN01", "GL07", 9),
		name("HN01", "GL07", 10),
		name("HN01", "GL08", 4),
		"DONTHU-AB12-TO-GL07-2026-03-02-0002.AGE",
		"ban sao.age",
	}
	if !reflect.DeepEqual(order, want) {
		t.Fatalf("order:\n%s\nwant:\n%s", strings.Join(order, "\n"), strings.Join(want, "\n"))
	}
	skips := map[string]Skip{}
	for _, f := range got {
		skips[f.Name] = f.Skip
	}
	if skips[name("GL07", "HN01", 3)] != SkipOwn || skips[name("HN01", "GL08", 4)] != SkipOther || skips["ban sao.age"] != SkipNone || skips[name("HN01", "GL07", 9)] != SkipNone {
		t.Fatalf("skips %v", skips)
	}
	if ToImport(got) != 5 {
		t.Fatalf("to import: %d", ToImport(got))
	}
}

func TestParseNameFollowsTheBackEnd(t *testing.T) {
	n := bundle.FileName("GL07", "HN01", time.Date(2026, 12, 31, 20, 0, 0, 0, time.UTC), 12345)
	from, to, num, ok := ParseName(n)
	if !ok || from != "GL07" || to != "HN01" || num != 12345 {
		t.Fatalf("%s: %s %s %d %v", n, from, to, num, ok)
	}
	for _, bad := range []string{"donthu-GL07-to-HN01-2026-03-02-0000.age", "donthu-GL07-to-HN01-2026-3-2-0001.age", "donthu-GL07-HN01-2026-03-02-0001.age", "x.age"} {
		if _, _, _, ok := ParseName(bad); ok {
			t.Errorf("%s parsed", bad)
		}
	}
}
