package main

import (
	"io"
	"path/filepath"
	"runtime"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/store/export"
)

// donthu export: the reception register and the case list as CSV. The
// layouts are store/export's; this reads the rows, picks the options and
// writes the file whole or not at all.

func init() {
	register(command{name: "export", args: "register|petitions|cases [--from NGÀY] [--to NGÀY] [--closed|--all] [--format csv|xlsx] [-o TỆP] --user LOGIN",
		vi:  "xuất sổ tiếp (13 cột Mẫu 03/TCD), sổ theo dõi đơn hoặc danh sách vụ việc ra tệp CSV hay Excel (.xlsx); người tố cáo được ghi là (bảo mật)",
		en:  "write the reception register (the 13 columns of Mẫu 03/TCD), the petition register or the case list as CSV or Excel (.xlsx); denouncers are written as (confidential)",
		run: cmdExport})
}

func cmdExport(e *env) error { return runExport(e, runtime.GOOS) }

// exportOptions are the options of a file written on goos: Windows line
// endings on Windows, a BOM unless noBOM. Never Reveal: an unredacted
// export needs an audited permission the command line cannot check.
func exportOptions(goos string, lang model.Lang, noBOM bool) export.Options {
	return export.Options{Lang: lang, CRLF: goos == "windows", BOM: !noBOM}
}

// runExport is donthu export as run on goos (a parameter, so that tests
// cover Windows line endings on any system).
func runExport(e *env, goos string) error {
	use := usageError{e.t(
		"dùng: donthu export register|petitions [--from dd/mm/yyyy] [--to dd/mm/yyyy] [--format csv|xlsx] [-o TỆP] [--no-bom] | donthu export cases [--closed|--all] [--from dd/mm/yyyy] [--to dd/mm/yyyy] [--format csv|xlsx] [-o TỆP] [--no-bom]",
		"use: donthu export register|petitions [--from dd/mm/yyyy] [--to dd/mm/yyyy] [--format csv|xlsx] [-o FILE] [--no-bom] | donthu export cases [--closed|--all] [--from dd/mm/yyyy] [--to dd/mm/yyyy] [--format csv|xlsx] [-o FILE] [--no-bom]")}
	what, err := e.verb(use)
	if err != nil {
		return err
	}
	fs := e.flags("export " + what)
	signer := fs.String("user", "", "")
	out := fs.String("o", "", "")
	noBOM := fs.Bool("no-bom", false, "")
	format := fs.String("format", "", "")
	var fromS, toS string
	var closed, all bool
	fs.StringVar(&fromS, "from", "", "")
	fs.StringVar(&toS, "to", "", "")
	switch what {
	case "register", "petitions":
	case "cases":
		fs.BoolVar(&closed, "closed", false, "")
		fs.BoolVar(&all, "all", false, "")
	default:
		return use
	}
	if err := e.parse(fs); err != nil {
		return err
	}
	if fs.NArg() > 0 || (closed && all) {
		return use
	}
	from, err := e.dateFlag("--from", fromS)
	if err != nil {
		return err
	}
	to, err := e.dateFlag("--to", toS)
	if err != nil {
		return err
	}
	if !from.IsZero() && !to.IsZero() && from.After(to) {
		return usageError{e.t("--from sau --to", "--from is after --to")}
	}
	opt := exportOptions(goos, e.lang, *noBOM)
	xlsx := strings.EqualFold(*format, "xlsx") || (*format == "" && strings.EqualFold(filepath.Ext(*out), ".xlsx"))
	if *format != "" && !strings.EqualFold(*format, "csv") && !xlsx {
		return usageError{e.t("--format: csv hoặc xlsx", "--format: csv or xlsx")}
	}
	if xlsx && (*out == "" || *out == "-") {
		return usageError{e.t("tệp xlsx cần -o TỆP.xlsx", "an xlsx file needs -o FILE.xlsx")}
	}

	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := e.requireUser(s, *signer, model.ActExport)
	if err != nil {
		return err
	}
	unit := s.Site()
	if si, err := s.SiteInfo(""); err == nil && si.Name != "" {
		unit = si.Name
	}
	var n int
	var render func(w io.Writer) error
	sheet := func(sh export.Sheet) func(w io.Writer) error {
		return func(w io.Writer) error { return export.WriteXLSX(w, []export.Sheet{sh}) }
	}
	switch what {
	case "register":
		rows, err := export.ReadRegister(s, from, to)
		if err != nil {
			return err // not written as if complete
		}
		n, render = len(rows), func(w io.Writer) error { return export.Register(w, rows, opt) }
		if xlsx {
			render = sheet(export.RegisterSheet(rows, opt, export.RegisterTitle(unit, model.Label{VI: "SỔ TIẾP CÔNG DÂN, ĐOÀN VIÊN, NGƯỜI LAO ĐỘNG", EN: "RECEPTION REGISTER"}, from, to, e.lang)...))
		}
	case "petitions":
		rows, err := export.ReadPetitions(s, from, to)
		if err != nil {
			return err
		}
		n, render = len(rows), func(w io.Writer) error { return export.Petitions(w, rows, opt) }
		if xlsx {
			render = sheet(export.PetitionsSheet(rows, opt, export.RegisterTitle(unit, model.Label{VI: "SỔ THEO DÕI ĐƠN", EN: "PETITION REGISTER"}, from, to, e.lang)...))
		}
	default:
		rows, err := caseRows(s, store.CaseFilter{Closed: closed, All: all}, from, to)
		if err != nil {
			return err
		}
		n, render = len(rows), func(w io.Writer) error { return export.Cases(w, rows, opt) }
		if xlsx {
			render = sheet(export.CasesSheet(rows, opt, export.RegisterTitle(unit, model.Label{VI: "DANH SÁCH VỤ VIỆC", EN: "CASE LIST"}, from, to, e.lang)...))
		}
	}
	if *out == "" || *out == "-" {
		if err := render(e.stdout); err != nil {
			return err
		}
		auditCLI(s, u, model.EvExported, what, "-", n)
		return nil
	}
	if err := writeAtomic(*out, render); err != nil {
		return err
	}
	auditCLI(s, u, model.EvExported, what, *out, n)
	e.printf("Đã ghi %d dòng vào %s.\n", "Wrote %d rows to %s.\n", n, *out)
	return nil
}

// dateFlag reads the date of a flag; "" is no date.
func (e *env) dateFlag(name, s string) (model.Date, error) {
	if s == "" {
		return model.Date{}, nil
	}
	d, m := model.ParseDateInput(s)
	if m != nil {
		return d, usageError{name + ": " + m.In(e.lang)}
	}
	return d, nil
}

// caseRows reads the cases f picks, received in [from, to] (zero =
// open), with their deadlines as of today, in the queue's order.
func caseRows(s *store.Store, f store.CaseFilter, from, to model.Date) ([]export.CaseRow, error) {
	in, err := s.Cases(f, s.Today())
	if err != nil {
		return nil, err
	}
	out := make([]export.CaseRow, 0, len(in))
	for _, r := range in {
		if (!from.IsZero() && r.Received.Before(from)) || (!to.IsZero() && r.Received.After(to)) {
			continue
		}
		out = append(out, export.CaseRow(r))
	}
	return out, nil
}

// writeAtomic writes path through a temporary file in the same folder,
// synced and renamed into place only when whole: a full disk or a pulled
// stick leaves the old file (if any) as it was and no half file.
func writeAtomic(path string, render func(w io.Writer) error) error {
	fail := func(err error) error {
		return model.ErrCannotWrite(path, err).And(model.Label{VI: "Chưa ghi gì.", EN: "Nothing was written."})
	}
	if err := export.WriteFile(path, render); err != nil {
		return fail(err)
	}
	return nil
}
