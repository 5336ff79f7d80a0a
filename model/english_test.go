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
