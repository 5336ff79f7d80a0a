package main

import (
	"os"
	"runtime/pprof"
)

// cpuProfile writes a CPU profile of the whole run to the file named by
// DONTHU_CPUPROFILE, for finding where a slow command spends its time
// (go tool pprof bin/donthu FILE). It returns the function that ends
// the profile.
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
