// Package paper fills and renders the paper a reception desk hands out or
// files: the forms the law names, the register of a period, and guidance
// sheets for workers, as A4 PDFs laid out like official documents (NĐ
// 30/2020/NĐ-CP: the union's header and the national motto, Times-metric
// type, margins 20/25/30/15 mm), each with a verification code and its QR
// code in the footer.
//
// # What it owns
//
//   - The forms (forms.go): their ids, names, the record each is filled
//     from, whether the paper goes to others (then a confidential sender is
//     redacted unless a full copy is asked for), and the placeholders each
//     fills (Form.Fields).
//   - Fill (fill.go): a form's values from an Input of model values read by
//     the store, and Doc.Hash, the hash of those values that a printout's
//     signature covers (the day of printing left out, so the same record
//     gives the same hash and a changed record a different one).
//   - Templates (template.go): plain UTF-8 text files, one per form and
//     version, built in (templates/) and overridable by the office from a
//     folder beside the data file (store.TemplateDir, "mau-in").
//   - Render (render.go): the PDF, with the embedded font (fonts/, gzipped: Liberation
//     Serif 2.1.5, SIL Open Font Licence, every Vietnamese letter).
//   - The verification code format (code.go).
//
// It does not read the data file, sign or record anything: store.Print
// does, and store.Verify checks a code.
//
// # Templates
//
// A template is a header of "key: value" lines, a line "---", and the body.
// Lines starting with // are notes and are skipped. Header keys:
//
//	form:        the form id (donthu print list)
//	title:       its name, for lists and the print log
//	label:       printed at the top right, e.g. "Mẫu số 02/TCD"
//	basis:       the legal basis, in words
//	from, to:    the first and last day (dd/mm/yyyy) it applies to; the
//	             version is chosen by the document's date (a receipt by the
//	             day of the visit), so papers about acts before 1/7/2026
//	             keep the old forms
//	number:      the "Số:" line of the header, e.g. {{.RecordNo}}/GBN
//	orientation: portrait or landscape
//	header:      yes or no (the union's header and the motto)
//	keywords, checked, source: guidance sheets only: words of a visit's
//	             content that call for the sheet (matched without
//	             diacritics), the day its text was last checked, its sources
//
// Body lines: "= " a title, "== " a bold subtitle, "=~ " an italic
// subtitle, "* " a bold paragraph, "- " an item, ". " a paragraph without
// indent, anything else a justified paragraph with its first line
// indented; an empty line is a little space. Commands: @documents (the
// table of papers received), @register (the register's table), @sign LEFT
// | RIGHT (signature blocks, each "TITLE;NAME"), @to TEXT (a line of "Nơi
// nhận", printed beside the signature), @page (a new page). Placeholders
// are Go template actions on the form's fields, {{.SenderName}}; an empty
// value prints as a dotted line to fill in by hand.
//
// Every placeholder is checked when the template is read: a typo, an
// unknown command or a bad date makes a TemplateError naming the file and
// the line, and the form is refused (never printed from a half-filled
// template, nor silently from the built-in one) until the file is fixed or
// removed.
//
// # Caveats
//
//   - Form numbers marked "cần kiểm tra" in a template's basis were not
//     checked against the official annex (docs/law.md, Forms); the
//     guidance sheets say "cần kiểm tra" wherever the law is uncertain,
//     rather than state a guess.
//   - The acceptance notice follows NĐ 124/2020 Mẫu 03 for complaints; a
//     denunciation is accepted by a decision (Luật Tố cáo Điều 29.2) that
//     has no template here.
//   - The register condenses Mẫu 03/TCD to what donthu records, with the
//     same columns as the CSV export.
//   - The text of a PDF is the font's Unicode (ToUnicode map), so it can
//     be searched and copied; pdftext reads it back for tests.
package paper
