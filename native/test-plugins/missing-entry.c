/*
 * missing-entry — an ordinary shared library that exports functions, but not
 * quire_plugin_entry: what a plugin looks like when the entry was misspelled, made static,
 * or hidden by -fvisibility=hidden without QUIRE_PLUGIN_EXPORT. Quire must refuse it from
 * its symbol table without running it.
 */
#define EXPORTED __attribute__((visibility("default")))

EXPORTED int quire_plugin_entry_misspelled(void) {
  return 1;
}

EXPORTED int add(int a, int b) {
  return a + b;
}
