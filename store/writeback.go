package store

import "os"

// A writeback hands the pages written to a file to the disk while the
// writer goes on: a new file's pages would otherwise stay in memory until
// its final sync (the kernel starts on its own only past a tenth of the
// memory), which then waited for all of them at once: 0.14 to 0.18 s
// for an office's decade here, seconds on a laptop's disk. One goroutine
// asks the kernel to write each stretch it is handed (startWriteback,
// Linux alone), so that the writer never waits for the disk. A bulk file
// (a rebuild, a compaction, the schema step) and the copy a large import
// is made in each keep one.
type writeback struct {
	stretches chan [2]int64 // offset, length (0: to the end)
	done      chan struct{}
	ended     bool
}

func newWriteback(f *os.File) *writeback {
	w := &writeback{stretches: make(chan [2]int64, 1), done: make(chan struct{})}
	go func() {
		defer close(w.done)
		for s := range w.stretches {
			startWriteback(f, s[0], s[1])
		}
	}()
	return w
}

// hand asks for the n bytes at off (0: to the end) to be written back,
// and reports whether it was asked: not if the stretch before is still
// being handed over, nor once the writeback has ended. A writer that
// hands stretches one after the other hands the one not asked with the
// next.
func (w *writeback) hand(off, n int64) bool {
	if w.ended {
		return false
	}
	select {
	case w.stretches <- [2]int64{off, n}:
		return true
	default:
		return false
	}
}

// end waits for the goroutine to have handed over what it was given; it
// may be called again. Neither hand nor end may be called by two
// goroutines at once.
func (w *writeback) end() {
	if !w.ended {
		w.ended = true
		close(w.stretches)
		<-w.done
	}
}
