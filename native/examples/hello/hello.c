/*
 * hello.c — a complete Quire plugin in C: one command, "Hello: Say Hello", that replaces the
 * selection (or inserts at the cursor) with a greeting and shows a notification.
 *
 * Build:   cc -shared -fPIC -O2 -Wall -I path/to/quire/native/include -o hello.so hello.c
 * Install: copy hello.so into ~/.config/Quire/plugins; check it with `quire doctor hello.so`.
 */
#include <string.h>

#include "quire_plugin.h"

static const quire_host *host;

/* A result must outlive the call that returns it (until the next call), so it is static. */
static quire_result result;
static quire_edit edit;

static const quire_result *say_hello(const quire_document *doc) {
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;

  edit.range = doc->selections[0].range; /* the primary selection; empty = the cursor */
  edit.text = (quire_str)QUIRE_STR("Hello, world!");
  result.edits = &edit;
  result.edit_count = 1;
  result.message = (quire_str)QUIRE_STR("Said hello.");
  return &result;
}

static int32_t hello_init(const quire_host *quire) {
  static const char ready[] = "hello is ready";
  host = quire; /* valid until shutdown: keep it to log from handlers */
  host->log(QUIRE_LOG_INFO, ready, strlen(ready));
  return 0;
}

static const quire_command commands[] = {
    {QUIRE_STR("say-hello"), QUIRE_STR("Hello: Say Hello"), QUIRE_STR("Ctrl+Alt+H"), say_hello},
};

static const quire_plugin hello = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("org.example.hello"),
    .name = QUIRE_STR("Hello"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Greets you from a native plugin."),
    .init = hello_init,
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &hello;
}

/* Read from the file before any code runs: the consent prompt shows it. Same id, name and
 * version as the descriptor; "" = no capabilities (it needs no files and no network). */
QUIRE_PLUGIN_MANIFEST("org.example.hello", "Hello", "1.0.0", "");
