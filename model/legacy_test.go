package model

import "testing"

func TestFromTCVN3(t *testing.T) {
	for in, want := range map[string]string{
		"NguyÔn V¨n An":              "Nguyễn Văn An",
		"Hµ Néi":                     "Hà Nội",
		"Tr\u00adêng":                "Trường",
		"Nî l\u00ad¬ng th¸ng 3":      "Nợ lương tháng 3",
		"§oµn ThÞ Hoa":               "Đoàn Thị Hoa",
		"C«ng ty TNHH May §øc Giang": "Công ty TNHH May Đức Giang",
	} {
		got, ok := FromTCVN3(in)
		if !ok || NFC(got) != want {
			t.Errorf("FromTCVN3(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestFromVNI(t *testing.T) {
	for in, want := range map[string]string{
		"Nguyeãn Vaên An":    "Nguyễn Văn An",
		"Haø Noäi":           "Hà Nội",
		"Tröôøng":            "Trường",
		"Ñoaøn Thò Hoa":      "Đoàn Thị Hoa",
		"Nôï löông thaùng 3": "Nợ lương tháng 3",
		"NGUYEÃN VAÊN AN":    "NGUYỄN VĂN AN",
	} {
		got, ok := FromVNI(in)
		if !ok || NFC(got) != want {
			t.Errorf("FromVNI(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

func TestDetectEncoding(t *testing.T) {
	cases := []struct {
		cells []string
		want  Encoding
	}{
		{[]string{"NguyÔn V¨n An", "TrÇn ThÞ B×nh", "Lª V¨n C­êng"}, EncTCVN3},
		{[]string{"Nguyeãn Vaên An", "Traàn Thò Bình", "Leâ Vaên Cöôøng"}, EncVNI},
		{[]string{"Nguyễn Văn An", "Trần Thị Bình"}, EncUnicode},
		{[]string{"Lê Văn Cường", "José Ramírez"}, EncUnicode},
		{[]string{"Café Hòa Bình", "Phở Hà"}, EncUnicode},
		{[]string{"John Smith", ""}, EncUnicode},
	}
	for _, c := range cases {
		if got := DetectEncoding(c.cells); got != c.want {
			t.Errorf("DetectEncoding(%q) = %s, want %s", c.cells, got, c.want)
		}
	}
}

func TestIsSyllable(t *testing.T) {
	for w, want := range map[string]bool{
		"nguyễn": true, "trường": true, "quyết": true, "giữa": true, "khuya": true, "hauứ": false, "nguyơn": false, "v¨n": false, "ñoaøn": false,
	} {
		if got := IsSyllable(w); got != want {
			t.Errorf("IsSyllable(%q) = %v, want %v", w, got, want)
		}
	}
}

// Whatever a register cell holds, reading it never panics and a decoded
// cell is valid UTF-8 in NFC.
func FuzzRegisterCell(f *testing.F) {
	for _, s := range []string{"NguyÔn V¨n An", "Nguyeãn Vaên An", "ngày 5 tháng 3 năm 2019", "43529.5", "31/02/19", "\xff\xfe", "oâ", "Ñ", "uöù"} {
		f.Add(s)
	}
	today := Date{2026, 12, 2}
	f.Fuzz(func(t *testing.T, s string) {
		ParseRegisterDate(s, today)
		ParseRegisterKind(s)
		ParseRegisterResult(s)
		GuessRegisterField(s)
		TidyName(s)
		SplitNameAddress(s)
		enc := DetectEncoding([]string{s})
		d := Decode(s, enc)
		if NFC(d) != d {
			t.Errorf("Decode(%q) = %q, not NFC", s, d)
		}
		for _, e := range []Encoding{EncTCVN3, EncVNI} {
			Decode(s, e)
		}
	})
}
