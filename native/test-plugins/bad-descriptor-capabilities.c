/*
 * bad-descriptor-capabilities — asks for QUIRE_CAP_NETWORK and a bit no capability has
 * (1 << 5). Quire cannot grant what it does not know, so the descriptor is refused, naming
 * the bit. The manifest lists only what it can name, so the bit is the one difference.
 */
#include "quire_plugin.h"

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.bad-descriptor-capabilities"),
    .name = QUIRE_STR("Unknown Capability"),
    .version = QUIRE_STR("1.0.0"),
    .capabilities = QUIRE_CAP_NETWORK | (1u << 5),
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}

QUIRE_PLUGIN_MANIFEST("dev.quire.test.bad-descriptor-capabilities", "Unknown Capability", "1.0.0", "network");
