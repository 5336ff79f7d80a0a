// Package pdftext reads back the text of a PDF written by store/paper, for
// tests: what a person would read, with its position on the page. It
// knows just enough PDF for fpdf's output: Flate streams, and text in
// UTF-16BE literal strings (fpdf writes a TrueType font as Identity-H
// with CIDs equal to Unicode code points). It is not a general PDF reader.
package pdftext

import (
	"bytes"
	"compress/zlib"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Op is one text run: where it starts on the page, in points from the
// bottom left, and its text.
type Op struct {
	X, Y float64 // text position in points, from the bottom left
	Text string
}

// streamRE takes a stream's bytes up to the newline before endstream;
// a carriage return there may be the data's own last byte (compressed
// bytes are arbitrary), so it is kept and tried both ways.
var streamRE = regexp.MustCompile(`(?s)stream\r?\n(.*?)\nendstream`)

func streams(pdf []byte) [][]byte {
	var out [][]byte
	for _, m := range streamRE.FindAllSubmatch(pdf, -1) {
		data := m[1]
		b, err := inflate(data)
		if err != nil && bytes.HasSuffix(data, []byte("\r")) {
			data = data[:len(data)-1]
			b, err = inflate(data)
		}
		switch {
		case err == nil:
			out = append(out, b)
		case !isZlib(data):
			out = append(out, data)
		}
	}
	return out
}

func isZlib(data []byte) bool {
	_, err := zlib.NewReader(bytes.NewReader(data))
	return err == nil
}

func inflate(data []byte) ([]byte, error) {
	r, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

var tdRE = regexp.MustCompile(`BT (?:0 Tw )?([-\d.]+) ([-\d.]+) Td`)

// Ops returns every text run of the content streams with its position.
func Ops(pdf []byte) []Op {
	var out []Op
	for _, s := range streams(pdf) {
		if !bytes.Contains(s, []byte(" Td")) {
			continue
		}
		str := string(s)
		for _, loc := range tdRE.FindAllStringSubmatchIndex(str, -1) {
			x, _ := strconv.ParseFloat(str[loc[2]:loc[3]], 64)
			y, _ := strconv.ParseFloat(str[loc[4]:loc[5]], 64)
			end := strings.Index(str[loc[1]:], "ET")
			if end < 0 {
				continue
			}
			out = append(out, Op{x, y, decodeStrings(str[loc[1] : loc[1]+end])})
		}
	}
	return out
}

// Text is every text run joined by newlines.
func Text(pdf []byte) string {
	var b strings.Builder
	for _, op := range Ops(pdf) {
		b.WriteString(op.Text)
		b.WriteByte('\n')
	}
	return b.String()
}

// decodeStrings reads the literal strings of a text object as UTF-16BE.
func decodeStrings(s string) string {
	var out strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '(' {
			continue
		}
		var raw []byte
		i++
		for ; i < len(s) && s[i] != ')'; i++ {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				i++
				switch s[i] {
				case 'n':
					c = '\n'
				case 'r':
					c = '\r'
				case 't':
					c = '\t'
				case 'b':
					c = '\b'
				case 'f':
					c = '\f'
				case '0', '1', '2', '3', '4', '5', '6', '7':
					j := i
					for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
						j++
					}
					n, _ := strconv.ParseUint(s[i:j], 8, 8)
					c = byte(n)
					i = j - 1
				default:
					c = s[i]
				}
			}
			raw = append(raw, c)
		}
		u := make([]uint16, 0, len(raw)/2)
		for k := 0; k+1 < len(raw); k += 2 {
			u = append(u, uint16(raw[k])<<8|uint16(raw[k+1]))
		}
		out.WriteString(string(utf16.Decode(u)))
	}
	return out.String()
}
