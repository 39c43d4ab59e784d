import { describe, expect, it } from 'vitest';
import { MAX_PATH_LENGTH } from '../../app/contract.js';
import { validateRequest } from './validate-request.js';

describe('validateRequest', () => {
  it('accepts a well-formed request and returns its typed params', () => {
    const result = validateRequest({ id: 7, method: 'file.read', params: { path: '/tmp/a.txt' } });
    expect(result).toEqual({ ok: true, request: { id: 7, method: 'file.read', params: { path: '/tmp/a.txt' } } });
  });

  it.each([
    ['null', null],
    ['a string', 'file.read'],
    ['an array', [1, 'file.read', {}]],
    ['a missing id', { method: 'app.info', params: {} }],
    ['a negative id', { id: -1, method: 'app.info', params: {} }],
    ['a fractional id', { id: 1.5, method: 'app.info', params: {} }],
    ['a non-string method', { id: 1, method: 42, params: {} }],
    ['an overlong method name', { id: 1, method: 'x'.repeat(101), params: {} }],
  ])('refuses %s as bad-request', (_, raw) => {
    const result = validateRequest(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('bad-request');
  });

  it('keeps the id of a malformed request when it has one, so the sender can pair the answer', () => {
    const result = validateRequest({ id: 3, method: 5 });
    expect(result).toMatchObject({ ok: false, id: 3 });
  });

  it('refuses unknown methods, including inherited object keys', () => {
    for (const method of ['file.delete', 'constructor', '__proto__', 'toString']) {
      const result = validateRequest({ id: 1, method, params: {} });
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
  });

  it('refuses params of the wrong shape and names the field', () => {
    const result = validateRequest({ id: 1, method: 'file.write', params: { path: '/a', text: 3, format: { bom: false, eol: 'LF' } } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad-request');
      expect(result.error.message).toContain('text');
    }
  });

  it('refuses oversized fields', () => {
    const tooLong = validateRequest({ id: 1, method: 'file.read', params: { path: '/'.repeat(MAX_PATH_LENGTH + 1) } });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const tooMany = validateRequest({ id: 1, method: 'file.watch', params: { paths: Array.from({ length: 501 }, (_, i) => `/f${i}`) } });
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('refuses an invalid enum value', () => {
    const result = validateRequest({ id: 1, method: 'file.write', params: { path: '/a', text: '', format: { bom: false, eol: 'CR' } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
