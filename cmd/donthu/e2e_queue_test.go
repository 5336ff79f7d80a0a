//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/tui/tuitest"
)

// TestEndToEndQueueToClosedCase continues where a visit ends: a labour
// complaint has been accepted for handling (the case awaits thụ lý). In
// an 80x24 pseudo-terminal a handler finds it in the queue by typing part
// of the sender's name without diacritics, opens it, accepts it, assigns
// it to a colleague, extends it (a complaint: the longer limit of a
// complex case), concludes it; the queue no longer shows it, and the
// closed cases do.
func TestEndToEndQueueToClosedCase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	db := filepath.Join(t.TempDir(), "gl07.db")
	const password = "matkhau123"
	year := strconv.Itoa(model.DateOf(time.Now()).Y)
	caseNo := "GL07-" + year + "-0001"

	run := func(stdin string, args ...string) {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Stdin = strings.NewReader(stdin)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("donthu %s: %v\n%s", strings.Join(args, " "), err, out)
		}
	}
	run(password+"\n", "init", "--site", "GL07", "--name", "Công đoàn cơ sở Công ty May", "--user", "lan", "--fullname", "Nguyễn Thị Lan")
	run(password+"\n"+password+"\n", "user", "add", "binh", "--name", "Trần Văn Bình", "--roles", "handler", "--user", "lan")

	// The visit and the classification, as the reception and classification
	// screens record them (TestEndToEndVisitToCase walks those screens).
	s, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, p, err := s.RecordVisit("lan", store.VisitInput{
		Visit:      model.Visit{Content: "Công ty nợ lương ba tháng", Outcome: model.OutcomePetition, Employer: "Công ty May Gia Lâm"},
		NewPersons: []model.Person{{Name: "Nguyễn Văn An", Employer: "Công ty May Gia Lâm", Phone: "0912345678"}},
		Petition:   &model.Petition{Kind: model.KindComplaint},
	})
	if err == nil {
		_, err = s.Classify("lan", p.ID, model.Classification{Kind: model.KindComplaint, Regime: model.RegimeLabour, Field: model.FieldWages,
			Conditions: true, Competent: true, Decision: model.DecisionAccept, Round: 1})
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}

	term := tuitest.StartWith(t, tuitest.TermOptions{Env: []string{"DONTHU_LANG=vi", "NO_COLOR=1"}}, bin, "--db", db)
	term.WaitFor(10*time.Second, "Đăng nhập", "Mật khẩu")
	term.Type(password).Press("enter")
	term.WaitFor(10*time.Second, "F4 Vụ việc")

	continueInQueue(t, term, caseNo, "Nguyễn Văn An", "van an")

	term.Press("ctrl+q")
	if err := term.WaitExit(10 * time.Second); err != nil {
		t.Fatalf("donthu exited with %v:\n%s", err, term.Screen())
	}

	// The data file agrees with what the screens said.
	out, err := exec.Command(bin, "--db", db, "dump", "state").Output()
	if err != nil {
		t.Fatalf("donthu dump state: %v", err)
	}
	var cs model.Case
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line struct {
			ID    string          `json:"id"`
			State json.RawMessage `json:"state"`
		}
		if json.Unmarshal(sc.Bytes(), &line) == nil && model.EntityKind(line.ID) == model.EntCase {
			json.Unmarshal(line.State, &cs)
		}
	}
	today := model.DateOf(time.Now())
	if cs.No != caseNo || cs.Status != model.StatusConcluded || cs.Result != model.ResultRight ||
		cs.Handler != "binh" || !cs.Complex || cs.DecisionNo != "15/QĐ-CĐ" || cs.Accepted != today {
		t.Errorf("case: %+v", cs)
	}
}

// continueInQueue is the queue and follow-up part of a walk from a visit
// to a closed case, for a signed-in handler (with "Trần Văn Bình" among
// the site's handlers): caseNo is the case awaiting acceptance, name its
// sender and typed what to type in the search box (part of the name,
// without diacritics). A walk through the reception and classification
// screens can call it once the case is open.
func continueInQueue(t *testing.T, term *tuitest.Term, caseNo, name, typed string) {
	t.Helper()
	short := caseNo[strings.IndexByte(caseNo, '-')+1:] // the list leaves the site out

	// F4: the queue, searched as you type, without diacritics.
	term.Press("f4").Expect("Vụ việc đang giải quyết", "Tìm:")
	term.Type(typed)
	term.Expect("Tìm: "+typed, short, name, "Khiếu nại")
	term.Press("enter")

	// The case, in follow-up: awaiting acceptance, its deadline in words.
	term.Expect(caseNo+" [Chờ thụ lý]", "Người khiếu nại: "+name, "Hạn thụ lý:", "ngày làm việc", "Mở vụ việc (đề xuất thụ lý đơn)")

	// t: accept (today's date filled in, the handler is the user).
	term.Press("f1").Expect("Trợ giúp · Theo dõi", "t Thụ lý", "k ✗ Kết luận ⚠ (Vụ việc chưa được thụ lý)")
	term.Press("esc").Expect(caseNo + " [Chờ thụ lý]")
	term.Type("t").Expect("Thụ lý · "+caseNo, "Ngày thụ lý")
	term.Press("ctrl+s")
	term.Expect(caseNo+" [Đang giải quyết]", "Hạn giải quyết:", "Đã lưu: Thụ lý · "+caseNo)

	// p: assign to a colleague, picked from the list.
	term.Type("p").Expect("Phân công · "+caseNo, "Trần Văn Bình")
	term.Press("down", "enter")
	term.Expect("Cán bộ xử lý: Trần Văn Bình", "Phân công cán bộ xử lý: Trần Văn Bình")

	// g: extend. A complaint has no extension, only the longer limit of a
	// complex case, and the form says so.
	term.Type("g").Expect("Gia hạn · "+caseNo, "Luật Khiếu nại không có gia hạn", "Hạn mới:")
	term.Type("Phải xác minh tại ba phân xưởng").Press("ctrl+s")
	term.Expect("(phức tạp)", "Xác định vụ việc phức tạp: thêm 15 ngày")

	// k: conclude, upheld, with the decision's number; it asks first.
	term.Type("k").Expect("Kết luận · "+caseNo, "1 Đúng")
	term.Type("1").Press("tab").Type("15/QĐ-CĐ").Press("ctrl+s")
	term.Expect("Kết luận vụ việc "+caseNo+": Đúng?", "C: Kết luận")
	// Enter, pressed in habit, concludes nothing; C does.
	term.Press("enter").Expect("Enter không xác nhận việc này")
	term.Type("c")
	term.Expect(caseNo+" [Đã giải quyết]", "Kết luận: Đúng (số 15/QĐ-CĐ")

	// Esc: back to the queue, where the case is no longer listed ...
	term.Press("esc").Expect("Vụ việc đang giải quyết", "Tìm: "+typed)
	lines := term.Lines()
	if list := strings.Join(lines[:len(lines)-2], "\n"); strings.Contains(list, name) || strings.Contains(list, short) {
		t.Fatalf("the concluded case is still in the queue:\n%s", term.Screen())
	}
	// ... and Ctrl+T: the closed cases, where it is.
	term.Press("ctrl+t").Expect("Vụ việc đã kết thúc", short, name, "Đúng", "đúng hạn")
}
