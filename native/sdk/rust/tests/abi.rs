//! The crate through the C ABI, as Quire uses it: this test plays Quire, calling the exported
//! `quire_plugin_entry` and the descriptor's function pointers with C documents and a C host
//! table, and reading results and the manifest as raw C data.

use std::ffi::c_char;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};

use quire_plugin::__private::abi::*;
use quire_plugin::{
    export_plugin, log, Capabilities, Change, ChangeResult, Command, Diagnostic, Document, Format, Level, LintResult,
    Linter, Plugin, Range, Triggers,
};

fn uppercase(doc: &Document) -> ChangeResult {
    let range = doc.primary().range;
    let text = doc.slice(range).ok_or("The selection is not in the document.")?;
    Ok(Change::edit(range, text.to_uppercase()).with_message("Uppercased."))
}

fn explode(_: &Document) -> ChangeResult {
    panic!("the plugin's bug")
}

fn refuse(doc: &Document) -> ChangeResult {
    Err(format!("Nothing to do in {}.", doc.path().unwrap_or("an unsaved document")))
}

fn nothing(_: &Document) -> ChangeResult {
    Ok(Change::none())
}

fn log_from_a_thread(_: &Document) -> ChangeResult {
    std::thread::spawn(|| log(Level::Warning, "from a worker thread")).join().map_err(|_| "the thread failed")?;
    log(Level::Info, "from Quire's thread");
    Ok(Change::none())
}

fn tidy(doc: &Document) -> ChangeResult {
    Ok(Change::replace_document(format!("{}\n", doc.text().trim_end())))
}

fn todos(doc: &Document) -> LintResult {
    Ok(doc
        .text()
        .match_indices("TODO")
        .map(|(at, _)| Diagnostic::warning(Range::new(at, at + 4), "Something is left to do.").code("todo"))
        .collect())
}

static FAIL_INIT: AtomicBool = AtomicBool::new(false);

fn init() -> Result<(), String> {
    if FAIL_INIT.load(Ordering::SeqCst) {
        return Err("The settings file is missing.".to_string());
    }
    log(Level::Debug, "ready");
    Ok(())
}

const COMMANDS: &[Command] = &[
    Command::new("uppercase", "Test: Uppercase", uppercase).keybinding("Ctrl+Alt+U"),
    Command::new("explode", "Test: Explode", explode),
    Command::new("refuse", "Test: Refuse", refuse),
    Command::new("nothing", "Test: Nothing", nothing),
    Command::new("log-from-a-thread", "Test: Log From a Thread", log_from_a_thread),
];
const FORMATS: &[Format] = &[
    Format::new("tidy", "Tidy")
        .extensions(&[".tidy", ".td"])
        .filenames(&["Tidyfile"])
        .grammar(r#"{"tokenizer":{"root":[]}}"#)
        .formatter(tidy),
    Format::new("plain-ish", "Plain-ish").filenames(&["PLAIN"]),
];
const LINTERS: &[Linter] = &[
    Linter::new("todo", "TODO finder", &["tidy", "plaintext"], todos),
    Linter::new("saves", "On save only", &["plain-ish"], todos).triggers(Triggers::ON_SAVE),
];
const PLUGIN: Plugin = Plugin::new("org.example.sdk-test", "SDK Test", "2.3.4")
    .description("Exercises the Rust SDK.")
    .capabilities(Capabilities::NETWORK)
    .init(init)
    .commands(COMMANDS)
    .formats(FORMATS)
    .linters(LINTERS);

export_plugin!(PLUGIN);

const MANIFEST_LEN: usize = quire_plugin::__private::manifest_len(&PLUGIN);

extern "C" {
    fn quire_plugin_entry() -> *const QuirePlugin;
    static quire_plugin_manifest: [u8; MANIFEST_LEN];
}

/// The SDK's state (the last result, the host) is per process, as Quire's calls are one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

static LOGGED: Mutex<Vec<(i32, String)>> = Mutex::new(Vec::new());

unsafe extern "C" fn capture(level: i32, message: *const c_char, len: usize) {
    let text = String::from_utf8(std::slice::from_raw_parts(message.cast::<u8>(), len).to_vec()).unwrap();
    LOGGED.lock().unwrap().push((level, text));
}

static HOST: QuireHost =
    QuireHost { struct_size: std::mem::size_of::<QuireHost>() as u32, abi_major: 1, abi_minor: 1, log: Some(capture) };

fn descriptor() -> &'static QuirePlugin {
    unsafe { &*quire_plugin_entry() }
}

fn string(s: QuireStr) -> String {
    if s.len == 0 {
        return String::new();
    }
    assert!(!s.ptr.is_null());
    String::from_utf8(unsafe { std::slice::from_raw_parts(s.ptr.cast::<u8>(), s.len) }.to_vec()).unwrap()
}

fn strings(ptr: *const QuireStr, count: u32) -> Vec<String> {
    if count == 0 {
        assert!(ptr.is_null());
        return Vec::new();
    }
    unsafe { std::slice::from_raw_parts(ptr, count as usize) }.iter().map(|s| string(*s)).collect()
}

fn command(id: &str) -> QuireHandler {
    let d = descriptor();
    let commands = unsafe { std::slice::from_raw_parts(d.commands, d.command_count as usize) };
    commands.iter().find(|c| string(c.id) == id).and_then(|c| c.run).expect("command")
}

/// Calls `handler` on `text` with one selection, as Quire would.
fn call(handler: QuireHandler, text: &[u8], language: &str, selection: (u64, u64)) -> Option<&'static QuireResult> {
    let selections =
        [QuireSelection { range: QuireRange { start: selection.0, end: selection.1 }, active: selection.1 }];
    let doc = QuireDocument {
        struct_size: std::mem::size_of::<QuireDocument>() as u32,
        selection_count: 1,
        text: QuireStr::view(text),
        language_id: QuireStr::view(language.as_bytes()),
        path: QuireStr::EMPTY,
        selections: selections.as_ptr(),
    };
    // The result is the plugin's until its next call; the test reads it before that.
    unsafe { handler(&doc).as_ref() }
}

#[test]
fn the_descriptor_is_the_declaration() {
    let d = descriptor();
    assert_eq!(d.struct_size as usize, std::mem::size_of::<QuirePlugin>());
    assert_eq!((d.abi_major, d.abi_minor), (QUIRE_ABI_MAJOR, QUIRE_ABI_MINOR));
    assert_eq!(string(d.id), "org.example.sdk-test");
    assert_eq!(string(d.name), "SDK Test");
    assert_eq!(string(d.version), "2.3.4");
    assert_eq!(string(d.description), "Exercises the Rust SDK.");
    assert_eq!((d.capabilities, d.reserved, d.reserved2), (QUIRE_CAP_NETWORK, 0, 0));
    assert!(d.init.is_some() && d.shutdown.is_some());

    let commands = unsafe { std::slice::from_raw_parts(d.commands, d.command_count as usize) };
    let ids: Vec<String> = commands.iter().map(|c| string(c.id)).collect();
    assert_eq!(ids, ["uppercase", "explode", "refuse", "nothing", "log-from-a-thread"]);
    assert_eq!(string(commands[0].title), "Test: Uppercase");
    assert_eq!(string(commands[0].keybinding), "Ctrl+Alt+U");
    assert!(commands[1].keybinding.ptr.is_null() && commands[1].keybinding.len == 0);
    // Every handler is a function of its own: a C handler receives only the document.
    let mut handlers: Vec<usize> = commands.iter().map(|c| c.run.unwrap() as usize).collect();
    handlers.dedup();
    assert_eq!(handlers.len(), commands.len());

    let formats = unsafe { std::slice::from_raw_parts(d.formats, d.format_count as usize) };
    assert_eq!(string(formats[0].id), "tidy");
    assert_eq!(strings(formats[0].extensions, formats[0].extension_count), [".tidy", ".td"]);
    assert_eq!(strings(formats[0].filenames, formats[0].filename_count), ["Tidyfile"]);
    assert_eq!(string(formats[0].monarch_json), r#"{"tokenizer":{"root":[]}}"#);
    assert!(formats[0].format.is_some());
    assert_eq!(strings(formats[1].extensions, formats[1].extension_count), Vec::<String>::new());
    assert_eq!(strings(formats[1].filenames, formats[1].filename_count), ["PLAIN"]);
    assert!(formats[1].format.is_none() && formats[1].monarch_json.ptr.is_null());

    let linters = unsafe { std::slice::from_raw_parts(d.linters, d.linter_count as usize) };
    assert_eq!(strings(linters[0].languages, linters[0].language_count), ["tidy", "plaintext"]);
    assert_eq!(linters[0].triggers, QUIRE_LINT_ON_SAVE | QUIRE_LINT_ON_CHANGE);
    assert_eq!(strings(linters[1].languages, linters[1].language_count), ["plain-ish"]);
    assert_eq!(linters[1].triggers, QUIRE_LINT_ON_SAVE);
}

#[test]
fn the_manifest_says_what_the_descriptor_says() {
    let bytes = unsafe { &quire_plugin_manifest };
    assert_eq!(
        std::str::from_utf8(bytes).unwrap(),
        "quire-manifest 1\nid=org.example.sdk-test\nname=SDK Test\nversion=2.3.4\ncapabilities=network\n\0"
    );
}

#[test]
fn a_command_returns_edits_and_a_message_that_outlive_the_call() {
    let _serial = serial();
    let result = call(command("uppercase"), "say héllo".as_bytes(), "plaintext", (4, 10)).expect("a result");
    assert_eq!((result.status, result.flags, result.reserved), (QUIRE_STATUS_OK, 0, 0));
    assert_eq!(result.struct_size as usize, std::mem::size_of::<QuireResult>());
    assert_eq!(string(result.message), "Uppercased.");
    assert_eq!(result.edit_count, 1);
    let edit = unsafe { *result.edits };
    assert_eq!((edit.range.start, edit.range.end, string(edit.text)), (4, 10, "HÉLLO".to_string()));
    assert_eq!(result.diagnostic_count, 0);
}

#[test]
fn nothing_to_change_is_null() {
    let _serial = serial();
    assert!(call(command("nothing"), b"abc", "plaintext", (0, 0)).is_none());
}

#[test]
fn a_panic_becomes_an_error_result_and_the_plugin_keeps_working() {
    let _serial = serial();
    let result = call(command("explode"), b"abc", "plaintext", (0, 0)).expect("a result");
    assert_eq!(result.status, QUIRE_STATUS_ERROR);
    assert_eq!(string(result.message), "SDK Test failed: the plugin's bug.");
    let next = call(command("uppercase"), b"abc", "plaintext", (0, 3)).expect("a result");
    assert_eq!(next.status, QUIRE_STATUS_OK);
}

#[test]
fn an_err_is_an_error_result_with_its_message() {
    let _serial = serial();
    let result = call(command("refuse"), b"abc", "plaintext", (0, 0)).expect("a result");
    assert_eq!(
        (result.status, string(result.message)),
        (QUIRE_STATUS_ERROR, "Nothing to do in an unsaved document.".to_string())
    );
    assert_eq!(result.edit_count, 0);
}

#[test]
fn text_that_is_not_utf8_fails_the_call_instead_of_reaching_the_handler() {
    let _serial = serial();
    let result = call(command("uppercase"), b"ab\xffc", "plaintext", (0, 4)).expect("a result");
    assert_eq!(
        (result.status, string(result.message)),
        (QUIRE_STATUS_ERROR, "SDK Test was given text that is not valid UTF-8.".to_string())
    );
}

#[test]
fn a_formatter_replaces_the_document() {
    let _serial = serial();
    let d = descriptor();
    let formatter = unsafe { (*d.formats).format }.unwrap();
    let result = call(formatter, b"a  \n\n", "tidy", (0, 0)).expect("a result");
    assert_eq!((result.flags, string(result.text)), (QUIRE_RESULT_HAS_TEXT, "a\n".to_string()));
}

#[test]
fn a_linter_returns_diagnostics_with_codes() {
    let _serial = serial();
    let d = descriptor();
    let lint = unsafe { (*d.linters).lint }.unwrap();
    let result = call(lint, b"TODO one\nTODO two", "tidy", (0, 0)).expect("a result");
    let diagnostics = unsafe { std::slice::from_raw_parts(result.diagnostics, result.diagnostic_count as usize) };
    assert_eq!(diagnostics.len(), 2);
    assert_eq!((diagnostics[1].range.start, diagnostics[1].range.end), (9, 13));
    assert_eq!((diagnostics[1].severity, diagnostics[1].reserved), (2, 0));
    assert_eq!(string(diagnostics[1].message), "Something is left to do.");
    assert_eq!(string(diagnostics[1].code), "todo");
    assert!(call(lint, b"all done", "tidy", (0, 0)).is_none());
}

#[test]
fn init_logs_through_the_host_and_a_failure_is_logged_as_an_error() {
    let _serial = serial();
    let d = descriptor();
    let init = d.init.unwrap();
    LOGGED.lock().unwrap().clear();
    assert_eq!(unsafe { init(&HOST) }, 0);
    assert_eq!(LOGGED.lock().unwrap().as_slice(), [(0, "ready".to_string())]);

    // Logging from a handler reaches the host only from Quire's thread; a worker's line goes to stderr.
    LOGGED.lock().unwrap().clear();
    assert!(call(command("log-from-a-thread"), b"", "plaintext", (0, 0)).is_none());
    assert_eq!(LOGGED.lock().unwrap().as_slice(), [(1, "from Quire's thread".to_string())]);

    FAIL_INIT.store(true, Ordering::SeqCst);
    LOGGED.lock().unwrap().clear();
    assert_eq!(unsafe { init(&HOST) }, 1);
    FAIL_INIT.store(false, Ordering::SeqCst);
    assert_eq!(LOGGED.lock().unwrap().as_slice(), [(3, "The settings file is missing.".to_string())]);

    // After shutdown the host table is forgotten: a later log goes to stderr.
    unsafe { d.shutdown.unwrap()() };
    LOGGED.lock().unwrap().clear();
    assert!(call(command("log-from-a-thread"), b"", "plaintext", (0, 0)).is_none());
    assert!(LOGGED.lock().unwrap().is_empty());
}
