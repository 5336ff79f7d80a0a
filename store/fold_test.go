package store_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// seeds is how many random orders the property tests try: a few in the
// ordinary run, more with DONTHU_SEEDS (make fuzz sets 500).
func seeds() int {
	if n, err := strconv.Atoi(os.Getenv("DONTHU_SEEDS")); err == nil && n > 0 {
		return n
	}
	return 20
}

// stateByID reads DumpState into a map id -> state JSON.
func stateByID(t *testing.T, s *store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(storetest.State(t, s)))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var line struct {
			ID    string          `json:"id"`
			State json.RawMessage `json:"state"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatal(err)
		}
		out[line.ID] = string(line.State)
	}
	return out
}

// twoSites is a grassroots site GL07 and its office HN01 that have
// exchanged their logs once, then each edited without seeing the other.
type twoSites struct {
	a, b       *store.Store
	clkA, clkB *storetest.Clock
	person     string     // recorded at GL07
	kase       model.Case // a GL07 case, accepted
}

func newTwoSites(t *testing.T) *twoSites {
	t.Helper()
	ts := &twoSites{clkA: &storetest.Clock{T: storetest.Start}, clkB: &storetest.Clock{T: storetest.Start}}
	ts.a = storetest.NewSite(t, storetest.Site{Code: "GL07", Parent: "HN01", Login: "lan", Clock: ts.clkA})
	ts.b = storetest.NewSite(t, storetest.Site{Code: "HN01", Login: "hoa", Clock: ts.clkB})
	office(t, ts.a, ts.clkA)
	ts.clkA.Advance(time.Hour)
	ts.person = res(ts.a.RecordPerson("lan", model.Person{Name: "Nguyễn Văn Tranh", Phone: "0900000001"})).must(t).ID
	p := storetest.Visit(t, ts.a, "Lê Thị Hai Nơi", model.KindComplaint)
	ts.kase = storetest.Accept(t, ts.a, p.ID, model.KindComplaint, model.RegimeLabour)
	ts.kase = storetest.Act(t, ts.a, ts.kase.ID, model.EvCaseAccepted, model.CaseAction{})
	storetest.Exchange(t, ts.a, ts.b)
	// The office's clock is behind the site's.
	ts.clkB.Set(ts.clkA.Now().Add(time.Hour))
	ts.clkA.Advance(2 * time.Hour)
	return ts
}

// exchange syncs both ways and checks that the replicas agree.
func (ts *twoSites) exchange(t *testing.T) {
	t.Helper()
	storetest.Exchange(t, ts.a, ts.b)
	storetest.Exchange(t, ts.b, ts.a)
	if sa, sb := storetest.State(t, ts.a), storetest.State(t, ts.b); sa != sb {
		t.Fatal("the two replicas differ after exchanging everything")
	}
	checkClean(t, ts.a)
	checkClean(t, ts.b)
}

// TestFoldAnyOrder is the property the sync rests on: any permutation of
// an entity's events folds to the same state, the one the store holds.
func TestFoldAnyOrder(t *testing.T) {
	ts := newTwoSites(t)
	// More history on both sides, on shared entities.
	for i := 0; i < 4; i++ {
		ts.clkA.Advance(time.Minute)
		ts.clkB.Advance(time.Minute)
		res(ts.a.UpdatePerson("lan", ts.person, model.PersonUpdate{Person: model.Person{Address: fmt.Sprintf("Tổ %d, Gia Lâm", i)}, Set: []string{"address"}})).must(t)
		res(ts.b.UpdatePerson("hoa", ts.person, model.PersonUpdate{Person: model.Person{Employer: fmt.Sprintf("Công ty số %d", i)}, Set: []string{"employer"}})).must(t)
		ts.a.AddNote("lan", ts.kase.ID, fmt.Sprintf("Ghi chú của cơ sở %d", i))
		ts.b.AddNote("hoa", ts.kase.ID, fmt.Sprintf("Ý kiến của cấp trên %d", i))
	}
	storetest.Act(t, ts.a, ts.kase.ID, model.EvCaseSuspended, model.CaseAction{Reason: "Chờ giám định"})
	storetest.Act(t, ts.b, ts.kase.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight})
	ts.exchange(t)

	want := stateByID(t, ts.a)
	byEntity := map[string][]model.Event{}
	for _, e := range storetest.AllEvents(t, ts.a) {
		if !model.Stateless(e.Entity) {
			byEntity[e.Entity] = append(byEntity[e.Entity], e)
		}
	}
	if len(byEntity) != len(want) {
		t.Fatalf("%d entities in the log, %d in the state", len(byEntity), len(want))
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for id, evs := range byEntity {
		for i := 0; i < seeds(); i++ {
			shuffled := slices.Clone(evs)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			v, err := model.FoldEntity(id, shuffled)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(v)
			if string(got) != want[id] {
				t.Fatalf("%s folded from a permutation of its %d events:\n%s\nwant\n%s", id, len(evs), got, want[id])
			}
		}
	}
}

// TestImportOrderConverges: replicas that receive the same events in
// different interleavings and batches (each site's own order kept, as the
// hash chain requires) end in the same state, and importing twice
// changes nothing.
func TestImportOrderConverges(t *testing.T) {
	ts := newTwoSites(t)
	storetest.Act(t, ts.a, ts.kase.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultPartly})
	storetest.Act(t, ts.b, ts.kase.ID, model.EvCaseTransferred, model.CaseAction{To: "Tòa án nhân dân huyện Gia Lâm"})
	res(ts.b.RecordPerson("hoa", model.Person{Name: "Người Của Cấp Trên"})).must(t)
	ts.exchange(t)
	want := storetest.State(t, ts.a)

	bySite := map[string][]model.Event{}
	for _, e := range storetest.AllEvents(t, ts.a) {
		bySite[e.Site] = append(bySite[e.Site], e)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	n := seeds() / 4
	if n < 3 {
		n = 3
	}
	for i := 0; i < n; i++ {
		// A random interleaving of the two sites' logs.
		var order []model.Event
		next := map[string]int{}
		for len(order) < len(bySite["GL07"])+len(bySite["HN01"]) {
			site := "GL07"
			if next["GL07"] == len(bySite["GL07"]) || (next["HN01"] < len(bySite["HN01"]) && rng.IntN(2) == 0) {
				site = "HN01"
			}
			order = append(order, bySite[site][next[site]])
			next[site]++
		}
		path := t.TempDir() + "/replica.db"
		r := res(store.Open(path, store.Options{})).must(t)
		for len(order) > 0 {
			k := 1 + rng.IntN(len(order))
			storetest.Import(t, r, order[:k])
			order = order[k:]
		}
		if got := storetest.State(t, r); got != want {
			r.Close()
			t.Fatalf("interleaving %d: the state differs", i)
		}
		again := storetest.Import(t, r, storetest.AllEvents(t, ts.b))
		if again.Added != 0 || again.Present == 0 || storetest.State(t, r) != want {
			t.Fatalf("a second import changed something: %+v", again)
		}
		checkClean(t, r)
		r.Close()
	}
}

// TestConcurrentEditsLaterWins: two sites set the same field without
// seeing each other; after exchanging, both show the value of the later
// event in (clock, site, seq) order, and model.Concurrent names both.
func TestConcurrentEditsLaterWins(t *testing.T) {
	for _, tc := range []struct {
		name   string
		bAfter time.Duration // B's wall clock against A's at the edit
		winner string        // site whose value wins
	}{
		{"the site's edit is later", -time.Hour, "GL07"},
		{"the office's edit is later", time.Hour, "HN01"},
		{"same millisecond: the greater site code wins", 0, "HN01"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := newTwoSites(t)
			ts.clkB.Set(ts.clkA.Now().Add(tc.bAfter))
			res(ts.a.UpdatePerson("lan", ts.person, model.PersonUpdate{Person: model.Person{Phone: "0911111111"}, Set: []string{"phone"}})).must(t)
			res(ts.b.UpdatePerson("hoa", ts.person, model.PersonUpdate{Person: model.Person{Phone: "0922222222"}, Set: []string{"phone"}})).must(t)
			ts.exchange(t)
			want := map[string]string{"GL07": "0911111111", "HN01": "0922222222"}[tc.winner]
			for _, s := range []*store.Store{ts.a, ts.b} {
				p := res(s.Person(ts.person)).must(t)
				if p.Phone != want {
					t.Fatalf("%s shows %s, want %s", s.Site(), p.Phone, want)
				}
				if len(p.Conflicts) != 0 {
					t.Fatalf("a concurrent edit is not a conflict: %+v", p.Conflicts)
				}
				if hits := s.SearchPersons(want, 0); len(hits) != 1 {
					t.Fatalf("%s: search by the winning phone: %+v", s.Site(), hits)
				}
			}
			tl := res(ts.a.Timeline(ts.person)).must(t)
			var edits []model.Event
			for _, e := range tl {
				if e.Type == model.EvPersonUpdated {
					edits = append(edits, e)
				}
			}
			if len(edits) != 2 || edits[1].Site != tc.winner {
				t.Fatalf("timeline edits %+v", edits)
			}
			if tc.bAfter == 0 && edits[0].Clock != edits[1].Clock {
				t.Fatalf("clocks %d %d, want a tie", edits[0].Clock, edits[1].Clock)
			}
			conc := model.Concurrent(tl)
			ka, kb := edits[0].Key(), edits[1].Key()
			if !slices.Equal(conc[ka], []string{kb}) || !slices.Equal(conc[kb], []string{ka}) {
				t.Fatalf("concurrent %v", conc)
			}
		})
	}
}

// TestMisfitKeptAsConflict: the site concludes a case the office had
// already transferred (in fold order). The conclusion does not fit: it is
// kept in the log, shown in the case's Conflicts, and changes nothing, on
// both replicas.
func TestMisfitKeptAsConflict(t *testing.T) {
	ts := newTwoSites(t)
	ts.clkB.Set(ts.clkA.Now().Add(-time.Hour)) // the office acted first
	storetest.Act(t, ts.b, ts.kase.ID, model.EvCaseTransferred, model.CaseAction{To: "Thanh tra Sở Nội vụ"})
	concl := storetest.Act(t, ts.a, ts.kase.ID, model.EvCaseConcluded, model.CaseAction{Result: model.ResultRight, DecisionNo: "09/QĐ"})
	if concl.Status != model.StatusConcluded {
		t.Fatalf("locally %s", concl.Status)
	}
	key := model.EventKey("GL07", ts.a.Heads()["GL07"])
	imp := storetest.Exchange(t, ts.b, ts.a)
	if imp.Conflicts != 1 {
		t.Fatalf("import result %+v", imp)
	}
	ts.exchange(t)
	for _, s := range []*store.Store{ts.a, ts.b} {
		c := res(s.Case(ts.kase.ID)).must(t)
		if c.Status != model.StatusTransferred || c.TransferredTo != "Thanh tra Sở Nội vụ" || c.Result != "" {
			t.Fatalf("%s: case %+v", s.Site(), c)
		}
		if len(c.Conflicts) != 1 || c.Conflicts[0].Event != key || c.Conflicts[0].Type != model.EvCaseConcluded || c.Conflicts[0].Reason.EN == "" {
			t.Fatalf("%s: conflicts %+v", s.Site(), c.Conflicts)
		}
		tl := res(s.Timeline(ts.kase.ID)).must(t)
		if tl[len(tl)-1].Key() != key {
			t.Fatalf("%s: the misfit is not in the timeline", s.Site())
		}
		// The closed case is out of the queue on both sides.
		for _, r := range storetest.Must(s.Cases(store.CaseFilter{}, s.Today())) {
			if r.ID == ts.kase.ID {
				t.Fatalf("%s: transferred case in the queue", s.Site())
			}
		}
	}
}
