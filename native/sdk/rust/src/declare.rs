//! What a plugin declares: its identity and its commands, formats and linters, as `const` data.
//!
//! Everything here is built with `const fn`s so a plugin is one `const` item that
//! [`export_plugin!`](crate::export_plugin) can turn into the static C descriptor and the
//! manifest at compile time: nothing is allocated or run when Quire loads the library.

use crate::abi::{QUIRE_CAP_NETWORK, QUIRE_CAP_READ_DOCUMENT_FOLDER, QUIRE_LINT_ON_CHANGE, QUIRE_LINT_ON_SAVE};
use crate::document::Document;
use crate::result::{Change, Diagnostic};

/// What a command or a formatter does to the document, or why it could not.
pub type ChangeResult = Result<Change, String>;
/// The problems a linter found (none: an empty Vec), or why it could not look.
pub type LintResult = Result<Vec<Diagnostic>, String>;

/// A command or formatter handler. An `Err` fails the call: the user sees its text and the
/// document is unchanged.
pub type ChangeHandler = fn(&Document) -> ChangeResult;
/// A linter handler.
pub type LintHandler = fn(&Document) -> LintResult;

/// What a plugin may do beyond its own process (quire_plugin.h, QUIRE_CAP_*). Declared in
/// both the descriptor and the manifest, which `export_plugin!` writes from this one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capabilities(u32);

impl Capabilities {
    /// Nothing beyond computing, allocating and logging: what most plugins need.
    pub const NONE: Capabilities = Capabilities(0);
    /// Read (never write) files under the folder of the document being handled.
    pub const READ_DOCUMENT_FOLDER: Capabilities = Capabilities(QUIRE_CAP_READ_DOCUMENT_FOLDER);
    /// Open sockets (TCP, UDP, Unix).
    pub const NETWORK: Capabilities = Capabilities(QUIRE_CAP_NETWORK);

    /// Both sets: `Capabilities::READ_DOCUMENT_FOLDER.and(Capabilities::NETWORK)`.
    pub const fn and(self, other: Capabilities) -> Capabilities {
        Capabilities(self.0 | other.0)
    }

    pub const fn contains(self, other: Capabilities) -> bool {
        self.0 & other.0 == other.0
    }

    /// The QUIRE_CAP_* bits.
    pub const fn bits(self) -> u32 {
        self.0
    }
}

/// When a linter runs (quire_plugin.h, QUIRE_LINT_*).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Triggers(u32);

impl Triggers {
    /// When the document is saved.
    pub const ON_SAVE: Triggers = Triggers(QUIRE_LINT_ON_SAVE);
    /// As the user types (debounced by Quire).
    pub const ON_CHANGE: Triggers = Triggers(QUIRE_LINT_ON_CHANGE);
    /// Both: the default of [`Linter::new`].
    pub const ON_SAVE_AND_CHANGE: Triggers = Triggers(QUIRE_LINT_ON_SAVE | QUIRE_LINT_ON_CHANGE);

    /// The QUIRE_LINT_* bits.
    pub const fn bits(self) -> u32 {
        self.0
    }
}

/// A command the user runs from the command palette or a keybinding.
#[derive(Clone, Copy)]
pub struct Command {
    pub id: &'static str,
    pub title: &'static str,
    pub keybinding: Option<&'static str>,
    pub run: ChangeHandler,
}

impl Command {
    /// `id`: lowercase letters, digits, '.', '-', '_' (unique within the plugin); `title`: shown
    /// in the command palette, e.g. "CSV: Sort Rows".
    pub const fn new(id: &'static str, title: &'static str, run: ChangeHandler) -> Command {
        Command { id, title, keybinding: None, run }
    }

    /// A default keybinding: modifiers (Ctrl, Shift, Alt, Meta) and a key joined by '+', e.g.
    /// "Ctrl+Alt+S" or "F9".
    pub const fn keybinding(self, keybinding: &'static str) -> Command {
        Command { keybinding: Some(keybinding), ..self }
    }
}

/// A file format: a language with highlighting and, optionally, a formatter.
#[derive(Clone, Copy)]
pub struct Format {
    pub id: &'static str,
    pub name: &'static str,
    pub extensions: &'static [&'static str],
    pub filenames: &'static [&'static str],
    pub grammar: Option<&'static str>,
    pub formatter: Option<ChangeHandler>,
}

impl Format {
    /// `id` is the language id (e.g. "csv"), `name` what the user sees (e.g. "CSV"). Give it at
    /// least one extension or file name.
    pub const fn new(id: &'static str, name: &'static str) -> Format {
        Format { id, name, extensions: &[], filenames: &[], grammar: None, formatter: None }
    }

    /// File extensions with their dot: `&[".csv"]`.
    pub const fn extensions(self, extensions: &'static [&'static str]) -> Format {
        Format { extensions, ..self }
    }

    /// Exact file names: `&["Makefile"]`.
    pub const fn filenames(self, filenames: &'static [&'static str]) -> Format {
        Format { filenames, ..self }
    }

    /// A Monaco Monarch grammar as JSON text (native/README.md, "Grammars").
    pub const fn grammar(self, monarch_json: &'static str) -> Format {
        Format { grammar: Some(monarch_json), ..self }
    }

    /// The handler behind Format Document for this language.
    pub const fn formatter(self, formatter: ChangeHandler) -> Format {
        Format { formatter: Some(formatter), ..self }
    }
}

/// A linter for one or more languages.
#[derive(Clone, Copy)]
pub struct Linter {
    pub id: &'static str,
    pub name: &'static str,
    pub languages: &'static [&'static str],
    pub triggers: Triggers,
    pub lint: LintHandler,
}

impl Linter {
    /// `name` is shown next to its diagnostics; `languages` are the language ids it checks.
    /// Runs on save and as the user types unless [`triggers`](Linter::triggers) says otherwise.
    pub const fn new(
        id: &'static str,
        name: &'static str,
        languages: &'static [&'static str],
        lint: LintHandler,
    ) -> Linter {
        Linter { id, name, languages, triggers: Triggers::ON_SAVE_AND_CHANGE, lint }
    }

    pub const fn triggers(self, triggers: Triggers) -> Linter {
        Linter { triggers, ..self }
    }
}

/// A whole plugin. Declare it as a `const` and hand it to
/// [`export_plugin!`](crate::export_plugin).
#[derive(Clone, Copy)]
pub struct Plugin {
    pub id: &'static str,
    pub name: &'static str,
    pub version: &'static str,
    pub description: &'static str,
    pub capabilities: Capabilities,
    pub init: Option<fn() -> Result<(), String>>,
    pub shutdown: Option<fn()>,
    pub commands: &'static [Command],
    pub formats: &'static [Format],
    pub linters: &'static [Linter],
}

impl Plugin {
    /// `id` is reverse-DNS and unique among all plugins ("org.example.word-stats"); `name` is
    /// shown to the user; `version` is the plugin's own, e.g. `env!("CARGO_PKG_VERSION")`.
    pub const fn new(id: &'static str, name: &'static str, version: &'static str) -> Plugin {
        Plugin {
            id,
            name,
            version,
            description: "",
            capabilities: Capabilities::NONE,
            init: None,
            shutdown: None,
            commands: &[],
            formats: &[],
            linters: &[],
        }
    }

    /// One sentence for the Plugins panel.
    pub const fn description(self, description: &'static str) -> Plugin {
        Plugin { description, ..self }
    }

    /// What the plugin asks the user to allow; written into the manifest too.
    pub const fn capabilities(self, capabilities: Capabilities) -> Plugin {
        Plugin { capabilities, ..self }
    }

    /// Runs once after loading, before any handler (under a 5 s deadline). An `Err` is logged
    /// as an error and Quire shows it as the reason the plugin did not start.
    pub const fn init(self, init: fn() -> Result<(), String>) -> Plugin {
        Plugin { init: Some(init), ..self }
    }

    /// Runs once before the plugin's process ends normally.
    pub const fn shutdown(self, shutdown: fn()) -> Plugin {
        Plugin { shutdown: Some(shutdown), ..self }
    }

    pub const fn commands(self, commands: &'static [Command]) -> Plugin {
        Plugin { commands, ..self }
    }

    pub const fn formats(self, formats: &'static [Format]) -> Plugin {
        Plugin { formats, ..self }
    }

    pub const fn linters(self, linters: &'static [Linter]) -> Plugin {
        Plugin { linters, ..self }
    }
}
