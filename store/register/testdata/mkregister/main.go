// Command mkregister writes testdata/register.xlsx: a messy reception
// register of 2019 as offices kept them (Mẫu 03/TCD columns, a two-row
// header with merged cells, a numbering row, names typed in TCVN3, the
// employer in VNI-Windows, dates as Excel dates and as text in several
// forms, empty rows, a total row, names in capitals, the same worker
// twice, and rows that cannot be imported), and a second sheet holding a
// petitions register. Run: go generate ./store/register
package main

import (
	"log"
	"time"

	"github.com/xuri/excelize/v2"
)

func main() {
	f := excelize.NewFile()
	defer f.Close()
	sh := "So tiep 2019"
	f.SetSheetName("Sheet1", sh)
	set := func(cell string, v any) {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			log.Fatal(err)
		}
	}
	merge := func(a, b string) {
		if err := f.MergeCell(sh, a, b); err != nil {
			log.Fatal(err)
		}
	}
	set("A1", "LIÊN ĐOÀN LAO ĐỘNG HUYỆN GIA LÂM")
	merge("A1", "G1")
	set("A2", "SỔ TIẾP CÔNG DÂN NĂM 2019")
	merge("A2", "O2")
	// Header over two rows: single columns merged down, "Loại đơn" across.
	heads := map[string]string{
		"A": "STT", "B": "Ngày tiếp", "C": "Hä tªn - ®Þa chØ", "D": "Số CCCD/CMND", "E": "Điện thoại",
		"F": "Năm sinh", "G": "Nơi làm việc", "H": "Nội dung vụ việc", "I": "Loại đơn",
		"L": "Số người", "M": "Thuộc thẩm quyền (x)", "N": "Hướng dẫn", "O": "Cơ quan thụ lý/số văn bản chuyển",
		"P": "Theo dõi kết quả", "Q": "Ghi chú",
	}
	for col, h := range heads {
		set(col+"4", h)
		if col != "I" {
			merge(col+"4", col+"5")
		}
	}
	merge("I4", "K4")
	set("I5", "KN")
	set("J5", "TC")
	set("K5", "KN, PA")
	for i, col := range []string{"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q"} {
		set(col+"6", "("+string(rune('0'+(i+1)/10))+string(rune('0'+(i+1)%10))+")")
	}
	day := func(d int) time.Time { return time.Date(2019, 3, d, 0, 0, 0, 0, time.UTC) }
	rows := [][]any{
		{1, day(5), "NguyÔn V¨n An, x· §Æng X¸, Gia L©m", "001090012345", "0912345678", 1990, "Coâng ty May Ñöùc Giang", "Nợ lương tháng 1, 2 năm 2019", "x", "", "", 1, "x", "", "", "Đã giải quyết - đúng", ""},
		{2, "06/03/19", "trÇn thÞ b×nh, thÞ trÊn Tr©u Quú", "", "0987 654 321", "1985", "Coâng ty TNHH Hoøa Phaùt", "Xin hướng dẫn thủ tục hưởng BHXH một lần", "", "", "", 1, "", "x", "", "", ""},
		nil,
		{3, "ngày 12 tháng 3 năm 2019", "Lª V¨n C\u00adêng, Yªn Viªn", "", "", 1988, "Coâng ty May Ñöùc Giang", "Bị sa thải trái pháp luật", "x", "", "", 1, "", "", "Chuyển Thanh tra Sở LĐTBXH, CV số 15", "", ""},
		{4, day(14), "NguyÔn V¨n An, x· §Æng X¸", "001090012345", "", 1990, "Coâng ty May Ñöùc Giang", "Hỏi tiến độ giải quyết việc nợ lương", "", "", "", 1, "", "", "", "", "Lần 2"},
		{5, "31/02/2019", "Ph¹m ThÞ Dung, Kiªu Kþ", "", "", 1979, "", "Phản ánh điều kiện vệ sinh nhà ăn", "", "", "x", 1, "", "", "", "", ""},
		{6, "15/03/2019", "", "", "0911222333", "", "", "Hỏi về đoàn phí", "", "", "", 1, "", "", "", "", ""},
		{7, "18-03-2019", "HOµNG V¡N EM, Tr©u Quú", "12345", "", 1992, "Coâng ty TNHH Hoøa Phaùt", "Tố cáo tổ trưởng ép làm thêm giờ", "", "x", "", 6, "x", "", "", "đang giải quyết", "Đoàn 6 người"},
		{8, "20/3/2019", "§ç ThÞ Giang, D\u00ad¬ng X¸", "", "0903111222", 1995, "Coâng ty May Ñöùc Giang", "Công ty chậm đóng BHXH", "x", "", "", 1, "x", "", "", "", ""},
		{9, "22.03.2019", "NguyÔn V¨n Anh, §Æng X¸", "", "", 1991, "Coâng ty May Ñöùc Giang", "Hỏi về thưởng Tết", "", "", "", 1, "", "", "", "", ""},
		{10, "25/03/2019", "Vò ThÞ Hoa, Cæ Bi", "", "", 1990, "", "", "", "", "", 1, "", "", "", "", ""},
		nil,
		{"Tổng cộng", "", "", "", "", "", "", "10 lượt", "3", "1", "1", 15},
	}
	r := 7
	for _, row := range rows {
		for j, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(j+1, r)
			set(cell, v)
		}
		r++
	}
	merge("A18", "G18")

	// A second sheet: the petitions register of 2020, headers without
	// diacritics, one column for the kind.
	don := "So don 2020"
	f.NewSheet(don)
	for i, row := range [][]any{
		{"STT", "Ngay nhan don", "Nguoi gui", "Loai don", "Noi dung", "Ket qua giai quyet"},
		{1, "03/02/2020", "Nguyễn Văn An", "KN", "Công ty chưa trả lương tháng 12", "Đã giải quyết, đúng một phần"},
		{2, "10/02/2020", "Trần Thị Bình", "KN/PA", "Đề nghị tổ chức đối thoại", ""},
	} {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue(don, cell, v); err != nil {
				log.Fatal(err)
			}
		}
	}
	if err := f.SaveAs("testdata/register.xlsx"); err != nil {
		log.Fatal(err)
	}
}
