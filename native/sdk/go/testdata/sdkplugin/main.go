// A plugin written on quire.dev/plugin for the SDK's own test (abi_test.go), which builds it
// with -buildmode=c-shared and drives it through the C ABI with driver.c, as Quire would.
package main

import (
	"errors"
	"os"
	"strings"

	"quire.dev/plugin"
)

func init() {
	plugin.Register(plugin.Plugin{
		ID:           "org.example.sdk-test",
		Name:         "SDK Test",
		Version:      "2.3.4",
		Description:  "Exercises the Go SDK.",
		Capabilities: plugin.Network,
		Init:         start,
		Shutdown:     func() { plugin.Log(plugin.LevelInfo, "bye") },
		Commands: []plugin.Command{
			{ID: "uppercase", Title: "Test: Uppercase", Keybinding: "Ctrl+Alt+U", Run: uppercase},
			{ID: "explode", Title: "Test: Explode", Run: func(*plugin.Document) (plugin.Change, error) { panic("the plugin's bug") }},
			{ID: "refuse", Title: "Test: Refuse", Run: refuse},
			{ID: "nothing", Title: "Test: Nothing", Run: func(*plugin.Document) (plugin.Change, error) { return plugin.NoChange(), nil }},
			{ID: "log-from-a-goroutine", Title: "Test: Log From a Goroutine", Run: logFromAGoroutine},
		},
		Formats: []plugin.Format{
			{ID: "tidy", Name: "Tidy", Extensions: []string{".tidy", ".td"}, Filenames: []string{"Tidyfile"}, Grammar: `{"tokenizer":{"root":[]}}`, Format: tidy},
			{ID: "plain-ish", Name: "Plain-ish", Filenames: []string{"PLAIN"}},
		},
		Linters: []plugin.Linter{
			{ID: "todo", Name: "TODO finder", Languages: []string{"tidy", "plaintext"}, Lint: todos},
			{ID: "saves", Name: "On save only", Languages: []string{"plain-ish"}, Triggers: plugin.OnSave, Lint: todos},
		},
	})
}

func start() error {
	if os.Getenv("SDK_TEST_FAIL_INIT") != "" {
		return errors.New("The settings file is missing.")
	}
	plugin.Log(plugin.LevelDebug, "ready")
	return nil
}

func uppercase(doc *plugin.Document) (plugin.Change, error) {
	selection := doc.Primary().Range
	text, ok := doc.Slice(selection)
	if !ok {
		return plugin.Change{}, errors.New("The selection is not in the document.")
	}
	return plugin.ReplaceRange(selection, strings.ToUpper(text)).WithMessage("Uppercased."), nil
}

func refuse(doc *plugin.Document) (plugin.Change, error) {
	where := doc.Path
	if where == "" {
		where = "an unsaved document"
	}
	return plugin.Change{}, errors.New("Nothing to do in " + where + ".")
}

func logFromAGoroutine(*plugin.Document) (plugin.Change, error) {
	done := make(chan struct{})
	go func() {
		// Another thread than Quire's: the SDK sends this line to stderr, not to the host.
		plugin.Log(plugin.LevelWarning, "from a goroutine")
		close(done)
	}()
	<-done
	plugin.Log(plugin.LevelInfo, "from Quire's thread")
	return plugin.NoChange(), nil
}

func tidy(doc *plugin.Document) (plugin.Change, error) {
	return plugin.ReplaceDocument(strings.TrimRight(doc.Text, " \n") + "\n"), nil
}

func todos(doc *plugin.Document) ([]plugin.Diagnostic, error) {
	var found []plugin.Diagnostic
	for offset := 0; ; offset += 4 {
		at := strings.Index(doc.Text[offset:], "TODO")
		if at < 0 {
			return found, nil
		}
		offset += at
		found = append(found, plugin.Diagnostic{Range: plugin.Range{Start: offset, End: offset + 4}, Severity: plugin.Warning, Message: "Something is left to do.", Code: "todo"})
	}
}

//go:generate go run . generate-manifest
func main() { plugin.Main() }
