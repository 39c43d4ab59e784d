/**
 * The C ABI of native/include/quire_plugin.h as koffi types and constants. The header is the
 * source of truth: the build compiles native/abi-layout/print-layout.c against it and writes
 * every struct's sizeof/offsetof to build/abi-layout/quire-abi-layout.json, and
 * native-abi.test.ts checks each struct here against that, field by field. Every offset the
 * loader uses is taken from these structs, never written as a number.
 */
import koffi from 'koffi';
import { PLUGIN_LIMITS } from '../../../app/plugin-contract.js';

export const HOST_ABI_MAJOR = 1;
export const HOST_ABI_MINOR = 1;
export const ENTRY_SYMBOL = 'quire_plugin_entry';

/** Limits the header promises (its LIMITS); declared once, beside the schemas they bound. */
export const LIMITS = PLUGIN_LIMITS;

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
export const RangeStruct = QuireRange;

/** The plugin-facing function types. Pointers travel as `void *` so koffi hands us BigInts. */
export const InitProto = koffi.proto('int32_t quire_init_fn(void *host)');
export const ShutdownProto = koffi.proto('void quire_shutdown_fn(void)');
export const HandlerProto = koffi.proto('void *quire_handler_fn(void *doc)');
export const LogProto = koffi.proto('void quire_log_fn(int32_t level, void *message, size_t len)');

export const SelectionStruct = koffi.struct('quire_selection', { range: QuireRange, active: 'uint64_t' });

export const DocumentStruct = koffi.struct('quire_document', {
  struct_size: 'uint32_t',
  selection_count: 'uint32_t',
  text: QuireStr,
  language_id: QuireStr,
  path: QuireStr,
  selections: 'void *',
});

export const HostStruct = koffi.struct('quire_host', {
  struct_size: 'uint32_t',
  abi_major: 'uint16_t',
  abi_minor: 'uint16_t',
  log: 'void *',
});

/** quire_document, written by hand into a reused buffer: encoding a JS object per call costs ~2 µs. */
export const DOCUMENT_LAYOUT = {
  size: koffi.sizeof(DocumentStruct),
  structSize: koffi.offsetof(DocumentStruct, 'struct_size'),
  selectionCount: koffi.offsetof(DocumentStruct, 'selection_count'),
  textPtr: koffi.offsetof(DocumentStruct, 'text') + koffi.offsetof(QuireStr, 'ptr'),
  textLen: koffi.offsetof(DocumentStruct, 'text') + koffi.offsetof(QuireStr, 'len'),
  languagePtr: koffi.offsetof(DocumentStruct, 'language_id') + koffi.offsetof(QuireStr, 'ptr'),
  languageLen: koffi.offsetof(DocumentStruct, 'language_id') + koffi.offsetof(QuireStr, 'len'),
  pathPtr: koffi.offsetof(DocumentStruct, 'path') + koffi.offsetof(QuireStr, 'ptr'),
  pathLen: koffi.offsetof(DocumentStruct, 'path') + koffi.offsetof(QuireStr, 'len'),
  selections: koffi.offsetof(DocumentStruct, 'selections'),
} as const;

/** quire_selection: range.start, range.end, active — three uint64. */
export const SELECTION_SIZE = koffi.sizeof(SelectionStruct);

/** quire_host: struct_size, abi_major, abi_minor, log. */
export const HOST_TABLE_LAYOUT = {
  size: koffi.sizeof(HostStruct),
  structSize: koffi.offsetof(HostStruct, 'struct_size'),
  abiMajor: koffi.offsetof(HostStruct, 'abi_major'),
  abiMinor: koffi.offsetof(HostStruct, 'abi_minor'),
  log: koffi.offsetof(HostStruct, 'log'),
} as const;

/** Bytes of quire_plugin / quire_result in ABI 1.0: the least a plugin may declare. */
export const MIN_PLUGIN_STRUCT_SIZE = koffi.sizeof(PluginStruct1_0);
/** Where quire_plugin.capabilities (ABI 1.1) lies; a struct_size that ends before it has none. */
export const PLUGIN_CAPABILITIES_OFFSET = koffi.offsetof(PluginStruct, 'capabilities');
/** Where quire_plugin.reserved2 (ABI 1.1) lies; checked to be zero when struct_size covers it. */
export const PLUGIN_RESERVED2_OFFSET = koffi.offsetof(PluginStruct, 'reserved2');
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
  reserved: at(ResultStruct, 'reserved'),
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
  reserved: at(DiagnosticStruct, 'reserved'),
  message: at(DiagnosticStruct, 'message'),
  code: at(DiagnosticStruct, 'code'),
} as const;
