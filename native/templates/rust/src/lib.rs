//! {{title}} — a Quire plugin written in Rust. Made by `quire new-plugin`; make it yours.
//!
//! It contributes one of each kind of thing a plugin can:
//! - a command, "{{title}}: Say Hello", in the command palette (Ctrl+Shift+P);
//! - a file format, "{{title}}" (files ending in .{{name}}), with syntax highlighting and a
//!   formatter (Format Document) that removes trailing spaces and tabs;
//! - a linter that warns about every TODO in those files as you type.
//!
//! The `quire-plugin` crate does the C ABI (quire_plugin.h): from `PLUGIN` below it writes the
//! descriptor and the manifest Quire reads, keeps each result alive as long as Quire needs it,
//! and turns a panic into an error the user sees. This file needs no `unsafe`.
#![forbid(unsafe_code)]

use quire_plugin::{
    export_plugin, log, Change, ChangeResult, Command, Diagnostic, Document, Format, Level, LintResult, Linter, Plugin,
    Range,
};

// ---- the command -------------------------------------------------------------------------

/// Replaces the primary selection (or inserts at the cursor) with a greeting.
fn say_hello(doc: &Document) -> ChangeResult {
    Ok(Change::edit(doc.primary().range, "Hello from {{title}}!").with_message("{{title}} said hello."))
}

// ---- the format --------------------------------------------------------------------------

/// A Monaco Monarch grammar, as JSON (https://microsoft.github.io/monaco-editor/monarch.html):
/// `#` comments, the keyword TODO, numbers and double-quoted strings. Quire refuses a grammar
/// whose regular expressions could backtrack catastrophically (unsafe-grammar), so keep every
/// rule simple.
const GRAMMAR: &str = r##"{"keywords": ["TODO"], "tokenizer": {"root": [
  ["#.*$", "comment"],
  ["[A-Za-z_][A-Za-z0-9_]*", {"cases": {"@keywords": "keyword", "@default": "identifier"}}],
  ["[0-9]+", "number"],
  ["\"[^\"]*\"", "string"]
]}}"##;

/// Removes spaces and tabs at the end of every line, keeping each line's break ("\n" or "\r\n").
fn trim_trailing_blanks(doc: &Document) -> ChangeResult {
    let text = doc.text();
    let mut trimmed = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\r', '\n']);
        trimmed.push_str(content.trim_end_matches([' ', '\t']));
        trimmed.push_str(&line[content.len()..]);
    }
    // Nothing to trim: no change at all, rather than the same text back.
    Ok(if trimmed == text { Change::none() } else { Change::replace_document(trimmed) })
}

// ---- the linter --------------------------------------------------------------------------

/// Stops counting here: a result may hold up to 100 000 diagnostics, but nobody reads that many.
const MAX_TODOS: usize = 1000;

/// One warning on each TODO.
fn lint_todos(doc: &Document) -> LintResult {
    Ok(doc
        .text()
        .match_indices("TODO")
        .take(MAX_TODOS)
        .map(|(at, word)| {
            Diagnostic::warning(Range::new(at, at + word.len()), "TODO: finish this before you ship.").code("todo")
        })
        .collect())
}

// ---- the plugin --------------------------------------------------------------------------

/// Runs once after loading, before any handler: set up here, never in a static initializer.
fn init() -> Result<(), String> {
    log(Level::Info, "{{title}} is ready");
    Ok(())
}

const COMMANDS: &[Command] = &[Command::new("say-hello", "{{title}}: Say Hello", say_hello)];

const FORMATS: &[Format] = &[Format::new("{{name}}", "{{title}}")
    .extensions(&[".{{name}}"])
    .grammar(GRAMMAR)
    .formatter(trim_trailing_blanks)];

const LINTERS: &[Linter] = &[Linter::new("todo", "{{title}} TODOs", &["{{name}}"], lint_todos)];

/// The plugin. Put your own reverse-DNS domain in its id. It asks for no capabilities; to read
/// files beside the document or use the network, add `.capabilities(...)`: the manifest, which
/// the user sees before allowing the plugin, says so too.
const PLUGIN: Plugin = Plugin::new("{{id}}", "{{title}}", env!("CARGO_PKG_VERSION"))
    .description("A command, a file format and a linter, from the quire new-plugin template.")
    .init(init)
    .commands(COMMANDS)
    .formats(FORMATS)
    .linters(LINTERS);

export_plugin!(PLUGIN);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formatter_trims_every_line_and_keeps_its_line_break() {
        let doc = Document::new("a  \r\nb\t\nc ", "{{name}}");
        assert_eq!(trim_trailing_blanks(&doc), Ok(Change::replace_document("a\r\nb\nc")));
        assert_eq!(trim_trailing_blanks(&Document::new("tidy\n", "{{name}}")), Ok(Change::none()));
    }

    #[test]
    fn the_linter_marks_each_todo() {
        let diagnostics = lint_todos(&Document::new("TODO, then TODO", "{{name}}")).unwrap();
        let ranges: Vec<Range> = diagnostics.iter().map(|d| d.range).collect();
        assert_eq!(ranges, [Range::new(0, 4), Range::new(11, 15)]);
    }
}
