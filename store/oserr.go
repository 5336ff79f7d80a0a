package store

import "donthu/model"

// osErr words an operating-system error on path for a person, in both
// languages; the system's own text (English only) stays the cause, shown
// as detail only.
func osErr(err error, path string) error { return model.ErrCannotUse(path, err) }
