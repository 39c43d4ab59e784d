/*
 * init-timeout — a valid plugin whose init() never returns: it sleeps a second at a time,
 * forever, without using CPU. Quire must give up at the init deadline and end the process.
 */
#include <unistd.h>

#include "quire_plugin.h"

static int32_t never_finish(const quire_host *host) {
  (void)host;
  for (;;) sleep(1);
  return 0;
}

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.init-timeout"),
    .name = QUIRE_STR("Init Timeout"),
    .version = QUIRE_STR("1.0.0"),
    .init = never_finish,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
