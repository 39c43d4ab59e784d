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

/**
 * Maps offsets within one UTF-8 text. When the text is ASCII (byte length equals UTF-16
 * length) both kinds of offset are the same and no scan is needed.
 */
export class OffsetMap {
  private readonly ascii: boolean;

  constructor(
    private readonly bytes: Uint8Array,
    utf16Length: number,
  ) {
    this.ascii = bytes.length === utf16Length;
  }

  /** Byte offsets → UTF-16 offsets; the first invalid offset is returned as `bad` instead. */
  toUtf16(byteOffsets: readonly number[]): { ok: true; offsets: number[] } | { ok: false; bad: number; reason: string } {
    const { bytes } = this;
    for (const offset of byteOffsets) {
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > bytes.length) {
        return { ok: false, bad: offset, reason: `is outside the document (0–${bytes.length} bytes)` };
      }
      if (offset < bytes.length && isContinuation(bytes[offset] as number)) {
        return { ok: false, bad: offset, reason: 'falls inside a UTF-8 character' };
      }
    }
    if (this.ascii) return { ok: true, offsets: [...byteOffsets] };
    const wanted = [...new Set(byteOffsets)].sort((a, b) => a - b);
    const mapped = new Map<number, number>();
    let units = 0;
    let next = 0;
    for (let i = 0; i <= bytes.length && next < wanted.length; i++) {
      while (next < wanted.length && wanted[next] === i) mapped.set(wanted[next++] as number, units);
      if (i < bytes.length) {
        const byte = bytes[i] as number;
        if (!isContinuation(byte)) units += byte >= 0xf0 ? 2 : 1;
      }
    }
    return { ok: true, offsets: byteOffsets.map((offset) => mapped.get(offset) as number) };
  }

  /** UTF-16 offsets → byte offsets, clamped to the text; a split surrogate pair rounds down. */
  toBytes(utf16Offsets: readonly number[]): number[] {
    const { bytes } = this;
    if (this.ascii) return utf16Offsets.map((o) => Math.max(0, Math.min(o, bytes.length)));
    const wanted = [...new Set(utf16Offsets)].sort((a, b) => a - b);
    const mapped = new Map<number, number>();
    let units = 0;
    let next = 0;
    for (let i = 0; i <= bytes.length && next < wanted.length; i++) {
      const byte = i < bytes.length ? (bytes[i] as number) : 0;
      if (i < bytes.length && isContinuation(byte)) continue;
      const width = i < bytes.length ? (byte >= 0xf0 ? 2 : 1) : 1;
      while (next < wanted.length && (wanted[next] as number) < units + width) mapped.set(wanted[next++] as number, i);
      units += width;
    }
    for (; next < wanted.length; next++) mapped.set(wanted[next] as number, bytes.length);
    return utf16Offsets.map((offset) => mapped.get(offset) as number);
  }
}
