// Command donthu is the reception-desk application of a Vietnamese
// trade-union office: a terminal interface over one data file, plus the
// subcommands that set up, check, back up and sync that file.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"donthu/model"
	"donthu/store"
)

// Exit codes.
const (
	exitOK     = 0
	exitFail   = 1 // the command ran and failed (bad data, refused bundle)
	exitUsage  = 2 // the command line was wrong
	exitLocked = 3 // the data file is open elsewhere
)

// env is what every subcommand gets: the parsed global flags and the streams.
type env struct {
	db     string
	lang   model.Lang
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	args   []string
}

func (e *env) t(vi, en string) string {
	if e.lang == model.EN {
		return en
	}
	return vi
}

func (e *env) printf(vi, en string, a ...any) { fmt.Fprintf(e.stdout, e.t(vi, en), a...) }

// command is one subcommand.
type command struct {
	name   string
	args   string
	vi, en string
	run    func(e *env) error
	hidden bool
}

var commands []command

func register(c command) { commands = append(commands, c) }

func main() {
	stop := cpuProfile()
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if code != exitOK && startedByDoubleClick() {
		// A console opened by a double-click closes with the program:
		// keep the message on screen until the person has read it.
		fmt.Fprint(os.Stderr, "\nNhấn Enter để đóng cửa sổ… / Press Enter to close…")
		bufio.NewReader(os.Stdin).ReadString('\n')
	}
	os.Exit(code)
}

// startedByDoubleClick guesses that Windows Explorer started the program:
// no arguments, and a console of its own.
func startedByDoubleClick() bool {
	return runtime.GOOS == "windows" && len(os.Args) == 1 && os.Getenv("PROMPT") == ""
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, lang: langFromEnv()}
	fs := flag.NewFlagSet("donthu", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&e.db, "db", "", "")
	lang := fs.String("lang", "", "")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	// Global flags may come before or after the subcommand.
	globals, rest := splitGlobals(args)
	if err := fs.Parse(globals); err != nil {
		fmt.Fprintln(stderr, err)
		return exitUsage
	}
	if *lang != "" {
		e.lang = model.ParseLang(*lang)
	}
	if e.db == "" {
		e.db = defaultDB()
	}
	if *help || (len(rest) > 0 && (rest[0] == "help")) {
		usage(e)
		return exitOK
	}
	name := ""
	if len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	e.args = rest
	for _, c := range commands {
		if c.name == name {
			return exitCode(e, runGuarded(e, c))
		}
	}
	fmt.Fprintf(stderr, e.t("donthu: không có lệnh %q. Xem: donthu --help\n", "donthu: no command %q. See: donthu --help\n"), name)
	return exitUsage
}

// runGuarded runs a subcommand so that no panic reaches the person: a
// damaged data file can make bbolt panic or fault deep inside a read,
// and that becomes one sentence with the way out, not a stack trace.
func runGuarded(e *env, c command) (err error) {
	defer store.Guard(&err, e.db)()
	return c.run(e)
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (u usageError) Error() string { return u.msg }

func exitCode(e *env, err error) int {
	if err == nil {
		return exitOK
	}
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(e.stderr, "donthu:", ue.msg)
		return exitUsage
	}
	fmt.Fprintln(e.stderr, "donthu:", store.Message(err, e.lang))
	if m := model.MsgOf(err); m != nil && m.Err != nil && model.IsSystem(m.Err) {
		fmt.Fprintln(e.stderr, "donthu:", model.Label{VI: "chi tiết:", EN: "detail:"}.In(e.lang), m.Err)
	}
	if errors.Is(err, store.ErrLocked) {
		return exitLocked
	}
	return exitFail
}

// splitGlobals pulls --db, --lang and --help out of args wherever they are.
func splitGlobals(args []string) (globals, rest []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		name := strings.TrimLeft(a, "-")
		if !strings.HasPrefix(a, "-") || a == "-" || a == "--" {
			rest = append(rest, a)
			continue
		}
		base, _, hasVal := strings.Cut(name, "=")
		switch base {
		case "db", "lang":
			globals = append(globals, a)
			if !hasVal && i+1 < len(args) {
				globals = append(globals, args[i+1])
				i++
			}
		case "help", "h":
			if len(rest) == 0 {
				globals = append(globals, a)
			} else {
				rest = append(rest, a)
			}
		default:
			rest = append(rest, a)
		}
	}
	return
}

func langFromEnv() model.Lang {
	if l := os.Getenv("DONTHU_LANG"); l != "" {
		return model.ParseLang(l)
	}
	return model.VI
}

// defaultDB is DONTHU_DB, else donthu/donthu.db in the user's data
// directory: %AppData% on Windows, ~/Library/Application Support on macOS,
// $XDG_DATA_HOME or ~/.local/share elsewhere.
func defaultDB() string {
	if p := os.Getenv("DONTHU_DB"); p != "" {
		return p
	}
	return filepath.Join(dataDir(runtime.GOOS, os.Getenv, os.UserHomeDir), "donthu", "donthu.db")
}

func dataDir(goos string, getenv func(string) string, home func() (string, error)) string {
	switch goos {
	case "windows":
		if d := getenv("APPDATA"); d != "" {
			return d
		}
		if d := getenv("LOCALAPPDATA"); d != "" {
			return d
		}
	case "darwin":
		if h, err := home(); err == nil {
			return filepath.Join(h, "Library", "Application Support")
		}
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" {
			return d
		}
		if h, err := home(); err == nil {
			return filepath.Join(h, ".local", "share")
		}
	}
	return "."
}

func usage(e *env) {
	w := e.stdout
	fmt.Fprint(w, wrap(e.t("donthu: sổ tiếp đoàn viên, người lao động và công dân; theo dõi đơn thư và thời hạn giải quyết.",
		"donthu: the reception register of a trade-union office; petitions, cases and their legal deadlines."), "", ""))
	fmt.Fprintln(w)
	fmt.Fprintln(w, e.t("Cách dùng:", "Usage:"))
	fmt.Fprintln(w, "  donthu [--db FILE] [--lang vi|en] [COMMAND] [ARGS]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, e.t("Không có lệnh: mở giao diện.", "With no command: opens the interface."))
	fmt.Fprintln(w)
	fmt.Fprintln(w, e.t("Lệnh:", "Commands:"))
	cs := append([]command(nil), commands...)
	sort.SliceStable(cs, func(i, j int) bool { return helpRank(cs[i].name) < helpRank(cs[j].name) })
	for _, c := range cs {
		if c.hidden || c.name == "" {
			continue
		}
		fmt.Fprint(w, wrap(strings.TrimSpace(c.name+" "+e.argsIn(c.args)), "  ", "      "))
		fmt.Fprint(w, wrap(e.t(c.vi, c.en), "      ", "      "))
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, e.t("Tùy chọn chung:", "Global options:"))
	fmt.Fprintln(w, e.t("  --db FILE      tệp dữ liệu (mặc định: $DONTHU_DB, hoặc thư mục\n                 dữ liệu của người dùng)",
		"  --db FILE      the data file (default: $DONTHU_DB, else the user's\n                 data folder)"))
	fmt.Fprintln(w, e.t("  --lang vi|en   ngôn ngữ (mặc định: tiếng Việt; hoặc $DONTHU_LANG)",
		"  --lang vi|en   language (default: Vietnamese; or $DONTHU_LANG)"))
	fmt.Fprintf(w, e.t("\nTệp dữ liệu hiện tại: %s\n", "\nData file now: %s\n"), e.db)
}

// argsEN names the placeholders of the usage lines in English.
var argsEN = strings.NewReplacer("QUẢN_TRỊ", "ADMIN", "VỤ_VIỆC", "CASE", "MÃ", "CODE", "TÊN", "NAME", "NĂM", "YEAR",
	"NGÀY", "DATE", "LOẠI", "KIND", "TỆP", "FILE", "ĐC", "ADDRESS",
	"MẪU", "FORM", "SỐ", "NUMBER", "THƯ_MỤC", "DIR")

// argsIn returns a usage line with its placeholders in the person's language.
func (e *env) argsIn(args string) string {
	if e.lang == model.EN {
		return argsEN.Replace(args)
	}
	return args
}

// wrap breaks s into lines of at most 78 cells, the first indented by
// first and the rest by rest.
func wrap(s, first, rest string) string {
	var b strings.Builder
	line := first
	for _, word := range strings.Fields(s) {
		if len([]rune(line))+1+len([]rune(word)) > 78 && strings.TrimSpace(line) != "" {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = rest
		}
		if strings.TrimSpace(line) != "" {
			line += " "
		}
		line += word
	}
	b.WriteString(line + "\n")
	return b.String()
}

// helpOrder is the order commands are listed in --help: setting up,
// keeping the file, the site's details, exports, then sync.
var helpOrder = []string{"init", "demo", "user", "check", "backup", "rebuild", "dump", "site", "calendar", "export", "keys", "peer", "bundle", "office"}

func helpRank(name string) int {
	for i, n := range helpOrder {
		if n == name {
			return i
		}
	}
	return len(helpOrder)
}

// open opens the data file for a subcommand.
func (e *env) open(readOnly bool) (*store.Store, error) {
	return store.Open(e.db, store.Options{ReadOnly: readOnly, Upgrading: e.upgrading})
}

// openExisting opens a data file that must already exist, for writing,
// creating nothing when the path is wrong (rebuild).
func (e *env) openExisting() (*store.Store, error) {
	return store.Open(e.db, store.Options{MustExist: true, Upgrading: e.upgrading})
}

// upgrading says, before the interface or a command starts, why opening
// the file takes a while: the once-only rewrite of a schema step.
func (e *env) upgrading() {
	fmt.Fprintln(e.stderr, e.t(
		"donthu: đang chuyển tệp dữ liệu "+e.db+" sang định dạng mới, gọn hơn (chỉ một lần; tệp lớn có thể mất một phút; bản cũ được giữ trong thư mục backups, nếu bị ngắt giữa chừng thì tệp vẫn như cũ)…",
		"donthu: moving the data file "+e.db+" to the new, more compact layout (once only; a large file may take a minute; the old one is kept in the backups folder, and an interruption leaves the file as it was)…"))
}

// openSite opens the data file and requires a site to be set up.
func (e *env) openSite() (*store.Store, error) {
	s, err := e.open(false)
	if err != nil {
		return nil, err
	}
	if s.Site() == "" {
		s.Close()
		return nil, fmt.Errorf("%s", e.t("Tệp "+e.db+" chưa có đơn vị. Hãy chạy: donthu init --site MÃ --name TÊN --user TÊN_ĐĂNG_NHẬP",
			"The file "+e.db+" has no site yet. Run: donthu init --site CODE --name NAME --user LOGIN"))
	}
	return s, nil
}

// flags makes a flag set for a subcommand that reports errors as usage errors.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

func (e *env) parse(fs *flag.FlagSet) error {
	if err := fs.Parse(e.args); err != nil {
		return usageError{err.Error()}
	}
	return nil
}

// author names who made a change from the command line, for the event
// log: the operating-system account (the command line has no sign-in).
func (e *env) author() string {
	u := os.Getenv("USER")
	if u == "" {
		u = os.Getenv("USERNAME")
	}
	if u == "" {
		u = "?"
	}
	return "cli:" + u
}
