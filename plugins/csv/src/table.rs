//! Reading delimited text (CSV, TSV) into records and fields without copying it.
//!
//! The reader follows RFC 4180 where the text does and stays lenient where it does not, as an
//! editor must: a quote inside an unquoted field is text, text after a closing quote belongs
//! to the field, and "\n" or "\r\n" ends a record. Every position is a byte offset into the
//! text and lies on a character boundary, because delimiters, quotes and line breaks are ASCII.

/// One field: `start..end` is its text as written, quotes included, line break excluded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub start: usize,
    pub end: usize,
}

/// One record: `start..content_end` is its text, `content_end..end` its line break (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub start: usize,
    pub content_end: usize,
    pub end: usize,
    /// 1-based line the record starts on; a quoted field may carry it over several lines.
    pub line: usize,
    pub fields: Vec<Field>,
}

impl Record {
    /// A line with nothing on it. Blank lines are not rows: they are kept, never counted.
    pub fn is_blank(&self) -> bool {
        self.start == self.content_end
    }
}

/// A whole text read as records.
#[derive(Debug)]
pub struct Table {
    pub records: Vec<Record>,
    /// Offset of a quote that opens a field and is never closed: that field runs to the end of
    /// the text, inside the last record.
    pub unclosed_quote: Option<usize>,
}

/// Reads `text` as records separated by line breaks and fields separated by `delimiter`.
pub fn read(text: &str, delimiter: u8) -> Table {
    let bytes = text.as_bytes();
    let mut reader = Reader { bytes, delimiter, pos: 0, line: 1, unclosed_quote: None };
    let mut records = Vec::new();
    while reader.pos < bytes.len() && reader.unclosed_quote.is_none() {
        records.push(reader.record());
    }
    Table { records, unclosed_quote: reader.unclosed_quote }
}

struct Reader<'a> {
    bytes: &'a [u8],
    delimiter: u8,
    pos: usize,
    line: usize,
    unclosed_quote: Option<usize>,
}

impl Reader<'_> {
    fn record(&mut self) -> Record {
        let start = self.pos;
        let line = self.line;
        let mut fields = Vec::new();
        loop {
            let field = self.field();
            let field_end = field.end;
            fields.push(field);
            match self.bytes.get(self.pos) {
                Some(&byte) if byte == self.delimiter => self.pos += 1,
                Some(b'\n') => {
                    self.pos += 1;
                    self.line += 1;
                    return Record { start, content_end: field_end, end: self.pos, line, fields };
                }
                _ => return Record { start, content_end: field_end, end: self.pos, line, fields },
            }
        }
    }

    /// Reads one field and stops on the delimiter or "\n" after it (or at the end of the text).
    fn field(&mut self) -> Field {
        let start = self.pos;
        if self.bytes.get(self.pos) == Some(&b'"') {
            self.pos += 1;
            if !self.skip_quoted() {
                self.unclosed_quote = Some(start);
                return Field { start, end: self.bytes.len() };
            }
        }
        while let Some(&byte) = self.bytes.get(self.pos) {
            if byte == self.delimiter || byte == b'\n' {
                break;
            }
            self.pos += 1;
        }
        let mut end = self.pos;
        if self.bytes.get(self.pos) == Some(&b'\n') && end > start && self.bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Field { start, end }
    }

    /// Moves past the closing quote of a quoted field; false when the text ends first.
    fn skip_quoted(&mut self) -> bool {
        while let Some(&byte) = self.bytes.get(self.pos) {
            self.pos += 1;
            match byte {
                b'"' if self.bytes.get(self.pos) == Some(&b'"') => self.pos += 1,
                b'"' => return true,
                b'\n' => self.line += 1,
                _ => {}
            }
        }
        false
    }
}

/// Number of Unicode scalar values in `text`: what a column's width is measured in.
pub fn char_width(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_texts<'a>(text: &'a str, record: &Record) -> Vec<&'a str> {
        record.fields.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn reads_plain_records_and_keeps_line_breaks_out_of_fields() {
        let text = "a,b\r\n1,2\n";
        let table = read(text, b',');
        assert_eq!(table.records.len(), 2);
        assert_eq!(field_texts(text, &table.records[0]), ["a", "b"]);
        assert_eq!(&text[table.records[0].content_end..table.records[0].end], "\r\n");
        assert_eq!(field_texts(text, &table.records[1]), ["1", "2"]);
        assert_eq!(table.records[1].line, 2);
        assert!(table.unclosed_quote.is_none());
    }

    #[test]
    fn quoted_fields_hold_delimiters_escaped_quotes_and_line_breaks() {
        let text = "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row";
        let table = read(text, b',');
        assert_eq!(field_texts(text, &table.records[0]), ["\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\""]);
        assert_eq!(table.records[1].line, 3);
        assert_eq!(field_texts(text, &table.records[1]), ["next", "row"]);
    }

    #[test]
    fn a_trailing_delimiter_makes_an_empty_last_field() {
        let text = "a,b,\n";
        let table = read(text, b',');
        assert_eq!(field_texts(text, &table.records[0]), ["a", "b", ""]);
    }

    #[test]
    fn blank_lines_are_records_with_no_content() {
        let text = "a\n\nb";
        let table = read(text, b',');
        assert_eq!(table.records.len(), 3);
        assert!(table.records[1].is_blank());
        assert!(!table.records[2].is_blank());
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        let text = "a,b\n1,\"open\n2,3\n";
        let table = read(text, b',');
        assert_eq!(table.unclosed_quote, Some(6));
        assert_eq!(table.records.len(), 2);
        assert_eq!(table.records[1].fields[1].end, text.len());
    }

    #[test]
    fn tabs_delimit_tsv() {
        let text = "a\tb,c\n";
        let table = read(text, b'\t');
        assert_eq!(field_texts(text, &table.records[0]), ["a", "b,c"]);
    }

    #[test]
    fn width_counts_scalar_values_not_bytes() {
        assert_eq!(char_width("héllo"), 5);
        assert_eq!(char_width("日本"), 2);
    }
}
