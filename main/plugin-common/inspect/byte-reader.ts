/**
 * Bounds-checked reads over untrusted bytes. Nothing here throws or allocates in proportion to a
 * value read from the input: every range is checked against the real length first.
 */

/** Longest NUL-terminated name we read; real symbol and library names are far shorter. */
export const MAX_NAME_LENGTH = 4096;

const utf8 = new TextDecoder('utf-8');
const TWO_POW_32 = 0x1_0000_0000;

export class ByteReader {
  readonly size: number;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    readonly littleEndian: boolean,
  ) {
    this.size = bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Whether [offset, offset + length) lies inside the input; false for negative or non-integer values. */
  contains(offset: number, length: number): boolean {
    return (
      Number.isSafeInteger(offset) &&
      Number.isSafeInteger(length) &&
      offset >= 0 &&
      length >= 0 &&
      offset <= this.size &&
      length <= this.size - offset
    );
  }

  /** A window over a fixed-size record, or undefined when the record does not fit in the input. */
  record(offset: number, length: number): RecordView | undefined {
    return this.contains(offset, length) ? new RecordView(this.view, offset, length, this.littleEndian) : undefined;
  }

  /**
   * The NUL-terminated UTF-8 string at `offset`, which must end before `limit` and within
   * MAX_NAME_LENGTH bytes; undefined when it does not.
   */
  cString(offset: number, limit: number): string | undefined {
    const end = Math.min(limit, this.size, offset + MAX_NAME_LENGTH + 1);
    if (!Number.isSafeInteger(offset) || offset < 0 || offset >= end) return undefined;
    const window = this.bytes.subarray(offset, end);
    const nul = window.indexOf(0);
    return nul < 0 ? undefined : utf8.decode(window.subarray(0, nul));
  }

  startsWith(signature: readonly number[], offset = 0): boolean {
    if (!this.contains(offset, signature.length)) return false;
    return signature.every((byte, i) => this.bytes[offset + i] === byte);
  }
}

/**
 * Reads fields of one record whose extent was checked when the view was made. A read outside the
 * record, or a 64-bit value above Number.MAX_SAFE_INTEGER, yields 0 and clears `valid`, so a
 * decoder reads all its fields and then checks `valid` once instead of after every field.
 */
export class RecordView {
  valid = true;

  constructor(
    private readonly view: DataView,
    private readonly base: number,
    private readonly length: number,
    private readonly littleEndian: boolean,
  ) {}

  u8(at: number): number {
    return this.inside(at, 1) ? this.view.getUint8(this.base + at) : 0;
  }

  u16(at: number): number {
    return this.inside(at, 2) ? this.view.getUint16(this.base + at, this.littleEndian) : 0;
  }

  u32(at: number): number {
    return this.inside(at, 4) ? this.view.getUint32(this.base + at, this.littleEndian) : 0;
  }

  /** A 64-bit field read as two 32-bit halves, so no BigInt is needed; unsafe values invalidate the view. */
  u64(at: number): number {
    if (!this.inside(at, 8)) return 0;
    const first = this.view.getUint32(this.base + at, this.littleEndian);
    const second = this.view.getUint32(this.base + at + 4, this.littleEndian);
    const [low, high] = this.littleEndian ? [first, second] : [second, first];
    const value = high * TWO_POW_32 + low;
    if (!Number.isSafeInteger(value)) {
      this.valid = false;
      return 0;
    }
    return value;
  }

  private inside(at: number, width: number): boolean {
    if (at >= 0 && at + width <= this.length) return true;
    this.valid = false;
    return false;
  }
}
