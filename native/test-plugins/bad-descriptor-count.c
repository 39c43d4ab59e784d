/*
 * bad-descriptor-count — command_count claims 1 000 000 commands while the array holds
 * one: over the limit of 256, and reading them all would run far off the end of the array.
 * Everything else in the descriptor is valid, so this is the only reason to refuse it.
 */
#include "quire_plugin.h"

static const quire_result *noop(const quire_document *doc) {
  (void)doc;
  return NULL;
}

static const quire_command commands[] = {
    {QUIRE_STR("noop"), QUIRE_STR("Do Nothing"), QUIRE_NO_STR, noop},
};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.bad-descriptor-count"),
    .name = QUIRE_STR("Bad Count"),
    .version = QUIRE_STR("1.0.0"),
    .command_count = 1000000,
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
