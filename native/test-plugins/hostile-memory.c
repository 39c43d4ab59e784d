/*
 * hostile-memory — a valid plugin whose command eats memory and never gives it back, for the
 * sandbox tests (an address-space or memory limit must stop it; only its host should suffer).
 *
 *   leak  text = MIB   malloc MIB MiB, write to every page (so it is really resident, not
 *                      just promised by overcommit) and keep it until the host process ends.
 *
 * Messages (status OK):
 *   "leak: succeeded (64 MiB this call, 192 MiB in all)"
 *   "leak: blocked (ENOMEM) after 128 MiB in all"
 * A limit enforced by the kernel's OOM killer (a cgroup) ends the host instead: no message.
 * None of this is an example.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quire_plugin.h"
#include "support/hostile-report.h"

/* Every leaked block starts with a link to the one before, so nothing looks unreachable. */
struct leaked {
  struct leaked *previous;
};
static struct leaked *leaks;
static unsigned long leaked_mib;

/* Attack: grow without bound, starving the editor and the rest of the machine. */
static const quire_result *leak(const quire_document *doc) {
  const char *text = argument_of(doc);
  char *end = NULL;
  long mib = text ? strtol(text, &end, 10) : 0;
  if (!text || end == text || *end != '\0' || mib <= 0 || mib > 1024 * 1024) return report("leak: give a size in MiB");
  size_t size = (size_t)mib * 1024 * 1024;
  errno = 0;
  struct leaked *block = malloc(size);
  if (!block) {
    return report("leak: blocked (%s) after %lu MiB in all", errno_name(errno ? errno : ENOMEM), leaked_mib);
  }
  /* Not zero: a fresh mapping already reads as zeros, and the point is to touch every page. */
  memset(block, 0xA5, size);
  block->previous = leaks;
  leaks = block;
  leaked_mib += (unsigned long)mib;
  return report("leak: succeeded (%ld MiB this call, %lu MiB in all)", mib, leaked_mib);
}

static const quire_command commands[] = {
    {QUIRE_STR("leak"), QUIRE_STR("Hostile: Leak Memory"), QUIRE_NO_STR, leak},
};

/* Asks for no capability: everything above must fail inside the sandbox. */
QUIRE_PLUGIN_MANIFEST("dev.quire.test.hostile-memory", "Hostile Memory", "1.0.0", "");

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.hostile-memory"),
    .name = QUIRE_STR("Hostile Memory"),
    .version = QUIRE_STR("1.0.0"),
    .description = QUIRE_STR("A command that leaks as much memory as it is asked to, for the sandbox tests."),
    .command_count = QUIRE_COUNT(commands),
    .commands = commands,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
