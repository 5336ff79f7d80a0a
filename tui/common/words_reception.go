package common

// ReceptionWords are the words of the reception screen.
type ReceptionWords struct {
	Title string
}

var receptionVI = ReceptionWords{Title: "Tiếp nhận"}

var receptionEN = ReceptionWords{Title: "Tiếp nhận"}
