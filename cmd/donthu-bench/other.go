//go:build !linux && !darwin

// Command donthu-bench measures donthu at scale; it reads peak memory
// from the system's resource usage, which it knows on Linux and macOS.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "donthu-bench runs on Linux and macOS")
	os.Exit(1)
}
