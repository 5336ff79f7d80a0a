package store

import (
	bolt "go.etcd.io/bbolt"
	"os"
	"runtime"
	"testing"
	"time"

	"donthu/model"
)

func TestZZProfReport(t *testing.T) {
	path := os.Getenv("ZZ_DB")
	if path == "" {
		t.Skip()
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, _ := model.ParsePeriod("2025", false)
	t0 := time.Now()
	in := s.ReportInput(model.ReportWindow(p))
	t.Logf("input %v: %d visits %d pets %d cases", time.Since(t0), len(in.Visits), len(in.Petitions), len(in.Cases))
	t0 = time.Now()
	d := model.NewReportData(in)
	for _, f := range model.FormIDs {
		for _, q := range []model.Period{p, p.Previous(), p.LastYear()} {
			d.Compute(f, q, "")
		}
	}
	t.Logf("compute %v", time.Since(t0))
}

func TestZZHeap(t *testing.T) {
	path := os.Getenv("ZZ_DB")
	if path == "" {
		t.Skip()
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	p, _ := model.ParsePeriod("2025", false)
	in := s.ReportInput(model.ReportWindow(p))
	d := model.NewReportData(in)
	for _, f := range model.FormIDs {
		for _, q := range []model.Period{p, p.Previous(), p.LastYear()} {
			d.Compute(f, q, "")
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("live heap %d MB, total alloc %d MB, sys %d MB", ms.HeapAlloc>>20, ms.TotalAlloc>>20, ms.Sys>>20)
	runtime.KeepAlive(d)
}

func TestZZIdxSize(t *testing.T) {
	path := os.Getenv("ZZ_DB")
	if path == "" {
		t.Skip()
	}
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.db.View(func(tx *bolt.Tx) error {
		for _, n := range []string{"report_visit", "petition_span", "case_span", "case_name", "visit_date", "person_visit"} {
			b := tx.Bucket(bIdx).Bucket([]byte(n))
			if b == nil {
				continue
			}
			var keys, bytes int
			b.ForEach(func(k, _ []byte) error { keys++; bytes += len(k); return nil })
			st := b.Stats()
			t.Logf("%s: %d keys, %d key bytes, %d pages used %d", n, keys, bytes, st.LeafPageN, st.LeafInuse)
		}
		return nil
	})
}
