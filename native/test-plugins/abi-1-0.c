/*
 * abi-1-0 — a plugin as the ABI 1.0 header built it: minor 0, a quire_plugin that ends before
 * `capabilities`, and no manifest. A 1.1 host still loads it, with no capabilities.
 * The header fields are set by hand to what QUIRE_PLUGIN_HEADER gave under 1.0.
 */
#include <stddef.h>

#include "quire_plugin.h"

static const quire_result *noop(const quire_document *doc) {
  (void)doc;
  return NULL;
}

static const quire_command commands[] = {
    {QUIRE_STR("noop"), QUIRE_STR("ABI 1.0: Do Nothing"), QUIRE_NO_STR, noop},
};

static const quire_plugin plugin = {
    .struct_size = offsetof(quire_plugin, capabilities),
    .abi_major = 1,
    .abi_minor = 0,
    .id = QUIRE_STR("dev.quire.test.abi-1-0"),
    .name = QUIRE_STR("ABI 1.0"),
    .version = QUIRE_STR("1.0.0"),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
    /* Never read: the struct_size says the plugin does not know this field. */
    .capabilities = QUIRE_CAP_NETWORK,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
