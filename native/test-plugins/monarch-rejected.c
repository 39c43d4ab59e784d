/*
 * monarch-rejected — its format's grammar is valid JSON, so the loader accepts it, but its one
 * rule is a regular expression Monaco cannot compile ("[unclosed"). The editor must report the
 * grammar against this plugin and open .rejected files as plain text.
 */
#include "quire_plugin.h"

static const quire_str extensions[] = {QUIRE_STR(".rejected")};

static const quire_format formats[] = {{
    .id = QUIRE_STR("rejected"),
    .name = QUIRE_STR("Rejected Grammar"),
    .extensions = extensions,
    .extension_count = QUIRE_COUNT(extensions),
    .monarch_json = QUIRE_STR("{\"tokenizer\":{\"root\":[[\"[unclosed\",\"keyword\"]]}}"),
}};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.monarch-rejected"),
    .name = QUIRE_STR("Monarch Rejected"),
    .version = QUIRE_STR("1.0.0"),
    .format_count = QUIRE_COUNT(formats),
    .formats = formats,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
