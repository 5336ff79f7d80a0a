package model

import (
	"sync"
	"unicode"
	"unicode/utf8"
)

// The forms' indicators, after the layouts of docs/law.md, Reports condensed to
// what donthu records. Each row says in its function exactly which records
// it counts; the hand-counted fixture in testdata checks every one.

var (
	formsOnce sync.Once
	forms     []*Form
)

func allForms() []*Form {
	formsOnce.Do(func() {
		forms = []*Form{form01TCD(), form02TCD(), form01XLD(), formKQGQ(Form01KQGQ, KindComplaint), formKQGQ(Form03KQGQ, KindDenunciation), formReview(),
			formExec(Form02KQGQ, KindComplaint), formExec(Form04KQGQ, KindDenunciation)}
	})
	return forms
}

// Forms returns every form, in FormIDs order.
func Forms() []*Form { return allForms() }

func isGroup(v *ReportVisit) bool    { return v.Group }
func headCount(v *ReportVisit) int64 { return max(1, int64(v.People)) }
func always(*ReportVisit) bool       { return true }

var (
	yes = true
	no  = false
)

// --- 01/TCD: reception ---

func form01TCD() *Form {
	f := &Form{ID: Form01TCD, Title: Label{"Tổng hợp kết quả tiếp công dân thường xuyên, định kỳ và đột xuất", "Reception: regular, scheduled and ad-hoc"}}
	add := func(key string, g, l Label, sum bool, fn func(sc *scope) []Ref) {
		f.Rows = append(f.Rows, FormRow{Key: key, Group: g, Label: l, Sum: sum, Record: EntVisit, fn: fn})
	}
	total := Label{"Tổng số", "Total"}
	add("luot", total, Label{"Lượt tiếp", "Receptions"}, false, func(sc *scope) []Ref { return sc.visitRefs(always, nil) })
	add("nguoi", total, Label{"Người được tiếp", "Persons received"}, true, func(sc *scope) []Ref { return sc.visitRefs(always, headCount) })
	add("vv", total, Label{"Vụ việc", "Matters"}, false, func(sc *scope) []Ref { return sc.matterRefs(always, nil) })

	blocks := []struct {
		key  string
		g    Label
		keep func(v *ReportVisit) bool
	}{
		{"tx", Label{"Tiếp thường xuyên", "Regular reception"}, func(v *ReportVisit) bool { return v.Reception == ReceptionRegular || v.Reception == "" }},
		{"tt", Label{"Định kỳ, đột xuất: Thủ trưởng tiếp", "Scheduled, ad-hoc: by the head"}, func(v *ReportVisit) bool {
			return (v.Reception == ReceptionScheduled || v.Reception == ReceptionAdhoc) && !v.Delegated
		}},
		{"uq", Label{"Định kỳ, đột xuất: Ủy quyền tiếp", "Scheduled, ad-hoc: delegated"}, func(v *ReportVisit) bool {
			return (v.Reception == ReceptionScheduled || v.Reception == ReceptionAdhoc) && v.Delegated
		}},
	}
	for _, b := range blocks {
		keep := b.keep
		group := func(v *ReportVisit) bool { return keep(v) && v.Group }
		if b.key != "tx" {
			add(b.key+"_ky", b.g, Label{"Số kỳ tiếp (ngày)", "Reception days"}, false, func(sc *scope) []Ref {
				seen := map[int32]bool{}
				var out []Ref
				for _, i := range sc.visits {
					if v, d := &sc.d.in.Visits[i], sc.d.vday[i]; keep(v) && !seen[d] {
						seen[d] = true
						out = append(out, one(v.ID, v.Site))
					}
				}
				return out
			})
		}
		add(b.key+"_luot", b.g, Label{"Lượt tiếp", "Receptions"}, false, func(sc *scope) []Ref { return sc.visitRefs(keep, nil) })
		add(b.key+"_nguoi", b.g, Label{"Người được tiếp", "Persons received"}, true, func(sc *scope) []Ref { return sc.visitRefs(keep, headCount) })
		add(b.key+"_vv", b.g, Label{"Vụ việc", "Matters"}, false, func(sc *scope) []Ref { return sc.matterRefs(keep, nil) })
		add(b.key+"_vv_dau", b.g, Label{"  Vụ việc tiếp lần đầu", "  Matters, first visit"}, false, func(sc *scope) []Ref { return sc.matterRefs(keep, &no) })
		add(b.key+"_vv_nhieu", b.g, Label{"  Vụ việc tiếp nhiều lần", "  Matters, repeat visits"}, false, func(sc *scope) []Ref { return sc.matterRefs(keep, &yes) })
		add(b.key+"_doan", b.g, Label{"Đoàn đông người", "Group delegations"}, false, func(sc *scope) []Ref { return sc.visitRefs(group, nil) })
		add(b.key+"_doan_nguoi", b.g, Label{"  Người trong đoàn", "  Persons in groups"}, true, func(sc *scope) []Ref { return sc.visitRefs(group, headCount) })
		add(b.key+"_doan_dau", b.g, Label{"  Đoàn lần đầu", "  Groups, first visit"}, false, func(sc *scope) []Ref {
			return sc.visitRefs(func(v *ReportVisit) bool { return group(v) && !v.Repeat }, nil)
		})
		add(b.key+"_doan_nhieu", b.g, Label{"  Đoàn nhiều lần", "  Groups, repeat visits"}, false, func(sc *scope) []Ref {
			return sc.visitRefs(func(v *ReportVisit) bool { return group(v) && v.Repeat }, nil)
		})
	}
	return f
}

// --- 02/TCD: petitions received at reception ---

// atDesk reports whether a petition came through reception.
func atDesk(p *Petition) bool { return p.Visit != "" || p.Source == SourceDesk }

func form02TCD() *Form {
	f := &Form{ID: Form02TCD, Title: Label{"Phân loại, xử lý đơn qua tiếp công dân", "Petitions received at reception"}}
	add := func(key string, g, l Label, fn func(sc *scope) []Ref) {
		f.Rows = append(f.Rows, FormRow{Key: key, Group: g, Label: l, Record: EntPetition, fn: fn})
	}
	inPeriod := func(sc *scope) func(p *Petition) bool {
		return func(p *Petition) bool { return atDesk(p) && sc.in(p.Received) }
	}
	total := Label{"Tổng số", "Total"}
	add("don", total, Label{"Đơn nhận qua tiếp", "Petitions received"}, func(sc *scope) []Ref { return sc.petRefs(inPeriod(sc)) })
	add("vv", total, Label{"Vụ việc", "Matters"}, func(sc *scope) []Ref { return sc.petMatters(inPeriod(sc)) })
	content := Label{"Theo nội dung", "By content"}
	for _, k := range []struct {
		key  string
		l    Label
		keep func(k PetitionKind) bool
	}{
		{"kn", Label{"Khiếu nại", "Complaints"}, func(k PetitionKind) bool { return k == KindComplaint }},
		{"tc", Label{"Tố cáo", "Denunciations"}, func(k PetitionKind) bool { return k == KindDenunciation }},
		{"knpa", Label{"Kiến nghị, phản ánh", "Recommendations, reports"}, isKNPA},
		{"khac", Label{"Khác, chưa phân loại", "Other, unclassified"}, otherKind},
	} {
		k := k
		add(k.key+"_don", content, Label{k.l.VI + ": đơn", k.l.EN + ": petitions"}, func(sc *scope) []Ref {
			in := inPeriod(sc)
			return sc.petRefs(func(p *Petition) bool { return in(p) && k.keep(p.Kind) })
		})
		add(k.key+"_vv", content, Label{k.l.VI + ": vụ việc", k.l.EN + ": matters"}, func(sc *scope) []Ref {
			in := inPeriod(sc)
			return sc.petMatters(func(p *Petition) bool { return in(p) && k.keep(p.Kind) })
		})
	}
	comp := Label{"Theo thẩm quyền", "By competence"}
	add("tq", comp, Label{"Thuộc thẩm quyền", "Within competence"}, func(sc *scope) []Ref {
		in := inPeriod(sc)
		return sc.petRefs(func(p *Petition) bool { return in(p) && sc.classifiedBy(p) && p.Competent })
	})
	add("ktq", comp, Label{"Không thuộc thẩm quyền", "Outside competence"}, func(sc *scope) []Ref {
		in := inPeriod(sc)
		return sc.petRefs(func(p *Petition) bool { return in(p) && sc.classifiedBy(p) && !p.Competent })
	})
	add("ktq_hd", comp, Label{"  Hướng dẫn", "  Guided"}, func(sc *scope) []Ref {
		in := inPeriod(sc)
		return sc.petRefs(func(p *Petition) bool {
			return in(p) && sc.classifiedBy(p) && !p.Competent && p.Decision == DecisionGuide
		})
	})
	add("ktq_chuyen", comp, Label{"  Chuyển đơn", "  Forwarded"}, func(sc *scope) []Ref {
		in := inPeriod(sc)
		return sc.petRefs(func(p *Petition) bool {
			return in(p) && sc.classifiedBy(p) && !p.Competent && p.Decision == DecisionForward
		})
	})
	add("ktq_dondoc", comp, Label{"  Đôn đốc", "  Urged"}, func(sc *scope) []Ref {
		in := inPeriod(sc)
		return sc.petRefs(func(p *Petition) bool { return in(p) && sc.classifiedBy(p) && sc.urgedBy(p) })
	})
	add("chua_xl", comp, Label{"Chưa xử lý", "Not yet processed"}, func(sc *scope) []Ref {
		in := inPeriod(sc)
		return sc.petRefs(func(p *Petition) bool { return in(p) && !sc.classifiedBy(p) })
	})
	add("phuc_dap", Label{"Văn bản", "Replies"}, Label{"Văn bản trả lời đã gửi", "Written replies sent"}, func(sc *scope) []Ref {
		in := inPeriod(sc)
		return sc.petRefs(func(p *Petition) bool {
			c := sc.caseOf(p)
			return in(p) && c != nil && c.Replied && sc.resolvedBy(c)
		})
	})
	return f
}

// --- 01/XLD: petition processing ---

func signedBy(p *Petition) string {
	switch {
	case p.Anonymous || p.Unsigned:
		return "khac"
	case p.Signatories > 1:
		return "nhieu"
	}
	return "mot"
}

func form01XLD() *Form {
	f := &Form{ID: Form01XLD, Title: Label{"Tổng hợp kết quả xử lý đơn", "Petition processing"}}
	add := func(key string, g, l Label, fn func(sc *scope) []Ref) {
		f.Rows = append(f.Rows, FormRow{Key: key, Group: g, Label: l, Record: EntPetition, fn: fn})
	}
	// carried: received before the period, not classified before it.
	carried := func(sc *scope, p *Petition) bool {
		return !p.Received.IsZero() && p.Received.Before(sc.from) && !(p.Classified && p.ClassifiedOn.Before(sc.from))
	}
	fresh := func(sc *scope, p *Petition) bool { return sc.in(p.Received) }
	handled := func(sc *scope, p *Petition) bool {
		return (carried(sc, p) || fresh(sc, p)) && p.Classified && sc.in(p.ClassifiedOn)
	}
	ok := func(sc *scope, p *Petition) bool { return handled(sc, p) && p.Conditions }
	recv := Label{"Tiếp nhận", "Received"}
	add("tong", recv, Label{"Tổng số đơn", "Petitions in all"}, func(sc *scope) []Ref {
		return sc.petRefs(func(p *Petition) bool { return carried(sc, p) || fresh(sc, p) })
	})
	for _, part := range []struct {
		key  string
		l    Label
		keep func(sc *scope, p *Petition) bool
	}{{"ky_truoc", Label{"Kỳ trước chuyển sang", "Carried over"}, carried}, {"trong_ky", Label{"Tiếp nhận trong kỳ", "Received in the period"}, fresh}} {
		part := part
		add(part.key, recv, part.l, func(sc *scope) []Ref { return sc.petRefs(func(p *Petition) bool { return part.keep(sc, p) }) })
		for _, s := range []struct{ key, vi, en string }{{"nhieu", "nhiều người đứng tên", "several signatories"}, {"mot", "một người đứng tên", "one signatory"}, {"khac", "đơn khác (nặc danh, không ký)", "other (anonymous, unsigned)"}} {
			s := s
			add(part.key+"_"+s.key, recv, Label{"  " + s.vi, "  " + s.en}, func(sc *scope) []Ref {
				return sc.petRefs(func(p *Petition) bool { return part.keep(sc, p) && signedBy(p) == s.key })
			})
		}
	}
	proc := Label{"Đã xử lý", "Processed"}
	add("da_xl", proc, Label{"Số đơn đã xử lý", "Petitions processed"}, func(sc *scope) []Ref {
		return sc.petRefs(func(p *Petition) bool { return handled(sc, p) })
	})
	add("du_dk", proc, Label{"Đủ điều kiện xử lý: đơn", "Processable: petitions"}, func(sc *scope) []Ref {
		return sc.petRefs(func(p *Petition) bool { return ok(sc, p) })
	})
	add("du_dk_vv", proc, Label{"Đủ điều kiện xử lý: vụ việc", "Processable: matters"}, func(sc *scope) []Ref {
		return sc.petMatters(func(p *Petition) bool { return ok(sc, p) })
	})
	content := Label{"Đủ điều kiện, theo nội dung", "Processable, by content"}
	kinds := []struct {
		key  string
		l    Label
		keep func(k PetitionKind) bool
	}{
		{"kn", Label{"Khiếu nại", "Complaints"}, func(k PetitionKind) bool { return k == KindComplaint }},
		{"tc", Label{"Tố cáo", "Denunciations"}, func(k PetitionKind) bool { return k == KindDenunciation }},
		{"knpa", Label{"Kiến nghị, phản ánh", "Recommendations, reports"}, isKNPA},
		{"khac", Label{"Khác", "Other"}, otherKind},
	}
	for _, k := range kinds {
		k := k
		add("nd_"+k.key, content, k.l, func(sc *scope) []Ref {
			return sc.petRefs(func(p *Petition) bool { return ok(sc, p) && k.keep(p.Kind) })
		})
	}
	status := Label{"Đủ điều kiện, theo tình trạng", "Processable, by status"}
	withCase := func(sc *scope, keep func(c *Case) bool) []Ref {
		return sc.petRefs(func(p *Petition) bool {
			c := sc.caseOf(p)
			return ok(sc, p) && c != nil && keep(c)
		})
	}
	add("tt_da_gq_dau", status, Label{"Đã giải quyết lần đầu", "Resolved, first time"}, func(sc *scope) []Ref {
		return withCase(sc, func(c *Case) bool { return sc.resolvedBy(c) && !c.Repeat })
	})
	add("tt_da_gq_nhieu", status, Label{"Đã giải quyết nhiều lần", "Resolved, repeated"}, func(sc *scope) []Ref {
		return withCase(sc, func(c *Case) bool { return sc.resolvedBy(c) && c.Repeat })
	})
	add("tt_dang_gq", status, Label{"Đang giải quyết", "Being resolved"}, func(sc *scope) []Ref {
		return withCase(sc, func(c *Case) bool { return sc.upTo(c.Accepted) && sc.openAtEnd(c) })
	})
	add("tt_chua_gq", status, Label{"Chưa giải quyết (chờ thụ lý)", "Not yet resolved (awaiting acceptance)"}, func(sc *scope) []Ref {
		return withCase(sc, func(c *Case) bool { return !sc.upTo(c.Accepted) && sc.openAtEnd(c) })
	})
	res := Label{"Đủ điều kiện, kết quả xử lý", "Processable, outcome"}
	for _, k := range kinds[:3] {
		k := k
		add("tq_"+k.key, res, Label{"Thuộc thẩm quyền: " + k.l.VI, "Within competence: " + k.l.EN}, func(sc *scope) []Ref {
			return sc.petRefs(func(p *Petition) bool { return ok(sc, p) && p.Competent && k.keep(p.Kind) })
		})
	}
	add("ktq_hd", res, Label{"Không thuộc thẩm quyền: hướng dẫn", "Outside competence: guided"}, func(sc *scope) []Ref {
		return sc.petRefs(func(p *Petition) bool { return ok(sc, p) && !p.Competent && p.Decision == DecisionGuide })
	})
	add("ktq_chuyen", res, Label{"Không thuộc thẩm quyền: chuyển đơn", "Outside competence: forwarded"}, func(sc *scope) []Ref {
		return sc.petRefs(func(p *Petition) bool { return ok(sc, p) && !p.Competent && p.Decision == DecisionForward })
	})
	add("ktq_dondoc", res, Label{"Không thuộc thẩm quyền: đôn đốc", "Outside competence: urged"}, func(sc *scope) []Ref {
		return sc.petRefs(func(p *Petition) bool { return ok(sc, p) && sc.urgedBy(p) })
	})
	add("phuc_dap", Label{"Văn bản", "Replies"}, Label{"Văn bản trả lời đã gửi", "Written replies sent"}, func(sc *scope) []Ref {
		return sc.petRefs(func(p *Petition) bool {
			c := sc.caseOf(p)
			return handled(sc, p) && c != nil && c.Replied && sc.resolvedBy(c)
		})
	})
	return f
}

// --- 01/KQGQ and 03/KQGQ: complaints and denunciations resolved ---

func formKQGQ(id FormID, kind PetitionKind) *Form {
	f := &Form{ID: id}
	den := kind == KindDenunciation
	if den {
		f.Title = Label{"Kết quả giải quyết tố cáo thuộc thẩm quyền", "Denunciations resolved within competence"}
	} else {
		f.Title = Label{"Kết quả giải quyết khiếu nại thuộc thẩm quyền", "Complaints resolved within competence"}
	}
	add := func(key string, g, l Label, sum, money bool, fn func(sc *scope) []Ref) {
		f.Rows = append(f.Rows, FormRow{Key: key, Group: g, Label: l, Sum: sum, Money: money, Record: EntCase, fn: fn})
	}
	mine := func(c *Case) bool { return c.Kind == kind && !c.Accepted.IsZero() }
	carried := func(sc *scope, c *Case) bool { return mine(c) && c.Accepted.Before(sc.from) && !sc.closedBefore(c) }
	fresh := func(sc *scope, c *Case) bool { return mine(c) && sc.in(c.Accepted) }
	resolved := func(sc *scope, c *Case) bool { return mine(c) && sc.resolvedIn(c) }
	concluded := func(sc *scope, c *Case) bool { return resolved(sc, c) && c.Status == StatusConcluded }
	cases := func(sc *scope, keep func(c *Case) bool) []Ref { return sc.caseRefs(keep, nil) }

	g := Label{"Thụ lý", "Accepted"}
	add("tong", g, Label{"Tổng số vụ việc phải giải quyết", "Cases to resolve"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return carried(sc, c) || fresh(sc, c) })
	})
	add("ky_truoc", g, Label{"  Kỳ trước chuyển sang", "  Carried over"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return carried(sc, c) })
	})
	add("trong_ky", g, Label{"  Thụ lý trong kỳ", "  Accepted in the period"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return fresh(sc, c) })
	})
	if den {
		add("tc_tiep", g, Label{"  Trong đó tố cáo tiếp", "  Of which repeat denunciations"}, false, false, func(sc *scope) []Ref {
			return cases(sc, func(c *Case) bool { return (carried(sc, c) || fresh(sc, c)) && c.Repeat })
		})
	}
	g = Label{"Đã giải quyết", "Resolved"}
	add("da_gq", g, Label{"Số vụ việc đã giải quyết", "Cases resolved"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return resolved(sc, c) })
	})
	if den {
		add("gq_lan_dau", g, Label{"  Tố cáo lần đầu", "  First denunciations"}, false, false, func(sc *scope) []Ref {
			return cases(sc, func(c *Case) bool { return concluded(sc, c) && c.Result != ResultWithdrawn && !c.Repeat })
		})
		add("gq_tc_tiep", g, Label{"  Tố cáo tiếp", "  Repeat denunciations"}, false, false, func(sc *scope) []Ref {
			return cases(sc, func(c *Case) bool { return concluded(sc, c) && c.Result != ResultWithdrawn && c.Repeat })
		})
	} else {
		add("gq_qd", g, Label{"  Bằng quyết định, kết luận", "  By decision"}, false, false, func(sc *scope) []Ref {
			return cases(sc, func(c *Case) bool { return concluded(sc, c) && c.Result != ResultWithdrawn })
		})
	}
	add("gq_rut", g, Label{"  Rút đơn", "  Withdrawn"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return concluded(sc, c) && c.Result == ResultWithdrawn })
	})
	add("gq_dinh_chi", g, Label{"  Đình chỉ", "  Terminated"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return resolved(sc, c) && c.Status == StatusTerminated })
	})
	g = Label{"Kết quả", "Results"}
	results := []struct {
		key string
		r   Result
	}{{"dung", ResultRight}, {"sai", ResultWrong}, {"mot_phan", ResultPartly}}
	for _, r := range results {
		r := r
		l := ResultLabel(kind, r.r)
		if !den {
			l = Label{"KN " + lowerFirst(l.VI), "Complaint " + lowerFirst(l.EN)}
		}
		add(r.key, g, l, false, false, func(sc *scope) []Ref {
			return cases(sc, func(c *Case) bool { return concluded(sc, c) && c.Result == r.r && (den || c.Round <= 1) })
		})
		if den {
			add(r.key+"_tiep", g, Label{"  Trong đó tố cáo tiếp", "  Of which repeat"}, false, false, func(sc *scope) []Ref {
				return cases(sc, func(c *Case) bool { return concluded(sc, c) && c.Result == r.r && c.Repeat })
			})
		}
	}
	if !den {
		add("lan2", g, Label{"Giải quyết lần hai", "Second-round decisions"}, false, false, func(sc *scope) []Ref {
			return cases(sc, func(c *Case) bool { return concluded(sc, c) && c.Round >= 2 && c.Result != ResultWithdrawn })
		})
	}
	g = Label{"Khôi phục quyền lợi", "Rights restored"}
	add("tien", g, Label{"Tiền, lợi ích trả lại (đồng)", "Money and benefits returned (đồng)"}, true, true, func(sc *scope) []Ref {
		return sc.caseRefs(func(c *Case) bool { return concluded(sc, c) }, func(c *Case) int64 { return c.Recovered })
	})
	add("nguoi", g, Label{"Người lao động được khôi phục quyền lợi", "Workers whose rights were restored"}, true, false, func(sc *scope) []Ref {
		return sc.caseRefs(func(c *Case) bool { return concluded(sc, c) }, func(c *Case) int64 { return int64(c.Restored) })
	})
	sum := func(key string, g, l Label, money bool, n func(c *Case) int64) {
		add(key, g, l, true, money, func(sc *scope) []Ref {
			return sc.caseRefs(func(c *Case) bool { return concluded(sc, c) }, n)
		})
	}
	sum("dat", g, Label{"Đất trả lại cho tổ chức, cá nhân (m²)", "Land returned (m²)"}, false, func(c *Case) int64 { return c.ReturnedLand })
	g = Label{"Kiến nghị thu hồi cho Nhà nước", "Recovery for the State proposed"}
	sum("nn_tien", g, Label{"Tiền (đồng)", "Money (đồng)"}, true, func(c *Case) int64 { return c.StateMoney })
	sum("nn_dat", g, Label{"Đất (m²)", "Land (m²)"}, false, func(c *Case) int64 { return c.StateLand })
	g = Label{"Kiến nghị xử lý", "Sanctions and referrals proposed"}
	sum("hc_nguoi", g, Label{"Xử lý hành chính: người", "Administrative sanctions: persons"}, false, func(c *Case) int64 { return int64(c.Sanctioned) })
	sum("hc_cb", g, Label{"  Trong đó cán bộ, công chức, viên chức", "  Of whom public officials"}, false, func(c *Case) int64 { return int64(c.SanctionedOfficials) })
	add("dt_vu", g, Label{"Chuyển cơ quan điều tra: vụ", "Referred to investigators: cases"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return concluded(sc, c) && c.Referred })
	})
	sum("dt_nguoi", g, Label{"Chuyển cơ quan điều tra: người", "Referred to investigators: persons"}, false, func(c *Case) int64 { return int64(c.ReferredPersons) })
	sum("dt_cb", g, Label{"  Trong đó cán bộ, công chức, viên chức", "  Of whom public officials"}, false, func(c *Case) int64 { return int64(c.ReferredOfficials) })
	g = Label{"Chấp hành thời hạn", "Time limits"}
	add("dung_han", g, Label{"Đúng hạn", "On time"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return resolved(sc, c) && sc.onTime(c) })
	})
	add("qua_han", g, Label{"Quá hạn", "Late"}, false, false, func(sc *scope) []Ref {
		return cases(sc, func(c *Case) bool { return resolved(sc, c) && !sc.onTime(c) })
	})
	return f
}

// --- 02/KQGQ and 04/KQGQ: carrying out the conclusions ---

// formExec is the execution of the conclusions of kind (complaints:
// 02/KQGQ; denunciations: 04/KQGQ): the conclusions to carry out in the
// period (concluded by its end with something decided, not fully carried
// out before it began), how many were fully carried out by its end, and
// for each thing decided, what was to be done and what was done by then.
func formExec(id FormID, kind PetitionKind) *Form {
	f := &Form{ID: id}
	if kind == KindDenunciation {
		f.Title = Label{"Kết quả thực hiện kết luận nội dung tố cáo", "Denunciation conclusions carried out"}
	} else {
		f.Title = Label{"Kết quả thực hiện quyết định giải quyết khiếu nại", "Complaint decisions carried out"}
	}
	add := func(key string, g, l Label, sum, money bool, fn func(sc *scope) []Ref) {
		f.Rows = append(f.Rows, FormRow{Key: key, Group: g, Label: l, Sum: sum, Money: money, Record: EntCase, fn: fn})
	}
	refs := func(sc *scope, n func(c *Case) int64) []Ref {
		out := sc.d.take()
		for _, c := range sc.exec {
			if c.Kind != kind {
				continue
			}
			v := int64(1)
			if n != nil {
				if v = n(c); v == 0 {
					continue
				}
			}
			out = append(out, Ref{ID: c.ID, Site: c.Site, N: v})
		}
		return sc.d.keep(out)
	}
	// done sums what was carried out of c by the period's end.
	done := func(sc *scope, part func(x *Execution) int64) func(c *Case) int64 {
		return func(c *Case) int64 {
			var n int64
			for i := range c.Executions {
				if x := &c.Executions[i]; sc.upTo(x.On) {
					n += part(&x.Execution)
				}
			}
			return n
		}
	}
	g := Label{"Quyết định, kết luận", "Decisions, conclusions"}
	add("phai", g, Label{"Phải thực hiện trong kỳ", "To carry out in the period"}, false, false, func(sc *scope) []Ref { return refs(sc, nil) })
	add("xong", g, Label{"Đã thực hiện xong", "Fully carried out"}, false, false, func(sc *scope) []Ref {
		return refs(sc, func(c *Case) int64 {
			if d := c.ExecutedOn(); !d.IsZero() && sc.upTo(d) {
				return 1
			}
			return 0
		})
	})
	type part struct {
		key    string
		l      Label
		money  bool
		must   func(c *Case) int64
		doneOf func(x *Execution) int64
	}
	g = Label{"Thu hồi cho Nhà nước", "Recovered for the State"}
	for _, p := range []part{
		{key: "thu_tien", l: Label{"tiền (đồng)", "money (đồng)"}, money: true, must: func(c *Case) int64 { return c.StateMoney }, doneOf: func(x *Execution) int64 { return x.Collected }},
		{key: "thu_dat", l: Label{"đất (m²)", "land (m²)"}, must: func(c *Case) int64 { return c.StateLand }, doneOf: func(x *Execution) int64 { return x.CollectedLand }},
	} {
		p := p
		add(p.key+"_phai", g, Label{"Phải thu: " + p.l.VI, "To recover: " + p.l.EN}, true, p.money, func(sc *scope) []Ref { return refs(sc, p.must) })
		add(p.key+"_da", g, Label{"Đã thu: " + p.l.VI, "Recovered: " + p.l.EN}, true, p.money, func(sc *scope) []Ref { return refs(sc, done(sc, p.doneOf)) })
	}
	g = Label{"Trả lại cho tổ chức, cá nhân", "Returned to organisations and persons"}
	for _, p := range []part{
		{key: "tra_tien", l: Label{"tiền (đồng)", "money (đồng)"}, money: true, must: func(c *Case) int64 { return c.Recovered }, doneOf: func(x *Execution) int64 { return x.Paid }},
		{key: "tra_dat", l: Label{"đất (m²)", "land (m²)"}, must: func(c *Case) int64 { return c.ReturnedLand }, doneOf: func(x *Execution) int64 { return x.PaidLand }},
	} {
		p := p
		add(p.key+"_phai", g, Label{"Phải trả: " + p.l.VI, "To return: " + p.l.EN}, true, p.money, func(sc *scope) []Ref { return refs(sc, p.must) })
		add(p.key+"_da", g, Label{"Đã trả: " + p.l.VI, "Returned: " + p.l.EN}, true, p.money, func(sc *scope) []Ref { return refs(sc, done(sc, p.doneOf)) })
	}
	g = Label{"Xử lý hành chính", "Administrative sanctions"}
	add("hc_phai", g, Label{"Phải xử lý: người", "To sanction: persons"}, true, false, func(sc *scope) []Ref {
		return refs(sc, func(c *Case) int64 { return int64(c.Sanctioned) })
	})
	add("hc_da", g, Label{"Đã xử lý: người", "Sanctioned: persons"}, true, false, func(sc *scope) []Ref {
		return refs(sc, done(sc, func(x *Execution) int64 { return int64(x.SanctionedDone) }))
	})
	g = Label{"Chuyển cơ quan điều tra", "Referred to investigators"}
	add("dt_vu", g, Label{"Đã chuyển: vụ", "Referred: cases"}, false, false, func(sc *scope) []Ref {
		return refs(sc, func(c *Case) int64 {
			if c.Referred {
				return 1
			}
			return 0
		})
	})
	add("kt_vu", g, Label{"Đã khởi tố: vụ", "Prosecuted: cases"}, false, false, func(sc *scope) []Ref {
		return refs(sc, func(c *Case) int64 {
			if done(sc, func(x *Execution) int64 {
				if x.Prosecuted {
					return 1
				}
				return 0
			})(c) > 0 {
				return 1
			}
			return 0
		})
	})
	add("kt_nguoi", g, Label{"Đã khởi tố: người", "Prosecuted: persons"}, true, false, func(sc *scope) []Ref {
		return refs(sc, done(sc, func(x *Execution) int64 { return int64(x.ProsecutedPersons) }))
	})
	return f
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// --- the backlog review (rà soát vụ việc tồn đọng, docs/law.md, Backlog review) ---

func formReview() *Form {
	f := &Form{ID: FormReview, Title: Label{"Rà soát vụ việc tồn đọng", "Backlog review"}}
	add := func(key string, g, l Label, rec string, fn func(sc *scope) []Ref) {
		f.Rows = append(f.Rows, FormRow{Key: key, Group: g, Label: l, Record: rec, fn: fn})
	}
	g := Label{"Vụ việc", "Cases"}
	add("dau_ky", g, Label{"Tồn đầu kỳ", "Open at the start"}, EntCase, func(sc *scope) []Ref {
		return sc.caseRefs(func(c *Case) bool { return c.Opened.Before(sc.from) && !sc.closedBefore(c) && !c.Opened.IsZero() }, nil)
	})
	add("moi", g, Label{"Phát sinh trong kỳ", "Opened in the period"}, EntCase, func(sc *scope) []Ref {
		return sc.caseRefs(func(c *Case) bool { return sc.in(c.Opened) }, nil)
	})
	add("da_gq", g, Label{"Đã giải quyết trong kỳ", "Resolved in the period"}, EntCase, func(sc *scope) []Ref {
		return sc.caseRefs(func(c *Case) bool { return sc.resolvedIn(c) }, nil)
	})
	add("khac", g, Label{"Không thụ lý, đã chuyển trong kỳ", "Not accepted, transferred in the period"}, EntCase, func(sc *scope) []Ref {
		return sc.caseRefs(func(c *Case) bool {
			return (c.Status == StatusRejected || c.Status == StatusTransferred) && sc.in(c.Closed)
		}, nil)
	})
	add("dang_gq", g, Label{"Đang giải quyết cuối kỳ", "Being resolved at the end"}, EntCase, func(sc *scope) []Ref {
		return sc.caseRefs(sc.openAtEnd, nil)
	})
	add("qua_han", g, Label{"  Trong đó quá hạn", "  Of which overdue"}, EntCase, func(sc *scope) []Ref {
		return sc.caseRefs(func(c *Case) bool { return sc.openAtEnd(c) && sc.overdueAtEnd(c) }, nil)
	})
	g = Label{"Đã giải quyết nhưng tiếp khiếu, tiếp tố", "Resolved but complained about again"}
	add("tiep", g, Label{"Vụ việc quay lại trong kỳ", "Matters that came back"}, EntCase, func(sc *scope) []Ref {
		return sc.repeatRefs(nil)
	})
	add("tiep_kn", g, Label{"  Tiếp khiếu", "  Repeat complaints"}, EntCase, func(sc *scope) []Ref {
		return sc.repeatRefs(func(k PetitionKind) bool { return k == KindComplaint })
	})
	add("tiep_tc", g, Label{"  Tiếp tố", "  Repeat denunciations"}, EntCase, func(sc *scope) []Ref {
		return sc.repeatRefs(func(k PetitionKind) bool { return k == KindDenunciation })
	})
	return f
}

// repeatRefs lists the resolved cases (the prior case of a Repeat) whose
// matter came back in the period: a case opened in it as their
// continuation, or a later petition received in it; a reopened case
// counts on the day it last changed. Each prior case once.
func (sc *scope) repeatRefs(kind func(k PetitionKind) bool) []Ref {
	seen := map[*Case]bool{}
	var out []Ref
	for _, r := range sc.repeats() {
		if seen[r.prior] || (kind != nil && !kind(r.prior.Kind)) || !sc.in(r.when) {
			continue
		}
		seen[r.prior] = true
		out = append(out, one(r.prior.ID, r.prior.Site))
	}
	return out
}

// urgedBy reports whether the body petition p was forwarded to, or its
// case transferred to, was urged (đôn đốc) by the period's end.
func (sc *scope) urgedBy(p *Petition) bool {
	for _, u := range p.Urges {
		if sc.upTo(u.On) {
			return true
		}
	}
	if c := sc.caseOf(p); c != nil {
		for _, u := range c.Urges {
			if sc.upTo(u.On) {
				return true
			}
		}
	}
	return false
}
