package common

// QueueWords are the words of the queue screen.
type QueueWords struct {
	Title string
}

var queueVI = QueueWords{Title: "TODO"}

var queueEN = QueueWords{Title: "TODO"}
