/**
 * Reads and checks what a handler returned. Everything is copied out of the plugin's memory
 * and checked — sizes, UTF-8, ranges against the document, overlaps — before anyone uses it;
 * a bad answer fails that call with a clear message and leaves the document alone.
 */
import type {
  DiagnosticSeverity,
  HandlerKind,
  PluginCallResult,
  PluginFailure,
  PluginOutcome,
} from '../../../app/plugin-contract.js';
import {
  DIAGNOSTIC_LAYOUT as D,
  EDIT_LAYOUT as E,
  LIMITS,
  MIN_RESULT_STRUCT_SIZE,
  RESULT_HAS_TEXT,
  RESULT_LAYOUT as R,
  STATUS_ERROR,
  STATUS_OK,
} from '../abi/native-abi.js';
import { copyArray, copyBytes, isNull, pointerAt, readString, readUtf8Bytes, strAt, u64At, type NativeStr, type Pointer } from './native-memory.js';
import type { OffsetMap } from './utf8-offsets.js';

type RawResult = {
  status: number;
  flags: number;
  editCount: number;
  diagnosticCount: number;
  message: NativeStr;
  text: NativeStr;
  edits: Pointer;
  diagnostics: Pointer;
};

const SEVERITIES: Record<number, DiagnosticSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export interface CallContext {
  /** e.g. `command "sort-lines"` — used in messages. */
  call: string;
  kind: HandlerKind;
  /** The call's one offset map over the document text it was given: range checks and UTF-16 offsets. */
  offsets: OffsetMap;
}

class ResultError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
    readonly tooLarge = false,
  ) {
    super(`${field} ${problem}`);
  }
}

function failure(context: CallContext, error: ResultError): PluginFailure {
  return error.tooLarge
    ? {
        code: 'too-large',
        message: `The plugin's ${context.call} returned too much: ${error.field} ${error.problem}. Nothing was changed. The plugin's author should return less (see the limits in quire_plugin.h).`,
        detail: { field: error.field, call: context.call },
      }
    : {
        code: 'bad-result',
        message: `The plugin's ${context.call} returned an invalid result: ${error.field} ${error.problem}. Nothing was changed. This is a bug in the plugin; its author can reproduce it with the same document.`,
        detail: { field: error.field, call: context.call },
      };
}

function text(value: NativeStr, field: string, limit: number): string {
  const read = readString(value, limit);
  if (!read.ok) throw new ResultError(field, read.problem, read.tooLarge);
  return read.value;
}

/** Copies an array of `size`-byte structs out of the plugin's memory. */
function array(ptr: Pointer, count: number, size: number, limit: number, field: string): Buffer {
  const read = copyArray(ptr, count, size, limit);
  if (!read.ok) throw new ResultError(field, read.problem, read.tooLarge);
  return read.value;
}

/** A quire_range at `offset` of a copied struct, as byte offsets. */
function rangeAt(bytes: Buffer, offset: number, field: string): [number, number] {
  const start = u64At(bytes, offset);
  const end = u64At(bytes, offset + 8);
  if (start < 0 || end < 0) throw new ResultError(field, 'has an impossible offset');
  if (start > end) throw new ResultError(field, `starts after it ends (${start} > ${end})`);
  return [start, end];
}

/** Converts byte ranges to UTF-16 offsets, refusing any outside the document or inside a character. */
function toUtf16(context: CallContext, ranges: [number, number][], field: string): [number, number][] {
  const converted = context.offsets.toUtf16(ranges.flat());
  if (!converted.ok) {
    throw new ResultError(`${field}[${Math.floor(converted.index / 2)}]`, `has offset ${converted.bad}, which ${converted.reason}`);
  }
  return ranges.map((_, i) => [converted.offsets[2 * i] as number, converted.offsets[2 * i + 1] as number]);
}

function readEdits(raw: RawResult, context: CallContext) {
  const bytes = array(raw.edits, raw.editCount, E.size, LIMITS.resultEdits, 'edits');
  const ranges: [number, number][] = [];
  for (let i = 0; i < raw.editCount; i++) ranges.push(rangeAt(bytes, i * E.size + E.range, `edits[${i}].range`));
  const order = ranges.map((_, i) => i).sort((a, b) => (ranges[a] as [number, number])[0] - (ranges[b] as [number, number])[0]);
  for (let k = 1; k < order.length; k++) {
    const previous = ranges[order[k - 1] as number] as [number, number];
    const current = ranges[order[k] as number] as [number, number];
    if (current[0] < previous[1]) throw new ResultError(`edits[${order[k]}].range`, `overlaps edits[${order[k - 1]}]; edits must not overlap`);
  }
  let total = 0;
  const texts = ranges.map((_, i) => {
    const value = text(strAt(bytes, i * E.size + E.text), `edits[${i}].text`, LIMITS.resultText);
    total += value.length;
    if (total > LIMITS.resultText) throw new ResultError('edits', `carry more than ${LIMITS.resultText} bytes of text`, true);
    return value;
  });
  return toUtf16(context, ranges, 'edits').map(([start, end], i) => ({ start, end, text: texts[i] as string }));
}

function readDiagnostics(raw: RawResult, context: CallContext) {
  const bytes = array(raw.diagnostics, raw.diagnosticCount, D.size, LIMITS.resultDiagnostics, 'diagnostics');
  const ranges: [number, number][] = [];
  for (let i = 0; i < raw.diagnosticCount; i++) ranges.push(rangeAt(bytes, i * D.size + D.range, `diagnostics[${i}].range`));
  const converted = toUtf16(context, ranges, 'diagnostics');
  return converted.map(([start, end], i) => {
    const base = i * D.size;
    const severityCode = bytes.readInt32LE(base + D.severity);
    const severity = SEVERITIES[severityCode];
    if (!severity) throw new ResultError(`diagnostics[${i}].severity`, `is ${severityCode}; use QUIRE_SEVERITY_ERROR, _WARNING, _INFO or _HINT`);
    const reserved = bytes.readUInt32LE(base + D.reserved);
    if (reserved !== 0) throw new ResultError(`diagnostics[${i}].reserved`, `is ${reserved}; it must be zero`);
    const message = text(strAt(bytes, base + D.message), `diagnostics[${i}].message`, LIMITS.message);
    if (!message) throw new ResultError(`diagnostics[${i}].message`, 'is required but empty');
    const code = text(strAt(bytes, base + D.code), `diagnostics[${i}].code`, LIMITS.diagnosticCode);
    return { start, end, severity, message, code: code || null };
  });
}

/** A checked result whose replacement text stays as the UTF-8 bytes it arrived as. */
export type NativeCallResult = Omit<PluginCallResult, 'text'> & { text: Uint8Array | null };

/** Reads the quire_result at `pointer` returned by a handler (NULL means "OK, nothing to do"). */
export function readCallResult(pointer: Pointer, context: CallContext): PluginOutcome<NativeCallResult> {
  const empty: NativeCallResult = { message: null, text: null, edits: [], diagnostics: [] };
  if (isNull(pointer)) return { ok: true, value: empty };
  // Copy only the size field first: a plugin claiming a smaller struct must not make us read past it.
  const structSize = copyBytes(pointer as bigint, 4).readUInt32LE(0);
  try {
    if (structSize < MIN_RESULT_STRUCT_SIZE || structSize > 64 * 1024) {
      throw new ResultError('struct_size', `is ${structSize}; set it to sizeof(quire_result) (${MIN_RESULT_STRUCT_SIZE})`);
    }
    const bytes = copyBytes(pointer as bigint, R.size);
    const reserved = bytes.readUInt32LE(R.reserved);
    if (reserved !== 0) throw new ResultError('reserved', `is ${reserved}; it must be zero`);
    const raw: RawResult = {
      status: bytes.readInt32LE(R.status),
      flags: bytes.readUInt32LE(R.flags),
      editCount: bytes.readUInt32LE(R.editCount),
      diagnosticCount: bytes.readUInt32LE(R.diagnosticCount),
      message: strAt(bytes, R.message),
      text: strAt(bytes, R.text),
      edits: pointerAt(bytes, R.edits),
      diagnostics: pointerAt(bytes, R.diagnostics),
    };
    const message = text(raw.message, 'message', LIMITS.message) || null;
    if (raw.status === STATUS_ERROR) {
      return {
        ok: false,
        failure: {
          code: 'plugin-error',
          message: message ?? `The plugin's ${context.call} reported a failure without saying why.`,
          detail: { call: context.call },
        },
      };
    }
    if (raw.status !== STATUS_OK) throw new ResultError('status', `is ${raw.status}; use QUIRE_STATUS_OK or QUIRE_STATUS_ERROR`);
    let replacement: Uint8Array | null = null;
    if ((raw.flags & RESULT_HAS_TEXT) !== 0) {
      const read = readUtf8Bytes(raw.text, LIMITS.resultText);
      if (!read.ok) throw new ResultError('text', read.problem, read.tooLarge);
      replacement = read.value;
    }
    return {
      ok: true,
      value: {
        message,
        text: replacement,
        edits: context.kind === 'lint' ? [] : readEdits(raw, context),
        diagnostics: context.kind === 'lint' ? readDiagnostics(raw, context) : [],
      },
    };
  } catch (error) {
    if (error instanceof ResultError) return { ok: false, failure: failure(context, error) };
    throw error;
  }
}
