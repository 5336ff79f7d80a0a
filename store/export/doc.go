// Package export renders the registers and the periodic report forms as
// CSV files and Excel workbooks (XLSX, with github.com/xuri/excelize/v2).
// It owns the column layouts, their headers in Vietnamese and English, the
// masking of confidential senders and the byte-level details that make a
// file open correctly in Excel on Windows.
//
// # What it renders
//
//   - Register: the Sổ tiếp công dân, one row per visit, in the 13 columns
//     of Mẫu 03/TCD of NĐ 154/2026 (DOMAIN.md §8, [V~]): STT, ngày tiếp,
//     họ tên – địa chỉ (a group's representatives and its workplace), số
//     giấy tờ, nội dung, phân loại đơn, số người, cơ quan đã giải quyết
//     (the body and case that had resolved a matter that came back), thuộc
//     thẩm quyền, hướng dẫn, cơ quan thụ lý / số văn bản chuyển, theo dõi
//     kết quả (the case's status or result and date), ghi chú.
//   - Petitions: the sổ theo dõi đơn, one row per petition received, with
//     its classification and the case it opened.
//   - Cases: one row per case (vụ việc): number, received, sender, kind,
//     regime, field, status, handler, due date, the deadline in words and
//     the result.
//   - Reports: the forms model computes (ReportTable, built by Tables or
//     NewReportTable from a model.ReportData): as text, as CSV (indicators
//     as rows: this period, the previous one, last year, and each unit at
//     an office), and as a workbook laid out like the upper level's form
//     (the unit and the period on top, units as rows under the name they
//     had in the period, indicators as columns under merged group
//     headings, numbers as numbers, the header frozen), one sheet a form.
//
// Every workbook sheet is written through excelize's StreamWriter
// (WriteXLSX), so a register of a hundred thousand rows takes bounded
// memory. WriteFile writes any of them whole or not at all.
//
// Rows are built by the caller from values already read from the store
// (RegisterRows takes visits and two look-ups; CaseRow has the same shape
// as store.CaseRow, so a conversion is enough).
//
// # Invariants
//
//   - It renders; it does not compute. Labels come from model (.Label().In),
//     head counts from model.Visit.People, deadlines and their words from
//     model.ComputeDeadline through store.Cases. It counts nothing and
//     imports neither store nor bbolt (a test checks the imports), so it
//     cannot read the data file or drift from what the screens show.
//   - A confidential sender (Petition.Confidential, Case.Confidential: every
//     denunciation, Luật Tố cáo Điều 8.3, 9.1.b, 47, 56; DOMAIN.md §6) is
//     written as "(bảo mật)" / "(confidential)" in every cell that names
//     or locates them (name and address, identity document, the free-text
//     note) unless Options.Reveal is set. The donthu command never sets it:
//     an unredacted export needs an explicit, audited permission (DOMAIN.md
//     §6, recommendation 2), and the command line has no sign-in to check
//     one against. store.RevealIdentity audits a reveal of one case; there
//     is no audited reveal of a whole file yet.
//   - Every cell goes through one guard: a value a spreadsheet would run as
//     a formula (starting with = + - @, a tab or a carriage return) gets a
//     leading apostrophe (CSV injection, OWASP). Headers are fixed text.
//   - The same rows and options give the same bytes on every platform:
//     line endings and the BOM are options, never runtime.GOOS.
//
// # Platform differences
//
//   - Options.BOM writes a UTF-8 byte-order mark first. Excel on Windows
//     reads a CSV without one in the ANSI code page (Windows-1258 on a
//     Vietnamese system), which garbles every diacritic; with the mark it
//     reads UTF-8. Tools that do not expect a BOM (a Unix pipe into grep or
//     a database loader) want it off: the command's --no-bom.
//   - Options.CRLF ends records with "\r\n" (RFC 4180, Windows tools) rather
//     than "\n"; the command sets it on Windows only. encoding/csv then also
//     writes a line break inside a quoted cell as "\r\n"; a reader gets "\n"
//     back either way.
//
// # Caveats
//
//   - In a workbook dates are dates (shown dd/mm/yyyy) and counts and
//     amounts are numbers; a text that looks like a formula stays text
//     (a workbook cell is typed), so the apostrophe guard is CSV's only.
//   - In CSV, dates are dd/mm/yyyy text, as the paper register prints them. Excel
//     converts them to dates using the machine's regional settings, so on a
//     machine set to a US locale 02/03/2026 becomes 3 February. The columns
//     are meant to be read and filtered, not calculated on.
//   - Identity numbers are written with their document kind ("CCCD
//     001085012345"), which keeps the leading zeros a spreadsheet would
//     strip from a bare number.
//   - The separator is a comma. Excel opening a .csv by double-click splits
//     on the Windows list separator, which some regional settings make ";"
//     (unverified for vi-VN [M]); there the file opens in one column, and
//     Data › From Text/CSV reads it correctly. A "sep=," first line would
//     fix the split but makes Excel ignore the BOM, so it is not written.
//   - The apostrophe guard changes what a reader gets back: a content
//     starting with "-" (a dash list) reads back as "'-". That is the price
//     of a file that is safe to double-click.
//   - The visit's content is kept in confidential rows: it is the matter,
//     not the person (the case queue shows a masked case's summary too).
//     Desk staff should not write a denouncer's identity into it.
package export
