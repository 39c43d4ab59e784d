package plugin

// Range is part of a document as byte offsets into its text: [Start, End), on UTF-8
// character boundaries. An empty range is a position.
type Range struct {
	Start, End int
}

// Empty reports whether the range holds no text (a cursor, or a position).
func (r Range) Empty() bool { return r.Start >= r.End }

// Selection is a selection in the editor; Active is where the cursor is (Range's start or end).
type Selection struct {
	Range  Range
	Active int
}

// Document is what a handler works on: a copy of Quire's, the handler's to keep.
type Document struct {
	// Text is the whole document; line breaks are as in the editor ("\n" or "\r\n").
	Text string
	// LanguageID is the editor's language id, e.g. "json" or "plaintext".
	LanguageID string
	// Path is the file's absolute path; "" for a document that was never saved.
	Path string
	// Selections lists the selections, primary first. Quire always sends at least one (a
	// linter, or a formatter run on save, gets a cursor at 0).
	Selections []Selection
}

// Primary is the primary selection; a cursor at 0 when there is none.
func (d *Document) Primary() Selection {
	if len(d.Selections) == 0 {
		return Selection{}
	}
	return d.Selections[0]
}

// Slice is the text of r, or false when r is not a range of the text.
func (d *Document) Slice(r Range) (string, bool) {
	if r.Start < 0 || r.Start > r.End || r.End > len(d.Text) {
		return "", false
	}
	return d.Text[r.Start:r.End], true
}
