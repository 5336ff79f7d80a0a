package model

import (
	"encoding"
	"encoding/binary"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"

	jsonv2 "github.com/go-json-experiment/json"
)

// The fast path of DecodeJSON.
//
// Nearly all the JSON this program reads is what encoding/json wrote from
// the model's own types: event data and stored projections. That text
// has one form: compact, the fields of each struct in their declared
// order, each name exactly as the struct spells it, strings in valid
// UTF-8 with a few escapes. fastDecode reads that form, and only that
// form, into a fresh value through a plan made once per type (field
// offsets, a function per kind), without the general decoder's
// token machine. Anything else (a space, a name it does not expect or
// out of its order, an escape it does not know, a number with a
// fraction, a type it has no plan for) makes it give up; the caller
// clears the value and the general decoder reads the text from the
// start. The general decoder's result is the reference: tests read a
// sample of an office's history both ways (model/testdata), and every
// field of every type the model decodes, and a fuzz test compares the
// two on any input (docs/architecture.md, "The fold").

// decodeFn reads one JSON value at d into the Go value at p and reports
// whether it could.
type decodeFn func(d *fastDecoder, p unsafe.Pointer) bool

type fastDecoder struct {
	b    []byte
	i    int
	view bool // strings without an escape are b's bytes (decodeJSON)
}

// plans holds a decodeFn for each type asked for, or a nil one for a
// type fastDecode leaves to the general decoder.
var plans sync.Map // reflect.Type -> decodeFn

// fastDecode reads data into v, a pointer to a fresh value, if data has
// the form encoding/json writes and v's type has a plan. It reports
// whether it did; when it did not, v may be half filled.
func fastDecode(data []byte, v any, view bool) bool {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return false
	}
	f := planOf(rv.Type().Elem())
	if f == nil {
		return false
	}
	d := fastDecoder{b: data, view: view}
	return f(&d, rv.UnsafePointer()) && d.i == len(data)
}

func planOf(t reflect.Type) decodeFn { return cachedPlan(&plans, t, makePlan) }

// cachedPlan returns the plan of t in cache, made by make the first
// time (two goroutines may both make it: the plans are equal).
func cachedPlan[F any](cache *sync.Map, t reflect.Type, make func(reflect.Type, map[reflect.Type]bool) F) F {
	if f, ok := cache.Load(t); ok {
		return f.(F)
	}
	f := make(t, map[reflect.Type]bool{})
	cache.Store(t, f)
	return f
}

var (
	timeType            = reflect.TypeFor[time.Time]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	v2UnmarshalerType   = reflect.TypeFor[jsonv2.UnmarshalerFrom]()
)

// makePlan returns the decodeFn of t, or nil where the general decoder
// must read it: maps, interfaces, floats, arrays, byte slices, types
// with a JSON method of their own, and structs jsonFields refuses.
// visiting holds the types being planned.
func makePlan(t reflect.Type, visiting map[reflect.Type]bool) decodeFn {
	if visiting[t] {
		// A type within itself (a person's absorbed records are
		// persons): its plan is looked up when first used, made by then.
		return func(d *fastDecoder, p unsafe.Pointer) bool {
			f := planOf(t)
			return f != nil && f(d, p)
		}
	}
	visiting[t] = true
	defer delete(visiting, t)
	pt := reflect.PointerTo(t)
	if t == timeType {
		return withNull(t, decodeTime)
	}
	if pt.Implements(jsonUnmarshalerType) || pt.Implements(v2UnmarshalerType) {
		return nil
	}
	if pt.Implements(textUnmarshalerType) {
		return decodeTextFor(t)
	}
	switch t.Kind() {
	case reflect.String:
		return withNull(t, decodeString)
	case reflect.Bool:
		return withNull(t, decodeBool)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return withNull(t, decodeIntFor(t))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return withNull(t, decodeUintFor(t))
	case reflect.Slice:
		if t.Elem().Kind() == reflect.Uint8 {
			return nil // base64 in JSON
		}
		if t.Elem().Kind() == reflect.String && t.Elem() == reflect.TypeFor[string]() {
			return withNull(t, decodeStrings)
		}
		elem := makePlan(t.Elem(), visiting)
		if elem == nil {
			return nil
		}
		return withNull(t, decodeSliceFor(t, elem))
	case reflect.Pointer:
		elem := makePlan(t.Elem(), visiting)
		if elem == nil {
			return nil
		}
		return decodePointerFor(t, elem)
	case reflect.Struct:
		fs, ok := jsonFields(t, 0)
		if !ok {
			return nil
		}
		fields := make([]planField, len(fs))
		for i, f := range fs {
			if fields[i] = (planField{f.name, f.off, makePlan(f.typ, visiting)}); fields[i].dec == nil {
				return nil
			}
		}
		return withNull(t, decodeStructFor(fields))
	}
	return nil
}

// A field of a struct plan: its JSON name, its offset in the outer
// struct (through embedded structs) and its decodeFn.
type planField struct {
	name string
	off  uintptr
	dec  decodeFn
}

// A field as encoding/json writes it: its name, its offset in the outer
// struct (through embedded structs), its type and its options.
type jsonField struct {
	name                string
	off                 uintptr
	typ                 reflect.Type
	omitEmpty, omitZero bool
}

// jsonFields lists t's fields as encoding/json writes them: in declared
// order, an embedded struct's fields in its place. ok is false where
// encoding/json's rules would need more than this, left to the general
// decoder and to encoding/json: a tag option that changes a field's form
// (",string"), an embedded pointer or unexported struct, a name of other
// characters than letters, digits and '_', two fields of one name.
func jsonFields(t reflect.Type, base uintptr) ([]jsonField, bool) {
	var out []jsonField
	for i := range t.NumField() {
		sf := t.Field(i)
		tag := sf.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		f := jsonField{name: name, off: base + sf.Offset, typ: sf.Type}
		for o := range strings.SplitSeq(opts, ",") {
			switch o {
			case "":
			case "omitempty":
				f.omitEmpty = true
			case "omitzero":
				f.omitZero = true
			default:
				return nil, false
			}
		}
		if sf.Anonymous && name == "" {
			if sf.Type.Kind() != reflect.Struct || !sf.IsExported() {
				return nil, false
			}
			inner, ok := jsonFields(sf.Type, f.off)
			if !ok {
				return nil, false
			}
			out = append(out, inner...)
			continue
		}
		if !sf.IsExported() {
			continue
		}
		if f.name == "" {
			f.name = sf.Name
		}
		for _, c := range f.name {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
				return nil, false
			}
		}
		out = append(out, f)
	}
	seen := map[string]bool{}
	for _, f := range out {
		if seen[f.name] {
			return nil, false
		}
		seen[f.name] = true
	}
	return out, true
}

// withNull reads null as the zero value of t, as the general decoder
// does, and anything else with dec.
func withNull(t reflect.Type, dec decodeFn) decodeFn {
	return func(d *fastDecoder, p unsafe.Pointer) bool {
		if d.i < len(d.b) && d.b[d.i] == 'n' {
			if !d.literal("null") {
				return false
			}
			reflect.NewAt(t, p).Elem().SetZero()
			return true
		}
		return dec(d, p)
	}
}

func decodeStructFor(fields []planField) decodeFn {
	folded := map[string]bool{}
	for _, f := range fields {
		var buf [64]byte
		folded[string(looseFold(buf[:0], []byte(f.name)))] = true
	}
	return func(d *fastDecoder, p unsafe.Pointer) bool {
		if !d.byte('{') {
			return false
		}
		if d.byte('}') {
			return true
		}
		var buf [64]byte
		next := 0       // names come in field order, some left out
		var seen uint64 // fields read out of that order (the first 64)
		for {
			name, ok := d.name()
			if !ok {
				return false
			}
			k := next
			for k < len(fields) && fields[k].name != string(name) {
				k++
			}
			if k == len(fields) {
				// Before the last one read, once; or not a field at all.
				for k = 0; k < next && fields[k].name != string(name); k++ {
				}
				switch {
				case k < next && (k >= 64 || seen&(1<<k) != 0):
					return false // read twice: the general decoder's rules
				case k < next:
					seen |= 1 << k
				case len(name) > 64 || folded[string(looseFold(buf[:0], name))]:
					return false // a field's name in other case: the general decoder matches it
				default:
					if !d.skip(0) { // a member no field takes
						return false
					}
					k = -1
				}
			} else {
				next = k + 1
				if k < 64 {
					seen |= 1 << k
				}
			}
			if k >= 0 && !fields[k].dec(d, unsafe.Add(p, fields[k].off)) {
				return false
			}
			if d.byte('}') {
				return true
			}
			if !d.byte(',') {
				return false
			}
		}
	}
}

// looseFold appends name as the general decoder matches it without
// regard to case: upper case, without '_' and '-'.
func looseFold(dst, name []byte) []byte {
	for _, c := range name {
		switch {
		case c == '_' || c == '-':
		case 'a' <= c && c <= 'z':
			dst = append(dst, c-'a'+'A')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// skip reads past one value of any kind, refusing what is not JSON.
func (d *fastDecoder) skip(depth int) bool {
	if d.i >= len(d.b) || depth > 64 {
		return false
	}
	switch c := d.b[d.i]; c {
	case '"':
		start := d.i
		if _, ok := d.plainStr(); ok {
			return true
		}
		d.i = start
		_, ok := d.escapedStr()
		return ok
	case '{':
		d.i++
		if d.byte('}') {
			return true
		}
		for {
			if _, ok := d.str(); !ok || !d.byte(':') || !d.skip(depth+1) {
				return false
			}
			if d.byte('}') {
				return true
			}
			if !d.byte(',') {
				return false
			}
		}
	case '[':
		d.i++
		if d.byte(']') {
			return true
		}
		for {
			if !d.skip(depth + 1) {
				return false
			}
			if d.byte(']') {
				return true
			}
			if !d.byte(',') {
				return false
			}
		}
	case 't':
		return d.literal("true")
	case 'f':
		return d.literal("false")
	case 'n':
		return d.literal("null")
	}
	return d.number()
}

// number reads past a JSON number.
func (d *fastDecoder) number() bool {
	i, ok := numberEnd(d.b, d.i)
	if ok {
		d.i = i
	}
	return ok
}

// numberEnd reads past -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
// at b[i:] and returns where it ends.
func numberEnd(b []byte, i int) (int, bool) {
	digits := func() bool {
		j := i
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
		}
		return i > j
	}
	if i < len(b) && b[i] == '-' {
		i++
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case !digits():
		return i, false
	}
	if i < len(b) && b[i] == '.' {
		i++
		if !digits() {
			return i, false
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if !digits() {
			return i, false
		}
	}
	return i, true
}

func decodeSliceFor(t reflect.Type, elem decodeFn) decodeFn {
	size := t.Elem().Size()
	return func(d *fastDecoder, p unsafe.Pointer) bool {
		if !d.byte('[') {
			return false
		}
		s := reflect.NewAt(t, p).Elem()
		s.Set(reflect.MakeSlice(t, 0, 1))
		if d.byte(']') {
			return true
		}
		for n := 0; ; n++ {
			if n == s.Cap() {
				s.Grow(n)
			}
			s.SetLen(n + 1)
			if !elem(d, unsafe.Add(s.UnsafePointer(), uintptr(n)*size)) {
				return false
			}
			if d.byte(']') {
				return true
			}
			if !d.byte(',') {
				return false
			}
		}
	}
}

func decodeStrings(d *fastDecoder, p unsafe.Pointer) bool {
	if !d.byte('[') {
		return false
	}
	out := []string{}
	if !d.byte(']') {
		for {
			s, ok := d.str()
			if !ok {
				return false
			}
			out = append(out, s)
			if d.byte(']') {
				break
			}
			if !d.byte(',') {
				return false
			}
		}
	}
	*(*[]string)(p) = out
	return true
}

func decodePointerFor(t reflect.Type, elem decodeFn) decodeFn {
	return func(d *fastDecoder, p unsafe.Pointer) bool {
		if d.i < len(d.b) && d.b[d.i] == 'n' {
			if !d.literal("null") {
				return false
			}
			*(*unsafe.Pointer)(p) = nil
			return true
		}
		v := reflect.New(t.Elem())
		if !elem(d, v.UnsafePointer()) {
			return false
		}
		*(*unsafe.Pointer)(p) = v.UnsafePointer()
		return true
	}
}

func decodeString(d *fastDecoder, p unsafe.Pointer) bool {
	s, ok := d.str()
	*(*string)(p) = s
	return ok
}

func decodeBool(d *fastDecoder, p unsafe.Pointer) bool {
	switch {
	case d.literal("true"):
		*(*bool)(p) = true
	case d.literal("false"):
		*(*bool)(p) = false
	default:
		return false
	}
	return true
}

func decodeIntFor(t reflect.Type) decodeFn {
	bits := t.Bits()
	return func(d *fastDecoder, p unsafe.Pointer) bool {
		neg := d.byte('-')
		u, ok := d.digits()
		if !ok || (neg && u == 0) {
			return false
		}
		limit := uint64(1) << (bits - 1) // -limit .. limit-1
		var n int64
		switch {
		case neg && u <= limit:
			n = int64(-u)
		case !neg && u < limit:
			n = int64(u)
		default:
			return false
		}
		putUint(bits, p, uint64(n))
		return true
	}
}

func decodeUintFor(t reflect.Type) decodeFn {
	bits := t.Bits()
	return func(d *fastDecoder, p unsafe.Pointer) bool {
		u, ok := d.digits()
		if !ok || (bits < 64 && u >= uint64(1)<<bits) {
			return false
		}
		putUint(bits, p, u)
		return true
	}
}

// putUint stores the low bits of u at p, an integer of that many bits.
func putUint(bits int, p unsafe.Pointer, u uint64) {
	switch bits {
	case 8:
		*(*uint8)(p) = uint8(u)
	case 16:
		*(*uint16)(p) = uint16(u)
	case 32:
		*(*uint32)(p) = uint32(u)
	default:
		*(*uint64)(p) = u
	}
}

// decodeTime reads a time as time.Time's MarshalJSON writes it (RFC 3339
// with the nanoseconds it has), and nothing else.
func decodeTime(d *fastDecoder, p unsafe.Pointer) bool {
	raw, ok := d.plainStr()
	if !ok {
		return false
	}
	t := (*time.Time)(p)
	if t.UnmarshalText(raw) != nil {
		return false
	}
	var buf [40]byte
	return string(t.AppendFormat(buf[:0], time.RFC3339Nano)) == string(raw)
}

// decodeTextFor reads a string into a type that reads itself from text
// (a Date): the general decoder does the same. null is left to it.
func decodeTextFor(t reflect.Type) decodeFn {
	return func(d *fastDecoder, p unsafe.Pointer) bool {
		raw, ok := d.plainStr()
		if !ok {
			return false
		}
		return reflect.NewAt(t, p).Interface().(encoding.TextUnmarshaler).UnmarshalText(raw) == nil
	}
}

// byte consumes c if it is next.
func (d *fastDecoder) byte(c byte) bool {
	if d.i < len(d.b) && d.b[d.i] == c {
		d.i++
		return true
	}
	return false
}

func (d *fastDecoder) literal(s string) bool {
	if len(d.b)-d.i >= len(s) && string(d.b[d.i:d.i+len(s)]) == s {
		d.i += len(s)
		return true
	}
	return false
}

// digits reads an unsigned integer without a leading zero, a fraction or
// an exponent.
func (d *fastDecoder) digits() (uint64, bool) {
	b, i := d.b, d.i
	if i >= len(b) || b[i] < '0' || b[i] > '9' {
		return 0, false
	}
	if b[i] == '0' {
		d.i = i + 1
		return 0, d.numberEnds()
	}
	var u uint64
	for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		c := uint64(b[i] - '0')
		if i-d.i >= 19 && (i-d.i > 19 || u > (math.MaxUint64-c)/10) {
			return 0, false // beyond 64 bits
		}
		u = u*10 + c
	}
	d.i = i
	return u, d.numberEnds()
}

// numberEnds reports whether the number just read has no fraction or
// exponent.
func (d *fastDecoder) numberEnds() bool {
	if d.i < len(d.b) {
		switch d.b[d.i] {
		case '.', 'e', 'E', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
			return false
		}
	}
	return true
}

// name reads an object member's name and its colon. A name the plan
// knows is plain ASCII, so any other byte ends the fast path.
func (d *fastDecoder) name() ([]byte, bool) {
	b, i := d.b, d.i
	if i >= len(b) || b[i] != '"' {
		return nil, false
	}
	for j := i + 1; j < len(b); j++ {
		switch c := b[j]; {
		case c == '"':
			if j+1 < len(b) && b[j+1] == ':' {
				d.i = j + 2
				return b[i+1 : j], true
			}
			return nil, false
		case c < 0x20 || c == '\\' || c >= utf8.RuneSelf:
			return nil, false
		}
	}
	return nil, false
}

// plainStr reads a string with no escape and returns its bytes (in d's
// buffer). It looks at eight bytes at a time for the end of the string,
// an escape or a control character (swarSpecial), and validates UTF-8
// only where a byte is not ASCII: a content of a few hundred bytes is
// most of an event's data, and looking at it byte by byte was a tenth of
// a fold.
func (d *fastDecoder) plainStr() ([]byte, bool) {
	b, i := d.b, d.i
	if i >= len(b) || b[i] != '"' {
		return nil, false
	}
	j, high := i+1, uint64(0)
	for ; j+8 <= len(b); j += 8 {
		x := binary.LittleEndian.Uint64(b[j:])
		high |= x
		if swarSpecial(x) {
			break
		}
	}
	for ; j < len(b); j++ {
		c := b[j]
		if c == '"' {
			break
		}
		if c < 0x20 || c == '\\' {
			return nil, false
		}
		high |= uint64(c)
	}
	if j >= len(b) {
		return nil, false
	}
	s := b[i+1 : j]
	if high&swarHigh != 0 && !utf8.Valid(s) {
		return nil, false
	}
	d.i = j + 1
	return s, true
}

const (
	swarOnes = 0x0101010101010101
	swarHigh = 0x8080808080808080
)

// swarSpecial reports whether one of the eight bytes of x may be a
// quote, a backslash or a control character (below 0x20). It may say so
// of a byte beside one that is (a borrow), never miss one.
func swarSpecial(x uint64) bool {
	zero := func(v uint64) uint64 { return (v - swarOnes) & ^v & swarHigh }
	return (x-0x20*swarOnes)&^x&swarHigh|zero(x^('"'*swarOnes))|zero(x^('\\'*swarOnes)) != 0
}

// str reads a string, with the escapes encoding/json writes.
func (d *fastDecoder) str() (string, bool) {
	start := d.i
	raw, ok := d.plainStr()
	if ok {
		if d.view && len(raw) > 0 {
			return unsafe.String(&raw[0], len(raw)), true
		}
		return string(raw), true
	}
	d.i = start
	return d.escapedStr()
}

func (d *fastDecoder) escapedStr() (string, bool) {
	b, i := d.b, d.i
	if i >= len(b) || b[i] != '"' {
		return "", false
	}
	i++
	out := make([]byte, 0, 64)
	for i < len(b) {
		c := b[i]
		switch {
		case c == '"':
			d.i = i + 1
			return string(out), true
		case c < 0x20:
			return "", false
		case c == '\\':
			if i+1 >= len(b) {
				return "", false
			}
			i++
			switch b[i] {
			case '"', '\\', '/':
				out = append(out, b[i])
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(b[i+1:])
				if !ok {
					return "", false
				}
				i += 4
				if utf16.IsSurrogate(r) {
					// A pair, or the general decoder decides.
					if i+6 >= len(b) || b[i+1] != '\\' || b[i+2] != 'u' {
						return "", false
					}
					r2, ok := hex4(b[i+3:])
					if !ok {
						return "", false
					}
					if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
						return "", false
					}
					i += 6
				}
				out = utf8.AppendRune(out, r)
			default:
				return "", false
			}
			i++
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				return "", false
			}
			out = append(out, b[i:i+n]...)
			i += n
		}
	}
	return "", false
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c -= 'a' - 10
		case c >= 'A' && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
