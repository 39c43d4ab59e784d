//! What handlers return (safe, owned values) and how they become a `quire_result`.
//!
//! Quire reads a result after the handler has returned and until the plugin's next call, so
//! the result and everything it points to live in one static slot, replaced (and the previous
//! one freed) by each call: exactly the lifetime quire_plugin.h asks for.

use std::sync::Mutex;

use crate::abi::*;
use crate::document::Range;

/// The longest message Quire shows (quire_plugin.h, LIMITS); longer ones are cut at a
/// character boundary rather than failing the call.
pub const MAX_MESSAGE_BYTES: usize = 4096;

/// Replace `range` of the document (as it was passed in) with `text`; empty `text` deletes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: Range,
    pub text: String,
}

impl Edit {
    pub fn new(range: Range, text: impl Into<String>) -> Edit {
        Edit { range, text: text.into() }
    }
}

/// What a command or formatter does: nothing, edits (applied together as one undoable step;
/// they must not overlap), or a new text for the whole document; plus an optional message
/// shown as a notification.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub edits: Vec<Edit>,
    pub text: Option<String>,
    pub message: Option<String>,
}

impl Change {
    /// Leave the document as it is.
    pub fn none() -> Change {
        Change::default()
    }

    /// Replace the whole document with `text`. Prefer [`Change::edits`] for a part of it:
    /// undo, cursors and scrolling stay put.
    pub fn replace_document(text: impl Into<String>) -> Change {
        Change { text: Some(text.into()), ..Change::default() }
    }

    /// Apply `edits` together.
    pub fn edits(edits: Vec<Edit>) -> Change {
        Change { edits, ..Change::default() }
    }

    /// Replace `range` with `text`.
    pub fn edit(range: Range, text: impl Into<String>) -> Change {
        Change::edits(vec![Edit::new(range, text)])
    }

    /// Only a notification for the user.
    pub fn message(message: impl Into<String>) -> Change {
        Change::none().with_message(message)
    }

    /// The same change, with a notification for the user.
    pub fn with_message(self, message: impl Into<String>) -> Change {
        Change { message: Some(message.into()), ..self }
    }
}

/// How much a diagnostic matters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error = 1,
    Warning = 2,
    Info = 3,
    Hint = 4,
}

/// One problem a linter found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub range: Range,
    pub severity: Severity,
    /// What is wrong, for the user.
    pub message: String,
    /// A short stable code such as "field-count" (at most 64 bytes), or none.
    pub code: Option<String>,
}

impl Diagnostic {
    pub fn new(range: Range, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic { range, severity, message: message.into(), code: None }
    }

    pub fn error(range: Range, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(range, Severity::Error, message)
    }

    pub fn warning(range: Range, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(range, Severity::Warning, message)
    }

    pub fn info(range: Range, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(range, Severity::Info, message)
    }

    pub fn hint(range: Range, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(range, Severity::Hint, message)
    }

    /// The same diagnostic with a code.
    pub fn code(self, code: impl Into<String>) -> Diagnostic {
        Diagnostic { code: Some(code.into()), ..self }
    }
}

/// What one handler call produced, before it is laid out for C.
pub(crate) enum Outcome {
    Change(Change),
    Diagnostics(Vec<Diagnostic>),
    Error(String),
}

/// The last result and the memory its pointers lead to. Calls come from one thread; the lock
/// only makes the static sound.
struct Published {
    result: QuireResult,
    change: Change,
    diagnostics: Vec<Diagnostic>,
    error: String,
    edits: Vec<QuireEdit>,
    c_diagnostics: Vec<QuireDiagnostic>,
}

// The raw pointers in `result`, `edits` and `c_diagnostics` point into the owned values beside
// them, which move only when a later publish replaces them all.
unsafe impl Send for Published {}

static PUBLISHED: Mutex<Published> = Mutex::new(Published {
    result: empty_result(),
    change: Change { edits: Vec::new(), text: None, message: None },
    diagnostics: Vec::new(),
    error: String::new(),
    edits: Vec::new(),
    c_diagnostics: Vec::new(),
});

const fn empty_result() -> QuireResult {
    QuireResult {
        struct_size: std::mem::size_of::<QuireResult>() as u32,
        status: QUIRE_STATUS_OK,
        flags: 0,
        edit_count: 0,
        diagnostic_count: 0,
        reserved: 0,
        message: QuireStr::EMPTY,
        text: QuireStr::EMPTY,
        edits: std::ptr::null(),
        diagnostics: std::ptr::null(),
    }
}

/// `text` cut to at most `limit` bytes, at a character boundary.
fn clipped(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn count(len: usize) -> u32 {
    // Quire refuses more than 100 000 edits or diagnostics; saturating keeps that refusal
    // (too-large) rather than wrapping into a smaller, wrong count.
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Frees the previous result and publishes `outcome`; NULL for "OK, nothing to do".
pub(crate) fn publish(outcome: Outcome) -> *const QuireResult {
    // Nothing below panics while the lock is held, so a poisoned lock (from a panic elsewhere)
    // holds consistent data and is safe to reuse.
    let mut guard = PUBLISHED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let p = &mut *guard;
    p.result = empty_result();
    p.edits = Vec::new();
    p.c_diagnostics = Vec::new();
    p.change = Change::none();
    p.diagnostics = Vec::new();
    p.error = String::new();
    match outcome {
        Outcome::Change(change) => {
            if change == Change::none() {
                return std::ptr::null();
            }
            p.change = change;
            let change = &p.change;
            p.edits = change
                .edits
                .iter()
                .map(|edit| QuireEdit {
                    range: QuireRange { start: edit.range.start as u64, end: edit.range.end as u64 },
                    text: QuireStr::view(edit.text.as_bytes()),
                })
                .collect();
            if let Some(text) = &change.text {
                p.result.flags = QUIRE_RESULT_HAS_TEXT;
                p.result.text = QuireStr::view(text.as_bytes());
            }
            if let Some(message) = &change.message {
                p.result.message = QuireStr::view(clipped(message, MAX_MESSAGE_BYTES).as_bytes());
            }
            if !p.edits.is_empty() {
                p.result.edit_count = count(p.edits.len());
                p.result.edits = p.edits.as_ptr();
            }
        }
        Outcome::Diagnostics(diagnostics) => {
            if diagnostics.is_empty() {
                return std::ptr::null();
            }
            p.diagnostics = diagnostics;
            p.c_diagnostics = p
                .diagnostics
                .iter()
                .map(|d| QuireDiagnostic {
                    range: QuireRange { start: d.range.start as u64, end: d.range.end as u64 },
                    severity: d.severity as i32,
                    reserved: 0,
                    message: QuireStr::view(clipped(&d.message, MAX_MESSAGE_BYTES).as_bytes()),
                    code: d.code.as_deref().map_or(QuireStr::EMPTY, |code| QuireStr::view(code.as_bytes())),
                })
                .collect();
            p.result.diagnostic_count = count(p.c_diagnostics.len());
            p.result.diagnostics = p.c_diagnostics.as_ptr();
        }
        Outcome::Error(message) => {
            p.error = message;
            p.result.status = QUIRE_STATUS_ERROR;
            p.result.message = QuireStr::view(clipped(&p.error, MAX_MESSAGE_BYTES).as_bytes());
        }
    }
    &p.result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_at_a_character_boundary() {
        assert_eq!(clipped("héllo", 2), "h");
        assert_eq!(clipped("héllo", 3), "hé");
        assert_eq!(clipped("abc", 10), "abc");
    }

    #[test]
    fn change_builders_compose() {
        let change = Change::edit(Range::new(1, 2), "x").with_message("done");
        assert_eq!(change.edits, vec![Edit::new(Range::new(1, 2), "x")]);
        assert_eq!(change.message.as_deref(), Some("done"));
        assert_eq!(Change::replace_document("").text.as_deref(), Some(""));
    }

    #[test]
    fn diagnostics_carry_their_severity_and_code() {
        let d = Diagnostic::warning(Range::at(3), "look").code("look-here");
        assert_eq!((d.severity as i32, d.code.as_deref()), (2, Some("look-here")));
    }
}
