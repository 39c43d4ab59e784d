/*
 * abi-too-new — an otherwise valid plugin that declares ABI 2.0, a major newer than this
 * host's (2 > 1): its layout and rules may differ from everything the host knows.
 * The version fields are set by hand instead of with QUIRE_PLUGIN_HEADER.
 */
#include "quire_plugin.h"

static const quire_plugin plugin = {
    .struct_size = sizeof(quire_plugin),
    .abi_major = 2,
    .abi_minor = 0,
    .id = QUIRE_STR("dev.quire.test.abi-too-new"),
    .name = QUIRE_STR("ABI 2.0"),
    .version = QUIRE_STR("1.0.0"),
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
