package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"donthu/model"
	"donthu/store"

	"filippo.io/age"
	"golang.org/x/term"
)

func init() {
	register(command{name: "init", args: "--site MÃ --name TÊN [--parent MÃ] --user LOGIN",
		vi: "thiết lập đơn vị: mã, tên, cấp trên, người dùng đầu tiên, cặp khóa",
		en: "set up a site: code, name, parent, first user, key pairs", run: cmdInit})
	register(command{name: "demo", args: "[--people N] [--scale office|province] [--seed N]", vi: "điền dữ liệu mẫu (tạo đơn vị mẫu nếu chưa có)",
		en: "fill with demo data (creates a demo site if there is none)", run: cmdDemo})
	register(command{name: "check", args: "[--user TÊN]", vi: "kiểm tra tệp dữ liệu (--user: cả các sự kiện được niêm phong)", en: "verify the data file (--user: events sealed at rest too)", run: cmdCheck})
	register(command{name: "rebuild", args: "[--user TÊN]", vi: "dựng lại dữ liệu hiện hành và chỉ mục từ nhật ký",
		en: "rebuild state and indexes from the event log", run: cmdRebuild})
	register(command{name: "backup", args: "[--encrypt-to MÃ] TỆP", vi: "sao lưu khi đang dùng; --encrypt-to: mã hóa cho đơn vị cấp trên đã ghim hoặc chính đơn vị này (mở bằng age, hoặc donthu restore)",
		en: "make a consistent backup copy; --encrypt-to: encrypted to a pinned office or this site itself (opens with age, or donthu restore)", run: cmdBackup})
	register(command{name: "restore", args: "TỆP [--identity TỆP_KHÓA] --user QUẢN_TRỊ", vi: "khôi phục bản sao lưu: kiểm tra, để riêng tệp hiện tại, rồi thay",
		en: "restore a backup: check it, keep the current file aside, switch", run: cmdRestore})
	register(command{name: "dump", args: "events|state [--user LOGIN]", vi: "xuất nhật ký hoặc dữ liệu hiện hành dạng JSON Lines (danh tính được bảo mật vẫn niêm phong)",
		en: "write the log or the state as JSON Lines (protected identities stay sealed)", run: cmdDump})
	register(command{name: "user", args: "list | add LOGIN --name TÊN --roles r1,r2 --user QUẢN_TRỊ | passwd LOGIN --user QUẢN_TRỊ | roles LOGIN --roles r1,r2 --user QUẢN_TRỊ | deactivate LOGIN --user QUẢN_TRỊ",
		vi: "người dùng: xem danh sách; quản trị viên thêm, đặt lại mật khẩu, đổi vai trò, ngừng tài khoản", en: "users: list them; an administrator adds, resets a password, changes roles, deactivates", run: cmdUser})
}

// readPassword asks on the terminal, or reads one line from stdin when it
// is not a terminal (scripts and tests).
func (e *env) readPassword(prompt string, confirm bool) (string, error) {
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(e.stderr, prompt)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", err
		}
		if confirm {
			fmt.Fprint(e.stderr, e.t("Nhập lại mật khẩu: ", "Repeat the password: "))
			b2, err := term.ReadPassword(int(f.Fd()))
			fmt.Fprintln(e.stderr)
			if err != nil {
				return "", err
			}
			if string(b) != string(b2) {
				return "", fmt.Errorf("%s", e.t("Hai lần nhập mật khẩu không khớp", "The passwords do not match"))
			}
		}
		return string(b), nil
	}
	// One byte at a time: a script may give several passwords, one a
	// line (the signer's, then a new user's), and a buffered reader
	// would swallow the next one.
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := e.stdin.Read(b)
		if n == 1 && b[0] != '\n' {
			line = append(line, b[0])
		}
		if err != nil || (n == 1 && b[0] == '\n') {
			if err != nil && len(line) == 0 {
				return "", fmt.Errorf("%s", e.t("Không đọc được mật khẩu từ đầu vào chuẩn", "Cannot read the password from standard input"))
			}
			break
		}
	}
	return strings.TrimRight(string(line), "\r"), nil
}

func cmdInit(e *env) error {
	fs := e.flags("init")
	var in store.SiteInit
	fs.StringVar(&in.Code, "site", "", "")
	fs.StringVar(&in.Name, "name", "", "")
	fs.StringVar(&in.Parent, "parent", "", "")
	fs.StringVar(&in.Login, "user", "", "")
	fs.StringVar(&in.UserName, "fullname", "", "")
	if err := e.parse(fs); err != nil {
		return err
	}
	if in.Code == "" || in.Name == "" || in.Login == "" {
		return usageError{e.t("cần --site, --name và --user. Ví dụ: donthu init --site GL07 --name \"Công đoàn cơ sở Công ty May Gia Lâm\" --parent HN01 --user lan",
			"--site, --name and --user are required. Example: donthu init --site GL07 --name \"Gia Lam Garment union\" --parent HN01 --user lan")}
	}
	s, err := e.open(false)
	if err != nil {
		return err
	}
	defer s.Close()
	if s.Site() != "" {
		return fmt.Errorf("%s", e.t("Tệp "+e.db+" đã là dữ liệu của đơn vị "+s.Site()+"; không thiết lập lại.",
			"The file "+e.db+" already belongs to site "+s.Site()+"; not set up again."))
	}
	pw, err := e.readPassword(e.t("Mật khẩu cho "+in.Login+": ", "Password for "+in.Login+": "), true)
	if err != nil {
		return err
	}
	in.Password = pw
	if err := s.Init(in); err != nil {
		return err
	}
	e.printf("Đã thiết lập đơn vị %s (%s) trong %s. Người dùng: %s.\n", "Site %s (%s) set up in %s. User: %s.\n", s.Site(), in.Name, e.db, in.Login)
	return nil
}

func cmdCheck(e *env) error {
	who := takeFlag(&e.args, "user")
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	if who != "" {
		// Any user's sign-in opens the events sealed at rest, so their
		// content is checked too; nothing personal is printed.
		if _, err := e.signIn(s, who); err != nil {
			return err
		}
	}
	probs := s.Check()
	st := s.Stats()
	e.printf("Tệp: %s\nĐơn vị: %s · lược đồ %d · %d sự kiện · %.1f MB\n", "File: %s\nSite: %s · schema %d · %d events · %.1f MB\n",
		e.db, st.Site, st.Schema, st.Events, float64(st.Size)/(1<<20))
	if n := s.CheckSealed(); n > 0 {
		e.printf("%d hồ sơ có sự kiện được niêm phong (danh tính người tố cáo): đã kiểm tra chuỗi băm, chưa kiểm tra nội dung. Để kiểm tra đủ: donthu check --user TÊN_ĐĂNG_NHẬP\n",
			"%d records have events sealed at rest (a denouncer's identity): their hash chain was checked, not their content. To check everything: donthu check --user LOGIN\n", n)
	}
	if c := s.Copy(); c.Waiting {
		e.printf("Tệp này là bản sao (sao lưu được khôi phục hoặc được cứu): chưa lưu được gì cho đến khi %s trả lời. Hãy gửi %s một gói (donthu bundle export --to %s) rồi nhập gói trả lời.\n",
			"This file is a copy (a restored backup or a salvaged file): nothing is saved until %s answers. Send %s a bundle (donthu bundle export --to %s), then import its answer.\n", c.Parent, c.Parent, c.Parent)
	}
	// Events of a history abandoned by a restore: kept aside, not applied.
	for _, a := range s.Abandoned() {
		e.printf("  Để riêng (lịch sử đã bị bỏ khi khôi phục): %s %s lúc %s\n", "  Set aside (a history abandoned by a restore): %s %s at %s\n",
			a.Key(), a.Type, a.At.In(model.VN).Format("2006-01-02 15:04"))
	}
	if len(probs) == 0 {
		e.printf("Không có lỗi.\n", "No problems found.\n")
		return nil
	}
	for _, p := range probs {
		fmt.Fprintln(e.stdout, "  - "+p.In(e.lang))
	}
	return fmt.Errorf("%s", e.t(fmt.Sprintf("Có %d lỗi.", len(probs)), fmt.Sprintf("%d problems found.", len(probs))))
}

func cmdRebuild(e *env) error {
	who := takeFlag(&e.args, "user")
	s, err := e.openExisting()
	if err != nil {
		return err
	}
	defer s.Close()
	if who != "" {
		// Records with events sealed at rest fold only with their key,
		// which any user's sign-in opens.
		if _, err := e.signIn(s, who); err != nil {
			return err
		}
	}
	// A district office's million events take a quarter of a minute:
	// say so before, not only after.
	e.printf("Đang dựng lại dữ liệu từ nhật ký (tệp lớn có thể mất một phút)...\n", "Rebuilding from the log (a large file may take a minute)...\n")
	if err := s.Rebuild(); err != nil {
		return err
	}
	e.printf("Đã dựng lại dữ liệu từ nhật ký.\n", "Rebuilt from the log.\n")
	return nil
}

func cmdBackup(e *env) error {
	to := takeFlag(&e.args, "encrypt-to")
	if len(e.args) != 1 {
		return usageError{e.t("cần đúng một tên tệp: donthu backup [--encrypt-to MÃ] TỆP", "exactly one file name: donthu backup [--encrypt-to CODE] FILE")}
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	if to != "" {
		// For the office: age-encrypted to its pinned key.
		if err := s.BackupEncrypted(e.args[0], to); err != nil {
			return err
		}
		e.printf("Đã sao lưu, mã hóa cho %s, vào %s (mở bằng age và khóa của %s)\n", "Backed up, encrypted to %s, to %s (opens with age and %s's key)\n", strings.ToUpper(to), e.args[0], strings.ToUpper(to))
		return nil
	}
	if err := s.Backup(e.args[0]); err != nil {
		return err
	}
	e.printf("Đã sao lưu vào %s\n", "Backed up to %s\n", e.args[0])
	return nil
}

// cmdDump writes the log or the state. Without a sign-in it still works
// for checking and comparing files: a confidential sender's identity is
// sealed in the file, so the dump shows it sealed. With --user, the dump
// is signed for (leaders and administrators) and recorded in the audit.
func cmdDump(e *env) error {
	who := takeFlag(&e.args, "user")
	if len(e.args) != 1 || (e.args[0] != "events" && e.args[0] != "state") {
		return usageError{e.t("dùng: donthu dump events | donthu dump state [--user LOGIN]", "use: donthu dump events | donthu dump state [--user LOGIN]")}
	}
	if who != "" {
		s, err := e.openSite()
		if err != nil {
			return err
		}
		u, err := e.requireUser(s, who, model.ActDump)
		if err == nil {
			auditCLI(s, u, model.EvExported, "dump "+e.args[0], "-", 0)
		}
		s.Close()
		if err != nil {
			return err
		}
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	if e.args[0] == "events" {
		return s.DumpEvents(e.stdout)
	}
	return s.DumpState(e.stdout)
}

func cmdRestore(e *env) error {
	who := takeFlag(&e.args, "user")
	keyFile := takeFlag(&e.args, "identity")
	if len(e.args) != 1 {
		return usageError{e.t("dùng: donthu restore TỆP_SAO_LƯU [--identity TỆP_KHÓA] --user QUẢN_TRỊ", "use: donthu restore BACKUP_FILE [--identity KEY_FILE] --user ADMIN")}
	}
	from := e.args[0]
	encrypted := store.IsEncryptedBackup(from)
	var ids []age.Identity
	if encrypted && keyFile != "" {
		var err error
		if ids, err = store.ReadIdentityFile(keyFile); err != nil {
			return err
		}
	}
	// Whoever restores must be an administrator of the current file (or
	// of the backup, when the current file is gone or unreadable). An
	// age-encrypted backup (backup --encrypt-to) is opened first: with
	// the key file given, or with this site's own key, which that
	// administrator's sign-in unseals; then it is checked and restored
	// as a plain one.
	var u model.User
	signed := false
	if _, err := os.Stat(e.db); err == nil {
		if s, err := store.Open(e.db, store.Options{ReadOnly: true}); err == nil {
			u, err = e.requireUser(s, who, model.ActRestore)
			if err == nil && encrypted && ids == nil {
				ids = s.SiteAgeIdentities()
			}
			s.Close()
			if err != nil {
				return err
			}
			signed = true
		}
	}
	if encrypted {
		if len(ids) == 0 {
			return usageError{e.t("bản sao lưu đã mã hóa: cần --identity TỆP_KHÓA của đơn vị nhận (donthu keys identity)",
				"the backup is encrypted: give --identity KEY_FILE of the receiving site (donthu keys identity)")}
		}
		plain := e.db + ".restore-decrypted.part"
		defer os.Remove(plain)
		if err := store.OpenEncryptedBackup(from, plain, ids); err != nil {
			return err
		}
		from = plain
	}
	if !signed {
		s, err := store.Open(from, store.Options{ReadOnly: true})
		if err != nil {
			return err
		}
		u, err = e.requireUser(s, who, model.ActRestore)
		s.Close()
		if err != nil {
			return err
		}
	}
	aside, err := store.Restore(e.db, from, time.Now())
	if err != nil {
		return err
	}
	if r, err := store.Open(e.db, store.Options{}); err == nil {
		r.Audit(u.Login, model.EvRestored, model.AuditNote{File: e.args[0], Via: "cli"})
		r.Close()
	}
	e.printf("Đã khôi phục %s từ %s.\n", "Restored %s from %s.\n", e.db, e.args[0])
	if aside != "" {
		e.printf("Tệp trước đó được giữ ở %s.\n", "The previous file is kept as %s.\n", aside)
	}
	return nil
}
