package register

import (
	"fmt"
	"time"

	"donthu/model"
	"donthu/store"
)

// Applied says what Apply wrote.
type Applied struct {
	Rows, Persons, Visits, Petitions, Cases, Events int
	Completed                                       int // matched persons given a field they lacked
}

// ApplyOptions tune Apply.
type ApplyOptions struct {
	// SkipErrors imports the good rows of a plan that has rows in error
	// (they are left out, as the dry run listed them); without it such a
	// plan is refused.
	SkipErrors bool
	// Progress, if not nil, is called as rows are written.
	Progress func(done, total int)
}

// Apply imports every new row of the plan in ONE transaction, as the
// events a desk would have written on each row's day: the person (when
// new), the visit, the petition, its classification and the case actions,
// each with its original date. If any row fails, nothing is written. A
// plan that still has rows in error is refused unless opt.SkipErrors.
func Apply(s *store.Store, p *Plan, author string, opt ApplyOptions) (Applied, error) {
	var res Applied
	progress := opt.Progress
	c := p.Counts()
	if c.Errors > 0 && !opt.SkipErrors {
		return res, model.NewMsg("", fmt.Sprintf("Còn %d dòng lỗi: sửa tệp hoặc cách đọc cột, hoặc chọn bỏ qua các dòng lỗi; chưa nhập gì", c.Errors),
			fmt.Sprintf("%d rows are in error: fix the file or the column mapping, or choose to skip those rows; nothing was imported", c.Errors))
	}
	if c.New == 0 {
		return res, nil
	}
	err := s.BulkLoad(func(b *store.Bulk) error {
		res = Applied{}
		persons := map[int]string{} // line that records a new person -> its id
		done := 0
		for i := range p.Rows {
			r := &p.Rows[i]
			if r.Status != RowNew {
				continue
			}
			if err := applyRow(b, author, r, persons, &res); err != nil {
				return fmt.Errorf("%w", rowErr(r.Line, err))
			}
			res.Rows++
			done++
			if progress != nil && (done%500 == 0 || done == c.New) {
				progress(done, c.New)
			}
		}
		res.Events = b.Events()
		return nil
	})
	if err != nil {
		return Applied{}, err
	}
	return res, nil
}

func rowErr(line int, err error) error {
	return model.NewMsg("", fmt.Sprintf("Dòng %d: %s. Chưa nhập gì.", line, store.Message(err, model.VI)),
		fmt.Sprintf("Row %d: %s. Nothing was imported.", line, store.Message(err, model.EN)))
}

// at is the wall time an imported row's events carry: 08:00 on its day.
func at(d model.Date) time.Time { return time.Date(d.Y, d.M, d.D, 8, 0, 0, 0, model.VN) }

func applyRow(b *store.Bulk, author string, r *Row, persons map[int]string, res *Applied) error {
	b.SetNow(at(r.Date))
	pid := r.Match.ID
	if r.Match.New {
		if id, ok := persons[r.Match.Line]; ok {
			pid = id
		} else {
			per, err := b.RecordPerson(author, r.Person)
			if err != nil {
				return err
			}
			pid = per.ID
			persons[r.Line] = pid
			res.Persons++
		}
	}
	if len(r.Fill) > 0 {
		if err := b.CompletePerson(author, pid, r.Person, r.Fill); err != nil {
			return err
		}
		res.Completed++
	}
	var pet *model.Petition
	if r.Petition {
		pet = &model.Petition{
			Received: r.Date, LetterDate: r.Letter, Senders: []string{pid}, Kind: r.Kind,
			Employer: r.Person.Employer, Summary: r.Content, Import: r.Key,
		}
		if r.Heads > 1 {
			pet.Signatories = r.Heads
		}
	}
	var petID string
	if r.Visit {
		v := model.Visit{
			At: at(r.Date), Receiver: author, Reception: r.Reception, Persons: []string{pid},
			Employer: r.Person.Employer, Content: r.Content, Note: r.Note, Import: r.Key, Outcome: r.Outcome,
		}
		if r.Heads > 1 {
			v.HeadCount = r.Heads
			v.Group = r.Heads >= 5
		}
		in := store.VisitInput{Visit: v}
		if pet != nil {
			pet.Source = model.SourceDesk
			in.Petition = pet
		}
		_, rp, err := b.RecordVisit(author, in)
		if err != nil {
			return err
		}
		res.Visits++
		if rp != nil {
			petID = rp.ID
		}
	} else if pet != nil {
		pet.Source = model.SourcePost
		rp, err := b.RegisterPetition(author, *pet)
		if err != nil {
			return err
		}
		petID = rp.ID
	}
	if petID == "" {
		return nil
	}
	res.Petitions++
	cl := model.Classification{On: r.Date, Kind: r.Kind, Decision: r.Decision, ForwardTo: r.Forward,
		Conditions: r.Decision == model.DecisionAccept, Competent: r.Decision == model.DecisionAccept}
	if r.Decision == model.DecisionAccept {
		cl.Regime, cl.Field = model.RegimeFor(r.Kind), model.GuessField(r.Content)
		if r.Kind == model.KindComplaint {
			cl.Round = 1
		}
	}
	cs, err := b.Classify(author, petID, cl)
	if err != nil {
		return err
	}
	if cs == nil {
		return nil
	}
	res.Cases++
	if _, err := b.CaseAction(author, cs.ID, model.EvCaseAccepted, model.CaseAction{On: r.Date, Handler: author}); err != nil {
		return err
	}
	if r.Case == model.StatusConcluded {
		b.SetNow(at(r.Closed))
		res := r.Result
		if res == "" {
			res = model.ResultSettled
		}
		if _, err := b.CaseAction(author, cs.ID, model.EvCaseConcluded, model.CaseAction{On: r.Closed, Result: res, Reason: "Nhập từ sổ cũ"}); err != nil {
			return err
		}
	}
	return nil
}
