//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/store/demo"
	"donthu/tui"
	"donthu/tui/tuitest"

	tea "github.com/charmbracelet/bubbletea"
)

// TestEndToEndVisitToCase builds donthu, sets up a site, and then, in an
// 80x24 pseudo-terminal, walks a visit to a closed case as the desk does:
// signs in, records the visit of a new person who brings a complaint,
// classifies it as an accepted labour complaint, finds it in the queue by
// typing the name without diacritics, accepts, assigns, extends and
// concludes it, and sees it leave the queue for the closed cases. What it asserts
// is what a person would read on the screen, then the data file.
func TestEndToEndVisitToCase(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the program")
	}
	bin := tuitest.Build(t, "donthu/cmd/donthu")
	db := filepath.Join(t.TempDir(), "gl07.db")
	const password = "matkhau123"
	// Numbers carry the year: GL07-2026-0001.
	year := strconv.Itoa(model.DateOf(time.Now()).Y)
	visitNo, petitionNo := "GL07-"+year+"-T0001", "GL07-"+year+"-0001"

	for _, args := range [][]string{
		{"init", "--site", "GL07", "--name", "Công đoàn cơ sở Công ty May", "--user", "lan"},
		{"user", "add", "binh", "--name", "Trần Văn Bình", "--roles", "handler", "--user", "lan"},
	} {
		c := exec.Command(bin, append([]string{"--db", db}, args...)...)
		c.Stdin = strings.NewReader(password + "\n" + password + "\n") // the signer's, then the new user's
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("donthu %s: %v\n%s", args[0], err, out)
		}
	}

	term := tuitest.StartWith(t, tuitest.TermOptions{Env: []string{"DONTHU_LANG=vi", "NO_COLOR="}}, bin, "--db", db)
	wait := 10 * time.Second

	// Sign in.
	term.WaitFor(wait, "Đăng nhập · Công đoàn cơ sở Công ty May", "Mật khẩu")
	term.Type(password).Press("enter")
	term.WaitFor(wait, "Lượt tiếp mới", "F2 Tiếp nhận")
	// F1 shows the screen's keys; Esc closes the help.
	term.Press("f1").Expect("Trợ giúp · Tiếp nhận", "Ctrl+S/F10 lưu", "Ctrl+N     người mới")
	term.Press("esc").Expect("Lượt tiếp mới")

	// A visitor nobody knows: typed without diacritics, nobody matches.
	term.Type("nguyen van an")
	term.Expect("Không có ai khớp «nguyen van an».", "+ Người mới: Nguyen Van An")
	// Enter takes the "new person" line; the name is written properly.
	term.Press("enter").Expect("Người mới (chưa có trong dữ liệu)")
	term.Press("ctrl+u").Type("Nguyễn Văn An").Press("tab").Type("1985").Press("tab").Type("001085012345").Press("tab")
	term.Expect("giới tính nam: lấy từ số căn cước", "●[C]Căn cước")
	term.Press("tab").Type("0912 345 678")
	term.Press("tab", "tab", "tab", "tab").Type("Công ty May Gia Lâm")
	// The visit: content, outcome "received a petition", documents.
	term.Press("tab", "tab").Type("Công ty nợ lương ba tháng, đề nghị công đoàn can thiệp")
	term.Press("tab").Type("2")
	term.Expect("●[2]Nhận đơn", "[x] vào sổ đơn, chuyển sang Phân loại đơn")
	term.Press("tab", "tab").Type("Đơn, bảng lương").Press("tab").Type("3")
	// The petition: a complaint.
	term.Press("tab", "tab").Type("K").Expect("●[K]Khiếu nại")
	term.Press("ctrl+s")
	term.Expect("Đã lưu lượt tiếp " + visitNo)
	term.WaitGone(wait, "Nguyễn Văn An") // the form is clear for the next visitor

	// The petition waits in classification.
	term.Press("f3")
	term.Expect("Đơn chờ phân loại · 1 đơn", petitionNo, "Nguyễn Văn An", "ngày làm việc")
	term.Press("enter")
	term.Expect("Phân loại đơn "+petitionNo, "●[K]Khiếu nại")
	// Wages: the regime proposed is the labour complaint, and it says why.
	term.Type("L").Expect("●[1]Khiếu nại lao động (NĐ 24/2018)", "Tự chọn: Khiếu nại của người lao động")
	for i := 0; i < 7; i++ {
		term.Press("tab")
	}
	term.Type("1").Expect("●[1]Đề xuất thụ lý", "Phiếu đề xuất thụ lý đơn")
	term.Press("ctrl+s")
	term.Expect("✓ Đã mở vụ việc "+petitionNo+" · hạn thụ lý", "Enter: mở vụ việc trong Theo dõi")

	// The queue and follow-up: find the case without diacritics, accept,
	// assign, extend, conclude; the queue no longer shows it, the closed
	// view does (e2e_queue_test.go).
	term.Press("esc")
	continueInQueue(t, term, petitionNo, "Nguyễn Văn An", "nguyen van an")

	term.Press("esc", "ctrl+q")
	if err := term.WaitExit(wait); err != nil {
		t.Fatalf("donthu exited with %v:\n%s", err, term.Screen())
	}

	// The data file holds the person, the visit, the petition and the case.
	out, err := exec.Command(bin, "--db", db, "dump", "state").Output()
	if err != nil {
		t.Fatalf("donthu dump state: %v", err)
	}
	var cs model.Case
	var person model.Person
	var visit model.Visit
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		var line struct {
			ID    string          `json:"id"`
			State json.RawMessage `json:"state"`
		}
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("dump line %q: %v", sc.Text(), err)
		}
		switch model.EntityKind(line.ID) {
		case model.EntCase:
			json.Unmarshal(line.State, &cs)
		case model.EntPerson:
			json.Unmarshal(line.State, &person)
		case model.EntVisit:
			json.Unmarshal(line.State, &visit)
		}
	}
	if cs.No != petitionNo || cs.Kind != model.KindComplaint || cs.Regime != model.RegimeLabour ||
		cs.Field != model.FieldWages || cs.Status != model.StatusConcluded || cs.Result != model.ResultRight || cs.SenderName != "Nguyễn Văn An" {
		t.Errorf("case: %+v", cs)
	}
	if person.Name != "Nguyễn Văn An" || person.IDNumber != "001085012345" || person.BirthYear != 1985 ||
		person.Sex != model.SexMale || person.Phone != "0912345678" || person.Employer != "Công ty May Gia Lâm" {
		t.Errorf("person: %+v", person)
	}
	if visit.No != visitNo || visit.Outcome != model.OutcomePetition || visit.Receiver != "lan" ||
		len(visit.Documents) != 1 || visit.Documents[0].Count != 3 {
		t.Errorf("visit: %+v", visit)
	}
}

// BenchmarkStartup measures start-up to the first screen on the demo
// office (a year of visits, petitions and cases): opening the data file,
// the root model (signed in), its Init with the commands it returns run,
// the window size, and the first View. Aim: under 200 ms.
func BenchmarkStartup(b *testing.B) {
	path := filepath.Join(b.TempDir(), "demo.db")
	s, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	sum, err := demo.Fill(s, demo.Options{})
	s.Close()
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("demo office: %d events, %d persons, %d visits, %d petitions, %d cases", sum.Events, sum.People, sum.Visits, sum.Petitions, sum.Cases)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := store.Open(path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		a := tui.New(s, tui.Options{Lang: model.VI, User: demo.Users[0].Login, Output: io.Discard})
		runCmd(a, a.Init(), 0)
		a.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		if v := a.View(); !strings.Contains(v, "Tiếp nhận") {
			b.Fatalf("first screen:\n%s", v)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

// runCmd executes a command and what follows from it, as the program would.
func runCmd(a tea.Model, cmd tea.Cmd, depth int) {
	for ; cmd != nil && depth < 5; depth++ {
		msg := cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			for _, c := range batch {
				runCmd(a, c, depth+1)
			}
			return
		}
		if _, ok := msg.(tea.QuitMsg); ok {
			return
		}
		_, cmd = a.Update(msg)
	}
}
