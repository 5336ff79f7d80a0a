package pdftext

import (
	"bytes"
	"compress/zlib"
	"testing"
)

// A compressed stream whose last byte is a carriage return is read whole:
// the CR before endstream belongs to the data (found as a rare flake of
// the printing tests, when a page's compressed bytes happened to end so).
func TestStreamEndingInCR(t *testing.T) {
	var found bool
	for i := 0; i < 5000 && !found; i++ {
		text := []byte("BT 10 20 Td (x) Tj ET " + string(rune('a'+i%26)) + string(rune('0'+i%10)) + string(rune(i)))
		var z bytes.Buffer
		w := zlib.NewWriter(&z)
		w.Write(text)
		w.Close()
		if !bytes.HasSuffix(z.Bytes(), []byte("\r")) {
			continue
		}
		found = true
		pdf := append(append([]byte("1 0 obj\nstream\n"), z.Bytes()...), "\nendstream\nendobj\n"...)
		got := streams(pdf)
		if len(got) != 1 || !bytes.Equal(got[0], text) {
			t.Fatalf("stream ending in CR read as %q", got)
		}
	}
	if !found {
		t.Skip("no compressed sample ended in CR")
	}
}
