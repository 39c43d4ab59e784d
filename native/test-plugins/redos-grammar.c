/*
 * redos-grammar — its format's grammar is valid JSON and a valid Monarch grammar, but its root
 * rule `(a+)+$` backtracks exponentially: a line of 34 `a`s and a `!` would freeze the editor
 * window that tokenizes it. Quire must refuse the plugin with `unsafe-grammar`, naming the
 * rule, and open .redos files as plain text.
 */
#include "quire_plugin.h"

static const quire_str extensions[] = {QUIRE_STR(".redos")};

static const quire_format formats[] = {{
    .id = QUIRE_STR("redos"),
    .name = QUIRE_STR("ReDoS Grammar"),
    .extensions = extensions,
    .extension_count = QUIRE_COUNT(extensions),
    .monarch_json = QUIRE_STR("{\"tokenizer\":{\"root\":[[\"(a+)+$\",\"keyword\"]]}}"),
}};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.redos-grammar"),
    .name = QUIRE_STR("ReDoS Grammar"),
    .version = QUIRE_STR("1.0.0"),
    .format_count = QUIRE_COUNT(formats),
    .formats = formats,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
