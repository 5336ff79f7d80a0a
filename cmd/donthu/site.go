package main

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/store"
)

func init() {
	register(command{name: "site", args: "show | set [--name TÊN] [--address ĐC] [--valid-from NGÀY] [--valid-to NGÀY] [--successor MÃ] --user QUẢN_TRỊ",
		vi: "thông tin đơn vị: tên, địa chỉ, thời gian hoạt động, đơn vị kế thừa",
		en: "the site's details: name, address, dates of validity, successor", run: cmdSite})
}

// cmdSite shows or changes this site's record. Union bodies are merged and
// dissolved (the district federations ended on 30/6/2025): a unit carries
// its dates and its successor, and its old cases stay under its code.
func cmdSite(e *env) error {
	if len(e.args) == 0 || (e.args[0] != "show" && e.args[0] != "set") {
		return usageError{e.t("dùng: donthu site show | donthu site set --valid-to 30/06/2025 --successor HN01 … --user QUẢN_TRỊ",
			"use: donthu site show | donthu site set --valid-to 30/06/2025 --successor HN01 … --user ADMIN")}
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	site, err := s.SiteInfo("")
	if err != nil {
		return err
	}
	if e.args[0] == "show" {
		for _, x := range append([]model.Site{site}, others(s.Sites(), site.Code)...) {
			printSite(e, x)
		}
		return nil
	}
	e.args = e.args[1:]
	fs := e.flags("site set")
	name := fs.String("name", site.Name, "")
	addr := fs.String("address", site.Address, "")
	from := fs.String("valid-from", site.ValidFrom.String(), "")
	to := fs.String("valid-to", site.ValidTo.String(), "")
	succ := fs.String("successor", site.Successor, "")
	who := signInFlag(fs, "user")
	if err := e.parse(fs); err != nil {
		return err
	}
	site.Name, site.Address = *name, *addr
	site.Successor = strings.ToUpper(strings.TrimSpace(*succ))
	if site.Successor != "" {
		if m := store.ValidateSiteCode(site.Successor); m != nil {
			return m
		}
	}
	for _, d := range []struct {
		in  string
		out *model.Date
	}{{*from, &site.ValidFrom}, {*to, &site.ValidTo}} {
		*d.out = model.Date{}
		if strings.TrimSpace(d.in) != "" {
			v, m := model.ParseDateInput(d.in)
			if m != nil {
				return m
			}
			*d.out = v
		}
	}
	if !site.ValidTo.IsZero() && site.ValidTo.Before(site.ValidFrom) {
		return model.NewMsg("valid_to", "Ngày kết thúc hoạt động trước ngày bắt đầu", "The end date is before the start date")
	}
	// The site's details are an administrator's (ActManageSite).
	u, err := e.requireUser(s, *who, model.ActManageSite)
	if err != nil {
		return err
	}
	if err := s.UpdateSite(u.Login, site); err != nil {
		return err
	}
	e.printf("Đã ghi thông tin đơn vị.\n", "Site details recorded.\n")
	printSite(e, site)
	return nil
}

func others(all []model.Site, code string) []model.Site {
	var out []model.Site
	for _, x := range all {
		if x.Code != code {
			out = append(out, x)
		}
	}
	return out
}

func printSite(e *env, x model.Site) {
	fmt.Fprintf(e.stdout, "%-8s %s\n", x.Code, x.Name)
	if x.Parent != "" {
		e.printf("         cấp trên: %s\n", "         parent: %s\n", x.Parent)
	}
	if !x.ValidFrom.IsZero() || !x.ValidTo.IsZero() {
		to := x.ValidTo.String()
		if to == "" {
			to = e.t("nay", "now")
		}
		e.printf("         hoạt động: %s – %s\n", "         active: %s – %s\n", x.ValidFrom, to)
	}
	if x.Successor != "" {
		e.printf("         đơn vị kế thừa: %s\n", "         successor: %s\n", x.Successor)
	}
}
