/*
 * manifest-mismatch — the manifest asks for network, the descriptor for reading the document's
 * folder instead, and the versions differ too. The user would have allowed what the manifest
 * said, so the host must refuse it before init() (which would log "init ran").
 */
#include "quire_plugin.h"

static int32_t mismatch_init(const quire_host *host) {
  static const char ran[] = "init ran";
  host->log(QUIRE_LOG_ERROR, ran, sizeof ran - 1);
  return 0;
}

static const quire_plugin plugin = {
    QUIRE_PLUGIN_HEADER,
    .id = QUIRE_STR("dev.quire.test.manifest-mismatch"),
    .name = QUIRE_STR("Manifest Mismatch"),
    .version = QUIRE_STR("1.0.1"),
    .init = mismatch_init,
    .capabilities = QUIRE_CAP_READ_DOCUMENT_FOLDER,
};

QUIRE_PLUGIN_EXPORT const quire_plugin *quire_plugin_entry(void) {
  return &plugin;
}

QUIRE_PLUGIN_MANIFEST("dev.quire.test.manifest-mismatch", "Manifest Mismatch", "1.0.0", "network");
