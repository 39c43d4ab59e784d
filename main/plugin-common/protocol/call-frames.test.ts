/**
 * The binary call and result frames: what main sends arrives whole, what a host sends is
 * decoded only when every field is sound, and anything else (a short header, a length past
 * the frame or the limits, a cut string, bad UTF-8, an unknown type, severity or code, an
 * offset outside the document) is a described problem — never a throw, never a hang.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { PluginCallResult } from '../../../app/plugin-contract.js';
import { HostConnection } from '../../plugins/host/host-connection.js';
import { decodeCall, decodeResult, encodeCall, encodeFailure, encodeResult, type HostCallResult } from './call-frames.js';
import { encodeJsonFrame, FRAME_FAILURE, FRAME_RESULT, MAX_FRAME_BYTES } from './frames.js';
import { HOST_PROTOCOL_VERSION, type PluginCall } from './messages.js';

/** The frame as a decoder hands it over: from the type byte on. */
const body = (parts: Buffer | Buffer[]) => (Array.isArray(parts) ? Buffer.concat(parts) : Buffer.from(parts)).subarray(4);

const result = (over: Partial<HostCallResult> = {}): HostCallResult => ({
  message: 'héllo',
  text: Buffer.from('new tëxt'),
  edits: [{ start: 0, end: 2, text: 'ü' }],
  diagnostics: [
    { start: 1, end: 3, severity: 'warning', message: 'a wärning', code: 'w1' },
    { start: 0, end: 0, severity: 'hint', message: 'no code', code: null },
  ],
  ...over,
});

const decodedOk = (value: HostCallResult): PluginCallResult => ({ ...value, text: value.text === null ? null : Buffer.from(value.text).toString('utf8') });

/** Decodes, failing the test if decoding throws. */
function decode(frame: Buffer, documentLength = 10) {
  let decoded: ReturnType<typeof decodeResult> | undefined;
  expect(() => (decoded = decodeResult(frame, documentLength))).not.toThrow();
  return decoded as ReturnType<typeof decodeResult>;
}

const problemOf = (frame: Buffer, documentLength = 10) => {
  const decoded = decode(frame, documentLength);
  return decoded.ok ? null : decoded.problem;
};

describe('call frames', () => {
  it('carry a call whole: kind, handler, strings, selections and the text', () => {
    const call: PluginCall = { kind: 'format', handler: 'sört', document: { text: 'a😀b\n', languageId: 'okb', path: '/tmp/d.okb', selections: [{ start: 1, end: 3, active: 3 }] } };
    const frame = body(encodeCall(42, call));
    expect(decodeCall(frame)).toEqual({
      ok: true,
      call: {
        id: 42,
        kind: 'format',
        handler: 'sört',
        languageId: Buffer.from('okb'),
        path: Buffer.from('/tmp/d.okb'),
        selections: [1, 3, 3],
        textUtf16Length: 5,
        text: Buffer.from('a😀b\n'),
      },
    });
  });

  it('refuse a call frame that is short, of an unknown kind, or whose lengths do not add up', () => {
    const frame = body(encodeCall(1, { kind: 'command', handler: 'x', document: { text: 'abc', languageId: '', path: '', selections: [] } }));
    expect(decodeCall(frame.subarray(0, 10))).toMatchObject({ ok: false });
    const badKind = Buffer.from(frame);
    badKind[1] = 7;
    expect(decodeCall(badKind)).toMatchObject({ ok: false, problem: expect.stringContaining('kind') });
    expect(decodeCall(frame.subarray(0, frame.length - 1))).toMatchObject({ ok: false, problem: expect.stringContaining('add up') });
  });
});

describe('result frames', () => {
  it('round-trip results, with and without text, message, edits and diagnostics', () => {
    for (const value of [result(), result({ message: null, text: null, edits: [], diagnostics: [] }), result({ text: Buffer.alloc(100_000, 0x61) })]) {
      expect(decode(body(encodeResult(7, value)))).toEqual({ ok: true, result: { id: 7, outcome: { ok: true, value: decodedOk(value) } } });
    }
  });

  it('round-trip failures, with their detail', () => {
    const failure = { code: 'bad-result', message: 'Nöpe.', detail: { field: 'edits[0]', count: 3, ratio: -0.5 } } as const;
    expect(decode(body(encodeFailure(9, failure)))).toEqual({ ok: true, result: { id: 9, outcome: { ok: false, failure } } });
    expect(decode(body(encodeFailure(9, { code: 'crashed', message: 'x' })))).toEqual({ ok: true, result: { id: 9, outcome: { ok: false, failure: { code: 'crashed', message: 'x' } } } });
  });

  const good = () => Buffer.from(body(encodeResult(7, result())));
  /** Offsets in a result frame built from result(): edits from 24 + 6 (the message). */
  const EDIT = 24 + Buffer.byteLength('héllo');
  const DIAGNOSTIC = EDIT + 12 + Buffer.byteLength('ü');

  it.each([
    ['an empty frame', () => Buffer.from([FRAME_RESULT])],
    ['a header cut short', () => good().subarray(0, 20)],
    ['a failure header cut short', () => body(encodeFailure(1, { code: 'crashed', message: 'x' })).subarray(0, 10)],
    ['an unknown frame type', () => Object.assign(good(), { 0: 99 })],
    ['unknown flags', () => Object.assign(good(), { 1: 0x80 })],
    ['edit count past the limit', () => withU32(good(), 16, 100_001)],
    ['diagnostic count past the limit', () => withU32(good(), 20, 0xffffffff)],
    ['text length past the limit', () => withU32(good(), 12, MAX_FRAME_BYTES)],
    ['message length past the frame', () => withU32(good(), 8, 10_000)],
    ['message past its limit', () => body(encodeResult(1, result({ message: 'm'.repeat(5000) })))],
    ['a payload cut short', () => good().subarray(0, good().length - 3)],
    ['trailing bytes', () => Buffer.concat([good(), Buffer.from([0])])],
    ['an edit string cut short', () => withU32(good(), EDIT + 8, 200)],
    ['bad UTF-8 in the message', () => Object.assign(good(), { 24: 0xff })],
    ['bad UTF-8 in an edit text', () => Object.assign(good(), { [EDIT + 12]: 0xc3, [EDIT + 13]: 0x28 })],
    ['bad UTF-8 in the replacement text', () => Object.assign(good(), { [good().length - 1]: 0xfe })],
    ['an edit that ends past the document', () => withU32(good(), EDIT + 4, 11)],
    ['an edit that starts after it ends', () => withU32(good(), EDIT, 3)],
    ['an unknown severity', () => Object.assign(good(), { [DIAGNOSTIC + 8]: 5 })],
    ['severity zero', () => Object.assign(good(), { [DIAGNOSTIC + 8]: 0 })],
    ['a diagnostic with an empty message', () => withU32(good(), DIAGNOSTIC + 12, 0)],
    ['a code flag without a code', () => Object.assign(good(), { [DIAGNOSTIC + 9]: 1, [DIAGNOSTIC + 10]: 0, [DIAGNOSTIC + 11]: 0 })],
    ['an unknown failure code', () => Object.assign(body(encodeFailure(1, { code: 'crashed', message: 'x' })), { 1: 250 })],
    ['a detail of unknown kind', () => Object.assign(body(encodeFailure(1, { code: 'crashed', message: 'x', detail: { a: 1 } })), { 13: 9 })],
    ['a detail count past the entries', () => Object.assign(body(encodeFailure(1, { code: 'crashed', message: 'x', detail: { a: 1 } })), { 2: 2 })],
    ['a detail number that is NaN', () => {
      const frame = body(encodeFailure(1, { code: 'crashed', message: 'x', detail: { a: 1 } }));
      frame.writeDoubleLE(Number.NaN, frame.length - 8);
      return frame;
    }],
  ])('refuses %s with a described problem', (_what, make) => {
    const problem = problemOf(make());
    expect(problem).toEqual(expect.any(String));
    expect((problem as string).length).toBeGreaterThan(5);
  });

  it('never throws on any single-byte corruption or truncation of a valid frame', () => {
    const frames = [good(), body(encodeFailure(3, { code: 'plugin-error', message: 'why', detail: { call: 'command "x"', n: 2 } }))];
    for (const frame of frames) {
      for (let i = 0; i < frame.length; i++) {
        for (const value of [0, 1, 0x7f, 0x80, 0xff]) {
          const mutated = Buffer.from(frame);
          mutated[i] = value;
          decode(mutated);
        }
        decode(frame.subarray(0, i));
      }
    }
  });
});

/** A socket that is only an event emitter: what the host "sends" is emitted as data. */
function fakeSocket() {
  const socket = Object.assign(new EventEmitter(), {
    destroyed: false,
    written: [] as Buffer[],
    write(chunk: Buffer) {
      socket.written.push(chunk);
      return true;
    },
    destroy() {
      socket.destroyed = true;
    },
    setNoDelay() {},
  });
  return socket;
}

describe('a host that sends a malformed frame', () => {
  const hello = encodeJsonFrame({ type: 'hello', protocol: HOST_PROTOCOL_VERSION, pid: 1, sandbox: { landlock: 'off', seccomp: 'off' } });
  const frame = (type: number, payload: Buffer) => {
    const head = Buffer.alloc(5);
    head.writeUInt32LE(1 + payload.length, 0);
    head[4] = type;
    return Buffer.concat([head, payload]);
  };

  it.each([
    ['an unknown frame type', frame(42, Buffer.from('x'))],
    ['a result header cut short', frame(FRAME_RESULT, Buffer.alloc(3))],
    ['a failure of unknown code', frame(FRAME_FAILURE, Buffer.from([250, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]))],
    ['a frame length past the limit', Buffer.from([0xff, 0xff, 0xff, 0xff, 1])],
    ['a JSON frame that is not JSON', frame(1, Buffer.from('{'))],
  ])('is reported as having broken the protocol: %s', (_what, bad) => {
    const socket = fakeSocket();
    const connection = new HostConnection(socket as unknown as Socket);
    let hello_: unknown = null;
    connection.waitForHello((h) => (hello_ = h));
    socket.emit('data', hello);
    expect(hello_).toMatchObject({ type: 'hello' });
    const problems: string[] = [];
    const messages: unknown[] = [];
    connection.listen((m) => messages.push(m), (p) => problems.push(p));
    connection.call(1, { kind: 'command', handler: 'x', document: { text: 'abc', languageId: '', path: '', selections: [] } });
    expect(() => socket.emit('data', bad)).not.toThrow();
    // Whatever follows a broken frame is never read.
    socket.emit('data', body(encodeResult(1, result({ edits: [], diagnostics: [] }))));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/malformed|could not be read|unknown type/);
    expect(messages).toEqual([]);
    expect(socket.destroyed).toBe(true);
  });

  it('delivers a sound result whose offsets are inside the call’s document', () => {
    const socket = fakeSocket();
    const connection = new HostConnection(socket as unknown as Socket);
    socket.emit('data', hello);
    const messages: unknown[] = [];
    connection.listen((m) => messages.push(m), () => undefined);
    connection.call(5, { kind: 'command', handler: 'x', document: { text: 'abc', languageId: '', path: '', selections: [] } });
    socket.emit('data', encodeResult(5, result({ diagnostics: [] })));
    expect(messages).toMatchObject([{ type: 'result', id: 5, outcome: { ok: true, value: { message: 'héllo', edits: [{ start: 0, end: 2, text: 'ü' }] } } }]);
  });
});

function withU32(frame: Buffer, at: number, value: number): Buffer {
  frame.writeUInt32LE(value, at);
  return frame;
}
