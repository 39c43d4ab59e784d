//! Monarch grammars (Monaco's declarative highlighter) for CSV and TSV, as JSON text.
//!
//! The first row is the header: its fields are `keyword` tokens. Monarch tokenizes line by
//! line, so the header states switch to the data states when a match ends the line (`@eos`),
//! and a quoted field that spans lines simply stays in its quoted state. Data rows mark
//! delimiters, quoted strings (with `""` escapes) and fields that are a single number.
//! Only `switchTo` is used, never `next`, so the state stack never grows.

macro_rules! monarch_grammar {
    ($delimiter:literal) => {
        concat!(
            r#"{"defaultToken":"","tokenizer":{"#,
            r#""root":["#,
            r#"["\"",{"token":"keyword","switchTo":"@headerQuoted"}],"#,
            r#"["[^"#, $delimiter, r#"\"]+",{"cases":{"@eos":{"token":"keyword","switchTo":"@data"},"@default":"keyword"}}],"#,
            r#"[""#, $delimiter, r#"",{"cases":{"@eos":{"token":"delimiter","switchTo":"@data"},"@default":"delimiter"}}]"#,
            r#"],"#,
            r#""headerQuoted":["#,
            r#"["[^\"]+","keyword"],"#,
            r#"["\"\"","string.escape"],"#,
            r#"["\"",{"cases":{"@eos":{"token":"keyword","switchTo":"@data"},"@default":{"token":"keyword","switchTo":"@root"}}}]"#,
            r#"],"#,
            r#""data":["#,
            r#"["-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)? *(?="#, $delimiter, r#"|$)","number"],"#,
            r#"["[^"#, $delimiter, r#"\"]+",""],"#,
            r#"[""#, $delimiter, r#"","delimiter"],"#,
            r#"["\"",{"token":"string","switchTo":"@quoted"}]"#,
            r#"],"#,
            r#""quoted":["#,
            r#"["[^\"]+","string"],"#,
            r#"["\"\"","string.escape"],"#,
            r#"["\"",{"token":"string","switchTo":"@data"}]"#,
            r#"]"#,
            r#"}}"#
        )
    };
}

pub const CSV: &str = monarch_grammar!(",");
/// `\\t` is JSON for a backslash and a `t`: the regular expression `\t`, a tab.
pub const TSV: &str = monarch_grammar!("\\\\t");

#[cfg(test)]
mod tests {
    use super::*;

    /// No JSON parser without dependencies: check the shape that matters and let the
    /// host-side tests parse it.
    #[test]
    fn grammars_start_with_a_tokenizer_and_name_every_state_they_switch_to() {
        for grammar in [CSV, TSV] {
            assert!(grammar.starts_with(r#"{"defaultToken":"","tokenizer":{"root":["#));
            for state in ["headerQuoted", "data", "quoted", "root"] {
                assert!(grammar.contains(&format!(r#""{state}":["#)), "{state} missing");
            }
        }
        assert!(TSV.contains(r#""[^\\t\"]+""#));
        assert!(CSV.contains(r#""[^,\"]+""#));
    }
}
