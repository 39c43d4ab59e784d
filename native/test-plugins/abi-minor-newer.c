/*
 * abi-minor-newer — an otherwise valid plugin that declares ABI 1.99: the host's major
 * with a newer minor (1.99 > 1.1). It may rely on fields the host does not know, so the
 * host refuses it.
 * The version fields are set by hand instead of with QUIRE_PLUGIN_HEADER.
 */
#include "quire_plugin.h"

static const quire_plugin plugin = {
    .struct_size = sizeof(quire_plugin),
    .abi_major = 1,
    .abi_minor = 99,
    .id = QUIRE_STR("dev.quire.test.abi-minor-newer"),
    .name = QUIRE_STR("ABI 1.99"),
    .version = QUIRE_STR("1.0.0"),
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
