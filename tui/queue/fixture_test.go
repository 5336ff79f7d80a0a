package queue_test

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/apptest"
	"donthu/tui/common"
	"donthu/tui/queue"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
)

// today is the day the tests look at the queue: Monday 2 March 2026.
var today = model.Date{Y: 2026, M: time.March, D: 2}

// The users of the fixture: lan holds every role, binh handles cases,
// hoa receives visitors only.
const (
	lan  = "lan"
	binh = "binh"
	hoa  = "hoa"
)

var (
	fixtureOnce sync.Once
	fixtureData []byte
	fixtureErr  error
)

// fixture opens a copy of a small office's file at 09:00 on 2 March 2026:
// cases overdue, due soon, on time, awaiting acceptance, suspended,
// confidential, and two closed, one of which came back.
func fixture(t testing.TB) (*store.Store, *storetest.Clock) {
	t.Helper()
	fixtureOnce.Do(func() { fixtureData, fixtureErr = buildFixture() })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	path := filepath.Join(t.TempDir(), "GL07.db")
	if err := os.WriteFile(path, fixtureData, 0o600); err != nil {
		t.Fatal(err)
	}
	clk := &storetest.Clock{}
	clk.SetDate(today)
	s, err := store.Open(path, store.Options{Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, clk
}

func buildFixture() ([]byte, error) {
	dir, err := os.MkdirTemp("", "queue-fixture-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "GL07.db")
	clk := &storetest.Clock{}
	clk.SetDate(model.Date{Y: 2025, M: time.September, D: 1})
	s, err := store.Open(path, store.Options{Now: clk.Now, NoSync: true})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if err := s.Init(store.SiteInit{Code: "GL07", Name: "Công đoàn cơ sở Công ty May Gia Lâm", Login: lan, UserName: "Nguyễn Thị Lan", Password: "matkhau"}); err != nil {
		return nil, err
	}
	if err := s.CreateUser(lan, model.User{Login: binh, Name: "Trần Văn Bình", Roles: []model.Role{model.RoleHandler}}, "matkhau"); err != nil {
		return nil, err
	}
	if err := s.CreateUser(lan, model.User{Login: hoa, Name: "Đỗ Thị Hoa", Roles: []model.Role{model.RoleReceptionist}}, "matkhau"); err != nil {
		return nil, err
	}
	type act struct {
		on model.Date
		t  model.EventType
		a  model.CaseAction
	}
	add := func(recv model.Date, name, employer, summary string, k model.PetitionKind, r model.Regime, f model.Field, acts ...act) error {
		clk.SetDate(recv)
		p, err := s.RegisterPetition(lan, model.Petition{SenderName: name, Employer: employer, Summary: summary, Kind: k, Received: recv, Source: model.SourcePost})
		if err != nil {
			return err
		}
		c, err := s.Classify(lan, p.ID, model.Classification{Kind: k, Regime: r, Field: f, Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1})
		if err != nil {
			return err
		}
		for _, x := range acts {
			clk.SetDate(x.on)
			if _, err := s.CaseAction(lan, c.ID, x.t, x.a); err != nil {
				return err
			}
		}
		return nil
	}
	d := func(y int, m time.Month, day int) model.Date { return model.Date{Y: y, M: m, D: day} }
	accept := func(on model.Date, handler string) act {
		return act{on, model.EvCaseAccepted, model.CaseAction{On: on, Handler: handler}}
	}
	steps := []error{
		// Closed on 1/10/2025, upheld; the same worker writes again in February.
		add(d(2025, 9, 1), "Đặng Văn Hùng", "Công ty May Gia Lâm", "Công ty nợ lương ba tháng", model.KindComplaint, model.RegimeLabour, model.FieldWages,
			accept(d(2025, 9, 3), lan), act{d(2025, 10, 1), model.EvCaseConcluded, model.CaseAction{On: d(2025, 10, 1), Result: model.ResultRight, DecisionNo: "12/QĐ-CĐ", DecisionDate: d(2025, 10, 1)}}),
		// Overdue: accepted 6/1, 30 days.
		add(d(2026, 1, 5), "Trần Thị Bích", "Công ty Điện tử Sao Mai", "Bị sa thải khi đang nghỉ thai sản", model.KindComplaint, model.RegimeLabour, model.FieldDismissal,
			accept(d(2026, 1, 6), binh)),
		// Due soon: accepted 3/2, 30 days: due Thursday 5/3.
		add(d(2026, 2, 2), "Nguyễn Văn An", "Công ty May Gia Lâm", "Công ty nợ lương tháng 12 và tháng 1", model.KindComplaint, model.RegimeLabour, model.FieldWages,
			accept(d(2026, 2, 3), lan)),
		// Confidential denunciation handled by binh.
		add(d(2026, 2, 9), "Lê Văn Cường", "Công ty May Gia Lâm", "Tố cáo chủ tịch công đoàn sử dụng sai kinh phí", model.KindDenunciation, model.RegimeUnion, model.FieldUnionFee,
			accept(d(2026, 2, 10), binh)),
		// Suspended.
		add(d(2026, 1, 20), "Vũ Thị Giang", "Công ty Điện tử Sao Mai", "Chưa được đóng bảo hiểm xã hội", model.KindComplaint, model.RegimeLabour, model.FieldInsurance,
			accept(d(2026, 1, 21), lan), act{d(2026, 2, 4), model.EvCaseSuspended, model.CaseAction{On: d(2026, 2, 4), Reason: "Chờ kết quả thanh tra"}}),
		// Awaiting acceptance.
		add(d(2026, 2, 26), "Hoàng Văn Em", "Công ty Cơ khí Đông Anh", "Không được trả tiền làm thêm giờ", model.KindComplaint, model.RegimeLabour, model.FieldHours),
		// A recommendation received today: 10 working days.
		add(d(2026, 3, 2), "Phạm Thị Dung", "Công ty May Gia Lâm", "Kiến nghị cải thiện bữa ăn ca", model.KindRecommendation, model.RegimeCitizens, model.FieldPolicy),
		// Came back: the same sender and wages as the first.
		add(d(2026, 2, 16), "Đặng Văn Hùng", "Công ty May Gia Lâm", "Công ty vẫn nợ lương ba tháng chưa trả", model.KindComplaint, model.RegimeLabour, model.FieldWages,
			accept(d(2026, 2, 17), "")),
		// Rejected: closed.
		add(d(2026, 2, 11), "Bùi Văn Khánh", "Công ty Cơ khí Đông Anh", "Đòi tăng lương", model.KindComplaint, model.RegimeLabour, model.FieldWages,
			act{d(2026, 2, 12), model.EvCaseRejected, model.CaseAction{On: d(2026, 2, 12), Reason: "Không thuộc thẩm quyền"}}),
	}
	for _, err := range steps {
		if err != nil {
			return nil, err
		}
	}
	if err := s.Close(); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// newCtx makes the context a screen gets, for login, in lang.
func newCtx(t testing.TB, s *store.Store, clk *storetest.Clock, login string, lang model.Lang) *common.Context {
	return tuitest.Context(t, s, clk.Now, login, lang)
}

// screen makes a queue screen of size 80x21 (the body of 80x24) and
// shows it.
func screen(t testing.TB, s *store.Store, clk *storetest.Clock, login string) common.Screen {
	t.Helper()
	sc := queue.New(newCtx(t, s, clk, login, model.VI))
	sc.SetSize(80, 21)
	sc, _ = keys(sc, runCmd(sc.Init())...)
	return sc
}

func key(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

// The drivers are tuitest's and apptest's; these names keep the tests short.
var (
	runes  = tuitest.Msgs
	keys   = tuitest.Feed
	runCmd = tuitest.Drain
	plain  = tuitest.Strip
)

// newApp drives the whole interface, as the binary does, at w x h.
func newApp(t testing.TB, s *store.Store, clk *storetest.Clock, login string, lang model.Lang, w, h int) *apptest.App {
	return apptest.New(s, clk.Now, login, lang, w, h)
}

// golden compares got with testdata/name.golden (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	tuitest.GoldenAt(t, filepath.Join("testdata", name+".golden"), got)
}
