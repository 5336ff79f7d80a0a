package store

import (
	"math"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// The interface's collector lets the heap grow by 64 MB at least between
// collections, and a large live heap by as much as it holds.
func TestDeskPercent(t *testing.T) {
	for live, want := range map[uint64]int{0: 100, 1 << 20: 6400, 16 << 20: 400, 32 << 20: 200, 48 << 20: 133, 64 << 20: 100, 1 << 30: 100} {
		if got := deskPercent(live); got != want {
			t.Errorf("live %d MB: GOGC %d, want %d", live>>20, got, want)
		}
	}
}

// The soft limit is 140 MiB, or 1.5 times a live heap too large for it.
func TestDeskLimit(t *testing.T) {
	for live, want := range map[uint64]int64{0: 140 << 20, 43 << 20: 140 << 20, 80 << 20: 140 << 20, 100 << 20: 150 << 20, 1 << 30: 1 << 30 * 3 / 2} {
		if got := deskLimit(live); got != want {
			t.Errorf("live %d MB: limit %d MB, want %d", live>>20, got>>20, want>>20)
		}
	}
}

// Once set, it follows each collection, GOGC and the limit; GOGC, when
// set, wins.
func TestDeskGCFollowsEachCollection(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	gogc := func() uint64 {
		m := []metrics.Sample{{Name: "/gc/gogc:percent"}}
		metrics.Read(m)
		return m[0].Value.Uint64()
	}
	t.Setenv("GOGC", "100")
	DeskGC()
	runtime.GC()
	time.Sleep(50 * time.Millisecond)
	if got := gogc(); got != 100 {
		t.Fatalf("GOGC set in the environment, yet the collector runs at %d", got)
	}
	t.Setenv("GOGC", "")
	DeskGC()
	want := uint64(deskPercent(heapLive())) // this test's heap is a few MB: above 100
	for i := 0; i < 100 && gogc() == 100; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		want = uint64(deskPercent(heapLive()))
	}
	if got := gogc(); got <= 100 || got < want/2 || got > want*2 {
		t.Fatalf("after collections, GOGC %d; want about %d", got, want)
	}
	m := []metrics.Sample{{Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(m)
	if got := m[0].Value.Uint64(); got != deskMemory {
		t.Fatalf("after collections, a soft memory limit of %d MB; want %d", got>>20, deskMemory>>20)
	}
}
