/*
 * constructor-crash — a valid plugin whose library constructor raises SIGSEGV, so the
 * process dies while the library is being loaded, before Quire gets the entry point. The
 * header's "no work in constructors" rule exists because of this: Quire can only report
 * "crashed while loading".
 */
#include <signal.h>

#include "quire_plugin.h"

__attribute__((constructor)) static void crash_while_loading(void) {
  raise(SIGSEGV);
}

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.constructor-crash"),
    .name = QUIRE_STR("Constructor Crash"),
    .version = QUIRE_STR("1.0.0"),
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
