package main

import (
	"fmt"

	"donthu/store"
)

func init() {
	register(command{name: "salvage", args: "TỆP_HỎNG -o TỆP_MỚI [--user TÊN]",
		vi: "cứu mọi sự kiện còn nguyên từ một tệp dữ liệu hỏng sang tệp mới, rồi dựng lại dữ liệu",
		en: "recover every intact event of a damaged data file into a new file, and rebuild it", run: cmdSalvage})
	helpOrder = append(helpOrder, "salvage")
}

func cmdSalvage(e *env) error {
	fs := e.flags("salvage")
	out := fs.String("o", "", "")
	who := fs.String("user", "", "")
	// The damaged file may come before or after -o.
	var args []string
	rest := e.args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return usageError{err.Error()}
		}
		if fs.NArg() == 0 {
			break
		}
		args = append(args, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(args) != 1 || *out == "" {
		return usageError{e.t("dùng: donthu salvage TỆP_HỎNG -o TỆP_MỚI [--user TÊN]", "use: donthu salvage DAMAGED_FILE -o NEW_FILE [--user LOGIN]")}
	}
	pw := ""
	if *who != "" {
		var err error
		if pw, err = e.readPassword(e.t("Mật khẩu của "+*who+": ", "Password of "+*who+": "), false); err != nil {
			return err
		}
	}
	rep, err := store.SalvageAs(args[0], *out, *who, pw)
	for _, l := range rep.Lines(e.lang) {
		if rep.Pages > 0 {
			fmt.Fprintln(e.stdout, l)
		}
	}
	if err != nil {
		return err
	}
	if len(rep.Problems) > 0 {
		// Events lost to the damage leave gaps: said, not hidden.
		e.printf("Tệp mới vẫn thiếu (phần đã mất vì hư hỏng):\n", "The new file still lacks (lost to the damage):\n")
		for _, p := range rep.Problems {
			fmt.Fprintln(e.stdout, "  - "+p.In(e.lang))
		}
	}
	e.printf("Đã ghi %d sự kiện vào %s và dựng lại dữ liệu. Hãy mở tệp mới: donthu --db %s\n",
		"Wrote %d events to %s and rebuilt the data. Open the new file: donthu --db %s\n", rep.Events, *out, *out)
	return nil
}
