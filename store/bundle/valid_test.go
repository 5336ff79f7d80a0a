package bundle

import (
	"testing"

	"donthu/model"
)

// What the quick check refuses, the line's reader leaves to
// encoding/json: an event whose data has spaces is still read, as it
// is, and one whose data is not JSON is not.
func TestEventDataCheckedInFull(t *testing.T) {
	head := `{"site":"GL07","seq":1,"clock":0,"at":"2026-03-02T08:15:00Z","author":"a","entity":"e","type":"t","prev":"","data":`
	var e model.Event
	if ok, _ := parseEvent([]byte(head+`{"a": [1, 2]}}`), &e); !ok || string(e.Data) != `{"a": [1, 2]}` {
		t.Fatalf("data with spaces: %q", e.Data)
	}
	for _, d := range []string{`{"a":[1,2]`, `{"a":01}`, `{"a":"\q"}`} {
		if ok, _ := parseEvent([]byte(head+d+`}`), &e); ok {
			t.Fatalf("%s read as data", d)
		}
	}
}
