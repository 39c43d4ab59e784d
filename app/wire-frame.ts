/**
 * How a message crosses the browser edition's WebSocket, in both directions.
 *
 * A message without long strings is a JSON text frame, as it always was. A message carrying
 * document text (`plugins.call`'s `document.text`, its result's `text` and long edit texts,
 * `file.read`'s and `file.write`'s `text`) is one binary frame, so the text travels as its own
 * UTF-8 bytes instead of a JSON string with escapes that both ends scan and copy:
 *
 *     [u32 little-endian: envelope byte length E]
 *     [E bytes: the envelope, UTF-8 JSON]
 *     [the texts' UTF-8 bytes, back to back, in the envelope's order; nothing after them]
 *
 * The envelope is `{"message": M, "texts": [[path, byteLength], ...]}`: M is the message with
 * each long string replaced by `null`, and each `path` (object keys and array indices) names
 * the `null` its text goes back into. Which strings go out of line is decided by length alone,
 * so this file knows nothing of the contract: main and the renderer validate the reassembled
 * message against it as they always did. A frame that is malformed in any way (short header,
 * an envelope past the end or not JSON, a path to nothing, a length past the end or short of
 * it, bytes that are not UTF-8) is refused with a sentence saying which; it never throws.
 *
 * Electron IPC does not use this: see `QuireIpcBridge`.
 */

// `app/` compiles against plain ES2022 (no DOM, no Node); both runtimes have these globals.
declare const TextEncoder: new () => { encode(text: string): Uint8Array<ArrayBuffer> };
declare const TextDecoder: new (
  label: 'utf-8',
  options: { fatal: boolean; ignoreBOM: boolean },
) => { decode(bytes: Uint8Array): string };

/**
 * Strings at least this long travel as raw bytes. Below it, escaping costs less than a slot:
 * short edit texts, paths and messages stay in the envelope.
 */
export const WIRE_TEXT_MIN_CHARS = 1024;
/** Most text slots one frame may name, and the deepest path to one. */
export const MAX_WIRE_TEXTS = 100_000;
const MAX_PATH_DEPTH = 32;
const HEADER_BYTES = 4;

/** A message ready for `WebSocket.send`: JSON text, or one binary frame. */
export type WireData = string | Uint8Array<ArrayBuffer>;

export type WireDecoding = { ok: true; message: unknown } | { ok: false; id: number | null; reason: string };

type PathStep = string | number;
type Slot = { path: PathStep[]; text: string };

const encoder = new TextEncoder();
// `fatal` refuses bytes that are not UTF-8 instead of inventing U+FFFD; `ignoreBOM` keeps a
// leading U+FEFF that is part of the text.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** JSON text when `message` has no long strings, else one binary frame. */
export function encodeWireMessage(message: unknown): WireData {
  const slots: Slot[] = [];
  const stripped = extractTexts(message, [], slots);
  if (slots.length === 0) return JSON.stringify(message);
  const texts = slots.map((slot) => encoder.encode(slot.text));
  const envelope = encoder.encode(
    JSON.stringify({ message: stripped, texts: slots.map((slot, i) => [slot.path, texts[i]?.byteLength ?? 0]) }),
  );
  let size = HEADER_BYTES + envelope.byteLength;
  for (const bytes of texts) size += bytes.byteLength;
  const frame = new Uint8Array(size);
  new DataView(frame.buffer).setUint32(0, envelope.byteLength, true);
  frame.set(envelope, HEADER_BYTES);
  let offset = HEADER_BYTES + envelope.byteLength;
  for (const bytes of texts) {
    frame.set(bytes, offset);
    offset += bytes.byteLength;
  }
  return frame;
}

/**
 * Copies `value` with each long string replaced by `null`, recording where it was; parts
 * without long strings are shared, not copied. A string that is not well-formed UTF-16 (a lone
 * surrogate) stays in the JSON, whose escapes keep it exactly; UTF-8 could not.
 */
function extractTexts(value: unknown, path: PathStep[], slots: Slot[]): unknown {
  if (typeof value === 'string') {
    if (value.length < WIRE_TEXT_MIN_CHARS || !isWellFormed(value)) return value;
    slots.push({ path: [...path], text: value });
    return null;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const item = extractTexts(value[i], path, slots);
      path.pop();
      if (item !== value[i]) (copy ??= value.slice())[i] = item;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | null = null;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    path.push(key);
    const item = extractTexts(record[key], path, slots);
    path.pop();
    if (item !== record[key]) (copy ??= { ...record })[key] = item;
  }
  return copy ?? value;
}

function isWellFormed(text: string): boolean {
  // ES2024; every runtime Quire supports has it (Node 20, Chromium 111).
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}

/** The message a text or binary frame carries, or why it cannot be read. */
export function decodeWireMessage(data: string | Uint8Array): WireDecoding {
  if (typeof data === 'string') {
    try {
      return { ok: true, message: JSON.parse(data) as unknown };
    } catch {
      return { ok: false, id: null, reason: 'not JSON' };
    }
  }
  return decodeFrame(data);
}

function decodeFrame(frame: Uint8Array): WireDecoding {
  const fail = (reason: string, id: number | null = null): WireDecoding => ({ ok: false, id, reason });
  if (frame.byteLength < HEADER_BYTES) return fail(`a binary frame of ${frame.byteLength} bytes is shorter than its header`);
  const envelopeLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0, true);
  const envelopeEnd = HEADER_BYTES + envelopeLength;
  if (envelopeEnd > frame.byteLength) {
    return fail(`the envelope length ${envelopeLength} runs past the frame's ${frame.byteLength} bytes`);
  }
  let envelope: unknown;
  try {
    envelope = JSON.parse(decoder.decode(frame.subarray(HEADER_BYTES, envelopeEnd)));
  } catch {
    return fail('the envelope is not UTF-8 JSON');
  }
  if (typeof envelope !== 'object' || envelope === null || !('message' in envelope) || !('texts' in envelope)) {
    return fail('the envelope lacks "message" or "texts"');
  }
  const { message, texts } = envelope;
  const id = idOf(message);
  if (!Array.isArray(texts) || texts.length > MAX_WIRE_TEXTS) return fail('"texts" is not a list of at most 100000 slots', id);
  let offset = envelopeEnd;
  for (let i = 0; i < texts.length; i++) {
    const slot: unknown = texts[i];
    if (!Array.isArray(slot) || slot.length !== 2 || !isPath(slot[0]) || !Number.isSafeInteger(slot[1]) || slot[1] < 0) {
      return fail(`text slot ${i} is not [path, byteLength]`, id);
    }
    const [path, byteLength] = slot as [PathStep[], number];
    if (offset + byteLength > frame.byteLength) {
      return fail(`text slot ${i} (${byteLength} bytes at ${offset}) runs past the frame's ${frame.byteLength} bytes`, id);
    }
    let text: string;
    try {
      text = decoder.decode(frame.subarray(offset, offset + byteLength));
    } catch {
      return fail(`text slot ${i} is not valid UTF-8`, id);
    }
    offset += byteLength;
    if (!placeText(message, path, text)) return fail(`text slot ${i} names no null in the message (${JSON.stringify(path)})`, id);
  }
  if (offset !== frame.byteLength) return fail(`${frame.byteLength - offset} bytes follow the last text`, id);
  return { ok: true, message };
}

function isPath(value: unknown): value is PathStep[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.length <= MAX_PATH_DEPTH &&
    value.every((step) => (typeof step === 'string' && step !== '__proto__') || (Number.isSafeInteger(step) && (step as number) >= 0))
  );
}

/** Puts `text` where the path ends, only in place of a `null` the sender left there. */
function placeText(root: unknown, path: PathStep[], text: string): boolean {
  let container: unknown = root;
  for (let i = 0; i < path.length - 1; i++) container = childOf(container, path[i] as PathStep);
  const last = path[path.length - 1] as PathStep;
  if (childOf(container, last) !== null) return false;
  (container as Record<PathStep, unknown>)[last] = text;
  return true;
}

/** An own member of an object or array; undefined for anything else. */
function childOf(container: unknown, step: PathStep): unknown {
  if (typeof container !== 'object' || container === null) return undefined;
  if (Array.isArray(container) !== (typeof step === 'number')) return undefined;
  return Object.hasOwn(container, step) ? (container as Record<PathStep, unknown>)[step] : undefined;
}

function idOf(message: unknown): number | null {
  const id = typeof message === 'object' && message !== null ? (message as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
