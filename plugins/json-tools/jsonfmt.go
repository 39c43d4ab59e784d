package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jsonWhitespace is what RFC 8259 allows around and between tokens.
const jsonWhitespace = " \t\r\n"

// errNoJSON is returned for a range holding nothing but whitespace.
var errNoJSON = errors.New("there is no JSON to format here")

// lineBreak is the document's line break: "\r\n" when its first line ends with one.
func lineBreak(text []byte) string {
	if i := bytes.IndexByte(text, '\n'); i > 0 && text[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// lineIndent is the whitespace that starts the line holding offset, so a value pretty-printed
// in the middle of a file lines up with the line it starts on.
func lineIndent(text []byte, offset int) string {
	start := bytes.LastIndexByte(text[:offset], '\n') + 1
	end := start
	for end < offset && (text[end] == ' ' || text[end] == '\t') {
		end++
	}
	return string(text[start:end])
}

// splitWhitespace cuts src into leading whitespace, the JSON between, and trailing whitespace.
func splitWhitespace(src []byte) (lead, body, trail []byte) {
	trimmed := bytes.TrimLeft(src, jsonWhitespace)
	lead = src[:len(src)-len(trimmed)]
	body = bytes.TrimRight(trimmed, jsonWhitespace)
	return lead, body, trimmed[len(body):]
}

// reformat rewrites the JSON in src with format and keeps the whitespace around it as it was,
// so a final newline survives. Invalid JSON yields its *json.SyntaxError, located in src.
func reformat(src []byte, format func(dst *bytes.Buffer, body []byte) error) ([]byte, error) {
	lead, body, trail := splitWhitespace(src)
	if len(body) == 0 {
		return nil, errNoJSON
	}
	if err := checkSyntax(body); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			syntax.Offset += int64(len(lead))
		}
		return nil, err
	}
	var out bytes.Buffer
	out.Grow(len(src) + len(src)/2)
	out.Write(lead)
	if err := format(&out, body); err != nil {
		return nil, err
	}
	out.Write(trail)
	return out.Bytes(), nil
}

// checkSyntax returns nil for valid JSON, else a *json.SyntaxError with its offset: Indent and
// Compact report syntax errors without one, the decoder's validation sets it.
func checkSyntax(text []byte) error {
	if json.Valid(text) {
		return nil
	}
	return json.Unmarshal(text, new(json.RawMessage))
}

// prettyPrint indents src with two spaces, continuing lines with prefix, using lineBreak.
func prettyPrint(src []byte, prefix, lineBreak string) ([]byte, error) {
	return reformat(src, func(dst *bytes.Buffer, body []byte) error {
		var indented bytes.Buffer
		if err := json.Indent(&indented, body, prefix, "  "); err != nil {
			return err
		}
		// Valid JSON has no raw newline inside strings, so every "\n" here is one Indent wrote.
		if lineBreak == "\n" {
			dst.Write(indented.Bytes())
		} else {
			dst.Write(bytes.ReplaceAll(indented.Bytes(), []byte("\n"), []byte(lineBreak)))
		}
		return nil
	})
}

// minify removes every insignificant space inside the JSON in src.
func minify(src []byte) ([]byte, error) {
	return reformat(src, func(dst *bytes.Buffer, body []byte) error {
		return json.Compact(dst, body)
	})
}

// syntaxProblem is a JSON syntax error located in the text: [start, end) in bytes.
type syntaxProblem struct {
	start, end int
	message    string
}

// findSyntaxError checks text as one strict JSON document. A document of only whitespace is
// not reported: that is a file being started, not a mistake.
func findSyntaxError(text []byte) (syntaxProblem, bool) {
	if len(bytes.TrimLeft(text, jsonWhitespace)) == 0 {
		return syntaxProblem{}, false
	}
	err := checkSyntax(text)
	var syntax *json.SyntaxError
	if err == nil {
		return syntaxProblem{}, false
	}
	if !errors.As(err, &syntax) {
		return syntaxProblem{message: sentence(err.Error())}, true
	}
	start, end := errorRange(text, syntax)
	return syntaxProblem{start: start, end: end, message: sentence(syntaxMessage(text, syntax))}, true
}

// syntaxMessage is the error's text with the offending character as the user typed it: the
// decoder quotes only the first byte of a multi-byte character, so "é" would read as "Ã".
func syntaxMessage(text []byte, syntax *json.SyntaxError) string {
	message := syntax.Error()
	start, end := errorRange(text, syntax)
	if end-start < 2 {
		return message
	}
	character, _ := utf8.DecodeRune(text[start:end])
	return strings.Replace(message, strconv.QuoteRune(rune(text[start])), strconv.QuoteRune(character), 1)
}

// errorRange turns a SyntaxError into the range of the offending character. Its Offset counts
// the bytes read up to and including that character; running out of input is marked as an
// empty range at the end of the text.
func errorRange(text []byte, syntax *json.SyntaxError) (int, int) {
	offset := int(syntax.Offset)
	if offset > len(text) || strings.HasPrefix(syntax.Error(), "unexpected end") {
		return len(text), len(text)
	}
	if offset <= 0 {
		return 0, 0
	}
	start := offset - 1
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	_, size := utf8.DecodeRune(text[start:])
	return start, start + size
}

// position is the 1-based line and column (in characters) of a byte offset, for messages.
func position(text []byte, offset int) (line, column int) {
	before := text[:min(offset, len(text))]
	line = bytes.Count(before, []byte("\n")) + 1
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return line, utf8.RuneCount(before[lineStart:]) + 1
}

// describe explains a failed reformat for the user, with where the JSON is broken.
func describe(err error, text []byte, base int) string {
	var syntax *json.SyntaxError
	if errors.As(err, &syntax) {
		line, column := position(text, base+int(syntax.Offset)-1)
		return fmt.Sprintf("This is not valid JSON: %s (line %d, column %d).", syntaxMessage(text[base:], syntax), line, column)
	}
	return sentence(err.Error())
}

// sentence capitalises a Go error message for display.
func sentence(message string) string {
	if message == "" {
		return message
	}
	message = strings.ToUpper(message[:1]) + message[1:]
	if !strings.HasSuffix(message, ".") {
		message += "."
	}
	return message
}
