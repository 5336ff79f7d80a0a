//go:build unix

package tuitest

import (
	"testing"
	"time"
)

// TestTerm runs a small Bubble Tea program in the pseudo-terminal and
// reads it back through the emulator.
func TestTerm(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	bin := Build(t, "donthu/tui/tuitest/testdata/keyecho")
	tm := Start(t, bin)
	tm.WaitFor(5*time.Second, "size 80x24")
	tm.Type("Nguyễn Văn An").Expect("text: Nguyễn Văn An")
	tm.Press("f2", "enter", "ctrl+s", "esc", "shift+tab", "f10").Expect("keys: f2 enter ctrl+s esc shift+tab f10")
	if l := tm.Line(1); l != "text: Nguyễn Văn An" {
		t.Errorf("line 1 = %q", l)
	}
	tm.Resize(100, 30).Expect("size 100x30")
	tm.Press("ctrl+q")
	if err := tm.WaitExit(5 * time.Second); err != nil {
		t.Fatalf("exit: %v", err)
	}
}
