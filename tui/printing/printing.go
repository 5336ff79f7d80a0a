// Package printing prints forms for the screens: it asks the store for a
// signed printout, writes it whole into the print folder, and opens it in
// the system's viewer when the office asked for that (donthu print setup
// --open yes). Screens know it only through their own small interfaces
// (reception.ReceiptPrinter, classify.LetterPrinter, followup.NoticePrinter);
// the root wires it in tui/screens.go.
package printing

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"donthu/model"
	"donthu/store"
	"donthu/store/paper"
	"donthu/tui/classify"
	"donthu/tui/common"
)

// Printer prints as the signed-in user of a context.
type Printer struct {
	ctx *common.Context
	// Open opens a written file; nil = the system's viewer. Tests replace it.
	Open func(path string) error
}

// New makes the printer of a context.
func New(ctx *common.Context) *Printer { return &Printer{ctx: ctx} }

// PrintReceipt prints the receipt of a visit just saved (with the guidance
// sheets its content calls for), or the refusal notice of a refused visit.
func (p *Printer) PrintReceipt(v model.Visit, _ *model.Petition) (string, error) {
	form := paper.FormReceipt
	if v.Outcome == model.OutcomeRefused {
		form = paper.FormRefusal
	}
	return p.Print(store.PrintRequest{Form: form, Record: v.ID, Sheets: form == paper.FormReceipt})
}

// Sheets names the guidance sheets a visit's content calls for, which
// PrintReceipt adds after the receipt.
func (p *Printer) Sheets(v model.Visit) []string {
	if v.Outcome == model.OutcomeRefused {
		return nil
	}
	set, err := p.ctx.Store.Templates()
	if err != nil {
		return nil
	}
	var out []string
	for _, t := range set.Sheets(v.Content, model.DateOf(v.At)) {
		out = append(out, "«"+t.Title+"»")
	}
	return out
}

// letterForms maps the letters of classification to forms.
var letterForms = map[classify.Letter]string{
	classify.LetterAccept:     paper.FormProposal,
	classify.LetterGuide:      paper.FormGuide,
	classify.LetterGuideSplit: paper.FormGuideSplit,
	classify.LetterForwardTC:  paper.FormForwardTC,
	classify.LetterForward:    paper.FormForward,
	classify.LetterReturn:     paper.FormReturn,
}

// PrintLetter prints the letter a classification decision needs. A
// denunciation's forwarding slip is the redacted copy.
func (p *Printer) PrintLetter(l classify.Letter, pet model.Petition, _ *model.Case) (string, error) {
	form, ok := letterForms[l]
	if !ok {
		return "", model.NewMsg("", "Quyết định này không cần văn bản", "This decision needs no letter")
	}
	return p.Print(store.PrintRequest{Form: form, Record: pet.ID})
}

// PrintNotice prints the notice of a case's acceptance or non-acceptance.
func (p *Printer) PrintNotice(c model.Case) (string, error) {
	switch {
	case c.Status == model.StatusRejected:
		return p.Print(store.PrintRequest{Form: paper.FormNonAcceptance, Record: c.ID})
	case !c.Accepted.IsZero():
		return p.Print(store.PrintRequest{Form: paper.FormAcceptance, Record: c.ID})
	}
	return "", model.NewMsg("", "Vụ việc chưa thụ lý hay không thụ lý: chưa có thông báo để in", "The case is neither accepted nor rejected: no notice to print")
}

// Print prints one form into the print folder and returns what it wrote,
// for the status line.
func (p *Printer) Print(req store.PrintRequest) (string, error) {
	s := p.ctx.Store
	out, err := s.Print(p.ctx.User.Login, req)
	if err != nil {
		return "", err
	}
	dir := s.PrintDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fileErr(dir, err)
	}
	path := filepath.Join(dir, store.PrintFileName(out.Printout))
	if err := WriteFile(path, out.PDF); err != nil {
		return "", err
	}
	// The file's name first (the folder is the one the office chose),
	// then the code: the status line is one line of 80 cells.
	where := filepath.Base(path) + " · " + out.Code
	if len(out.Sheets) > 0 {
		where += " · " + model.Label{VI: "kèm ", EN: "with "}.In(p.ctx.Lang) + strings.Join(out.Sheets, "; ")
	}
	if s.PrintOpens() {
		open := p.Open
		if open == nil {
			open = OpenFile
		}
		if err := open(path); err != nil {
			where += " (" + model.Label{VI: "không mở được", EN: "could not open"}.In(p.ctx.Lang) + ")"
		}
	}
	return where, nil
}

func fileErr(path string, err error) error {
	return model.ErrCannotWrite(path, err).And(model.Label{
		VI: "Giấy đã được ghi nhận là đã in; hãy in lại.",
		EN: "The printout is recorded; print again."})
}

// WriteFile writes a printout whole or not at all: through a temporary
// file in the same folder, synced, then renamed into place.
func WriteFile(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".donthu-print-*.part")
	if err != nil {
		return fileErr(path, err)
	}
	tmp := f.Name()
	_, err = f.Write(b)
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
		return fileErr(path, err)
	}
	return nil
}

// OpenFile opens a file in the system's viewer, without waiting for it.
func OpenFile(path string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", path)
	case "darwin":
		cmd = exec.Command("open", path)
	default:
		cmd = exec.Command("xdg-open", path)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("printing: open %s: %w", path, err)
	}
	go cmd.Wait()
	return nil
}
