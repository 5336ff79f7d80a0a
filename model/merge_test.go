package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

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

// similarPairs files names under keys to compare only those that can be
// similar: it must find exactly the pairs that comparing every name with
// every other finds, in the same order. Names are drawn from few parts,
// with edits (a letter changed, added or dropped, a middle word added or
// dropped, diacritics, case), so that near names are common.
func TestSimilarPairsIsEveryPair(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 15))
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ"}
	middle := []string{"Văn", "Thị", "Minh", "Đức", "Thu", ""}
	given := []string{"An", "Anh", "Bình", "Hà", "Hải", "Nam", "Lan", "Lân", "Ngọc"}
	edit := func(s string) string {
		b := []byte(s)
		switch i := rng.IntN(len(b) + 1); rng.IntN(5) {
		case 0:
			if i < len(b) {
				b[i] = byte('a' + rng.IntN(3))
			}
		case 1:
			b = append(b[:i:i], append([]byte{byte('a' + rng.IntN(3))}, b[i:]...)...)
		case 2:
			if i < len(b) {
				b = append(b[:i:i], b[i+1:]...)
			}
		}
		return string(b)
	}
	total, words := 0, 0
	for round := 0; round < 40; round++ {
		names := make([]string, 60+rng.IntN(120))
		for i := range names {
			n := family[rng.IntN(len(family))] + " "
			if m := middle[rng.IntN(len(middle))]; m != "" {
				n += m + " "
			}
			if rng.IntN(4) == 0 {
				n += middle[rng.IntN(len(middle)-1)] + " "
			}
			n += given[rng.IntN(len(given))]
			if rng.IntN(3) == 0 {
				n = edit(Fold(n))
			}
			names[i] = n
		}
		var want [][2]int
		folded := make([]string, len(names))
		for i, n := range names {
			folded[i] = Fold(n)
		}
		for i := range names {
			for j := i + 1; j < len(names); j++ {
				if SimilarNames(names[i], names[j]) {
					want = append(want, [2]int{i, j})
					if len(strings.Fields(folded[i])) != len(strings.Fields(folded[j])) {
						words++
					}
				}
			}
		}
		got := similarPairs(folded)
		if !slices.Equal(got, want) {
			t.Fatalf("round %d: %d pairs, every pair compared finds %d", round, len(got), len(want))
		}
		total += len(want)
	}
	if total < 1000 || words < 100 {
		t.Fatalf("%d similar pairs, %d of them a word apart: too few to test anything", total, words)
	}
	t.Logf("%d similar pairs, %d of them a word apart", total, words)
}

// BenchmarkFindDuplicatesOffice suggests the pairs among 100,000 persons
// at 40 employers, as many as an office's decade holds: a leader opens
// the review of duplicates on them.
func BenchmarkFindDuplicatesOffice(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"}
	middle := []string{"Văn", "Thị", "Minh", "Đức", "Thu", "Hồng", "Quang", "Ngọc"}
	given := []string{"An", "Anh", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Minh", "Nam", "Ngân", "Ngọc", "Nhung", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thu", "Trang", "Tuấn", "Vân", "Yến"}
	ps := make([]Person, 100_000)
	for i := range ps {
		ps[i] = Person{ID: fmt.Sprintf("person:GL07.%d", i+1),
			Name:      family[rng.IntN(len(family))] + " " + middle[rng.IntN(len(middle))] + " " + given[rng.IntN(len(given))],
			Employer:  fmt.Sprintf("Công ty số %d", rng.IntN(40)),
			BirthYear: 1960 + rng.IntN(45)}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		FindDuplicates(ps)
	}
}
