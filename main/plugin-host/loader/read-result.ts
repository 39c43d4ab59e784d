/**
 * Reads and checks what a handler returned. Everything is copied out of the plugin's memory
 * and checked — sizes, UTF-8, ranges against the document, overlaps — before anyone uses it;
 * a bad answer fails that call with a clear message and leaves the document alone.
 */
import koffi from 'koffi';
import type {
  DiagnosticSeverity,
  HandlerKind,
  PluginCallResult,
  PluginFailure,
  PluginOutcome,
} from '../../../app/plugin-contract.js';
import {
  DiagnosticStruct,
  EditStruct,
  LIMITS,
  MIN_RESULT_STRUCT_SIZE,
  RESULT_HAS_TEXT,
  ResultStruct,
  STATUS_ERROR,
  STATUS_OK,
} from '../abi/native-abi.js';
import { isNull, readArray, readString, toCount, type NativeStr, type Pointer } from './native-memory.js';
import { OffsetMap } from './utf8-offsets.js';

type RawRange = { start: number | bigint; end: number | bigint };
type RawResult = {
  struct_size: number;
  status: number;
  flags: number;
  edit_count: number;
  diagnostic_count: number;
  message: NativeStr;
  text: NativeStr;
  edits: Pointer;
  diagnostics: Pointer;
};
type RawEdit = { range: RawRange; text: NativeStr };
type RawDiagnostic = { range: RawRange; severity: number; message: NativeStr; code: NativeStr };

const SEVERITIES: Record<number, DiagnosticSeverity> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export interface CallContext {
  /** e.g. `command "sort-lines"` — used in messages. */
  call: string;
  kind: HandlerKind;
  /** The document text the handler was given, for range checks. */
  text: Uint8Array;
  textUtf16Length: number;
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

function array<T>(ptr: Pointer, count: number, limit: number, type: Parameters<typeof readArray>[3], field: string): T[] {
  const read = readArray<T>(ptr, count, limit, type);
  if (!read.ok) throw new ResultError(field, read.problem, read.tooLarge);
  return read.value;
}

function rangeBytes(range: RawRange, field: string): [number, number] {
  const start = toCount(range.start);
  const end = toCount(range.end);
  if (start === null || end === null) throw new ResultError(field, 'has an impossible offset');
  if (start > end) throw new ResultError(field, `starts after it ends (${start} > ${end})`);
  return [start, end];
}

/** Converts byte ranges to UTF-16 offsets, refusing any outside the document or inside a character. */
function toUtf16(context: CallContext, ranges: [number, number][], field: string): [number, number][] {
  const map = new OffsetMap(context.text, context.textUtf16Length);
  const converted = map.toUtf16(ranges.flat());
  if (!converted.ok) {
    const index = Math.floor(ranges.flat().indexOf(converted.bad) / 2);
    throw new ResultError(`${field}[${index}]`, `has offset ${converted.bad}, which ${converted.reason}`);
  }
  return ranges.map((_, i) => [converted.offsets[2 * i] as number, converted.offsets[2 * i + 1] as number]);
}

function readEdits(raw: RawResult, context: CallContext) {
  const edits = array<RawEdit>(raw.edits, raw.edit_count, LIMITS.resultEdits, EditStruct, 'edits');
  const ranges = edits.map((e, i) => rangeBytes(e.range, `edits[${i}].range`));
  const order = ranges.map((_, i) => i).sort((a, b) => (ranges[a] as [number, number])[0] - (ranges[b] as [number, number])[0]);
  for (let k = 1; k < order.length; k++) {
    const previous = ranges[order[k - 1] as number] as [number, number];
    const current = ranges[order[k] as number] as [number, number];
    if (current[0] < previous[1]) throw new ResultError(`edits[${order[k]}].range`, `overlaps edits[${order[k - 1]}]; edits must not overlap`);
  }
  let total = 0;
  const texts = edits.map((e, i) => {
    const value = text(e.text, `edits[${i}].text`, LIMITS.resultText);
    total += value.length;
    if (total > LIMITS.resultText) throw new ResultError('edits', `carry more than ${LIMITS.resultText} bytes of text`, true);
    return value;
  });
  return toUtf16(context, ranges, 'edits').map(([start, end], i) => ({ start, end, text: texts[i] as string }));
}

function readDiagnostics(raw: RawResult, context: CallContext) {
  const diagnostics = array<RawDiagnostic>(raw.diagnostics, raw.diagnostic_count, LIMITS.resultDiagnostics, DiagnosticStruct, 'diagnostics');
  const ranges = diagnostics.map((d, i) => rangeBytes(d.range, `diagnostics[${i}].range`));
  const converted = toUtf16(context, ranges, 'diagnostics');
  return diagnostics.map((d, i) => {
    const severity = SEVERITIES[d.severity];
    if (!severity) throw new ResultError(`diagnostics[${i}].severity`, `is ${d.severity}; use QUIRE_SEVERITY_ERROR, _WARNING, _INFO or _HINT`);
    const message = text(d.message, `diagnostics[${i}].message`, LIMITS.message);
    if (!message) throw new ResultError(`diagnostics[${i}].message`, 'is required but empty');
    const code = text(d.code, `diagnostics[${i}].code`, LIMITS.diagnosticCode);
    const [start, end] = converted[i] as [number, number];
    return { start, end, severity, message, code: code || null };
  });
}

/** Reads the quire_result at `pointer` returned by a handler (NULL means "OK, nothing to do"). */
export function readCallResult(pointer: Pointer, context: CallContext): PluginOutcome<PluginCallResult> {
  const empty: PluginCallResult = { message: null, text: null, edits: [], diagnostics: [] };
  if (isNull(pointer)) return { ok: true, value: empty };
  const structSize = koffi.decode(pointer as bigint, 'uint32_t') as number;
  try {
    if (structSize < MIN_RESULT_STRUCT_SIZE || structSize > 64 * 1024) {
      throw new ResultError('struct_size', `is ${structSize}; set it to sizeof(quire_result) (${MIN_RESULT_STRUCT_SIZE})`);
    }
    const raw = koffi.decode(pointer as bigint, ResultStruct) as RawResult;
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
    const hasText = (raw.flags & RESULT_HAS_TEXT) !== 0;
    return {
      ok: true,
      value: {
        message,
        text: hasText ? text(raw.text, 'text', LIMITS.resultText) : null,
        edits: context.kind === 'lint' ? [] : readEdits(raw, context),
        diagnostics: context.kind === 'lint' ? readDiagnostics(raw, context) : [],
      },
    };
  } catch (error) {
    if (error instanceof ResultError) return { ok: false, failure: failure(context, error) };
    throw error;
  }
}
