// Package syncscreen is the Đồng bộ screen: each peer of this site (its
// parent office, and for an office its children) with its relation, the
// last bundle sent to it and received from it, the events waiting to go,
// the age of the newest data held from it and the bundles of its that
// were refused, with the reason in the person's language; writing a
// bundle for the peer under the cursor into a folder on a USB stick; and
// importing every bundle found in a folder.
//
// Invariants: the screen holds no sync rule of its own. What a bundle
// carries, whether one is accepted and why not are the store's
// (ExportBundle, ImportBundle); the screen picks the folder, orders the
// files and says what happened. Each file is imported in a transaction of
// its own, oldest number first, so a refused one leaves the others in;
// after an import the screen sends common.ChangedMsg, so every screen
// reloads and the status line recounts. The folder used is remembered
// (store.SetExportDir) and offered first next time.
//
// Files on the stick: a bundle goes in the stick's "donthu" folder
// (made the first time) under the back end's standard name
// (bundle.FileName). On import, a file this site wrote, or one whose
// name says it is for another site, is skipped without being opened: a
// stick often carries both directions. Any other file with the bundle
// extension is given to the store, which refuses it with a reason if it
// is not for this site.
//
// Caveats: finding sticks is a guess from where systems mount them
// (store/media.USBRoots: drive letters on Windows, /media/$USER, /run/media/$USER and
// /mnt on Linux, /Volumes on macOS); a person can always type a path.
// Importing is a dangerous action, open to handlers, leaders and
// administrators, and asks first.
package syncscreen
