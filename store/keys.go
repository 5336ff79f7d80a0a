package store

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// Key layouts. A 0 byte ends every variable-length part, so prefix scans
// never confuse "GL07" with "GL070", and byte order equals string order.

func be8(n uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], n)
	return b[:]
}

func evKey(site string, seq uint64) []byte {
	k := make([]byte, 0, len(site)+9)
	k = append(k, site...)
	k = append(k, 0)
	return append(k, be8(seq)...)
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
func idxKey(parts ...string) []byte { return []byte(strings.Join(parts, "\x00")) }

func lastPart(k []byte) string {
	if i := bytes.LastIndexByte(k, 0); i >= 0 {
		return string(k[i+1:])
	}
	return string(k)
}
