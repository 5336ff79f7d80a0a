package main

import (
	"fmt"
	"strconv"
	"strings"

	"donthu/model"
)

func init() {
	register(command{name: "calendar", args: "list [NĂM] | set NGÀY LOẠI TÊN --user QUẢN_TRỊ | remove NGÀY --user QUẢN_TRỊ",
		vi: "lịch làm việc: ngày nghỉ lễ, nghỉ bù, làm bù của đơn vị",
		en: "working calendar: holidays, days off in lieu, swapped working days", run: cmdCalendar})
}

func cmdCalendar(e *env) error {
	usage := usageError{e.t(
		"dùng: donthu calendar list [NĂM] | set NGÀY holiday|compensatory|off|work \"TÊN\" --user QUẢN_TRỊ | remove NGÀY --user QUẢN_TRỊ  (NGÀY: dd/mm/yyyy)",
		"use: donthu calendar list [YEAR] | set DATE holiday|compensatory|off|work \"NAME\" --user ADMIN | remove DATE --user ADMIN  (DATE: dd/mm/yyyy)")}
	who := takeFlag(&e.args, "user")
	if len(e.args) == 0 {
		return usage
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	today := s.Today()
	// A change to the calendar moves every deadline: an administrator
	// signs in for it (the policy's ActManageSite, checked again by the
	// store).
	author := func() (string, error) {
		u, err := e.requireUser(s, who, model.ActManageSite)
		return u.Login, err
	}
	switch e.args[0] {
	case "list":
		year := today.Y
		if len(e.args) > 1 {
			if year, err = strconv.Atoi(e.args[1]); err != nil || year < 2000 || year > 2100 {
				return usageError{e.t("năm từ 2000 đến 2100", "a year from 2000 to 2100")}
			}
		}
		cal := s.Calendar()
		for _, o := range cal.Holidays(year) {
			d := o.Date
			fmt.Fprintf(e.stdout, "%s  %-3s  %-14s  %s\n", d, model.WeekdayLabel(d.Weekday()).In(e.lang), o.Kind.Label().In(e.lang), o.Name)
		}
		return nil
	case "set":
		if len(e.args) < 3 {
			return usage
		}
		d, m := model.ParseDateInput(e.args[1])
		if m != nil {
			return m
		}
		kind := model.DayKind(e.args[2])
		if !kind.Valid() {
			return usage
		}
		name := strings.Join(e.args[3:], " ")
		login, err := author()
		if err != nil {
			return err
		}
		if err := s.SetCalendarDay(login, model.CalendarChange{Override: model.Override{Date: d, Kind: kind, Name: name, Source: "donthu calendar"}}); err != nil {
			return err
		}
		e.printf("Đã ghi ngày %s: %s.\n", "Recorded %s: %s.\n", d, kind.Label().In(e.lang))
		return nil
	case "remove":
		if len(e.args) != 2 {
			return usage
		}
		d, m := model.ParseDateInput(e.args[1])
		if m != nil {
			return m
		}
		login, err := author()
		if err != nil {
			return err
		}
		if err := s.SetCalendarDay(login, model.CalendarChange{Override: model.Override{Date: d}, Remove: true}); err != nil {
			return err
		}
		e.printf("Đã bỏ ngày %s khỏi lịch riêng của đơn vị.\n", "Removed %s from the site's own calendar.\n", d)
		return nil
	}
	return usage
}
