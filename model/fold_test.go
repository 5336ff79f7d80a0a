package model

import (
	"math/rand"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// foldReference is the search key computed literally, transform by
// transform, as docs/law.md, Identity documents and names states it. Fold must agree with it.
func foldReference(s string) string {
	s = norm.NFC.String(s)
	s = strings.ToLower(s)
	s = norm.NFD.String(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) || isInvisible(r) {
			continue
		}
		if r == 'đ' || r == 'Đ' {
			r = 'd'
		}
		b.WriteRune(r)
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func TestNFC(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"only spaces", " \t\n ", ""},
		{"ascii unchanged", "Nguyen Van A", "Nguyen Van A"},
		{"trim", "  Nguyễn Văn A  ", "Nguyễn Văn A"},
		{"collapse runs", "Nguyễn   Văn\t\tA", "Nguyễn Văn A"},
		{"newline joins", "Lê Thị\nHồng", "Lê Thị Hồng"},
		{"nbsp is space", "Lê\u00a0\u00a0Hồng", "Lê Hồng"},
		{"ascii leading space", " An", "An"},
		{"ascii trailing space", "An ", "An"},
		{"ascii double space", "Van  An", "Van An"},
		{"ascii tab", "Van\tAn", "Van An"},
		{"decomposed ễ", "Nguye\u0302\u0303n", "Nguy\u1ec5n"},
		{"decomposed, marks in other order", "Nguye\u0303\u0302n", "Nguy\u1ebd\u0302n"}, // both marks are class 230: not reordered, only the first composes
		{"decomposed Đ stays", "\u0110a\u0300o", "Đào"},
		{"old tone placement kept", "hoa\u0300", "hoà"},
		{"new tone placement kept", "ho\u0300a", "hòa"},
		{"already NFC", "Đặng Thị Thuỷ", "Đặng Thị Thuỷ"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NFC(tt.in)
			if got != tt.want {
				t.Errorf("NFC(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if !norm.NFC.IsNormalString(got) {
				t.Errorf("NFC(%q) = %q is not NFC", tt.in, got)
			}
			if again := NFC(got); again != got {
				t.Errorf("NFC not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestNFCPrecomposesVietnamese(t *testing.T) {
	// "ế" typed as e + circumflex + acute must become the one code point U+1EBF.
	got := NFC("e\u0302\u0301")
	if got != "\u1ebf" || utf8.RuneCountInString(got) != 1 {
		t.Fatalf("NFC(e+̂+́) = %q (%d runes), want U+1EBF", got, utf8.RuneCountInString(got))
	}
}

func TestFold(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"blank", "   \t ", ""},
		{"plain", "Nguyễn Văn A", "nguyen van a"},
		{"upper with marks", "NGUYỄN VĂN A", "nguyen van a"},
		{"upper without marks", "NGUYEN VAN A", "nguyen van a"},
		{"already folded", "nguyen van a", "nguyen van a"},
		{"decomposed", "Nguye\u0302\u0303n Va\u0306n A", "nguyen van a"},
		{"decomposed upper", "NGUYE\u0302\u0303N", "nguyen"},
		{"đ lower", "đào", "dao"},
		{"Đ upper", "ĐẶNG THỊ ĐÀO", "dang thi dao"},
		{"đ decomposed neighbours", "\u0110a\u0300o", "dao"},
		{"new tone placement", "hòa", "hoa"},
		{"old tone placement", "hoà", "hoa"},
		{"old placement decomposed", "hoa\u0300", "hoa"},
		{"thủy", "Thủy", "thuy"},
		{"thuỷ", "Thuỷ", "thuy"},
		{"extra spaces", "  Lê\t\tThị \n Hồng  ", "le thi hong"},
		{"ascii extra spaces", "  Le   Thi  HONG ", "le thi hong"},
		{"nbsp", "Lê\u00a0Hồng", "le hong"},
		{"zero-width space", "Ng\u200buyễn", "nguyen"},
		{"soft hyphen and bom", "\ufeffHo\u00adàng", "hoang"},
		{"stray mark after space", "An \u0301Bình", "an binh"},
		{"lone combining mark", "\u0301", ""},
		{"breve and horn", "ăâêôơư ĂÂÊÔƠƯ", "aaeoou aaeoou"},
		{"y tones", "ỳýỷỹỵ", "yyyyy"},
		{"digits and punctuation kept", "Số 12/3, Đường Láng", "so 12/3, duong lang"},
		{"foreign latin", "Müller Ñoño Łódź", "muller nono łodz"},
		{"greek", "ΩΜΈΓΑ", "ωμεγα"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if ref := foldReference(tt.in); tt.name != "zero-width space" && tt.name != "soft hyphen and bom" && ref != tt.want {
				t.Errorf("reference(%q) = %q, want %q (test table wrong?)", tt.in, ref, tt.want)
			}
		})
	}
}

func TestFoldSameKey(t *testing.T) {
	groups := [][]string{
		{"Nguyễn Văn A", "NGUYEN VAN A", "nguyen van a", "Nguye\u0302\u0303n Va\u0306n A", "  NGUYỄN  văn   a "},
		{"Hoà", "Hòa", "HOÀ", "HÒA", "hoa", "ho\u0300a", "hoa\u0300"},
		{"Khánh Hoà", "Khánh Hòa", "KHANH HOA"},
		{"Đặng", "đặng", "ĐẶNG", "Dang", "\u0110a\u0323\u0306ng", "\u0110a\u0306\u0323ng"},
		{"Thủy", "Thuỷ", "THỦY", "thuy"},
	}
	for _, g := range groups {
		want := Fold(g[0])
		for _, s := range g[1:] {
			if got := Fold(s); got != want {
				t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want the same key", s, got, g[0], want)
			}
		}
	}
	if Fold("Hà") == Fold("Hải") || Fold("Đào") == Fold("Đạt") {
		t.Error("different names must not fold together")
	}
}

// Every Vietnamese vowel, with every tone, in both cases, precomposed and
// decomposed, folds to its bare Latin letter.
func TestFoldAllVietnameseLetters(t *testing.T) {
	bases := map[string]string{
		"a": "a", "ă": "a", "â": "a", "e": "e", "ê": "e", "i": "i",
		"o": "o", "ô": "o", "ơ": "o", "u": "u", "ư": "u", "y": "y",
	}
	tones := []string{"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
	n := 0
	for base, want := range bases {
		for _, tone := range tones {
			dec := norm.NFD.String(base) + tone
			pre := norm.NFC.String(dec)
			if tone != "" && utf8.RuneCountInString(pre) != 1 {
				t.Fatalf("%q+%U did not precompose", base, []rune(tone)[0])
			}
			for _, s := range []string{pre, dec, strings.ToUpper(pre), norm.NFD.String(strings.ToUpper(pre))} {
				n++
				if got := Fold(s); got != want {
					t.Errorf("Fold(%q) = %q, want %q", s, got, want)
				}
			}
		}
	}
	if n != 12*6*4 {
		t.Fatalf("checked %d forms", n)
	}
}

func TestFoldFastPathReturnsInput(t *testing.T) {
	s := "nguyen van an"
	got := Fold(s)
	if got != s {
		t.Fatal("fast path changed the string")
	}
	if allocs := testing.AllocsPerRun(100, func() { _ = Fold(s) }); allocs != 0 {
		t.Errorf("Fold of a folded ASCII string allocates %v times", allocs)
	}
	if allocs := testing.AllocsPerRun(100, func() { _ = Fold("Nguyễn Thị Minh Khai") }); allocs > 1 {
		t.Errorf("Fold of a Vietnamese name allocates %v times, want ≤ 1", allocs)
	}
}

// Fold agrees with the literal chain of transforms on random text drawn from
// the scripts a desk may meet, including stray combining marks and Hangul.
func TestFoldMatchesReference(t *testing.T) {
	ranges := [][2]rune{
		{0x20, 0x7e}, {0xa0, 0x24f}, {0x300, 0x36f}, {0x370, 0x3ff}, {0x400, 0x4ff},
		{0x1e00, 0x1eff}, {0x1f00, 0x1fff}, {0x2000, 0x206f}, {0x2100, 0x214f},
		{0xac00, 0xd7a3}, {0x4e00, 0x4e80}, {0x3000, 0x3010},
	}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		var b strings.Builder
		n := rng.Intn(12)
		for j := 0; j < n; j++ {
			rg := ranges[rng.Intn(len(ranges))]
			r := rg[0] + rune(rng.Intn(int(rg[1]-rg[0]+1)))
			if isInvisible(r) {
				continue
			}
			b.WriteRune(r)
		}
		s := b.String()
		if got, want := Fold(s), foldReference(s); got != want {
			t.Fatalf("Fold(%q) = %q, reference %q", s, got, want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "Nguyễn Văn A", "hoà hòa", "Đ\u0323", " \u0301x", "한국어", "ǅ ǈ ǋ", "İ ß ẞ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsFunc(s, isInvisible) {
			return
		}
		got := Fold(s)
		if want := foldReference(s); got != want {
			t.Fatalf("Fold(%q) = %q, reference %q", s, got, want)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold not idempotent on %q: %q → %q", s, got, again)
		}
	})
}

func TestGivenName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Nguyễn Văn An", "An"},
		{"  Tôn Nữ Thị   Hà ", "Hà"},
		{"Nguyễn Thị Minh Khai", "Khai"},
		{"Bảo", "Bảo"},
		{"Nguye\u0302\u0303n Va\u0306n Tu\u0300ng", "Tùng"},
		{"", ""},
		{"   ", ""},
	}
	for _, tt := range tests {
		if got := GivenName(tt.in); got != tt.want {
			t.Errorf("GivenName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompareVietnamese(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"a", "a", 0},
		{"a", "ă", -1},
		{"ă", "â", -1},
		{"az", "ăa", -1}, // ă is a letter after a, not a with a mark
		{"ăz", "âa", -1},
		{"dz", "đa", -1},
		{"đa", "e", -1},
		{"ez", "êa", -1},
		{"oz", "ôa", -1},
		{"ôz", "ơa", -1},
		{"uz", "ưa", -1},
		{"Anh", "Ánh", -1}, // tones are secondary ...
		{"Ánh", "Ba", -1},  // ... and never beat a letter difference
		{"Ảnh", "Anz", -1},
		{"an", "An", -1}, // case is tertiary
		{"Nguyễn", "Nguye\u0302\u0303n", 0},
		{"Hà Nội", "Hải Phòng", -1},
		{"Yên Bái", "Ý", 1},
	}
	for _, tt := range tests {
		if got := CompareVietnamese(tt.a, tt.b); got != tt.want {
			t.Errorf("CompareVietnamese(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := CompareVietnamese(tt.b, tt.a); got != -tt.want {
			t.Errorf("CompareVietnamese(%q, %q) = %d, want %d", tt.b, tt.a, got, -tt.want)
		}
	}
}

func TestCompareNamesOrder(t *testing.T) {
	want := []string{
		"Lê Văn An",
		"Trần Thị An",
		"Đỗ Thị Anh",
		"Phạm Đức Anh",
		"Nguyễn Thị Ánh",
		"Lê Thị Ân",
		"Bảo",
		"Nguyễn Bình",
		"Nguyễn Thị Bình",
		"Nguyễn Văn Bình",
		"Hoàng Dũng",
		"Dương Văn Đạt",
		"Ly Văn Hùng",
		"Lý Thị Hùng", // họ before chữ đệm: Ly < Lý decides, not Thị < Văn
		"Tôn Nữ Thị Hương",
	}
	got := slices.Clone(want)
	rng := rand.New(rand.NewSource(7))
	for round := 0; round < 20; round++ {
		rng.Shuffle(len(got), func(i, j int) { got[i], got[j] = got[j], got[i] })
		slices.SortFunc(got, CompareNames)
		if !slices.Equal(got, want) {
			t.Fatalf("sorted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	for i, a := range want {
		for j, b := range want {
			c := CompareNames(a, b)
			switch {
			case i < j && c >= 0, i > j && c <= 0, i == j && c != 0:
				t.Errorf("CompareNames(%q, %q) = %d", a, b, c)
			}
		}
	}
}

func TestCompareNamesNormalises(t *testing.T) {
	if c := CompareNames("Nguyễn Văn An", "  Nguye\u0302\u0303n  Va\u0306n An "); c != 0 {
		t.Errorf("NFD and spaced spelling of the same name compare %d, want 0", c)
	}
	if c := CompareNames("Lê Văn Bình", "Lê Văn An"); c <= 0 {
		t.Errorf("tên decides first: got %d", c)
	}
}

func TestCompareConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 300; i++ {
				if CompareVietnamese("dz", "đa") != -1 || CompareNames("Lê Thị Ân", "Lê Văn An") != 1 {
					errs <- "wrong result under concurrency"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestMatchFolded(t *testing.T) {
	hay := Fold("Nguyễn Văn An")
	tests := []struct {
		hay, q string
		want   bool
	}{
		{hay, "van an", true},
		{hay, "nguyen an", true},
		{hay, "an nguyen", true},
		{hay, "nguy", true},
		{hay, "guyen", true},
		{hay, "  van   an ", true},
		{hay, "", true},
		{hay, " ", true},
		{hay, "van binh", false},
		{hay, "nguyenvan", false},
		{hay, "thi", false},
		{"", "a", false},
		{"", "", true},
		{Fold("Trần Thị Hoà"), Fold("hòa"), true},
		{Fold("Đặng Đức Đạt"), Fold("ĐẠT dang"), true},
		{Fold("Đặng Đức Đạt"), Fold("đạt đinh"), false},
	}
	for _, tt := range tests {
		if got := MatchFolded(tt.hay, tt.q); got != tt.want {
			t.Errorf("MatchFolded(%q, %q) = %v, want %v", tt.hay, tt.q, got, tt.want)
		}
	}
}

// benchNames is a realistic mix: mostly NFC names, some typed in upper case,
// some pasted in NFD, some entered without diacritics.
func benchNames() []string {
	ho := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	dem := []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Thị Thu", "Xuân", ""}
	ten := []string{"An", "Anh", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hoà", "Hùng", "Hương", "Khánh", "Linh", "Mai", "Nam", "Ngọc", "Phương", "Quân", "Thảo", "Thuỷ", "Trang", "Tuấn", "Yến"}
	rng := rand.New(rand.NewSource(42))
	out := make([]string, 1000)
	for i := range out {
		parts := []string{ho[rng.Intn(len(ho))]}
		if d := dem[rng.Intn(len(dem))]; d != "" {
			parts = append(parts, d)
		}
		parts = append(parts, ten[rng.Intn(len(ten))])
		s := strings.Join(parts, " ")
		switch rng.Intn(10) {
		case 0:
			s = strings.ToUpper(s)
		case 1:
			s = norm.NFD.String(s)
		case 2:
			s = foldReference(s)
		}
		out[i] = s
	}
	return out
}

func BenchmarkFold(b *testing.B) {
	names := benchNames()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = Fold(names[i%len(names)])
	}
}

func BenchmarkFoldReference(b *testing.B) {
	names := benchNames()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = foldReference(names[i%len(names)])
	}
}

func BenchmarkCompareNames(b *testing.B) {
	names := benchNames()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = CompareNames(names[i%len(names)], names[(i+1)%len(names)])
	}
}
