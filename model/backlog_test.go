package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestAgeBandOf(t *testing.T) {
	for _, tt := range []struct{ days, want int }{
		{0, 0}, {29, 0}, {30, 1}, {89, 1}, {90, 2}, {179, 2}, {180, 3}, {364, 3}, {365, 4}, {5000, 4},
	} {
		if got := AgeBandOf(tt.days); got != tt.want {
			t.Errorf("AgeBandOf(%d) = %d, want %d", tt.days, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"Công ty nợ lương ba tháng", "Công ty vẫn nợ lương, chưa trả ba tháng lương", true},
		{"Công ty nợ lương ba tháng", "CONG TY NO LUONG BA THANG", true},
		{"Công ty nợ lương ba tháng", "Đề nghị xem xét chế độ thai sản", false},
		{"Công ty chưa đóng bảo hiểm xã hội", "Công ty nợ lương", false}, // only "cong ty" shared
		{"", "Công ty nợ lương", false},
		{"lương", "lương", false}, // one word: no pair
	} {
		got := Similarity(tt.a, tt.b)
		if (got >= SimilarEnough) != tt.want {
			t.Errorf("Similarity(%q, %q) = %.2f, want similar=%v", tt.a, tt.b, got, tt.want)
		}
		if back := Similarity(tt.b, tt.a); back != got {
			t.Errorf("Similarity is not symmetric: %.2f, %.2f", got, back)
		}
	}
}

// backlogCases is a small office: a resolved wage complaint that came back
// by a similar petition, one that came back marked at classification, a
// reopened denunciation, and open cases of several ages and statuses.
func backlogCases() ([]Case, []Petition) {
	cases := []Case{
		{ID: "case:A.1", No: "A-2025-0001", Petition: "petition:A.1", Kind: KindComplaint, Regime: RegimeLabour, Round: 1,
			Senders: []string{"person:A.1"}, SenderName: "Nguyễn Văn An", Summary: "Công ty nợ lương ba tháng",
			Received: ymd(2025, 9, 1), Accepted: ymd(2025, 9, 5), Status: StatusConcluded, Result: ResultRight,
			DecisionDate: ymd(2025, 10, 1), Closed: ymd(2025, 10, 1)},
		{ID: "case:A.2", No: "A-2025-0002", Petition: "petition:A.2", Kind: KindComplaint, Regime: RegimeLabour, Round: 1,
			SenderName: "Trần Thị Bích", Summary: "Bị sa thải trái luật", Received: ymd(2025, 11, 3),
			Accepted: ymd(2025, 11, 4), Status: StatusConcluded, Result: ResultWrong, Closed: ymd(2025, 12, 1)},
		{ID: "case:A.3", No: "A-2026-0003", Petition: "petition:A.3", Kind: KindComplaint, Regime: RegimeLabour, Round: 2,
			SenderName: "Trần Thị Bích", Summary: "Khiếu nại lần hai việc sa thải", Received: ymd(2026, 2, 20),
			Repeat: true, PriorCase: "case:A.2", Status: StatusPending},
		{ID: "case:A.4", No: "A-2026-0004", Petition: "petition:A.4", Kind: KindDenunciation, Regime: RegimeUnion,
			SenderName: "Lê Văn Cường", Summary: "Tố cáo sai phạm kinh phí", Received: ymd(2025, 6, 2),
			Accepted: ymd(2025, 6, 5), Status: StatusOpen, Reopens: 1},
		{ID: "case:A.5", No: "A-2026-0005", Petition: "petition:A.5", Kind: KindComplaint, Regime: RegimeLabour, Round: 1,
			SenderName: "Phạm Thị Dung", Summary: "Chưa đóng bảo hiểm", Received: ymd(2026, 2, 2),
			Accepted: ymd(2026, 2, 3), Status: StatusSuspended, Suspensions: []Suspension{{From: ymd(2026, 2, 10)}}},
		{ID: "case:A.6", No: "A-2026-0006", Petition: "petition:A.6", Kind: KindRecommendation, Regime: RegimeCitizens,
			SenderName: "Hoàng Văn Em", Summary: "Kiến nghị về nhà vệ sinh", Received: ymd(2026, 2, 27), Status: StatusPending},
		{ID: "case:A.7", No: "A-2026-0007", Petition: "petition:A.7", Kind: KindComplaint, Regime: RegimeLabour,
			SenderName: "Vũ Văn Giang", Summary: "Đã chuyển", Received: ymd(2026, 1, 5), Status: StatusTransferred, Closed: ymd(2026, 1, 20)},
	}
	petitions := []Petition{
		{ID: "petition:A.1", Senders: []string{"person:A.1"}, SenderName: "Nguyễn Văn An", Summary: "Công ty nợ lương ba tháng", Received: ymd(2025, 9, 1), Case: "case:A.1"},
		{ID: "petition:A.2", SenderName: "Trần Thị Bích", Summary: "Bị sa thải trái luật", Received: ymd(2025, 11, 3), Case: "case:A.2"},
		{ID: "petition:A.3", SenderName: "Trần Thị Bích", Summary: "Khiếu nại lần hai việc sa thải", Received: ymd(2026, 2, 20), Case: "case:A.3"},
		// After A.1 was resolved the same person writes again, about the
		// same wages (a person id links them), and once more about
		// something else; a namesake's old petition predates the decision.
		{ID: "petition:A.8", Senders: []string{"person:A.1"}, SenderName: "Nguyễn Văn An", Summary: "Công ty vẫn nợ lương ba tháng chưa trả", Received: ymd(2026, 1, 12)},
		{ID: "petition:A.9", Senders: []string{"person:A.1"}, SenderName: "Nguyễn Văn An", Summary: "Đề nghị cấp thẻ đoàn viên", Received: ymd(2026, 1, 13)},
		{ID: "petition:A.10", SenderName: "Nguyễn Văn An", Summary: "Công ty nợ lương ba tháng", Received: ymd(2025, 9, 20)},
		// A duplicate of A.1's petition, by name only.
		{ID: "petition:A.11", SenderName: "NGUYEN VAN AN", Summary: "Xin xem lại", DuplicateOf: "petition:A.1", Received: ymd(2026, 2, 1)},
	}
	return cases, petitions
}

func TestFindRepeats(t *testing.T) {
	cases, petitions := backlogCases()
	got := FindRepeats(cases, petitions)
	for i := range got {
		got[i].Score = float64(int(got[i].Score*100)) / 100
	}
	want := []Repeat{
		{Prior: "case:A.1", Petition: "petition:A.11", Why: RepeatDuplicate},
		{Prior: "case:A.1", Petition: "petition:A.8", Why: RepeatSimilar, Score: 0.8},
		{Prior: "case:A.2", Case: "case:A.3", Petition: "petition:A.3", Why: RepeatMarked},
		{Prior: "case:A.4", Case: "case:A.4", Why: RepeatReopened},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FindRepeats:\n got %+v\nwant %+v", got, want)
	}
	// Pure: the same input in another order gives the same links.
	for i, j := 0, len(petitions)-1; i < j; i, j = i+1, j-1 {
		petitions[i], petitions[j] = petitions[j], petitions[i]
	}
	again := FindRepeats(cases, petitions)
	for i := range again {
		again[i].Score = float64(int(again[i].Score*100)) / 100
	}
	if !reflect.DeepEqual(again, want) {
		t.Errorf("order-dependent: %+v", again)
	}
}

func TestFindRepeatsMarkedOnce(t *testing.T) {
	// A case marked as the repeat of a prior one is also a later petition
	// of the same sender with the same content: it is listed once.
	cases := []Case{
		{ID: "case:B.1", Petition: "petition:B.1", SenderName: "An", Summary: "Công ty nợ lương ba tháng", Status: StatusConcluded, Closed: ymd(2026, 1, 1)},
		{ID: "case:B.2", Petition: "petition:B.2", SenderName: "An", Summary: "Công ty nợ lương ba tháng", Repeat: true, PriorCase: "case:B.1", Status: StatusPending},
	}
	pets := []Petition{
		{ID: "petition:B.1", SenderName: "An", Summary: "Công ty nợ lương ba tháng", Received: ymd(2025, 12, 1), Case: "case:B.1"},
		{ID: "petition:B.2", SenderName: "An", Summary: "Công ty nợ lương ba tháng", Received: ymd(2026, 1, 5), Case: "case:B.2"},
	}
	got := FindRepeats(cases, pets)
	if len(got) != 1 || got[0].Why != RepeatMarked || got[0].Case != "case:B.2" {
		t.Fatalf("got %+v", got)
	}
}

func TestReviewBacklog(t *testing.T) {
	cases, petitions := backlogCases()
	today := ymd(2026, 3, 2)
	b := ReviewBacklog(cases, petitions, nil, today)
	// Open: A.3 pending, 10 days old; A.4 open, 273 days; A.5 suspended,
	// 28 days; A.6 pending, 3 days.
	want := [][]int{
		{2, 0, 1}, // under 1 month: A.3, A.6 pending; A.5 suspended
		{0, 0, 0},
		{0, 0, 0},
		{0, 1, 0}, // 6 to 12 months: A.4
		{0, 0, 0},
	}
	if !reflect.DeepEqual(b.Counts, want) {
		t.Errorf("Counts = %v, want %v", b.Counts, want)
	}
	if !reflect.DeepEqual(b.BandTotal, []int{3, 0, 0, 1, 0}) || !reflect.DeepEqual(b.StatusTotal, []int{2, 1, 1}) {
		t.Errorf("totals %v %v", b.BandTotal, b.StatusTotal)
	}
	if b.Open != 4 || b.Resolved != 2 || b.Other != 1 {
		t.Errorf("open %d resolved %d other %d", b.Open, b.Resolved, b.Other)
	}
	// A.4 (a denunciation accepted 5/6/2025: 30 days) is long overdue. A.3
	// (a second-round labour complaint received on 20/2/2026, in the Tết
	// break: 7 working days) is due on 3/3, A.6 (10 working days from
	// 27/2) later, and A.5 is suspended.
	if b.OverdueTotal != 1 || b.Overdue[3] != 1 {
		t.Errorf("overdue %d %v", b.OverdueTotal, b.Overdue)
	}
	if len(b.Repeats) != 4 || b.RepeatedMatters != 3 {
		t.Errorf("repeats %d matters %d", len(b.Repeats), b.RepeatedMatters)
	}
}

// Two registered people with one common name are two people; a letter
// whose sender is in no register is linked by the name.
func TestFindRepeatsSameNameTwoPeople(t *testing.T) {
	cases := []Case{
		{ID: "case:C.1", Petition: "petition:C.1", Senders: []string{"person:C.1"}, SenderName: "Nguyễn Văn Hùng",
			Summary: "Công ty nợ lương ba tháng", Status: StatusConcluded, Closed: ymd(2026, 1, 1)},
	}
	pets := []Petition{
		{ID: "petition:C.1", Senders: []string{"person:C.1"}, SenderName: "Nguyễn Văn Hùng", Summary: "Công ty nợ lương ba tháng", Received: ymd(2025, 12, 1), Case: "case:C.1"},
		// Another Nguyễn Văn Hùng of the register: not the same sender.
		{ID: "petition:C.2", Senders: []string{"person:C.9"}, SenderName: "Nguyễn Văn Hùng", Summary: "Công ty nợ lương ba tháng", Received: ymd(2026, 2, 1)},
		// A letter from a Nguyen Van Hung nobody identified: linked by the name.
		{ID: "petition:C.3", SenderName: "NGUYEN VAN HUNG", Summary: "Công ty vẫn nợ lương ba tháng", Received: ymd(2026, 2, 2)},
		// The same person again: linked by the person.
		{ID: "petition:C.4", Senders: []string{"person:C.1"}, SenderName: "Nguyễn Văn Hùng", Summary: "Công ty nợ lương ba tháng chưa trả", Received: ymd(2026, 2, 3)},
	}
	var got []string
	for _, r := range FindRepeats(cases, pets) {
		got = append(got, r.Prior+" "+r.Petition+" "+string(r.Why))
	}
	want := []string{"case:C.1 petition:C.3 similar", "case:C.1 petition:C.4 similar"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("repeats = %q, want %q", got, want)
	}
}
