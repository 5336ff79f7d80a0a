package main

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
)

// cmdDemo fills the data file with the demo office (store/demo): the demo
// site GL07 when the file has none, the users demo, letan and hung
// (password "demo"), and a year of activity up to today.
func cmdDemo(e *env) error {
	fs := e.flags("demo")
	people := fs.Int("people", 600, "")
	seed := fs.Uint64("seed", 1, "")
	scale := fs.String("scale", "", "")
	if err := e.parse(fs); err != nil {
		return err
	}
	opt, ok := demo.Scale(*scale)
	if *people < 1 || *people > 200_000 || len(fs.Args()) > 0 || !ok {
		return usageError{e.t("dùng: donthu demo [--people SỐ_NGƯỜI (1–200000, mặc định 600)] [--scale office|province] [--seed SỐ]",
			"use: donthu demo [--people COUNT (1–200000, default 600)] [--scale office|province] [--seed N]")}
	}
	if *scale == "" {
		opt.People = *people
	}
	opt.Seed = *seed
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	if err := demoAllowed(e, s); err != nil {
		return err
	}
	if *scale != "" {
		e.printf("Đang tạo dữ liệu mẫu cỡ %s (vài phút)...\n", "Building the %s-scale demo (a few minutes)...\n", *scale)
		last := -1
		opt.Progress = func(done, total int) {
			// A line at each tenth, so a long fill shows it is moving.
			if pc := done * 10 / total; pc != last {
				last = pc
				e.printf("  %d%%\n", "  %d%%\n", pc*10)
			}
		}
	}
	sum, err := demo.Fill(s, opt)
	if err != nil {
		return demoStopped(e, err)
	}
	if *scale != "" {
		e.printf("Đang thu gọn tệp dữ liệu...\n", "Compacting the data file...\n")
	}
	if err := s.Pack(); err != nil {
		return err
	}
	if sum.NewSite {
		e.printf("Đã tạo đơn vị mẫu %s (%s, cấp trên %s) trong %s.\n", "Demo site %s (%s, parent %s) created in %s.\n",
			sum.Site, demo.SiteName, demo.SiteParent, e.db)
	} else {
		e.printf("Đã điền dữ liệu mẫu vào đơn vị %s trong %s.\n", "Demo data added to site %s in %s.\n", sum.Site, e.db)
	}
	if len(sum.Users) > 0 {
		e.printf("Người dùng mới: %s (mật khẩu: %s).\n", "New users: %s (password: %s).\n", strings.Join(sum.Users, ", "), demo.Password)
	}
	e.printf("Từ %s đến %s: %d người, %d lượt tiếp (%d đoàn đông người), %d đơn (%d chờ phân loại), %d vụ việc, %d sự kiện.\n",
		"From %s to %s: %d people, %d visits (%d group delegations), %d petitions (%d awaiting classification), %d cases, %d events.\n",
		sum.From, sum.To, sum.People, sum.Visits, sum.GroupVisits, sum.Petitions, sum.Inbox, sum.Cases, sum.Events)
	var parts []string
	for _, st := range model.CaseStatuses {
		if n := sum.ByStatus[st]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", st.Label().In(e.lang), n))
		}
	}
	e.printf("Vụ việc: %s.\n", "Cases: %s.\n", strings.Join(parts, ", "))
	e.printf("Quá hạn: %d · đến hạn trong 7 ngày: %d · mở lại: %d · tiếp khiếu: %d · nhắc việc: %d · ghi chú: %d.\n",
		"Overdue: %d · due within 7 days: %d · reopened: %d · repeat complaints: %d · reminders: %d · notes: %d.\n",
		sum.Overdue, sum.DueThisWeek, sum.Reopened, sum.Repeats, sum.Reminders, sum.Notes)
	return nil
}

// demoAllowed refuses a real site's file: the demo users (password
// "demo") and a year of invented records would travel to the office
// with the next bundle. Only a new file or the demo site takes demo data.
func demoAllowed(e *env, s *store.Store) error {
	if s.Site() == "" {
		return nil
	}
	if _, err := s.User(demo.Users[0].Login); s.Site() == demo.SiteCode && err == nil {
		return nil
	}
	return model.NewMsg("",
		"Tệp "+e.db+" là dữ liệu thật của đơn vị "+s.Site()+": không thêm dữ liệu mẫu (người dùng mẫu với mật khẩu \"demo\" và hồ sơ bịa sẽ theo gói đồng bộ lên cấp trên). Hãy dùng một tệp mới: donthu --db demo.db demo",
		"The file "+e.db+" holds the real data of site "+s.Site()+": no demo data is added (demo users with password \"demo\" and invented records would travel to the office in the next bundle). Use a new file: donthu --db demo.db demo")
}

// demoStopped words a failure part-way: each month is saved whole as it
// is made, so what came before the failure is kept, not "nothing".
func demoStopped(e *env, err error) error {
	return model.NewMsg("",
		"Dừng điền dữ liệu mẫu giữa chừng: những tháng đã điền xong vẫn được giữ (mỗi tháng được lưu trọn vẹn), tháng đang điền thì chưa. Lý do: "+store.Reason(err, model.VI)+".",
		"Demo data stopped part-way: the months already filled are kept (each month is saved whole), the one being filled is not. Reason: "+store.Reason(err, model.EN)+".")
}
