package store

import (
	"encoding/json"

	"donthu/model"
)

// encodeEvent returns the stored form of an event, and decodeEvent reads
// it back: the one pair every reader that must survive a change of the
// stored encoding (salvage) goes through.
func encodeEvent(e *model.Event) []byte {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err) // an Event always marshals
	}
	return b
}

// decodeEvent reads a stored event.
func decodeEvent(raw []byte) (model.Event, error) {
	var e model.Event
	err := json.Unmarshal(raw, &e)
	return e, err
}
