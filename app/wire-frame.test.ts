import { describe, expect, it } from 'vitest';
import { WIRE_TEXT_MIN_CHARS, decodeWireMessage, encodeWireMessage } from './wire-frame.js';

const long = (seed: string) => seed.repeat(Math.ceil(WIRE_TEXT_MIN_CHARS / seed.length) + 1);

function roundTrip(message: unknown): unknown {
  const data = encodeWireMessage(message);
  const decoded = decodeWireMessage(typeof data === 'string' ? data : new Uint8Array(data));
  if (!decoded.ok) throw new Error(decoded.reason);
  return decoded.message;
}

describe('wire frames', () => {
  it('keeps messages without long strings as JSON text', () => {
    const message = { id: 1, method: 'file.read', params: { path: '/tmp/a.txt' } };
    expect(encodeWireMessage(message)).toBe(JSON.stringify(message));
    expect(roundTrip(message)).toEqual(message);
  });

  it('moves every long string out of the JSON and puts it back exactly', () => {
    const text = long('ä "q" \\ \u{1F600}\r\n\u0000');
    const message = {
      id: 2,
      ok: true,
      value: {
        outcome: {
          ok: true,
          value: { message: null, text, edits: [{ start: 0, end: 1, text: 'x' }, { start: 2, end: 3, text: long('b') }], diagnostics: [] },
        },
      },
    };
    const data = encodeWireMessage(message);
    expect(typeof data).not.toBe('string');
    const bytes = data as Uint8Array;
    const envelopeLength = new DataView(bytes.buffer).getUint32(0, true);
    // The envelope here is ASCII, so its bytes are its characters.
    const envelope = JSON.parse(String.fromCharCode(...bytes.subarray(4, 4 + envelopeLength))) as { message: unknown; texts: unknown[] };
    const textBytes = bytes.length - 4 - envelopeLength - long('b').length;
    expect(envelope.texts).toEqual([
      [['value', 'outcome', 'value', 'text'], textBytes],
      [['value', 'outcome', 'value', 'edits', 1, 'text'], long('b').length],
    ]);
    expect(JSON.stringify(envelope.message)).not.toContain('\\"q\\"');
    expect(roundTrip(message)).toEqual(message);
  });

  it('leaves the message it encodes untouched', () => {
    const message = { id: 3, params: { document: { text: long('t'), selections: [{ start: 0, end: 0, active: 0 }] } } };
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    encodeWireMessage(message);
    expect(message).toEqual(copy);
  });

  it('keeps a leading byte order mark and an empty-looking text', () => {
    const text = `\uFEFF${long('x')}`;
    expect(roundTrip({ text })).toEqual({ text });
  });

  it('keeps strings that UTF-8 cannot carry (lone surrogates) in the JSON, unchanged', () => {
    const text = `${long('y')}\uD800`;
    expect(typeof encodeWireMessage({ text })).toBe('string');
    expect(roundTrip({ text })).toEqual({ text });
  });

  it('refuses frames whose slots do not fit, without throwing', () => {
    const good = encodeWireMessage({ id: 9, text: long('z') }) as Uint8Array;
    const cases: Uint8Array[] = [good.subarray(0, 3), good.subarray(0, good.length - 1), new Uint8Array([...good, 0x41])];
    for (const bytes of cases) {
      const decoded = decodeWireMessage(bytes);
      expect(decoded.ok).toBe(false);
    }
    const short = decodeWireMessage(good.subarray(0, good.length - 1));
    expect(short).toMatchObject({ ok: false, id: 9 });
    expect(decodeWireMessage('{nope')).toEqual({ ok: false, id: null, reason: 'not JSON' });
  });
});
