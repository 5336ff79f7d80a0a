package common

// SyncWords are the words of the sync screen.
type SyncWords struct {
	Title string
}

var syncVI = SyncWords{Title: "TODO"}

var syncEN = SyncWords{Title: "TODO"}
