// Command json-tools is Quire's bundled JSON plugin, built with
//
//	go build -buildmode=c-shared -trimpath -o json-tools.so .
//
// It is written on quire.dev/plugin (native/sdk/go), which does the C ABI: the descriptor,
// keeping results in C memory until the next call, and recovering a panic into an error
// result. This package has no cgo of its own but the generated manifest (quire_manifest.go).
//
// No goroutine may outlive a call. Quire treats a plugin between calls as idle: a goroutine
// still running then burns CPU that Quire charges to this plugin. Everything here runs on the
// calling goroutine and returns. (The Go runtime keeps its own threads parked between calls;
// that is unavoidable and idle.)
package main

import (
	"bytes"
	"errors"

	"quire.dev/plugin"
)

func init() {
	plugin.Register(plugin.Plugin{
		ID:          "dev.quire.json-tools",
		Name:        "JSON Tools",
		Version:     "1.0.0",
		Description: "Pretty-print and minify JSON, and flag syntax errors as you type (strict JSON: no comments or trailing commas).",
		Init:        start,
		Commands: []plugin.Command{
			{ID: "pretty", Title: "JSON: Pretty Print", Run: prettyPrintCommand},
			{ID: "minify", Title: "JSON: Minify", Run: minifyCommand},
		},
		Linters: []plugin.Linter{
			{ID: "syntax", Name: "JSON syntax", Languages: []string{"json"}, Triggers: plugin.OnSave | plugin.OnChange, Lint: lintSyntax},
		},
	})
}

//go:generate go run . generate-manifest
func main() { plugin.Main() }

func start() error {
	plugin.Log(plugin.LevelDebug, "json-tools ready: 2 commands, 1 linter")
	return nil
}

func prettyPrintCommand(doc *plugin.Document) (plugin.Change, error) {
	return runCommand(doc, func(text []byte, start, end int) ([]byte, error) {
		prefix := ""
		if start > 0 {
			prefix = lineIndent(text, start)
		}
		return prettyPrint(text[start:end], prefix, lineBreak(text))
	})
}

func minifyCommand(doc *plugin.Document) (plugin.Change, error) {
	return runCommand(doc, func(text []byte, start, end int) ([]byte, error) {
		return minify(text[start:end])
	})
}

// runCommand applies transform to the selection, or to the whole document when the selection
// is empty, and returns one edit for that range; no change when nothing would change.
func runCommand(doc *plugin.Document, transform func(text []byte, start, end int) ([]byte, error)) (plugin.Change, error) {
	text := []byte(doc.Text)
	start, end := targetRange(doc.Primary().Range, len(text))
	replacement, err := transform(text, start, end)
	if err != nil {
		return plugin.NoChange(), errors.New(describe(err, text, start))
	}
	if bytes.Equal(replacement, text[start:end]) {
		return plugin.NoChange(), nil
	}
	return plugin.ReplaceRange(plugin.Range{Start: start, End: end}, string(replacement)), nil
}

// targetRange is the selection clamped to the text, or the whole text when it is empty.
func targetRange(selection plugin.Range, length int) (int, int) {
	start := max(min(selection.Start, length), 0)
	end := max(min(selection.End, length), 0)
	if start >= end {
		return 0, length
	}
	return start, end
}

func lintSyntax(doc *plugin.Document) ([]plugin.Diagnostic, error) {
	problem, found := findSyntaxError([]byte(doc.Text))
	if !found {
		return nil, nil
	}
	return []plugin.Diagnostic{{
		Range:    plugin.Range{Start: problem.start, End: problem.end},
		Severity: plugin.Error,
		Message:  problem.message,
		Code:     "json-syntax",
	}}, nil
}
