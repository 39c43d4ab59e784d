//! The C descriptor, built from a [`Plugin`] at compile time.
//!
//! quire_plugin.h wants the descriptor to be static data that lives as long as the library and
//! `quire_plugin_entry` to only return it (no allocation: Quire may call it in a process that
//! only inspects the plugin). So `export_plugin!` puts every array here in a `static`,
//! initialised by these `const fn`s: all strings point into the plugin's `&'static str`s, and
//! every handler is a monomorphised trampoline (`run_command::<P, 3>`) that calls the plugin's
//! safe handler number 3, because a C handler receives only the document.

use crate::abi::*;
use crate::boundary::{init, run_command, run_formatter, run_linter, shutdown, Declared};
use crate::declare::Plugin;
use crate::manifest::{check_handler_id, check_text};

/// The most commands, formats and linters a plugin may declare (quire_plugin.h, LIMITS); the
/// trampoline tables below have exactly this many entries.
pub const MAX_COMMANDS: usize = 256;
pub const MAX_FORMATS: usize = 64;
pub const MAX_LINTERS: usize = 64;
const MAX_NAMES_PER_LIST: usize = 64;
const MAX_GRAMMAR_BYTES: usize = 1024 * 1024;

/// Static descriptor data. It holds raw pointers, which Rust will not share between threads on
/// its own; everything they point to is immutable `'static` data, and only this crate's const
/// fns make one, so sharing it is sound.
#[repr(transparent)]
pub struct Shared<T>(T);

unsafe impl<T> Sync for Shared<T> {}

impl<T> Shared<T> {
    pub const fn get(&self) -> &T {
        &self.0
    }
}

impl<T, const N: usize> Shared<[T; N]> {
    /// The array's first element; NULL for an empty array, as the header wants for a count of 0.
    pub const fn as_ptr(&self) -> *const T {
        if N == 0 {
            std::ptr::null()
        } else {
            self.0.as_ptr()
        }
    }
}

macro_rules! trampoline_row {
    ($run:ident, $P:ident, $hi:literal) => {
        [
            $run::<$P, { $hi * 16 }>,
            $run::<$P, { $hi * 16 + 1 }>,
            $run::<$P, { $hi * 16 + 2 }>,
            $run::<$P, { $hi * 16 + 3 }>,
            $run::<$P, { $hi * 16 + 4 }>,
            $run::<$P, { $hi * 16 + 5 }>,
            $run::<$P, { $hi * 16 + 6 }>,
            $run::<$P, { $hi * 16 + 7 }>,
            $run::<$P, { $hi * 16 + 8 }>,
            $run::<$P, { $hi * 16 + 9 }>,
            $run::<$P, { $hi * 16 + 10 }>,
            $run::<$P, { $hi * 16 + 11 }>,
            $run::<$P, { $hi * 16 + 12 }>,
            $run::<$P, { $hi * 16 + 13 }>,
            $run::<$P, { $hi * 16 + 14 }>,
            $run::<$P, { $hi * 16 + 15 }>,
        ]
    };
}

/// The trampoline for command `index`: one distinct C function per index.
const fn command_trampoline<P: Declared>(index: usize) -> QuireHandler {
    let table: [[QuireHandler; 16]; MAX_COMMANDS / 16] = [
        trampoline_row!(run_command, P, 0),
        trampoline_row!(run_command, P, 1),
        trampoline_row!(run_command, P, 2),
        trampoline_row!(run_command, P, 3),
        trampoline_row!(run_command, P, 4),
        trampoline_row!(run_command, P, 5),
        trampoline_row!(run_command, P, 6),
        trampoline_row!(run_command, P, 7),
        trampoline_row!(run_command, P, 8),
        trampoline_row!(run_command, P, 9),
        trampoline_row!(run_command, P, 10),
        trampoline_row!(run_command, P, 11),
        trampoline_row!(run_command, P, 12),
        trampoline_row!(run_command, P, 13),
        trampoline_row!(run_command, P, 14),
        trampoline_row!(run_command, P, 15),
    ];
    table[index / 16][index % 16]
}

const fn formatter_trampoline<P: Declared>(index: usize) -> QuireHandler {
    let table: [[QuireHandler; 16]; MAX_FORMATS / 16] = [
        trampoline_row!(run_formatter, P, 0),
        trampoline_row!(run_formatter, P, 1),
        trampoline_row!(run_formatter, P, 2),
        trampoline_row!(run_formatter, P, 3),
    ];
    table[index / 16][index % 16]
}

const fn linter_trampoline<P: Declared>(index: usize) -> QuireHandler {
    let table: [[QuireHandler; 16]; MAX_LINTERS / 16] = [
        trampoline_row!(run_linter, P, 0),
        trampoline_row!(run_linter, P, 1),
        trampoline_row!(run_linter, P, 2),
        trampoline_row!(run_linter, P, 3),
    ];
    table[index / 16][index % 16]
}

const fn optional(text: Option<&'static str>) -> QuireStr {
    match text {
        Some(text) => QuireStr::from_static(text),
        None => QuireStr::EMPTY,
    }
}

/// Fails the build (a const panic names the rule) when `plugin` breaks one of the header's
/// rules that this crate can see at compile time; Quire checks the rest when it loads it.
pub const fn check(plugin: &Plugin) {
    crate::manifest::check_identity(plugin);
    check_text(plugin.description, 4096, "the description must be at most 4 KiB without control characters");
    assert!(plugin.commands.len() <= MAX_COMMANDS, "a plugin declares at most 256 commands");
    assert!(plugin.formats.len() <= MAX_FORMATS, "a plugin declares at most 64 formats");
    assert!(plugin.linters.len() <= MAX_LINTERS, "a plugin declares at most 64 linters");
    let mut i = 0;
    while i < plugin.commands.len() {
        let command = &plugin.commands[i];
        check_handler_id(command.id);
        check_text(command.title, 4096, "a command's title must be 1 byte to 4 KiB without control characters");
        i += 1;
    }
    i = 0;
    while i < plugin.formats.len() {
        let format = &plugin.formats[i];
        check_handler_id(format.id);
        check_text(format.name, 4096, "a format's name must be 1 byte to 4 KiB without control characters");
        let names = format.extensions.len() + format.filenames.len();
        assert!(names > 0, "a format needs at least one extension or file name");
        assert!(
            format.extensions.len() <= MAX_NAMES_PER_LIST && format.filenames.len() <= MAX_NAMES_PER_LIST,
            "a format has at most 64 extensions and 64 file names"
        );
        if let Some(grammar) = format.grammar {
            assert!(grammar.len() <= MAX_GRAMMAR_BYTES, "a grammar is at most 1 MiB");
        }
        i += 1;
    }
    i = 0;
    while i < plugin.linters.len() {
        let linter = &plugin.linters[i];
        check_handler_id(linter.id);
        check_text(linter.name, 4096, "a linter's name must be 1 byte to 4 KiB without control characters");
        assert!(
            !linter.languages.is_empty() && linter.languages.len() <= MAX_NAMES_PER_LIST,
            "a linter checks 1 to 64 languages"
        );
        i += 1;
    }
}

/// How many names (extensions, file names, linter languages) the plugin lists in all.
pub const fn string_count(plugin: &Plugin) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < plugin.formats.len() {
        count += plugin.formats[i].extensions.len() + plugin.formats[i].filenames.len();
        i += 1;
    }
    i = 0;
    while i < plugin.linters.len() {
        count += plugin.linters[i].languages.len();
        i += 1;
    }
    count
}

/// Every name, in one array: each format's extensions then file names, then each linter's
/// languages. The format and linter arrays point into it.
pub const fn strings<P: Declared, const N: usize>() -> Shared<[QuireStr; N]> {
    let plugin = &P::PLUGIN;
    let mut out = [QuireStr::EMPTY; N];
    let mut next = 0;
    let mut i = 0;
    while i < plugin.formats.len() {
        let format = &plugin.formats[i];
        let mut j = 0;
        while j < format.extensions.len() {
            out[next] = QuireStr::from_static(format.extensions[j]);
            next += 1;
            j += 1;
        }
        j = 0;
        while j < format.filenames.len() {
            out[next] = QuireStr::from_static(format.filenames[j]);
            next += 1;
            j += 1;
        }
        i += 1;
    }
    i = 0;
    while i < plugin.linters.len() {
        let linter = &plugin.linters[i];
        let mut j = 0;
        while j < linter.languages.len() {
            out[next] = QuireStr::from_static(linter.languages[j]);
            next += 1;
            j += 1;
        }
        i += 1;
    }
    Shared(out)
}

pub const fn commands<P: Declared, const N: usize>() -> Shared<[QuireCommand; N]> {
    const EMPTY: QuireCommand =
        QuireCommand { id: QuireStr::EMPTY, title: QuireStr::EMPTY, keybinding: QuireStr::EMPTY, run: None };
    let mut out = [EMPTY; N];
    let mut i = 0;
    while i < N {
        let command = &P::PLUGIN.commands[i];
        out[i] = QuireCommand {
            id: QuireStr::from_static(command.id),
            title: QuireStr::from_static(command.title),
            keybinding: optional(command.keybinding),
            run: Some(command_trampoline::<P>(i)),
        };
        i += 1;
    }
    Shared(out)
}

/// `strings` is the array [`strings`] made.
pub const fn formats<P: Declared, const N: usize>(strings: *const QuireStr) -> Shared<[QuireFormat; N]> {
    const EMPTY: QuireFormat = QuireFormat {
        id: QuireStr::EMPTY,
        name: QuireStr::EMPTY,
        extensions: std::ptr::null(),
        extension_count: 0,
        filename_count: 0,
        filenames: std::ptr::null(),
        monarch_json: QuireStr::EMPTY,
        format: None,
    };
    let mut out = [EMPTY; N];
    let mut next = 0;
    let mut i = 0;
    while i < N {
        let format = &P::PLUGIN.formats[i];
        let extensions = format.extensions.len();
        let filenames = format.filenames.len();
        out[i] = QuireFormat {
            id: QuireStr::from_static(format.id),
            name: QuireStr::from_static(format.name),
            // `next` and the counts after it stay within `strings`, which string_count sized.
            extensions: if extensions == 0 { std::ptr::null() } else { strings.wrapping_add(next) },
            extension_count: extensions as u32,
            filename_count: filenames as u32,
            filenames: if filenames == 0 { std::ptr::null() } else { strings.wrapping_add(next + extensions) },
            monarch_json: optional(format.grammar),
            format: match format.formatter {
                Some(_) => Some(formatter_trampoline::<P>(i)),
                None => None,
            },
        };
        next += extensions + filenames;
        i += 1;
    }
    Shared(out)
}

/// `strings` is the array [`strings`] made; the linters' languages follow the formats' names.
pub const fn linters<P: Declared, const N: usize>(strings: *const QuireStr) -> Shared<[QuireLinter; N]> {
    const EMPTY: QuireLinter = QuireLinter {
        id: QuireStr::EMPTY,
        name: QuireStr::EMPTY,
        languages: std::ptr::null(),
        language_count: 0,
        triggers: 0,
        lint: None,
    };
    let plugin = &P::PLUGIN;
    let mut next = 0;
    let mut i = 0;
    while i < plugin.formats.len() {
        next += plugin.formats[i].extensions.len() + plugin.formats[i].filenames.len();
        i += 1;
    }
    let mut out = [EMPTY; N];
    i = 0;
    while i < N {
        let linter = &plugin.linters[i];
        out[i] = QuireLinter {
            id: QuireStr::from_static(linter.id),
            name: QuireStr::from_static(linter.name),
            // Within `strings`, as for formats; check() makes every list non-empty.
            languages: strings.wrapping_add(next),
            language_count: linter.languages.len() as u32,
            triggers: linter.triggers.bits(),
            lint: Some(linter_trampoline::<P>(i)),
        };
        next += linter.languages.len();
        i += 1;
    }
    Shared(out)
}

pub const fn descriptor<P: Declared>(
    commands: *const QuireCommand,
    formats: *const QuireFormat,
    linters: *const QuireLinter,
) -> Shared<QuirePlugin> {
    let plugin = &P::PLUGIN;
    Shared(QuirePlugin {
        struct_size: std::mem::size_of::<QuirePlugin>() as u32,
        abi_major: QUIRE_ABI_MAJOR,
        abi_minor: QUIRE_ABI_MINOR,
        id: QuireStr::from_static(plugin.id),
        name: QuireStr::from_static(plugin.name),
        version: QuireStr::from_static(plugin.version),
        description: QuireStr::from_static(plugin.description),
        init: Some(init::<P>),
        shutdown: Some(shutdown::<P>),
        command_count: plugin.commands.len() as u32,
        format_count: plugin.formats.len() as u32,
        commands,
        formats,
        linter_count: plugin.linters.len() as u32,
        reserved: 0,
        linters,
        capabilities: plugin.capabilities.bits(),
        reserved2: 0,
    })
}
