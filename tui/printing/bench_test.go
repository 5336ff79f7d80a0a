package printing_test

import (
	"testing"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/printing"
	"donthu/tui/tuitest"
)

// BenchmarkReceiptKeyToFile is F9 on reception: the receipt of a visit
// filled, signed, recorded (fsync), rendered with its guidance sheet, and
// written into the print folder (fsync). Budget: under 200 ms.
func BenchmarkReceiptKeyToFile(b *testing.B) {
	s, _ := storetest.New(b, "GL07")
	if err := s.SetPrintSettings(b.TempDir(), false); err != nil {
		b.Fatal(err)
	}
	v, pet, err := s.RecordVisit("lan", store.VisitInput{
		Visit: model.Visit{Content: "Công ty nợ lương hai tháng", Outcome: model.OutcomePetition,
			Documents: []model.Document{{Name: "Bảng lương", Count: 2}}},
		NewPersons: []model.Person{{Name: "Nguyễn Thị Hường", Address: "Xã Gia Lâm, Hà Nội", IDNumber: "001185012345"}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err != nil {
		b.Fatal(err)
	}
	p := printing.New(tuitest.Context(b, s, s.Now, "lan", model.VI))
	for b.Loop() {
		if _, err := p.PrintReceipt(v, pet); err != nil {
			b.Fatal(err)
		}
	}
}
