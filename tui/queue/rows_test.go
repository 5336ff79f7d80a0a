package queue

import (
	"testing"

	"donthu/tui/common"
)

func TestShortName(t *testing.T) {
	for _, tt := range []struct {
		name  string
		width int
		want  string
	}{
		{"Nguyễn Văn An", 14, "Nguyễn Văn An"},
		{"Nguyễn Thanh Linh", 14, "Nguyễn T. Linh"},
		{"Huỳnh Thị Phương Thảo", 14, "H. T. P. Thảo"},
		{"Huỳnh Thị Phương Thảo", 16, "Huỳnh T. P. Thảo"},
		{"Tôn Nữ Thị Hạnh", 13, "T. N. T. Hạnh"},
		{"Tôn Nữ Thị Hạnh", 11, "Tôn Nữ Thị Hạnh"}, // nothing fits: the column cuts it
		{"Bình", 3, "Bình"},
	} {
		if got := common.ShortName(tt.name, tt.width); got != tt.want {
			t.Errorf("ShortName(%q, %d) = %q, want %q", tt.name, tt.width, got, tt.want)
		}
	}
}

func TestShortNo(t *testing.T) {
	for in, want := range map[string]string{
		"GL07-2026-0042": "2026-0042",
		"HN01-2025-0003": "2025-0003",
		"X-1":            "X-1",
		"GL07-ABCD-0001": "GL07-ABCD-0001",
	} {
		if got := shortNo(in); got != want {
			t.Errorf("shortNo(%q) = %q, want %q", in, got, want)
		}
	}
}
