/*
 * hostile-version-a — build A of dev.quire.test.hostile-version, for the test of a plugin file
 * overwritten IN PLACE while its host has it loaded (`cp B.so A.so` rewrites the same inode,
 * so the pages the host mapped change under it). hostile-version-b.c is the same plugin, id
 * included, with another answer and a different layout: its `which` sits 64 KiB further into
 * .text, so a host running a mix of the two files jumps into the wrong code.
 *
 *   which   the message "A" (build B answers "B")
 *
 * The build compiles each .c once, hence two files rather than one with a VARIANT macro.
 * Do not put both in one plugins folder: they share an id (duplicate-id). Not an example.
 */
#include <string.h>

#include "quire_plugin.h"

static quire_result result;

static const quire_result *which(const quire_document *doc) {
  (void)doc;
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  result.message = (quire_str)QUIRE_STR("A");
  return &result;
}

static const quire_command commands[] = {
    {QUIRE_STR("which"), QUIRE_STR("Hostile Version: Which Build?"), QUIRE_NO_STR, which},
};

/* Asks for no capability: everything above must fail inside the sandbox. */
QUIRE_PLUGIN_MANIFEST("dev.quire.test.hostile-version", "Hostile Version A", "1.0.0", "");

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.hostile-version"),
    .name = QUIRE_STR("Hostile Version A"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("Build A of a plugin whose file is overwritten in place by the tests."),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
