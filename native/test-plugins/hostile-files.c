/*
 * hostile-files — a valid plugin whose commands try to reach files a plugin has no business
 * touching, for the sandbox tests. The document text names the target, so a test aims each
 * attack at a temporary file it made; the plugin never picks a path of its own.
 *
 *   write-file   text = PATH       create (or truncate) PATH and write one line into it
 *   read-file    text = PATH       read PATH; the message carries its first 64 bytes
 *   delete-file  text = PATH       unlink PATH
 *   rename-file  text = FROM\nTO   rename FROM to TO
 *
 * Every command returns status OK with a message saying what happened, so the same plugin
 * proves an attack works without the sandbox and is stopped with it:
 *   "write-file: succeeded (25 bytes)"         "write-file: blocked (EACCES)"
 *   "read-file: succeeded (12 bytes) \"...\""   "read-file: blocked (ENOENT)"
 * "blocked (E...)" means the call failed with that errno, whatever the reason: tests should
 * assert on the errno they expect (Landlock refuses with EACCES). None of this is an example.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "quire_plugin.h"
#include "support/hostile-report.h"

/* Attack: create or overwrite a file outside what the plugin may write. */
static const quire_result *write_file(const quire_document *doc) {
  static const char line[] = "written by hostile-files\n";
  const char *path = argument_of(doc);
  if (!path || !*path) return report("write-file: no path given");
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return report("write-file: blocked (%s)", errno_name(errno));
  ssize_t written = write(fd, line, sizeof line - 1);
  int error = errno;
  close(fd);
  if (written < 0) return report("write-file: opened, write blocked (%s)", errno_name(error));
  return report("write-file: succeeded (%zd bytes)", written);
}

/*
 * Attack: read a file the plugin should not see. The first 64 bytes come back in the message
 * (so a test can check it read the right file); bytes outside printable ASCII become '.',
 * which keeps the message valid UTF-8 whatever the file holds. Tests must point this at a
 * file of their own, never at one holding secrets.
 */
static const quire_result *read_file(const quire_document *doc) {
  const char *path = argument_of(doc);
  if (!path || !*path) return report("read-file: no path given");
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return report("read-file: blocked (%s)", errno_name(errno));
  char bytes[64];
  ssize_t count = read(fd, bytes, sizeof bytes);
  int error = errno;
  close(fd);
  if (count < 0) return report("read-file: opened, read blocked (%s)", errno_name(error));
  for (ssize_t i = 0; i < count; i++) {
    if (bytes[i] < ' ' || bytes[i] > '~' || bytes[i] == '"') bytes[i] = '.';
  }
  return report("read-file: succeeded (%zd bytes) \"%.*s\"", count, (int)count, bytes);
}

/* Attack: delete a file the plugin does not own. */
static const quire_result *delete_file(const quire_document *doc) {
  const char *path = argument_of(doc);
  if (!path || !*path) return report("delete-file: no path given");
  if (unlink(path) != 0) return report("delete-file: blocked (%s)", errno_name(errno));
  return report("delete-file: succeeded");
}

/* Attack: move a file away (or over another one). Text is "FROM\nTO". */
static const quire_result *rename_file(const quire_document *doc) {
  char *text = argument_of(doc);
  char *newline = text ? strchr(text, '\n') : NULL;
  if (!newline) return report("rename-file: give \"FROM\\nTO\"");
  *newline = '\0';
  const char *to = newline + 1;
  if (!*text || !*to) return report("rename-file: give \"FROM\\nTO\"");
  if (rename(text, to) != 0) return report("rename-file: blocked (%s)", errno_name(errno));
  return report("rename-file: succeeded");
}

static const quire_command commands[] = {
    {QUIRE_STR("write-file"), QUIRE_STR("Hostile: Write a File"), QUIRE_NO_STR, write_file},
    {QUIRE_STR("read-file"), QUIRE_STR("Hostile: Read a File"), QUIRE_NO_STR, read_file},
    {QUIRE_STR("delete-file"), QUIRE_STR("Hostile: Delete a File"), QUIRE_NO_STR, delete_file},
    {QUIRE_STR("rename-file"), QUIRE_STR("Hostile: Rename a File"), QUIRE_NO_STR, rename_file},
};

/* hostile-files-folder.c includes this file with these defined to ask for "read-document-folder". */
#ifndef HOSTILE_ID
#define HOSTILE_ID "dev.quire.test.hostile-files"
#define HOSTILE_NAME "Hostile Files"
#define HOSTILE_CAPABILITIES 0u
#define HOSTILE_CAPABILITY_NAMES ""
#endif

QUIRE_PLUGIN_MANIFEST(HOSTILE_ID, HOSTILE_NAME, "1.0.0", HOSTILE_CAPABILITY_NAMES);

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR(HOSTILE_ID),
    .name = QUIRE_STR(HOSTILE_NAME),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Commands that write, read, delete and rename files they were not given, for the sandbox tests."),
    .capabilities = HOSTILE_CAPABILITIES,
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
