// Package plugin writes Quire plugins in plain Go, built with -buildmode=c-shared.
//
// A plugin declares itself once, in an init function, with [Register]: its id, name,
// version, capabilities, and the commands, formats and linters it contributes, each with an
// ordinary Go handler. The package does all of the C ABI of native/include/quire_plugin.h
// (ABI 1.1): the exported quire_plugin_entry and the descriptor, reading Quire's document,
// keeping each result in C memory until the next call as the header requires, logging
// through the host table, and recovering panics so that one becomes an error result instead
// of ending the plugin's process. A plugin's own code needs neither cgo nor unsafe.
//
//	package main
//
//	import (
//		"strings"
//
//		"quire.dev/plugin"
//	)
//
//	func init() {
//		plugin.Register(plugin.Plugin{
//			ID: "org.example.shout", Name: "Shout", Version: "1.0.0",
//			Commands: []plugin.Command{{ID: "shout", Title: "Shout: Uppercase Selection", Run: shout}},
//		})
//	}
//
//	func shout(doc *plugin.Document) (plugin.Change, error) {
//		selection := doc.Primary().Range
//		text, _ := doc.Slice(selection)
//		return plugin.ReplaceRange(selection, strings.ToUpper(text)), nil
//	}
//
//	//go:generate go run . generate-manifest
//	func main() { plugin.Main() }
//
// The manifest — the text Quire reads from the library file before running it, to ask the
// user — must be C data, which Go cannot export: `go generate` (running [Main]) writes it
// from the registered plugin into quire_manifest.go, the package's one generated C file.
// [CheckManifest] in a test keeps it current.
package plugin

import (
	"fmt"
	"os"
)

// Capability is what a plugin may do beyond its own process (quire_plugin.h, QUIRE_CAP_*);
// combine them with |. The user is asked to allow them before the plugin runs.
type Capability uint32

const (
	// ReadDocumentFolder lets the plugin read (never write) files under the folder of the
	// document being handled.
	ReadDocumentFolder Capability = 1 << 0
	// Network lets the plugin open sockets (TCP, UDP, Unix).
	Network Capability = 1 << 1
)

// Trigger says when a linter runs (quire_plugin.h, QUIRE_LINT_*); combine them with |.
type Trigger uint32

const (
	OnSave   Trigger = 1 << 0
	OnChange Trigger = 1 << 1
)

// ChangeHandler runs a command or a formatter. An error fails the call: the user sees its
// text, and the document is unchanged.
type ChangeHandler func(doc *Document) (Change, error)

// LintHandler runs a linter: the problems found (none: nil), or why it could not look.
type LintHandler func(doc *Document) ([]Diagnostic, error)

// Command is run by the user from the command palette or a keybinding.
type Command struct {
	// ID is unique within the plugin: lowercase letters, digits, '.', '-', '_'.
	ID string
	// Title is shown in the command palette, e.g. "JSON: Pretty Print".
	Title string
	// Keybinding is optional: modifiers (Ctrl, Shift, Alt, Meta) and a key joined by '+'.
	Keybinding string
	Run        ChangeHandler
}

// Format is a file format: a language with highlighting and, optionally, a formatter.
type Format struct {
	// ID is the language id, e.g. "csv"; Name is what the user sees, e.g. "CSV".
	ID, Name string
	// Extensions (with their dot: ".csv") and Filenames ("Makefile"): at least one of either.
	Extensions, Filenames []string
	// Grammar is an optional Monaco Monarch grammar as JSON text (native/README.md, "Grammars").
	Grammar string
	// Format is optional: the handler behind Format Document for this language.
	Format ChangeHandler
}

// Linter checks documents of one or more languages.
type Linter struct {
	ID string
	// Name is shown next to its diagnostics.
	Name string
	// Languages are the language ids it checks (at least one).
	Languages []string
	// Triggers defaults to OnSave|OnChange when zero.
	Triggers Trigger
	Lint     LintHandler
}

// Plugin is a whole plugin's declaration.
type Plugin struct {
	// ID is reverse-DNS and unique among all plugins, e.g. "org.example.word-stats".
	ID string
	// Name is shown to the user; Version is the plugin's own, e.g. "1.2.0".
	Name, Version string
	// Description is one optional sentence for the Plugins panel.
	Description  string
	Capabilities Capability
	// Init runs once after loading, before any handler, under a 5 s deadline. An error is
	// logged and shown as the reason the plugin did not start.
	Init func() error
	// Shutdown runs once before the plugin's process ends normally.
	Shutdown func()
	Commands []Command
	Formats  []Format
	Linters  []Linter
}

var registered *Plugin

// Register declares the plugin. Call it once, from an init function of package main, and
// do nothing else there: init functions run while the library is being loaded, before Quire
// can hear about a failure (quire_plugin.h, NO WORK IN CONSTRUCTORS). Set up in Plugin.Init.
func Register(p Plugin) {
	if registered != nil {
		fmt.Fprintf(os.Stderr, "quire.dev/plugin: Register was called twice (%q, then %q); the first declaration stands.\n", registered.ID, p.ID)
		return
	}
	registered = &p
}
