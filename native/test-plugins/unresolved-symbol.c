/*
 * unresolved-symbol — a valid plugin that uses a function no library defines. Linking a
 * shared library allows undefined symbols, so the build succeeds and the failure only
 * shows when the library is loaded.
 *
 * The function's address is stored in initialised data, which needs a symbol relocation
 * the dynamic loader resolves at load time in every mode: dlopen fails with "undefined
 * symbol" under RTLD_NOW and RTLD_LAZY alike, not on the first call.
 */
#include "quire_plugin.h"

extern void quire_test_symbol_that_does_not_exist(void);

static void (*const volatile missing)(void) = quire_test_symbol_that_does_not_exist;

static int32_t use_missing_symbol(const quire_host *host) {
  (void)host;
  missing();
  return 0;
}

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.unresolved-symbol"),
    .name = QUIRE_STR("Unresolved Symbol"),
    .version = QUIRE_STR("1.0.0"),
    .init = use_missing_symbol,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
