import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, MAX_FRAME_BYTES, type Frame } from './frames.js';

function collect() {
  const frames: Frame[] = [];
  const problems: string[] = [];
  const decoder = new FrameDecoder((f) => frames.push(f), (p) => problems.push(p));
  return { frames, problems, decoder };
}

describe('frames', () => {
  it('round-trips a header and a binary body', () => {
    const { frames, decoder } = collect();
    const body = Buffer.from('naïve text\u0000with a NUL');
    decoder.push(Buffer.concat(encodeFrame({ type: 'call', id: 7 }, body)));
    expect(frames).toHaveLength(1);
    expect(frames[0]?.header).toEqual({ type: 'call', id: 7 });
    expect(frames[0]?.body.equals(body)).toBe(true);
  });

  it('reassembles frames split at every byte and several frames in one chunk', () => {
    const { frames, decoder, problems } = collect();
    const wire = Buffer.concat([...encodeFrame({ n: 1 }, Buffer.from('one')), ...encodeFrame({ n: 2 }), ...encodeFrame({ n: 3 }, Buffer.alloc(70_000, 7))]);
    for (let i = 0; i < wire.length; i += i < 64 ? 1 : 4096) decoder.push(wire.subarray(i, i < 64 ? i + 1 : i + 4096));
    expect(problems).toEqual([]);
    expect(frames.map((f) => f.header)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(frames[2]?.body.length).toBe(70_000);
  });

  it('reports an oversized length once and then ignores the stream', () => {
    const { frames, decoder, problems } = collect();
    const bad = Buffer.alloc(8);
    bad.writeUInt32LE(MAX_FRAME_BYTES + 1, 0);
    decoder.push(bad);
    decoder.push(Buffer.concat(encodeFrame({ after: true })));
    expect(problems).toHaveLength(1);
    expect(frames).toEqual([]);
  });

  it('reports a header length past the frame and a header that is not JSON', () => {
    for (const [headerLength, payload] of [[99, 'abc'], [3, '{no']] as const) {
      const { problems, decoder } = collect();
      const frame = Buffer.alloc(8 + payload.length);
      frame.writeUInt32LE(4 + payload.length, 0);
      frame.writeUInt32LE(headerLength, 4);
      frame.write(payload, 8);
      decoder.push(frame);
      expect(problems).toHaveLength(1);
    }
  });
});
