/*
 * bad-descriptor-utf8 — a command title holds "\xC3\x28", which is not valid UTF-8.
 * Everything else in the descriptor is valid, so this is the only reason to refuse it.
 */
#include "quire_plugin.h"

static const quire_result *noop(const quire_document *doc) {
  (void)doc;
  return NULL;
}

static const quire_command commands[] = {
    {QUIRE_STR("noop"), QUIRE_STR("Broken \xC3\x28 Title"), QUIRE_NO_STR, noop},
};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.bad-descriptor-utf8"),
    .name = QUIRE_STR("Bad UTF-8"),
    .version = QUIRE_STR("1.0.0"),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
