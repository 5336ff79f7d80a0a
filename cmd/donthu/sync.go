package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/bundle"

	"golang.org/x/term"
)

// Sync from the command line: key cards, peers, bundles, and the office's
// two actions that address a child. The work is store's; this parses and
// prints.

func init() {
	register(command{name: "keys", args: "export [-o TỆP] | identity -o TỆP --user QUẢN_TRỊ",
		vi: "ghi thẻ khóa công khai của đơn vị, in dấu vân tay để đọc qua điện thoại; identity: ghi khóa giải mã của đơn vị để mở bản sao lưu mã hóa bằng age (quản trị viên, ghi vào nhật ký)",
		en: "write this site's public key card and print its fingerprint to read over the phone; identity: write the site's decryption key to open encrypted backups with age (an administrator, audited)", run: cmdKeys})
	register(command{name: "peer", args: "add TỆP --user QUẢN_TRỊ | list | parent MÃ --user QUẢN_TRỊ",
		vi: "ghim thẻ khóa của đơn vị khác, xem các đơn vị đã ghim, đổi cấp trên",
		en: "pin another site's key card, list pinned sites, change the parent office", run: cmdPeer})
	register(command{name: "bundle", args: "export --to MÃ | import TỆP | inspect TỆP [--user LOGIN]",
		vi: "tạo gói dữ liệu gửi cấp trên/cấp dưới, nhập gói nhận được, xem một gói",
		en: "make a bundle for the parent or a child, import received bundles, look into one", run: cmdBundle})
	register(command{name: "office", args: "transfer --to MÃ … | guide VỤ_VIỆC …",
		vi: "(cấp trên) chuyển đơn cho đơn vị cấp dưới, gửi hướng dẫn về một vụ việc",
		en: "(office) transfer a petition to a child site, send guidance on a case", run: cmdOffice})
}

// verb splits off the subcommand of a command with several.
func (e *env) verb(use usageError) (string, error) {
	if len(e.args) == 0 {
		return "", use
	}
	v := e.args[0]
	e.args = e.args[1:]
	return v, nil
}

// when formats a time for a person, in Vietnam; "—" for none.
func when(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(model.VN).Format("02/01/2006 15:04")
}

// signIn asks for login's password and returns the user.
func (e *env) signIn(s *store.Store, login string) (model.User, error) {
	pw, err := e.readPassword(e.t("Mật khẩu của "+login+": ", "Password of "+login+": "), false)
	if err != nil {
		return model.User{}, err
	}
	return s.Authenticate(login, pw)
}

// confirm asks a yes/no question and reads one line of stdin a byte at a
// time, so a password line after it is left for readPassword.
func (e *env) confirm(question string) bool {
	fmt.Fprint(e.stderr, question)
	var line []byte
	b := make([]byte, 1)
	for {
		n, err := e.stdin.Read(b)
		if n == 1 && b[0] != '\n' {
			line = append(line, b[0])
		}
		if err != nil || (n == 1 && b[0] == '\n') {
			break
		}
	}
	a := strings.ToLower(strings.TrimSpace(string(line)))
	return a == "c" || a == "có" || a == "y" || a == "yes"
}

func cmdKeys(e *env) error {
	use := usageError{e.t("dùng: donthu keys export [-o TỆP] | donthu keys identity -o TỆP --user QUẢN_TRỊ", "use: donthu keys export [-o FILE] | donthu keys identity -o FILE --user ADMIN")}
	v, err := e.verb(use)
	if err == nil && v == "identity" {
		return keysIdentity(e)
	}
	if err != nil || v != "export" {
		return use
	}
	fs := e.flags("keys export")
	out := fs.String("o", "", "")
	if err := e.parse(fs); err != nil {
		return err
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	if *out == "" {
		*out = store.KeyCardName(s.Site())
	}
	c, err := s.WriteKeyCard(*out)
	if err != nil {
		return err
	}
	e.printf("Đã ghi thẻ khóa của đơn vị %s vào %s.\n", "Wrote the key card of site %s to %s.\n", c.Site, *out)
	e.printf("Dấu vân tay (đọc cho đơn vị kia qua điện thoại để đối chiếu):\n  %s\n", "Fingerprint (read it to the other site over the phone to compare):\n  %s\n", c.Fingerprint())
	return nil
}

func cmdPeer(e *env) error {
	use := usageError{e.t("dùng: donthu peer add TỆP_THẺ [--yes] [--child] [--replace] --user LOGIN | donthu peer list | donthu peer parent MÃ --user LOGIN",
		"use: donthu peer add CARD_FILE [--yes] [--child] [--replace] --user LOGIN | donthu peer list | donthu peer parent CODE --user LOGIN")}
	v, err := e.verb(use)
	if err != nil {
		return err
	}
	switch v {
	case "add":
		return peerAdd(e)
	case "list":
		return peerList(e)
	case "parent":
		return peerParent(e)
	}
	return use
}

func peerAdd(e *env) error {
	fs := e.flags("peer add")
	yes := fs.Bool("yes", false, "")
	child := fs.Bool("child", false, "")
	replace := fs.Bool("replace", false, "")
	login := fs.String("user", "", "")
	file := ""
	if len(e.args) > 0 && !strings.HasPrefix(e.args[0], "-") {
		file, e.args = e.args[0], e.args[1:]
	}
	if err := e.parse(fs); err != nil {
		return err
	}
	if file == "" && fs.NArg() == 1 {
		file = fs.Arg(0)
	}
	if file == "" {
		return usageError{e.t("cần tệp thẻ khóa: donthu peer add TỆP_THẺ", "a key card file is needed: donthu peer add CARD_FILE")}
	}
	if *replace && *login == "" {
		return usageError{e.t("thay khóa cần quản trị viên: --replace --user LOGIN", "replacing keys needs an administrator: --replace --user LOGIN")}
	}
	c, err := store.ReadKeyCard(file)
	if err != nil {
		return err
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	e.printf("Thẻ khóa của đơn vị %s (%s), cấp trên: %s\n", "Key card of site %s (%s), parent: %s\n", c.Site, c.Name, orDash(c.Parent))
	e.printf("Dấu vân tay: %s\n", "Fingerprint: %s\n", c.Fingerprint())
	if !*yes && !e.confirm(e.t("Hãy gọi điện cho đơn vị "+c.Site+" và nhờ họ đọc dấu vân tay (donthu keys export). Có khớp từng chữ số không? [c/K] ",
		"Call site "+c.Site+" and ask them to read their fingerprint (donthu keys export). Does every digit match? [y/N] ")) {
		return model.NewMsg("", "Chưa xác nhận dấu vân tay: không ghim thẻ khóa nào.", "The fingerprint was not confirmed: no key card was pinned.")
	}
	// Pinning a key is a change of keys: an administrator signs in
	// (--user or DONTHU_USER), after the fingerprint was confirmed.
	u, err := e.requireUser(s, *login, model.ActManageKeys)
	if err != nil {
		return err
	}
	opt := store.PinOptions{Replace: *replace, Child: *child, By: u.Login}
	p, err := s.PinPeer(c, opt)
	if err != nil {
		return err
	}
	e.printf("Đã ghim thẻ khóa của %s (%s).\n", "Pinned the key card of %s (%s).\n", p.Code, p.Relation.Label().In(e.lang))
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func peerList(e *env) error {
	if err := e.parse(e.flags("peer list")); err != nil {
		return err
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	ps := s.Peers()
	if len(ps) == 0 {
		e.printf("Chưa ghim thẻ khóa của đơn vị nào. Xem: donthu peer add\n", "No site is pinned yet. See: donthu peer add\n")
		return nil
	}
	now := s.Now()
	for _, p := range ps {
		fmt.Fprintf(e.stdout, "%s  %s  (%s)\n", p.Code, p.Name, p.Relation.Label().In(e.lang))
		e.printf("  dấu vân tay %s · ghim lúc %s\n", "  fingerprint %s · pinned %s\n", p.Fingerprint, when(p.PinnedAt))
		e.printf("  đã gửi: gói số %d lúc %s %s · chờ gửi: %d sự kiện\n", "  sent: bundle %d at %s %s · waiting: %d events\n",
			p.Sent.Number, when(p.Sent.At), p.Sent.File, p.Waiting)
		age := e.t("chưa nhận", "none yet")
		if d := p.DataAge(now); d >= 0 {
			age = e.t(fmt.Sprintf("%.0f giờ trước", d.Hours()), fmt.Sprintf("%.0f hours old", d.Hours()))
		}
		e.printf("  đã nhận: gói số %d lúc %s · dữ liệu mới nhất: %s\n", "  received: bundle %d at %s · newest data: %s\n",
			p.Received.Number, when(p.Received.At), age)
		for i, r := range p.Refused {
			if i == 3 {
				e.printf("  … và %d gói bị từ chối khác\n", "  … and %d more refused\n", len(p.Refused)-3)
				break
			}
			e.printf("  bị từ chối %s %s: %s\n", "  refused %s %s: %s\n", when(r.At), r.File, r.Reason.In(e.lang))
		}
	}
	for _, r := range s.Refusals() {
		if r.From == "" {
			e.printf("Gói không rõ nơi gửi bị từ chối %s %s: %s\n", "Refused, sender unknown, %s %s: %s\n", when(r.At), r.File, r.Reason.In(e.lang))
		}
	}
	return nil
}

func peerParent(e *env) error {
	fs := e.flags("peer parent")
	login := fs.String("user", "", "")
	code := ""
	if len(e.args) > 0 && !strings.HasPrefix(e.args[0], "-") {
		code, e.args = e.args[0], e.args[1:]
	}
	if err := e.parse(fs); err != nil {
		return err
	}
	if code == "" || *login == "" {
		return usageError{e.t("dùng: donthu peer parent MÃ --user LOGIN (quản trị viên)", "use: donthu peer parent CODE --user LOGIN (an administrator)")}
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := e.requireUser(s, *login, model.ActManageKeys)
	if err != nil {
		return err
	}
	if err := s.SetParent(u.Login, code); err != nil {
		return err
	}
	e.printf("Cấp trên của đơn vị %s nay là %s. Gói tiếp theo gửi %s sẽ mang toàn bộ dữ liệu của đơn vị.\n",
		"The parent of site %s is now %s. The next bundle for %s carries all of this site's data.\n", s.Site(), strings.ToUpper(code), strings.ToUpper(code))
	return nil
}

func cmdBundle(e *env) error {
	use := usageError{e.t("dùng: donthu bundle export --to MÃ [-o TỆP|THƯ_MỤC] | donthu bundle import TỆP... | donthu bundle inspect TỆP",
		"use: donthu bundle export --to CODE [-o FILE|FOLDER] | donthu bundle import FILE... | donthu bundle inspect FILE")}
	v, err := e.verb(use)
	if err != nil {
		return err
	}
	switch v {
	case "export":
		return bundleExport(e)
	case "import":
		return bundleImport(e)
	case "inspect":
		return bundleInspect(e)
	}
	return use
}

func bundleExport(e *env) error {
	fs := e.flags("bundle export")
	to := fs.String("to", "", "")
	out := fs.String("o", "", "")
	who := signInFlag(fs, "user")
	if err := e.parse(fs); err != nil {
		return err
	}
	if *to == "" {
		return usageError{e.t("cần --to MÃ_ĐƠN_VỊ_NHẬN", "--to RECEIVER_CODE is needed")}
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	// The site's keys are sealed: signing a bundle needs a signed-in user.
	if _, err := e.requireUser(s, *who, model.ActSync); err != nil {
		return err
	}
	x, err := s.ExportBundle(*to, *out)
	if err != nil {
		return err
	}
	m := x.Manifest
	e.printf("Đã ghi gói số %d gửi %s: %s\n", "Wrote bundle %d for %s: %s\n", m.Number, m.To, x.Path)
	e.printf("  %d sự kiện; xác nhận đã có của %s đến sự kiện số %d.\n", "  %d events; acknowledges %s's events up to %d.\n", m.Events.Count, m.To, m.Holds[m.To])
	return nil
}

// importShown returns what tells a person at a terminal how far a
// bundle's import has read (a parent's first sync is a million events,
// ten seconds or more), on one line of standard error written over, and
// the function that ends that line; nothing when standard error is not a
// terminal.
func (e *env) importShown() (show func(n, all int), done func()) {
	f, ok := e.stderr.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return nil, func() {}
	}
	var mu sync.Mutex
	open := false // a line is shown and not ended
	show = func(n, all int) {
		mu.Lock()
		defer mu.Unlock()
		num := func(n int) string { return model.ThousandsIn(e.lang, int64(n)) }
		if n < all {
			fmt.Fprintf(f, "\r%s", e.t("đã đọc "+num(n)+"/"+num(all)+" sự kiện…", num(n)+" of "+num(all)+" events read…"))
			open = true
		} else {
			fmt.Fprintf(f, "\r%s\n", e.t("đã đọc đủ "+num(all)+" sự kiện, đang ghi vào tệp…", "all "+num(all)+" events read, writing the file…"))
			open = false
		}
	}
	done = func() {
		mu.Lock()
		defer mu.Unlock()
		if open {
			fmt.Fprintln(f)
		}
	}
	return show, done
}

func bundleImport(e *env) error {
	who := takeFlag(&e.args, "user")
	if err := e.parse(e.flags("bundle import")); err != nil {
		return err
	}
	if len(e.args) == 0 {
		return usageError{e.t("cần ít nhất một tệp gói: donthu bundle import TỆP...", "at least one bundle file is needed: donthu bundle import FILE...")}
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := e.requireUser(s, who, model.ActSync); err != nil {
		return err
	}
	failed := 0
	for _, path := range e.args {
		show, done := e.importShown()
		r, err := s.ImportBundleWatch(path, show)
		done()
		switch {
		case errors.Is(err, bundle.ErrReplay):
			fmt.Fprintf(e.stdout, "%s: %s\n", path, store.Message(err, e.lang))
		case err != nil:
			failed++
			fmt.Fprintf(e.stderr, e.t("%s: BỊ TỪ CHỐI, không nhập gì: %s\n", "%s: REFUSED, nothing imported: %s\n"), path, store.Message(err, e.lang))
		default:
			m := r.Manifest
			e.printf("%s: đã nhập gói số %d từ %s (tạo lúc %s): %s sự kiện mới, %s đã có.\n", "%s: imported bundle %d from %s (made %s): %s new events, %s already held.\n",
				path, m.Number, m.From, when(m.Created), model.ThousandsIn(e.lang, int64(r.Result.Added)), model.ThousandsIn(e.lang, int64(r.Result.Present)))
			if n := len(r.Result.Quarantined); n > 0 {
				e.printf("  CẢNH BÁO: %d sự kiện trùng số nhưng khác nội dung đã được cách ly (xem donthu check).\n", "  WARNING: %d events with a known number but other content were quarantined (see donthu check).\n", n)
			}
			if r.Result.Conflicts > 0 {
				e.printf("  %d hồ sơ có xung đột cần xem lại.\n", "  %d records carry a conflict to review.\n", r.Result.Conflicts)
			}
			for _, w := range r.Warnings {
				fmt.Fprintln(e.stdout, "  "+e.t("CẢNH BÁO: ", "WARNING: ")+w.In(e.lang))
			}
		}
	}
	if failed > 0 {
		return model.NewMsg("", fmt.Sprintf("%d gói bị từ chối; dữ liệu của các gói đó không được nhập.", failed),
			fmt.Sprintf("%d bundles were refused; nothing of them was imported.", failed))
	}
	return nil
}

func bundleInspect(e *env) error {
	who := takeFlag(&e.args, "user")
	if err := e.parse(e.flags("bundle inspect")); err != nil {
		return err
	}
	if len(e.args) != 1 {
		return usageError{e.t("cần đúng một tệp gói: donthu bundle inspect TỆP", "exactly one bundle file: donthu bundle inspect FILE")}
	}
	s, err := e.open(true)
	if err != nil {
		return err
	}
	defer s.Close()
	if _, err := e.requireUser(s, who, model.ActSync); err != nil {
		return err
	}
	in, problem := s.InspectBundle(e.args[0])
	m := in.Manifest
	if m.Kind != "" {
		e.printf("Gói số %d từ %s (%s) gửi %s, tạo lúc %s, định dạng %d\n", "Bundle %d from %s (%s) to %s, made %s, format %d\n",
			m.Number, m.From, m.FromName, m.To, when(m.Created), m.Format)
		e.printf("  %d sự kiện (số %d–%d), %d byte, SHA-256 %s\n", "  %d events (%d–%d), %d bytes, SHA-256 %s\n",
			m.Events.Count, m.Events.First, m.Events.Last, m.Events.Bytes, m.Events.SHA256)
		e.printf("  mới nhất của %s: số %d · %s giữ của %s đến số %d\n", "  newest of %s: %d · %s holds %s's up to %d\n",
			m.From, m.Head.Seq, m.From, m.To, m.Holds[m.To])
		sig := e.t("CHƯA kiểm tra được", "NOT verified")
		if in.Verified {
			sig = e.t("đúng khóa đã ghim", "matches the pinned key")
		}
		e.printf("  chữ ký: %s · so với tệp này: %d mới, %d đã có, %d khác nội dung\n", "  signature: %s · against this file: %d new, %d held, %d different\n",
			sig, in.New, in.Held, in.Conflicting)
	}
	if problem != nil {
		return problem
	}
	e.printf("Gói hợp lệ; có thể nhập.\n", "The bundle is valid and can be imported.\n")
	return nil
}

func cmdOffice(e *env) error {
	use := usageError{e.t("dùng: donthu office transfer --to MÃ --summary NỘI_DUNG [--sender TÊN] [--employer TÊN] [--kind complaint|denunciation|recommendation|report] [--received NGÀY] | donthu office guide MÃ_VỤ_VIỆC --text NỘI_DUNG",
		"use: donthu office transfer --to CODE --summary TEXT [--sender NAME] [--employer NAME] [--kind complaint|denunciation|recommendation|report] [--received DATE] | donthu office guide CASE_ID --text TEXT")}
	v, err := e.verb(use)
	if err != nil {
		return err
	}
	switch v {
	case "transfer":
		fs := e.flags("office transfer")
		to := fs.String("to", "", "")
		var p model.Petition
		fs.StringVar(&p.Summary, "summary", "", "")
		fs.StringVar(&p.SenderName, "sender", "", "")
		fs.StringVar(&p.Employer, "employer", "", "")
		kind := fs.String("kind", "", "")
		received := fs.String("received", "", "")
		who := signInFlag(fs, "user")
		if err := e.parse(fs); err != nil {
			return err
		}
		if *to == "" || p.Summary == "" {
			return use
		}
		p.Kind = model.PetitionKind(*kind)
		if *received != "" {
			d, m := model.ParseDateInput(*received)
			if m != nil {
				return m
			}
			p.Received = d
		}
		s, err := e.openSite()
		if err != nil {
			return err
		}
		defer s.Close()
		u, err := e.requireUser(s, *who, model.ActClassify)
		if err != nil {
			return err
		}
		got, err := s.TransferPetition(u.Login, *to, p)
		if err != nil {
			return err
		}
		e.printf("Đã chuyển đơn %s (%s) cho đơn vị %s; đơn đi theo gói tiếp theo gửi %s.\n", "Transferred petition %s (%s) to site %s; it travels in the next bundle for %s.\n",
			got.No, got.ID, got.Site, got.Site)
		return nil
	case "guide":
		fs := e.flags("office guide")
		text := fs.String("text", "", "")
		who := signInFlag(fs, "user")
		id := ""
		if len(e.args) > 0 && !strings.HasPrefix(e.args[0], "-") {
			id, e.args = e.args[0], e.args[1:]
		}
		if err := e.parse(fs); err != nil {
			return err
		}
		if id == "" || *text == "" {
			return use
		}
		s, err := e.openSite()
		if err != nil {
			return err
		}
		defer s.Close()
		u, err := e.requireUser(s, *who, model.ActHandleCase)
		if err != nil {
			return err
		}
		if err := s.SendGuidance(u.Login, id, *text); err != nil {
			return err
		}
		e.printf("Đã ghi hướng dẫn cho vụ việc %s; hướng dẫn đi theo gói tiếp theo.\n", "Guidance recorded on case %s; it travels in the next bundle.\n", id)
		return nil
	}
	return use
}
