//! CSV — Quire's bundled plugin for comma- and tab-separated files, in Rust.
//!
//! Contributes the formats `csv` (.csv) and `tsv` (.tsv), each with a Monarch grammar and a
//! formatter that aligns columns, and the linter `field-count` for both languages.
//!
//! Everything Quire calls is an `extern "C"` function that catches panics: a panic unwinding
//! out of an `extern "C"` function cannot continue into Quire's C caller (Rust aborts the
//! process instead), so each handler turns one into an error result carrying the panic's
//! message, and the plugin keeps running.

mod abi;
mod align;
mod grammar;
mod lint;
mod table;

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use abi::*;

// ---------------------------------------------------------------------------------------
// Descriptor: static data, valid for the life of the library as the ABI requires.
// ---------------------------------------------------------------------------------------

static CSV_EXTENSIONS: Shared<[QuireStr; 1]> = Shared([QuireStr::from_static(".csv")]);
static TSV_EXTENSIONS: Shared<[QuireStr; 1]> = Shared([QuireStr::from_static(".tsv")]);
static LANGUAGES: Shared<[QuireStr; 2]> = Shared([QuireStr::from_static("csv"), QuireStr::from_static("tsv")]);

static FORMATS: Shared<[QuireFormat; 2]> = Shared([
    QuireFormat {
        id: QuireStr::from_static("csv"),
        name: QuireStr::from_static("CSV"),
        extensions: CSV_EXTENSIONS.0.as_ptr(),
        extension_count: 1,
        filename_count: 0,
        filenames: std::ptr::null(),
        monarch_json: QuireStr::from_static(grammar::CSV),
        format: Some(format_csv),
    },
    QuireFormat {
        id: QuireStr::from_static("tsv"),
        name: QuireStr::from_static("TSV"),
        extensions: TSV_EXTENSIONS.0.as_ptr(),
        extension_count: 1,
        filename_count: 0,
        filenames: std::ptr::null(),
        monarch_json: QuireStr::from_static(grammar::TSV),
        format: Some(format_tsv),
    },
]);

static LINTERS: Shared<[QuireLinter; 1]> = Shared([QuireLinter {
    id: QuireStr::from_static("field-count"),
    name: QuireStr::from_static("CSV field count"),
    languages: LANGUAGES.0.as_ptr(),
    language_count: 2,
    triggers: QUIRE_LINT_ON_SAVE | QUIRE_LINT_ON_CHANGE,
    lint: Some(lint_field_count),
}]);

static PLUGIN: Shared<QuirePlugin> = Shared(QuirePlugin {
    struct_size: std::mem::size_of::<QuirePlugin>() as u32,
    abi_major: QUIRE_ABI_MAJOR,
    abi_minor: QUIRE_ABI_MINOR,
    id: QuireStr::from_static("dev.quire.csv"),
    name: QuireStr::from_static("CSV"),
    version: QuireStr::from_static(env!("CARGO_PKG_VERSION")),
    description: QuireStr::from_static(
        "Highlighting for CSV and TSV files, a formatter that aligns columns, and a check that every row has as many fields as the header.",
    ),
    init: Some(init),
    shutdown: Some(shutdown),
    command_count: 0,
    format_count: 2,
    commands: std::ptr::null(),
    formats: FORMATS.0.as_ptr(),
    linter_count: 1,
    reserved: 0,
    linters: LINTERS.0.as_ptr(),
    capabilities: 0,
    reserved2: 0,
});

#[no_mangle]
pub extern "C" fn quire_plugin_entry() -> *const QuirePlugin {
    &PLUGIN.0
}

/// The manifest Quire reads from the file before any code runs (see quire_plugin.h,
/// QUIRE_PLUGIN_MANIFEST): the same id, name and version as PLUGIN, and no capabilities.
const MANIFEST: &str = concat!(
    "quire-manifest 1\n",
    "id=dev.quire.csv\n",
    "name=CSV\n",
    "version=",
    env!("CARGO_PKG_VERSION"),
    "\n",
    "capabilities=\n",
);

#[no_mangle]
#[used]
#[allow(non_upper_case_globals)] // the symbol's name is fixed by the ABI
pub static quire_plugin_manifest: [u8; MANIFEST.len() + 1] = manifest_bytes(MANIFEST);

// ---------------------------------------------------------------------------------------
// Results: owned here, valid until the next call.
// ---------------------------------------------------------------------------------------

/// What a handler decided, in owned Rust values; `publish` turns it into a quire_result.
enum Outcome {
    Unchanged,
    Text(String),
    Diagnostics(Vec<lint::Problem>),
    Error(String),
}

/// The last result and the memory its pointers lead to. Quire reads the result after the
/// handler returns, so it cannot live on the stack; it lives here until the next call
/// replaces it. Quire calls from one thread, so the lock is never contended: it only makes
/// the static safe to touch.
struct Published {
    result: QuireResult,
    text: String,
    message: String,
    messages: Vec<String>,
    diagnostics: Vec<QuireDiagnostic>,
}

// The raw pointers in `result` and `diagnostics` point into the Strings and Vecs beside them.
unsafe impl Send for Published {}

static PUBLISHED: Mutex<Published> = Mutex::new(Published {
    result: empty_result(),
    text: String::new(),
    message: String::new(),
    messages: Vec::new(),
    diagnostics: Vec::new(),
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

/// Replaces the previous result (freeing its memory) with `outcome`; NULL for "nothing to do".
fn publish(outcome: Outcome) -> *const QuireResult {
    // A panic while the lock was held cannot have left it half-written: publish does not panic
    // between taking it and filling the result, so a poisoned lock is safe to reuse.
    let mut published = PUBLISHED.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let p = &mut *published;
    p.result = empty_result();
    p.text = String::new();
    p.message = String::new();
    p.messages = Vec::new();
    p.diagnostics = Vec::new();
    match outcome {
        Outcome::Unchanged => return std::ptr::null(),
        Outcome::Text(text) => {
            p.text = text;
            p.result.flags = QUIRE_RESULT_HAS_TEXT;
            p.result.text = QuireStr::view(p.text.as_bytes());
        }
        Outcome::Diagnostics(problems) => {
            if problems.is_empty() {
                return std::ptr::null();
            }
            p.messages = problems.iter().map(|problem| problem.message.clone()).collect();
            p.diagnostics = problems
                .iter()
                .zip(&p.messages)
                .map(|(problem, message)| QuireDiagnostic {
                    range: QuireRange { start: problem.start as u64, end: problem.end as u64 },
                    severity: match problem.severity {
                        lint::Severity::Error => QUIRE_SEVERITY_ERROR,
                        lint::Severity::Info => QUIRE_SEVERITY_INFO,
                    },
                    reserved: 0,
                    message: QuireStr::view(message.as_bytes()),
                    code: QuireStr::from_static(problem.code),
                })
                .collect();
            p.result.diagnostic_count = p.diagnostics.len() as u32;
            p.result.diagnostics = p.diagnostics.as_ptr();
        }
        Outcome::Error(message) => {
            p.message = message;
            p.result.status = QUIRE_STATUS_ERROR;
            p.result.message = QuireStr::view(p.message.as_bytes());
        }
    }
    &p.result
}

/// Runs `handler` on the document's text, turning a panic or a text that is not UTF-8 into
/// an error result instead of undefined behaviour.
fn guarded(doc: *const QuireDocument, handler: impl FnOnce(&str, &str) -> Outcome) -> *const QuireResult {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        // SAFETY: Quire passes a valid document whose strings live until this call returns.
        let doc = unsafe { &*doc };
        match (unsafe { as_str(doc.text) }, unsafe { as_str(doc.language_id) }) {
            (Some(text), Some(language)) => handler(text, language),
            _ => Outcome::Error("The CSV plugin was given text that is not valid UTF-8.".to_string()),
        }
    }));
    publish(
        outcome.unwrap_or_else(|panic| Outcome::Error(format!("The CSV plugin failed: {}.", panic_message(&panic)))),
    )
}

/// The bytes of a quire_str as &str, if they are UTF-8. Safety: `s` must point to `len`
/// readable bytes that outlive the returned reference.
unsafe fn as_str<'a>(s: QuireStr) -> Option<&'a str> {
    if s.len == 0 {
        return Some("");
    }
    if s.ptr.is_null() {
        return None;
    }
    std::str::from_utf8(std::slice::from_raw_parts(s.ptr as *const u8, s.len)).ok()
}

fn panic_message(panic: &Box<dyn Any + Send>) -> &str {
    panic
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic without a message")
}

// ---------------------------------------------------------------------------------------
// Handlers
// ---------------------------------------------------------------------------------------

/// The delimiter for a language id; the linter serves both languages.
fn delimiter_for(language: &str) -> u8 {
    if language == "tsv" {
        b'\t'
    } else {
        b','
    }
}

fn format_with(text: &str, delimiter: u8) -> Outcome {
    match align::align(text, delimiter) {
        Ok(aligned) if aligned == text => Outcome::Unchanged,
        Ok(aligned) => Outcome::Text(aligned),
        Err(align::AlignError::UnclosedQuote { line }) => Outcome::Error(format!(
            "The quote opened on line {line} is never closed, so the columns cannot be aligned. Close it, then format again."
        )),
    }
}

unsafe extern "C" fn format_csv(doc: *const QuireDocument) -> *const QuireResult {
    guarded(doc, |text, _| format_with(text, b','))
}

unsafe extern "C" fn format_tsv(doc: *const QuireDocument) -> *const QuireResult {
    guarded(doc, |text, _| format_with(text, b'\t'))
}

unsafe extern "C" fn lint_field_count(doc: *const QuireDocument) -> *const QuireResult {
    guarded(doc, |text, language| Outcome::Diagnostics(lint::check(text, delimiter_for(language))))
}

unsafe extern "C" fn init(host: *const QuireHost) -> i32 {
    let logged = catch_unwind(|| {
        // SAFETY: Quire passes a valid host table; `log` is checked against its size first.
        let host = unsafe { &*host };
        let has_log = host.struct_size as usize >= std::mem::offset_of!(QuireHost, log) + std::mem::size_of::<usize>();
        if let (true, Some(log)) = (has_log, host.log) {
            let line = "csv ready: formats csv, tsv; linter field-count";
            unsafe { log(QUIRE_LOG_DEBUG, line.as_ptr() as *const std::os::raw::c_char, line.len()) };
        }
    });
    if logged.is_ok() {
        0
    } else {
        1
    }
}

unsafe extern "C" fn shutdown() {
    let _ = catch_unwind(|| publish(Outcome::Unchanged));
}
