/*
 * print-layout.c — prints the layout of every struct in quire_plugin.h, as the C compiler lays
 * it out, as JSON: for each struct its size and alignment and, in declaration order, each
 * field's offset and size; plus the header's version and flag constants.
 *
 * The header is the only source of truth for the ABI. Quire's TypeScript side declares the
 * same structs for koffi (main/plugin-host/abi/native-abi.ts); its test compares them with
 * this program's output field by field, so the two cannot drift. scripts/build-native.mjs
 * builds and runs it into build/abi-layout/quire-abi-layout.json.
 *
 * Listing a field is by hand, but forgetting one does not compile: the header pads with
 * explicit `reserved` fields, so every struct ends exactly where its last field ends, and a
 * field appended to the header but not listed here fails the static assertion below (as does
 * tail padding, which would let a later minor's field hide in it). A field listed here and not
 * in the header fails offsetof; the test also checks koffi's fields against this list.
 */
#include <stdalign.h>
#include <stdio.h>

#include "quire_plugin.h"

#define FIELD_END(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))
#define LAST_FIELD(type, field)                                                                 \
  _Static_assert(FIELD_END(type, field) == sizeof(type),                                        \
                 #type " does not end at " #field ": list its new field here, or pad with reserved")

LAST_FIELD(quire_str, len);
LAST_FIELD(quire_range, end);
LAST_FIELD(quire_selection, active);
LAST_FIELD(quire_document, selections);
LAST_FIELD(quire_host, log);
LAST_FIELD(quire_edit, text);
LAST_FIELD(quire_diagnostic, code);
LAST_FIELD(quire_result, diagnostics);
LAST_FIELD(quire_command, run);
LAST_FIELD(quire_format, format);
LAST_FIELD(quire_linter, lint);
LAST_FIELD(quire_plugin, reserved2);

static int first_struct = 1;
static int first_field;

static void begin(const char *name, size_t size, size_t align) {
  printf("%s\n    \"%s\": { \"size\": %zu, \"align\": %zu, \"fields\": [", first_struct ? "" : ",", name, size, align);
  first_struct = 0;
  first_field = 1;
}

static void field(const char *name, size_t offset, size_t size) {
  printf("%s\n      { \"name\": \"%s\", \"offset\": %zu, \"size\": %zu }", first_field ? "" : ",", name, offset, size);
  first_field = 0;
}

static void end(void) { printf("\n    ] }"); }

#define BEGIN(type) begin(#type, sizeof(type), alignof(type))
#define FIELD(type, name) field(#name, offsetof(type, name), sizeof(((type *)0)->name))

int main(void) {
  printf("{\n  \"structs\": {");

  BEGIN(quire_str);
  FIELD(quire_str, ptr);
  FIELD(quire_str, len);
  end();

  BEGIN(quire_range);
  FIELD(quire_range, start);
  FIELD(quire_range, end);
  end();

  BEGIN(quire_selection);
  FIELD(quire_selection, range);
  FIELD(quire_selection, active);
  end();

  BEGIN(quire_document);
  FIELD(quire_document, struct_size);
  FIELD(quire_document, selection_count);
  FIELD(quire_document, text);
  FIELD(quire_document, language_id);
  FIELD(quire_document, path);
  FIELD(quire_document, selections);
  end();

  BEGIN(quire_host);
  FIELD(quire_host, struct_size);
  FIELD(quire_host, abi_major);
  FIELD(quire_host, abi_minor);
  FIELD(quire_host, log);
  end();

  BEGIN(quire_edit);
  FIELD(quire_edit, range);
  FIELD(quire_edit, text);
  end();

  BEGIN(quire_diagnostic);
  FIELD(quire_diagnostic, range);
  FIELD(quire_diagnostic, severity);
  FIELD(quire_diagnostic, reserved);
  FIELD(quire_diagnostic, message);
  FIELD(quire_diagnostic, code);
  end();

  BEGIN(quire_result);
  FIELD(quire_result, struct_size);
  FIELD(quire_result, status);
  FIELD(quire_result, flags);
  FIELD(quire_result, edit_count);
  FIELD(quire_result, diagnostic_count);
  FIELD(quire_result, reserved);
  FIELD(quire_result, message);
  FIELD(quire_result, text);
  FIELD(quire_result, edits);
  FIELD(quire_result, diagnostics);
  end();

  BEGIN(quire_command);
  FIELD(quire_command, id);
  FIELD(quire_command, title);
  FIELD(quire_command, keybinding);
  FIELD(quire_command, run);
  end();

  BEGIN(quire_format);
  FIELD(quire_format, id);
  FIELD(quire_format, name);
  FIELD(quire_format, extensions);
  FIELD(quire_format, extension_count);
  FIELD(quire_format, filename_count);
  FIELD(quire_format, filenames);
  FIELD(quire_format, monarch_json);
  FIELD(quire_format, format);
  end();

  BEGIN(quire_linter);
  FIELD(quire_linter, id);
  FIELD(quire_linter, name);
  FIELD(quire_linter, languages);
  FIELD(quire_linter, language_count);
  FIELD(quire_linter, triggers);
  FIELD(quire_linter, lint);
  end();

  BEGIN(quire_plugin);
  FIELD(quire_plugin, struct_size);
  FIELD(quire_plugin, abi_major);
  FIELD(quire_plugin, abi_minor);
  FIELD(quire_plugin, id);
  FIELD(quire_plugin, name);
  FIELD(quire_plugin, version);
  FIELD(quire_plugin, description);
  FIELD(quire_plugin, init);
  FIELD(quire_plugin, shutdown);
  FIELD(quire_plugin, command_count);
  FIELD(quire_plugin, format_count);
  FIELD(quire_plugin, commands);
  FIELD(quire_plugin, formats);
  FIELD(quire_plugin, linter_count);
  FIELD(quire_plugin, reserved);
  FIELD(quire_plugin, linters);
  FIELD(quire_plugin, capabilities);
  FIELD(quire_plugin, reserved2);
  end();

  printf("\n  },\n  \"constants\": {\n");
  printf("    \"QUIRE_ABI_MAJOR\": %d,\n", QUIRE_ABI_MAJOR);
  printf("    \"QUIRE_ABI_MINOR\": %d,\n", QUIRE_ABI_MINOR);
  printf("    \"QUIRE_STATUS_OK\": %d,\n", QUIRE_STATUS_OK);
  printf("    \"QUIRE_STATUS_ERROR\": %d,\n", QUIRE_STATUS_ERROR);
  printf("    \"QUIRE_RESULT_HAS_TEXT\": %u,\n", (unsigned)QUIRE_RESULT_HAS_TEXT);
  printf("    \"QUIRE_LINT_ON_SAVE\": %u,\n", (unsigned)QUIRE_LINT_ON_SAVE);
  printf("    \"QUIRE_LINT_ON_CHANGE\": %u,\n", (unsigned)QUIRE_LINT_ON_CHANGE);
  printf("    \"QUIRE_SEVERITY_ERROR\": %d,\n", QUIRE_SEVERITY_ERROR);
  printf("    \"QUIRE_SEVERITY_WARNING\": %d,\n", QUIRE_SEVERITY_WARNING);
  printf("    \"QUIRE_SEVERITY_INFO\": %d,\n", QUIRE_SEVERITY_INFO);
  printf("    \"QUIRE_SEVERITY_HINT\": %d,\n", QUIRE_SEVERITY_HINT);
  printf("    \"QUIRE_LOG_DEBUG\": %d,\n", QUIRE_LOG_DEBUG);
  printf("    \"QUIRE_LOG_INFO\": %d,\n", QUIRE_LOG_INFO);
  printf("    \"QUIRE_LOG_WARNING\": %d,\n", QUIRE_LOG_WARNING);
  printf("    \"QUIRE_LOG_ERROR\": %d,\n", QUIRE_LOG_ERROR);
  printf("    \"QUIRE_CAP_READ_DOCUMENT_FOLDER\": %u,\n", (unsigned)QUIRE_CAP_READ_DOCUMENT_FOLDER);
  printf("    \"QUIRE_CAP_NETWORK\": %u\n", (unsigned)QUIRE_CAP_NETWORK);
  printf("  }\n}\n");
  return ferror(stdout) ? 1 : 0;
}
