package common

// ClassifyWords are the words of the classify screen.
type ClassifyWords struct {
	Title string
}

var classifyVI = ClassifyWords{Title: "TODO"}

var classifyEN = ClassifyWords{Title: "TODO"}
