package register

import (
	"path/filepath"
	"testing"

	"donthu/store/storetest"
)

// writeLarge writes a reception register of n rows (WriteSample).
func writeLarge(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "large.xlsx")
	if err := WriteSample(path, n); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkImport20k reads, plans and imports a 20,000-row register into
// a fresh site (budget: a few seconds on an old laptop).
func BenchmarkImport20k(b *testing.B) {
	path := writeLarge(b, 20000)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, _ := storetest.New(b, "GL07")
		b.StartTimer()
		tb, err := Read(path, "")
		if err != nil {
			b.Fatal(err)
		}
		p, err := Prepare(s, tb, Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := Apply(s, p, "lan", ApplyOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if res.Rows != 20000 || res.Persons != 16000 {
			b.Fatalf("%+v", res)
		}
	}
}
