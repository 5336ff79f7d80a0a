// Package common is the contract between the root model (package tui) and
// the screens (tui/<screen>): the Screen interface, the shared context
// passed down to every screen, the messages screens use to talk to the
// root and to each other, the theme, and the key bindings every screen
// shares. It holds no business rules.
//
// Invariants: screens never call one another; they return messages
// (OpenCaseMsg, GotoMsg, ChangedMsg, StatusMsg) and the root routes them.
// Nothing here is global or mutable: styles and words come in through
// Context.
//
// Caveat: Bubble Tea v1 types appear in the Screen interface on purpose;
// they stay out of model and store, so moving to v2 is this tree's work.
package common
