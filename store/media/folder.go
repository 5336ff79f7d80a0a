package media

import (
	"errors"
	"os"
	"strings"
)

// IsFolder reports whether path is an existing folder.
func IsFolder(path string) bool { return OSFS.IsDir(path) }

// MakeFolder makes a stick's bundle folder if it is not there yet (only
// that folder: its parent must exist).
func MakeFolder(path string) error {
	if err := os.Mkdir(path, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	if !IsFolder(path) {
		return os.ErrNotExist
	}
	return nil
}

// ListFolder lists the bundle files of folder dir for site (BundleFiles).
func ListFolder(dir, site string) ([]File, error) {
	if !IsFolder(dir) {
		return nil, os.ErrNotExist
	}
	names, err := OSFS.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	return BundleFiles(dir, names, site), nil
}

// AsFolder ends a path with a separator, so the store takes it as a
// folder and never as a file name.
func AsFolder(path string) string {
	if strings.HasSuffix(path, string(os.PathSeparator)) || strings.HasSuffix(path, "/") {
		return path
	}
	return path + string(os.PathSeparator)
}

// Sticks lists the folders where a USB stick is mounted on this machine.
func Sticks(goos string) []string { return USBRoots(goos, CurrentUser(), OSFS) }
