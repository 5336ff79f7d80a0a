// Package store owns the bbolt file of one site: the append-only event log,
// the projections folded from it, the indexes, the queries the screens need,
// schema migrations, backups, the site's identity and keys, and its peers.
//
// Invariants:
//   - The log is append-only. Each site's events are numbered 1, 2, 3, ...
//     with no gaps, and each carries the hash of the site's previous event.
//   - Every change is one bbolt transaction: the events, the projections of
//     the entities they touch and the indexes, together. No state can drift
//     from the log; Rebuild recomputes every projection and index from the
//     log alone, and Check proves they are equal.
//   - State is a fold (model.FoldEntity) of an entity's events in
//     (clock, site, seq) order, so replicas holding the same events agree.
//
// Caveats:
//   - Read transactions are short and copy out what a caller needs; a long
//     reader blocks writes that grow the map and makes the file balloon.
//   - Open waits about a second for the file lock, then returns ErrLocked.
//   - On 32-bit systems the map is limited; keep a site's file under 1 GiB.
//   - BulkLoad puts many desk actions in one transaction, for the demo
//     office and benchmark fixtures only: at the desk each action is its
//     own transaction, so a refusal never undoes anyone else's work.
package store
