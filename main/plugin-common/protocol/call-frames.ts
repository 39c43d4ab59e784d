/**
 * The hot path of the host protocol, in binary: a `call` (main → host) and its answer, a
 * `result` or a `failure` (host → main). Each is one frame (frames.ts): after the u32 length,
 * a fixed little-endian header, then the variable parts packed in the order listed, strings
 * as raw UTF-8 with their lengths in the header or just before them. Offsets in the header
 * tables below are from the frame type byte.
 *
 * call (FRAME_CALL), 28-byte header:
 *   0 u8 type · 1 u8 kind (0 command, 1 format, 2 lint) · 2 u16 handler bytes · 4 u32 call id
 *   8 u32 language id bytes · 12 u32 path bytes · 16 u32 selection count
 *   20 u32 text length in UTF-16 code units · 24 u32 text bytes
 *   then: selections (count × u32 start, end, active: UTF-16 offsets), handler, language id,
 *   path, text.
 *
 * result (FRAME_RESULT), 24-byte header:
 *   0 u8 type · 1 u8 flags (1 has message, 2 has text) · 2 u16 zero · 4 u32 call id
 *   8 u32 message bytes · 12 u32 text bytes · 16 u32 edit count · 20 u32 diagnostic count
 *   then: message; edits, each u32 start, u32 end, u32 text bytes, text; diagnostics, each
 *   u32 start, u32 end, u8 severity (1 error, 2 warning, 3 info, 4 hint), u8 flags (1 has
 *   code), u16 code bytes, u32 message bytes, message, code; then the replacement text, last,
 *   so a large one can be written beside the rest instead of copied into it. Offsets are
 *   UTF-16 code units of the call's text.
 *
 * failure (FRAME_FAILURE), 12-byte header:
 *   0 u8 type · 1 u8 code (index into PLUGIN_FAILURE_CODES) · 2 u16 detail count
 *   4 u32 call id · 8 u32 message bytes
 *   then: message; detail entries, each u8 kind (1 string, 2 number), u8 zero, u16 key bytes,
 *   key, then a string as u32 bytes + UTF-8 or a number as f64.
 *
 * Main decodes what a host sends field by field, as strictly as a schema would (lengths within
 * the frame and the header's limits, valid UTF-8, offsets ordered and inside the document,
 * known severities and codes); anything else is a problem, never a throw.
 */
import { isUtf8 } from 'node:buffer';
import {
  DIAGNOSTIC_SEVERITIES,
  HANDLER_KINDS,
  PLUGIN_FAILURE_CODES,
  PLUGIN_LIMITS,
  PLUGIN_STATUS_LIMITS,
  type HandlerKind,
  type PluginCallResult,
  type PluginDiagnostic,
  type PluginEdit,
  type PluginFailure,
  type PluginOutcome,
} from '../../../app/plugin-contract.js';
import { FRAME_CALL, FRAME_FAILURE, FRAME_RESULT } from './frames.js';
import type { PluginCall } from './messages.js';

const CALL_HEADER = 28;
const RESULT_HEADER = 24;
const FAILURE_HEADER = 12;
const EDIT_FIXED = 12;
const DIAGNOSTIC_FIXED = 16;

const RESULT_HAS_MESSAGE = 1;
const RESULT_HAS_TEXT = 2;
const DIAGNOSTIC_HAS_CODE = 1;
const DETAIL_STRING = 1;
const DETAIL_NUMBER = 2;

/** Bodies past this go out as a buffer of their own beside the frame, uncopied. */
const COALESCE_LIMIT = 64 * 1024;

// ---------------------------------------------------------------------------------------
// call: main encodes, the host decodes

/** The call frame for `call`, as one buffer: the text is encoded straight into it. */
export function encodeCall(id: number, call: PluginCall): Buffer {
  const { document } = call;
  const handlerBytes = Buffer.byteLength(call.handler);
  const languageBytes = Buffer.byteLength(document.languageId);
  const pathBytes = Buffer.byteLength(document.path);
  const textBytes = Buffer.byteLength(document.text);
  const selections = document.selections;
  const start = CALL_HEADER + 12 * selections.length;
  const size = start + handlerBytes + languageBytes + pathBytes + textBytes;
  const frame = Buffer.allocUnsafe(4 + size);
  frame.writeUInt32LE(size, 0);
  frame[4] = FRAME_CALL;
  frame[5] = HANDLER_KINDS.indexOf(call.kind);
  frame.writeUInt16LE(handlerBytes, 6);
  frame.writeUInt32LE(id, 8);
  frame.writeUInt32LE(languageBytes, 12);
  frame.writeUInt32LE(pathBytes, 16);
  frame.writeUInt32LE(selections.length, 20);
  frame.writeUInt32LE(document.text.length, 24);
  frame.writeUInt32LE(textBytes, 28);
  let at = 4 + CALL_HEADER;
  for (const s of selections) {
    frame.writeUInt32LE(s.start, at);
    frame.writeUInt32LE(s.end, at + 4);
    frame.writeUInt32LE(s.active, at + 8);
    at += 12;
  }
  at += frame.write(call.handler, at);
  at += frame.write(document.languageId, at);
  at += frame.write(document.path, at);
  frame.write(document.text, at);
  return frame;
}

/** A call as the host runs it: strings the ABI passes on stay the UTF-8 bytes they arrived as. */
export interface HostCall {
  id: number;
  kind: HandlerKind;
  handler: string;
  languageId: Buffer;
  path: Buffer;
  /** start, end, active of each selection, in UTF-16 code units. */
  selections: number[];
  textUtf16Length: number;
  text: Buffer;
}

/** Decodes a call frame (`frame[0]` is the type), or says what is wrong with it. */
export function decodeCall(frame: Buffer): { ok: true; call: HostCall } | { ok: false; problem: string } {
  if (frame.length < CALL_HEADER) return { ok: false, problem: 'a call frame is shorter than its header' };
  const kind = HANDLER_KINDS[frame[1] as number];
  const handlerBytes = frame.readUInt16LE(2);
  const languageBytes = frame.readUInt32LE(8);
  const pathBytes = frame.readUInt32LE(12);
  const count = frame.readUInt32LE(16);
  const textBytes = frame.readUInt32LE(24);
  if (!kind) return { ok: false, problem: `a call has the unknown kind ${frame[1]}` };
  if (CALL_HEADER + 12 * count + handlerBytes + languageBytes + pathBytes + textBytes !== frame.length) {
    return { ok: false, problem: 'a call frame’s lengths do not add up to its size' };
  }
  const selections: number[] = new Array(3 * count);
  let at = CALL_HEADER;
  for (let i = 0; i < 3 * count; i++, at += 4) selections[i] = frame.readUInt32LE(at);
  const handler = frame.toString('utf8', at, (at += handlerBytes));
  const languageId = frame.subarray(at, (at += languageBytes));
  const path = frame.subarray(at, (at += pathBytes));
  const text = frame.subarray(at);
  return { ok: true, call: { id: frame.readUInt32LE(4), kind, handler, languageId, path, selections, textUtf16Length: frame.readUInt32LE(20), text } };
}

// ---------------------------------------------------------------------------------------
// result and failure: the host encodes, main decodes

/** A checked result whose replacement text stays as the UTF-8 bytes the plugin returned. */
export type HostCallResult = Omit<PluginCallResult, 'text'> & { text: Uint8Array | null };

/** The result frame for call `id`, as the buffers to write together (writeFrame). */
export function encodeResult(id: number, result: HostCallResult): Buffer | Buffer[] {
  const { message, text, edits, diagnostics } = result;
  const messageBytes = message === null ? 0 : Buffer.byteLength(message);
  let size = RESULT_HEADER + messageBytes;
  for (const edit of edits) size += EDIT_FIXED + Buffer.byteLength(edit.text);
  for (const d of diagnostics) size += DIAGNOSTIC_FIXED + Buffer.byteLength(d.message) + (d.code === null ? 0 : Buffer.byteLength(d.code));
  const textBytes = text?.length ?? 0;
  const inline = textBytes <= COALESCE_LIMIT;
  const frame = Buffer.allocUnsafe(4 + size + (inline ? textBytes : 0));
  frame.writeUInt32LE(size + textBytes, 0);
  frame[4] = FRAME_RESULT;
  frame[5] = (message === null ? 0 : RESULT_HAS_MESSAGE) | (text === null ? 0 : RESULT_HAS_TEXT);
  frame.writeUInt16LE(0, 6);
  frame.writeUInt32LE(id, 8);
  frame.writeUInt32LE(messageBytes, 12);
  frame.writeUInt32LE(textBytes, 16);
  frame.writeUInt32LE(edits.length, 20);
  frame.writeUInt32LE(diagnostics.length, 24);
  let at = 4 + RESULT_HEADER;
  if (message !== null) at += frame.write(message, at);
  for (const edit of edits) {
    frame.writeUInt32LE(edit.start, at);
    frame.writeUInt32LE(edit.end, at + 4);
    const length = frame.write(edit.text, at + EDIT_FIXED);
    frame.writeUInt32LE(length, at + 8);
    at += EDIT_FIXED + length;
  }
  for (const d of diagnostics) {
    frame.writeUInt32LE(d.start, at);
    frame.writeUInt32LE(d.end, at + 4);
    frame[at + 8] = DIAGNOSTIC_SEVERITIES.indexOf(d.severity) + 1;
    frame[at + 9] = d.code === null ? 0 : DIAGNOSTIC_HAS_CODE;
    const messageLength = frame.write(d.message, at + DIAGNOSTIC_FIXED);
    const codeLength = d.code === null ? 0 : frame.write(d.code, at + DIAGNOSTIC_FIXED + messageLength);
    frame.writeUInt16LE(codeLength, at + 10);
    frame.writeUInt32LE(messageLength, at + 12);
    at += DIAGNOSTIC_FIXED + messageLength + codeLength;
  }
  if (text === null || textBytes === 0) return frame;
  if (inline) {
    frame.set(text, at);
    return frame;
  }
  return [frame, Buffer.from(text.buffer, text.byteOffset, textBytes)];
}

/** The failure frame answering call `id`. */
export function encodeFailure(id: number, failure: PluginFailure): Buffer {
  const entries = Object.entries(failure.detail ?? {});
  const messageBytes = Buffer.byteLength(failure.message);
  let size = FAILURE_HEADER + messageBytes;
  for (const [key, value] of entries) size += 4 + Buffer.byteLength(key) + (typeof value === 'number' ? 8 : 4 + Buffer.byteLength(value));
  const frame = Buffer.allocUnsafe(4 + size);
  frame.writeUInt32LE(size, 0);
  frame[4] = FRAME_FAILURE;
  frame[5] = PLUGIN_FAILURE_CODES.indexOf(failure.code);
  frame.writeUInt16LE(entries.length, 6);
  frame.writeUInt32LE(id, 8);
  frame.writeUInt32LE(messageBytes, 12);
  let at = 4 + FAILURE_HEADER;
  at += frame.write(failure.message, at);
  for (const [key, value] of entries) {
    frame[at] = typeof value === 'number' ? DETAIL_NUMBER : DETAIL_STRING;
    frame[at + 1] = 0;
    const keyLength = frame.write(key, at + 4);
    frame.writeUInt16LE(keyLength, at + 2);
    at += 4 + keyLength;
    if (typeof value === 'number') {
      frame.writeDoubleLE(value, at);
      at += 8;
    } else {
      const length = frame.write(value, at + 4);
      frame.writeUInt32LE(length, at);
      at += 4 + length;
    }
  }
  return frame;
}

/** A result or failure as main received it, checked. */
export interface DecodedResult {
  id: number;
  outcome: PluginOutcome<PluginCallResult>;
}

class FrameProblem {
  constructor(readonly problem: string) {}
}

const fail = (problem: string): never => {
  throw new FrameProblem(problem);
};

/** `length` bytes at `at` as UTF-8 text, refusing a string past the frame, over `maxBytes` or not UTF-8. */
function utf8(frame: Buffer, at: number, length: number, maxBytes: number, field: string): string {
  if (length === 0) return '';
  if (length > maxBytes) fail(`${field} is ${length} bytes long; the limit is ${maxBytes}`);
  const end = at + length;
  if (end > frame.length) fail(`${field} runs past the end of the frame`);
  if (!isUtf8(frame.subarray(at, end))) fail(`${field} is not valid UTF-8`);
  return frame.toString('utf8', at, end);
}

/** Like utf8(), for Quire's own words, whose limit is in UTF-16 code units (at most 3 bytes each). */
function words(frame: Buffer, at: number, length: number, maxUnits: number, field: string): string {
  const text = utf8(frame, at, length, 3 * maxUnits, field);
  if (text.length > maxUnits) fail(`${field} is ${text.length} characters long; the limit is ${maxUnits}`);
  return text;
}

function need(frame: Buffer, at: number, bytes: number, field: string): void {
  if (at + bytes > frame.length) fail(`${field} runs past the end of the frame`);
}

/** A range of the call's text: ordered and inside the document. */
function range(frame: Buffer, at: number, documentLength: number, field: string): [number, number] {
  const start = frame.readUInt32LE(at);
  const end = frame.readUInt32LE(at + 4);
  if (start > end) fail(`${field} starts after it ends (${start} > ${end})`);
  if (end > documentLength) fail(`${field} ends at ${end}, past the document's ${documentLength} characters`);
  return [start, end];
}

function decodeOk(frame: Buffer, documentLength: number): PluginCallResult {
  if (frame.length < RESULT_HEADER) fail('a result frame is shorter than its header');
  const flags = frame[1] as number;
  if ((flags & ~(RESULT_HAS_MESSAGE | RESULT_HAS_TEXT)) !== 0 || frame.readUInt16LE(2) !== 0) fail('a result has unknown flags');
  const messageBytes = frame.readUInt32LE(8);
  const textBytes = frame.readUInt32LE(12);
  const editCount = frame.readUInt32LE(16);
  const diagnosticCount = frame.readUInt32LE(20);
  if (editCount > PLUGIN_LIMITS.resultEdits) fail(`a result has ${editCount} edits; the limit is ${PLUGIN_LIMITS.resultEdits}`);
  if (diagnosticCount > PLUGIN_LIMITS.resultDiagnostics) fail(`a result has ${diagnosticCount} diagnostics; the limit is ${PLUGIN_LIMITS.resultDiagnostics}`);
  if (textBytes > PLUGIN_LIMITS.resultText) fail(`a result's text is ${textBytes} bytes long; the limit is ${PLUGIN_LIMITS.resultText}`);
  if ((flags & RESULT_HAS_MESSAGE) === 0 && messageBytes !== 0) fail('a result without a message has message bytes');
  if ((flags & RESULT_HAS_TEXT) === 0 && textBytes !== 0) fail('a result without text has text bytes');
  const textStart = frame.length - textBytes;
  if (textStart < RESULT_HEADER + messageBytes + EDIT_FIXED * editCount + DIAGNOSTIC_FIXED * diagnosticCount) fail('a result frame is shorter than its lengths say');
  const body = frame.subarray(0, textStart);
  let at = RESULT_HEADER;
  const message = (flags & RESULT_HAS_MESSAGE) === 0 ? null : utf8(body, at, messageBytes, PLUGIN_LIMITS.message, 'the message');
  at += messageBytes;
  const edits: PluginEdit[] = new Array(editCount);
  let editText = 0;
  for (let i = 0; i < editCount; i++) {
    need(body, at, EDIT_FIXED, `edits[${i}]`);
    const [start, end] = range(body, at, documentLength, `edits[${i}]`);
    const length = body.readUInt32LE(at + 8);
    editText += length;
    if (editText > PLUGIN_LIMITS.resultText) fail(`the edits carry more than ${PLUGIN_LIMITS.resultText} bytes of text`);
    edits[i] = { start, end, text: utf8(body, at + EDIT_FIXED, length, PLUGIN_LIMITS.resultText, `edits[${i}].text`) };
    at += EDIT_FIXED + length;
  }
  const diagnostics: PluginDiagnostic[] = new Array(diagnosticCount);
  for (let i = 0; i < diagnosticCount; i++) {
    const field = `diagnostics[${i}]`;
    need(body, at, DIAGNOSTIC_FIXED, field);
    const [start, end] = range(body, at, documentLength, field);
    const severity = DIAGNOSTIC_SEVERITIES[(body[at + 8] as number) - 1];
    if (!severity) fail(`${field} has the unknown severity ${body[at + 8]}`);
    const hasCode = body[at + 9] as number;
    if (hasCode > DIAGNOSTIC_HAS_CODE) fail(`${field} has unknown flags`);
    const codeBytes = body.readUInt16LE(at + 10);
    const messageLength = body.readUInt32LE(at + 12);
    if (messageLength === 0) fail(`${field}.message is empty`);
    if (hasCode ? codeBytes === 0 : codeBytes !== 0) fail(`${field}.code does not match its flag`);
    const text = utf8(body, at + DIAGNOSTIC_FIXED, messageLength, PLUGIN_LIMITS.message, `${field}.message`);
    const code = hasCode ? utf8(body, at + DIAGNOSTIC_FIXED + messageLength, codeBytes, PLUGIN_LIMITS.diagnosticCode, `${field}.code`) : null;
    diagnostics[i] = { start, end, severity: severity as PluginDiagnostic['severity'], message: text, code };
    at += DIAGNOSTIC_FIXED + messageLength + codeBytes;
  }
  if (at !== textStart) fail('a result frame’s lengths do not add up to its size');
  const text = (flags & RESULT_HAS_TEXT) === 0 ? null : utf8(frame, textStart, textBytes, PLUGIN_LIMITS.resultText, 'the text');
  return { message, text, edits, diagnostics };
}

function decodeFailure(frame: Buffer): PluginFailure {
  if (frame.length < FAILURE_HEADER) fail('a failure frame is shorter than its header');
  const code = PLUGIN_FAILURE_CODES[frame[1] as number];
  if (!code) fail(`a failure has the unknown code ${frame[1]}`);
  const count = frame.readUInt16LE(2);
  const messageBytes = frame.readUInt32LE(8);
  let at = FAILURE_HEADER;
  const message = words(frame, at, messageBytes, PLUGIN_STATUS_LIMITS.failureText, 'the failure message');
  need(frame, at, messageBytes, 'the failure message');
  at += messageBytes;
  const detail: Record<string, string | number> = {};
  for (let i = 0; i < count; i++) {
    const field = `detail entry ${i}`;
    need(frame, at, 4, field);
    const kind = frame[at] as number;
    if ((kind !== DETAIL_STRING && kind !== DETAIL_NUMBER) || frame[at + 1] !== 0) fail(`${field} has the unknown kind ${kind}`);
    const keyBytes = frame.readUInt16LE(at + 2);
    const key = words(frame, at + 4, keyBytes, PLUGIN_STATUS_LIMITS.failureText, `${field}'s key`);
    need(frame, at + 4, keyBytes, `${field}'s key`);
    at += 4 + keyBytes;
    if (kind === DETAIL_NUMBER) {
      need(frame, at, 8, field);
      const value = frame.readDoubleLE(at);
      if (!Number.isFinite(value)) fail(`${field} is not a finite number`);
      detail[key] = value;
      at += 8;
    } else {
      need(frame, at, 4, field);
      const length = frame.readUInt32LE(at);
      detail[key] = words(frame, at + 4, length, PLUGIN_STATUS_LIMITS.failureText, field);
      need(frame, at + 4, length, field);
      at += 4 + length;
    }
  }
  if (at !== frame.length) fail('a failure frame’s lengths do not add up to its size');
  return count === 0 ? { code: code as PluginFailure['code'], message } : { code: code as PluginFailure['code'], message, detail };
}

/**
 * Decodes a result or failure frame (`frame[0]` is its type) from a host, checking every
 * field; `documentLength` is the UTF-16 length of the text the call was given.
 */
export function decodeResult(frame: Buffer, documentLength: number): { ok: true; result: DecodedResult } | { ok: false; problem: string } {
  try {
    if (frame[0] !== FRAME_RESULT && frame[0] !== FRAME_FAILURE) fail(`a frame of type ${frame[0]} is not a result`);
    if (frame.length < 8) fail('a result frame is shorter than its header');
    const id = frame.readUInt32LE(4);
    const outcome: PluginOutcome<PluginCallResult> =
      frame[0] === FRAME_RESULT ? { ok: true, value: decodeOk(frame, documentLength) } : { ok: false, failure: decodeFailure(frame) };
    return { ok: true, result: { id, outcome } };
  } catch (error) {
    if (error instanceof FrameProblem) return { ok: false, problem: error.problem };
    return { ok: false, problem: `a result frame could not be read (${(error as Error).message})` };
  }
}
