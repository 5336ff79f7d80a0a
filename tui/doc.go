// Package tui is the root of the terminal interface: it owns the window
// size, the signed-in desk user, the active screen, the tab bar, the help
// overlay and the status line, and routes the messages screens send one
// another (see tui/common). Each screen is its own package under tui/.
//
// Invariants: the root alone changes the active screen; a window smaller
// than 80x24 shows a polite message, never a broken layout; quitting with
// unsaved input asks first; F1 shows the full help of the current screen
// everywhere; Esc is passed to the screen, which backs out one level.
//
// Caveat: Bubble Tea v1 is frozen; its types stay behind tui/common's
// Screen interface and messages.
package tui
