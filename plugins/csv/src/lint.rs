//! The `field-count` linter: every row should have as many fields as the header row.

use crate::table::read;

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Info,
}

/// One problem, located by byte offsets into the text.
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub start: usize,
    pub end: usize,
    pub severity: Severity,
    pub message: String,
    pub code: &'static str,
}

/// Enough marks to show a file is ragged; thousands more would only slow the editor down.
pub const MAX_MARKED_ROWS: usize = 1000;

/// Problems in `text`: rows whose field count differs from the header's (the first row that
/// is not blank), and a quote that never closes.
pub fn check(text: &str, delimiter: u8) -> Vec<Problem> {
    let table = read(text, delimiter);
    let mut problems = Vec::new();
    let mut rows = table.records.iter().filter(|r| !r.is_blank());
    if let Some(header) = rows.next() {
        let expected = header.fields.len();
        let mut ragged = 0usize;
        for (index, record) in rows.enumerate() {
            let ends_in_unclosed_quote = table.unclosed_quote.is_some_and(|q| q >= record.start);
            if record.fields.len() == expected || ends_in_unclosed_quote {
                continue;
            }
            ragged += 1;
            if ragged <= MAX_MARKED_ROWS {
                let row = index + 2;
                let place =
                    if record.line == row { format!("Row {row}") } else { format!("Row {row} (line {})", record.line) };
                problems.push(Problem {
                    start: record.start,
                    end: record.content_end,
                    severity: Severity::Error,
                    message: format!("{place} has {}; the header has {}.", fields(record.fields.len()), expected),
                    code: "field-count",
                });
            }
        }
        if ragged > MAX_MARKED_ROWS {
            problems.push(Problem {
                start: header.start,
                end: header.content_end,
                severity: Severity::Info,
                message: format!(
                    "{ragged} rows have a different number of fields than this header; the first {MAX_MARKED_ROWS} are marked."
                ),
                code: "field-count",
            });
        }
    }
    if let Some(quote) = table.unclosed_quote {
        problems.push(Problem {
            start: quote,
            end: quote + 1,
            severity: Severity::Error,
            message: "This quote is never closed, so everything after it is one field.".to_string(),
            code: "unclosed-quote",
        });
    }
    problems
}

fn fields(count: usize) -> String {
    if count == 1 {
        "1 field".to_string()
    } else {
        format!("{count} fields")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_each_ragged_row_on_its_own_line() {
        let text = "a,b,c,d\n1,2,3,4\n5,6\n7,8,9,10\n11\n";
        let problems = check(text, b',');
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].message, "Row 3 has 2 fields; the header has 4.");
        assert_eq!(&text[problems[0].start..problems[0].end], "5,6");
        assert_eq!(problems[1].message, "Row 5 has 1 field; the header has 4.");
        assert_eq!(problems[1].code, "field-count");
    }

    #[test]
    fn names_the_line_when_rows_and_lines_differ() {
        let text = "a,b\n\"x\ny\",2\n\n3\r\n";
        let problems = check(text, b',');
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "Row 3 (line 5) has 1 field; the header has 2.");
        assert_eq!(&text[problems[0].start..problems[0].end], "3");
    }

    #[test]
    fn quoted_delimiters_do_not_count() {
        assert!(check("a,b\n\"1,5\",2\n", b',').is_empty());
    }

    #[test]
    fn flags_an_unclosed_quote_and_not_the_row_it_swallows() {
        let text = "a,b\n1,\"2\n3,4,5\n";
        let problems = check(text, b',');
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].code, "unclosed-quote");
        assert_eq!(problems[0].start, 6);
    }

    #[test]
    fn caps_the_marks_and_says_how_many_there_are() {
        let mut text = String::from("a,b\n");
        for _ in 0..MAX_MARKED_ROWS + 5 {
            text.push_str("1\n");
        }
        let problems = check(&text, b',');
        assert_eq!(problems.len(), MAX_MARKED_ROWS + 1);
        assert_eq!(problems.last().unwrap().severity, Severity::Info);
        assert_eq!(
            problems.last().unwrap().message,
            format!(
                "{} rows have a different number of fields than this header; the first {MAX_MARKED_ROWS} are marked.",
                MAX_MARKED_ROWS + 5
            )
        );
    }

    #[test]
    fn empty_and_header_only_documents_are_fine() {
        assert!(check("", b',').is_empty());
        assert!(check("a,b,c\n", b',').is_empty());
    }
}
