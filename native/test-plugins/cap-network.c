/*
 * cap-network — a plugin that asks for QUIRE_CAP_NETWORK (manifest and descriptor agree),
 * for the capability tests.
 *
 *   connect  connects over TCP to 127.0.0.1:<port>, the port being the document's text
 *
 * Returns status OK with "connected", or "connect failed: <strerror(errno)>" (also when
 * socket() itself is refused: EPERM without the capability), so a test sees what the
 * sandbox allowed.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "quire_plugin.h"

static quire_result result;
static char message[256];

static const quire_result *say(const char *text) {
  size_t len = strlen(text) < sizeof message - 1 ? strlen(text) : sizeof message - 1;
  memcpy(message, text, len);
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  result.message.ptr = message;
  result.message.len = len;
  return &result;
}

static const quire_result *failed(void) {
  char text[sizeof message];
  strcpy(text, "connect failed: ");
  strncat(text, strerror(errno), sizeof text - strlen(text) - 1);
  return say(text);
}

static const quire_result *connect_port(const quire_document *doc) {
  char digits[8] = {0};
  if (doc->text.len == 0 || doc->text.len >= sizeof digits) {
    errno = EINVAL;
    return failed();
  }
  memcpy(digits, doc->text.ptr, doc->text.len);
  long port = strtol(digits, NULL, 10);
  struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return failed();
  int connected = connect(fd, (const struct sockaddr *)&address, sizeof address);
  int saved = errno;
  close(fd);
  errno = saved;
  return connected == 0 ? say("connected") : failed();
}

static const quire_command commands[] = {
    {QUIRE_STR("connect"), QUIRE_STR("Connect to 127.0.0.1"), QUIRE_NO_STR, connect_port},
};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.cap-network"),
    .name = QUIRE_STR("Connects"),
    .version = QUIRE_STR("1.0.0"),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
    .capabilities = QUIRE_CAP_NETWORK,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}

QUIRE_PLUGIN_MANIFEST("dev.quire.test.cap-network", "Connects", "1.0.0", "network");
