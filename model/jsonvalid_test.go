package model

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// The quick check says yes only where encoding/json does, and yes to
// every compact value not nested too deep.
func FuzzCompactValid(f *testing.F) {
	for _, s := range []string{
		`{"name":"Nguyễn Văn An","n":[1,2.5,-0.5e+3,{"x":null}],"t":true,"f":false}`,
		`"a\"b\\c\/\b\f\n\r\t\u00e9\uD83D\uDE00"`, `"\u00g0"`, `"\x"`, `"\u12"`, "\"\x01\"",
		`[]`, `{}`, `[1,]`, `{"a":1,}`, `{"a" :1}`, `{"a":1} `, `01`, `-`, `1.`, `1e`, `.5`, `1.5E-7`,
		`tru`, `nul`, `falsey`, `[1 2]`, `{"a"}`, `{1:2}`, "\"\xff\xfe\"", strings.Repeat("[", 70) + strings.Repeat("]", 70),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		quick, full := CompactJSONValid(b), json.Valid(b)
		if quick && !full {
			t.Fatalf("%q: the quick check takes what encoding/json refuses", b)
		}
		if !full || quick || bytes.Count(b, []byte("["))+bytes.Count(b, []byte("{")) > 60 {
			return
		}
		var c bytes.Buffer
		if json.Compact(&c, b) == nil && bytes.Equal(c.Bytes(), b) {
			t.Fatalf("%q: compact and valid, but the quick check refuses it", b)
		}
	})
}
