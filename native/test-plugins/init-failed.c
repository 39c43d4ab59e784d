/*
 * init-failed — a valid plugin whose init() fails the way the ABI asks: it logs the reason
 * at QUIRE_LOG_ERROR, then returns non-zero. Quire shows that last error line to the user.
 */
#include <string.h>

#include "quire_plugin.h"

static int32_t fail_to_start(const quire_host *host) {
  static const char reason[] = "could not open the dictionary at /nonexistent: No such file or directory";
  host->log(QUIRE_LOG_ERROR, reason, strlen(reason));
  return 1;
}

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.init-failed"),
    .name = QUIRE_STR("Init Failed"),
    .version = QUIRE_STR("1.0.0"),
    .init = fail_to_start,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}
