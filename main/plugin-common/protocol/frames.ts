/**
 * Length-prefixed frames for the main ↔ plugin host channel (a Unix socket, never the
 * plugin's stdout): [u32 LE length of the rest][u32 LE header length][header: JSON][body].
 * The header is small; a document or a result text travels as raw UTF-8 in the body, so a
 * 1 MiB document costs one copy, not JSON escaping.
 */

export interface Frame {
  header: unknown;
  body: Buffer;
}

/** Largest frame either side accepts: a 64 MiB result plus headroom. */
export const MAX_FRAME_BYTES = 80 * 1024 * 1024;

/** Frames up to this size go out as one buffer; bigger bodies are written alongside, uncopied. */
const COALESCE_LIMIT = 64 * 1024;

/**
 * Encodes a frame as the buffers to write. Write them together (`writeFrame`): a frame split
 * over several writes costs the reader a wake-up per piece.
 */
export function encodeFrame(header: object, body?: Uint8Array): Buffer[] {
  const json = Buffer.from(JSON.stringify(header));
  const bodyLength = body?.length ?? 0;
  if (bodyLength <= COALESCE_LIMIT) {
    const frame = Buffer.allocUnsafe(8 + json.length + bodyLength);
    frame.writeUInt32LE(4 + json.length + bodyLength, 0);
    frame.writeUInt32LE(json.length, 4);
    json.copy(frame, 8);
    if (body && bodyLength > 0) frame.set(body, 8 + json.length);
    return [frame];
  }
  const prefix = Buffer.allocUnsafe(8);
  prefix.writeUInt32LE(4 + json.length + bodyLength, 0);
  prefix.writeUInt32LE(json.length, 4);
  return [prefix, json, Buffer.from((body as Uint8Array).buffer, (body as Uint8Array).byteOffset, bodyLength)];
}

/** Writes one frame so the kernel sees a single write (writev for large bodies). */
export function writeFrame(stream: { cork(): void; uncork(): void; write(chunk: Uint8Array): boolean }, header: object, body?: Uint8Array): void {
  const parts = encodeFrame(header, body);
  if (parts.length === 1) {
    stream.write(parts[0] as Buffer);
    return;
  }
  stream.cork();
  for (const part of parts) stream.write(part);
  stream.uncork();
}

export type DecodeProblem = { problem: string };

/** Reassembles frames from stream chunks. A malformed stream is reported once, then ignored. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private broken = false;

  constructor(
    private readonly onFrame: (frame: Frame) => void,
    private readonly onProblem: (problem: string) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.broken) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 4) {
      const head = this.peek(4);
      const length = head.readUInt32LE(0);
      if (length < 4 || length > MAX_FRAME_BYTES) return this.fail(`frame length ${length} is out of range`);
      if (this.buffered < 4 + length) return;
      const frame = this.take(4 + length).subarray(4);
      const headerLength = frame.readUInt32LE(0);
      if (headerLength > frame.length - 4) return this.fail(`header length ${headerLength} exceeds the frame`);
      let header: unknown;
      try {
        header = JSON.parse(frame.subarray(4, 4 + headerLength).toString('utf8'));
      } catch {
        return this.fail('header is not JSON');
      }
      this.onFrame({ header, body: frame.subarray(4 + headerLength) });
    }
  }

  private fail(problem: string): void {
    this.broken = true;
    this.chunks = [];
    this.buffered = 0;
    this.onProblem(problem);
  }

  private peek(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    return first.length >= n ? first : Buffer.concat(this.chunks).subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return all.subarray(0, n);
  }
}
