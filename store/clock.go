package store

import (
	"time"

	"donthu/model"
)

// earliestPlausible is a date no clock running this build can rightly
// show: before the build existed.
var earliestPlausible = time.Date(2026, time.January, 1, 0, 0, 0, 0, model.VN)

// ClockProblem says whether the computer's clock looks wrong, with what
// to do, or nil. Wrong is: earlier than the newest event this site has
// seen (by more than ten minutes) or than this build, or more than a
// year ahead of the newest event. Dates, numbers and deadlines never go
// behind the newest event (Now), but what is saved carries the clock's
// time, so the person is told at sign-in.
func (s *Store) ClockProblem() *model.Label {
	wall := s.wall()
	seen := time.UnixMilli(s.seen.Load())
	day := func(t time.Time) string { return t.In(model.VN).Format("02/01/2006") }
	switch {
	case s.seen.Load() > 0 && wall.Before(seen.Add(-clockSlack)), wall.Before(earliestPlausible):
		ref := seen
		if ref.Before(earliestPlausible) {
			ref = earliestPlausible
		}
		return &model.Label{
			VI: "Đồng hồ máy tính chỉ ngày " + day(wall) + ", sớm hơn bản ghi mới nhất (" + day(ref) + "). donthu vẫn tính ngày, số hồ sơ và thời hạn từ ngày " + day(ref) + ". Hãy chỉnh lại ngày giờ của máy rồi mở lại donthu.",
			EN: "The computer's clock says " + day(wall) + ", earlier than the newest record (" + day(ref) + "). donthu still counts dates, numbers and deadlines from " + day(ref) + ". Set the computer's date and time, then open donthu again.",
		}
	case s.seen.Load() > 0 && wall.After(seen.AddDate(1, 0, 0)):
		return &model.Label{
			VI: "Đồng hồ máy tính chỉ ngày " + day(wall) + ", muộn hơn bản ghi mới nhất (" + day(seen) + ") hơn một năm. Nếu ngày này sai, hãy chỉnh lại ngày giờ của máy TRƯỚC khi ghi gì: mọi thứ được lưu sẽ mang ngày này.",
			EN: "The computer's clock says " + day(wall) + ", more than a year after the newest record (" + day(seen) + "). If that date is wrong, set the computer's date and time BEFORE saving anything: whatever is saved carries this date.",
		}
	}
	return nil
}
