// {{title}} is a Quire plugin written in Go. Made by `quire new-plugin`; make it yours.
//
// It contributes one of each kind of thing a plugin can:
//   - a command, "{{title}}: Say Hello", in the command palette (Ctrl+Shift+P);
//   - a file format, "{{title}}" (files ending in .{{name}}), with syntax highlighting and a
//     formatter (Format Document) that removes trailing spaces and tabs;
//   - a linter that warns about every TODO in those files as you type.
//
// The quire.dev/plugin package does the C ABI (quire_plugin.h): it builds the descriptor from
// the plugin.Register call below, keeps each result alive as long as Quire needs it, and turns
// a panic into an error the user sees. This file needs neither cgo nor unsafe; the manifest
// Quire reads from the file is generated into quire_manifest.go (`make generate`).
package main

import (
	"strings"

	"quire.dev/plugin"
)

// init declares the plugin, and nothing else: init functions run while the library is
// loading, before Quire can hear about a failure. Set up in Init instead.
func init() {
	plugin.Register(plugin.Plugin{
		// Put your own reverse-DNS domain in the id. After changing the id, name, version or
		// capabilities, run `make generate` to rewrite quire_manifest.go.
		ID:          "{{id}}",
		Name:        "{{title}}",
		Version:     "0.1.0",
		Description: "A command, a file format and a linter, from the quire new-plugin template.",
		Init:        start,
		Commands: []plugin.Command{
			{ID: "say-hello", Title: "{{title}}: Say Hello", Run: sayHello},
		},
		Formats: []plugin.Format{
			{ID: "{{name}}", Name: "{{title}}", Extensions: []string{".{{name}}"}, Grammar: grammar, Format: trimTrailingBlanks},
		},
		Linters: []plugin.Linter{
			{ID: "todo", Name: "{{title}} TODOs", Languages: []string{"{{name}}"}, Triggers: plugin.OnChange | plugin.OnSave, Lint: lintTodos},
		},
	})
}

// start runs once after loading, before any handler.
func start() error {
	plugin.Log(plugin.LevelInfo, "{{title}} is ready")
	return nil
}

// ---- the command ----------------------------------------------------------------------------

// sayHello replaces the primary selection (or inserts at the cursor) with a greeting.
func sayHello(doc *plugin.Document) (plugin.Change, error) {
	return plugin.ReplaceRange(doc.Primary().Range, "Hello from {{title}}!").WithMessage("{{title}} said hello."), nil
}

// ---- the format -----------------------------------------------------------------------------

// grammar is a Monaco Monarch grammar, as JSON (https://microsoft.github.io/monaco-editor/monarch.html):
// `#` comments, the keyword TODO, numbers and double-quoted strings. Quire refuses a grammar
// whose regular expressions could backtrack catastrophically (unsafe-grammar), so keep every
// rule simple.
const grammar = `{"keywords": ["TODO"], "tokenizer": {"root": [
  ["#.*$", "comment"],
  ["[A-Za-z_][A-Za-z0-9_]*", {"cases": {"@keywords": "keyword", "@default": "identifier"}}],
  ["[0-9]+", "number"],
  ["\"[^\"]*\"", "string"]
]}}`

// trimTrailingBlanks removes spaces and tabs at the end of every line, keeping each line's
// break ("\n" or "\r\n").
func trimTrailingBlanks(doc *plugin.Document) (plugin.Change, error) {
	var trimmed strings.Builder
	trimmed.Grow(len(doc.Text))
	for _, line := range strings.SplitAfter(doc.Text, "\n") {
		content := strings.TrimRight(line, "\r\n")
		trimmed.WriteString(strings.TrimRight(content, " \t"))
		trimmed.WriteString(line[len(content):])
	}
	if trimmed.String() == doc.Text {
		return plugin.NoChange(), nil // nothing to trim: no change at all, rather than the same text back
	}
	return plugin.ReplaceDocument(trimmed.String()), nil
}

// ---- the linter -----------------------------------------------------------------------------

// maxTodos stops counting: a result may hold up to 100 000 diagnostics, but nobody reads that many.
const maxTodos = 1000

// lintTodos puts one warning on each TODO.
func lintTodos(doc *plugin.Document) ([]plugin.Diagnostic, error) {
	var found []plugin.Diagnostic
	for offset := 0; len(found) < maxTodos; {
		at := strings.Index(doc.Text[offset:], "TODO")
		if at < 0 {
			break
		}
		start := offset + at
		found = append(found, plugin.Diagnostic{
			Range:    plugin.Range{Start: start, End: start + len("TODO")},
			Severity: plugin.Warning,
			Message:  "TODO: finish this before you ship.",
			Code:     "todo",
		})
		offset = start + len("TODO")
	}
	return found, nil
}

// main never runs in Quire (a c-shared library's main does not run); `make generate` runs it
// to write quire_manifest.go from the plugin.Register call above.
//
//go:generate go run . generate-manifest
func main() { plugin.Main() }
