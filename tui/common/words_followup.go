package common

// FollowupWords are the words of the followup screen.
type FollowupWords struct {
	Title string
}

var followupVI = FollowupWords{Title: "TODO"}

var followupEN = FollowupWords{Title: "TODO"}
