// Package bundle is donthu's sync file format: it writes, reads, signs,
// verifies, encrypts and decrypts the bundles sites carry to each other on
// a USB stick, and the public key cards they pin. It never touches the
// data file: the store hands it events to write and takes the events it
// reads, one at a time.
//
// # A bundle
//
// A bundle is one file, named so a person can tell what it is:
//
//	donthu-GL07-to-HN01-2026-03-02-0003.age   (from, to, day made, running number)
//
// It is an age file (age-encryption.org/v1), encrypted to the receiver's
// X25519 key, so a lost stick leaks nothing. Decrypted, it is a gzip-
// compressed POSIX tar archive of exactly three files, in this order:
//
//	manifest.json   what the bundle is (below), indented JSON
//	manifest.sig    the sender's ed25519 signature, standard base64 and "\n"
//	events.jsonl    the events, one JSON object per line, each ending "\n"
//
// so standard tools read it:
//
//	age -d -i key.txt donthu-GL07-to-HN01-2026-03-02-0003.age | tar xz
//	jq . manifest.json; sha256sum events.jsonl; jq -c 'select(.type=="case.guidance")' events.jsonl
//
// (A site's age secret key is in its data file, not in a key.txt; the
// command above is for people who export it on purpose, and for tests.)
//
// The manifest:
//
//	{
//	  "kind": "donthu-bundle",        always
//	  "format": 1,                    Version
//	  "from": "GL07", "from_name": "…",
//	  "to": "HN01",
//	  "number": 3,                    the sender's running number of bundles for this receiver, from 1
//	  "created": "2026-03-02T02:00:00Z",
//	  "sign_key": "base64…",          the signer's ed25519 public key (informative; the receiver uses the key it pinned)
//	  "head": {"seq": 812, "hash": "…"},  the sender's newest event when the bundle was made
//	  "holds": {"HN01": 97},          what the sender holds of the receiver's events: the receiver's acknowledgement
//	  "events": {"name": "events.jsonl", "count": 120, "bytes": 53211, "sha256": "…",
//	             "first": 693, "last": 812, "types": {"visit.recorded": 40, …}}
//	}
//
// The signature is over the bytes "donthu bundle manifest v1\n" followed
// by manifest.json exactly as stored. It therefore covers the sender, the
// receiver, the running number and the payload's size and SHA-256: a
// signed bundle cannot be re-encrypted and forwarded to another site (the
// manifest names its receiver), nor its events altered (the checksum).
//
// Every event in events.jsonl is the sender's own (site == from), in
// strictly increasing seq, between first and last. Which of them a
// receiver accepts (a child sends its own; a parent only what it
// addresses to the receiver) is the store's rule, not the format's.
//
// # Reading
//
// Open decrypts and reads the manifest; the caller checks the recipient
// and sender and calls Verify with the sender's pinned key; then Next
// yields events one at a time. The payload's checksum can only be known at
// its end, so the caller applies the events in one transaction and commits
// only when Next has reported the end without error: nothing is applied
// unless the whole file decrypted, the signature verified and the checksum
// matched. Every refusal is a *model.Msg carrying a sentinel (ErrNotBundle,
// ErrVersion, ErrRecipient, ErrSignature, ErrChecksum, ErrDamaged,
// ErrContent; the store adds ErrSender and ErrReplay) and a message in
// Vietnamese and English saying which check failed.
//
// Writing makes two passes over the events (the first to describe and
// checksum them for the signed manifest at the front of the file, the
// second to write them), so memory stays flat however large the bundle.
//
// # Key cards
//
// A key card (Card) is a small JSON file with a site's code, name, parent
// and both public keys. People confirm it by reading its Fingerprint (24
// digits, about 80 bits of SHA-256 over the code and both keys) over the
// phone before the receiving site pins it.
//
// # Compatibility promise
//
// A bundle or card written by format 1 stays readable by every later
// donthu. Within format 1, fields may be added to the manifest and the
// card (readers ignore fields they do not know; they are signed all the
// same), never removed or given another meaning. A change readers could
// not ignore (another layout, another algorithm, another signed message)
// raises Version; a reader refuses a newer format with a message asking
// to update donthu, rather than guess. The files in testdata/bundle at
// the top of the repository are format-1 vectors that tests read on every
// run.
//
// # Caveats
//
//   - age authenticates nothing about the sender: anyone with the
//     receiver's public key can make a file it decrypts. Only the
//     signature, checked against the pinned key, says who sent it.
//   - Nothing stops an old bundle from arriving late: running numbers make
//     it a no-op (the store refuses a number it has already passed), and
//     the age of the newest data received from each peer is what to show.
//   - A reader checks the payload's checksum only at its end. Code that
//     applies events as they come must be able to undo them (the store
//     does it all in one bbolt transaction).
//   - The manifest's "created" and the events' "at" are the sender's wall
//     clock, which may be wrong; event order relies on the hybrid clock.
package bundle
