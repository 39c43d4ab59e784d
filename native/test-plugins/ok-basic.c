/*
 * ok-basic — a small, well-behaved plugin the loader's tests and benchmarks use as the
 * known-good case: one of each contribution, all answers predictable.
 *
 *   noop        returns NULL and does nothing else: the baseline for call-overhead benchmarks.
 *   echo        returns the document text as the message.
 *   upper-edit  one edit: the first byte of the document, uppercased if it is an ASCII letter.
 *   format okb  (.okb) with a tiny grammar; its formatter returns the text followed by "\n".
 *   okb-lint    one INFO diagnostic at [0, 1) when the document is not empty.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "quire_plugin.h"

static const quire_host *host;

/* One result reused by every call: valid until the next call, as the ABI allows. */
static quire_result result;
static quire_edit edit;
static quire_diagnostic diagnostic;
static char first_byte;
/* Grown as needed and kept until shutdown: a result must outlive the call that made it. */
static char *buffer;
static size_t buffer_size;

static char *room_for(size_t size) {
  if (size > buffer_size) {
    char *grown = realloc(buffer, size);
    if (!grown) return NULL;
    buffer = grown;
    buffer_size = size;
  }
  return buffer;
}

static const quire_result *fresh_result(void) {
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  return &result;
}

static const quire_result *noop(const quire_document *doc) {
  (void)doc;
  return NULL;
}

/* Copies the text: the document is Quire's and is gone once the handler returns. */
static const quire_result *echo(const quire_document *doc) {
  fresh_result();
  char *copy = room_for(doc->text.len + 1);
  if (!copy) return NULL;
  if (doc->text.len) memcpy(copy, doc->text.ptr, doc->text.len);
  result.message.ptr = copy;
  result.message.len = doc->text.len;
  return &result;
}

static const quire_result *upper_edit(const quire_document *doc) {
  if (doc->text.len == 0 || (unsigned char)doc->text.ptr[0] >= 0x80) return NULL;
  fresh_result();
  first_byte = (char)toupper((unsigned char)doc->text.ptr[0]);
  edit.range.start = 0;
  edit.range.end = 1;
  edit.text.ptr = &first_byte;
  edit.text.len = 1;
  result.edit_count = 1;
  result.edits = &edit;
  return &result;
}

/* Appends a newline. Handles any size, so benchmarks can send megabytes both ways. */
static const quire_result *format_okb(const quire_document *doc) {
  fresh_result();
  char *formatted = room_for(doc->text.len + 1);
  if (!formatted) {
    result.status = QUIRE_STATUS_ERROR;
    result.message = (quire_str)QUIRE_STR("ok-basic ran out of memory.");
    return &result;
  }
  if (doc->text.len) memcpy(formatted, doc->text.ptr, doc->text.len);
  formatted[doc->text.len] = '\n';
  result.flags = QUIRE_RESULT_HAS_TEXT;
  result.text.ptr = formatted;
  result.text.len = doc->text.len + 1;
  return &result;
}

/* Range [0, 1) is only valid when the first character is one byte, which the tests ensure. */
static const quire_result *lint_okb(const quire_document *doc) {
  if (doc->text.len == 0) return NULL;
  fresh_result();
  diagnostic.range.start = 0;
  diagnostic.range.end = 1;
  diagnostic.severity = QUIRE_SEVERITY_INFO;
  diagnostic.message = (quire_str)QUIRE_STR("ok-basic looked at this document.");
  diagnostic.code = (quire_str)QUIRE_STR("okb-seen");
  result.diagnostic_count = 1;
  result.diagnostics = &diagnostic;
  return &result;
}

static int32_t ok_basic_init(const quire_host *quire) {
  static const char ready[] = "ok-basic ready";
  host = quire;
  host->log(QUIRE_LOG_INFO, ready, sizeof ready - 1);
  return 0;
}

static void ok_basic_shutdown(void) {
  free(buffer);
  buffer = NULL;
  buffer_size = 0;
  host = NULL;
}

static const quire_command commands[] = {
    {QUIRE_STR("noop"), QUIRE_STR("OK Basic: Do Nothing"), QUIRE_NO_STR, noop},
    {QUIRE_STR("echo"), QUIRE_STR("OK Basic: Echo"), QUIRE_NO_STR, echo},
    {QUIRE_STR("upper-edit"), QUIRE_STR("OK Basic: Uppercase First Letter"), QUIRE_NO_STR, upper_edit},
};

static const quire_str okb_extensions[] = {QUIRE_STR(".okb")};

static const quire_format formats[] = {{
    .id = QUIRE_STR("okb"),
    .name = QUIRE_STR("OK Basic"),
    .extensions = okb_extensions,
    .extension_count = QUIRE_COUNT(okb_extensions),
    .monarch_json = QUIRE_STR("{\"tokenizer\":{\"root\":[[\"\\\\d+\",\"number\"],[\"[a-z]+\",\"keyword\"]]}}"),
    .format = format_okb,
}};

static const quire_str okb_languages[] = {QUIRE_STR("okb")};

static const quire_linter linters[] = {{
    .id = QUIRE_STR("okb-lint"),
    .name = QUIRE_STR("OK Basic linter"),
    .languages = okb_languages,
    .language_count = QUIRE_COUNT(okb_languages),
    .triggers = QUIRE_LINT_ON_SAVE | QUIRE_LINT_ON_CHANGE,
    .lint = lint_okb,
}};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.ok-basic"),
    .name = QUIRE_STR("OK Basic"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("A well-behaved plugin for Quire's own tests."),
    .init = ok_basic_init,
    .shutdown = ok_basic_shutdown,
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
    .format_count = QUIRE_COUNT(formats),
    .formats = formats,
    .linter_count = QUIRE_COUNT(linters),
    .linters = linters,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}

QUIRE_PLUGIN_MANIFEST("dev.quire.test.ok-basic", "OK Basic", "1.0.0", "");
