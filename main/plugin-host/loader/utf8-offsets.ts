/**
 * Plugins speak UTF-8 byte offsets; editors speak UTF-16 code unit offsets. This is the one
 * place that translates between them, and it refuses offsets that are out of range or fall
 * inside a character instead of guessing.
 */

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes UTF-8, or returns null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    return null;
  }
}

const isContinuation = (byte: number) => (byte & 0xc0) === 0x80;

/** Bytes between checkpoints: a conversion scans at most this many bytes past one. */
const STRIDE = 64;

/**
 * Maps offsets within one UTF-8 text, both ways: one map per call serves the selections going
 * in and the result's offsets coming out. When the text is ASCII (byte length equals UTF-16
 * length) both kinds of offset are the same and nothing is scanned. Otherwise the text is
 * scanned once, lazily and only as far as an offset asked for, leaving a checkpoint (UTF-16
 * units before it) every STRIDE bytes; each conversion then starts from the nearest one.
 */
export class OffsetMap {
  private readonly ascii: boolean;
  /** units[k]: UTF-16 code units before byte k * STRIDE, for the checkpoints scanned so far. */
  private units = new Uint32Array(0);
  private checkpoints = 0;

  constructor(
    private readonly bytes: Uint8Array,
    utf16Length: number,
  ) {
    this.ascii = bytes.length === utf16Length;
  }

  /** Byte offsets → UTF-16 offsets; the first invalid offset is returned as `bad` instead. */
  toUtf16(byteOffsets: readonly number[]): { ok: true; offsets: number[] } | { ok: false; bad: number; index: number; reason: string } {
    const offsets: number[] = new Array(byteOffsets.length);
    for (let i = 0; i < byteOffsets.length; i++) {
      const offset = byteOffsets[i] as number;
      const reason = this.refuse(offset);
      if (reason) return { ok: false, bad: offset, index: i, reason };
      offsets[i] = this.ascii ? offset : this.unitsAt(offset);
    }
    return { ok: true, offsets };
  }

  /** UTF-16 offsets → byte offsets, clamped to the text; a split surrogate pair rounds down. */
  toBytes(utf16Offsets: readonly number[]): number[] {
    const out: number[] = new Array(utf16Offsets.length);
    for (let i = 0; i < utf16Offsets.length; i++) out[i] = this.byteAt(utf16Offsets[i] as number);
    return out;
  }

  /** Why a byte offset cannot be converted, or null when it can. */
  private refuse(offset: number): string | null {
    const { bytes } = this;
    if (!Number.isSafeInteger(offset) || offset < 0 || offset > bytes.length) return `is outside the document (0–${bytes.length} bytes)`;
    if (offset < bytes.length && isContinuation(bytes[offset] as number)) return 'falls inside a UTF-8 character';
    return null;
  }

  /** UTF-16 units before byte `offset` (a character boundary within the text). */
  private unitsAt(offset: number): number {
    const k = Math.floor(offset / STRIDE);
    this.scanTo(k);
    let units = this.units[k] as number;
    const { bytes } = this;
    for (let i = k * STRIDE; i < offset; i++) {
      const byte = bytes[i] as number;
      if (!isContinuation(byte)) units += byte >= 0xf0 ? 2 : 1;
    }
    return units;
  }

  /** The byte offset of UTF-16 offset `units`, clamped; inside a surrogate pair, the pair's start. */
  private byteAt(units: number): number {
    const { bytes } = this;
    if (this.ascii) return Math.max(0, Math.min(units, bytes.length));
    if (units <= 0) return 0;
    // The last checkpoint at or before `units`, scanning further only while needed.
    while (this.checkpoints * STRIDE <= bytes.length && (this.checkpoints === 0 || (this.units[this.checkpoints - 1] as number) <= units)) {
      this.scanTo(this.checkpoints);
    }
    let low = 0;
    let high = this.checkpoints - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.units[middle] as number) <= units) low = middle;
      else high = middle - 1;
    }
    let seen = this.units[low] as number;
    for (let i = low * STRIDE; i < bytes.length; i++) {
      const byte = bytes[i] as number;
      if (isContinuation(byte)) continue;
      const width = byte >= 0xf0 ? 2 : 1;
      if (units < seen + width) return i;
      seen += width;
    }
    return bytes.length;
  }

  /** Extends the checkpoints through checkpoint `k`. */
  private scanTo(k: number): void {
    if (k < this.checkpoints) return;
    if (k >= this.units.length) {
      const grown = new Uint32Array(Math.max(k + 1, Math.min(Math.ceil(this.bytes.length / STRIDE) + 1, 2 * this.units.length + 16)));
      grown.set(this.units.subarray(0, this.checkpoints));
      this.units = grown;
    }
    const { bytes } = this;
    let units = this.checkpoints === 0 ? 0 : (this.units[this.checkpoints - 1] as number);
    let i = this.checkpoints === 0 ? 0 : (this.checkpoints - 1) * STRIDE;
    for (let next = this.checkpoints; next <= k; next++) {
      const stop = Math.min(next * STRIDE, bytes.length);
      for (; i < stop; i++) {
        const byte = bytes[i] as number;
        if (!isContinuation(byte)) units += byte >= 0xf0 ? 2 : 1;
      }
      this.units[next] = units;
    }
    this.checkpoints = k + 1;
  }
}
