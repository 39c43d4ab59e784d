//! The C side of every call Quire makes: `extern "C"` functions that read Quire's arguments,
//! run the plugin's safe Rust handler and publish its result.
//!
//! A panic must never unwind into Quire's C caller (Rust would abort the process), so each
//! one is caught here and becomes an error result (or a failed init) carrying its message.
//! The default panic hook has already written the panic and its location to stderr, which
//! Quire shows in the plugin's log.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::abi::*;
use crate::declare::{ChangeHandler, LintHandler, Plugin};
use crate::document::{Document, Range, Selection};
use crate::host::{self, CallScope, Level};
use crate::result::{publish, Outcome};

/// Gives the trampolines (generic over it) the plugin's declaration. `export_plugin!`
/// implements it for a type of its own.
pub trait Declared {
    const PLUGIN: Plugin;
}

/// The bytes of a quire_str as &str; `None` when they are not UTF-8 or the pointer is NULL
/// with a length.
///
/// # Safety
/// `s` must point to `len` readable bytes that outlive `'a`.
unsafe fn as_str<'a>(s: QuireStr) -> Option<&'a str> {
    if s.len == 0 {
        return Some("");
    }
    if s.ptr.is_null() {
        return None;
    }
    std::str::from_utf8(std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len)).ok()
}

/// Quire's document as a [`Document`], or why it cannot be one.
///
/// # Safety
/// `doc` must be NULL or point to a quire_document valid for `'a`, as Quire passes it.
unsafe fn read_document<'a>(doc: *const QuireDocument) -> Result<Document<'a>, &'static str> {
    let doc = doc.as_ref().ok_or("no document")?;
    let text = as_str(doc.text).ok_or("text that is not valid UTF-8")?;
    let language_id = as_str(doc.language_id).ok_or("a language id that is not valid UTF-8")?;
    let path = as_str(doc.path).ok_or("a path that is not valid UTF-8")?;
    let selections = if doc.selection_count == 0 || doc.selections.is_null() {
        Vec::new()
    } else {
        std::slice::from_raw_parts(doc.selections, doc.selection_count as usize)
            .iter()
            .map(|s| Selection {
                range: Range::new(s.range.start as usize, s.range.end as usize),
                active: s.active as usize,
            })
            .collect()
    };
    let document = Document::new(text, language_id).with_selections(selections);
    Ok(if path.is_empty() { document } else { document.with_path(path) })
}

pub(crate) fn panic_message(panic: &(dyn Any + Send)) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}

/// Runs `handler` on Quire's document and publishes what it returned, or the panic it raised.
fn call<P: Declared>(doc: *const QuireDocument, handler: impl FnOnce(&Document) -> Outcome) -> *const QuireResult {
    let _scope = CallScope::enter();
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: Quire passes a document that is valid until this call returns, and nothing
        // borrowed from it outlives `handler`.
        match unsafe { read_document(doc) } {
            Ok(document) => handler(&document),
            Err(problem) => Outcome::Error(format!("{} was given {problem}.", P::PLUGIN.name)),
        }
    }));
    publish(
        outcome
            .unwrap_or_else(|panic| Outcome::Error(format!("{} failed: {}.", P::PLUGIN.name, panic_message(&*panic)))),
    )
}

fn change(document: &Document, handler: Option<ChangeHandler>, kind: &str) -> Outcome {
    match handler {
        Some(run) => match run(document) {
            Ok(change) => Outcome::Change(change),
            Err(message) => Outcome::Error(message),
        },
        None => Outcome::Error(format!("this plugin has no such {kind}")),
    }
}

fn lint(document: &Document, handler: Option<LintHandler>) -> Outcome {
    match handler {
        Some(run) => match run(document) {
            Ok(diagnostics) => Outcome::Diagnostics(diagnostics),
            Err(message) => Outcome::Error(message),
        },
        None => Outcome::Error("this plugin has no such linter".to_string()),
    }
}

/// quire_command.run of the plugin's command `I`.
pub(crate) unsafe extern "C" fn run_command<P: Declared, const I: usize>(
    doc: *const QuireDocument,
) -> *const QuireResult {
    call::<P>(doc, |document| change(document, P::PLUGIN.commands.get(I).map(|c| c.run), "command"))
}

/// quire_format.format of the plugin's format `I`.
pub(crate) unsafe extern "C" fn run_formatter<P: Declared, const I: usize>(
    doc: *const QuireDocument,
) -> *const QuireResult {
    call::<P>(doc, |document| change(document, P::PLUGIN.formats.get(I).and_then(|f| f.formatter), "formatter"))
}

/// quire_linter.lint of the plugin's linter `I`.
pub(crate) unsafe extern "C" fn run_linter<P: Declared, const I: usize>(
    doc: *const QuireDocument,
) -> *const QuireResult {
    call::<P>(doc, |document| lint(document, P::PLUGIN.linters.get(I).map(|l| l.lint)))
}

/// quire_plugin.init: keeps the host table, then runs the plugin's own init.
pub(crate) unsafe extern "C" fn init<P: Declared>(host: *const QuireHost) -> i32 {
    host::set_host(host);
    let _scope = CallScope::enter();
    let outcome = catch_unwind(|| P::PLUGIN.init.map_or(Ok(()), |init| init()));
    let failure = match outcome {
        Ok(Ok(())) => return 0,
        Ok(Err(message)) => message,
        Err(panic) => format!("{} failed to start: {}.", P::PLUGIN.name, panic_message(&*panic)),
    };
    // Quire shows the last error line as the reason the plugin did not start.
    host::log(Level::Error, &failure);
    1
}

/// quire_plugin.shutdown: runs the plugin's own shutdown, then frees the last result.
pub(crate) unsafe extern "C" fn shutdown<P: Declared>() {
    {
        let _scope = CallScope::enter();
        if let Some(shutdown) = P::PLUGIN.shutdown {
            if let Err(panic) = catch_unwind(shutdown) {
                host::log(
                    Level::Error,
                    &format!("{} failed to shut down: {}.", P::PLUGIN.name, panic_message(&*panic)),
                );
            }
        }
        publish(Outcome::Change(crate::result::Change::none()));
    }
    host::set_host(std::ptr::null());
}
