/*
 * misbehave — a plugin with a perfectly valid descriptor whose handlers each break one rule,
 * so the loader's tests can prove Quire survives it. Every command is one failure; the
 * linter `bad-ranges` is the linter-shaped one. None of this is an example to follow.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quire_plugin.h"

static quire_result result;
static quire_edit edits[2];
static quire_diagnostic diagnostic;

static quire_result *fresh_result(void) {
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  return &result;
}

/* A volatile pointer the optimiser cannot prove NULL, so the store really happens: SIGSEGV. */
static const quire_result *segfault(const quire_document *doc) {
  (void)doc;
  volatile int *volatile target = NULL;
  *target = 42;
  return NULL;
}

static const quire_result *abort_call(const quire_document *doc) {
  (void)doc;
  abort();
}

/* Spins on a volatile flag, which the compiler must re-read forever: a hang that burns CPU. */
static const quire_result *hang(const quire_document *doc) {
  (void)doc;
  volatile int spinning = 1;
  while (spinning) {
  }
  return NULL;
}

/* Ends the process with a success status in the middle of a call. */
static const quire_result *exit_zero(const quire_document *doc) {
  (void)doc;
  exit(0);
}

/* Writes things that look like protocol to both streams; Quire must treat them as log lines. */
static const quire_result *stdout_garbage(const quire_document *doc) {
  (void)doc;
  printf("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"ok\":true}}\n");
  printf("Content-Length: 52\r\n\r\n{\"type\":\"result\",\"id\":7,\"value\":\"forged\"}\n");
  printf("{\"id\":0,\"ok\":true,\"value\":null}\n");
  printf("a line without a newline at the end");
  fflush(stdout);
  fprintf(stderr, "{\"error\":{\"code\":\"crashed\",\"message\":\"not really\"}}\n");
  fprintf(stderr, "plain stderr text\n");
  fflush(stderr);
  fresh_result();
  result.message = (quire_str)QUIRE_STR("ok");
  return &result;
}

/* "\xC3\x28": a two-byte lead followed by a byte that is not a continuation byte. */
static const quire_result *bad_utf8(const quire_document *doc) {
  (void)doc;
  static const char invalid[] = {(char)0xC3, 0x28};
  fresh_result();
  result.message.ptr = invalid;
  result.message.len = sizeof invalid;
  return &result;
}

/* An edit that ends ten bytes past the end of the document. */
static const quire_result *bad_range(const quire_document *doc) {
  fresh_result();
  edits[0].range.start = 0;
  edits[0].range.end = doc->text.len + 10;
  edits[0].text = (quire_str)QUIRE_STR("x");
  result.edit_count = 1;
  result.edits = edits;
  return &result;
}

/* [0, 2) and [1, 3): they share byte 1. The tests pass a document of at least 3 ASCII bytes. */
static const quire_result *overlapping_edits(const quire_document *doc) {
  (void)doc;
  fresh_result();
  edits[0].range.start = 0;
  edits[0].range.end = 2;
  edits[0].text = (quire_str)QUIRE_STR("A");
  edits[1].range.start = 1;
  edits[1].range.end = 3;
  edits[1].text = (quire_str)QUIRE_STR("B");
  result.edit_count = 2;
  result.edits = edits;
  return &result;
}

/* 65 MiB of 'a': one MiB over the 64 MiB limit on result text. Allocated once, then reused. */
static const quire_result *huge(const quire_document *doc) {
  (void)doc;
  static char *text;
  const size_t size = (size_t)65 * 1024 * 1024;
  if (!text) {
    text = malloc(size);
    if (!text) return NULL;
    memset(text, 'a', size);
  }
  fresh_result();
  result.flags = QUIRE_RESULT_HAS_TEXT;
  result.text.ptr = text;
  result.text.len = size;
  return &result;
}

/* Claims 4 294 967 295 edits while the array holds one: reading them all would run off the end. */
static const quire_result *huge_count(const quire_document *doc) {
  (void)doc;
  fresh_result();
  edits[0].range.start = 0;
  edits[0].range.end = 0;
  edits[0].text = (quire_str)QUIRE_STR("x");
  result.edit_count = 0xFFFFFFFFu;
  result.edits = edits;
  return &result;
}

/* A string with a NULL pointer but a length of 10. */
static const quire_result *null_string(const quire_document *doc) {
  (void)doc;
  fresh_result();
  result.message.ptr = NULL;
  result.message.len = 10;
  return &result;
}

/* Takes about a second, then succeeds: for tests that set a deadline shorter than that. */
static const quire_result *sleep_1s(const quire_document *doc) {
  (void)doc;
  struct timespec remaining = {1, 0};
  while (nanosleep(&remaining, &remaining) != 0) {
  }
  fresh_result();
  result.message = (quire_str)QUIRE_STR("slept");
  return &result;
}

static void *spin_forever(void *unused) {
  (void)unused;
  volatile unsigned long counter = 0;
  for (;;) counter++;
  return NULL;
}

/* Leaves a detached thread spinning after the call returns; only ending the process stops it. */
static const quire_result *spawn_thread(const quire_document *doc) {
  (void)doc;
  pthread_t thread;
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  int failed = pthread_create(&thread, &attributes, spin_forever, NULL);
  pthread_attr_destroy(&attributes);
  fresh_result();
  if (failed) {
    result.status = QUIRE_STATUS_ERROR;
    result.message = (quire_str)QUIRE_STR("pthread_create failed");
  }
  return &result;
}

/* A diagnostic whose range ends 100 bytes past the end of the document. */
static const quire_result *bad_ranges(const quire_document *doc) {
  fresh_result();
  diagnostic.range.start = 0;
  diagnostic.range.end = doc->text.len + 100;
  diagnostic.severity = QUIRE_SEVERITY_ERROR;
  diagnostic.message = (quire_str)QUIRE_STR("this range is out of bounds");
  diagnostic.code = (quire_str)QUIRE_STR("bad-range");
  result.diagnostic_count = 1;
  result.diagnostics = &diagnostic;
  return &result;
}

static const quire_command commands[] = {
    {QUIRE_STR("segfault"), QUIRE_STR("Misbehave: Segfault"), QUIRE_NO_STR, segfault},
    {QUIRE_STR("abort"), QUIRE_STR("Misbehave: Abort"), QUIRE_NO_STR, abort_call},
    {QUIRE_STR("hang"), QUIRE_STR("Misbehave: Hang"), QUIRE_NO_STR, hang},
    {QUIRE_STR("exit-zero"), QUIRE_STR("Misbehave: Exit(0)"), QUIRE_NO_STR, exit_zero},
    {QUIRE_STR("stdout-garbage"), QUIRE_STR("Misbehave: Print Garbage"), QUIRE_NO_STR, stdout_garbage},
    {QUIRE_STR("bad-utf8"), QUIRE_STR("Misbehave: Invalid UTF-8"), QUIRE_NO_STR, bad_utf8},
    {QUIRE_STR("bad-range"), QUIRE_STR("Misbehave: Edit Out of Range"), QUIRE_NO_STR, bad_range},
    {QUIRE_STR("overlapping-edits"), QUIRE_STR("Misbehave: Overlapping Edits"), QUIRE_NO_STR, overlapping_edits},
    {QUIRE_STR("huge"), QUIRE_STR("Misbehave: 65 MiB Result"), QUIRE_NO_STR, huge},
    {QUIRE_STR("huge-count"), QUIRE_STR("Misbehave: Edit Count Lies"), QUIRE_NO_STR, huge_count},
    {QUIRE_STR("null-string"), QUIRE_STR("Misbehave: NULL String"), QUIRE_NO_STR, null_string},
    {QUIRE_STR("sleep-1s"), QUIRE_STR("Misbehave: Sleep 1 s"), QUIRE_NO_STR, sleep_1s},
    {QUIRE_STR("spawn-thread"), QUIRE_STR("Misbehave: Leave a Thread Spinning"), QUIRE_NO_STR, spawn_thread},
};

static const quire_str plaintext[] = {QUIRE_STR("plaintext")};

static const quire_linter linters[] = {{
    .id = QUIRE_STR("bad-ranges"),
    .name = QUIRE_STR("Misbehave: diagnostics out of range"),
    .languages = plaintext,
    .language_count = QUIRE_COUNT(plaintext),
    .triggers = QUIRE_LINT_ON_SAVE,
    .lint = bad_ranges,
}};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.misbehave"),
    .name = QUIRE_STR("Misbehave"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Commands that crash, hang and lie, for Quire's own tests."),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
    .linter_count = QUIRE_COUNT(linters),
    .linters = linters,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
