package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"donthu/model"
	"donthu/store"
)

// Signing in on the command line. Commands that read personal data or
// change users or keys ask who is running them: --user LOGIN (or
// DONTHU_USER), and the password on the terminal, or as one line of
// standard input in a script, as init takes it. The policy (model.May)
// decides what that user may do, as in the interface.

func init() {
	register(command{name: "audit", args: "[--user U] [--from NGÀY --to NGÀY] [--type LOẠI] [--format text|csv|xlsx] [-o TỆP] --as LOGIN",
		vi: "nhật ký truy cập: ai đã làm gì, lúc nào, trên hồ sơ nào; kiểm tra chuỗi băm của từng đơn vị khi đọc",
		en: "the audit: who did what, when, on which record; each site's hash chain verified as it is read", run: cmdAudit})
}

// signInFlag adds --user (the person running the command) to fs.
func signInFlag(fs *flag.FlagSet, name string) *string {
	return fs.String(name, "", "")
}

// requireUser signs in the user named by login (or DONTHU_USER), reading
// their password, and checks that the policy allows action a.
func (e *env) requireUser(s *store.Store, login string, a model.Action) (model.User, error) {
	if login == "" {
		login = envUser()
	}
	if login == "" {
		return model.User{}, usageError{e.t("lệnh này cần người dùng: --user TÊN_ĐĂNG_NHẬP (hoặc biến DONTHU_USER), mật khẩu nhập sau",
			"this command needs a user: --user LOGIN (or DONTHU_USER), then the password")}
	}
	u, err := e.signIn(s, login)
	if err != nil {
		return u, err
	}
	if !model.May(&u, a) {
		return u, model.Wrap(store.ErrForbidden, model.Refusal(a))
	}
	return u, nil
}

func cmdAudit(e *env) error {
	fs := e.flags("audit")
	who := fs.String("user", "", "")
	as := fs.String("as", "", "")
	fromS := fs.String("from", "", "")
	toS := fs.String("to", "", "")
	typ := fs.String("type", "", "")
	format := fs.String("format", "", "")
	out := fs.String("o", "", "")
	if err := e.parse(fs); err != nil {
		return err
	}
	if *format == "" {
		*format = "text"
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".xlsx":
			*format = "xlsx"
		case ".csv":
			*format = "csv"
		}
	}
	if *format != "text" && *format != "csv" && *format != "xlsx" {
		return usageError{e.t("--format text, csv hoặc xlsx", "--format text, csv or xlsx")}
	}
	if *format == "xlsx" && (*out == "" || *out == "-") {
		return usageError{e.t("tệp xlsx cần -o TỆP.xlsx", "an xlsx file needs -o FILE.xlsx")}
	}
	from, err := e.dateFlag("--from", *fromS)
	if err != nil {
		return err
	}
	to, err := e.dateFlag("--to", *toS)
	if err != nil {
		return err
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	// The reader of the audit signs in as --as (or DONTHU_USER); --user
	// filters by author.
	if _, err := e.requireUser(s, *as, model.ActAudit); err != nil {
		return err
	}
	f := store.AuditFilter{User: *who, Type: *typ}
	if !from.IsZero() {
		f.From = dayStart(from)
	}
	if !to.IsZero() {
		f.To = dayStart(to.AddDays(1))
	}
	render := func(w io.Writer) error {
		cw := csv.NewWriter(w)
		if *format == "csv" {
			cw.Write(store.AuditHeader(e.lang))
		}
		var lines []store.AuditLine // for the workbook
		n := 0
		chains, err := s.AuditLog(f, func(l store.AuditLine) error {
			n++
			switch *format {
			case "xlsx":
				lines = append(lines, l)
				return nil
			case "csv":
				return cw.Write(l.Cells(e.lang))
			}
			at := l.When.In(model.VN).Format("02/01/2006 15:04:05")
			_, err := fmt.Fprintf(w, "%s  %-10s %-22s %-22s %s\n", at, l.Who(), l.Type, l.Record(), chainMark(l.ChainWord(e.lang), l.Chain, l.Held))
			return err
		})
		cw.Flush()
		if err == nil && *format == "xlsx" {
			title := e.t("NHẬT KÝ TRUY CẬP — đơn vị ", "AUDIT — site ") + s.Site()
			err = store.WriteAuditXLSX(w, lines, e.lang, title)
		}
		if err != nil {
			return err
		}
		for _, c := range chains {
			if len(c.Broken) > 0 {
				fmt.Fprintf(e.stderr, e.t("Đơn vị %s: chuỗi băm ĐỨT ở sự kiện %v\n", "Site %s: hash chain BROKEN at events %v\n"), c.Site, c.Broken)
			} else {
				fmt.Fprintf(e.stderr, e.t("Đơn vị %s: %d sự kiện, chuỗi băm khớp\n", "Site %s: %d events, hash chain intact\n"), c.Site, c.Events)
			}
		}
		fmt.Fprintf(e.stderr, e.t("%d dòng.\n", "%d lines.\n"), n)
		return nil
	}
	if *out == "" || *out == "-" {
		return render(e.stdout)
	}
	return writeAtomic(*out, render)
}

func chainMark(word string, ok, held bool) string {
	switch {
	case !ok:
		return "✗ " + word
	case held:
		return "… " + word
	}
	return ""
}

// keysIdentity writes this site's age identity for the stock age tool,
// so the backups encrypted to this site (backup --encrypt-to) open with
// `age -d -i FILE`. An administrator signs in; it is audited.
func keysIdentity(e *env) error {
	fs := e.flags("keys identity")
	out := fs.String("o", "", "")
	who := signInFlag(fs, "user")
	if err := e.parse(fs); err != nil {
		return err
	}
	if *out == "" || fs.NArg() > 0 {
		return usageError{e.t("dùng: donthu keys identity -o TỆP --user QUẢN_TRỊ", "use: donthu keys identity -o FILE --user ADMIN")}
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := e.requireUser(s, *who, model.ActManageKeys); err != nil {
		return err
	}
	if err := s.WriteAgeIdentity(*out); err != nil {
		return err
	}
	e.printf("Đã ghi khóa giải mã của đơn vị %s vào %s.\nGiữ tệp này ở nơi an toàn: ai có nó mở được các bản sao lưu và gói dữ liệu gửi đơn vị này (age -d -i %s).\n",
		"Wrote the decryption key of site %s to %s.\nKeep this file safe: whoever has it opens the backups and bundles sent to this site (age -d -i %s).\n", s.Site(), *out, *out)
	return nil
}

// auditCLI records an audit event of a command (an export, a dump).
func auditCLI(s *store.Store, u model.User, t model.EventType, what, file string, rows int) {
	s.Audit(u.Login, t, model.AuditNote{What: what, File: file, Rows: rows, Via: "cli"})
}

// dayStart is the start of a day in Vietnam.
func dayStart(d model.Date) time.Time { return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, model.VN) }

// envUser is DONTHU_USER: who runs the commands of a script.
func envUser() string { return os.Getenv("DONTHU_USER") }

// takeFlag removes --name VALUE (or --name=VALUE) from args, wherever it
// is among file names, and returns VALUE ("" if absent).
func takeFlag(args *[]string, name string) string {
	var out []string
	v := ""
	for i := 0; i < len(*args); i++ {
		a := (*args)[i]
		switch {
		case a == "--"+name || a == "-"+name:
			if i+1 < len(*args) {
				v = (*args)[i+1]
				i++
			}
		case strings.HasPrefix(a, "--"+name+"=") || strings.HasPrefix(a, "-"+name+"="):
			v = a[strings.IndexByte(a, '=')+1:]
		default:
			out = append(out, a)
		}
	}
	*args = out
	return v
}
