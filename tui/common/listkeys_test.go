package common

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

func TestListKeysStep(t *testing.T) {
	k := NewListKeys()
	for _, tc := range []struct {
		msg  tea.KeyMsg
		want int
		ok   bool
	}{
		{tea.KeyMsg{Type: tea.KeyUp}, -1, true},
		{tea.KeyMsg{Type: tea.KeyCtrlN}, 1, true},
		{tea.KeyMsg{Type: tea.KeyPgUp}, -7, true},
		{tea.KeyMsg{Type: tea.KeyPgDown}, 7, true},
		{tea.KeyMsg{Type: tea.KeyHome}, -Far, true},
		{tea.KeyMsg{Type: tea.KeyEnd}, Far, true},
		{tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}, 0, false},
	} {
		if d, ok := k.Step(tc.msg, 7); d != tc.want || ok != tc.ok {
			t.Errorf("%s: %d %v, want %d %v", tc.msg, d, ok, tc.want, tc.ok)
		}
	}
}

// The table's keys land on the first and last row, whatever the length.
func TestTableHandleKey(t *testing.T) {
	tb := Table{Columns: []Column{{Title: "x"}}, Height: 5}
	tb.SetRows(make([][]string, 20))
	tb.HandleKey(tea.KeyMsg{Type: tea.KeyEnd})
	if tb.Cursor != 19 || tb.Offset != 16 {
		t.Fatalf("End: cursor %d offset %d", tb.Cursor, tb.Offset)
	}
	tb.HandleKey(tea.KeyMsg{Type: tea.KeyPgUp})
	if tb.Cursor != 16 {
		t.Fatalf("PgUp: cursor %d", tb.Cursor)
	}
	if tb.HandleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a")}) {
		t.Fatal("a letter moved the table")
	}
	tb.HandleKey(tea.KeyMsg{Type: tea.KeyHome})
	if tb.Cursor != 0 || tb.Offset != 0 {
		t.Fatalf("Home: cursor %d offset %d", tb.Cursor, tb.Offset)
	}
}
