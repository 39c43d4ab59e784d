/*
 * sdk.c — the C half of quire.dev/plugin: everything Quire calls, and the memory Quire reads
 * after a call returns. The Go half (boundary.go) builds descriptors and results in C memory
 * and runs the plugin's Go handlers; cgo's pointer rules forbid C keeping Go memory after a
 * call, and Quire reads a result after the handler returns, so no Go memory ever reaches it.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "_cgo_export.h"
#include "sdk.h"

/* ---------------------------------------------------------------------------------------
 * The host table and logging
 * ------------------------------------------------------------------------------------- */

static const quire_host *host;
/* Quire's thread while it is inside a call of ours: the only place host functions may run. */
static atomic_int in_call;
static pthread_t caller;

static void enter_call(void) {
  caller = pthread_self();
  atomic_store(&in_call, 1);
}

static void leave_call(void) {
  atomic_store(&in_call, 0);
}

void quire_sdk_log(int32_t level, const char *message, size_t len) {
  const quire_host *h = host;
  if (atomic_load(&in_call) && pthread_equal(caller, pthread_self()) && h &&
      h->struct_size >= offsetof(quire_host, log) + sizeof h->log && h->log) {
    h->log(level, message, len);
    return;
  }
  /* A goroutine on another thread, or no call running: stderr, which Quire also logs. */
  fwrite(message, 1, len, stderr);
  fputc('\n', stderr);
}

/* ---------------------------------------------------------------------------------------
 * Results: one C block per call (built by the Go half), freed when the next call starts
 * ------------------------------------------------------------------------------------- */

static void *last_result;

static void free_last_result(void) {
  free(last_result);
  last_result = NULL;
}

static const quire_result *call(int kind, uint32_t index, const quire_document *doc) {
  free_last_result();
  enter_call();
  /* cgo declares Go exports without const; the Go half only reads the document. */
  quire_result *result = quireSDKCall(kind, index, (quire_document *)doc);
  leave_call();
  last_result = result;
  return result;
}

/* ---------------------------------------------------------------------------------------
 * One C function per handler: `name_0x00` … for each index, made by pasting hex digits.
 * ------------------------------------------------------------------------------------- */

#define QUIRE_SDK_HEX16(M, kind, hi)                                                            \
  M(kind, hi##0) M(kind, hi##1) M(kind, hi##2) M(kind, hi##3) M(kind, hi##4) M(kind, hi##5)    \
  M(kind, hi##6) M(kind, hi##7) M(kind, hi##8) M(kind, hi##9) M(kind, hi##a) M(kind, hi##b)    \
  M(kind, hi##c) M(kind, hi##d) M(kind, hi##e) M(kind, hi##f)
#define QUIRE_SDK_HEX64(M, kind)                                                                \
  QUIRE_SDK_HEX16(M, kind, 0x0) QUIRE_SDK_HEX16(M, kind, 0x1) QUIRE_SDK_HEX16(M, kind, 0x2)     \
  QUIRE_SDK_HEX16(M, kind, 0x3)
#define QUIRE_SDK_HEX256(M, kind)                                                               \
  QUIRE_SDK_HEX64(M, kind) QUIRE_SDK_HEX16(M, kind, 0x4) QUIRE_SDK_HEX16(M, kind, 0x5)          \
  QUIRE_SDK_HEX16(M, kind, 0x6) QUIRE_SDK_HEX16(M, kind, 0x7) QUIRE_SDK_HEX16(M, kind, 0x8)     \
  QUIRE_SDK_HEX16(M, kind, 0x9) QUIRE_SDK_HEX16(M, kind, 0xa) QUIRE_SDK_HEX16(M, kind, 0xb)     \
  QUIRE_SDK_HEX16(M, kind, 0xc) QUIRE_SDK_HEX16(M, kind, 0xd) QUIRE_SDK_HEX16(M, kind, 0xe)     \
  QUIRE_SDK_HEX16(M, kind, 0xf)

#define QUIRE_SDK_DEFINE(kind, n) \
  static const quire_result *kind##_##n(const quire_document *doc) { return call(kind, n, doc); }
#define QUIRE_SDK_ENTRY(kind, n) kind##_##n,

QUIRE_SDK_HEX256(QUIRE_SDK_DEFINE, QUIRE_SDK_COMMAND)
QUIRE_SDK_HEX64(QUIRE_SDK_DEFINE, QUIRE_SDK_FORMATTER)
QUIRE_SDK_HEX64(QUIRE_SDK_DEFINE, QUIRE_SDK_LINTER)

static const quire_handler_fn commands[QUIRE_SDK_MAX_COMMANDS] = {QUIRE_SDK_HEX256(QUIRE_SDK_ENTRY, QUIRE_SDK_COMMAND)};
static const quire_handler_fn formatters[QUIRE_SDK_MAX_FORMATS] = {QUIRE_SDK_HEX64(QUIRE_SDK_ENTRY, QUIRE_SDK_FORMATTER)};
static const quire_handler_fn linters[QUIRE_SDK_MAX_LINTERS] = {QUIRE_SDK_HEX64(QUIRE_SDK_ENTRY, QUIRE_SDK_LINTER)};

quire_handler_fn quire_sdk_handler(int kind, uint32_t index) {
  switch (kind) {
    case QUIRE_SDK_COMMAND: return index < QUIRE_SDK_MAX_COMMANDS ? commands[index] : NULL;
    case QUIRE_SDK_FORMATTER: return index < QUIRE_SDK_MAX_FORMATS ? formatters[index] : NULL;
    case QUIRE_SDK_LINTER: return index < QUIRE_SDK_MAX_LINTERS ? linters[index] : NULL;
    default: return NULL;
  }
}

/* ---------------------------------------------------------------------------------------
 * Init, shutdown, the entry point and the manifest
 * ------------------------------------------------------------------------------------- */

int32_t quire_sdk_init(const quire_host *quire) {
  host = quire; /* valid until shutdown returns */
  enter_call();
  int32_t failed = quireSDKInit();
  leave_call();
  return failed;
}

void quire_sdk_shutdown(void) {
  enter_call();
  quireSDKShutdown();
  leave_call();
  free_last_result();
  host = NULL;
}

/*
 * The descriptor is made from the plugin's Go declaration (plugin.Register) once, on the
 * first call, into C memory that lives as long as the library. It cannot be static data as in
 * C: the declaration is Go values, which exist only once the Go runtime has started.
 */
QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  static const quire_plugin *descriptor;
  if (!descriptor) descriptor = quireSDKDescriptor();
  return descriptor;
}

/* Weak: a test binary or `go run` without the generated manifest still links. */
#pragma weak quire_plugin_manifest

const char *quire_sdk_manifest(void) {
  return quire_plugin_manifest;
}
