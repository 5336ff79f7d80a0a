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
}

// Today returns today's date in Vietnam.
func (c *Context) Today() model.Date { return model.DateOf(c.Now()) }

// L picks a label in the context's language.
func (c *Context) L(l model.Label) string { return l.In(c.Lang) }

// Err renders an error for a person, in the context's language.
func (c *Context) Err(err error) string { return store.Message(err, c.Lang) }

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
}

// Status returns a command that shows text on the status line.
func Status(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text} } }

// Error returns a command that shows an error on the status line.
func Error(text string) tea.Cmd { return func() tea.Msg { return StatusMsg{Text: text, Err: true} } }

// Changed returns a command announcing a change.
func Changed(entity string) tea.Cmd { return func() tea.Msg { return ChangedMsg{Entity: entity} } }
