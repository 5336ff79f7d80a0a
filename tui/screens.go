package tui

import (
	"donthu/tui/classify"
	"donthu/tui/common"
	"donthu/tui/followup"
	"donthu/tui/printing"
	"donthu/tui/queue"
	"donthu/tui/reception"
	"donthu/tui/reports"
	"donthu/tui/syncscreen"
)

// Screens returns the screens of the application, in tab order.
func Screens() [common.NumScreens]Factory {
	var f [common.NumScreens]Factory
	f[common.ScreenReception] = func(ctx *common.Context) common.Screen {
		return reception.NewWith(ctx, reception.Options{Receipt: printing.New(ctx)})
	}
	f[common.ScreenClassify] = func(ctx *common.Context) common.Screen {
		return classify.NewWith(ctx, classify.Options{Letters: printing.New(ctx)})
	}
	f[common.ScreenQueue] = queue.New
	f[common.ScreenFollowup] = func(ctx *common.Context) common.Screen {
		return followup.NewWith(ctx, followup.Options{Notices: printing.New(ctx)})
	}
	f[common.ScreenReports] = reports.New
	f[common.ScreenSync] = syncscreen.New
	f[common.ScreenSettings] = newSettings
	return f
}
