package main

import (
	"os"
	"sync"

	"donthu/tui"
)

func init() {
	register(command{name: "", run: cmdTUI, hidden: true})
}

// cmdTUI opens the interface. A rotating backup of the file is written
// beside it in the background at each start (the last seven are kept).
func cmdTUI(e *env) error {
	s, err := e.open(false)
	if err != nil {
		return err
	}
	var wg sync.WaitGroup
	defer func() {
		wg.Wait()
		s.Close()
	}()
	if s.Site() != "" {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.RotateBackup(7)
		}()
	}
	return tui.Run(s, tui.Options{Lang: e.lang, Output: os.Stdout})
}
