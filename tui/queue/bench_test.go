package queue_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/common"
	"donthu/tui/queue"

	tea "github.com/charmbracelet/bubbletea"
)

// benchCases is the size of the office the benchmarks open: ten thousand
// open cases.
const benchCases = 10000

var (
	bigOnce sync.Once
	bigDir  string
	bigErr  error
	bigTime time.Duration
)

func TestMain(m *testing.M) {
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir)
	}
	os.Exit(code)
}

// bigStore opens a file with benchCases open cases, built once through the
// store's public API (a bulk transaction, no fsync).
func bigStore(b *testing.B) (*store.Store, *storetest.Clock) {
	b.Helper()
	bigOnce.Do(func() {
		bigDir, bigErr = os.MkdirTemp("", "queue-bench-")
		if bigErr == nil {
			start := time.Now()
			bigErr = buildBig(filepath.Join(bigDir, "big.db"))
			bigTime = time.Since(start)
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	clk := &storetest.Clock{}
	clk.SetDate(today)
	s, err := store.Open(filepath.Join(bigDir, "big.db"), store.Options{Now: clk.Now, NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s, clk
}

func buildBig(path string) error {
	clk := &storetest.Clock{}
	clk.SetDate(model.Date{Y: 2025, M: time.March, D: 3})
	s, err := store.Open(path, store.Options{Now: clk.Now, NoSync: true})
	if err != nil {
		return err
	}
	defer s.Close()
	if err := s.Init(store.SiteInit{Code: "GL07", Name: "Công đoàn GL07", Login: lan, UserName: "Nguyễn Thị Lan", Password: "matkhau"}); err != nil {
		return err
	}
	if err := s.CreateUser(lan, model.User{Login: binh, Name: "Trần Văn Bình", Roles: []model.Role{model.RoleHandler}}, "matkhau"); err != nil {
		return err
	}
	ho := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"}
	dem := []string{"Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc"}
	ten := []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Yến"}
	emp := []string{"Công ty May Gia Lâm", "Công ty Điện tử Sao Mai", "Công ty Cơ khí Đông Anh", "Công ty Giày da Phú Thị", "Công ty Bao bì Long Biên"}
	sum := []string{"Công ty nợ lương ba tháng", "Chưa đóng bảo hiểm xã hội", "Bị sa thải trái luật", "Không trả tiền làm thêm giờ", "Không ký hợp đồng lao động"}
	kinds := []model.PetitionKind{model.KindComplaint, model.KindComplaint, model.KindComplaint, model.KindDenunciation, model.KindRecommendation}
	fields := []model.Field{model.FieldWages, model.FieldInsurance, model.FieldDismissal, model.FieldHours, model.FieldContract}
	const perBatch = 1000
	for start := 0; start < benchCases; start += perBatch {
		err := s.BulkLoad(func(bk *store.Bulk) error {
			for i := start; i < start+perBatch && i < benchCases; i++ {
				recv := model.Date{Y: 2025, M: time.March, D: 3}.AddDays(i * 360 / benchCases)
				bk.SetNow(recv.Time())
				k := kinds[i%len(kinds)]
				regime := model.RegimeLabour
				switch k {
				case model.KindDenunciation:
					regime = model.RegimeUnion
				case model.KindRecommendation:
					regime = model.RegimeCitizens
				}
				p, err := bk.RegisterPetition(lan, model.Petition{
					SenderName: fmt.Sprintf("%s %s %s", ho[i%len(ho)], dem[(i/10)%len(dem)], ten[(i/7)%len(ten)]),
					Employer:   emp[i%len(emp)], Summary: sum[(i/3)%len(sum)], Kind: k, Received: recv, Source: model.SourcePost,
				})
				if err != nil {
					return err
				}
				c, err := bk.Classify(lan, p.ID, model.Classification{Kind: k, Regime: regime, Field: fields[i%len(fields)], Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1})
				if err != nil {
					return err
				}
				if i%4 != 0 && k != model.KindRecommendation {
					handler := lan
					if i%2 == 0 {
						handler = binh
					}
					if _, err := bk.CaseAction(lan, c.ID, model.EvCaseAccepted, model.CaseAction{On: recv.AddDays(1), Handler: handler}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func benchScreen(b *testing.B) (common.Screen, *store.Store) {
	s, clk := bigStore(b)
	sc := queue.New(newCtx(b, s, clk, lan, model.VI))
	sc.SetSize(80, 21)
	sc, _ = keys(sc, runCmd(sc.Init())...)
	if n := len(listRows(sc)); n == 0 {
		b.Fatal("empty queue")
	}
	return sc, s
}

// BenchmarkOpen is F4 pressed the first time after signing in: the rows
// were built in a command the root ran at sign-in (Prefetch); the timed
// part is what the interface's loop does: take the built list, then the
// key shows it and the first page is drawn.
func BenchmarkOpen(b *testing.B) {
	s, clk := bigStore(b)
	ctx := newCtx(b, s, clk, lan, model.VI)
	runCmd(queue.New(ctx).Init()) // the store's case cache is loaded at sign-in
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		sc := queue.New(ctx)
		sc.SetSize(80, 21)
		built := runCmd(sc.(common.Prefetcher).Prefetch())
		b.StartTimer()
		sc, _ = keys(sc, built...)
		sc.Init()
		_ = sc.View()
	}
	b.ReportMetric(float64(benchCases), "cases")
	b.Logf("fixture of %d cases built in %s", benchCases, bigTime.Round(time.Millisecond))
}

// BenchmarkOpenCold is the rows built from nothing and shown at once: what
// the background build costs, and what F4 costs when it is pressed at the
// very moment of signing in, or on the first open of a new day.
func BenchmarkOpenCold(b *testing.B) {
	s, clk := bigStore(b)
	ctx := newCtx(b, s, clk, lan, model.VI)
	runCmd(queue.New(ctx).Init())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sc := queue.New(ctx)
		sc.SetSize(80, 21)
		sc, _ = keys(sc, runCmd(sc.Init())...)
		_ = sc.View()
	}
}

// BenchmarkReopen is F4 pressed again, the rows already built.
func BenchmarkReopen(b *testing.B) {
	sc, _ := benchScreen(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sc.Init()
		_ = sc.View()
	}
}

// BenchmarkSearchKey is one key typed in the search box: a letter that
// matches most cases, then Backspace, each followed by the view.
func BenchmarkSearchKey(b *testing.B) {
	sc, _ := benchScreen(b)
	typed := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'n'}}
	back := tea.KeyMsg{Type: tea.KeyBackspace}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := typed
		if i%2 == 1 {
			k = back
		}
		sc, _ = sc.Update(k)
		_ = sc.View()
	}
}

// BenchmarkSearchName is a whole name typed, one key per letter, as a
// person types it: the cost per key.
func BenchmarkSearchName(b *testing.B) {
	sc, _ := benchScreen(b)
	msgs := runes("nguyen van an")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := msgs[i%len(msgs)]
		if i%len(msgs) == 0 {
			sc, _ = sc.Update(key(tea.KeyEsc))
		}
		sc, _ = sc.Update(k)
		_ = sc.View()
	}
}

// BenchmarkFilter is the filter form applied (Enter): kind and field
// combined, then cleared (Ctrl+X), each followed by the view.
func BenchmarkFilter(b *testing.B) {
	sc, s := benchScreen(b)
	sc = pressFilter(sc, 1)
	sc, _ = keys(sc, key(tea.KeyRight), key(tea.KeyDown), key(tea.KeyRight))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if i%2 == 0 {
			sc = pressFilter(sc, 1)
			sc, _ = keys(sc, key(tea.KeyRight), key(tea.KeyDown), key(tea.KeyRight))
		}
		b.StartTimer()
		if i%2 == 0 {
			sc, _ = sc.Update(key(tea.KeyEnter)) // apply (saves the preference)
		} else {
			sc, _ = sc.Update(key(tea.KeyCtrlX)) // clear
		}
		_ = sc.View()
	}
	_ = s
}

// BenchmarkScroll is one PgDown (back to the top at the end), then the view.
func BenchmarkScroll(b *testing.B) {
	sc, _ := benchScreen(b)
	down, home := key(tea.KeyPgDown), key(tea.KeyHome)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := down
		if i%500 == 499 {
			k = home
		}
		sc, _ = sc.Update(k)
		_ = sc.View()
	}
}
