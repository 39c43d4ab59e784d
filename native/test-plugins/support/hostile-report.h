/*
 * What every hostile test plugin (hostile-*.c) shares: its answer, always status OK with a
 * message saying what the attack did, and how it reads its target from the document. Not an
 * example of anything.
 */
#ifndef QUIRE_HOSTILE_REPORT_H
#define QUIRE_HOSTILE_REPORT_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "quire_plugin.h"

/* Every command's result: status OK, and `message` saying what happened. */
__attribute__((format(printf, 1, 2))) static inline const quire_result *report(const char *format, ...) {
  static quire_result result;
  static char message[1024];
  va_list args;
  va_start(args, format);
  int written = vsnprintf(message, sizeof message, format, args);
  va_end(args);
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  result.message.ptr = message;
  result.message.len = written < 0 ? 0 : (size_t)written < sizeof message ? (size_t)written : sizeof message - 1;
  return &result;
}

/* "EACCES", not "Permission denied": what tests match on. strerrorname_np is glibc >= 2.32. */
static inline const char *errno_name(int error) {
  const char *name = strerrorname_np(error);
  return name ? name : "unknown-errno";
}

/* The document text as a C string without surrounding whitespace (in a buffer the caller may
 * cut up), or NULL when it is too long. */
static inline char *argument_of(const quire_document *doc) {
  static char argument[4096];
  size_t start = 0, end = doc->text.len;
  while (start < end && (unsigned char)doc->text.ptr[start] <= ' ') start++;
  while (end > start && (unsigned char)doc->text.ptr[end - 1] <= ' ') end--;
  if (end - start >= sizeof argument) return NULL;
  if (end > start) memcpy(argument, doc->text.ptr + start, end - start);
  argument[end - start] = '\0';
  return argument;
}

#endif
