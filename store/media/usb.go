package media

import (
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// FS is what finding USB sticks needs of the file system, so that the
// search is a pure function tested for Windows and Linux on any machine.
type FS struct {
	// IsDir reports whether path is an existing folder.
	IsDir func(path string) bool
	// ReadDir returns the names of the entries of a folder.
	ReadDir func(path string) ([]string, error)
}

// OSFS is the real file system.
var OSFS = FS{
	IsDir: func(path string) bool {
		fi, err := os.Stat(path)
		return err == nil && fi.IsDir()
	},
	ReadDir: func(path string) ([]string, error) {
		es, err := os.ReadDir(path)
		names := make([]string, 0, len(es))
		for _, e := range es {
			names = append(names, e.Name())
		}
		return names, err
	},
}

// USBRoots returns the folders where a USB stick is likely mounted, in a
// stable order:
//
//   - windows: the drive letters D:\ to Z:\ that exist (C: is the system
//     disk; A: and B: are floppies);
//   - linux and the BSDs: the folders under /media/$USER, /run/media/$USER
//     (udisks on most desktops) and /mnt;
//   - darwin: the folders under /Volumes.
//
// user is the login of the person ($USER); without one, /media/$USER and
// /run/media/$USER are skipped.
func USBRoots(goos, user string, fs FS) []string {
	var out []string
	switch goos {
	case "windows":
		for l := 'D'; l <= 'Z'; l++ {
			if p := string(l) + `:\`; fs.IsDir(p) {
				out = append(out, p)
			}
		}
		return out
	case "darwin":
		return subfolders(fs, "/Volumes", "Macintosh HD")
	}
	var bases []string
	if user != "" && !strings.ContainsAny(user, `/\`) {
		bases = append(bases, "/media/"+user, "/run/media/"+user)
	}
	bases = append(bases, "/mnt")
	for _, b := range bases {
		out = append(out, subfolders(fs, b)...)
	}
	return out
}

// subfolders lists the folders in base, by name, skipping hidden ones and
// those named in skip.
func subfolders(fs FS, base string, skip ...string) []string {
	names, err := fs.ReadDir(base)
	if err != nil {
		return nil
	}
	sort.Strings(names)
	var out []string
	for _, n := range names {
		if n == "" || strings.HasPrefix(n, ".") || contains(skip, n) {
			continue
		}
		if p := base + "/" + n; fs.IsDir(p) {
			out = append(out, p)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, s := range xs {
		if s == x {
			return true
		}
	}
	return false
}

// BundleFolder is the folder bundles go to on a stick mounted at root:
// root's "donthu" folder, so that the stick's other files stay apart.
func BundleFolder(root string) string { return join(root, "donthu") }

// join appends name to a folder path, with the separator that path uses
// (a drive letter or a backslash means Windows), whatever this machine is.
func join(dir, name string) string {
	if strings.HasSuffix(dir, `\`) || strings.HasSuffix(dir, "/") {
		return dir + name
	}
	sep := "/"
	if strings.Contains(dir, `\`) || (len(dir) == 2 && dir[1] == ':') {
		sep = `\`
	}
	return dir + sep + name
}

// CurrentUser is the login the sticks are mounted under.
func CurrentUser() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return os.Getenv("USERNAME")
}

// FolderOption is a folder offered when choosing where bundles go or come
// from.
type FolderOption struct {
	Path       string // the folder itself
	Root       string // the stick it is on ("" for the remembered folder)
	Remembered bool
	Exists     bool // the folder is there (a stick's may be made on export)
}

// FolderOptions lists the folders to offer: the one used last time first,
// then each stick's bundle folder. For an import, a stick without a
// donthu folder is offered as it is (bundles may sit at its top).
func FolderOptions(remembered string, roots []string, export bool, fs FS) []FolderOption {
	var out []FolderOption
	seen := map[string]int{} // folder -> its index in out
	if remembered != "" {
		out = append(out, FolderOption{Path: remembered, Remembered: true, Exists: fs.IsDir(remembered)})
		seen[clean(remembered)] = 0
	}
	for _, r := range roots {
		o := FolderOption{Path: BundleFolder(r), Root: r}
		o.Exists = fs.IsDir(o.Path)
		if !o.Exists && !export {
			o.Path, o.Exists = r, true
		}
		if i, ok := seen[clean(o.Path)]; ok {
			out[i].Root = r // the folder used last time is on this stick
			continue
		}
		seen[clean(o.Path)] = len(out)
		out = append(out, o)
	}
	return out
}

// clean makes two spellings of one folder compare equal.
func clean(p string) string {
	p = strings.TrimRight(p, `/\`)
	if runtime.GOOS == "windows" {
		return strings.ToLower(filepath.Clean(p))
	}
	return filepath.Clean(p)
}
