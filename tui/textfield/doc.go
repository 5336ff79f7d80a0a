// Package textfield is the single-line text input used by every form and
// search box of donthu, with Vietnamese typing built in.
//
// # What it owns
//
//   - The text of one field, its cursor, horizontal scrolling by display
//     width, a prompt, a placeholder and a limit on the number of letters.
//   - Unicode normalisation at the boundary: whatever arrives (precomposed
//     letters from Unikey or ibus, base letters followed by combining marks,
//     pasted NFD text, backspace-and-replace sequences from input methods) is
//     stored as NFC.
//   - A built-in Telex and VNI input method ([ModeTelex], [ModeVNI]) for
//     machines without one, driven by github.com/BambooEngine/bamboo-core,
//     and the choice of tone placement ([ToneModern] "hòa, thủy" or
//     [ToneOld] "hoà, thuỷ").
//   - [Compose], the pure function that says what the field shows after a
//     sequence of key presses, used by tests and search boxes.
//
// It does not own the choice of mode: the settings screen stores it and the
// screens call [Model.SetMode] and [Model.SetToneStyle] on their fields. Its
// key bindings ([KeyMap]) carry no help text; the tui package decides what
// help to show.
//
// # Invariants
//
//   - [Model.Value] is always NFC, after every message and every setter.
//   - The cursor ([Model.Position]) counts letters (grapheme clusters), never
//     bytes or runes, and always sits between two letters, never inside one.
//   - With Width > 0, the text part of [Model.View] is exactly Width cells
//     wide (it is padded with spaces and never exceeds Width); the prompt comes
//     on top of that.
//   - A Model is a value: copying it and updating the copy leaves the original
//     untouched. It holds no pointers that two copies could share and modify,
//     and the package has no global mutable state.
//
// # How the built-in input method works
//
// When the mode is Telex or VNI, an ASCII letter (and in VNI a digit that
// follows a letter) typed with the cursor at the end of a word goes, with
// the keys typed for that word so far, through a fresh bamboo engine, and
// the word is replaced by what the engine produces: "Nguyeenx" shows
// "Nguyễn", "Nguye6n4" shows "Nguyễn" in VNI. A tone typed twice undoes it
// ("ass" shows "as"). Space, punctuation, anything that is not an ASCII
// letter (and digits in Telex), cursor movement and editing keys end the
// word. Backspace deletes exactly the last letter shown; typing again at the
// end of a word (after a backspace, or after moving the cursor back there)
// rebuilds the engine's state from the word on screen, so "Việ" followed by
// "n" gives "Viện". With the cursor inside a word, letters are inserted as
// typed, without composing. Pasted text is never composed.
//
// # Caveats
//
//   - The built-in mode must be off ([ModeOff]) while an OS input method
//     (Unikey, EVKey, ibus-bamboo, the Windows or macOS Vietnamese keyboard)
//     is active, or words get converted twice: the OS sends "Việt", and a
//     later "s" from the user is taken as a tone by the built-in engine too.
//     With ModeOff, the field simply stores and normalises what the OS sends,
//     including its backspace-and-replace sequences.
//   - Telex turns some English words into something else ("windows" shows
//     "windớ"); type such words with the mode off, or type the key twice to
//     undo it ("ww", "ss").
//   - VNI takes digits after a letter as marks ("a1" shows "á"); digits
//     after a space or another digit are kept as typed, so "Phòng 203" can
//     be typed as "Pho2ng 203".
//   - The cursor does not blink: [Model.Focus] returns no command.
//   - The lipgloss styles given in [Styles] must be inline styles (colours and
//     attributes only): padding, borders or widths in them break the width
//     guarantee. The zero [Styles] renders plain text, with no visible cursor;
//     use [DefaultStyles] for a reverse-video cursor.
package textfield
