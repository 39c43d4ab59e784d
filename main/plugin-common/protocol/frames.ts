/**
 * Length-prefixed frames for the main ↔ plugin host channel (a Unix socket, never the
 * plugin's stdout). Every frame is
 *
 *   [u32 LE n: the byte count of the rest][u8 frame type][n - 1 bytes laid out by the type]
 *
 * Calls and results, the hot path, are binary (call-frames.ts): their document and result
 * text travel as raw UTF-8. Rare messages (hello, load, phase, ready, load-failed, log, stop)
 * are a JSON frame: the rest is the message as UTF-8 JSON.
 */

export const FRAME_JSON = 1;
export const FRAME_CALL = 2;
export const FRAME_RESULT = 3;
export const FRAME_FAILURE = 4;

/** Largest frame either side accepts: a 64 MiB result plus headroom. */
export const MAX_FRAME_BYTES = 80 * 1024 * 1024;

/** A frame's type byte and what follows it; `frame[0]` is the type. */
export type FrameHandler = (type: number, frame: Buffer) => void;

/** A JSON frame, as one buffer. */
export function encodeJsonFrame(message: object): Buffer {
  const json = JSON.stringify(message);
  const length = Buffer.byteLength(json);
  const frame = Buffer.allocUnsafe(5 + length);
  frame.writeUInt32LE(1 + length, 0);
  frame[4] = FRAME_JSON;
  frame.write(json, 5);
  return frame;
}

/** The message of a JSON frame, or undefined when it is not JSON. */
export function parseJsonFrame(frame: Buffer): unknown {
  try {
    return JSON.parse(frame.toString('utf8', 1));
  } catch {
    return undefined;
  }
}

type Writable = { cork(): void; uncork(): void; write(chunk: Uint8Array): boolean };

/**
 * Writes one frame's buffers so the kernel sees a single write (writev for several): a frame
 * split over several writes costs the reader a wake-up per piece.
 */
export function writeFrame(stream: Writable, parts: Buffer | readonly Uint8Array[]): void {
  if (Buffer.isBuffer(parts)) {
    stream.write(parts);
    return;
  }
  stream.cork();
  for (const part of parts) stream.write(part);
  stream.uncork();
}

/** Reassembles frames from stream chunks. A malformed stream is reported once, then ignored. */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private broken = false;

  constructor(
    private readonly onFrame: FrameHandler,
    private readonly onProblem: (problem: string) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.broken) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    while (this.buffered >= 4) {
      const first = this.chunks[0] as Buffer;
      const length = first.length >= 4 ? first.readUInt32LE(0) : Buffer.concat(this.chunks).readUInt32LE(0);
      if (length < 1 || length > MAX_FRAME_BYTES) return this.fail(`frame length ${length} is out of range`);
      if (this.buffered < 4 + length) return;
      const frame = this.take(4 + length).subarray(4);
      this.onFrame(frame[0] as number, frame);
      if (this.broken) return;
    }
  }

  /** Stops decoding: what the other side sent could not be understood (reported by the caller). */
  stop(): void {
    this.broken = true;
    this.chunks = [];
    this.buffered = 0;
  }

  private fail(problem: string): void {
    this.stop();
    this.onProblem(problem);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks, this.buffered);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return all.subarray(0, n);
  }
}
