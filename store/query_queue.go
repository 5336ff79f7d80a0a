package store

import (
	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// EachCase calls fn with every case f picks, in no particular order and
// without computing deadlines: the open ones from the in-memory cache,
// the closed ones read from the file one at a time (they are not kept in
// memory). It is the cheap scan behind the queue screen, which keeps a
// compact row of its own per case (ten thousand cases: Cases allocates
// and sorts about 10 MB, this allocates nothing for the open ones). fn
// gets each case by value, a copy it may keep; it must not write to the
// store (the cache is read-locked while it runs). A case the file holds
// but that cannot be read is not passed to fn: the error (a *model.Msg of
// kind damaged, with the way out) says so after every other case was.
func (s *Store) EachCase(f CaseFilter, fn func(c model.Case)) error {
	return s.eachCase(f, func(c *model.Case) { fn(*c) })
}

// CaseCount returns how many open cases there are: a size to allocate
// for before EachCase.
func (s *Store) CaseCount() int {
	cc := s.cases()
	cc.mu.RLock()
	defer cc.mu.RUnlock()
	return len(cc.byID)
}

// UserAt returns the user login of site: the author of an event written
// there (event.Site), the handler of a case of that site (Case.Site). A
// user of another site is known once that site's events were imported.
func (s *Store) UserAt(site, login string) (model.User, error) {
	var u model.User
	err := s.db.View(func(tx *bolt.Tx) error { return getState(tx, model.UserEntity(site, login), &u) })
	if err != nil {
		return u, notFound(login)
	}
	return u, nil
}

// DisplayName is how a person is named on screen: the full name of login
// as a user of site (authors and handlers of another site's case are that
// site's users), else as a user of this site, else the login itself.
func (s *Store) DisplayName(site, login string) string {
	if u, err := s.UserAt(site, login); err == nil && u.Name != "" {
		return u.Name
	}
	if u, err := s.User(login); err == nil && u.Name != "" {
		return u.Name
	}
	return login
}
