/*
 * hostile-network — a valid plugin whose commands try to talk to other programs over sockets,
 * for the sandbox tests. The document text names the target, which the test listens on:
 *
 *   tcp-connect       text = PORT   connect to 127.0.0.1:PORT
 *   unix-connect      text = PATH   connect to the Unix socket at PATH
 *   abstract-connect  text = NAME   connect to the abstract Unix socket "\0NAME" (no file:
 *                                   Landlock's filesystem rules never see it, only its
 *                                   LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET scope or seccomp);
 *                                   refused, it tries "\0NAME" NUL-padded to the whole
 *                                   sun_path, the name Node 20's net.Server really binds
 *
 * Each connection that succeeds sends "quire-hostile\n" (so the listener can check who came)
 * and is closed. Messages, e.g.:
 *   "tcp-connect: succeeded (sent 14 bytes)"   "tcp-connect: blocked (EACCES)"
 *   "tcp-connect: socket blocked (EPERM)"       (socket() itself refused, e.g. by seccomp)
 *   "unix-connect: connected, send blocked (EPIPE)"
 * "blocked (E...)" means the call failed with that errno: ECONNREFUSED means nothing was
 * listening, not that a sandbox stopped it. None of this is an example.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "quire_plugin.h"
#include "support/hostile-report.h"

/* Makes a socket, connects it to `address`, sends a line, and reports as `name`. */
static const quire_result *connect_and_report(const char *name, int domain, const struct sockaddr *address, socklen_t length) {
  static const char hello[] = "quire-hostile\n";
  int fd = socket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return report("%s: socket blocked (%s)", name, errno_name(errno));
  if (connect(fd, address, length) != 0) {
    int error = errno;
    close(fd);
    return report("%s: blocked (%s)", name, errno_name(error));
  }
  /* MSG_NOSIGNAL: a listener that already hung up must not SIGPIPE the host. */
  ssize_t sent = send(fd, hello, sizeof hello - 1, MSG_NOSIGNAL);
  int error = errno;
  close(fd);
  if (sent < 0) return report("%s: connected, send blocked (%s)", name, errno_name(error));
  return report("%s: succeeded (sent %zd bytes)", name, sent);
}

/* Attack: reach a local TCP service (a database, a dev server, another app's debug port). */
static const quire_result *tcp_connect(const quire_document *doc) {
  const char *text = argument_of(doc);
  char *end = NULL;
  long port = text ? strtol(text, &end, 10) : 0;
  if (!text || end == text || *end != '\0' || port <= 0 || port > 65535) return report("tcp-connect: give a port");
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
  return connect_and_report("tcp-connect", AF_INET, (const struct sockaddr *)&address, sizeof address);
}

/* Attack: reach a local service by its socket file (a session bus, an agent, Quire itself). */
static const quire_result *unix_connect(const quire_document *doc) {
  const char *path = argument_of(doc);
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (!path || !*path || strlen(path) >= sizeof address.sun_path) return report("unix-connect: give a socket path");
  memcpy(address.sun_path, path, strlen(path));
  return connect_and_report("unix-connect", AF_UNIX, (const struct sockaddr *)&address, sizeof address);
}

/* Attack: reach an abstract socket, which has no file for filesystem rules to guard. */
static const quire_result *abstract_connect(const quire_document *doc) {
  const char *name = argument_of(doc);
  struct sockaddr_un address = {.sun_family = AF_UNIX};
  if (!name || !*name || strlen(name) >= sizeof address.sun_path - 1) return report("abstract-connect: give a name");
  /* The leading NUL makes it abstract; the length, not a terminator, ends the name. */
  memcpy(address.sun_path + 1, name, strlen(name));
  socklen_t length = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name));
  const quire_result *exact = connect_and_report("abstract-connect", AF_UNIX, (const struct sockaddr *)&address, length);
  if (!strstr(exact->message.ptr, "(ECONNREFUSED)")) return exact;
  /*
   * Node 20's net.Server binds "\0NAME" as the whole sun_path, NAME padded with NULs to 107
   * bytes (a libuv quirk), which is another abstract name: try that form too, so a test can
   * listen with Node.
   */
  return connect_and_report("abstract-connect", AF_UNIX, (const struct sockaddr *)&address, sizeof address);
}

static const quire_command commands[] = {
    {QUIRE_STR("tcp-connect"), QUIRE_STR("Hostile: Connect to a TCP Port"), QUIRE_NO_STR, tcp_connect},
    {QUIRE_STR("unix-connect"), QUIRE_STR("Hostile: Connect to a Unix Socket"), QUIRE_NO_STR, unix_connect},
    {QUIRE_STR("abstract-connect"), QUIRE_STR("Hostile: Connect to an Abstract Socket"), QUIRE_NO_STR, abstract_connect},
};

/* hostile-network-granted.c includes this file with these defined to ask for "network". */
#ifndef HOSTILE_ID
#define HOSTILE_ID "dev.quire.test.hostile-network"
#define HOSTILE_NAME "Hostile Network"
#define HOSTILE_CAPABILITIES 0u
#define HOSTILE_CAPABILITY_NAMES ""
#endif

QUIRE_PLUGIN_MANIFEST(HOSTILE_ID, HOSTILE_NAME, "1.0.0", HOSTILE_CAPABILITY_NAMES);

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR(HOSTILE_ID),
    .name = QUIRE_STR(HOSTILE_NAME),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Commands that connect to local TCP, Unix and abstract sockets, for the sandbox tests."),
    .capabilities = HOSTILE_CAPABILITIES,
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
