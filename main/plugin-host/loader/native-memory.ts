/**
 * Copying data out of a plugin's memory. Every pointer/length pair is checked before any
 * byte is read (seed 000, Bug 10): a NULL pointer with a length, a length past the limit or
 * bytes that are not UTF-8 become a described refusal, not a read of garbage. Reading a
 * wild non-NULL pointer can still fault; that kills only this plugin's host process.
 *
 * Bytes are copied with libc's memcpy into Node buffers: ~0.15 µs a copy, where koffi's
 * decoders cost 2–5 µs, and unlike koffi.view it makes no external buffer, which Electron's
 * memory cage forbids.
 */
import { isUtf8 } from 'node:buffer';
import koffi, { type TypeObject } from 'koffi';

export type Pointer = bigint | null;

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string; tooLarge?: boolean };

export interface NativeStr {
  ptr: Pointer;
  len: number | bigint;
}

const memcpy = koffi.load('libc.so.6').func('void *memcpy(void *dest, void *src, size_t n)') as (dest: Uint8Array, src: bigint, n: number) => unknown;

/** Turns a size_t (number, or BigInt when huge) into a safe number, or null. */
export function toCount(value: number | bigint): number | null {
  const n = typeof value === 'bigint' ? (value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : null) : value;
  return n !== null && Number.isSafeInteger(n) && n >= 0 ? n : null;
}

export function isNull(pointer: Pointer): boolean {
  return pointer === null || pointer === 0n;
}

/** Copies `len` bytes from `ptr` into a new buffer. */
export function copyBytes(ptr: bigint, len: number): Buffer {
  const copy = Buffer.allocUnsafe(len);
  if (len > 0) memcpy(copy, ptr, len);
  return copy;
}

/** A uint64 field of a copied struct as a number, or -1 when it is beyond 2^53. */
export function u64At(bytes: Buffer, offset: number): number {
  const high = bytes.readUInt32LE(offset + 4);
  return high >= 0x200000 ? -1 : high * 2 ** 32 + bytes.readUInt32LE(offset);
}

export function pointerAt(bytes: Buffer, offset: number): Pointer {
  const value = bytes.readBigUInt64LE(offset);
  return value === 0n ? null : value;
}

/** A quire_str (pointer, size_t) at `offset` of a copied struct. */
export function strAt(bytes: Buffer, offset: number): NativeStr {
  const len = u64At(bytes, offset + 8);
  return { ptr: pointerAt(bytes, offset), len: len < 0 ? bytes.readBigUInt64LE(offset + 8) : len };
}

/** Reads a quire_str as checked UTF-8 bytes of at most `limit` bytes. */
export function readUtf8Bytes(str: NativeStr, limit: number): Read<Buffer> {
  const len = toCount(str.len);
  if (len === null) return { ok: false, problem: `has an impossible length (${String(str.len)})`, tooLarge: true };
  if (len === 0) return { ok: true, value: Buffer.alloc(0) };
  if (isNull(str.ptr)) return { ok: false, problem: `has a NULL pointer but a length of ${len}` };
  if (len > limit) return { ok: false, problem: `is ${len} bytes long; the limit is ${limit}`, tooLarge: true };
  const bytes = copyBytes(str.ptr as bigint, len);
  return isUtf8(bytes) ? { ok: true, value: bytes } : { ok: false, problem: 'is not valid UTF-8' };
}

/** Reads a quire_str as checked UTF-8 text of at most `limit` bytes. */
export function readString(str: NativeStr, limit: number): Read<string> {
  const read = readUtf8Bytes(str, limit);
  return read.ok ? { ok: true, value: read.value.toString('utf8') } : read;
}

/** Copies `count` structs of `size` bytes from `ptr`, after checking the count against `limit`. */
export function copyArray(ptr: Pointer, count: number, size: number, limit: number): Read<Buffer> {
  if (count === 0) return { ok: true, value: Buffer.alloc(0) };
  if (count > limit) return { ok: false, problem: `has ${count} entries; the limit is ${limit}`, tooLarge: true };
  if (isNull(ptr)) return { ok: false, problem: `has a NULL pointer but a count of ${count}` };
  return { ok: true, value: copyBytes(ptr as bigint, count * size) };
}

/** Reads `count` structs of koffi `type` from `ptr` (for the descriptor, read once per load). */
export function readArray<T>(ptr: Pointer, count: number, limit: number, type: TypeObject): Read<T[]> {
  if (count === 0) return { ok: true, value: [] };
  if (count > limit) return { ok: false, problem: `has ${count} entries; the limit is ${limit}`, tooLarge: true };
  if (isNull(ptr)) return { ok: false, problem: `has a NULL pointer but a count of ${count}` };
  return { ok: true, value: koffi.decode(ptr as bigint, type, count) as T[] };
}
