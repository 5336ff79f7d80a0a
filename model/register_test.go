package model

import "testing"

func TestGuessRegisterField(t *testing.T) {
	for h, want := range map[string]RegisterField{
		"STT":                    RFNo,
		"Ngày tiếp":              RFDate,
		"NGAY TIEP":              RFDate,
		"Ngày, tháng":            RFDate,
		"Họ tên - địa chỉ":       RFNameAddress,
		"Họ và tên":              RFName,
		"Ho ten":                 RFName,
		"Số CCCD/Hộ chiếu":       RFIDNumber,
		"CMND":                   RFIDNumber,
		"SĐT":                    RFPhone,
		"Năm sinh":               RFBirthYear,
		"Nơi làm việc":           RFEmployer,
		"Tên doanh nghiệp":       RFEmployer,
		"Nội dung vụ việc":       RFContent,
		"Loại đơn KN":            RFKindKN,
		"Loại đơn TC":            RFKindTC,
		"Loại đơn KN, PA":        RFKindKNPA,
		"Phân loại đơn":          RFKind,
		"Số người cùng nội dung": RFHeadCount,
		"Cơ quan, tổ chức đã giải quyết":   RFEarlierBody,
		"Thuộc thẩm quyền (x)":             RFCompetent,
		"Hướng dẫn":                        RFGuided,
		"Cơ quan thụ lý/số văn bản chuyển": RFForwarded,
		"Theo dõi kết quả":                 RFResult,
		"Ghi chú":                          RFNote,
		"Ngày nhận đơn":                    RFReceivedDate,
		"":                                 RFSkip,
		"Chữ ký":                           RFSkip,
	} {
		if got := GuessRegisterField(h); got != want {
			t.Errorf("GuessRegisterField(%q) = %s, want %s", h, got, want)
		}
	}
}

func TestParseRegisterDate(t *testing.T) {
	today := Date{2026, 12, 2}
	for in, want := range map[string]Date{
		"05/03/2019":                {2019, 3, 5},
		"5/3/2019":                  {2019, 3, 5},
		"05-03-19":                  {2019, 3, 5},
		"5.3.19":                    {2019, 3, 5},
		"2019-03-05":                {2019, 3, 5},
		"43529":                     {2019, 3, 5},
		"43529.375":                 {2019, 3, 5},
		"ngày 5 tháng 3 năm 2019":   {2019, 3, 5},
		"Ngay 05 thang 03 nam 2019": {2019, 3, 5},
		"05/03/2019 08:30":          {2019, 3, 5},
		"1/1/99":                    {1999, 1, 1},
	} {
		got, m := ParseRegisterDate(in, today)
		if m != nil || got != want {
			t.Errorf("ParseRegisterDate(%q) = %v, %v; want %v", in, got, m, want)
		}
	}
	for _, in := range []string{"", "31/02/2019", "hôm qua", "05/13/2019", "12", "01/01/2027"} {
		if _, m := ParseRegisterDate(in, today); m == nil {
			t.Errorf("ParseRegisterDate(%q) accepted", in)
		}
	}
}

func TestParseRegisterKindResult(t *testing.T) {
	for in, want := range map[string]PetitionKind{"KN": KindComplaint, "tc": KindDenunciation, "KN/PA": KindRecommendation, "Kiến nghị, phản ánh": KindRecommendation, "PA": KindReport, "Khiếu nại": KindComplaint} {
		if got, ok := ParseRegisterKind(in); !ok || got != want {
			t.Errorf("ParseRegisterKind(%q) = %s", in, got)
		}
	}
	for in, want := range map[string]RegisterOutcome{
		"Đã giải quyết":        {StatusConcluded, ResultSettled},
		"đang giải quyết":      {StatusOpen, ""},
		"Đã giải quyết - đúng": {StatusConcluded, ResultRight},
		"Rút đơn":              {StatusConcluded, ResultWithdrawn},
		"":                     {},
	} {
		if got := ParseRegisterResult(in); got != want {
			t.Errorf("ParseRegisterResult(%q) = %v, want %v", in, got, want)
		}
	}
	if TidyName("NGUYỄN VĂN AN") != "Nguyễn Văn An" || TidyName("nguyễn văn an") != "Nguyễn Văn An" || TidyName("Lê thị Hoa") != "Lê thị Hoa" {
		t.Error("TidyName")
	}
	if n, a := SplitNameAddress("Nguyễn Văn An, xã Đặng Xá, Gia Lâm"); n != "Nguyễn Văn An" || a != "xã Đặng Xá, Gia Lâm" {
		t.Errorf("SplitNameAddress: %q %q", n, a)
	}
}
