package model

import "testing"

func TestDefaultRegime(t *testing.T) {
	cases := []struct {
		k    PetitionKind
		f    Field
		want Regime
	}{
		{KindComplaint, FieldWages, RegimeLabour},
		{KindComplaint, FieldInsurance, RegimeLabour},
		{KindComplaint, FieldDismissal, RegimeLabour},
		{KindComplaint, "", RegimeLabour},
		{KindComplaint, FieldUnionOrg, RegimeUnion},
		{KindComplaint, FieldLand, RegimeAdmin},
		{KindDenunciation, FieldWages, RegimeAdmin},
		{KindDenunciation, FieldUnionFee, RegimeUnion},
		{KindRecommendation, FieldPolicy, RegimeCitizens},
		{KindReport, FieldSafety, RegimeCitizens},
		{KindMixed, FieldWages, RegimeCitizens},
		{KindAnonymous, FieldWages, RegimeAdmin},
	}
	for _, c := range cases {
		got, why := DefaultRegime(c.k, c.f)
		if got != c.want {
			t.Errorf("DefaultRegime(%s, %s) = %s, want %s", c.k, c.f, got, c.want)
		}
		if why.VI == "" || why.EN == "" {
			t.Errorf("DefaultRegime(%s, %s) gives no reason", c.k, c.f)
		}
	}
	// A labour complaint's deadlines exist in the rule table.
	if _, ok := FindRule(StepAccept, KindComplaint, RegimeLabour, 1, NewDate(2026, 3, 2)); !ok {
		t.Error("no acceptance rule for a labour complaint")
	}
}
