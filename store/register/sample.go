package register

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
)

// WriteSample writes a reception register of n rows to path (.xlsx), for
// measuring imports at scale (BenchmarkImport20k, donthu-bench): a fifth
// of the visitors come back (matched by ID number), a third bring a
// complaint that was resolved; names repeat, numbers do not.
func WriteSample(path string, n int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	if err := sw.SetRow("A1", []any{"STT", "Ngày tiếp", "Họ và tên", "Số CCCD", "Năm sinh", "Nơi làm việc", "Nội dung", "Loại đơn", "Theo dõi kết quả"}); err != nil {
		return err
	}
	start := time.Date(2015, 1, 5, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		person := i
		if i%5 == 4 {
			person = i - 3
		}
		row := []any{i + 1, start.AddDate(0, 0, i*3000/n), sampleName(person),
			fmt.Sprintf("0010%02d%06d", 80+person%20, person), 1980 + person%20, fmt.Sprintf("Công ty số %d", person%300),
			fmt.Sprintf("Nội dung lần tiếp số %d về tiền lương", i), "", ""}
		if i%3 == 0 {
			row[7], row[8] = "KN", "Đã giải quyết"
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.SaveAs(path)
}

var (
	families = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"}
	middles  = []string{"Văn", "Thị", "Minh", "Đức", "Thu", "Hữu", "Ngọc", "Quang", "Thanh", "Xuân"}
	givens   = []string{"An", "Bình", "Cường", "Dung", "Giang", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quân", "Sơn", "Tâm", "Uyên", "Việt", "Yến", "Hải", "Khánh"}
)

// sampleName gives person n a name of four words.
func sampleName(n int) string {
	return families[n%10] + " " + middles[(n/10)%10] + " " + givens[(n/100)%20] + " " + givens[(n/2000)%20]
}
