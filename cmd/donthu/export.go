package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"

	"donthu/model"
	"donthu/store"
	"donthu/store/export"
)

// donthu export: the reception register and the case list as CSV. The
// layouts are store/export's; this reads the rows, picks the options and
// writes the file whole or not at all.

func init() {
	register(command{name: "export", args: "register [--from NGÀY] [--to NGÀY] | cases [--closed|--all] [-o TỆP] --user LOGIN",
		vi:  "xuất sổ tiếp hoặc danh sách vụ việc ra tệp CSV (mở được bằng Excel); người tố cáo được ghi là (bảo mật)",
		en:  "write the reception register or the case list as CSV (opens in Excel); denouncers are written as (confidential)",
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
		"dùng: donthu export register [--from dd/mm/yyyy] [--to dd/mm/yyyy] [-o TỆP.csv] [--no-bom] | donthu export cases [--closed|--all] [-o TỆP.csv] [--no-bom]",
		"use: donthu export register [--from dd/mm/yyyy] [--to dd/mm/yyyy] [-o FILE.csv] [--no-bom] | donthu export cases [--closed|--all] [-o FILE.csv] [--no-bom]")}
	what, err := e.verb(use)
	if err != nil {
		return err
	}
	fs := e.flags("export " + what)
	signer := fs.String("user", "", "")
	out := fs.String("o", "", "")
	noBOM := fs.Bool("no-bom", false, "")
	var fromS, toS string
	var closed, all bool
	switch what {
	case "register":
		fs.StringVar(&fromS, "from", "", "")
		fs.StringVar(&toS, "to", "", "")
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

	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := e.requireUser(s, *signer, model.ActExport)
	if err != nil {
		return err
	}
	var n int
	var render func(w io.Writer) error
	if what == "register" {
		rows := registerRows(s, from, to)
		n, render = len(rows), func(w io.Writer) error { return export.Register(w, rows, opt) }
	} else {
		rows := caseRows(s, store.CaseFilter{Closed: closed, All: all})
		n, render = len(rows), func(w io.Writer) error { return export.Cases(w, rows, opt) }
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

// registerRows reads the visits on days in [from, to] with their persons
// and petitions.
func registerRows(s *store.Store, from, to model.Date) []export.RegisterRow {
	person := func(id string) (model.Person, bool) {
		p, err := s.Person(id)
		return p, err == nil
	}
	petition := func(id string) (model.Petition, bool) {
		p, err := s.Petition(id)
		return p, err == nil
	}
	return export.RegisterRows(s.Visits(from, to), person, petition)
}

// caseRows reads the cases f picks with their deadlines as of today, in
// the queue's order.
func caseRows(s *store.Store, f store.CaseFilter) []export.CaseRow {
	in := s.Cases(f, s.Today())
	out := make([]export.CaseRow, len(in))
	for i, r := range in {
		out[i] = export.CaseRow(r)
	}
	return out
}

// writeAtomic writes path through a temporary file in the same folder,
// synced and renamed into place only when whole: a full disk or a pulled
// stick leaves the old file (if any) as it was and no half file.
func writeAtomic(path string, render func(w io.Writer) error) error {
	fail := func(err error) error {
		return &store.UserError{Err: err, Msg: model.NewMsg("",
			"Không ghi được tệp "+path+" (đĩa đầy, không có quyền ghi, hay tệp đang mở trong Excel?). Chưa ghi gì. Chi tiết: "+err.Error(),
			"Cannot write "+path+" (disk full, no permission, or the file is open in Excel?). Nothing was written. Detail: "+err.Error())}
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".donthu-export-*.part")
	if err != nil {
		return fail(err)
	}
	tmp := f.Name()
	err = render(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fail(err)
	}
	return nil
}
