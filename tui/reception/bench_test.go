package reception

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/tui/common"
	"donthu/tui/textfield"
	"donthu/tui/tuitest"
)

var (
	hoList  = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	demList = []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Thu", "Quang", "Xuân", "Thị Thu", "Văn Minh"}
	tenList = []string{"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh", "Mai", "Nam", "Nga", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Vy", "Yến", "Đức"}
	empList = []string{"Công ty May Gia Lâm", "Công ty Điện tử Hà Nội", "Công ty Giày Thượng Đình", "Công ty Bánh kẹo Hải Hà", "Công ty Cơ khí Đông Anh", "Công ty Dệt Kim Đông Xuân"}
	provs   = []string{"001", "022", "027", "030", "031", "033", "034", "036", "038", "040", "079"}
)

// bigStore is a site with n persons, a tenth of them with a CCCD number
// and a phone, built once per test binary (store.BulkLoad, 1,000 persons
// per transaction, no fsync).
var (
	bigOnce  sync.Once
	bigPath  string
	bigErr   error
	bigClock = time.Date(2026, 3, 2, 9, 0, 0, 0, model.VN)
)

func buildBig(dir string, n int) (string, error) {
	path := filepath.Join(dir, "big.db")
	now := func() time.Time { return bigClock }
	s, err := store.Open(path, store.Options{NoSync: true, Now: now})
	if err != nil {
		return "", err
	}
	defer s.Close()
	if err := s.Init(store.SiteInit{Code: "GL07", Name: "Công đoàn GL07", Login: "lan", UserName: "Nguyễn Thị Lan", Password: "matkhau"}); err != nil {
		return "", err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for done := 0; done < n; {
		err := s.BulkLoad(func(b *store.Bulk) error {
			for i := 0; i < 1000 && done < n; i, done = i+1, done+1 {
				p := model.Person{
					Name:     hoList[rng.IntN(len(hoList))] + " " + demList[rng.IntN(len(demList))] + " " + tenList[rng.IntN(len(tenList))],
					Employer: empList[rng.IntN(len(empList))],
				}
				if done%10 == 0 {
					p.BirthYear = 1960 + rng.IntN(45)
					p.Sex = model.SexMale
					if rng.IntN(2) == 0 {
						p.Sex = model.SexFemale
					}
					century := 0
					if p.BirthYear >= 2000 {
						century = 2
					}
					if p.Sex == model.SexFemale {
						century++
					}
					p.IDKind = model.IDCCCD
					p.IDNumber = fmt.Sprintf("%s%d%02d%06d", provs[rng.IntN(len(provs))], century, p.BirthYear%100, done)
					p.Phone = fmt.Sprintf("09%08d", done)
				}
				if _, err := b.RecordPerson("lan", p); err != nil {
					return fmt.Errorf("person %d %+v: %w", done, p, err)
				}
			}
			return nil
		})
		if err != nil {
			return "", err
		}
	}
	return path, nil
}

func bigCtx(b *testing.B) *common.Context {
	b.Helper()
	bigOnce.Do(func() {
		dir, err := mkTemp()
		if err != nil {
			bigErr = err
			return
		}
		start := time.Now()
		bigPath, bigErr = buildBig(dir, 100_000)
		b.Logf("100,000 persons written in %v", time.Since(start).Round(time.Millisecond))
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	s, err := store.Open(bigPath, store.Options{NoSync: true, ReadOnly: true, Now: func() time.Time { return bigClock }})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	u := model.User{Login: "lan", Name: "Nguyễn Thị Lan", Roles: []model.Role{model.RoleAdmin}}
	return &common.Context{Store: s, User: u, Lang: model.VI, Words: common.WordsFor(model.VI), Styles: common.PlainStyles(),
		Now: func() time.Time { return bigClock }, Input: &common.InputSettings{Mode: textfield.ModeOff}}
}

// BenchmarkSearchKeystroke100k measures one keystroke in the search field
// with 100,000 persons on file, from the key to the rendered view: Update
// with the key, the search command it returns (the in-memory scan and the
// cards of the first matches), Update with the result, and View.
func BenchmarkSearchKeystroke100k(b *testing.B) {
	ctx := bigCtx(b)
	m := New(ctx).(*Model)
	m.SetSize(80, 21)
	ctx.Store.SearchPersons("warm up the index", 1)
	queries := []string{"nguyen van an", "tran thi", "le", "hoang minh tuan", "pham thu h", "0900123", "001085", "duc"}
	found := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		q := []rune(queries[i%len(queries)])
		b.StopTimer()
		m.form.search.SetValue(string(q[:len(q)-1]))
		b.StartTimer()
		_, cmd := m.Update(tuitest.Runes(string(q[len(q)-1:]))[0])
		if cmd == nil {
			b.Fatal("no search command")
		}
		msg := cmd()
		m.Update(msg)
		_ = m.View()
		found += msg.(searchMsg).found
	}
	b.ReportMetric(float64(found)/float64(b.N), "matches/op")
}

// BenchmarkSearchScan100k is the store's scan alone, for comparison.
func BenchmarkSearchScan100k(b *testing.B) {
	ctx := bigCtx(b)
	ctx.Store.SearchPersons("warm up", 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ctx.Store.SearchPersons("nguyen van an", 200)
	}
}

var tempDir string

// mkTemp makes the directory of the shared fixture; TestMain removes it.
func mkTemp() (string, error) {
	var err error
	tempDir, err = os.MkdirTemp("", "reception-bench-")
	return tempDir, err
}

func TestMain(m *testing.M) {
	code := m.Run()
	if tempDir != "" {
		os.RemoveAll(tempDir)
	}
	os.Exit(code)
}
