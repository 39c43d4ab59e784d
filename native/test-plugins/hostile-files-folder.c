/*
 * hostile-files-folder — hostile-files (same commands, same messages) asking for
 * QUIRE_CAP_READ_DOCUMENT_FOLDER, for the tests of that capability's edges: read-file of a
 * file beside the document must succeed, read-file anywhere else and every write-file,
 * delete-file and rename-file (beside the document too) must still be blocked (EACCES).
 * Not an example.
 */
#define HOSTILE_ID "dev.quire.test.hostile-files-folder"
#define HOSTILE_NAME "Hostile Files (document folder)"
#define HOSTILE_CAPABILITIES QUIRE_CAP_READ_DOCUMENT_FOLDER
#define HOSTILE_CAPABILITY_NAMES "read-document-folder"
#include "hostile-files.c"
