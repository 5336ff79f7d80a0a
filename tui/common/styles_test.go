package common

import (
	"bytes"
	"strings"
	"testing"
)

// With NO_COLOR the theme must drop colour but keep reverse video and
// bold, or the cursor and the selected row vanish.
func TestNoColorKeepsAttributes(t *testing.T) {
	t.Setenv("NO_COLOR", "1")
	st := NewStyles(&bytes.Buffer{}, false)
	sel := st.Selected.Render("x")
	if !strings.Contains(sel, "\x1b[7m") {
		t.Fatalf("selected row has no reverse video under NO_COLOR: %q", sel)
	}
	od := st.Overdue.Render("x")
	if strings.Contains(od, "[31") || strings.Contains(od, "[91") || strings.Contains(od, "38;") {
		t.Fatalf("overdue carries a colour under NO_COLOR: %q", od)
	}
	t.Setenv("NO_COLOR", "")
	if od := NewStyles(&bytes.Buffer{}, false).Overdue.Render("x"); !strings.Contains(od, "91") {
		t.Fatalf("overdue has no colour normally: %q", od)
	}
}
