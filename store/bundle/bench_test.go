package bundle_test

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
)

// Benchmarks of a bundle of 100,000 events, through the real store on real
// files: run with go test -run='^$' -bench=. -count=5 ./store/bundle/
//
// The fixture (made once per process, about ten seconds) is a site GL07
// holding 100,000 events of its own (visits, persons and petitions with
// realistic Vietnamese text) and an office HN01 that has pinned it.
// Besides time, each reports peak-heap-MB: the largest heap seen while it
// ran (sampled every 5 ms), above what was live before.

const benchEvents = 100_000

var bench struct {
	once        sync.Once
	err         error
	dir         string
	site        string // GL07's file
	office      []byte // HN01's file, before any import
	bundle      string // a bundle of every event of GL07 for HN01
	bundleBytes int64
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bench.dir != "" {
		os.RemoveAll(bench.dir)
	}
	os.Exit(code)
}

func benchFixture(b *testing.B) {
	b.Helper()
	bench.once.Do(func() { bench.err = makeFixture() })
	if bench.err != nil {
		b.Fatal(bench.err)
	}
}

func makeFixture() error {
	dir, err := os.MkdirTemp("", "donthu-bench-")
	if err != nil {
		return err
	}
	bench.dir = dir
	now := func() time.Time { return time.Date(2026, 3, 2, 9, 0, 0, 0, model.VN) }
	open := func(code, parent string) (*store.Store, error) {
		s, err := store.Open(filepath.Join(dir, code+".db"), store.Options{Now: now})
		if err != nil {
			return nil, err
		}
		return s, s.Init(store.SiteInit{Code: code, Name: "Công đoàn " + code, Parent: parent, Login: "lan", UserName: "Nguyễn Thị Lan", Password: "matkhau"})
	}
	site, err := open("GL07", "HN01")
	if err != nil {
		return err
	}
	defer site.Close()
	office, err := open("HN01", "")
	if err != nil {
		return err
	}
	for _, p := range [][2]*store.Store{{site, office}, {office, site}} {
		c, _ := p[1].KeyCard()
		if _, err := p[0].PinPeer(c, store.PinOptions{}); err != nil {
			return err
		}
	}
	office.Close()
	if bench.office, err = os.ReadFile(filepath.Join(dir, "HN01.db")); err != nil {
		return err
	}
	// 100,000 events of GL07's own, chained to its head, applied in one
	// import: the same log the desk would have written, made fast.
	evs := synthEvents(site, benchEvents-int(site.Heads()["GL07"]))
	if _, err := site.Import(store.EventsOf(evs), nil); err != nil {
		return err
	}
	if n := site.Heads()["GL07"]; n != benchEvents {
		return fmt.Errorf("fixture holds %d events", n)
	}
	bench.site = site.Path()
	x, err := site.ExportBundle("HN01", dir)
	if err != nil {
		return err
	}
	bench.bundle = x.Path
	fi, _ := os.Stat(x.Path)
	bench.bundleBytes = fi.Size()
	return nil
}

// synthEvents continues s's chain with n events: each visit records a
// person, the visit and its petition.
func synthEvents(s *store.Store, n int) []model.Event {
	var head model.Event
	s.EachEvent(s.Site(), s.Heads()[s.Site()]-1, func(e model.Event) error { head = e; return nil })
	out := make([]model.Event, 0, n)
	seq, prev, clock := head.Seq, head.Hash(), head.Clock
	at := head.At
	add := func(entity string, t model.EventType, data any) {
		seq++
		clock++
		at = at.Add(time.Second)
		e := model.Event{Site: s.Site(), Seq: seq, Clock: clock, At: at, Author: "lan", Entity: entity, Type: t, Prev: prev, Data: model.MustData(data)}
		prev = e.Hash()
		out = append(out, e)
	}
	rng := rand.New(rand.NewSource(1))
	name := func() string {
		return families[rng.Intn(len(families))] + " " + middles[rng.Intn(len(middles))] + " " + givens[rng.Intn(len(givens))]
	}
	for k := 0; len(out) < n; k++ {
		who := name()
		person := model.NewEntityID(model.EntPerson, s.Site(), seq+1)
		visit := model.NewEntityID(model.EntVisit, s.Site(), seq+2)
		pet := model.NewEntityID(model.EntPetition, s.Site(), seq+3)
		add(person, model.EvPersonRecorded, model.Person{Name: who, IDKind: "cccd", IDNumber: fmt.Sprintf("0%011d", rng.Int63n(1e11)),
			Phone: fmt.Sprintf("09%08d", rng.Intn(1e8)), Address: "Số 12 ngõ 34 phố Nguyễn Trãi, Thanh Xuân, Hà Nội", Employer: "Công ty TNHH May Gia Lâm", Member: true})
		if len(out) < n {
			add(visit, model.EvVisitRecorded, model.Visit{No: fmt.Sprintf("GL07-2026-T%05d", k), At: at, Receiver: "lan", Reception: model.ReceptionRegular,
				Persons: []string{person}, Content: "Công ty nợ lương ba tháng và chưa đóng bảo hiểm xã hội cho người lao động", Outcome: model.OutcomePetition, Petition: pet})
		}
		if len(out) < n {
			add(pet, model.EvPetitionRegistered, model.Petition{No: fmt.Sprintf("GL07-2026-%05d", k), Source: model.SourceDesk, Received: model.DateOf(at),
				Senders: []string{person}, SenderName: who, Employer: "Công ty TNHH May Gia Lâm", Kind: model.KindComplaint,
				Summary: "Công ty nợ lương ba tháng và chưa đóng bảo hiểm xã hội cho người lao động", Visit: visit})
		}
	}
	return out
}

var (
	families = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middles  = []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quang", "Xuân", "Thu"}
	givens   = []string{"An", "Bình", "Cường", "Dung", "Em", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vân", "Yến"}
)

// peakHeap samples the heap until stop is called and returns its peak
// above what was live when it started.
func peakHeap() (stop func() float64) {
	runtime.GC()
	runtime.GC() // a second cycle frees what finalizers held
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak uint64
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		<-finished
		return float64(peak-min(base, peak)) / (1 << 20)
	}
}

func BenchmarkExport100k(b *testing.B) {
	benchFixture(b)
	s, err := store.Open(bench.site, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	out := b.TempDir()
	stop := peakHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		x, err := s.ExportBundle("HN01", out)
		if err != nil {
			b.Fatal(err)
		}
		if x.Manifest.Events.Count != benchEvents {
			b.Fatalf("%d events", x.Manifest.Events.Count)
		}
		b.StopTimer()
		os.Remove(x.Path)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(stop(), "peak-heap-MB")
	b.ReportMetric(float64(bench.bundleBytes)/(1<<20), "file-MB")
}

func BenchmarkImport100k(b *testing.B) {
	benchFixture(b)
	dir := b.TempDir()
	stop := peakHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(dir, fmt.Sprintf("office%d.db", i))
		if err := os.WriteFile(path, bench.office, 0o600); err != nil {
			b.Fatal(err)
		}
		s, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r, err := s.ImportBundle(bench.bundle)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if r.Result.Added != benchEvents {
			b.Fatalf("added %d", r.Result.Added)
		}
		s.Close()
		os.Remove(path)
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(stop(), "peak-heap-MB")
}

// BenchmarkRead100k is the reader alone: decrypt, decompress, verify and
// decode every event, applying none.
func BenchmarkRead100k(b *testing.B) {
	benchFixture(b)
	path := filepath.Join(b.TempDir(), "HN01.db")
	os.WriteFile(path, bench.office, 0o600)
	s, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	stop := peakHeap()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		in, err := s.InspectBundle(bench.bundle)
		if err != nil || in.New != benchEvents {
			b.Fatal(err, in.New)
		}
	}
	b.StopTimer()
	b.ReportMetric(stop(), "peak-heap-MB")
}
