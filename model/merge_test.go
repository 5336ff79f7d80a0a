package model

import "testing"

func TestFindDuplicatesNeedsNames(t *testing.T) {
	ps := []Person{{ID: "person:A.1", BirthYear: 1970}, {ID: "person:A.2", BirthYear: 1970}, {ID: "person:A.3", Name: "Lê Văn An", BirthYear: 1970}, {ID: "person:A.4", Name: "LE VAN AN", BirthYear: 1970}}
	d := FindDuplicates(ps)
	if len(d) != 1 || d[0].A != "person:A.3" || d[0].B != "person:A.4" || d[0].Why != DupNameYear {
		t.Errorf("%+v", d)
	}
}

func TestSimilarNames(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"Nguyễn Văn An", "Nguyen Van An", true},
		{"Nguyễn Văn An", "Nguyễn Văn Anh", true},
		{"Nguyễn Văn An", "Nguyễn An", true},
		{"Nguyễn Văn Minh An", "Nguyễn Văn An", true},
		{"Nguyễn Văn An", "Trần Văn Bình", false},
		{"Nguyễn Văn An", "Văn An", false},
		{"", "An", false},
	} {
		if got := SimilarNames(c.a, c.b); got != c.want {
			t.Errorf("SimilarNames(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestMergeValues(t *testing.T) {
	p := Person{Name: "Nguyễn Văn An", Phone: "0912345678", BirthYear: 1990, Absorbed: []Absorbed{
		{ID: "person:A.2", Person: Person{Name: "NGUYEN VAN AN", Phone: "0987654321", Address: "Yên Viên", BirthYear: 1990}},
		{ID: "person:A.3", Person: Person{Name: "Nguyễn Văn Anh", Phone: "0987654321", BirthYear: 1991}},
	}}
	v := p.MergeValues()
	if len(v["name"]) != 1 || v["name"][0] != "Nguyễn Văn Anh" || len(v["phone"]) != 1 || v["address"][0] != "Yên Viên" || v["birth_year"][0] != "1991" {
		t.Errorf("%v", v)
	}
}

func TestFindDuplicatesSkipsDistinct(t *testing.T) {
	ps := []Person{{ID: "person:A.1", Name: "Nguyễn Văn An", BirthYear: 1990, Distinct: []string{"person:A.2"}},
		{ID: "person:A.2", Name: "Nguyen Van An", BirthYear: 1990},
		{ID: "person:A.3", Name: "Nguyễn Văn An", BirthYear: 1990}}
	got := FindDuplicates(ps)
	for _, d := range got {
		if d.A == "person:A.1" && d.B == "person:A.2" {
			t.Errorf("a pair marked distinct is suggested: %+v", got)
		}
	}
	if len(got) != 2 {
		t.Errorf("the other pairs: %+v", got)
	}
}
