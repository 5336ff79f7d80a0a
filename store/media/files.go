package media

import (
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"donthu/model"
	"donthu/store/bundle"
)

// BundleExt is the extension the back end gives bundle files (".age").
var BundleExt = filepath.Ext(bundle.FileName("AA", "BB", time.Time{}, 1))

// nameRE matches the standard name of a bundle (bundle.FileName).
var nameRE = regexp.MustCompile(`^donthu-([A-Z][A-Z0-9]{1,11})-to-([A-Z][A-Z0-9]{1,11})-(\d{4})-(\d{2})-(\d{2})-(\d+)` + regexp.QuoteMeta(BundleExt) + `$`)

// Skip says why a bundle file is left alone.
type Skip int

const (
	SkipNone  Skip = iota
	SkipOwn        // written by this site, for another
	SkipOther      // named as addressed to another site
)

// File is a file of a folder that looks like a bundle.
type File struct {
	Path   string
	Name   string
	From   string // from the standard name; "" if the name is not standard
	To     string
	Number uint64
	Skip   Skip
}

// ParseName reads who sent a bundle to whom and its number from its
// standard name; ok is false for any other name. It accepts a name only if
// bundle.FileName gives it back, so it follows the back end's format.
func ParseName(name string) (from, to string, number uint64, ok bool) {
	m := nameRE.FindStringSubmatch(name)
	if m == nil {
		return "", "", 0, false
	}
	y, _ := strconv.Atoi(m[3])
	mo, _ := strconv.Atoi(m[4])
	d, _ := strconv.Atoi(m[5])
	n, err := strconv.ParseUint(m[6], 10, 64)
	if err != nil || n == 0 {
		return "", "", 0, false
	}
	day := time.Date(y, time.Month(mo), d, 12, 0, 0, 0, model.VN)
	if bundle.FileName(m[1], m[2], day, n) != name {
		return "", "", 0, false
	}
	return m[1], m[2], n, true
}

// BundleFiles picks the bundle files among a folder's entries, for site:
// by extension (any case), hidden files and temporary ones left out. A
// file whose name says this site wrote it, or that it is for another
// site, is marked to skip. The order is the import order: by sender and
// receiver, the oldest number first; files with other names last, by
// name.
func BundleFiles(dir string, names []string, site string) []File {
	var out []File
	for _, n := range names {
		if strings.HasPrefix(n, ".") || !strings.EqualFold(filepath.Ext(n), BundleExt) {
			continue
		}
		f := File{Path: filepath.Join(dir, n), Name: n}
		if from, to, num, ok := ParseName(n); ok {
			f.From, f.To, f.Number = from, to, num
			switch {
			case from == site:
				f.Skip = SkipOwn
			case to != site:
				f.Skip = SkipOther
			}
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.From == "") != (b.From == "") {
			return a.From != ""
		}
		if a.From != b.From {
			return a.From < b.From
		}
		if a.To != b.To {
			return a.To < b.To
		}
		if a.Number != b.Number {
			return a.Number < b.Number
		}
		return a.Name < b.Name
	})
	return out
}

// ToImport counts the files that will be tried.
func ToImport(fs []File) int {
	n := 0
	for _, f := range fs {
		if f.Skip == SkipNone {
			n++
		}
	}
	return n
}
