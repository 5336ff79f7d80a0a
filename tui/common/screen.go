package common

import (
	"time"

	"donthu/model"
	"donthu/store"
	"donthu/tui/textfield"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Screen is one screen of the application. Each lives in its own package
// under tui/ and is driven only through these methods and messages.
type Screen interface {
	// Init is called when the screen becomes active; it may load data.
	Init() tea.Cmd
	Update(msg tea.Msg) (Screen, tea.Cmd)
	// View renders the screen's body: at most the size given to SetSize.
	View() string
	SetSize(width, height int)
	// ShortHelp and FullHelp list the screen's keys (bubbles/help.KeyMap).
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Dirty reports unsaved input, so quitting or leaving asks first.
	Dirty() bool
	// Capturing reports that a text field has the keyboard, so the root
	// must not take plain letters or digits as shortcuts.
	Capturing() bool
}

// KeyClaimer is a screen that, in some state, wants a key the root would
// otherwise take for itself (an F-key that switches screens). The root
// asks before acting on its own keys.
type KeyClaimer interface {
	ClaimsKey(msg tea.KeyMsg) bool
}

// Context is what every screen gets from the root: the data file, the
// signed-in user, the language, the words, the styles and the clock.
type Context struct {
	Store  *store.Store
	User   model.User
	Lang   model.Lang
	Words  *Words
	Styles *Styles
	Input  *InputSettings
	// Now is the wall clock; tests fix it.
	Now func() time.Time
	// Log keeps a message and its detail in the message log (the root
	// sets it); Say uses it for the errors a screen shows in place.
	Log func(text, detail string)
	// DraftDelay is how long typing pauses before a form's draft is
	// written; 0 writes at once (tests, so no timer runs).
	DraftDelay time.Duration
}

// DraftTick returns the command that, after the context's DraftDelay,
// delivers msg: the pause after which a draft is written. With no delay
// it delivers msg at once.
func (c *Context) DraftTick(msg tea.Msg) tea.Cmd {
	if c.DraftDelay <= 0 {
		return func() tea.Msg { return msg }
	}
	return tea.Tick(c.DraftDelay, func(time.Time) tea.Msg { return msg })
}

// Today returns today's date in Vietnam.
func (c *Context) Today() model.Date { return model.DateOf(c.Now()) }

// L picks a label in the context's language.
func (c *Context) L(l model.Label) string { return l.In(c.Lang) }

// Fail is the one way a screen shows an error: the person's sentence on
// the status line (a *model.Msg says its own; any other error one
// generic sentence in the person's language), the detail only in the
// message log (Alt+9).
func (c *Context) Fail(err error) tea.Cmd {
	m := Failed(c.Lang, err)
	return func() tea.Msg { return m }
}

// FailWith shows text (a screen's own sentence about err) the same way:
// err's own text only in the message log.
func (c *Context) FailWith(text string, err error) tea.Cmd {
	m := StatusMsg{Text: text, Err: true}
	if err != nil && model.MsgOf(err) == nil {
		m.Detail = err.Error()
	} else if me := model.MsgOf(err); me != nil && me.Err != nil {
		m.Detail = me.Err.Error()
	}
	return func() tea.Msg { return m }
}

// Failed is the status message for err (see Context.Fail), for a command
// that returns it as its result.
func Failed(lang model.Lang, err error) StatusMsg {
	text, detail := model.Say(err, lang)
	return StatusMsg{Text: text, Err: true, Detail: detail}
}

// Say is the sentence a person reads about err (see Context.Fail), for a
// screen that shows it in place (beside a field, in a list) rather than
// on the status line; its detail is not shown.
func (c *Context) Say(err error) string {
	text, detail := model.Say(err, c.Lang)
	if detail != "" && c.Log != nil {
		c.Log(text, detail)
	}
	return text
}

// InputSettings are the built-in Vietnamese typing settings, shared by
// every text field (Telex/VNI mode and tone style).
type InputSettings struct {
	Mode  textfield.Mode
	Style textfield.ToneStyle
}

// NewField makes a text field with the current typing settings.
func (c *Context) NewField(placeholder string, width int) textfield.Model {
	f := textfield.New()
	if c.Styles != nil {
		f.Styles = textfield.DefaultStyles(c.Styles.R)
	}
	f.Placeholder = placeholder
	f.Width = width
	if c.Input != nil {
		f.SetMode(c.Input.Mode)
		f.SetToneStyle(c.Input.Style)
	}
	return f
}

// InputModeMsg tells screens the typing mode changed: apply it to every
// text field (field.SetMode, field.SetToneStyle).
type InputModeMsg struct {
	Mode  textfield.Mode
	Style textfield.ToneStyle
}

// --- messages ---

// ScreenID names a screen for navigation.
type ScreenID int

// The screens, in tab order.
const (
	ScreenReception ScreenID = iota
	ScreenClassify
	ScreenQueue
	ScreenFollowup
	ScreenSync
	ScreenReports
	ScreenSettings
	NumScreens
)

// GotoMsg asks the root to make a screen active.
type GotoMsg struct{ Screen ScreenID }

// OpenCaseMsg asks the root to open a case in the follow-up screen.
type OpenCaseMsg struct{ ID string }

// OpenPetitionMsg asks the root to open a petition in classification.
type OpenPetitionMsg struct{ ID string }

// ChangedMsg tells every screen that data changed (a save, an import):
// screens reload what they show. The root also recounts overdue cases.
type ChangedMsg struct{ Entity string }

// StatusMsg puts a message on the status line.
type StatusMsg struct {
	Text string
	Err  bool
	// Detail is what the message log keeps beside Text (a Go error's
	// own text); it is never on the status line.
	Detail string
}

// DraftWritten is what writing a draft says: nothing when it was written,
// the error on the status line when not (a full disk). Every screen that
// keeps drafts reports through it.
func DraftWritten(lang model.Lang, err error) tea.Msg {
	if err == nil {
		return nil
	}
	return Failed(lang, err)
}

// Status returns a command that shows text on the status line.
func Status(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text} } }

// Error returns a command that shows an error on the status line.
func Error(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text, Err: true} } }

// Changed returns a command announcing a change.
func Changed(entity string) tea.Cmd { return func() tea.Msg { return ChangedMsg{Entity: entity} } }

// Prefetcher is a screen that reads what it shows ahead, in a command
// the root runs when the person signs in, so the screen's first showing
// only draws it.
type Prefetcher interface {
	Prefetch() tea.Cmd
}

// Busy is a screen that may be in the middle of work the person started
// and that runs on after a key (an import of a million events: ten
// seconds or more). Quitting then abandons it, so the root asks first,
// in the screen's words, as it asks for unsaved input.
type Busy interface {
	// BusyQuit returns the quit question while such work runs, or "".
	BusyQuit() string
}

// Drafter is a screen whose unsaved input is kept as the user's draft in
// the data file (not an event), so that a quit, a crash or a lock loses
// nothing. SaveDraft returns the command that writes it now (the root
// runs it before quitting); the screen also writes it as the person types.
type Drafter interface {
	SaveDraft() tea.Cmd
}
