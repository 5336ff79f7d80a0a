package common

import (
	"strings"
	"testing"
)

// Fit columns are as wide as what they hold; the flexible column takes the
// rest; when the room runs out the column with the highest Shrink gives
// width first.
func TestTableColumnsByContent(t *testing.T) {
	tb := Table{Width: 60, Height: 5, Columns: []Column{
		{Title: "No", Width: 15, Fit: true},
		{Title: "Sender", Width: 24, Fit: true, Min: 8, Shrink: 2},
		{Title: "Summary"},
		{Title: "Left", Width: 25, Fit: true, Shrink: 1},
	}}
	tb.SetRows([][]string{{"GL07-1", "An", "wages", "3 days left"}})
	ws := tb.widths()
	if ws[0] != 7 || ws[1] != 6 || ws[3] != 11 || ws[2] != 60-7-6-11-3 {
		t.Fatalf("widths %v", ws)
	}
	tb.Width = 80
	tb.SetRows([][]string{{"GL07-2026-0001", "Tôn Nữ Hoàng Nguyễn Thị Phương", "wages", "⚠ 235 days overdue"}})
	ws = tb.widths()
	// The sender gives up 6 cells (it shrinks first); the rest keep theirs.
	if ws[0] != 15 || ws[1] != 18 || ws[3] != 18 || ws[2] != 26 {
		t.Fatalf("shrinking: %v", ws)
	}
	if v := tb.View(PlainStyles(), ""); !strings.Contains(v, "GL07-2026-0001") {
		t.Fatalf("the number was cut:\n%s", v)
	}
}
