// go-buildmode-plugin is built with `go build -buildmode=plugin`: a Go plugin, which only a
// Go program of the exact same toolchain and dependencies can open with plugin.Open. Loading
// one into a C host (dlopen) starts a second Go runtime that expects a Go host around it.
//
// It even exports quire_plugin_entry through cgo, so a loader that only looked for the entry
// symbol would accept it: Quire must recognise the Go plugin itself and refuse it as
// "go-plugin" without running any of its code, with advice to use -buildmode=c-shared.
package main

import "C"

import "unsafe"

// Greeting is the kind of exported Go symbol plugin.Lookup is meant for.
var Greeting = "hello from a Go plugin"

// Greet is an exported Go function, also for plugin.Lookup.
func Greet() string { return Greeting }

//export quire_plugin_entry
func quire_plugin_entry() unsafe.Pointer { return nil }

func main() {}
