/*
 * bad-descriptor-id — its id, "Not A Reverse DNS!", is not a reverse-DNS name (lowercase labels separated by dots).
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
    .id = QUIRE_STR("Not A Reverse DNS!"),
    .name = QUIRE_STR("Bad Id"),
    .version = QUIRE_STR("1.0.0"),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
