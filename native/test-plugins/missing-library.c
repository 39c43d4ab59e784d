/*
 * missing-library — a valid plugin linked against libquire_test_absent.so, a library the
 * build creates in a temporary folder and then deletes. Its DT_NEEDED entry names a
 * library the dynamic loader cannot find: the classic "works on my machine" plugin whose
 * dependency was not installed next to it.
 */
#include "quire_plugin.h"

/* Defined in support/quire_test_absent.c; calling it keeps the DT_NEEDED entry even if the
 * linker drops libraries nothing uses (--as-needed). */
extern int quire_test_absent_answer(void);

static int32_t use_absent_library(const quire_host *host) {
  (void)host;
  return quire_test_absent_answer() == 42 ? 0 : 1;
}

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.missing-library"),
    .name = QUIRE_STR("Missing Library"),
    .version = QUIRE_STR("1.0.0"),
    .init = use_absent_library,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
