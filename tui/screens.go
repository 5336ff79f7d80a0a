package tui

import "donthu/tui/common"

// Screens returns the screens of the application, in tab order.
func Screens() [common.NumScreens]Factory {
	var f [common.NumScreens]Factory
	return f
}
