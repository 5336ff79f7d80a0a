package store_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/paper"
)

// BenchmarkPrintRegisterYear prints the register of a year of 2,000
// visits (budget: under 3 s), signed and recorded, with fsync.
func BenchmarkPrintRegisterYear(b *testing.B) {
	s, clk := openBench(b, false)
	rng := rand.New(rand.NewPCG(2, 2))
	start := model.NewDate(2026, 1, 1).Time()
	bulk(b, s, 2000, func(bk *store.Bulk, i int) error {
		bk.SetNow(start.Add(time.Duration(i) * 4 * time.Hour))
		p := benchPerson(rng, i)
		p.Address = fmt.Sprintf("Số %d ngõ %d phố Nguyễn Văn Cừ, phường Bồ Đề, Hà Nội", i%90+1, i%40+1)
		in := store.VisitInput{Visit: model.Visit{Content: "Công ty nợ lương và chậm đóng bảo hiểm xã hội cho người lao động từ tháng 3",
			Outcome: model.OutcomePetition}, NewPersons: []model.Person{p}}
		if i%3 == 0 {
			in.Petition = &model.Petition{Kind: model.KindComplaint}
		}
		_, _, err := bk.RecordVisit("lan", in)
		return err
	})
	clk.Set(start.AddDate(1, 0, 0))
	s.Close()
	s, err := store.Open(s.Path(), store.Options{Now: clk.Now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	req := store.PrintRequest{Form: paper.FormRegister, From: model.NewDate(2026, 1, 1), To: model.NewDate(2026, 12, 31)}
	for b.Loop() {
		p, err := s.Print("lan", req)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(p.PDF))/1e6, "MB")
	}
}
