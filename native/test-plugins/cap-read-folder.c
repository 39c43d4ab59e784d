/*
 * cap-read-folder — a plugin that asks for QUIRE_CAP_READ_DOCUMENT_FOLDER (manifest and
 * descriptor agree), for the capability tests: it may read beside the document, nowhere else.
 *
 *   read-beside  reads "neighbour.txt" in the folder of quire_document.path
 *   read-path    reads the file whose absolute path is the document's text
 *
 * Each returns status OK with the file's content (at most 4000 bytes) as its message, or
 * "open failed: <strerror(errno)>" / "read failed: ..." — so a test sees exactly what the
 * sandbox allowed, and the plugin shows how to treat a refusal as an error, not a crash.
 */
#define _GNU_SOURCE /* memrchr */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "quire_plugin.h"

static quire_result result;
static char message[4001];
static char path[4096];

static const quire_result *say(const char *text, size_t len) {
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  result.message.ptr = text;
  result.message.len = len;
  return &result;
}

static const quire_result *failed(const char *what) {
  /* Copies strerror's text: its buffer may change before Quire reads the result. */
  size_t len = (size_t)(stpncpy(stpncpy(message, what, 64), strerror(errno), sizeof message - 65) - message);
  return say(message, len);
}

/* The whole reply for a path: its content, or why it could not be read. */
static const quire_result *read_file(const char *file) {
  int fd = open(file, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return failed("open failed: ");
  ssize_t got = read(fd, message, sizeof message - 1);
  int saved = errno;
  close(fd);
  errno = saved;
  if (got < 0) return failed("read failed: ");
  return say(message, (size_t)got);
}

static const quire_result *read_beside(const quire_document *doc) {
  const char *start = doc->path.ptr;
  const char *slash = start ? memrchr(start, '/', doc->path.len) : NULL;
  static const char name[] = "/neighbour.txt";
  if (!slash || (size_t)(slash - start) + sizeof name > sizeof path) {
    errno = ENOENT;
    return failed("open failed: ");
  }
  memcpy(path, start, (size_t)(slash - start));
  memcpy(path + (slash - start), name, sizeof name);
  return read_file(path);
}

static const quire_result *read_path(const quire_document *doc) {
  if (doc->text.len == 0 || doc->text.len >= sizeof path) {
    errno = ENAMETOOLONG;
    return failed("open failed: ");
  }
  memcpy(path, doc->text.ptr, doc->text.len);
  path[doc->text.len] = '\0';
  return read_file(path);
}

static const quire_command commands[] = {
    {QUIRE_STR("read-beside"), QUIRE_STR("Read neighbour.txt"), QUIRE_NO_STR, read_beside},
    {QUIRE_STR("read-path"), QUIRE_STR("Read the file the document names"), QUIRE_NO_STR, read_path},
};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.cap-read-folder"),
    .name = QUIRE_STR("Reads Beside"),
    .version = QUIRE_STR("1.0.0"),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
    .capabilities = QUIRE_CAP_READ_DOCUMENT_FOLDER,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}

QUIRE_PLUGIN_MANIFEST("dev.quire.test.cap-read-folder", "Reads Beside", "1.0.0", "read-document-folder");
