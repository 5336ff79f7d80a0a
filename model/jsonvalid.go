package model

// CompactJSONValid reports whether b is one JSON value in the compact form
// donthu writes (no space between tokens), without allocating. It never
// says yes where encoding/json's Valid would say no; any other text
// (spaces, nesting deeper than it follows) gets a no, and the caller
// asks json.Valid, whose byte-at-a-time machine took a second of a
// parent's first import of an office's decade, for a million events
// (store/bundle reads each event's data with it).
func CompactJSONValid(b []byte) bool {
	i, ok := validValue(b, 0, 0)
	return ok && i == len(b)
}

// validValue reads past one value at b[i:] and returns where it ends.
func validValue(b []byte, i, depth int) (int, bool) {
	if i >= len(b) || depth > 64 {
		return i, false
	}
	switch b[i] {
	case '"':
		return validString(b, i)
	case '{', '[':
		return validItems(b, i, depth)
	case 't':
		return validWord(b, i, "true")
	case 'f':
		return validWord(b, i, "false")
	case 'n':
		return validWord(b, i, "null")
	}
	return numberEnd(b, i)
}

// validItems reads past an object or an array at b[i:]: its members
// (a string, ':', a value) or elements, between commas.
func validItems(b []byte, i, depth int) (int, bool) {
	end := byte(']')
	if b[i] == '{' {
		end = '}'
	}
	i++
	if i < len(b) && b[i] == end {
		return i + 1, true
	}
	for {
		var ok bool
		if end == '}' {
			if i, ok = validString(b, i); !ok || i >= len(b) || b[i] != ':' {
				return i, false
			}
			i++
		}
		if i, ok = validValue(b, i, depth+1); !ok || i >= len(b) {
			return i, false
		}
		switch b[i] {
		case end:
			return i + 1, true
		case ',':
			i++
		default:
			return i, false
		}
	}
}

func validWord(b []byte, i int, w string) (int, bool) {
	if len(b)-i < len(w) || string(b[i:i+len(w)]) != w {
		return i, false
	}
	return i + len(w), true
}

// validString reads past a string, escapes included. Like encoding/json
// it refuses control bytes and takes any other byte as it is.
func validString(b []byte, i int) (int, bool) {
	if i >= len(b) || b[i] != '"' {
		return i, false
	}
	for i++; i < len(b); i++ {
		switch c := b[i]; {
		case c == '"':
			return i + 1, true
		case c < 0x20:
			return i, false
		case c == '\\':
			i++
			if i >= len(b) {
				return i, false
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if _, ok := hex4(b[i+1:]); !ok {
					return i, false
				}
				i += 4
			default:
				return i, false
			}
		}
	}
	return i, false
}
