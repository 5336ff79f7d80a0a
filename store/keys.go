package store

import (
	"bytes"
	"encoding/binary"
	"strings"

	"donthu/model"
)

// Key layouts. A 0 byte ends every variable-length part, so prefix scans
// never confuse "GL07" with "GL070", and byte order equals string order.

func be8(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}

func evKey(site string, seq uint64) []byte {
	return appendEvKey(make([]byte, 0, len(site)+9), site, seq)
}

// appendEvKey appends evKey(site, seq) to dst.
func appendEvKey(dst []byte, site string, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(append(append(dst, site...), 0), seq)
}

func parseEvKey(k []byte) (string, uint64, bool) {
	if len(k) < 10 || k[len(k)-9] != 0 {
		return "", 0, false
	}
	return string(k[:len(k)-9]), binary.BigEndian.Uint64(k[len(k)-8:]), true
}

func entKey(entity string, clock int64, site string, seq uint64) []byte {
	return appendEntKey(make([]byte, 0, len(entity)+len(site)+18), entity, clock, site, seq)
}

func appendEntKey(k []byte, entity string, clock int64, site string, seq uint64) []byte {
	k = append(k, entity...)
	k = append(k, 0)
	k = append(k, be8(uint64(clock)^(1<<63))...)
	k = append(k, site...)
	k = append(k, 0)
	return append(k, be8(seq)...)
}

// listedKey returns the log key an entity-list key names: its tail after
// the entity and the clock. The list's values are empty (schema 6; older
// files hold the same key there, never read): the key alone says it.
func listedKey(k []byte) []byte {
	i := bytes.IndexByte(k, 0)
	if i < 0 || len(k) < i+1+8+10 {
		return nil
	}
	return k[i+1+8:]
}

func prefix(parts ...string) []byte {
	var b bytes.Buffer
	for _, p := range parts {
		b.WriteString(p)
		b.WriteByte(0)
	}
	return b.Bytes()
}

// idxKey joins index parts; the last part is the entity id.
func idxKey(parts ...string) []byte {
	n := len(parts) - 1
	for _, p := range parts {
		n += len(p)
	}
	return appendIdxKey(make([]byte, 0, max(n, 0)), parts...) // one allocation: a pass over the records makes millions
}

// appendIdxKey appends idxKey(parts...) to b.
func appendIdxKey(b []byte, parts ...string) []byte {
	for i, p := range parts {
		if i > 0 {
			b = append(b, 0)
		}
		b = append(b, p...)
	}
	return b
}

func lastPart(k []byte) string {
	if i := bytes.LastIndexByte(k, 0); i >= 0 {
		return string(k[i+1:])
	}
	return string(k)
}

// Indexes whose entries name records of one kind keep their ids without
// the kind (schema 7): index -> the kind of the id that ends each entry.
// person_visit also begins with a person's id so kept. 13 bytes a visit
// in person_visit, 6 in report_visit; entries of schema 6, which spell
// the kind out, are read too.
var shortTail = map[string]string{"person_visit": model.EntVisit, "report_visit": model.EntVisit}

// shortID returns id without its kind, as such an index keeps it.
func shortID(id string) string {
	if i := strings.IndexByte(id, ':'); i >= 0 {
		return id[i+1:]
	}
	return id
}

// entryID returns the id of the record an entry of index belongs to: its
// last part, with the kind put back where the index leaves it out.
func entryID(index string, k []byte) string { return longID(index, lastPart(k)) }

// longID returns id, the last part of an entry of index, with the kind
// put back if the index leaves it out.
func longID(index, id string) string {
	if kind := shortTail[index]; kind != "" && strings.IndexByte(id, ':') < 0 {
		return kind + ":" + id
	}
	return id
}

// entryPrefixes returns the prefixes under which index lists the entries
// of record id: the short form of schema 7 and the full one of schema 6
// for person_visit, whose entries begin with a person's id.
func entryPrefixes(index, id string) [][]byte {
	if index == "person_visit" {
		return [][]byte{prefix(shortID(id)), prefix(id)}
	}
	return [][]byte{prefix(id)}
}

// personVisitKey7 returns the key of schema 7 of a person_visit key of
// schema 6 or older (the rewrite after the step to 7), or k.
func personVisitKey7(k []byte) []byte {
	i := bytes.IndexByte(k, 0)
	if i < 0 || !bytes.HasPrefix(k, []byte(model.EntPerson+":")) {
		return k
	}
	return idxKey(shortID(string(k[:i])), shortID(string(k[i+1:])))
}
