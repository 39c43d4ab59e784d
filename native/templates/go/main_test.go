package main

import (
	"testing"

	"quire.dev/plugin"
)

// The manifest Quire reads must say what plugin.Register says: `make generate` after a change.
func TestTheManifestIsCurrent(t *testing.T) {
	if err := plugin.CheckManifest(); err != nil {
		t.Fatal(err)
	}
}

func TestTheFormatterTrimsEveryLineAndKeepsItsLineBreak(t *testing.T) {
	change, err := trimTrailingBlanks(&plugin.Document{Text: "a  \r\nb\t\nc "})
	if err != nil || !change.ReplacesDocument || change.Text != "a\r\nb\nc" {
		t.Fatalf("got %+v, %v", change, err)
	}
	if change, _ := trimTrailingBlanks(&plugin.Document{Text: "tidy\n"}); change.ReplacesDocument || len(change.Edits) > 0 {
		t.Fatalf("changed a tidy document: %+v", change)
	}
}

func TestTheLinterMarksEachTodo(t *testing.T) {
	diagnostics, _ := lintTodos(&plugin.Document{Text: "TODO, then TODO"})
	if len(diagnostics) != 2 || diagnostics[0].Range != (plugin.Range{Start: 0, End: 4}) || diagnostics[1].Range != (plugin.Range{Start: 11, End: 15}) {
		t.Fatalf("got %+v", diagnostics)
	}
}
