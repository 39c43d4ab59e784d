/*
 * sdk.h — what the C half of quire.dev/plugin (sdk.c) offers its Go half (boundary.go).
 *
 * The C half owns everything Quire touches after a call returns: the entry point, one C
 * function per handler (a C handler receives only the document, so each command, formatter
 * and linter needs a function of its own that knows its index), the host table, and the
 * memory of the last result, freed when the next call starts.
 */
#ifndef QUIRE_SDK_H
#define QUIRE_SDK_H

#include <stddef.h>
#include <stdint.h>

#include "quire_plugin.h"

/* What a trampoline asks the Go half to run. */
enum { QUIRE_SDK_COMMAND = 0, QUIRE_SDK_FORMATTER = 1, QUIRE_SDK_LINTER = 2 };

/* How many handlers of each kind there are functions for: quire_plugin.h's limits. */
enum { QUIRE_SDK_MAX_COMMANDS = 256, QUIRE_SDK_MAX_FORMATS = 64, QUIRE_SDK_MAX_LINTERS = 64 };

/* The C function for handler `index` of `kind`; NULL past the limit. */
quire_handler_fn quire_sdk_handler(int kind, uint32_t index);
/* The descriptor's init and shutdown. */
int32_t quire_sdk_init(const quire_host *host);
void quire_sdk_shutdown(void);

/* host->log when called on Quire's thread inside one of its calls; stderr otherwise. */
void quire_sdk_log(int32_t level, const char *message, size_t len);

/* The manifest array this library was linked with (the plugin's generated quire_manifest.go), or NULL. */
const char *quire_sdk_manifest(void);

#endif
