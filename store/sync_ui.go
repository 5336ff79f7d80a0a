package store

import (
	"encoding/json"
	"sort"
	"strings"

	"donthu/model"

	bolt "go.etcd.io/bbolt"
)

// What the interface needs of sync beyond sync.go and peers.go: the
// office's classification of a petition as transferred to one of its
// children, recorded in one write, and the list of those children.

// ClassifyToChild is an office's decision to transfer a petition to one of
// its children, the site competent for it. In ONE write it classifies the
// petition here (decision forward, forwarded to the child; c's decision
// and forward_to are set by this method) and transfers a copy to the child
// as TransferPetition does (petition.transferred, To = child, numbered
// here, its number here kept as the copy's FromNo), so that the office
// never records the decision without the transfer, nor the other way. The
// copy travels in the next bundle for the child. It returns the copy.
func (s *Store) ClassifyToChild(author, petitionID, child string, c model.Classification) (model.Petition, error) {
	child = normCode(child)
	var out model.Petition
	_, err := s.write(author, func(w *writer) error {
		if err := w.requireChild(child); err != nil {
			return err
		}
		rec, _, err := getPeer(w.tx, child)
		if err != nil {
			return err
		}
		c.Decision = model.DecisionForward
		c.ForwardTo = ChildLabel(rec.Card.Site, rec.Card.Name)
		if _, err := w.classify(petitionID, c); err != nil {
			return err
		}
		var p model.Petition
		if err := getState(w.tx, petitionID, &p); err != nil {
			return err
		}
		// The child receives it on the day it is transferred.
		p.FromNo, p.Received = p.No, model.Date{}
		out, err = w.transferPetition(child, p)
		return err
	})
	return out, err
}

// ChildLabel is how a child site is named where a petition is forwarded
// to it: "Công đoàn GL07 (GL07)", or the code alone.
func ChildLabel(code, name string) string {
	if name = strings.TrimSpace(name); name == "" || name == code {
		return code
	}
	return name + " (" + code + ")"
}

// Children returns this site's pinned children, by code, without the
// counts Peers works out (it reads the peer records only): what the
// classification screen offers as the sites a petition may be transferred
// to.
func (s *Store) Children() []Peer {
	var out []Peer
	s.db.View(func(tx *bolt.Tx) error {
		parent := parentOf(tx, s.site)
		return tx.Bucket(bPeers).ForEach(func(k, v []byte) error {
			var rec peerRecord
			if v == nil || json.Unmarshal(v, &rec) != nil {
				return nil
			}
			if p := peerOf(&rec, parent); p.Relation == RelChild {
				out = append(out, p)
			}
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}
