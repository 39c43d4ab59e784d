//! The crate's `#[repr(C)]` structs against the header as a C compiler lays it out: compiles
//! and runs native/abi-layout/print-layout.c (the program Quire's own ABI test reads) and
//! compares every struct's size and every field's offset and size, and every constant.

use std::collections::BTreeMap;
use std::mem::{offset_of, size_of};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use quire_plugin::__private::abi::*;

/// A field's name, offset and size.
type Field = (String, usize, usize);

/// What print-layout prints: struct → (size, fields), and the constants.
struct Layout {
    structs: BTreeMap<String, (usize, Vec<Field>)>,
    constants: BTreeMap<String, i64>,
}

fn number_after(line: &str, key: &str) -> usize {
    let rest = &line[line.find(key).unwrap_or_else(|| panic!("no {key} in {line}")) + key.len()..];
    rest.trim_start().chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

fn quoted(line: &str, nth: usize) -> String {
    line.split('"').nth(nth * 2 + 1).unwrap_or_else(|| panic!("no quoted string {nth} in {line}")).to_string()
}

/// The program's JSON is one item per line; reading those lines needs no JSON parser.
fn parse(json: &str) -> Layout {
    let mut layout = Layout { structs: BTreeMap::new(), constants: BTreeMap::new() };
    let mut current: Option<String> = None;
    let mut in_constants = false;
    for line in json.lines().map(str::trim) {
        if line.starts_with("\"constants\"") {
            in_constants = true;
        } else if in_constants && line.starts_with('"') {
            let value = line.split(':').nth(1).unwrap().trim().trim_end_matches(',');
            layout.constants.insert(quoted(line, 0), value.parse().unwrap());
        } else if line.contains("\"fields\"") {
            let name = quoted(line, 0);
            layout.structs.insert(name.clone(), (number_after(line, "\"size\":"), Vec::new()));
            current = Some(name);
        } else if line.starts_with("{ \"name\"") {
            let name = current.as_ref().expect("a field outside a struct");
            let field = (quoted(line, 1), number_after(line, "\"offset\":"), number_after(line, "\"size\":"));
            layout.structs.get_mut(name).unwrap().1.push(field);
        }
    }
    layout
}

/// The layout, compiled and printed once for both tests (which run in parallel).
fn c_layout() -> &'static Layout {
    static LAYOUT: OnceLock<Layout> = OnceLock::new();
    LAYOUT.get_or_init(print_c_layout)
}

fn print_c_layout() -> Layout {
    let native = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let program: PathBuf = std::env::temp_dir().join(format!("quire-print-layout-{}", std::process::id()));
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".to_string());
    let compiled = Command::new(&cc)
        .arg("-I")
        .arg(native.join("include"))
        .arg("-o")
        .arg(&program)
        .arg(native.join("abi-layout/print-layout.c"))
        .status()
        .unwrap_or_else(|e| panic!("a C compiler ({cc}) is needed to check the layout: {e}"));
    assert!(compiled.success(), "print-layout.c did not compile");
    let output = Command::new(&program).output().unwrap();
    std::fs::remove_file(&program).ok();
    assert!(output.status.success());
    parse(&String::from_utf8(output.stdout).unwrap())
}

macro_rules! rust_layout {
    ($( $c:literal => $rust:ident { $($field:ident),* } )*) => {{
        let mut structs = BTreeMap::new();
        $(
            let fields: Vec<Field> = vec![$((
                stringify!($field).to_string(),
                offset_of!($rust, $field),
                {
                    let value = std::mem::MaybeUninit::<$rust>::uninit();
                    let pointer = value.as_ptr();
                    // SAFETY: only the field's address is taken, to measure it; nothing is read.
                    fn size_of_pointee<T>(_: *const T) -> usize { size_of::<T>() }
                    size_of_pointee(unsafe { std::ptr::addr_of!((*pointer).$field) })
                },
            )),*];
            structs.insert($c.to_string(), (size_of::<$rust>(), fields));
        )*
        structs
    }};
}

#[test]
fn every_struct_matches_the_c_layout() {
    let c = c_layout();
    let rust = rust_layout! {
        "quire_str" => QuireStr { ptr, len }
        "quire_range" => QuireRange { start, end }
        "quire_selection" => QuireSelection { range, active }
        "quire_document" => QuireDocument { struct_size, selection_count, text, language_id, path, selections }
        "quire_host" => QuireHost { struct_size, abi_major, abi_minor, log }
        "quire_edit" => QuireEdit { range, text }
        "quire_diagnostic" => QuireDiagnostic { range, severity, reserved, message, code }
        "quire_result" => QuireResult { struct_size, status, flags, edit_count, diagnostic_count, reserved, message, text, edits, diagnostics }
        "quire_command" => QuireCommand { id, title, keybinding, run }
        "quire_format" => QuireFormat { id, name, extensions, extension_count, filename_count, filenames, monarch_json, format }
        "quire_linter" => QuireLinter { id, name, languages, language_count, triggers, lint }
        "quire_plugin" => QuirePlugin { struct_size, abi_major, abi_minor, id, name, version, description, init, shutdown, command_count, format_count, commands, formats, linter_count, reserved, linters, capabilities, reserved2 }
    };
    assert_eq!(
        rust.keys().collect::<Vec<_>>(),
        c.structs.keys().collect::<Vec<_>>(),
        "the header has structs this crate does not mirror"
    );
    for (name, expected) in &c.structs {
        assert_eq!(&rust[name], expected, "{name}");
    }
}

#[test]
fn every_constant_matches_the_header() {
    let c = c_layout();
    let rust: BTreeMap<String, i64> = [
        ("QUIRE_ABI_MAJOR", QUIRE_ABI_MAJOR as i64),
        ("QUIRE_ABI_MINOR", QUIRE_ABI_MINOR as i64),
        ("QUIRE_STATUS_OK", QUIRE_STATUS_OK as i64),
        ("QUIRE_STATUS_ERROR", QUIRE_STATUS_ERROR as i64),
        ("QUIRE_RESULT_HAS_TEXT", QUIRE_RESULT_HAS_TEXT as i64),
        ("QUIRE_LINT_ON_SAVE", QUIRE_LINT_ON_SAVE as i64),
        ("QUIRE_LINT_ON_CHANGE", QUIRE_LINT_ON_CHANGE as i64),
        ("QUIRE_SEVERITY_ERROR", quire_plugin::Severity::Error as i64),
        ("QUIRE_SEVERITY_WARNING", quire_plugin::Severity::Warning as i64),
        ("QUIRE_SEVERITY_INFO", quire_plugin::Severity::Info as i64),
        ("QUIRE_SEVERITY_HINT", quire_plugin::Severity::Hint as i64),
        ("QUIRE_LOG_DEBUG", quire_plugin::Level::Debug as i64),
        ("QUIRE_LOG_INFO", quire_plugin::Level::Info as i64),
        ("QUIRE_LOG_WARNING", quire_plugin::Level::Warning as i64),
        ("QUIRE_LOG_ERROR", quire_plugin::Level::Error as i64),
        ("QUIRE_CAP_READ_DOCUMENT_FOLDER", QUIRE_CAP_READ_DOCUMENT_FOLDER as i64),
        ("QUIRE_CAP_NETWORK", QUIRE_CAP_NETWORK as i64),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_string(), value))
    .collect();
    assert_eq!(rust, c.constants);
}
