/*
 * hostile-network-granted — hostile-network (same commands, same messages) asking for
 * QUIRE_CAP_NETWORK, for the tests of that capability: its sockets must work, while files,
 * processes and signals stay as forbidden as for any plugin. Not an example.
 */
#define HOSTILE_ID "dev.quire.test.hostile-network-granted"
#define HOSTILE_NAME "Hostile Network (granted)"
#define HOSTILE_CAPABILITIES QUIRE_CAP_NETWORK
#define HOSTILE_CAPABILITY_NAMES "network"
#include "hostile-network.c"
