/**
 * The loader core, in process: a plugin file becomes a checked descriptor and callable
 * handlers. Runs inside a plugin host process, one plugin per process, so whatever the
 * plugin's code does (crash, hang, exit) ends only that process.
 */
import koffi, { type LibraryHandle } from 'koffi';
import type {
  HandlerKind,
  PluginCallResult,
  PluginDescriptor,
  PluginFailure,
  PluginOutcome,
} from '../../../app/plugin-contract.js';
import {
  ENTRY_SYMBOL,
  HandlerProto,
  HOST_ABI_MAJOR,
  HOST_ABI_MINOR,
  HOST_TABLE_LAYOUT,
  InitProto,
  LIMITS,
  LogProto,
  ShutdownProto,
} from '../abi/native-abi.js';
import { inspectFile } from '../../plugin-common/inspect/index.js';
import { DocumentEncoder, type NativeDocumentInput } from './document-encoder.js';
import { classifyLoadError } from './load-errors.js';
import { checkAgainstManifest } from './manifest-check.js';
import { copyBytes, isNull, toCount } from './native-memory.js';
import { readDescriptor, type DescriptorHandlers } from './read-descriptor.js';
import { readCallResult, type NativeCallResult } from './read-result.js';
import { decodeUtf8, type OffsetMap } from './utf8-offsets.js';

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';
export type LogSink = (level: LogLevel, message: string) => void;

const LOG_LEVELS: LogLevel[] = ['debug', 'info', 'warning', 'error'];

type Handler = (doc: Buffer) => bigint | null;

/** A handler returned NULL: success, nothing to change. Shared, never mutated. */
const NOTHING_TO_DO: PluginOutcome<NativeCallResult> = Object.freeze({
  ok: true,
  value: Object.freeze({ message: null, text: null, edits: [], diagnostics: [] }),
}) as PluginOutcome<NativeCallResult>;

/**
 * Inspects the file (refusing it unloaded when it is not a plugin), loads it, reads its
 * descriptor and checks it against the manifest inspection read.
 */
export async function openPlugin(path: string): Promise<PluginOutcome<PluginLibrary>> {
  const inspection = await inspectFile(path);
  if (!inspection.ok) {
    return { ok: false, failure: { code: inspection.code, message: inspection.message, detail: inspection.detail } };
  }
  const opened = loadInspectedPlugin(path);
  const mismatch = opened.ok ? checkAgainstManifest(opened.value.descriptor, inspection.manifest, path) : null;
  return mismatch ? { ok: false, failure: mismatch } : opened;
}

/**
 * dlopen with immediate binding, then the entry and descriptor. Only for files inspection
 * accepted; the caller checks the descriptor against the manifest (checkAgainstManifest).
 */
export function loadInspectedPlugin(path: string): PluginOutcome<PluginLibrary> {
  let lib: LibraryHandle;
  try {
    lib = koffi.load(path, { lazy: false });
  } catch (cause) {
    return { ok: false, failure: classifyLoadError(path, (cause as Error).message) };
  }
  const entry = lib.func(ENTRY_SYMBOL, 'void *', []) as unknown as () => bigint | null;
  const checked = readDescriptor(entry(), path);
  if (!checked.ok) return checked;
  return { ok: true, value: new PluginLibrary(path, lib, checked.value.descriptor, checked.value.handlers) };
}

export class PluginLibrary {
  private readonly encoder = new DocumentEncoder();
  private readonly handlers: Record<HandlerKind, Map<string, Handler>> = { command: new Map(), format: new Map(), lint: new Map() };
  private hostTable: Buffer | null = null;
  private logCallback: bigint | null = null;

  constructor(
    readonly path: string,
    /**
     * Held for as long as the plugin is: koffi dlcloses a library whose handle is garbage
     * collected, and the handler pointers read from the descriptor would then point into
     * unmapped memory (a SIGSEGV at the first call after a collection).
     */
    private readonly library: LibraryHandle,
    readonly descriptor: PluginDescriptor,
    private readonly pointers: DescriptorHandlers,
  ) {}

  /**
   * Calls the plugin's init with the host table. `log` receives the plugin's host->log lines.
   * A non-zero return is `init-failed`, with the last error line the plugin logged as the reason.
   */
  init(log: LogSink): PluginOutcome<void> {
    let lastError: string | null = null;
    this.logCallback = koffi.register((level: number, message: bigint | null, len: number | bigint) => {
      const length = Math.min(toCount(len) ?? 0, LIMITS.logLine);
      if (isNull(message)) return;
      const text = decodeUtf8(copyBytes(message as bigint, length)) ?? '(a log line that is not valid UTF-8)';
      const name = LOG_LEVELS[level] ?? 'info';
      if (name === 'error') lastError = text;
      log(name, text);
    }, koffi.pointer(LogProto));
    const table = Buffer.alloc(HOST_TABLE_LAYOUT.size);
    table.writeUInt32LE(HOST_TABLE_LAYOUT.size, HOST_TABLE_LAYOUT.structSize);
    table.writeUInt16LE(HOST_ABI_MAJOR, HOST_TABLE_LAYOUT.abiMajor);
    table.writeUInt16LE(HOST_ABI_MINOR, HOST_TABLE_LAYOUT.abiMinor);
    table.writeBigUInt64LE(this.logCallback, HOST_TABLE_LAYOUT.log);
    // The plugin may keep the table until shutdown: hold it here so it is never collected.
    this.hostTable = table;
    if (isNull(this.pointers.init)) return { ok: true, value: undefined };
    const init = koffi.decode(this.pointers.init as bigint, InitProto) as (host: Buffer) => number;
    const status = init(table);
    if (status === 0) return { ok: true, value: undefined };
    const failure: PluginFailure = {
      code: 'init-failed',
      message: `${this.descriptor.name} (${this.descriptor.id}) failed to start: ${lastError ?? `its init() returned ${status} without logging why`}.${lastError ? '' : ' The plugin should log the reason at QUIRE_LOG_ERROR before returning non-zero.'}`,
      detail: lastError ? { status, reason: lastError } : { status },
    };
    return { ok: false, failure };
  }

  /**
   * Runs one handler on a document. Synchronous: the plugin runs on this thread until it
   * returns. `offsets` is the call's one map over `input.text`, which the caller also used for
   * the selections.
   */
  call(kind: HandlerKind, id: string, input: NativeDocumentInput, offsets: OffsetMap): PluginOutcome<NativeCallResult> {
    const handler = this.handler(kind, id);
    if (!handler) {
      const call = describeCall(kind, id);
      return {
        ok: false,
        failure: { code: 'unknown-handler', message: `${this.descriptor.name} has no ${call}.`, detail: { call } },
      };
    }
    const result = handler(this.encoder.encode(input));
    return result === null ? NOTHING_TO_DO : readCallResult(result, { call: describeCall(kind, id), kind, offsets });
  }

  /** Calls shutdown() if the plugin has one. */
  shutdown(): void {
    if (!isNull(this.pointers.shutdown)) (koffi.decode(this.pointers.shutdown as bigint, ShutdownProto) as () => void)();
    if (this.logCallback) koffi.unregister(this.logCallback);
    this.logCallback = null;
    this.hostTable = null;
  }

  private handler(kind: HandlerKind, id: string): Handler | null {
    const cached = this.handlers[kind].get(id);
    if (cached) return cached;
    const table = kind === 'command' ? this.pointers.commands : kind === 'format' ? this.pointers.formatters : this.pointers.linters;
    const pointer = table.get(id);
    if (pointer === undefined) return null;
    const fn = koffi.decode(pointer, HandlerProto) as Handler;
    this.handlers[kind].set(id, fn);
    return fn;
  }
}

/** e.g. `command "sort-lines"`, for messages. */
function describeCall(kind: HandlerKind, id: string): string {
  return `${kind === 'lint' ? 'linter' : kind === 'format' ? 'formatter' : 'command'} "${id}"`;
}
