//! Write Quire plugins in safe Rust.
//!
//! A plugin is one `const` [`Plugin`] — its id, name, version, capabilities, and the
//! [`Command`]s, [`Format`]s and [`Linter`]s it contributes, each with a plain Rust handler —
//! and one [`export_plugin!`] line. The crate does all of the C ABI of
//! `native/include/quire_plugin.h` (ABI 1.1): the static descriptor and the manifest (both
//! written at compile time from that one value, so they cannot disagree), reading Quire's
//! document, keeping each result alive until the next call as the header requires, logging
//! through the host table, and catching panics so that one becomes an error result instead of
//! unwinding into C.
//!
//! ```
//! use quire_plugin::{export_plugin, Change, ChangeResult, Command, Document, Plugin};
//!
//! fn shout(doc: &Document) -> ChangeResult {
//!     let selection = doc.primary().range;
//!     let text = doc.slice(selection).ok_or("The selection is not in the document.")?;
//!     Ok(Change::edit(selection, text.to_uppercase()))
//! }
//!
//! const COMMANDS: &[Command] = &[Command::new("shout", "Shout: Uppercase Selection", shout).keybinding("Ctrl+Alt+U")];
//! const PLUGIN: Plugin = Plugin::new("org.example.shout", "Shout", "1.0.0").commands(COMMANDS);
//!
//! export_plugin!(PLUGIN);
//! ```
//!
//! Build it as a `cdylib` and keep `panic = "unwind"` (the default): with `panic = "abort"` a
//! panic ends the plugin's process instead of failing one call. A plugin crate can say
//! `#![forbid(unsafe_code)]`: nothing it writes needs `unsafe`.

#[doc(hidden)]
pub mod abi;
mod boundary;
mod declare;
mod descriptor;
mod document;
mod host;
mod manifest;
mod result;

pub use declare::{
    Capabilities, ChangeHandler, ChangeResult, Command, Format, LintHandler, LintResult, Linter, Plugin, Triggers,
};
pub use document::{Document, Range, Selection};
pub use host::{log, Level};
pub use manifest::is_plugin_id;
pub use result::{Change, Diagnostic, Edit, Severity, MAX_MESSAGE_BYTES};

/// What `export_plugin!` expands to; not part of the API.
#[doc(hidden)]
pub mod __private {
    /// The header's structs, for the macro and for tests that play Quire's part.
    pub use crate::abi;
    pub use crate::abi::{QuireCommand, QuireFormat, QuireLinter, QuirePlugin, QuireStr};
    pub use crate::boundary::Declared;
    pub use crate::descriptor::{check, commands, descriptor, formats, linters, string_count, strings, Shared};
    pub use crate::manifest::{manifest, manifest_len};
}

/// Exports a plugin: `export_plugin!(PLUGIN)`, where `PLUGIN` is a `const` [`Plugin`].
///
/// Writes, at compile time, the library's two exported symbols: `quire_plugin_entry`, which
/// returns the static descriptor, and `quire_plugin_manifest`, the manifest array Quire reads
/// from the file. A declaration that breaks a rule the compiler can check (an id that is not
/// reverse-DNS, too many commands, a format without an extension…) fails the build with the
/// rule. Use it once per library.
#[macro_export]
macro_rules! export_plugin {
    ($plugin:path) => {
        const _: () = {
            use $crate::__private as quire;

            struct Declared;
            impl quire::Declared for Declared {
                const PLUGIN: $crate::Plugin = $plugin;
            }
            const _: () = quire::check(&$plugin);

            const STRING_COUNT: usize = quire::string_count(&$plugin);
            const COMMAND_COUNT: usize = $plugin.commands.len();
            const FORMAT_COUNT: usize = $plugin.formats.len();
            const LINTER_COUNT: usize = $plugin.linters.len();

            static STRINGS: quire::Shared<[quire::QuireStr; STRING_COUNT]> = quire::strings::<Declared, STRING_COUNT>();
            static COMMANDS: quire::Shared<[quire::QuireCommand; COMMAND_COUNT]> =
                quire::commands::<Declared, COMMAND_COUNT>();
            static FORMATS: quire::Shared<[quire::QuireFormat; FORMAT_COUNT]> =
                quire::formats::<Declared, FORMAT_COUNT>(STRINGS.as_ptr());
            static LINTERS: quire::Shared<[quire::QuireLinter; LINTER_COUNT]> =
                quire::linters::<Declared, LINTER_COUNT>(STRINGS.as_ptr());
            static DESCRIPTOR: quire::Shared<quire::QuirePlugin> =
                quire::descriptor::<Declared>(COMMANDS.as_ptr(), FORMATS.as_ptr(), LINTERS.as_ptr());

            /// The one function every Quire plugin exports: the static descriptor.
            #[unsafe(no_mangle)]
            pub extern "C" fn quire_plugin_entry() -> *const quire::QuirePlugin {
                DESCRIPTOR.get()
            }

            /// The manifest Quire reads from the file before running anything.
            #[unsafe(no_mangle)]
            #[used]
            #[allow(non_upper_case_globals)] // the symbol's name is fixed by the ABI
            pub static quire_plugin_manifest: [u8; quire::manifest_len(&$plugin)] = quire::manifest(&$plugin);
        };
    };
}
