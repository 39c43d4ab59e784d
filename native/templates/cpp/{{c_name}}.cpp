// {{c_name}}.cpp — {{title}}, a Quire plugin written in C++20. Made by `quire new-plugin`; make it yours.
//
// It contributes one of each kind of thing a plugin can:
//   - a command, "{{title}}: Say Hello", in the command palette (Ctrl+Shift+P);
//   - a file format, "{{title}}" (files ending in .{{name}}), with syntax highlighting and a
//     formatter (Format Document) that removes trailing spaces and tabs;
//   - a linter that warns about every TODO in those files as you type.
//
// The whole interface is one C header, quire_plugin.h; Quire's native/README.md explains the
// rules this file follows. Two matter most in C++:
//   - Quire calls every function here through the C ABI, so no exception may leave one: each
//     handler is noexcept and turns any exception into an error result.
//   - C++20's designated initialisers must name fields in the header's order, and g++ -Wextra
//     wants every field named, so the descriptors below list them all.
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "quire_plugin.h"

// Change these together with QUIRE_PLUGIN_MANIFEST at the end of the file: they must match.
#define PLUGIN_ID "{{id}}"
#define PLUGIN_NAME "{{title}}"
#define PLUGIN_VERSION "0.1.0"

namespace {

const quire_host *host;

// A handler's result belongs to the plugin and must stay valid until the plugin's next call
// (quire_plugin.h, MEMORY OWNERSHIP). So the last result lives here; each call replaces it.
// Quire calls one handler at a time.
quire_result result;
quire_edit edit;
std::string formatted;
std::vector<quire_diagnostic> diagnostics;

quire_str view(std::string_view text) noexcept {
  return quire_str{text.data(), text.size()};
}

void log_line(int32_t level, std::string_view text) noexcept {
  host->log(level, text.data(), text.size());
}

// Starts an empty, successful result; the previous one's buffers are reused or freed.
quire_result *new_result() noexcept {
  formatted.clear();
  diagnostics.clear();
  result = quire_result{};
  result.struct_size = sizeof result;
  return &result;
}

// Any exception becomes an error result with its message: none may cross into Quire.
template <typename Handler>
const quire_result *guarded(Handler handler, const quire_document *doc) noexcept {
  static std::string message;
  try {
    return handler(doc);
  } catch (const std::exception &error) {
    message = error.what();
  } catch (...) {
    message = "unknown error";
  }
  quire_result *r = new_result();
  r->status = QUIRE_STATUS_ERROR;
  r->message = view(message);
  return r;
}

// ---- the command -----------------------------------------------------------------------

// Replaces the primary selection (or inserts at the cursor) with a greeting.
const quire_result *say_hello(const quire_document *doc) {
  quire_result *r = new_result();
  edit.range = doc->selections[0].range;
  edit.text = QUIRE_STR("Hello from " PLUGIN_NAME "!");
  r->edits = &edit;
  r->edit_count = 1;
  r->message = QUIRE_STR(PLUGIN_NAME " said hello.");
  return r;
}

// ---- the format ------------------------------------------------------------------------

// A Monaco Monarch grammar, as JSON (https://microsoft.github.io/monaco-editor/monarch.html).
// Quire refuses a grammar whose regular expressions could backtrack catastrophically
// (unsafe-grammar), so keep every rule simple.
constexpr char grammar[] = R"({"keywords": ["TODO"], "tokenizer": {"root": [
  ["#.*$", "comment"],
  ["[A-Za-z_][A-Za-z0-9_]*", {"cases": {"@keywords": "keyword", "@default": "identifier"}}],
  ["[0-9]+", "number"],
  ["\"[^\"]*\"", "string"]
]}})";

// Removes spaces and tabs at the end of every line; returns nullptr (nothing to do) when there are none.
const quire_result *format_document(const quire_document *doc) {
  quire_result *r = new_result();
  std::string_view in(doc->text.ptr ? doc->text.ptr : "", doc->text.len);
  formatted.reserve(in.size());
  std::size_t kept = 0;  // the output up to the last character that is not trailing blank
  for (char c : in) {
    if (c == '\n' || c == '\r') formatted.resize(kept);  // drop the blanks before the line break
    formatted.push_back(c);
    if (c != ' ' && c != '\t') kept = formatted.size();
  }
  formatted.resize(kept);
  if (formatted.size() == in.size()) return nullptr;
  r->flags = QUIRE_RESULT_HAS_TEXT;
  r->text = view(formatted);
  return r;
}

const quire_str extensions[] = {QUIRE_STR(".{{name}}")};

// ---- the linter ------------------------------------------------------------------------

// Stops counting here: a result may hold up to 100 000 diagnostics, but nobody reads that many.
constexpr std::size_t max_todos = 1000;

// One warning on each TODO.
const quire_result *lint_todos(const quire_document *doc) {
  constexpr std::string_view word = "TODO";
  quire_result *r = new_result();
  std::string_view text(doc->text.ptr ? doc->text.ptr : "", doc->text.len);
  for (std::size_t at = text.find(word); at != std::string_view::npos && diagnostics.size() < max_todos;
       at = text.find(word, at + word.size())) {
    quire_diagnostic d{};
    d.range = quire_range{static_cast<uint64_t>(at), static_cast<uint64_t>(at + word.size())};
    d.severity = QUIRE_SEVERITY_WARNING;
    d.message = QUIRE_STR("TODO: finish this before you ship.");
    d.code = QUIRE_STR("todo");
    diagnostics.push_back(d);
  }
  r->diagnostics = diagnostics.data();
  r->diagnostic_count = static_cast<uint32_t>(diagnostics.size());
  return r;
}

const quire_str linted_languages[] = {QUIRE_STR("{{name}}")};

// Handlers have C language linkage, like every function Quire calls.
extern "C" const quire_result *say_hello_handler(const quire_document *doc) noexcept {
  return guarded(say_hello, doc);
}
extern "C" const quire_result *format_handler(const quire_document *doc) noexcept {
  return guarded(format_document, doc);
}
extern "C" const quire_result *lint_handler(const quire_document *doc) noexcept {
  return guarded(lint_todos, doc);
}

// ---- the descriptor --------------------------------------------------------------------

const quire_command commands[] = {
    {.id = QUIRE_STR("say-hello"), .title = QUIRE_STR(PLUGIN_NAME ": Say Hello"), .keybinding = QUIRE_NO_STR, .run = say_hello_handler},
};

const quire_format formats[] = {
    {
        .id = QUIRE_STR("{{name}}"),
        .name = QUIRE_STR(PLUGIN_NAME),
        .extensions = extensions,
        .extension_count = QUIRE_COUNT(extensions),
        .filename_count = 0,
        .filenames = nullptr,
        .monarch_json = {grammar, sizeof grammar - 1},
        .format = format_handler,
    },
};

const quire_linter linters[] = {
    {
        .id = QUIRE_STR("todo"),
        .name = QUIRE_STR(PLUGIN_NAME " TODOs"),
        .languages = linted_languages,
        .language_count = QUIRE_COUNT(linted_languages),
        .triggers = QUIRE_LINT_ON_CHANGE | QUIRE_LINT_ON_SAVE,
        .lint = lint_handler,
    },
};

// Called once after loading, before any handler: set up here, never in a static initialiser.
extern "C" int32_t plugin_init(const quire_host *quire) noexcept {
  host = quire;  // valid until shutdown: keep it to log from handlers
  log_line(QUIRE_LOG_INFO, PLUGIN_NAME " is ready");
  return 0;
}

extern "C" void plugin_shutdown() noexcept {
  new_result();
  formatted.shrink_to_fit();
  diagnostics.shrink_to_fit();
}

const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR(PLUGIN_ID),
    .name = QUIRE_STR(PLUGIN_NAME),
    .version = QUIRE_STR(PLUGIN_VERSION),
    .description = QUIRE_STR("A command, a file format and a linter, from the quire new-plugin template."),
    .init = plugin_init,
    .shutdown = plugin_shutdown,
    .command_count = QUIRE_COUNT(commands),
    .format_count = QUIRE_COUNT(formats),
    .commands = commands,
    .formats = formats,
    .linter_count = QUIRE_COUNT(linters),
    .reserved = 0,
    .linters = linters,
    .capabilities = 0,
    .reserved2 = 0,
};

}  // namespace

// Outside the anonymous namespace: Quire looks both up by name.
// The manifest: Quire reads it from the file before running any of the plugin's code and shows
// it when it asks the user to allow the plugin. Same id, name and version as the descriptor;
// "" asks for no capabilities (no files beyond the document, no network).
QUIRE_PLUGIN_MANIFEST(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VERSION, "");

extern "C" QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
