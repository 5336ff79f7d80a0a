package main

import (
	"os"
	"runtime/pprof"
)

// cpuProfile writes a CPU profile of the whole run to the file named by
// DONTHU_CPUPROFILE, for finding where a slow command spends its time
// (go tool pprof bin/donthu FILE). It returns the function that ends
// the profile. Where a command waits rather than works (one goroutine
// of an import holding the others up), an execution trace tells:
// runtime/trace, added for the hour (go tool trace -pprof=sync FILE); it
// is not kept, since it and the heap profile's writer put the Windows
// binary over its 20 MB.
func cpuProfile() func() {
	path := os.Getenv("DONTHU_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if pprof.StartCPUProfile(f) != nil {
		f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}
