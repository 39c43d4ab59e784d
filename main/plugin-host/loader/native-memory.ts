/**
 * Copying data out of a plugin's memory. Every pointer/length pair is checked before any
 * byte is read (seed 000, Bug 10): a NULL pointer with a length, a length past the limit or
 * bytes that are not UTF-8 become a described refusal, not a read of garbage. Reading a
 * wild non-NULL pointer can still fault; that kills only this plugin's host process.
 */
import koffi, { type TypeObject } from 'koffi';
import { decodeUtf8 } from './utf8-offsets.js';

export type Pointer = bigint | null;

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string; tooLarge?: boolean };

export interface NativeStr {
  ptr: Pointer;
  len: number | bigint;
}

/** Turns a size_t from koffi (number, or BigInt when huge) into a safe number or null. */
export function toCount(value: number | bigint): number | null {
  const n = typeof value === 'bigint' ? (value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null) : value;
  return n !== null && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export function isNull(pointer: Pointer): boolean {
  return pointer === null || pointer === 0n;
}

/** Copies `len` bytes from `ptr`. */
export function copyBytes(ptr: bigint, len: number): Uint8Array {
  return len === 0 ? new Uint8Array(0) : (koffi.decode(ptr, 'uint8_t', len) as Uint8Array);
}

/** Reads a quire_str as checked UTF-8 text of at most `limit` bytes. */
export function readString(str: NativeStr, limit: number): Read<string> {
  const len = toCount(str.len);
  if (len === null) return { ok: false, problem: `has an impossible length (${String(str.len)})`, tooLarge: true };
  if (len === 0) return { ok: true, value: '' };
  if (isNull(str.ptr)) return { ok: false, problem: `has a NULL pointer but a length of ${len}` };
  if (len > limit) return { ok: false, problem: `is ${len} bytes long; the limit is ${limit}`, tooLarge: true };
  const text = decodeUtf8(copyBytes(str.ptr as bigint, len));
  return text === null ? { ok: false, problem: 'is not valid UTF-8' } : { ok: true, value: text };
}

/** Reads `count` structs of `type` from `ptr`, after checking the count against `limit`. */
export function readArray<T>(ptr: Pointer, count: number, limit: number, type: TypeObject): Read<T[]> {
  if (count === 0) return { ok: true, value: [] };
  if (count > limit) return { ok: false, problem: `has ${count} entries; the limit is ${limit}`, tooLarge: true };
  if (isNull(ptr)) return { ok: false, problem: `has a NULL pointer but a count of ${count}` };
  return { ok: true, value: koffi.decode(ptr as bigint, type, count) as T[] };
}
