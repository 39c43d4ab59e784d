/*
 * The C half of json-tools: the descriptor, the manifest, the entry point, the host table and
 * the memory results live in. Go code may not hand Go pointers to C code that keeps them after the call
 * returns (cgo's pointer rules), and Quire reads a result after the handler returns, so
 * everything a result points to is C memory owned here. Each call frees the previous call's
 * buffers first, which is exactly as long as the ABI says a result must live.
 */
#include <stdlib.h>
#include <string.h>

#include "quire_plugin.h"
#include "_cgo_export.h"
#include "result.h"

static const quire_host *host;

static quire_result result;
static quire_edit edit;
static quire_diagnostic diagnostic;

/* Every result holds at most a message, an edit's text and a diagnostic's message. */
#define MAX_BUFFERS 4
static void *buffers[MAX_BUFFERS];
static size_t buffer_count;

quire_result *json_tools_begin_result(void) {
  for (size_t i = 0; i < buffer_count; i++) free(buffers[i]);
  buffer_count = 0;
  memset(&result, 0, sizeof result);
  memset(&edit, 0, sizeof edit);
  memset(&diagnostic, 0, sizeof diagnostic);
  result.struct_size = sizeof result;
  return &result;
}

quire_edit *json_tools_edit(void) {
  return &edit;
}

quire_diagnostic *json_tools_diagnostic(void) {
  return &diagnostic;
}

int json_tools_keep(const void *bytes, size_t len, quire_str *out) {
  out->ptr = NULL;
  out->len = 0;
  if (len == 0) return 1;
  if (buffer_count == MAX_BUFFERS) return 0;
  char *copy = malloc(len);
  if (!copy) return 0;
  memcpy(copy, bytes, len);
  buffers[buffer_count++] = copy;
  out->ptr = copy;
  out->len = len;
  return 1;
}

quire_result *json_tools_out_of_memory(void) {
  static const char message[] = "JSON Tools ran out of memory.";
  json_tools_begin_result();
  result.status = QUIRE_STATUS_ERROR;
  result.message.ptr = message;
  result.message.len = sizeof message - 1;
  return &result;
}

void json_tools_log(int32_t level, const char *message, size_t len) {
  if (host && host->struct_size >= offsetof(quire_host, log) + sizeof host->log && host->log) {
    host->log(level, message, len);
  }
}

static int32_t init(const quire_host *quire) {
  host = quire;
  return jsonToolsInit();
}

static void shutdown(void) {
  json_tools_begin_result();
  host = NULL;
}

/* cgo declares Go exports without const; these wrappers give Quire the exact handler type. */
static const quire_result *pretty(const quire_document *doc) {
  return jsonPrettyPrint((quire_document *)doc);
}

static const quire_result *minify(const quire_document *doc) {
  return jsonMinify((quire_document *)doc);
}

static const quire_result *lint_syntax(const quire_document *doc) {
  return jsonLintSyntax((quire_document *)doc);
}

static const quire_command commands[] = {
    {QUIRE_STR("pretty"), QUIRE_STR("JSON: Pretty Print"), QUIRE_NO_STR, pretty},
    {QUIRE_STR("minify"), QUIRE_STR("JSON: Minify"), QUIRE_NO_STR, minify},
};

static const quire_str json_languages[] = {QUIRE_STR("json")};

static const quire_linter linters[] = {{
    .id = QUIRE_STR("syntax"),
    .name = QUIRE_STR("JSON syntax"),
    .languages = json_languages,
    .language_count = QUIRE_COUNT(json_languages),
    .triggers = QUIRE_LINT_ON_SAVE | QUIRE_LINT_ON_CHANGE,
    .lint = lint_syntax,
}};

static const quire_plugin json_tools = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.json-tools"),
    .name = QUIRE_STR("JSON Tools"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Pretty-print and minify JSON, and flag syntax errors as you type (strict JSON: no comments or trailing commas)."),
    .init = init,
    .shutdown = shutdown,
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
    .linter_count = QUIRE_COUNT(linters),
    .linters = linters,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &json_tools;
}

/* Read from the file before it runs (the consent prompt); no capabilities. A C array in a C
 * file because Go cannot export data, only functions. */
QUIRE_PLUGIN_MANIFEST("dev.quire.json-tools", "JSON Tools", "1.0.0", "");
