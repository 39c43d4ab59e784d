/*
 * hostile-threads — a valid plugin whose command starts threads that outlive the call, for the
 * sandbox tests. Threads ARE allowed in a sandboxed host (Node needs its own), so this is the
 * control case: a sandbox that stops fork must not stop threads. Beware that RLIMIT_NPROC
 * counts threads as well as processes (clone checks it for both), so a sandbox that uses it
 * against fork will also refuse these threads, and Node's own.
 *
 *   spawn-thread  text = COUNT (empty: 1)   start COUNT detached threads, each named
 *                 "quire-hostile" (/proc/PID/task/TID/comm) and sleeping 600 s
 *
 * pthread_create is in glibc's libc.so.6 itself since 2.34, so this links without -pthread.
 * Messages (status OK):
 *   "spawn-thread: 1 of 1 succeeded"   "spawn-thread: 3 of 8 succeeded; pthread_create blocked (EAGAIN)"
 * None of this is an example.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quire_plugin.h"
#include "support/hostile-report.h"

/* The name every thread and process a hostile plugin starts carries (see hostile-plugins.ts). */
#define HOSTILE_MARKER "quire-hostile"

/* Sleeps 600 s without using CPU, then ends. */
static void *linger(void *unused) {
  (void)unused;
  struct timespec remaining = {600, 0};
  while (nanosleep(&remaining, &remaining) != 0) {
  }
  return NULL;
}

/* Leaves threads behind after the call returns: allowed by the sandbox, against the ABI's advice. */
static const quire_result *spawn_thread(const quire_document *doc) {
  const char *text = argument_of(doc);
  long wanted = 1;
  if (!text || *text) {
    char *end = NULL;
    wanted = text ? strtol(text, &end, 10) : 0;
    if (!text || end == text || *end != '\0' || wanted <= 0 || wanted > 1000) {
      return report("spawn-thread: give a count from 1 to 1000, or nothing for 1");
    }
  }
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
  long started = 0;
  int first_error = 0;
  for (long i = 0; i < wanted; i++) {
    pthread_t thread;
    int error = pthread_create(&thread, &attributes, linger, NULL);
    if (error) {
      if (!first_error) first_error = error;
      continue;
    }
    started++;
    pthread_setname_np(thread, HOSTILE_MARKER);
  }
  pthread_attr_destroy(&attributes);
  if (!first_error) return report("spawn-thread: %ld of %ld succeeded", started, wanted);
  return report("spawn-thread: %ld of %ld succeeded; pthread_create blocked (%s)", started, wanted, errno_name(first_error));
}

static const quire_command commands[] = {
    {QUIRE_STR("spawn-thread"), QUIRE_STR("Hostile: Leave Threads Sleeping"), QUIRE_NO_STR, spawn_thread},
};

/* Asks for no capability: everything above must fail inside the sandbox. */
QUIRE_PLUGIN_MANIFEST("dev.quire.test.hostile-threads", "Hostile Threads", "1.0.0", "");

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.hostile-threads"),
    .name = QUIRE_STR("Hostile Threads"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("A command that leaves sleeping threads behind, for the sandbox tests."),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
