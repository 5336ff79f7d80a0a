// Package importscreen holds two pages of the settings screen: bringing
// an old register in (Importer) and the review of persons who may be one
// (Duplicates). Each is a common.Screen, driven by messages like every
// screen, so the settings screen hosts them as it hosts its own pages.
//
// Importer: a person types the file's path, sees how each column is read
// (its header, the field, and the old font it was converted from, with a
// sample), changes a column's field with ←→, reads the dry run row by row,
// and imports with a, confirmed with c. Nothing is written before that
// confirmation; the import is one transaction (store/register).
//
// Duplicates: the pairs model.FindDuplicates suggests, each with its
// reason; a leader merges a pair (s chooses which record stays) or, in the
// list of merged records, unmerges one. Merging and importing are a
// leader's (or an administrator's): for anyone else the keys say so.
//
// The pages' words are in this package (words.go) rather than in
// tui/common, so that this package can be added without editing the
// shared catalogue while it is being reworked; they follow the same rule:
// Vietnamese first, English merged over it, no empty string.
package importscreen
