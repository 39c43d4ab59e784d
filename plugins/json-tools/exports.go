// Command json-tools is Quire's bundled JSON plugin, built with
//
//	go build -buildmode=c-shared -trimpath -o json-tools.so .
//
// The descriptor and the memory results live in are C (result.c); the handlers below are Go
// functions exported to it. Quire calls them from one thread, one call at a time.
//
// No goroutine may outlive a call. Quire treats a plugin between calls as idle: a goroutine
// still running then burns CPU that Quire charges to this plugin, may touch result memory
// while Quire copies it, and must never call the host's functions, which are only valid on
// Quire's thread during a call. Everything here runs on the calling goroutine and returns.
// (The Go runtime keeps its own threads parked between calls; that is unavoidable and idle.)
package main

/*
// Hidden visibility keeps the C helpers and Go exports private: the only C symbols this
// library offers its host are quire_plugin_entry and quire_plugin_manifest, marked
// QUIRE_PLUGIN_EXPORT.
#cgo CFLAGS: -I${SRCDIR}/../../native/include -fvisibility=hidden
#include "quire_plugin.h"
#include "result.h"
*/
import "C"

import (
	"bytes"
	"fmt"
	"unsafe"
)

func main() {}

//export jsonToolsInit
func jsonToolsInit() C.int32_t {
	logLine(C.QUIRE_LOG_DEBUG, "json-tools ready: 2 commands, 1 linter")
	return 0
}

//export jsonPrettyPrint
func jsonPrettyPrint(doc *C.quire_document) *C.quire_result {
	return runCommand(doc, func(text []byte, start, end int) ([]byte, error) {
		prefix := ""
		if start > 0 {
			prefix = lineIndent(text, start)
		}
		return prettyPrint(text[start:end], prefix, lineBreak(text))
	})
}

//export jsonMinify
func jsonMinify(doc *C.quire_document) *C.quire_result {
	return runCommand(doc, func(text []byte, start, end int) ([]byte, error) {
		return minify(text[start:end])
	})
}

//export jsonLintSyntax
func jsonLintSyntax(doc *C.quire_document) (result *C.quire_result) {
	result = C.json_tools_begin_result()
	defer recoverInto(result)
	problem, found := findSyntaxError(documentText(doc))
	if !found {
		return nil
	}
	diagnostic := C.json_tools_diagnostic()
	diagnostic._range.start = C.uint64_t(problem.start)
	diagnostic._range.end = C.uint64_t(problem.end)
	diagnostic.severity = C.QUIRE_SEVERITY_ERROR
	if !keep(&diagnostic.message, []byte(problem.message)) || !keep(&diagnostic.code, []byte("json-syntax")) {
		return C.json_tools_out_of_memory()
	}
	result.diagnostic_count = 1
	result.diagnostics = diagnostic
	return result
}

// runCommand applies transform to the selection, or to the whole document when the selection
// is empty, and returns one edit for that range; nil when nothing would change.
func runCommand(doc *C.quire_document, transform func(text []byte, start, end int) ([]byte, error)) (result *C.quire_result) {
	result = C.json_tools_begin_result()
	defer recoverInto(result)
	text := documentText(doc)
	start, end := targetRange(doc, len(text))
	replacement, err := transform(text, start, end)
	if err != nil {
		return fail(result, describe(err, text, start))
	}
	if bytes.Equal(replacement, text[start:end]) {
		return nil
	}
	edit := C.json_tools_edit()
	edit._range.start = C.uint64_t(start)
	edit._range.end = C.uint64_t(end)
	if !keep(&edit.text, replacement) {
		return C.json_tools_out_of_memory()
	}
	result.edit_count = 1
	result.edits = edit
	return result
}

// documentText views Quire's text without copying; it is valid only during this call.
func documentText(doc *C.quire_document) []byte {
	if doc.text.ptr == nil || doc.text.len == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(doc.text.ptr)), int(doc.text.len))
}

// targetRange is the primary selection clamped to the text, or the whole text when it is empty.
func targetRange(doc *C.quire_document, length int) (int, int) {
	if doc.selection_count == 0 || doc.selections == nil {
		return 0, length
	}
	selection := doc.selections._range
	start := min(int(selection.start), length)
	end := min(int(selection.end), length)
	if start >= end {
		return 0, length
	}
	return start, end
}

// keep copies b into C memory that lives until the next call and points s at it.
func keep(s *C.quire_str, b []byte) bool {
	if len(b) == 0 {
		return C.json_tools_keep(nil, 0, s) == 1
	}
	return C.json_tools_keep(unsafe.Pointer(&b[0]), C.size_t(len(b)), s) == 1
}

func fail(result *C.quire_result, message string) *C.quire_result {
	result.status = C.QUIRE_STATUS_ERROR
	if !keep(&result.message, []byte(message)) {
		return C.json_tools_out_of_memory()
	}
	return result
}

// recoverInto turns a panic into an error result: unrecovered, a panic in an exported
// function would end the whole plugin process instead of failing one call.
func recoverInto(result *C.quire_result) {
	if recovered := recover(); recovered != nil {
		fail(result, fmt.Sprintf("JSON Tools failed: %v", recovered))
	}
}

func logLine(level C.int32_t, message string) {
	b := []byte(message)
	C.json_tools_log(level, (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b)))
}
