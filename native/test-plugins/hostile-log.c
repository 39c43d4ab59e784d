/*
 * hostile-log — a valid plugin whose commands flood Quire with log output, for the tests that
 * prove a chatty plugin is throttled or cut off and cannot exhaust Quire's memory or disk.
 *
 *   flood         text = COUNT   call host->log(INFO, ...) COUNT times with a 100-byte line
 *   flood-stdout  text = COUNT   write(1, ...) COUNT lines of 100 bytes (newline included)
 *   flood-stderr  text = COUNT   the same on fd 2
 *
 * Lines read "quire-hostile flood 0000001 xxxx...", numbered from 1, so a test can tell which
 * survived. A full non-blocking pipe is waited on (poll, up to 2 s) as a determined writer would.
 * Messages (status OK):
 *   "flood: logged 1000 lines (100000 bytes)"
 *   "flood-stdout: wrote 1000 lines (100000 bytes)"
 *   "flood-stdout: blocked (EPIPE) after 12 lines (1200 bytes)"
 * None of this is an example.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quire_plugin.h"
#include "support/hostile-report.h"

#define LINE_BYTES 100
#define MAX_LINES 100000000L

static const quire_host *host;

/* The line count from the text, or -1. */
static long count_of(const quire_document *doc) {
  const char *text = argument_of(doc);
  char *end = NULL;
  long count = text ? strtol(text, &end, 10) : 0;
  return !text || end == text || *end != '\0' || count <= 0 || count > MAX_LINES ? -1 : count;
}

/* Line `number`, exactly LINE_BYTES long; the last byte is '\n' when `newline`, else 'x'. */
static void make_line(char *line, long number, int newline) {
  int prefix = snprintf(line, LINE_BYTES, "quire-hostile flood %07ld ", number);
  memset(line + prefix, 'x', (size_t)(LINE_BYTES - prefix));
  line[LINE_BYTES - 1] = newline ? '\n' : 'x';
}

/* Attack: log faster than anyone can read, through the host's own channel. */
static const quire_result *flood(const quire_document *doc) {
  long count = count_of(doc);
  if (count < 0) return report("flood: give a line count");
  if (!host) return report("flood: no host table (init was not called)");
  char line[LINE_BYTES];
  for (long i = 1; i <= count; i++) {
    make_line(line, i, 0);
    host->log(QUIRE_LOG_INFO, line, LINE_BYTES);
  }
  return report("flood: logged %ld lines (%ld bytes)", count, count * LINE_BYTES);
}

/* Writes all of `bytes` to `fd`, waiting out a full non-blocking pipe; 0 or an errno. */
static int write_all(int fd, const char *bytes, size_t size) {
  while (size > 0) {
    ssize_t written = write(fd, bytes, size);
    if (written > 0) {
      bytes += written;
      size -= (size_t)written;
    } else if (written < 0 && errno == EINTR) {
      continue;
    } else if (written < 0 && errno == EAGAIN) {
      struct pollfd wait_for = {.fd = fd, .events = POLLOUT};
      if (poll(&wait_for, 1, 2000) == 0) return EAGAIN;
    } else {
      return written < 0 ? errno : EIO;
    }
  }
  return 0;
}

/* Attack: fill the plugin's stdout/stderr pipe, which Quire turns into log lines. */
static const quire_result *flood_fd(const quire_document *doc, int fd, const char *name) {
  long count = count_of(doc);
  if (count < 0) return report("%s: give a line count", name);
  char line[LINE_BYTES];
  for (long i = 1; i <= count; i++) {
    make_line(line, i, 1);
    int error = write_all(fd, line, LINE_BYTES);
    if (error) return report("%s: blocked (%s) after %ld lines (%ld bytes)", name, errno_name(error), i - 1, (i - 1) * LINE_BYTES);
  }
  return report("%s: wrote %ld lines (%ld bytes)", name, count, count * LINE_BYTES);
}

static const quire_result *flood_stdout(const quire_document *doc) {
  return flood_fd(doc, 1, "flood-stdout");
}

static const quire_result *flood_stderr(const quire_document *doc) {
  return flood_fd(doc, 2, "flood-stderr");
}

static int32_t hostile_log_init(const quire_host *quire) {
  host = quire;
  return 0;
}

static void hostile_log_shutdown(void) {
  host = NULL;
}

static const quire_command commands[] = {
    {QUIRE_STR("flood"), QUIRE_STR("Hostile: Flood the Log"), QUIRE_NO_STR, flood},
    {QUIRE_STR("flood-stdout"), QUIRE_STR("Hostile: Flood Standard Output"), QUIRE_NO_STR, flood_stdout},
    {QUIRE_STR("flood-stderr"), QUIRE_STR("Hostile: Flood Standard Error"), QUIRE_NO_STR, flood_stderr},
};

/* Asks for no capability: everything above must fail inside the sandbox. */
QUIRE_PLUGIN_MANIFEST("dev.quire.test.hostile-log", "Hostile Log", "1.0.0", "");

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.hostile-log"),
    .name = QUIRE_STR("Hostile Log"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Commands that flood the log, stdout and stderr, for the sandbox tests."),
    .init = hostile_log_init,
    .shutdown = hostile_log_shutdown,
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
