import { describe, expect, it } from 'vitest';
import { ByteReader, MAX_NAME_LENGTH } from './byte-reader.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe('ByteReader.contains', () => {
  const reader = new ByteReader(new Uint8Array(16), true);

  it('accepts ranges inside the input, including an empty range at its end', () => {
    expect(reader.contains(0, 16)).toBe(true);
    expect(reader.contains(16, 0)).toBe(true);
  });

  it.each([
    [0, 17],
    [17, 0],
    [-1, 4],
    [4, -1],
    [1.5, 2],
    [Number.NaN, 1],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    [8, Number.POSITIVE_INFINITY],
  ])('refuses offset %s with length %s', (offset, length) => {
    expect(reader.contains(offset, length)).toBe(false);
  });

  it('makes no record view for a range that does not fit', () => {
    expect(reader.record(12, 8)).toBeUndefined();
  });
});

describe('RecordView', () => {
  it('reads 64-bit values as two 32-bit halves in either byte order', () => {
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    view.setBigUint64(0, 0x1f_ffff_ffff_fffen, true);
    view.setBigUint64(8, 0x0000_0001_0000_0002n, false);
    expect(new ByteReader(bytes, true).record(0, 8)?.u64(0)).toBe(Number.MAX_SAFE_INTEGER - 1);
    expect(new ByteReader(bytes, false).record(8, 8)?.u64(0)).toBe(2 ** 32 + 2);
  });

  it('yields 0 and turns invalid for a value above Number.MAX_SAFE_INTEGER', () => {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, 1n << 53n, true);
    const record = new ByteReader(bytes, true).record(0, 8)!;
    expect(record.u64(0)).toBe(0);
    expect(record.valid).toBe(false);
  });

  it('yields 0 and turns invalid for a read outside the record instead of throwing', () => {
    const record = new ByteReader(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), true).record(0, 4)!;
    expect(record.u32(0)).toBe(0x04030201);
    expect(record.valid).toBe(true);
    expect(record.u32(2)).toBe(0);
    expect(record.valid).toBe(false);
  });
});

describe('ByteReader.cString', () => {
  it('reads a terminated UTF-8 name', () => {
    const reader = new ByteReader(encode('\0größe\0next\0'), true);
    expect(reader.cString(1, 13)).toBe('größe');
    expect(reader.cString(0, 13)).toBe('');
  });

  it('refuses a name that is not terminated before the limit or the end', () => {
    const reader = new ByteReader(encode('abc\0def'), true);
    expect(reader.cString(0, 2)).toBeUndefined();
    expect(reader.cString(4, 100)).toBeUndefined();
    expect(reader.cString(7, 100)).toBeUndefined();
    expect(reader.cString(-1, 100)).toBeUndefined();
  });

  it('refuses a name longer than MAX_NAME_LENGTH even when it is terminated', () => {
    const long = new Uint8Array(MAX_NAME_LENGTH + 2).fill(0x61);
    long[MAX_NAME_LENGTH + 1] = 0;
    const reader = new ByteReader(long, true);
    expect(reader.cString(0, long.length)).toBeUndefined();
    expect(reader.cString(1, long.length)).toHaveLength(MAX_NAME_LENGTH);
  });
});

describe('ByteReader.startsWith', () => {
  it('is false when the signature runs past the end', () => {
    const reader = new ByteReader(encode('MZ'), true);
    expect(reader.startsWith([0x4d, 0x5a])).toBe(true);
    expect(reader.startsWith([0x4d, 0x5a, 0x90])).toBe(false);
    expect(reader.startsWith([0x5a], 1)).toBe(true);
  });
});
