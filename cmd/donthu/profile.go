package main

import (
	"os"
	"runtime/pprof"
	"runtime/trace"
)

// cpuProfile writes a CPU profile of the whole run to the file named by
// DONTHU_CPUPROFILE, for finding where a slow command spends its time
// (go tool pprof bin/donthu FILE), and an execution trace to the file
// named by DONTHU_TRACE, for finding where it waits (go tool trace
// FILE), and at its end a profile of what it allocated to the file
// named by DONTHU_MEMPROFILE (go tool pprof -sample_index=alloc_space).
// It returns the function that ends them.
func cpuProfile() func() {
	var stops []func()
	if f := create("DONTHU_CPUPROFILE"); f != nil {
		if pprof.StartCPUProfile(f) != nil {
			f.Close()
		} else {
			stops = append(stops, func() { pprof.StopCPUProfile(); f.Close() })
		}
	}
	if f := create("DONTHU_TRACE"); f != nil {
		if trace.Start(f) != nil {
			f.Close()
		} else {
			stops = append(stops, func() { trace.Stop(); f.Close() })
		}
	}
	if f := create("DONTHU_MEMPROFILE"); f != nil {
		stops = append(stops, func() { pprof.Lookup("allocs").WriteTo(f, 0); f.Close() })
	}
	return func() {
		for _, stop := range stops {
			stop()
		}
	}
}

// create creates the file named by the environment variable env, if
// it names one.
func create(env string) *os.File {
	path := os.Getenv(env)
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil
	}
	return f
}
