/* What result.c offers the Go code: C memory for results, and the host's log. */
#ifndef JSON_TOOLS_RESULT_H
#define JSON_TOOLS_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "quire_plugin.h"

/* Frees the previous call's buffers and returns the zeroed result for this call. */
quire_result *json_tools_begin_result(void);
/* The one edit and the one diagnostic a result can point to; zeroed by begin_result. */
quire_edit *json_tools_edit(void);
quire_diagnostic *json_tools_diagnostic(void);
/* Copies `len` bytes into C memory that lives until the next begin_result; 0 when out of memory. */
int json_tools_keep(const void *bytes, size_t len, quire_str *out);
/* Frees this call's buffers and returns an error result whose message needs no allocation. */
quire_result *json_tools_out_of_memory(void);
/* host->log, when init has given us a host. */
void json_tools_log(int32_t level, const char *message, size_t len);

#endif
