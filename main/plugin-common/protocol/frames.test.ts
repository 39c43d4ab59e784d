import { describe, expect, it } from 'vitest';
import { encodeJsonFrame, FRAME_JSON, FrameDecoder, MAX_FRAME_BYTES, parseJsonFrame } from './frames.js';

function collect() {
  const frames: { type: number; frame: Buffer }[] = [];
  const problems: string[] = [];
  const decoder = new FrameDecoder((type, frame) => frames.push({ type, frame: Buffer.from(frame) }), (p) => problems.push(p));
  return { frames, problems, decoder };
}

/** A frame of `type` with `payload` after the type byte. */
const raw = (type: number, payload: Buffer) => {
  const head = Buffer.alloc(5);
  head.writeUInt32LE(1 + payload.length, 0);
  head[4] = type;
  return Buffer.concat([head, payload]);
};

describe('frames', () => {
  it('round-trips a JSON message', () => {
    const { frames, decoder } = collect();
    decoder.push(encodeJsonFrame({ type: 'load', path: '/naïve/x.so' }));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.type).toBe(FRAME_JSON);
    expect(parseJsonFrame(frames[0]?.frame as Buffer)).toEqual({ type: 'load', path: '/naïve/x.so' });
  });

  it('reassembles frames split at every byte and several frames in one chunk', () => {
    const { frames, decoder, problems } = collect();
    const wire = Buffer.concat([encodeJsonFrame({ n: 1 }), raw(9, Buffer.from('one')), raw(7, Buffer.alloc(70_000, 7))]);
    for (let i = 0; i < wire.length; i += i < 64 ? 1 : 4096) decoder.push(wire.subarray(i, i < 64 ? i + 1 : i + 4096));
    expect(problems).toEqual([]);
    expect(frames.map((f) => f.type)).toEqual([FRAME_JSON, 9, 7]);
    expect(frames[1]?.frame.subarray(1).toString()).toBe('one');
    expect(frames[2]?.frame.length).toBe(70_001);
  });

  it('reports an oversized or empty length once and then ignores the stream', () => {
    for (const length of [MAX_FRAME_BYTES + 1, 0, 0xffffffff]) {
      const { frames, decoder, problems } = collect();
      const bad = Buffer.alloc(8);
      bad.writeUInt32LE(length, 0);
      decoder.push(bad);
      decoder.push(encodeJsonFrame({ after: true }));
      expect(problems).toHaveLength(1);
      expect(frames).toEqual([]);
    }
  });

  it('reads a JSON frame that is not JSON as undefined', () => {
    expect(parseJsonFrame(raw(FRAME_JSON, Buffer.from('{no')).subarray(4))).toBeUndefined();
  });
});
