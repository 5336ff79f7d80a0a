// Package common is the contract between the root model (package tui) and
// the screens (tui/<screen>): the Screen interface, the shared context
// passed down to every screen, the messages screens use to talk to the
// root and to each other, the theme, and the interaction model every
// screen shares. It holds no business rules.
//
// # The interaction model
//
// One way to act on every screen:
//
//   - Action (action.go): a key binding with its label, whether it is
//     dangerous, the roles that may use it and why it is unavailable now.
//     Screens build their actions in a keys.go from the language's words
//     and test keys with Action.Matches or key.Matches, never with raw key
//     strings. An unavailable action's key says why (Action.Refusal), and
//     the help marks it (Action.HelpBinding).
//   - Pages (page.go): overlays live on a stack in the root: the help
//     (F1), confirmations, pickers, the message log (Alt+9). A screen
//     pushes one with Push (or AskConfirm) and never holds it. The top page
//     gets the keys; Esc pops one page, always.
//   - Confirm: anything dangerous or lossy is confirmed with an explicit
//     key (C or Y); K, N or Esc stop; Enter never confirms, so a key
//     pressed in habit loses nothing. The confirmed action arrives back at
//     the screen as the message its command returns.
//   - ListKeys (listkeys.go): the same keys move through every list.
//   - Drafter (screen.go): a screen whose unsaved input is kept as the
//     user's draft in the data file, offered back after a quit, a crash
//     or a lock.
//   - Messages: StatusMsg shows on the status line of the screen that said
//     it; switching screens clears it, the log keeps the last fifty; a long
//     message wraps rather than being cut.
//
// The keys of every screen and the global ones are listed in
// docs/keys.vi.md and docs/keys.en.md, generated from the bindings; tests fail when they are stale and when a
// screen binding shadows a global key.
//
// Invariants: screens never call one another; they return messages
// (OpenCaseMsg, GotoMsg, ChangedMsg, StatusMsg, PushMsg) and the root
// routes them. Nothing here is global or mutable: styles and words come in
// through Context.
//
// Caveat: Bubble Tea v1 types appear in the Screen interface on purpose;
// they stay out of model and store, so moving to v2 is this tree's work.
package common
