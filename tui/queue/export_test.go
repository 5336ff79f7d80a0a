package queue

import "donthu/tui/common"

// WaitPrefetch waits until the rows a new screen builds in the background
// are ready, as they are long before anyone presses F4 after signing in.
func WaitPrefetch(sc common.Screen) {
	m := sc.(*Model)
	if m.prefetch != nil {
		set := <-m.prefetch
		m.prefetch <- set
	}
}
