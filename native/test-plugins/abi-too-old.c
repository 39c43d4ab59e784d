/*
 * abi-too-old — an otherwise valid plugin that declares ABI 0.0, a major older than any
 * this host loads (0 < 1).
 * The version fields are set by hand instead of with QUIRE_PLUGIN_HEADER.
 */
#include "quire_plugin.h"

static const quire_plugin plugin = {
    .struct_size = sizeof(quire_plugin),
    .abi_major = 0,
    .abi_minor = 0,
    .id = QUIRE_STR("dev.quire.test.abi-too-old"),
    .name = QUIRE_STR("ABI 0.0"),
    .version = QUIRE_STR("1.0.0"),
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
