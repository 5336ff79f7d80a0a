package store

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"donthu/model"
)

// Every event survives the stored encoding with the same canonical JSON,
// so the same hash: the usual ones, and those the encoding has no short
// form for (a type added later, a zone other than UTC, a zero time, a
// previous hash that is not 64 hex digits, keys the model did not have).
func TestEventCodec(t *testing.T) {
	at := time.Date(2026, 3, 2, 8, 15, 0, 123456789, time.UTC)
	evs := []model.Event{
		{Site: "GL07", Seq: 1, Clock: at.UnixMilli(), At: at, Author: "lan", Entity: "person:GL07.1", Type: model.EvPersonRecorded,
			Data: json.RawMessage(`{"name":"Nguyễn Văn An","name_fold":"nguyen van an","phone":"0912345678"}`)},
		{Site: "GL07", Seq: 2, Clock: at.UnixMilli() + 5, At: at.In(time.FixedZone("", 7*3600)), Author: "lan", Entity: "case:GL07.9",
			Type: "case.merged", Base: "GL07/1", To: "CS001", Prev: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
			Data: json.RawMessage(`{"into":"case:GL07.3","reason":"trùng \"đơn\"","n":[1,2,{"x":null}]}`)},
		{Site: "HN01", Seq: 7, Clock: 0, Author: "", Entity: "site:HN01", Type: model.EvSiteCreated, Prev: "not-a-hash"},
		{Site: "GL07", Seq: 3, Clock: at.UnixMilli(), At: at.Add(-400 * 24 * time.Hour), Entity: "visit:GL07.3", Type: model.EvVisitRecorded,
			Prev: "ABCDEF"},
		{Site: "GL07", Seq: 4, Clock: at.UnixMilli(), At: at, Author: "lan", Entity: "visit:GL07.3", Type: "visit.noted"},
		{Site: "GL07", Seq: 5, Clock: at.UnixMilli(), At: at, Author: "lan", Entity: "user:GL07.5", Type: "user.created"},
	}
	for _, e := range evs {
		raw := encodeEvent(&e)
		if raw[0] == '{' {
			t.Fatal("an encoded event looks like JSON")
		}
		// An event that made its record names it by its own key: the
		// kind alone is stored (flagMade); any other keeps the id.
		made := e.Entity == model.NewEntityID(model.EntityKind(e.Entity), e.Site, e.Seq) && madeKinds[model.EntityKind(e.Entity)] != 0
		if h, ok := parseHeader(raw); !ok || (h.flags&flagMade != 0) != made {
			t.Fatalf("%s of %s: flagMade %v, want %v", e.Key(), e.Entity, h.flags&flagMade != 0, made)
		}
		if head, err := decodeHeaderOnly(raw); err != nil || head.Entity != e.Entity {
			t.Fatalf("%s: header names %q, %v", e.Key(), head.Entity, err)
		}
		got, err := decodeEvent(raw)
		if err != nil {
			t.Fatalf("%s: %v", e.Key(), err)
		}
		want, _ := json.Marshal(&e)
		have, _ := json.Marshal(&got)
		if !bytes.Equal(want, have) || got.Hash() != e.Hash() {
			t.Fatalf("round trip:\n%s\n%s", have, want)
		}
		if to, err := eventTo(raw); err != nil || to != e.To {
			t.Fatalf("to %q %v", to, err)
		}
		// Schema 1 values are still read.
		old, err := decodeEvent(want)
		if err != nil || old.Hash() != e.Hash() {
			t.Fatalf("json: %v", err)
		}
		if js, err := eventJSON(raw); err != nil || !bytes.Equal(js, want) {
			t.Fatalf("eventJSON %s %v", js, err)
		}
		if h := eventHash(&e); h != e.Hash() {
			t.Fatalf("eventHash %s, Hash %s", h, e.Hash())
		}
		// A value cut short is refused, never half read.
		for n := 1; n < len(raw)-len(e.Data)/2; n++ {
			if _, err := decodeEvent(raw[:n]); err == nil && n < len(raw)-len(packJSON(nil, e.Data)) {
				t.Fatalf("%s: a value cut at %d of %d decoded", e.Key(), n, len(raw))
			}
		}
	}
}

// The fast canonical JSON is json.Marshal's, byte for byte, whatever the
// text holds.
func TestEventJSON(t *testing.T) {
	texts := []string{"", "GL07", "Nguyễn Văn An", `a"b\c`, "<b>&amp;</b>", "tab\there\nnew", "\u2028 line\u2029",
		"ctrl\x01", "bad \xff utf8", "– “quoted” …"}
	datas := []string{"", `{"a":1}`, `{"x": 1, "y" : [1, 2]}`, `{"s":"a<b"}`, `{"s":"Nguyễn \"Văn\" An"}`, "{\"s\":\"\u2028\"}", `null`, `[1,2]`, `{"s":"–"}`}
	at := []time.Time{{}, time.Date(2026, 3, 2, 8, 15, 0, 120000000, time.UTC), time.Date(2025, 12, 31, 23, 59, 59, 999999999, time.FixedZone("", 7*3600))}
	n := 0
	for i, s := range texts {
		for j, d := range datas {
			e := model.Event{Site: "GL07", Seq: uint64(i*100 + j), Clock: int64(i * j), At: at[(i+j)%len(at)], Author: s, Entity: "case:GL07.1",
				Type: model.EventType(texts[(i+1)%len(texts)]), Base: texts[(i+2)%len(texts)], To: texts[(i+3)%len(texts)], Prev: s}
			if d != "" {
				e.Data = json.RawMessage(d)
			}
			want, err := json.Marshal(&e)
			if err != nil {
				t.Fatal(err)
			}
			if got := appendEventJSON(nil, &e); !bytes.Equal(got, want) {
				t.Fatalf("appendEventJSON\n%s\nwant\n%s", got, want)
			}
			n++
		}
	}
	if n < 80 {
		t.Fatal("too few cases")
	}
}

func TestStateCodec(t *testing.T) {
	c := &model.Case{ID: "case:GL07.9", No: "GL07-2026-0001", Status: model.StatusOpen, Senders: []string{"person:GL07.1"},
		Summary: `Nợ lương "tháng 3": 1:2`, Conflicts: []model.Conflict{{Event: "GL07/3", Type: model.EvCaseConcluded}},
		Updated: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
	b, err := encodeState(c)
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(c)
	if len(b) >= len(js)*3/4 {
		t.Errorf("packed %d bytes of %d", len(b), len(js))
	}
	if conflictsOf(c) != 1 {
		t.Error("conflicts not seen")
	}
	var got model.Case
	if err := decodeJSON(b, &got); err != nil || !reflect.DeepEqual(&got, c) {
		t.Fatalf("%v\n%+v", err, got)
	}
	if back, _ := stateJSON(nil, "", b); !bytes.Equal(back, js) {
		t.Fatalf("%s", back)
	}
	if _, err := stateJSON(nil, "", []byte{tagPacked, keyMark, 250}); err == nil {
		t.Fatal("an unknown key index was read")
	}
}

func BenchmarkEventCodec(b *testing.B) {
	at := time.Date(2026, 3, 2, 8, 15, 0, 0, time.UTC)
	e := model.Event{Site: "GL07", Seq: 123456, Clock: at.UnixMilli(), At: at, Author: "letan", Entity: "visit:GL07.123456", Type: model.EvVisitRecorded,
		Prev: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		Data: model.MustData(model.Visit{Persons: []string{"person:GL07.123455"}, Receiver: "letan", Content: "Hỏi tiến độ giải quyết đơn đã gửi: công ty nợ lương tháng 3", Outcome: model.OutcomeAnswered, At: at})}
	raw := encodeEvent(&e)
	js, _ := json.Marshal(&e)
	b.ReportMetric(float64(len(raw)), "B/stored")
	b.ReportMetric(float64(len(js)), "B/json")
	b.Run("decode", func(b *testing.B) {
		for b.Loop() {
			decodeEvent(raw)
		}
	})
	b.Run("decode-json", func(b *testing.B) {
		for b.Loop() {
			decodeEvent(js)
		}
	})
}

func BenchmarkUnpackJSON(b *testing.B) {
	at := time.Date(2026, 3, 2, 8, 15, 0, 0, time.UTC)
	c := model.Case{ID: "case:GL07.1", No: "GL07-2026-0001", Petition: "petition:GL07.2", Handler: "hung", Opened: model.DateOf(at),
		Employer: "Công ty TNHH May Sông Hồng", Summary: "Công ty nợ lương tháng 3 và chưa đóng bảo hiểm xã hội", Senders: []string{"person:GL07.7"}}
	js, _ := json.Marshal(&c)
	p := packJSON(nil, js)
	b.SetBytes(int64(len(js)))
	buf := make([]byte, 0, 2*len(js))
	for b.Loop() {
		buf, _ = unpackJSON(buf[:0], p)
	}
	if !bytes.Equal(buf, js) {
		b.Fatal("not the same JSON")
	}
}

// An event's header names its previous hash in 32 bytes only when it is
// 64 lowercase hex digits (anything else is kept as text, to hash as it
// came), and names its entity by kind only when the entity's id is the
// one the event made: the quick readers agree with the plain ones.
func TestHeaderShortFormsAgreeWithThePlainReaders(t *testing.T) {
	h := strings.Repeat("0123456789abcdef", 4)
	for _, s := range []string{h, strings.ToUpper(h), h[:63], h + "0", h[:63] + "g", h[:63] + "/", h[:63] + ":", h[:63] + "`", h[:63] + "\x80", "", h[:62] + "é"} {
		var sum [32]byte
		ok := lowerHex(&sum, s)
		want, err := hex.DecodeString(s)
		plain := err == nil && len(s) == 64 && s == strings.ToLower(s)
		if ok != plain || ok && !bytes.Equal(sum[:], want) {
			t.Errorf("lowerHex(%q) = %x, %v; want %x, %v", s, sum, ok, want, plain)
		}
	}
	for _, c := range []struct {
		id, site string
		seq      uint64
	}{
		{"visit:GL07.12", "GL07", 12}, {"visit:GL07.12", "GL07", 1}, {"visit:GL07.012", "GL07", 12},
		{"visit:GL0.12", "GL07", 12}, {"visit:GL07.12", "GL0", 12}, {"visit:GL07.", "GL07", 0},
		{"visit:.12", "", 12}, {"visitGL07.12", "GL07", 12}, {"case:HN01.18446744073709551615", "HN01", 1<<64 - 1},
		{"person:A.B.7", "A.B", 7}, {"person:GL07.7x", "GL07", 7},
	} {
		want := bytes.Equal(madeBy(c.id), evKey(c.site, c.seq))
		if got := madeByEvent(c.id, c.site, c.seq); got != want {
			t.Errorf("madeByEvent(%q, %q, %d) = %v, want %v", c.id, c.site, c.seq, got, want)
		}
	}
}
