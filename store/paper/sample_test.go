package paper

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"donthu/model"
	"donthu/store/export"
)

// Sample records with long Vietnamese names and every kind of letter.
var (
	tPrinted = time.Date(2026, 12, 2, 9, 30, 0, 0, model.VN)
	tUnit    = Unit{Upper: "Liên đoàn Lao động thành phố Hà Nội", Name: "Công đoàn xã Gia Lâm", Place: "Hà Nội"}
	tPerson  = model.Person{ID: "person:GL07.1", Name: "Nguyễn Thị Hường", IDKind: model.IDCCCD, IDNumber: "001185012345",
		Phone: "0912345678", Address: "Số 12 ngõ 34 đường Nguyễn Đức Thuận, xã Gia Lâm, Hà Nội", Employer: "Công ty TNHH May Đức Giang"}
	tVisit = model.Visit{ID: "visit:GL07.2", No: "GL07-2026-T0042", At: time.Date(2026, 11, 30, 8, 15, 0, 0, model.VN),
		Receiver: "letan", Reception: model.ReceptionRegular, Persons: []string{tPerson.ID}, HeadCount: 1,
		Content:   "Công ty nợ lương tháng 9 và tháng 10 năm 2026, chưa trả tiền làm thêm giờ; đề nghị công đoàn can thiệp.",
		Documents: []model.Document{{Name: "Hợp đồng lao động (bản sao)", Count: 1}, {Name: "Phiếu lương tháng 8/2026", Count: 2}},
		Outcome:   model.OutcomePetition, Petition: "petition:GL07.3"}
	tPetition = model.Petition{ID: "petition:GL07.3", No: "GL07-2026-0017", Source: model.SourceDesk, Received: model.Date{Y: 2026, M: 11, D: 30},
		Senders: []string{tPerson.ID}, SenderName: tPerson.Name, Employer: tPerson.Employer, Kind: model.KindDenunciation,
		Regime: model.RegimeAdmin, Field: model.FieldWages, Summary: "Tố cáo giám đốc Công ty TNHH May Đức Giang cố ý trốn đóng bảo hiểm xã hội.",
		Confidential: true, Classified: true, Decision: model.DecisionForward, ForwardTo: "Thanh tra Sở Nội vụ thành phố Hà Nội"}
)

func sampleInput(form string) Input {
	in := Input{Form: form, Date: model.Date{Y: 2026, M: 12, D: 2}, Unit: tUnit, By: "Trần Văn Bình",
		Visit: &tVisit, Persons: []model.Person{tPerson}, Petition: &tPetition, Receiver: "Lê Thị Ánh",
		AnswerDue: model.Date{Y: 2026, M: 12, D: 14}, AnswerBasis: "Luật Tiếp công dân 2013 Điều 28.1", Handler: "Phạm Quốc Việt"}
	c := model.Case{ID: "case:GL07.4", No: "GL07-2026-0017", PetitionNo: "GL07-2026-0017", Kind: model.KindComplaint,
		Regime: model.RegimeLabour, SenderName: tPerson.Name, Summary: "Khiếu nại việc bị trừ lương trái luật.",
		Received: model.Date{Y: 2026, M: 11, D: 30}, Accepted: model.Date{Y: 2026, M: 12, D: 2}, Status: model.StatusOpen, Senders: []string{tPerson.ID}}
	in.Case = &c
	in.Due = model.Deadline{Due: model.Date{Y: 2027, M: 1, D: 4}, Rule: model.Rule{Source: "NĐ 24/2018/NĐ-CP Điều 20"}}
	if form == FormRegister {
		in.From, in.To = model.Date{Y: 2026, M: 11, D: 1}, model.Date{Y: 2026, M: 11, D: 30}
		p := tPetition
		in.Rows = []export.RegisterRow{{Visit: tVisit, Persons: []model.Person{tPerson}, Petition: &p}}
		v2 := tVisit
		v2.No, v2.Petition, v2.Content = "GL07-2026-T0043", "", "Hỏi về chế độ thai sản, đã được hướng dẫn trực tiếp."
		in.Rows = append(in.Rows, export.RegisterRow{Visit: v2, Persons: []model.Person{{Name: "Đặng Văn Ước", Address: "Xã Bát Tràng"}}})
	}
	return in
}

func renderForm(t testing.TB, set *Set, in Input, code string) ([]byte, *Doc) {
	t.Helper()
	d, err := Fill(in)
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := set.Pick(in.Form, d.Date)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Render(&b, Meta{Code: code, At: tPrinted, By: in.By, Unit: in.Unit.Name, Title: tpl.Title}, Part{tpl, d}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), d
}

// TestWriteSamples writes every form to $PAPER_OUT, for a person to look at.
func TestWriteSamples(t *testing.T) {
	dir := os.Getenv("PAPER_OUT")
	if dir == "" {
		t.Skip("set PAPER_OUT to a folder to write sample PDFs")
	}
	set, err := LoadSet("")
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range FormIDs() {
		b, _ := renderForm(t, set, sampleInput(id), "GL07-1234-K7QX-M2PA")
		if err := os.WriteFile(filepath.Join(dir, id+".pdf"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
