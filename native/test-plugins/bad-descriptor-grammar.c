/*
 * bad-descriptor-grammar — its format's monarch_json, "{not json", is not JSON.
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

static const quire_str extensions[] = {QUIRE_STR(".badgrammar")};

static const quire_format formats[] = {{
    .id = QUIRE_STR("badgrammar"),
    .name = QUIRE_STR("Bad Grammar"),
    .extensions = extensions,
    .extension_count = QUIRE_COUNT(extensions),
    .monarch_json = QUIRE_STR("{not json"),
}};

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.bad-descriptor-grammar"),
    .name = QUIRE_STR("Bad Grammar"),
    .version = QUIRE_STR("1.0.0"),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
    .format_count = QUIRE_COUNT(formats),
    .formats = formats,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
