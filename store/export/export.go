package export

import (
	"encoding/csv"
	"io"
	"strings"

	"donthu/model"
)

// BOM is the UTF-8 byte-order mark written first when Options.BOM is set.
const BOM = "\uFEFF"

// Options choose the language and the bytes of a file.
type Options struct {
	// Lang is the language of the headers and of the labels in the cells.
	Lang model.Lang

	// CRLF ends records with "\r\n" instead of "\n" (the donthu command
	// sets it on Windows).
	CRLF bool

	// BOM writes a UTF-8 byte-order mark first, so Excel on Windows reads
	// the file as UTF-8 (the donthu command sets it unless --no-bom).
	BOM bool

	// Reveal writes confidential senders as they are, instead of "(bảo
	// mật)". A denouncer's identity is secret by law (DOMAIN.md §6): an
	// unredacted export needs an explicit permission that is audited
	// (who, when, why), and nothing grants one yet, so the donthu command
	// never sets this field. It exists for the day that permission does.
	Reveal bool
}

// masked is what a confidential sender is written as.
func (o Options) masked() string {
	return model.Label{VI: "(bảo mật)", EN: "(confidential)"}.In(o.Lang)
}

// Safe returns s as a spreadsheet may show it without running it: a value
// that starts with a character that begins a formula (= + - @) or with a
// tab or carriage return (which some spreadsheets skip before reading one)
// gets a leading apostrophe.
func Safe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// write writes the header and the records as CSV, every cell through Safe.
func write(w io.Writer, header []string, records [][]string, opt Options) error {
	return writeRecords(w, append([][]string{header}, records...), opt)
}

// writeRecords writes records as CSV, every cell through Safe.
func writeRecords(w io.Writer, records [][]string, opt Options) error {
	if opt.BOM {
		if _, err := io.WriteString(w, BOM); err != nil {
			return err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = opt.CRLF
	for _, r := range records {
		for i := range r {
			r[i] = Safe(r[i])
		}
		if err := cw.Write(r); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// headers returns the header row in lang.
func headers(ls []model.Label, lang model.Lang) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.In(lang)
	}
	return out
}

// join joins the non-empty parts with sep.
func join(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
