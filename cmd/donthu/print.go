package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/store/paper"
	"donthu/tui/printing"
)

// donthu print and donthu verify: the forms of the desk as signed PDFs,
// and the check of a paper's verification code. The forms, templates and
// signatures are store's and store/paper's; this reads the command line.

func init() {
	register(command{name: "print", args: "MẪU --record SỐ [-o TỆP] | register --from NGÀY --to NGÀY | list | templates [THƯ_MỤC] | setup [--dir THƯ_MỤC] [--open yes|no]",
		vi:  "in một mẫu giấy (PDF A4, có mã xác thực) điền từ hồ sơ; «print list» liệt kê các mẫu; «print templates» chép mẫu ra để đơn vị sửa",
		en:  "print a form (A4 PDF with a verification code) filled from the record; «print list» lists the forms; «print templates» copies them out for the office to edit",
		run: cmdPrint})
	register(command{name: "verify", args: "MÃ",
		vi:  "kiểm tra mã xác thực in trên giấy: thật hay giả, đơn vị nào in, khi nào, hồ sơ có thay đổi từ khi in không",
		en:  "check the verification code printed on a paper: genuine or not, which unit printed it, when, whether the record changed since",
		run: cmdVerify})
}

func (e *env) printUse() usageError {
	return usageError{e.t(
		"dùng: donthu print MẪU --record SỐ [-o TỆP.pdf] [--open] [--sheets] [--full --reason LÝ_DO] --user TÊN_ĐĂNG_NHẬP | donthu print register --from dd/mm/yyyy --to dd/mm/yyyy | donthu print list | donthu print templates [THƯ_MỤC] | donthu print setup [--dir THƯ_MỤC] [--open yes|no]",
		"use: donthu print FORM --record NUMBER [-o FILE.pdf] [--open] [--sheets] [--full --reason WHY] --user LOGIN | donthu print register --from dd/mm/yyyy --to dd/mm/yyyy | donthu print list | donthu print templates [DIR] | donthu print setup [--dir DIR] [--open yes|no]")}
}

func cmdPrint(e *env) error {
	form, err := e.verb(e.printUse())
	if err != nil {
		return err
	}
	switch form {
	case "list":
		return printList(e)
	case "templates":
		return printTemplates(e)
	case "setup":
		return printSetup(e)
	}
	if _, ok := paper.FormOf(form); !ok {
		return usageError{e.t("không có mẫu «"+form+"»; xem: donthu print list", "no form «"+form+"»; see: donthu print list")}
	}
	fs := e.flags("print " + form)
	record := fs.String("record", "", "")
	out := fs.String("o", "", "")
	open := fs.Bool("open", false, "")
	full := fs.Bool("full", false, "")
	as := fs.String("as", "", "")
	user := signInFlag(fs, "user") // the same sign-in as every other command
	reason := fs.String("reason", "", "")
	sheets := fs.Bool("sheets", false, "")
	var fromS, toS string
	fs.StringVar(&fromS, "from", "", "")
	fs.StringVar(&toS, "to", "", "")
	if err := e.parse(fs); err != nil {
		return err
	}
	if *as == "" {
		*as = *user
	}
	if fs.NArg() > 0 || (*full && *as == "" && envUser() == "") {
		if *full {
			return usageError{e.t("--full cần --user TÊN_ĐĂNG_NHẬP của lãnh đạo hoặc cán bộ xử lý vụ việc, và --reason",
				"--full needs --user LOGIN of a leader or the case's handler, and --reason")}
		}
		return e.printUse()
	}
	from, err := e.dateFlag("--from", fromS)
	if err != nil {
		return err
	}
	to, err := e.dateFlag("--to", toS)
	if err != nil {
		return err
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	// A paper is signed with the site's key, sealed in the file: whoever
	// prints signs in (--as LOGIN, or DONTHU_USER), as the policy asks.
	u, err := e.requireUser(s, *as, model.ActPrint)
	if err != nil {
		return err
	}
	author := u.Login
	p, err := s.Print(author, store.PrintRequest{Form: form, Record: *record, From: from, To: to, Full: *full, Reason: *reason, Sheets: *sheets})
	if err != nil {
		return err
	}
	if *out == "-" {
		_, err := e.stdout.Write(p.PDF)
		return err
	}
	path := *out
	if path == "" {
		dir := s.PrintDir()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		path = filepath.Join(dir, store.PrintFileName(p.Printout))
	}
	if err := printing.WriteFile(path, p.PDF); err != nil {
		return err
	}
	e.printf("Đã in «%s» vào %s\nMã xác thực: %s\n", "Printed «%s» to %s\nVerification code: %s\n", p.Printout.Title, path, p.Code)
	if p.Redacted {
		e.printf("Danh tính người tố cáo đã được che (bản in mặc định).\n", "The denouncer's identity is redacted (the default printout).\n")
	}
	if *open {
		if err := printing.OpenFile(path); err != nil {
			fmt.Fprintln(e.stderr, "donthu:", err)
		}
	}
	return nil
}

func printList(e *env) error {
	s, err := e.open(true)
	var set *paper.Set
	if err == nil {
		set, err = s.Templates()
		s.Close()
	} else {
		set, err = paper.LoadSet("")
	}
	if err != nil {
		return err
	}
	for _, id := range paper.FormIDs() {
		f, _ := paper.FormOf(id)
		e.printf("%-22s %s\n", "%-22s %s\n", id, f.Name.In(e.lang))
		for _, t := range set.Versions(id) {
			span := ""
			switch {
			case !t.From.IsZero() && !t.To.IsZero():
				span = t.From.String() + " – " + t.To.String()
			case !t.From.IsZero():
				span = e.t("từ ", "from ") + t.From.String()
			case !t.To.IsZero():
				span = e.t("đến ", "until ") + t.To.String()
			default:
				span = e.t("mọi ngày", "any date")
			}
			e.printf("    %s: %s [%s]\n", "    %s: %s [%s]\n", span, t.Basis, t.File)
		}
	}
	for _, b := range set.Broken {
		fmt.Fprintln(e.stdout, "  ! "+b.Message(e.lang))
	}
	return nil
}

func printTemplates(e *env) error {
	dir := ""
	if len(e.args) > 0 {
		dir = e.args[0]
	} else {
		s, err := e.open(true)
		if err != nil {
			return err
		}
		dir = s.TemplateDir()
		s.Close()
	}
	files, err := paper.WriteBuiltins(dir)
	if err != nil {
		return err
	}
	e.printf("Đã chép %d mẫu vào %s (tệp đã có được giữ nguyên). Sửa tệp ở đó: donthu dùng chúng thay cho mẫu có sẵn.\n",
		"Copied %d templates into %s (existing files were kept). Edit them there: donthu uses them instead of the built-in ones.\n", len(files), dir)
	return nil
}

func printSetup(e *env) error {
	fs := e.flags("print setup")
	dir := fs.String("dir", "", "")
	open := fs.String("open", "", "")
	if err := e.parse(fs); err != nil {
		return err
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	opens := s.PrintOpens()
	switch strings.ToLower(*open) {
	case "":
	case "yes", "có", "co":
		opens = true
	case "no", "không", "khong":
		opens = false
	default:
		return usageError{e.t("--open yes hoặc --open no", "--open yes or --open no")}
	}
	if err := s.SetPrintSettings(*dir, opens); err != nil {
		return err
	}
	e.printf("Giấy in từ giao diện được ghi vào %s; %s mở bằng trình xem của máy.\n", "Printouts from the interface go to %s; %s opened in the system's viewer.\n",
		s.PrintDir(), map[bool]string{true: e.t("có", "they are"), false: e.t("không", "not")}[opens])
	return nil
}

func cmdVerify(e *env) error {
	if len(e.args) != 1 {
		return usageError{e.t("dùng: donthu verify MÃ (ví dụ GL07-1234-K7QX-M2PA)", "use: donthu verify CODE (e.g. GL07-1234-K7QX-M2PA)")}
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	v, err := s.Verify(e.args[0])
	if err != nil {
		return err
	}
	if !v.Genuine {
		return model.NewMsg("", v.Why.VI, v.Why.EN)
	}
	for _, line := range v.Lines(e.lang) {
		fmt.Fprintln(e.stdout, line)
	}
	return nil
}
