/*
 * bad-descriptor-size — its struct_size is 8, far smaller than the fields it must have.
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
    .struct_size = 8,
    .abi_major = QUIRE_ABI_MAJOR,
    .abi_minor = QUIRE_ABI_MINOR,
    .id = QUIRE_STR("dev.quire.test.bad-descriptor-size"),
    .name = QUIRE_STR("Bad Size"),
    .version = QUIRE_STR("1.0.0"),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
