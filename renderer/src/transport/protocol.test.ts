import { describe, expect, it } from 'vitest';
import { EventHub } from './event-hub.js';
import { PendingRequests } from './pending-requests.js';
import { reconnectDelay } from './reconnect-delay.js';
import { toOutcome } from './response.js';

describe('PendingRequests', () => {
  it('settles each request once, by id, and fails the rest together', () => {
    const pending = new PendingRequests();
    const settled: string[] = [];
    const first = pending.add((outcome) => settled.push(`first:${outcome.ok}`));
    const second = pending.add((outcome) => settled.push(`second:${outcome.ok}`));
    pending.add((outcome) => settled.push(`third:${outcome.ok ? 'ok' : outcome.error.code}`));
    expect(first).not.toBe(second);
    expect(pending.settle(second, { ok: true, value: {} })).toBe(true);
    expect(pending.settle(second, { ok: true, value: {} })).toBe(false);
    pending.failAll({ code: 'internal', message: 'gone' });
    expect(settled).toEqual(['second:true', 'first:false', 'third:internal']);
    expect(pending.settle(first, { ok: true, value: {} })).toBe(false);
  });
});

describe('toOutcome', () => {
  it('passes results that match the contract', () => {
    expect(toOutcome('file.watch', { ok: true, value: {} })).toEqual({ ok: true, value: {} });
    const error = { code: 'not-found', message: 'No such file: /x' };
    expect(toOutcome('file.read', { ok: false, error })).toEqual({ ok: false, error });
  });

  it('turns anything else into an internal error naming the request', () => {
    for (const reply of [null, 'text', { ok: true }, { ok: true, value: { path: 1 } }, { ok: false, error: { code: 'nope' } }]) {
      const outcome = toOutcome('file.read', reply);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(outcome.error.code).toBe('internal');
        expect(outcome.error.message).toContain('file.read');
      }
    }
  });
});

describe('EventHub', () => {
  it('delivers valid events to their listeners until unsubscribed', () => {
    const hub = new EventHub();
    const seen: unknown[] = [];
    const stop = hub.on('app.openFiles', (payload) => seen.push(payload));
    expect(hub.dispatch({ event: 'app.openFiles', payload: { paths: ['/a'] } })).toBe(true);
    stop();
    hub.dispatch({ event: 'app.openFiles', payload: { paths: ['/b'] } });
    expect(seen).toEqual([{ paths: ['/a'] }]);
  });

  it('rejects unknown events and payloads the contract does not allow', () => {
    const hub = new EventHub();
    const seen: unknown[] = [];
    hub.on('menu.command', (payload) => seen.push(payload));
    expect(hub.dispatch({ event: 'menu.command', payload: { command: 'rm -rf' } })).toBe(false);
    expect(hub.dispatch({ event: 'toString', payload: {} })).toBe(false);
    expect(hub.dispatch({ event: 42, payload: {} })).toBe(false);
    expect(seen).toEqual([]);
  });
});

describe('reconnectDelay', () => {
  it('doubles from a quarter second up to a cap', () => {
    expect([0, 1, 2, 3].map(reconnectDelay)).toEqual([250, 500, 1000, 2000]);
    expect(reconnectDelay(50)).toBe(5000);
  });
});
