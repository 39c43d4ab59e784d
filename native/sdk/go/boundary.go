package plugin

// The Go half of every call Quire makes (the C half is sdk.c): it turns the registered Plugin
// into the C descriptor, Quire's document into a Document, and a handler's Change or
// diagnostics into one block of C memory that sdk.c frees when the next call starts.
// Everything Quire reads after a call returns is C memory: cgo forbids C keeping Go pointers.

/*
#cgo CFLAGS: -I${SRCDIR}/../../include -fvisibility=hidden
#include <stdlib.h>
#include <string.h>
#include "sdk.h"
*/
import "C"

import (
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// maxMessageBytes is the longest message Quire shows (quire_plugin.h, LIMITS); longer ones are
// cut at a character boundary rather than failing the call.
const maxMessageBytes = 4096

// Level is a log line's level (quire_plugin.h, QUIRE_LOG_*).
type Level int32

const (
	LevelDebug   Level = 0
	LevelInfo    Level = 1
	LevelWarning Level = 2
	LevelError   Level = 3
)

// Log adds a line to the plugin's log in Quire (the Plugins panel, `quire doctor --watch`).
// Quire lets a plugin call it only on its own thread inside one of its calls; from any other
// goroutine, or between calls, the line goes to stderr, which Quire also logs (without a level).
func Log(level Level, message string) {
	if message == "" {
		C.quire_sdk_log(C.int32_t(level), nil, 0)
		return
	}
	// C reads (and Quire copies) the bytes during this call only, as cgo allows for Go memory.
	C.quire_sdk_log(C.int32_t(level), (*C.char)(unsafe.Pointer(unsafe.StringData(message))), C.size_t(len(message)))
}

// Logf is Log with fmt.Sprintf.
func Logf(level Level, format string, args ...any) {
	Log(level, fmt.Sprintf(format, args...))
}

func linkedManifest() (string, bool) {
	manifest := C.quire_sdk_manifest()
	if manifest == nil {
		return "", false
	}
	return C.GoString(manifest), true
}

// ---------------------------------------------------------------------------------------
// The descriptor: C memory made once, living as long as the library.
// ---------------------------------------------------------------------------------------

// cText copies s into C memory that is never freed (descriptor data); NULL for "".
func cText(s string) C.quire_str {
	if s == "" {
		return C.quire_str{}
	}
	p := C.malloc(C.size_t(len(s)))
	copy(unsafe.Slice((*byte)(p), len(s)), s)
	return C.quire_str{ptr: (*C.char)(p), len: C.size_t(len(s))}
}

// cArray allocates n zeroed C elements of size bytes each; nil for n == 0.
func cArray[T any](n int) []T {
	if n == 0 {
		return nil
	}
	var element T
	return unsafe.Slice((*T)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(element)))), n)
}

func first[T any](elements []T) *T {
	if len(elements) == 0 {
		return nil
	}
	return &elements[0]
}

func cTexts(texts []string) (*C.quire_str, C.uint32_t) {
	out := cArray[C.quire_str](len(texts))
	for i, text := range texts {
		out[i] = cText(text)
	}
	return first(out), C.uint32_t(len(texts))
}

//export quireSDKDescriptor
func quireSDKDescriptor() (descriptor *C.quire_plugin) {
	defer func() {
		if recovered := recover(); recovered != nil {
			fmt.Fprintf(os.Stderr, "quire.dev/plugin: could not describe the plugin: %v\n", recovered)
			descriptor = nil
		}
	}()
	p := registered
	if p == nil {
		fmt.Fprintln(os.Stderr, "quire.dev/plugin: no plugin is registered: call plugin.Register from an init function of package main.")
		return nil
	}
	d := &cArray[C.quire_plugin](1)[0]
	d.struct_size = C.uint32_t(unsafe.Sizeof(*d))
	d.abi_major = C.QUIRE_ABI_MAJOR
	d.abi_minor = C.QUIRE_ABI_MINOR
	d.id, d.name, d.version, d.description = cText(p.ID), cText(p.Name), cText(p.Version), cText(p.Description)
	d.init = (*[0]byte)(C.quire_sdk_init)
	d.shutdown = (*[0]byte)(C.quire_sdk_shutdown)
	d.capabilities = C.uint32_t(p.Capabilities)

	commands := cArray[C.quire_command](len(p.Commands))
	for i, command := range p.Commands {
		commands[i] = C.quire_command{id: cText(command.ID), title: cText(command.Title), keybinding: cText(command.Keybinding)}
		if command.Run != nil {
			commands[i].run = C.quire_sdk_handler(C.QUIRE_SDK_COMMAND, C.uint32_t(i))
		}
	}
	d.commands, d.command_count = first(commands), C.uint32_t(len(commands))

	formats := cArray[C.quire_format](len(p.Formats))
	for i, format := range p.Formats {
		f := &formats[i]
		f.id, f.name, f.monarch_json = cText(format.ID), cText(format.Name), cText(format.Grammar)
		f.extensions, f.extension_count = cTexts(format.Extensions)
		f.filenames, f.filename_count = cTexts(format.Filenames)
		if format.Format != nil {
			f.format = C.quire_sdk_handler(C.QUIRE_SDK_FORMATTER, C.uint32_t(i))
		}
	}
	d.formats, d.format_count = first(formats), C.uint32_t(len(formats))

	linters := cArray[C.quire_linter](len(p.Linters))
	for i, linter := range p.Linters {
		l := &linters[i]
		l.id, l.name = cText(linter.ID), cText(linter.Name)
		l.languages, l.language_count = cTexts(linter.Languages)
		l.triggers = C.uint32_t(linter.Triggers)
		if linter.Triggers == 0 {
			l.triggers = C.uint32_t(OnSave | OnChange)
		}
		if linter.Lint != nil {
			l.lint = C.quire_sdk_handler(C.QUIRE_SDK_LINTER, C.uint32_t(i))
		}
	}
	d.linters, d.linter_count = first(linters), C.uint32_t(len(linters))
	return d
}

// ---------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------

// goText copies a quire_str Quire owns into a Go string; false when it is not UTF-8.
func goText(s C.quire_str) (string, bool) {
	if s.len == 0 {
		return "", true
	}
	if s.ptr == nil {
		return "", false
	}
	text := strings.Clone(unsafe.String((*byte)(unsafe.Pointer(s.ptr)), int(s.len)))
	return text, utf8.ValidString(text)
}

// readDocument copies Quire's document, valid only during this call, into Go memory.
func readDocument(doc *C.quire_document) (*Document, string) {
	if doc == nil {
		return nil, "no document"
	}
	var d Document
	var ok bool
	if d.Text, ok = goText(doc.text); !ok {
		return nil, "text that is not valid UTF-8"
	}
	if d.LanguageID, ok = goText(doc.language_id); !ok {
		return nil, "a language id that is not valid UTF-8"
	}
	if d.Path, ok = goText(doc.path); !ok {
		return nil, "a path that is not valid UTF-8"
	}
	if doc.selection_count > 0 && doc.selections != nil {
		for _, s := range unsafe.Slice(doc.selections, int(doc.selection_count)) {
			d.Selections = append(d.Selections, Selection{
				Range:  Range{Start: int(s._range.start), End: int(s._range.end)},
				Active: int(s.active),
			})
		}
	}
	if len(d.Selections) == 0 {
		d.Selections = []Selection{{}}
	}
	return &d, ""
}

// clip cuts text to at most limit bytes, at a character boundary.
func clip(text string, limit int) string {
	if len(text) <= limit {
		return text
	}
	end := limit
	for end > 0 && !utf8.RuneStart(text[end]) {
		end--
	}
	return text[:end]
}

// resultBlock lays out one result in a single C allocation: the quire_result, its edits, its
// diagnostics, then every string's bytes. sdk.c frees it with one free() at the next call.
type resultBlock struct {
	base    unsafe.Pointer
	strings unsafe.Pointer // where the next string's bytes go
}

func newResultBlock(edits, diagnostics int, stringBytes int) (*resultBlock, *C.quire_result, []C.quire_edit, []C.quire_diagnostic) {
	header := int(unsafe.Sizeof(C.quire_result{}))
	editBytes := edits * int(unsafe.Sizeof(C.quire_edit{}))
	diagnosticBytes := diagnostics * int(unsafe.Sizeof(C.quire_diagnostic{}))
	base := C.calloc(1, C.size_t(header+editBytes+diagnosticBytes+stringBytes))
	if base == nil {
		panic("out of memory for the result")
	}
	result := (*C.quire_result)(base)
	result.struct_size = C.uint32_t(header)
	var cEdits []C.quire_edit
	if edits > 0 {
		cEdits = unsafe.Slice((*C.quire_edit)(unsafe.Add(base, header)), edits)
	}
	var cDiagnostics []C.quire_diagnostic
	if diagnostics > 0 {
		cDiagnostics = unsafe.Slice((*C.quire_diagnostic)(unsafe.Add(base, header+editBytes)), diagnostics)
	}
	return &resultBlock{base: base, strings: unsafe.Add(base, header+editBytes+diagnosticBytes)}, result, cEdits, cDiagnostics
}

// text copies s into the block; the caller sized the block for it.
func (b *resultBlock) text(s string) C.quire_str {
	if s == "" {
		return C.quire_str{}
	}
	copy(unsafe.Slice((*byte)(b.strings), len(s)), s)
	out := C.quire_str{ptr: (*C.char)(b.strings), len: C.size_t(len(s))}
	b.strings = unsafe.Add(b.strings, len(s))
	return out
}

func errorResult(message string) *C.quire_result {
	message = clip(message, maxMessageBytes)
	block, result, _, _ := newResultBlock(0, 0, len(message))
	result.status = C.QUIRE_STATUS_ERROR
	result.message = block.text(message)
	return result
}

func changeResult(change Change) *C.quire_result {
	if change.isEmpty() {
		return nil
	}
	message := clip(change.Message, maxMessageBytes)
	size := len(message) + len(change.Text)
	for _, edit := range change.Edits {
		size += len(edit.Text)
	}
	block, result, edits, _ := newResultBlock(len(change.Edits), 0, size)
	result.message = block.text(message)
	if change.ReplacesDocument {
		result.flags = C.QUIRE_RESULT_HAS_TEXT
		result.text = block.text(change.Text)
	}
	for i, edit := range change.Edits {
		edits[i]._range = C.quire_range{start: C.uint64_t(edit.Range.Start), end: C.uint64_t(edit.Range.End)}
		edits[i].text = block.text(edit.Text)
	}
	if len(edits) > 0 {
		result.edit_count = C.uint32_t(len(edits))
		result.edits = &edits[0]
	}
	return result
}

func diagnosticsResult(diagnostics []Diagnostic) *C.quire_result {
	if len(diagnostics) == 0 {
		return nil
	}
	size := 0
	for i := range diagnostics {
		diagnostics[i].Message = clip(diagnostics[i].Message, maxMessageBytes)
		size += len(diagnostics[i].Message) + len(diagnostics[i].Code)
	}
	block, result, _, cDiagnostics := newResultBlock(0, len(diagnostics), size)
	for i, d := range diagnostics {
		severity := d.Severity
		if severity == 0 {
			severity = Error
		}
		cDiagnostics[i]._range = C.quire_range{start: C.uint64_t(d.Range.Start), end: C.uint64_t(d.Range.End)}
		cDiagnostics[i].severity = C.int32_t(severity)
		cDiagnostics[i].message = block.text(d.Message)
		cDiagnostics[i].code = block.text(d.Code)
	}
	result.diagnostic_count = C.uint32_t(len(cDiagnostics))
	result.diagnostics = &cDiagnostics[0]
	return result
}

// pluginName names the plugin in messages about it.
func pluginName() string {
	if registered == nil || registered.Name == "" {
		return "The plugin"
	}
	return registered.Name
}

//export quireSDKCall
func quireSDKCall(kind C.int, index C.uint32_t, doc *C.quire_document) (result *C.quire_result) {
	// A panic must not end the process: it fails this call, with its message.
	defer func() {
		if recovered := recover(); recovered != nil {
			result = errorResult(fmt.Sprintf("%s failed: %v.", pluginName(), recovered))
		}
	}()
	document, problem := readDocument(doc)
	if document == nil {
		return errorResult(fmt.Sprintf("%s was given %s.", pluginName(), problem))
	}
	i := int(index)
	switch kind {
	case C.QUIRE_SDK_COMMAND:
		if registered != nil && i < len(registered.Commands) && registered.Commands[i].Run != nil {
			return fromChange(registered.Commands[i].Run(document))
		}
	case C.QUIRE_SDK_FORMATTER:
		if registered != nil && i < len(registered.Formats) && registered.Formats[i].Format != nil {
			return fromChange(registered.Formats[i].Format(document))
		}
	case C.QUIRE_SDK_LINTER:
		if registered != nil && i < len(registered.Linters) && registered.Linters[i].Lint != nil {
			diagnostics, err := registered.Linters[i].Lint(document)
			if err != nil {
				return errorResult(err.Error())
			}
			return diagnosticsResult(diagnostics)
		}
	}
	return errorResult(fmt.Sprintf("%s has no handler %d of kind %d.", pluginName(), i, int(kind)))
}

func fromChange(change Change, err error) *C.quire_result {
	if err != nil {
		return errorResult(err.Error())
	}
	return changeResult(change)
}

//export quireSDKInit
func quireSDKInit() (failed C.int32_t) {
	defer func() {
		if recovered := recover(); recovered != nil {
			Log(LevelError, fmt.Sprintf("%s failed to start: %v.", pluginName(), recovered))
			failed = 1
		}
	}()
	if registered == nil || registered.Init == nil {
		return 0
	}
	if err := registered.Init(); err != nil {
		// Quire shows the last error line as the reason the plugin did not start.
		Log(LevelError, err.Error())
		return 1
	}
	return 0
}

//export quireSDKShutdown
func quireSDKShutdown() {
	defer func() {
		if recovered := recover(); recovered != nil {
			Log(LevelError, fmt.Sprintf("%s failed to shut down: %v.", pluginName(), recovered))
		}
	}()
	if registered != nil && registered.Shutdown != nil {
		registered.Shutdown()
	}
}
