package textfield

import (
	"strings"
	"testing"
	"time"
)

func TestScratchTiming(t *testing.T) {
	for _, n := range []int{1000, 4000, 16000} {
		for _, mode := range []Mode{ModeOff, ModeTelex, ModeVNI} {
			for _, unit := range []string{"a ", "ab", "\u0301", "1", "\b"} {
				keys := strings.Repeat(unit, n/len([]rune(unit)))
				t0 := time.Now()
				Compose(mode, ToneModern, keys)
				if d := time.Since(t0); d > 50*time.Millisecond {
					t.Logf("n=%d %v %q: %v", n, mode, unit, d)
				}
			}
		}
	}
}
