package model

import (
	"strings"
	"testing"
)

func TestVietnameseWord(t *testing.T) {
	for s, want := range map[string]string{
		"Đã lưu lượt tiếp":                            "ã",
		"quá hạn 3 ngày":                              "quá",
		"Luật Khiếu nại 2011 Điều 28 applies":         "",
		"NĐ 124/2020/NĐ-CP Điều 16.1 as amended":      "",
		"Union-internal: QĐ 333/QĐ-TLĐ (2020) Art 9":  "",
		"Overdue by 3 working days":                   "",
		"Labour complaint (employer) (áp dụng chung)": "áp",
	} {
		if got := VietnameseWord(s); got != want {
			t.Errorf("VietnameseWord(%q) = %q, want %q", s, got, want)
		}
	}
}

// The English of every domain label and every deadline rule is English:
// citations stay as they are, nothing else is Vietnamese.
func TestEnglishLabelsAndRules(t *testing.T) {
	for k, l := range AllLabels() {
		if w := VietnameseWord(l.EN); w != "" {
			t.Errorf("label %s: %q has the Vietnamese word %q", k, l.EN, w)
		}
	}
	for _, r := range Rules {
		for _, l := range []Label{r.Note, r.Check, r.Start, r.Confidence.Label()} {
			if w := VietnameseWord(l.EN); w != "" {
				t.Errorf("rule %s: %q has the Vietnamese word %q", r.ID, l.EN, w)
			}
		}
		for _, l := range RuleDetails(r) {
			if w := VietnameseWord(l.EN); w != "" {
				t.Errorf("rule %s details: %q has the Vietnamese word %q", r.ID, l.EN, w)
			}
		}
	}
}

// The desk sees the law, not notes for the people who keep the rules:
// no confidence marks or rule ids in a rule's source or note.
func TestRulesSpeakToTheDesk(t *testing.T) {
	for _, r := range Rules {
		if r.Confidence == "" {
			t.Errorf("rule %s has no confidence", r.ID)
		}
		if r.Check.VI != "" && r.Check.EN == "" {
			t.Errorf("rule %s: check without English", r.ID)
		}
		for _, s := range []string{r.Source, r.Note.VI, r.Note.EN} {
			for _, bad := range []string{"[M]", "[V", r.ID, "trong một bản khác", "chưa đối chiếu", "not checked", "áp dụng chung"} {
				if bad != "" && strings.Contains(s, bad) {
					t.Errorf("rule %s: %q shows %q to the desk", r.ID, s, bad)
				}
			}
		}
	}
}

// Lists say time left in one unit, calendar days to the last day, whatever
// the rule counts in.
func TestListWordsOneUnit(t *testing.T) {
	today := Date{2026, 3, 2}
	for _, tt := range []struct {
		d      Deadline
		vi, en string
	}{
		{Deadline{Due: Date{2026, 3, 16}, State: DeadlineOnTime, Unit: UnitWorking, Left: 10}, "còn 14 ngày", "14 days left"},
		{Deadline{Due: Date{2026, 3, 3}, State: DeadlineDueSoon, Unit: UnitWorking, Left: 1}, "còn 1 ngày", "1 day left"},
		{Deadline{Due: Date{2026, 3, 2}, State: DeadlineDueSoon}, "hạn hôm nay", "due today"},
		{Deadline{Due: Date{2026, 2, 5}, State: DeadlineOverdue, Unit: UnitWorking, Left: -17}, "quá hạn 25 ngày", "25 days overdue"},
	} {
		if vi, en := tt.d.ListWords(VI, today), tt.d.ListWords(EN, today); vi != tt.vi || en != tt.en {
			t.Errorf("%+v: %q / %q, want %q / %q", tt.d, vi, en, tt.vi, tt.en)
		}
	}
}
