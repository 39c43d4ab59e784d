//! The document a handler works on, as safe Rust: borrowed text, owned selections.

/// A range of the document as byte offsets into its text: `[start, end)`, on UTF-8 character
/// boundaries. An empty range is a position (a cursor, or where a diagnostic points).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Range {
    pub start: usize,
    pub end: usize,
}

impl Range {
    pub const fn new(start: usize, end: usize) -> Range {
        Range { start, end }
    }

    /// The empty range at `offset`.
    pub const fn at(offset: usize) -> Range {
        Range { start: offset, end: offset }
    }

    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }
}

/// A selection; `active` is where the cursor is (its range's start or end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub range: Range,
    pub active: usize,
}

impl Selection {
    /// A cursor at `offset`.
    pub const fn cursor(offset: usize) -> Selection {
        Selection { range: Range::at(offset), active: offset }
    }
}

/// The document Quire passed to a handler: valid for the call. Its text and ids borrow Quire's
/// memory, so a handler copies what it wants to keep.
#[derive(Clone, Debug)]
pub struct Document<'a> {
    text: &'a str,
    language_id: &'a str,
    path: Option<&'a str>,
    selections: Vec<Selection>,
}

impl<'a> Document<'a> {
    /// A document with a cursor at offset 0, as a linter or a formatter run on save gets it.
    /// Quire builds the real ones; this is for a plugin's own tests.
    pub fn new(text: &'a str, language_id: &'a str) -> Document<'a> {
        Document { text, language_id, path: None, selections: vec![Selection::cursor(0)] }
    }

    /// The same document saved at `path`.
    pub fn with_path(self, path: &'a str) -> Document<'a> {
        Document { path: Some(path), ..self }
    }

    /// The same document with these selections, primary first. An empty list means a cursor at 0:
    /// a document always has a primary selection.
    pub fn with_selections(self, selections: Vec<Selection>) -> Document<'a> {
        let selections = if selections.is_empty() { vec![Selection::cursor(0)] } else { selections };
        Document { selections, ..self }
    }

    /// The whole text; line breaks are as in the editor ("\n" or "\r\n").
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The editor's language id, e.g. "csv" or "plaintext".
    pub fn language_id(&self) -> &'a str {
        self.language_id
    }

    /// The file's absolute path; `None` for a document that was never saved.
    pub fn path(&self) -> Option<&'a str> {
        self.path
    }

    /// Every selection, primary first; never empty.
    pub fn selections(&self) -> &[Selection] {
        &self.selections
    }

    /// The primary selection.
    pub fn primary(&self) -> Selection {
        self.selections[0]
    }

    /// The text of `range`, or `None` when it is not a range of this text on character
    /// boundaries.
    pub fn slice(&self, range: Range) -> Option<&'a str> {
        self.text.get(range.start..range.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_document_has_a_cursor_at_the_start() {
        let doc = Document::new("abc", "plaintext");
        assert_eq!(doc.selections(), &[Selection::cursor(0)]);
        assert_eq!(doc.path(), None);
        assert_eq!(doc.with_selections(Vec::new()).primary(), Selection::cursor(0));
    }

    #[test]
    fn slice_refuses_ranges_outside_the_text_or_inside_a_character() {
        let doc = Document::new("héllo", "plaintext");
        assert_eq!(doc.slice(Range::new(0, 3)), Some("hé"));
        assert_eq!(doc.slice(Range::new(0, 2)), None);
        assert_eq!(doc.slice(Range::new(4, 99)), None);
    }
}
