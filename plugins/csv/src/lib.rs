//! CSV — Quire's bundled plugin for comma- and tab-separated files, in Rust.
//!
//! Contributes the formats `csv` (.csv) and `tsv` (.tsv), each with a Monarch grammar and a
//! formatter that aligns columns, and the linter `field-count` for both languages.
//!
//! Written on the `quire-plugin` crate (native/sdk/rust), which does the C ABI: the descriptor
//! and the manifest come from `PLUGIN` below, results live until the next call, and a panic in
//! a handler becomes an error result. Nothing here needs `unsafe`, and the compiler holds us to it.
#![forbid(unsafe_code)]

mod align;
mod grammar;
mod lint;
mod table;

use quire_plugin::{
    export_plugin, log, Change, ChangeResult, Diagnostic, Document, Format, Level, LintResult, Linter, Plugin, Range,
    Severity,
};

const FORMATS: &[Format] = &[
    Format::new("csv", "CSV").extensions(&[".csv"]).grammar(grammar::CSV).formatter(format_csv),
    Format::new("tsv", "TSV").extensions(&[".tsv"]).grammar(grammar::TSV).formatter(format_tsv),
];

const LINTERS: &[Linter] = &[Linter::new("field-count", "CSV field count", &["csv", "tsv"], lint_field_count)];

const PLUGIN: Plugin = Plugin::new("dev.quire.csv", "CSV", env!("CARGO_PKG_VERSION"))
    .description(
        "Highlighting for CSV and TSV files, a formatter that aligns columns, and a check that every row has as many fields as the header.",
    )
    .init(init)
    .formats(FORMATS)
    .linters(LINTERS);

export_plugin!(PLUGIN);

fn init() -> Result<(), String> {
    log(Level::Debug, "csv ready: formats csv, tsv; linter field-count");
    Ok(())
}

/// The delimiter for a language id; the linter serves both languages.
fn delimiter_for(language: &str) -> u8 {
    if language == "tsv" {
        b'\t'
    } else {
        b','
    }
}

fn format_with(text: &str, delimiter: u8) -> ChangeResult {
    match align::align(text, delimiter) {
        Ok(aligned) if aligned == text => Ok(Change::none()),
        Ok(aligned) => Ok(Change::replace_document(aligned)),
        Err(align::AlignError::UnclosedQuote { line }) => Err(format!(
            "The quote opened on line {line} is never closed, so the columns cannot be aligned. Close it, then format again."
        )),
    }
}

fn format_csv(doc: &Document) -> ChangeResult {
    format_with(doc.text(), b',')
}

fn format_tsv(doc: &Document) -> ChangeResult {
    format_with(doc.text(), b'\t')
}

fn lint_field_count(doc: &Document) -> LintResult {
    let problems = lint::check(doc.text(), delimiter_for(doc.language_id()));
    Ok(problems
        .into_iter()
        .map(|problem| {
            let severity = match problem.severity {
                lint::Severity::Error => Severity::Error,
                lint::Severity::Info => Severity::Info,
            };
            Diagnostic::new(Range::new(problem.start, problem.end), severity, problem.message).code(problem.code)
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_aligned_text_changes_nothing() {
        assert_eq!(format_csv(&Document::new("a,b\n1,2\n", "csv")), Ok(Change::none()));
    }

    #[test]
    fn the_tsv_formatter_aligns_on_tabs() {
        let formatted = format_tsv(&Document::new("a\tb\nccc\td\n", "tsv")).unwrap();
        assert_eq!(formatted.text.as_deref(), Some("a  \tb\nccc\td\n"));
    }

    #[test]
    fn an_unclosed_quote_fails_the_formatter_with_its_line() {
        let failed = format_csv(&Document::new("a,b\n1,\"2\n", "csv")).unwrap_err();
        assert!(failed.starts_with("The quote opened on line 2 is never closed"), "{failed}");
    }

    #[test]
    fn the_linter_reads_tsv_documents_with_tabs() {
        let diagnostics = lint_field_count(&Document::new("a\tb\n1\n", "tsv")).unwrap();
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].range, Range::new(4, 5));
        assert_eq!(diagnostics[0].severity, Severity::Error);
        assert_eq!(diagnostics[0].code.as_deref(), Some("field-count"));
        assert_eq!(diagnostics[0].message, "Row 2 has 1 field; the header has 2.");
    }
}
