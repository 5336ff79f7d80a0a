package main

import (
	"strings"

	"donthu/model"
)

func cmdUser(e *env) error {
	if len(e.args) < 2 {
		return usageError{e.t("dùng: donthu user add LOGIN --name \"Họ tên\" --roles receptionist,handler | donthu user passwd LOGIN",
			"use: donthu user add LOGIN --name \"Full name\" --roles receptionist,handler | donthu user passwd LOGIN")}
	}
	verb, login := e.args[0], e.args[1]
	e.args = e.args[2:]
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	switch verb {
	case "add":
		fs := e.flags("user add")
		name := fs.String("name", "", "")
		roles := fs.String("roles", "receptionist", "")
		if err := e.parse(fs); err != nil {
			return err
		}
		u := model.User{Login: login, Name: *name}
		for _, r := range strings.Split(*roles, ",") {
			role := model.Role(strings.TrimSpace(r))
			ok := false
			for _, known := range model.Roles {
				ok = ok || known == role
			}
			if !ok {
				return usageError{e.t("vai trò không có: "+r+" (receptionist, handler, leader, admin)", "unknown role: "+r+" (receptionist, handler, leader, admin)")}
			}
			u.Roles = append(u.Roles, role)
		}
		pw, err := e.readPassword(e.t("Mật khẩu cho "+login+": ", "Password for "+login+": "), true)
		if err != nil {
			return err
		}
		if err := s.CreateUser(e.author(), u, pw); err != nil {
			return err
		}
		e.printf("Đã thêm người dùng %s.\n", "User %s added.\n", login)
	case "passwd":
		pw, err := e.readPassword(e.t("Mật khẩu mới cho "+login+": ", "New password for "+login+": "), true)
		if err != nil {
			return err
		}
		if err := s.SetPassword(login, pw); err != nil {
			return err
		}
		e.printf("Đã đổi mật khẩu của %s.\n", "Password of %s changed.\n", login)
	default:
		return usageError{e.t("không có lệnh user "+verb, "no user command "+verb)}
	}
	return nil
}
