//go:build !linux

package store

import "os"

// startWriteback is Linux's alone (sync_file_range): elsewhere the final
// sync writes the whole file.
func startWriteback(f *os.File, off, n int64) {}
