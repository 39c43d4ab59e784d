/*
 * hostile-version-b — build B of dev.quire.test.hostile-version: the file the tests copy OVER
 * a loaded hostile-version-a.so. Same id and command; another answer, another version, and a
 * different layout, so a host that runs a mix of the two files cannot get the right answer:
 *   - 64 KiB of padding code before `which` moves every function further into .text;
 *   - 64 KiB of read-only data moves .rodata and everything after it.
 *
 *   which   the message "B" (build A answers "A")
 *
 * Not an example.
 */
#include <stdint.h>
#include <string.h>

#include "quire_plugin.h"

static quire_result result;

/*
 * 64 KiB of NOPs ahead of `which`: the linker places .text.hot* input sections before plain
 * .text, so this comes first whatever order the compiler emits functions in. `used` keeps the
 * optimiser from dropping it.
 */
__attribute__((used, noinline, section(".text.hot.hostile_padding"))) static void padding(void) {
  __asm__ volatile(".fill 65536, 1, 0x90");
}

/* 64 KiB of read-only data, read by `which` so it is kept. */
static const uint8_t ballast[64 * 1024] = {1, 2, 3};

static const quire_result *which(const quire_document *doc) {
  memset(&result, 0, sizeof result);
  result.struct_size = sizeof result;
  /* Always true (the document is never that long); it only keeps `ballast` alive. */
  if (doc->text.len < (size_t)1 << 62 || ballast[doc->text.len % sizeof ballast]) {
    result.message = (quire_str)QUIRE_STR("B");
  }
  return &result;
}

static const quire_command commands[] = {
    {QUIRE_STR("which"), QUIRE_STR("Hostile Version: Which Build?"), QUIRE_NO_STR, which},
};

/* Asks for no capability: everything above must fail inside the sandbox. */
QUIRE_PLUGIN_MANIFEST("dev.quire.test.hostile-version", "Hostile Version B", "2.0.0", "");

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.hostile-version"),
    .name = QUIRE_STR("Hostile Version B"),
    .version = QUIRE_STR("2.0.0"),
    .description = QUIRE_STR("Build B of a plugin whose file is overwritten in place by the tests."),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
