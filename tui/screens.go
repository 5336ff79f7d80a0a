package tui

import (
	"donthu/tui/classify"
	"donthu/tui/common"
	"donthu/tui/followup"
	"donthu/tui/queue"
	"donthu/tui/reception"
	"donthu/tui/settings"
	"donthu/tui/syncscreen"
)

// Screens returns the screens of the application, in tab order.
func Screens() [common.NumScreens]Factory {
	var f [common.NumScreens]Factory
	f[common.ScreenReception] = reception.New
	f[common.ScreenClassify] = classify.New
	f[common.ScreenQueue] = queue.New
	f[common.ScreenFollowup] = followup.New
	f[common.ScreenSync] = syncscreen.New
	f[common.ScreenSettings] = settings.New
	return f
}
