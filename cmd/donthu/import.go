package main

// donthu import and donthu persons: bringing old registers in, and the
// duplicates review. The work is in store/register and store; this parses
// and prints.

import (
	"fmt"
	"strings"

	"donthu/model"
	"donthu/store"
	regbook "donthu/store/register"
)

func init() {
	register(command{name: "import", args: "TỆP.xlsx|.xls|.csv [--sheet TRANG] [--kind visits|petitions] [--map \"Cột=trường,…\"] --user LOGIN [--apply [--skip-errors]]",
		vi: "nhập sổ cũ (sổ tiếp, sổ theo dõi đơn): chạy thử in từng dòng; --apply mới ghi",
		en: "import an old register (visits or petitions): a dry run prints every row; --apply writes", run: cmdImport})
	register(command{name: "persons", args: "duplicates | merged | merge GIỮ_LẠI GỘP_VÀO | unmerge MÃ | distinct MÃ MÃ [--undo] --user LOGIN",
		vi: "người có thể trùng nhau; gộp hai hồ sơ của một người, tách lại; ghi hai hồ sơ là hai người",
		en: "persons who may be one; merge two records of one person, unmerge; record that two are two people", run: cmdPersons})
}

func cmdImport(e *env) error {
	use := usageError{e.t("dùng: donthu import TỆP [--sheet TRANG] [--kind visits|petitions] [--map \"Họ tên=name,…\"] --user LOGIN [--apply [--skip-errors]]",
		"use: donthu import FILE [--sheet SHEET] [--kind visits|petitions] [--map \"Họ tên=name,…\"] --user LOGIN [--apply [--skip-errors]]")}
	path := ""
	if len(e.args) > 0 && !strings.HasPrefix(e.args[0], "-") {
		path, e.args = e.args[0], e.args[1:]
	}
	fs := e.flags("import")
	sheet := fs.String("sheet", "", "")
	kind := fs.String("kind", "visits", "")
	mapping := fs.String("map", "", "")
	apply := fs.Bool("apply", false, "")
	skip := fs.Bool("skip-errors", false, "")
	login := fs.String("user", "", "")
	if err := e.parse(fs); err != nil {
		return err
	}
	if path == "" && fs.NArg() > 0 {
		path = fs.Arg(0)
	}
	if path == "" {
		return use
	}
	opt := regbook.Options{Kind: regbook.Kind(*kind)}
	if *mapping != "" {
		m, err := regbook.ParseMap(*mapping)
		if err != nil {
			return err
		}
		opt.Map = m
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	// Even a dry run matches the file against the persons held here.
	u, err := e.requireUser(s, *login, model.ActImport)
	if err != nil {
		return err
	}
	t, err := regbook.Read(path, *sheet)
	if err != nil {
		return err
	}
	p, err := regbook.Prepare(s, t, opt)
	if err != nil {
		return err
	}
	for _, l := range p.Report(e.lang) {
		fmt.Fprintln(e.stdout, l)
	}
	if !*apply {
		e.printf("Đây là chạy thử: chưa ghi gì. Sửa cách đọc cột bằng --map \"Cột=trường\" nếu cần; ghi thật bằng --apply --user LOGIN.\n",
			"This was a dry run: nothing was written. Adjust the columns with --map \"Column=field\" if needed; import with --apply --user LOGIN.\n")
		return nil
	}
	res, err := regbook.Apply(s, p, u.Login, regbook.ApplyOptions{SkipErrors: *skip, Progress: func(done, total int) {
		fmt.Fprintf(e.stderr, "\r%s", e.t(fmt.Sprintf("Đang nhập %d/%d dòng…", done, total), fmt.Sprintf("Importing %d/%d rows…", done, total)))
		if done == total {
			fmt.Fprintln(e.stderr)
		}
	}})
	if err != nil {
		return err
	}
	e.printf("Đã nhập %d dòng: %d người mới, %d lượt tiếp, %d đơn, %d vụ việc (%d sự kiện).\n",
		"Imported %d rows: %d new persons, %d visits, %d petitions, %d cases (%d events).\n",
		res.Rows, res.Persons, res.Visits, res.Petitions, res.Cases, res.Events)
	if res.Completed > 0 {
		e.printf("%d người đã có được bổ sung thông tin từ sổ.\n", "%d existing persons got details from the register.\n", res.Completed)
	}
	return nil
}

func cmdPersons(e *env) error {
	use := usageError{e.t("dùng: donthu persons duplicates | merged | merge GIỮ_LẠI GỘP_VÀO | unmerge MÃ | distinct MÃ MÃ [--undo] --user LOGIN",
		"use: donthu persons duplicates | merged | merge KEEP GONE | unmerge ID | distinct ID ID [--undo] --user LOGIN")}
	v, err := e.verb(use)
	if err != nil {
		return err
	}
	var ids []string
	for len(e.args) > 0 && !strings.HasPrefix(e.args[0], "-") {
		ids, e.args = append(ids, e.args[0]), e.args[1:]
	}
	fs := e.flags("persons")
	login := fs.String("user", "", "")
	undo := fs.Bool("undo", false, "")
	if err := e.parse(fs); err != nil {
		return err
	}
	s, err := e.openSite()
	if err != nil {
		return err
	}
	defer s.Close()
	u, err := e.requireUser(s, *login, model.ActMergePersons)
	if err != nil {
		return err
	}
	switch {
	case v == "duplicates" && len(ids) == 0:
		dups := s.Duplicates()
		for _, d := range dups {
			a, _ := s.Person(d.A)
			b, _ := s.Person(d.B)
			fmt.Fprintf(e.stdout, "%s\n  %s\n  %s\n", d.Why.Label().In(e.lang), personLine(e, &a), personLine(e, &b))
		}
		e.printf("%d cặp có thể trùng. Gộp: donthu persons merge GIỮ_LẠI GỘP_VÀO --user LOGIN; hai người khác nhau: donthu persons distinct MÃ MÃ --user LOGIN\n",
			"%d pairs may be one person. Merge: donthu persons merge KEEP GONE --user LOGIN; two people: donthu persons distinct ID ID --user LOGIN\n", len(dups))
	case v == "merged" && len(ids) == 0:
		merged := model.MergedRecords(s.ReviewPersons())
		for _, p := range merged {
			into, _ := s.Person(p.MergedInto)
			e.printf("%s\n  → %s\n", "%s\n  → %s\n", personLine(e, &p), personLine(e, &into))
		}
		e.printf("%d hồ sơ đã gộp. Tách: donthu persons unmerge MÃ --user LOGIN\n",
			"%d records merged. Unmerge: donthu persons unmerge ID --user LOGIN\n", len(merged))
	case v == "merge" && len(ids) == 2:
		p, err := s.MergePersons(u.Login, ids[0], ids[1])
		if err != nil {
			return err
		}
		e.printf("Đã gộp %s vào %s.\n", "Merged %s into %s.\n", ids[1], personLine(e, &p))
		vals := p.MergeValues()
		for _, f := range []string{"name", "id_number", "phone", "birth_year", "address", "employer", "note"} {
			if len(vals[f]) > 0 {
				e.printf("  %s khác: %s\n", "  other %s: %s\n", model.PersonFieldLabel(f).In(e.lang), strings.Join(vals[f], "; "))
			}
		}
	case v == "distinct" && len(ids) == 2:
		if err := s.MarkDistinct(u.Login, ids[0], ids[1], *undo); err != nil {
			return err
		}
		if *undo {
			e.printf("%s và %s lại được gợi ý là có thể trùng.\n", "%s and %s are suggested as possible duplicates again.\n", ids[0], ids[1])
		} else {
			e.printf("Đã ghi: %s và %s là hai người khác nhau; không gợi ý cặp này nữa.\n", "Recorded: %s and %s are two people; the pair is not suggested again.\n", ids[0], ids[1])
		}
	case v == "unmerge" && len(ids) == 1:
		if err := s.UnmergePerson(u.Login, ids[0]); err != nil {
			return err
		}
		e.printf("Đã tách %s ra thành hồ sơ riêng.\n", "%s stands alone again.\n", ids[0])
	default:
		return use
	}
	return nil
}

// personLine is one person as the duplicates list shows them.
func personLine(e *env, p *model.Person) string {
	if p.Sealed != "" {
		// A protected person: the list shows them sealed (model.Shows),
		// whatever this session may unseal.
		q := model.Person{ID: p.ID, Name: store.SealedText.In(e.lang), BirthYear: p.BirthYear, Employer: p.Employer, Site: p.Site}
		p = &q
	}
	parts := []string{p.ID, p.Name}
	if p.BirthYear != 0 {
		parts = append(parts, fmt.Sprint(p.BirthYear))
	}
	for _, x := range []string{p.IDNumber, p.Phone, p.Employer} {
		if x != "" {
			parts = append(parts, x)
		}
	}
	if p.Site != "" {
		parts = append(parts, e.t("đơn vị ", "site ")+p.Site)
	}
	return strings.Join(parts, " · ")
}
