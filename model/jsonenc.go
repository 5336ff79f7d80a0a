package model

import (
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"
)

// The fast path of AppendJSON: encoding/json's own bytes for the model's
// types, through a plan made once per type, the counterpart of
// jsonfast.go. Stored projections are compared byte for byte with what a
// fold encodes, so the bytes must be exactly encoding/json's: the same
// order, the same omitted fields, the same escapes (HTML characters,
// control characters, invalid UTF-8 as U+FFFD, the line separators).
// A type it has no plan for (a map, an interface, a float, a method of
// its own other than a time's or a text form) and a time encoding/json
// refuses are left to encoding/json. Tests compare the two on every
// field of every type the model decodes and by fuzzing
// (docs/architecture.md, "The fold").

// encodeFn appends the JSON of the Go value at p to dst, or reports that
// encoding/json must encode it.
type encodeFn func(dst []byte, p unsafe.Pointer) ([]byte, bool)

var encPlans sync.Map // reflect.Type -> encodeFn (nil: none)

// AppendJSON appends json.Marshal(v) to dst.
func AppendJSON(dst []byte, v any) ([]byte, error) {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		if f := encPlanOf(rv.Type().Elem()); f != nil {
			if out, ok := f(dst, rv.UnsafePointer()); ok {
				return out, nil
			}
		}
	}
	js, err := json.Marshal(v)
	return append(dst, js...), err
}

func encPlanOf(t reflect.Type) encodeFn { return cachedPlan(&encPlans, t, makeEncPlan) }

var (
	dateType          = reflect.TypeFor[Date]()
	jsonMarshalerType = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

func makeEncPlan(t reflect.Type, visiting map[reflect.Type]bool) encodeFn {
	if visiting[t] {
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			f := encPlanOf(t)
			if f == nil {
				return dst, false
			}
			return f(dst, p)
		}
	}
	visiting[t] = true
	defer delete(visiting, t)
	switch t {
	case timeType:
		return encodeTime
	case dateType: // its MarshalText, without the interface and the copy
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			return append((*Date)(p).AppendISO(append(dst, '"')), '"'), true
		}
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(jsonMarshalerType) {
		return nil
	}
	if t.Implements(textMarshalerType) {
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			b, err := reflect.NewAt(t, p).Elem().Interface().(encoding.TextMarshaler).MarshalText()
			return AppendJSONString(dst, b), err == nil
		}
	}
	if pt.Implements(textMarshalerType) {
		return nil // encoding/json uses it only where the value is addressable
	}
	switch t.Kind() {
	case reflect.String:
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			return AppendJSONString(dst, *(*string)(p)), true
		}
	case reflect.Bool:
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			return strconv.AppendBool(dst, *(*bool)(p)), true
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			return strconv.AppendInt(dst, intAt(t, p), 10), true
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			return strconv.AppendUint(dst, uintAt(t, p), 10), true
		}
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil
		}
		elem := makeEncPlan(t.Elem(), visiting)
		if elem == nil {
			return nil
		}
		size := t.Elem().Size()
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			s := (*sliceHeader)(p)
			if s.data == nil {
				return append(dst, "null"...), true
			}
			dst = append(dst, '[')
			for i := range s.len {
				if i > 0 {
					dst = append(dst, ',')
				}
				var ok bool
				if dst, ok = elem(dst, unsafe.Add(s.data, uintptr(i)*size)); !ok {
					return dst, false
				}
			}
			return append(dst, ']'), true
		}
	case reflect.Pointer:
		elem := makeEncPlan(t.Elem(), visiting)
		if elem == nil {
			return nil
		}
		return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
			q := *(*unsafe.Pointer)(p)
			if q == nil {
				return append(dst, "null"...), true
			}
			return elem(dst, q)
		}
	case reflect.Struct:
		return makeStructEnc(t, visiting)
	}
	return nil
}

type sliceHeader struct {
	data     unsafe.Pointer
	len, cap int
}

func intAt(t reflect.Type, p unsafe.Pointer) int64 {
	switch t.Size() {
	case 1:
		return int64(*(*int8)(p))
	case 2:
		return int64(*(*int16)(p))
	case 4:
		return int64(*(*int32)(p))
	}
	return *(*int64)(p)
}

func uintAt(t reflect.Type, p unsafe.Pointer) uint64 {
	switch t.Size() {
	case 1:
		return uint64(*(*uint8)(p))
	case 2:
		return uint64(*(*uint16)(p))
	case 4:
		return uint64(*(*uint32)(p))
	}
	return *(*uint64)(p)
}

// An encoded field: `"name":`, where it is, how it is written, and when
// it is left out.
type encField struct {
	key  string
	off  uintptr
	enc  encodeFn
	omit func(p unsafe.Pointer) bool // nil: always written
}

func makeStructEnc(t reflect.Type, visiting map[reflect.Type]bool) encodeFn {
	fs, ok := jsonFields(t, 0)
	if !ok {
		return nil
	}
	fields := make([]encField, len(fs))
	for i, f := range fs {
		e := encField{key: `"` + f.name + `":`, off: f.off, enc: makeEncPlan(f.typ, visiting)}
		if e.enc == nil {
			return nil
		}
		empty, zero := emptyFn(f.typ), zeroFn(f.typ)
		switch {
		case f.omitEmpty && f.omitZero:
			e.omit = func(p unsafe.Pointer) bool { return empty(p) || zero(p) }
		case f.omitEmpty:
			e.omit = empty
		case f.omitZero:
			e.omit = zero
		}
		fields[i] = e
	}
	return func(dst []byte, p unsafe.Pointer) ([]byte, bool) {
		dst = append(dst, '{')
		first := true
		for i := range fields {
			f := &fields[i]
			q := unsafe.Add(p, f.off)
			if f.omit != nil && f.omit(q) {
				continue
			}
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = append(dst, f.key...)
			var ok bool
			if dst, ok = f.enc(dst, q); !ok {
				return dst, false
			}
		}
		return append(dst, '}'), true
	}
}

// emptyFn is encoding/json's test for omitempty: the zero of a scalar, an
// empty string or slice, a nil pointer; a struct is never empty.
func emptyFn(t reflect.Type) func(p unsafe.Pointer) bool {
	switch t.Kind() {
	case reflect.String:
		return func(p unsafe.Pointer) bool { return len(*(*string)(p)) == 0 }
	case reflect.Slice:
		return func(p unsafe.Pointer) bool { return (*sliceHeader)(p).len == 0 }
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Pointer:
		return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsZero() }
	}
	return func(unsafe.Pointer) bool { return false }
}

// zeroFn is encoding/json's test for omitzero: the type's IsZero method
// where it has one, else the zero value.
func zeroFn(t reflect.Type) func(p unsafe.Pointer) bool {
	type isZeroer interface{ IsZero() bool }
	zt := reflect.TypeFor[isZeroer]()
	switch {
	case t.Kind() == reflect.Pointer && t.Implements(zt):
		return func(p unsafe.Pointer) bool {
			v := reflect.NewAt(t, p).Elem()
			return v.IsNil() || v.Interface().(isZeroer).IsZero()
		}
	case t.Implements(zt):
		return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().Interface().(isZeroer).IsZero() }
	case reflect.PointerTo(t).Implements(zt):
		return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Interface().(isZeroer).IsZero() }
	}
	return func(p unsafe.Pointer) bool { return reflect.NewAt(t, p).Elem().IsZero() }
}

// encodeTime writes a time as its MarshalJSON does, or leaves to
// encoding/json the ones MarshalJSON refuses (a year beyond 4 digits, a
// zone 24 hours or more away).
func encodeTime(dst []byte, p unsafe.Pointer) ([]byte, bool) {
	t := (*time.Time)(p)
	if y := t.Year(); y < 0 || y > 9999 {
		return dst, false
	}
	if _, off := t.Zone(); off <= -24*3600 || off >= 24*3600 {
		return dst, false
	}
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"'), true
}

// jsonSafe marks the ASCII bytes encoding/json writes in a string as
// they are: one look per byte where there were six comparisons (every
// event's header and every projection's text is written so).
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = true
	}
	for _, c := range []byte{'"', '\\', '<', '>', '&'} {
		t[c] = false
	}
	return t
}()

// AppendJSONString appends s quoted as encoding/json quotes it.
func AppendJSONString[S string | []byte](dst []byte, s S) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	return append(append(dst, s[start:]...), '"')
}
