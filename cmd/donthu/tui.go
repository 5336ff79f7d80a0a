package main

import (
	"context"
	"fmt"
	"os"
	"sync"

	"donthu/store"
	"donthu/tui"
)

func init() {
	register(command{name: "", run: cmdTUI, hidden: true})
}

// cmdTUI opens the interface. Once the first screen is up, a backup of
// the file is written beside it in the background if the log has grown
// since the newest one (the seven newest are kept). Its failure is shown
// on the status line and again when the interface closes; quitting stops
// an unfinished copy rather than wait for it.
func cmdTUI(e *env) error {
	store.DeskGC()
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	var mu sync.Mutex
	var backupErr error
	opt := tui.Options{Lang: e.lang, Output: os.Stdout}
	if s.Site() != "" {
		opt.Background = func(ctx context.Context) error {
			_, err := s.AutoBackup(ctx, 7)
			mu.Lock()
			backupErr = err
			mu.Unlock()
			return err
		}
	}
	err = tui.Run(s, opt)
	mu.Lock()
	defer mu.Unlock()
	if backupErr != nil && !store.Stopped(backupErr) {
		fmt.Fprintln(e.stderr, "donthu:", store.Message(backupErr, e.lang))
	}
	return err
}
