package plugin

// Edit replaces Range of the document (as it was passed in) with Text; an empty Text deletes.
type Edit struct {
	Range Range
	Text  string
}

// Change is what a command or a formatter does: nothing (the zero Change), Edits (applied
// together as one undoable step; they must not overlap), or, with ReplacesDocument, Text as
// the whole document's new text; plus an optional Message shown as a notification.
type Change struct {
	Edits            []Edit
	ReplacesDocument bool
	Text             string
	Message          string
}

// NoChange leaves the document as it is.
func NoChange() Change { return Change{} }

// ReplaceDocument replaces the whole document with text. Prefer ReplaceRange or Edits for a
// part of it: undo, cursors and scrolling stay put.
func ReplaceDocument(text string) Change { return Change{ReplacesDocument: true, Text: text} }

// ReplaceRange replaces r with text.
func ReplaceRange(r Range, text string) Change { return Change{Edits: []Edit{{Range: r, Text: text}}} }

// Notify changes nothing and shows message to the user.
func Notify(message string) Change { return Change{Message: message} }

// WithMessage is c with a notification for the user.
func (c Change) WithMessage(message string) Change {
	c.Message = message
	return c
}

func (c Change) isEmpty() bool {
	return len(c.Edits) == 0 && !c.ReplacesDocument && c.Message == ""
}

// Severity is how much a diagnostic matters (quire_plugin.h, QUIRE_SEVERITY_*).
type Severity int32

const (
	// Error is also what a zero Severity means.
	Error   Severity = 1
	Warning Severity = 2
	Info    Severity = 3
	Hint    Severity = 4
)

// Diagnostic is one problem a linter found.
type Diagnostic struct {
	Range    Range
	Severity Severity
	// Message says what is wrong, for the user.
	Message string
	// Code is an optional short, stable code such as "json-syntax" (at most 64 bytes).
	Code string
}
