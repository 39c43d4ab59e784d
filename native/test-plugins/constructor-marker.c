/*
 * constructor-marker — not a plugin (no quire_plugin_entry), but its constructor creates
 * the file named by the environment variable QUIRE_TEST_MARKER as soon as the library is
 * loaded. Quire inspects files before loading them, so for this file the marker must never
 * appear: proof that a refused file's code never ran.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void leave_marker(void) {
  const char *path = getenv("QUIRE_TEST_MARKER");
  if (!path || !*path) return;
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) close(fd);
}

__attribute__((visibility("default"))) int constructor_marker_present(void) {
  return 1;
}
