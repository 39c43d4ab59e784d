/*
 * null-entry — exports quire_plugin_entry, but it returns NULL instead of a descriptor.
 */
#include <stddef.h>

#include "quire_plugin.h"

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return NULL;
}
