package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/store/export"
)

// donthu report: the periodic report forms (docs/law.md, Reports) as text, CSV or
// a workbook. The figures are model's; the layouts store/export's.

func init() {
	register(command{name: "report", args: "MẪU|all --period KỲ [--official] [--from NGÀY --to NGÀY] [--site MÃ] [--format text|csv|xlsx] [-o TỆP]",
		vi:  "báo cáo định kỳ theo mẫu 01/TCD, 02/TCD, 01/XLD, 01/KQGQ, 03/KQGQ, RSTD (rà soát tồn đọng), 02/KQGQ, 04/KQGQ (thi hành); kỳ: 2026-Q3, 2026-06, 2026-6T, 2026-9T, 2026",
		en:  "periodic report forms 01/TCD, 02/TCD, 01/XLD, 01/KQGQ, 03/KQGQ, RSTD (backlog review), 02/KQGQ, 04/KQGQ (execution); period: 2026-Q3, 2026-06, 2026-6T, 2026-9T, 2026",
		run: cmdReport})
}

func cmdReport(e *env) error { return runReport(e, runtime.GOOS) }

func runReport(e *env, goos string) error {
	use := usageError{e.t(
		"dùng: donthu report MẪU|all --period 2026-Q3|2026-06|2026-6T|2026-9T|2026 [--official] | --from dd/mm/yyyy --to dd/mm/yyyy [--site MÃ] [--format text|csv|xlsx] [-o TỆP] [--no-bom]",
		"use: donthu report FORM|all --period 2026-Q3|2026-06|2026-6T|2026-9T|2026 [--official] | --from dd/mm/yyyy --to dd/mm/yyyy [--site CODE] [--format text|csv|xlsx] [-o FILE] [--no-bom]")}
	if len(e.args) == 0 || strings.HasPrefix(e.args[0], "-") {
		return use
	}
	which := e.args[0]
	e.args = e.args[1:]
	var forms []model.FormID
	if strings.EqualFold(which, "all") {
		forms = model.FormIDs
	} else if f, ok := model.ParseFormID(which); ok {
		forms = []model.FormID{f}
	} else {
		return usageError{e.t("không có mẫu "+which+" (có: 01/TCD, 02/TCD, 01/XLD, 01/KQGQ, 03/KQGQ, RSTD, 02/KQGQ, 04/KQGQ, all)",
			"no form "+which+" (known: 01/TCD, 02/TCD, 01/XLD, 01/KQGQ, 03/KQGQ, RSTD, 02/KQGQ, 04/KQGQ, all)")}
	}
	fs := e.flags("report")
	periodS := fs.String("period", "", "")
	official := fs.Bool("official", false, "")
	fromS := fs.String("from", "", "")
	toS := fs.String("to", "", "")
	site := fs.String("site", "", "")
	format := fs.String("format", "", "")
	out := fs.String("o", "", "")
	noBOM := fs.Bool("no-bom", false, "")
	if err := e.parse(fs); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return use
	}
	var p model.Period
	switch {
	case *periodS != "" && (*fromS != "" || *toS != ""):
		return usageError{e.t("chọn --period hoặc --from/--to, không cả hai", "give --period or --from/--to, not both")}
	case *periodS != "":
		var m *model.Msg
		if p, m = model.ParsePeriod(*periodS, *official); m != nil {
			return usageError{m.In(e.lang)}
		}
	case *fromS != "" || *toS != "":
		from, err := e.dateFlag("--from", *fromS)
		if err != nil {
			return err
		}
		to, err := e.dateFlag("--to", *toS)
		if err != nil {
			return err
		}
		var m *model.Msg
		if p, m = model.RangePeriod(from, to); m != nil {
			return usageError{m.In(e.lang)}
		}
	default:
		return use
	}
	f := strings.ToLower(*format)
	if f == "" {
		f = "text"
		switch strings.ToLower(filepath.Ext(*out)) {
		case ".xlsx":
			f = "xlsx"
		case ".csv":
			f = "csv"
		}
	}
	if f != "text" && f != "csv" && f != "xlsx" {
		return usageError{e.t("--format: text, csv hoặc xlsx", "--format: text, csv or xlsx")}
	}
	if f == "xlsx" && (*out == "" || *out == "-") {
		return usageError{e.t("tệp xlsx cần -o TỆP.xlsx", "an xlsx file needs -o FILE.xlsx")}
	}

	// A year of an office holds about 80 MB of records while its forms
	// are computed; the collector is asked to keep the process near
	// 120 MB rather than let its heap double (GOMEMLIMIT overrides).
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(120 << 20)
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	code := strings.ToUpper(strings.TrimSpace(*site))
	tables, err := reportTables(s, forms, p, code)
	if err != nil {
		return err // a report missing records must not be printed as whole
	}
	if tables == nil {
		return usageError{e.t("không có đơn vị "+code+" trong tệp dữ liệu", "no unit "+code+" in the data file")}
	}
	var render func(w io.Writer) error
	switch f {
	case "text":
		render = func(w io.Writer) error { return export.ReportText(w, tables, e.lang) }
	case "csv":
		opt := exportOptions(goos, e.lang, *noBOM)
		render = func(w io.Writer) error { return export.ReportCSV(w, tables, opt) }
	default:
		render = func(w io.Writer) error { return export.ReportXLSX(w, tables, e.lang) }
	}
	if *out == "" || *out == "-" {
		return render(e.stdout)
	}
	if err := writeAtomic(*out, render); err != nil {
		return err
	}
	e.printf("Đã ghi %d mẫu báo cáo (%s) vào %s.\n", "Wrote %d report forms (%s) to %s.\n", len(tables), p.Label().In(e.lang), *out)
	return nil
}

// reportTables computes forms for period p at unit code ("" = this site
// and, at an office, every unit with per-unit rows); nil when code is a
// unit the file does not know; the error when records could not be read.
func reportTables(s *store.Store, forms []model.FormID, p model.Period, code string) ([]export.ReportTable, error) {
	in, err := s.ReportInput(model.ReportWindow(p))
	if err != nil {
		return nil, err
	}
	d := model.NewReportData(in)
	return export.Tables(d, s.Site(), forms, p, code), nil
}
