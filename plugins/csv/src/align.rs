//! The formatter: pads every field to its column's width so the columns line up.
//!
//! Padding is spaces after a field, before the delimiter; the last field of a row is never
//! padded, so no line ends in spaces. Spaces already at the end of a field are taken to be
//! earlier padding and measured away first, which makes formatting idempotent and lets a
//! column shrink again when its widest value gets shorter. A field with a line break inside
//! its quotes cannot line up with anything: it is left as written, sets no width, and the
//! rest of its row follows it. Line breaks, blank lines and a final newline (or its absence)
//! stay exactly as they were.

use crate::table::{char_width, read, Record};

/// Why a text cannot be aligned.
#[derive(Debug, PartialEq, Eq)]
pub enum AlignError {
    /// A quote opened on `line` (1-based) never closes, so the columns are unknowable.
    UnclosedQuote { line: usize },
}

/// The text with its columns aligned.
pub fn align(text: &str, delimiter: u8) -> Result<String, AlignError> {
    let table = read(text, delimiter);
    if let Some(quote) = table.unclosed_quote {
        let line = text.as_bytes()[..quote].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(AlignError::UnclosedQuote { line });
    }
    let widths = column_widths(text, &table.records);
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    for record in &table.records {
        if record.is_blank() {
            out.push_str(&text[record.start..record.end]);
            continue;
        }
        let last = record.fields.len() - 1;
        for (column, field) in record.fields.iter().enumerate() {
            let value = unpadded(&text[field.start..field.end]);
            out.push_str(value);
            if column == last {
                break;
            }
            if !value.contains('\n') {
                let padding = widths[column].saturating_sub(char_width(value));
                out.extend(std::iter::repeat_n(' ', padding));
            }
            out.push(delimiter as char);
        }
        out.push_str(&text[record.content_end..record.end]);
    }
    Ok(out)
}

/// The widest value of each column, over every row that has that column.
fn column_widths(text: &str, records: &[Record]) -> Vec<usize> {
    let mut widths: Vec<usize> = Vec::new();
    for record in records.iter().filter(|r| !r.is_blank()) {
        for (column, field) in record.fields.iter().enumerate() {
            let value = unpadded(&text[field.start..field.end]);
            if column == widths.len() {
                widths.push(0);
            }
            if !value.contains('\n') {
                widths[column] = widths[column].max(char_width(value));
            }
        }
    }
    widths
}

/// A field without the spaces after it; spaces inside quotes are data and stay.
fn unpadded(field: &str) -> &str {
    field.trim_end_matches(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_each_column_to_its_widest_value() {
        let text = "name,age,city\nAlice,30,Paris\nBo,7,Rome\n";
        assert_eq!(align(text, b',').unwrap(), "name ,age,city\nAlice,30 ,Paris\nBo   ,7  ,Rome\n");
    }

    #[test]
    fn keeps_crlf_and_a_missing_final_newline() {
        let text = "a,bb\r\nccc,d";
        assert_eq!(align(text, b',').unwrap(), "a  ,bb\r\nccc,d");
    }

    #[test]
    fn measures_in_scalar_values() {
        let text = "héé,x\nabcd,y\n";
        assert_eq!(align(text, b',').unwrap(), "héé ,x\nabcd,y\n");
    }

    #[test]
    fn quoted_fields_keep_their_delimiters_and_escaped_quotes() {
        let text = "\"a,b\",c\n\"say \"\"hi\"\"\",d\n";
        assert_eq!(align(text, b',').unwrap(), "\"a,b\"       ,c\n\"say \"\"hi\"\"\",d\n");
    }

    #[test]
    fn multi_line_fields_are_left_as_written() {
        let text = "id,note,x\n1,\"two\nlines\",y\n22,short,z\n";
        assert_eq!(align(text, b',').unwrap(), "id,note ,x\n1 ,\"two\nlines\",y\n22,short,z\n");
    }

    #[test]
    fn is_idempotent_and_lets_columns_shrink() {
        let text = "a,b\nlonger,c\n";
        let once = align(text, b',').unwrap();
        assert_eq!(align(&once, b',').unwrap(), once);
        let shortened = once.replace("longer", "x");
        assert_eq!(align(&shortened, b',').unwrap(), "a,b\nx,c\n");
    }

    #[test]
    fn blank_lines_and_ragged_rows_survive() {
        let text = "a,b,c\n\nlong,x\n";
        assert_eq!(align(text, b',').unwrap(), "a   ,b,c\n\nlong,x\n");
    }

    #[test]
    fn aligns_tsv_with_spaces_before_the_tab() {
        assert_eq!(align("a\tb\nccc\td\n", b'\t').unwrap(), "a  \tb\nccc\td\n");
    }

    #[test]
    fn refuses_an_unclosed_quote() {
        assert_eq!(align("a,b\n1,\"2\n3,4\n", b','), Err(AlignError::UnclosedQuote { line: 2 }));
    }
}
