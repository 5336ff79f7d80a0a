//go:build unix

package tuitest

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// Term is a program running in a pseudo-terminal, read through a
// terminal emulator: what Screen returns is what a person would see.
type Term struct {
	t    testing.TB
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex // guards emu (the emulator is not safe for concurrent use)
	emu  *vt.Emulator
	done chan struct{} // closed when the program has exited
	err  error         // its exit status, once done
	// copied is closed when the emulator's answers stop going to the
	// program (after the pseudo-terminal is closed).
	copied chan struct{}
	w, h   int
}

// TermOptions configure Start.
type TermOptions struct {
	Width, Height int      // 0 = 80x24
	Env           []string // added to the environment (TERM=xterm-256color is set)
	Dir           string
}

// Start runs bin with args in an 80x24 pseudo-terminal. The program is
// killed, if still running, when the test ends.
func Start(t testing.TB, bin string, args ...string) *Term {
	t.Helper()
	return StartWith(t, TermOptions{}, bin, args...)
}

// StartWith is Start with options.
func StartWith(t testing.TB, opt TermOptions, bin string, args ...string) *Term {
	t.Helper()
	if opt.Width == 0 {
		opt.Width, opt.Height = 80, 24
	}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=")
	cmd.Env = append(cmd.Env, opt.Env...)
	cmd.Dir = opt.Dir
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: uint16(opt.Width), Rows: uint16(opt.Height)})
	if err != nil {
		t.Fatalf("start %s in a pseudo-terminal: %v", bin, err)
	}
	tm := &Term{t: t, cmd: cmd, pty: f, emu: vt.NewEmulator(opt.Width, opt.Height), done: make(chan struct{}), copied: make(chan struct{}), w: opt.Width, h: opt.Height}
	// The program's output goes to the emulator.
	go func() {
		buf := make([]byte, 32*1024)
		for {
			n, err := f.Read(buf)
			if n > 0 {
				tm.mu.Lock()
				tm.emu.Write(buf[:n])
				tm.mu.Unlock()
			}
			if err != nil {
				return
			}
		}
	}()
	// The emulator's answers to the program's queries (cursor position,
	// colours) go back to the program, as a real terminal's would.
	go func() {
		io.Copy(f, tm.emu)
		close(tm.copied)
	}()
	go func() {
		tm.err = cmd.Wait()
		close(tm.done)
	}()
	t.Cleanup(tm.close)
	return tm
}

func (tm *Term) close() {
	select {
	case <-tm.done:
	default:
		tm.cmd.Process.Kill()
		select {
		case <-tm.done:
		case <-time.After(5 * time.Second):
		}
	}
	tm.pty.Close()
	// Emulator.Close races with a Read in progress (vt v0.1.0), so the
	// copy is ended instead: a byte through the emulator's input pipe
	// wakes its Read, and the write to the closed terminal fails.
	go tm.emu.InputPipe().Write([]byte{0})
	select {
	case <-tm.copied:
	case <-time.After(time.Second):
	}
}

// termKeys are the bytes an xterm sends for named keys.
var termKeys = map[string]string{
	"enter": "\r", "tab": "\t", "shift+tab": "\x1b[Z", "esc": "\x1b", "backspace": "\x7f", "space": " ",
	"up": "\x1b[A", "down": "\x1b[B", "right": "\x1b[C", "left": "\x1b[D",
	"home": "\x1b[H", "end": "\x1b[F", "pgup": "\x1b[5~", "pgdown": "\x1b[6~", "delete": "\x1b[3~",
	"f1": "\x1bOP", "f2": "\x1bOQ", "f3": "\x1bOR", "f4": "\x1bOS", "f5": "\x1b[15~", "f6": "\x1b[17~",
	"f7": "\x1b[18~", "f8": "\x1b[19~", "f9": "\x1b[20~", "f10": "\x1b[21~", "f11": "\x1b[23~", "f12": "\x1b[24~",
}

// keyBytes returns what the terminal sends for a key name: a named key,
// ctrl+letter, alt+key.
func keyBytes(name string) (string, bool) {
	n := strings.ToLower(name)
	if b, ok := termKeys[n]; ok {
		return b, true
	}
	if strings.HasPrefix(n, "ctrl+") && len(n) == 6 && n[5] >= 'a' && n[5] <= 'z' {
		return string(rune(n[5] - 'a' + 1)), true
	}
	if strings.HasPrefix(n, "alt+") && len(n) > 4 {
		if b, ok := keyBytes(n[4:]); ok {
			return "\x1b" + b, true
		}
		return "\x1b" + name[4:], true
	}
	return "", false
}

func (tm *Term) write(s string) {
	tm.t.Helper()
	if _, err := tm.pty.Write([]byte(s)); err != nil {
		tm.t.Fatalf("write to the terminal: %v", err)
	}
}

// Press presses keys by name: "enter", "esc", "f2", "ctrl+s", "alt+1".
func (tm *Term) Press(keys ...string) *Term {
	tm.t.Helper()
	for _, k := range keys {
		b, ok := keyBytes(k)
		if !ok {
			tm.t.Fatalf("Press: unknown key %q (use Type for text)", k)
		}
		tm.write(b)
		// A lone Esc is told from the start of a sequence by time.
		if b == "\x1b" {
			time.Sleep(100 * time.Millisecond)
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	return tm
}

// Type types text a rune at a time, as a keyboard (or an input method
// committing a letter) would.
func (tm *Term) Type(s string) *Term {
	tm.t.Helper()
	for _, r := range s {
		tm.write(string(r))
		time.Sleep(2 * time.Millisecond)
	}
	return tm
}

// Screen returns the screen as text, one line per row, trailing spaces
// removed.
func (tm *Term) Screen() string {
	tm.mu.Lock()
	defer tm.mu.Unlock()
	return tm.emu.String()
}

// Lines returns the screen's rows.
func (tm *Term) Lines() []string { return strings.Split(tm.Screen(), "\n") }

// Line returns row i (from 0); negative counts from the bottom.
func (tm *Term) Line(i int) string {
	ls := tm.Lines()
	if i < 0 {
		i += len(ls)
	}
	if i < 0 || i >= len(ls) {
		return ""
	}
	return ls[i]
}

// WaitFor waits until every text is on the screen at once, or fails the
// test showing the screen.
func (tm *Term) WaitFor(timeout time.Duration, texts ...string) *Term {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		s := tm.Screen()
		missing := ""
		for _, t := range texts {
			if !strings.Contains(s, t) {
				missing = t
				break
			}
		}
		if missing == "" {
			return tm
		}
		select {
		case <-tm.done:
			tm.t.Fatalf("the program exited (%v) before %q showed:\n%s", tm.err, missing, tm.Screen())
		default:
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("%q not on the screen after %v:\n%s", missing, timeout, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Expect is WaitFor with a default of five seconds.
func (tm *Term) Expect(texts ...string) *Term {
	tm.t.Helper()
	return tm.WaitFor(5*time.Second, texts...)
}

// WaitGone waits until text is no longer on the screen.
func (tm *Term) WaitGone(timeout time.Duration, text string) *Term {
	tm.t.Helper()
	deadline := time.Now().Add(timeout)
	for strings.Contains(tm.Screen(), text) {
		if time.Now().After(deadline) {
			tm.t.Fatalf("%q still on the screen after %v:\n%s", text, timeout, tm.Screen())
		}
		time.Sleep(20 * time.Millisecond)
	}
	return tm
}

// Resize changes the terminal's size (the program gets SIGWINCH).
func (tm *Term) Resize(w, h int) *Term {
	tm.t.Helper()
	tm.mu.Lock()
	tm.emu.Resize(w, h)
	tm.w, tm.h = w, h
	tm.mu.Unlock()
	if err := pty.Setsize(tm.pty, &pty.Winsize{Cols: uint16(w), Rows: uint16(h)}); err != nil {
		tm.t.Fatalf("resize: %v", err)
	}
	return tm
}

// WaitExit waits for the program to end and returns its exit status.
func (tm *Term) WaitExit(timeout time.Duration) error {
	tm.t.Helper()
	select {
	case <-tm.done:
		return tm.err
	case <-time.After(timeout):
		tm.t.Fatalf("the program did not exit within %v:\n%s", timeout, tm.Screen())
		return errors.New("timeout")
	}
}

// Build builds the Go package pkg (e.g. "donthu/cmd/donthu") into the
// test's temporary directory and returns the path of the program. The
// go command's cache makes a second build quick.
func Build(t testing.TB, pkg string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), filepath.Base(pkg))
	if runtime.GOOS == "windows" {
		out += ".exe"
	}
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if p, err := exec.LookPath("go"); err == nil {
		goBin = p
	}
	cmd := exec.Command(goBin, "build", "-o", out, pkg)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, b)
	}
	return out
}

// Kill ends the program at once (SIGKILL: no chance to save anything),
// as a crash or a pulled plug would, and waits for it to be gone.
func (tm *Term) Kill() {
	tm.t.Helper()
	tm.cmd.Process.Kill()
	select {
	case <-tm.done:
	case <-time.After(5 * time.Second):
		tm.t.Fatal("the program did not die")
	}
}
