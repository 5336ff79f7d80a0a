package store_test

// Performance budgets (docs/architecture.md): a keystroke's
// search under 2 ms among 100,000 persons, one desk action (fsync
// included) under 10 ms, opening a file of 100,000 events and reading the
// first screen under 100 ms. Run with
//
//	go test -run='^$' -bench=. -count=5 ./store/
//
// and compare medians. The 100,000-record fixtures are built once per
// benchmark (in big transactions, without fsync) by a parent benchmark
// whose sub-benchmarks do the timing.

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

var (
	benchHo   = []string{"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	benchDem  = []string{"Văn", "Văn", "Thị", "Thị", "Đức", "Minh", "Thu", "Ngọc", "Hữu", "Thanh", "Quốc", "Xuân", "Thị Thu", "Văn Minh"}
	benchTen  = []string{"An", "Bình", "Cường", "Dũng", "Hà", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Mai", "Nam", "Nga", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến", "Hải", "Hằng", "Long", "Nhung", "Oanh", "Việt", "Khánh"}
	benchWork = []string{"Công ty TNHH May mặc Gia Lâm", "Công ty CP Điện tử Sài Đồng", "Công ty TNHH Bao bì Đông Anh", "Công ty CP Thực phẩm Trâu Quỳ"}
)

func benchPerson(rng *rand.Rand, i int) model.Person {
	name := benchHo[rng.IntN(len(benchHo))] + " " + benchDem[rng.IntN(len(benchDem))] + " " + benchTen[rng.IntN(len(benchTen))]
	return model.Person{Name: name, Phone: fmt.Sprintf("09%08d", i), Employer: benchWork[rng.IntN(len(benchWork))]}
}

// openBench opens a fresh site file; without sync, fsync is off (for
// building fixtures).
func openBench(b *testing.B, sync bool) (*store.Store, *storetest.Clock) {
	b.Helper()
	clk := &storetest.Clock{T: storetest.Start}
	s := storetest.NewSite(b, storetest.Site{Code: "GL07", Clock: clk})
	if sync {
		return s, clk
	}
	path := s.Path()
	s.Close()
	s, err := store.Open(path, store.Options{Now: clk.Now, NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, clk
}

// bulk runs fn for i in [0, n) in transactions of 2,000.
func bulk(b *testing.B, s *store.Store, n int, fn func(bk *store.Bulk, i int) error) {
	b.Helper()
	for lo := 0; lo < n; lo += 2000 {
		err := s.BulkLoad(func(bk *store.Bulk) error {
			for i := lo; i < n && i < lo+2000; i++ {
				if err := fn(bk, i); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAppend is one desk action: one transaction with fsync on a
// real file.
func BenchmarkAppend(b *testing.B) {
	b.Run("RecordPerson", func(b *testing.B) {
		s, _ := openBench(b, true)
		rng := rand.New(rand.NewPCG(1, 1))
		i := 0
		for b.Loop() {
			if _, err := s.RecordPerson("lan", benchPerson(rng, i)); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
	b.Run("CaseAction", func(b *testing.B) {
		s, clk := openBench(b, true)
		var cases []string
		err := s.BulkLoad(func(bk *store.Bulk) error {
			bk.SetNow(clk.Now())
			for i := 0; i < 200; i++ {
				_, p, err := bk.RecordVisit("lan", store.VisitInput{Visit: model.Visit{Content: "Nợ lương", Outcome: model.OutcomePetition},
					NewPersons: []model.Person{{Name: "Nguyễn Văn An"}}, Petition: &model.Petition{}})
				if err != nil {
					return err
				}
				c, err := bk.Classify("lan", p.ID, model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour, Field: model.FieldWages,
					Conditions: true, Competent: true, Decision: model.DecisionAccept})
				if err != nil {
					return err
				}
				if _, err := bk.CaseAction("lan", c.ID, model.EvCaseAccepted, model.CaseAction{}); err != nil {
					return err
				}
				cases = append(cases, c.ID)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		i := 0
		for b.Loop() {
			if _, err := s.CaseAction("lan", cases[i%len(cases)], model.EvCaseAssigned, model.CaseAction{Handler: "lan"}); err != nil {
				b.Fatal(err)
			}
			i++
		}
	})
}

// BenchmarkFoldCase50 folds one case of 50 events.
func BenchmarkFoldCase50(b *testing.B) {
	s, clk := openBench(b, false)
	p := storetest.Visit(b, s, "Nguyễn Văn An", model.KindDenunciation)
	c := storetest.Accept(b, s, p.ID, model.KindDenunciation, model.RegimeUnion)
	storetest.Act(b, s, c.ID, model.EvCaseAccepted, model.CaseAction{})
	for i := 0; len(res(s.Timeline(c.ID)).must(b)) < 50; i++ {
		clk.Advance(time.Hour)
		switch i % 4 {
		case 0:
			storetest.Act(b, s, c.ID, model.EvCaseSuspended, model.CaseAction{Reason: "Chờ giám định"})
		case 1:
			storetest.Act(b, s, c.ID, model.EvCaseResumed, model.CaseAction{})
		case 2:
			s.AddNote("lan", c.ID, "Đã xác minh thêm tại phân xưởng")
		case 3:
			s.SetReminder("lan", c.ID, model.Reminder{On: clk.Today().AddDays(3), Text: "Nhắc"})
		}
	}
	evs := res(s.Timeline(c.ID)).must(b)
	if len(evs) != 50 {
		b.Fatalf("%d events", len(evs))
	}
	for b.Loop() {
		if _, err := model.FoldEntity(c.ID, evs); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch100k is one keystroke of the person search among 100,000
// persons: a prefix of a whole name, and words found inside names.
func BenchmarkSearch100k(b *testing.B) {
	s, _ := openBench(b, false)
	rng := rand.New(rand.NewPCG(7, 7))
	bulk(b, s, 100_000, func(bk *store.Bulk, i int) error {
		_, err := bk.RecordPerson("lan", benchPerson(rng, i))
		return err
	})
	b.Run("FirstKeystroke", func(b *testing.B) {
		// The first search of a session loads the index.
		for b.Loop() {
			s.DropCaches()
			s.SearchPersons("tran thi h", 50)
		}
	})
	s.SearchPersons("warm", 1) // the index is loaded at the first search
	for _, q := range []struct{ name, q string }{
		{"Prefix", "tran thi h"},  // enough whole-name prefixes: the scan stops early
		{"Substring", "thu hang"}, // words inside names: the whole list is scanned
		{"CommonLetter", "a"},     // the worst first keystroke: nearly every name holds it
		{"Number", "0900001"},
	} {
		b.Run(q.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				n = len(s.SearchPersons(q.q, 50))
			}
			if n == 0 {
				b.Fatalf("%q found nobody", q.q)
			}
		})
	}
}

// BenchmarkOpen100k opens a file of 100,000 events and reads what the
// first screen shows: the open cases with their deadlines, and the inbox.
func BenchmarkOpen100k(b *testing.B) {
	s, clk := openBench(b, false)
	rng := rand.New(rand.NewPCG(9, 9))
	start := clk.Now().AddDate(-3, 0, 0)
	const matters = 14_700 // about 7 events each
	bulk(b, s, matters, func(bk *store.Bulk, i int) error {
		at := start.Add(time.Duration(i) * 3 * time.Hour * 24 * 365 / matters)
		bk.SetNow(at)
		_, p, err := bk.RecordVisit("letan", store.VisitInput{
			Visit:      model.Visit{Content: "Công ty chậm trả lương", Outcome: model.OutcomePetition, Employer: benchWork[i%len(benchWork)]},
			NewPersons: []model.Person{benchPerson(rng, i)}, Petition: &model.Petition{}})
		if err != nil {
			return err
		}
		if i > matters-300 {
			return nil // the inbox
		}
		c, err := bk.Classify("lan", p.ID, model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour, Field: model.FieldWages,
			Conditions: true, Competent: true, Decision: model.DecisionAccept})
		if err != nil {
			return err
		}
		bk.SetNow(at.Add(24 * time.Hour))
		if _, err := bk.CaseAction("lan", c.ID, model.EvCaseAccepted, model.CaseAction{Handler: "lan"}); err != nil {
			return err
		}
		if i < matters-1500 {
			bk.SetNow(at.Add(20 * 24 * time.Hour))
			_, err = bk.CaseAction("lan", c.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight})
		}
		return err
	})
	st := s.Stats()
	if st.Events < 100_000 {
		b.Fatalf("%d events", st.Events)
	}
	path, today := s.Path(), clk.Today()
	s.Close()
	b.Run("FirstScreen", func(b *testing.B) {
		for b.Loop() {
			s, err := store.Open(path, store.Options{Now: clk.Now})
			if err != nil {
				b.Fatal(err)
			}
			rows, inbox := storetest.Must(s.Cases(store.CaseFilter{}, today)), storetest.Must(s.Inbox())
			if len(rows) < 1000 || len(inbox) < 250 {
				b.Fatalf("%d cases, %d in the inbox", len(rows), len(inbox))
			}
			s.Close()
		}
	})
}
