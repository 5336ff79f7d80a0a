//go:build linux || darwin

// Command donthu-bench measures donthu at the scale of a decade: an
// office of about a million events and a province of 300 sites. It
// builds the demo files once (donthu demo --scale ...) in a folder it
// keeps (-dir), then runs each measure several times, each in a fresh
// process so that its peak memory is its own, and prints one table of
// medians with the machine on top. `make bench` runs it.
//
// What a measure times is what the interface or the command does for a
// person: a reception key is the store's search and the cards of the
// first rows (reception's search()), start-up is opening the file and
// reading the sign-in screen, then the work done after sign-in before
// the first screen is ready.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"strings"
	"syscall"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
	regbook "donthu/store/register"
)

var (
	dir    = flag.String("dir", filepath.Join(os.TempDir(), "donthu-bench"), "folder for the generated files (kept between runs)")
	bin    = flag.String("bin", "bin/donthu", "the donthu binary")
	scales = flag.String("scale", "100k,office,province,register", "scales to measure: 100k (a year of a big site), office, province, register (an old register of 20,000 rows imported)")
	runs   = flag.Int("runs", 3, "runs of each measure (the median is shown)")
	only   = flag.String("only", "", "measure only these groups (comma list of interface, desk, check, report, sync, rebuild); \"\" = all")
	child  = flag.String("child", "", "internal: run one measure in this process")
	db     = flag.String("db", "", "internal: the file of a child measure")
)

// result is what a child measure prints: named durations in ms, other
// figures, and its peak memory.
type result struct {
	MS     map[string][]float64 `json:"ms"`
	Vals   map[string]float64   `json:"vals"`
	RSSKB  int64                `json:"rss_kb"`
	AnonKB int64                `json:"anon_kb"`
	HeapB  uint64               `json:"heap"`
}

func main() {
	flag.Parse()
	if *child != "" {
		r := result{MS: map[string][]float64{}, Vals: map[string]float64{}}
		if err := runChild(*child, *db, &r); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		if r.AnonKB == 0 { // else the child took it at its session's end
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			r.HeapB = ms.HeapInuse
			r.AnonKB = rssAnonKB(os.Getpid())
		}
		r.RSSKB = maxRSS()
		json.NewEncoder(os.Stdout).Encode(r)
		return
	}
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "donthu-bench:", err)
		os.Exit(1)
	}
}

func maxRSS() int64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	if runtime.GOOS == "darwin" {
		return ru.Maxrss / 1024
	}
	return ru.Maxrss
}

// figure is one row of the table: a name, the goal, and per scale the
// medians gathered.
type figure struct {
	name, goal string
	unit       string
	vals       map[string][]float64
}

type table struct {
	rows  []*figure
	index map[string]*figure
}

func (t *table) add(scale, name, goal, unit string, v ...float64) {
	if t.index == nil {
		t.index = map[string]*figure{}
	}
	f := t.index[name]
	if f == nil {
		f = &figure{name: name, goal: goal, unit: unit, vals: map[string][]float64{}}
		t.index[name] = f
		t.rows = append(t.rows, f)
	}
	f.vals[scale] = append(f.vals[scale], v...)
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func pct(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	i := int(p*float64(len(s))+0.5) - 1
	return s[max(0, min(len(s)-1, i))]
}

func format(v float64, unit string) string {
	switch unit {
	case "ms":
		if v >= 1000 {
			return fmt.Sprintf("%.2f s", v/1000)
		}
		if v < 10 {
			return fmt.Sprintf("%.2f ms", v)
		}
		return fmt.Sprintf("%.0f ms", v)
	case "MB":
		return fmt.Sprintf("%.0f MB", v)
	case "B":
		return fmt.Sprintf("%.0f B", v)
	case "ev/s":
		return fmt.Sprintf("%.0f k/s", v/1000)
	}
	return fmt.Sprintf("%.0f", v)
}

func run() error {
	if err := os.MkdirAll(*dir, 0o755); err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var t table
	var names []string
	for _, sc := range strings.Split(*scales, ",") {
		if sc = strings.TrimSpace(sc); sc == "" {
			continue
		}
		names = append(names, sc)
		if err := measureScale(&t, self, sc); err != nil {
			return fmt.Errorf("%s: %w", sc, err)
		}
	}
	printTable(os.Stdout, &t, names)
	return nil
}

// cpuMS is the user and system CPU time of the last donthu run, in ms:
// unlike the wall time, it does not grow when other work shares the
// machine.
var cpuMS float64

// anonKB is the highest anonymous resident memory (heap, stacks: the
// process's own, not the data file's mapped pages) seen during the last
// donthu run, in KB; 0 where /proc cannot tell.
var anonKB int64

// rssAnonKB reads RssAnon of a process from /proc (Linux).
func rssAnonKB(pid int) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		var kb int64
		if _, err := fmt.Sscanf(l, "RssAnon: %d kB", &kb); err == nil {
			return kb
		}
	}
	return 0
}

// donthu runs the binary and returns its wall time (ms) and peak memory (MB).
func donthu(args ...string) (float64, float64, string, error) {
	return donthuAs("", "", args...)
}

// donthuAs is donthu run by a user who signs in (DONTHU_USER, and the
// password as one line of standard input), as commands that read or
// send personal data ask: the sign-in (argon2id) is in the figures.
func donthuAs(user, password string, args ...string) (float64, float64, string, error) {
	cmd := exec.Command(*bin, append([]string{"--lang", "en"}, args...)...)
	if user != "" {
		cmd.Env = append(os.Environ(), "DONTHU_USER="+user)
		cmd.Stdin = strings.NewReader(password + "\n")
	}
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, 0, "", err
	}
	anonKB = 0
	stop := make(chan struct{})
	polled := make(chan struct{})
	go func() {
		// The process's own memory (not the pages of the data file it
		// maps), sampled: RSS counts both.
		defer close(polled)
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			if kb := rssAnonKB(cmd.Process.Pid); kb > anonKB {
				anonKB = kb
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	err := cmd.Wait()
	close(stop)
	<-polled
	ms := float64(time.Since(start).Microseconds()) / 1000
	var rss float64
	if cmd.ProcessState != nil {
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			cpuMS = float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e6
			rss = float64(ru.Maxrss) / 1024
			if runtime.GOOS == "darwin" {
				rss /= 1024
			}
		}
	}
	if err != nil {
		return ms, rss, out.String(), fmt.Errorf("donthu %s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return ms, rss, out.String(), nil
}

func childRun(self, name, file string) (result, error) {
	var r result
	cmd := exec.Command(self, "-child", name, "-db", file)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return r, fmt.Errorf("measure %s: %v", name, err)
	}
	return r, json.Unmarshal(out, &r)
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func fileMB(path string) float64 {
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return float64(fi.Size()) / (1 << 20)
}

func events(path string) (int, error) {
	s, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return 0, err
	}
	defer s.Close()
	return s.Stats().Events, nil
}

func measureScale(t *table, self, sc string) error {
	if sc == "register" {
		return measureImport(t, sc)
	}
	data := filepath.Join(*dir, sc+".db")
	if _, err := os.Stat(data); err != nil {
		fmt.Fprintf(os.Stderr, "building the %s demo in %s (once; minutes)...\n", sc, data)
		args := []string{"--db", data + ".part", "demo", "--scale", sc}
		if sc == "100k" {
			args = []string{"--db", data + ".part", "demo", "--people", "19000"}
		}
		ms, rss, _, err := donthu(args...)
		if err != nil {
			os.Remove(data + ".part")
			return err
		}
		if err := os.Rename(data+".part", data); err != nil {
			return err
		}
		t.add(sc, "build the demo (`donthu demo --scale`)", "minutes", "ms", ms)
		t.add(sc, "peak memory: demo", "", "MB", rss)
	}
	n, err := events(data)
	if err != nil {
		return err
	}
	t.add(sc, "events", "", "", float64(n))
	t.add(sc, "bytes per event, as written", "< 350", "B", fileMB(data)*(1<<20)/float64(n))

	work := filepath.Join(*dir, sc+"-work.db")
	if err := copyFile(data, work); err != nil {
		return err
	}
	defer os.Remove(work)
	fmt.Fprintf(os.Stderr, "%s: %d events; measuring...\n", sc, n)

	for i := 0; i < *runs && want("interface"); i++ {
		r, err := childRun(self, "interface", work)
		if err != nil {
			return err
		}
		t.add(sc, "open to the sign-in screen", "", "ms", r.MS["signin"]...)
		if i == 0 {
			// The first sign-in on this copy: no index of the protected
			// persons kept yet, every one of them unsealed.
			t.add(sc, "sign-in to the first screen, start-up work done: a user's first sign-in on the file", "", "ms", r.MS["startup"]...)
		}
		t.add(sc, "sign-in to the first screen, start-up work done: the next sign-in after a day's 200 writes", "< 150 ms", "ms", r.MS["startupday"]...)
		t.add(sc, "reception: first key after sign-in", "< 50 ms", "ms", r.MS["firstkey"]...)
		t.add(sc, "reception: a key, median", "< 2 ms", "ms", median(r.MS["key"]))
		t.add(sc, "reception: a key, p99", "< 8 ms", "ms", pct(r.MS["key"], 0.99))
		t.add(sc, "queue: open cases, first look", "< 8 ms", "ms", r.MS["queue"]...)
		t.add(sc, "queue: closed cases, first page on screen", "< 8 ms", "ms", r.MS["closedpage"]...)
		t.add(sc, "queue: closed cases, the whole list behind it", "", "ms", r.MS["closed"]...)
		t.add(sc, fmt.Sprintf("follow-up: open the longest case (%.0f events)", r.Vals["longcase"]), "", "ms", r.MS["followup"]...)
		t.add(sc, fmt.Sprintf("settings: review of duplicates, the pairs on screen (%.0f pairs)", r.Vals["pairs"]), "", "ms", r.MS["dups"]...)
		t.add(sc, "peak memory: interface (RSS, file pages included)", "", "MB", float64(r.RSSKB)/1024)
		t.add(sc, "own memory: interface at the end (RSS less file pages)", "< 150 MB", "MB", float64(r.AnonKB)/1024)
		t.add(sc, "Go heap in use: interface", "", "MB", float64(r.HeapB)/(1<<20))
		t.add(sc, "reports: the year on screen", "", "ms", r.MS["reportscreen"]...)
		t.add(sc, "own memory: interface with the year's report on screen", "< 150 MB", "MB", r.Vals["reportanon"]/1024)
	}
	for i := 0; i < *runs && want("desk"); i++ {
		r, err := childRun(self, "desk", work)
		if err != nil {
			return err
		}
		t.add(sc, "desk action p50 (fsync included)", "", "ms", median(r.MS["action"]))
		t.add(sc, "desk action p99", "fsync p99 + 1 ms", "ms", pct(r.MS["action"], 0.99))
		t.add(sc, "desk: a denunciation by a person known in the clear (their history sealed), slowest of 5", "", "ms", slices.Max(r.MS["denounce"]))
		t.add(sc, "fsync alone p99", "", "ms", pct(r.MS["fsync"], 0.99))
		t.add(sc, "a commit's two syncs alone p99 (the floor: bbolt syncs the pages, then the meta page)", "", "ms", pct(r.MS["commitfloor"], 0.99))
	}
	for i := 0; i < *runs && want("check"); i++ {
		// Signed in, so the events sealed at rest are checked whole too.
		ms, rss, _, err := donthuAs("demo", "demo", "--db", work, "check", "--user", "demo")
		if err != nil {
			return err
		}
		t.add(sc, "`donthu check`", "< 3 s", "ms", ms)
		t.add(sc, "`donthu check`, CPU time", "", "ms", cpuMS)
		t.add(sc, "peak memory: check", "", "MB", rss)
		t.add(sc, "own memory: check (RSS less file pages)", "bounded", "MB", float64(anonKB)/1024)
	}
	year := fmt.Sprint(time.Now().Year() - 1)
	for i := 0; i < *runs && want("report"); i++ {
		ms, _, _, err := donthu("--db", work, "report", "all", "--period", year)
		if err != nil {
			return err
		}
		t.add(sc, "a year's report, every form (`donthu report all --period "+year+"`)", "< 1 s", "ms", ms)
		t.add(sc, "a year's report, CPU time", "", "ms", cpuMS)
		t.add(sc, "own memory: a year's report (RSS less file pages)", "< 150 MB", "MB", float64(anonKB)/1024)
	}
	if want("sync") {
		if err := syncRuns(t, sc, work, n); err != nil {
			return err
		}
	}
	if !want("rebuild") {
		return nil
	}
	for i := 0; i < *runs; i++ {
		ms, rss, _, err := donthuAs("demo", "demo", "--db", work, "rebuild", "--user", "demo")
		if err != nil {
			return err
		}
		t.add(sc, "`donthu rebuild`", "< 3 s", "ms", ms)
		t.add(sc, "`donthu rebuild`, CPU time", "", "ms", cpuMS)
		t.add(sc, "peak memory: rebuild", "", "MB", rss)
		t.add(sc, "own memory: rebuild (RSS less file pages)", "bounded", "MB", float64(anonKB)/1024)
	}
	t.add(sc, "bytes per event, after rebuild", "< 350", "B", fileMB(work)*(1<<20)/float64(n))
	r, err := childRun(self, "desk", work)
	if err != nil {
		return err
	}
	t.add(sc, "desk action p99, after rebuild", "fsync p99 + 1 ms", "ms", pct(r.MS["action"], 0.99))
	return nil
}

// want reports whether the measures of group were asked for (-only).
func want(group string) bool {
	if *only == "" {
		return true
	}
	for _, g := range strings.Split(*only, ",") {
		if strings.TrimSpace(g) == group {
			return true
		}
	}
	return false
}

// registerRows is the size of the register measureImport imports: the
// issue's "large register".
const registerRows = 20000

// measureImport imports an old register of registerRows rows
// (register.WriteSample) into a new site, as an office starting donthu
// does: the dry run, then the import in one transaction (`--apply`).
func measureImport(t *table, sc string) error {
	file := filepath.Join(*dir, fmt.Sprintf("register-%d.xlsx", registerRows))
	if _, err := os.Stat(file); err != nil {
		if err := regbook.WriteSample(file, registerRows); err != nil {
			return err
		}
	}
	const pw = "bench-password"
	fresh := filepath.Join(*dir, "register-site.db")
	if _, err := os.Stat(fresh); err != nil {
		s, err := store.Open(fresh+".part", store.Options{})
		if err != nil {
			return err
		}
		err = s.Init(store.SiteInit{Code: "GL07", Name: "Công đoàn cơ sở (bench)", Login: "lan", UserName: "Nguyễn Thị Lan", Password: pw})
		s.Close()
		if err != nil {
			os.Remove(fresh + ".part")
			return err
		}
		if err := os.Rename(fresh+".part", fresh); err != nil {
			return err
		}
	}
	work := filepath.Join(*dir, "register-work.db")
	defer os.Remove(work)
	fmt.Fprintf(os.Stderr, "register: importing %d rows...\n", registerRows)
	for i := 0; i < *runs; i++ {
		if err := copyFile(fresh, work); err != nil {
			return err
		}
		ms, _, _, err := donthuAs("lan", pw, "--db", work, "import", file)
		if err != nil {
			return err
		}
		t.add(sc, fmt.Sprintf("register of %d rows: dry run (`donthu import FILE`)", registerRows), "", "ms", ms)
		t.add(sc, "register dry run, CPU time", "", "ms", cpuMS)
		ms, rss, out, err := donthuAs("lan", pw, "--db", work, "import", file, "--apply")
		if err != nil {
			return err
		}
		if !strings.Contains(out, fmt.Sprintf("Imported %d rows", registerRows)) {
			return fmt.Errorf("import: %s", out)
		}
		t.add(sc, fmt.Sprintf("register of %d rows: import (`donthu import FILE --apply`)", registerRows), "seconds", "ms", ms)
		t.add(sc, "register import, CPU time", "", "ms", cpuMS)
		t.add(sc, "peak memory: register import", "", "MB", rss)
	}
	return nil
}

// syncRuns sends the file's whole history to a new parent and imports it
// there. A province's office sends its parent only its own events (its
// sites' are theirs to send), so it has no such row.
func syncRuns(t *table, sc, work string, n int) error {
	if sc == "province" {
		return nil
	}
	parent := filepath.Join(*dir, sc+"-parent.db")
	bundleFile := filepath.Join(*dir, sc+".bundle")
	defer os.Remove(parent)
	defer os.Remove(bundleFile)
	if err := pairParent(work, parent); err != nil {
		return err
	}
	for i := 0; i < *runs; i++ {
		os.Remove(bundleFile)
		ms, rss, _, err := donthuAs(demo.Users[0].Login, demo.Password, "--db", work, "bundle", "export", "--to", demo.SiteParent, "-o", bundleFile)
		if err != nil {
			return err
		}
		t.add(sc, "bundle export, whole history", ">= 100 k/s", "ev/s", float64(n)/(ms/1000))
		t.add(sc, "bundle export, events per CPU second", "", "ev/s", float64(n)/(cpuMS/1000))
		t.add(sc, "peak memory: bundle export", "", "MB", rss)
		t.add(sc, "own memory: bundle export (RSS less file pages)", "bounded", "MB", float64(anonKB)/1024)
	}
	for i := 0; i < *runs; i++ {
		p := parent + ".run"
		if err := copyFile(parent, p); err != nil {
			return err
		}
		ms, rss, _, err := donthuAs("admin", "bench-password", "--db", p, "bundle", "import", bundleFile)
		if err == nil {
			t.add(sc, "bytes per event, a new parent after its first sync", "< 350", "B", fileMB(p)*(1<<20)/float64(n))
		}
		os.Remove(p)
		os.RemoveAll(filepath.Join(*dir, "backups"))
		if err != nil {
			return err
		}
		t.add(sc, "bundle import, whole history (a new parent)", ">= 100 k/s", "ev/s", float64(n)/(ms/1000))
		t.add(sc, "bundle import, events per CPU second", "", "ev/s", float64(n)/(cpuMS/1000))
		t.add(sc, "peak memory: bundle import", "", "MB", rss)
		t.add(sc, "own memory: bundle import (RSS less file pages)", "bounded", "MB", float64(anonKB)/1024)
	}
	return nil
}

// pairParent makes a new parent file for the data file's site and pins
// the two sites' keys both ways.
func pairParent(data, parent string) error {
	os.Remove(parent)
	s, err := store.Open(data, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	site, err := s.SiteInfo("")
	if err != nil {
		return err
	}
	p, err := store.Open(parent, store.Options{})
	if err != nil {
		return err
	}
	defer p.Close()
	if err := p.Init(store.SiteInit{Code: site.Parent, Name: "Liên đoàn Lao động (bench)", Login: "admin", UserName: "Quản trị", Password: "bench-password"}); err != nil {
		return err
	}
	pc, err := p.KeyCard()
	if err != nil {
		return err
	}
	sc, err := s.KeyCard()
	if err != nil {
		return err
	}
	if _, err := s.PinPeer(pc, store.PinOptions{By: demo.Users[0].Login}); err != nil {
		return err
	}
	_, err = p.PinPeer(sc, store.PinOptions{By: "admin"})
	return err
}

func printTable(w io.Writer, t *table, scales []string) {
	bw := bufio.NewWriter(w)
	defer bw.Flush()
	fmt.Fprintf(bw, "donthu at scale · %d cores · %s memory · %s/%s · %s · median of %d runs · load average at the end %s\n\n",
		runtime.NumCPU(), memTotal(), runtime.GOOS, runtime.GOARCH, runtime.Version(), *runs, loadAvg())
	fmt.Fprintf(bw, "| measure | goal |")
	for _, sc := range scales {
		fmt.Fprintf(bw, " %s |", sc)
	}
	fmt.Fprintf(bw, "\n|---|---|")
	for range scales {
		fmt.Fprintf(bw, "---|")
	}
	fmt.Fprintln(bw)
	for _, f := range t.rows {
		fmt.Fprintf(bw, "| %s | %s |", f.name, f.goal)
		for _, sc := range scales {
			v, ok := f.vals[sc]
			if !ok {
				fmt.Fprintf(bw, " – |")
				continue
			}
			fmt.Fprintf(bw, " %s |", format(median(v), f.unit))
		}
		fmt.Fprintln(bw)
	}
}

// loadAvg is the one-minute load average (how many processes wanted the
// cores): the wall times above are only comparable at a similar load.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Fields(string(b))[0]
}

func memTotal() string {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		var kb int64
		if _, err := fmt.Sscanf(l, "MemTotal: %d kB", &kb); err == nil {
			return fmt.Sprintf("%.0f GiB", float64(kb)/(1<<20))
		}
	}
	return "?"
}

// --- the measures, each in a child process ---

func since(t time.Time) float64 { return float64(time.Since(t).Nanoseconds()) / 1e6 }

// names typed at reception, one key at a time.
var typed = []string{
	"nguyen van", "tran thi thu", "le van hung", "pham thi lan", "hoang minh tuan", "dang thi hoa",
	"bui van nam", "do thi mai", "vu duc anh", "ngo thi hang", "duong van long", "ly thi nga",
	"ho van son", "phan thi yen", "vo minh quang", "huynh thi trang", "0912", "truong van",
}

func runChild(name, file string, r *result) error {
	store.DeskGC() // as the interface runs
	switch name {
	case "interface":
		return interfaceRun(file, r)
	case "desk":
		return deskRun(file, r)
	}
	return fmt.Errorf("unknown measure %q", name)
}

func interfaceRun(file string, r *result) error {
	start := time.Now()
	s, err := store.Open(file, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	// The sign-in screen: the site's name and the users.
	s.SiteInfo("")
	users := s.Users()
	r.MS["signin"] = append(r.MS["signin"], since(start))
	if len(users) == 0 {
		return fmt.Errorf("no users")
	}
	// While the password is typed, the interface warms the store in the
	// background (tui/signin.go); signing in is argon2id.
	warm := make(chan struct{})
	go func() { s.Warm(); close(warm) }()
	if _, err := s.Authenticate(demo.Users[0].Login, demo.Password); err != nil {
		return err
	}
	<-warm
	// The first screen: the queue's open cases and the overdue count;
	// and the start-up work the interface does beside it after sign-in
	// (tui/signin.go): the protected persons this user may find.
	t := time.Now()
	session := make(chan struct{})
	go func() { s.WarmSession(); close(session) }()
	today := s.Today()
	s.Cases(store.CaseFilter{}, today)
	s.Overdue(today, "")
	<-session
	r.MS["startup"] = append(r.MS["startup"], since(t))

	key := func(q string) float64 {
		t := time.Now()
		hits := s.SearchPersons(q, 200)
		ids := make([]string, 0, 24)
		for i := 0; i < len(hits) && i < cap(ids); i++ {
			ids = append(ids, hits[i].ID)
		}
		_, _ = s.PersonCards(ids)
		return since(t)
	}
	r.MS["firstkey"] = append(r.MS["firstkey"], key("n"))
	for _, name := range typed {
		for i := 1; i <= len(name); i++ {
			if name[i-1] == ' ' {
				continue
			}
			r.MS["key"] = append(r.MS["key"], key(name[:i]))
		}
	}
	t = time.Now()
	s.Cases(store.CaseFilter{}, today)
	r.MS["queue"] = append(r.MS["queue"], since(t))
	// The queue's closed list (Ctrl+T) as the screen shows it first:
	// the newest page, read from its index.
	t = time.Now()
	if page, ok, _ := s.ClosedNewest(200); ok {
		cal := s.Calendar()
		for i := range page {
			model.ComputeDeadline(page[i].Clock(), cal, today)
		}
		r.MS["closedpage"] = append(r.MS["closedpage"], since(t))
	}
	// Then the whole list, built behind it: a short row per case, with
	// its deadline, sorted newest first; the cases themselves are not
	// kept.
	t = time.Now()
	type closedRow struct {
		id, no, sender, employer, fold string
		closed                         model.Date
		deadline                       model.Deadline
	}
	var closed []closedRow
	cal := s.Calendar()
	s.EachCase(store.CaseFilter{Closed: true}, func(c model.Case) {
		closed = append(closed, closedRow{c.ID, c.No, c.SenderName, c.Employer, c.Fold, c.Closed, model.ComputeDeadline(c.Clock(), cal, today)})
	})
	sort.Slice(closed, func(i, j int) bool { return closed[i].closed.After(closed[j].closed) })
	r.MS["closed"] = append(r.MS["closed"], since(t))
	r.Vals["closedrows"] = float64(len(closed))
	// The case with the longest timeline (found outside the timing).
	var long model.Case
	s.EachCase(store.CaseFilter{All: true}, func(c model.Case) {
		if c.Notes > long.Notes {
			long = c
		}
	})
	if long.ID != "" {
		t = time.Now()
		s.Case(long.ID)
		tl, _ := s.Timeline(long.ID)
		r.MS["followup"] = append(r.MS["followup"], since(t))
		r.Vals["longcase"] = float64(len(tl))
	}
	// Settings > Duplicates, as the page reads it (tui/importscreen).
	t = time.Now()
	review := s.ReviewDuplicates()
	r.MS["dups"] = append(r.MS["dups"], since(t))
	r.Vals["pairs"] = float64(len(review.Pairs))
	// A day's work at the desk (200 case actions), then the next sign-in:
	// what it reads since the last one.
	if err := deskDay(s, today, long.ID, func(float64) {}); err != nil {
		return err
	}
	s.SignOut()
	if _, err := s.Authenticate(demo.Users[0].Login, demo.Password); err != nil {
		return err
	}
	t = time.Now()
	session = make(chan struct{})
	go func() { s.WarmSession(); close(session) }()
	s.Cases(store.CaseFilter{}, today)
	s.Overdue(today, "")
	<-session
	r.MS["startupday"] = append(r.MS["startupday"], since(t))
	// The session's end, before the report screen below.
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.HeapB, r.AnonKB = ms.HeapInuse, rssAnonKB(os.Getpid())
	// The report screen's year (F7, then n), as tui/reports reads and
	// holds it: its own memory while on screen.
	t = time.Now()
	year := model.PeriodOf(model.PeriodYear, today, false)
	in, err := s.ReportInput(model.ReportYears(year))
	if err != nil {
		return err
	}
	data := model.NewReportData(in)
	var figs []model.Figures // the screen's three columns
	for _, p := range []model.Period{year, year.Previous(), year.LastYear()} {
		figs = append(figs, data.Compute(model.Form01TCD, p, "").ValuesOnly())
	}
	r.MS["reportscreen"] = append(r.MS["reportscreen"], since(t))
	r.Vals["reportanon"] = float64(rssAnonKB(os.Getpid()))
	runtime.KeepAlive(data)
	runtime.KeepAlive(figs)
	return nil
}

// deskDay is a day's work at the desk: 200 case actions (handing open
// cases to hung and back), each timed with done; skip is left alone.
func deskDay(s *store.Store, today model.Date, skip string, done func(ms float64)) error {
	var open []store.CaseRow
	rows, err := s.Cases(store.CaseFilter{}, today)
	if err != nil {
		return err
	}
	for _, c := range rows {
		if c.Status == model.StatusOpen && c.ID != skip {
			open = append(open, c)
		}
	}
	if len(open) == 0 {
		return fmt.Errorf("no open case")
	}
	for i := 0; i < 200; i++ {
		c := open[i%len(open)]
		t := time.Now()
		if _, err := s.CaseAction(demo.Users[0].Login, c.ID, model.EvCaseAssigned, model.CaseAction{Handler: []string{"hung", "demo"}[i%2]}); err != nil {
			return err
		}
		done(since(t))
	}
	return nil
}

func deskRun(file string, r *result) error {
	s, err := store.Open(file, store.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	today := s.Today()
	err = deskDay(s, today, "", func(ms float64) { r.MS["action"] = append(r.MS["action"], ms) })
	if err != nil {
		return err
	}
	// Five persons on file in the clear come back and denounce: each
	// visit seals their history at rest, and its freed pages are
	// scrubbed (store/rest.go). Signed in: sealing needs the site's keys.
	if _, err := s.Authenticate(demo.Users[0].Login, demo.Password); err != nil {
		return err
	}
	for _, h := range s.SearchPersons("nguyen", 0) { // the protected ones come first
		if len(r.MS["denounce"]) == 5 {
			break
		}
		p, err := s.Person(h.ID)
		if err != nil || p.Sealed != "" || p.MergedInto != "" {
			continue
		}
		t := time.Now()
		_, _, err = s.RecordVisit(demo.Users[0].Login, store.VisitInput{
			Visit:    model.Visit{Content: "Tố cáo tổ trưởng trù dập", Outcome: model.OutcomePetition, Persons: []string{p.ID}},
			Petition: &model.Petition{Kind: model.KindDenunciation},
		})
		if err != nil {
			return err
		}
		r.MS["denounce"] = append(r.MS["denounce"], since(t))
	}
	if len(r.MS["denounce"]) == 0 {
		return fmt.Errorf("no person to denounce")
	}
	// The floor: a 4 KiB write and fsync in the same folder.
	f, err := os.CreateTemp(filepath.Dir(file), "fsync-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	buf := make([]byte, 4096)
	for i := 0; i < 200; i++ {
		t := time.Now()
		f.WriteAt(buf, int64(i%16)*4096)
		f.Sync()
		r.MS["fsync"] = append(r.MS["fsync"], since(t))
	}
	// What a bbolt commit cannot do without: its dirty pages written and
	// synced, then its meta page written and synced (crash safety needs
	// the order), with no work of ours in between.
	for i := 0; i < 200; i++ {
		t := time.Now()
		f.WriteAt(buf, int64(2+i%14)*4096)
		f.Sync()
		f.WriteAt(buf, int64(i%2)*4096)
		f.Sync()
		r.MS["commitfloor"] = append(r.MS["commitfloor"], since(t))
	}
	return nil
}
