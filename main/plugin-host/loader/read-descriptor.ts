/**
 * Reads and checks the descriptor a plugin's entry function returned: versions first (so a
 * plugin built for another ABI is named as such rather than as garbage), then every field.
 * Only plain data leaves this module; handler pointers stay in the plugin host.
 */
import koffi, { type TypeObject } from 'koffi';
import type {
  CommandContribution,
  FormatContribution,
  LinterContribution,
  PluginDescriptor,
  PluginFailure,
  PluginOutcome,
} from '../../../app/plugin-contract.js';
import {
  CommandStruct,
  FormatStruct,
  HOST_ABI_MAJOR,
  HOST_ABI_MINOR,
  LIMITS,
  LINT_ON_CHANGE,
  LINT_ON_SAVE,
  LinterStruct,
  MIN_PLUGIN_STRUCT_SIZE,
  PLUGIN_CAPABILITIES_OFFSET,
  PLUGIN_RESERVED2_OFFSET,
  PluginStruct1_0,
  StrStruct,
} from '../abi/native-abi.js';
import { parseKeybinding } from '../../../app/keybinding-grammar.js';
import { capabilitiesFromBits } from '../../plugin-common/abi/capabilities.js';
import { pluginIdProblem } from '../../plugin-common/abi/plugin-id.js';
import { isNull, readArray, readString, type NativeStr, type Pointer } from './native-memory.js';

/** Function pointers of a checked descriptor, by contribution id. */
export interface DescriptorHandlers {
  init: Pointer;
  shutdown: Pointer;
  commands: Map<string, bigint>;
  formatters: Map<string, bigint>;
  linters: Map<string, bigint>;
}

export interface CheckedDescriptor {
  descriptor: PluginDescriptor;
  handlers: DescriptorHandlers;
}

const LOCAL_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

class DescriptorError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field} ${problem}`);
  }
}

function badDescriptor(path: string, field: string, problem: string): PluginFailure {
  return {
    code: 'bad-descriptor',
    message: `The descriptor returned by quire_plugin_entry in ${path} is invalid: ${field} ${problem}. Fix that field in the plugin's quire_plugin (see native/include/quire_plugin.h) and rebuild.`,
    detail: { field, problem },
  };
}

function str(value: NativeStr, field: string, options: { required: boolean; limit?: number }): string {
  const read = readString(value, options.limit ?? LIMITS.descriptorString);
  if (!read.ok) throw new DescriptorError(field, read.problem);
  if (options.required && read.value.length === 0) throw new DescriptorError(field, 'is required but empty');
  return read.value;
}

function localId(value: NativeStr, field: string, seen: Set<string>): string {
  const id = str(value, field, { required: true });
  if (!LOCAL_ID.test(id)) {
    throw new DescriptorError(field, `"${id}" is not a valid id (use lowercase letters, digits, ".", "-" and "_", at most 64)`);
  }
  if (seen.has(id)) throw new DescriptorError(field, `"${id}" is used twice; ids must be unique within the plugin`);
  seen.add(id);
  return id;
}

function array<T>(ptr: Pointer, count: number, limit: number, type: TypeObject, field: string): T[] {
  const read = readArray<T>(ptr, count, limit, type);
  if (!read.ok) throw new DescriptorError(field, read.problem);
  return read.value;
}

function strings(ptr: Pointer, count: number, field: string): string[] {
  return array<NativeStr>(ptr, count, LIMITS.namesPerFormat, StrStruct, field).map((s, i) =>
    str(s, `${field}[${i}]`, { required: true }),
  );
}

function keybinding(value: NativeStr, field: string): string | null {
  const text = str(value, field, { required: false });
  if (!text) return null;
  const parsed = parseKeybinding(text);
  if (!parsed.ok) throw new DescriptorError(field, parsed.problem);
  return text;
}

function grammar(value: NativeStr, field: string): Record<string, unknown> | null {
  const text = str(value, field, { required: false, limit: LIMITS.grammar });
  if (!text) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new DescriptorError(field, `is not valid JSON (${(cause as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || typeof (parsed as { tokenizer?: unknown }).tokenizer !== 'object') {
    throw new DescriptorError(field, 'must be a JSON object with a "tokenizer" (a Monaco Monarch grammar)');
  }
  return parsed as Record<string, unknown>;
}

function handler(pointer: Pointer, field: string): bigint {
  if (isNull(pointer)) throw new DescriptorError(field, 'is NULL; every command and linter needs a handler');
  return pointer as bigint;
}

function checkVersions(path: string, major: number, minor: number): PluginFailure | null {
  const host = `${HOST_ABI_MAJOR}.${HOST_ABI_MINOR}`;
  const plugin = `${major}.${minor}`;
  if (major < HOST_ABI_MAJOR) {
    return {
      code: 'abi-too-old',
      message: `${path} was built against Quire plugin ABI ${plugin}, which this Quire (ABI ${host}) no longer loads. The plugin's author must rebuild it against the current SDK (native/include/quire_plugin.h).`,
      detail: { pluginAbi: plugin, hostAbi: host },
    };
  }
  if (major > HOST_ABI_MAJOR || minor > HOST_ABI_MINOR) {
    return {
      code: 'abi-too-new',
      message: `${path} was built against Quire plugin ABI ${plugin}, newer than this Quire's ABI ${host}. Update Quire, or rebuild the plugin against the SDK of this Quire version.`,
      detail: { pluginAbi: plugin, hostAbi: host },
    };
  }
  return null;
}

type RawPlugin = {
  struct_size: number;
  abi_major: number;
  abi_minor: number;
  id: NativeStr;
  name: NativeStr;
  version: NativeStr;
  description: NativeStr;
  init: Pointer;
  shutdown: Pointer;
  command_count: number;
  format_count: number;
  commands: Pointer;
  formats: Pointer;
  linter_count: number;
  reserved: number;
  linters: Pointer;
};
type RawCommand = { id: NativeStr; title: NativeStr; keybinding: NativeStr; run: Pointer };
type RawFormat = {
  id: NativeStr;
  name: NativeStr;
  extensions: Pointer;
  extension_count: number;
  filename_count: number;
  filenames: Pointer;
  monarch_json: NativeStr;
  format: Pointer;
};
type RawLinter = { id: NativeStr; name: NativeStr; languages: Pointer; language_count: number; triggers: number; lint: Pointer };

function readContributions(raw: RawPlugin, handlers: DescriptorHandlers) {
  const commandIds = new Set<string>();
  const commands: CommandContribution[] = array<RawCommand>(raw.commands, raw.command_count, LIMITS.commands, CommandStruct, 'commands').map((c, i) => {
    const id = localId(c.id, `commands[${i}].id`, commandIds);
    handlers.commands.set(id, handler(c.run, `commands[${i}].run`));
    return { id, title: str(c.title, `commands[${i}].title`, { required: true }), keybinding: keybinding(c.keybinding, `commands[${i}].keybinding`) };
  });

  const formatIds = new Set<string>();
  const formats: FormatContribution[] = array<RawFormat>(raw.formats, raw.format_count, LIMITS.formats, FormatStruct, 'formats').map((f, i) => {
    const field = `formats[${i}]`;
    const id = localId(f.id, `${field}.id`, formatIds);
    const extensions = strings(f.extensions, f.extension_count, `${field}.extensions`);
    const filenames = strings(f.filenames, f.filename_count, `${field}.filenames`);
    extensions.forEach((ext, j) => {
      if (!/^\.[^/\\\s]+$/.test(ext)) throw new DescriptorError(`${field}.extensions[${j}]`, `"${ext}" must start with "." and contain no slashes or spaces`);
    });
    filenames.forEach((name, j) => {
      if (/[/\\]/.test(name)) throw new DescriptorError(`${field}.filenames[${j}]`, `"${name}" must be a file name, not a path`);
    });
    if (extensions.length + filenames.length === 0) throw new DescriptorError(field, 'needs at least one extension or file name');
    if (!isNull(f.format)) handlers.formatters.set(id, f.format as bigint);
    return {
      id,
      name: str(f.name, `${field}.name`, { required: true }),
      extensions,
      filenames,
      monarch: grammar(f.monarch_json, `${field}.monarch_json`),
      hasFormatter: !isNull(f.format),
    };
  });

  const linterIds = new Set<string>();
  const linters: LinterContribution[] = array<RawLinter>(raw.linters, raw.linter_count, LIMITS.linters, LinterStruct, 'linters').map((l, i) => {
    const field = `linters[${i}]`;
    const id = localId(l.id, `${field}.id`, linterIds);
    const languages = array<NativeStr>(l.languages, l.language_count, LIMITS.languagesPerLinter, StrStruct, `${field}.languages`).map((s, j) => {
      const language = str(s, `${field}.languages[${j}]`, { required: true });
      if (!LOCAL_ID.test(language)) throw new DescriptorError(`${field}.languages[${j}]`, `"${language}" is not a language id`);
      return language;
    });
    if (languages.length === 0) throw new DescriptorError(`${field}.languages`, 'needs at least one language');
    if ((l.triggers & (LINT_ON_SAVE | LINT_ON_CHANGE)) === 0 || (l.triggers & ~(LINT_ON_SAVE | LINT_ON_CHANGE)) !== 0) {
      throw new DescriptorError(`${field}.triggers`, `is ${l.triggers}; use QUIRE_LINT_ON_SAVE and/or QUIRE_LINT_ON_CHANGE`);
    }
    handlers.linters.set(id, handler(l.lint, `${field}.lint`));
    return {
      id,
      name: str(l.name, `${field}.name`, { required: true }),
      languages,
      onSave: (l.triggers & LINT_ON_SAVE) !== 0,
      onChange: (l.triggers & LINT_ON_CHANGE) !== 0,
    };
  });
  return { commands, formats, linters };
}

/**
 * quire_plugin.capabilities when the plugin's struct_size includes it (ABI 1.1); a 1.0
 * plugin asks for nothing. An unknown bit is refused rather than ignored: the plugin expects
 * a permission this Quire cannot grant, and would fail later in a way nobody could explain.
 */
function readCapabilities(pointer: bigint, structSize: number): PluginDescriptor['capabilities'] {
  if (structSize < PLUGIN_CAPABILITIES_OFFSET + 4) return [];
  const bits = koffi.decode(pointer, PLUGIN_CAPABILITIES_OFFSET, 'uint32_t') as number;
  const { names, unknownBits } = capabilitiesFromBits(bits);
  if (unknownBits !== 0) {
    throw new DescriptorError(
      'capabilities',
      `has bits Quire does not know (0x${unknownBits.toString(16)}); use only QUIRE_CAP_READ_DOCUMENT_FOLDER and QUIRE_CAP_NETWORK`,
    );
  }
  return names;
}

/**
 * `reserved` fields must be zero: a later minor may give them a meaning, and a plugin that
 * leaves garbage there would then be read as asking for it. reserved2 is read only when the
 * plugin's struct_size covers it (ABI 1.1).
 */
function checkReserved(pointer: bigint, raw: RawPlugin, structSize: number): void {
  if (raw.reserved !== 0) throw new DescriptorError('reserved', `is ${raw.reserved}; it must be zero`);
  if (structSize < PLUGIN_RESERVED2_OFFSET + 4) return;
  const reserved2 = koffi.decode(pointer, PLUGIN_RESERVED2_OFFSET, 'uint32_t') as number;
  if (reserved2 !== 0) throw new DescriptorError('reserved2', `is ${reserved2}; it must be zero`);
}

/** Reads the descriptor at `pointer` (from quire_plugin_entry) of the plugin at `path`. */
export function readDescriptor(pointer: Pointer, path: string): PluginOutcome<CheckedDescriptor> {
  if (isNull(pointer)) {
    return { ok: false, failure: badDescriptor(path, 'quire_plugin_entry()', 'returned NULL; it must return a pointer to a static quire_plugin') };
  }
  // Read only the fixed 8-byte prefix before trusting the size the plugin claims.
  const structSize = koffi.decode(pointer as bigint, 'uint32_t') as number;
  const major = koffi.decode(pointer as bigint, 4, 'uint16_t') as number;
  const minor = koffi.decode(pointer as bigint, 6, 'uint16_t') as number;
  const versionFailure = checkVersions(path, major, minor);
  if (versionFailure) return { ok: false, failure: versionFailure };
  if (structSize < MIN_PLUGIN_STRUCT_SIZE || structSize > 64 * 1024) {
    return {
      ok: false,
      failure: badDescriptor(path, 'struct_size', `is ${structSize}; it must be sizeof(quire_plugin) as the plugin was compiled (at least ${MIN_PLUGIN_STRUCT_SIZE}, the ABI 1.0 size) — fill it with QUIRE_PLUGIN_HEADER`),
    };
  }
  const raw = koffi.decode(pointer as bigint, PluginStruct1_0) as RawPlugin;
  const handlers: DescriptorHandlers = {
    init: raw.init,
    shutdown: raw.shutdown,
    commands: new Map(),
    formatters: new Map(),
    linters: new Map(),
  };
  try {
    checkReserved(pointer as bigint, raw, structSize);
    const id = str(raw.id, 'id', { required: true });
    const idProblem = pluginIdProblem(id);
    if (idProblem) throw new DescriptorError('id', idProblem);
    const descriptor: PluginDescriptor = {
      id,
      name: str(raw.name, 'name', { required: true }),
      version: str(raw.version, 'version', { required: true }),
      description: str(raw.description, 'description', { required: false }),
      abi: { major, minor },
      capabilities: readCapabilities(pointer as bigint, structSize),
      ...readContributions(raw, handlers),
    };
    return { ok: true, value: { descriptor, handlers } };
  } catch (error) {
    if (error instanceof DescriptorError) return { ok: false, failure: badDescriptor(path, error.field, error.problem) };
    throw error;
  }
}
