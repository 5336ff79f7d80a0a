package main

import (
	"fmt"
	"strings"

	"donthu/model"
)

// donthu user: the desk users. Listing them needs no password; adding,
// resetting a password, changing roles and deactivating are done by a
// signed-in administrator (--user ADMIN, or DONTHU_USER; their password
// first, then the new one, one a line on standard input in a script).
// A user changing their own password gives the old one, then the new.

func cmdUser(e *env) error {
	use := usageError{e.t("dùng: donthu user list | add LOGIN --name \"Họ tên\" --roles receptionist,handler --user QUẢN_TRỊ | passwd LOGIN --user QUẢN_TRỊ | roles LOGIN --roles r1,r2 --user QUẢN_TRỊ | deactivate LOGIN --user QUẢN_TRỊ",
		"use: donthu user list | add LOGIN --name \"Full name\" --roles receptionist,handler --user ADMIN | passwd LOGIN --user ADMIN | roles LOGIN --roles r1,r2 --user ADMIN | deactivate LOGIN --user ADMIN")}
	if len(e.args) == 0 {
		return use
	}
	verb := e.args[0]
	e.args = e.args[1:]
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	if verb == "list" {
		for _, u := range s.AllUsers() {
			state := e.t("đang dùng", "active")
			if !u.Active {
				state = e.t("đã ngừng", "deactivated")
			}
			var roles []string
			for _, r := range u.Roles {
				roles = append(roles, r.Label().In(e.lang))
			}
			fmt.Fprintf(e.stdout, "%-16s %-28s %-11s %s\n", u.Login, u.Name, state, strings.Join(roles, ", "))
		}
		return nil
	}
	if len(e.args) == 0 || strings.HasPrefix(e.args[0], "-") {
		return use
	}
	login := e.args[0]
	e.args = e.args[1:]
	fs := e.flags("user " + verb)
	signer := fs.String("user", "", "")
	name := fs.String("name", "", "")
	rolesS := fs.String("roles", "receptionist", "")
	if err := e.parse(fs); err != nil {
		return err
	}
	roles, err := e.parseRoles(*rolesS)
	if err != nil {
		return err
	}
	who := *signer
	if who == "" {
		who = envUser()
	}
	if verb == "passwd" && who == login {
		// One's own password: the old one, then the new.
		old, err := e.readPassword(e.t("Mật khẩu hiện tại của "+login+": ", "Current password of "+login+": "), false)
		if err != nil {
			return err
		}
		pw, err := e.readPassword(e.t("Mật khẩu mới: ", "New password: "), true)
		if err != nil {
			return err
		}
		if err := s.ChangePassword(login, old, pw); err != nil {
			return err
		}
		e.printf("Đã đổi mật khẩu của %s.\n", "Password of %s changed.\n", login)
		return nil
	}
	admin, err := e.requireUser(s, who, model.ActManageUsers)
	if err != nil {
		return err
	}
	switch verb {
	case "add":
		u := model.User{Login: login, Name: *name, Roles: roles}
		pw, err := e.readPassword(e.t("Mật khẩu cho "+login+": ", "Password for "+login+": "), true)
		if err != nil {
			return err
		}
		if err := s.CreateUser(admin.Login, u, pw); err != nil {
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
		e.printf("Đã đặt lại mật khẩu của %s.\n", "Password of %s reset.\n", login)
	case "roles", "deactivate", "activate":
		u, err := s.User(login)
		if err != nil {
			return err
		}
		switch verb {
		case "roles":
			u.Roles = roles
		case "deactivate":
			if login == admin.Login {
				return model.NewMsg("", "Không tự ngừng tài khoản của mình", "You cannot deactivate yourself")
			}
			u.Active = false
		default:
			u.Active = true
		}
		if err := s.UpdateUser(admin.Login, u); err != nil {
			return err
		}
		e.printf("Đã cập nhật người dùng %s.\n", "User %s updated.\n", login)
	default:
		return use
	}
	return nil
}

func (e *env) parseRoles(s string) ([]model.Role, error) {
	var out []model.Role
	for _, r := range strings.Split(s, ",") {
		role := model.Role(strings.TrimSpace(r))
		ok := false
		for _, known := range model.Roles {
			ok = ok || known == role
		}
		if !ok {
			return nil, usageError{e.t("vai trò không có: "+r+" (receptionist, handler, leader, admin)", "unknown role: "+r+" (receptionist, handler, leader, admin)")}
		}
		out = append(out, role)
	}
	return out, nil
}
