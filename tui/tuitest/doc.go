// Package tuitest drives donthu's interface in tests, the way a person
// would use it, at two levels:
//
//   - Screen drives one screen model with messages: one key message per
//     rune when typing, the commands it returns run and their results fed
//     back, the status line and navigation messages collected; Golden
//     compares a view with a file under testdata/golden (go test -update
//     rewrites them) and prints a readable diff.
//   - Term (unix) runs the real binary in a pseudo-terminal at 80x24 and
//     reads its output through a terminal emulator
//     (github.com/charmbracelet/x/vt), so that a test reads like a script:
//     press F2, type "nguyen", expect "Nguyễn Văn An".
//
// Both are pure Go: CI installs nothing.
//
// Caveats: Term is for unix-like systems (creack/pty). A lone Esc is told
// from the start of an escape sequence by time, so Press("esc") waits a
// little before the next key.
package tuitest
