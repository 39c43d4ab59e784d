/**
 * The C ABI of native/include/quire_plugin.h as koffi types and constants. Keep this file and
 * the header in step: field order and types here must match the header exactly (the ABI
 * tests compile the header and compare sizes and offsets).
 */
import koffi from 'koffi';

export const HOST_ABI_MAJOR = 1;
export const HOST_ABI_MINOR = 1;
export const ENTRY_SYMBOL = 'quire_plugin_entry';

/** Limits the header promises; a plugin past them is refused or its call fails. */
export const LIMITS = {
  descriptorString: 4 * 1024,
  grammar: 1024 * 1024,
  commands: 256,
  formats: 64,
  linters: 64,
  namesPerFormat: 64,
  languagesPerLinter: 64,
  resultText: 64 * 1024 * 1024,
  resultEdits: 100_000,
  resultDiagnostics: 100_000,
  message: 4 * 1024,
  diagnosticCode: 64,
  logLine: 4 * 1024,
} as const;

export const STATUS_OK = 0;
export const STATUS_ERROR = 1;
export const RESULT_HAS_TEXT = 1;
export const LINT_ON_SAVE = 1;
export const LINT_ON_CHANGE = 2;

const QuireStr = koffi.struct('quire_str', { ptr: 'void *', len: 'size_t' });
const QuireRange = koffi.struct('quire_range', { start: 'uint64_t', end: 'uint64_t' });

/** quire_plugin as ABI 1.0 laid it out: what every plugin of this major has. */
const PLUGIN_FIELDS_1_0 = {
  struct_size: 'uint32_t',
  abi_major: 'uint16_t',
  abi_minor: 'uint16_t',
  id: QuireStr,
  name: QuireStr,
  version: QuireStr,
  description: QuireStr,
  init: 'void *',
  shutdown: 'void *',
  command_count: 'uint32_t',
  format_count: 'uint32_t',
  commands: 'void *',
  formats: 'void *',
  linter_count: 'uint32_t',
  reserved: 'uint32_t',
  linters: 'void *',
} as const;

/**
 * The 1.0 prefix is what the loader decodes from every plugin: decoding the whole 1.1 struct
 * from a 1.0 plugin would read past the end of its descriptor. Fields added later are read
 * one by one, each only when the plugin's struct_size covers it.
 */
export const PluginStruct1_0 = koffi.struct('quire_plugin_1_0', PLUGIN_FIELDS_1_0);
export const PluginStruct = koffi.struct('quire_plugin', {
  ...PLUGIN_FIELDS_1_0,
  capabilities: 'uint32_t', // @since 1.1
  reserved2: 'uint32_t',
});

export const CommandStruct = koffi.struct('quire_command', {
  id: QuireStr,
  title: QuireStr,
  keybinding: QuireStr,
  run: 'void *',
});

export const FormatStruct = koffi.struct('quire_format', {
  id: QuireStr,
  name: QuireStr,
  extensions: 'void *',
  extension_count: 'uint32_t',
  filename_count: 'uint32_t',
  filenames: 'void *',
  monarch_json: QuireStr,
  format: 'void *',
});

export const LinterStruct = koffi.struct('quire_linter', {
  id: QuireStr,
  name: QuireStr,
  languages: 'void *',
  language_count: 'uint32_t',
  triggers: 'uint32_t',
  lint: 'void *',
});

export const ResultStruct = koffi.struct('quire_result', {
  struct_size: 'uint32_t',
  status: 'int32_t',
  flags: 'uint32_t',
  edit_count: 'uint32_t',
  diagnostic_count: 'uint32_t',
  reserved: 'uint32_t',
  message: QuireStr,
  text: QuireStr,
  edits: 'void *',
  diagnostics: 'void *',
});

export const EditStruct = koffi.struct('quire_edit', { range: QuireRange, text: QuireStr });

export const DiagnosticStruct = koffi.struct('quire_diagnostic', {
  range: QuireRange,
  severity: 'int32_t',
  reserved: 'uint32_t',
  message: QuireStr,
  code: QuireStr,
});

export const StrStruct = QuireStr;

/** The plugin-facing function types. Pointers travel as `void *` so koffi hands us BigInts. */
export const InitProto = koffi.proto('int32_t quire_init_fn(void *host)');
export const ShutdownProto = koffi.proto('void quire_shutdown_fn(void)');
export const HandlerProto = koffi.proto('void *quire_handler_fn(void *doc)');
export const LogProto = koffi.proto('void quire_log_fn(int32_t level, void *message, size_t len)');

/** quire_document, written by hand into a reused buffer: encoding a JS object per call costs ~2 µs. */
export const DOCUMENT_LAYOUT = {
  size: 64,
  structSize: 0,
  selectionCount: 4,
  textPtr: 8,
  textLen: 16,
  languagePtr: 24,
  languageLen: 32,
  pathPtr: 40,
  pathLen: 48,
  selections: 56,
} as const;

/** quire_selection: range.start, range.end, active — three uint64. */
export const SELECTION_SIZE = 24;

/** quire_host: struct_size, abi_major, abi_minor, log. */
export const HOST_TABLE_LAYOUT = { size: 16, structSize: 0, abiMajor: 4, abiMinor: 6, log: 8 } as const;

/** Bytes of quire_plugin / quire_result in ABI 1.0: the least a plugin may declare. */
export const MIN_PLUGIN_STRUCT_SIZE = koffi.sizeof(PluginStruct1_0);
/** Where quire_plugin.capabilities (ABI 1.1) lies; a struct_size that ends before it has none. */
export const PLUGIN_CAPABILITIES_OFFSET = koffi.offsetof(PluginStruct, 'capabilities');
export const MIN_RESULT_STRUCT_SIZE = koffi.sizeof(ResultStruct);

/**
 * Field offsets of the structs read on every call, taken from the koffi definitions above so
 * there is one source of truth; the hot path copies these structs with memcpy and reads them
 * itself.
 */
const at = (type: typeof ResultStruct, field: string) => koffi.offsetof(type, field);
export const RESULT_LAYOUT = {
  size: koffi.sizeof(ResultStruct),
  structSize: at(ResultStruct, 'struct_size'),
  status: at(ResultStruct, 'status'),
  flags: at(ResultStruct, 'flags'),
  editCount: at(ResultStruct, 'edit_count'),
  diagnosticCount: at(ResultStruct, 'diagnostic_count'),
  message: at(ResultStruct, 'message'),
  text: at(ResultStruct, 'text'),
  edits: at(ResultStruct, 'edits'),
  diagnostics: at(ResultStruct, 'diagnostics'),
} as const;
export const EDIT_LAYOUT = { size: koffi.sizeof(EditStruct), range: at(EditStruct, 'range'), text: at(EditStruct, 'text') } as const;
export const DIAGNOSTIC_LAYOUT = {
  size: koffi.sizeof(DiagnosticStruct),
  range: at(DiagnosticStruct, 'range'),
  severity: at(DiagnosticStruct, 'severity'),
  message: at(DiagnosticStruct, 'message'),
  code: at(DiagnosticStruct, 'code'),
} as const;
