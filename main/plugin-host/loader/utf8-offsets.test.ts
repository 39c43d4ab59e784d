import { describe, expect, it } from 'vitest';
import { decodeUtf8, OffsetMap } from './utf8-offsets.js';

const map = (text: string) => new OffsetMap(Buffer.from(text), text.length);

describe('OffsetMap', () => {
  it('is the identity for ASCII', () => {
    expect(map('hello').toUtf16([0, 2, 5])).toEqual({ ok: true, offsets: [0, 2, 5] });
    expect(map('hello').toBytes([0, 2, 5, 9])).toEqual([0, 2, 5, 5]);
  });

  it('translates two-, three- and four-byte characters both ways', () => {
    // é is 2 bytes/1 unit, € 3 bytes/1 unit, 😀 4 bytes/2 units.
    const text = 'aé€😀b';
    const bytesOf = (prefix: string) => Buffer.byteLength(prefix);
    const cuts = ['', 'a', 'aé', 'aé€', 'aé€😀', text];
    expect(map(text).toUtf16(cuts.map(bytesOf))).toEqual({ ok: true, offsets: cuts.map((c) => c.length) });
    expect(map(text).toBytes(cuts.map((c) => c.length))).toEqual(cuts.map(bytesOf));
  });

  it('refuses byte offsets inside a character or past the end', () => {
    expect(map('é').toUtf16([1])).toMatchObject({ ok: false, bad: 1, reason: expect.stringContaining('inside') });
    expect(map('abc').toUtf16([4])).toMatchObject({ ok: false, bad: 4, reason: expect.stringContaining('outside') });
    expect(map('abc').toUtf16([-1])).toMatchObject({ ok: false, bad: -1 });
  });

  it('agrees with a character-by-character count on long mixed texts, across its checkpoints, both ways', () => {
    const pieces = ['a', 'é', '€', '😀', '\n'];
    let text = '';
    for (let i = 0; i < 3000; i++) text += pieces[(i * 7 + (i >> 3)) % pieces.length];
    // Boundaries: byte offset and UTF-16 offset before each character, and at the end.
    const cuts: [number, number][] = [];
    let u = 0;
    let b = 0;
    for (const ch of text) {
      cuts.push([b, u]);
      b += Buffer.byteLength(ch);
      u += ch.length;
    }
    cuts.push([b, u]);
    const shuffled = [...cuts].sort((x, y) => ((x[0] * 31) % 97) - ((y[0] * 31) % 97));
    expect(map(text).toUtf16(shuffled.map(([byte]) => byte))).toEqual({ ok: true, offsets: shuffled.map(([, unit]) => unit) });
    expect(map(text).toBytes(shuffled.map(([, unit]) => unit))).toEqual(shuffled.map(([byte]) => byte));
    const one = map(text);
    expect(one.toBytes([u + 5, 0])).toEqual([b, 0]);
    expect(one.toUtf16([b, 0])).toEqual({ ok: true, offsets: [u, 0] });
  });

  it('rounds a UTF-16 offset inside a surrogate pair down to the character start', () => {
    expect(map('😀x').toBytes([1])).toEqual([0]);
  });
});

describe('decodeUtf8', () => {
  it('decodes valid UTF-8 and refuses invalid bytes', () => {
    expect(decodeUtf8(Buffer.from('ok ✓'))).toBe('ok ✓');
    expect(decodeUtf8(Uint8Array.from([0xc3, 0x28]))).toBeNull();
  });
});
