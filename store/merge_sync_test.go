package store_test

import (
	"bufio"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/storetest"
)

// A merge across sites made at the office reaches each child only on the
// records it holds. A child that then merges must neither write on the
// other site's record (its event would never reach that site: the
// replicas would differ for good) nor miss that the office already made
// two of its records one person. Seed 40 of TestConvergence found both:
// the office merged GL04.7 into GL01.4, then GL01.4 into GL04.4; GL04,
// holding GL04.7 -> GL01.4 and GL04.4 having absorbed GL01.4, merged
// GL04.4 into GL04.7 and wrote person.absorbed on GL01.4.
func TestMergeAcrossSitesThenAtChild(t *testing.T) {
	w := newSyncWorld(t)
	rec := func(s *store.Store, name string) string {
		t.Helper()
		w.clk.Advance(time.Minute)
		return newPerson(t, s, model.Person{Name: name, Employer: "Công ty May"})
	}
	sync := func(from, to *store.Store) {
		t.Helper()
		w.clk.Advance(time.Minute)
		importBundle(t, to, exportTo(t, from, to.Site(), w.dir).Path)
	}
	merge := func(s *store.Store, keep, gone string) {
		t.Helper()
		w.clk.Advance(time.Minute)
		if _, err := s.MergePersons("lan", keep, gone); err != nil {
			t.Fatalf("%s: merge %s<-%s: %v", s.Site(), keep, gone, err)
		}
	}
	a := rec(w.gl07, "Trần Thị Bình")
	b, c, e := rec(w.gl8, "Trần Thị Bình"), rec(w.gl8, "Trần Bình"), rec(w.gl8, "Lê Văn Cường")
	a2 := rec(w.gl07, "Lê Văn Cường")
	sync(w.gl07, w.office)
	sync(w.gl8, w.office)
	merge(w.office, a, b)  // GL08's b goes into GL07's a
	merge(w.office, c, a)  // and a into GL08's c: b's root is c
	merge(w.office, a2, e) // GL08's e goes into GL07's a2, which stands
	sync(w.office, w.gl8)
	sync(w.office, w.gl07)

	// GL08 does not hold a, but c absorbed it: b and c are one person.
	if got := w.gl8.CanonicalPerson(b); got != c {
		t.Errorf("GL08: %s stands for %s, want %s as at the office (%s)", b, got, c, w.office.CanonicalPerson(b))
	}
	w.clk.Advance(time.Minute)
	m := refused(t, w.gl8, func() error { _, err := w.gl8.MergePersons("lan", b, c); return err })
	if !strings.Contains(m.EN, "already one person") {
		t.Errorf("GL08 merging %s<-%s: %s", b, c, m.EN)
	}
	// A new record merged into b joins c, the root GL08 holds.
	d := rec(w.gl8, "Trần T. Bình")
	merge(w.gl8, b, d)
	// The root of e's group is a2, GL07's: f joins e, the top GL08 holds.
	f := rec(w.gl8, "Lê V. Cường")
	merge(w.gl8, e, f)
	for id, into := range map[string]string{d: c, f: e} {
		if p, err := w.gl8.Person(id); err != nil || p.MergedInto != into {
			t.Errorf("GL08: %s merged into %q (%v), want %s", id, p.MergedInto, err, into)
		}
	}

	sync(w.gl8, w.office)
	sync(w.gl07, w.office)
	sync(w.office, w.gl8)
	sync(w.office, w.gl07)
	for id, root := range map[string]string{b: c, d: c, a: c, f: a2, e: a2} {
		for _, s := range []*store.Store{w.office, w.gl07, w.gl8} {
			if _, err := s.Person(id); err == nil || s == w.office {
				if got := s.CanonicalPerson(id); got != root {
					t.Errorf("%s: %s stands for %s, want %s", s.Site(), id, got, root)
				}
			}
		}
	}
	// Every child holds its own records only, each as the office has it.
	office := personStates(t, w.office)
	for _, s := range []*store.Store{w.gl07, w.gl8} {
		for id, st := range personStates(t, s) {
			if !strings.HasPrefix(id, model.EntPerson+":"+s.Site()+".") {
				t.Errorf("%s holds %s: %s", s.Site(), id, st)
			} else if st != office[id] {
				t.Errorf("%s: %s is\n%s\nat the office\n%s", s.Site(), id, st, office[id])
			}
		}
	}
	for id, st := range office {
		if strings.Contains(st, "conflicts") {
			t.Errorf("office: %s has conflicts: %s", id, st)
		}
	}
}

// personStates returns each person record's projection as JSON.
func personStates(t *testing.T, s *store.Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(storetest.State(t, s)))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var v struct {
			ID    string          `json:"id"`
			State json.RawMessage `json:"state"`
		}
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatal(err)
		}
		if model.EntityKind(v.ID) == model.EntPerson {
			out[v.ID] = string(v.State)
		}
	}
	return out
}
