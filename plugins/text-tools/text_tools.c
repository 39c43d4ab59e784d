/*
 * Text Tools — Quire's bundled line and case commands, written against the C ABI in
 * native/include/quire_plugin.h.
 *
 * Every command works on the primary selection when it is not empty and on the whole
 * document otherwise. Line commands (sort, reverse, trim) widen the selection to whole
 * lines; case commands and Word Count use it exactly. Sort and Reverse join the lines they
 * rewrite with the document's line break (the one its first line ends with) and never touch
 * the final line break, so a file keeps its "\r\n" or "\n" and its final newline, or lack
 * of one. Sorting ignores ASCII case and is stable. Each command returns ONE edit
 * covering the range it worked on, so undo restores exactly that range and text outside it
 * is never rewritten. A command that would change nothing returns NULL, so running it does
 * not mark the document dirty.
 *
 * Case conversion changes ASCII letters only; every other byte (all of UTF-8 beyond ASCII)
 * passes through unchanged. That keeps the result valid UTF-8 without a Unicode table.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quire_plugin.h"

/* ---------------------------------------------------------------------------------------
 * Host and result state
 * ------------------------------------------------------------------------------------- */

static const quire_host *host;

/*
 * The ABI lets a result live until the plugin's next call, so one static result, one edit
 * and one heap buffer are enough: each call frees the previous call's buffer first.
 */
static quire_result result;
static quire_edit edit;
static char *edit_buffer;
static char message_buffer[160];

static void log_line(int32_t level, const char *message) {
  /* A host built against an older header may not have every member; `log` is in 1.0. */
  if (host && host->struct_size >= offsetof(quire_host, log) + sizeof host->log && host->log) {
    host->log(level, message, strlen(message));
  }
}

static void start_call(void) {
  free(edit_buffer);
  edit_buffer = NULL;
  memset(&result, 0, sizeof result);
  memset(&edit, 0, sizeof edit);
  result.struct_size = sizeof result;
}

static const quire_result *fail(const char *message) {
  snprintf(message_buffer, sizeof message_buffer, "%s", message);
  result.status = QUIRE_STATUS_ERROR;
  result.message.ptr = message_buffer;
  result.message.len = strlen(message_buffer);
  return &result;
}

static const quire_result *out_of_memory(void) {
  return fail("Text Tools ran out of memory.");
}

/* The text from `offset` on; never arithmetic on the NULL an empty document may carry. */
static const char *text_at(const quire_document *doc, uint64_t offset) {
  return doc->text.ptr ? doc->text.ptr + offset : "";
}

/*
 * Hands `buffer` (len bytes, malloc'ed) back as the replacement for `range`, or returns NULL
 * when it equals what is already there. Takes ownership of `buffer` either way.
 */
static const quire_result *replace_range(const quire_document *doc, quire_range range, char *buffer, size_t len) {
  size_t old_len = (size_t)(range.end - range.start);
  if (len == old_len && (len == 0 || memcmp(buffer, text_at(doc, range.start), len) == 0)) {
    free(buffer);
    return NULL;
  }
  edit_buffer = buffer;
  edit.range = range;
  edit.text.ptr = buffer;
  edit.text.len = len;
  result.edit_count = 1;
  result.edits = &edit;
  return &result;
}

/* ---------------------------------------------------------------------------------------
 * Ranges and lines
 * ------------------------------------------------------------------------------------- */

/* The primary selection clamped to the text, so a confused host cannot send us out of bounds. */
static quire_range primary_selection(const quire_document *doc) {
  quire_range range = {0, 0};
  if (doc->selection_count == 0 || doc->selections == NULL) return range;
  range = doc->selections[0].range;
  if (range.end > doc->text.len) range.end = doc->text.len;
  if (range.start > range.end) range.start = range.end;
  return range;
}

/* The selection when it is not empty, else the whole document. */
static quire_range selection_or_document(const quire_document *doc) {
  quire_range range = primary_selection(doc);
  if (range.start == range.end) {
    range.start = 0;
    range.end = doc->text.len;
  }
  return range;
}

/* The length of the line break that ends at `end` ("\n" or "\r\n"), 0 if none does. */
static size_t break_before(const char *text, size_t end) {
  if (end == 0 || text[end - 1] != '\n') return 0;
  return (end >= 2 && text[end - 2] == '\r') ? 2 : 1;
}

/*
 * The whole lines a line command works on, without the final line break: the lines the
 * selection touches (a selection ending at the very start of a line leaves that line out,
 * as in every editor), or every line of the document. Leaving the last break out is what
 * keeps a document's final newline, present or not, exactly as it was.
 */
static quire_range target_lines(const quire_document *doc) {
  const char *text = text_at(doc, 0);
  size_t len = doc->text.len;
  quire_range selection = primary_selection(doc);
  if (selection.start == selection.end) {
    quire_range all = {0, len - break_before(text, len)};
    return all;
  }
  size_t start = (size_t)selection.start;
  size_t end = (size_t)selection.end;
  while (start > 0 && text[start - 1] != '\n') start--;
  if (end > start && text[end - 1] == '\n') {
    end -= break_before(text, end);
  } else {
    while (end < len && text[end] != '\n') end++;
    if (end > start && end < len && text[end - 1] == '\r') end--;
  }
  quire_range lines = {start, end};
  return lines;
}

/* The document's line break: "\r\n" when its first line ends with one, "\n" otherwise. */
static const char *document_line_break(const quire_str *text) {
  const char *newline = text->len ? memchr(text->ptr, '\n', text->len) : NULL;
  return (newline && newline > text->ptr && newline[-1] == '\r') ? "\r\n" : "\n";
}

/*
 * Splits `range` into lines at "\n", dropping a "\r" before each break, into a malloc'ed
 * array the caller frees. NULL when out of memory.
 */
static quire_str *split_lines(const quire_document *doc, quire_range range, size_t *count) {
  const char *text = text_at(doc, range.start);
  size_t len = (size_t)(range.end - range.start);
  size_t lines = 1;
  for (size_t i = 0; i < len; i++) lines += text[i] == '\n';
  quire_str *out = malloc(lines * sizeof *out);
  if (!out) return NULL;
  size_t n = 0;
  size_t line_start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && text[i] != '\n') continue;
    size_t line_end = i;
    if (i < len && line_end > line_start && text[line_end - 1] == '\r') line_end--;
    out[n].ptr = text + line_start;
    out[n].len = line_end - line_start;
    n++;
    line_start = i + 1;
  }
  *count = n;
  return out;
}

/* Joins `lines` with `line_break` into a new malloc'ed buffer; NULL when out of memory. */
static char *join_lines(const quire_str *lines, size_t count, const char *line_break, size_t *out_len) {
  size_t break_len = strlen(line_break);
  size_t total = count ? (count - 1) * break_len : 0;
  for (size_t i = 0; i < count; i++) total += lines[i].len;
  char *buffer = malloc(total ? total : 1);
  if (!buffer) return NULL;
  char *at = buffer;
  for (size_t i = 0; i < count; i++) {
    if (i > 0) {
      memcpy(at, line_break, break_len);
      at += break_len;
    }
    if (lines[i].len) memcpy(at, lines[i].ptr, lines[i].len);
    at += lines[i].len;
  }
  *out_len = total;
  return buffer;
}

/* Replaces the target lines with `lines` joined by the document's line break. Frees `lines`. */
static const quire_result *replace_lines(const quire_document *doc, quire_range range, quire_str *lines, size_t count) {
  size_t len = 0;
  char *joined = join_lines(lines, count, document_line_break(&doc->text), &len);
  free(lines);
  if (!joined) return out_of_memory();
  return replace_range(doc, range, joined, len);
}

/* ---------------------------------------------------------------------------------------
 * Sorting
 * ------------------------------------------------------------------------------------- */

/*
 * Orders lines ignoring the case of ASCII letters, then by UTF-8 bytes (which is code point
 * order). Lines that compare equal keep their order: the merge sort below is stable.
 */
static int compare_lines(const quire_str *a, const quire_str *b) {
  size_t shorter = a->len < b->len ? a->len : b->len;
  for (size_t i = 0; i < shorter; i++) {
    int ca = tolower((unsigned char)a->ptr[i]);
    int cb = tolower((unsigned char)b->ptr[i]);
    if (ca != cb) return ca - cb;
  }
  return (a->len > b->len) - (a->len < b->len);
}

static void merge_sort(quire_str *lines, quire_str *scratch, size_t count, int direction) {
  if (count < 2) return;
  size_t half = count / 2;
  merge_sort(lines, scratch, half, direction);
  merge_sort(lines + half, scratch, count - half, direction);
  size_t left = 0, right = half, out = 0;
  while (left < half && right < count) {
    /* Taking from the left on ties is what makes the sort stable. */
    if (direction * compare_lines(&lines[right], &lines[left]) < 0) scratch[out++] = lines[right++];
    else scratch[out++] = lines[left++];
  }
  while (left < half) scratch[out++] = lines[left++];
  while (right < count) scratch[out++] = lines[right++];
  memcpy(lines, scratch, count * sizeof *lines);
}

static const quire_result *sort_lines(const quire_document *doc, int direction) {
  start_call();
  quire_range range = target_lines(doc);
  size_t count = 0;
  quire_str *lines = split_lines(doc, range, &count);
  quire_str *scratch = lines ? malloc(count * sizeof *scratch) : NULL;
  if (!scratch) {
    free(lines);
    return out_of_memory();
  }
  merge_sort(lines, scratch, count, direction);
  free(scratch);
  return replace_lines(doc, range, lines, count);
}

static const quire_result *sort_ascending(const quire_document *doc) {
  return sort_lines(doc, 1);
}

static const quire_result *sort_descending(const quire_document *doc) {
  return sort_lines(doc, -1);
}

/* ---------------------------------------------------------------------------------------
 * Other line commands
 * ------------------------------------------------------------------------------------- */

static const quire_result *reverse_lines(const quire_document *doc) {
  start_call();
  quire_range range = target_lines(doc);
  size_t count = 0;
  quire_str *lines = split_lines(doc, range, &count);
  if (!lines) return out_of_memory();
  for (size_t i = 0; i < count / 2; i++) {
    quire_str swap = lines[i];
    lines[i] = lines[count - 1 - i];
    lines[count - 1 - i] = swap;
  }
  return replace_lines(doc, range, lines, count);
}

/*
 * Removes spaces and tabs before each line break. Unlike the other line commands it keeps
 * every line break exactly as it was, mixed or not: trimming is not a reason to touch them.
 */
static const quire_result *trim_trailing_whitespace(const quire_document *doc) {
  start_call();
  quire_range range = target_lines(doc);
  const char *text = text_at(doc, range.start);
  size_t len = (size_t)(range.end - range.start);
  char *buffer = malloc(len ? len : 1);
  if (!buffer) return out_of_memory();
  size_t out = 0;
  size_t line_start = 0;
  for (size_t i = 0; i <= len; i++) {
    if (i < len && text[i] != '\n') continue;
    size_t content_end = i;
    bool carriage_return = i < len && content_end > line_start && text[content_end - 1] == '\r';
    if (carriage_return) content_end--;
    while (content_end > line_start && (text[content_end - 1] == ' ' || text[content_end - 1] == '\t')) content_end--;
    memcpy(buffer + out, text + line_start, content_end - line_start);
    out += content_end - line_start;
    if (carriage_return) buffer[out++] = '\r';
    if (i < len) buffer[out++] = '\n';
    line_start = i + 1;
  }
  return replace_range(doc, range, buffer, out);
}

/* ---------------------------------------------------------------------------------------
 * Case
 * ------------------------------------------------------------------------------------- */

static const quire_result *change_case(const quire_document *doc, int (*convert)(int)) {
  start_call();
  quire_range range = selection_or_document(doc);
  size_t len = (size_t)(range.end - range.start);
  char *buffer = malloc(len ? len : 1);
  if (!buffer) return out_of_memory();
  const unsigned char *text = (const unsigned char *)text_at(doc, range.start);
  for (size_t i = 0; i < len; i++) {
    /* Bytes >= 0x80 are parts of multi-byte UTF-8 characters: never touch them. */
    buffer[i] = (char)(text[i] < 0x80 ? convert(text[i]) : text[i]);
  }
  return replace_range(doc, range, buffer, len);
}

/* toupper/tolower depend on the C locale only for bytes >= 0x80, which change_case skips. */
static const quire_result *uppercase(const quire_document *doc) {
  return change_case(doc, toupper);
}

static const quire_result *lowercase(const quire_document *doc) {
  return change_case(doc, tolower);
}

/* ---------------------------------------------------------------------------------------
 * Word Count
 * ------------------------------------------------------------------------------------- */

static const char *plural(size_t n) {
  return n == 1 ? "" : "s";
}

/*
 * Words are runs of non-whitespace (ASCII whitespace separates them); lines count a last
 * line without a break; characters are Unicode code points, line breaks included.
 */
static const quire_result *word_count(const quire_document *doc) {
  start_call();
  quire_range range = selection_or_document(doc);
  const unsigned char *text = (const unsigned char *)text_at(doc, range.start);
  size_t len = (size_t)(range.end - range.start);
  size_t words = 0, breaks = 0, characters = 0;
  bool in_word = false;
  for (size_t i = 0; i < len; i++) {
    unsigned char c = text[i];
    if ((c & 0xC0) != 0x80) characters++;
    if (c == '\n') breaks++;
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    if (!space && !in_word) words++;
    in_word = !space;
  }
  size_t lines = breaks + (len > 0 && text[len - 1] != '\n');
  bool whole = range.start == 0 && range.end == doc->text.len;
  snprintf(message_buffer, sizeof message_buffer, "%zu word%s, %zu line%s, %zu character%s%s", words, plural(words),
           lines, plural(lines), characters, plural(characters), whole ? "" : " in the selection");
  result.message.ptr = message_buffer;
  result.message.len = strlen(message_buffer);
  return &result;
}

/* ---------------------------------------------------------------------------------------
 * Descriptor
 * ------------------------------------------------------------------------------------- */

static int32_t text_tools_init(const quire_host *quire) {
  host = quire;
  log_line(QUIRE_LOG_DEBUG, "text-tools ready: 7 commands");
  return 0;
}

static void text_tools_shutdown(void) {
  start_call();
  host = NULL;
}

static const quire_command commands[] = {
    {QUIRE_STR("sort-lines"), QUIRE_STR("Sort Lines"), QUIRE_STR("F9"), sort_ascending},
    {QUIRE_STR("sort-lines-descending"), QUIRE_STR("Sort Lines Descending"), QUIRE_STR("Shift+F9"), sort_descending},
    {QUIRE_STR("uppercase"), QUIRE_STR("Uppercase"), QUIRE_NO_STR, uppercase},
    {QUIRE_STR("lowercase"), QUIRE_STR("Lowercase"), QUIRE_NO_STR, lowercase},
    {QUIRE_STR("trim-trailing-whitespace"), QUIRE_STR("Trim Trailing Whitespace"), QUIRE_NO_STR, trim_trailing_whitespace},
    {QUIRE_STR("reverse-lines"), QUIRE_STR("Reverse Lines"), QUIRE_NO_STR, reverse_lines},
    {QUIRE_STR("word-count"), QUIRE_STR("Word Count"), QUIRE_NO_STR, word_count},
};

static const quire_plugin text_tools = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.text-tools"),
    .name = QUIRE_STR("Text Tools"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Sort, reverse and trim lines, change ASCII case, and count words in the selection or document."),
    .init = text_tools_init,
    .shutdown = text_tools_shutdown,
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &text_tools;
}

/* What Quire shows before the plugin runs; must say what the descriptor says. No capabilities. */
QUIRE_PLUGIN_MANIFEST("dev.quire.text-tools", "Text Tools", "1.0.0", "");
