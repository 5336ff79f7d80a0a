package followup_test

import (
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
	"donthu/tui/apptest"
	"donthu/tui/common"
	"donthu/tui/followup"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
)

// today is the day of the tests: Monday 2 March 2026, 09:00 in Vietnam.
var today = model.Date{Y: 2026, M: time.March, D: 2}

// The users: lan holds every role, binh handles cases, hoa receives
// visitors only; minh works at the office HN01.
const (
	lan  = "lan"
	binh = "binh"
	hoa  = "hoa"
)

// The cases of the fixture, by the sender's name.
const (
	extended  = "Lê Văn Cường"  // a confidential denunciation, extended once
	suspended = "Trần Thị Bích" // a complaint suspended 20/1, resumed 2/2
	late      = "Vũ Thị Giang"  // concluded after its deadline
	reopened  = "Phạm Văn Đức"  // concluded, then reopened
	conflict  = "Nguyễn Văn An" // concluded at GL07 and at HN01 at once
	fresh     = "Hoàng Văn Em"  // awaiting acceptance, received today
)

var (
	fixtureOnce sync.Once
	fixtureData []byte
	fixtureIDs  map[string]string
	fixtureErr  error
)

// fixture opens a copy of GL07's file on 2 March 2026. ids maps each
// sender's name to the id of their case.
func fixture(t testing.TB) (*store.Store, *storetest.Clock, map[string]string) {
	t.Helper()
	fixtureOnce.Do(func() { fixtureData, fixtureIDs, fixtureErr = buildFixture() })
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	path := filepath.Join(t.TempDir(), "GL07.db")
	if err := os.WriteFile(path, fixtureData, 0o600); err != nil {
		t.Fatal(err)
	}
	clk := &storetest.Clock{}
	clk.SetDate(today)
	s, err := store.Open(path, store.Options{Now: clk.Now, TrustClock: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, clk, fixtureIDs
}

func d(y int, m time.Month, day int) model.Date { return model.Date{Y: y, M: m, D: day} }

func buildFixture() ([]byte, map[string]string, error) {
	dir, err := os.MkdirTemp("", "followup-fixture-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	clk := &storetest.Clock{}
	clk.SetDate(d(2025, 11, 3))
	open := func(code, parent, login, name string) (*store.Store, error) {
		s, err := store.Open(filepath.Join(dir, code+".db"), store.Options{Now: clk.Now, NoSync: true, TrustClock: true})
		if err != nil {
			return nil, err
		}
		return s, s.Init(store.SiteInit{Code: code, Name: "Công đoàn " + code, Parent: parent, Login: login, UserName: name, Password: "matkhau"})
	}
	gl, err := open("GL07", "HN01", lan, "Nguyễn Thị Lan")
	if err != nil {
		return nil, nil, err
	}
	defer gl.Close()
	hn, err := open("HN01", "", "minh", "Phạm Văn Minh")
	if err != nil {
		return nil, nil, err
	}
	defer hn.Close()
	if err := gl.CreateUser(lan, model.User{Login: binh, Name: "Trần Văn Bình", Roles: []model.Role{model.RoleHandler}}, "matkhau"); err != nil {
		return nil, nil, err
	}
	if err := gl.CreateUser(lan, model.User{Login: hoa, Name: "Đỗ Thị Hoa", Roles: []model.Role{model.RoleReceptionist}}, "matkhau"); err != nil {
		return nil, nil, err
	}
	ids := map[string]string{}
	var steps []error
	step := func(err error) { steps = append(steps, err) }
	open1 := func(recv model.Date, name string, k model.PetitionKind, r model.Regime, f model.Field, summary string) string {
		clk.SetDate(recv)
		p, _, err := gl.RecordVisit(lan, store.VisitInput{
			Visit:      model.Visit{Content: summary, Outcome: model.OutcomePetition, Employer: "Công ty May Gia Lâm"},
			NewPersons: []model.Person{{Name: name, Phone: "0912345678", Address: "Thôn Đông, xã Gia Lâm", Employer: "Công ty May Gia Lâm"}},
			Petition:   &model.Petition{Kind: k, Summary: summary},
		})
		if err != nil {
			step(err)
			return ""
		}
		c, err := gl.Classify(lan, p.Petition, model.Classification{Kind: k, Regime: r, Field: f, Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1})
		if err != nil {
			step(err)
			return ""
		}
		ids[name] = c.ID
		return c.ID
	}
	act := func(id string, on model.Date, t model.EventType, a model.CaseAction) {
		clk.SetDate(on)
		a.On = on
		_, err := gl.CaseAction(lan, id, t, a)
		step(err)
	}
	// Concluded late: accepted 3/12/2025 (30 days: due Friday 2/1/2026),
	// concluded 15/1/2026.
	c := open1(d(2025, 12, 2), late, model.KindComplaint, model.RegimeLabour, model.FieldInsurance, "Chưa được đóng bảo hiểm xã hội năm 2025")
	act(c, d(2025, 12, 3), model.EvCaseAccepted, model.CaseAction{Handler: binh})
	act(c, d(2026, 1, 15), model.EvCaseConcluded, model.CaseAction{Result: model.ResultPartly, DecisionNo: "05/QĐ-CĐ", DecisionDate: d(2026, 1, 15)})
	// Suspended from 20/1 to 2/2 (13 days not counted).
	c = open1(d(2026, 1, 5), suspended, model.KindComplaint, model.RegimeLabour, model.FieldDismissal, "Bị sa thải khi đang nghỉ thai sản")
	act(c, d(2026, 1, 6), model.EvCaseAccepted, model.CaseAction{Handler: binh})
	act(c, d(2026, 1, 20), model.EvCaseSuspended, model.CaseAction{Reason: "Chờ kết luận thanh tra lao động"})
	act(c, d(2026, 2, 2), model.EvCaseResumed, model.CaseAction{})
	// Reopened: concluded 10/2, reopened 24/2.
	c = open1(d(2026, 1, 12), reopened, model.KindComplaint, model.RegimeLabour, model.FieldWages, "Bị trừ lương vì nghỉ ốm")
	act(c, d(2026, 1, 13), model.EvCaseAccepted, model.CaseAction{Handler: lan})
	act(c, d(2026, 2, 10), model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight, DecisionNo: "09/QĐ-CĐ", DecisionDate: d(2026, 2, 10)})
	act(c, d(2026, 2, 24), model.EvCaseReopened, model.CaseAction{Reason: "Công ty chưa hoàn trả tiền lương đã trừ"})
	// A confidential denunciation, accepted 3/2 (due 5/3), extended 2/3.
	c = open1(d(2026, 2, 2), extended, model.KindDenunciation, model.RegimeUnion, model.FieldUnionFee, "Tố cáo chủ tịch công đoàn sử dụng sai kinh phí")
	act(c, d(2026, 2, 3), model.EvCaseAccepted, model.CaseAction{Handler: binh})
	act(c, d(2026, 3, 2), model.EvCaseExtended, model.CaseAction{Days: 30, Reason: "Phải xác minh tại hai chi nhánh"})
	// Concluded at once at the site and at the office.
	c = open1(d(2026, 2, 9), conflict, model.KindComplaint, model.RegimeLabour, model.FieldWages, "Công ty nợ lương tháng 12 và tháng 1")
	act(c, d(2026, 2, 10), model.EvCaseAccepted, model.CaseAction{Handler: lan})
	step(exchange(gl, hn))
	clk.Set(time.Date(2026, 2, 27, 10, 0, 0, 0, model.VN))
	_, err = gl.CaseAction(lan, c, model.EvCaseConcluded, model.CaseAction{On: d(2026, 2, 27), Result: model.ResultRight, DecisionNo: "15/QĐ-CĐ", DecisionDate: d(2026, 2, 27)})
	step(err)
	clk.Set(time.Date(2026, 2, 27, 14, 30, 0, 0, model.VN))
	_, err = hn.CaseAction("minh", c, model.EvCaseConcluded, model.CaseAction{On: d(2026, 2, 27), Result: model.ResultWrong, DecisionNo: "31/QĐ-LĐLĐ", DecisionDate: d(2026, 2, 27)})
	step(err)
	step(exchange(hn, gl))
	step(exchange(gl, hn))
	// Awaiting acceptance, received today, with a reminder for today.
	c = open1(today, fresh, model.KindComplaint, model.RegimeLabour, model.FieldHours, "Không được trả tiền làm thêm giờ")
	step(gl.SetReminder(lan, ids[suspended], model.Reminder{On: today, Text: "Gọi công ty hỏi kết luận thanh tra"}))
	for _, err := range steps {
		if err != nil {
			return nil, nil, err
		}
	}
	if err := gl.Close(); err != nil {
		return nil, nil, err
	}
	b, err := os.ReadFile(filepath.Join(dir, "GL07.db"))
	return b, ids, err
}

// exchange imports into to every event of from that to lacks, as a
// bundle would carry them.
func exchange(from, to *store.Store) error {
	have := to.Heads()
	var evs []model.Event
	heads := from.Heads()
	sites := make([]string, 0, len(heads))
	for s := range heads {
		sites = append(sites, s)
	}
	sort.Strings(sites)
	for _, site := range sites {
		if err := from.EachEvent(site, have[site], func(e model.Event) error { evs = append(evs, e); return nil }); err != nil {
			return err
		}
	}
	_, err := to.Import(store.EventsOf(evs), nil)
	return err
}

func newCtx(t testing.TB, s *store.Store, clk *storetest.Clock, login string, lang model.Lang) *common.Context {
	return tuitest.Context(t, s, clk.Now, login, lang)
}

// screen makes a follow-up screen of 80x21 (the body of 80x24) for login.
func screen(t testing.TB, s *store.Store, clk *storetest.Clock, login string, lang model.Lang) common.Screen {
	t.Helper()
	sc := followup.New(newCtx(t, s, clk, login, lang))
	sc.SetSize(80, 21)
	sc, _ = tuitest.Feed(sc, tuitest.Drain(sc.Init())...)
	return sc
}

func key(t tea.KeyType) tea.KeyMsg { return tea.KeyMsg{Type: t} }

// The drivers are tuitest's and apptest's; these names keep the tests short.
var (
	runes  = tuitest.Msgs
	send   = tuitest.Feed
	runCmd = tuitest.Drain
	plain  = tuitest.Strip
)

// newApp drives the whole interface, as the binary does, at w x h.
func newApp(s *store.Store, clk *storetest.Clock, login string, lang model.Lang, w, h int) *apptest.App {
	return apptest.New(s, clk.Now, login, lang, w, h)
}

// golden compares got with testdata/name.golden (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	tuitest.GoldenAt(t, filepath.Join("testdata", name+".golden"), got)
}
