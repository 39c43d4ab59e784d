/*
 * {{c_name}}.c — {{title}}, a Quire plugin written in C. Made by `quire new-plugin`; make it yours.
 *
 * It contributes one of each kind of thing a plugin can:
 *   - a command, "{{title}}: Say Hello", in the command palette (Ctrl+Shift+P);
 *   - a file format, "{{title}}" (files ending in .{{name}}), with syntax highlighting and a
 *     formatter (Format Document) that removes trailing spaces and tabs;
 *   - a linter that warns about every TODO in those files as you type.
 *
 * The whole interface is one header, quire_plugin.h; Quire's native/README.md explains the
 * rules this file follows (who owns which memory, and for how long).
 */
#include <stdlib.h>
#include <string.h>

#include "quire_plugin.h"

/* Change these together with QUIRE_PLUGIN_MANIFEST at the end of the file: they must match. */
#define PLUGIN_ID "{{id}}"
#define PLUGIN_NAME "{{title}}"
#define PLUGIN_VERSION "0.1.0"

static const quire_host *host;

/*
 * A handler's result belongs to the plugin and must stay valid until the plugin's next call
 * (quire_plugin.h, MEMORY OWNERSHIP). So the last result lives here, and each call frees the
 * previous call's buffers before making new ones. Quire calls one handler at a time.
 */
static quire_result result;
static quire_edit edit;
static char *formatted;
static quire_diagnostic *diagnostics;

static void log_line(int32_t level, const char *text) {
  host->log(level, text, strlen(text));
}

/* Frees the previous result and starts an empty, successful one. */
static quire_result *new_result(void) {
  free(formatted);
  formatted = NULL;
  free(diagnostics);
  diagnostics = NULL;
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  return &result;
}

static const quire_result *error_result(quire_str message) {
  quire_result *r = new_result();
  r->status = QUIRE_STATUS_ERROR;
  r->message = message;
  return r;
}

/* ---- the command ----------------------------------------------------------------------- */

/* Replaces the primary selection (or inserts at the cursor) with a greeting. */
static const quire_result *say_hello(const quire_document *doc) {
  quire_result *r = new_result();
  edit.range = doc->selections[0].range;
  edit.text = (quire_str)QUIRE_STR("Hello from " PLUGIN_NAME "!");
  r->edits = &edit;
  r->edit_count = 1;
  r->message = (quire_str)QUIRE_STR(PLUGIN_NAME " said hello.");
  return r;
}

/* ---- the format ------------------------------------------------------------------------- */

/*
 * A Monaco Monarch grammar, as JSON (https://microsoft.github.io/monaco-editor/monarch.html).
 * Quire refuses a grammar whose regular expressions could backtrack catastrophically
 * (unsafe-grammar), so keep every rule simple. Unescaped, it reads:
 *   {"keywords": ["TODO"], "tokenizer": {"root": [
 *     ["#.*$", "comment"],
 *     ["[A-Za-z_][A-Za-z0-9_]*", {"cases": {"@keywords": "keyword", "@default": "identifier"}}],
 *     ["[0-9]+", "number"],
 *     ["\"[^\"]*\"", "string"]]}}
 */
static const char grammar[] =
    "{\"keywords\": [\"TODO\"], \"tokenizer\": {\"root\": ["
    "[\"#.*$\", \"comment\"],"
    "[\"[A-Za-z_][A-Za-z0-9_]*\", {\"cases\": {\"@keywords\": \"keyword\", \"@default\": \"identifier\"}}],"
    "[\"[0-9]+\", \"number\"],"
    "[\"\\\"[^\\\"]*\\\"\", \"string\"]"
    "]}}";

/* Removes spaces and tabs at the end of every line; returns NULL (nothing to do) when there are none. */
static const quire_result *format_document(const quire_document *doc) {
  quire_result *r = new_result();
  const char *in = doc->text.ptr;
  size_t len = doc->text.len;
  formatted = malloc(len > 0 ? len : 1);
  if (formatted == NULL) return error_result((quire_str)QUIRE_STR("Not enough memory to format this document."));
  size_t out = 0;
  size_t kept = 0; /* the output up to the last character that is not trailing blank */
  for (size_t i = 0; i < len; i++) {
    char c = in[i];
    if (c == '\n' || c == '\r') out = kept; /* drop the blanks before the line break */
    formatted[out++] = c;
    if (c != ' ' && c != '\t') kept = out;
  }
  out = kept;
  if (out == len) return NULL;
  r->flags = QUIRE_RESULT_HAS_TEXT;
  r->text.ptr = formatted;
  r->text.len = out;
  return r;
}

static const quire_str extensions[] = {QUIRE_STR(".{{name}}")};

static const quire_format formats[] = {
    {
        .id = QUIRE_STR("{{name}}"),
        .name = QUIRE_STR(PLUGIN_NAME),
        .extensions = extensions,
        .extension_count = QUIRE_COUNT(extensions),
        .filename_count = 0,
        .filenames = NULL,
        .monarch_json = {grammar, sizeof grammar - 1},
        .format = format_document,
    },
};

/* ---- the linter ------------------------------------------------------------------------- */

/* Stops counting here: a result may hold up to 100 000 diagnostics, but nobody reads that many. */
#define MAX_TODOS 1000

/* One warning on each TODO. */
static const quire_result *lint_todos(const quire_document *doc) {
  static const char word[] = "TODO";
  const size_t word_len = sizeof word - 1;
  quire_result *r = new_result();
  const char *text = doc->text.ptr;
  size_t len = doc->text.len;
  uint32_t count = 0;
  for (size_t i = 0; i + word_len <= len && count < MAX_TODOS; i++) {
    if (memcmp(text + i, word, word_len) != 0) continue;
    if (diagnostics == NULL) {
      diagnostics = calloc(MAX_TODOS, sizeof *diagnostics);
      if (diagnostics == NULL) return error_result((quire_str)QUIRE_STR("Not enough memory to check this document."));
    }
    quire_diagnostic *d = &diagnostics[count++];
    d->range.start = i;
    d->range.end = i + word_len;
    d->severity = QUIRE_SEVERITY_WARNING;
    d->message = (quire_str)QUIRE_STR("TODO: finish this before you ship.");
    d->code = (quire_str)QUIRE_STR("todo");
    i += word_len - 1;
  }
  r->diagnostics = diagnostics;
  r->diagnostic_count = count;
  return r;
}

static const quire_str linted_languages[] = {QUIRE_STR("{{name}}")};

static const quire_linter linters[] = {
    {
        .id = QUIRE_STR("todo"),
        .name = QUIRE_STR(PLUGIN_NAME " TODOs"),
        .languages = linted_languages,
        .language_count = QUIRE_COUNT(linted_languages),
        .triggers = QUIRE_LINT_ON_CHANGE | QUIRE_LINT_ON_SAVE,
        .lint = lint_todos,
    },
};

/* ---- the descriptor --------------------------------------------------------------------- */

static const quire_command commands[] = {
    {
        .id = QUIRE_STR("say-hello"),
        .title = QUIRE_STR(PLUGIN_NAME ": Say Hello"),
        .keybinding = QUIRE_NO_STR,
        .run = say_hello,
    },
};

/* Called once after loading, before any handler: set up here, never in a library constructor. */
static int32_t plugin_init(const quire_host *quire) {
  host = quire; /* valid until shutdown: keep it to log from handlers */
  log_line(QUIRE_LOG_INFO, PLUGIN_NAME " is ready");
  return 0;
}

static void plugin_shutdown(void) {
  new_result(); /* frees the last result's buffers */
}

static const quire_plugin plugin = {
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
    .linters = linters,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}

/*
 * The manifest: Quire reads it from the file before running any of the plugin's code and shows
 * it when it asks the user to allow the plugin. Same id, name and version as the descriptor;
 * "" asks for no capabilities (no files beyond the document, no network).
 */
QUIRE_PLUGIN_MANIFEST(PLUGIN_ID, PLUGIN_NAME, PLUGIN_VERSION, "");
