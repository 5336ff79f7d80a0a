package reception

import (
	"testing"

	"donthu/model"
	"donthu/store/storetest"
	"donthu/tui/tuitest"
)

// A worker entered twice and merged shows once, with both visits and
// what the other record said; at an office, with the sites they came to.
func TestMergedWorkerShowsOnce(t *testing.T) {
	clk := &storetest.Clock{T: storetest.Start}
	office := storetest.NewAt(t, "HN01", "", clk)
	child := storetest.NewAt(t, "GL01", "HN01", clk)
	p := storetest.Visit(t, child, "Nguyễn Văn An", model.KindComplaint)
	storetest.Exchange(t, child, office)
	other, err := office.RecordPerson("lan", model.Person{Name: "Nguyen Van An", Phone: "0987654321"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := office.MergePersons("lan", p.Senders[0], other.ID); err != nil {
		t.Fatal(err)
	}
	d := tuitest.NewScreen(t, New(tuitest.Context(t, office, clk.Now, "lan", model.VI)))
	d.Resize(130, 21)
	d.Type("nguyen van an")
	d.Expect("Nguyễn Văn An", "1 lượt", "· đã đến: GL01 · hồ sơ gộp còn ghi: 0987654321").ExpectNot("   Nguyen Van An   ")
}
