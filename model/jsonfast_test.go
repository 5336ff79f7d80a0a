package model

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	jsonv2 "github.com/go-json-experiment/json"
)

// The types the program decodes from event data and stored projections.
// Each must have a plan, or DecodeJSON quietly takes the slow path.
var decodedTypes = []any{
	Person{}, PersonCorrection{}, Visit{}, Note{}, Petition{}, Classification{},
	CaseAction{}, SenderSeal{}, Case{}, Reminder{}, User{}, Site{}, CalendarChange{},
	RecordCorrection{}, PersonDistinct{}, PersonMerge{}, AuditNote{}, Printout{},
}

// Strings that take every branch of the string reader: plain, Vietnamese,
// the escapes encoding/json writes (HTML characters, control characters,
// the line separators), a pair of surrogates, invalid UTF-8 (written as
// U+FFFD) and the replacement character itself.
var fillStrings = []string{
	"Nguyễn Thị Hương", "GL07-2016-T0001", "a<b>&c", "dòng một\ndòng hai\tcột",
	`"trong ngoặc" \ gạch`, "\u2028\u2029", "😀 cười", "\x01\x1f", "bad \xff utf8", "\ufffd", "",
}

// fill sets every field of v to a value other than its zero, picked by
// seed, so that encoding/json writes every field (a type within itself,
// to a depth of two).
func fill(v reflect.Value, seed int) { fillDepth(v, seed, 0) }

func fillDepth(v reflect.Value, seed, depth int) {
	switch v.Type() {
	case reflect.TypeFor[time.Time]():
		zones := []*time.Location{time.UTC, time.FixedZone("", 7*3600), time.FixedZone("", -90*60)}
		t := time.Date(2016+seed%10, time.Month(1+seed%12), 1+seed%28, seed%24, 7, 9, seed*1234567%1e9, zones[seed%len(zones)])
		v.Set(reflect.ValueOf(t))
		return
	case reflect.TypeFor[Date]():
		v.Set(reflect.ValueOf(NewDate(2000+seed%30, time.Month(1+seed%12), 1+seed%28)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fillStrings[seed%len(fillStrings)])
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := []int64{1, -1, 127, -128, 1 << 40, -(1 << 62)}[seed%6]
		if v.OverflowInt(n) {
			n = int64(seed%100 - 50)
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n := []uint64{1, 255, 1 << 40, 1<<64 - 1}[seed%4]
		if v.OverflowUint(n) {
			n = uint64(seed % 200)
		}
		v.SetUint(n)
	case reflect.Slice:
		if depth > 1 {
			return
		}
		s := reflect.MakeSlice(v.Type(), 2, 2)
		fillDepth(s.Index(0), seed+1, depth+1)
		fillDepth(s.Index(1), seed+2, depth+1)
		v.Set(s)
	case reflect.Pointer:
		if depth > 1 {
			return
		}
		p := reflect.New(v.Type().Elem())
		fillDepth(p.Elem(), seed+1, depth+1)
		v.Set(p)
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fillDepth(v.Field(i), seed+i, depth)
			}
		}
	}
}

// filledValues returns 40 pointers to values of typ: the zero value,
// every field empty, then values filled by seeds 1 to 39.
func filledValues(typ reflect.Type) []reflect.Value {
	out := make([]reflect.Value, 40)
	for seed := range out {
		out[seed] = reflect.New(typ)
		if seed > 0 {
			fill(out[seed].Elem(), seed)
		}
	}
	return out
}

// decodeBoth reads data into a fresh T with the fast path and with the
// general decoder alone, and reports what each gave.
func decodeBoth[T any](data []byte) (fast T, fastOK bool, general T, generalErr error) {
	fastOK = fastDecode(data, &fast, false)
	generalErr = jsonv2.Unmarshal(data, &general, decodeOpts)
	return
}

func TestFastDecodeReadsWhatEncodingJSONWrites(t *testing.T) {
	for _, x := range decodedTypes {
		typ := reflect.TypeOf(x)
		if planOf(typ) == nil {
			t.Errorf("%s has no plan: DecodeJSON would read it with the general decoder only", typ)
			continue
		}
		for _, v := range filledValues(typ) {
			js, err := json.Marshal(v.Interface())
			if err != nil {
				t.Fatal(err)
			}
			general := reflect.New(typ)
			if err := jsonv2.Unmarshal(js, general.Interface(), decodeOpts); err != nil {
				t.Fatal(err)
			}
			for _, view := range []bool{false, true} {
				fast := reflect.New(typ)
				if !fastDecode(js, fast.Interface(), view) {
					t.Fatalf("%s: the fast path refused what encoding/json wrote:\n%s", typ, js)
				}
				if !reflect.DeepEqual(fast.Interface(), general.Interface()) {
					t.Fatalf("%s read differently (view %v) from\n%s:\nfast    %+v\ngeneral %+v", typ, view, js, fast.Elem(), general.Elem())
				}
			}
		}
	}
}

// A record read into a struct of a few of its fields, as the store's
// scans do.
type visitPart struct {
	Persons []string `json:"persons"`
	Outcome Outcome  `json:"outcome"`
	Site    string   `json:"site,omitempty"`
}

func TestFastDecodeSkipsMembersNoFieldTakes(t *testing.T) {
	var v Visit
	fill(reflect.ValueOf(&v).Elem(), 3)
	js, _ := json.Marshal(&v)
	fast, ok, general, err := decodeBoth[visitPart](js)
	if !ok || err != nil {
		t.Fatalf("fast %v, general %v, on\n%s", ok, err, js)
	}
	if !reflect.DeepEqual(fast, general) || len(fast.Persons) != 2 || fast.Outcome == "" {
		t.Fatalf("fast %+v\ngeneral %+v", fast, general)
	}
}

// Text that encoding/json would not write: the fast path refuses it or
// reads it as the general decoder does, and DecodeJSON gives the general
// decoder's answer either way.
func TestDecodeJSONOutsideTheCanonicalForm(t *testing.T) {
	cases := []struct {
		in   string
		fast bool // whether the fast path reads it itself
	}{
		{`{"no":"A","receiver":"b"}`, true},
		{`{"receiver":"b","no":"A"}`, true},       // out of order, once each
		{`{"no":"A","no":"B"}`, false},            // a name twice: the last wins
		{`{"No":"A"}`, false},                     // a name in other case
		{`{"head_count":3,"headcount":4}`, false}, // the loose match
		{`{"no": "A"}`, false},                    // a space
		{` {"no":"A"}`, false},                    // a space first
		{`{"no":"A"} `, false},                    // a space last
		{`{"no":"A"}x`, false},                    // text after
		{`{"unknown":{"a":[1,2.5e3,-0.1,true,null,"\u00e9"]},"no":"A"}`, true},
		{`{"unknown":[1,2,}`, false}, // broken where it is skipped
		{`{"unknown":01}`, false},    // a leading zero
		{`{"unknown":-}`, false},     // a sign alone
		{`{"no":"tab\there \u003c\u0026\u003e \ud83d\ude00"}`, true},
		{`{"no":"\ud83d"}`, false},                     // a lone surrogate
		{`{"no":"\ud83d\u0041"}`, false},               // a broken pair
		{`{"no":"\x"}`, false},                         // an unknown escape
		{"{\"no\":\"raw\tcontrol\"}", false},           // a control character
		{"{\"no\":\"bad \xff\"}", false},               // invalid UTF-8
		{`{"head_count":1.0}`, false},                  // a fraction
		{`{"head_count":1e2}`, false},                  // an exponent
		{`{"head_count":-0}`, false},                   // minus zero
		{`{"head_count":99999999999999999999}`, false}, // too large
		{`{"group":true,"repeat":false}`, true},
		{`{"group":tru}`, false},
		{`{"persons":null,"documents":null,"note":null}`, true}, // null: the zero value
		{`{"persons":[]}`, true},
		{`{"documents":[{"name":"x","count":2},{}]}`, true},
		{`{"at":"2016-12-05T00:48:00Z"}`, true},
		{`{"at":"2016-12-05T07:48:00.5+07:00"}`, true},
		{`{"at":"2016-12-05T00:48:00.000Z"}`, false}, // zeros MarshalJSON would not write
		{`{"at":"2016-12-05t00:48:00z"}`, false},     // lower case
		{`{"at":"2016-12-05T0:48:00Z"}`, false},      // one digit
		{`{"at":null}`, true},
		{`[]`, false},
		{``, false},
		{`{`, false},
		{`{"no":"A",}`, false},
	}
	cases = append(cases, []struct {
		in   string
		fast bool
	}{
		{fmt.Sprintf(`{"head_count":%d}`, math.MinInt), true}, // the smallest int
		{fmt.Sprintf(`{"head_count":%d}`, math.MaxInt), true}, // the largest
		{fmt.Sprintf(`{"head_count":%d}`, uint64(math.MaxInt)+1), false},
	}...)
	for _, c := range cases {
		fast, ok, general, err := decodeBoth[Visit]([]byte(c.in))
		if ok != c.fast {
			t.Errorf("%s: fast path read it: %v, want %v", c.in, ok, c.fast)
		}
		if ok && (err != nil || !reflect.DeepEqual(fast, general)) {
			t.Errorf("%s: fast %+v, general %+v (%v)", c.in, fast, general, err)
		}
		var got Visit
		gotErr := DecodeJSON([]byte(c.in), &got)
		if (gotErr == nil) != (err == nil) || !reflect.DeepEqual(got, general) {
			t.Errorf("%s: DecodeJSON gave %+v (%v), the general decoder %+v (%v)", c.in, got, gotErr, general, err)
		}
	}
	// A date is read by its own method; null is left to the general decoder.
	for _, in := range []string{`{"received":"2026-02-30"}`, `{"received":"2026-03-02"}`, `{"received":null}`, `{"received":""}`} {
		fast, ok, general, err := decodeBoth[Petition]([]byte(in))
		if ok && (err != nil || !reflect.DeepEqual(fast, general)) {
			t.Errorf("%s: fast %+v, general %+v (%v)", in, fast, general, err)
		}
	}
}

// The fast path never reads a text differently from the general decoder:
// whatever it takes, the general decoder takes too, into the same value.
func FuzzFastDecode(f *testing.F) {
	for seed := range 6 {
		var v Visit
		fill(reflect.ValueOf(&v).Elem(), seed)
		js, _ := json.Marshal(&v)
		f.Add(js)
		var c Case
		fill(reflect.ValueOf(&c).Elem(), seed)
		js, _ = json.Marshal(&c)
		f.Add(js)
	}
	f.Add([]byte(`{"unknown":{"a":[1,2.5e3,-0.1,true,null,"\u00e9"]},"no":"A"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkSame[Visit](t, data)
		checkSame[Case](t, data)
		checkSame[visitPart](t, data)
	})
}

func checkSame[T any](t *testing.T, data []byte) {
	fast, ok, general, err := decodeBoth[T](data)
	if err == nil {
		sameBytes(t, &general)
	}
	if !ok {
		return
	}
	if err != nil {
		t.Fatalf("the fast path read %q, the general decoder refused it: %v", data, err)
	}
	if !reflect.DeepEqual(fast, general) {
		t.Fatalf("%q:\nfast    %+v\ngeneral %+v", data, fast, general)
	}
	if strings.ContainsAny(string(data), " \t\r\n") && !strings.Contains(string(data), `"`) {
		t.Fatalf("%q: the fast path read white space", data)
	}
}

// What each event type's data is read into (apply.go).
var dataTypes = map[EventType]func() any{
	EvPersonRecorded: func() any { return new(Person) }, EvPersonUpdated: func() any { return new(PersonCorrection) },
	EvVisitRecorded: func() any { return new(Visit) }, EvNoteAdded: func() any { return new(Note) },
	EvPetitionRegistered: func() any { return new(Petition) }, EvPetitionClassified: func() any { return new(Classification) },
	EvPetitionUrged: func() any { return new(CaseAction) }, EvCaseOpened: func() any { return new(Case) },
	EvReminderSet: func() any { return new(Reminder) }, EvUserCreated: func() any { return new(User) },
	EvSiteCreated: func() any { return new(Site) }, EvSiteUpdated: func() any { return new(Site) },
}

// A sample of an office's history as the demo writes it (testdata:
// whole records of every kind, the longest case among them, and each
// record's projection as a build that read with the general decoder
// alone stored it): the fast path reads every event's data as the
// general decoder does, and folding with it gives those projections
// byte for byte.
func TestFastDecodeOnAnOfficesHistory(t *testing.T) {
	ids, events, stored := sampleRecords(t)
	read := 0
	for _, id := range ids {
		for _, e := range events[id] {
			newT := dataTypeOf(e.Type)
			if newT == nil || len(e.Data) == 0 {
				continue
			}
			fast, general := newT(), newT()
			if !fastDecode(e.Data, fast, read%2 == 1) { // every other one as a view
				t.Fatalf("%s (%s): the fast path refused %s", e.Key(), e.Type, e.Data)
			}
			if err := jsonv2.Unmarshal(e.Data, general, decodeOpts); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(fast, general) {
				t.Fatalf("%s (%s) read differently:\nfast    %+v\ngeneral %+v", e.Key(), e.Type, fast, general)
			}
			read++
		}
	}
	if read < 500 || len(ids) < 150 {
		t.Fatalf("the sample has %d events with data in %d records", read, len(ids))
	}
	for _, id := range ids {
		v, err := FoldEntity(id, events[id])
		if err != nil {
			t.Fatal(err)
		}
		js, err := AppendJSON(nil, v)
		if err != nil || !bytes.Equal(js, stored[id]) {
			t.Fatalf("%s folds to\n%s\nnot the stored\n%s", id, js, stored[id])
		}
	}
	// FoldView folds the same records to the same JSON, its strings the
	// data's own bytes; FoldEntity's are copies.
	aliased := 0
	for _, id := range ids {
		for _, view := range []bool{false, true} {
			evs := make([]Event, len(events[id]))
			for i, e := range events[id] {
				e.Data = bytes.Clone(e.Data)
				evs[i] = e
			}
			fold := FoldEntity
			if view {
				fold = FoldView
			}
			v, err := fold(id, evs)
			if err != nil {
				t.Fatal(err)
			}
			if js, err := AppendJSON(nil, v); err != nil || !bytes.Equal(js, stored[id]) {
				t.Fatalf("%s folds (view %v) to\n%s\nnot the stored\n%s", id, view, js, stored[id])
			}
			n := stringsIn(reflect.ValueOf(v), evs)
			if !view && n > 0 {
				t.Fatalf("%s: FoldEntity's state holds %d strings of its events' data", id, n)
			}
			aliased += n
		}
	}
	if aliased < 500 {
		t.Fatalf("FoldView's states hold %d strings of their events' data", aliased)
	}
}

// stringsIn counts the strings in v whose bytes lie in the data of one
// of evs.
func stringsIn(v reflect.Value, evs []Event) int {
	n := 0
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			n += stringsIn(v.Elem(), evs)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			n += stringsIn(v.Field(i), evs)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			n += stringsIn(v.Index(i), evs)
		}
	case reflect.Map:
		for it := v.MapRange(); it.Next(); {
			n += stringsIn(it.Key(), evs) + stringsIn(it.Value(), evs)
		}
	case reflect.String:
		s := v.String()
		if s == "" {
			break
		}
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		for _, e := range evs {
			if len(e.Data) > 0 {
				if start := uintptr(unsafe.Pointer(&e.Data[0])); p >= start && p < start+uintptr(len(e.Data)) {
					n++
					break
				}
			}
		}
	}
	return n
}

// dataTypeOf returns a maker of what the data of an event of type t is
// read into, or nil for a type the sample's records do not decode.
func dataTypeOf(t EventType) func() any {
	if strings.HasPrefix(string(t), "case.") && t != EvCaseOpened {
		return func() any { return new(CaseAction) }
	}
	return dataTypes[t]
}

// sameBytes fails t unless AppendJSON writes v as json.Marshal does.
func sameBytes(t *testing.T, v any) {
	t.Helper()
	want, wantErr := json.Marshal(v)
	got, err := AppendJSON([]byte("prefix"), v)
	if (err == nil) != (wantErr == nil) || err == nil && string(got) != "prefix"+string(want) {
		t.Fatalf("AppendJSON wrote\n%s (%v)\nencoding/json\n%s (%v)", got, err, want, wantErr)
	}
}

func TestAppendJSONWritesWhatEncodingJSONWrites(t *testing.T) {
	for _, x := range decodedTypes {
		typ := reflect.TypeOf(x)
		if encPlanOf(typ) == nil {
			t.Errorf("%s has no plan: AppendJSON would leave it to encoding/json", typ)
			continue
		}
		for _, v := range filledValues(typ) {
			sameBytes(t, v.Interface())
		}
	}
	// What encoding/json refuses, AppendJSON refuses.
	for _, at := range []time.Time{
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", 24*3600)),
	} {
		v := Visit{At: at}
		if _, err := AppendJSON(nil, &v); err == nil {
			t.Errorf("%v: AppendJSON wrote a time encoding/json refuses", at)
		}
	}
	// omitzero, by the type's own IsZero.
	sameBytes(t, &AuditNote{Happened: time.Date(1, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600))})
	sameBytes(t, &AuditNote{})
}

// sampleRecords reads the sample history: each record's events, in order
// of first appearance, and its projection as stored.
func sampleRecords(tb testing.TB) (ids []string, events map[string][]Event, stored map[string][]byte) {
	raw, err := os.ReadFile("testdata/fold-sample.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	events, stored = map[string][]Event{}, map[string][]byte{}
	for line := range bytes.Lines(raw) {
		var x struct {
			Event
			ID    string          `json:"id"`
			State json.RawMessage `json:"state"`
		}
		if err := json.Unmarshal(line, &x); err != nil {
			tb.Fatal(err)
		}
		if x.ID != "" {
			stored[x.ID] = x.State
			continue
		}
		if len(events[x.Entity]) == 0 {
			ids = append(ids, x.Entity)
		}
		events[x.Entity] = append(events[x.Entity], x.Event)
	}
	return ids, events, stored
}

// BenchmarkDecodeSample reads the data of every event of the sample
// history into the type its fold reads it into, with DecodeJSON and with
// the general decoder alone ("general").
func BenchmarkDecodeSample(b *testing.B) {
	ids, events, _ := sampleRecords(b)
	var all []Event
	for _, id := range ids {
		all = append(all, events[id]...)
	}
	for _, way := range []string{"DecodeJSON", "general"} {
		b.Run(way, func(b *testing.B) {
			n := 0
			for b.Loop() {
				for i := range all {
					newT := dataTypeOf(all[i].Type)
					if newT == nil || len(all[i].Data) == 0 {
						continue
					}
					v := newT()
					var err error
					if way == "general" {
						err = jsonv2.Unmarshal(all[i].Data, v, decodeOpts)
					} else {
						err = DecodeJSON(all[i].Data, v)
					}
					if err != nil {
						b.Fatal(err)
					}
					n += len(all[i].Data)
				}
			}
			b.SetBytes(int64(n / b.N))
		})
	}
}

// BenchmarkEncodeSample writes every record of the sample history,
// folded, with AppendJSON and with encoding/json.
func BenchmarkEncodeSample(b *testing.B) {
	ids, events, _ := sampleRecords(b)
	var states []any
	for _, id := range ids {
		v, err := FoldEntity(id, events[id])
		if err != nil {
			b.Fatal(err)
		}
		states = append(states, v)
	}
	for _, way := range []string{"AppendJSON", "encoding/json"} {
		b.Run(way, func(b *testing.B) {
			var buf []byte
			n := 0
			for b.Loop() {
				for _, v := range states {
					var err error
					if way == "encoding/json" {
						buf, err = json.Marshal(v)
					} else {
						buf, err = AppendJSON(buf[:0], v)
					}
					if err != nil {
						b.Fatal(err)
					}
					n += len(buf)
				}
			}
			b.SetBytes(int64(n / b.N))
		})
	}
}

// FuzzAppendJSONString holds AppendJSONString to what encoding/json
// writes of the same text, as a string and as bytes.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "Nguyễn Văn An", `a"b\c`, "<x>&y", "\x00\x1f\x7f", "\u2028\u2029", "\xff\xfe", "0123456789abcdef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := AppendJSONString([]byte("x"), s); string(got) != "x"+string(want) {
			t.Fatalf("%q: wrote %s, encoding/json %s", s, got[1:], want)
		}
		if got := AppendJSONString(nil, []byte(s)); string(got) != string(want) {
			t.Fatalf("%q as bytes: wrote %s, encoding/json %s", s, got, want)
		}
	})
}

// swarSpecial finds a quote, a backslash or a control character at any
// of the eight places, and finds nothing in a word with none, whatever
// the bytes beside (ASCII or not).
func TestSwarSpecial(t *testing.T) {
	for _, filler := range []byte{'a', ' ', 0x7f, 0x80, 0xc3, 0xff} {
		for at := range 8 {
			for v := range 256 {
				w := bytes.Repeat([]byte{filler}, 8)
				w[at] = byte(v)
				want := v < 0x20 || v == '"' || v == '\\'
				if got := swarSpecial(binary.LittleEndian.Uint64(w)); got != want {
					t.Fatalf("%x: %v, want %v", w, got, want)
				}
			}
		}
	}
}
