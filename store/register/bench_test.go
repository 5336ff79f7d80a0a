package register

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"donthu/store/storetest"

	"github.com/xuri/excelize/v2"
)

// writeLarge writes a reception register of n rows: a fifth of the
// visitors come back (matched by ID number), a third bring a complaint
// that was resolved.
func writeLarge(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "large.xlsx")
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		tb.Fatal(err)
	}
	sw.SetRow("A1", []any{"STT", "Ngày tiếp", "Họ và tên", "Số CCCD", "Năm sinh", "Nơi làm việc", "Nội dung", "Loại đơn", "Theo dõi kết quả"})
	start := time.Date(2015, 1, 5, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		person := i
		if i%5 == 4 {
			person = i - 3
		}
		row := []any{i + 1, start.AddDate(0, 0, i*3000/n), nameOf(person),
			fmt.Sprintf("0010%02d%06d", 80+person%20, person), 1980 + person%20, fmt.Sprintf("Công ty số %d", person%300),
			fmt.Sprintf("Nội dung lần tiếp số %d về tiền lương", i), "", ""}
		if i%3 == 0 {
			row[7], row[8] = "KN", "Đã giải quyết"
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			tb.Fatal(err)
		}
	}
	sw.Flush()
	if err := f.SaveAs(path); err != nil {
		tb.Fatal(err)
	}
	return path
}

var (
	families = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ"}
	middles  = []string{"Văn", "Thị", "Minh", "Đức", "Thu", "Hữu", "Ngọc", "Quang", "Thanh", "Xuân"}
	givens   = []string{"An", "Bình", "Cường", "Dung", "Giang", "Hoa", "Hùng", "Lan", "Mai", "Nam", "Oanh", "Phúc", "Quân", "Sơn", "Tâm", "Uyên", "Việt", "Yến", "Hải", "Khánh"}
)

// nameOf gives person n a name of four words; names repeat, numbers do not.
func nameOf(n int) string {
	return families[n%10] + " " + middles[(n/10)%10] + " " + givens[(n/100)%20] + " " + givens[(n/2000)%20]
}

// BenchmarkImport20k reads, plans and imports a 20,000-row register into
// a fresh site (budget: a few seconds on an old laptop).
func BenchmarkImport20k(b *testing.B) {
	path := writeLarge(b, 20000)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, _ := storetest.New(b, "GL07")
		b.StartTimer()
		tb, err := Read(path, "")
		if err != nil {
			b.Fatal(err)
		}
		p, err := Prepare(s, tb, Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Apply(s, p, "lan", ApplyOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Rows != 20000 || res.Persons != 16000 {
			b.Fatalf("%+v", res)
		}
	}
}
