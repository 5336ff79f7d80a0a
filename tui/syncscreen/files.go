package syncscreen

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

// bundleExt is the extension the back end gives bundle files (".age").
var bundleExt = filepath.Ext(bundle.FileName("AA", "BB", time.Time{}, 1))

// nameRE matches the standard name of a bundle (bundle.FileName).
var nameRE = regexp.MustCompile(`^donthu-([A-Z][A-Z0-9]{1,11})-to-([A-Z][A-Z0-9]{1,11})-(\d{4})-(\d{2})-(\d{2})-(\d+)` + regexp.QuoteMeta(bundleExt) + `$`)

// skip says why a bundle file is left alone.
type skip int

const (
	skipNone  skip = iota
	skipOwn        // written by this site, for another
	skipOther      // named as addressed to another site
)

// bundleFile is a file of a folder that looks like a bundle.
type bundleFile struct {
	path   string
	name   string
	from   string // from the standard name; "" if the name is not standard
	to     string
	number uint64
	skip   skip
}

// parseName reads who sent a bundle to whom and its number from its
// standard name; ok is false for any other name. It accepts a name only if
// bundle.FileName gives it back, so it follows the back end's format.
func parseName(name string) (from, to string, number uint64, ok bool) {
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

// bundleFiles picks the bundle files among a folder's entries, for site:
// by extension (any case), hidden files and temporary ones left out. A
// file whose name says this site wrote it, or that it is for another
// site, is marked to skip. The order is the import order: by sender and
// receiver, the oldest number first; files with other names last, by
// name.
func bundleFiles(dir string, names []string, site string) []bundleFile {
	var out []bundleFile
	for _, n := range names {
		if strings.HasPrefix(n, ".") || !strings.EqualFold(filepath.Ext(n), bundleExt) {
			continue
		}
		f := bundleFile{path: filepath.Join(dir, n), name: n}
		if from, to, num, ok := parseName(n); ok {
			f.from, f.to, f.number = from, to, num
			switch {
			case from == site:
				f.skip = skipOwn
			case to != site:
				f.skip = skipOther
			}
		}
		out = append(out, f)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.from == "") != (b.from == "") {
			return a.from != ""
		}
		if a.from != b.from {
			return a.from < b.from
		}
		if a.to != b.to {
			return a.to < b.to
		}
		if a.number != b.number {
			return a.number < b.number
		}
		return a.name < b.name
	})
	return out
}

// toImport counts the files that will be tried.
func toImport(fs []bundleFile) int {
	n := 0
	for _, f := range fs {
		if f.skip == skipNone {
			n++
		}
	}
	return n
}
