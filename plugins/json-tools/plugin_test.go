package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"testing"

	"quire.dev/plugin"
)

func TestTheLinkedManifestIsThePlugins(t *testing.T) {
	if err := plugin.CheckManifest(); err != nil {
		t.Fatal(err)
	}
}

// The SDK does all the C; the plugin's own code stays plain Go. Only the generated manifest
// (quire_manifest.go) may import "C", because Go cannot export data any other way.
func TestNoCgoOrUnsafeOutsideTheGeneratedManifest(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	for _, file := range files {
		parsed, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly|parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if ast.IsGenerated(parsed) {
			continue
		}
		for _, spec := range parsed.Imports {
			if path, _ := strconv.Unquote(spec.Path.Value); path == "C" || path == "unsafe" {
				t.Errorf("%s imports %q", file, path)
			}
		}
	}
}

func TestPrettyPrintEditsTheSelectionAndIndentsLikeItsLine(t *testing.T) {
	text := "{\n  \"a\": {\"b\":1}\n}\n"
	selection := plugin.Range{Start: 9, End: 16} // {"b":1}
	change, err := prettyPrintCommand(&plugin.Document{Text: text, Selections: []plugin.Selection{{Range: selection, Active: 16}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []plugin.Edit{{Range: selection, Text: "{\n    \"b\": 1\n  }"}}
	if len(change.Edits) != 1 || change.Edits[0] != want[0] || change.ReplacesDocument {
		t.Fatalf("got %+v, want %+v", change, want)
	}
}

func TestMinifyWithACursorTakesTheWholeDocument(t *testing.T) {
	text := "[ 1,\n  2 ]\n"
	change, err := minifyCommand(&plugin.Document{Text: text, Selections: []plugin.Selection{{Range: plugin.Range{Start: 3, End: 3}}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(change.Edits) != 1 || change.Edits[0] != (plugin.Edit{Range: plugin.Range{Start: 0, End: len(text)}, Text: "[1,2]\n"}) {
		t.Fatalf("got %+v", change)
	}
}

func TestAlreadyMinifiedJSONIsNoChange(t *testing.T) {
	change, err := minifyCommand(&plugin.Document{Text: `{"a":1}`})
	if err != nil || len(change.Edits) != 0 || change.Message != "" {
		t.Fatalf("got %+v, %v", change, err)
	}
}

func TestInvalidJSONFailsWithWhereItIsBroken(t *testing.T) {
	_, err := prettyPrintCommand(&plugin.Document{Text: "[1]\n[€]"})
	if err == nil || err.Error() != "This is not valid JSON: invalid character '[' after top-level value (line 2, column 1)." {
		t.Fatalf("got %v", err)
	}
}

func TestTheLinterReportsOneSyntaxError(t *testing.T) {
	diagnostics, err := lintSyntax(&plugin.Document{Text: "{}x", LanguageID: "json"})
	if err != nil || len(diagnostics) != 1 {
		t.Fatalf("got %+v, %v", diagnostics, err)
	}
	if d := diagnostics[0]; d.Range != (plugin.Range{Start: 2, End: 3}) || d.Severity != plugin.Error || d.Code != "json-syntax" {
		t.Fatalf("got %+v", d)
	}
	if diagnostics, _ := lintSyntax(&plugin.Document{Text: "{}"}); diagnostics != nil {
		t.Fatalf("valid JSON: %+v", diagnostics)
	}
}
