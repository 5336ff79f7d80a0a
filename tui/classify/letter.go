package classify

import "donthu/model"

// Letter names a form a classification decision needs (DOMAIN.md §8).
type Letter string

// The letters of the decisions.
const (
	LetterAccept     Letter = "tt05-2021-m01"     // Phiếu đề xuất thụ lý đơn
	LetterGuide      Letter = "tt07-2014-m03"     // Văn bản hướng dẫn
	LetterGuideSplit Letter = "tt07-2014-m07"     // Hướng dẫn tách nội dung đơn
	LetterForwardTC  Letter = "tt05-2021-m03"     // Phiếu chuyển đơn tố cáo (redacted)
	LetterForward    Letter = "tt07-2014-m06"     // Phiếu chuyển đơn khiếu nại, kiến nghị, phản ánh
	LetterReturn     Letter = "tt07-2014-m03-tra" // Văn bản trả lại đơn
	LetterNone       Letter = ""                  // lưu đơn: no letter
)

// LetterFor returns the letter a decision on a petition of kind k needs.
func LetterFor(d model.Decision, k model.PetitionKind) Letter {
	switch d {
	case model.DecisionAccept:
		return LetterAccept
	case model.DecisionGuide:
		if k == model.KindMixed {
			return LetterGuideSplit
		}
		return LetterGuide
	case model.DecisionForward:
		if k == model.KindDenunciation || k == model.KindAnonymous {
			return LetterForwardTC
		}
		return LetterForward
	case model.DecisionReturn:
		return LetterReturn
	}
	return LetterNone
}

// LetterPrinter prints the letter of a classification (tui/printing
// provides it; without one F9 says there is no template). cs is the case
// an accept decision opened, or nil. It returns where the letter went, for
// the status line.
type LetterPrinter interface {
	PrintLetter(l Letter, p model.Petition, cs *model.Case) (where string, err error)
}

// Options configure the screen beyond its context.
type Options struct {
	Letters LetterPrinter // nil = no templates yet
}
